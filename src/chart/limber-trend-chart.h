/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-chart.h"
#include "limber-episode-analysis.h"

G_BEGIN_DECLS

/* The chart of one measure over a course of care, described from the analysis (never
 * recomputed): the values by date, one series per side told apart by colour, marker
 * and dash; the measure's normal range, the course's goal, and for each side the
 * level from which a change counts ("Meaningful change starts here", or "beyond
 * measurement error" for measures that only have one); which way is better; the
 * discharge and the sessions with notes. Every text is translated.
 *
 * The window, the `chart` command and the PDF reports draw these same descriptions. */

/* side: the side to draw; LIMBER_SIDE_NONE draws every side of a sided measure (and is
 * the only side of a measure without sides). A measure the course has no value of
 * gives an empty chart (limber_chart_is_empty()) that says so. */
LimberChart *limber_trend_chart_new             (LimberEpisodeAnalysis *analysis,
                                                 LimberMeasure         *measure,
                                                 LimberSide             side);
/* The same for trends already in hand: first, and second (the other side) or NULL. */
LimberChart *limber_trend_chart_new_for_trends  (LimberEpisodeAnalysis *analysis,
                                                 LimberTrend           *first,
                                                 LimberTrend           *second);

/* The notes in words, for the chart's accessible description: how many sessions have
 * notes and how they are marked, e.g. "Flags on the time axis mark 12 sessions
 * with notes; sessions close together share one flag with their number." NULL when
 * no session has notes. */
char        *limber_trend_chart_describe_notes  (LimberChart           *chart);

/* The palette colour, marker and dash of a side, the same on every chart. */
guint             limber_trend_chart_side_color  (LimberSide side);
LimberChartMarker limber_trend_chart_side_marker (LimberSide side);
LimberChartDash   limber_trend_chart_side_dash   (LimberSide side);

G_END_DECLS
