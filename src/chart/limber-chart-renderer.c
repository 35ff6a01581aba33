/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "limber-chart-axis.h"
#include "limber-chart-renderer.h"

#define DEFAULT_FONT_FAMILY "Cantarell, sans-serif"
#define DEFAULT_FONT_SIZE   13.0

/* Relative to the font size. */
#define SMALL_TEXT      0.85
#define TITLE_TEXT      1.1
#define PADDING         0.6
#define MARKER_RADIUS   0.32
#define LINE_WIDTH      0.15
#define SPARK_RADIUS    0.22

/* Below this radius markers would merge into a smudge: the line alone shows the
 * series (hundreds of points). */
#define MIN_MARKER_RADIUS 1.5

struct _LimberChartRenderer
{
  GObject             parent_instance;

  LimberChartPalette  palette;
  char               *font_family;
  double              font_size;
  LimberChartStyle    style;
  int                 highlight_series;
  int                 highlight_index;
};

G_DEFINE_FINAL_TYPE (LimberChartRenderer, limber_chart_renderer, G_TYPE_OBJECT)

/* Where everything goes, computed alike for drawing and for locating points. */
typedef struct
{
  cairo_rectangle_t      area;
  cairo_rectangle_t      plot;
  /* The plot inset by the room a marker needs: x and values map onto it. */
  cairo_rectangle_t      data;

  double                 font_size;
  double                 small_height;
  double                 padding;
  double                 line_width;
  double                 marker_radius;

  double                 title_y;
  double                 legend_y;
  gboolean               legend_beside_title;
  double                 unit_row_y;

  LimberChartValueTicks  values;

  /* The x axis: session numbers, or days (dates). */
  gboolean               dates;
  guint32                start_julian;
  LimberChartValueTicks  sessions;
  LimberChartDateTicks   days;
  double                 x_min;
  double                 x_max;
} Layout;

static void
limber_chart_renderer_finalize (GObject *object)
{
  LimberChartRenderer *self = LIMBER_CHART_RENDERER (object);

  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (limber_chart_renderer_parent_class)->finalize (object);
}

static void
limber_chart_renderer_class_init (LimberChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_chart_renderer_finalize;
}

static void
limber_chart_renderer_init (LimberChartRenderer *self)
{
  self->palette = *limber_chart_palette_get_light ();
  self->font_family = g_strdup (DEFAULT_FONT_FAMILY);
  self->font_size = DEFAULT_FONT_SIZE;
  self->style = LIMBER_CHART_STYLE_FULL;
  self->highlight_series = -1;
  self->highlight_index = -1;
}

LimberChartRenderer *
limber_chart_renderer_new (void)
{
  return g_object_new (LIMBER_TYPE_CHART_RENDERER, NULL);
}

void
limber_chart_renderer_set_palette (LimberChartRenderer      *self,
                                   const LimberChartPalette *palette)
{
  g_return_if_fail (LIMBER_IS_CHART_RENDERER (self));
  g_return_if_fail (palette != NULL);

  self->palette = *palette;
}

const LimberChartPalette *
limber_chart_renderer_get_palette (LimberChartRenderer *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), NULL);

  return &self->palette;
}

void
limber_chart_renderer_set_font (LimberChartRenderer *self,
                                const char          *family,
                                double               size)
{
  g_return_if_fail (LIMBER_IS_CHART_RENDERER (self));
  g_return_if_fail (size > 0);

  g_free (self->font_family);
  self->font_family = g_strdup (family != NULL ? family : DEFAULT_FONT_FAMILY);
  self->font_size = size;
}

void
limber_chart_renderer_set_style (LimberChartRenderer *self,
                                 LimberChartStyle     style)
{
  g_return_if_fail (LIMBER_IS_CHART_RENDERER (self));

  self->style = style;
}

LimberChartStyle
limber_chart_renderer_get_style (LimberChartRenderer *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), LIMBER_CHART_STYLE_FULL);

  return self->style;
}

void
limber_chart_renderer_set_highlight (LimberChartRenderer *self,
                                     int                  series,
                                     int                  index)
{
  g_return_if_fail (LIMBER_IS_CHART_RENDERER (self));

  self->highlight_series = series;
  self->highlight_index = series < 0 ? -1 : index;
}

/* Text ------------------------------------------------------------------------ */

/* Metrics without hinting, so that a layout measures the same on screen, on an image
 * and on paper, and so that locating a point agrees with where it was drawn. */
static PangoContext *
create_pango_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

