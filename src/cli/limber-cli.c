/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "limber-chart-export.h"
#include "limber-cli.h"
#include "limber-clinic-report.h"
#include "limber-csv-export.h"
#include "limber-csv-import.h"
#include "limber-date.h"
#include "limber-demo.h"
#include "limber-episode-report.h"
#include "limber-episode-loader.h"
#include "limber-store.h"
#include "limber-summary.h"
#include "limber-trend-chart.h"

/* The command line of interchange.md. Scripts depend on it: results alone on stdout,
 * every message on stderr prefixed "limber: ", and the exit statuses of
 * LimberExitStatus. Nothing here may need a display. */

typedef struct
{
  char      *database;   /* --database, or NULL for the default */
  gboolean   help;
  gboolean   version;
  gboolean   json;       /* summary --json */
  GPtrArray *words;      /* the verb and its arguments (borrowed strings) */
  GHashTable *values;    /* options that take a value (see value_options) → value */
} LimberCliArgs;

/* Options followed by a value, as "--kind patient" or "--kind=patient"; which verb
 * takes which is checked with the verb. "-o" is short for "--output". */
static const char *const value_options[] = {
  "--output", "--kind", "--episode", "--from", "--to", NULL,
};

static void
limber_cli_args_clear (LimberCliArgs *args)
{
  g_clear_pointer (&args->database, g_free);
  g_clear_pointer (&args->words, g_ptr_array_unref);
  g_clear_pointer (&args->values, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LimberCliArgs, limber_cli_args_clear)

static void
print_message (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static void
print_message (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Text from a damaged file must not make the message invalid UTF-8. */
  valid = g_utf8_make_valid (message, -1);
  fprintf (stderr, "limber: %s\n", valid);
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "limber: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “limber --help” for more information."));
  return LIMBER_EXIT_USAGE;
}

static void
print_usage (void)
{
  g_autofree char *default_path = limber_store_get_default_path ();

  printf (_("Usage: limber [--database FILE] [VERB ...]\n"
            "\n"
            "Track how patients recover. Without a verb, Limber opens its window.\n"
            "\n"
            "Verbs:\n"
            "  import FILE.csv        import measurements from a CSV file (all or nothing)\n"
            "  export FILE.csv        export every measurement to a CSV file\n"
            "  demo                   fill an empty database with a demo clinic\n"
            "  summary MRN [--json]   trends of the patient’s current course of care\n"
            "  check                  read the whole database and tell of any damage or\n"
            "                         change made outside Limber\n"
            "  backup [FILE]          a checked copy of the database (default: into the\n"
            "                         backups folder beside it)\n"
            "  restore FILE           replace the database by a backup, keeping a copy of\n"
            "                         the current one in the backups folder\n"
            "  report MRN -o FILE.pdf [--kind progress|discharge|patient]\n"
            "         [--episode START_DATE]\n"
            "                         a PDF report of the patient’s current course of care\n"
            "                         (or of the one started that day)\n"
            "  clinic-report -o FILE.pdf [--from DATE] [--to DATE]\n"
            "                         the clinic’s outcomes of the courses of care started\n"
            "                         in that period\n"
            "  chart MRN MEASURE -o FILE.png|FILE.svg|FILE.pdf [--side left|right]\n"
            "        [--width PX --height PX] [--episode START_DATE]\n"
            "                         draw a measure’s chart (default 800×400)\n"
            "\n"
            "Options:\n"
            "  --database FILE        use this database (default: %s;\n"
            "                         the LIMBER_DATABASE environment variable overrides it)\n"
            "  -h, --help             show this help\n"
            "  --version              show the version\n"
            "\n"
            "Exit status: 0 success, 1 invalid input or data (or check found a problem),\n"
            "2 usage error, 3 the database cannot be opened, is damaged, is not Limber’s\n"
            "or was made by a newer version, 4 could not write (disk full or I/O error);\n"
            "nothing was saved.\n"),
          default_path);
}

