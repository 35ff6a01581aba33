/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-clinic.h"
#include "limber-measure.h"
#include "limber-store.h"

/* `make bench`: Limber at the size of a real clinic, each figure beside a baseline
 * measured in the same run, because the machines it runs on are shared and noisy.
 * Speed goals live here rather than in timed tests, which would fail on a busy
 * machine.
 *
 * The clinic comes from bench-clinic.c (10 000 patients by default, about 1 000 000
 * measurements). Its CSV file is generated once into the data folder and reused;
 * the databases are made anew in each run. Limber is timed as a clinic runs it: the
 * `limber` command for import, export and summaries, and the real window (through
 * bench-window, on the display `make bench` provides) for the first frame, patient
 * switches, typing in the search and memory. The baselines are SQLite's own command
 * line doing the same work on the same schema. */

#define DEFAULT_PATIENTS    10000
#define SMALL_PATIENTS      20
#define N_SUMMARIES         20
#define N_EXPORTS           3
#define N_WINDOW_STARTS     3
#define FRAME_MS            (1000.0 / 60)

typedef struct
{
  guint  n_patients;
  char  *data_dir;
  char  *run_dir;
  char  *limber;
  char  *window;
  char  *clinic_csv;
  char  *small_csv;
  char  *limber_db;
  char  *small_db;
  BenchClinicCounts counts;
  BenchClinicCounts small_counts;
  GString *table;
  guint    n_missed;
} Bench;

static void
bench_clear (Bench *bench)
{
  g_free (bench->data_dir);
  g_free (bench->run_dir);
  g_free (bench->limber);
  g_free (bench->window);
  g_free (bench->clinic_csv);
  g_free (bench->small_csv);
  g_free (bench->limber_db);
  g_free (bench->small_db);
  if (bench->table != NULL)
    g_string_free (bench->table, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bench, bench_clear)

/* ----- Running programs ----- */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Runs argv; its standard output goes to out (NULL: dropped). Returns the wall time
 * in seconds, or a negative number when it failed (its message is printed). */
static double
run_timed (const char * const *argv,
           char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                     NULL, NULL, out, &err, &status, &error))
    {
      g_printerr ("bench: cannot run %s: %s\n", argv[0], error->message);
      return -1;
    }
  seconds = seconds_since (start);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench: %s failed: %s\n%s", argv[0], error->message, err != NULL ? err : "");
      return -1;
    }
  return seconds;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The value below which fraction of the values lie (0.5 the median). */
static double
percentile (GArray *values,
            double  fraction)
{
  guint index;

  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  index = (guint) ceil (fraction * values->len) - 1;
  return g_array_index (values, double, MIN (index, values->len - 1));
}

/* ----- The table ----- */

static void
table_row (Bench      *bench,
           const char *what,
           const char *figure,
           const char *baseline,
           const char *ratio,
           const char *goal,
           gboolean    met)
{
  g_string_append_printf (bench->table, "| %s | %s | %s | %s | %s | %s |\n",
                          what, figure, baseline, ratio, goal, met ? "yes" : "**no**");
  if (!met)
    bench->n_missed++;
  g_print ("  %s: %s (baseline %s)\n", what, figure, baseline);
}

static void
table_missing (Bench      *bench,
               const char *what,
               const char *goal,
               const char *why)
{
  g_string_append_printf (bench->table, "| %s | %s | — | — | %s | — |\n", what, why, goal);
}

/* Three significant digits without an exponent: 1950 ms, 58.5 ms, 0.585 s. */
static char *
format_quantity (double      value,
                 const char *unit)
{
  int decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;

  return g_strdup_printf ("%.*f %s", decimals, value, unit);
}

static void
table_ratio (Bench      *bench,
             const char *what,
             double      value,
             double      base,
             const char *unit,
             const char *baseline_name,
             double      goal,
             gboolean    at_least)
{
  g_autofree char *figure = format_quantity (value, unit);
  g_autofree char *base_text = format_quantity (base, unit);
  g_autofree char *baseline = g_strdup_printf ("%s (%s)", base_text, baseline_name);
  g_autofree char *ratio = g_strdup_printf ("%.2f×", value / base);
  g_autofree char *goal_text = g_strdup_printf ("%s %.2g×", at_least ? "≥" : "≤", goal);
  gboolean met = at_least ? value / base >= goal : value / base <= goal;

  table_row (bench, what, figure, baseline, ratio, goal_text, met);
}

