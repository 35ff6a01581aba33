/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trend"

#include "config.h"

#include <math.h>
#include <string.h>

#include "limber-date.h"
#include "limber-episode-analysis.h"
#include "limber-episode-outcome.h"
#include "limber-trend.h"
#include "limber-wording.h"

/* Every case is computed by hand from clinical-reference.md ("Responders") and the
 * MCIDs of its measure table; no store, only objects in memory. */

#define FIRST_SESSION "2026-03-02"
#define N_SESSIONS    8

typedef struct
{
  GPtrArray *sessions;
  GPtrArray *measurements;
  GPtrArray *goals;
} Episode;

/* Eight weekly sessions with ids 1…8, listed in a scrambled order: the analysis
 * must order them by date itself. */
static void
episode_init (Episode *episode)
{
  static const guint order[N_SESSIONS] = { 5, 1, 8, 3, 2, 7, 4, 6 };
  guint32 first = limber_date_to_julian (FIRST_SESSION);

  episode->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  episode->measurements = g_ptr_array_new_with_free_func (g_object_unref);
  episode->goals = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      g_autofree char *date = limber_date_from_julian (first + 7 * (order[i] - 1));
      LimberSession *session = limber_session_new (1, date);

      limber_session_set_id (session, order[i]);
      g_ptr_array_add (episode->sessions, session);
    }
}

static void
episode_clear (Episode *episode)
{
  g_clear_pointer (&episode->sessions, g_ptr_array_unref);
  g_clear_pointer (&episode->measurements, g_ptr_array_unref);
  g_clear_pointer (&episode->goals, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Episode, episode_clear)

static void
episode_add (Episode    *episode,
             const char *code,
             LimberSide  side,
             guint       session_number,
             double      value)
{
  g_ptr_array_add (episode->measurements,
                   limber_measurement_new (session_number, code, side, value));
}

/* values[i] at session i + 1; NAN leaves a session without a value. Added last
 * session first, so that input order is not session order. */
static void
episode_add_series (Episode      *episode,
                    const char   *code,
                    LimberSide    side,
                    const double *values,
                    guint         n_values)
{
  for (guint i = n_values; i > 0; i--)
    if (!isnan (values[i - 1]))
      episode_add (episode, code, side, i, values[i - 1]);
}

static void
episode_add_goal (Episode    *episode,
                  const char *code,
                  LimberSide  side,
                  double      target)
{
  g_ptr_array_add (episode->goals, limber_goal_new (code, side, target));
}

static GPtrArray *
episode_trends (Episode *episode)
{
  return limber_trend_compute_all (episode->sessions, episode->measurements, episode->goals);
}

/* The one trend of a single series. */
static LimberTrend *
trend_of_series (const char   *code,
                 LimberSide    side,
                 const double *values,
                 guint         n_values)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;

  episode_init (&episode);
  episode_add_series (&episode, code, side, values, n_values);
  trends = episode_trends (&episode);
  g_assert_cmpuint (trends->len, ==, 1);

  return g_object_ref (g_ptr_array_index (trends, 0));
}

#define SERIES(code, side, ...) \
  trend_of_series (code, side, (const double[]) { __VA_ARGS__ }, \
                   G_N_ELEMENTS (((const double[]) { __VA_ARGS__ })))

static void
assert_trend (LimberTrend       *trend,
              double             baseline,
              double             latest,
              double             change,
              double             percent_change,
              LimberTrendStatus  status,
              LimberResponder    responder)
{
  g_assert_cmpfloat_with_epsilon (limber_trend_get_baseline (trend), baseline, 1e-9);
  g_assert_cmpfloat_with_epsilon (limber_trend_get_latest (trend), latest, 1e-9);
  g_assert_cmpfloat_with_epsilon (limber_trend_get_change (trend), change, 1e-9);
  if (isnan (percent_change))
    g_assert_true (isnan (limber_trend_get_percent_change (trend)));
  else
    g_assert_cmpfloat_with_epsilon (limber_trend_get_percent_change (trend), percent_change, 1e-9);
  g_assert_cmpstr (limber_trend_status_to_string (limber_trend_get_status (trend)), ==,
                   limber_trend_status_to_string (status));
  g_assert_cmpint (limber_trend_get_responder (trend), ==, responder);
}

static void
test_pain_improved (void)
{
  g_autoptr(LimberTrend) trend = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 7, 6, 5, 4, 3, 2);
  g_autofree char *sentence = limber_wording_describe_trend (trend);
  const char *const *dates = limber_trend_get_dates (trend);
  guint n_values = 0;
  const double *values = limber_trend_get_values (trend, &n_values);

  /* −5 of 7 is −71.43% */
  assert_trend (trend, 7, 2, -5, -71.4, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  g_assert_true (limber_trend_get_substantial (trend));
  g_assert_cmpuint (limber_trend_get_n_values (trend), ==, 6);
  g_assert_cmpuint (n_values, ==, 6);
  g_assert_cmpfloat (values[1], ==, 6);
  g_assert_cmpstr (dates[0], ==, "2026-03-02");
  g_assert_cmpstr (dates[5], ==, "2026-04-06");
  g_assert_null (dates[6]);
  /* 7 → 5 is 2 points but only 28.6%; 7 → 4 is 3 points and 42.9%. */
  g_assert_cmpint (limber_trend_get_responder_index (trend), ==, 3);
  g_assert_cmpuint (limber_trend_get_responder_session (trend), ==, 4);
  /* One point a week, without a goal. */
  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (trend), -1, 1e-9);
  g_assert_true (isnan (limber_trend_get_goal (trend)));
  g_assert_null (limber_trend_get_goal_date (trend));
  g_assert_false (limber_trend_get_goal_is_met (trend));

  g_assert_cmpstr (sentence, ==, "Pain went from 7 points to 2 points over 6 sessions, a clinically "
                   "important and substantial (50% or more) improvement.");
}