/* The value of "--database FILE" or "--database=FILE" at argv[*i], advancing *i past
 * it. Returns FALSE when argv[*i] is not that option; sets *missing when it is but
 * has no value. */
static gboolean
take_database_option (int          argc,
                      char       **argv,
                      int         *i,
                      const char **value,
                      gboolean    *missing)
{
  const char *arg = argv[*i];

  *value = NULL;
  *missing = FALSE;

  if (g_str_has_prefix (arg, "--database="))
    {
      *value = arg + strlen ("--database=");
      *missing = **value == '\0';
      return TRUE;
    }
  if (!g_str_equal (arg, "--database"))
    return FALSE;

  if (*i + 1 >= argc)
    {
      *missing = TRUE;
      return TRUE;
    }
  *value = argv[++*i];
  return TRUE;
}

gboolean
limber_cli_is_headless (int    argc,
                        char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value;
      gboolean missing;

      /* A --database without its file is a usage error, reported without a window. */
      if (take_database_option (argc, argv, &i, &value, &missing))
        {
          if (missing)
            return TRUE;
          continue;
        }
      /* D-Bus activation and other GApplication machinery stay with the application. */
      if (g_str_has_prefix (arg, "--gapplication-"))
        continue;
      /* A verb, --help, --version, and any option the application does not know,
       * which the command line then reports as a usage error without a display. */
      return TRUE;
    }

  return FALSE;
}

/* Takes a value option at argv[*i] into args->values. Returns FALSE when argv[*i] is
 * no such option; sets *status to a usage error when its value is missing. */
static gboolean
take_value_option (int            argc,
                   char         **argv,
                   int           *i,
                   LimberCliArgs *args,
                   int           *status)
{
  const char *arg = argv[*i];
  g_autofree char *name = NULL;
  const char *value = NULL;
  const char *equals = strchr (arg, '=');

  name = equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);
  if (g_str_equal (name, "-o"))
    {
      g_free (name);
      name = g_strdup ("--output");
    }
  if (!g_strv_contains (value_options, name))
    return FALSE;

  if (equals != NULL)
    value = equals + 1;
  else if (*i + 1 < argc)
    value = argv[++*i];

  if (value == NULL || *value == '\0')
    {
      *status = usage_error (_("%s needs a value"), name);
      return TRUE;
    }
  g_hash_table_insert (args->values, g_steal_pointer (&name), g_strdup (value));
  return TRUE;
}

/* Verbs whose options are their own (chart's -o, --side…) get them with their
 * arguments. */
static gboolean
verb_parses_options (const LimberCliArgs *args)
{
  return args->words->len > 0 && g_str_equal (g_ptr_array_index (args->words, 0), "chart");
}

static int
parse_args (int            argc,
            char         **argv,
            LimberCliArgs *args)
{
  gboolean only_words = FALSE;
  int status = LIMBER_EXIT_SUCCESS;

  args->words = g_ptr_array_new ();
  args->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value;
      gboolean missing;

      if (only_words || arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (args->words, (gpointer) arg);
          continue;
        }

      if (g_str_equal (arg, "--"))
        only_words = TRUE;
      else if (take_database_option (argc, argv, &i, &value, &missing))
        {
          if (missing)
            return usage_error (_("--database needs a file name"));
          g_free (args->database);
          args->database = g_strdup (value);
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        args->help = TRUE;
      else if (g_str_equal (arg, "--version"))
        args->version = TRUE;
      else if (g_str_equal (arg, "--json"))
        args->json = TRUE;
      else if (verb_parses_options (args))
        g_ptr_array_add (args->words, (gpointer) arg);
      else if (take_value_option (argc, argv, &i, args, &status))
        {
          if (status != LIMBER_EXIT_SUCCESS)
            return status;
        }
      else
        return usage_error (_("unknown option “%s”"), arg);
    }

  return LIMBER_EXIT_SUCCESS;
}

/* ----- Errors ----- */

/* The exit status a failed verb ends with: the disk refusing a write (4) and the
 * database being unusable (3) are told apart from bad input or data (1). */
