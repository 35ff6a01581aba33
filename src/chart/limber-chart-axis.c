/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart-axis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-chart-axis.h"

/* Values are sums of decimal steps, so 0.1 × 3 may arrive as 0.30000000000000004:
 * within this fraction of a step a value still counts as on the tick. */
#define STEP_TOLERANCE 1e-6

#define DAYS_PER_WEEK 7
#define MIN_DATE_SPAN (DAYS_PER_WEEK - 1)

static guint
clamp_max_ticks (guint max_ticks)
{
  return CLAMP (max_ticks, 2, LIMBER_CHART_MAX_TICKS);
}

/* The decimals a label needs to tell ticks step apart: 0 for 1, 2, 5, 10; 1 for
 * 0.5; 2 for 0.25 never happens with 1-2-5 steps. */
static guint
decimals_for_step (double step)
{
  double digits = -floor (log10 (step) + STEP_TOLERANCE);

  return digits > 0 ? (guint) digits : 0;
}

static double
snap_to_step (double value,
              double step)
{
  double snapped = round (value / step) * step;

  /* No "−0" label. */
  return snapped == 0 ? 0 : snapped;
}

void
limber_chart_value_ticks (double                 low,
                          double                 high,
                          guint                  max_ticks,
                          LimberChartValueTicks *ticks)
{
  static const double multipliers[] = { 1, 2, 5, 10 };
  double raw_step;
  double magnitude;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  /* A range around zero always needs −s, 0 and s: two ticks cannot be round. */
  max_ticks = MAX (clamp_max_ticks (max_ticks), 3);

  if (!isfinite (low) || !isfinite (high))
    {
      low = 0;
      high = 1;
    }

  if (high < low)
    {
      double swap = low;

      low = high;
      high = swap;
    }

  /* One value: a tenth of it either way (at least 1), so that it sits mid-axis. */
  if (high - low < 1e-9 * MAX (1, fabs (low)))
    {
      double pad = MAX (1, fabs (low) * 0.1);

      low -= pad;
      high += pad;
    }

  raw_step = (high - low) / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw_step)));

  for (guint attempt = 0; attempt < 4; attempt++, magnitude *= 10)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
        {
          double step = multipliers[i] * magnitude;
          double first = floor (low / step + STEP_TOLERANCE) * step;
          double last = ceil (high / step - STEP_TOLERANCE) * step;
          guint n = (guint) llround ((last - first) / step) + 1;

          if (n > max_ticks)
            continue;

          ticks->min = snap_to_step (first, step);
          ticks->max = snap_to_step (last, step);
          ticks->step = step;
          ticks->n_ticks = n;
          ticks->decimals = decimals_for_step (step);
          for (guint t = 0; t < n; t++)
            ticks->ticks[t] = snap_to_step (first + t * step, step);

          return;
        }
    }

  g_assert_not_reached ();
}

void
limber_chart_value_ticks_clamp (LimberChartValueTicks *ticks,
                                double                 limit_min,
                                double                 limit_max)
{
  guint kept = 0;

  g_return_if_fail (ticks != NULL);

  if (!(limit_min < limit_max))
    return;

  if (ticks->min < limit_min)
    ticks->min = limit_min;
  if (ticks->max > limit_max)
    ticks->max = limit_max;

  /* A range entirely outside the limits: keep the nearest limit in view. */
  if (ticks->min >= ticks->max)
    {
      limber_chart_value_ticks (limit_min, limit_max, ticks->n_ticks + 1, ticks);
      return;
    }

  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      double tick = ticks->ticks[i];
      double tolerance = ticks->step * STEP_TOLERANCE;

      if (tick < ticks->min - tolerance || tick > ticks->max + tolerance)
        continue;

      ticks->ticks[kept++] = tick;
    }

  ticks->n_ticks = kept;
}

