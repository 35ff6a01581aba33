/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-import"

#include "config.h"

#include <string.h>

#include "limber-csv-import-private.h"

/* ----- Writing ----- */

static int
compare_patients (gconstpointer a,
                  gconstpointer b)
{
  const ImportPatient *pa = *(const ImportPatient * const *) a;
  const ImportPatient *pb = *(const ImportPatient * const *) b;

  return strcmp (pa->mrn, pb->mrn);
}

static int
compare_episodes (gconstpointer a,
                  gconstpointer b)
{
  const ImportEpisode *ea = *(const ImportEpisode * const *) a;
  const ImportEpisode *eb = *(const ImportEpisode * const *) b;
  int result = strcmp (ea->start_date, eb->start_date);

  return result != 0 ? result : strcmp (ea->condition, eb->condition);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const ImportSession *sa = *(const ImportSession * const *) a;
  const ImportSession *sb = *(const ImportSession * const *) b;

  return strcmp (sa->date, sb->date);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const ImportRow *ra = *(const ImportRow * const *) a;
  const ImportRow *rb = *(const ImportRow * const *) b;
  int result = strcmp (limber_measure_get_code (ra->measure), limber_measure_get_code (rb->measure));

  if (result != 0)
    return result;
  return (int) ra->side - (int) rb->side;
}

/* The values of table in a fixed order: hash tables have none. */
static GPtrArray *
sorted_values (GHashTable       *table,
               GCompareFunc      compare)
{
  GPtrArray *values = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, value);
  g_ptr_array_sort (values, compare);

  return values;
}

static gboolean
write_measurements (Import         *import,
                    ImportSession  *session,
                    gint64          session_id,
                    GError        **error)
{
  g_autoptr(GPtrArray) rows = sorted_values (session->rows, compare_rows);
  g_autofree LimberStoreValue *values = g_new (LimberStoreValue, rows->len);
  guint n_values = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (rows, i);

      if (row->unchanged)
        continue;

      values[n_values].measure = limber_measure_get_code (row->measure);
      values[n_values].side = row->side;
      values[n_values].value = row->value;
      n_values++;
    }

  if (!limber_store_add_measurement_values (import->store, session_id, values, n_values, error))
    return FALSE;
  import->counts.measurements_added += n_values;
  return TRUE;
}

/* The file has no column for it (interchange.md), so a session whose rows are all
 * the patient's global impression of change, with no therapist and no notes, is what
 * Limber exports for an outcome contact and is imported as one: the rating given
 * without a visit, which no count of sessions includes. A stored outcome contact
 * that the file gives anything more becomes a visit. */
static gboolean
is_outcome_contact (ImportSession *session)
{
  GHashTableIter iter;
  gpointer value;

  if ((session->therapist != NULL && session->therapist[0] != '\0')
      || (session->notes != NULL && session->notes[0] != '\0'))
    return FALSE;

  g_hash_table_iter_init (&iter, session->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_str_equal (limber_measure_get_code (((ImportRow *) value)->measure), "prom.pgic"))
      return FALSE;

  return TRUE;
}

static gboolean
write_session (Import         *import,
               ImportSession  *session,
               gint64          episode_id,
               GError        **error)
{
  g_autoptr(LimberSession) created = NULL;
  LimberSession *target = session->stored;

  if (target == NULL)
    {
      created = limber_session_new (episode_id, session->date);
      limber_session_set_therapist (created, session->therapist);
      limber_session_set_notes (created, session->notes);
      limber_session_set_outcome_contact (created, is_outcome_contact (session));
      if (!limber_store_add_session (import->store, created, error))
        return FALSE;
      if (!limber_session_get_outcome_contact (created))
        import->counts.sessions_added++;
      target = created;
    }
  else if (session->fill_therapist || session->fill_notes
           || (limber_session_get_outcome_contact (target) && !is_outcome_contact (session)))
    {
      if (session->fill_therapist)
        limber_session_set_therapist (target, session->therapist);
      if (session->fill_notes)
        limber_session_set_notes (target, session->notes);
      limber_session_set_outcome_contact (target, limber_session_get_outcome_contact (target)
                                                  && is_outcome_contact (session));
      if (!limber_store_update_session (import->store, target, error))
        return FALSE;
    }

  return write_measurements (import, session, limber_session_get_id (target), error);
}