static int
exit_status_for_error (const GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_IO)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return LIMBER_EXIT_WRITE;

  if (error->domain != LIMBER_STORE_ERROR)
    return LIMBER_EXIT_INVALID;

  switch ((LimberStoreError) error->code)
    {
    case LIMBER_STORE_ERROR_OPEN:
    case LIMBER_STORE_ERROR_NOT_LIMBER:
    case LIMBER_STORE_ERROR_NEWER_VERSION:
    case LIMBER_STORE_ERROR_OLDER_VERSION:
    case LIMBER_STORE_ERROR_CORRUPT:
    case LIMBER_STORE_ERROR_BUSY:
    case LIMBER_STORE_ERROR_TAMPERED:
    case LIMBER_STORE_ERROR_UNFINISHED:
    /* A file that cannot be read cannot be opened either: nothing was written. */
    case LIMBER_STORE_ERROR_READ:
      return LIMBER_EXIT_DATABASE;
    case LIMBER_STORE_ERROR_FULL:
    case LIMBER_STORE_ERROR_IO:
      return LIMBER_EXIT_WRITE;
    case LIMBER_STORE_ERROR_CONSTRAINT:
    case LIMBER_STORE_ERROR_NOT_FOUND:
    case LIMBER_STORE_ERROR_FAILED:
    default:
      return LIMBER_EXIT_INVALID;
    }
}

static int
report_error (const GError *error)
{
  print_message ("%s", error->message);
  return exit_status_for_error (error);
}

/* ----- Opening the database ----- */

static char *
database_path (const LimberCliArgs *args)
{
  if (args->database != NULL)
    return g_strdup (args->database);
  return limber_store_get_default_path ();
}

/* Whether writing output would overwrite the database, or put a file where SQLite
 * keeps the database's journals: the same file, or the same name. */
static gboolean
output_is_database (const char *output,
                    const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *output_name = g_canonicalize_filename (output, NULL);
  GStatBuf output_st;
  gboolean output_exists = g_stat (output, &output_st) == 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *companion_name = g_canonicalize_filename (companion, NULL);
      GStatBuf st;

      if (g_str_equal (output_name, companion_name))
        return TRUE;
      if (output_exists && g_stat (companion, &st) == 0
          && st.st_dev == output_st.st_dev && st.st_ino == output_st.st_ino)
        return TRUE;
    }

  return FALSE;
}

/* Verbs that only read never write to the database: they refuse one that is not
 * there (a mistyped --database would otherwise export an empty file), work on a
 * read-only file, and refuse an output file (or NULL) that is the database. */
static LimberStore *
open_store (const LimberCliArgs *args,
            gboolean             read_only,
            const char          *output,
            int                 *status)
{
  g_autofree char *path = database_path (args);
  g_autoptr(GError) error = NULL;
  LimberStore *store;

  if (output != NULL && output_is_database (output, path))
    {
      g_autofree char *display = g_filename_display_name (output);

      print_message (_("%s is the database itself (or one of its journals) and would be "
                       "overwritten; give another output file"), display);
      *status = LIMBER_EXIT_INVALID;
      return NULL;
    }

  store = limber_store_open_full (path,
                                  read_only ? LIMBER_STORE_OPEN_READ_ONLY
                                            : LIMBER_STORE_OPEN_DEFAULT,
                                  &error);
  if (store == NULL)
    {
      if (read_only && g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN)
          && !g_file_test (path, G_FILE_TEST_EXISTS))
        print_message (_("There is no database at %s; give another with --database FILE"),
                       path);
      else
        print_message ("%s", error->message);
      *status = exit_status_for_error (error);
      return NULL;
    }

  return store;
}

/* ----- Verbs ----- */

