/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-chart.h"
#include "limber-episode-analysis.h"
#include "limber-report-document.h"

G_BEGIN_DECLS

/* Charts on report pages: a description for the one chart renderer, built from the
 * analysis, and the block that draws it. */

/* The chart of one measure over the course of care: first is its trend, second the
 * trend of the other side (or NULL). Dates along the bottom, the measure's normal
 * range, the goal, and from where a change counts. */
LimberChart *limber_report_chart_new_for_trends (LimberEpisodeAnalysis *analysis,
                                                 LimberTrend           *first,
                                                 LimberTrend           *second);
/* Adds chart (referenced) to document as a drawing of the text width and height
 * points, with labels at font_size points. */
void         limber_report_chart_add            (LimberReportDocument  *document,
                                                 LimberChart           *chart,
                                                 double                 height,
                                                 double                 font_size);

G_END_DECLS
