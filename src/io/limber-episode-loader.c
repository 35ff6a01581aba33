/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-loader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-episode-loader.h"

LimberEpisodeAnalysis *
limber_episode_loader_load_for_episode (LimberStore    *store,
                                        LimberPatient  *patient,
                                        LimberEpisode  *episode,
                                        GError        **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  gint64 episode_id;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode_id = limber_episode_get_id (episode);

  if (!(sessions = limber_store_list_sessions (store, episode_id, error)) ||
      !(measurements = limber_store_list_episode_measurements (store, episode_id, error)) ||
      !(goals = limber_store_list_goals (store, episode_id, error)))
    return NULL;

  return limber_episode_analysis_new (patient, episode, sessions, measurements, goals);
}

LimberEpisodeAnalysis *
limber_episode_loader_load (LimberStore  *store,
                            gint64        episode_id,
                            GError      **error)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(LimberPatient) patient = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode = limber_store_get_episode (store, episode_id, error);
  if (episode == NULL)
    return NULL;

  patient = limber_store_get_patient (store, limber_episode_get_patient_id (episode), error);
  if (patient == NULL)
    return NULL;

  return limber_episode_loader_load_for_episode (store, patient, episode, error);
}

/* The most recent by start date; of two started the same day, the one added last. */
static LimberEpisode *
find_current_episode (GPtrArray *episodes)
{
  LimberEpisode *current = NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (episodes, i);
      int cmp;

      if (current == NULL)
        {
          current = episode;
          continue;
        }

      cmp = g_strcmp0 (limber_episode_get_start_date (episode),
                       limber_episode_get_start_date (current));
      if (cmp > 0 || (cmp == 0 && limber_episode_get_id (episode) > limber_episode_get_id (current)))
        current = episode;
    }

  return current;
}

LimberEpisodeAnalysis *
limber_episode_loader_load_current (LimberStore  *store,
                                    const char   *mrn,
                                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patient = limber_store_find_patient (store, mrn, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (patient == NULL)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("No patient with chart number “%s”"), mrn);
      return NULL;
    }

  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  if (episodes == NULL)
    return NULL;

  if (episodes->len == 0)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("The patient with chart number “%s” has no course of care yet"), mrn);
      return NULL;
    }

  return limber_episode_loader_load_for_episode (store, patient, find_current_episode (episodes),
                                                 error);
}
