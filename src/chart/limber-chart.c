/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart"

#include "config.h"

#include <math.h>

#include "limber-chart.h"

typedef struct
{
  double  x;
  double  value;
  char   *description;
} Point;

typedef struct
{
  char              *label;
  guint              color;
  LimberChartMarker  marker;
  LimberChartDash    dash;
  GArray            *points;      /* Point */
  double             threshold;
  char              *threshold_label;
} Series;

typedef struct
{
  LimberChartAnnotationKind  kind;
  double                     x;
  char                      *label;
} Annotation;

struct _LimberChart
{
  GObject            parent_instance;

  LimberChartXAxis   x_axis;

  /* Owned. */
  char              *title;
  char              *unit;
  char              *start_date;
  char              *empty_text;
  char              *normal_label;
  char              *goal_label;
  char              *better_label;
  GArray            *series;       /* Series */
  GArray            *annotations;  /* Annotation */

  double             limit_min;
  double             limit_max;
  double             normal_low;
  double             normal_high;
  gboolean           has_normal;
  double             goal;
  LimberChartBetter  better;
  gboolean           whole_numbers;
};

G_DEFINE_FINAL_TYPE (LimberChart, limber_chart, G_TYPE_OBJECT)

static void
clear_point (gpointer data)
{
  Point *point = data;

  g_clear_pointer (&point->description, g_free);
}

static void
clear_series (gpointer data)
{
  Series *series = data;

  g_clear_pointer (&series->label, g_free);
  g_clear_pointer (&series->threshold_label, g_free);
  g_clear_pointer (&series->points, g_array_unref);
}

static void
clear_annotation (gpointer data)
{
  Annotation *annotation = data;

  g_clear_pointer (&annotation->label, g_free);
}

static void
limber_chart_finalize (GObject *object)
{
  LimberChart *self = LIMBER_CHART (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->normal_label, g_free);
  g_clear_pointer (&self->goal_label, g_free);
  g_clear_pointer (&self->better_label, g_free);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->annotations, g_array_unref);

  G_OBJECT_CLASS (limber_chart_parent_class)->finalize (object);
}

static void
limber_chart_class_init (LimberChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_chart_finalize;
}

static void
limber_chart_init (LimberChart *self)
{
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, clear_series);
  self->annotations = g_array_new (FALSE, TRUE, sizeof (Annotation));
  g_array_set_clear_func (self->annotations, clear_annotation);

  self->limit_min = -INFINITY;
  self->limit_max = INFINITY;
  self->goal = NAN;
}

LimberChart *
limber_chart_new (LimberChartXAxis x_axis)
{
  LimberChart *self = g_object_new (LIMBER_TYPE_CHART, NULL);

  self->x_axis = x_axis;

  return self;
}

LimberChartXAxis
limber_chart_get_x_axis (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), LIMBER_CHART_X_SESSIONS);

  return self->x_axis;
}

static void
replace_text (char       **field,
              const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

void
limber_chart_set_title (LimberChart *self,
                        const char  *title)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  replace_text (&self->title, title);
}

const char *
limber_chart_get_title (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);

  return self->title;
}

void
limber_chart_set_unit (LimberChart *self,
                       const char  *unit)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  replace_text (&self->unit, unit);
}

const char *
limber_chart_get_unit (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);

  return self->unit;
}

void
limber_chart_set_start_date (LimberChart *self,
                             const char  *date)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  replace_text (&self->start_date, date);
}

const char *
limber_chart_get_start_date (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);

  return self->start_date;
}

void
limber_chart_set_value_limits (LimberChart *self,
                               double       min,
                               double       max)
{
  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (!(min >= max));

  self->limit_min = isnan (min) ? -INFINITY : min;
  self->limit_max = isnan (max) ? INFINITY : max;
}

void
limber_chart_get_value_limits (LimberChart *self,
                               double      *min,
                               double      *max)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  if (min != NULL)
    *min = self->limit_min;
  if (max != NULL)
    *max = self->limit_max;
}

