/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-store-private.h"

/* The session table: one visit of an episode, or an outcome contact. */

/* Where each of LIMBER_STORE_SESSION_COLUMNS stands. */
enum {
  SESSION_ID,
  SESSION_EPISODE_ID,
  SESSION_DATE,
  SESSION_THERAPIST,
  SESSION_TECHNIQUES,
  SESSION_NOTES,
  SESSION_SORENESS,
  SESSION_OUTCOME_CONTACT,
  SESSION_N_COLUMNS
};

G_STATIC_ASSERT (SESSION_N_COLUMNS == LIMBER_STORE_SESSION_N_COLUMNS);

gpointer
limber_store_session_from_row (sqlite3_stmt  *stmt,
                               int            column,
                               GError       **error)
{
  LimberSession *session;

  session = limber_session_new (sqlite3_column_int64 (stmt, column + SESSION_EPISODE_ID),
                                limber_store_column_text (stmt, column + SESSION_DATE));
  limber_session_set_id (session, sqlite3_column_int64 (stmt, column + SESSION_ID));
  limber_session_set_therapist (
    session, limber_store_column_text (stmt, column + SESSION_THERAPIST));
  limber_session_set_techniques (
    session, limber_store_column_text (stmt, column + SESSION_TECHNIQUES));
  limber_session_set_notes (session, limber_store_column_text (stmt, column + SESSION_NOTES));
  /* NULL in the database is "not recorded", -1 in the model. */
  if (sqlite3_column_type (stmt, column + SESSION_SORENESS) == SQLITE_NULL)
    limber_session_set_soreness (session, -1);
  else
    limber_session_set_soreness (session, sqlite3_column_int (stmt, column + SESSION_SORENESS));
  limber_session_set_outcome_contact (session,
                                      sqlite3_column_int (stmt, column + SESSION_OUTCOME_CONTACT));

  return session;
}

gboolean
limber_store_session_write (LimberStore   *self,
                            sqlite3_stmt  *stmt,
                            gpointer       object,
                            GError       **error)
{
  LimberSession *session = object;
  int soreness = limber_session_get_soreness (session);
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_session_get_episode_id (session));
  limber_store_bind_text (stmt, 2, limber_session_get_date (session));
  limber_store_bind_text (stmt, 3, limber_session_get_therapist (session));
  limber_store_bind_text (stmt, 4, limber_session_get_techniques (session));
  limber_store_bind_text (stmt, 5, limber_session_get_notes (session));
  if (soreness < 0)
    sqlite3_bind_null (stmt, 6);
  else
    sqlite3_bind_int (stmt, 6, soreness);
  sqlite3_bind_int (stmt, 7, limber_session_get_outcome_contact (session) ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return limber_store_constraint_error (error,
                                          _("This course of care already has a session on %s"),
                                          limber_session_get_date (session));
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return limber_store_constraint_error (error, _("There is no course of care with id %lld"),
                                          (long long) limber_session_get_episode_id (session));
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* ----- Public ----- */

GPtrArray *
limber_store_list_sessions (LimberStore  *self,
                            gint64        episode_id,
                            GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_list (self,
                            "SELECT " LIMBER_STORE_SESSION_COLUMNS " FROM session AS s "
                            "WHERE s.episode_id = ?1 ORDER BY s.date",
                            episode_id, limber_store_session_from_row, error);
}

gboolean
limber_store_add_session (LimberStore    *self,
                          LimberSession  *session,
                          GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_session_validate (session, error)
      || !limber_store_insert (self, "add session",
                               "INSERT INTO session (episode_id, date, therapist, techniques, "
                               "notes, soreness, outcome_contact) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               limber_store_session_write, session, &id, error))
    return FALSE;

  limber_session_set_id (session, id);
  return TRUE;
}

gboolean
limber_store_update_session (LimberStore    *self,
                             LimberSession  *session,
                             GError        **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_session_get_id (session);
  if (!limber_session_validate (session, error)
      || !limber_store_update (self, "update session",
                               "UPDATE session SET episode_id = ?1, date = ?2, therapist = ?3, "
                               "techniques = ?4, notes = ?5, soreness = ?6, outcome_contact = ?7 "
                               "WHERE id = :id",
                               limber_store_session_write, session, id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no session with id %lld"),
                                       (long long) id);
}

gboolean
limber_store_delete_session (LimberStore  *self,
                             gint64        session_id,
                             GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_delete (self, "delete session", "DELETE FROM session WHERE id = ?1",
                            session_id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no session with id %lld"),
                                       (long long) session_id);
}
