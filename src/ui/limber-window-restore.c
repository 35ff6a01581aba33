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
              const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              _("The Backup Was Not Restored"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
limber_window_restore_backup (LimberWindow  *self,
                              const char    *backup_path,
                              char         **kept_path,
                              GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *title = NULL;
  gboolean restored;

  g_return_val_if_fail (LIMBER_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  refusal = limber_window_get_restore_refusal (self);
  if (refusal != NULL)
    {
      show_failure (self, refusal);
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY, refusal);
      return FALSE;
    }

  /* Every holder of the store lets go of it, so that the restore may take the file:
   * Preferences (whose page asked for this), the views, and what Undo would write. */
  path = g_strdup (self->database_path);
  if (self->preferences_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->preferences_window));
  if (self->undo_actions != NULL)
    g_hash_table_remove_all (self->undo_actions);
  limber_window_set_store (self, NULL, path);

  restored = limber_store_restore (path, backup_path, &kept, &local_error);

  /* The restored file, or the one that was there if nothing was restored. */
  limber_window_open_database (self, path);
  if (!restored)
    {
      show_failure (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  kept_name = g_path_get_basename (kept);
  /* Translators: %s is the file name of the copy kept of the database replaced */
  title = g_strdup_printf (_("Backup restored; the records it replaced are kept as %s"),
                           kept_name);
  limber_window_add_toast (self, title);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