static int
run_import (const LimberCliArgs *args,
            const char          *csv_path)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *line = NULL;
  LimberImportCounts counts = { 0 };
  gsize length = 0;
  int status = LIMBER_EXIT_SUCCESS;

  /* Read the file first so that a mistyped name creates no database. */
  if (!g_file_get_contents (csv_path, &data, &length, &error))
    return report_error (error);

  store = open_store (args, FALSE, NULL, &status);
  if (store == NULL)
    return status;

  if (!limber_csv_import_data (store, data, length, csv_path, &counts, &error))
    {
      /* Every "FILE:LINE: column: message" line as it is, for editors and scripts. */
      if (g_error_matches (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID))
        {
          fprintf (stderr, "%s", error->message);
          if (!g_str_has_suffix (error->message, "\n"))
            fputc ('\n', stderr);
          return LIMBER_EXIT_INVALID;
        }
      return report_error (error);
    }

  line = limber_import_counts_to_string (&counts);
  printf ("%s\n", line);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_export (const LimberCliArgs *args,
            const char          *csv_path)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;
  int status = LIMBER_EXIT_SUCCESS;

  store = open_store (args, TRUE, csv_path, &status);
  if (store == NULL)
    return status;

  if (!limber_csv_export_file (store, csv_path, &n_rows, &error))
    return report_error (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u measurement.\n",
                       "Exported %u measurements.\n", n_rows),
          n_rows);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_demo (const LimberCliArgs *args)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_patients;
  int status = LIMBER_EXIT_SUCCESS;

  store = open_store (args, FALSE, NULL, &status);
  if (store == NULL)
    return status;

  if (!limber_demo_fill (store, &error))
    return report_error (error);

  n_patients = limber_store_count_patients (store, &error);
  if (error != NULL)
    return report_error (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Created the demo clinic: %u patient.\n",
                       "Created the demo clinic: %u patients.\n", n_patients),
          n_patients);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_summary (const LimberCliArgs *args,
             const char          *mrn)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = LIMBER_EXIT_SUCCESS;

  store = open_store (args, TRUE, NULL, &status);
  if (store == NULL)
    return status;

  if (args->json)
    text = limber_summary_to_json (store, mrn, &error);
  else
    text = limber_summary_to_text (store, mrn, &error);
  if (text == NULL)
    return report_error (error);

  fputs (text, stdout);
  if (!g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_check (const LimberCliArgs *args)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *display = NULL;
  int status = LIMBER_EXIT_SUCCESS;

  store = open_store (args, TRUE, NULL, &status);
  if (store == NULL)
    return status;

  problems = limber_store_verify (store, &error);
  if (problems == NULL)
    return report_error (error);

  display = g_filename_display_name (limber_store_get_path (store));
  if (problems->len == 0)
    {
      printf (_("%s: all checks passed.\n"), display);
      return LIMBER_EXIT_SUCCESS;
    }

  for (guint i = 0; i < problems->len; i++)
    print_message ("%s: %s", display, (const char *) g_ptr_array_index (problems, i));
  return LIMBER_EXIT_INVALID;
}

/* ----- Reports ----- */

static const char *
option_value (const LimberCliArgs *args,
              const char          *name)
{
  return g_hash_table_lookup (args->values, name);
}

/* A date option, checked; *status is set to a usage error when it is not a day. */
static const char *
date_option (const LimberCliArgs *args,
             const char          *name,
             int                 *status)
{
  const char *value = option_value (args, name);

  if (value != NULL && !limber_date_is_valid (value))
    *status = usage_error (_("%s needs a date as YYYY-MM-DD, not “%s”"), name, value);
  return value;
}

