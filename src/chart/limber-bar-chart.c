/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "limber-bar-chart.h"
#include "limber-chart-axis.h"

#define DEFAULT_FONT_FAMILY "Cantarell, sans-serif"

typedef struct
{
  char   *label;
  double  value;
  char   *value_label;
} Bar;

struct _LimberBarChart
{
  GObject  parent_instance;

  char    *title;
  char    *unit;
  double   min;
  double   max;
  GArray  *bars;  /* Bar */
};

G_DEFINE_FINAL_TYPE (LimberBarChart, limber_bar_chart, G_TYPE_OBJECT)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_label);
}

static void
limber_bar_chart_finalize (GObject *object)
{
  LimberBarChart *self = (LimberBarChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (limber_bar_chart_parent_class)->finalize (object);
}

static void
limber_bar_chart_class_init (LimberBarChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_bar_chart_finalize;
}

static void
limber_bar_chart_init (LimberBarChart *self)
{
  self->min = 0;
  self->max = 100;
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

LimberBarChart *
limber_bar_chart_new (void)
{
  return g_object_new (LIMBER_TYPE_BAR_CHART, NULL);
}

void
limber_bar_chart_set_title (LimberBarChart *self,
                            const char     *title)
{
  g_return_if_fail (LIMBER_IS_BAR_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

void
limber_bar_chart_set_unit (LimberBarChart *self,
                           const char     *unit)
{
  g_return_if_fail (LIMBER_IS_BAR_CHART (self));

  g_free (self->unit);
  self->unit = g_strdup (unit);
}

void
limber_bar_chart_set_value_limits (LimberBarChart *self,
                                   double          min,
                                   double          max)
{
  g_return_if_fail (LIMBER_IS_BAR_CHART (self));
  g_return_if_fail (min < max);

  self->min = min;
  self->max = max;
}

void
limber_bar_chart_add_bar (LimberBarChart *self,
                          const char     *label,
                          double          value,
                          const char     *value_label)
{
  Bar bar = { 0 };

  g_return_if_fail (LIMBER_IS_BAR_CHART (self));

  bar.label = g_strdup (label != NULL ? label : "");
  bar.value = value;
  bar.value_label = g_strdup (value_label);
  g_array_append_val (self->bars, bar);
}

guint
limber_bar_chart_get_n_bars (LimberBarChart *self)
{
  g_return_val_if_fail (LIMBER_IS_BAR_CHART (self), 0);

  return self->bars->len;
}

/* Rows of 2.2 lines each, a title line and the tick labels. */
static double
row_height (double font_size)
{
  return font_size * 2.2;
}

double
limber_bar_chart_get_natural_height (LimberBarChart *self,
                                     double          font_size)
{
  g_return_val_if_fail (LIMBER_IS_BAR_CHART (self), 0);

  return (self->title != NULL ? font_size * 2.4 : 0) + self->bars->len * row_height (font_size)
         + font_size * 2.4;
}

static void
set_color (cairo_t                *cr,
           const LimberChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static PangoLayout *
make_text (PangoContext *context,
           const char   *family,
           double        size,
           gboolean      bold,
           const char   *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
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
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
limber_bar_chart_draw (LimberBarChart           *self,
                       cairo_t                  *cr,
                       const cairo_rectangle_t  *area,
                       const LimberChartPalette *palette,
                       const char               *font_family,
                       double                    font_size)
{
  PangoContext *context;
  cairo_font_options_t *options;
  LimberChartValueTicks ticks;
  double label_width = 0, value_width = 0, y, plot_x, plot_width, plot_top, plot_bottom;
  double row = row_height (font_size);

  g_return_if_fail (LIMBER_IS_BAR_CHART (self));
  g_return_if_fail (cr != NULL && area != NULL);

  if (palette == NULL)
    palette = limber_chart_palette_get_light ();
  if (font_family == NULL)
    font_family = DEFAULT_FONT_FAMILY;

  cairo_save (cr);
  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  if (palette->background.alpha > 0)
    {
      set_color (cr, &palette->background);
      cairo_rectangle (cr, area->x, area->y, area->width, area->height);
      cairo_fill (cr);
    }

  y = area->y;
  if (self->title != NULL)
    {
      g_autoptr (PangoLayout) title = make_text (context, font_family, font_size * 1.1, TRUE,
                                                 self->title);

      set_color (cr, &palette->text);
      show_text (cr, title, area->x, y);
      y += font_size * 2.4;
    }

  /* Labels take what they need, up to 40% of the width; values up to 30%. */
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr (PangoLayout) label = make_text (context, font_family, font_size, FALSE, bar->label);
      g_autoptr (PangoLayout) value = make_text (context, font_family, font_size, FALSE,
                                                 bar->value_label);
      double w, h;

      text_size (label, &w, &h);
      label_width = MAX (label_width, w);
      text_size (value, &w, &h);
      value_width = MAX (value_width, w);
    }
  label_width = MIN (label_width + font_size, area->width * 0.4);
  value_width = MIN (value_width + font_size * 0.8, area->width * 0.3);
  plot_x = area->x + label_width;
  plot_width = MAX (area->width - label_width - value_width, 10);
  plot_top = y;
  plot_bottom = y + self->bars->len * row;

  /* Grid and ticks. */
  limber_chart_value_ticks (self->min, self->max, 6, &ticks);
  limber_chart_value_ticks_clamp (&ticks, self->min, self->max);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      double x = limber_chart_map (ticks.ticks[i], self->min, self->max, plot_x, plot_x + plot_width);
      g_autofree char *number = limber_chart_format_tick (ticks.ticks[i], ticks.decimals);
      g_autofree char *text = self->unit != NULL ? g_strconcat (number, self->unit, NULL)
                                                 : g_strdup (number);
      g_autoptr (PangoLayout) layout = make_text (context, font_family, font_size * 0.85, FALSE, text);
      double w, h;

      set_color (cr, &palette->grid);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, x, plot_top);
      cairo_line_to (cr, x, plot_bottom);
      cairo_stroke (cr);

      text_size (layout, &w, &h);
      set_color (cr, &palette->muted_text);
      show_text (cr, layout, x - w / 2, plot_bottom + font_size * 0.3);
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr (PangoLayout) label = make_text (context, font_family, font_size, FALSE, bar->label);
      g_autoptr (PangoLayout) value = make_text (context, font_family, font_size, FALSE,
                                                 bar->value_label);
      double top = plot_top + i * row;
      double end = plot_x;
      double w, h;

      pango_layout_set_width (label, (int) ((label_width - font_size * 0.6) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      text_size (label, &w, &h);
      set_color (cr, &palette->text);
      show_text (cr, label, area->x, top + (row - h) / 2);

      if (!isnan (bar->value))
        {
          double v = CLAMP (bar->value, self->min, self->max);

          end = limber_chart_map (v, self->min, self->max, plot_x, plot_x + plot_width);
          set_color (cr, &palette->series[0]);
          cairo_rectangle (cr, plot_x, top + row * 0.2, MAX (end - plot_x, 0.8), row * 0.6);
          cairo_fill (cr);
        }

      text_size (value, &w, &h);
      set_color (cr, &palette->text);
      show_text (cr, value, end + font_size * 0.4, top + (row - h) / 2);
    }

  /* The value axis's zero line. */
  set_color (cr, &palette->axis);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_top);
  cairo_line_to (cr, plot_x, plot_bottom);
  cairo_stroke (cr);

  g_object_unref (context);
  cairo_restore (cr);
}