static void
test_pain_small_and_worse (void)
{
  g_autoptr(LimberTrend) small = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 4, 3);
  g_autoptr(LimberTrend) worse = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 2, 3, 4);
  g_autofree char *sentence = limber_wording_describe_trend (worse);

  assert_trend (small, 4, 3, -1, -25, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  g_assert_false (limber_trend_get_substantial (small));
  g_assert_cmpint (limber_trend_get_responder_index (small), ==, -1);
  g_assert_cmpuint (limber_trend_get_responder_session (small), ==, 0);

  assert_trend (worse, 2, 4, 2, 100, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NO);
  g_assert_false (limber_trend_get_substantial (worse));
  g_assert_nonnull (strstr (sentence, "worsening"));
}

static void
test_odi_points_and_percent (void)
{
  g_autoptr(LimberTrend) below_mcid = SERIES ("prom.odi", LIMBER_SIDE_NONE, 40, 32);
  g_autoptr(LimberTrend) both = SERIES ("prom.odi", LIMBER_SIDE_NONE, 50, 30);
  g_autoptr(LimberTrend) exactly = SERIES ("prom.odi", LIMBER_SIDE_NONE, 20, 10);
  g_autoptr(LimberTrend) percent_short = SERIES ("prom.odi", LIMBER_SIDE_NONE, 80, 68);
  g_autofree char *sentence = limber_wording_describe_trend (percent_short);

  /* 8 points < 10 */
  assert_trend (below_mcid, 40, 32, -8, -20, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  /* 20 ≥ 10 points and 40% ≥ 30% */
  assert_trend (both, 50, 30, -20, -40, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  g_assert_false (limber_trend_get_substantial (both));
  g_assert_cmpint (limber_trend_get_responder_index (both), ==, 1);
  /* exactly 10 points, 50% */
  assert_trend (exactly, 20, 10, -10, -50, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  /* 12 points ≥ 10, but 15% < 30%: improved, yet not a responder */
  assert_trend (percent_short, 80, 68, -12, -15, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_NO);
  g_assert_cmpint (limber_trend_get_responder_index (percent_short), ==, -1);
  g_assert_nonnull (strstr (sentence, "less than the 30% of the baseline that a responder also needs (Limber asks for both"));
}

static void
test_mcid_tolerance (void)
{
  /* 2.3 − 0.3 is 1.9999999999999998 in binary: still the 2 points of the MCID. */
  g_autoptr(LimberTrend) pain = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 2.3, 0.3);

  g_assert_cmpint (limber_trend_get_status (pain), ==, LIMBER_TREND_STATUS_IMPROVED);
  g_assert_cmpint (limber_trend_get_responder (pain), ==, LIMBER_RESPONDER_YES);
  g_assert_cmpfloat_with_epsilon (limber_trend_get_percent_change (pain), -87.0, 1e-9);
}

static void
test_lefs_higher_is_better (void)
{
  g_autoptr(LimberTrend) better = SERIES ("prom.lefs", LIMBER_SIDE_NONE, 40, 45, 52);
  g_autoptr(LimberTrend) short_of_mcid = SERIES ("prom.lefs", LIMBER_SIDE_NONE, 40, 48);
  g_autoptr(LimberTrend) worse = SERIES ("prom.lefs", LIMBER_SIDE_NONE, 40, 31);

  /* 12 ≥ 9 points; LEFS names no percentage */
  assert_trend (better, 40, 52, 12, 30, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  g_assert_cmpint (limber_trend_get_responder_index (better), ==, 2);
  assert_trend (short_of_mcid, 40, 48, 8, 20, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  assert_trend (worse, 40, 31, -9, -22.5, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NO);
}

static void
test_sides (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  LimberTrend *left;
  LimberTrend *right;
  g_autofree char *sentence = NULL;

  episode_init (&episode);
  /* Right first in the input: the trends still list left first. */
  episode_add_series (&episode, "rom.shoulder.abduction", LIMBER_SIDE_RIGHT,
                      (const double[]) { 90, 105, 120 }, 3);
  episode_add_series (&episode, "rom.shoulder.abduction", LIMBER_SIDE_LEFT,
                      (const double[]) { 100, NAN, 104 }, 3);
  trends = episode_trends (&episode);

  g_assert_cmpuint (trends->len, ==, 2);
  left = g_ptr_array_index (trends, 0);
  right = g_ptr_array_index (trends, 1);
  g_assert_cmpint (limber_trend_get_side (left), ==, LIMBER_SIDE_LEFT);
  g_assert_cmpint (limber_trend_get_side (right), ==, LIMBER_SIDE_RIGHT);
  g_assert_true (limber_trend_get_measure (left) == limber_measure_lookup ("rom.shoulder.abduction"));

  /* 4° is within the 5° of a goniometer; 30° is not. ROM has no responder rule. */
  assert_trend (left, 100, 104, 4, 4, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_APPLICABLE);
  g_assert_cmpuint (limber_trend_get_n_values (left), ==, 2);
  g_assert_cmpuint (limber_trend_get_session_numbers (left)[1], ==, 3);
  assert_trend (right, 90, 120, 30, 33.3, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_NOT_APPLICABLE);
  g_assert_cmpint (limber_trend_get_responder_index (right), ==, -1);
  g_assert_false (limber_trend_get_substantial (right));

  sentence = limber_wording_describe_trend (left);
  g_assert_cmpstr (sentence, ==, "Shoulder abduction (left) went from 100° to 104° over 2 sessions, "
                   "within measurement error (no meaningful change).");
}

static void
test_knee_to_wall_sentence (void)
{
  g_autoptr(LimberTrend) trend = SERIES ("flex.knee_to_wall", LIMBER_SIDE_RIGHT, 6, 6, 7, 7);
  g_autofree char *sentence = limber_wording_describe_trend (trend);

  /* 1 cm is within the MDC of 1.0 cm */
  assert_trend (trend, 6, 7, 1, 16.7, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_APPLICABLE);
  g_assert_cmpstr (sentence, ==, "Knee to wall (right) went from 6 cm to 7 cm over 4 sessions, "
                   "within measurement error (no meaningful change).");
}

static void
test_negative_and_zero_baseline (void)
{
  g_autoptr(LimberTrend) reach = SERIES ("flex.sit_and_reach", LIMBER_SIDE_NONE, -10, -7, -4);
  g_autoptr(LimberTrend) floor_distance = SERIES ("flex.finger_to_floor", LIMBER_SIDE_NONE, 0, 3);
  g_autoptr(LimberTrend) pain = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 0, 3);

  /* 6 ≥ 4 cm is an improvement; the scale allows negative values, so a percentage of
   * its arbitrary zero would mean nothing. */
  assert_trend (reach, -10, -4, 6, NAN, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_NOT_APPLICABLE);
  /* 3 cm < 4.5 cm; no percentage of 0 */
  assert_trend (floor_distance, 0, 3, 3, NAN, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_APPLICABLE);
  /* Worse, but a baseline of 0 leaves no room for a response: not assessable. */
  assert_trend (pain, 0, 3, 3, NAN, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NOT_ASSESSABLE);
  g_assert_false (limber_trend_get_substantial (pain));
}

static void
test_extension_deficit (void)
{
  g_autoptr(LimberTrend) right = SERIES ("rom.knee.extension", LIMBER_SIDE_RIGHT, 15, 10, 5);
  g_autoptr(LimberTrend) left = SERIES ("rom.knee.extension", LIMBER_SIDE_LEFT, 5, 12);
  g_autoptr(LimberTrend) small = SERIES ("rom.elbow.extension", LIMBER_SIDE_LEFT, 10, 6);

  /* A deficit: lower is better, so 15° → 5° is an improvement of 10°. */
  assert_trend (right, 15, 5, -10, NAN, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_NOT_APPLICABLE);
  assert_trend (left, 5, 12, 7, NAN, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NOT_APPLICABLE);
  assert_trend (small, 10, 6, -4, NAN, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_APPLICABLE);
}

/* Hyperextension counts as 0: 10° → −10° is an improvement of 10°, −5° → 0° no
 * change at all. */
static void
test_hyperextension (void)
{
  g_autoptr(LimberTrend) to_hyperextension = SERIES ("rom.knee.extension", LIMBER_SIDE_LEFT, 10, -10);
  g_autoptr(LimberTrend) from_hyperextension = SERIES ("rom.elbow.extension", LIMBER_SIDE_RIGHT, -5, 0);
  const double *values = limber_trend_get_values (to_hyperextension, NULL);

  assert_trend (to_hyperextension, 10, 0, -10, NAN, LIMBER_TREND_STATUS_IMPROVED,
                LIMBER_RESPONDER_NOT_APPLICABLE);
  g_assert_cmpfloat (values[1], ==, 0);
  g_assert_true (limber_trend_get_latest_is_normal (to_hyperextension));
  {
    g_autoptr(LimberTrend) small_deficit = SERIES ("rom.knee.extension", LIMBER_SIDE_LEFT, 12, 5);
    g_autoptr(LimberTrend) deficit = SERIES ("rom.knee.extension", LIMBER_SIDE_LEFT, 12, 6);

    /* Within the normal range up to a deficit of 5°. */
    g_assert_true (limber_trend_get_latest_is_normal (small_deficit));
    g_assert_false (limber_trend_get_latest_is_normal (deficit));
  }
  assert_trend (from_hyperextension, 0, 0, 0, NAN, LIMBER_TREND_STATUS_NO_CHANGE,
                LIMBER_RESPONDER_NOT_APPLICABLE);

  /* Other scales keep their negative values. */
  g_assert_false (limber_measure_get_negative_counts_as_zero (limber_measure_lookup ("flex.sit_and_reach")));
}

/* Floor and ceiling: a baseline that leaves less room than the threshold in the
 * better direction cannot show an important improvement; its responder is null. */
static void
test_floor_and_ceiling (void)
{
  static const struct
  {
    const char        *code;
    double             baseline;
    double             latest;
    LimberTrendStatus  status;
    LimberResponder    responder;
  } rows[] = {
    /* Pain 1 leaves 1 point of the 2 a responder needs; 2 leaves exactly 2. */
    { "pain.nprs", 1, 0, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    { "pain.nprs", 0, 0, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    { "pain.nprs", 1, 4, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    { "pain.nprs", 2, 0, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES },
    /* ODI under 10 */
    { "prom.odi", 9.9, 0, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    { "prom.odi", 10, 0, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES },
    /* LEFS over 71: higher is better, 80 is the ceiling */
    { "prom.lefs", 72, 80, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    { "prom.lefs", 71, 80, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES },
    { "prom.lefs", 75, 60, LIMBER_TREND_STATUS_WORSE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    /* NDI's threshold is its MDC, 20.4 */
    { "prom.ndi", 20, 0, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
    /* HIT-6 starts at 36: 41 leaves 5 of the 6 points */
    { "prom.hit6", 41, 36, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NOT_ASSESSABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(LimberTrend) trend = SERIES (rows[i].code, LIMBER_SIDE_NONE, rows[i].baseline,
                                             rows[i].latest);

      g_test_message ("%s %g → %g", rows[i].code, rows[i].baseline, rows[i].latest);
      g_assert_cmpint (limber_trend_get_status (trend), ==, rows[i].status);
      g_assert_cmpint (limber_trend_get_responder (trend), ==, rows[i].responder);
      if (rows[i].responder == LIMBER_RESPONDER_NOT_ASSESSABLE)
        {
          g_assert_cmpint (limber_trend_get_responder_index (trend), ==, -1);
          g_assert_false (limber_trend_get_substantial (trend));
        }
    }
}

/* Substantial (pain ≥ 50% better) is said of responders only. */
static void
test_substantial_only_for_responders (void)
{
  g_autoptr(LimberTrend) responder = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 10, 5);
  g_autoptr(LimberTrend) one_point = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 2, 1);
  g_autoptr(LimberTrend) floor = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 1, 0);
  g_autoptr(LimberTrend) short_of_half = SERIES ("pain.nprs", LIMBER_SIDE_NONE, 8, 5);

  /* 5 points and exactly 50% */
  assert_trend (responder, 10, 5, -5, -50, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  g_assert_true (limber_trend_get_substantial (responder));
  /* 50% better, but 1 point is no meaningful change: not substantial either. */
  assert_trend (one_point, 2, 1, -1, -50, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  g_assert_false (limber_trend_get_substantial (one_point));
  /* 100% better from 1: not assessable, so not substantial. */
  g_assert_false (limber_trend_get_substantial (floor));
  /* A responder (3 points, 37.5%), but less than half. */
  assert_trend (short_of_half, 8, 5, -3, -37.5, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
  g_assert_false (limber_trend_get_substantial (short_of_half));
}

static void
test_pgic (void)
{
  g_autoptr(LimberTrend) much_improved = SERIES ("prom.pgic", LIMBER_SIDE_NONE, 2);
  g_autoptr(LimberTrend) unchanged = SERIES ("prom.pgic", LIMBER_SIDE_NONE, 4);
  g_autoptr(LimberTrend) much_worse = SERIES ("prom.pgic", LIMBER_SIDE_NONE, 6);
  g_autoptr(LimberTrend) series = SERIES ("prom.pgic", LIMBER_SIDE_NONE, 4, 3, 1);
  g_autoptr(LimberTrend) relapse = SERIES ("prom.pgic", LIMBER_SIDE_NONE, 2, 5);
  g_autofree char *sentence = limber_wording_describe_trend (much_improved);

  /* One rating of change: the latest rating decides, even alone. */
  g_assert_cmpint (limber_trend_get_responder (much_improved), ==, LIMBER_RESPONDER_YES);
  g_assert_cmpint (limber_trend_get_status (much_improved), ==, LIMBER_TREND_STATUS_IMPROVED);
  g_assert_cmpint (limber_trend_get_responder_index (much_improved), ==, 0);
  g_assert_cmpuint (limber_trend_get_responder_session (much_improved), ==, 1);
  g_assert_nonnull (strstr (sentence, "clinically important improvement"));

  g_assert_cmpint (limber_trend_get_responder (unchanged), ==, LIMBER_RESPONDER_NO);
  g_assert_cmpint (limber_trend_get_status (unchanged), ==, LIMBER_TREND_STATUS_NO_CHANGE);
  g_assert_cmpint (limber_trend_get_responder (much_worse), ==, LIMBER_RESPONDER_NO);
  g_assert_cmpint (limber_trend_get_status (much_worse), ==, LIMBER_TREND_STATUS_WORSE);

  g_assert_cmpint (limber_trend_get_responder (series), ==, LIMBER_RESPONDER_YES);
  g_assert_cmpint (limber_trend_get_responder_index (series), ==, 2);

  /* Much improved once, not any more. */
  g_assert_cmpint (limber_trend_get_responder (relapse), ==, LIMBER_RESPONDER_NO);
  g_assert_cmpint (limber_trend_get_status (relapse), ==, LIMBER_TREND_STATUS_NO_CHANGE);
  g_assert_cmpint (limber_trend_get_responder_index (relapse), ==, 0);
}

static void
test_single_value (void)
{
  g_autoptr(LimberTrend) trend = SERIES ("pain.nprs", LIMBER_SIDE_NONE, NAN, NAN, 7);
  g_autofree char *sentence = limber_wording_describe_trend (trend);

  /* One value: no change yet, and no percentage of it. */
  assert_trend (trend, 7, 7, 0, NAN, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  g_assert_cmpuint (limber_trend_get_n_values (trend), ==, 1);
  g_assert_cmpuint (limber_trend_get_session_numbers (trend)[0], ==, 3);
  g_assert_cmpstr (limber_trend_get_dates (trend)[0], ==, "2026-03-16");
  g_assert_cmpfloat (limber_trend_get_slope_per_week (trend), ==, 0);
  g_assert_cmpint (limber_trend_get_responder_index (trend), ==, -1);
  g_assert_false (limber_trend_get_substantial (trend));
  g_assert_true (g_str_has_prefix (sentence, "Pain was 7 points at the only session"));
}

static void
test_slope_and_goal (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  LimberTrend *pain;
  LimberTrend *lunge;
  LimberTrend *reach;
  LimberTrend *grip;

  episode_init (&episode);
  /* 1 point and 1 cm a week from 2 Mar 2026: the line reaches the goal six weeks
   * after the first session, on 13 Apr 2026. */
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 8, 7, 6, 5 }, 4);
  episode_add_goal (&episode, "pain.nprs", LIMBER_SIDE_NONE, 2);
  episode_add_series (&episode, "flex.knee_to_wall", LIMBER_SIDE_RIGHT, (const double[]) { 4, 5, 6, 7 }, 4);
  episode_add_goal (&episode, "flex.knee_to_wall", LIMBER_SIDE_RIGHT, 10);
  /* Already at the goal. */
  episode_add_series (&episode, "flex.sit_and_reach", LIMBER_SIDE_NONE, (const double[]) { -4, -2, 1 }, 3);
  episode_add_goal (&episode, "flex.sit_and_reach", LIMBER_SIDE_NONE, 0);
  /* Heading away from the goal. */
  episode_add_series (&episode, "strength.grip", LIMBER_SIDE_LEFT, (const double[]) { 30, 29, 27 }, 3);
  episode_add_goal (&episode, "strength.grip", LIMBER_SIDE_LEFT, 40);
  /* A goal for the other side does not count for the left. */
  episode_add_goal (&episode, "strength.grip", LIMBER_SIDE_RIGHT, 20);
  trends = episode_trends (&episode);

  g_assert_cmpuint (trends->len, ==, 4);
  pain = g_ptr_array_index (trends, 0);
  reach = g_ptr_array_index (trends, 1);
  lunge = g_ptr_array_index (trends, 2);
  grip = g_ptr_array_index (trends, 3);
  g_assert_cmpstr (limber_measure_get_code (limber_trend_get_measure (reach)), ==, "flex.sit_and_reach");
  g_assert_cmpstr (limber_measure_get_code (limber_trend_get_measure (lunge)), ==, "flex.knee_to_wall");

  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (pain), -1, 1e-9);
  g_assert_cmpfloat (limber_trend_get_goal (pain), ==, 2);
  g_assert_cmpstr (limber_trend_get_goal_date (pain), ==, "2026-04-13");
  g_assert_false (limber_trend_get_goal_is_met (pain));

  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (lunge), 1, 1e-9);
  g_assert_cmpstr (limber_trend_get_goal_date (lunge), ==, "2026-04-13");
  g_assert_false (limber_trend_get_latest_is_normal (lunge));

  /* −4, −2, 1 over 0, 7, 14 days: 2.5 cm a week */
  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (reach), 2.5, 1e-9);
  g_assert_cmpfloat (limber_trend_get_goal (reach), ==, 0);
  g_assert_null (limber_trend_get_goal_date (reach));
  g_assert_true (limber_trend_get_goal_is_met (reach));
  g_assert_true (limber_trend_get_latest_is_normal (reach));

  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (grip), -1.5, 1e-9);
  g_assert_cmpfloat (limber_trend_get_goal (grip), ==, 40);
  g_assert_null (limber_trend_get_goal_date (grip));
  g_assert_false (limber_trend_get_goal_is_met (grip));
}

/* The regression line passed the target, the latest value has not: the date is
 * projected from the latest value at the trend's pace, never in the past. */
static void
test_goal_behind_line (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  LimberTrend *lunge;

  episode_init (&episode);
  episode_add_series (&episode, "flex.knee_to_wall", LIMBER_SIDE_LEFT,
                      (const double[]) { 2, 9, 10, 10, 8 }, 5);
  episode_add_goal (&episode, "flex.knee_to_wall", LIMBER_SIDE_LEFT, 9);
  trends = episode_trends (&episode);
  lunge = g_ptr_array_index (trends, 0);

  /* Slope 1.3 cm a week; 1 cm to go from 8 at day 28: 7 / 1.3 = 5.4 days → day 34. */
  g_assert_cmpfloat_with_epsilon (limber_trend_get_slope_per_week (lunge), 1.3, 1e-9);
  g_assert_cmpstr (limber_trend_get_goal_date (lunge), ==, "2026-04-05");
}

static void
test_order (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  GListModel *catalog = limber_measure_get_catalog ();
  guint previous_position = 0;

  episode_init (&episode);
  episode_add (&episode, "strength.grip", LIMBER_SIDE_RIGHT, 1, 30);
  episode_add (&episode, "strength.grip", LIMBER_SIDE_LEFT, 1, 32);
  episode_add (&episode, "flex.slr", LIMBER_SIDE_LEFT, 2, 70);
  episode_add (&episode, "rom.shoulder.abduction", LIMBER_SIDE_LEFT, 1, 120);
  episode_add (&episode, "rom.shoulder.flexion", LIMBER_SIDE_RIGHT, 1, 150);
  episode_add (&episode, "rom.cervical.flexion", LIMBER_SIDE_NONE, 1, 40);
  episode_add (&episode, "prom.lefs", LIMBER_SIDE_NONE, 1, 40);
  episode_add (&episode, "prom.odi", LIMBER_SIDE_NONE, 1, 40);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, 3, 5);
  /* An unknown code is left out. */
  episode_add (&episode, "rom.tail.wag", LIMBER_SIDE_NONE, 1, 5);
  trends = episode_trends (&episode);

  g_assert_cmpuint (trends->len, ==, 9);
  g_assert_cmpstr (limber_measure_get_code (limber_trend_get_measure (g_ptr_array_index (trends, 0))),
                   ==, "pain.nprs");

  /* (kind, catalog position, side) strictly increases along the list. */
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);
      LimberMeasure *measure = limber_trend_get_measure (trend);
      guint position = G_MAXUINT;

      for (guint j = 0; j < g_list_model_get_n_items (catalog); j++)
        {
          g_autoptr(LimberMeasure) entry = g_list_model_get_item (catalog, j);

          if (entry == measure)
            position = j;
        }
      g_assert_cmpuint (position, !=, G_MAXUINT);
      position = limber_measure_get_kind (measure) * 100000 + position * 10 + limber_trend_get_side (trend);

      if (i > 0)
        g_assert_cmpuint (position, >, previous_position);
      previous_position = position;
    }
}

static void
test_duplicate_in_session (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;

  episode_init (&episode);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, 1, 6);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, 1, 7);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, 2, 4);
  trends = episode_trends (&episode);

  g_assert_cmpuint (trends->len, ==, 1);
  g_assert_cmpuint (limber_trend_get_n_values (g_ptr_array_index (trends, 0)), ==, 2);
  g_assert_cmpfloat (limber_trend_get_baseline (g_ptr_array_index (trends, 0)), ==, 7);
}

