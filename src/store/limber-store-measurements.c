/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-store-private.h"

/* The measurement table, with a questionnaire's answers and item names as JSON
 * arrays, and the export, which reads every measurement with its patient, episode
 * and session. */

#define MEASUREMENT_COLUMNS LIMBER_STORE_MEASUREMENT_COLUMNS
enum {
  MEASUREMENT_ID,
  MEASUREMENT_SESSION_ID,
  MEASUREMENT_MEASURE,
  MEASUREMENT_SIDE,
  MEASUREMENT_VALUE,
  MEASUREMENT_ANSWERS,
  MEASUREMENT_ITEM_NAMES,
  MEASUREMENT_N_COLUMNS
};

G_STATIC_ASSERT (MEASUREMENT_N_COLUMNS == LIMBER_STORE_MEASUREMENT_N_COLUMNS);

static gboolean
measurement_load_items (LimberMeasurement  *measurement,
                        const char         *answers_json,
                        const char         *names_json,
                        GError            **error)
{
  g_autoptr (GArray) answers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (answers_json == NULL && names_json == NULL)
    return TRUE;

  if ((answers_json != NULL && !limber_store_answers_from_json (answers_json, answers))
      || (names_json != NULL && !limber_store_names_from_json (names_json, names)))
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("The questionnaire answers of measurement %lld cannot be read; the "
                     "database may be damaged"),
                   (long long) limber_measurement_get_id (measurement));
      return FALSE;
    }

  limber_measurement_set_answers (measurement,
                                  answers_json != NULL ? (const double *) answers->data : NULL,
                                  answers->len,
                                  names_json != NULL ? (const char *const *) names->pdata : NULL);
  return TRUE;
}

gpointer
limber_store_measurement_from_row (sqlite3_stmt  *stmt,
                                   int            column,
                                   GError       **error)
{
  g_autoptr (LimberMeasurement) measurement = NULL;

  measurement =
    limber_measurement_new (sqlite3_column_int64 (stmt, column + MEASUREMENT_SESSION_ID),
                            limber_store_column_text (stmt, column + MEASUREMENT_MEASURE),
                            limber_store_column_side (stmt, column + MEASUREMENT_SIDE),
                            sqlite3_column_double (stmt, column + MEASUREMENT_VALUE));
  limber_measurement_set_id (measurement, sqlite3_column_int64 (stmt, column + MEASUREMENT_ID));

  if (!measurement_load_items (measurement,
                               limber_store_column_text (stmt, column + MEASUREMENT_ANSWERS),
                               limber_store_column_text (stmt, column + MEASUREMENT_ITEM_NAMES),
                               error))
    return NULL;

  return g_steal_pointer (&measurement);
}

/* Binds ?1…?6 (session_id, measure, side, value, answers, item_names) and steps. */
static gboolean
measurement_step (LimberStore   *self,
                  sqlite3_stmt  *stmt,
                  gint64         session_id,
                  const char    *measure,
                  LimberSide     side,
                  double         value,
                  const char    *answers_json,
                  const char    *names_json,
                  GError       **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, session_id);
  limber_store_bind_text (stmt, 2, measure);
  sqlite3_bind_text (stmt, 3, limber_side_to_string (side), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, value);
  limber_store_bind_text (stmt, 5, answers_json);
  limber_store_bind_text (stmt, 6, names_json);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_autofree char *what = limber_store_describe_measure (measure, side);

      return limber_store_constraint_error (error, _("This session already has a value for %s"),
                                            what);
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return limber_store_constraint_error (error, _("There is no session with id %lld"),
                                          (long long) session_id);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

gboolean
limber_store_measurement_write (LimberStore   *self,
                                sqlite3_stmt  *stmt,
                                gpointer       object,
                                GError       **error)
{
  LimberMeasurement *measurement = object;
  const double *answers;
  const char *const *names;
  g_autofree char *answers_json = NULL;
  g_autofree char *names_json = NULL;
  guint n_answers = 0;

  answers = limber_measurement_get_answers (measurement, &n_answers);
  names = limber_measurement_get_item_names (measurement);
  if (answers != NULL)
    answers_json = limber_store_answers_to_json (answers, n_answers);
  if (names != NULL)
    names_json = limber_store_names_to_json (names);

  return measurement_step (self, stmt, limber_measurement_get_session_id (measurement),
                           limber_measurement_get_measure (measurement),
                           limber_measurement_get_side (measurement),
                           limber_measurement_get_value (measurement),
                           answers_json, names_json, error);
}

