/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-clinic-report.h"
#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-episode-report.h"
#include "limber-window-private.h"

/* The window's reports: "Export PDF…" and "Print…" of the selected patient's
 * documents, and the clinic outcomes report built on a worker thread with progress
 * and Cancel. The PDF and the printer get their pages from the same page composer
 * (LimberReportDocument). */

/* ----- Building a patient's document ----- */

/* The document of kind about the course of care shown (else the patient's current
 * one), or NULL after telling the user why there is none. */
static LimberReportDocument *
build_patient_document (LimberWindow     *self,
                        LimberReportKind  kind)
{
  LimberPatient *patient = limber_patient_view_get_patient (self->patient_view);
  g_autoptr (LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr (LimberClinic) clinic = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || patient == NULL)
    return NULL;

  if (limber_patient_view_get_shown_episode (self->patient_view) != NULL)
    analysis = limber_episode_loader_load_for_episode (self->store, patient,
                                                       limber_patient_view_get_shown_episode (self->patient_view),
                                                       &error);
  else
    analysis = limber_episode_loader_load_current (self->store, limber_patient_get_mrn (patient),
                                                   &error);
  if (analysis == NULL)
    {
      limber_window_add_toast (self, error->message);
      return NULL;
    }
  clinic = limber_store_get_clinic (self->store, &error);
  if (clinic == NULL)
    {
      limber_window_add_toast (self, error->message);
      return NULL;
    }

  return limber_episode_report_build (analysis, clinic, kind, NULL);
}

/* "<chart number> <document> <date>.pdf", with no character a file system refuses. */
static char *
suggested_file_name (const char *prefix,
                     const char *title)
{
  g_autofree char *today = limber_date_today ();
  char *name = prefix != NULL ? g_strdup_printf ("%s %s %s.pdf", prefix, title, today)
                              : g_strdup_printf ("%s %s.pdf", title, today);

  return g_strdelimit (name, "/\\:*?\"<>|", '-');
}

/* ----- Export PDF… ----- */

typedef struct
{
  LimberWindow         *window;
  LimberReportDocument *document;  /* NULL for the clinic report, built after */
  char                 *from;
  char                 *to;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->document);
  g_free (data->from);
  g_free (data->to);
  g_free (data);
}

static void start_clinic_report (LimberWindow *self,
                                 const char   *path,
                                 const char   *from,
                                 const char   *to);

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ExportData      *data)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }

  if (path != NULL && data->document == NULL)
    start_clinic_report (data->window, path, data->from, data->to);
  else if (path != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (limber_report_document_write_pdf (data->document, path, &error))
        {
          g_autofree char *basename = g_file_get_basename (file);
          /* Translators: after saving a report, e.g. "Saved D-1001 Progress report 2026-11-29.pdf". */
          g_autofree char *message = g_strdup_printf (_("Saved %s"), basename);

          limber_window_add_toast (data->window, message);
        }
      else
        limber_window_add_toast (data->window, error->message);
    }

  export_data_free (data);
  g_object_unref (chooser);
}

static void
choose_file (LimberWindow *self,
             ExportData   *data,
             const char   *title,
             const char   *suggested)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
limber_window_export_report_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  LimberPatient *patient = limber_patient_view_get_patient (self->patient_view);
  LimberReportKind kind = LIMBER_REPORT_KIND_PROGRESS;
  g_autoptr (LimberReportDocument) document = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *title = NULL;
  ExportData *data;

  limber_report_kind_from_string (g_variant_get_string (parameter, NULL), &kind);
  document = build_patient_document (self, kind);
  if (document == NULL)
    return;

  suggested = suggested_file_name (limber_patient_get_mrn (patient),
                                   limber_report_kind_get_title (kind));
  /* Translators: the title of the file chooser, e.g. "Export Progress report". */
  title = g_strdup_printf (_("Export %s"), limber_report_kind_get_title (kind));
  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->document = g_steal_pointer (&document);
  choose_file (self, data, title, suggested);
}