/* Each trend holds exactly the values of its measure and side, whatever the order
 * and mix of the input: a check of the grouping against a plain filter. */
static void
test_grouping (void)
{
  static const char *const codes[] = { "pain.nprs", "prom.odi", "rom.knee.flexion",
                                       "rom.knee.extension", "strength.grip", "flex.slr" };
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1129);
  guint n_groups = 0;

  episode_init (&episode);
  for (guint i = 0; i < 400; i++)
    episode_add (&episode, codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))],
                 g_rand_int_range (rand, LIMBER_SIDE_NONE, LIMBER_SIDE_RIGHT + 1),
                 g_rand_int_range (rand, 1, N_SESSIONS + 1),
                 g_rand_int_range (rand, -10, 11));
  /* An unknown measure and a session of another episode are left out. */
  episode_add (&episode, "rom.tail.wag", LIMBER_SIDE_NONE, 1, 5);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, N_SESSIONS + 1, 5);
  trends = episode_trends (&episode);

  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    for (LimberSide side = LIMBER_SIDE_NONE; side <= LIMBER_SIDE_RIGHT; side++)
      {
        LimberMeasure *measure = limber_measure_lookup (codes[c]);
        double expected[N_SESSIONS + 1];
        gboolean present[N_SESSIONS + 1] = { FALSE };
        LimberTrend *trend = NULL;
        const double *values;
        const guint *numbers;
        guint n_values = 0;
        guint n_expected = 0;

        /* The last value of each session wins, as in the store's absence of two. */
        for (guint i = 0; i < episode.measurements->len; i++)
          {
            LimberMeasurement *m = g_ptr_array_index (episode.measurements, i);
            guint number = limber_measurement_get_session_id (m);

            if (g_str_equal (limber_measurement_get_measure (m), codes[c])
                && limber_measurement_get_side (m) == side && number <= N_SESSIONS)
              {
                expected[number] = limber_measurement_get_value (m);
                if (limber_measure_get_negative_counts_as_zero (measure))
                  expected[number] = MAX (expected[number], 0);
                present[number] = TRUE;
              }
          }

        for (guint t = 0; t < trends->len; t++)
          {
            LimberTrend *candidate = g_ptr_array_index (trends, t);

            if (limber_trend_get_measure (candidate) == measure
                && limber_trend_get_side (candidate) == side)
              {
                g_assert_null (trend);
                trend = candidate;
              }
          }

        for (guint n = 1; n <= N_SESSIONS; n++)
          n_expected += present[n];
        if (n_expected == 0)
          {
            g_assert_null (trend);
            continue;
          }

        g_assert_nonnull (trend);
        n_groups++;
        values = limber_trend_get_values (trend, &n_values);
        numbers = limber_trend_get_session_numbers (trend);
        g_assert_cmpuint (n_values, ==, n_expected);
        for (guint i = 0, n = 1; n <= N_SESSIONS; n++)
          {
            if (!present[n])
              continue;
            g_assert_cmpuint (numbers[i], ==, n);
            g_assert_cmpfloat (values[i], ==, expected[n]);
            i++;
          }
      }

  g_assert_cmpuint (trends->len, ==, n_groups);
}

