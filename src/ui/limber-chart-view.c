/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "limber-chart-view.h"
#include "limber-in-view.h"

#define DEFAULT_FONT_SIZE 13.0

struct _LimberChartView
{
  GtkWidget            parent_instance;

  /* owned */
  LimberChart         *chart;
  LimberChartRenderer *renderer;
  char                *description;

  LimberChartStyle     style;
  double               font_size;
  int                  highlight_series;
  int                  highlight_index;
};

G_DEFINE_FINAL_TYPE (LimberChartView, limber_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_STYLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LimberChartColor
color_from_rgba (const GdkRGBA *rgba,
                 double         alpha)
{
  return (LimberChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

/* Cards and boxed lists have their own background: markers are ringed in it. */
static gboolean
is_on_card (GtkWidget *widget)
{
  for (GtkWidget *ancestor = widget; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    if (gtk_widget_has_css_class (ancestor, "card") ||
        gtk_widget_has_css_class (ancestor, "boxed-list"))
      return TRUE;

  return FALSE;
}

/* The palette from the theme: text and lines in the widget's own colour, so that
 * dark and high-contrast styles carry over; series colours from the colour-blind-safe
 * set for a light or dark background. */
static void
limber_chart_view_resolve_palette (LimberChartView    *self,
                                   LimberChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA foreground, background, card;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &foreground);
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &background))
    background = (GdkRGBA) { 0, 0, 0, 0 };
  /* A dark card is a translucent white over the window: paint what it looks like. */
  if (is_on_card (widget) && gtk_style_context_lookup_color (context, "card_bg_color", &card))
    {
      background.red = card.red * card.alpha + background.red * (1 - card.alpha);
      background.green = card.green * card.alpha + background.green * (1 - card.alpha);
      background.blue = card.blue * card.alpha + background.blue * (1 - card.alpha);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  *palette = adw_style_manager_get_dark (style_manager) ? *limber_chart_palette_get_dark ()
                                                        : *limber_chart_palette_get_light ();

  palette->background = color_from_rgba (&background, 1);
  palette->text = color_from_rgba (&foreground, 1);
  palette->muted_text = color_from_rgba (&foreground, 0.72);
  palette->grid = color_from_rgba (&foreground, 0.1);
  palette->axis = color_from_rgba (&foreground, 0.45);
  palette->goal = color_from_rgba (&foreground, 0.9);
  palette->annotation = color_from_rgba (&foreground, 0.6);
}

static void
limber_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LimberChartView *self = LIMBER_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  LimberChartPalette palette;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  /* A chart below the fold of a long page is drawn once it is scrolled to. */
  if (!limber_widget_draws_in_view (widget))
    return;

  limber_chart_view_resolve_palette (self, &palette);
  limber_chart_renderer_set_palette (self->renderer, &palette);
  limber_chart_renderer_set_highlight (self->renderer, self->highlight_series,
                                       self->highlight_index);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  limber_chart_renderer_draw (self->renderer, self->chart, cr,
                              &(cairo_rectangle_t) { 0, 0, width, height });
  cairo_destroy (cr);
}

static void
limber_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  LimberChartView *self = LIMBER_CHART_VIEW (widget);
  gboolean sparkline = self->style == LIMBER_CHART_STYLE_SPARKLINE;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = sparkline ? 48 : (int) (self->font_size * 16);
      *natural = sparkline ? 96 : (int) (self->font_size * 48);
    }
  else
    {
      *minimum = sparkline ? 24 : (int) (self->font_size * 14);
      *natural = sparkline ? 32 : (int) (self->font_size * 22);
    }
}

static void
limber_chart_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (limber_chart_view_parent_class)->css_changed (widget, change);

  gtk_widget_queue_draw (widget);
}

static void
on_style_changed_cb (LimberChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
limber_chart_view_set_highlight (LimberChartView *self,
                                 int              series,
                                 int              index)
{
  if (self->highlight_series == series && self->highlight_index == index)
    return;

  self->highlight_series = series;
  self->highlight_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              LimberChartView          *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  cairo_rectangle_t area = { 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget) };
  guint series, index;

  if (self->chart == NULL || self->style != LIMBER_CHART_STYLE_FULL)
    return;

  if (limber_chart_renderer_find_nearest (self->renderer, self->chart, NULL, &area, x, y, &series,
                                          &index))
    limber_chart_view_set_highlight (self, (int) series, (int) index);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             LimberChartView          *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    limber_chart_view_set_highlight (self, -1, -1);
}

/* Keyboard focus shows the latest value first; the arrow keys then move through the
 * sessions of the first series, Up and Down between sides. */