/* ----- The data ----- */

static gboolean
read_counts (const char        *path,
             BenchClinicCounts *counts)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  counts->n_patients = g_key_file_get_integer (file, "clinic", "patients", NULL);
  counts->n_episodes = g_key_file_get_integer (file, "clinic", "episodes", NULL);
  counts->n_sessions = g_key_file_get_integer (file, "clinic", "sessions", NULL);
  counts->n_rows = g_key_file_get_integer (file, "clinic", "measurements", NULL);
  return counts->n_rows > 0;
}

static gboolean
write_counts (const char              *path,
              const BenchClinicCounts *counts,
              GError                 **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_key_file_set_integer (file, "clinic", "patients", counts->n_patients);
  g_key_file_set_integer (file, "clinic", "episodes", counts->n_episodes);
  g_key_file_set_integer (file, "clinic", "sessions", counts->n_sessions);
  g_key_file_set_integer (file, "clinic", "measurements", counts->n_rows);
  return g_key_file_save_to_file (file, path, error);
}

/* The clinic's CSV file, made once per size and generator version. */
static char *
ensure_clinic (Bench              *bench,
               guint               n_patients,
               BenchClinicCounts  *counts,
               GError            **error)
{
  g_autofree char *name = g_strdup_printf ("clinic-v%d-%u", BENCH_CLINIC_VERSION, n_patients);
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *counts_name = g_strconcat (name, ".counts", NULL);
  g_autofree char *csv = g_build_filename (bench->data_dir, csv_name, NULL);
  g_autofree char *counts_path = g_build_filename (bench->data_dir, counts_name, NULL);
  gint64 start;

  if (g_file_test (csv, G_FILE_TEST_EXISTS) && read_counts (counts_path, counts))
    return g_steal_pointer (&csv);

  start = g_get_monotonic_time ();
  if (!bench_clinic_write_file (n_patients, csv, counts, error)
      || !write_counts (counts_path, counts, error))
    return NULL;
  g_print ("Generated %s in %.1f s\n", csv, seconds_since (start));
  return g_steal_pointer (&csv);
}