static void
test_status_strings (void)
{
  g_assert_cmpstr (limber_trend_status_to_string (LIMBER_TREND_STATUS_IMPROVED), ==, "improved");
  g_assert_cmpstr (limber_trend_status_to_string (LIMBER_TREND_STATUS_WORSE), ==, "worse");
  g_assert_cmpstr (limber_trend_status_to_string (LIMBER_TREND_STATUS_NO_CHANGE), ==, "no meaningful change");
  g_assert_cmpstr (limber_wording_status_label (LIMBER_TREND_STATUS_NO_CHANGE), ==, "no meaningful change");
}

/* What a chart needs: the days of every value on the episode's time axis, and the
 * fitted line. */
static void
test_days_and_fit (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(GPtrArray) trends = NULL;
  LimberTrend *pain;
  LimberTrend *lunge;
  const double *days;
  double intercept = 0;
  double slope = 0;

  episode_init (&episode);
  /* Pain from the first session, 8, 7, 6, 5: one point a week. */
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 8, 7, 6, 5 }, 4);
  /* Knee to wall only from the third session: its days still count from the first. */
  episode_add_series (&episode, "flex.knee_to_wall", LIMBER_SIDE_LEFT,
                      (const double[]) { NAN, NAN, 4, 6 }, 4);
  trends = episode_trends (&episode);
  pain = g_ptr_array_index (trends, 0);
  lunge = g_ptr_array_index (trends, 1);

  days = limber_trend_get_days (pain);
  g_assert_cmpfloat (days[0], ==, 0);
  g_assert_cmpfloat (days[3], ==, 21);
  limber_trend_get_fit (pain, &intercept, &slope);
  g_assert_cmpfloat_with_epsilon (intercept, 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (slope, -1.0 / 7, 1e-9);
  g_assert_cmpfloat (limber_trend_get_threshold (pain), ==, 2);
  g_assert_cmpint (limber_trend_get_threshold_kind (pain), ==, LIMBER_THRESHOLD_MCID);

  days = limber_trend_get_days (lunge);
  g_assert_cmpfloat (days[0], ==, 14);
  g_assert_cmpfloat (days[1], ==, 21);
  /* 4 cm at day 14, 6 cm at day 21: 2/7 cm a day, the line at 0 cm on day 0. */
  limber_trend_get_fit (lunge, &intercept, &slope);
  g_assert_cmpfloat_with_epsilon (slope, 2.0 / 7, 1e-9);
  g_assert_cmpfloat_with_epsilon (intercept, 0, 1e-9);
  g_assert_cmpfloat (limber_trend_get_threshold (lunge), ==, 1.5);
  g_assert_cmpint (limber_trend_get_threshold_kind (lunge), ==, LIMBER_THRESHOLD_MDC);
}

