/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-file.h"
#include "limber-import-dialog.h"

struct _LimberImportDialog
{
  AdwMessageDialog  parent_instance;

  /* widgets */
  GtkStack         *stack;          /* "progress" or "errors" */
  GtkProgressBar   *progress;
  GtkTextView      *errors_view;
  GtkButton        *copy_button;

  /* owned */
  char             *database_path;
  GFile            *file;
  char             *display_name;
  GCancellable     *cancellable;
  gboolean          running;
  gboolean          closed;

  /* written by the worker, read on the main thread */
  int               permille;
  int               progress_pending;
};

G_DEFINE_FINAL_TYPE (LimberImportDialog, limber_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_IMPORTED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ----- The worker ----- */

typedef struct
{
  char *database_path;
  char *path;
  char *display_name;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database_path);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job);
}

static gboolean
apply_progress_cb (gpointer user_data)
{
  LimberImportDialog *self = user_data;

  g_atomic_int_set (&self->progress_pending, 0);
  if (!self->closed)
    gtk_progress_bar_set_fraction (self->progress, g_atomic_int_get (&self->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* In the worker: at most one update waits for the main loop at a time. */
static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  LimberImportDialog *self = user_data;

  g_atomic_int_set (&self->permille, (int) (fraction * 1000));
  if (g_atomic_int_compare_and_exchange (&self->progress_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, apply_progress_cb, g_object_ref (self), g_object_unref);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LimberImportCounts counts;
  gsize length = 0;

  if (!limber_file_read (job->path, &contents, &length, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A connection of its own: the window's stays on the main thread. */
  store = limber_store_open (job->database_path, &error);
  if (store == NULL
      || !limber_csv_import_data_full (store, contents, length, job->display_name,
                                       cancellable, on_import_progress, source,
                                       &counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_memdup2 (&counts, sizeof counts), g_free);
}

/* ----- Showing the outcome ----- */

static void
show_problems (LimberImportDialog *self,
               const GError       *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  g_autofree char *body = NULL;

  adw_message_dialog_set_response_label (dialog, "close", _("_Close"));
  gtk_progress_bar_set_fraction (self->progress, 0);

  if (!g_error_matches (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID))
    {
      /* Translators: the file could not be read or the database written; %s is why. */
      body = g_strdup_printf (_("%s\n\nNothing was written."), error->message);
      adw_message_dialog_set_heading (dialog, _("Import Failed"));
      adw_message_dialog_set_body (dialog, body);
      gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);
      return;
    }

  {
    g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
    guint n = g_strv_length (lines);

    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” has %u problem. Nothing was written: correct "
                                         "the file and import it again.",
                                         "“%s” has %u problems. Nothing was written: correct "
                                         "the file and import it again.",
                                         n),
                            self->display_name, n);
  }
  adw_message_dialog_set_heading (dialog, _("Nothing Was Imported"));
  adw_message_dialog_set_body (dialog, body);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->errors_view), error->message, -1);
  gtk_stack_set_visible_child_name (self->stack, "errors");
  gtk_widget_grab_focus (GTK_WIDGET (self->errors_view));
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LimberImportDialog *self = LIMBER_IMPORT_DIALOG (source);
  g_autofree LimberImportCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  counts = g_task_propagate_pointer (G_TASK (result), &error);

  if (counts != NULL)
    {
      /* Committed, even when Cancel came too late to stop it. */
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, counts);
      if (!self->closed)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_cancellable_is_cancelled (self->cancellable))
    g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
  else if (!self->closed)
    show_problems (self, error);
}

/* ----- The dialog ----- */

static void
on_copy_clicked_cb (LimberImportDialog *self,
                    GtkButton          *button)
{
  g_autofree char *text = limber_import_dialog_dup_errors (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text != NULL ? text : "");
  gtk_button_set_label (button, _("Copied"));
}

static void
limber_import_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  LimberImportDialog *self = LIMBER_IMPORT_DIALOG (dialog);

  /* "close" is Cancel while the import runs: it rolls back in the worker. */
  if (self->running)
    g_cancellable_cancel (self->cancellable);
}

static GtkWidget *
build_errors_page (LimberImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("Copy _All"));

  /* Read-only but with a cursor, so that the keyboard can select a part too. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems found in the file"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  /* Named without the mnemonic's underscore, which GTK 4.8 would read out. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy All"), -1);
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (copy, _("Copy every problem, one a line"));
  g_signal_connect_object (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), copy);
  self->errors_view = GTK_TEXT_VIEW (view);
  self->copy_button = GTK_BUTTON (copy);
  return box;
}

static void
limber_import_dialog_dispose (GObject *object)
{
  LimberImportDialog *self = LIMBER_IMPORT_DIALOG (object);

  /* The worker may still run (it holds a reference): it must not touch widgets. */
  self->closed = TRUE;
  if (self->running)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (limber_import_dialog_parent_class)->dispose (object);
}

static void
limber_import_dialog_finalize (GObject *object)
{
  LimberImportDialog *self = LIMBER_IMPORT_DIALOG (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (limber_import_dialog_parent_class)->finalize (object);
}

static void
limber_import_dialog_class_init (LimberImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = limber_import_dialog_dispose;
  object_class->finalize = limber_import_dialog_finalize;
  dialog_class->response = limber_import_dialog_response;

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
limber_import_dialog_init (LimberImportDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *progress = gtk_progress_bar_new ();

  self->cancellable = g_cancellable_new ();

  adw_message_dialog_add_response (dialog, "close", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_default_response (dialog, "close");

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (progress), TRUE);
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  self->progress = GTK_PROGRESS_BAR (progress);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, progress, "progress");
  gtk_stack_add_named (self->stack, build_errors_page (self), "errors");
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (self->stack));
}

LimberImportDialog *
limber_import_dialog_new (GtkWindow  *parent,
                          const char *database_path,
                          GFile      *file)
{
  LimberImportDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (LIMBER_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Importing"),
                       NULL);
  self->database_path = g_strdup (database_path);
  self->file = g_object_ref (file);
  self->display_name = g_file_get_basename (file);

  /* Translators: %s is the name of the CSV file being imported. */
  body = g_strdup_printf (_("Every row of “%s” is checked before anything is written."),
                          self->display_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  return self;
}

void
limber_import_dialog_start (LimberImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (LIMBER_IS_IMPORT_DIALOG (self));
  g_return_if_fail (!self->running);

  job = g_new0 (ImportJob, 1);
  job->database_path = g_strdup (self->database_path);
  job->path = g_file_get_path (self->file);
  job->display_name = g_strdup (self->display_name);

  self->running = TRUE;
  task = g_task_new (self, self->cancellable, on_import_done_cb, NULL);
  g_task_set_source_tag (task, limber_import_dialog_start);
  /* A cancel that comes after the commit must not hide that the rows were written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);

  gtk_window_present (GTK_WINDOW (self));
}

gboolean
limber_import_dialog_is_running (LimberImportDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

char *
limber_import_dialog_dup_errors (LimberImportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (LIMBER_IS_IMPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->errors_view);
  if (gtk_text_buffer_get_char_count (buffer) == 0)
    return NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
