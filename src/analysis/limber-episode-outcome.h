/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-episode.h"
#include "limber-trend.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE_OUTCOME (limber_episode_outcome_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisodeOutcome, limber_episode_outcome, LIMBER, EPISODE_OUTCOME, GObject)

/* Whether an episode succeeded, per "episode success" of clinical-reference.md: its
 * condition's main questionnaire is a responder; where it has no two values of that
 * questionnaire, or its baseline leaves no room for a response, its pain decides.
 * Where pain too is missing or not assessable, the episode is not assessable
 * (LIMBER_SUCCESS_UNKNOWN, "success": null): a clinic's success rate leaves it out
 * and counts it apart. */

typedef enum
{
  LIMBER_SUCCESS_UNKNOWN = -1,
  LIMBER_SUCCESS_NO = 0,
  LIMBER_SUCCESS_YES = 1,
} LimberSuccess;

/* trends: from limber_trend_compute_all() for this episode; n_sessions: its sessions. */
LimberEpisodeOutcome *limber_episode_outcome_compute          (LimberEpisode        *episode,
                                                               GPtrArray            *trends,
                                                               guint                 n_sessions);
/* The same for a course known by its condition alone (NULL: a condition the catalog
 * does not know, where pain decides). */
LimberEpisodeOutcome *limber_episode_outcome_compute_for_condition (LimberCondition *condition,
                                                                    GPtrArray       *trends,
                                                                    guint            n_sessions);
LimberSuccess         limber_episode_outcome_get_success      (LimberEpisodeOutcome *self);
/* The trend that decided (borrowed), NULL when unknown. */
LimberTrend          *limber_episode_outcome_get_deciding_trend (LimberEpisodeOutcome *self);
/* The number of sessions until the responder threshold was first met, 0 if never. */
guint                 limber_episode_outcome_get_sessions_to_response (LimberEpisodeOutcome *self);

G_END_DECLS
