/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-trend-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-date.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

guint
limber_trend_chart_side_color (LimberSide side)
{
  return side == LIMBER_SIDE_RIGHT ? 1 : 0;
}

LimberChartMarker
limber_trend_chart_side_marker (LimberSide side)
{
  return side == LIMBER_SIDE_RIGHT ? LIMBER_CHART_MARKER_TRIANGLE : LIMBER_CHART_MARKER_CIRCLE;
}

LimberChartDash
limber_trend_chart_side_dash (LimberSide side)
{
  return side == LIMBER_SIDE_RIGHT ? LIMBER_CHART_DASH_DASHED : LIMBER_CHART_DASH_SOLID;
}

/* The day of the course's first session: day 0 of every trend's days; for a course
 * without one, its first outcome contact's (LimberTrend counts the same way). */
static const char *
first_session_date (LimberEpisodeAnalysis *analysis)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (analysis);

  if (sessions->len == 0)
    sessions = limber_episode_analysis_get_outcome_contacts (analysis);
  if (sessions->len == 0)
    return NULL;

  return limber_session_get_date (g_ptr_array_index (sessions, 0));
}

static double
days_since (const char *first,
            const char *date)
{
  return (double) limber_date_to_julian (date) - (double) limber_date_to_julian (first);
}

/* What pointing at a point shows: the session, its day and value, and its notes. */
static char *
describe_point (LimberEpisodeAnalysis *analysis,
                LimberTrend           *trend,
                guint                  index,
                gboolean               with_side)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  GPtrArray *sessions = limber_episode_analysis_get_sessions (analysis);
  const double *values = limber_trend_get_values (trend, NULL);
  g_autofree char *date = limber_date_format_for_display (limber_trend_get_dates (trend)[index]);
  g_autofree char *value = limber_wording_format_value (measure, values[index]);
  guint session = limber_trend_get_session_numbers (trend)[index];
  const char *notes = NULL;
  g_autofree char *text = NULL;

  if (session > sessions->len)
    /* Translators: what pointing at a point of a chart shows for a rating given
     * without a session (at discharge), e.g. "At discharge, 2 Apr 2026: 2 · much
     * improved". */
    text = g_strdup_printf (_("At discharge, %s: %s"), date, value);
  else if (with_side)
    /* Translators: what pointing at a point of a chart shows, e.g. "Session 3, 12 Mar
     * 2026 — Left: 58°". */
    text = g_strdup_printf (_("Session %u, %s — %s: %s"), session, date,
                            limber_side_get_label (limber_trend_get_side (trend)), value);
  else
    /* Translators: what pointing at a point of a chart shows, e.g. "Session 3, 12 Mar
     * 2026: 5 points". */
    text = g_strdup_printf (_("Session %u, %s: %s"), session, date, value);

  if (session >= 1 && session <= sessions->len)
    notes = limber_session_get_notes (g_ptr_array_index (sessions, session - 1));
  if (notes == NULL || *notes == '\0')
    return g_steal_pointer (&text);

  return g_strconcat (text, "\n", notes, NULL);
}

/* Where the course's first value would have to reach for a change to count, in the
 * better direction; NAN where the scale leaves no room for it. */
static double
threshold_level (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  double threshold = limber_trend_get_threshold (trend);
  double level;

  if (limber_measure_get_rates_change (measure) || !(threshold > 0))
    return NAN;

  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER)
    level = limber_trend_get_baseline (trend) - threshold;
  else
    level = limber_trend_get_baseline (trend) + threshold;

  if (level < limber_measure_get_min (measure) || level > limber_measure_get_max (measure))
    return NAN;

  return level;
}

static void
add_trend (LimberChart           *chart,
           LimberEpisodeAnalysis *analysis,
           LimberTrend           *trend,
           gboolean               both_sides)
{
  LimberSide side = limber_trend_get_side (trend);
  guint n_values = 0;
  const double *values = limber_trend_get_values (trend, &n_values);
  const double *days = limber_trend_get_days (trend);
  double level = threshold_level (trend);
  guint series;

  series = limber_chart_add_series (chart, limber_side_get_label (side),
                                    limber_trend_chart_side_color (side),
                                    limber_trend_chart_side_marker (side),
                                    limber_trend_chart_side_dash (side));

  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *description = describe_point (analysis, trend, i, both_sides);

      limber_chart_add_point (chart, series, days[i], values[i], description);
    }

  if (!isnan (level))
    {
      const char *label;

      if (limber_trend_get_threshold_kind (trend) == LIMBER_THRESHOLD_MDC)
        /* Translators: a line on a chart, from where a change is more than the
         * measurement error. */
        label = _("Beyond measurement error from here");
      else
        /* Translators: a line on a chart, from where a change is clinically
         * important (the minimal clinically important difference). */
        label = _("Meaningful change starts here");

      limber_chart_set_series_threshold (chart, series, level, label);
    }
}

