/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "limber-chart-renderer.h"

/* The renderer draws on image surfaces here and the pixels are read back: points,
 * bands and lines must land where the mapping says, and nothing may leave the
 * plot area or the area the chart was given. */

#define WIDTH  480
#define HEIGHT 300

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           scale;
} Canvas;

static void
canvas_init (Canvas *canvas,
             int     width,
             int     height,
             double  scale)
{
  canvas->scale = scale;
  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale),
                                                (int) (height * scale));
  cairo_surface_set_device_scale (canvas->surface, scale, scale);
  canvas->cr = cairo_create (canvas->surface);
}

static void
canvas_clear (Canvas *canvas)
{
  g_clear_pointer (&canvas->cr, cairo_destroy);
  g_clear_pointer (&canvas->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Canvas, canvas_clear)

/* The pixel under user coordinates (x, y), as 8-bit straight RGBA. */
static void
canvas_get_pixel (Canvas *canvas,
                  double  x,
                  double  y,
                  guint8  rgba[4])
{
  int px = (int) floor (x * canvas->scale);
  int py = (int) floor (y * canvas->scale);
  int stride = cairo_image_surface_get_stride (canvas->surface);
  const guint8 *data;
  guint32 pixel;
  guint alpha;

  cairo_surface_flush (canvas->surface);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (canvas->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (canvas->surface));

  data = cairo_image_surface_get_data (canvas->surface);
  memcpy (&pixel, data + py * stride + px * 4, sizeof pixel);
  alpha = pixel >> 24;
  rgba[3] = alpha;
  for (guint c = 0; c < 3; c++)
    {
      guint premultiplied = (pixel >> (16 - 8 * c)) & 0xff;

      rgba[c] = alpha == 0 ? 0 : (guint8) MIN (255, premultiplied * 255 / alpha);
    }
}

static gboolean
color_matches (const guint8            rgba[4],
               const LimberChartColor *color,
               guint                   tolerance)
{
  double expected[3] = { color->red, color->green, color->blue };

  if (rgba[3] < 250)
    return FALSE;

  for (guint c = 0; c < 3; c++)
    if (abs ((int) rgba[c] - (int) round (expected[c] * 255)) > (int) tolerance)
      return FALSE;

  return TRUE;
}

static gboolean
pixel_is (Canvas                 *canvas,
          double                  x,
          double                  y,
          const LimberChartColor *color)
{
  guint8 rgba[4];

  canvas_get_pixel (canvas, x, y, rgba);

  return color_matches (rgba, color, 12);
}

/* Whether any pixel of the row at y between x0 and x1 has the colour. */
static gboolean
row_has (Canvas                 *canvas,
         double                  y,
         double                  x0,
         double                  x1,
         const LimberChartColor *color)
{
  for (double x = x0; x < x1; x += 1 / canvas->scale)
    if (pixel_is (canvas, x, y, color))
      return TRUE;

  return FALSE;
}

static const LimberChartColor *
series_color (guint index)
{
  return &limber_chart_palette_get_light ()->series[index];
}

static LimberChart *
pain_chart (void)
{
  static const double values[] = { 8, 7, 7, 5, 4, 2 };
  LimberChart *chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  guint series;

  limber_chart_set_title (chart, "Pain (0–10)");
  limber_chart_set_unit (chart, "points");
  limber_chart_set_value_limits (chart, 0, 10);
  limber_chart_set_better (chart, LIMBER_CHART_BETTER_DOWN, "Lower is better");
  series = limber_chart_add_series (chart, "Pain", 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    limber_chart_add_point (chart, series, i + 1, values[i], NULL);

  return chart;
}

static void
draw (LimberChartRenderer     *renderer,
      LimberChart             *chart,
      Canvas                  *canvas,
      const cairo_rectangle_t *area)
{
  limber_chart_renderer_draw (renderer, chart, canvas->cr, area);
  cairo_surface_flush (canvas->surface);
}

static void
assert_points_on_pixels (LimberChartRenderer     *renderer,
                         LimberChart             *chart,
                         Canvas                  *canvas,
                         const cairo_rectangle_t *area)
{
  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    for (guint i = 0; i < limber_chart_get_n_points (chart, s); i++)
      {
        double x, value, px, py;

        limber_chart_get_point (chart, s, i, &x, &value);
        g_assert_true (limber_chart_renderer_map_point (renderer, chart, canvas->cr, area, x,
                                                        value, &px, &py));
        g_assert_true (pixel_is (canvas, px, py, series_color (limber_chart_get_series_color (chart, s))));
      }
}

static void
test_points_on_pixels (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = pain_chart ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  cairo_rectangle_t plot;
  double px_first, py_first, px_last, py_last;

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  assert_points_on_pixels (renderer, chart, &canvas, &area);

  /* Pain fell: the last point is lower on the page and further right. */
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, 8, &px_first, &py_first);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 6, 2, &px_last, &py_last);
  g_assert_cmpfloat (px_last, >, px_first);
  g_assert_cmpfloat (py_last, >, py_first);

  /* The whole pain scale shows, and only it. */
  {
    double min, max;

    g_assert_true (limber_chart_renderer_get_value_range (renderer, chart, canvas.cr, &area, &min,
                                                          &max));
    g_assert_cmpfloat (min, >=, 0);
    g_assert_cmpfloat (min, <=, 2);
    g_assert_cmpfloat (max, >=, 8);
    g_assert_cmpfloat (max, <=, 10);
  }

  g_assert_true (limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot));
  g_assert_cmpfloat (plot.x, >, area.x);
  g_assert_cmpfloat (plot.y, >, area.y);
  g_assert_cmpfloat (plot.x + plot.width, <=, area.x + area.width);
  g_assert_cmpfloat (plot.y + plot.height, <=, area.y + area.height);
}

