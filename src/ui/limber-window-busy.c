/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window-busy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-window-private.h"

/* Long work on the whole database (a restore, a schema upgrade) runs in a thread
 * on a connection of its own. Meanwhile the window shows a page that says what
 * runs, with a spinner, how far it is and Cancel where stopping changes nothing;
 * the window has no store then, so that nothing can be read or written. The
 * application is held until the work ends, so that closing the window does not
 * cut it short. */

/* ----- The busy page ----- */

/* How often a bar whose step has no known length moves. */
#define PULSE_MS 150

static void
update_accessible (LimberWindow *self,
                   const char   *step)
{
  const char *title = adw_status_page_get_title (self->busy_page);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, step,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, step,
                                  -1);
}

void
limber_window_begin_busy (LimberWindow *self,
                          const char   *title,
                          const char   *description,
                          GCancellable *cancellable)
{
  g_return_if_fail (LIMBER_IS_WINDOW (self));
  g_return_if_fail (!self->busy);

  self->busy = TRUE;
  g_set_object (&self->busy_cancellable, cancellable);

  adw_status_page_set_title (self->busy_page, title);
  adw_status_page_set_description (self->busy_page, description);
  gtk_spinner_set_spinning (self->busy_spinner, TRUE);
  gtk_widget_set_visible (self->busy_cancel_button, cancellable != NULL);
  limber_window_set_busy_step (self, -1, description, cancellable != NULL);

  /* At once: no fading, during which the records would still take clicks. */
  gtk_stack_set_visible_child_full (self->main_stack, "busy", GTK_STACK_TRANSITION_TYPE_NONE);
  limber_window_update_actions (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  LimberWindow *self = user_data;

  gtk_progress_bar_pulse (self->busy_progress);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulsing (LimberWindow *self)
{
  g_clear_handle_id (&self->busy_pulse_id, g_source_remove);
}

void
limber_window_set_busy_pulsing (LimberWindow *self)
{
  g_return_if_fail (LIMBER_IS_WINDOW (self));

  if (self->busy_pulse_id == 0)
    self->busy_pulse_id = g_timeout_add (PULSE_MS, pulse_cb, self);
}

void
limber_window_set_busy_step (LimberWindow *self,
                             double        fraction,
                             const char   *step,
                             gboolean      can_cancel)
{
  g_return_if_fail (LIMBER_IS_WINDOW (self));

  stop_pulsing (self);
  /* The step above the bar, in the page's own text size; the bar keeps it too. */
  gtk_label_set_text (self->busy_step, fraction >= 0 ? step : "");
  gtk_widget_set_visible (GTK_WIDGET (self->busy_step), fraction >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_progress), fraction >= 0);
  gtk_progress_bar_set_fraction (self->busy_progress, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->busy_progress, step);
  gtk_widget_set_sensitive (self->busy_cancel_button,
                            can_cancel && self->busy_cancellable != NULL
                            && !g_cancellable_is_cancelled (self->busy_cancellable));
  update_accessible (self, step);
}

void
limber_window_end_busy (LimberWindow *self)
{
  g_return_if_fail (LIMBER_IS_WINDOW (self));

  if (!self->busy)
    return;

  self->busy = FALSE;
  stop_pulsing (self);
  g_clear_object (&self->busy_cancellable);
  gtk_spinner_set_spinning (self->busy_spinner, FALSE);
  limber_window_update_actions (self);
}

static void
on_busy_cancel_clicked_cb (LimberWindow *self,
                           GtkButton    *button)
{
  if (self->busy_cancellable == NULL)
    return;

  g_cancellable_cancel (self->busy_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_label_set_text (self->busy_step, _("Stopping…"));
  gtk_progress_bar_set_text (self->busy_progress, _("Stopping…"));
  update_accessible (self, _("Stopping…"));
}

GApplication *
limber_window_hold_application (void)
{
  /* The window's own is not set yet while it is constructed. */
  GApplication *application = g_application_get_default ();

  if (application == NULL)
    return NULL;
  g_application_hold (application);
  return g_object_ref (application);
}

void
limber_window_release_application (GApplication *application)
{
  if (application == NULL)
    return;
  g_application_release (application);
  g_object_unref (application);
}

void
limber_window_dispose_busy (LimberWindow *self)
{
  /* A restore that has not started to replace the file stops. */
  self->disposed = TRUE;
  self->busy = FALSE;
  g_cancellable_cancel (self->busy_cancellable);
  g_clear_object (&self->busy_cancellable);
  stop_pulsing (self);
}

void
limber_window_class_add_busy (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, banner_area);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, busy_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, busy_step);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, busy_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_busy_cancel_clicked_cb);
}

/* ----- Upgrading the schema on open ----- */

typedef struct
{
  GWeakRef      window;
  char         *path;
  GApplication *held;
} UpgradeData;

static void
upgrade_data_free (UpgradeData *data)
{
  g_weak_ref_clear (&data->window);
  g_free (data->path);
  limber_window_release_application (data->held);
  g_free (data);
}

/* In a thread: opening upgrades the file, all steps in one transaction. The window
 * opens it again once done, which is then quick. */
static void
upgrade_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UpgradeData *data = task_data;
  g_autoptr (LimberStore) store = NULL;
  GError *error = NULL;

  store = limber_store_open (data->path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_upgrade_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  UpgradeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (LimberWindow) self = g_weak_ref_get (&data->window);
  g_autoptr (GError) error = NULL;
  gint64 started = GPOINTER_TO_SIZE (user_data);

  /* The window was closed meanwhile: the file is upgraded or as it was. */
  if (self == NULL || self->disposed)
    return;

  limber_window_end_busy (self);
  g_debug ("Upgrading %s took %.1f s", data->path,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      limber_window_show_error (self, data->path, error->message);
      return;
    }

  limber_window_open_database (self, data->path);
}

void
limber_window_upgrade_database (LimberWindow *self,
                                const char   *path)
{
  g_autoptr (GTask) task = NULL;
  UpgradeData *data;

  g_return_if_fail (LIMBER_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  limber_window_begin_busy (self, _("Updating the Clinic’s Records"),
                            _("Updating the clinic’s records for this version of Limber… "
                              "On a large clinic this takes a minute or so. Nothing is "
                              "changed unless all of it succeeds."),
                            NULL);
  limber_window_set_store (self, NULL, path);

  data = g_new0 (UpgradeData, 1);
  g_weak_ref_init (&data->window, self);
  data->path = g_strdup (path);
  data->held = limber_window_hold_application ();
  task = g_task_new (NULL, NULL, on_upgrade_done_cb,
                     GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
  g_task_set_source_tag (task, limber_window_upgrade_database);
  g_task_set_task_data (task, data, (GDestroyNotify) upgrade_data_free);
  g_task_run_in_thread (task, upgrade_thread);
}
