/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "limber-chart-palette.h"

G_BEGIN_DECLS

/* A horizontal bar chart described as plain data and drawn on any cairo_t, like
 * LimberChart and its renderer: one bar a category (a condition's success rate),
 * its label on the left and its value in words at its end ("71% (5 of 7)"), on a
 * value axis with nice ticks. It knows nothing of clinics: texts come translated. */

#define LIMBER_TYPE_BAR_CHART (limber_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (LimberBarChart, limber_bar_chart, LIMBER, BAR_CHART, GObject)

LimberBarChart *limber_bar_chart_new               (void);
/* The heading drawn above the bars; NULL for none. */
void            limber_bar_chart_set_title         (LimberBarChart           *self,
                                                    const char               *title);
/* The unit after the tick labels, e.g. "%"; NULL for none. */
void            limber_bar_chart_set_unit          (LimberBarChart           *self,
                                                    const char               *unit);
/* The value axis runs from min to max (default 0–100). */
void            limber_bar_chart_set_value_limits  (LimberBarChart           *self,
                                                    double                    min,
                                                    double                    max);
/* Adds a bar; a NAN value draws no bar but still its label and value_label. */
void            limber_bar_chart_add_bar           (LimberBarChart           *self,
                                                    const char               *label,
                                                    double                    value,
                                                    const char               *value_label);
guint           limber_bar_chart_get_n_bars        (LimberBarChart           *self);
/* The height in user units that the bars need at font_size: a caller sizes the area
 * with it. */
double          limber_bar_chart_get_natural_height (LimberBarChart          *self,
                                                    double                    font_size);
/* Draws inside area with the palette (NULL: light) and a pango font family (NULL:
 * "Cantarell, sans-serif") at font_size user units. */
void            limber_bar_chart_draw              (LimberBarChart           *self,
                                                    cairo_t                  *cr,
                                                    const cairo_rectangle_t  *area,
                                                    const LimberChartPalette *palette,
                                                    const char               *font_family,
                                                    double                    font_size);

G_END_DECLS