static void
test_hidpi (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = pain_chart ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };

  /* A 2× screen: the same layout in user units, twice the pixels. */
  canvas_init (&canvas, WIDTH, HEIGHT, 2);
  draw (renderer, chart, &canvas, &area);
  assert_points_on_pixels (renderer, chart, &canvas, &area);
}

static void
test_band_and_goal (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  const LimberChartPalette *palette = limber_chart_palette_get_light ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  cairo_rectangle_t plot;
  double y_goal, y_in_band, y_below_band, y_threshold, x_mid;
  LimberChartColor band_on_white;
  guint series;

  series = limber_chart_add_series (chart, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  limber_chart_add_point (chart, series, 1, 30, NULL);
  limber_chart_add_point (chart, series, 2, 40, NULL);
  limber_chart_add_point (chart, series, 3, 45, NULL);
  limber_chart_set_normal_range (chart, 80, 90, NULL);
  limber_chart_set_goal (chart, 70, NULL);
  limber_chart_set_series_threshold (chart, series, 40, NULL);

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot);

  /* The axis reaches the band even though every value lies below it. */
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 2, 90, &x_mid, &y_in_band);
  g_assert_cmpfloat (y_in_band, >=, plot.y);

  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 2, 70, NULL, &y_goal);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 2, 85, NULL, &y_in_band);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 2, 77, NULL, &y_below_band);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 2, 40, NULL, &y_threshold);

  /* The goal line is where 70 maps, and not a few pixels away. */
  g_assert_true (row_has (&canvas, y_goal, plot.x, plot.x + plot.width, &palette->goal));
  g_assert_false (row_has (&canvas, y_goal - 4, plot.x, plot.x + plot.width, &palette->goal));
  g_assert_false (row_has (&canvas, y_goal + 4, plot.x, plot.x + plot.width, &palette->goal));

  /* The band covers 80–90 and stops there. */
  band_on_white.red = 1 - palette->normal_band.alpha * (1 - palette->normal_band.red);
  band_on_white.green = 1 - palette->normal_band.alpha * (1 - palette->normal_band.green);
  band_on_white.blue = 1 - palette->normal_band.alpha * (1 - palette->normal_band.blue);
  band_on_white.alpha = 1;
  g_assert_true (pixel_is (&canvas, plot.x + plot.width * 0.75, y_in_band, &band_on_white));
  g_assert_false (pixel_is (&canvas, plot.x + plot.width * 0.75, y_below_band, &band_on_white));

  /* The threshold is drawn in its series' colour at 40. */
  g_assert_true (row_has (&canvas, y_threshold, plot.x + plot.width * 0.6, plot.x + plot.width,
                          series_color (0)));
}

