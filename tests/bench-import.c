/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Limber-Bench-Import"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limber-csv.h"
#include "limber-csv-export.h"
#include "limber-csv-import.h"
#include "limber-date.h"
#include "limber-measure.h"
#include "limber-store.h"
#include "limber-summary.h"

/* Speed goals live here rather than in timed tests, which would fail on a slow or
 * busy machine: `meson test --benchmark` runs this program, `meson test` does not.
 *
 * The data is what a clinic migrating from spreadsheets brings: patients with one
 * course of care for low back pain, six sessions each, and the measures a
 * physiotherapist records for it at every visit. Values come from each measure's
 * range in the catalog and improve from session to session, so that every row is
 * valid and the summaries have real trends. */

#define DEFAULT_ROWS          100000
#define SESSIONS_PER_EPISODE  6
#define DAYS_BETWEEN_SESSIONS 7
#define N_SUMMARIES           100
/* How far along its range (0 worst … 1 best) a measure moves each week. */
#define PROGRESS_PER_SESSION  0.03
#define PROGRESS_NOISE        0.02
/* A generated row is about 130 bytes; reserving them spares the reallocations. */
#define BYTES_PER_ROW         130
/* Fixed, so that every run imports the same file. */
#define RANDOM_SEED           20240601

typedef struct
{
  const char *code;
  LimberSide  side;
} SessionMeasure;

static const SessionMeasure session_measures[] = {
  { "pain.nprs", LIMBER_SIDE_NONE },
  { "prom.odi", LIMBER_SIDE_NONE },
  { "rom.lumbar.flexion", LIMBER_SIDE_NONE },
  { "rom.lumbar.lateral_flexion", LIMBER_SIDE_LEFT },
  { "rom.lumbar.lateral_flexion", LIMBER_SIDE_RIGHT },
  { "flex.slr", LIMBER_SIDE_LEFT },
  { "flex.slr", LIMBER_SIDE_RIGHT },
  { "flex.sit_and_reach", LIMBER_SIDE_NONE },
};

#define MEASURES_PER_SESSION G_N_ELEMENTS (session_measures)

static const char *const first_names[] = {
  "Ann", "Bob", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
  "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Zoë",
};

static const char *const last_names[] = {
  "Andersen", "Brown", "Castillo", "Dubois", "Evans", "Fischer", "García", "Hughes",
  "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Patel",
  "Rossi", "Schmidt", "Tanaka", "Wright",
};

static const char *const therapists[] = {
  "Ann Lee", "Bob Ray", "Carla Mendes", "David Okafor",
};

/* Commas make the writer quote them, as real notes often are. */
static const char *const session_notes[] = {
  "",
  "",
  "Home exercises reviewed, added bridging",
  "Sitting tolerance 30 min, better than last week",
  "",
  "Flare-up after gardening; eased with walking",
};

typedef enum
{
  BENCH_ERROR_MISMATCH,
} BenchError;

#define BENCH_ERROR (bench_error_quark ())
static G_DEFINE_QUARK (limber-bench-error-quark, bench_error)

typedef struct
{
  GString *csv;
  GRand   *rand;
  guint    n_rows;      /* wanted */
  guint    rows;        /* written so far */
  guint    n_patients;
  guint    n_sessions;
} Dataset;