static void
describe_measure (LimberChart   *chart,
                  LimberMeasure *measure,
                  LimberSide     side)
{
  g_autofree char *title = limber_wording_measure_name (measure, side);
  const char *unit = limber_measure_get_unit (measure);

  limber_chart_set_title (chart, title);
  limber_chart_set_value_limits (chart, limber_measure_get_min (measure),
                                 limber_measure_get_max (measure));
  limber_chart_set_whole_numbers (chart, limber_measure_get_integer_only (measure));

  if (g_str_equal (unit, "deg"))
    /* Translators: the unit of a chart's value axis. */
    limber_chart_set_unit (chart, _("degrees"));
  else
    limber_chart_set_unit (chart, limber_measure_get_unit_label (measure));

  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER)
    limber_chart_set_better (chart, LIMBER_CHART_BETTER_DOWN, _("Lower is better"));
  else
    limber_chart_set_better (chart, LIMBER_CHART_BETTER_UP, _("Higher is better"));

  if (limber_measure_get_has_normal (measure))
    {
      const char *normal = limber_measure_get_normal_label (measure);
      g_autofree char *label = NULL;

      if (normal != NULL)
        /* Translators: the label of the normal range on a chart, e.g. "Normal: ≥ 10 cm". */
        label = g_strdup_printf (_("Normal: %s"), normal);
      else
        label = g_strdup (_("Normal"));

      limber_chart_set_normal_range (chart, limber_measure_get_normal_low (measure),
                                     limber_measure_get_normal_high (measure), label);
    }

  /* Translators: shown instead of a chart when a measure has no values. */
  limber_chart_set_empty_text (chart, _("No values of this measure in this course of care"));
}

static void
add_goal (LimberChart   *chart,
          LimberMeasure *measure,
          LimberTrend   *first,
          LimberTrend   *second)
{
  double goal = first != NULL ? limber_trend_get_goal (first) : NAN;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;

  if (isnan (goal) && second != NULL)
    goal = limber_trend_get_goal (second);
  if (isnan (goal))
    return;

  value = limber_wording_format_value (measure, goal);
  /* Translators: the goal line of a chart, e.g. "Goal: 2 points". */
  label = g_strdup_printf (_("Goal: %s"), value);
  limber_chart_set_goal (chart, goal, label);
}

static void
add_annotations (LimberChart           *chart,
                 LimberEpisodeAnalysis *analysis,
                 const char            *first_date)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (analysis);
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  const char *discharge = limber_episode_get_discharge_date (episode);

  for (guint i = 0; i < sessions->len; i++)
    {
      LimberSession *session = g_ptr_array_index (sessions, i);
      const char *notes = limber_session_get_notes (session);

      if (notes != NULL && *notes != '\0')
        limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_NOTE,
                                     days_since (first_date, limber_session_get_date (session)),
                                     notes);
    }

  if (discharge != NULL)
    /* Translators: the end of a course of care, marked on a chart's time axis. */
    limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_DISCHARGE,
                                 days_since (first_date, discharge), _("Discharge"));
}

static LimberChart *
new_chart (LimberEpisodeAnalysis *analysis,
           LimberMeasure         *measure,
           LimberSide             side,
           LimberTrend           *first,
           LimberTrend           *second)
{
  LimberChart *chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  const char *first_date = first_session_date (analysis);

  describe_measure (chart, measure, side);

  if (first_date == NULL)
    return chart;

  {
    g_autofree char *day = limber_date_time_get_date (first_date);

    limber_chart_set_start_date (chart, day);
  }

  if (first != NULL)
    add_trend (chart, analysis, first, second != NULL);
  if (second != NULL)
    add_trend (chart, analysis, second, TRUE);
  add_goal (chart, measure, first, second);
  if (first != NULL || second != NULL)
    add_annotations (chart, analysis, first_date);

  return chart;
}

LimberChart *
limber_trend_chart_new (LimberEpisodeAnalysis *analysis,
                        LimberMeasure         *measure,
                        LimberSide             side)
{
  const char *code;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  code = limber_measure_get_code (measure);

  if (limber_measure_get_has_sides (measure) && side == LIMBER_SIDE_NONE)
    {
      LimberTrend *left = limber_episode_analysis_find_trend (analysis, code, LIMBER_SIDE_LEFT);
      LimberTrend *right = limber_episode_analysis_find_trend (analysis, code, LIMBER_SIDE_RIGHT);

      return new_chart (analysis, measure, LIMBER_SIDE_NONE, left != NULL ? left : right,
                        left != NULL ? right : NULL);
    }

  return new_chart (analysis, measure, side,
                    limber_episode_analysis_find_trend (analysis, code, side), NULL);
}

char *
limber_trend_chart_describe_notes (LimberChart *chart)
{
  guint n_notes = 0;

  g_return_val_if_fail (LIMBER_IS_CHART (chart), NULL);

  for (guint i = 0; i < limber_chart_get_n_annotations (chart); i++)
    if (limber_chart_get_annotation (chart, i, NULL, NULL) == LIMBER_CHART_ANNOTATION_NOTE)
      n_notes++;

  if (n_notes == 0)
    return NULL;
  /* Translators: part of a chart's description for screen readers. Notes on sessions
   * close together share one flag on the chart, which shows how many it stands for. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A flag on the time axis marks %u session with notes.",
                                       "Flags on the time axis mark %u sessions with notes; "
                                       "sessions close together share one flag with their number.",
                                       n_notes),
                          n_notes);
}

LimberChart *
limber_trend_chart_new_for_trends (LimberEpisodeAnalysis *analysis,
                                   LimberTrend           *first,
                                   LimberTrend           *second)
{
  LimberMeasure *measure;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (LIMBER_IS_TREND (first), NULL);
  g_return_val_if_fail (second == NULL || LIMBER_IS_TREND (second), NULL);

  measure = limber_trend_get_measure (first);

  return new_chart (analysis, measure, second != NULL ? LIMBER_SIDE_NONE : limber_trend_get_side (first),
                    first, second);
}