void
limber_chart_set_whole_numbers (LimberChart *self,
                                gboolean     whole_numbers)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  self->whole_numbers = !!whole_numbers;
}

gboolean
limber_chart_get_whole_numbers (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), FALSE);

  return self->whole_numbers;
}

void
limber_chart_set_empty_text (LimberChart *self,
                             const char  *text)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  replace_text (&self->empty_text, text);
}

const char *
limber_chart_get_empty_text (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);

  return self->empty_text;
}

guint
limber_chart_add_series (LimberChart       *self,
                         const char        *label,
                         guint              color,
                         LimberChartMarker  marker,
                         LimberChartDash    dash)
{
  Series series = { 0 };

  g_return_val_if_fail (LIMBER_IS_CHART (self), 0);

  series.label = g_strdup (label);
  series.color = color;
  series.marker = marker;
  series.dash = dash;
  series.points = g_array_new (FALSE, TRUE, sizeof (Point));
  g_array_set_clear_func (series.points, clear_point);
  series.threshold = NAN;
  g_array_append_val (self->series, series);

  return self->series->len - 1;
}

static Series *
get_series (LimberChart *self,
            guint        series)
{
  return &g_array_index (self->series, Series, series);
}

void
limber_chart_add_point (LimberChart *self,
                        guint        series,
                        double       x,
                        double       value,
                        const char  *description)
{
  Point point;

  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (isfinite (x) && isfinite (value));

  point.x = x;
  point.value = value;
  point.description = g_strdup (description);
  g_array_append_val (get_series (self, series)->points, point);
}

void
limber_chart_set_series_threshold (LimberChart *self,
                                   guint        series,
                                   double       value,
                                   const char  *label)
{
  Series *entry;

  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  entry = get_series (self, series);
  entry->threshold = value;
  replace_text (&entry->threshold_label, label);
}

guint
limber_chart_get_n_series (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), 0);

  return self->series->len;
}

const char *
limber_chart_get_series_label (LimberChart *self,
                               guint        series)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return get_series (self, series)->label;
}

guint
limber_chart_get_series_color (LimberChart *self,
                               guint        series)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return get_series (self, series)->color;
}

LimberChartMarker
limber_chart_get_series_marker (LimberChart *self,
                                guint        series)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), LIMBER_CHART_MARKER_CIRCLE);
  g_return_val_if_fail (series < self->series->len, LIMBER_CHART_MARKER_CIRCLE);

  return get_series (self, series)->marker;
}

LimberChartDash
limber_chart_get_series_dash (LimberChart *self,
                              guint        series)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), LIMBER_CHART_DASH_SOLID);
  g_return_val_if_fail (series < self->series->len, LIMBER_CHART_DASH_SOLID);

  return get_series (self, series)->dash;
}

double
limber_chart_get_series_threshold (LimberChart  *self,
                                   guint         series,
                                   const char  **label)
{
  Series *entry;

  g_return_val_if_fail (LIMBER_IS_CHART (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  entry = get_series (self, series);
  if (label != NULL)
    *label = entry->threshold_label;

  return entry->threshold;
}

guint
limber_chart_get_n_points (LimberChart *self,
                           guint        series)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return get_series (self, series)->points->len;
}

static Point *
get_point (LimberChart *self,
           guint        series,
           guint        index)
{
  return &g_array_index (get_series (self, series)->points, Point, index);
}

void
limber_chart_get_point (LimberChart *self,
                        guint        series,
                        guint        index,
                        double      *x,
                        double      *value)
{
  Point *point;

  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (index < get_series (self, series)->points->len);

  point = get_point (self, series, index);
  if (x != NULL)
    *x = point->x;
  if (value != NULL)
    *value = point->value;
}

const char *
limber_chart_get_point_description (LimberChart *self,
                                    guint        series,
                                    guint        index)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  g_return_val_if_fail (index < get_series (self, series)->points->len, NULL);

  return get_point (self, series, index)->description;
}

