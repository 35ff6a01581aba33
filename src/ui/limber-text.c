/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-text"

#include "config.h"

#include <math.h>

#include "limber-text.h"
#include "limber-text-narrowest.h"

/* The widths a text keeps a layout for: unwrapped, the one it is given, and two more
 * for a window being resized (or the narrowest, for a text laid out at width 0). */
#define N_CACHED_LAYOUTS 4

typedef struct
{
  int          width;    /* Pango units; -1: unwrapped */
  PangoLayout *layout;
} CachedLayout;

struct _LimberText
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  int          max_width_chars;
  gboolean     wrap;

  /* Valid for the Pango context of this serial and this direction only. */
  CachedLayout layouts[N_CACHED_LAYOUTS];
  guint        n_layouts;
  guint        next_evicted;
  guint        context_serial;
  PangoDirection direction;
  int          char_pixels;  /* -1 until needed */
  int          narrowest;    /* Pango units; -1 until needed */
};

G_DEFINE_FINAL_TYPE (LimberText, limber_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_WRAP,
  PROP_XALIGN,
  PROP_MAX_WIDTH_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_text_clear_layouts (LimberText *self)
{
  for (guint i = 0; i < self->n_layouts; i++)
    g_clear_object (&self->layouts[i].layout);
  self->n_layouts = 0;
  self->next_evicted = 0;
  self->char_pixels = -1;
  self->narrowest = -1;
}

/* What the layouts depend on besides the text: the font and the direction. */
static PangoContext *
limber_text_check_context (LimberText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  PangoDirection direction = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                               ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;

  if (serial != self->context_serial || direction != self->direction)
    {
      limber_text_clear_layouts (self);
      self->context_serial = serial;
      self->direction = direction;
    }

  return context;
}

static PangoLayout *
limber_text_create_layout (LimberText *self,
                           int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);

  /* As GtkLabel sets up a left-justified layout. */
  pango_layout_set_alignment (layout, self->direction == PANGO_DIRECTION_RTL ? PANGO_ALIGN_RIGHT
                                                                             : PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width);
  return layout;
}

static PangoLayout *
limber_text_find_layout (LimberText *self,
                         int         width)
{
  for (guint i = 0; i < self->n_layouts; i++)
    if (self->layouts[i].width == width)
      return self->layouts[i].layout;

  return NULL;
}

static PangoLayout *
limber_text_add_layout (LimberText *self,
                        int         width)
{
  PangoLayout *layout = limber_text_create_layout (self, width);
  guint slot;

  if (self->n_layouts < N_CACHED_LAYOUTS)
    slot = self->n_layouts++;
  else
    {
      /* The unwrapped layout (the first) stays: every measure starts from it. */
      slot = 1 + self->next_evicted;
      self->next_evicted = (self->next_evicted + 1) % (N_CACHED_LAYOUTS - 1);
      g_object_unref (self->layouts[slot].layout);
    }

  self->layouts[slot] = (CachedLayout) { width, layout };
  return layout;
}

/* The text laid out at this width (Pango units, -1 for no limit). A text whose
 * single-line width fits is the same at any wider width: its one layout serves. */
static PangoLayout *
limber_text_get_layout (LimberText *self,
                        int         width)
{
  PangoLayout *unwrapped;
  PangoLayout *layout;
  PangoRectangle logical;

  limber_text_check_context (self);

  unwrapped = limber_text_find_layout (self, -1);
  if (unwrapped == NULL)
    {
      g_assert (self->n_layouts == 0);
      unwrapped = limber_text_add_layout (self, -1);
    }

  if (width < 0 || !self->wrap)
    return unwrapped;

  pango_layout_get_extents (unwrapped, NULL, &logical);
  if (logical.width <= width)
    return unwrapped;

  layout = limber_text_find_layout (self, width);
  if (layout == NULL)
    layout = limber_text_add_layout (self, width);

  return layout;
}

