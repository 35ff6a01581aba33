/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window-restore"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-window-private.h"
#include "limber-window-restore.h"

char *
limber_window_get_restore_refusal (LimberWindow *self)
{
  g_autofree char *demo_path = NULL;

  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);

  demo_path = limber_window_get_demo_path ();
  if (self->store == NULL || self->database_path == NULL)
    return g_strdup (_("No clinic database is open."));
  if (g_strcmp0 (self->database_path, demo_path) == 0)
    return g_strdup (_("The demo clinic is not backed up: its records are examples, made "
                       "again whenever they are missing."));
  if (limber_store_is_read_only (self->store))
    return g_strdup (_("This database is open read-only, so Limber neither backs it up "
                       "nor restores it here."));
  /* What is being typed there would be saved into records that are no longer shown. */
  if (self->session_editor != NULL)
    return g_strdup (_("A session is open for editing. Save or close it first; nothing was "
                       "restored."));
  if (self->patient_dialog != NULL || self->add_patient_dialog != NULL
      || self->erase_dialog != NULL)
    return g_strdup (_("A patient’s details are open for editing. Save or close them first; "
                       "nothing was restored."));
  return NULL;
}

static void
show_failure (LimberWindow *self,
              const char   *message,
              gboolean      replaced)
{
  /* The file was replaced only when the restored one failed to open afterwards:
   * the message then says where the replaced records are. */
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              replaced ? _("The Restored Backup Cannot Be Opened")
                                                       : _("The Backup Was Not Restored"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- In a thread ----- */

typedef struct
{
  GWeakRef                window;
  char                   *path;
  char                   *backup_path;
  char                   *kept;
  GApplication           *held;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_weak_ref_clear (&data->window);
  g_free (data->path);
  g_free (data->backup_path);
  g_free (data->kept);
  limber_window_release_application (data->held);
  g_free (data);
}

typedef struct
{
  LimberWindow           *window;
  LimberStoreRestoreStep  step;
  double                  fraction;  /* of the step */
} StepUpdate;

/* Checking the backup reads all of it: most of a restore's time. The bar gives it
 * this share, the other steps the rest in equal parts. */
#define VERIFYING_SHARE 0.8

static double
overall_fraction (LimberStoreRestoreStep step,
                  double                 fraction)
{
  if (step == LIMBER_STORE_RESTORE_VERIFYING)
    return VERIFYING_SHARE * fraction;
  return VERIFYING_SHARE + (1 - VERIFYING_SHARE) * (step - 1)
                           / (double) (LIMBER_STORE_N_RESTORE_STEPS - 1);
}

static const char *
describe_step (LimberStoreRestoreStep step)
{
  switch (step)
    {
    case LIMBER_STORE_RESTORE_VERIFYING:
      return _("Checking that the backup is whole…");
    case LIMBER_STORE_RESTORE_WAITING:
      return _("Waiting until the records are no longer in use (by the daily check, or by "
               "Limber in another window)…");
    case LIMBER_STORE_RESTORE_KEEPING:
      return _("Keeping a copy of the current records…");
    case LIMBER_STORE_RESTORE_REPLACING:
      return _("Putting the backup in place…");
    case LIMBER_STORE_RESTORE_OPENING:
    default:
      return _("Opening the restored records…");
    }
}

static gboolean
show_step_cb (gpointer user_data)
{
  StepUpdate *update = user_data;
  g_autofree char *text = NULL;

  if (update->window->disposed || !update->window->busy)
    return G_SOURCE_REMOVE;

  /* How much of the backup is checked, in words too for those who cannot see it. */
  if (update->step == LIMBER_STORE_RESTORE_VERIFYING)
    /* Translators: a step of a restore and how much of it is done, e.g. "Checking
     * that the backup is whole… 42 %" */
    text = g_strdup_printf (_("%s %d %%"), describe_step (update->step),
                            (int) (update->fraction * 100));
  limber_window_set_busy_step (update->window,
                               overall_fraction (update->step, update->fraction),
                               text != NULL ? text : describe_step (update->step),
                               update->step < LIMBER_STORE_RESTORE_REPLACING);
  /* Waiting for others takes as long as it takes. */
  if (update->step == LIMBER_STORE_RESTORE_WAITING)
    limber_window_set_busy_pulsing (update->window);
  return G_SOURCE_REMOVE;
}

static void
step_update_free (StepUpdate *update)
{
  g_object_unref (update->window);
  g_free (update);
}

/* Called in the thread: the window hears of it on the main loop. */
static void
on_restore_step_cb (LimberStoreRestoreStep  step,
                    double                  fraction,
                    gpointer                user_data)
{
  RestoreData *data = user_data;
  LimberWindow *window = g_weak_ref_get (&data->window);
  StepUpdate *update;

  if (window == NULL)
    return;

  update = g_new0 (StepUpdate, 1);
  update->window = window;
  update->step = step;
  update->fraction = fraction;
  /* An idle, not g_main_context_invoke(): that would run it in this thread
   * whenever the main thread is not iterating. */
  g_idle_add_full (G_PRIORITY_DEFAULT, show_step_cb, update, (GDestroyNotify) step_update_free);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  GError *error = NULL;

  if (limber_store_restore_full (data->path, data->backup_path, on_restore_step_cb, data,
                                 cancellable, &data->kept, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ----- In the window ----- */

static void
on_restore_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  RestoreData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (LimberWindow) self = g_weak_ref_get (&data->window);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *title = NULL;

  /* A window closed meanwhile shows nothing. */
  if (self != NULL && self->disposed)
    g_clear_object (&self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The file that was there, as it was. */
      if (self != NULL)
        {
          limber_window_end_busy (self);
          limber_window_open_database (self, data->path);
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            limber_window_add_toast (self, error->message);
          else
            show_failure (self, error->message, data->kept != NULL);
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (self != NULL)
    {
      limber_window_end_busy (self);
      /* The restored file, from a new connection: every view reloads. */
      limber_window_open_database (self, data->path);
      kept_name = g_path_get_basename (data->kept);
      /* Translators: %s is the file name of the copy kept of the database replaced */
      title = g_strdup_printf (_("Backup restored; the records it replaced are kept as %s"),
                               kept_name);
      limber_window_add_toast (self, title);
    }
  g_task_return_pointer (outer, g_steal_pointer (&data->kept), g_free);
}

void
limber_window_restore_backup_async (LimberWindow        *self,
                                    const char          *backup_path,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *refusal = NULL;
  RestoreData *data;

  g_return_if_fail (LIMBER_IS_WINDOW (self));
  g_return_if_fail (backup_path != NULL);

  /* Neither task keeps the window: a window closed meanwhile is not shown again.
   * A Cancel that comes too late does not turn a restore into a failure. */
  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, limber_window_restore_backup_async);
  g_task_set_check_cancellable (outer, FALSE);

  refusal = self->busy ? g_strdup (_("Limber is still busy with the clinic’s records; "
                                     "nothing was restored."))
                       : limber_window_get_restore_refusal (self);
  if (refusal != NULL)
    {
      show_failure (self, refusal, FALSE);
      g_task_return_new_error (outer, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY, "%s",
                               refusal);
      return;
    }

  data = g_new0 (RestoreData, 1);
  g_weak_ref_init (&data->window, self);
  data->path = g_strdup (self->database_path);
  data->backup_path = g_strdup (backup_path);
  data->held = limber_window_hold_application ();

  /* Every holder of the store lets go of it, so that the restore may take the file:
   * Preferences (whose page asked for this), the views, and what Undo would write. */
  if (self->preferences_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->preferences_window));
  if (self->undo_actions != NULL)
    g_hash_table_remove_all (self->undo_actions);
  limber_window_begin_busy (self, _("Restoring the Backup"),
                            _("The clinic’s records are replaced by the backup once it has "
                              "been checked. Until then, Cancel leaves everything as it "
                              "was."),
                            cancellable);
  limber_window_set_busy_step (self, 0, describe_step (LIMBER_STORE_RESTORE_VERIFYING), TRUE);
  limber_window_set_store (self, NULL, data->path);

  task = g_task_new (NULL, cancellable, on_restore_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, limber_window_restore_backup_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
limber_window_restore_backup_finish (GAsyncResult  *result,
                                     char         **kept_path,
                                     GError       **error)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  kept = g_task_propagate_pointer (G_TASK (result), error);
  if (kept == NULL)
    return FALSE;
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
