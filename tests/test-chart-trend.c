/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-trend"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "limber-csv-import.h"
#include "limber-episode-loader.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

/* The chart of a measure is what the analysis computed, drawn: these cases build the
 * description from a stored course of care and check each part against the numbers
 * of clinical-reference.md. */

static const char course_csv[] =
  "mrn,patient_name,condition,episode_start,session_date,measure,side,value,notes\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,pain.nprs,,8,First visit\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-05,pain.nprs,,6,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,pain.nprs,,5,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,pain.nprs,,2,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.slr,left,50,First visit\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,flex.slr,left,62,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.slr,left,70,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.slr,right,60,First visit\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.slr,right,75,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.sit_and_reach,,-12,First visit\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,flex.sit_and_reach,,-7,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.sit_and_reach,,-1.5,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,rom.lumbar.flexion,,30,First visit\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,rom.lumbar.flexion,,32,\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,prom.odi,,40,First visit\n";

typedef struct
{
  char                  *dir;
  LimberStore           *store;
  LimberEpisodeAnalysis *analysis;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberGoal) goal = limber_goal_new ("pain.nprs", LIMBER_SIDE_NONE, 2);
  g_autoptr(LimberEpisodeAnalysis) first = NULL;
  LimberImportCounts counts = { 0 };

  fixture->dir = g_dir_make_tmp ("limber-chart-trend-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = limber_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (limber_csv_import_data (fixture->store, course_csv, strlen (course_csv),
                                         "course.csv", &counts, &error));
  g_assert_no_error (error);

  first = limber_episode_loader_load_current (fixture->store, "C-1", &error);
  g_assert_no_error (error);
  limber_goal_set_episode_id (goal, limber_episode_get_id (limber_episode_analysis_get_episode (first)));
  g_assert_true (limber_store_add_goal (fixture->store, goal, &error));
  g_assert_no_error (error);

  fixture->analysis = limber_episode_loader_load_current (fixture->store, "C-1", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);

  g_clear_object (&fixture->analysis);
  g_clear_object (&fixture->store);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" :
                                                       g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static LimberChart *
chart_of (Fixture    *fixture,
          const char *code,
          LimberSide  side)
{
  return limber_trend_chart_new (fixture->analysis, limber_measure_lookup (code), side);
}

static void
test_pain (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const double days[] = { 0, 3, 7, 14 };
  static const double values[] = { 8, 6, 5, 2 };
  g_autoptr(LimberChart) chart = chart_of (fixture, "pain.nprs", LIMBER_SIDE_NONE);
  g_autofree char *notes = NULL;
  const char *label = NULL;
  double min, max, low, high;

  g_assert_false (limber_chart_is_empty (chart));
  g_assert_cmpint (limber_chart_get_x_axis (chart), ==, LIMBER_CHART_X_DAYS);
  g_assert_cmpstr (limber_chart_get_start_date (chart), ==, "2026-03-02");
  g_assert_cmpstr (limber_chart_get_title (chart), ==, "Pain (0–10)");
  g_assert_cmpstr (limber_chart_get_unit (chart), ==, "points");
  g_assert_true (limber_chart_get_whole_numbers (chart));
  limber_chart_get_value_limits (chart, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 10);

  /* Lower is better, and the chart says so. */
  g_assert_cmpint (limber_chart_get_better (chart, &label), ==, LIMBER_CHART_BETTER_DOWN);
  g_assert_cmpstr (label, ==, "Lower is better");

  /* One series, the sessions by day since the first. */
  g_assert_cmpuint (limber_chart_get_n_series (chart), ==, 1);
  g_assert_cmpuint (limber_chart_get_n_points (chart, 0), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double x, value;

      limber_chart_get_point (chart, 0, i, &x, &value);
      g_assert_cmpfloat (x, ==, days[i]);
      g_assert_cmpfloat (value, ==, values[i]);
    }
  g_assert_cmpstr (limber_chart_get_point_description (chart, 0, 0), ==,
                   "Session 1, 2 Mar 2026: 8 points\nFirst visit");

  /* Meaningful change starts 2 points below the first value of 8. */
  g_assert_cmpfloat (limber_chart_get_series_threshold (chart, 0, &label), ==, 6);
  g_assert_cmpstr (label, ==, "Meaningful change starts here");

  /* The course's goal. */
  g_assert_cmpfloat (limber_chart_get_goal (chart, &label), ==, 2);
  g_assert_cmpstr (label, ==, "Goal: 2 points");

  /* Pain has no normal value; the first session has notes. */
  g_assert_false (limber_chart_get_normal_range (chart, &low, &high, NULL));
  g_assert_cmpuint (limber_chart_get_n_annotations (chart), ==, 1);
  g_assert_cmpint (limber_chart_get_annotation (chart, 0, &low, &label), ==,
                   LIMBER_CHART_ANNOTATION_NOTE);
  g_assert_cmpfloat (low, ==, 0);
  g_assert_cmpstr (label, ==, "First visit");

  /* The description in words says so. */
  notes = limber_trend_chart_describe_notes (chart);
  g_assert_cmpstr (notes, ==, "A flag on the time axis marks 1 session with notes.");
}

