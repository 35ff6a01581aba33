/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include "limber-store-private.h"

/* Every course of care of a period with its sessions and measurements, for the
 * clinic's statistics: three queries walked side by side in course order, so that a
 * clinic of ten thousand courses is read in one pass and only one course is held in
 * memory at a time. */

#define COURSE_FILTER "e.start_date BETWEEN ?1 AND ?2"

#define COURSES_SQL \
  "SELECT " LIMBER_STORE_PATIENT_COLUMNS ", " LIMBER_STORE_EPISODE_COLUMNS " " \
  "FROM episode AS e JOIN patient AS p ON p.id = e.patient_id " \
  "WHERE " COURSE_FILTER " ORDER BY e.id"

#define SESSIONS_SQL \
  "SELECT " LIMBER_STORE_SESSION_COLUMNS ", e.id " \
  "FROM episode AS e JOIN session AS s ON s.episode_id = e.id " \
  "WHERE " COURSE_FILTER " ORDER BY e.id, s.date, s.id"

/* The scores without the questionnaires' item answers, which statistics never read:
 * the answers are the larger part of the rows. */
#define MEASUREMENTS_SQL \
  "SELECT m.id, m.session_id, m.measure, m.side, m.value, e.id " \
  "FROM episode AS e JOIN session AS s ON s.episode_id = e.id " \
  "JOIN measurement AS m ON m.session_id = s.id " \
  "WHERE " COURSE_FILTER " ORDER BY e.id"

#define COUNT_SQL "SELECT count(*) FROM episode AS e WHERE " COURSE_FILTER

#define MEASUREMENT_SCORE_N_COLUMNS 5

static gpointer
measurement_score_from_row (sqlite3_stmt  *stmt,
                            int            column,
                            GError       **error)
{
  LimberMeasurement *measurement;

  measurement = limber_measurement_new (sqlite3_column_int64 (stmt, column + 1),
                                        limber_store_column_text (stmt, column + 2),
                                        limber_store_column_side (stmt, column + 3),
                                        sqlite3_column_double (stmt, column + 4));
  limber_measurement_set_id (measurement, sqlite3_column_int64 (stmt, column));
  return measurement;
}

static void
bind_period (sqlite3_stmt *stmt,
             const char   *from,
             const char   *to)
{
  limber_store_bind_text (stmt, 1, from != NULL ? from : "0000-01-01");
  limber_store_bind_text (stmt, 2, to != NULL ? to : "9999-12-31");
}

guint
limber_store_count_courses (LimberStore  *self,
                            const char   *from,
                            const char   *to,
                            GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = limber_store_prepare (self, COUNT_SQL, error);
  if (stmt == NULL)
    return 0;

  bind_period (stmt, from, to);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      limber_store_fail (self, rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* Moves a cursor whose last column is the course id past the rows of course_id,
 * adding what from_row makes of each to into. */
static gboolean
take_rows (LimberStore        *self,
           sqlite3_stmt       *stmt,
           int                *rc,
           int                 id_column,
           gint64              course_id,
           LimberStoreRowFunc  from_row,
           GPtrArray          *into,
           GError            **error)
{
  while (*rc == SQLITE_ROW && sqlite3_column_int64 (stmt, id_column) <= course_id)
    {
      if (sqlite3_column_int64 (stmt, id_column) == course_id)
        {
          gpointer object = from_row (stmt, 0, error);

          if (object == NULL)
            return FALSE;
          g_ptr_array_add (into, object);
        }
      *rc = sqlite3_step (stmt);
    }

  if (*rc != SQLITE_ROW && *rc != SQLITE_DONE)
    return limber_store_fail (self, *rc, error);
  return TRUE;
}

gboolean
limber_store_foreach_course (LimberStore            *self,
                             const char             *from,
                             const char             *to,
                             LimberStoreCourseFunc   func,
                             gpointer                user_data,
                             GError                **error)
{
  g_autoptr (LimberStoreStatement) courses = NULL;
  g_autoptr (LimberStoreStatement) sessions = NULL;
  g_autoptr (LimberStoreStatement) measurements = NULL;
  int course_rc, session_rc, measurement_rc;
  gboolean own_transaction;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  courses = limber_store_prepare (self, COURSES_SQL, error);
  if (courses == NULL)
    return FALSE;
  sessions = limber_store_prepare (self, SESSIONS_SQL, error);
  if (sessions == NULL)
    return FALSE;
  measurements = limber_store_prepare (self, MEASUREMENTS_SQL, error);
  if (measurements == NULL)
    return FALSE;

  bind_period (courses, from, to);
  bind_period (sessions, from, to);
  bind_period (measurements, from, to);

  /* One read transaction, so that the three cursors see the same clinic. */
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !limber_store_exec (self, "BEGIN", error))
    return FALSE;

  session_rc = sqlite3_step (sessions);
  measurement_rc = sqlite3_step (measurements);
  while ((course_rc = sqlite3_step (courses)) == SQLITE_ROW)
    {
      g_autoptr (LimberPatient) patient = NULL;
      g_autoptr (LimberEpisode) episode = NULL;
      g_autoptr (GPtrArray) course_sessions = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) course_measurements = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 course_id;

      patient = limber_store_patient_from_row (courses, 0, error);
      episode = limber_store_episode_from_row (courses, LIMBER_STORE_PATIENT_N_COLUMNS, error);
      if (patient == NULL || episode == NULL)
        break;
      course_id = limber_episode_get_id (episode);

      if (!take_rows (self, sessions, &session_rc, LIMBER_STORE_SESSION_N_COLUMNS, course_id,
                      limber_store_session_from_row, course_sessions, error)
          || !take_rows (self, measurements, &measurement_rc, MEASUREMENT_SCORE_N_COLUMNS,
                         course_id, measurement_score_from_row, course_measurements, error))
        break;

      if (!func (patient, episode, course_sessions, course_measurements, user_data, error))
        break;
    }

  /* Nothing was written: ending the read transaction cannot lose anything. */
  sqlite3_reset (courses);
  sqlite3_reset (sessions);
  sqlite3_reset (measurements);
  if (own_transaction)
    limber_store_exec (self, "COMMIT", NULL);

  if (course_rc == SQLITE_ROW)
    return FALSE;  /* stopped with error set */
  if (course_rc != SQLITE_DONE)
    return limber_store_fail (self, course_rc, error);
  return TRUE;
}