static int
write_report (LimberReportDocument *document,
              const char           *path)
{
  g_autoptr (GError) error = NULL;

  if (!limber_report_document_write_pdf (document, path, &error))
    return report_error (error);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_report (const LimberCliArgs *args,
            const char          *mrn)
{
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr (LimberClinic) clinic = NULL;
  g_autoptr (LimberReportDocument) document = NULL;
  const char *output = option_value (args, "--output");
  const char *kind_text = option_value (args, "--kind");
  const char *episode_start;
  LimberReportKind kind = LIMBER_REPORT_KIND_PROGRESS;
  int status = LIMBER_EXIT_SUCCESS;

  if (output == NULL)
    return usage_error (_("report needs -o FILE.pdf: limber report MRN -o FILE.pdf"));
  if (kind_text != NULL && !limber_report_kind_from_string (kind_text, &kind))
    return usage_error (_("--kind is progress, discharge or patient, not “%s”"), kind_text);
  episode_start = date_option (args, "--episode", &status);
  if (status != LIMBER_EXIT_SUCCESS)
    return status;

  store = open_store (args, TRUE, output, &status);
  if (store == NULL)
    return status;

  analysis = limber_episode_report_load (store, mrn, episode_start, &error);
  if (analysis == NULL)
    return report_error (error);
  clinic = limber_store_get_clinic (store, &error);
  if (clinic == NULL)
    return report_error (error);

  document = limber_episode_report_build (analysis, clinic, kind, NULL);
  return write_report (document, output);
}

static int
run_clinic_report (const LimberCliArgs *args)
{
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClinicStats) stats = NULL;
  g_autoptr (LimberClinic) clinic = NULL;
  g_autoptr (LimberReportDocument) document = NULL;
  const char *output = option_value (args, "--output");
  const char *from, *to;
  int status = LIMBER_EXIT_SUCCESS;

  if (output == NULL)
    return usage_error (_("clinic-report needs -o FILE.pdf: limber clinic-report -o FILE.pdf"));
  from = date_option (args, "--from", &status);
  if (status != LIMBER_EXIT_SUCCESS)
    return status;
  to = date_option (args, "--to", &status);
  if (status != LIMBER_EXIT_SUCCESS)
    return status;
  if (from != NULL && to != NULL && g_strcmp0 (from, to) > 0)
    return usage_error (_("--from %s is after --to %s"), from, to);

  store = open_store (args, TRUE, output, &status);
  if (store == NULL)
    return status;

  stats = limber_clinic_report_collect (store, from, to, NULL, NULL, NULL, &error);
  if (stats == NULL)
    return report_error (error);
  clinic = limber_store_get_clinic (store, &error);
  if (clinic == NULL)
    return report_error (error);

  document = limber_clinic_report_build (stats, clinic, from, to, NULL);
  return write_report (document, output);
}

/* Checks that the verb got exactly n_args arguments and no option it does not take
 * (options: the value options it takes, space separated, or NULL). */
static int
check_verb_options (const LimberCliArgs *args,
                    const char          *verb,
                    const char          *options,
                    const char          *usage)
{
  g_auto (GStrv) allowed = g_strsplit (options != NULL ? options : "", " ", -1);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, args->values);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_strv_contains ((const char *const *) allowed, name))
      return usage_error (_("%s takes no option %s: limber %s"), verb, (const char *) name, usage);

  return LIMBER_EXIT_SUCCESS;
}

/* Checks that the verb got exactly n_args arguments, and no --json. */
static int
check_verb_words (const LimberCliArgs *args,
                  const char          *verb,
                  guint                n_args,
                  const char          *usage)
{
  guint n_given = args->words->len - 1;

  if (n_given < n_args)
    return usage_error (_("%s is missing an argument: limber %s"), verb, usage);
  if (n_given > n_args)
    return usage_error (_("%s takes no argument “%s”: limber %s"), verb,
                        (const char *) g_ptr_array_index (args->words, 1 + n_args), usage);
  if (args->json)
    return usage_error (_("--json applies only to summary"));

  return LIMBER_EXIT_SUCCESS;
}

static int
run_backup (const LimberCliArgs *args,
            const char          *path)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *display = NULL;
  int status = LIMBER_EXIT_SUCCESS;

  store = open_store (args, TRUE, path, &status);
  if (store == NULL)
    return status;

  if (!limber_store_backup (store, path, &made, &error))
    return report_error (error);

  display = g_filename_display_name (made);
  printf (_("Backed up to %s.\n"), display);
  return LIMBER_EXIT_SUCCESS;
}

