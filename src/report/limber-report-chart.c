/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-chart-renderer.h"
#include "limber-date.h"
#include "limber-report-chart.h"
#include "limber-wording.h"

static void
add_trend_series (LimberChart *chart,
                  LimberTrend *trend,
                  guint        index)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  LimberSide side = limber_trend_get_side (trend);
  const char *label = side != LIMBER_SIDE_NONE ? limber_side_get_label (side)
                                                : limber_measure_get_label (measure);
  const double *days = limber_trend_get_days (trend);
  guint n_values = 0;
  const double *values = limber_trend_get_values (trend, &n_values);
  double threshold = limber_trend_get_threshold (trend);
  guint series;

  series = limber_chart_add_series (chart, label, index,
                                    index == 0 ? LIMBER_CHART_MARKER_CIRCLE
                                               : LIMBER_CHART_MARKER_SQUARE,
                                    index == 0 ? LIMBER_CHART_DASH_SOLID
                                               : LIMBER_CHART_DASH_DASHED);
  for (guint i = 0; i < n_values; i++)
    limber_chart_add_point (chart, series, days[i], values[i], NULL);

  /* A rating of change has no baseline to measure a change from. */
  if (n_values > 0 && threshold > 0 && !limber_measure_get_rates_change (measure))
    {
      double baseline = limber_trend_get_baseline (trend);
      double line = limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                      ? baseline - threshold
                      : baseline + threshold;

      if (line >= limber_measure_get_min (measure) && line <= limber_measure_get_max (measure))
        limber_chart_set_series_threshold (chart, series, line,
                                           limber_trend_get_threshold_kind (trend) == LIMBER_THRESHOLD_MDC
                                             ? _("Beyond measurement error")
                                             : _("Important change"));
    }
}

LimberChart *
limber_report_chart_new_for_trends (LimberEpisodeAnalysis *analysis,
                                    LimberTrend           *first,
                                    LimberTrend           *second)
{
  LimberMeasure *measure;
  GPtrArray *sessions;
  LimberChart *chart;
  g_autofree char *title = NULL;
  double goal;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (LIMBER_IS_TREND (first), NULL);

  measure = limber_trend_get_measure (first);
  sessions = limber_episode_analysis_get_sessions (analysis);
  chart = limber_chart_new (LIMBER_CHART_X_DAYS);

  title = limber_wording_measure_name (measure, second != NULL ? LIMBER_SIDE_NONE
                                                                : limber_trend_get_side (first));
  limber_chart_set_title (chart, title);
  limber_chart_set_unit (chart, limber_measure_get_unit_label (measure));
  if (sessions->len > 0)
    {
      g_autofree char *start = limber_date_time_get_date (
        limber_session_get_date (g_ptr_array_index (sessions, 0)));

      limber_chart_set_start_date (chart, start);
    }
  limber_chart_set_value_limits (chart, limber_measure_get_min (measure),
                                 limber_measure_get_max (measure));
  limber_chart_set_better (chart,
                           limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                             ? LIMBER_CHART_BETTER_DOWN
                             : LIMBER_CHART_BETTER_UP,
                           limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                             ? _("Lower is better")
                             : _("Higher is better"));
  if (limber_measure_get_has_normal (measure))
    limber_chart_set_normal_range (chart, limber_measure_get_normal_low (measure),
                                   limber_measure_get_normal_high (measure), _("Normal"));

  goal = limber_trend_get_goal (first);
  if (!isnan (goal))
    {
      g_autofree char *value = limber_wording_format_value (measure, goal);
      /* Translators: the goal line of a chart, e.g. "Goal: 2 points". */
      g_autofree char *label = g_strdup_printf (_("Goal: %s"), value);

      limber_chart_set_goal (chart, goal, label);
    }

  add_trend_series (chart, first, 0);
  if (second != NULL)
    add_trend_series (chart, second, 1);

  return chart;
}

typedef struct
{
  LimberChart *chart;
  double       font_size;
} ChartBlock;

static void
chart_block_free (gpointer data)
{
  ChartBlock *block = data;

  g_clear_object (&block->chart);
  g_free (block);
}

static void
draw_chart (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  ChartBlock *block = user_data;
  g_autoptr (LimberChartRenderer) renderer = limber_chart_renderer_new ();
  cairo_rectangle_t area = { 0, 0, width, height };

  limber_chart_renderer_set_font (renderer, NULL, block->font_size);
  limber_chart_renderer_draw (renderer, block->chart, cr, &area);
}

void
limber_report_chart_add (LimberReportDocument *document,
                         LimberChart          *chart,
                         double                height,
                         double                font_size)
{
  ChartBlock *block;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (document));
  g_return_if_fail (LIMBER_IS_CHART (chart));

  block = g_new0 (ChartBlock, 1);
  block->chart = g_object_ref (chart);
  block->font_size = font_size;
  limber_report_document_add_drawing (document, height, draw_chart, block, chart_block_free);
}
