/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-background-check"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "limber-background-check.h"
#include "limber-button-name.h"
#include "limber-store.h"
#include "limber-window-private.h"

/* ----- Keeping out of the user's way -----
 *
 * On two cores the check, reading the whole file, slows what the user waits for
 * even at the least priority: the memory and the caches are shared. So it waits
 * before each read while the window is drawing, which it does while the user works
 * with it; never long, though, or an animation would hold the check back for good. */

/* A window drawn this recently is being worked with. */
#define WORKING_USEC        (250 * 1000)
#define PAUSE_STEP_USEC     (20 * 1000)
/* The longest wait, then reads without waiting for as long. */
#define LONGEST_PAUSE_USEC  (1 * G_USEC_PER_SEC)
#define READING_AFTER_USEC  (250 * 1000)

static GMutex last_drawn_lock;
static gint64 last_drawn;       /* monotonic time of the end of the latest frame */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  g_mutex_lock (&last_drawn_lock);
  last_drawn = g_get_monotonic_time ();
  g_mutex_unlock (&last_drawn_lock);
}

static gboolean
window_is_being_worked_with (gint64 now)
{
  gint64 drawn;

  g_mutex_lock (&last_drawn_lock);
  drawn = last_drawn;
  g_mutex_unlock (&last_drawn_lock);
  return drawn > 0 && now - drawn < WORKING_USEC;
}

/* In the check's thread, before each read of the file. */
static void
pause_while_worked_with (gpointer user_data)
{
  gint64 *reading_until = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 start = now;

  if (now < *reading_until)
    return;

  while (window_is_being_worked_with (now))
    {
      if (now - start >= LONGEST_PAUSE_USEC)
        {
          *reading_until = now + READING_AFTER_USEC;
          return;
        }
      g_usleep (PAUSE_STEP_USEC);
      now = g_get_monotonic_time ();
    }
}

/* ----- The check's work ----- */

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
  gint64 reading_until = 0;

  store = limber_store_open_full (path, LIMBER_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;
  /* reading_until outlives every read: the store is finalized in this function. */
  if (!limber_store_pause_reads_with (store, pause_while_worked_with, &reading_until))
    g_debug ("The check of %s reads without pausing", path);

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

/* A thread of its own rather than one of GTask's pool: the check reads the whole
 * file, seconds of work in a large clinic, and runs at a lower priority than the
 * window and the search; a pooled thread would keep that priority for the work it
 * did next. */
static gpointer
check_thread (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  char *problem;

  /* On Linux a nice value is the calling thread's alone; elsewhere it may be the
   * process's, where the window must not be slowed, so only here. */
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, 0, 10) != 0)
    g_debug ("The check keeps its priority: %s", g_strerror (errno));
#endif

  problem = check_database (g_task_get_task_data (task), &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, problem, g_free);
  return NULL;
}

/* ----- The banner ----- */

/* The banner at the foot of the window, made the first time a check fails; its
 * problem is kept on it. */
#define BANNER_KEY "limber-check-banner"
#define PROBLEM_KEY "limber-problem"

static void
on_banner_response_cb (LimberWindow *self,
                       int           response,
                       GtkInfoBar   *banner)
{
  const char *problem = g_object_get_data (G_OBJECT (banner), PROBLEM_KEY);
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

static GtkInfoBar *
ensure_banner (LimberWindow *self)
{
  GtkInfoBar *banner = g_object_get_data (G_OBJECT (self), BANNER_KEY);
  GtkWidget *label;
  GtkWidget *button;

  if (banner != NULL)
    return banner;

  banner = GTK_INFO_BAR (gtk_info_bar_new ());
  gtk_info_bar_set_message_type (banner, GTK_MESSAGE_ERROR);
  gtk_widget_set_visible (GTK_WIDGET (banner), FALSE);
  label = gtk_label_new (_("This database did not pass its check"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Wraps instead of widening a narrow window. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_add_child (banner, label);
  button = gtk_info_bar_add_button (banner, _("_Details"), GTK_RESPONSE_ACCEPT);
  limber_button_set_accessible_name (button, _("Details"));
  gtk_widget_set_tooltip_text (button, _("What Was Found, and What to Do"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This database did not pass its check"), -1);
  g_signal_connect_object (banner, "response", G_CALLBACK (on_banner_response_cb), self,
                           G_CONNECT_SWAPPED);

  /* At the foot of the window, across both panes: a narrow window shows one pane at
   * a time, and the problem must be seen whichever it is. */
  gtk_box_append (self->banner_area, GTK_WIDGET (banner));
  g_object_set_data (G_OBJECT (self), BANNER_KEY, banner);
  return banner;
}

static void
show_banner (LimberWindow *self,
             const char   *problem)
{
  GtkInfoBar *banner = ensure_banner (self);

  g_object_set_data_full (G_OBJECT (banner), PROBLEM_KEY, g_strdup (problem), g_free);
  gtk_widget_set_visible (GTK_WIDGET (banner), TRUE);
  gtk_info_bar_set_revealed (banner, TRUE);
}

static void
hide_banner (LimberWindow *self)
{
  GtkInfoBar *banner = g_object_get_data (G_OBJECT (self), BANNER_KEY);

  if (banner != NULL)
    gtk_widget_set_visible (GTK_WIDGET (banner), FALSE);
}

GtkWidget *
limber_background_check_get_banner (LimberWindow *window)
{
  GtkWidget *banner;

  g_return_val_if_fail (LIMBER_IS_WINDOW (window), NULL);

  banner = g_object_get_data (G_OBJECT (window), BANNER_KEY);
  return banner != NULL && gtk_widget_get_visible (banner) ? banner : NULL;
}

const char *
limber_background_check_get_problem (LimberWindow *window)
{
  GtkWidget *banner = limber_background_check_get_banner (window);

  return banner != NULL ? g_object_get_data (G_OBJECT (banner), PROBLEM_KEY) : NULL;
}

/* ----- The check ----- */

static void
on_check_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LimberWindow *self = LIMBER_WINDOW (source_object);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window may show another database by now (the demo clinic, a restored one). */
  if (g_strcmp0 (path, self->database_path) != 0 || self->store == NULL)
    return;

  if (error != NULL)
    problem = g_strdup (error->message);
  if (problem == NULL)
    return;

  g_warning ("The check of %s found a problem: %s", path, problem);
  /* It stays until another database is shown: a damaged one is not a passing note. */
  show_banner (self, problem);
}

static void
on_store_notify_cb (LimberWindow *self,
                    GParamSpec   *pspec,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = NULL;

  hide_banner (self);
  if (self->store == NULL || self->database_path == NULL)
    return;

  task = g_task_new (self, NULL, on_check_done_cb, NULL);
  g_task_set_source_tag (task, limber_background_check_attach);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  /* Low priority: the window's own work comes first. */
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_thread_unref (g_thread_new ("limber-check", check_thread, g_steal_pointer (&task)));
}

static void
on_map_cb (LimberWindow *self,
           gpointer      user_data)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, user_data);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_after_paint_cb), self, 0);
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