/* The width of the text at its narrowest, as a layout at width 0 has it (GtkLabel's
 * minimum width). Pango units. */
static int
limber_text_get_narrowest (LimberText *self)
{
  limber_text_check_context (self);
  if (self->narrowest < 0)
    {
      PangoLayout *unwrapped = limber_text_get_layout (self, -1);
      PangoRectangle logical;

      self->narrowest = limber_text_layout_get_narrowest_width (unwrapped);
      if (self->narrowest < 0)
        {
          /* A text the shortcut does not follow: laid out at width 0. */
          pango_layout_get_extents (limber_text_get_layout (self, 0), NULL, &logical);
          self->narrowest = logical.width;
        }
    }

  return self->narrowest;
}

/* The width of a character of this font, for max-width-chars, as GtkLabel counts it. */
static int
limber_text_get_char_pixels (LimberText *self)
{
  if (self->char_pixels < 0)
    {
      PangoContext *context = limber_text_check_context (self);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_pixels = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                               pango_font_metrics_get_approximate_digit_width (metrics));
      pango_font_metrics_unref (metrics);
    }

  return self->char_pixels;
}

/* The text at its natural width: on one line, or at max-width-chars. Pango units. */
static PangoLayout *
limber_text_get_natural_layout (LimberText     *self,
                                PangoRectangle *logical)
{
  PangoLayout *layout = limber_text_get_layout (self, -1);

  pango_layout_get_extents (layout, NULL, logical);
  if (self->wrap && self->max_width_chars > -1)
    {
      int max_width = limber_text_get_char_pixels (self) * self->max_width_chars;

      if (logical->width > max_width)
        {
          /* Never narrower than the narrowest the text can be. */
          layout = limber_text_get_layout (self, MAX (limber_text_get_narrowest (self), max_width));
          pango_layout_get_extents (layout, NULL, logical);
        }
    }

  return layout;
}

static GtkSizeRequestMode
limber_text_get_request_mode (GtkWidget *widget)
{
  return LIMBER_TEXT (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                    : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
limber_text_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  LimberText *self = LIMBER_TEXT (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size != -1 && self->wrap)
    {
      PangoLayout *layout = limber_text_get_layout (self, for_size * PANGO_SCALE);
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      *minimum = *natural = height;
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (layout));
      return;
    }

  /* Its width whatever the height: a wrapping text's width never depends on it. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      PangoRectangle natural_logical;
      int smallest;

      limber_text_get_natural_layout (self, &natural_logical);
      smallest = self->wrap ? limber_text_get_narrowest (self) : natural_logical.width;

      *minimum = PANGO_PIXELS_CEIL (MIN (smallest, natural_logical.width));
      *natural = PANGO_PIXELS_CEIL (natural_logical.width);
      *minimum_baseline = *natural_baseline = -1;
    }
  else
    {
      /* At any width: as tall as on one line at least, as at its natural width at
       * most. */
      PangoLayout *unwrapped = limber_text_get_layout (self, -1);
      PangoLayout *natural_layout;
      PangoRectangle logical;

      pango_layout_get_extents (unwrapped, NULL, &logical);
      *minimum = PANGO_PIXELS_CEIL (logical.height);
      *minimum_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (unwrapped));
      natural_layout = limber_text_get_natural_layout (self, &logical);
      *natural = PANGO_PIXELS_CEIL (logical.height);
      *natural_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (natural_layout));
    }
}

static void
limber_text_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LimberText *self = LIMBER_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  float xalign = self->xalign;
  PangoLayout *layout;
  PangoRectangle logical;
  float x, y;

  if (self->text[0] == '\0')
    return;

  layout = limber_text_get_layout (self, self->wrap ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  /* Where GtkLabel puts its text, yalign at its default 0.5. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
  x = floorf (xalign * (width - logical.width) - logical.x);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = floorf ((height - logical.height) * 0.5f);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
limber_text_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (limber_text_parent_class)->css_changed (widget, change);

  /* A change of font shows in the Pango context's serial; anything else only
   * draws differently. */
  limber_text_check_context (LIMBER_TEXT (widget));
}

