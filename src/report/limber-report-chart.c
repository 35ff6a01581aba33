/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-report"

#include "config.h"

#include "limber-chart-renderer.h"
#include "limber-report-chart.h"

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