/* NDI: MCID 15 %, MDC 20.4 %: a change within measurement error is never important. */
static void
test_threshold_is_max_of_mcid_and_mdc (void)
{
  g_autoptr(LimberTrend) within_error = SERIES ("prom.ndi", LIMBER_SIDE_NONE, 50, 30);
  g_autoptr(LimberTrend) beyond = SERIES ("prom.ndi", LIMBER_SIDE_NONE, 50, 29.6);

  /* 20 ≥ the 15 of the MCID, but < 20.4 */
  assert_trend (within_error, 50, 30, -20, -40, LIMBER_TREND_STATUS_NO_CHANGE, LIMBER_RESPONDER_NO);
  g_assert_cmpfloat (limber_trend_get_threshold (within_error), ==, 20.4);
  g_assert_cmpint (limber_trend_get_threshold_kind (within_error), ==, LIMBER_THRESHOLD_MCID);
  assert_trend (beyond, 50, 29.6, -20.4, -40.8, LIMBER_TREND_STATUS_IMPROVED, LIMBER_RESPONDER_YES);
}

/* ----- The analysis of a course of care ----- */

static LimberEpisodeAnalysis *
analysis_of (Episode    *episode,
             const char *condition,
             guint       planned)
{
  g_autoptr(LimberEpisode) course = limber_episode_new (1, condition, FIRST_SESSION);

  limber_episode_set_planned_sessions (course, planned);
  return limber_episode_analysis_new (NULL, course, episode->sessions, episode->measurements,
                                      episode->goals);
}