static void
test_sides (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LimberChart) both = chart_of (fixture, "flex.slr", LIMBER_SIDE_NONE);
  g_autoptr(LimberChart) right = chart_of (fixture, "flex.slr", LIMBER_SIDE_RIGHT);
  const char *label = NULL;
  double x, value;

  /* Without a side, both: told apart by colour, marker and dash. */
  g_assert_cmpuint (limber_chart_get_n_series (both), ==, 2);
  g_assert_cmpstr (limber_chart_get_series_label (both, 0), ==, "Left");
  g_assert_cmpstr (limber_chart_get_series_label (both, 1), ==, "Right");
  g_assert_cmpuint (limber_chart_get_series_color (both, 0), !=,
                    limber_chart_get_series_color (both, 1));
  g_assert_cmpint (limber_chart_get_series_marker (both, 0), !=,
                   limber_chart_get_series_marker (both, 1));
  g_assert_cmpint (limber_chart_get_series_dash (both, 0), !=,
                   limber_chart_get_series_dash (both, 1));
  g_assert_cmpuint (limber_chart_get_n_points (both, 0), ==, 3);
  g_assert_cmpuint (limber_chart_get_n_points (both, 1), ==, 2);
  g_assert_nonnull (strstr (limber_chart_get_point_description (both, 1, 1), "Right"));

  /* Each side's threshold from its own first value: SLR's MCID is 10°. */
  g_assert_cmpfloat (limber_chart_get_series_threshold (both, 0, &label), ==, 60);
  g_assert_cmpfloat (limber_chart_get_series_threshold (both, 1, &label), ==, 70);
  g_assert_cmpstr (limber_chart_get_better (both, NULL) == LIMBER_CHART_BETTER_UP ? "up" : "down",
                   ==, "up");

  /* The right side alone, in the right side's style. */
  g_assert_cmpuint (limber_chart_get_n_series (right), ==, 1);
  g_assert_cmpuint (limber_chart_get_n_points (right, 0), ==, 2);
  g_assert_cmpint (limber_chart_get_series_marker (right, 0), ==,
                   limber_trend_chart_side_marker (LIMBER_SIDE_RIGHT));
  limber_chart_get_point (right, 0, 1, &x, &value);
  g_assert_cmpfloat (x, ==, 14);
  g_assert_cmpfloat (value, ==, 75);
}

static void
test_negative_and_normal (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LimberChart) reach = chart_of (fixture, "flex.sit_and_reach", LIMBER_SIDE_NONE);
  g_autoptr(LimberChart) lumbar = chart_of (fixture, "rom.lumbar.flexion", LIMBER_SIDE_NONE);
  const char *label = NULL;
  double low, high, value;

  /* Reaching the toes (0 cm) or beyond is normal; MCID 4 cm above −12. */
  g_assert_true (limber_chart_get_normal_range (reach, &low, &high, &label));
  g_assert_cmpfloat (low, ==, 0);
  g_assert_true (isinf (high) && high > 0);
  g_assert_true (g_str_has_prefix (label, "Normal"));
  g_assert_cmpfloat (limber_chart_get_series_threshold (reach, 0, NULL), ==, -8);
  limber_chart_get_point (reach, 0, 0, NULL, &value);
  g_assert_cmpfloat (value, ==, -12);

  /* Range of motion has only a measurement error: the line says so. */
  g_assert_cmpfloat (limber_chart_get_series_threshold (lumbar, 0, &label), ==, 35);
  g_assert_cmpstr (label, ==, "Beyond measurement error from here");
  g_assert_cmpstr (limber_chart_get_unit (lumbar), ==, "degrees");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LimberChart) grip = chart_of (fixture, "strength.grip", LIMBER_SIDE_NONE);

  g_assert_true (limber_chart_is_empty (grip));
  g_assert_nonnull (limber_chart_get_empty_text (grip));
  g_assert_nonnull (limber_chart_get_title (grip));
}