static void
dataset_clear (Dataset *data)
{
  if (data->csv != NULL)
    g_string_free (data->csv, TRUE);
  g_clear_pointer (&data->rand, g_rand_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dataset, dataset_clear)

static char *
patient_mrn (guint patient)
{
  return g_strdup_printf ("%u", 100000 + patient);
}

static void
append_header (GString *csv)
{
  const char *names[LIMBER_CSV_N_COLUMNS];

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    names[i] = limber_csv_column_get_name (i);
  limber_csv_append_row (csv, names, LIMBER_CSV_N_COLUMNS);
}

/* Where on the measure's range (0 worst … 1 best) this patient starts. */
static double
draw_baseline (GRand *rand)
{
  return g_rand_double_range (rand, 0.3, 0.6);
}

/* Text of a value at progress (0 worst … 1 best) on the measure's range: rounded as
 * a clinician writes it, within range, in the measure's better direction. */
static char *
format_value (LimberMeasure *measure,
              double         progress)
{
  double min = limber_measure_get_min (measure);
  double max = limber_measure_get_max (measure);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  progress = CLAMP (progress, 0.0, 1.0);
  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER)
    progress = 1.0 - progress;
  value = min + progress * (max - min);
  value = limber_measure_get_integer_only (measure) ? round (value) : round (value * 10) / 10;
  value = CLAMP (value, min, max);

  /* "+ 0.0" turns a rounded -0 into 0; %g writes 7 and 35.5, not 7.0. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value + 0.0));
}

typedef struct
{
  const char *mrn;
  const char *name;
  const char *birth_date;
  const char *episode_start;
  const char *therapist;
  double      baselines[MEASURES_PER_SESSION];
} PatientRows;

static void
append_session (Dataset           *data,
                const PatientRows *patient,
                guint              session)
{
  guint32 start = limber_date_to_julian (patient->episode_start);
  g_autofree char *date = limber_date_from_julian (start + session * DAYS_BETWEEN_SESSIONS);
  const char *notes = session_notes[g_rand_int_range (data->rand, 0,
                                                      G_N_ELEMENTS (session_notes))];

  for (guint i = 0; i < MEASURES_PER_SESSION && data->rows < data->n_rows; i++)
    {
      LimberMeasure *measure = limber_measure_lookup (session_measures[i].code);
      double progress = patient->baselines[i] + session * PROGRESS_PER_SESSION
                        + g_rand_double_range (data->rand, -PROGRESS_NOISE, PROGRESS_NOISE);
      g_autofree char *value = format_value (measure, progress);
      const char *fields[LIMBER_CSV_N_COLUMNS] = {
        [LIMBER_CSV_COLUMN_MRN] = patient->mrn,
        [LIMBER_CSV_COLUMN_PATIENT_NAME] = patient->name,
        [LIMBER_CSV_COLUMN_BIRTH_DATE] = patient->birth_date,
        [LIMBER_CSV_COLUMN_CONDITION] = "low_back_pain",
        [LIMBER_CSV_COLUMN_EPISODE_START] = patient->episode_start,
        [LIMBER_CSV_COLUMN_SESSION_DATE] = date,
        [LIMBER_CSV_COLUMN_THERAPIST] = patient->therapist,
        [LIMBER_CSV_COLUMN_MEASURE] = session_measures[i].code,
        [LIMBER_CSV_COLUMN_SIDE] = limber_side_to_string (session_measures[i].side),
        [LIMBER_CSV_COLUMN_VALUE] = value,
        [LIMBER_CSV_COLUMN_UNIT] = limber_measure_get_unit (measure),
        [LIMBER_CSV_COLUMN_NOTES] = notes,
      };

      limber_csv_append_row (data->csv, fields, LIMBER_CSV_N_COLUMNS);
      data->rows++;
    }
  data->n_sessions++;
}

static void
append_patient (Dataset *data,
                guint    patient)
{
  g_autofree char *mrn = patient_mrn (patient);
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           first_names[patient % G_N_ELEMENTS (first_names)],
                                           last_names[(patient / G_N_ELEMENTS (first_names))
                                                      % G_N_ELEMENTS (last_names)]);
  g_autofree char *birth_date = g_strdup_printf ("%04d-%02d-%02d",
                                                 g_rand_int_range (data->rand, 1940, 2006),
                                                 g_rand_int_range (data->rand, 1, 13),
                                                 g_rand_int_range (data->rand, 1, 29));
  /* Episodes start over two years, so that sessions of many patients share days. */
  g_autofree char *episode_start =
    limber_date_from_julian (limber_date_to_julian ("2024-01-01")
                             + g_rand_int_range (data->rand, 0, 730));
  PatientRows rows = {
    mrn, name, birth_date, episode_start,
    therapists[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (therapists))],
    { 0 },
  };

  for (guint i = 0; i < MEASURES_PER_SESSION; i++)
    rows.baselines[i] = draw_baseline (data->rand);
  for (guint session = 0; session < SESSIONS_PER_EPISODE && data->rows < data->n_rows;
       session++)
    append_session (data, &rows, session);
  data->n_patients++;
}

static void
dataset_generate (Dataset *data,
                  guint    n_rows)
{
  data->csv = g_string_sized_new ((gsize) n_rows * BYTES_PER_ROW);
  data->rand = g_rand_new_with_seed (RANDOM_SEED);
  data->n_rows = n_rows;
  append_header (data->csv);
  for (guint patient = 0; data->rows < n_rows; patient++)
    append_patient (data, patient);
}

static gboolean
check_count (const char  *what,
             guint        actual,
             guint        expected,
             GError     **error)
{
  if (actual == expected)
    return TRUE;

  g_set_error (error, BENCH_ERROR, BENCH_ERROR_MISMATCH,
               "%s: %u, expected %u", what, actual, expected);
  return FALSE;
}