static char *
run_path (Bench      *bench,
          const char *name)
{
  return g_build_filename (bench->run_dir, name, NULL);
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* An empty clinic at the current schema, made by Limber itself. */
static gboolean
create_empty_database (const char  *path,
                       GError     **error)
{
  g_autoptr(LimberStore) store = NULL;

  remove_database (path);
  store = limber_store_open (path, error);
  return store != NULL;
}

/* ----- Import ----- */

/* What SQLite itself does to build the same rows: load the file into a staging table,
 * then fill each table, and its audit rows, with one INSERT … SELECT. The audit
 * triggers call functions only Limber registers, so the script writes the same audit
 * rows itself: the entries of the log, then the link of the hash chain of each, in
 * order, each hashing the previous one's (a recursive query, as schema 4 chains the
 * entries of an older log). The sqlite3 program has SHA-3 rather than SHA-256: the
 * same work, one hash of the values and one of the link for every entry. */
static char *
baseline_import_script (const char *csv,
                        const char *drop_triggers)
{
  g_autoptr(GString) sql = g_string_new (NULL);

#define AUDIT(table, json) \
  "INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values) " \
  "SELECT strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), 'bench', 'import', '" table "', id, NULL, " \
  json " FROM " table ";\n"

  g_string_append (sql,
    "PRAGMA foreign_keys = ON;\n"
    "PRAGMA synchronous = FULL;\n"
    "PRAGMA trusted_schema = OFF;\n"
    "BEGIN IMMEDIATE;\n");
  g_string_append (sql, drop_triggers);
  g_string_append (sql,
    "CREATE TABLE staging (mrn TEXT, patient_name TEXT, birth_date TEXT, condition TEXT, "
    "episode_start TEXT, session_date TEXT, therapist TEXT, measure TEXT, side TEXT, "
    "value TEXT, unit TEXT, notes TEXT);\n");
  g_string_append_printf (sql, ".import --csv --skip 1 '%s' staging\n", csv);
  g_string_append (sql,
    "INSERT INTO patient (mrn, name, birth_date) "
    "SELECT mrn, patient_name, NULLIF (birth_date, '') FROM staging GROUP BY mrn;\n"
    AUDIT ("patient", "json_object ('mrn', mrn, 'name', name, 'birth_date', birth_date, "
                      "'created_at', created_at)")
    "INSERT INTO episode (patient_id, condition, start_date) "
    "SELECT DISTINCT p.id, s.condition, s.episode_start FROM staging AS s "
    "JOIN patient AS p ON p.mrn = s.mrn;\n"
    AUDIT ("episode", "json_object ('patient_id', patient_id, 'condition', condition, "
                      "'body_region', body_region, 'side', side, 'onset_date', onset_date, "
                      "'start_date', start_date, 'discharge_date', discharge_date, "
                      "'planned_sessions', planned_sessions, 'sessions_per_week', "
                      "sessions_per_week, 'notes', notes)")
    "INSERT INTO session (episode_id, date, therapist, notes) "
    "SELECT e.id, s.session_date, max (NULLIF (s.therapist, '')), max (NULLIF (s.notes, '')) "
    "FROM staging AS s JOIN patient AS p ON p.mrn = s.mrn "
    "JOIN episode AS e ON e.patient_id = p.id AND e.condition = s.condition "
    "AND e.start_date = s.episode_start GROUP BY e.id, s.session_date;\n"
    AUDIT ("session", "json_object ('episode_id', episode_id, 'date', date, 'therapist', "
                      "therapist, 'techniques', techniques, 'notes', notes, 'soreness', soreness)")
    "INSERT INTO measurement (session_id, measure, side, value) "
    "SELECT se.id, s.measure, s.side, CAST (s.value AS REAL) "
    "FROM staging AS s JOIN patient AS p ON p.mrn = s.mrn "
    "JOIN episode AS e ON e.patient_id = p.id AND e.condition = s.condition "
    "AND e.start_date = s.episode_start "
    "JOIN session AS se ON se.episode_id = e.id AND se.date = s.session_date;\n"
    AUDIT ("measurement", "json_object ('session_id', session_id, 'measure', measure, "
                          "'side', side, 'value', value, 'answers', answers, "
                          "'item_names', item_names)")
    "INSERT INTO audit_chain (audit_id, values_hash, chain_hash) "
    "WITH RECURSIVE link (id, values_hash, chain_hash) AS ("
    " SELECT (SELECT ifnull (max (audit_id), 0) FROM audit_chain), NULL, "
    "  (SELECT chain_hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1)"
    " UNION ALL"
    " SELECT a.id, sha3 (ifnull (a.old_values, '') || ifnull (a.new_values, ''), 256), "
    "  sha3 (ifnull (l.chain_hash, '') || a.id || a.at || a.user_name || a.action || a.table_name "
    "        || a.row_id || sha3 (ifnull (a.old_values, '') || ifnull (a.new_values, ''), 256), 256) "
    " FROM link AS l JOIN audit_log AS a ON a.id = l.id + 1) "
    "SELECT id, values_hash, chain_hash FROM link WHERE values_hash IS NOT NULL;\n"
    "DROP TABLE staging;\n"
    "COMMIT;\n");
#undef AUDIT

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The triggers (the audit rows and their hash chain) call functions that only
 * Limber registers: they are dropped inside the timed transaction, by statements a
 * first query lists, and the script writes the audit rows and their chain itself. */
static double
run_baseline_import (Bench   *bench,
                     GError **error)
{
  g_autofree char *db = run_path (bench, "baseline.sqlite");
  g_autofree char *script_path = run_path (bench, "baseline-import.sql");
  g_autofree char *drops = NULL;
  g_autofree char *script = NULL;
  g_autofree char *read_command = NULL;
  const char *list_argv[] = { "sqlite3", "-batch", db,
                              "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema "
                              "WHERE type = 'trigger'", NULL };
  const char *argv[] = { "sqlite3", "-batch", "-bail", db, NULL, NULL };

  if (!create_empty_database (db, error))
    return -1;
  if (run_timed (list_argv, &drops) < 0)
    return -1;

  script = baseline_import_script (bench->clinic_csv, drops);
  if (!g_file_set_contents (script_path, script, -1, error))
    return -1;

  read_command = g_strdup_printf (".read '%s'", script_path);
  argv[4] = read_command;
  return run_timed (argv, NULL);
}

static double
run_limber_import (Bench      *bench,
                   const char *db,
                   const char *csv,
                   char      **out)
{
  const char *argv[] = { bench->limber, "--database", db, "import", csv, NULL };

  return run_timed (argv, out);
}

static gboolean
bench_import (Bench   *bench,
              GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  double baseline, import, reimport;

  g_print ("Import of %u measurements…\n", bench->counts.n_rows);
  baseline = run_baseline_import (bench, error);
  if (baseline < 0)
    {
      if (*error == NULL)
        g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                             "the baseline import failed");
      return FALSE;
    }

  remove_database (bench->limber_db);
  import = run_limber_import (bench, bench->limber_db, bench->clinic_csv, &out);
  reimport = import < 0 ? -1 : run_limber_import (bench, bench->limber_db, bench->clinic_csv, &again);
  if (import < 0 || reimport < 0)
    {
      g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "limber import failed");
      return FALSE;
    }
  g_print ("  %s  %s", out, again);

  /* Throughput: the baseline's time over Limber's. */
  {
    double rate = bench->counts.n_rows / import;
    double base_rate = bench->counts.n_rows / baseline;
    g_autofree char *figure = g_strdup_printf ("%.0f rows/s (%.1f s)", rate, import);
    g_autofree char *base_text = g_strdup_printf ("%.0f rows/s (%.1f s, sqlite3 .import + INSERT…SELECT, audit log and chain)",
                                                  base_rate, baseline);
    g_autofree char *ratio = g_strdup_printf ("%.2f×", rate / base_rate);

    table_row (bench, "CSV import throughput", figure, base_text, ratio, "≥ 0.8×",
               rate / base_rate >= 0.8);
  }
  table_ratio (bench, "re-import, all unchanged", reimport, import, "s", "the import", 0.5, FALSE);
  return TRUE;
}