static int
run_restore (const LimberCliArgs *args,
             const char          *backup)
{
  g_autofree char *path = database_path (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *display = NULL;
  g_autofree char *kept_display = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      print_message (_("There is no database at %s; give another with --database FILE"), path);
      return LIMBER_EXIT_DATABASE;
    }

  if (!limber_store_restore (path, backup, &kept, &error))
    return report_error (error);

  display = g_filename_display_name (path);
  kept_display = g_filename_display_name (kept);
  printf (_("Restored %s; the replaced database was kept as %s.\n"), display, kept_display);
  return LIMBER_EXIT_SUCCESS;
}

/* ----- chart ----- */

#define CHART_USAGE "chart MRN MEASURE -o FILE.png|FILE.svg|FILE.pdf [--side left|right] " \
                    "[--width PX --height PX] [--episode START_DATE]"
#define CHART_DEFAULT_WIDTH  800
#define CHART_DEFAULT_HEIGHT 400
#define CHART_MIN_SIZE       100
#define CHART_MAX_SIZE       10000

typedef struct
{
  const char *mrn;
  const char *measure;
  const char *output;
  const char *side;
  const char *episode;
  guint       width;
  guint       height;
} ChartArgs;

/* The value of "--name VALUE" or "--name=VALUE" (or "-o VALUE") at words[*i]. */
static gboolean
take_chart_option (GPtrArray   *words,
                   guint       *i,
                   const char  *name,
                   const char **value,
                   int         *status)
{
  const char *word = g_ptr_array_index (words, *i);
  gsize length = strlen (name);

  if (strncmp (word, name, length) == 0 && word[length] == '=' && name[1] == '-')
    {
      *value = word + length + 1;
      return TRUE;
    }
  if (!g_str_equal (word, name))
    return FALSE;

  if (*i + 1 >= words->len)
    {
      *status = usage_error (_("%s needs a value: limber %s"), name, CHART_USAGE);
      return TRUE;
    }
  *value = g_ptr_array_index (words, ++*i);
  return TRUE;
}

static gboolean
parse_size (const char *text,
            guint      *size)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, CHART_MIN_SIZE, CHART_MAX_SIZE, &value, NULL))
    return FALSE;

  *size = (guint) value;
  return TRUE;
}

static int
parse_chart_args (const LimberCliArgs *args,
                  ChartArgs           *chart)
{
  const char *width = NULL, *height = NULL;
  const char *positional[2] = { NULL, NULL };
  guint n_positional = 0;
  int status = LIMBER_EXIT_SUCCESS;

  for (guint i = 1; i < args->words->len && status == LIMBER_EXIT_SUCCESS; i++)
    {
      const char *word = g_ptr_array_index (args->words, i);

      if (take_chart_option (args->words, &i, "-o", &chart->output, &status) ||
          take_chart_option (args->words, &i, "--output", &chart->output, &status) ||
          take_chart_option (args->words, &i, "--side", &chart->side, &status) ||
          take_chart_option (args->words, &i, "--width", &width, &status) ||
          take_chart_option (args->words, &i, "--height", &height, &status) ||
          take_chart_option (args->words, &i, "--episode", &chart->episode, &status))
        continue;

      if (word[0] == '-' && word[1] != '\0')
        return usage_error (_("chart takes no option “%s”: limber %s"), word, CHART_USAGE);
      if (n_positional == G_N_ELEMENTS (positional))
        return usage_error (_("chart takes no argument “%s”: limber %s"), word, CHART_USAGE);
      positional[n_positional++] = word;
    }
  if (status != LIMBER_EXIT_SUCCESS)
    return status;

  if (n_positional < 2)
    return usage_error (_("chart is missing an argument: limber %s"), CHART_USAGE);
  chart->mrn = positional[0];
  chart->measure = positional[1];

  if (chart->output == NULL)
    return usage_error (_("chart needs an output file: -o FILE.png, FILE.svg or FILE.pdf"));
  if (!limber_chart_format_from_path (chart->output, NULL))
    return usage_error (_("“%s” is not a .png, .svg or .pdf file name"), chart->output);

  if (chart->episode != NULL && !limber_date_is_valid (chart->episode))
    return usage_error (_("%s needs a date as YYYY-MM-DD, not “%s”"), "--episode", chart->episode);

  chart->width = CHART_DEFAULT_WIDTH;
  chart->height = CHART_DEFAULT_HEIGHT;
  if (width != NULL && !parse_size (width, &chart->width))
    return usage_error (_("--width must be a whole number of pixels from %d to %d"),
                        CHART_MIN_SIZE, CHART_MAX_SIZE);
  if (height != NULL && !parse_size (height, &chart->height))
    return usage_error (_("--height must be a whole number of pixels from %d to %d"),
                        CHART_MIN_SIZE, CHART_MAX_SIZE);

  return LIMBER_EXIT_SUCCESS;
}