/* A measurement without answers, as plain values (limber_store_add_measurement_value()). */
typedef struct
{
  gint64      session_id;
  const char *measure;
  LimberSide  side;
  double      value;
} MeasurementValue;

static gboolean
measurement_value_write (LimberStore   *self,
                         sqlite3_stmt  *stmt,
                         gpointer       object,
                         GError       **error)
{
  const MeasurementValue *row = object;

  return measurement_step (self, stmt, row->session_id, row->measure, row->side, row->value,
                           NULL, NULL, error);
}

/* ----- Public ----- */

GPtrArray *
limber_store_list_measurements (LimberStore  *self,
                                gint64        session_id,
                                GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_list (self,
                            "SELECT " MEASUREMENT_COLUMNS " FROM measurement AS m "
                            "WHERE m.session_id = ?1 ORDER BY m.measure, m.side",
                            session_id, limber_store_measurement_from_row, error);
}

GPtrArray *
limber_store_list_episode_measurements (LimberStore  *self,
                                        gint64        episode_id,
                                        GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_list (self,
                            "SELECT " MEASUREMENT_COLUMNS " FROM measurement AS m "
                            "JOIN session AS s ON s.id = m.session_id "
                            "WHERE s.episode_id = ?1 ORDER BY s.date, m.measure, m.side",
                            episode_id, limber_store_measurement_from_row, error);
}

