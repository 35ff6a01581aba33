/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-test-clinic"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-clinic.h"
#include "limber-csv-export.h"
#include "limber-csv-import.h"
#include "limber-clinic-stats.h"
#include "limber-episode-loader.h"
#include "limber-store.h"

/* The generated clinic that `make bench` times must be what Limber stores: imported
 * and exported again it gives back the generator's rows byte for byte, so that the
 * benchmark's speed figures are figures of correct work. A small clinic keeps this
 * fast; the first patient still has the long course of 60 sessions. */

#define N_PATIENTS 40

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
test_generator_is_deterministic (void)
{
  BenchClinicCounts first = { 0 };
  BenchClinicCounts second = { 0 };
  g_autofree char *a = bench_clinic_to_csv (N_PATIENTS, &first);
  g_autofree char *b = bench_clinic_to_csv (N_PATIENTS, &second);
  g_autofree char *smaller = bench_clinic_to_csv (N_PATIENTS / 2, NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (first.n_patients, ==, N_PATIENTS);
  g_assert_cmpuint (first.n_rows, ==, second.n_rows);
  /* A smaller clinic is the start of the bigger one. */
  g_assert_true (g_str_has_prefix (a, smaller));
  /* About ten measurements a session, eight sessions a course, 1.25 courses a patient
   * (the long course of the first patient adds to the sessions of a small clinic). */
  g_assert_cmpuint (first.n_episodes, >=, N_PATIENTS);
  g_assert_cmpuint (first.n_episodes, <=, N_PATIENTS * 3 / 2);
  g_assert_cmpuint (first.n_sessions, >=, first.n_episodes * 5);
  g_assert_cmpuint (first.n_rows, >=, first.n_sessions * 8);
  g_assert_cmpuint (first.n_rows, <=, first.n_sessions * 12);
}

static void
test_import_export_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-test-clinic-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(LimberStore) store = NULL;
  BenchClinicCounts generated = { 0 };
  LimberImportCounts counts = { 0 };

  g_assert_no_error (error);
  path = g_build_filename (dir, "clinic.sqlite", NULL);
  store = limber_store_open (path, &error);
  g_assert_no_error (error);

  csv = bench_clinic_to_csv (N_PATIENTS, &generated);
  g_assert_true (limber_csv_import_data (store, csv, strlen (csv), "clinic.csv", &counts,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.patients_added, ==, generated.n_patients);
  g_assert_cmpuint (counts.episodes_added, ==, generated.n_episodes);
  g_assert_cmpuint (counts.sessions_added, ==, generated.n_sessions);
  g_assert_cmpuint (counts.measurements_added, ==, generated.n_rows);
  g_assert_cmpuint (counts.rows_unchanged, ==, 0);

  exported = limber_csv_export_data (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exported, ==, csv);

  /* The second import of the benchmark: every row is already stored. */
  g_assert_true (limber_csv_import_data (store, csv, strlen (csv), "clinic.csv", &counts,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.measurements_added, ==, 0);
  g_assert_cmpuint (counts.rows_unchanged, ==, generated.n_rows);

  g_assert_finalize_object (g_steal_pointer (&store));
  remove_tree (dir);
}

/* The clinic's statistics read every course as plain arrays, the window and the
 * reports one course as objects: both must be the same analysis. */
typedef struct
{
  LimberStore       *store;
  LimberClinicStats *by_arrays;
  LimberClinicStats *by_objects;
  guint              n_courses;
} BothWays;

static gboolean
compare_course (const LimberCourse  *course,
                gpointer             user_data,
                GError             **error)
{
  BothWays *both = user_data;
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) trends = NULL;
  GPtrArray *expected;

  analysis = limber_episode_loader_load (both->store, course->episode_id, error);
  g_assert_nonnull (analysis);
  g_assert_cmpuint (course->n_visits, ==, limber_episode_analysis_get_n_sessions (analysis));
  g_assert_cmpuint (course->n_sessions - course->n_visits, ==,
                    limber_episode_analysis_get_outcome_contacts (analysis)->len);
  g_assert_cmpuint (course->n_values, ==, limber_episode_analysis_get_measurements (analysis)->len);

  trends = limber_trend_compute_for_course (course, NULL);
  expected = limber_episode_analysis_get_trends (analysis);
  g_assert_cmpuint (trends->len, ==, expected->len);
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);
      LimberTrend *want = g_ptr_array_index (expected, i);
      guint n = 0, n_want = 0;
      const double *values = limber_trend_get_values (trend, &n);
      const double *values_want = limber_trend_get_values (want, &n_want);

      g_assert_true (limber_trend_get_measure (trend) == limber_trend_get_measure (want));
      g_assert_cmpint (limber_trend_get_side (trend), ==, limber_trend_get_side (want));
      g_assert_cmpuint (n, ==, n_want);
      for (guint v = 0; v < n; v++)
        {
          g_assert_cmpfloat (values[v], ==, values_want[v]);
          g_assert_cmpfloat (limber_trend_get_days (trend)[v], ==, limber_trend_get_days (want)[v]);
          g_assert_cmpstr (limber_trend_get_dates (trend)[v], ==, limber_trend_get_dates (want)[v]);
        }
      g_assert_cmpint (limber_trend_get_responder (trend), ==, limber_trend_get_responder (want));
      g_assert_cmpuint (limber_trend_get_responder_session (trend), ==,
                        limber_trend_get_responder_session (want));
      g_assert_cmpfloat (limber_trend_get_slope_per_week (trend), ==,
                         limber_trend_get_slope_per_week (want));
    }

  limber_clinic_stats_add_course (both->by_arrays, course);
  limber_clinic_stats_add (both->by_objects, analysis);
  both->n_courses++;
  return TRUE;
}