static void
test_analysis (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  GPtrArray *sessions;
  LimberTrend *odi;

  episode_init (&episode);
  episode_add_series (&episode, "prom.odi", LIMBER_SIDE_NONE, (const double[]) { 50, NAN, 30 }, 3);
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 7, 6, 5 }, 3);
  episode_add_series (&episode, "strength.grip", LIMBER_SIDE_RIGHT, (const double[]) { 20, 24 }, 2);
  episode_add_goal (&episode, "pain.nprs", LIMBER_SIDE_NONE, 2);
  analysis = analysis_of (&episode, "low_back_pain", 6);

  g_assert_null (limber_episode_analysis_get_patient (analysis));
  g_assert_cmpstr (limber_episode_get_condition (limber_episode_analysis_get_episode (analysis)), ==,
                   "low_back_pain");

  /* Sessions by date, whatever order they came in. */
  sessions = limber_episode_analysis_get_sessions (analysis);
  g_assert_cmpuint (limber_episode_analysis_get_n_sessions (analysis), ==, N_SESSIONS);
  for (guint i = 0; i < sessions->len; i++)
    g_assert_cmpint (limber_session_get_id (g_ptr_array_index (sessions, i)), ==, i + 1);
  g_assert_cmpuint (limber_episode_analysis_count_measurements (analysis, g_ptr_array_index (sessions, 0)), ==, 3);
  g_assert_cmpuint (limber_episode_analysis_count_measurements (analysis, g_ptr_array_index (sessions, 1)), ==, 2);
  g_assert_cmpuint (limber_episode_analysis_count_measurements (analysis, g_ptr_array_index (sessions, 7)), ==, 0);

  g_assert_cmpuint (limber_episode_analysis_get_trends (analysis)->len, ==, 3);
  odi = limber_episode_analysis_find_trend (analysis, "prom.odi", LIMBER_SIDE_NONE);
  g_assert_nonnull (odi);
  g_assert_cmpfloat (limber_trend_get_latest (odi), ==, 30);
  g_assert_nonnull (limber_episode_analysis_find_trend (analysis, "strength.grip", LIMBER_SIDE_RIGHT));
  g_assert_null (limber_episode_analysis_find_trend (analysis, "strength.grip", LIMBER_SIDE_LEFT));
  g_assert_null (limber_episode_analysis_find_trend (analysis, "prom.ndi", LIMBER_SIDE_NONE));
  g_assert_cmpfloat (limber_trend_get_goal (limber_episode_analysis_find_trend (analysis, "pain.nprs",
                                                                                LIMBER_SIDE_NONE)), ==, 2);
  g_assert_cmpuint (limber_episode_analysis_get_goals (analysis)->len, ==, 1);

  /* 50 → 30 is 20 points and 40%: the main questionnaire decides, at session 3. */
  g_assert_cmpint (limber_episode_outcome_get_success (limber_episode_analysis_get_outcome (analysis)), ==,
                   LIMBER_SUCCESS_YES);
  g_assert_true (limber_episode_outcome_get_deciding_trend (limber_episode_analysis_get_outcome (analysis)) == odi);
  g_assert_cmpuint (limber_episode_outcome_get_sessions_to_response (limber_episode_analysis_get_outcome (analysis)), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&analysis));
}

