/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-chart.h"
#include "limber-report-document.h"

G_BEGIN_DECLS

/* Charts on report pages: the block that draws a chart description (the same
 * descriptions the window shows, from limber_trend_chart_new_for_trends()) with the
 * one chart renderer. */

/* Adds chart (referenced) to document as a drawing of the text width and height
 * points, with labels at font_size points. */
void         limber_report_chart_add            (LimberReportDocument  *document,
                                                 LimberChart           *chart,
                                                 double                 height,
                                                 double                 font_size);

G_END_DECLS
