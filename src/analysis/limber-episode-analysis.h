/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-episode-outcome.h"
#include "limber-episode.h"
#include "limber-goal.h"
#include "limber-measurement.h"
#include "limber-patient.h"
#include "limber-session.h"
#include "limber-trend.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE_ANALYSIS (limber_episode_analysis_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisodeAnalysis, limber_episode_analysis, LIMBER, EPISODE_ANALYSIS, GObject)

/* The one analysis of a course of care: its sessions in date order, the trend of each
 * measure and side, the outcome and the measure that decided it, plan progress and
 * goals. Built from model objects alone (limber_episode_loader_load() fetches them
 * from the store), immutable once built, and free of any display: the window, the
 * command line, charts and reports read it instead of computing their own. */

/* sessions: LimberSession of the episode, visits and outcome contacts, any order; measurements: its
 * LimberMeasurement; goals: its LimberGoal or NULL. patient may be NULL where only
 * the course of care matters. The arrays are referenced, not copied: do not change
 * them afterwards. */
LimberEpisodeAnalysis *limber_episode_analysis_new                    (LimberPatient         *patient,
                                                                       LimberEpisode         *episode,
                                                                       GPtrArray             *sessions,
                                                                       GPtrArray             *measurements,
                                                                       GPtrArray             *goals);

LimberPatient         *limber_episode_analysis_get_patient            (LimberEpisodeAnalysis *self);
LimberEpisode         *limber_episode_analysis_get_episode            (LimberEpisodeAnalysis *self);
/* Borrowed LimberSession array of the visits, ordered by date (then by id): what the
 * sessions list shows and attendance counts. */
GPtrArray             *limber_episode_analysis_get_sessions           (LimberEpisodeAnalysis *self);
/* Borrowed LimberSession array of the outcome contacts (a rating given without a
 * visit, see LimberSession), ordered by date: their values are in the trends, and
 * their session numbers follow the visits'. */
GPtrArray             *limber_episode_analysis_get_outcome_contacts   (LimberEpisodeAnalysis *self);
/* Borrowed LimberMeasurement array of the whole episode. */
GPtrArray             *limber_episode_analysis_get_measurements       (LimberEpisodeAnalysis *self);
/* Borrowed LimberGoal array (empty without goals). */
GPtrArray             *limber_episode_analysis_get_goals              (LimberEpisodeAnalysis *self);
/* Borrowed LimberTrend array in the order of limber_trend_compute_all(). */
GPtrArray             *limber_episode_analysis_get_trends             (LimberEpisodeAnalysis *self);
/* The trend of one measure and side (LIMBER_SIDE_NONE for measures without sides),
 * borrowed; NULL when the course has no value of it. */
LimberTrend           *limber_episode_analysis_find_trend             (LimberEpisodeAnalysis *self,
                                                                       const char            *measure_code,
                                                                       LimberSide             side);
LimberEpisodeOutcome  *limber_episode_analysis_get_outcome            (LimberEpisodeAnalysis *self);
/* The number of visits (outcome contacts are not sessions attended). */
guint                  limber_episode_analysis_get_n_sessions         (LimberEpisodeAnalysis *self);
/* The plan's number of sessions, 0 when there is no plan. */
guint                  limber_episode_analysis_get_n_planned_sessions (LimberEpisodeAnalysis *self);
/* The number of measurements recorded at one session of the course. */
guint                  limber_episode_analysis_count_measurements     (LimberEpisodeAnalysis *self,
                                                                       LimberSession         *session);
/* Whether session number n (1-based) should reassess the main questionnaire: the
 * first session, and with a plan of N sessions also the one halfway ((N + 1) / 2)
 * and the last (N). */
gboolean               limber_episode_analysis_is_reassessment_due    (LimberEpisodeAnalysis *self,
                                                                       guint                  n);

G_END_DECLS