static void
assert_same_groups (GPtrArray *groups,
                    GPtrArray *expected)
{
  g_assert_cmpuint (groups->len, ==, expected->len);
  for (guint i = 0; i < groups->len; i++)
    {
      LimberClinicStatsGroup *group = g_ptr_array_index (groups, i);
      LimberClinicStatsGroup *want = g_ptr_array_index (expected, i);

      g_assert_cmpstr (group->key, ==, want->key);
      g_assert_cmpuint (group->n_courses, ==, want->n_courses);
      g_assert_cmpuint (group->n_assessable, ==, want->n_assessable);
      g_assert_cmpuint (group->n_successful, ==, want->n_successful);
    }
}

static void
test_courses_as_arrays (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-test-clinic-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(LimberClinicStats) by_arrays = limber_clinic_stats_new ();
  g_autoptr(LimberClinicStats) by_objects = limber_clinic_stats_new ();
  BenchClinicCounts generated = { 0 };
  LimberImportCounts counts = { 0 };
  BothWays both = { NULL, by_arrays, by_objects, 0 };
  guint n = 0, n_want = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "clinic.sqlite", NULL);
  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  csv = bench_clinic_to_csv (N_PATIENTS, &generated);
  g_assert_true (limber_csv_import_data (store, csv, strlen (csv), "clinic.csv", &counts,
                                         &error));
  g_assert_no_error (error);

  both.store = store;
  g_assert_true (limber_episode_loader_foreach_course (store, NULL, NULL, compare_course, &both,
                                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (both.n_courses, ==, generated.n_episodes);

  g_assert_cmpuint (limber_clinic_stats_get_n_courses (by_arrays), ==, generated.n_episodes);
  g_assert_cmpuint (limber_clinic_stats_get_n_assessable (by_arrays), ==,
                    limber_clinic_stats_get_n_assessable (by_objects));
  g_assert_cmpuint (limber_clinic_stats_get_n_successful (by_arrays), ==,
                    limber_clinic_stats_get_n_successful (by_objects));
  g_assert_cmpuint (limber_clinic_stats_get_n_successful (by_arrays), >, 0);
  assert_same_groups (limber_clinic_stats_get_by_condition (by_arrays),
                      limber_clinic_stats_get_by_condition (by_objects));
  assert_same_groups (limber_clinic_stats_get_by_therapist (by_arrays),
                      limber_clinic_stats_get_by_therapist (by_objects));
  g_assert_cmpfloat (limber_clinic_stats_get_median_sessions_to_response (by_arrays, &n), ==,
                     limber_clinic_stats_get_median_sessions_to_response (by_objects, &n_want));
  g_assert_cmpuint (n, ==, n_want);
  g_assert_cmpfloat (limber_clinic_stats_get_pain_change (by_arrays)->mean_change, ==,
                     limber_clinic_stats_get_pain_change (by_objects)->mean_change);
  g_assert_cmpuint (limber_clinic_stats_get_questionnaire_changes (by_arrays)->len, ==,
                    limber_clinic_stats_get_questionnaire_changes (by_objects)->len);

  g_assert_finalize_object (g_steal_pointer (&store));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinic/generator/deterministic", test_generator_is_deterministic);
  g_test_add_func ("/clinic/import-export", test_import_export_round_trip);
  g_test_add_func ("/clinic/courses-as-arrays", test_courses_as_arrays);

  return g_test_run ();
}
