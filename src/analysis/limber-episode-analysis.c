/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-analysis"

#include "config.h"

#include "limber-episode-analysis.h"

struct _LimberEpisodeAnalysis
{
  GObject               parent_instance;

  /* owned */
  LimberPatient        *patient;       /* may be NULL */
  LimberEpisode        *episode;
  GPtrArray            *sessions;      /* LimberSession: the visits, by date */
  GPtrArray            *contacts;      /* LimberSession: the outcome contacts, by date */
  GPtrArray            *measurements;  /* LimberMeasurement */
  GPtrArray            *goals;         /* LimberGoal */
  GPtrArray            *trends;        /* LimberTrend */
  LimberEpisodeOutcome *outcome;
};

G_DEFINE_FINAL_TYPE (LimberEpisodeAnalysis, limber_episode_analysis, G_TYPE_OBJECT)

static void
limber_episode_analysis_dispose (GObject *object)
{
  LimberEpisodeAnalysis *self = (LimberEpisodeAnalysis *)object;

  g_clear_object (&self->patient);
  g_clear_object (&self->episode);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->measurements, g_ptr_array_unref);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_pointer (&self->trends, g_ptr_array_unref);
  g_clear_object (&self->outcome);

  G_OBJECT_CLASS (limber_episode_analysis_parent_class)->dispose (object);
}

static void
limber_episode_analysis_class_init (LimberEpisodeAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_episode_analysis_dispose;
}

static void
limber_episode_analysis_init (LimberEpisodeAnalysis *self)
{
}

LimberEpisodeAnalysis *
limber_episode_analysis_new (LimberPatient *patient,
                             LimberEpisode *episode,
                             GPtrArray     *sessions,
                             GPtrArray     *measurements,
                             GPtrArray     *goals)
{
  LimberEpisodeAnalysis *self;

  g_return_val_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (sessions != NULL, NULL);
  g_return_val_if_fail (measurements != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_EPISODE_ANALYSIS, NULL);
  self->patient = patient != NULL ? g_object_ref (patient) : NULL;
  self->episode = g_object_ref (episode);
  self->measurements = g_ptr_array_ref (measurements);
  self->goals = goals != NULL ? g_ptr_array_ref (goals)
                              : g_ptr_array_new_with_free_func (g_object_unref);

  /* The trends read every value, a rating given at an outcome contact too; the
   * sessions are the visits alone. */
  self->sessions = limber_trend_sort_sessions (sessions);
  self->trends = limber_trend_compute_all (self->sessions, self->measurements, self->goals);
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  while (self->sessions->len > 0
         && limber_session_get_outcome_contact (g_ptr_array_index (self->sessions,
                                                                   self->sessions->len - 1)))
    g_ptr_array_insert (self->contacts, 0, g_ptr_array_steal_index (self->sessions,
                                                                      self->sessions->len - 1));
  self->outcome = limber_episode_outcome_compute (self->episode, self->trends,
                                                  self->sessions->len);

  return self;
}

LimberPatient *
limber_episode_analysis_get_patient (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->patient;
}

LimberEpisode *
limber_episode_analysis_get_episode (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->episode;
}

GPtrArray *
limber_episode_analysis_get_sessions (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->sessions;
}

GPtrArray *
limber_episode_analysis_get_outcome_contacts (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->contacts;
}

GPtrArray *
limber_episode_analysis_get_measurements (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->measurements;
}

GPtrArray *
limber_episode_analysis_get_goals (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->goals;
}

GPtrArray *
limber_episode_analysis_get_trends (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->trends;
}

LimberTrend *
limber_episode_analysis_find_trend (LimberEpisodeAnalysis *self,
                                    const char            *measure_code,
                                    LimberSide             side)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);
  g_return_val_if_fail (measure_code != NULL, NULL);

  for (guint i = 0; i < self->trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (self->trends, i);

      if (limber_trend_get_side (trend) == side
          && g_str_equal (limber_measure_get_code (limber_trend_get_measure (trend)), measure_code))
        return trend;
    }

  return NULL;
}

LimberEpisodeOutcome *
limber_episode_analysis_get_outcome (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), NULL);

  return self->outcome;
}

guint
limber_episode_analysis_get_n_sessions (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), 0);

  return self->sessions->len;
}

guint
limber_episode_analysis_get_n_planned_sessions (LimberEpisodeAnalysis *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), 0);

  return limber_episode_get_planned_sessions (self->episode);
}

guint
limber_episode_analysis_count_measurements (LimberEpisodeAnalysis *self,
                                            LimberSession         *session)
{
  gint64 session_id;
  guint n = 0;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), 0);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), 0);

  session_id = limber_session_get_id (session);
  for (guint i = 0; i < self->measurements->len; i++)
    if (limber_measurement_get_session_id (g_ptr_array_index (self->measurements, i)) == session_id)
      n++;

  return n;
}

/* clinical-reference.md: "prompt reassessment of the main questionnaire at the first
 * session, halfway and the last". */
gboolean
limber_episode_analysis_is_reassessment_due (LimberEpisodeAnalysis *self,
                                             guint                  n)
{
  guint planned;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (self), FALSE);
  g_return_val_if_fail (n > 0, FALSE);

  if (n == 1)
    return TRUE;

  planned = limber_episode_get_planned_sessions (self->episode);
  if (planned == 0)
    return FALSE;

  return n == (planned + 1) / 2 || n == planned;
}