/* ----- Export ----- */

static char *
baseline_export_sql (void)
{
  GListModel *catalog = limber_measure_get_catalog ();
  g_autoptr(GString) sql = g_string_new ("WITH unit (measure, unit) AS (VALUES ");

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);

      g_string_append_printf (sql, "%s('%s', '%s')", i > 0 ? ", " : "",
                              limber_measure_get_code (measure), limber_measure_get_unit (measure));
    }
  g_string_append (sql,
    ") SELECT p.mrn, p.name AS patient_name, p.birth_date, e.condition, "
    "e.start_date AS episode_start, s.date AS session_date, s.therapist, m.measure, m.side, "
    "m.value, u.unit, s.notes "
    "FROM measurement AS m JOIN session AS s ON s.id = m.session_id "
    "JOIN episode AS e ON e.id = s.episode_id JOIN patient AS p ON p.id = e.patient_id "
    "LEFT JOIN unit AS u ON u.measure = m.measure "
    "ORDER BY p.mrn, e.start_date, s.date, m.measure, m.side, e.condition");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  g_autoptr(GMappedFile) fa = g_mapped_file_new (a, FALSE, NULL);
  g_autoptr(GMappedFile) fb = g_mapped_file_new (b, FALSE, NULL);

  return fa != NULL && fb != NULL
         && g_mapped_file_get_length (fa) == g_mapped_file_get_length (fb)
         && memcmp (g_mapped_file_get_contents (fa), g_mapped_file_get_contents (fb),
                    g_mapped_file_get_length (fa)) == 0;
}