/* Nothing of the series colours outside the plot, nothing at all outside the area. */
static void
test_nothing_outside (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  LimberChartPalette transparent = *limber_chart_palette_get_light ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 60, 40, 360, 220 };
  cairo_rectangle_t plot;
  guint series;

  limber_chart_set_title (chart, "Ω Straight leg raise, left and right: a title far too long "
                                 "to fit — Łódź, Zürich, 李小龍 and more words after them");
  limber_chart_set_start_date (chart, "2026-03-02");
  limber_chart_set_value_limits (chart, 0, 120);
  series = limber_chart_add_series (chart, NULL, 1, LIMBER_CHART_MARKER_TRIANGLE,
                                    LIMBER_CHART_DASH_DASHED);
  /* Values beyond the limits (the limits win) and at their very edge. */
  limber_chart_add_point (chart, series, 0, 0, NULL);
  limber_chart_add_point (chart, series, 3, 150, NULL);
  limber_chart_add_point (chart, series, 9, 120, NULL);
  limber_chart_add_point (chart, series, 12, -30, NULL);
  limber_chart_set_goal (chart, 200, "Goal: 200°");

  /* No background: every pixel drawn shows. */
  transparent.background.alpha = 0;
  limber_chart_renderer_set_palette (renderer, &transparent);
  limber_chart_renderer_set_highlight (renderer, 0, 1);

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  g_assert_true (limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot));

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        gboolean in_area = x >= area.x && x < area.x + area.width && y >= area.y &&
                           y < area.y + area.height;
        gboolean in_plot = x >= floor (plot.x) && x <= ceil (plot.x + plot.width) &&
                           y >= floor (plot.y) && y <= ceil (plot.y + plot.height);
        guint8 rgba[4];

        canvas_get_pixel (&canvas, x + 0.5, y + 0.5, rgba);
        if (!in_area)
          g_assert_cmpuint (rgba[3], ==, 0);
        else if (!in_plot)
          g_assert_false (color_matches (rgba, series_color (1), 40));
      }
}

static void
test_empty (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  const LimberChartPalette *palette = limber_chart_palette_get_light ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  guint n_text = 0;

  limber_chart_set_title (chart, "Pain (0–10)");
  limber_chart_add_series (chart, "Left", 0, LIMBER_CHART_MARKER_CIRCLE, LIMBER_CHART_DASH_SOLID);
  limber_chart_set_empty_text (chart, "No pain values recorded in this course of care");

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);

  g_assert_true (limber_chart_is_empty (chart));
  g_assert_false (limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, NULL));
  g_assert_false (limber_chart_renderer_find_nearest (renderer, chart, canvas.cr, &area, 10, 10,
                                                      NULL, NULL));

  /* The message is written across the middle. */
  for (int x = 0; x < WIDTH; x++)
    for (int y = HEIGHT / 2 - 12; y < HEIGHT / 2 + 12; y++)
      {
        guint8 rgba[4];

        canvas_get_pixel (&canvas, x, y, rgba);
        if (rgba[0] < 200)
          n_text++;
      }
  g_assert_cmpuint (n_text, >, 100);
  g_assert_false (row_has (&canvas, HEIGHT / 2.0, 0, WIDTH, &palette->series[0]));

  /* A sparkline of nothing draws without complaint. */
  limber_chart_renderer_set_style (renderer, LIMBER_CHART_STYLE_SPARKLINE);
  draw (renderer, chart, &canvas, &(cairo_rectangle_t) { 0, 0, 80, 24 });
}

static void
test_one_point (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  cairo_rectangle_t plot;
  double min, max, px, py;
  guint series, found_series = 99, found_index = 99;

  limber_chart_set_start_date (chart, "2026-03-02");
  limber_chart_set_value_limits (chart, 0, 10);
  series = limber_chart_add_series (chart, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  limber_chart_add_point (chart, series, 0, 7, "2 Mar 2026: 7 points");

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  assert_points_on_pixels (renderer, chart, &canvas, &area);

  /* The value sits inside the axis, with room either side. */
  limber_chart_renderer_get_value_range (renderer, chart, canvas.cr, &area, &min, &max);
  g_assert_cmpfloat (min, <, 7);
  g_assert_cmpfloat (max, >, 7);
  limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 0, 7, &px, &py);
  g_assert_cmpfloat (py, >, plot.y + 10);
  g_assert_cmpfloat (py, <, plot.y + plot.height - 10);

  g_assert_true (limber_chart_renderer_find_nearest (renderer, chart, canvas.cr, &area, 5, 5,
                                                     &found_series, &found_index));
  g_assert_cmpuint (found_series, ==, 0);
  g_assert_cmpuint (found_index, ==, 0);
}

