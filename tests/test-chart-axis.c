/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-axis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "limber-chart-axis.h"

/* The tick rules are pure functions: each case states what a reader of the axis
 * depends on (every value inside, round numbers, never crowded). */

static gboolean
is_nice_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double mantissa = step / magnitude;

  return fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 || fabs (mantissa - 5) < 1e-6;
}

static void
assert_value_ticks_cover (double low,
                          double high,
                          guint  max_ticks)
{
  LimberChartValueTicks ticks;

  limber_chart_value_ticks (low, high, max_ticks, &ticks);

  g_assert_cmpuint (ticks.n_ticks, >=, 2);
  g_assert_cmpuint (ticks.n_ticks, <=, max_ticks);
  /* Within a millionth of a step counts as on the tick. */
  g_assert_cmpfloat (ticks.min, <=, low + ticks.step * 1e-6);
  g_assert_cmpfloat (ticks.max, >=, high - ticks.step * 1e-6);
  g_assert_true (is_nice_step (ticks.step));
  g_assert_cmpfloat_with_epsilon (ticks.ticks[0], ticks.min, ticks.step * 1e-6);
  g_assert_cmpfloat_with_epsilon (ticks.ticks[ticks.n_ticks - 1], ticks.max, ticks.step * 1e-6);

  for (guint i = 1; i < ticks.n_ticks; i++)
    g_assert_cmpfloat_with_epsilon (ticks.ticks[i] - ticks.ticks[i - 1], ticks.step,
                                    ticks.step * 1e-6);

  /* Not wider than needed: dropping an end tick would leave a value out. */
  g_assert_cmpfloat (ticks.min + ticks.step, >, low - ticks.step * 1e-6);
  g_assert_cmpfloat (ticks.max - ticks.step, <, high + ticks.step * 1e-6);
}

static void
test_value_ticks_known (void)
{
  LimberChartValueTicks ticks;

  /* Pain 0–10 on six ticks: every other point. */
  limber_chart_value_ticks (0, 10, 6, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 10);
  g_assert_cmpfloat (ticks.step, ==, 2);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
  g_assert_cmpuint (ticks.decimals, ==, 0);

  /* Sit and reach, all below the toes. */
  limber_chart_value_ticks (-12, -1, 8, &ticks);
  g_assert_cmpfloat (ticks.min, ==, -12);
  g_assert_cmpfloat (ticks.max, ==, 0);
  g_assert_cmpfloat (ticks.step, ==, 2);
  g_assert_cmpfloat (ticks.ticks[0], ==, -12);

  /* BCTQ 1.2–3.4: halves need one decimal. */
  limber_chart_value_ticks (1.2, 3.4, 6, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 0.5);
  g_assert_cmpuint (ticks.decimals, ==, 1);
  g_assert_cmpfloat (ticks.min, ==, 1);
  g_assert_cmpfloat (ticks.max, ==, 3.5);

  /* Shoulder abduction up to its normal 180°. */
  limber_chart_value_ticks (85, 180, 6, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 20);
  g_assert_cmpfloat (ticks.min, ==, 80);
  g_assert_cmpfloat (ticks.max, ==, 180);

  /* No "−0". */
  limber_chart_value_ticks (-1, 1, 3, &ticks);
  for (guint i = 0; i < ticks.n_ticks; i++)
    if (ticks.ticks[i] == 0)
      g_assert_false (signbit (ticks.ticks[i]));
}

static void
test_value_ticks_degenerate (void)
{
  LimberChartValueTicks ticks;

  /* One value sits inside the axis, not on its edge. */
  limber_chart_value_ticks (7, 7, 6, &ticks);
  g_assert_cmpfloat (ticks.min, <, 7);
  g_assert_cmpfloat (ticks.max, >, 7);

  limber_chart_value_ticks (0, 0, 6, &ticks);
  g_assert_cmpfloat (ticks.min, <, 0);
  g_assert_cmpfloat (ticks.max, >, 0);

  /* Reversed ends are put in order. */
  limber_chart_value_ticks (10, 0, 6, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 10);

  /* Not a number: a plain 0–1 axis rather than garbage. */
  limber_chart_value_ticks (NAN, INFINITY, 6, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 1);
}

static void
test_value_ticks_many_ranges (void)
{
  static const double scales[] = { 0.001, 0.1, 1, 7, 10, 45, 100, 180, 1000, 123456 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint i = 0; i < 200; i++)
      {
        double a = g_test_rand_double_range (-scales[s], scales[s]);
        double b = g_test_rand_double_range (-scales[s], scales[s]);
        guint max_ticks = (guint) g_test_rand_int_range (3, LIMBER_CHART_MAX_TICKS + 1);

        if (fabs (a - b) < scales[s] * 1e-6)
          continue;

        assert_value_ticks_cover (MIN (a, b), MAX (a, b), max_ticks);
      }
}

