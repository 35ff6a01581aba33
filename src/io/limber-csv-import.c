/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-csv-import-private.h"
#include "limber-file.h"

G_DEFINE_QUARK (limber-import-error-quark, limber_import_error)

#define ROWS_PER_SLAB 1024

/* A new row, zeroed, that lives until limber_import_clear(). */
ImportRow *
limber_import_row_new (Import *import)
{
  ImportRow *slab;

  if (import->row_slabs->len == 0 || import->n_slab_rows == ROWS_PER_SLAB)
    {
      g_ptr_array_add (import->row_slabs, g_new0 (ImportRow, ROWS_PER_SLAB));
      import->n_slab_rows = 0;
    }

  slab = g_ptr_array_index (import->row_slabs, import->row_slabs->len - 1);
  return &slab[import->n_slab_rows++];
}

static void
import_row_free (gpointer data)
{
  ImportRow *row = data;

  g_free (row->strv);
}

ImportSession *
limber_import_session_new (const char *date)
{
  ImportSession *session = g_new0 (ImportSession, 1);

  session->date = date;
  session->rows = g_hash_table_new (NULL, NULL);
  return session;
}

static void
import_session_free (gpointer data)
{
  ImportSession *session = data;

  g_clear_object (&session->stored);
  g_clear_pointer (&session->rows, g_hash_table_unref);
  g_free (session);
}

ImportEpisode *
limber_import_episode_new (const char    *condition,
                           const char    *start_date,
                           LimberEpisode *stored)
{
  ImportEpisode *episode = g_new0 (ImportEpisode, 1);

  episode->condition = condition;
  episode->start_date = g_strdup (start_date);
  episode->stored = stored != NULL ? g_object_ref (stored) : NULL;
  episode->sessions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             NULL, import_session_free);
  return episode;
}

static void
import_episode_free (gpointer data)
{
  ImportEpisode *episode = data;

  g_clear_object (&episode->stored);
  g_clear_pointer (&episode->sessions, g_hash_table_unref);
  g_free (episode->start_date);
  g_free (episode);
}

ImportPatient *
limber_import_patient_new (ImportRow *row)
{
  ImportPatient *patient = g_new0 (ImportPatient, 1);
  const char *birth_date = row->fields[LIMBER_CSV_COLUMN_BIRTH_DATE];

  patient->mrn = row->fields[LIMBER_CSV_COLUMN_MRN];
  patient->name = row->fields[LIMBER_CSV_COLUMN_PATIENT_NAME];
  patient->name_line = row->line;
  if (birth_date[0] != '\0')
    {
      patient->birth_date = birth_date;
      patient->birth_line = row->line;
    }
  patient->episodes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, import_episode_free);
  patient->unnamed_rows = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 NULL, (GDestroyNotify) g_ptr_array_unref);
  return patient;
}

static void
import_patient_free (gpointer data)
{
  ImportPatient *patient = data;

  g_clear_object (&patient->stored);
  g_clear_pointer (&patient->stored_episodes, g_ptr_array_unref);
  g_clear_pointer (&patient->episodes, g_hash_table_unref);
  g_clear_pointer (&patient->unnamed_rows, g_hash_table_unref);
  g_free (patient);
}

static void
import_problem_free (gpointer data)
{
  ImportProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

void
limber_import_init (Import      *import,
                    LimberStore *store,
                    const char  *display_name)
{
  memset (import, 0, sizeof *import);
  import->store = store;
  import->display_name = display_name;
  import->today = limber_date_today ();
  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    import->field_index[i] = -1;
  import->rows = g_ptr_array_new_with_free_func (import_row_free);
  import->row_slabs = g_ptr_array_new_with_free_func (g_free);
  import->problems = g_ptr_array_new_with_free_func (import_problem_free);
  import->patients = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            NULL, import_patient_free);
}