static void
test_negative_values (void)
{
  static const double values[] = { -12, -10, -9, -6, -4, -2.5, -1 };
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  double min, max, y_low, y_high, y_zero;
  guint series;

  limber_chart_set_title (chart, "Sit and reach");
  limber_chart_set_unit (chart, "cm");
  limber_chart_set_value_limits (chart, -40, 60);
  series = limber_chart_add_series (chart, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    limber_chart_add_point (chart, series, i + 1, values[i], NULL);
  /* Normal: reaching the toes (0 cm) or beyond. */
  limber_chart_set_normal_range (chart, 0, INFINITY, "Normal");

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  assert_points_on_pixels (renderer, chart, &canvas, &area);

  limber_chart_renderer_get_value_range (renderer, chart, canvas.cr, &area, &min, &max);
  g_assert_cmpfloat (min, <=, -12);
  g_assert_cmpfloat (max, >, 0);

  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, -12, NULL, &y_low);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, -1, NULL, &y_high);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, 0, NULL, &y_zero);
  g_assert_cmpfloat (y_low, >, y_high);
  g_assert_cmpfloat (y_high, >, y_zero);
}

static void
test_many_points (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  guint series, found_series, found_index;
  double px, py;

  limber_chart_set_start_date (chart, "2024-05-06");
  series = limber_chart_add_series (chart, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  for (guint i = 0; i < 400; i++)
    limber_chart_add_point (chart, series, i * 2, 50 + 30 * sin (i / 25.0), NULL);

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);

  /* Two years of sessions: the line passes through the mapped values. */
  for (guint i = 0; i < 400; i += 37)
    {
      double x, value;

      limber_chart_get_point (chart, series, i, &x, &value);
      limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, x, value, &px, &py);
      g_assert_true (row_has (&canvas, py, px - 1.5, px + 1.5, series_color (0)));
    }

  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 200, 0, &px, &py);
  g_assert_true (limber_chart_renderer_find_nearest (renderer, chart, canvas.cr, &area, px, py,
                                                     &found_series, &found_index));
  g_assert_cmpuint (found_index, ==, 100);
}

static void
test_two_sides (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  guint left, right, found_series, found_index;
  double px, py;

  limber_chart_set_title (chart, "Straight leg raise");
  left = limber_chart_add_series (chart, "Left", 0, LIMBER_CHART_MARKER_CIRCLE,
                                  LIMBER_CHART_DASH_SOLID);
  right = limber_chart_add_series (chart, "Right", 1, LIMBER_CHART_MARKER_TRIANGLE,
                                   LIMBER_CHART_DASH_DASHED);
  for (guint i = 1; i <= 5; i++)
    {
      limber_chart_add_point (chart, left, i, 40 + 5 * i, NULL);
      limber_chart_add_point (chart, right, i, 70 + 2 * i, NULL);
    }
  limber_chart_set_series_threshold (chart, left, 55, "Meaningful change starts here");
  limber_chart_set_series_threshold (chart, right, 82, "Meaningful change starts here");

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  assert_points_on_pixels (renderer, chart, &canvas, &area);

  /* At session 3 the pointer near the right side's point finds the right side. */
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 3, 76, &px, &py);
  g_assert_true (limber_chart_renderer_find_nearest (renderer, chart, canvas.cr, &area, px, py,
                                                     &found_series, &found_index));
  g_assert_cmpuint (found_series, ==, right);
  g_assert_cmpuint (found_index, ==, 2);
}