/* The course of care that started on start_date, or the current one. */
static LimberEpisodeAnalysis *
load_chart_episode (LimberStore  *store,
                    const char   *mrn,
                    const char   *start_date,
                    GError      **error)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (start_date == NULL)
    return limber_episode_loader_load_current (store, mrn, error);

  patient = limber_store_find_patient (store, mrn, &local_error);
  if (patient == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                     _("No patient has the chart number %s"), mrn);
      return NULL;
    }

  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  if (episodes == NULL)
    return NULL;

  for (guint i = episodes->len; i > 0; i--)
    {
      LimberEpisode *episode = g_ptr_array_index (episodes, i - 1);

      if (g_strcmp0 (limber_episode_get_start_date (episode), start_date) == 0)
        return limber_episode_loader_load_for_episode (store, patient, episode, error);
    }

  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
               _("Patient %s has no course of care that started on %s"), mrn, start_date);
  return NULL;
}

static int
run_chart (const LimberCliArgs *args)
{
  ChartArgs options = { 0 };
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr(LimberChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  LimberMeasure *measure;
  LimberChartFormat format;
  LimberSide side = LIMBER_SIDE_NONE;
  int status;

  if ((status = parse_chart_args (args, &options)) != LIMBER_EXIT_SUCCESS)
    return status;

  measure = limber_measure_lookup (options.measure);
  if (measure == NULL)
    {
      print_message (_("Unknown measure “%s”; measures are named by their code, such as "
                       "pain.nprs or rom.shoulder.abduction"),
                     options.measure);
      return LIMBER_EXIT_INVALID;
    }

  if (options.side != NULL)
    {
      if (!limber_side_from_string (options.side, &side) || side == LIMBER_SIDE_NONE)
        {
          print_message (_("Unknown side “%s”; the side is left or right"), options.side);
          return LIMBER_EXIT_INVALID;
        }
      if (!limber_measure_get_has_sides (measure))
        {
          print_message (_("%s has no sides; leave out --side"), options.measure);
          return LIMBER_EXIT_INVALID;
        }
    }

  store = open_store (args, TRUE, options.output, &status);
  if (store == NULL)
    return status;

  analysis = load_chart_episode (store, options.mrn, options.episode, &error);
  if (analysis == NULL)
    return report_error (error);

  chart = limber_trend_chart_new (analysis, measure, side);
  if (limber_chart_is_empty (chart))
    {
      LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);

      if (side != LIMBER_SIDE_NONE)
        print_message (_("Patient %s has no %s values of %s in the course of care that "
                         "started on %s"),
                       options.mrn, options.side, options.measure,
                       limber_episode_get_start_date (episode));
      else
        print_message (_("Patient %s has no values of %s in the course of care that started "
                         "on %s"),
                       options.mrn, options.measure, limber_episode_get_start_date (episode));
      return LIMBER_EXIT_INVALID;
    }

  limber_chart_format_from_path (options.output, &format);
  if (!limber_chart_export (chart, NULL, options.output, format, options.width,
                            options.height, &error))
    return report_error (error);

  return LIMBER_EXIT_SUCCESS;
}

