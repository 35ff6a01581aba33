/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The axes of a chart as pure functions: which ticks a range gets and where a value
 * lands. Nothing here draws or measures text, so every rule is tested on its own
 * (tests/test-chart-axis.c). */

#define LIMBER_CHART_MAX_TICKS 16

/* Ticks of a value axis (or of session numbers): ticks[] lie within min..max, in
 * ascending order, step apart. */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_ticks;
  double ticks[LIMBER_CHART_MAX_TICKS];
  /* Digits after the decimal point that the tick labels need (0 for whole steps). */
  guint  decimals;
} LimberChartValueTicks;

typedef enum
{
  LIMBER_CHART_DATE_UNIT_DAY,
  LIMBER_CHART_DATE_UNIT_WEEK,
  LIMBER_CHART_DATE_UNIT_MONTH,
  LIMBER_CHART_DATE_UNIT_YEAR,
} LimberChartDateUnit;

/* Ticks of a date axis, as Julian day numbers (GDate's) within first..last: every
 * day, every 2, 3 or 4 days, Mondays, every other Monday, first days of every 1, 2, 3 or 6
 * months, or first days of years, whichever is the finest that fits. */
typedef struct
{
  guint32             first;
  guint32             last;
  LimberChartDateUnit unit;
  guint               step;
  guint               n_ticks;
  guint32             ticks[LIMBER_CHART_MAX_TICKS];
} LimberChartDateTicks;

/* "Nice" ticks in steps of 1, 2 or 5 × 10ⁿ covering low..high with at most
 * max_ticks ticks (3 ≤ max_ticks ≤ LIMBER_CHART_MAX_TICKS; fewer are taken as 3). The range is widened
 * outwards to whole steps. A range of one value is widened around it; non-finite
 * input gives 0..1. */
void     limber_chart_value_ticks          (double                      low,
                                            double                      high,
                                            guint                       max_ticks,
                                            LimberChartValueTicks      *ticks);
/* Narrows ticks to limit_min..limit_max (a measure's valid range), so that a pain
 * axis never shows −2. Ticks outside the limits are dropped. */
void     limber_chart_value_ticks_clamp    (LimberChartValueTicks      *ticks,
                                            double                      limit_min,
                                            double                      limit_max);
/* Ticks for session numbers first..last (1-based): whole numbers only, steps of 1,
 * 2, 5, 10…; the range reaches half a session beyond each end so that the first and
 * last points do not sit on the frame. */
void     limber_chart_session_ticks        (guint                       first,
                                            guint                       last,
                                            guint                       max_ticks,
                                            LimberChartValueTicks      *ticks);
/* A tick label with the given decimals, in the user's locale, with a true minus
 * sign ("−5", "2.5", "0"). */
char    *limber_chart_format_tick          (double                      value,
                                            guint                       decimals);

/* Ticks for the days first..last (Julian day numbers, first ≤ last), at most
 * max_ticks of them. A range shorter than a week is widened to a week, ending on
 * last, so that a single session still gets a readable axis. */
void     limber_chart_date_ticks           (guint32                     first,
                                            guint32                     last,
                                            guint                       max_ticks,
                                            LimberChartDateTicks       *ticks);
/* The label of ticks->ticks[index] in the user's locale: "3 Mar" for days and
 * weeks, "Mar" for months ("Jan 2026" on the first tick and in January), "2026" for
 * years. */
char    *limber_chart_format_date_tick     (const LimberChartDateTicks *ticks,
                                            guint                       index);

/* Where value lies between min and max as 0..1 (outside for values outside). A
 * degenerate range (min ≥ max or not finite) maps everything to 0.5. */
double   limber_chart_normalize            (double                      value,
                                            double                      min,
                                            double                      max);
/* Maps value in min..max onto from..to (to may be less than from, as for a y axis
 * whose larger values are higher up the page). */
double   limber_chart_map                  (double                      value,
                                            double                      min,
                                            double                      max,
                                            double                      from,
                                            double                      to);

G_END_DECLS