/* Reassess the main questionnaire at the first session, halfway and the last. */
static void
test_reassessment_due (void)
{
  static const struct
  {
    guint       planned;
    const char *due;  /* 'x' for each session 1…10 that is due */
  } rows[] = {
    { 0, "x........." },
    { 1, "x........." },
    { 2, "xx........" },
    { 6, "x.x..x...." },
    { 7, "x..x..x..." },
    { 10, "x...x....x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto(Episode) episode = { 0 };
      g_autoptr(LimberEpisodeAnalysis) analysis = NULL;

      episode_init (&episode);
      analysis = analysis_of (&episode, "neck_pain", rows[i].planned);
      g_assert_cmpuint (limber_episode_analysis_get_n_planned_sessions (analysis), ==, rows[i].planned);

      for (guint n = 1; n <= 10; n++)
        {
          g_test_message ("plan of %u, session %u", rows[i].planned, n);
          g_assert_cmpint (limber_episode_analysis_is_reassessment_due (analysis, n), ==,
                           (rows[i].due[n - 1] == 'x'));
        }
    }
}

/* ----- Episode outcome ----- */

static LimberEpisodeOutcome *
outcome_of (Episode    *episode,
            const char *condition)
{
  g_autoptr(LimberEpisode) course = limber_episode_new (1, condition, FIRST_SESSION);
  g_autoptr(GPtrArray) trends = episode_trends (episode);

  return limber_episode_outcome_compute (course, trends, episode->sessions->len);
}

static const char *
deciding_code (LimberEpisodeOutcome *outcome)
{
  LimberTrend *trend = limber_episode_outcome_get_deciding_trend (outcome);

  return trend != NULL ? limber_measure_get_code (limber_trend_get_measure (trend)) : NULL;
}

static void
test_outcome_main_questionnaire (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(LimberEpisodeOutcome) outcome = NULL;

  episode_init (&episode);
  /* ODI at sessions 1, 3, 5: 50 → 35 is 15 points and 30%, met at session 3. */
  episode_add (&episode, "prom.odi", LIMBER_SIDE_NONE, 1, 50);
  episode_add (&episode, "prom.odi", LIMBER_SIDE_NONE, 3, 35);
  episode_add (&episode, "prom.odi", LIMBER_SIDE_NONE, 5, 30);
  /* Pain does not improve, but the main questionnaire decides. */
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 6, 6, 6, 6, 6 }, 5);
  outcome = outcome_of (&episode, "low_back_pain");

  g_assert_cmpint (limber_episode_outcome_get_success (outcome), ==, LIMBER_SUCCESS_YES);
  g_assert_cmpstr (deciding_code (outcome), ==, "prom.odi");
  g_assert_cmpuint (limber_episode_outcome_get_sessions_to_response (outcome), ==, 3);
}