static void
test_sparkline (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = pain_chart ();
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, 120, 32 };
  double px, py;

  limber_chart_renderer_set_style (renderer, LIMBER_CHART_STYLE_SPARKLINE);
  canvas_init (&canvas, 120, 32, 2);
  draw (renderer, chart, &canvas, &area);

  /* The latest value is marked where it maps. */
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 6, 2, &px, &py);
  g_assert_cmpfloat (px, >, 100);
  g_assert_cmpfloat (px, <, 120);
  g_assert_true (pixel_is (&canvas, px, py, series_color (0)));
}

/* The marker of every point, as a square around it (a little larger than drawn). */
static gboolean
hides_a_point (LimberChartRenderer     *renderer,
               LimberChart             *chart,
               Canvas                  *canvas,
               const cairo_rectangle_t *area,
               const cairo_rectangle_t *label)
{
  double r = 13 * 0.32 + 1;

  for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
    for (guint i = 0; i < limber_chart_get_n_points (chart, s); i++)
      {
        double x, value, px, py;

        limber_chart_get_point (chart, s, i, &x, &value);
        limber_chart_renderer_map_point (renderer, chart, canvas->cr, area, x, value, &px, &py);
        if (px + r > label->x && px - r < label->x + label->width &&
            py + r > label->y && py - r < label->y + label->height)
          return TRUE;
      }

  return FALSE;
}

/* The first points sit right on the meaningful-change line and inside the top of the
 * normal band, where both labels used to be drawn: the labels go where no point is,
 * and every point stays visible over them. */
static void
test_labels_clear_of_data (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  cairo_rectangle_t threshold, normal, goal, plot;
  const double values[] = { 96, 94, 41, 40, 42, 55, 62, 70, 74, 78 };
  guint series;

  series = limber_chart_add_series (chart, "Flexion", 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    limber_chart_add_point (chart, series, i + 1, values[i], NULL);
  limber_chart_set_title (chart, "Knee flexion");
  limber_chart_set_value_limits (chart, 0, 150);
  limber_chart_set_normal_range (chart, 90, 100, "Normal: 90–100°");
  limber_chart_set_goal (chart, 85, "Goal: 85°");
  limber_chart_set_series_threshold (chart, series, 40, "Meaningful change starts here");

  canvas_init (&canvas, WIDTH, HEIGHT, 1);
  draw (renderer, chart, &canvas, &area);
  limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot);

  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_THRESHOLD, series,
                                                       &threshold));
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_NORMAL, 0, &normal));
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_GOAL, 0, &goal));
  g_assert_false (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                        LIMBER_CHART_LABEL_THRESHOLD, 1, NULL));

  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &threshold));
  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &normal));
  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &goal));

  /* Within the plot, and not on top of each other. */
  g_assert_cmpfloat (threshold.y, >=, plot.y);
  g_assert_cmpfloat (threshold.y + threshold.height, <=, plot.y + plot.height);
  g_assert_false (threshold.x < goal.x + goal.width && goal.x < threshold.x + threshold.width &&
                  threshold.y < goal.y + goal.height && goal.y < threshold.y + threshold.height);

  assert_points_on_pixels (renderer, chart, &canvas, &area);
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* A range of motion drawn as on a report (the text width by 175 points, 8 pt type):
 * the normal band runs off the top of the axis and the goal line crosses it near
 * the top, where both labels were once drawn on top of each other with the goal's
 * dashes through the normal's words. Each label now has its own room and no line
 * through it. */
