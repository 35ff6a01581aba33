/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wording"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "limber-date.h"
#include "limber-wording.h"

/* The words of limber-wording.c, read as a person reads them. The suite runs in the
 * C.UTF-8 locale; one case switches to German number formatting. */

#define MINUS "\u2212"

static LimberMeasure *
measure (const char *code)
{
  LimberMeasure *found = limber_measure_lookup (code);

  g_assert_nonnull (found);
  return found;
}

/* An episode of weekly sessions 1…n with one series of values. */
static LimberEpisodeAnalysis *
analysis_of (const char   *condition,
             gboolean      discharged,
             const char   *code,
             LimberSide    side,
             const double *values,
             guint         n_values,
             const char   *other_code,
             const double *other_values,
             guint         n_other)
{
  g_autoptr(LimberEpisode) episode = limber_episode_new (1, condition, "2026-03-02");
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  guint32 first = limber_date_to_julian ("2026-03-02");
  guint n = MAX (n_values, n_other);

  limber_episode_set_id (episode, 1);
  if (discharged)
    limber_episode_set_discharge_date (episode, "2026-06-01");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = limber_date_from_julian (first + 7 * i);
      LimberSession *session = limber_session_new (1, date);

      limber_session_set_id (session, i + 1);
      g_ptr_array_add (sessions, session);
    }

  for (guint i = 0; i < n_values; i++)
    if (!isnan (values[i]))
      g_ptr_array_add (measurements, limber_measurement_new (i + 1, code, side, values[i]));
  for (guint i = 0; i < n_other; i++)
    if (!isnan (other_values[i]))
      g_ptr_array_add (measurements, limber_measurement_new (i + 1, other_code, LIMBER_SIDE_NONE,
                                                             other_values[i]));

  return limber_episode_analysis_new (NULL, episode, sessions, measurements, NULL);
}

#define VALUES(...) (const double[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const double[]) { __VA_ARGS__ }))

static LimberTrend *
first_trend (LimberEpisodeAnalysis *analysis)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);

  g_assert_cmpuint (trends->len, >, 0);
  return g_ptr_array_index (trends, 0);
}

static void
assert_describe (const char   *code,
                 LimberSide    side,
                 const double *values,
                 guint         n_values,
                 const char   *expected)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = analysis_of ("other", FALSE, code, side,
                                                           values, n_values, NULL, NULL, 0);
  g_autofree char *sentence = limber_wording_describe_trend (first_trend (analysis));

  g_assert_cmpstr (sentence, ==, expected);
}