static gboolean
bench_export (Bench   *bench,
              GError **error)
{
  g_autofree char *limber_csv = run_path (bench, "export.csv");
  g_autofree char *sqlite_csv = run_path (bench, "export-sqlite3.csv");
  g_autofree char *output = g_strdup_printf (".output '%s'", sqlite_csv);
  g_autofree char *sql = baseline_export_sql ();
  const char *limber_argv[] = { bench->limber, "--database", bench->limber_db, "export",
                                limber_csv, NULL };
  const char *sqlite_argv[] = { "sqlite3", "-readonly", "-csv", "-header", bench->limber_db,
                                output, sql, NULL };
  g_autoptr(GArray) limber = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite = g_array_new (FALSE, FALSE, sizeof (double));

  g_print ("Export…\n");
  for (guint i = 0; i < N_EXPORTS; i++)
    {
      double a = run_timed (sqlite_argv, NULL);
      double b = run_timed (limber_argv, NULL);

      if (a < 0 || b < 0)
        {
          g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "export failed");
          return FALSE;
        }
      g_array_append_val (sqlite, a);
      g_array_append_val (limber, b);
    }

  if (!files_equal (limber_csv, bench->clinic_csv))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "the export %s differs from the imported %s", limber_csv, bench->clinic_csv);
      return FALSE;
    }
  table_ratio (bench, "export (median of 3)", percentile (limber, 0.5), percentile (sqlite, 0.5),
               "s", "sqlite3 -csv of the same join", 2, FALSE);
  return TRUE;
}

/* ----- Summary ----- */

static gboolean
bench_summary (Bench   *bench,
               GError **error)
{
  g_autoptr(GArray) big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;

  g_print ("Summaries…\n");
  remove_database (bench->small_db);
  if (run_limber_import (bench, bench->small_db, bench->small_csv, &out) < 0)
    {
      g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "the small import failed");
      return FALSE;
    }

  for (guint i = 0; i < N_SUMMARIES; i++)
    {
      /* Patients spread over the whole clinic; the small clinic's are its own. */
      g_autofree char *big_mrn = bench_clinic_patient_mrn (i * (bench->n_patients / N_SUMMARIES) + 1);
      g_autofree char *small_mrn = bench_clinic_patient_mrn (i % SMALL_PATIENTS);
      const char *big_argv[] = { bench->limber, "--database", bench->limber_db, "summary",
                                 big_mrn, "--json", NULL };
      const char *small_argv[] = { bench->limber, "--database", bench->small_db, "summary",
                                   small_mrn, "--json", NULL };
      double a = run_timed (small_argv, NULL);
      double b = run_timed (big_argv, NULL);

      if (a < 0 || b < 0)
        {
          g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "summary failed");
          return FALSE;
        }
      a *= 1000;
      b *= 1000;
      g_array_append_val (small, a);
      g_array_append_val (big, b);
    }

  table_ratio (bench, "`summary --json` of one patient (median of 20)", percentile (big, 0.5),
               percentile (small, 0.5), "ms", "the same on a 20-patient clinic", 1.2, FALSE);
  return TRUE;
}

/* ----- The window ----- */

typedef struct
{
  double  first_frame_ms;
  double  rss_mb;
  GArray *switches;
  GArray *keys;
} WindowRun;

static gboolean
run_window (Bench      *bench,
            const char *db,
            gboolean    interact,
            WindowRun  *run)
{
  const char *argv[] = { bench->window, "--database", db, interact ? "--interact" : NULL, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 start = g_get_monotonic_time ();

  if (run_timed (argv, &out) < 0)
    return FALSE;

  run->first_frame_ms = NAN;
  run->rss_mb = NAN;
  run->switches = g_array_new (FALSE, FALSE, sizeof (double));
  run->keys = g_array_new (FALSE, FALSE, sizeof (double));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      double value;

      if (g_str_has_prefix (line, "first-frame "))
        run->first_frame_ms = (g_ascii_strtoll (line + 12, NULL, 10) - start) / 1000.0;
      else if (g_str_has_prefix (line, "rss-kb "))
        run->rss_mb = g_ascii_strtod (line + 7, NULL) / 1024;
      else if (g_str_has_prefix (line, "switch "))
        {
          value = g_ascii_strtod (line + 7, NULL);
          g_array_append_val (run->switches, value);
        }
      else if (g_str_has_prefix (line, "key "))
        {
          value = g_ascii_strtod (line + 4, NULL);
          g_array_append_val (run->keys, value);
        }
    }
  return !isnan (run->first_frame_ms) && !isnan (run->rss_mb);
}