/* Checks that the verb got exactly n_args arguments and no option it does not take. */
static int
check_verb_args (const LimberCliArgs *args,
                 const char          *verb,
                 guint                n_args,
                 const char          *usage,
                 gboolean             takes_json)
{
  guint n_given = args->words->len - 1;

  if (n_given < n_args)
    return usage_error (_("%s is missing an argument: limber %s"), verb, usage);
  if (n_given > n_args)
    return usage_error (_("%s takes no argument “%s”: limber %s"), verb,
                        (const char *) g_ptr_array_index (args->words, 1 + n_args), usage);
  if (args->json && !takes_json)
    return usage_error (_("--json applies only to summary"));

  return check_verb_options (args, verb, NULL, usage);
}

static int
run_verb (const LimberCliArgs *args)
{
  const char *verb = g_ptr_array_index (args->words, 0);
  const char *first = args->words->len > 1 ? g_ptr_array_index (args->words, 1) : NULL;
  int status;

  if (g_str_equal (verb, "import"))
    {
      if ((status = check_verb_args (args, verb, 1, "import FILE.csv", FALSE)) != 0)
        return status;
      return run_import (args, first);
    }
  if (g_str_equal (verb, "export"))
    {
      if ((status = check_verb_args (args, verb, 1, "export FILE.csv", FALSE)) != 0)
        return status;
      return run_export (args, first);
    }
  if (g_str_equal (verb, "demo"))
    {
      if ((status = check_verb_args (args, verb, 0, "demo", FALSE)) != 0)
        return status;
      return run_demo (args);
    }
  if (g_str_equal (verb, "check"))
    {
      if ((status = check_verb_args (args, verb, 0, "check", FALSE)) != 0)
        return status;
      return run_check (args);
    }
  if (g_str_equal (verb, "backup"))
    {
      guint n_args = MIN (args->words->len - 1, 1);

      if ((status = check_verb_args (args, verb, n_args, "backup [FILE]", FALSE)) != 0)
        return status;
      return run_backup (args, first);
    }
  if (g_str_equal (verb, "restore"))
    {
      if ((status = check_verb_args (args, verb, 1, "restore FILE", FALSE)) != 0)
        return status;
      return run_restore (args, first);
    }
  if (g_str_equal (verb, "summary"))
    {
      if ((status = check_verb_args (args, verb, 1, "summary MRN [--json]", TRUE)) != 0)
        return status;
      return run_summary (args, first);
    }

  if (g_str_equal (verb, "report"))
    {
      const char *usage = "report MRN -o FILE.pdf [--kind progress|discharge|patient] "
                          "[--episode START_DATE]";

      if ((status = check_verb_options (args, verb, "--output --kind --episode", usage)) != 0
          || (status = check_verb_words (args, verb, 1, usage)) != 0)
        return status;
      return run_report (args, first);
    }
  if (g_str_equal (verb, "clinic-report"))
    {
      const char *usage = "clinic-report -o FILE.pdf [--from DATE] [--to DATE]";

      if ((status = check_verb_options (args, verb, "--output --from --to", usage)) != 0
          || (status = check_verb_words (args, verb, 0, usage)) != 0)
        return status;
      return run_clinic_report (args);
    }
  if (g_str_equal (verb, "chart"))
    {
      if (args->json)
        return usage_error (_("--json applies only to summary"));
      return run_chart (args);
    }

  return usage_error (_("unknown verb “%s”"), verb);
}

int
limber_cli_run (int    argc,
                char **argv)
{
  g_auto(LimberCliArgs) args = { 0 };
  int status;

  g_return_val_if_fail (argc >= 1 && argv != NULL, LIMBER_EXIT_USAGE);

  g_set_prgname ("limber");

  if ((status = parse_args (argc, argv, &args)) != LIMBER_EXIT_SUCCESS)
    return status;

  if (args.help)
    {
      print_usage ();
      return LIMBER_EXIT_SUCCESS;
    }
  if (args.version)
    {
      printf ("limber %s\n", PACKAGE_VERSION);
      return LIMBER_EXIT_SUCCESS;
    }
  if (args.words->len == 0)
    {
      if (args.json)
        return usage_error (_("--json applies only to summary"));
      return usage_error (_("no verb given"));
    }

  return run_verb (&args);
}