static void
test_numbers (void)
{
  static const struct
  {
    double      value;
    const char *number;
    const char *change;
  } rows[] = {
    { 7, "7", "+7" },
    { 35.6, "35.6", "+35.6" },
    { 35.5555, "35.6", "+35.6" },
    /* 12.25 is 12.2499999… in binary: still rounds half away from zero. */
    { 12.25, "12.3", "+12.3" },
    { -5, MINUS "5", MINUS "5" },
    { -0.01, "0", "0" },
    { 0, "0", "0" },
    { -15.399999999999999, MINUS "15.4", MINUS "15.4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *number = limber_wording_format_number (rows[i].value);
      g_autofree char *change = limber_wording_format_change (rows[i].value);

      g_assert_cmpstr (number, ==, rows[i].number);
      g_assert_cmpstr (change, ==, rows[i].change);
    }
}

static void
test_percent (void)
{
  g_autofree char *down = limber_wording_format_percent (-71.42857);
  g_autofree char *up = limber_wording_format_percent (85.7);
  g_autofree char *none = limber_wording_format_percent (0);

  g_assert_cmpstr (down, ==, MINUS "71.4%");
  g_assert_cmpstr (up, ==, "+85.7%");
  g_assert_cmpstr (none, ==, "0%");
}

static void
test_values (void)
{
  static const struct
  {
    const char *code;
    double      value;
    const char *formatted;
  } rows[] = {
    /* ngettext: one point, several points, and a fraction takes the plural. */
    { "pain.nprs", 1, "1 point" },
    { "pain.nprs", 7, "7 points" },
    { "pain.nprs", 0, "0 points" },
    { "prom.psfs", 1.5, "1.5 points" },
    { "prom.odi", 35.6, "35.6 %" },
    { "rom.shoulder.abduction", 120, "120°" },
    /* Hyperextension, with a true minus sign. */
    { "rom.knee.extension", -5, MINUS "5°" },
    { "flex.sit_and_reach", -12.5, MINUS "12.5 cm" },
    { "flex.sit_and_reach", -0.01, "0 cm" },
    { "strength.grip", 31.25, "31.3 kg" },
    /* A rating is its bare level. */
    { "prom.pgic", 2, "2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *formatted = limber_wording_format_value (measure (rows[i].code), rows[i].value);

      g_assert_cmpstr (formatted, ==, rows[i].formatted);
    }

  /* A rating in words, as the results tables give it; a measure without levels keeps
   * its value. */
  {
    g_autofree char *much = limber_wording_format_rating (measure ("prom.pgic"), 2);
    g_autofree char *same = limber_wording_format_rating (measure ("prom.pgic"), 4);
    g_autofree char *pain = limber_wording_format_rating (measure ("pain.nprs"), 7);

    g_assert_cmpstr (much, ==, "2 (much improved)");
    g_assert_cmpstr (same, ==, "4 (no change)");
    g_assert_cmpstr (pain, ==, "7 points");
  }
}

static void
test_names (void)
{
  static const struct
  {
    const char *code;
    LimberSide  side;
    const char *name;
    const char *short_name;
  } rows[] = {
    { "pain.nprs", LIMBER_SIDE_NONE, "Pain (0–10)", "Pain" },
    { "prom.odi", LIMBER_SIDE_NONE, "Oswestry Disability Index", "Oswestry Disability Index" },
    { "rom.shoulder.abduction", LIMBER_SIDE_LEFT, "Shoulder abduction, left", "Shoulder abduction (left)" },
    { "flex.knee_to_wall", LIMBER_SIDE_RIGHT, "Knee to wall (ankle lunge), right", "Knee to wall (right)" },
    { "flex.slr", LIMBER_SIDE_RIGHT, "Straight leg raise, right", "Straight leg raise (right)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *name = limber_wording_measure_name (measure (rows[i].code), rows[i].side);
      g_autofree char *short_name = limber_wording_measure_short_name (measure (rows[i].code),
                                                                       rows[i].side);

      g_assert_cmpstr (name, ==, rows[i].name);
      g_assert_cmpstr (short_name, ==, rows[i].short_name);
    }

  g_assert_cmpstr (limber_wording_status_label (LIMBER_TREND_STATUS_IMPROVED), ==, "improved");
  g_assert_cmpstr (limber_wording_status_label (LIMBER_TREND_STATUS_WORSE), ==, "worse");
  g_assert_cmpstr (limber_wording_status_label (LIMBER_TREND_STATUS_NO_CHANGE), ==,
                   "no meaningful change");
}

static void
test_describe_trend (void)
{
  /* MCID thresholds: clinically important. */
  assert_describe ("pain.nprs", LIMBER_SIDE_NONE, VALUES (6, 5, 3),
                   "Pain went from 6 points to 3 points over 3 sessions, a clinically important "
                   "and substantial (50% or more) improvement.");
  assert_describe ("pain.nprs", LIMBER_SIDE_NONE, VALUES (2, 4),
                   "Pain went from 2 points to 4 points over 2 sessions, a clinically important "
                   "worsening.");
  assert_describe ("prom.lefs", LIMBER_SIDE_NONE, VALUES (40, 45),
                   "Lower Extremity Functional Scale went from 40 points to 45 points over 2 "
                   "sessions, less than a clinically important change (no meaningful change).");
  /* ODI 80 → 68: 12 points but 15% of the baseline. */
  assert_describe ("prom.odi", LIMBER_SIDE_NONE, VALUES (80, 68),
                   "Oswestry Disability Index went from 80 % to 68 % over 2 sessions, an "
                   "improvement, but less than the 30% of the baseline that a responder also "
                   "needs (Limber asks for both the points and the percentage, so that a "
                   "success holds by either published rule).");
  /* Pain at 1 leaves no room for the 2 points of a response. */
  assert_describe ("pain.nprs", LIMBER_SIDE_NONE, VALUES (1, 0),
                   "Pain went from 1 point to 0 points over 2 sessions, no meaningful change; "
                   "the first value leaves too little room to show an important improvement "
                   "(not assessable).");
  /* 50% better, but 1 point: no meaningful change, and never "substantial". */
  assert_describe ("pain.nprs", LIMBER_SIDE_NONE, VALUES (2, 1),
                   "Pain went from 2 points to 1 point over 2 sessions, less than a clinically "
                   "important change (no meaningful change).");
  /* MDC thresholds: beyond measurement error, never "clinically important". */
  assert_describe ("rom.shoulder.abduction", LIMBER_SIDE_LEFT, VALUES (150, 170),
                   "Shoulder abduction (left) went from 150° to 170° over 2 sessions, an "
                   "improvement beyond measurement error.");
  assert_describe ("flex.schober", LIMBER_SIDE_NONE, VALUES (4, 2),
                   "Modified Schober went from 4 cm to 2 cm over 2 sessions, a worsening beyond "
                   "measurement error.");
  assert_describe ("flex.knee_to_wall", LIMBER_SIDE_RIGHT, VALUES (6, 7),
                   "Knee to wall (right) went from 6 cm to 7 cm over 2 sessions, within "
                   "measurement error (no meaningful change).");
  /* One value, and a rating of change. */
  assert_describe ("pain.nprs", LIMBER_SIDE_NONE, VALUES (1),
                   "Pain was 1 point at the only session so far; there is nothing to compare "
                   "it with yet.");
  assert_describe ("prom.pgic", LIMBER_SIDE_NONE, VALUES (2),
                   "Global impression of change was rated 2, a clinically important "
                   "improvement.");
}

static void
test_summarize_trend (void)
{
  g_autoptr(LimberEpisodeAnalysis) pain = analysis_of ("other", FALSE, "pain.nprs", LIMBER_SIDE_NONE,
                                                       VALUES (7, 6), NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) reach = analysis_of ("other", FALSE, "flex.sit_and_reach",
                                                        LIMBER_SIDE_NONE, VALUES (-10, -4),
                                                        NULL, NULL, 0);
  g_autofree char *pain_line = limber_wording_summarize_trend (first_trend (pain));
  g_autofree char *reach_line = limber_wording_summarize_trend (first_trend (reach));

  /* ngettext: "1 point"; a true minus sign in the change and the percentage. */
  g_assert_cmpstr (pain_line, ==,
                   "Pain (0–10): 7 → 6 points (" MINUS "1, " MINUS "14.3%) over 2 sessions, "
                   "no meaningful change, not a responder");
  /* A scale with negative values has no percentage change. */
  g_assert_cmpstr (reach_line, ==,
                   "Sit and reach: " MINUS "10 cm → " MINUS "4 cm (+6) over 2 sessions, improved");
}

static void
test_status_tooltip (void)
{
  g_autoptr(LimberEpisodeAnalysis) pain = analysis_of ("other", FALSE, "pain.nprs", LIMBER_SIDE_NONE,
                                                       VALUES (7, 2), NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) rom = analysis_of ("other", FALSE, "rom.hip.flexion",
                                                      LIMBER_SIDE_LEFT, VALUES (90, 100), NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) schober = analysis_of ("other", FALSE, "flex.schober",
                                                          LIMBER_SIDE_NONE, VALUES (4, 4.5),
                                                          NULL, NULL, 0);

  g_assert_cmpstr (limber_wording_status_tooltip (first_trend (pain)), ==,
                   "Better by a clinically important amount");
  g_assert_cmpstr (limber_wording_status_tooltip (first_trend (rom)), ==,
                   "Better by more than measurement error");
  g_assert_cmpstr (limber_wording_status_tooltip (first_trend (schober)), ==,
                   "No meaningful change: within measurement error");
}

static void
test_outcome (void)
{
  g_autoptr(LimberEpisodeAnalysis) success =
    analysis_of ("low_back_pain", FALSE, "prom.odi", LIMBER_SIDE_NONE, VALUES (50, 40, 30),
                 NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) unchanged =
    analysis_of ("neck_pain", TRUE, "pain.nprs", LIMBER_SIDE_NONE, VALUES (6, 5), NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) short_of_percent =
    analysis_of ("low_back_pain", FALSE, "prom.odi", LIMBER_SIDE_NONE, VALUES (80, 68),
                 NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) worse =
    analysis_of ("knee_pain", TRUE, "prom.lefs", LIMBER_SIDE_NONE, VALUES (40, 30), NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) unknown =
    analysis_of ("neck_pain", FALSE, "rom.cervical.flexion", LIMBER_SIDE_NONE, VALUES (20, 40),
                 NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) floor =
    analysis_of ("low_back_pain", FALSE, "prom.odi", LIMBER_SIDE_NONE, VALUES (8, 4),
                 NULL, NULL, 0);
  g_autoptr(LimberEpisodeAnalysis) rating_only =
    analysis_of ("neck_pain", TRUE, "prom.pgic", LIMBER_SIDE_NONE, VALUES (2), NULL, NULL, 0);
  struct
  {
    LimberEpisodeAnalysis *analysis;
    const char            *title;
    const char            *description;
    const char            *summary;
  } rows[] = {
    /* 50 → 30 is 20 points and 40%; 50 → 40 is only 20%: responder at session 3. */
    { success, "Successful outcome", "Oswestry Disability Index responder after 3 sessions",
      "Success: yes (decided by Oswestry Disability Index, responder from session 3)" },
    { unchanged, "Not a responder",
      "Pain (0–10) changed by " MINUS "1 point, less than the 2 points that matter",
      "Success: no (Pain (0–10) changed by " MINUS "1 point, less than the 2 points that matter)" },
    { short_of_percent, "Not yet a responder",
      "Oswestry Disability Index changed by " MINUS "12 %, less than the 30% of its first value "
      "that a responder also needs (Limber asks for both the points and the percentage)",
      "Success: no (Oswestry Disability Index changed by " MINUS "12 %, less than the 30% of its "
      "first value that a responder also needs (Limber asks for both the points and the "
      "percentage))" },
    { worse, "Not a responder",
      "Lower Extremity Functional Scale changed by " MINUS "10 points: worse by at least the 9 "
      "points that matter",
      "Success: no (Lower Extremity Functional Scale changed by " MINUS "10 points: worse by at "
      "least the 9 points that matter)" },
    { unknown, "Not assessable", "Needs two sessions with Neck Disability Index or with pain recorded",
      "Success: not assessable (Needs two sessions with Neck Disability Index or with pain "
      "recorded)" },
    /* "Much improved" is a PGIC responder, yet does not decide: the words say so. */
    { rating_only, "Not assessable",
      "Needs two sessions with Neck Disability Index or with pain recorded; the global "
      "impression of change does not decide success",
      "Success: not assessable (Needs two sessions with Neck Disability Index or with pain "
      "recorded; the global impression of change does not decide success)" },
    /* ODI under 10 and no pain: not assessable, and the words say why. */
    { floor, "Not assessable",
      "Oswestry Disability Index started at 8 %, too little room to show an important improvement",
      "Success: not assessable (Oswestry Disability Index started at 8 %, too little room to "
      "show an important improvement)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *title = limber_wording_outcome_title (rows[i].analysis);
      g_autofree char *description = limber_wording_describe_outcome (rows[i].analysis);
      g_autofree char *summary = limber_wording_summarize_outcome (rows[i].analysis);

      g_assert_cmpstr (title, ==, rows[i].title);
      g_assert_cmpstr (description, ==, rows[i].description);
      g_assert_cmpstr (summary, ==, rows[i].summary);
    }
}

/* A German desktop writes a decimal comma; the minus sign stays a true minus. The
 * locale is compiled into the build folder, so that the test needs no system
 * locale. */
static void
test_german_locale (void)
{
  /* tests/meson.build compiles it to de_DE.UTF-8 beside the test programs. */
  const char *locale_dir = g_test_get_dir (G_TEST_BUILT);
  g_autofree char *saved_path = g_strdup (g_getenv ("LOCPATH"));
  g_autofree char *saved_numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *number = NULL;
  g_autofree char *value = NULL;
  g_autofree char *percent = NULL;

  g_setenv ("LOCPATH", locale_dir, TRUE);
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale could not be compiled (localedef)");
      return;
    }

  number = limber_wording_format_number (-35.6);
  value = limber_wording_format_value (measure ("prom.odi"), 35.6);
  percent = limber_wording_format_percent (-71.4);

  setlocale (LC_NUMERIC, saved_numeric);
  if (saved_path != NULL)
    g_setenv ("LOCPATH", saved_path, TRUE);
  else
    g_unsetenv ("LOCPATH");

  g_assert_cmpstr (number, ==, MINUS "35,6");
  g_assert_cmpstr (value, ==, "35,6 %");
  g_assert_cmpstr (percent, ==, MINUS "71,4%");
}

/* The sessions list and the course's description say how far the plan has come. */
static void
test_plan_progress (void)
{
  struct
  {
    guint       n_sessions;
    guint       n_planned;
    const char *text;
  } cases[] = {
    { 0, 6, "0 of 6 sessions" },
    { 4, 6, "4 of 6 sessions" },
    { 6, 6, "6 of 6 sessions" },
    { 7, 6, "7 of 6 sessions (1 more than planned)" },
    { 9, 6, "9 of 6 sessions (3 more than planned)" },
    { 1, 1, "1 of 1 session" },
    { 1, 0, "1 session" },
    { 4, 0, "4 sessions" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_wording_plan_progress (cases[i].n_sessions, cases[i].n_planned);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wording/numbers", test_numbers);
  g_test_add_func ("/wording/percent", test_percent);
  g_test_add_func ("/wording/values", test_values);
  g_test_add_func ("/wording/names", test_names);
  g_test_add_func ("/wording/describe-trend", test_describe_trend);
  g_test_add_func ("/wording/summarize-trend", test_summarize_trend);
  g_test_add_func ("/wording/status-tooltip", test_status_tooltip);
  g_test_add_func ("/wording/outcome", test_outcome);
  g_test_add_func ("/wording/plan-progress", test_plan_progress);
  g_test_add_func ("/wording/german-locale", test_german_locale);

  return g_test_run ();
}
