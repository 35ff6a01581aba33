/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A chart described as plain data: series of (x, value) points, the bands and lines
 * that give them meaning, and markers on the time axis. It knows nothing of
 * measures, patients or screens; limber-chart-renderer.h draws it on any cairo_t
 * (a widget, a PDF page, a PNG or SVG file) and it looks the same on each.
 *
 * Every text handed in is shown as it is: translate it before. */

#define LIMBER_TYPE_CHART (limber_chart_get_type ())

G_DECLARE_FINAL_TYPE (LimberChart, limber_chart, LIMBER, CHART, GObject)

/* What x means: the session number (1, 2, …), or days since the start date. */
typedef enum
{
  LIMBER_CHART_X_SESSIONS,
  LIMBER_CHART_X_DAYS,
} LimberChartXAxis;

/* Series are told apart by marker shape and line dash as well as by colour, so that
 * they read in black and white and for colour-blind viewers. */
typedef enum
{
  LIMBER_CHART_MARKER_CIRCLE,
  LIMBER_CHART_MARKER_SQUARE,
  LIMBER_CHART_MARKER_TRIANGLE,
  LIMBER_CHART_MARKER_DIAMOND,
} LimberChartMarker;

typedef enum
{
  LIMBER_CHART_DASH_SOLID,
  LIMBER_CHART_DASH_DASHED,
  LIMBER_CHART_DASH_DOTTED,
} LimberChartDash;

/* Which way on the value axis is better. */
typedef enum
{
  LIMBER_CHART_BETTER_NONE,
  LIMBER_CHART_BETTER_UP,
  LIMBER_CHART_BETTER_DOWN,
} LimberChartBetter;

typedef enum
{
  /* The end of a course of care: a line across the plot with its label. */
  LIMBER_CHART_ANNOTATION_DISCHARGE,
  /* A session worth a look (it has notes): a small flag on the time axis. */
  LIMBER_CHART_ANNOTATION_NOTE,
} LimberChartAnnotationKind;

LimberChart      *limber_chart_new                  (LimberChartXAxis           x_axis);

LimberChartXAxis  limber_chart_get_x_axis           (LimberChart               *self);

/* The heading drawn above the plot, e.g. "Pain (0–10)"; NULL for none. */
void              limber_chart_set_title            (LimberChart               *self,
                                                     const char                *title);
const char       *limber_chart_get_title            (LimberChart               *self);
/* The unit shown at the top of the value axis, e.g. "points", "cm"; NULL for none. */
void              limber_chart_set_unit             (LimberChart               *self,
                                                     const char                *unit);
const char       *limber_chart_get_unit             (LimberChart               *self);
/* Day 0 of a LIMBER_CHART_X_DAYS chart, as YYYY-MM-DD. */
void              limber_chart_set_start_date       (LimberChart               *self,
                                                     const char                *date);
const char       *limber_chart_get_start_date       (LimberChart               *self);
/* The values a measure can take (e.g. 0–10 for pain): the value axis never goes
 * beyond them. */
void              limber_chart_set_value_limits     (LimberChart               *self,
                                                     double                     min,
                                                     double                     max);
/* Values that are whole numbers only (pain 0–10): the value axis never ticks at 2.5. */
void              limber_chart_set_whole_numbers    (LimberChart               *self,
                                                     gboolean                   whole_numbers);
gboolean          limber_chart_get_whole_numbers    (LimberChart               *self);
/* Shown instead of a plot when no series has a point, e.g. "No values recorded". */
void              limber_chart_set_empty_text       (LimberChart               *self,
                                                     const char                *text);
const char       *limber_chart_get_empty_text       (LimberChart               *self);

/* Adds a series and returns its index. label: for the legend (shown when there is
 * more than one series), e.g. "Left"; color: an index into the palette's series
 * colours. */
guint             limber_chart_add_series           (LimberChart               *self,
                                                     const char                *label,
                                                     guint                      color,
                                                     LimberChartMarker          marker,
                                                     LimberChartDash            dash);
/* Adds a point to a series, in increasing x. description: what hovering the point
 * shows, e.g. "Session 3, 12 Mar 2026: 5 points"; NULL for none. */
void              limber_chart_add_point            (LimberChart               *self,
                                                     guint                      series,
                                                     double                     x,
                                                     double                     value,
                                                     const char                *description);
/* The value from which a change counts as meaningful for this series, drawn as a
 * line in the series' colour with label, e.g. "Meaningful change starts here". */
void              limber_chart_set_series_threshold (LimberChart               *self,
                                                     guint                      series,
                                                     double                     value,
                                                     const char                *label);

guint             limber_chart_get_n_series         (LimberChart               *self);
const char       *limber_chart_get_series_label     (LimberChart               *self,
                                                     guint                      series);
guint             limber_chart_get_series_color     (LimberChart               *self,
                                                     guint                      series);
LimberChartMarker limber_chart_get_series_marker    (LimberChart               *self,
                                                     guint                      series);
LimberChartDash   limber_chart_get_series_dash      (LimberChart               *self,
                                                     guint                      series);
/* NAN without a threshold. */
double            limber_chart_get_series_threshold (LimberChart               *self,
                                                     guint                      series,
                                                     const char               **label);
guint             limber_chart_get_n_points         (LimberChart               *self,
                                                     guint                      series);
void              limber_chart_get_point            (LimberChart               *self,
                                                     guint                      series,
                                                     guint                      index,
                                                     double                    *x,
                                                     double                    *value);
const char       *limber_chart_get_point_description (LimberChart              *self,
                                                     guint                      series,
                                                     guint                      index);
/* TRUE when no series has a point. */
gboolean          limber_chart_is_empty             (LimberChart               *self);

/* The normal value or range: a value v is normal when low ≤ v ≤ high; either may
 * be infinite ("≥ 0 cm"). label: e.g. "Normal". */
void              limber_chart_set_normal_range     (LimberChart               *self,
                                                     double                     low,
                                                     double                     high,
                                                     const char                *label);
/* FALSE without a normal range. */
gboolean          limber_chart_get_normal_range     (LimberChart               *self,
                                                     double                    *low,
                                                     double                    *high,
                                                     const char               **label);
/* The goal of the course of care, drawn as a line with label, e.g. "Goal: 2". */
void              limber_chart_set_goal             (LimberChart               *self,
                                                     double                     value,
                                                     const char                *label);
/* NAN without a goal. */
double            limber_chart_get_goal             (LimberChart               *self,
                                                     const char               **label);
/* Which way is better, with a label such as "Lower is better". */
void              limber_chart_set_better           (LimberChart               *self,
                                                     LimberChartBetter          better,
                                                     const char                *label);
LimberChartBetter limber_chart_get_better           (LimberChart               *self,
                                                     const char               **label);

void              limber_chart_add_annotation       (LimberChart               *self,
                                                     LimberChartAnnotationKind  kind,
                                                     double                     x,
                                                     const char                *label);
guint             limber_chart_get_n_annotations    (LimberChart               *self);
LimberChartAnnotationKind limber_chart_get_annotation (LimberChart             *self,
                                                     guint                      index,
                                                     double                    *x,
                                                     const char               **label);

/* The smallest and largest x and value over every point (FALSE when empty). */
gboolean          limber_chart_get_data_bounds      (LimberChart               *self,
                                                     double                    *min_x,
                                                     double                    *max_x,
                                                     double                    *min_value,
                                                     double                    *max_value);
/* The limits set with limber_chart_set_value_limits(), -INFINITY/INFINITY without. */
void              limber_chart_get_value_limits     (LimberChart               *self,
                                                     double                    *min,
                                                     double                    *max);

G_END_DECLS