static void
test_labels_clear_of_each_other (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_DAYS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, 493.2, 175 };
  cairo_rectangle_t normal, goal, threshold;
  const double days[] = { 0, 3, 7, 10, 14, 17, 21, 24, 28, 31 };
  const double values[] = { 105, 112, 118, 124, 131, 137, 143, 149, 156, 162 };
  const double notes[] = { 0, 3, 10, 17, 21, 28, 31 };
  double goal_x, goal_y, threshold_x, threshold_y;
  guint series;

  series = limber_chart_add_series (chart, "Right", 1, LIMBER_CHART_MARKER_TRIANGLE,
                                    LIMBER_CHART_DASH_DASHED);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    limber_chart_add_point (chart, series, days[i], values[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_NOTE, notes[i], "Notes");
  limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_DISCHARGE, 31, "Discharge");
  limber_chart_set_start_date (chart, "2026-10-12");
  limber_chart_set_title (chart, "Shoulder abduction, right");
  limber_chart_set_unit (chart, "degrees");
  limber_chart_set_better (chart, LIMBER_CHART_BETTER_UP, "Higher is better");
  limber_chart_set_value_limits (chart, 0, 180);
  limber_chart_set_normal_range (chart, 162, INFINITY, "Normal: 180°");
  limber_chart_set_goal (chart, 170, "Goal: 170°");
  limber_chart_set_series_threshold (chart, series, 110, "Beyond measurement error from here");
  limber_chart_renderer_set_font (renderer, NULL, 8);

  canvas_init (&canvas, 494, 175, 1);
  draw (renderer, chart, &canvas, &area);
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_NORMAL, 0, &normal));
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_GOAL, 0, &goal));
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_THRESHOLD, series,
                                                       &threshold));

  g_assert_false (rects_overlap (&normal, &goal));
  g_assert_false (rects_overlap (&normal, &threshold));
  g_assert_false (rects_overlap (&goal, &threshold));

  /* The goal's and the threshold's lines cross none of the labels' words. */
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, 170, &goal_x, &goal_y);
  limber_chart_renderer_map_point (renderer, chart, canvas.cr, &area, 1, 110, &threshold_x,
                                   &threshold_y);
  g_assert_false (goal_y > normal.y && goal_y < normal.y + normal.height);
  g_assert_false (threshold_y > normal.y && threshold_y < normal.y + normal.height);
  g_assert_false (threshold_y > goal.y && threshold_y < goal.y + goal.height);
  g_assert_false (goal_y > threshold.y && goal_y < threshold.y + threshold.height);

  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &normal));
  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &goal));
}

/* Pain as on a report, its meaningful-change line at the foot of the axis, with
 * notes at both ends of the course: the line's label stands clear of their flags. */
static void
test_labels_clear_of_flags (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) chart = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  g_auto(Canvas) canvas = { 0 };
  cairo_rectangle_t area = { 0, 0, 493.2, 175 };
  cairo_rectangle_t threshold, plot;
  const double values[] = { 5, 6, 5, 5, 5, 5, 4, 3, 4 };
  g_autofree double *positions = NULL;
  g_autofree guint *counts = NULL;
  double size = 8 * 0.45;
  guint series, n_flags;

  series = limber_chart_add_series (chart, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                    LIMBER_CHART_DASH_SOLID);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      limber_chart_add_point (chart, series, i + 1, values[i], NULL);
      /* Notes at the first two sessions and the last two. */
      if (i < 2 || i + 2 >= G_N_ELEMENTS (values))
        limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_NOTE, i + 1, "Notes");
    }
  limber_chart_add_annotation (chart, LIMBER_CHART_ANNOTATION_DISCHARGE, 9, "Discharge");
  limber_chart_set_title (chart, "Pain (0–10)");
  limber_chart_set_unit (chart, "points");
  limber_chart_set_value_limits (chart, 0, 10);
  limber_chart_set_whole_numbers (chart, TRUE);
  limber_chart_set_series_threshold (chart, series, 3, "Meaningful change starts here");
  limber_chart_renderer_set_font (renderer, NULL, 8);

  canvas_init (&canvas, 494, 175, 1);
  draw (renderer, chart, &canvas, &area);
  limber_chart_renderer_get_plot_area (renderer, chart, canvas.cr, &area, &plot);
  g_assert_true (limber_chart_renderer_get_label_area (renderer, chart, canvas.cr, &area,
                                                       LIMBER_CHART_LABEL_THRESHOLD, series,
                                                       &threshold));
  n_flags = limber_chart_renderer_get_note_flags (renderer, chart, canvas.cr, &area, &positions,
                                                  &counts);
  g_assert_cmpuint (n_flags, ==, 4);
  for (guint i = 0; i < n_flags; i++)
    {
      cairo_rectangle_t flag = { positions[i] - 1, plot.y + plot.height - size * 2 - 1,
                                 size + 2, size * 2 + 1 };

      g_assert_false (rects_overlap (&threshold, &flag));
    }
  g_assert_false (hides_a_point (renderer, chart, &canvas, &area, &threshold));
}