static gboolean
write_episode (Import         *import,
               ImportEpisode  *episode,
               gint64          patient_id,
               GError        **error)
{
  g_autoptr(LimberEpisode) created = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  LimberEpisode *target = episode->stored;

  if (target == NULL)
    {
      created = limber_episode_new (patient_id, episode->condition, episode->start_date);
      if (!limber_store_add_episode (import->store, created, error))
        return FALSE;
      import->counts.episodes_added++;
      target = created;
    }

  sessions = sorted_values (episode->sessions, compare_sessions);
  for (guint i = 0; i < sessions->len; i++)
    {
      if (!write_session (import, g_ptr_array_index (sessions, i),
                          limber_episode_get_id (target), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_patient (Import         *import,
               ImportPatient  *patient,
               GError        **error)
{
  g_autoptr(LimberPatient) created = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  LimberPatient *target = patient->stored;

  if (target == NULL)
    {
      created = limber_patient_new (patient->mrn, patient->name, patient->birth_date);
      if (!limber_store_add_patient (import->store, created, error))
        return FALSE;
      import->counts.patients_added++;
      target = created;
    }
  else if (patient->fill_birth_date)
    {
      limber_patient_set_birth_date (target, patient->birth_date);
      if (!limber_store_update_patient (import->store, target, error))
        return FALSE;
    }

  episodes = sorted_values (patient->episodes, compare_episodes);
  for (guint i = 0; i < episodes->len; i++)
    {
      if (!write_episode (import, g_ptr_array_index (episodes, i),
                          limber_patient_get_id (target), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
limber_import_write (LimberStore  *store,
                     gpointer      user_data,
                     GError      **error)
{
  Import *import = user_data;
  g_autoptr(GPtrArray) patients = sorted_values (import->patients, compare_patients);

  memset (&import->counts, 0, sizeof import->counts);
  /* A million entries are chained in one pass before the commit, not one by one. */
  limber_store_defer_audit_chain (store);
  /* Returning FALSE anywhere below rolls back the whole transaction. */
  limber_store_set_all_or_nothing (store);
  for (guint i = 0; i < patients->len; i++)
    {
      /* Returning FALSE rolls the transaction back: nothing is written. */
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      limber_import_report_progress (import, LIMBER_IMPORT_READ_SHARE
                                     + (1.0 - LIMBER_IMPORT_READ_SHARE) * i / patients->len);
      if (!write_patient (import, g_ptr_array_index (patients, i), error))
        return FALSE;
    }

  return TRUE;
}

/* TRUE when the write phase has anything to do: every row already stored means no
 * transaction at all, so a re-import leaves no trace. */
gboolean
limber_import_has_changes (Import *import)
{
  GHashTableIter iter;
  ImportPatient *patient;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (!row->unchanged)
        return TRUE;
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      GHashTableIter episodes;
      ImportEpisode *episode;

      if (patient->fill_birth_date)
        return TRUE;

      g_hash_table_iter_init (&episodes, patient->episodes);
      while (g_hash_table_iter_next (&episodes, NULL, (gpointer *) &episode))
        {
          GHashTableIter sessions;
          ImportSession *session;

          g_hash_table_iter_init (&sessions, episode->sessions);
          while (g_hash_table_iter_next (&sessions, NULL, (gpointer *) &session))
            {
              if (session->fill_therapist || session->fill_notes)
                return TRUE;
            }
        }
    }

  return FALSE;
}

guint
limber_import_count_unchanged_rows (Import *import)
{
  guint n = 0;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->unchanged)
        n++;
    }
  return n;
}