/* ----- Print… ----- */

static void
on_draw_page_cb (GtkPrintOperation    *operation,
                 GtkPrintContext      *context,
                 int                   page_nr,
                 LimberReportDocument *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_width, paper_height, scale;

  /* The composer draws on the clinic's paper; a printer with other paper gets the
   * page scaled to fit, never cut off. */
  limber_report_document_get_paper_size (document, &paper_width, &paper_height);
  scale = MIN (gtk_print_context_get_width (context) / paper_width,
               gtk_print_context_get_height (context) / paper_height);
  cairo_save (cr);
  if (scale < 0.999 || scale > 1.001)
    cairo_scale (cr, scale, scale);
  limber_report_document_draw_page (document, cr, page_nr);
  cairo_restore (cr);
}

static void
limber_window_print_report_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  LimberReportKind kind = LIMBER_REPORT_KIND_PROGRESS;
  g_autoptr (LimberReportDocument) document = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = NULL;
  g_autoptr (GError) error = NULL;
  LimberPatient *patient = limber_patient_view_get_patient (self->patient_view);
  g_autofree char *job = NULL;
  double width, height;

  limber_report_kind_from_string (g_variant_get_string (parameter, NULL), &kind);
  document = build_patient_document (self, kind);
  if (document == NULL)
    return;

  limber_report_document_get_paper_size (document, &width, &height);
  paper = gtk_paper_size_new (width > 600 ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);

  operation = gtk_print_operation_new ();
  job = g_strdup_printf ("%s %s", limber_patient_get_mrn (patient),
                         limber_report_document_get_title (document));
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, limber_report_document_get_n_pages (document));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    limber_window_add_toast (self, error->message);
}

/* ----- The clinic outcomes report ----- */

typedef struct
{
  char         *database;
  char         *path;
  char         *from;
  char         *to;
  GCancellable *cancellable;
  GtkWidget    *dialog;        /* main thread only, owned: Cancel closes it before the task ends */
  GtkProgressBar *progress;    /* main thread only */
  LimberWindow *window;        /* main thread only */
} ClinicJob;

static void
clinic_job_free (ClinicJob *job)
{
  g_free (job->database);
  g_free (job->path);
  g_free (job->from);
  g_free (job->to);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->dialog);
  g_clear_object (&job->window);
  g_free (job);
}

typedef struct
{
  GtkProgressBar *progress;
  double          fraction;
} ProgressUpdate;

static gboolean
apply_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  gtk_progress_bar_set_fraction (update->progress, update->fraction);
  g_object_unref (update->progress);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
on_collect_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  ClinicJob *job = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->progress = g_object_ref (job->progress);
  update->fraction = total > 0 ? (double) done / total : 1.0;
  g_idle_add (apply_progress, update);
}