static void
test_value_ticks_clamp (void)
{
  LimberChartValueTicks ticks;

  /* Pain with a little room: never below 0 or above 10. */
  limber_chart_value_ticks (-1.5, 11, 8, &ticks);
  limber_chart_value_ticks_clamp (&ticks, 0, 10);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 10);
  g_assert_cmpuint (ticks.n_ticks, >=, 2);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_assert_cmpfloat (ticks.ticks[i], >=, 0);
      g_assert_cmpfloat (ticks.ticks[i], <=, 10);
    }

  /* Limits wider than the range change nothing. */
  limber_chart_value_ticks (20, 80, 6, &ticks);
  limber_chart_value_ticks_clamp (&ticks, -40, 120);
  g_assert_cmpfloat (ticks.min, ==, 20);
  g_assert_cmpfloat (ticks.max, ==, 80);
}

static void
test_session_ticks (void)
{
  LimberChartValueTicks ticks;

  /* Six sessions: each one numbered, half a session of room at both ends. */
  limber_chart_session_ticks (1, 6, 8, &ticks);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
  g_assert_cmpfloat (ticks.ticks[0], ==, 1);
  g_assert_cmpfloat (ticks.ticks[5], ==, 6);
  g_assert_cmpfloat (ticks.min, ==, 0.5);
  g_assert_cmpfloat (ticks.max, ==, 6.5);

  /* One session. */
  limber_chart_session_ticks (1, 1, 8, &ticks);
  g_assert_cmpuint (ticks.n_ticks, ==, 1);
  g_assert_cmpfloat (ticks.ticks[0], ==, 1);
  g_assert_cmpfloat (ticks.min, <, 1);
  g_assert_cmpfloat (ticks.max, >, 1);

  /* Forty sessions on eight ticks: whole steps of 5 or more. */
  limber_chart_session_ticks (1, 40, 8, &ticks);
  g_assert_cmpuint (ticks.n_ticks, <=, 8);
  g_assert_cmpfloat (ticks.step, >=, 5);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_assert_cmpfloat (ticks.ticks[i], ==, round (ticks.ticks[i]));
      g_assert_cmpfloat (ticks.ticks[i], >=, 1);
      g_assert_cmpfloat (ticks.ticks[i], <=, 40);
    }

  for (guint last = 1; last < 500; last += 7)
    for (guint max_ticks = 2; max_ticks <= 12; max_ticks++)
      {
        limber_chart_session_ticks (1, last, max_ticks, &ticks);
        g_assert_cmpuint (ticks.n_ticks, <=, max_ticks);
        g_assert_cmpuint (ticks.n_ticks, >=, 1);
      }
}

static void
test_format_tick (void)
{
  g_autofree char *minus = limber_chart_format_tick (-5, 0);
  g_autofree char *half = limber_chart_format_tick (2.5, 1);
  g_autofree char *zero = limber_chart_format_tick (-0.0, 0);
  g_autofree char *tiny = limber_chart_format_tick (-0.01, 1);

  g_assert_cmpstr (minus, ==, "\u22125");
  g_assert_cmpstr (half, ==, "2.5");
  g_assert_cmpstr (zero, ==, "0");
  /* Rounds to zero: no minus sign on it. */
  g_assert_cmpstr (tiny, ==, "0.0");
}

static guint32
julian (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  g_assert_true (g_date_valid (&date));

  return g_date_get_julian (&date);
}

