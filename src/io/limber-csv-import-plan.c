/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-csv-import-private.h"

/* ----- Checks across rows ----- */

static void
add_row_to_patient (Import    *import,
                    ImportRow *row)
{
  const char *mrn = row->fields[LIMBER_CSV_COLUMN_MRN];
  const char *name = row->fields[LIMBER_CSV_COLUMN_PATIENT_NAME];
  const char *birth_date = row->fields[LIMBER_CSV_COLUMN_BIRTH_DATE];
  ImportPatient *patient = g_hash_table_lookup (import->patients, mrn);

  if (patient == NULL)
    {
      patient = limber_import_patient_new (row);
      g_hash_table_insert (import->patients, (gpointer) patient->mrn, patient);
      row->patient = patient;
      return;
    }

  row->patient = patient;

  if (strcmp (name, patient->name) != 0)
    limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_PATIENT_NAME),
                 _("“%s” differs from “%s” on line %u for chart number %s"),
                 name, patient->name, patient->name_line, mrn);

  if (birth_date[0] == '\0')
    return;

  if (patient->birth_date == NULL)
    {
      patient->birth_date = birth_date;
      patient->birth_line = row->line;
    }
  else if (strcmp (birth_date, patient->birth_date) != 0)
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_BIRTH_DATE),
                   _("%s differs from %s on line %u for chart number %s"),
                   birth_date, patient->birth_date, patient->birth_line, mrn);
    }
}

static gboolean
check_patient_against_store (Import         *import,
                             ImportPatient  *patient,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *stored_birth_date;

  patient->stored = limber_store_find_patient (import->store, patient->mrn, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (patient->stored == NULL)
    return TRUE;

  if (g_strcmp0 (patient->name, limber_patient_get_name (patient->stored)) != 0)
    limber_import_add_problem (import, patient->name_line, limber_import_column_name (LIMBER_CSV_COLUMN_PATIENT_NAME),
                 _("“%s” differs from “%s” stored for chart number %s"),
                 patient->name, limber_patient_get_name (patient->stored), patient->mrn);

  stored_birth_date = limber_patient_get_birth_date (patient->stored);
  if (patient->birth_date != NULL)
    {
      if (stored_birth_date == NULL || stored_birth_date[0] == '\0')
        patient->fill_birth_date = TRUE;
      else if (strcmp (patient->birth_date, stored_birth_date) != 0)
        limber_import_add_problem (import, patient->birth_line, limber_import_column_name (LIMBER_CSV_COLUMN_BIRTH_DATE),
                     _("%s differs from %s stored for chart number %s"),
                     patient->birth_date, stored_birth_date, patient->mrn);
    }

  patient->stored_episodes = limber_store_list_episodes (import->store,
                                                         limber_patient_get_id (patient->stored),
                                                         error);
  return patient->stored_episodes != NULL;
}

static LimberEpisode *
find_stored_episode (ImportPatient *patient,
                     const char    *condition,
                     const char    *start_date)
{
  if (patient->stored_episodes == NULL)
    return NULL;

  for (guint i = 0; i < patient->stored_episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (patient->stored_episodes, i);

      if (g_strcmp0 (limber_episode_get_condition (episode), condition) == 0 &&
          g_strcmp0 (limber_episode_get_start_date (episode), start_date) == 0)
        return episode;
    }
  return NULL;
}

/* The episode of patient, condition and start: stored, already named by the file, or
 * new. */
static ImportEpisode *
get_episode (ImportPatient *patient,
             const char    *condition,
             const char    *start_date)
{
  g_autofree char *key = g_strconcat (condition, KEY_SEPARATOR, start_date, NULL);
  ImportEpisode *episode = g_hash_table_lookup (patient->episodes, key);

  if (episode == NULL)
    {
      episode = limber_import_episode_new (condition, start_date,
                                    find_stored_episode (patient, condition, start_date));
      g_hash_table_insert (patient->episodes, g_steal_pointer (&key), episode);
    }
  return episode;
}

static void
assign_named_episode (ImportRow *row)
{
  ImportPatient *patient = row->patient;
  const char *condition = limber_condition_get_code (row->condition);
  const char *start_date = row->fields[LIMBER_CSV_COLUMN_EPISODE_START];
  GPtrArray *unnamed;

  if (start_date[0] != '\0')
    {
      row->episode = get_episode (patient, condition, start_date);
      return;
    }

  unnamed = g_hash_table_lookup (patient->unnamed_rows, condition);
  if (unnamed == NULL)
    {
      unnamed = g_ptr_array_new ();
      g_hash_table_insert (patient->unnamed_rows, (gpointer) condition, unnamed);
    }
  g_ptr_array_add (unnamed, row);
}

static char *
earliest_session_day (GPtrArray *rows)
{
  const char *earliest = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (rows, i);
      const char *date = row->fields[LIMBER_CSV_COLUMN_SESSION_DATE];

      if (earliest == NULL || strcmp (date, earliest) < 0)
        earliest = date;
    }
  return limber_date_time_get_date (earliest);
}