static PangoLayout *
create_text (LimberChartRenderer *self,
             PangoContext        *context,
             const char          *text,
             double               scale,
             gboolean             bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (self->font_family);

  pango_font_description_set_absolute_size (font, self->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_font_description_free (font);

  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  double width;

  text_size (layout, &width, NULL);

  return width;
}

/* Ellipsizes text that would be wider than max_width. */
static void
limit_text_width (PangoLayout *layout,
                  double       max_width)
{
  pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

static void
set_color (cairo_t                *cr,
           const LimberChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_text (cairo_t                *cr,
           PangoLayout            *layout,
           double                  x,
           double                  y,
           const LimberChartColor *color)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Layout ---------------------------------------------------------------------- */

static const LimberChartColor *
series_color (LimberChartRenderer *self,
              LimberChart         *chart,
              guint                series)
{
  guint color = limber_chart_get_series_color (chart, series);

  return &self->palette.series[color % LIMBER_CHART_N_SERIES_COLORS];
}

static gboolean
has_legend (LimberChart *chart)
{
  return limber_chart_get_n_series (chart) > 1;
}

static double
legend_sample_width (const Layout *layout)
{
  return layout->font_size * 2.2;
}

static double
measure_legend (LimberChartRenderer *self,
                LimberChart         *chart,
                PangoContext        *context,
                const Layout        *layout)
{
  double width = 0;

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    {
      g_autoptr(PangoLayout) label = create_text (self, context,
                                                  limber_chart_get_series_label (chart, s),
                                                  SMALL_TEXT, FALSE);

      width += legend_sample_width (layout) + layout->padding * 0.5 + text_width (label);
      if (s > 0)
        width += layout->padding * 1.5;
    }

  return width;
}

/* The values the axis must show: the points, and the lines and bands drawn with
 * them, so that a goal or the normal range is never off the chart. */
static void
value_extent (LimberChart *chart,
              double      *low,
              double      *high)
{
  double goal = limber_chart_get_goal (chart, NULL);
  double normal_low, normal_high;

  limber_chart_get_data_bounds (chart, NULL, NULL, low, high);

  if (isfinite (goal))
    {
      *low = MIN (*low, goal);
      *high = MAX (*high, goal);
    }

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    {
      double threshold = limber_chart_get_series_threshold (chart, s, NULL);

      if (isfinite (threshold))
        {
          *low = MIN (*low, threshold);
          *high = MAX (*high, threshold);
        }
    }

  if (limber_chart_get_normal_range (chart, &normal_low, &normal_high, NULL))
    {
      if (isfinite (normal_low))
        {
          *low = MIN (*low, normal_low);
          *high = MAX (*high, normal_low);
        }
      if (isfinite (normal_high))
        {
          *low = MIN (*low, normal_high);
          *high = MAX (*high, normal_high);
        }

      /* An open band ("≥ 0 cm") shows a little of itself beyond its edge. */
      if (isfinite (normal_low) && !isfinite (normal_high))
        *high = MAX (*high, normal_low + (*high - *low) * 0.1);
      if (!isfinite (normal_low) && isfinite (normal_high))
        *low = MIN (*low, normal_high - (*high - *low) * 0.1);
    }

  /* A single value: room around it worth a quarter of the measure's scale. */
  if (*high - *low < 1e-9)
    {
      double limit_min, limit_max;

      limber_chart_get_value_limits (chart, &limit_min, &limit_max);
      if (isfinite (limit_min) && isfinite (limit_max))
        {
          double pad = (limit_max - limit_min) * 0.25;

          *low -= pad;
          *high += pad;
        }
    }
}

static void
x_extent (LimberChart *chart,
          double      *low,
          double      *high)
{
  limber_chart_get_data_bounds (chart, low, high, NULL, NULL);

  for (guint i = 0; i < limber_chart_get_n_annotations (chart); i++)
    {
      double x;

      limber_chart_get_annotation (chart, i, &x, NULL);
      *low = MIN (*low, x);
      *high = MAX (*high, x);
    }
}

static guint32
parse_start_date (LimberChart *chart)
{
  const char *text = limber_chart_get_start_date (chart);
  GDate date;

  if (text == NULL)
    return 0;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);

  return g_date_valid (&date) ? g_date_get_julian (&date) : 0;
}

static guint
max_ticks_for (double length,
               double spacing)
{
  return (guint) CLAMP (floor (length / spacing) + 1, 2, 10);
}

/* The x axis, once the plot's width is known. */
static void
layout_x_axis (LimberChartRenderer *self,
               LimberChart         *chart,
               PangoContext        *context,
               Layout              *layout)
{
  double low, high;

  x_extent (chart, &low, &high);
  layout->start_julian = parse_start_date (chart);
  layout->dates = limber_chart_get_x_axis (chart) == LIMBER_CHART_X_DAYS &&
                  layout->start_julian != 0;

  if (layout->dates)
    {
      g_autoptr(PangoLayout) sample = create_text (self, context, "28 Sep 2026", SMALL_TEXT,
                                                   FALSE);
      guint32 first = (guint32) MAX (1, layout->start_julian + floor (low));
      guint32 last = (guint32) MAX (first, layout->start_julian + ceil (high));

      limber_chart_date_ticks (first, last,
                               max_ticks_for (layout->data.width, text_width (sample) * 0.8),
                               &layout->days);
      layout->x_min = (double) layout->days.first - layout->start_julian;
      layout->x_max = (double) layout->days.last - layout->start_julian;
      /* A day's worth either side, so the first and last points stay off the frame. */
      layout->x_min -= 0.5;
      layout->x_max += 0.5;
    }
  else
    {
      guint first = (guint) MAX (1, floor (low));
      guint last = (guint) MAX (first, ceil (high));

      limber_chart_session_ticks (first, last,
                                  max_ticks_for (layout->data.width, layout->font_size * 2.5),
                                  &layout->sessions);
      layout->x_min = layout->sessions.min;
      layout->x_max = layout->sessions.max;
    }
}

static void
layout_value_axis (LimberChart *chart,
                   guint        max_ticks,
                   Layout      *layout)
{
  double low, high, limit_min, limit_max;

  value_extent (chart, &low, &high);
  limber_chart_value_ticks (low, high, max_ticks, &layout->values);

  /* Whole numbers: as many ticks as there are whole numbers at most, so steps of 1. */
  if (limber_chart_get_whole_numbers (chart) && layout->values.step < 1)
    limber_chart_value_ticks (low, high, (guint) MAX (3, floor (high - low) + 1), &layout->values);
  limber_chart_get_value_limits (chart, &limit_min, &limit_max);
  limber_chart_value_ticks_clamp (&layout->values, limit_min, limit_max);
}

static void
inset_rect (const cairo_rectangle_t *rect,
            double                   inset,
            cairo_rectangle_t       *result)
{
  result->x = rect->x + inset;
  result->y = rect->y + inset;
  result->width = MAX (rect->width - 2 * inset, 1);
  result->height = MAX (rect->height - 2 * inset, 1);
}

static double
marker_radius_for (LimberChartRenderer *self,
                   LimberChart         *chart,
                   double               width,
                   double               relative)
{
  guint most = 1;
  double spacing;

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    most = MAX (most, limber_chart_get_n_points (chart, s));

  spacing = width / MAX (most - 1, 1);

  return MIN (self->font_size * relative, spacing * 0.35);
}

static void
compute_sparkline_layout (LimberChartRenderer *self,
                          LimberChart         *chart,
                          PangoContext        *context,
                          Layout              *layout)
{
  double inset;

  layout->line_width = MAX (1, self->font_size * LINE_WIDTH);
  layout->marker_radius = marker_radius_for (self, chart, layout->area.width, SPARK_RADIUS);
  /* The last point is drawn larger: leave it room. */
  inset = self->font_size * SPARK_RADIUS * 1.4 + layout->line_width;
  layout->plot = layout->area;
  inset_rect (&layout->area, inset, &layout->data);

  layout_x_axis (self, chart, context, layout);
  layout_value_axis (chart, 2, layout);
}

static void
compute_full_layout (LimberChartRenderer *self,
                     LimberChart         *chart,
                     PangoContext        *context,
                     Layout              *layout)
{
  const cairo_rectangle_t *area = &layout->area;
  const char *title = limber_chart_get_title (chart);
  const char *better_label = NULL;
  double top = area->y + layout->padding * 0.5;
  double bottom = area->y + area->height - layout->padding * 0.5;
  double left = area->x + layout->padding * 0.5;
  double right = area->x + area->width - layout->padding;
  double label_width = 0;
  g_autoptr(PangoLayout) sample = create_text (self, context, "0", SMALL_TEXT, FALSE);

  text_size (sample, NULL, &layout->small_height);
  layout->line_width = MAX (1, self->font_size * LINE_WIDTH);

  if (title != NULL && *title != '\0')
    {
      g_autoptr(PangoLayout) heading = create_text (self, context, title, TITLE_TEXT, TRUE);
      double title_width, title_height;

      text_size (heading, &title_width, &title_height);
      layout->title_y = top;
      layout->legend_y = top + (title_height - layout->small_height) / 2;
      layout->legend_beside_title =
        has_legend (chart) &&
        title_width + layout->padding * 3 + measure_legend (self, chart, context, layout) <=
          area->width - layout->padding;
      top += title_height + layout->padding * 0.5;
    }
  else
    layout->title_y = -1;

  if (has_legend (chart) && !layout->legend_beside_title)
    {
      layout->legend_y = top;
      top += layout->small_height + layout->padding * 0.5;
    }

  limber_chart_get_better (chart, &better_label);
  if (limber_chart_get_unit (chart) != NULL ||
      limber_chart_get_better (chart, NULL) != LIMBER_CHART_BETTER_NONE)
    {
      layout->unit_row_y = top;
      top += layout->small_height + layout->padding * 0.5;
    }
  else
    layout->unit_row_y = -1;

  /* Tick labels below the plot, and for sessions the axis name under them. */
  bottom -= layout->small_height + layout->padding * 0.4;
  if (limber_chart_get_x_axis (chart) == LIMBER_CHART_X_SESSIONS)
    bottom -= layout->small_height;

  layout->plot.y = top + layout->small_height * 0.5;
  layout->plot.height = MAX (bottom - layout->plot.y, 1);

  layout_value_axis (chart, max_ticks_for (layout->plot.height, layout->small_height * 2.2),
                     layout);

  for (guint i = 0; i < layout->values.n_ticks; i++)
    {
      g_autofree char *text = limber_chart_format_tick (layout->values.ticks[i],
                                                        layout->values.decimals);
      g_autoptr(PangoLayout) tick = create_text (self, context, text, SMALL_TEXT, FALSE);

      label_width = MAX (label_width, text_width (tick));
    }

  layout->plot.x = left + label_width + layout->padding * 0.6;
  layout->plot.width = MAX (right - layout->plot.x, 1);

  layout->marker_radius = marker_radius_for (self, chart, layout->plot.width, MARKER_RADIUS);
  inset_rect (&layout->plot, self->font_size * MARKER_RADIUS + layout->line_width,
              &layout->data);

  layout_x_axis (self, chart, context, layout);
}

/* FALSE for an empty chart, which has no plot. */
static gboolean
compute_layout (LimberChartRenderer     *self,
                LimberChart             *chart,
                PangoContext            *context,
                const cairo_rectangle_t *area,
                Layout                  *layout)
{
  memset (layout, 0, sizeof *layout);
  layout->area = *area;
  layout->font_size = self->font_size;
  layout->padding = self->font_size * PADDING;

  if (limber_chart_is_empty (chart))
    return FALSE;

  if (self->style == LIMBER_CHART_STYLE_SPARKLINE)
    compute_sparkline_layout (self, chart, context, layout);
  else
    compute_full_layout (self, chart, context, layout);

  return TRUE;
}

static double
map_x (const Layout *layout,
       double        x)
{
  return limber_chart_map (x, layout->x_min, layout->x_max, layout->data.x,
                           layout->data.x + layout->data.width);
}

static double
map_value (const Layout *layout,
           double        value)
{
  return limber_chart_map (value, layout->values.min, layout->values.max,
                           layout->data.y + layout->data.height, layout->data.y);
}

/* Drawing --------------------------------------------------------------------- */

static void
set_dash (cairo_t         *cr,
          LimberChartDash  dash,
          double           line_width)
{
  switch (dash)
    {
    case LIMBER_CHART_DASH_DASHED:
      cairo_set_dash (cr, (double[]) { line_width * 4, line_width * 2.5 }, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;

    case LIMBER_CHART_DASH_DOTTED:
      cairo_set_dash (cr, (double[]) { 0, line_width * 2.5 }, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;

    case LIMBER_CHART_DASH_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    }
}

static void
marker_path (cairo_t           *cr,
             LimberChartMarker  marker,
             double             x,
             double             y,
             double             r)
{
  switch (marker)
    {
    case LIMBER_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;

    case LIMBER_CHART_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.75);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.75);
      cairo_close_path (cr);
      break;

    case LIMBER_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.25, y);
      cairo_line_to (cr, x, y + r * 1.25);
      cairo_line_to (cr, x - r * 1.25, y);
      cairo_close_path (cr);
      break;

    case LIMBER_CHART_MARKER_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static void
draw_marker (LimberChartRenderer    *self,
             cairo_t                *cr,
             LimberChartMarker       marker,
             double                  x,
             double                  y,
             double                  r,
             const LimberChartColor *color)
{
  cairo_new_path (cr);
  marker_path (cr, marker, x, y, r);
  set_color (cr, color);
  cairo_fill_preserve (cr);
  /* A ring in the background colour keeps overlapping markers apart. */
  if (self->palette.background.alpha > 0)
    {
      set_color (cr, &self->palette.background);
      cairo_set_line_width (cr, MAX (0.75, r * 0.25));
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static void
draw_series (LimberChartRenderer *self,
             LimberChart         *chart,
             cairo_t             *cr,
             const Layout        *layout,
             guint                series)
{
  guint n_points = limber_chart_get_n_points (chart, series);
  const LimberChartColor *color = series_color (self, chart, series);
  LimberChartMarker marker = limber_chart_get_series_marker (chart, series);
  gboolean sparkline = self->style == LIMBER_CHART_STYLE_SPARKLINE;

  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      double x, value;

      limber_chart_get_point (chart, series, i, &x, &value);
      cairo_line_to (cr, map_x (layout, x), map_value (layout, value));
    }
  set_color (cr, color);
  cairo_set_line_width (cr, layout->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_dash (cr, limber_chart_get_series_dash (chart, series), layout->line_width);
  cairo_stroke (cr);

  for (guint i = 0; i < n_points; i++)
    {
      double x, value, r = layout->marker_radius;

      limber_chart_get_point (chart, series, i, &x, &value);

      /* The latest value is what a sparkline is read for. */
      if (sparkline && i == n_points - 1)
        r = self->font_size * SPARK_RADIUS * 1.4;
      else if (r < MIN_MARKER_RADIUS)
        continue;

      draw_marker (self, cr, marker, map_x (layout, x), map_value (layout, value), r, color);
    }
}

static void
draw_horizontal_line (cairo_t                *cr,
                      const Layout           *layout,
                      double                  y,
                      LimberChartDash         dash,
                      const LimberChartColor *color)
{
  cairo_new_path (cr);
  cairo_move_to (cr, layout->plot.x, y);
  cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
  set_color (cr, color);
  cairo_set_line_width (cr, layout->line_width);
  set_dash (cr, dash, layout->line_width);
  cairo_stroke (cr);
}

/* Notes so close that their flags would overlap share one flag, at the first of
 * them, which shows their count. */
typedef struct
{
  double px;
  guint  count;
} NoteFlag;

static double
flag_size (const Layout *layout)
{
  return layout->font_size * 0.45;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static GArray *
gather_note_flags (LimberChartRenderer *self,
                   LimberChart         *chart,
                   PangoContext        *context,
                   const Layout        *layout)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PangoLayout) widest = create_text (self, context, "99", SMALL_TEXT, FALSE);
  GArray *flags = g_array_new (FALSE, FALSE, sizeof (NoteFlag));
  /* A flag, room for its count and a gap. */
  double spacing = flag_size (layout) * 1.5 + text_width (widest) + 2;

  for (guint i = 0; i < limber_chart_get_n_annotations (chart); i++)
    {
      double x, px;

      if (limber_chart_get_annotation (chart, i, &x, NULL) != LIMBER_CHART_ANNOTATION_NOTE)
        continue;
      px = map_x (layout, x);
      g_array_append_val (positions, px);
    }
  g_array_sort (positions, compare_doubles);

  for (guint i = 0; i < positions->len; i++)
    {
      double px = g_array_index (positions, double, i);
      NoteFlag *last = flags->len > 0 ? &g_array_index (flags, NoteFlag, flags->len - 1) : NULL;

      if (last != NULL && px - last->px < spacing)
        last->count++;
      else
        g_array_append_val (flags, ((NoteFlag) { px, 1 }));
    }

  return flags;
}

/* The label of a discharge line at px, and where it goes: left of the line, at the
 * foot, as the top holds the bands' labels. */
static PangoLayout *
discharge_label (LimberChartRenderer *self,
                 PangoContext        *context,
                 const Layout        *layout,
                 double               px,
                 const char          *label,
                 cairo_rectangle_t   *rect)
{
  PangoLayout *text = create_text (self, context, label, SMALL_TEXT, FALSE);
  double width, height;

  limit_text_width (text, layout->plot.width * 0.3);
  text_size (text, &width, &height);
  *rect = (cairo_rectangle_t) {
    MAX (layout->plot.x, px - width - 3), layout->plot.y + layout->plot.height - height - 1,
    width, height,
  };

  return text;
}

/* Labels of lines and bands --------------------------------------------------- */

static gboolean
rects_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether the segment from (x0, y0) to (x1, y1) crosses rect (sampled finely enough
 * for a label's size). */
static gboolean
segment_crosses (const cairo_rectangle_t *rect,
                 double                   x0,
                 double                   y0,
                 double                   x1,
                 double                   y1)
{
  double length = hypot (x1 - x0, y1 - y0);
  guint steps = (guint) CLAMP (ceil (length / 2), 1, 4000);

  for (guint i = 0; i <= steps; i++)
    {
      double t = (double) i / steps;
      double x = x0 + (x1 - x0) * t;
      double y = y0 + (y1 - y0) * t;

      if (x >= rect->x && x <= rect->x + rect->width &&
          y >= rect->y && y <= rect->y + rect->height)
        return TRUE;
    }

  return FALSE;
}

/* What a label must not hide: the labels already placed, and the goal and
 * meaningful-change lines, whose words and dashes would run through each other. */
typedef struct
{
  const cairo_rectangle_t *placed;
  guint                    n_placed;
  const double            *rules;    /* the y of each horizontal line */
  guint                    n_rules;
  const cairo_rectangle_t *flags;    /* the notes' flags, the discharge's label */
  guint                    n_flags;
} Obstacles;

/* How badly a label at rect would hide the data: every marker it covers, every
 * stretch of line it crosses, every label already placed, every horizontal line
 * through its words. 0 hides nothing. */
static double
label_cost (LimberChart             *chart,
            const Layout            *layout,
            const cairo_rectangle_t *rect,
            const Obstacles         *obstacles)
{
  double cost = 0;
  double r = MAX (layout->marker_radius * 1.25, layout->line_width) + 1;

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    {
      double last_x = NAN, last_y = NAN;

      for (guint i = 0; i < limber_chart_get_n_points (chart, s); i++)
        {
          double x, value, px, py;
          cairo_rectangle_t marker;

          limber_chart_get_point (chart, s, i, &x, &value);
          px = map_x (layout, x);
          py = map_value (layout, value);
          marker = (cairo_rectangle_t) { px - r, py - r, 2 * r, 2 * r };

          if (rects_intersect (rect, &marker))
            cost += 10;
          if (isfinite (last_x) && segment_crosses (rect, last_x, last_y, px, py))
            cost += 1;
          last_x = px;
          last_y = py;
        }
    }

  for (guint i = 0; i < obstacles->n_placed; i++)
    if (rects_intersect (rect, &obstacles->placed[i]))
      cost += 5;

  for (guint i = 0; i < obstacles->n_rules; i++)
    if (obstacles->rules[i] > rect->y && obstacles->rules[i] < rect->y + rect->height)
      cost += 2;

  for (guint i = 0; i < obstacles->n_flags; i++)
    if (rects_intersect (rect, &obstacles->flags[i]))
      cost += 5;

  /* Out of the plot, the label would be clipped. */
  if (rect->y < layout->plot.y || rect->y + rect->height > layout->plot.y + layout->plot.height)
    cost += 100;

  return cost;
}

/* Places a label of width × height beside a horizontal line at y (or inside a band
 * from y to y_end): at either end of the plot, or failing that along the line, above
 * or below it, wherever it hides the fewest points, lines and labels; prefer_right
 * and the order of the candidates break ties. */
static void
place_label (LimberChart             *chart,
             const Layout            *layout,
             double                   y,
             double                   y_end,
             double                   width,
             double                   height,
             gboolean                 prefer_right,
             const Obstacles         *obstacles,
             cairo_rectangle_t       *rect)
{
  double halo = 2;
  double gap = layout->line_width + 1;
  double left = layout->plot.x + layout->padding * 0.5;
  double right = layout->plot.x + layout->plot.width - width - layout->padding * 0.5;
  double middle = layout->plot.x + (layout->plot.width - width) / 2;
  double quarter = layout->plot.width / 4;
  /* The ends first; where both are taken, along the line. */
  double xs[5] = {
    prefer_right ? right : left,
    prefer_right ? left : right,
    middle,
    CLAMP (prefer_right ? middle + quarter : middle - quarter, left, MAX (left, right)),
    CLAMP (prefer_right ? middle - quarter : middle + quarter, left, MAX (left, right)),
  };
  guint n_ends = 2;
  double ys[4] = { MIN (y, y_end) - height - gap, MAX (y, y_end) + gap, NAN, NAN };
  double best = INFINITY;
  guint n_ys = 2;

  /* A band tall enough holds its label inside its top edge, or else inside its bottom
   * edge: try those first. */
  if (fabs (y_end - y) >= height + 2)
    {
      ys[2] = ys[0];
      ys[3] = ys[1];
      ys[0] = MIN (y, y_end) + 1;
      ys[1] = MAX (y, y_end) - height - 1;
      n_ys = 4;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n_ys; j++)
      for (guint i = pass == 0 ? 0 : n_ends; i < (pass == 0 ? n_ends : G_N_ELEMENTS (xs)); i++)
        {
          cairo_rectangle_t candidate = { xs[i] - halo, ys[j], width + 2 * halo, height };
          double cost = label_cost (chart, layout, &candidate, obstacles);

          if (cost < best)
            {
              best = cost;
              *rect = candidate;
            }
        }
}

typedef struct
{
  LimberChartLabel   kind;
  guint              series;
  PangoLayout       *text;
  /* Where the label goes, with its halo. */
  cairo_rectangle_t  rect;
} PlacedLabel;

static void
clear_placed_label (gpointer data)
{
  PlacedLabel *label = data;

  g_clear_object (&label->text);
}

static void
add_label (LimberChartRenderer *self,
           LimberChart         *chart,
           PangoContext        *context,
           const Layout        *layout,
           GArray              *labels,
           GArray              *rules,
           GArray              *flags,
           LimberChartLabel     kind,
           guint                series,
           const char          *text,
           double               max_width,
           double               y,
           double               y_end,
           gboolean             prefer_right)
{
  g_autofree cairo_rectangle_t *placed = g_new0 (cairo_rectangle_t, labels->len + 1);
  PlacedLabel label = { kind, series, NULL, { 0 } };
  Obstacles obstacles = {
    placed, labels->len,
    (double *) rules->data, rules->len,
    (cairo_rectangle_t *) flags->data, flags->len,
  };
  double width, height;

  if (text == NULL || *text == '\0')
    return;

  for (guint i = 0; i < labels->len; i++)
    placed[i] = g_array_index (labels, PlacedLabel, i).rect;

  label.text = create_text (self, context, text, SMALL_TEXT, FALSE);
  limit_text_width (label.text, max_width);
  text_size (label.text, &width, &height);
  place_label (chart, layout, y, y_end, width, height, prefer_right, &obstacles, &label.rect);
  g_array_append_val (labels, label);
}

/* The labels of the normal band, the goal line and the meaningful-change lines, each
 * where it hides the least of the data and of the labels placed before it. */
static GArray *
place_labels (LimberChartRenderer *self,
              LimberChart         *chart,
              PangoContext        *context,
              const Layout        *layout)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (PlacedLabel));
  g_autoptr(GArray) rules = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  const char *text = NULL;
  double low, high, goal;

  g_array_set_clear_func (labels, clear_placed_label);

  if (self->style != LIMBER_CHART_STYLE_FULL)
    return labels;

  /* The notes' flags stand on the time axis (a flag, and its count), and the
   * discharge's label at the foot of its line. */
  {
    g_autoptr(GArray) notes = gather_note_flags (self, chart, context, layout);
    g_autoptr(PangoLayout) widest = create_text (self, context, "99", SMALL_TEXT, FALSE);
    double size = flag_size (layout);
    double bottom = layout->plot.y + layout->plot.height;

    for (guint i = 0; i < notes->len; i++)
      {
        const NoteFlag *note = &g_array_index (notes, NoteFlag, i);
        cairo_rectangle_t rect = {
          note->px - 1, bottom - size * 2 - 1,
          size + 2 + (note->count > 1 ? text_width (widest) + 1 : 0), size * 2 + 1,
        };

        g_array_append_val (flags, rect);
      }

    for (guint i = 0; i < limber_chart_get_n_annotations (chart); i++)
      {
        const char *label = NULL;
        double x;
        cairo_rectangle_t rect;

        if (limber_chart_get_annotation (chart, i, &x, &label) == LIMBER_CHART_ANNOTATION_DISCHARGE
            && label != NULL)
          {
            g_autoptr(PangoLayout) discharge = discharge_label (self, context, layout,
                                                                map_x (layout, x), label, &rect);

            g_array_append_val (flags, rect);
          }
      }
  }

  /* A label beside one of these lines never lies across it; across another, the
   * line would strike through its words. */
  goal = limber_chart_get_goal (chart, NULL);
  if (isfinite (goal))
    {
      double y = map_value (layout, goal);

      g_array_append_val (rules, y);
    }
  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    {
      double threshold = limber_chart_get_series_threshold (chart, s, NULL);

      if (isfinite (threshold) && limber_chart_get_n_points (chart, s) > 0)
        {
          double y = map_value (layout, threshold);

          g_array_append_val (rules, y);
        }
    }

  if (limber_chart_get_normal_range (chart, &low, &high, &text))
    {
      double top = isfinite (high) ? map_value (layout, high) : layout->plot.y;
      double bottom = isfinite (low) ? map_value (layout, low)
                                     : layout->plot.y + layout->plot.height;

      top = MAX (top, layout->plot.y);
      bottom = MIN (bottom, layout->plot.y + layout->plot.height);
      if (bottom >= top)
        /* At the left by choice: the goal's label prefers the right. */
        add_label (self, chart, context, layout, labels, rules, flags, LIMBER_CHART_LABEL_NORMAL, 0,
                   text, layout->plot.width * 0.4, top, bottom, FALSE);
    }

  text = NULL;
  goal = limber_chart_get_goal (chart, &text);
  if (isfinite (goal))
    {
      double y = map_value (layout, goal);

      add_label (self, chart, context, layout, labels, rules, flags, LIMBER_CHART_LABEL_GOAL, 0, text,
                 layout->plot.width * 0.6, y, y, TRUE);
    }

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    {
      double threshold;

      text = NULL;
      threshold = limber_chart_get_series_threshold (chart, s, &text);
      if (isfinite (threshold) && limber_chart_get_n_points (chart, s) > 0)
        {
          double y = map_value (layout, threshold);

          add_label (self, chart, context, layout, labels, rules, flags, LIMBER_CHART_LABEL_THRESHOLD,
                     s, text, layout->plot.width * 0.6, y, y, FALSE);
        }
    }

  return labels;
}

/* Drawn over the data: a halo in the background colour keeps the words readable
 * across the grid and the lines. */
static void
draw_labels (LimberChartRenderer *self,
             LimberChart         *chart,
             cairo_t             *cr,
             GArray              *labels)
{
  for (guint i = 0; i < labels->len; i++)
    {
      PlacedLabel *label = &g_array_index (labels, PlacedLabel, i);
      const LimberChartColor *color;

      switch (label->kind)
        {
        case LIMBER_CHART_LABEL_GOAL:
          color = &self->palette.goal;
          break;
        case LIMBER_CHART_LABEL_THRESHOLD:
          color = series_color (self, chart, label->series);
          break;
        case LIMBER_CHART_LABEL_NORMAL:
        default:
          color = &self->palette.muted_text;
          break;
        }

      if (self->palette.background.alpha > 0)
        {
          LimberChartColor halo = self->palette.background;

          halo.alpha *= 0.85;
          set_color (cr, &halo);
          cairo_new_path (cr);
          cairo_rectangle (cr, label->rect.x, label->rect.y, label->rect.width,
                           label->rect.height);
          cairo_fill (cr);
        }

      show_text (cr, label->text, label->rect.x + 2, label->rect.y, color);
    }
}

static void
draw_normal_band (LimberChartRenderer *self,
                  LimberChart         *chart,
                  cairo_t             *cr,
                  const Layout        *layout)
{
  double low, high, top, bottom;

  if (!limber_chart_get_normal_range (chart, &low, &high, NULL))
    return;

  top = isfinite (high) ? map_value (layout, high) : layout->plot.y;
  bottom = isfinite (low) ? map_value (layout, low) : layout->plot.y + layout->plot.height;
  top = MAX (top, layout->plot.y);
  bottom = MIN (bottom, layout->plot.y + layout->plot.height);

  if (bottom < top)
    return;

  set_color (cr, &self->palette.normal_band);
  /* A normal value (180°) is a band no thicker than a line: make it seen. */
  if (bottom - top < layout->line_width * 2)
    {
      double middle = (top + bottom) / 2;

      top = middle - layout->line_width;
      bottom = middle + layout->line_width;
    }
  cairo_rectangle (cr, layout->plot.x, top, layout->plot.width, bottom - top);
  cairo_fill (cr);
}

static void
draw_annotations (LimberChartRenderer *self,
                  LimberChart         *chart,
                  PangoContext        *context,
                  cairo_t             *cr,
                  const Layout        *layout)
{
  double bottom = layout->plot.y + layout->plot.height;
  g_autoptr(GArray) flags = gather_note_flags (self, chart, context, layout);
  double size = flag_size (layout);

  set_color (cr, &self->palette.annotation);
  cairo_set_line_width (cr, MAX (1, layout->line_width * 0.7));

  for (guint i = 0; i < limber_chart_get_n_annotations (chart); i++)
    {
      const char *label = NULL;
      double x, px;
      g_autoptr(PangoLayout) text = NULL;
      cairo_rectangle_t rect;

      if (limber_chart_get_annotation (chart, i, &x, &label) != LIMBER_CHART_ANNOTATION_DISCHARGE)
        continue;

      px = map_x (layout, x);
      cairo_new_path (cr);
      cairo_move_to (cr, px, layout->plot.y);
      cairo_line_to (cr, px, bottom);
      set_dash (cr, LIMBER_CHART_DASH_DASHED, layout->line_width * 0.7);
      cairo_stroke (cr);

      if (label == NULL || self->style != LIMBER_CHART_STYLE_FULL)
        continue;

      text = discharge_label (self, context, layout, px, label, &rect);
      show_text (cr, text, rect.x, rect.y, &self->palette.annotation);
    }

  /* Small flags standing on the time axis. */
  for (guint i = 0; i < flags->len; i++)
    {
      const NoteFlag *flag = &g_array_index (flags, NoteFlag, i);
      double px = flag->px;

      set_color (cr, &self->palette.annotation);
      cairo_new_path (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom - size * 2);
      cairo_stroke (cr);
      cairo_move_to (cr, px, bottom - size * 2);
      cairo_line_to (cr, px + size, bottom - size * 1.5);
      cairo_line_to (cr, px, bottom - size);
      cairo_close_path (cr);
      cairo_fill (cr);

      if (flag->count > 1)
        {
          g_autofree char *number = g_strdup_printf ("%u", flag->count);
          g_autoptr(PangoLayout) text = create_text (self, context, number, SMALL_TEXT, FALSE);
          double height;

          text_size (text, NULL, &height);
          show_text (cr, text, px + size + 1, bottom - size * 1.5 - height / 2,
                     &self->palette.annotation);
        }
    }
}

static void
draw_value_axis (LimberChartRenderer *self,
                 PangoContext        *context,
                 cairo_t             *cr,
                 const Layout        *layout)
{
  for (guint i = 0; i < layout->values.n_ticks; i++)
    {
      double value = layout->values.ticks[i];
      double y = round (map_value (layout, value)) + 0.5;
      g_autofree char *text = limber_chart_format_tick (value, layout->values.decimals);
      g_autoptr(PangoLayout) label = create_text (self, context, text, SMALL_TEXT, FALSE);
      double width, height;

      cairo_new_path (cr);
      cairo_move_to (cr, layout->plot.x, y);
      cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
      set_color (cr, &self->palette.grid);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_stroke (cr);

      text_size (label, &width, &height);
      show_text (cr, label, layout->plot.x - layout->padding * 0.6 - width, y - height / 2,
                 &self->palette.muted_text);
    }
}

static void
draw_x_tick (LimberChartRenderer *self,
             PangoContext        *context,
             cairo_t             *cr,
             const Layout        *layout,
             double               x,
             const char          *text,
             double              *last_label_end)
{
  double px = map_x (layout, x);
  double bottom = layout->plot.y + layout->plot.height;
  g_autoptr(PangoLayout) label = create_text (self, context, text, SMALL_TEXT, FALSE);
  double width, label_x;

  cairo_new_path (cr);
  cairo_move_to (cr, round (px) + 0.5, bottom);
  cairo_line_to (cr, round (px) + 0.5, bottom + layout->padding * 0.3);
  set_color (cr, &self->palette.axis);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);

  width = text_width (label);
  label_x = px - width / 2;
  label_x = CLAMP (label_x, layout->area.x, layout->area.x + layout->area.width - width);

  /* Labels never overlap: one that would is left out (its tick stays). */
  if (label_x < *last_label_end)
    return;

  show_text (cr, label, label_x, bottom + layout->padding * 0.4, &self->palette.muted_text);
  *last_label_end = label_x + width + layout->padding * 0.5;
}

static void
draw_x_axis (LimberChartRenderer *self,
             LimberChart         *chart,
             PangoContext        *context,
             cairo_t             *cr,
             const Layout        *layout)
{
  double last_label_end = -INFINITY;

  if (layout->dates)
    {
      for (guint i = 0; i < layout->days.n_ticks; i++)
        {
          g_autofree char *text = limber_chart_format_date_tick (&layout->days, i);

          draw_x_tick (self, context, cr, layout,
                       (double) layout->days.ticks[i] - layout->start_julian, text,
                       &last_label_end);
        }
    }
  else
    {
      g_autoptr(PangoLayout) name = NULL;
      double width;

      for (guint i = 0; i < layout->sessions.n_ticks; i++)
        {
          g_autofree char *text = limber_chart_format_tick (layout->sessions.ticks[i], 0);

          draw_x_tick (self, context, cr, layout, layout->sessions.ticks[i], text,
                       &last_label_end);
        }

      /* Translators: the name of a chart's horizontal axis, whose ticks are 1, 2, 3… */
      name = create_text (self, context, _("Session"), SMALL_TEXT, FALSE);
      limit_text_width (name, layout->plot.width);
      width = text_width (name);
      show_text (cr, name, layout->plot.x + (layout->plot.width - width) / 2,
                 layout->plot.y + layout->plot.height + layout->padding * 0.4 +
                   layout->small_height,
                 &self->palette.muted_text);
    }

  /* The axis lines. */
  cairo_new_path (cr);
  cairo_move_to (cr, layout->plot.x + 0.5, layout->plot.y);
  cairo_line_to (cr, layout->plot.x + 0.5, layout->plot.y + layout->plot.height + 0.5);
  cairo_line_to (cr, layout->plot.x + layout->plot.width, layout->plot.y + layout->plot.height + 0.5);
  set_color (cr, &self->palette.axis);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

/* An arrow pointing the better way, then its label. */
static double
draw_better (LimberChartRenderer *self,
             LimberChart         *chart,
             PangoContext        *context,
             cairo_t             *cr,
             const Layout        *layout)
{
  const char *text = NULL;
  LimberChartBetter better = limber_chart_get_better (chart, &text);
  g_autoptr(PangoLayout) label = NULL;
  double width, height, x, y, size, middle;

  if (better == LIMBER_CHART_BETTER_NONE)
    return 0;

  label = create_text (self, context, text, SMALL_TEXT, TRUE);
  limit_text_width (label, layout->area.width * 0.5);
  text_size (label, &width, &height);
  x = layout->area.x + layout->area.width - layout->padding - width;
  y = layout->unit_row_y;
  show_text (cr, label, x, y, &self->palette.text);

  size = height * 0.7;
  middle = y + height / 2;
  x -= size * 0.5 + layout->padding * 0.4;
  cairo_new_path (cr);
  if (better == LIMBER_CHART_BETTER_UP)
    {
      cairo_move_to (cr, x, middle - size / 2);
      cairo_line_to (cr, x + size * 0.5, middle);
      cairo_line_to (cr, x + size * 0.17, middle);
      cairo_line_to (cr, x + size * 0.17, middle + size / 2);
      cairo_line_to (cr, x - size * 0.17, middle + size / 2);
      cairo_line_to (cr, x - size * 0.17, middle);
      cairo_line_to (cr, x - size * 0.5, middle);
    }
  else
    {
      cairo_move_to (cr, x, middle + size / 2);
      cairo_line_to (cr, x + size * 0.5, middle);
      cairo_line_to (cr, x + size * 0.17, middle);
      cairo_line_to (cr, x + size * 0.17, middle - size / 2);
      cairo_line_to (cr, x - size * 0.17, middle - size / 2);
      cairo_line_to (cr, x - size * 0.17, middle);
      cairo_line_to (cr, x - size * 0.5, middle);
    }
  cairo_close_path (cr);
  set_color (cr, &self->palette.text);
  cairo_fill (cr);

  return width + size + layout->padding * 0.4;
}

static void
draw_header (LimberChartRenderer *self,
             LimberChart         *chart,
             PangoContext        *context,
             cairo_t             *cr,
             const Layout        *layout)
{
  const cairo_rectangle_t *area = &layout->area;
  double legend_x;

  if (layout->title_y >= 0)
    {
      g_autoptr(PangoLayout) title = create_text (self, context, limber_chart_get_title (chart),
                                                  TITLE_TEXT, TRUE);

      limit_text_width (title, area->width - layout->padding * 1.5);
      show_text (cr, title, area->x + layout->padding * 0.5, layout->title_y, &self->palette.text);
    }

  if (has_legend (chart))
    {
      double legend_width = measure_legend (self, chart, context, layout);

      legend_x = layout->legend_beside_title
                   ? area->x + area->width - layout->padding - legend_width
                   : area->x + layout->padding * 0.5;

      for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
        {
          g_autoptr(PangoLayout) label = create_text (self, context,
                                                      limber_chart_get_series_label (chart, s),
                                                      SMALL_TEXT, FALSE);
          const LimberChartColor *color = series_color (self, chart, s);
          double sample = legend_sample_width (layout);
          double middle = layout->legend_y + layout->small_height / 2;

          cairo_new_path (cr);
          cairo_move_to (cr, legend_x, middle);
          cairo_line_to (cr, legend_x + sample, middle);
          set_color (cr, color);
          cairo_set_line_width (cr, layout->line_width);
          set_dash (cr, limber_chart_get_series_dash (chart, s), layout->line_width);
          cairo_stroke (cr);
          draw_marker (self, cr, limber_chart_get_series_marker (chart, s), legend_x + sample / 2,
                       middle, self->font_size * MARKER_RADIUS, color);

          legend_x += sample + layout->padding * 0.5;
          show_text (cr, label, legend_x, layout->legend_y, &self->palette.text);
          legend_x += text_width (label) + layout->padding * 1.5;
        }
    }

  if (layout->unit_row_y >= 0)
    {
      double better_width = draw_better (self, chart, context, cr, layout);
      const char *unit = limber_chart_get_unit (chart);

      if (unit != NULL)
        {
          g_autoptr(PangoLayout) label = create_text (self, context, unit, SMALL_TEXT, FALSE);

          limit_text_width (label, area->width - better_width - layout->padding * 3);
          show_text (cr, label, area->x + layout->padding * 0.5, layout->unit_row_y,
                     &self->palette.muted_text);
        }
    }
}

static void
draw_highlight (LimberChartRenderer *self,
                LimberChart         *chart,
                PangoContext        *context,
                cairo_t             *cr,
                const Layout        *layout)
{
  guint series = (guint) self->highlight_series;
  guint index = (guint) self->highlight_index;
  const LimberChartColor *color;
  const char *description;
  g_autoptr(PangoLayout) text = NULL;
  double x, value, px, py, width, height, box_x, box_y, r;

  if (self->highlight_series < 0 || self->highlight_index < 0 ||
      series >= limber_chart_get_n_series (chart) ||
      index >= limber_chart_get_n_points (chart, series))
    return;

  color = series_color (self, chart, series);
  limber_chart_get_point (chart, series, index, &x, &value);
  px = map_x (layout, x);
  py = map_value (layout, value);
  r = self->font_size * MARKER_RADIUS * 1.6;

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, px, layout->plot.y);
  cairo_line_to (cr, px, layout->plot.y + layout->plot.height);
  set_color (cr, &self->palette.axis);
  cairo_set_line_width (cr, 1);
  set_dash (cr, LIMBER_CHART_DASH_DASHED, 1);
  cairo_stroke (cr);
  draw_marker (self, cr, limber_chart_get_series_marker (chart, series), px, py, r, color);
  cairo_restore (cr);

  description = limber_chart_get_point_description (chart, series, index);
  if (description == NULL || self->style != LIMBER_CHART_STYLE_FULL)
    return;

  text = create_text (self, context, description, SMALL_TEXT, FALSE);
  limit_text_width (text, layout->plot.width - layout->padding * 2);
  text_size (text, &width, &height);
  width += layout->padding;
  height += layout->padding * 0.6;

  box_x = px + r + 2;
  if (box_x + width > layout->plot.x + layout->plot.width)
    box_x = px - r - 2 - width;
  box_x = MAX (box_x, layout->plot.x);
  box_y = py - r - height;
  if (box_y < layout->plot.y)
    box_y = py + r;

  set_color (cr, self->palette.background.alpha > 0 ? &self->palette.background
                                                      : &(LimberChartColor) { 1, 1, 1, 1 });
  cairo_rectangle (cr, box_x, box_y, width, height);
  cairo_fill_preserve (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
  show_text (cr, text, box_x + layout->padding * 0.5, box_y + layout->padding * 0.3,
             &self->palette.text);
}

static void
draw_empty (LimberChartRenderer *self,
            LimberChart         *chart,
            PangoContext        *context,
            cairo_t             *cr,
            const Layout        *layout)
{
  const cairo_rectangle_t *area = &layout->area;
  const char *empty = limber_chart_get_empty_text (chart);
  g_autoptr(PangoLayout) text = NULL;
  double top = area->y + layout->padding * 0.5;
  double width, height;
  cairo_rectangle_t frame;

  if (self->style == LIMBER_CHART_STYLE_SPARKLINE)
    {
      /* Nothing yet: a faint level line, not a broken glyph. */
      cairo_new_path (cr);
      cairo_move_to (cr, area->x + layout->padding, area->y + area->height / 2);
      cairo_line_to (cr, area->x + area->width - layout->padding, area->y + area->height / 2);
      set_color (cr, &self->palette.axis);
      cairo_set_line_width (cr, 1);
      set_dash (cr, LIMBER_CHART_DASH_DASHED, 1.5);
      cairo_stroke (cr);
      return;
    }

  if (limber_chart_get_title (chart) != NULL)
    {
      g_autoptr(PangoLayout) title = create_text (self, context, limber_chart_get_title (chart),
                                                  TITLE_TEXT, TRUE);

      limit_text_width (title, area->width - layout->padding * 1.5);
      show_text (cr, title, area->x + layout->padding * 0.5, top, &self->palette.text);
      text_size (title, NULL, &height);
      top += height + layout->padding * 0.5;
    }

  frame.x = area->x + layout->padding * 0.5;
  frame.y = top;
  frame.width = MAX (area->width - layout->padding * 1.5, 1);
  frame.height = MAX (area->y + area->height - layout->padding * 0.5 - top, 1);

  cairo_new_path (cr);
  cairo_rectangle (cr, frame.x + 0.5, frame.y + 0.5, frame.width - 1, frame.height - 1);
  set_color (cr, &self->palette.grid);
  cairo_set_line_width (cr, 1);
  set_dash (cr, LIMBER_CHART_DASH_DASHED, 1.5);
  cairo_stroke (cr);

  text = create_text (self, context, empty != NULL ? empty : _("No values to show yet"), 1.0,
                      FALSE);
  /* Wrapped and centred within the frame. */
  pango_layout_set_width (text, (int) (MAX (frame.width - layout->padding * 2, 1) * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  text_size (text, &width, &height);
  show_text (cr, text, frame.x + layout->padding, frame.y + (frame.height - height) / 2,
             &self->palette.muted_text);
}

void
limber_chart_renderer_draw (LimberChartRenderer     *self,
                            LimberChart             *chart,
                            cairo_t                 *cr,
                            const cairo_rectangle_t *area)
{
  PangoContext *context;
  Layout layout;
  g_autoptr(GArray) labels = NULL;

  g_return_if_fail (LIMBER_IS_CHART_RENDERER (self));
  g_return_if_fail (LIMBER_IS_CHART (chart));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (area != NULL);

  if (area->width <= 0 || area->height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);

  if (self->palette.background.alpha > 0)
    {
      set_color (cr, &self->palette.background);
      cairo_paint (cr);
    }

  context = create_pango_context (cr);

  if (!compute_layout (self, chart, context, area, &layout))
    {
      draw_empty (self, chart, context, cr, &layout);
      g_object_unref (context);
      cairo_restore (cr);
      return;
    }

  if (self->style == LIMBER_CHART_STYLE_FULL)
    {
      draw_header (self, chart, context, cr, &layout);
      draw_value_axis (self, context, cr, &layout);
    }

  cairo_save (cr);
  cairo_rectangle (cr, layout.plot.x, layout.plot.y, layout.plot.width, layout.plot.height);
  cairo_clip (cr);

  draw_normal_band (self, chart, cr, &layout);
  if (self->style == LIMBER_CHART_STYLE_FULL)
    draw_annotations (self, chart, context, cr, &layout);

  {
    double goal = limber_chart_get_goal (chart, NULL);

    if (isfinite (goal))
      draw_horizontal_line (cr, &layout, map_value (&layout, goal), LIMBER_CHART_DASH_DASHED,
                            &self->palette.goal);
  }

  if (self->style == LIMBER_CHART_STYLE_FULL)
    for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
      {
        double threshold = limber_chart_get_series_threshold (chart, s, NULL);

        if (isfinite (threshold) && limber_chart_get_n_points (chart, s) > 0)
          draw_horizontal_line (cr, &layout, map_value (&layout, threshold),
                                LIMBER_CHART_DASH_DOTTED, series_color (self, chart, s));
      }

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    draw_series (self, chart, cr, &layout, s);

  labels = place_labels (self, chart, context, &layout);
  draw_labels (self, chart, cr, labels);

  cairo_restore (cr);

  if (self->style == LIMBER_CHART_STYLE_FULL)
    draw_x_axis (self, chart, context, cr, &layout);

  draw_highlight (self, chart, context, cr, &layout);

  g_object_unref (context);
  cairo_restore (cr);
}

/* Locating ---------------------------------------------------------------------- */

/* Computes the layout with cr's text metrics, or an image's where cr is NULL. */
static gboolean
layout_for (LimberChartRenderer     *self,
            LimberChart             *chart,
            cairo_t                 *cr,
            const cairo_rectangle_t *area,
            Layout                  *layout)
{
  PangoContext *context;
  cairo_surface_t *surface = NULL;
  cairo_t *own = NULL;
  gboolean result;

  if (cr == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = own = cairo_create (surface);
    }

  context = create_pango_context (cr);
  result = compute_layout (self, chart, context, area, layout);

  g_object_unref (context);
  g_clear_pointer (&own, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);

  return result;
}

gboolean
limber_chart_renderer_get_plot_area (LimberChartRenderer     *self,
                                     LimberChart             *chart,
                                     cairo_t                 *cr,
                                     const cairo_rectangle_t *area,
                                     cairo_rectangle_t       *plot)
{
  Layout layout;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (!layout_for (self, chart, cr, area, &layout))
    return FALSE;

  if (plot != NULL)
    *plot = layout.plot;

  return TRUE;
}

gboolean
limber_chart_renderer_map_point (LimberChartRenderer     *self,
                                 LimberChart             *chart,
                                 cairo_t                 *cr,
                                 const cairo_rectangle_t *area,
                                 double                   x,
                                 double                   value,
                                 double                  *px,
                                 double                  *py)
{
  Layout layout;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (!layout_for (self, chart, cr, area, &layout))
    return FALSE;

  if (px != NULL)
    *px = map_x (&layout, x);
  if (py != NULL)
    *py = map_value (&layout, value);

  return TRUE;
}

gboolean
limber_chart_renderer_get_value_range (LimberChartRenderer     *self,
                                       LimberChart             *chart,
                                       cairo_t                 *cr,
                                       const cairo_rectangle_t *area,
                                       double                  *min,
                                       double                  *max)
{
  Layout layout;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (!layout_for (self, chart, cr, area, &layout))
    return FALSE;

  if (min != NULL)
    *min = layout.values.min;
  if (max != NULL)
    *max = layout.values.max;

  return TRUE;
}

gboolean
limber_chart_renderer_find_nearest (LimberChartRenderer     *self,
                                    LimberChart             *chart,
                                    cairo_t                 *cr,
                                    const cairo_rectangle_t *area,
                                    double                   px,
                                    double                   py,
                                    guint                   *series,
                                    guint                   *index)
{
  Layout layout;
  double best = INFINITY;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (!layout_for (self, chart, cr, area, &layout))
    return FALSE;

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    for (guint i = 0; i < limber_chart_get_n_points (chart, s); i++)
      {
        double x, value, dx, dy, distance;

        limber_chart_get_point (chart, s, i, &x, &value);
        dx = fabs (map_x (&layout, x) - px);
        dy = fabs (map_value (&layout, value) - py);
        /* Along the time axis first: the pointer anywhere above a session finds it. */
        distance = dx * 1000 + dy;

        if (distance < best)
          {
            best = distance;
            found = TRUE;
            if (series != NULL)
              *series = s;
            if (index != NULL)
              *index = i;
          }
      }

  return found;
}

gboolean
limber_chart_renderer_get_label_area (LimberChartRenderer     *self,
                                      LimberChart             *chart,
                                      cairo_t                 *cr,
                                      const cairo_rectangle_t *area,
                                      LimberChartLabel         label,
                                      guint                    series,
                                      cairo_rectangle_t       *rect)
{
  cairo_surface_t *surface = NULL;
  cairo_t *own = NULL;
  PangoContext *context;
  Layout layout;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (cr == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = own = cairo_create (surface);
    }

  context = create_pango_context (cr);
  if (compute_layout (self, chart, context, area, &layout))
    {
      g_autoptr(GArray) labels = place_labels (self, chart, context, &layout);

      for (guint i = 0; i < labels->len && !found; i++)
        {
          PlacedLabel *placed = &g_array_index (labels, PlacedLabel, i);

          if (placed->kind == label &&
              (label != LIMBER_CHART_LABEL_THRESHOLD || placed->series == series))
            {
              found = TRUE;
              if (rect != NULL)
                *rect = placed->rect;
            }
        }
    }

  g_object_unref (context);
  g_clear_pointer (&own, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);

  return found;
}

guint
limber_chart_renderer_get_note_flags (LimberChartRenderer     *self,
                                      LimberChart             *chart,
                                      cairo_t                 *cr,
                                      const cairo_rectangle_t *area,
                                      double                 **positions,
                                      guint                  **counts)
{
  cairo_surface_t *surface = NULL;
  cairo_t *own = NULL;
  PangoContext *context;
  Layout layout;
  g_autoptr(GArray) flags = NULL;
  guint n_flags = 0;

  g_return_val_if_fail (LIMBER_IS_CHART_RENDERER (self), 0);
  g_return_val_if_fail (LIMBER_IS_CHART (chart), 0);
  g_return_val_if_fail (area != NULL, 0);

  if (positions != NULL)
    *positions = NULL;
  if (counts != NULL)
    *counts = NULL;

  if (cr == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = own = cairo_create (surface);
    }

  context = create_pango_context (cr);
  if (compute_layout (self, chart, context, area, &layout) &&
      self->style == LIMBER_CHART_STYLE_FULL)
    {
      flags = gather_note_flags (self, chart, context, &layout);
      n_flags = flags->len;

      if (positions != NULL)
        *positions = g_new0 (double, MAX (n_flags, 1));
      if (counts != NULL)
        *counts = g_new0 (guint, MAX (n_flags, 1));
      for (guint i = 0; i < n_flags; i++)
        {
          if (positions != NULL)
            (*positions)[i] = g_array_index (flags, NoteFlag, i).px;
          if (counts != NULL)
            (*counts)[i] = g_array_index (flags, NoteFlag, i).count;
        }
    }

  g_object_unref (context);
  g_clear_pointer (&own, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);

  return n_flags;
}
