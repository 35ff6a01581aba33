/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-store-private.h"

/* The episode table (courses of care) and the goal table of each episode. */

/* ----- Episodes ----- */

/* Where each of LIMBER_STORE_EPISODE_COLUMNS stands. */
enum {
  EPISODE_ID,
  EPISODE_PATIENT_ID,
  EPISODE_CONDITION,
  EPISODE_BODY_REGION,
  EPISODE_SIDE,
  EPISODE_ONSET_DATE,
  EPISODE_START_DATE,
  EPISODE_DISCHARGE_DATE,
  EPISODE_PLANNED_SESSIONS,
  EPISODE_SESSIONS_PER_WEEK,
  EPISODE_NOTES,
  EPISODE_DISCHARGE_NOTE,
  EPISODE_N_COLUMNS
};

G_STATIC_ASSERT (EPISODE_N_COLUMNS == LIMBER_STORE_EPISODE_N_COLUMNS);

gpointer
limber_store_episode_from_row (sqlite3_stmt  *stmt,
                               int            column,
                               GError       **error)
{
  LimberEpisode *episode;

  episode = limber_episode_new (sqlite3_column_int64 (stmt, column + EPISODE_PATIENT_ID),
                                limber_store_column_text (stmt, column + EPISODE_CONDITION),
                                limber_store_column_text (stmt, column + EPISODE_START_DATE));
  limber_episode_set_id (episode, sqlite3_column_int64 (stmt, column + EPISODE_ID));
  limber_episode_set_body_region (
    episode, limber_store_column_text (stmt, column + EPISODE_BODY_REGION));
  limber_episode_set_side (episode, limber_store_column_side (stmt, column + EPISODE_SIDE));
  limber_episode_set_onset_date (
    episode, limber_store_column_text (stmt, column + EPISODE_ONSET_DATE));
  limber_episode_set_discharge_date (
    episode, limber_store_column_text (stmt, column + EPISODE_DISCHARGE_DATE));
  limber_episode_set_planned_sessions (
    episode, sqlite3_column_int (stmt, column + EPISODE_PLANNED_SESSIONS));
  limber_episode_set_sessions_per_week (
    episode, sqlite3_column_int (stmt, column + EPISODE_SESSIONS_PER_WEEK));
  limber_episode_set_notes (episode, limber_store_column_text (stmt, column + EPISODE_NOTES));
  limber_episode_set_discharge_note (
    episode, limber_store_column_text (stmt, column + EPISODE_DISCHARGE_NOTE));

  return episode;
}

static gboolean
episode_write (LimberStore   *self,
               sqlite3_stmt  *stmt,
               gpointer       object,
               GError       **error)
{
  LimberEpisode *episode = object;
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_episode_get_patient_id (episode));
  limber_store_bind_text (stmt, 2, limber_episode_get_condition (episode));
  limber_store_bind_text (stmt, 3, limber_episode_get_body_region (episode));
  limber_store_bind_text (stmt, 4, limber_side_to_string (limber_episode_get_side (episode)));
  limber_store_bind_text (stmt, 5, limber_episode_get_onset_date (episode));
  limber_store_bind_text (stmt, 6, limber_episode_get_start_date (episode));
  limber_store_bind_text (stmt, 7, limber_episode_get_discharge_date (episode));
  sqlite3_bind_int (stmt, 8, (int) limber_episode_get_planned_sessions (episode));
  sqlite3_bind_int (stmt, 9, (int) limber_episode_get_sessions_per_week (episode));
  limber_store_bind_text (stmt, 10, limber_episode_get_notes (episode));
  limber_store_bind_text (stmt, 11, limber_episode_get_discharge_note (episode));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      LimberCondition *condition = limber_episode_get_condition_info (episode);

      return limber_store_constraint_error (error,
                                            _("This patient already has a course of care for "
                                              "%s starting %s"),
                                            condition != NULL
                                              ? limber_condition_get_label (condition)
                                              : limber_episode_get_condition (episode),
                                            limber_episode_get_start_date (episode));
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return limber_store_constraint_error (error, _("There is no patient with id %lld"),
                                          (long long) limber_episode_get_patient_id (episode));
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_episodes (LimberStore  *self,
                            gint64        patient_id,
                            GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_list (self,
                            "SELECT " LIMBER_STORE_EPISODE_COLUMNS " FROM episode AS e "
                            "WHERE e.patient_id = ?1 ORDER BY e.start_date, e.id",
                            patient_id, limber_store_episode_from_row, error);
}

