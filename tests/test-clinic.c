/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-test-clinic"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-clinic.h"
#include "limber-csv-export.h"
#include "limber-csv-import.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinic/generator/deterministic", test_generator_is_deterministic);
  g_test_add_func ("/clinic/import-export", test_import_export_round_trip);

  return g_test_run ();
}