static void
window_run_clear (WindowRun *run)
{
  g_clear_pointer (&run->switches, g_array_unref);
  g_clear_pointer (&run->keys, g_array_unref);
}

static gboolean
bench_window (Bench   *bench,
              GError **error)
{
  g_autofree char *empty_db = run_path (bench, "empty.sqlite");
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_rss = g_array_new (FALSE, FALSE, sizeof (double));
  WindowRun run = { 0 };
  const char *goal = "≤ 1.5×";

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      table_missing (bench, "first frame of the window", goal, "no display: run `make bench`");
      return TRUE;
    }
  if (!create_empty_database (empty_db, error))
    return FALSE;

  g_print ("The window…\n");
  for (guint i = 0; i < N_WINDOW_STARTS; i++)
    {
      WindowRun empty = { 0 }, big = { 0 };

      if (!run_window (bench, empty_db, FALSE, &empty) || !run_window (bench, bench->limber_db, FALSE, &big))
        {
          window_run_clear (&empty);
          window_run_clear (&big);
          g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "bench-window failed");
          return FALSE;
        }
      g_array_append_val (empty_frames, empty.first_frame_ms);
      g_array_append_val (frames, big.first_frame_ms);
      g_array_append_val (empty_rss, empty.rss_mb);
      g_array_append_val (rss, big.rss_mb);
      window_run_clear (&empty);
      window_run_clear (&big);
    }

  table_ratio (bench, "first frame of the window (median of 3)", percentile (frames, 0.5),
               percentile (empty_frames, 0.5), "ms", "empty clinic", 1.5, FALSE);

  if (!run_window (bench, bench->limber_db, TRUE, &run) || run.switches->len == 0
      || run.keys->len == 0)
    {
      window_run_clear (&run);
      g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "bench-window --interact failed");
      return FALSE;
    }

  {
    double median = percentile (run.switches, 0.5);
    double p99 = percentile (run.switches, 0.99);
    double key_median = percentile (run.keys, 0.5);
    double key_worst = percentile (run.keys, 1.0);
    double mb = percentile (rss, 0.5);
    double empty_mb = percentile (empty_rss, 0.5);
    g_autofree char *figure = g_strdup_printf ("median %.1f ms, p99 %.1f ms (%u switches)",
                                               median, p99, run.switches->len);
    g_autofree char *ratio = g_strdup_printf ("%.2f, %.2f frames", median / FRAME_MS, p99 / FRAME_MS);
    g_autofree char *keys = g_strdup_printf ("median %.1f ms, worst %.1f ms (%u keystrokes)",
                                             key_median, key_worst, run.keys->len);
    g_autofree char *key_ratio = g_strdup_printf ("%.2f frames worst", key_worst / FRAME_MS);
    g_autofree char *memory = g_strdup_printf ("%.0f MB", mb);
    g_autofree char *empty_memory = g_strdup_printf ("%.0f MB (empty clinic)", empty_mb);
    g_autofree char *memory_ratio = g_strdup_printf ("%.2f×", mb / empty_mb);

    table_row (bench, "patient switch", figure, "a 16.7 ms frame", ratio,
               "≤ 1 frame median, ≤ 3 at p99", median <= FRAME_MS && p99 <= 3 * FRAME_MS);
    table_row (bench, "typing in the search", keys, "a 16.7 ms frame", key_ratio,
               "≤ 1 frame a keystroke", key_worst <= FRAME_MS);
    table_row (bench, "resident memory, window open", memory, empty_memory, memory_ratio,
               "≤ 1.5× and < 150 MB", mb / empty_mb <= 1.5 && mb < 150);
  }
  window_run_clear (&run);
  return TRUE;
}

/* ----- Reports ----- */