void
limber_chart_session_ticks (guint                  first,
                            guint                  last,
                            guint                  max_ticks,
                            LimberChartValueTicks *ticks)
{
  static const guint multipliers[] = { 1, 2, 5 };

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  max_ticks = clamp_max_ticks (max_ticks);

  first = MAX (first, 1);
  last = MAX (last, first);

  ticks->min = first - 0.5;
  ticks->max = last + 0.5;

  for (guint magnitude = 1; magnitude <= G_MAXUINT / 10; magnitude *= 10)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
        {
          guint step = multipliers[i] * magnitude;
          guint tick = (first + step - 1) / step * step;
          guint n = 0;

          /* Every session is numbered when they fit; otherwise multiples of the step. */
          if (step == 1)
            tick = first;

          if (tick <= last && (last - tick) / step + 1 > max_ticks)
            continue;

          for (; tick <= last && n < LIMBER_CHART_MAX_TICKS; tick += step)
            ticks->ticks[n++] = tick;

          ticks->step = step;
          ticks->n_ticks = n;
          ticks->decimals = 0;
          return;
        }
    }

  g_assert_not_reached ();
}

char *
limber_chart_format_tick (double value,
                          guint  decimals)
{
  g_autofree char *text = NULL;

  if (value == 0)
    value = 0;

  text = g_strdup_printf ("%.*f", (int) decimals, fabs (value));

  if (value < 0 && strspn (text, "0.,") != strlen (text))
    /* U+2212 MINUS SIGN: a hyphen is shorter and reads as a dash. */
    return g_strconcat ("\u2212", text, NULL);

  return g_steal_pointer (&text);
}

static void
set_julian (GDate   *date,
            guint32  julian)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

/* The first tick of unit × step at or after first, or 0 where none exists. */
static guint32
first_date_tick (guint32             first,
                 LimberChartDateUnit unit,
                 guint               step)
{
  GDate date;

  set_julian (&date, first);

  switch (unit)
    {
    case LIMBER_CHART_DATE_UNIT_DAY:
      return first;

    case LIMBER_CHART_DATE_UNIT_WEEK:
      {
        guint weekday = g_date_get_weekday (&date);

        return first + (G_DATE_MONDAY + DAYS_PER_WEEK - weekday) % DAYS_PER_WEEK;
      }

    case LIMBER_CHART_DATE_UNIT_MONTH:
      {
        guint year = g_date_get_year (&date);
        guint month = g_date_get_month (&date);

        if (g_date_get_day (&date) != 1)
          month++;

        while ((month - 1) % step != 0 || month > 12)
          {
            if (month > 12)
              {
                month = 1;
                year++;
              }
            else
              month++;
          }

        if (!g_date_valid_dmy (1, month, year))
          return 0;

        g_date_set_dmy (&date, 1, month, year);
        return g_date_get_julian (&date);
      }

    case LIMBER_CHART_DATE_UNIT_YEAR:
      {
        guint year = g_date_get_year (&date);

        if (g_date_get_day (&date) != 1 || g_date_get_month (&date) != G_DATE_JANUARY)
          year++;
        year = (year + step - 1) / step * step;

        if (!g_date_valid_year (year))
          return 0;

        g_date_set_dmy (&date, 1, G_DATE_JANUARY, year);
        return g_date_get_julian (&date);
      }

    default:
      g_assert_not_reached ();
    }
}

static guint32
next_date_tick (guint32             tick,
                LimberChartDateUnit unit,
                guint               step)
{
  GDate date;

  switch (unit)
    {
    case LIMBER_CHART_DATE_UNIT_DAY:
      return tick + step;

    case LIMBER_CHART_DATE_UNIT_WEEK:
      return tick + step * DAYS_PER_WEEK;

    case LIMBER_CHART_DATE_UNIT_MONTH:
      set_julian (&date, tick);
      g_date_add_months (&date, step);
      return g_date_get_julian (&date);

    case LIMBER_CHART_DATE_UNIT_YEAR:
      set_julian (&date, tick);
      g_date_add_years (&date, step);
      return g_date_get_julian (&date);

    default:
      g_assert_not_reached ();
    }
}

