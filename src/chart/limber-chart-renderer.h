/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "limber-chart-palette.h"
#include "limber-chart.h"

G_BEGIN_DECLS

/* Draws a LimberChart on any cairo_t: a widget's snapshot, a PDF page, a PNG, SVG or
 * PDF file. One drawing for every target.
 *
 * Sizes are in the cairo_t's user units: pixels on screen (HiDPI comes from the
 * surface's device scale, so the same call is sharp at 2×), points on a PDF page. The
 * font size is in the same units, so a 10-point label on paper is
 * limber_chart_renderer_set_font (renderer, NULL, 10). Text is laid out with pango,
 * any script, ellipsized where it does not fit.
 *
 * Typical use (a report page, or an image file):
 *
 *   g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
 *   cairo_rectangle_t area = { x, y, width, height };
 *
 *   limber_chart_renderer_set_font (renderer, NULL, 9);
 *   limber_chart_renderer_draw (renderer, chart, cr, &area);
 *
 * Everything is drawn inside area; the data, bands and lines inside the plot area
 * (limber_chart_renderer_get_plot_area()). A chart without points draws its title and
 * its empty text. The functions that locate things compute the same layout as the
 * drawing: pass the same cairo_t (or NULL, which measures text as on an image), area
 * and renderer settings. */

#define LIMBER_TYPE_CHART_RENDERER (limber_chart_renderer_get_type ())

G_DECLARE_FINAL_TYPE (LimberChartRenderer, limber_chart_renderer, LIMBER, CHART_RENDERER, GObject)

typedef enum
{
  /* Title, legend, axes with ticks, labelled bands and lines. */
  LIMBER_CHART_STYLE_FULL,
  /* A small line without any text (a card's sparkline): the series, the normal band
   * and the goal line only. */
  LIMBER_CHART_STYLE_SPARKLINE,
} LimberChartStyle;

/* The words beside a band or a line. */
typedef enum
{
  LIMBER_CHART_LABEL_NORMAL,
  LIMBER_CHART_LABEL_GOAL,
  /* A series' meaningful-change line. */
  LIMBER_CHART_LABEL_THRESHOLD,
} LimberChartLabel;

LimberChartRenderer *limber_chart_renderer_new                (void);

/* Copied. The default is limber_chart_palette_get_light(). */
void                 limber_chart_renderer_set_palette        (LimberChartRenderer      *self,
                                                               const LimberChartPalette *palette);
const LimberChartPalette *limber_chart_renderer_get_palette   (LimberChartRenderer      *self);
/* family: a pango family list, NULL for "Cantarell, sans-serif"; size: the body text
 * size in user units (default 13). */
void                 limber_chart_renderer_set_font           (LimberChartRenderer      *self,
                                                               const char               *family,
                                                               double                    size);
void                 limber_chart_renderer_set_style          (LimberChartRenderer      *self,
                                                               LimberChartStyle          style);
LimberChartStyle     limber_chart_renderer_get_style          (LimberChartRenderer      *self);
/* Emphasises one point and shows its description beside it (hover, keyboard focus);
 * series -1 for none. */
void                 limber_chart_renderer_set_highlight      (LimberChartRenderer      *self,
                                                               int                       series,
                                                               int                       index);

void                 limber_chart_renderer_draw               (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area);

/* The frame of the plot. FALSE for an empty chart (nothing to plot). */
gboolean             limber_chart_renderer_get_plot_area      (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               cairo_rectangle_t        *plot);
/* Where x (session number or day) and value land. Values outside the axis land
 * outside the plot area, and are clipped when drawn. FALSE for an empty chart. */
gboolean             limber_chart_renderer_map_point          (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               double                    x,
                                                               double                    value,
                                                               double                   *px,
                                                               double                   *py);
/* The range the value axis shows (after widening to nice ticks and narrowing to the
 * value limits). FALSE for an empty chart. */
gboolean             limber_chart_renderer_get_value_range    (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               double                   *min,
                                                               double                   *max);
/* The point nearest to (px, py) by its position along the time axis (then by
 * height, between sides). FALSE for an empty chart. */
gboolean             limber_chart_renderer_find_nearest       (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               double                    px,
                                                               double                    py,
                                                               guint                    *series,
                                                               guint                    *index);

/* Where a label of the full style is drawn, with its halo: at the end of its line (or
 * band), above or below it, where it hides the fewest points, lines and other labels.
 * series: for LIMBER_CHART_LABEL_THRESHOLD. FALSE where the chart draws no such label. */
gboolean             limber_chart_renderer_get_label_area     (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               LimberChartLabel          label,
                                                               guint                     series,
                                                               cairo_rectangle_t        *rect);
/* The flags of notes on the time axis (full style): notes whose flags would overlap
 * share one flag, which shows how many it stands for. Returns the number of flags;
 * positions (x in user units) and counts get that many entries, free with g_free(). */
guint                limber_chart_renderer_get_note_flags     (LimberChartRenderer      *self,
                                                               LimberChart              *chart,
                                                               cairo_t                  *cr,
                                                               const cairo_rectangle_t  *area,
                                                               double                  **positions,
                                                               guint                   **counts);

G_END_DECLS
