/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-background-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-background-check.h"
#include "limber-store.h"
#include "limber-window-private.h"

/* The work of one check, in a thread: its own read-only connection to the file, so
 * that the window's goes on meanwhile. Returns the first problem in words, or NULL. */
static char *
check_database (const char  *path,
                GError     **error)
{
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) backup_error = NULL;
  g_autofree char *made = NULL;

  store = limber_store_open_full (path, LIMBER_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;

  /* The day's backup checks the whole database first; without one to make, the
   * check runs alone. */
  if (!limber_store_backup_daily (store, &made, &backup_error))
    return g_strdup (backup_error->message);
  if (made != NULL)
    {
      g_debug ("Backed up %s to %s", path, made);
      return NULL;
    }

  problems = limber_store_verify (store, error);
  if (problems == NULL || problems->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (problems, 0));
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  char *problem = check_database (task_data, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, problem, g_free);
}

static void
on_details_clicked_cb (LimberWindow *self,
                       AdwToast     *toast)
{
  const char *problem = g_object_get_data (G_OBJECT (toast), "limber-problem");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("%s\n\nLimber reads the whole database after it opens it and "
                            "found this. Keep this file for whoever looks into it, and "
                            "restore the latest good backup: see “Where your data lives” "
                            "in the help."), problem);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Did Not Pass Its Check"),
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_check_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LimberWindow *self = LIMBER_WINDOW (source_object);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = g_task_propagate_pointer (G_TASK (result), &error);
  AdwToast *toast;

  /* The window may show another database by now (the demo clinic). */
  if (g_strcmp0 (path, self->database_path) != 0)
    return;

  if (error != NULL)
    problem = g_strdup (error->message);
  if (problem == NULL)
    return;

  g_warning ("The check of %s found a problem: %s", path, problem);
  toast = adw_toast_new (_("This database did not pass its check"));
  /* It stays until dismissed: a damaged database is not a passing note. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_details_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (toast), "limber-problem", g_steal_pointer (&problem),
                          g_free);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_store_notify_cb (LimberWindow *self,
                    GParamSpec   *pspec,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = NULL;

  if (self->store == NULL || self->database_path == NULL)
    return;

  task = g_task_new (self, NULL, on_check_done_cb, NULL);
  g_task_set_source_tag (task, limber_background_check_attach);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  /* Low priority: the window's own work comes first. */
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, check_thread);
}

static void
on_map_cb (LimberWindow *self,
           gpointer      user_data)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, user_data);
  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_notify_cb), NULL);
  on_store_notify_cb (self, NULL, NULL);
}

void
limber_background_check_attach (LimberWindow *window)
{
  g_return_if_fail (LIMBER_IS_WINDOW (window));

  /* After the window shows, so that it costs the first frame nothing. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_map_cb (window, NULL);
  else
    g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}