static void
assert_date_tick (const LimberChartDateTicks *ticks,
                  guint                       index,
                  const char                 *expected)
{
  g_autofree char *label = limber_chart_format_date_tick (ticks, index);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_date_ticks_known (void)
{
  LimberChartDateTicks ticks;

  /* A week: every day. */
  limber_chart_date_ticks (julian ("2026-03-02"), julian ("2026-03-08"), 8, &ticks);
  g_assert_cmpint (ticks.unit, ==, LIMBER_CHART_DATE_UNIT_DAY);
  g_assert_cmpuint (ticks.step, ==, 1);
  g_assert_cmpuint (ticks.n_ticks, ==, 7);
  assert_date_tick (&ticks, 0, "2 Mar");
  assert_date_tick (&ticks, 6, "8 Mar");

  /* One session: widened to the week before it. */
  limber_chart_date_ticks (julian ("2026-03-10"), julian ("2026-03-10"), 8, &ticks);
  g_assert_cmpuint (ticks.last - ticks.first, ==, 6);
  g_assert_cmpuint (ticks.last, ==, julian ("2026-03-10"));
  g_assert_cmpuint (ticks.n_ticks, >=, 2);

  /* Six weeks: Mondays. */
  limber_chart_date_ticks (julian ("2026-03-04"), julian ("2026-04-12"), 8, &ticks);
  g_assert_cmpint (ticks.unit, ==, LIMBER_CHART_DATE_UNIT_WEEK);
  assert_date_tick (&ticks, 0, "9 Mar");

  /* Half a year: months, the first with its year. */
  limber_chart_date_ticks (julian ("2025-10-20"), julian ("2026-04-20"), 8, &ticks);
  g_assert_cmpint (ticks.unit, ==, LIMBER_CHART_DATE_UNIT_MONTH);
  g_assert_cmpuint (ticks.step, ==, 1);
  assert_date_tick (&ticks, 0, "Nov 2025");
  assert_date_tick (&ticks, 1, "Dec");
  assert_date_tick (&ticks, 2, "Jan 2026");

  /* Two years: quarters. */
  limber_chart_date_ticks (julian ("2024-05-01"), julian ("2026-04-30"), 8, &ticks);
  g_assert_cmpint (ticks.unit, ==, LIMBER_CHART_DATE_UNIT_MONTH);
  g_assert_cmpuint (ticks.step, ==, 3);
  assert_date_tick (&ticks, 0, "Jul 2024");

  /* Ten years: years. */
  limber_chart_date_ticks (julian ("2016-05-01"), julian ("2026-04-30"), 6, &ticks);
  g_assert_cmpint (ticks.unit, ==, LIMBER_CHART_DATE_UNIT_YEAR);
  assert_date_tick (&ticks, 0, "2018");
}

static void
test_date_ticks_many_ranges (void)
{
  guint32 start = julian ("2025-01-01");

  for (guint offset = 0; offset < 400; offset += 37)
    for (guint span = 0; span <= 2 * 366; span += 3)
      for (guint max_ticks = 4; max_ticks <= 10; max_ticks += 3)
        {
          guint32 first = start + offset;
          LimberChartDateTicks ticks;

          limber_chart_date_ticks (first, first + span, max_ticks, &ticks);
          if (ticks.n_ticks < 2)
            g_test_message ("%u days from %u, at most %u ticks", span, offset, max_ticks);

          g_assert_cmpuint (ticks.n_ticks, >=, 2);
          g_assert_cmpuint (ticks.n_ticks, <=, max_ticks);
          g_assert_cmpuint (ticks.first, <=, first);
          g_assert_cmpuint (ticks.last, >=, first + span);

          for (guint i = 0; i < ticks.n_ticks; i++)
            {
              GDate date;

              g_assert_cmpuint (ticks.ticks[i], >=, ticks.first);
              g_assert_cmpuint (ticks.ticks[i], <=, ticks.last);
              if (i > 0)
                g_assert_cmpuint (ticks.ticks[i], >, ticks.ticks[i - 1]);

              g_date_clear (&date, 1);
              g_date_set_julian (&date, ticks.ticks[i]);
              if (ticks.unit == LIMBER_CHART_DATE_UNIT_WEEK)
                g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
              if (ticks.unit == LIMBER_CHART_DATE_UNIT_MONTH)
                g_assert_cmpint (g_date_get_day (&date), ==, 1);
            }
        }
}

static void
test_map (void)
{
  /* A y axis: larger values higher up, so towards smaller pixel rows. */
  g_assert_cmpfloat (limber_chart_map (5, 0, 10, 300, 100), ==, 200);
  g_assert_cmpfloat (limber_chart_map (0, 0, 10, 300, 100), ==, 300);
  g_assert_cmpfloat (limber_chart_map (10, 0, 10, 300, 100), ==, 100);
  g_assert_cmpfloat (limber_chart_map (-6, -12, 0, 0, 120), ==, 60);
  /* Outside the range lands outside. */
  g_assert_cmpfloat (limber_chart_map (12, 0, 10, 0, 100), ==, 120);
  /* A degenerate range: the middle, never a division by zero. */
  g_assert_cmpfloat (limber_chart_normalize (3, 3, 3), ==, 0.5);
  g_assert_cmpfloat (limber_chart_normalize (3, NAN, 3), ==, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-axis/value-ticks/known", test_value_ticks_known);
  g_test_add_func ("/chart-axis/value-ticks/degenerate", test_value_ticks_degenerate);
  g_test_add_func ("/chart-axis/value-ticks/many-ranges", test_value_ticks_many_ranges);
  g_test_add_func ("/chart-axis/value-ticks/clamp", test_value_ticks_clamp);
  g_test_add_func ("/chart-axis/session-ticks", test_session_ticks);
  g_test_add_func ("/chart-axis/format-tick", test_format_tick);
  g_test_add_func ("/chart-axis/date-ticks/known", test_date_ticks_known);
  g_test_add_func ("/chart-axis/date-ticks/many-ranges", test_date_ticks_many_ranges);
  g_test_add_func ("/chart-axis/map", test_map);

  return g_test_run ();
}