static void
test_outcome_main_not_responder (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(LimberEpisodeOutcome) outcome = NULL;

  episode_init (&episode);
  episode_add_series (&episode, "prom.lefs", LIMBER_SIDE_NONE, (const double[]) { 40, 44 }, 2);
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 7, 2 }, 2);
  outcome = outcome_of (&episode, "knee_pain");

  g_assert_cmpint (limber_episode_outcome_get_success (outcome), ==, LIMBER_SUCCESS_NO);
  g_assert_cmpstr (deciding_code (outcome), ==, "prom.lefs");
  g_assert_cmpuint (limber_episode_outcome_get_sessions_to_response (outcome), ==, 0);
}

static void
test_outcome_falls_back_to_pain (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(LimberEpisodeOutcome) outcome = NULL;

  episode_init (&episode);
  /* One ODI only: pain decides; 7 → 4 is the first 2 points and 30%, session 3. */
  episode_add (&episode, "prom.odi", LIMBER_SIDE_NONE, 1, 50);
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 7, 5, 4, 3 }, 4);
  /* Another questionnaire that is not the condition's main one does not decide. */
  episode_add_series (&episode, "prom.rmdq", LIMBER_SIDE_NONE, (const double[]) { 20, 20 }, 2);
  outcome = outcome_of (&episode, "low_back_pain");

  g_assert_cmpint (limber_episode_outcome_get_success (outcome), ==, LIMBER_SUCCESS_YES);
  g_assert_cmpstr (deciding_code (outcome), ==, "pain.nprs");
  g_assert_cmpuint (limber_episode_outcome_get_sessions_to_response (outcome), ==, 3);
}

/* A main questionnaire at its floor cannot decide: pain does; with pain at its floor
 * as well, the course of care is not assessable. */
static void
test_outcome_floor (void)
{
  g_auto(Episode) episode = { 0 };
  g_auto(Episode) both = { 0 };
  g_autoptr(LimberEpisodeOutcome) outcome = NULL;
  g_autoptr(LimberEpisodeOutcome) unknown = NULL;

  episode_init (&episode);
  episode_add_series (&episode, "prom.odi", LIMBER_SIDE_NONE, (const double[]) { 8, 2 }, 2);
  episode_add_series (&episode, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 6, 3 }, 2);
  outcome = outcome_of (&episode, "low_back_pain");
  g_assert_cmpint (limber_episode_outcome_get_success (outcome), ==, LIMBER_SUCCESS_YES);
  g_assert_cmpstr (deciding_code (outcome), ==, "pain.nprs");

  episode_init (&both);
  episode_add_series (&both, "prom.odi", LIMBER_SIDE_NONE, (const double[]) { 8, 2 }, 2);
  episode_add_series (&both, "pain.nprs", LIMBER_SIDE_NONE, (const double[]) { 1, 1 }, 2);
  unknown = outcome_of (&both, "low_back_pain");
  g_assert_cmpint (limber_episode_outcome_get_success (unknown), ==, LIMBER_SUCCESS_UNKNOWN);
  g_assert_null (deciding_code (unknown));
}

static void
test_outcome_unknown (void)
{
  g_auto(Episode) episode = { 0 };
  g_autoptr(LimberEpisodeOutcome) outcome = NULL;

  episode_init (&episode);
  episode_add (&episode, "prom.ndi", LIMBER_SIDE_NONE, 1, 40);
  episode_add (&episode, "pain.nprs", LIMBER_SIDE_NONE, 2, 6);
  episode_add_series (&episode, "rom.cervical.flexion", LIMBER_SIDE_NONE, (const double[]) { 20, 40 }, 2);
  outcome = outcome_of (&episode, "neck_pain");

  g_assert_cmpint (limber_episode_outcome_get_success (outcome), ==, LIMBER_SUCCESS_UNKNOWN);
  g_assert_null (limber_episode_outcome_get_deciding_trend (outcome));
  g_assert_cmpuint (limber_episode_outcome_get_sessions_to_response (outcome), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trend/pain-improved", test_pain_improved);
  g_test_add_func ("/trend/pain-small-and-worse", test_pain_small_and_worse);
  g_test_add_func ("/trend/odi-points-and-percent", test_odi_points_and_percent);
  g_test_add_func ("/trend/mcid-tolerance", test_mcid_tolerance);
  g_test_add_func ("/trend/lefs-higher-is-better", test_lefs_higher_is_better);
  g_test_add_func ("/trend/sides", test_sides);
  g_test_add_func ("/trend/knee-to-wall-sentence", test_knee_to_wall_sentence);
  g_test_add_func ("/trend/negative-and-zero-baseline", test_negative_and_zero_baseline);
  g_test_add_func ("/trend/extension-deficit", test_extension_deficit);
  g_test_add_func ("/trend/hyperextension", test_hyperextension);
  g_test_add_func ("/trend/floor-and-ceiling", test_floor_and_ceiling);
  g_test_add_func ("/trend/substantial-only-for-responders", test_substantial_only_for_responders);
  g_test_add_func ("/trend/pgic", test_pgic);
  g_test_add_func ("/trend/single-value", test_single_value);
  g_test_add_func ("/trend/slope-and-goal", test_slope_and_goal);
  g_test_add_func ("/trend/goal-behind-line", test_goal_behind_line);
  g_test_add_func ("/trend/order", test_order);
  g_test_add_func ("/trend/duplicate-in-session", test_duplicate_in_session);
  g_test_add_func ("/trend/grouping", test_grouping);
  g_test_add_func ("/trend/status-strings", test_status_strings);
  g_test_add_func ("/trend/days-and-fit", test_days_and_fit);
  g_test_add_func ("/trend/threshold-is-max-of-mcid-and-mdc", test_threshold_is_max_of_mcid_and_mdc);
  g_test_add_func ("/analysis/episode", test_analysis);
  g_test_add_func ("/analysis/reassessment-due", test_reassessment_due);
  g_test_add_func ("/outcome/main-questionnaire", test_outcome_main_questionnaire);
  g_test_add_func ("/outcome/main-not-responder", test_outcome_main_not_responder);
  g_test_add_func ("/outcome/falls-back-to-pain", test_outcome_falls_back_to_pain);
  g_test_add_func ("/outcome/floor", test_outcome_floor);
  g_test_add_func ("/outcome/unknown", test_outcome_unknown);

  return g_test_run ();
}