static gboolean
check_import_counts (const LimberImportCounts *counts,
                     const LimberImportCounts *expected,
                     GError                  **error)
{
  return check_count ("patients added", counts->patients_added,
                      expected->patients_added, error)
         && check_count ("episodes added", counts->episodes_added,
                         expected->episodes_added, error)
         && check_count ("sessions added", counts->sessions_added,
                         expected->sessions_added, error)
         && check_count ("measurements added", counts->measurements_added,
                         expected->measurements_added, error)
         && check_count ("rows unchanged", counts->rows_unchanged,
                         expected->rows_unchanged, error);
}

static void
report_step (const char *step,
             guint       n,
             const char *unit,
             gint64      start_usec)
{
  double seconds = (double) (g_get_monotonic_time () - start_usec) / G_USEC_PER_SEC;

  g_print ("%s %u %s: %.3f s (%.0f %s/s)\n",
           step, n, unit, seconds, n / MAX (seconds, 1e-6), unit);
}

static gboolean
bench_import (LimberStore   *store,
              const Dataset *data,
              const char    *step,
              gboolean       again,
              GError       **error)
{
  LimberImportCounts counts = { 0 };
  LimberImportCounts expected = { 0 };
  gint64 start = g_get_monotonic_time ();

  if (!limber_csv_import_data (store, data->csv->str, data->csv->len, "bench.csv",
                               &counts, error))
    return FALSE;
  report_step (step, data->rows, "rows", start);

  if (again)
    expected.rows_unchanged = data->rows;
  else
    expected = (LimberImportCounts) {
      data->n_patients, data->n_patients, data->n_sessions, data->rows, 0
    };
  return check_import_counts (&counts, &expected, error);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

static gboolean
bench_export (LimberStore   *store,
              const Dataset *data,
              GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text = limber_csv_export_data (store, error);

  if (text == NULL)
    return FALSE;
  report_step ("export", data->rows, "rows", start);

  /* The generated notes hold no line breaks: one line per row and the header. */
  return check_count ("exported lines", count_lines (text), data->rows + 1, error);
}

/* Patients spread over the whole clinic, not only the first ones in mrn order. */
static gboolean
bench_summaries (LimberStore   *store,
                 const Dataset *data,
                 GError       **error)
{
  guint n = MIN (N_SUMMARIES, data->n_patients);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *mrn = patient_mrn ((guint) ((guint64) i * data->n_patients / n));
      g_autofree char *json = limber_summary_to_json (store, mrn, error);

      if (json == NULL)
        return FALSE;
      if (strstr (json, mrn) == NULL)
        return check_count ("summaries naming their patient", i, n, error);
    }
  report_step ("summary", n, "patients", start);
  return TRUE;
}

static gboolean
bench_list_patients (LimberStore   *store,
                     const Dataset *data,
                     GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListModel) patients = limber_store_list_patients (store, error);

  if (patients == NULL)
    return FALSE;
  report_step ("list", data->n_patients, "patients", start);
  return check_count ("patients listed", g_list_model_get_n_items (patients),
                      data->n_patients, error);
}

static gboolean
run_benchmark (const char  *dir,
               guint        n_rows,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "clinic.sqlite", NULL);
  g_autoptr(LimberStore) store = NULL;
  g_auto(Dataset) data = { 0 };

  store = limber_store_open (path, error);
  if (store == NULL)
    return FALSE;

  dataset_generate (&data, n_rows);
  g_print ("bench-import: %u rows, %u patients, %u sessions, %.1f MB of CSV\n",
           data.rows, data.n_patients, data.n_sessions, data.csv->len / 1e6);

  return bench_import (store, &data, "import", FALSE, error)
         && bench_import (store, &data, "re-import", TRUE, error)
         && bench_export (store, &data, error)
         && bench_summaries (store, &data, error)
         && bench_list_patients (store, &data, error);
}

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int n_rows = DEFAULT_ROWS;
  const GOptionEntry entries[] = {
    { "rows", 'r', 0, G_OPTION_ARG_INT, &n_rows,
      "Measurement rows to import (default " G_STRINGIFY (DEFAULT_ROWS) ")", "N" },
    G_OPTION_ENTRY_NULL
  };
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context,
                                "Times CSV import, re-import, export, summaries and the "
                                "patient list on a temporary database.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }
  if (n_rows < 1)
    {
      g_printerr ("bench-import: --rows must be at least 1, not %d\n", n_rows);
      return 2;
    }

  dir = g_dir_make_tmp ("limber-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return EXIT_FAILURE;
    }
  ok = run_benchmark (dir, (guint) n_rows, &error);
  remove_tree (dir);
  if (!ok)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