static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   LimberChartView         *self)
{
  guint n_points;

  if (self->chart == NULL || limber_chart_get_n_series (self->chart) == 0)
    return;

  n_points = limber_chart_get_n_points (self->chart, 0);
  if (n_points > 0 && self->highlight_series < 0)
    limber_chart_view_set_highlight (self, 0, (int) n_points - 1);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   LimberChartView         *self)
{
  limber_chart_view_set_highlight (self, -1, -1);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LimberChartView       *self)
{
  int series = MAX (self->highlight_series, 0);
  int index = self->highlight_index;
  int n_series, n_points;

  if (self->chart == NULL || limber_chart_get_n_series (self->chart) == 0)
    return FALSE;

  n_series = (int) limber_chart_get_n_series (self->chart);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      index--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      index++;
      break;
    case GDK_KEY_Home:
      index = 0;
      break;
    case GDK_KEY_End:
      index = G_MAXINT;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (n_series < 2)
        return FALSE;
      series = (series + 1) % n_series;
      break;
    default:
      return FALSE;
    }

  n_points = (int) limber_chart_get_n_points (self->chart, (guint) series);
  if (n_points == 0)
    return TRUE;

  limber_chart_view_set_highlight (self, series, CLAMP (index, 0, n_points - 1));
  return TRUE;
}

static void
limber_chart_view_update_accessible (LimberChartView *self)
{
  const char *title = self->chart != NULL ? limber_chart_get_title (self->chart) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "",
                                  -1);
}

static void
limber_chart_view_set_style (LimberChartView  *self,
                             LimberChartStyle  style)
{
  self->style = style;
  limber_chart_renderer_set_style (self->renderer, style);
  gtk_widget_set_focusable (GTK_WIDGET (self), style == LIMBER_CHART_STYLE_FULL);
  gtk_widget_set_can_target (GTK_WIDGET (self), style == LIMBER_CHART_STYLE_FULL);
}

static void
limber_chart_view_dispose (GObject *object)
{
  LimberChartView *self = LIMBER_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->chart);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (limber_chart_view_parent_class)->dispose (object);
}

static void
limber_chart_view_finalize (GObject *object)
{
  LimberChartView *self = LIMBER_CHART_VIEW (object);

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (limber_chart_view_parent_class)->finalize (object);
}

static void
limber_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LimberChartView *self = LIMBER_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_STYLE:
      g_value_set_int (value, self->style);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LimberChartView *self = LIMBER_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      limber_chart_view_set_chart (self, g_value_get_object (value));
      break;
    case PROP_STYLE:
      limber_chart_view_set_style (self, g_value_get_int (value));
      break;
    case PROP_DESCRIPTION:
      limber_chart_view_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_chart_view_class_init (LimberChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_chart_view_dispose;
  object_class->finalize = limber_chart_view_finalize;
  object_class->get_property = limber_chart_view_get_property;
  object_class->set_property = limber_chart_view_set_property;

  widget_class->snapshot = limber_chart_view_snapshot;
  widget_class->measure = limber_chart_view_measure;
  widget_class->css_changed = limber_chart_view_css_changed;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, LIMBER_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STYLE] =
    g_param_spec_int ("style", NULL, NULL, LIMBER_CHART_STYLE_FULL, LIMBER_CHART_STYLE_SPARKLINE,
                      LIMBER_CHART_STYLE_FULL,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
limber_chart_view_init (LimberChartView *self)
{
  GtkEventController *controller;

  self->renderer = limber_chart_renderer_new ();
  self->font_size = DEFAULT_FONT_SIZE;
  self->highlight_series = -1;
  self->highlight_index = -1;
  limber_chart_renderer_set_font (self->renderer, NULL, self->font_size);
  limber_chart_view_set_style (self, LIMBER_CHART_STYLE_FULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Light and dark follow the system live. */
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                            G_CALLBACK (on_style_changed_cb), self);

  limber_chart_view_update_accessible (self);
}

GtkWidget *
limber_chart_view_new (LimberChart      *chart,
                       LimberChartStyle  style)
{
  g_return_val_if_fail (chart == NULL || LIMBER_IS_CHART (chart), NULL);

  return g_object_new (LIMBER_TYPE_CHART_VIEW, "style", style, "chart", chart, NULL);
}

LimberChart *
limber_chart_view_get_chart (LimberChartView *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
limber_chart_view_set_chart (LimberChartView *self,
                             LimberChart     *chart)
{
  g_return_if_fail (LIMBER_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || LIMBER_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  self->highlight_series = -1;
  self->highlight_index = -1;
  limber_chart_view_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

LimberChartStyle
limber_chart_view_get_style (LimberChartView *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART_VIEW (self), LIMBER_CHART_STYLE_FULL);

  return self->style;
}

const char *
limber_chart_view_get_description (LimberChartView *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART_VIEW (self), NULL);

  return self->description;
}

void
limber_chart_view_set_description (LimberChartView *self,
                                   const char      *description)
{
  g_return_if_fail (LIMBER_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);

  limber_chart_view_update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

void
limber_chart_view_set_font_size (LimberChartView *self,
                                 double           size)
{
  g_return_if_fail (LIMBER_IS_CHART_VIEW (self));
  g_return_if_fail (size > 0);

  self->font_size = size;
  limber_chart_renderer_set_font (self->renderer, NULL, size);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
limber_chart_view_get_highlight (LimberChartView *self,
                                 guint           *series,
                                 guint           *index)
{
  g_return_val_if_fail (LIMBER_IS_CHART_VIEW (self), FALSE);

  if (self->highlight_series < 0 || self->highlight_index < 0)
    return FALSE;

  if (series != NULL)
    *series = (guint) self->highlight_series;
  if (index != NULL)
    *index = (guint) self->highlight_index;

  return TRUE;
}