gboolean
limber_store_add_measurement (LimberStore        *self,
                              LimberMeasurement  *measurement,
                              GError            **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (measurement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_measurement_validate (measurement, error)
      || !limber_store_insert (self, "add measurement",
                               "INSERT INTO measurement (session_id, measure, side, value, "
                               "answers, item_names) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               limber_store_measurement_write, measurement, &id, error))
    return FALSE;

  limber_measurement_set_id (measurement, id);
  return TRUE;
}

gboolean
limber_store_add_measurement_value (LimberStore  *self,
                                    gint64        session_id,
                                    const char   *measure,
                                    LimberSide    side,
                                    double        value,
                                    gint64       *id,
                                    GError      **error)
{
  MeasurementValue row = { session_id, measure, side, value };
  LimberMeasure *info;
  gint64 new_id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = limber_measure_lookup (measure);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!limber_measure_validate (info, value, side, error)
      || !limber_store_insert (self, "add measurement",
                               "INSERT INTO measurement (session_id, measure, side, value, "
                               "answers, item_names) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               measurement_value_write, &row, &new_id, error))
    return FALSE;

  if (id != NULL)
    *id = new_id;
  return TRUE;
}

/* The measurement's entry as its insert trigger writes it (schema 7), for the rows
 * ?1 to ?2. */
#define MEASUREMENT_AUDIT_ENTRIES \
  "INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values) " \
  "SELECT strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), " \
  "       limber_audit_action (), 'measurement', id, NULL, " \
  "       limber_audit_json ('session_id', session_id, 'measure', measure, " \
  "                          'side', side, 'value', value, " \
  "                          'answers', CAST (answers AS BLOB), " \
  "                          'item_names', CAST (item_names AS BLOB)) " \
  "FROM measurement WHERE id BETWEEN ?1 AND ?2 ORDER BY id"

static gboolean
write_measurement_entries (LimberStore  *self,
                           gint64        first_id,
                           gint64        last_id,
                           GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, MEASUREMENT_AUDIT_ENTRIES,
                                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
insert_measurement_values (LimberStore             *self,
                           gint64                   session_id,
                           const LimberStoreValue  *values,
                           guint                    n_values,
                           gint64                  *ids,
                           GError                 **error)
{
  for (guint i = 0; i < n_values; i++)
    {
      g_autoptr (LimberStoreStatement) stmt = NULL;
      LimberMeasure *info = limber_measure_lookup (values[i].measure);

      g_return_val_if_fail (info != NULL, FALSE);
      if (!limber_measure_validate (info, values[i].value, values[i].side, error))
        return FALSE;

      stmt = limber_store_prepare (self,
                                   "INSERT INTO measurement (session_id, measure, side, value, "
                                   "answers, item_names) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
      if (stmt == NULL
          || !measurement_step (self, stmt, session_id, values[i].measure, values[i].side,
                                values[i].value, NULL, NULL, error))
        return FALSE;

      ids[i] = sqlite3_last_insert_rowid (self->db);
    }

  return TRUE;
}

static gboolean
ids_follow_each_other (const gint64 *ids,
                       guint         n_ids)
{
  for (guint i = 1; i < n_ids; i++)
    {
      if (ids[i] != ids[0] + i)
        return FALSE;
    }
  return TRUE;
}

/* The rows one statement at a time, each with its id, and their entries after them
 * in the order of the inserts. */
static gboolean
add_values_one_by_one (LimberStore             *self,
                       gint64                   session_id,
                       const LimberStoreValue  *values,
                       guint                    n_values,
                       GError                 **error)
{
  g_autofree gint64 *ids = g_new (gint64, n_values);
  gboolean ok;

  self->auditing_measurements = TRUE;
  ok = insert_measurement_values (self, session_id, values, n_values, ids, error);
  self->auditing_measurements = FALSE;
  if (!ok)
    return FALSE;

  /* New rows take the next ids, in order: one statement writes their entries. Only a
   * table that reached the largest id makes SQLite pick others at random, and then
   * each row gets its entry on its own, in the order of the inserts. */
  if (ids_follow_each_other (ids, n_values))
    return write_measurement_entries (self, ids[0], ids[n_values - 1], error);

  for (guint i = 0; i < n_values; i++)
    {
      if (!write_measurement_entries (self, ids[i], ids[i], error))
        return FALSE;
    }
  return TRUE;
}

/* A session's new rows go in with a few statements of many rows each rather than
 * one statement a row: every statement that fires a trigger keeps a journal of the
 * pages it changes, so that it can be undone alone, and copying those pages cost an
 * import more than inserting its rows. */
#define VALUES_PER_INSERT 16

/* INSERT … VALUES (?1, ?2, ?3, ?4), (?1, ?5, ?6, ?7), …: the session, then measure,
 * side and value of each row; index n, for n rows. Made once: the store keeps its
 * statements by their text. */
static const char *
values_insert_sql (guint n_rows)
{
  static gsize made = 0;
  static char *sql[VALUES_PER_INSERT + 1];

  g_assert (n_rows >= 1 && n_rows <= VALUES_PER_INSERT);

  if (g_once_init_enter (&made))
    {
      for (guint n = 1; n <= VALUES_PER_INSERT; n++)
        {
          GString *text = g_string_new ("INSERT INTO measurement (session_id, measure, side, "
                                        "value) VALUES ");

          for (guint i = 0; i < n; i++)
            g_string_append_printf (text, "%s(?1, ?%u, ?%u, ?%u)", i > 0 ? ", " : "",
                                    2 + 3 * i, 3 + 3 * i, 4 + 3 * i);
          sql[n] = g_string_free (text, FALSE);
        }
      g_once_init_leave (&made, 1);
    }

  return sql[n_rows];
}

static gboolean
insert_values (LimberStore             *self,
               gint64                   session_id,
               const LimberStoreValue  *values,
               guint                    n_values,
               GError                 **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self,
                                                                values_insert_sql (n_values),
                                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  for (guint i = 0; i < n_values; i++)
    {
      limber_store_bind_text (stmt, 2 + 3 * i, values[i].measure);
      sqlite3_bind_text (stmt, 3 + 3 * i, limber_side_to_string (values[i].side), -1,
                         SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4 + 3 * i, values[i].value);
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  /* SQLite has undone the statement; one row at a time, the row at fault says what
   * is wrong with it. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_autofree gint64 *ids = g_new (gint64, n_values);

      sqlite3_reset (stmt);
      if (!insert_measurement_values (self, session_id, values, n_values, ids, error))
        return FALSE;
    }
  return limber_store_fail (self, rc, error);
}

/* The largest id of the measurement table, 0 when it is empty. */
static gboolean
read_last_measurement_id (LimberStore  *self,
                          gint64       *last_id,
                          GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt =
    limber_store_prepare (self, "SELECT ifnull (max (id), 0) FROM measurement", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return limber_store_fail (self, rc, error);

  *last_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
limber_store_add_measurement_values (LimberStore             *self,
                                     gint64                   session_id,
                                     const LimberStoreValue  *values,
                                     guint                    n_values,
                                     GError                 **error)
{
  gint64 last_id = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_values == 0)
    return TRUE;

  /* The test hook: the trigger writes each entry as its row is inserted. */
  if (self->audit_per_row)
    {
      g_autofree gint64 *ids = g_new (gint64, n_values);

      return insert_measurement_values (self, session_id, values, n_values, ids, error);
    }

  for (guint i = 0; i < n_values; i++)
    {
      LimberMeasure *info = limber_measure_lookup (values[i].measure);

      g_return_val_if_fail (info != NULL, FALSE);
      if (!limber_measure_validate (info, values[i].value, values[i].side, error))
        return FALSE;
    }

  if (!read_last_measurement_id (self, &last_id, error))
    return FALSE;

  /* New rows take the ids after the largest, in the order of the rows, unless the
   * table reached the largest id SQLite has: then it picks others at random. */
  if (last_id > G_MAXINT64 - n_values)
    return add_values_one_by_one (self, session_id, values, n_values, error);

  self->auditing_measurements = TRUE;
  for (guint start = 0; ok && start < n_values; start += VALUES_PER_INSERT)
    ok = insert_values (self, session_id, values + start,
                        MIN (n_values - start, VALUES_PER_INSERT), error);
  self->auditing_measurements = FALSE;
  if (!ok)
    return FALSE;

  return write_measurement_entries (self, last_id + 1, last_id + n_values, error);
}

gboolean
limber_store_update_measurement (LimberStore        *self,
                                 LimberMeasurement  *measurement,
                                 GError            **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (measurement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_measurement_get_id (measurement);
  if (!limber_measurement_validate (measurement, error)
      || !limber_store_update (self, "update measurement",
                               "UPDATE measurement SET session_id = ?1, measure = ?2, "
                               "side = ?3, value = ?4, answers = ?5, item_names = ?6 "
                               "WHERE id = :id",
                               limber_store_measurement_write, measurement, id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found,
                                       _("There is no measurement with id %lld"),
                                       (long long) id);
}

gboolean
limber_store_delete_measurement (LimberStore  *self,
                                 gint64        measurement_id,
                                 GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_delete (self, "delete measurement",
                            "DELETE FROM measurement WHERE id = ?1",
                            measurement_id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found,
                                       _("There is no measurement with id %lld"),
                                       (long long) measurement_id);
}

/* ----- Public: the export ----- */

enum {
  EXPORT_PATIENT = 0,
  EXPORT_EPISODE = EXPORT_PATIENT + LIMBER_STORE_PATIENT_N_COLUMNS,
  EXPORT_SESSION = EXPORT_EPISODE + LIMBER_STORE_EPISODE_N_COLUMNS,
  EXPORT_MEASUREMENT = EXPORT_SESSION + LIMBER_STORE_SESSION_N_COLUMNS,
};

/* The order of interchange.md (mrn, episode start, session date, measure, side with
 * '' first); the condition breaks the tie of two courses of care that start the
 * same day, so that an exported file is the same after a round trip. */
#define EXPORT_SQL \
  "SELECT " LIMBER_STORE_PATIENT_COLUMNS ", " LIMBER_STORE_EPISODE_COLUMNS ", " \
  LIMBER_STORE_SESSION_COLUMNS ", " MEASUREMENT_COLUMNS " " \
  "FROM measurement AS m " \
  "JOIN session AS s ON s.id = m.session_id " \
  "JOIN episode AS e ON e.id = s.episode_id " \
  "JOIN patient AS p ON p.id = e.patient_id " \
  "ORDER BY p.mrn, e.start_date, s.date, m.measure, m.side, e.condition"

gboolean
limber_store_foreach_measurement (LimberStore                 *self,
                                  LimberStoreMeasurementFunc   func,
                                  gpointer                     user_data,
                                  GError                     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (LimberEpisode) episode = NULL;
  g_autoptr (LimberSession) session = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Prepared for this call only: func may use the store while the query runs. */
  rc = sqlite3_prepare_v2 (self->db, EXPORT_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (LimberMeasurement) measurement = NULL;

      /* Rows come grouped, so one object serves all rows of its patient, episode
       * and session. */
      if (patient == NULL
          || limber_patient_get_id (patient) != sqlite3_column_int64 (stmt, EXPORT_PATIENT))
        {
          g_clear_object (&patient);
          patient = limber_store_patient_from_row (stmt, EXPORT_PATIENT, NULL);
        }
      if (episode == NULL
          || limber_episode_get_id (episode) != sqlite3_column_int64 (stmt, EXPORT_EPISODE))
        {
          g_clear_object (&episode);
          episode = limber_store_episode_from_row (stmt, EXPORT_EPISODE, NULL);
        }
      if (session == NULL
          || limber_session_get_id (session) != sqlite3_column_int64 (stmt, EXPORT_SESSION))
        {
          g_clear_object (&session);
          session = limber_store_session_from_row (stmt, EXPORT_SESSION, NULL);
        }

      measurement = limber_store_measurement_from_row (stmt, EXPORT_MEASUREMENT, error);
      if (measurement == NULL)
        return FALSE;

      if (!func (patient, episode, session, measurement, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