static void
test_patient_words (Fixture       *fixture,
                    gconstpointer  user_data)
{
  LimberEpisodeAnalysis *analysis = fixture->analysis;
  LimberTrend *pain = limber_episode_analysis_find_trend (analysis, "pain.nprs", LIMBER_SIDE_NONE);
  LimberTrend *reach = limber_episode_analysis_find_trend (analysis, "flex.sit_and_reach",
                                                           LIMBER_SIDE_NONE);
  LimberTrend *lumbar = limber_episode_analysis_find_trend (analysis, "rom.lumbar.flexion",
                                                            LIMBER_SIDE_NONE);
  LimberTrend *odi = limber_episode_analysis_find_trend (analysis, "prom.odi", LIMBER_SIDE_NONE);
  g_autofree char *pain_words = limber_wording_describe_trend_for_patient (pain);
  g_autofree char *reach_words = limber_wording_describe_trend_for_patient (reach);
  g_autofree char *lumbar_words = limber_wording_describe_trend_for_patient (lumbar);
  g_autofree char *odi_words = limber_wording_describe_trend_for_patient (odi);
  g_autofree char *goal = limber_wording_describe_goal (pain);
  g_autofree char *no_goal = limber_wording_describe_goal (reach);

  g_assert_cmpstr (pain_words, ==, "Your pain is down from 8 to 2 points — 75% better.");
  /* No percentage of a scale whose zero is arbitrary: centimetres instead. */
  g_assert_cmpstr (reach_words, ==,
                   "Your sit and reach is up from \u221212 cm to \u22121.5 cm — 10.5 cm better.");
  g_assert_cmpstr (lumbar_words, ==,
                   "Your lumbar flexion is about the same as at the start: 30° then, 32° now.");
  g_assert_cmpstr (odi_words, ==,
                   "Your Oswestry Disability Index was 40 % when it was first measured.");
  g_assert_cmpstr (goal, ==, "Goal: 2 points — reached");
  g_assert_null (no_goal);
}

/* A rating given at discharge without a session (an outcome contact) is a point on
 * its day, said to be the discharge's rather than a numbered session's; a course with
 * no session at all starts its axis on that day. */
static void
test_outcome_contact (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char csv[] =
    "mrn,patient_name,condition,episode_start,session_date,measure,side,value,notes\n"
    "C-2,Cora Call,neck_pain,2026-03-02,2026-03-02,pain.nprs,,6,\n"
    "C-2,Cora Call,neck_pain,2026-03-02,2026-03-20,prom.pgic,,2,\n"
    "C-3,Dag Dial,knee_pain,2026-03-02,2026-03-30,prom.pgic,,5,\n";
  g_autoptr(LimberEpisodeAnalysis) after_visit = NULL;
  g_autoptr(LimberEpisodeAnalysis) alone = NULL;
  g_autoptr(LimberChart) chart = NULL;
  g_autoptr(LimberChart) alone_chart = NULL;
  g_autoptr(GError) error = NULL;
  LimberImportCounts counts = { 0 };
  double x, value;

  g_assert_true (limber_csv_import_data (fixture->store, csv, strlen (csv), "contacts.csv",
                                         &counts, &error));
  g_assert_no_error (error);

  after_visit = limber_episode_loader_load_current (fixture->store, "C-2", &error);
  g_assert_no_error (error);
  chart = limber_trend_chart_new (after_visit, limber_measure_lookup ("prom.pgic"), LIMBER_SIDE_NONE);
  g_assert_cmpuint (limber_chart_get_n_points (chart, 0), ==, 1);
  limber_chart_get_point (chart, 0, 0, &x, &value);
  g_assert_cmpfloat (x, ==, 18);
  g_assert_cmpstr (limber_chart_get_point_description (chart, 0, 0), ==,
                   "At discharge, 20 Mar 2026: 2");

  alone = limber_episode_loader_load_current (fixture->store, "C-3", &error);
  g_assert_no_error (error);
  alone_chart = limber_trend_chart_new (alone, limber_measure_lookup ("prom.pgic"), LIMBER_SIDE_NONE);
  g_assert_false (limber_chart_is_empty (alone_chart));
  g_assert_cmpstr (limber_chart_get_start_date (alone_chart), ==, "2026-03-30");
  g_assert_cmpstr (limber_chart_get_point_description (alone_chart, 0, 0), ==,
                   "At discharge, 30 Mar 2026: 5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/chart-trend/pain", test_pain);
  ADD_TEST ("/chart-trend/sides", test_sides);
  ADD_TEST ("/chart-trend/negative-and-normal", test_negative_and_normal);
  ADD_TEST ("/chart-trend/empty", test_empty);
  ADD_TEST ("/chart-trend/patient-words", test_patient_words);
  ADD_TEST ("/chart-trend/outcome-contact", test_outcome_contact);

#undef ADD_TEST

  return g_test_run ();
}