static void
build_clinic_report_thread (GTask        *task,
                            gpointer      source,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  ClinicJob *job = task_data;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (LimberClinicStats) stats = NULL;
  g_autoptr (LimberClinic) clinic = NULL;
  g_autoptr (LimberReportDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  /* A connection of its own: the window's stays on the main thread. */
  store = limber_store_open_full (job->database, LIMBER_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    stats = limber_clinic_report_collect (store, job->from, job->to, on_collect_progress, job,
                                          cancellable, &error);
  if (stats != NULL)
    clinic = limber_store_get_clinic (store, &error);
  if (clinic != NULL)
    {
      document = limber_clinic_report_build (stats, clinic, job->from, job->to, NULL);
      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        limber_report_document_write_pdf (document, job->path, &error);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_clinic_report_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  ClinicJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (job->dialog));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *basename = g_path_get_basename (job->path);
      g_autofree char *message = g_strdup_printf (_("Saved %s"), basename);

      limber_window_add_toast (job->window, message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    limber_window_add_toast (job->window, _("Clinic outcomes report cancelled"));
  else
    limber_window_add_toast (job->window, error->message);
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GCancellable     *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
start_clinic_report (LimberWindow *self,
                     const char   *path,
                     const char   *from,
                     const char   *to)
{
  g_autoptr (GTask) task = NULL;
  ClinicJob *job;
  GtkWidget *dialog;
  GtkWidget *progress;

  if (self->store == NULL)
    return;

  job = g_new0 (ClinicJob, 1);
  job->database = g_strdup (limber_store_get_path (self->store));
  job->path = g_strdup (path);
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->cancellable = g_cancellable_new ();
  job->window = g_object_ref (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Making the Clinic Outcomes Report"),
                                   _("Every course of care of the period is read and judged."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  progress = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Courses of care read"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), progress);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_progress_response_cb),
                           job->cancellable, 0);
  job->dialog = g_object_ref (dialog);
  job->progress = GTK_PROGRESS_BAR (progress);
  gtk_window_present (GTK_WINDOW (dialog));

  task = g_task_new (self, job->cancellable, on_clinic_report_done_cb, NULL);
  g_task_set_source_tag (task, start_clinic_report);
  g_task_set_task_data (task, job, (GDestroyNotify) clinic_job_free);
  g_task_run_in_thread (task, build_clinic_report_thread);
}

/* The period: two dates, checked as they are typed. */
typedef struct
{
  GtkEditable *from;
  GtkEditable *to;
} PeriodEntries;

static gboolean
period_is_valid (PeriodEntries *entries)
{
  const char *from = gtk_editable_get_text (entries->from);
  const char *to = gtk_editable_get_text (entries->to);

  return limber_date_is_valid (from) && limber_date_is_valid (to) && g_strcmp0 (from, to) <= 0;
}

static void
on_period_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  PeriodEntries *entries = g_object_get_data (G_OBJECT (dialog), "limber-period");

  adw_message_dialog_set_response_enabled (dialog, "save", period_is_valid (entries));
}

static void
on_period_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LimberWindow     *self)
{
  PeriodEntries *entries = g_object_get_data (G_OBJECT (dialog), "limber-period");
  g_autofree char *suggested = NULL;
  g_autofree char *title = NULL;
  ExportData *data;

  if (g_strcmp0 (response, "save") != 0 || !period_is_valid (entries))
    return;

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->from = g_strdup (gtk_editable_get_text (entries->from));
  data->to = g_strdup (gtk_editable_get_text (entries->to));
  suggested = suggested_file_name (NULL, _("Clinic outcomes report"));
  choose_file (self, data, _("Export Clinic Outcomes Report"), suggested);
}

static GtkWidget *
add_date_row (GtkGrid    *grid,
              int         row,
              const char *label_text,
              const char *value)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "YYYY-MM-DD");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static void
limber_window_export_clinic_report_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autofree char *today = limber_date_today ();
  g_autofree char *year_start = g_strdup_printf ("%.4s-01-01", today);
  PeriodEntries *entries = g_new0 (PeriodEntries, 1);
  GtkWidget *dialog, *grid;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Clinic Outcomes Report"),
                                   _("The courses of care that started in this period."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  entries->from = GTK_EDITABLE (add_date_row (GTK_GRID (grid), 0, _("_From"), year_start));
  entries->to = GTK_EDITABLE (add_date_row (GTK_GRID (grid), 1, _("_To"), today));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  g_object_set_data_full (G_OBJECT (dialog), "limber-period", entries, g_free);

  g_signal_connect_object (entries->from, "changed", G_CALLBACK (on_period_changed_cb), dialog, 0);
  g_signal_connect_object (entries->to, "changed", G_CALLBACK (on_period_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_period_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- Actions ----- */

void
limber_window_update_report_actions (LimberWindow *self)
{
  gboolean has_patient = self->store != NULL
                         && limber_patient_view_get_patient (self->patient_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", has_patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", has_patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-clinic-report",
                                 self->store != NULL);
}

void
limber_window_class_add_report_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", "s",
                                   limber_window_export_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", "s",
                                   limber_window_print_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-clinic-report", NULL,
                                   limber_window_export_clinic_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-report", "s", "progress");
}