void
limber_import_clear (Import *import)
{
  /* Patients first: their tables borrow keys from the rows. */
  g_clear_pointer (&import->patients, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_ptr_array_unref);
  g_clear_pointer (&import->row_slabs, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_clear_pointer (&import->today, g_free);
}

void
limber_import_add_problem (Import     *import,
                           guint       line,
                           const char *column,
                           const char *format,
                           ...)
{
  ImportProblem *problem = g_new0 (ImportProblem, 1);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problem->line = line;
  problem->sequence = import->problems->len;
  if (column != NULL)
    problem->message = g_strdup_printf ("%s:%u: %s: %s", import->display_name, line, column, message);
  else
    problem->message = g_strdup_printf ("%s:%u: %s", import->display_name, line, message);
  g_ptr_array_add (import->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ImportProblem *pa = *(const ImportProblem * const *) a;
  const ImportProblem *pb = *(const ImportProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->sequence < pb->sequence ? -1 : (pa->sequence > pb->sequence);
}

void
limber_import_set_invalid_error (Import  *import,
                                 GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_ptr_array_sort (import->problems, compare_problems);
  for (guint i = 0; i < import->problems->len; i++)
    {
      const ImportProblem *problem = g_ptr_array_index (import->problems, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }

  g_set_error_literal (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID, text->str);
}

void
limber_import_report_progress (Import *import,
                               double  fraction)
{
  if (import->progress != NULL)
    import->progress (CLAMP (fraction, 0.0, 1.0), import->progress_data);
}

const char *
limber_import_column_name (LimberCsvColumn column)
{
  return limber_csv_column_get_name (column);
}

gboolean
limber_import_text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return TRUE;
}

gboolean
limber_import_row_is_blank (const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (!limber_import_text_is_blank (fields[i]))
        return FALSE;
    }
  return TRUE;
}

/* ----- Public ----- */

static gboolean
run_import (Import          *import,
            const char      *data,
            gsize            length,
            GError         **error)
{
  g_autoptr(LimberCsvReader) reader = NULL;
  g_autofree char *action = NULL;

  import->data_length = length;
  reader = limber_csv_reader_new (data, length, LIMBER_CSV_READER_TRIM_UNQUOTED);
  if (limber_import_read_header (import, reader))
    limber_import_read_rows (import, reader);
  if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
    return FALSE;

  if (!limber_import_check_rows_together (import, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
    return FALSE;
  limber_import_report_progress (import, LIMBER_IMPORT_READ_SHARE);

  if (import->problems->len > 0)
    {
      limber_import_set_invalid_error (import, error);
      return FALSE;
    }

  if (!limber_import_has_changes (import))
    {
      memset (&import->counts, 0, sizeof import->counts);
    }
  else
    {
      action = g_strdup_printf ("import %s", import->display_name);
      if (!limber_store_run_transaction (import->store, action, limber_import_write, import, error))
        return FALSE;
    }

  import->counts.rows_unchanged = limber_import_count_unchanged_rows (import);
  limber_import_report_progress (import, 1.0);
  return TRUE;
}

gboolean
limber_csv_import_data (LimberStore        *store,
                        const char         *data,
                        gsize               length,
                        const char         *display_name,
                        LimberImportCounts *counts,
                        GError            **error)
{
  return limber_csv_import_data_full (store, data, length, display_name,
                                      NULL, NULL, NULL, counts, error);
}

gboolean
limber_csv_import_data_full (LimberStore              *store,
                             const char               *data,
                             gsize                     length,
                             const char               *display_name,
                             GCancellable             *cancellable,
                             LimberImportProgressFunc  progress,
                             gpointer                  progress_data,
                             LimberImportCounts       *counts,
                             GError                  **error)
{
  Import import;
  gboolean success;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  limber_import_init (&import, store, display_name != NULL ? display_name : _("CSV data"));
  import.cancellable = cancellable;
  import.progress = progress;
  import.progress_data = progress_data;
  success = run_import (&import, data != NULL ? data : "", length, error);
  if (success && counts != NULL)
    *counts = import.counts;
  limber_import_clear (&import);

  return success;
}

gboolean
limber_csv_import_file (LimberStore        *store,
                        const char         *path,
                        const char         *display_name,
                        LimberImportCounts *counts,
                        GError            **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *path_name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  if (!limber_file_read (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_READ,
                           local_error->message);
      return FALSE;
    }

  if (display_name == NULL)
    display_name = path_name = g_filename_display_name (path);

  return limber_csv_import_data (store, contents, length, display_name, counts, error);
}

char *
limber_import_counts_to_string (const LimberImportCounts *counts)
{
  g_autofree char *patients = NULL;
  g_autofree char *episodes = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *measurements = NULL;
  g_autofree char *unchanged = NULL;

  g_return_val_if_fail (counts != NULL, NULL);

  patients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients",
                                           counts->patients_added),
                              counts->patients_added);
  episodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u episode", "%u episodes",
                                           counts->episodes_added),
                              counts->episodes_added);
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                           counts->sessions_added),
                              counts->sessions_added);
  measurements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measurement", "%u measurements",
                                               counts->measurements_added),
                                  counts->measurements_added);
  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row unchanged", "%u rows unchanged",
                                            counts->rows_unchanged),
                               counts->rows_unchanged);

  /* Translators: the pieces are "3 patients", "3 episodes", "12 sessions",
   * "48 measurements" and "0 rows unchanged". */
  return g_strdup_printf (_("Imported %s, %s, %s and %s; %s."),
                          patients, episodes, sessions, measurements, unchanged);
}