static gboolean
limber_has_verb (Bench      *bench,
                 const char *verb)
{
  const char *argv[] = { bench->limber, "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *pattern = g_strdup_printf ("\n  %s ", verb);

  return run_timed (argv, &out) >= 0 && out != NULL && strstr (out, pattern) != NULL;
}

static void
bench_report (Bench      *bench,
              const char *what,
              const char *verb,
              const char *goal,
              double      goal_ms,
              const char * const *argv)
{
  double seconds;
  g_autofree char *figure = NULL;

  if (!limber_has_verb (bench, verb))
    {
      table_missing (bench, what, goal, "not built yet");
      return;
    }

  seconds = run_timed (argv, NULL);
  if (seconds < 0)
    {
      table_missing (bench, what, goal, "failed (see above)");
      bench->n_missed++;
      return;
    }
  figure = g_strdup_printf ("%.0f ms", seconds * 1000);
  table_row (bench, what, figure, "—", "—", goal, seconds * 1000 <= goal_ms);
}

static void
bench_reports (Bench *bench)
{
  g_autofree char *mrn = bench_clinic_patient_mrn (0);
  g_autofree char *report = run_path (bench, "progress.pdf");
  g_autofree char *clinic = run_path (bench, "clinic.pdf");
  const char *report_argv[] = { bench->limber, "--database", bench->limber_db, "report", mrn,
                                "-o", report, "--kind", "progress", NULL };
  const char *clinic_argv[] = { bench->limber, "--database", bench->limber_db,
                                "clinic-report", "-o", clinic, NULL };

  g_print ("Reports…\n");
  bench_report (bench, "progress report of a 60-session course", "report", "≤ 300 ms", 300,
                report_argv);
  bench_report (bench, "clinic outcomes report", "clinic-report", "≤ 2 s", 2000, clinic_argv);
}

/* ----- Main ----- */

static gboolean
run_benchmark (Bench   *bench,
               GError **error)
{
  g_autofree char *title = NULL;

  if (g_mkdir_with_parents (bench->run_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s", bench->run_dir);
      return FALSE;
    }
  bench->clinic_csv = ensure_clinic (bench, bench->n_patients, &bench->counts, error);
  if (bench->clinic_csv == NULL)
    return FALSE;
  bench->small_csv = ensure_clinic (bench, SMALL_PATIENTS, &bench->small_counts, error);
  if (bench->small_csv == NULL)
    return FALSE;
  bench->limber_db = run_path (bench, "clinic.sqlite");
  bench->small_db = run_path (bench, "small.sqlite");

  if (!bench_import (bench, error) || !bench_export (bench, error)
      || !bench_summary (bench, error) || !bench_window (bench, error))
    return FALSE;
  bench_reports (bench);

  g_print ("\nLimber at clinic scale: %u patients, %u courses of care, %u sessions, "
           "%u measurements\n\n",
           bench->counts.n_patients, bench->counts.n_episodes, bench->counts.n_sessions,
           bench->counts.n_rows);
  g_print ("| what | Limber | baseline in the same run | ratio | goal | met |\n");
  g_print ("| --- | --- | --- | --- | --- | --- |\n");
  g_print ("%s\n", bench->table->str);
  g_print ("%u goal%s not met.\n", bench->n_missed, bench->n_missed == 1 ? "" : "s");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Bench) bench = { 0 };
  int n_patients = DEFAULT_PATIENTS;
  g_autofree char *data_dir = NULL;
  const GOptionEntry entries[] = {
    { "patients", 'p', 0, G_OPTION_ARG_INT, &n_patients,
      "Patients of the generated clinic (default " G_STRINGIFY (DEFAULT_PATIENTS) ")", "N" },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      "Where the generated clinic is kept between runs (default: the build folder)", "DIR" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context,
                                "Times Limber on a generated clinic against baselines "
                                "measured in the same run.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      return 2;
    }
  if (n_patients < SMALL_PATIENTS)
    {
      g_printerr ("bench: --patients must be at least %d, not %d\n", SMALL_PATIENTS, n_patients);
      return 2;
    }

  bench.n_patients = (guint) n_patients;
  bench.data_dir = data_dir != NULL ? g_steal_pointer (&data_dir)
                                    : g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                                        ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                                        "bench-data", NULL);
  bench.run_dir = g_build_filename (bench.data_dir, "run", NULL);
  bench.limber = g_strdup (g_getenv ("LIMBER_BINARY") != NULL ? g_getenv ("LIMBER_BINARY") : "limber");
  bench.window = g_strdup (g_getenv ("LIMBER_BENCH_WINDOW") != NULL
                           ? g_getenv ("LIMBER_BENCH_WINDOW") : "bench-window");
  bench.table = g_string_new (NULL);

  if (!run_benchmark (&bench, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