gboolean
limber_chart_is_empty (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), TRUE);

  for (guint i = 0; i < self->series->len; i++)
    if (get_series (self, i)->points->len > 0)
      return FALSE;

  return TRUE;
}

void
limber_chart_set_normal_range (LimberChart *self,
                               double       low,
                               double       high,
                               const char  *label)
{
  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (!isnan (low) && !isnan (high) && low <= high);

  self->has_normal = TRUE;
  self->normal_low = low;
  self->normal_high = high;
  replace_text (&self->normal_label, label);
}

gboolean
limber_chart_get_normal_range (LimberChart  *self,
                               double       *low,
                               double       *high,
                               const char  **label)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), FALSE);

  if (low != NULL)
    *low = self->normal_low;
  if (high != NULL)
    *high = self->normal_high;
  if (label != NULL)
    *label = self->normal_label;

  return self->has_normal;
}

void
limber_chart_set_goal (LimberChart *self,
                       double       value,
                       const char  *label)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  self->goal = value;
  replace_text (&self->goal_label, label);
}

double
limber_chart_get_goal (LimberChart  *self,
                       const char  **label)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), NAN);

  if (label != NULL)
    *label = self->goal_label;

  return self->goal;
}

void
limber_chart_set_better (LimberChart       *self,
                         LimberChartBetter  better,
                         const char        *label)
{
  g_return_if_fail (LIMBER_IS_CHART (self));

  self->better = better;
  replace_text (&self->better_label, label);
}

LimberChartBetter
limber_chart_get_better (LimberChart  *self,
                         const char  **label)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), LIMBER_CHART_BETTER_NONE);

  if (label != NULL)
    *label = self->better_label;

  return self->better;
}

void
limber_chart_add_annotation (LimberChart               *self,
                             LimberChartAnnotationKind  kind,
                             double                     x,
                             const char                *label)
{
  Annotation annotation;

  g_return_if_fail (LIMBER_IS_CHART (self));
  g_return_if_fail (isfinite (x));

  annotation.kind = kind;
  annotation.x = x;
  annotation.label = g_strdup (label);
  g_array_append_val (self->annotations, annotation);
}

guint
limber_chart_get_n_annotations (LimberChart *self)
{
  g_return_val_if_fail (LIMBER_IS_CHART (self), 0);

  return self->annotations->len;
}

LimberChartAnnotationKind
limber_chart_get_annotation (LimberChart  *self,
                             guint         index,
                             double       *x,
                             const char  **label)
{
  Annotation *annotation;

  g_return_val_if_fail (LIMBER_IS_CHART (self), LIMBER_CHART_ANNOTATION_NOTE);
  g_return_val_if_fail (index < self->annotations->len, LIMBER_CHART_ANNOTATION_NOTE);

  annotation = &g_array_index (self->annotations, Annotation, index);
  if (x != NULL)
    *x = annotation->x;
  if (label != NULL)
    *label = annotation->label;

  return annotation->kind;
}

gboolean
limber_chart_get_data_bounds (LimberChart *self,
                              double      *min_x,
                              double      *max_x,
                              double      *min_value,
                              double      *max_value)
{
  double lo_x = INFINITY, hi_x = -INFINITY;
  double lo_value = INFINITY, hi_value = -INFINITY;

  g_return_val_if_fail (LIMBER_IS_CHART (self), FALSE);

  for (guint s = 0; s < self->series->len; s++)
    {
      GArray *points = get_series (self, s)->points;

      for (guint i = 0; i < points->len; i++)
        {
          const Point *point = &g_array_index (points, Point, i);

          lo_x = MIN (lo_x, point->x);
          hi_x = MAX (hi_x, point->x);
          lo_value = MIN (lo_value, point->value);
          hi_value = MAX (hi_value, point->value);
        }
    }

  if (min_x != NULL)
    *min_x = lo_x;
  if (max_x != NULL)
    *max_x = hi_x;
  if (min_value != NULL)
    *min_value = lo_value;
  if (max_value != NULL)
    *max_value = hi_value;

  return lo_x <= hi_x;
}