void
limber_chart_date_ticks (guint32               first,
                         guint32               last,
                         guint                 max_ticks,
                         LimberChartDateTicks *ticks)
{
  static const struct
  {
    LimberChartDateUnit unit;
    guint               step;
  } candidates[] = {
    { LIMBER_CHART_DATE_UNIT_DAY, 1 },   { LIMBER_CHART_DATE_UNIT_DAY, 2 },
    { LIMBER_CHART_DATE_UNIT_DAY, 3 },   { LIMBER_CHART_DATE_UNIT_DAY, 4 },
    { LIMBER_CHART_DATE_UNIT_WEEK, 1 },  { LIMBER_CHART_DATE_UNIT_WEEK, 2 },
    { LIMBER_CHART_DATE_UNIT_MONTH, 1 }, { LIMBER_CHART_DATE_UNIT_MONTH, 2 },
    { LIMBER_CHART_DATE_UNIT_MONTH, 3 }, { LIMBER_CHART_DATE_UNIT_MONTH, 6 },
    { LIMBER_CHART_DATE_UNIT_YEAR, 1 },  { LIMBER_CHART_DATE_UNIT_YEAR, 2 },
    { LIMBER_CHART_DATE_UNIT_YEAR, 5 },  { LIMBER_CHART_DATE_UNIT_YEAR, 10 },
    { LIMBER_CHART_DATE_UNIT_YEAR, 20 }, { LIMBER_CHART_DATE_UNIT_YEAR, 50 },
    { LIMBER_CHART_DATE_UNIT_YEAR, 100 },
  };

  g_return_if_fail (ticks != NULL);
  g_return_if_fail (g_date_valid_julian (first) && g_date_valid_julian (last));

  memset (ticks, 0, sizeof *ticks);
  max_ticks = clamp_max_ticks (max_ticks);

  if (last < first)
    {
      guint32 swap = first;

      first = last;
      last = swap;
    }

  if (last - first < MIN_DATE_SPAN)
    first = last > MIN_DATE_SPAN ? last - MIN_DATE_SPAN : 1;
  if (last - first < MIN_DATE_SPAN)
    last = first + MIN_DATE_SPAN;

  ticks->first = first;
  ticks->last = last;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      LimberChartDateUnit unit = candidates[i].unit;
      guint step = candidates[i].step;
      guint n = 0;
      guint32 tick = first_date_tick (first, unit, step);

      for (; tick != 0 && tick <= last && n <= max_ticks; tick = next_date_tick (tick, unit, step))
        {
          if (n < LIMBER_CHART_MAX_TICKS)
            ticks->ticks[n] = tick;
          n++;
        }

      if (n > max_ticks)
        continue;

      ticks->unit = unit;
      ticks->step = step;
      ticks->n_ticks = n;
      return;
    }

  /* Beyond a century per tick: no ticks at all rather than a crowded axis. */
  ticks->n_ticks = 0;
}

char *
limber_chart_format_date_tick (const LimberChartDateTicks *ticks,
                               guint                       index)
{
  g_autoptr(GDateTime) date_time = NULL;
  const char *format;
  GDate date;

  g_return_val_if_fail (ticks != NULL, NULL);
  g_return_val_if_fail (index < ticks->n_ticks, NULL);

  set_julian (&date, ticks->ticks[index]);
  /* Noon UTC exists on every day; only the day is shown. */
  date_time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 12, 0, 0);

  switch (ticks->unit)
    {
    case LIMBER_CHART_DATE_UNIT_DAY:
    case LIMBER_CHART_DATE_UNIT_WEEK:
      /* Translators: a date axis tick for days and weeks, e.g. "3 Mar"; see
       * g_date_time_format() for the codes. */
      format = C_("chart date axis", "%-d %b");
      break;

    case LIMBER_CHART_DATE_UNIT_MONTH:
      if (index == 0 || g_date_get_month (&date) == G_DATE_JANUARY)
        /* Translators: a date axis tick for a month with its year, e.g. "Jan 2026". */
        format = C_("chart date axis", "%b %Y");
      else
        /* Translators: a date axis tick for a month, e.g. "Mar". */
        format = C_("chart date axis", "%b");
      break;

    case LIMBER_CHART_DATE_UNIT_YEAR:
      format = "%Y";
      break;

    default:
      g_assert_not_reached ();
    }

  return g_date_time_format (date_time, format);
}

double
limber_chart_normalize (double value,
                        double min,
                        double max)
{
  if (!isfinite (min) || !isfinite (max) || !(min < max))
    return 0.5;

  return (value - min) / (max - min);
}

double
limber_chart_map (double value,
                  double min,
                  double max,
                  double from,
                  double to)
{
  return from + limber_chart_normalize (value, min, max) * (to - from);
}
