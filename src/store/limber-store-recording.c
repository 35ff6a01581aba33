/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-store-private.h"

/* A session with its measurements as one action, as the session editor saves it,
 * deletes it and puts it back on Undo; and what the editor suggests from earlier
 * sessions (previous values, therapists, techniques).
 *
 * A row that is put back keeps its id unless another row has taken it since, so that
 * an Undo leaves the database as it was, audit log aside, which records the deletion
 * and the return. */

/* ----- Rows by id ----- */

/* The session id of measurement row id: 0 when there is no such row. */
static gboolean
measurement_get_owner (LimberStore  *self,
                       gint64        measurement_id,
                       gint64       *session_id,
                       GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self, "SELECT session_id FROM measurement WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, measurement_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *session_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *session_id = 0;
  else
    return limber_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
session_exists (LimberStore  *self,
                gint64        session_id,
                gboolean     *exists,
                GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self, "SELECT 1 FROM session WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* ----- Writing one row inside the action's transaction ----- */

/* Inserts the object with write, whose sql names the row id as id_parameter, as row
 * id when id is not 0; *inserted_id is the new row's. */
static gboolean
insert_row (LimberStore           *self,
            const char            *sql,
            int                    id_parameter,
            LimberStoreWriteFunc   write,
            gpointer               object,
            gint64                 id,
            gint64                *inserted_id,
            GError               **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (id != 0)
    sqlite3_bind_int64 (stmt, id_parameter, id);
  if (!write (self, stmt, object, error))
    return FALSE;

  *inserted_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Inserts the session, as row id when id is not 0, and sets its id. */
static gboolean
insert_session (LimberStore    *self,
                LimberSession  *session,
                gint64          id,
                GError        **error)
{
  if (!insert_row (self,
                   "INSERT INTO session (episode_id, date, therapist, techniques, notes, "
                   "soreness, outcome_contact, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   8, limber_store_session_write, session, id, &id, error))
    return FALSE;

  limber_session_set_id (session, id);
  return TRUE;
}

static gboolean
update_session (LimberStore    *self,
                LimberSession  *session,
                GError        **error)
{
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self,
                          "UPDATE session SET episode_id = ?1, date = ?2, therapist = ?3, "
                          "techniques = ?4, notes = ?5, soreness = ?6, outcome_contact = ?7 "
                          "WHERE id = ?8",
                          error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 8, limber_session_get_id (session));
  if (!limber_store_session_write (self, stmt, session, error))
    return FALSE;

  return limber_store_not_found_error (error, sqlite3_changes64 (self->db) > 0,
                                       _("There is no session with id %lld"),
                                       (long long) limber_session_get_id (session));
}

static gboolean
insert_measurement (LimberStore        *self,
                    LimberMeasurement  *measurement,
                    gint64              id,
                    GError            **error)
{
  if (!insert_row (self,
                   "INSERT INTO measurement (session_id, measure, side, value, answers, "
                   "item_names, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   7, limber_store_measurement_write, measurement, id, &id, error))
    return FALSE;

  limber_measurement_set_id (measurement, id);
  return TRUE;
}

static gboolean
update_measurement (LimberStore        *self,
                    LimberMeasurement  *measurement,
                    GError            **error)
{
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self,
                          "UPDATE measurement SET session_id = ?1, measure = ?2, side = ?3, "
                          "value = ?4, answers = ?5, item_names = ?6 WHERE id = ?7",
                          error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 7, limber_measurement_get_id (measurement));
  return limber_store_measurement_write (self, stmt, measurement, error);
}

static gboolean
delete_row (LimberStore  *self,
            const char   *sql,
            gint64        id,
            GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* Adds the measurement back as row id, or as a new row when another has taken id
 * or id is 0. */
static gboolean
restore_measurement (LimberStore        *self,
                     LimberMeasurement  *measurement,
                     GError            **error)
{
  gint64 id = limber_measurement_get_id (measurement);
  gint64 owner = 0;

  if (id != 0 && !measurement_get_owner (self, id, &owner, error))
    return FALSE;

  return insert_measurement (self, measurement, owner == 0 ? id : 0, error);
}

/* ----- The session's measurements ----- */

static gboolean
validate_measurements (GPtrArray  *measurements,
                       GError    **error)
{
  for (guint i = 0; i < measurements->len; i++)
    if (!limber_measurement_validate (g_ptr_array_index (measurements, i), error))
      return FALSE;

  return TRUE;
}

static GArray *
save_ids (LimberSession *session,
          GPtrArray     *measurements)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), measurements->len + 1);
  gint64 id = limber_session_get_id (session);

  g_array_append_val (ids, id);
  for (guint i = 0; i < measurements->len; i++)
    {
      id = limber_measurement_get_id (g_ptr_array_index (measurements, i));
      g_array_append_val (ids, id);
    }

  return ids;
}

/* After a rollback the objects must not keep ids of rows that were never saved. */
static void
reset_ids (LimberSession *session,
           GPtrArray     *measurements,
           GArray        *ids)
{
  limber_session_set_id (session, g_array_index (ids, gint64, 0));
  for (guint i = 0; i < measurements->len; i++)
    limber_measurement_set_id (g_ptr_array_index (measurements, i),
                               g_array_index (ids, gint64, i + 1));
}

/* The ids of the session's stored measurements. */
static GHashTable *
list_stored_ids (LimberStore  *self,
                 gint64        session_id,
                 GError      **error)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self, "SELECT id FROM measurement WHERE session_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }

  if (rc != SQLITE_DONE)
    {
      limber_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Writes the measurements into the session: a row the session already has is
 * updated, any other is added, as its former row id while that is free (an Undo),
 * else as a new row. Saving and putting back a session both write this way. */
static gboolean
write_measurements (LimberStore  *self,
                    gint64        session_id,
                    GPtrArray    *measurements,
                    GError      **error)
{
  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
      gint64 id = limber_measurement_get_id (measurement);
      gint64 owner = 0;

      limber_measurement_set_session_id (measurement, session_id);
      if (id != 0 && !measurement_get_owner (self, id, &owner, error))
        return FALSE;

      if (owner == session_id)
        {
          if (!update_measurement (self, measurement, error))
            return FALSE;
        }
      else if (!insert_measurement (self, measurement, owner == 0 ? id : 0, error))
        return FALSE;
    }

  return TRUE;
}

/* Deletions first, so that a value cleared and typed anew in the same save does
 * not meet its old row's (session, measure, side). */
static gboolean
sync_measurements (LimberStore  *self,
                   gint64        session_id,
                   GPtrArray    *measurements,
                   GError      **error)
{
  g_autoptr (GHashTable) stored = list_stored_ids (self, session_id, error);
  GHashTableIter iter;
  gpointer key;

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < measurements->len; i++)
    {
      gint64 id = limber_measurement_get_id (g_ptr_array_index (measurements, i));

      g_hash_table_remove (stored, &id);
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!delete_row (self, "DELETE FROM measurement WHERE id = ?1", *(gint64 *) key, error))
      return FALSE;

  return write_measurements (self, session_id, measurements, error);
}

/* ----- Public: save, remove, restore ----- */

LimberSession *
limber_store_get_session (LimberStore  *self,
                          gint64        session_id,
                          GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_get_row (self,
                               "SELECT " LIMBER_STORE_SESSION_COLUMNS " FROM session AS s "
                               "WHERE s.id = ?1",
                               session_id, limber_store_session_from_row, error);
}

/* A visit cannot share its day with the course's outcome contact, which the
 * sessions list does not show: the message says where the day is taken. */
static gboolean
check_contact_day (LimberStore    *self,
                   LimberSession  *session,
                   GError        **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  if (limber_session_get_outcome_contact (session))
    return TRUE;

  stmt = limber_store_prepare (self,
                               "SELECT 1 FROM session WHERE episode_id = ?1 AND date = ?2 "
                               "AND outcome_contact AND id <> ?3",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, limber_session_get_episode_id (session));
  limber_store_bind_text (stmt, 2, limber_session_get_date (session));
  sqlite3_bind_int64 (stmt, 3, limber_session_get_id (session));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return limber_store_fail (self, rc, error);

  return limber_store_constraint_error (error,
                                        _("%s holds the patient’s rating at discharge, given "
                                          "without a session. To record a session that day, "
                                          "first set that rating to “Not asked” in the "
                                          "Discharge window, and give it again when "
                                          "discharging"),
                                        limber_session_get_date (session));
}

static gboolean
save_session_step (LimberStore    *self,
                   LimberSession  *session,
                   GPtrArray      *measurements,
                   GError        **error)
{
  if (!check_contact_day (self, session, error))
    return FALSE;

  if (limber_session_get_id (session) == 0)
    {
      if (!insert_session (self, session, 0, error))
        return FALSE;
    }
  else if (!update_session (self, session, error))
    return FALSE;

  return sync_measurements (self, limber_session_get_id (session), measurements, error);
}

typedef gboolean (*SessionStep) (LimberStore    *self,
                                  LimberSession  *session,
                                  GPtrArray      *measurements,
                                  GError        **error);

/* One action that writes a session with its measurements: checked first, then step
 * in one transaction; when it fails, the objects get their ids back. */
static gboolean
run_session_action (LimberStore    *self,
                    const char     *action,
                    SessionStep     step,
                    LimberSession  *session,
                    GPtrArray      *measurements,
                    GError        **error)
{
  g_autoptr (GArray) ids = NULL;
  gboolean ok;

  /* The session id may not be known yet; the measurements are checked without it. */
  if (!limber_session_validate (session, error) || !validate_measurements (measurements, error))
    return FALSE;

  ids = save_ids (session, measurements);
  if (!limber_store_begin (self, action, error))
    return FALSE;

  ok = step (self, session, measurements, error);
  if (!limber_store_end (self, ok, error))
    {
      reset_ids (session, measurements, ids);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_store_save_session (LimberStore    *self,
                           LimberSession  *session,
                           GPtrArray      *measurements,
                           GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (measurements != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_session_action (self,
                             limber_session_get_id (session) == 0 ? "record session"
                                                                  : "edit session",
                             save_session_step, session, measurements, error);
}

static gboolean
remove_session_step (LimberStore    *self,
                     gint64          session_id,
                     LimberSession **session,
                     GPtrArray     **measurements,
                     GError        **error)
{
  g_autoptr (LimberSession) stored = NULL;
  g_autoptr (GPtrArray) stored_measurements = NULL;
  g_autoptr (GError) local_error = NULL;

  stored = limber_store_get_session (self, session_id, &local_error);
  if (stored == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        limber_store_not_found_error (error, FALSE, _("There is no session with id %lld"),
                                      (long long) session_id);
      return FALSE;
    }

  stored_measurements = limber_store_list_measurements (self, session_id, error);
  if (stored_measurements == NULL)
    return FALSE;

  /* The measurements one by one rather than by the cascade, so that each has its
   * audit row whatever the connection's trigger settings. */
  for (guint i = 0; i < stored_measurements->len; i++)
    if (!delete_row (self, "DELETE FROM measurement WHERE id = ?1",
                     limber_measurement_get_id (g_ptr_array_index (stored_measurements, i)),
                     error))
      return FALSE;

  if (!delete_row (self, "DELETE FROM session WHERE id = ?1", session_id, error))
    return FALSE;

  if (session != NULL)
    *session = g_steal_pointer (&stored);
  if (measurements != NULL)
    *measurements = g_steal_pointer (&stored_measurements);

  return TRUE;
}

gboolean
limber_store_remove_session (LimberStore    *self,
                             gint64          session_id,
                             LimberSession **session,
                             GPtrArray     **measurements,
                             GError        **error)
{
  g_autoptr (LimberSession) removed = NULL;
  g_autoptr (GPtrArray) removed_measurements = NULL;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_begin (self, "delete session", error))
    return FALSE;

  ok = remove_session_step (self, session_id, &removed, &removed_measurements, error);
  if (!limber_store_end (self, ok, error))
    return FALSE;

  if (session != NULL)
    *session = g_steal_pointer (&removed);
  if (measurements != NULL)
    *measurements = g_steal_pointer (&removed_measurements);

  return TRUE;
}

static gboolean
restore_session_step (LimberStore    *self,
                      LimberSession  *session,
                      GPtrArray      *measurements,
                      GError        **error)
{
  gint64 id = limber_session_get_id (session);
  gboolean taken = FALSE;

  if (id != 0 && !session_exists (self, id, &taken, error))
    return FALSE;

  if (!insert_session (self, session, taken ? 0 : id, error))
    return FALSE;

  return write_measurements (self, limber_session_get_id (session), measurements, error);
}

gboolean
limber_store_restore_session (LimberStore    *self,
                              LimberSession  *session,
                              GPtrArray      *measurements,
                              GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (measurements != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_session_action (self, "undo delete session", restore_session_step, session,
                             measurements, error);
}

gboolean
limber_store_remove_measurement (LimberStore        *self,
                                 gint64              measurement_id,
                                 LimberMeasurement **measurement,
                                 GError            **error)
{
  g_autoptr (LimberMeasurement) stored = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_begin (self, "delete measurement", error))
    return FALSE;

  stored = limber_store_get_row (self,
                                 "SELECT " LIMBER_STORE_MEASUREMENT_COLUMNS
                                 " FROM measurement AS m WHERE m.id = ?1",
                                 measurement_id, limber_store_measurement_from_row,
                                 &local_error);
  if (stored == NULL && local_error == NULL)
    limber_store_not_found_error (&local_error, FALSE,
                                  _("There is no measurement with id %lld"),
                                  (long long) measurement_id);

  ok = stored != NULL
       && delete_row (self, "DELETE FROM measurement WHERE id = ?1", measurement_id,
                      &local_error);
  if (!limber_store_end (self, ok, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (measurement != NULL)
    *measurement = g_steal_pointer (&stored);

  return TRUE;
}

gboolean
limber_store_restore_measurement (LimberStore        *self,
                                  LimberMeasurement  *measurement,
                                  GError            **error)
{
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (measurement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_measurement_validate (measurement, error))
    return FALSE;

  id = limber_measurement_get_id (measurement);
  if (!limber_store_begin (self, "undo delete measurement", error))
    return FALSE;

  ok = restore_measurement (self, measurement, error);
  if (!limber_store_end (self, ok, error))
    {
      limber_measurement_set_id (measurement, id);
      return FALSE;
    }

  return TRUE;
}

/* ----- Public: what earlier sessions suggest ----- */

/* The latest of each measure and side: no later session of the episode before
 * the date has the same measure and side. */
#define PREVIOUS_SQL \
  "SELECT " LIMBER_STORE_MEASUREMENT_COLUMNS " FROM measurement AS m " \
  "JOIN session AS s ON s.id = m.session_id " \
  "WHERE s.episode_id = ?1 AND s.date < ?2 AND NOT EXISTS (" \
  "  SELECT 1 FROM measurement AS m2 JOIN session AS s2 ON s2.id = m2.session_id " \
  "  WHERE s2.episode_id = ?1 AND s2.date < ?2 AND s2.date > s.date " \
  "    AND m2.measure = m.measure AND m2.side = m.side) " \
  "ORDER BY m.measure, m.side"

GPtrArray *
limber_store_list_previous_measurements (LimberStore  *self,
                                         gint64        episode_id,
                                         const char   *before_date,
                                         GError      **error)
{
  g_autoptr (GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (before_date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = limber_store_prepare (self, PREVIOUS_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  limber_store_bind_text (stmt, 2, before_date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer measurement = limber_store_measurement_from_row (stmt, 0, error);

      if (measurement == NULL)
        return NULL;
      g_ptr_array_add (measurements, measurement);
    }

  if (rc != SQLITE_DONE)
    {
      limber_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&measurements);
}

/* The first column of every row of stmt, its parameters bound, as a GStrv. */
static GStrv
list_texts (LimberStore   *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, limber_store_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      limber_store_fail (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

GStrv
limber_store_list_session_therapists (LimberStore  *self,
                                      GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = limber_store_prepare (self,
                               "SELECT therapist FROM session "
                               "WHERE therapist IS NOT NULL AND trim (therapist) <> '' "
                               "GROUP BY therapist ORDER BY max (date) DESC, therapist",
                               error);
  if (stmt == NULL)
    return NULL;

  return list_texts (self, stmt, error);
}

GStrv
limber_store_list_session_techniques (LimberStore  *self,
                                      gint64        episode_id,
                                      guint         limit,
                                      GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = limber_store_prepare (self,
                               "SELECT techniques FROM session "
                               "WHERE techniques IS NOT NULL AND trim (techniques) <> '' "
                               "GROUP BY techniques "
                               "ORDER BY max (episode_id = ?1) DESC, max (date) DESC, techniques "
                               "LIMIT ?2",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  return list_texts (self, stmt, error);
}
