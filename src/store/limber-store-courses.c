/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include "limber-store-private.h"

/* Every course of care of a period with its sessions and measurements, for the
 * clinic's statistics: one query walked in course order, sessions by date within a
 * course, so that a clinic of ten thousand courses and a million measurements is read
 * in one pass, as plain rows, without an object for each. */

#define COURSE_FILTER "e.start_date BETWEEN ?1 AND ?2"

/* A course's sessions are unique by date, so (e.id, s.date) orders every row that
 * matters; the session index (episode_id, date) gives that order without sorting.
 * The scores without the questionnaires' item answers, which statistics never read:
 * the answers are the larger part of the rows. */
#define COURSE_ROWS_SQL \
  "SELECT e.id, e.condition, s.id, s.date, s.therapist, m.measure, m.side, m.value, " \
  "s.outcome_contact " \
  "FROM episode AS e LEFT JOIN session AS s ON s.episode_id = e.id " \
  "LEFT JOIN measurement AS m ON m.session_id = s.id " \
  "WHERE " COURSE_FILTER " ORDER BY e.id, s.date"

#define COUNT_SQL "SELECT count(*) FROM episode AS e WHERE " COURSE_FILTER

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

gboolean
limber_store_foreach_course_row (LimberStore               *self,
                                 const char                *from,
                                 const char                *to,
                                 LimberStoreCourseRowFunc   func,
                                 gpointer                   user_data,
                                 GError                   **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = limber_store_prepare (self, COURSE_ROWS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LimberStoreCourseRow row;

      row.episode_id = sqlite3_column_int64 (stmt, 0);
      row.condition = limber_store_column_text (stmt, 1);
      row.session_id = sqlite3_column_int64 (stmt, 2);
      row.session_date = limber_store_column_text (stmt, 3);
      row.therapist = limber_store_column_text (stmt, 4);
      row.measure = limber_store_column_text (stmt, 5);
      row.side = row.measure != NULL ? limber_store_column_side (stmt, 6) : LIMBER_SIDE_NONE;
      row.value = sqlite3_column_double (stmt, 7);
      row.outcome_contact = sqlite3_column_int (stmt, 8) != 0;

      if (!func (&row, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);
  return TRUE;
}