/* Sixty sessions, each with notes: flags that would overlap are merged into one that
 * counts them; flags far apart stay apart. */
static void
test_note_flags_merge (void)
{
  g_autoptr(LimberChartRenderer) renderer = limber_chart_renderer_new ();
  g_autoptr(LimberChart) dense = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  g_autoptr(LimberChart) sparse = limber_chart_new (LIMBER_CHART_X_SESSIONS);
  cairo_rectangle_t area = { 0, 0, WIDTH, HEIGHT };
  g_autofree double *positions = NULL;
  g_autofree guint *counts = NULL;
  g_autofree double *sparse_positions = NULL;
  g_autofree guint *sparse_counts = NULL;
  guint n_flags, total = 0;
  guint dense_series = limber_chart_add_series (dense, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                                LIMBER_CHART_DASH_SOLID);
  guint sparse_series = limber_chart_add_series (sparse, NULL, 0, LIMBER_CHART_MARKER_CIRCLE,
                                                 LIMBER_CHART_DASH_SOLID);

  for (guint i = 1; i <= 60; i++)
    {
      limber_chart_add_point (dense, dense_series, i, 5 + (i % 3), NULL);
      limber_chart_add_annotation (dense, LIMBER_CHART_ANNOTATION_NOTE, i, "Notes");
      limber_chart_add_point (sparse, sparse_series, i, 5 + (i % 3), NULL);
    }
  limber_chart_add_annotation (sparse, LIMBER_CHART_ANNOTATION_NOTE, 1, "First visit");
  limber_chart_add_annotation (sparse, LIMBER_CHART_ANNOTATION_NOTE, 60, "Discharge plan");
  limber_chart_add_annotation (sparse, LIMBER_CHART_ANNOTATION_DISCHARGE, 60, "Discharge");

  n_flags = limber_chart_renderer_get_note_flags (renderer, dense, NULL, &area, &positions,
                                                  &counts);
  g_assert_cmpuint (n_flags, >, 1);
  g_assert_cmpuint (n_flags, <, 60);
  for (guint i = 0; i < n_flags; i++)
    {
      total += counts[i];
      /* Room for a flag and its count between neighbours. */
      if (i > 0)
        g_assert_cmpfloat (positions[i] - positions[i - 1], >=, 13 * 0.45 * 2);
    }
  g_assert_cmpuint (total, ==, 60);

  /* The discharge is no note; two notes far apart keep a flag each. */
  g_assert_cmpuint (limber_chart_renderer_get_note_flags (renderer, sparse, NULL, &area,
                                                          &sparse_positions, &sparse_counts),
                    ==, 2);
  g_assert_cmpuint (sparse_counts[0], ==, 1);
  g_assert_cmpuint (sparse_counts[1], ==, 1);

  /* A sparkline shows no flags. */
  limber_chart_renderer_set_style (renderer, LIMBER_CHART_STYLE_SPARKLINE);
  g_assert_cmpuint (limber_chart_renderer_get_note_flags (renderer, dense, NULL, &area, NULL,
                                                          NULL),
                    ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-renderer/points-on-pixels", test_points_on_pixels);
  g_test_add_func ("/chart-renderer/hidpi", test_hidpi);
  g_test_add_func ("/chart-renderer/band-and-goal", test_band_and_goal);
  g_test_add_func ("/chart-renderer/nothing-outside", test_nothing_outside);
  g_test_add_func ("/chart-renderer/empty", test_empty);
  g_test_add_func ("/chart-renderer/one-point", test_one_point);
  g_test_add_func ("/chart-renderer/negative-values", test_negative_values);
  g_test_add_func ("/chart-renderer/many-points", test_many_points);
  g_test_add_func ("/chart-renderer/two-sides", test_two_sides);
  g_test_add_func ("/chart-renderer/sparkline", test_sparkline);
  g_test_add_func ("/chart-renderer/labels-clear-of-data", test_labels_clear_of_data);
  g_test_add_func ("/chart-renderer/labels-clear-of-each-other",
                   test_labels_clear_of_each_other);
  g_test_add_func ("/chart-renderer/labels-clear-of-flags", test_labels_clear_of_flags);
  g_test_add_func ("/chart-renderer/note-flags-merge", test_note_flags_merge);

  return g_test_run ();
}