const char *
limber_text_get_text (LimberText *self)
{
  g_return_val_if_fail (LIMBER_IS_TEXT (self), NULL);

  return self->text;
}

void
limber_text_set_text (LimberText *self,
                      const char *text)
{
  g_return_if_fail (LIMBER_IS_TEXT (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  limber_text_clear_layouts (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gboolean
limber_text_get_wrap (LimberText *self)
{
  g_return_val_if_fail (LIMBER_IS_TEXT (self), FALSE);

  return self->wrap;
}

void
limber_text_set_wrap (LimberText *self,
                      gboolean    wrap)
{
  g_return_if_fail (LIMBER_IS_TEXT (self));

  wrap = !!wrap;
  if (self->wrap == wrap)
    return;

  self->wrap = wrap;
  limber_text_clear_layouts (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRAP]);
}

float
limber_text_get_xalign (LimberText *self)
{
  g_return_val_if_fail (LIMBER_IS_TEXT (self), 0.5f);

  return self->xalign;
}

void
limber_text_set_xalign (LimberText *self,
                        float       xalign)
{
  g_return_if_fail (LIMBER_IS_TEXT (self));

  xalign = CLAMP (xalign, 0.0f, 1.0f);
  if (self->xalign == xalign)
    return;

  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

int
limber_text_get_max_width_chars (LimberText *self)
{
  g_return_val_if_fail (LIMBER_IS_TEXT (self), -1);

  return self->max_width_chars;
}

void
limber_text_set_max_width_chars (LimberText *self,
                                 int         n_chars)
{
  g_return_if_fail (LIMBER_IS_TEXT (self));

  n_chars = MAX (n_chars, -1);
  if (self->max_width_chars == n_chars)
    return;

  self->max_width_chars = n_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WIDTH_CHARS]);
}

static void
limber_text_finalize (GObject *object)
{
  LimberText *self = LIMBER_TEXT (object);

  limber_text_clear_layouts (self);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (limber_text_parent_class)->finalize (object);
}

static void
limber_text_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LimberText *self = LIMBER_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_WRAP:
      g_value_set_boolean (value, self->wrap);
      break;

    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;

    case PROP_MAX_WIDTH_CHARS:
      g_value_set_int (value, self->max_width_chars);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_text_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LimberText *self = LIMBER_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      limber_text_set_text (self, g_value_get_string (value));
      break;

    case PROP_WRAP:
      limber_text_set_wrap (self, g_value_get_boolean (value));
      break;

    case PROP_XALIGN:
      limber_text_set_xalign (self, g_value_get_float (value));
      break;

    case PROP_MAX_WIDTH_CHARS:
      limber_text_set_max_width_chars (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_text_class_init (LimberTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = limber_text_finalize;
  object_class->get_property = limber_text_get_property;
  object_class->set_property = limber_text_set_property;

  widget_class->get_request_mode = limber_text_get_request_mode;
  widget_class->measure = limber_text_measure;
  widget_class->snapshot = limber_text_snapshot;
  widget_class->css_changed = limber_text_css_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_WRAP] =
    g_param_spec_boolean ("wrap", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL,
                        0.0f, 1.0f, 0.5f,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MAX_WIDTH_CHARS] =
    g_param_spec_int ("max-width-chars", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
limber_text_init (LimberText *self)
{
  self->text = g_strdup ("");
  self->xalign = 0.5f;
  self->max_width_chars = -1;
  self->char_pixels = -1;
  self->narrowest = -1;
}

GtkWidget *
limber_text_new (const char *text)
{
  return g_object_new (LIMBER_TYPE_TEXT, "text", text, NULL);
}