/* interchange.md: rows without episode_start go to the episode of that patient and
 * condition that is open at their earliest session date, else to one new episode
 * starting that day. Episodes the file names count as open from their start. Where
 * several are open, the most recent start wins: it is the current course of care. */
static ImportEpisode *
resolve_unnamed_episode (ImportPatient *patient,
                         const char    *condition,
                         GPtrArray     *rows)
{
  g_autofree char *day = earliest_session_day (rows);
  const char *best_start = NULL;
  GHashTableIter iter;
  ImportEpisode *named;

  if (patient->stored_episodes != NULL)
    {
      for (guint i = 0; i < patient->stored_episodes->len; i++)
        {
          LimberEpisode *episode = g_ptr_array_index (patient->stored_episodes, i);
          const char *start = limber_episode_get_start_date (episode);

          if (g_strcmp0 (limber_episode_get_condition (episode), condition) == 0 &&
              limber_episode_is_open_on (episode, day) &&
              (best_start == NULL || strcmp (start, best_start) > 0))
            best_start = start;
        }
    }

  g_hash_table_iter_init (&iter, patient->episodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &named))
    {
      if (named->stored == NULL &&
          strcmp (named->condition, condition) == 0 &&
          strcmp (named->start_date, day) <= 0 &&
          (best_start == NULL || strcmp (named->start_date, best_start) > 0))
        best_start = named->start_date;
    }

  return get_episode (patient, condition, best_start != NULL ? best_start : day);
}

static void
resolve_unnamed_episodes (ImportPatient *patient)
{
  GHashTableIter iter;
  const char *condition;
  GPtrArray *rows;

  g_hash_table_iter_init (&iter, patient->unnamed_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &condition, (gpointer *) &rows))
    {
      ImportEpisode *episode = resolve_unnamed_episode (patient, condition, rows);

      for (guint i = 0; i < rows->len; i++)
        {
          ImportRow *row = g_ptr_array_index (rows, i);

          row->episode = episode;
        }
    }
}

static char *
describe_measurement (LimberMeasure *measure,
                      LimberSide     side)
{
  if (side == LIMBER_SIDE_NONE)
    return g_strdup (limber_measure_get_code (measure));

  return g_strdup_printf ("%s (%s)", limber_measure_get_code (measure),
                          limber_side_to_string (side));
}

/* Rows of one session must agree on a text that only one of them need give. */
static void
merge_session_text (Import          *import,
                    ImportRow       *row,
                    ImportSession   *session,
                    LimberCsvColumn  column,
                    const char     **text,
                    guint           *text_line)
{
  const char *value = row->fields[column];

  if (value[0] == '\0')
    return;

  if (*text == NULL)
    {
      *text = value;
      *text_line = row->line;
    }
  else if (strcmp (value, *text) != 0)
    {
      if (column == LIMBER_CSV_COLUMN_NOTES)
        limber_import_add_problem (import, row->line, limber_import_column_name (column),
                     _("differ from the notes on line %u for the session of %s"),
                     *text_line, session->date);
      else
        limber_import_add_problem (import, row->line, limber_import_column_name (column),
                     _("“%s” differs from “%s” on line %u for the session of %s"),
                     value, *text, *text_line, session->date);
    }
}

static void
add_row_to_session (Import    *import,
                    ImportRow *row)
{
  const char *date = row->fields[LIMBER_CSV_COLUMN_SESSION_DATE];
  ImportSession *session = g_hash_table_lookup (row->episode->sessions, date);
  ImportRow *first;

  if (session == NULL)
    {
      session = limber_import_session_new (date);
      g_hash_table_insert (row->episode->sessions, (gpointer) date, session);
    }
  row->session = session;

  merge_session_text (import, row, session, LIMBER_CSV_COLUMN_THERAPIST,
                      &session->therapist, &session->therapist_line);
  merge_session_text (import, row, session, LIMBER_CSV_COLUMN_NOTES,
                      &session->notes, &session->notes_line);

  first = g_hash_table_lookup (session->rows, row->measurement_key);
  if (first == NULL)
    {
      g_hash_table_insert (session->rows, row->measurement_key, row);
    }
  else if (first->value == row->value)
    {
      row->unchanged = TRUE;
    }
  else
    {
      g_autofree char *value = limber_format_number (row->value);
      g_autofree char *first_value = limber_format_number (first->value);
      g_autofree char *what = describe_measurement (row->measure, row->side);

      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_VALUE),
                   _("%s differs from %s on line %u for %s on %s"),
                   value, first_value, first->line, what, date);
    }
}

