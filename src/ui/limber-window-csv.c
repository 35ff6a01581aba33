/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-csv-export.h"
#include "limber-date.h"
#include "limber-import-dialog.h"
#include "limber-window-private.h"

/* The window's "Import CSV…" and "Export CSV…": the format and the all-or-nothing
 * rules of the command line's import and export, on worker threads with
 * connections of their own. */

static gboolean
limber_window_shows_demo (LimberWindow *self)
{
  g_autofree char *demo_path = limber_window_get_demo_path ();

  /* Not when the clinic itself was started on that file: then it is the clinic. */
  return g_strcmp0 (self->database_path, demo_path) == 0
         && g_strcmp0 (self->clinic_path, demo_path) != 0;
}

static void
add_csv_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (chooser, filter);
}

/* ----- Import CSV… ----- */

static void
on_imported_cb (LimberWindow             *self,
                const LimberImportCounts *counts,
                LimberImportDialog       *dialog)
{
  g_autofree char *patients = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *measurements = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *title = NULL;

  /* The rows came through another connection: tell everything that shows the
   * window's store, as its own commit would. */
  if (self->store != NULL)
    g_signal_emit_by_name (self->store, "changed", "import");

  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row unchanged",
                                            "%u rows unchanged", counts->rows_unchanged),
                               counts->rows_unchanged);
  if (counts->patients_added + counts->sessions_added + counts->measurements_added == 0)
    {
      /* Translators: %s is "12 rows unchanged". */
      title = g_strdup_printf (_("Nothing new to import: %s"), unchanged);
      limber_window_add_toast (self, title);
      return;
    }

  patients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients",
                                           counts->patients_added),
                              counts->patients_added);
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                           counts->sessions_added),
                              counts->sessions_added);
  measurements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measurement",
                                               "%u measurements", counts->measurements_added),
                                  counts->measurements_added);
  /* Translators: after an import, e.g. "Added 3 patients, 12 sessions and 48
   * measurements; 0 rows unchanged". */
  title = g_strdup_printf (_("Added %s, %s and %s; %s"), patients, sessions, measurements,
                           unchanged);
  limber_window_add_toast (self, title);
}

static void
on_import_cancelled_cb (LimberWindow       *self,
                        LimberImportDialog *dialog)
{
  limber_window_add_toast (self, _("Import cancelled: nothing was written"));
}

void
limber_window_import_csv_file (LimberWindow *self,
                               GFile        *file)
{
  LimberImportDialog *dialog;

  g_return_if_fail (LIMBER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  dialog = limber_import_dialog_new (GTK_WINDOW (self), limber_store_get_path (self->store), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "cancelled", G_CALLBACK (on_import_cancelled_cb), self,
                           G_CONNECT_SWAPPED);
  limber_import_dialog_start (dialog);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     LimberWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        limber_window_import_csv_file (self, file);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_import_file (LimberWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import CSV"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  add_csv_filter (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_demo_import_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LimberWindow     *self)
{
  if (g_strcmp0 (response, "clinic") != 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-clinic", NULL);
  if (!limber_window_shows_demo (self) && self->store != NULL)
    choose_import_file (self);
}

static void
limber_window_import_csv_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  GtkWidget *dialog;

  if (!limber_window_shows_demo (self))
    {
      choose_import_file (self);
      return;
    }

  /* Real records mixed with made-up patients would be lost to the clinic, or worse,
   * mistaken for demo data: import goes into the clinic's own database. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Into Your Clinic"),
                                   _("The demo clinic holds made-up patients only, so "
                                     "nothing can be imported into it. Return to your "
                                     "clinic to import its records."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clinic", _("_Return to Your Clinic"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clinic",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "clinic");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_demo_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- Export CSV… ----- */

typedef struct
{
  char *database_path;
  char *path;
  guint n_rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Reading only; the file is written whole or not at all, readable by its owner. */
  store = limber_store_open_full (job->database_path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !limber_csv_export_file (store, job->path, &job->n_rows, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LimberWindow *self = LIMBER_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      limber_window_add_toast (self, error->message);
      return;
    }

  shown = g_filename_display_name (job->path);
  /* Translators: e.g. "Exported 48 measurements to /home/anna/visits.csv". */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u measurement to %s",
                                        "Exported %u measurements to %s", job->n_rows),
                           job->n_rows, shown);
  limber_window_add_toast (self, title);
}

void
limber_window_export_csv_file (LimberWindow *self,
                               GFile        *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (LIMBER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->database_path = g_strdup (limber_store_get_path (self->store));
  job->path = g_file_get_path (file);

  task = g_task_new (self, NULL, on_export_done_cb, NULL);
  g_task_set_source_tag (task, limber_window_export_csv_file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     LimberWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        limber_window_export_csv_file (self, file);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
limber_window_export_csv_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *today = limber_date_today ();
  g_autofree char *suggested = NULL;

  /* Translators: the suggested file name of an export; %s is today's date. */
  suggested = g_strdup_printf (limber_window_shows_demo (self) ? _("Demo clinic %s.csv")
                                                               : _("Measurements %s.csv"),
                               today);
  chooser = gtk_file_chooser_native_new (_("Export CSV"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  add_csv_filter (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ----- Actions ----- */

void
limber_window_update_csv_actions (LimberWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", self->store != NULL);
}

void
limber_window_class_add_csv_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL,
                                   limber_window_import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL,
                                   limber_window_export_csv_action);
}