LimberEpisode *
limber_store_get_episode (LimberStore  *self,
                          gint64        episode_id,
                          GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  LimberEpisode *episode;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode = limber_store_get_row (self,
                                  "SELECT " LIMBER_STORE_EPISODE_COLUMNS " FROM episode AS e "
                                  "WHERE e.id = ?1",
                                  episode_id, limber_store_episode_from_row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  limber_store_not_found_error (error, episode != NULL,
                                _("There is no course of care with id %lld"),
                                (long long) episode_id);
  return episode;
}

gboolean
limber_store_add_episode (LimberStore    *self,
                          LimberEpisode  *episode,
                          GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_episode_validate (episode, error)
      || !limber_store_insert (self, "add course of care",
                               "INSERT INTO episode (patient_id, condition, body_region, side, "
                               "onset_date, start_date, discharge_date, planned_sessions, "
                               "sessions_per_week, notes, discharge_note) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               episode_write, episode, &id, error))
    return FALSE;

  limber_episode_set_id (episode, id);
  return TRUE;
}

gboolean
limber_store_update_episode (LimberStore    *self,
                             LimberEpisode  *episode,
                             GError        **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_episode_get_id (episode);
  if (!limber_episode_validate (episode, error)
      || !limber_store_update (self, "update course of care",
                               "UPDATE episode SET patient_id = ?1, condition = ?2, "
                               "body_region = ?3, side = ?4, onset_date = ?5, start_date = ?6, "
                               "discharge_date = ?7, planned_sessions = ?8, "
                               "sessions_per_week = ?9, notes = ?10, discharge_note = ?11 "
                               "WHERE id = :id",
                               episode_write, episode, id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found,
                                       _("There is no course of care with id %lld"),
                                       (long long) id);
}

gboolean
limber_store_delete_episode (LimberStore  *self,
                             gint64        episode_id,
                             GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_delete (self, "delete course of care", "DELETE FROM episode WHERE id = ?1",
                            episode_id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found,
                                       _("There is no course of care with id %lld"),
                                       (long long) episode_id);
}

/* ----- Goals ----- */

#define GOAL_COLUMNS "g.id, g.episode_id, g.measure, g.side, g.target"
enum {
  GOAL_ID,
  GOAL_EPISODE_ID,
  GOAL_MEASURE,
  GOAL_SIDE,
  GOAL_TARGET,
  GOAL_N_COLUMNS
};

static gpointer
goal_from_row (sqlite3_stmt  *stmt,
               int            column,
               GError       **error)
{
  LimberGoal *goal;

  goal = limber_goal_new (limber_store_column_text (stmt, column + GOAL_MEASURE),
                          limber_store_column_side (stmt, column + GOAL_SIDE),
                          sqlite3_column_double (stmt, column + GOAL_TARGET));
  limber_goal_set_id (goal, sqlite3_column_int64 (stmt, column + GOAL_ID));
  limber_goal_set_episode_id (goal, sqlite3_column_int64 (stmt, column + GOAL_EPISODE_ID));

  return goal;
}

static gboolean
goal_write (LimberStore   *self,
            sqlite3_stmt  *stmt,
            gpointer       object,
            GError       **error)
{
  LimberGoal *goal = object;
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_goal_get_episode_id (goal));
  limber_store_bind_text (stmt, 2, limber_goal_get_measure (goal));
  limber_store_bind_text (stmt, 3, limber_side_to_string (limber_goal_get_side (goal)));
  sqlite3_bind_double (stmt, 4, limber_goal_get_target (goal));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_autofree char *what = limber_store_describe_measure (limber_goal_get_measure (goal),
                                                             limber_goal_get_side (goal));

      return limber_store_constraint_error (error,
                                            _("This course of care already has a goal for %s"),
                                            what);
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return limber_store_constraint_error (error, _("There is no course of care with id %lld"),
                                          (long long) limber_goal_get_episode_id (goal));
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_goals (LimberStore  *self,
                         gint64        episode_id,
                         GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return limber_store_list (self,
                            "SELECT " GOAL_COLUMNS " FROM goal AS g WHERE g.episode_id = ?1 "
                            "ORDER BY g.measure, g.side",
                            episode_id, goal_from_row, error);
}

gboolean
limber_store_add_goal (LimberStore  *self,
                       LimberGoal   *goal,
                       GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_GOAL (goal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_goal_validate (goal, error)
      || !limber_store_insert (self, "add goal",
                               "INSERT INTO goal (episode_id, measure, side, target) "
                               "VALUES (?1, ?2, ?3, ?4)",
                               goal_write, goal, &id, error))
    return FALSE;

  limber_goal_set_id (goal, id);
  return TRUE;
}

gboolean
limber_store_delete_goal (LimberStore  *self,
                          gint64        goal_id,
                          GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_delete (self, "delete goal", "DELETE FROM goal WHERE id = ?1",
                            goal_id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no goal with id %lld"),
                                       (long long) goal_id);
}
