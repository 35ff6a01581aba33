/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-chart-renderer.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_CHART_VIEW (limber_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (LimberChartView, limber_chart_view, LIMBER, CHART_VIEW, GtkWidget)

/* A chart on screen, drawn by the one renderer with the theme's colours (light, dark,
 * high contrast, followed live). Its accessible role is an image, named by the
 * chart's title and described by the sentence given with
 * limber_chart_view_set_description(). In the full style, pointing at the chart or
 * moving through it with the arrow keys shows the nearest session's date and value;
 * the sparkline style is a small line without text or focus, for cards. */

GtkWidget        *limber_chart_view_new               (LimberChart      *chart,
                                                       LimberChartStyle  style);
LimberChart      *limber_chart_view_get_chart         (LimberChartView  *self);
void              limber_chart_view_set_chart         (LimberChartView  *self,
                                                       LimberChart      *chart);
LimberChartStyle  limber_chart_view_get_style         (LimberChartView  *self);
/* The trend in words, e.g. "Pain fell from 8 to 2 points over 6 sessions, …": the
 * accessible description. */
const char       *limber_chart_view_get_description   (LimberChartView  *self);
void              limber_chart_view_set_description   (LimberChartView  *self,
                                                       const char       *description);
/* Text size in pixels (default 13); the patient view uses a larger one. */
void              limber_chart_view_set_font_size     (LimberChartView  *self,
                                                       double            size);
/* The point shown as highlighted, FALSE when none is (for tests). */
gboolean          limber_chart_view_get_highlight     (LimberChartView  *self,
                                                       guint            *series,
                                                       guint            *index);

G_END_DECLS
