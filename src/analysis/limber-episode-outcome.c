/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-outcome"

#include "config.h"

#include "limber-episode-outcome.h"

struct _LimberEpisodeOutcome
{
  GObject        parent_instance;

  LimberTrend   *deciding_trend;  /* owned, NULL when unknown */
  LimberSuccess  success;
  guint          sessions_to_response;
};

G_DEFINE_FINAL_TYPE (LimberEpisodeOutcome, limber_episode_outcome, G_TYPE_OBJECT)

static void
limber_episode_outcome_dispose (GObject *object)
{
  LimberEpisodeOutcome *self = (LimberEpisodeOutcome *)object;

  g_clear_object (&self->deciding_trend);

  G_OBJECT_CLASS (limber_episode_outcome_parent_class)->dispose (object);
}

static void
limber_episode_outcome_class_init (LimberEpisodeOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_episode_outcome_dispose;
}

static void
limber_episode_outcome_init (LimberEpisodeOutcome *self)
{
  self->success = LIMBER_SUCCESS_UNKNOWN;
}

/* A trend can decide only when it compares two values with a responder rule, and
 * its baseline leaves room for a response. */
static gboolean
can_decide (LimberTrend *trend)
{
  return limber_trend_get_n_values (trend) >= 2
         && limber_trend_get_responder (trend) >= LIMBER_RESPONDER_NO;
}

static LimberTrend *
find_trend_of_measure (GPtrArray     *trends,
                       LimberMeasure *measure)
{
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);

      if (limber_trend_get_measure (trend) == measure && can_decide (trend))
        return trend;
    }

  return NULL;
}

static LimberTrend *
find_pain_trend (GPtrArray *trends)
{
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);

      if (limber_measure_get_kind (limber_trend_get_measure (trend)) == LIMBER_MEASURE_KIND_PAIN
          && can_decide (trend))
        return trend;
    }

  return NULL;
}

/* "Episode success" of clinical-reference.md: the condition's main questionnaire
 * decides; without two values of it, or where its responder is null (not
 * assessable), the pain does; where that too is missing or null, nothing does. */
static LimberTrend *
find_deciding_trend (LimberCondition *condition,
                     GPtrArray       *trends)
{
  LimberTrend *trend = NULL;

  if (condition != NULL)
    trend = find_trend_of_measure (trends, limber_condition_get_main_measure (condition));

  if (trend == NULL)
    trend = find_pain_trend (trends);

  return trend;
}

LimberEpisodeOutcome *
limber_episode_outcome_compute_for_condition (LimberCondition *condition,
                                              GPtrArray       *trends,
                                              guint            n_sessions)
{
  LimberEpisodeOutcome *self;
  LimberTrend *deciding;

  g_return_val_if_fail (condition == NULL || LIMBER_IS_CONDITION (condition), NULL);
  g_return_val_if_fail (trends != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_EPISODE_OUTCOME, NULL);

  deciding = find_deciding_trend (condition, trends);
  if (deciding == NULL)
    return self;

  self->deciding_trend = g_object_ref (deciding);
  self->success = limber_trend_get_responder (deciding) == LIMBER_RESPONDER_YES
                  ? LIMBER_SUCCESS_YES
                  : LIMBER_SUCCESS_NO;
  self->sessions_to_response = limber_trend_get_responder_session (deciding);

  /* Session numbers count the episode's sessions, so they cannot exceed them. */
  g_warn_if_fail (self->sessions_to_response <= n_sessions);

  return self;
}

LimberEpisodeOutcome *
limber_episode_outcome_compute (LimberEpisode *episode,
                                GPtrArray     *trends,
                                guint          n_sessions)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), NULL);

  return limber_episode_outcome_compute_for_condition (limber_episode_get_condition_info (episode),
                                                       trends, n_sessions);
}

LimberSuccess
limber_episode_outcome_get_success (LimberEpisodeOutcome *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OUTCOME (self), LIMBER_SUCCESS_UNKNOWN);

  return self->success;
}

LimberTrend *
limber_episode_outcome_get_deciding_trend (LimberEpisodeOutcome *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OUTCOME (self), NULL);

  return self->deciding_trend;
}

guint
limber_episode_outcome_get_sessions_to_response (LimberEpisodeOutcome *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OUTCOME (self), 0);

  return self->sessions_to_response;
}