/* A stored session keeps its therapist and notes; the file may supply them where the
 * session has none, but may not contradict them. */
static void
compare_session_text (Import          *import,
                      ImportSession   *session,
                      LimberCsvColumn  column,
                      const char      *text,
                      guint            text_line,
                      const char      *stored_text,
                      gboolean        *fill)
{
  if (text == NULL)
    return;

  if (stored_text == NULL || stored_text[0] == '\0')
    {
      *fill = TRUE;
      return;
    }

  if (strcmp (text, stored_text) == 0)
    return;

  if (column == LIMBER_CSV_COLUMN_NOTES)
    limber_import_add_problem (import, text_line, limber_import_column_name (column),
                 _("differ from the notes stored for the session of %s"), session->date);
  else
    limber_import_add_problem (import, text_line, limber_import_column_name (column),
                 _("“%s” differs from “%s” stored for the session of %s"),
                 text, stored_text, session->date);
}

static void
attach_stored_session (Import        *import,
                       ImportSession *session,
                       LimberSession *stored)
{
  session->stored = g_object_ref (stored);
  compare_session_text (import, session, LIMBER_CSV_COLUMN_THERAPIST,
                        session->therapist, session->therapist_line,
                        limber_session_get_therapist (stored), &session->fill_therapist);
  compare_session_text (import, session, LIMBER_CSV_COLUMN_NOTES,
                        session->notes, session->notes_line,
                        limber_session_get_notes (stored), &session->fill_notes);
}

static void
compare_stored_measurement (Import            *import,
                            ImportSession     *session,
                            LimberMeasurement *measurement)
{
  LimberMeasure *measure = limber_measure_lookup (limber_measurement_get_measure (measurement));
  double stored_value = limber_measurement_get_value (measurement);
  ImportRow *row;

  /* A measure the catalog no longer has is no row of the file. */
  if (measure == NULL)
    return;

  row = g_hash_table_lookup (session->rows,
                             limber_import_measurement_key (measure,
                                                            limber_measurement_get_side (measurement)));
  if (row == NULL)
    return;

  if (row->value == stored_value)
    {
      row->unchanged = TRUE;
    }
  else
    {
      g_autofree char *value = limber_format_number (row->value);
      g_autofree char *stored_text = limber_format_number (stored_value);
      g_autofree char *what = describe_measurement (row->measure, row->side);

      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_VALUE),
                   _("%s contradicts %s stored for %s on %s"),
                   value, stored_text, what, session->date);
    }
}

/* Two queries per stored episode the file touches, whatever its number of rows. */
static gboolean
compare_stored_episode (Import         *import,
                        ImportEpisode  *episode,
                        GError        **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  gint64 episode_id = limber_episode_get_id (episode->stored);

  sessions = limber_store_list_sessions (import->store, episode_id, error);
  if (sessions == NULL)
    return FALSE;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sessions->len; i++)
    {
      LimberSession *stored = g_ptr_array_index (sessions, i);
      ImportSession *session = g_hash_table_lookup (episode->sessions,
                                                    limber_session_get_date (stored));

      /* Two stored sessions on one date: the file's rows belong to the first. */
      if (session == NULL || session->stored != NULL)
        continue;

      attach_stored_session (import, session, stored);
      session->stored_id = limber_session_get_id (stored);
      g_hash_table_insert (by_id, &session->stored_id, session);
    }

  if (g_hash_table_size (by_id) == 0)
    return TRUE;

  measurements = limber_store_list_episode_measurements (import->store, episode_id, error);
  if (measurements == NULL)
    return FALSE;

  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
      gint64 session_id = limber_measurement_get_session_id (measurement);
      ImportSession *session = g_hash_table_lookup (by_id, &session_id);

      if (session != NULL)
        compare_stored_measurement (import, session, measurement);
    }

  return TRUE;
}

gboolean
limber_import_check_rows_together (Import  *import,
                                   GError **error)
{
  GHashTableIter iter;
  ImportPatient *patient;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        add_row_to_patient (import, row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      if (!check_patient_against_store (import, patient, error))
        return FALSE;
    }

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        assign_named_episode (row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    resolve_unnamed_episodes (patient);

  /* In line order, so that a conflict is reported on the later of two lines. */
  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        add_row_to_session (import, row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      GHashTableIter episodes;
      ImportEpisode *episode;

      g_hash_table_iter_init (&episodes, patient->episodes);
      while (g_hash_table_iter_next (&episodes, NULL, (gpointer *) &episode))
        {
          if (episode->stored != NULL && !compare_stored_episode (import, episode, error))
            return FALSE;
        }
    }

  return TRUE;
}
