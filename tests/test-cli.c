/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Limber-Test-Cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "limber-cli.h"
#include "limber-csv-import.h"

/* The command line contract of interchange.md, tested on the built binary as a
 * script would use it: no display, results on stdout, messages on stderr, exit
 * statuses 0–3. */

typedef struct
{
  char *dir;        /* working folder of the child, holds every file of a test */
  char *data_home;  /* XDG_DATA_HOME of the child, so the default database is ours */
} Fixture;

static const char good_csv[] =
  "mrn,patient_name,birth_date,condition,episode_start,session_date,therapist,measure,side,value,unit,notes\n"
  "T-1,Ada Test,1980-01-02,knee_pain,2024-03-04,2024-03-04T09:00,Sam Okafor,pain.nprs,,6,points,First visit\n"
  "T-1,Ada Test,1980-01-02,knee_pain,2024-03-04,2024-03-04T09:00,Sam Okafor,rom.knee.flexion,left,110,deg,First visit\n"
  "T-1,Ada Test,1980-01-02,knee_pain,2024-03-04,2024-03-07T09:00,Sam Okafor,pain.nprs,,4,points,\n";

static const char bad_csv[] =
  "mrn,patient_name,condition,session_date,measure,side,value\n"
  "B-1,Bea Bad,knee_pain,2024-03-04,pain.nprs,,11\n"
  "B-1,Bea Bad,knee_pain,2024-03-04,rom.knee.flexion,,110\n"
  "B-1,Bea Bad,knee_pain,2024-03-07,pain.nprs,,4\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_home = g_build_filename (fixture->dir, "data-home", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->data_home, g_free);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = fixture_path (fixture, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
have_binary (void)
{
  if (g_getenv ("LIMBER_BINARY") != NULL)
    return TRUE;
  g_test_skip ("LIMBER_BINARY is not set; run the tests with meson test");
  return FALSE;
}

/* Runs limber with the NULL-terminated arguments in the fixture's folder, without a
 * display. database_env: the value of LIMBER_DATABASE, or NULL to leave it unset.
 * Returns the exit status; out and err (optional) receive stdout and stderr. */
static int
run_limber (Fixture     *fixture,
            const char  *database_env,
            char       **out,
            char       **err,
            const char  *first_arg,
            ...) G_GNUC_NULL_TERMINATED;

static int
run_limber (Fixture     *fixture,
            const char  *database_env,
            char       **out,
            char       **err,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIMBER_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->data_home, TRUE);
  if (database_env != NULL)
    envp = g_environ_setenv (envp, "LIMBER_DATABASE", database_env, TRUE);
  else
    envp = g_environ_unsetenv (envp, "LIMBER_DATABASE");

  g_spawn_sync (fixture->dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &child_out, &child_err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_test_verbose ())
    g_test_message ("limber %s → %d\nstdout: %s\nstderr: %s",
                    first_arg != NULL ? first_arg : "", wait_status, child_out, child_err);

  g_assert_true (WIFEXITED (wait_status));
  if (out != NULL)
    *out = g_steal_pointer (&child_out);
  if (err != NULL)
    *err = g_steal_pointer (&child_err);

  return WEXITSTATUS (wait_status);
}

/* The demo clinic the first make_demo() made, which the others copy: filling one
 * is the slowest thing the binary does, most of all under the sanitizers. */
static char *demo_template_dir;

static void copy_file (const char *from,
                       const char *to);

/* A demo clinic at name in the fixture's folder, made by the binary (once; then
 * a copy of that one). */
static void
make_demo (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *template = NULL;

  if (demo_template_dir != NULL)
    {
      template = g_build_filename (demo_template_dir, "demo.sqlite", NULL);
      copy_file (template, path);
      return;
    }

  g_assert_cmpint (run_limber (fixture, NULL, NULL, NULL, "--database", name, "demo", NULL),
                   ==, 0);
  demo_template_dir = g_dir_make_tmp ("limber-cli-demo-XXXXXX", NULL);
  g_assert_nonnull (demo_template_dir);
  template = g_build_filename (demo_template_dir, "demo.sqlite", NULL);
  copy_file (path, template);
}

static void
assert_every_line_has_prefix (const char *text,
                              const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpstr (text, !=, "");
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_assert_true (g_str_has_prefix (lines[i], prefix));
}

/* ----- In process ----- */

static void
test_cli_headless (void)
{
  static const struct
  {
    const char *args[6];
    gboolean    headless;
  } cases[] = {
    { { "limber" }, FALSE },
    { { "limber", "--database", "clinic.sqlite" }, FALSE },
    { { "limber", "--database=clinic.sqlite" }, FALSE },
    /* The value of --database is a file name even when it reads like a verb. */
    { { "limber", "--database", "demo" }, FALSE },
    { { "limber", "--gapplication-service" }, FALSE },
    { { "limber", "demo" }, TRUE },
    { { "limber", "--database", "clinic.sqlite", "summary", "D-1001" }, TRUE },
    { { "limber", "--database=x.sqlite", "export", "out.csv" }, TRUE },
    { { "limber", "--help" }, TRUE },
    { { "limber", "-h" }, TRUE },
    { { "limber", "--version" }, TRUE },
    { { "limber", "--frobnicate" }, TRUE },
    { { "limber", "--database" }, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int argc = (int) g_strv_length ((char **) cases[i].args);

      g_test_message ("case %u", i);
      g_assert_cmpint (limber_cli_is_headless (argc, (char **) cases[i].args), ==,
                       cases[i].headless);
    }
}

/* ----- Through the binary ----- */

static void
test_cli_version (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "limber " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_help (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const char *const options[] = { "--help", "-h" };

  if (!have_binary ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_limber (fixture, NULL, &out, &err, options[i], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_str_has_prefix (out, "Usage: limber"));
      g_assert_nonnull (strstr (out, "import FILE.csv"));
      g_assert_nonnull (strstr (out, "export FILE.csv"));
      g_assert_nonnull (strstr (out, "demo"));
      g_assert_nonnull (strstr (out, "summary MRN [--json]"));
      g_assert_nonnull (strstr (out, "--database FILE"));
      g_assert_nonnull (strstr (out, "  check "));
      g_assert_nonnull (strstr (out, "4 could not write (disk full or I/O error)"));
      g_assert_nonnull (strstr (out, "report MRN -o FILE.pdf"));
      g_assert_nonnull (strstr (out, "clinic-report -o FILE.pdf"));
      g_assert_nonnull (strstr (out, "chart MRN MEASURE -o FILE.png|FILE.svg|FILE.pdf"));
    }
}

static void
test_cli_usage_errors (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char *const cases[][5] = {
    { "--frobnicate" },
    { "frobnicate" },
    { "--database" },
    { "--database=" },
    { "--database", "clinic.sqlite", "--json" },
    { "--database", "clinic.sqlite", "import" },
    { "--database", "clinic.sqlite", "import", "a.csv", "b.csv" },
    { "--database", "clinic.sqlite", "export" },
    { "--database", "clinic.sqlite", "summary" },
    { "--database", "clinic.sqlite", "demo", "now" },
    { "--database", "clinic.sqlite", "demo", "--json" },
    { "--database", "clinic.sqlite", "demo", "--force" },
    /* Verbs of later versions are unknown to this one. */
    { "--database", "clinic.sqlite", "report", "D-1001" },
    { "--database", "clinic.sqlite", "clinic-report" },
    { "--database", "clinic.sqlite", "chart", "D-1001", "pain.nprs" },
  };
  g_autofree char *database = fixture_path (fixture, "clinic.sqlite");

  if (!have_binary ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %u: %s", i, cases[i][0]);
      g_assert_cmpint (run_limber (fixture, NULL, &out, &err, cases[i][0], cases[i][1],
                                   cases[i][2], cases[i][3], cases[i][4], NULL),
                       ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "limber: "));
      g_assert_nonnull (strstr (err, "--help"));
      /* A usage error touches no database. */
      g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
    }
}

static void
test_cli_demo (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err,
                               "--database", "clinic.sqlite", "demo", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created the demo clinic: 12 patients.\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A clinic is never mixed with demo patients. */
  g_assert_cmpint (run_limber (fixture, NULL, &out, &err,
                               "--database=clinic.sqlite", "demo", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: "));
  g_assert_nonnull (strstr (err, "12 patients"));
}

static void
test_cli_summary (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "summary", "D-1001", "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "mrn"), ==, "D-1001");
  g_assert_true (json_object_has_member (root, "trends"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "trends")),
                    >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --json may come before the chart number, and the text form reads for people. */
  g_assert_cmpint (run_limber (fixture, NULL, &out, NULL, "--database", "clinic.sqlite",
                               "summary", "--json", "D-1002", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "summary", "D-1001", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, !=, "");
  g_assert_true (g_str_has_suffix (out, "\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "summary", "X-404", "--json", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: "));
}

static void
test_cli_missing_database (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *database = fixture_path (fixture, "typo.sqlite");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  /* Reading verbs do not create an empty database where the user mistyped one. */
  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "typo.sqlite",
                               "summary", "D-1001", NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: "));
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "typo.sqlite",
                               "export", "out.csv", NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

static void
test_cli_import (Fixture       *fixture,
                 gconstpointer  user_data)
{
  LimberImportCounts added = { .patients_added = 1, .episodes_added = 1,
                               .sessions_added = 2, .measurements_added = 3 };
  LimberImportCounts again = { .rows_unchanged = 3 };
  g_autofree char *added_line = limber_import_counts_to_string (&added);
  g_autofree char *again_line = limber_import_counts_to_string (&again);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  write_file (fixture, "good.csv", good_csv);

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "import", "good.csv", NULL), ==, 0);
  expected = g_strconcat (added_line, "\n", NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  /* Importing the same rows again changes nothing. */
  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "import", "good.csv", NULL), ==, 0);
  expected = g_strconcat (again_line, "\n", NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_import_invalid (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GRegex) line_format = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *before_path = fixture_path (fixture, "before.csv");
  g_autofree char *after_path = fixture_path (fixture, "after.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_binary ())
    return;

  write_file (fixture, "good.csv", good_csv);
  write_file (fixture, "bad.csv", bad_csv);
  g_assert_cmpint (run_limber (fixture, NULL, NULL, NULL, "--database", "clinic.sqlite",
                               "import", "good.csv", NULL), ==, 0);
  g_assert_cmpint (run_limber (fixture, NULL, NULL, NULL, "--database", "clinic.sqlite",
                               "export", "before.csv", NULL), ==, 0);

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "import", "bad.csv", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");

  /* Every problem, each as FILE:LINE: column: message, nothing else. */
  line_format = g_regex_new ("^bad\\.csv:[0-9]+: [a-z_]+: .+$", 0, 0, NULL);
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      if (!g_regex_match (line_format, lines[i], 0, NULL))
        g_error ("not FILE:LINE: column: message: “%s”", lines[i]);
    }
  g_assert_true (g_strv_contains ((const char *const *) lines,
                                  "bad.csv:2: value: 11 is outside 0–10 for pain.nprs"));
  g_assert_nonnull (strstr (err, "bad.csv:3: side: "));

  /* All or nothing: the database holds what it held. */
  g_assert_cmpint (run_limber (fixture, NULL, NULL, NULL, "--database", "clinic.sqlite",
                               "export", "after.csv", NULL), ==, 0);
  before = read_file (before_path);
  after = read_file (after_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_cli_import_unreadable (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *database = fixture_path (fixture, "clinic.sqlite");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                               "import", "no-such-file.csv", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: "));
  g_assert_nonnull (strstr (err, "no-such-file.csv"));
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

static void
test_cli_round_trip (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *first_path = fixture_path (fixture, "first.csv");
  g_autofree char *second_path = fixture_path (fixture, "second.csv");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_rows = 0;
  char *end = NULL;

  if (!have_binary ())
    return;

  make_demo (fixture, "demo.sqlite");
  g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "demo.sqlite",
                               "export", "first.csv", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Exported "));
  n_rows = (guint) g_ascii_strtoull (out + strlen ("Exported "), &end, 10);
  g_assert_cmpstr (end, ==, " measurements.\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_limber (fixture, NULL, &out, NULL, "--database", "copy.sqlite",
                               "import", "first.csv", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_limber (fixture, NULL, &out, NULL, "--database", "copy.sqlite",
                               "export", "second.csv", NULL), ==, 0);

  first = read_file (first_path);
  second = read_file (second_path);
  g_assert_cmpuint (n_rows, >, 200);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (first, NULL),
                                   "mrn,patient_name,birth_date,condition,episode_start,"
                                   "session_date,therapist,measure,side,value,unit,notes\n"));
  g_assert_cmpuint (g_bytes_get_size (first), ==, g_bytes_get_size (second));
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_cli_environment (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *database = fixture_path (fixture, "from-env.sqlite");
  g_autofree char *out = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, database, &out, NULL, "demo", NULL), ==, 0);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_limber (fixture, database, &out, NULL,
                               "summary", "D-1003", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"D-1003\""));
  g_clear_pointer (&out, g_free);

  /* --database wins over the environment. */
  g_assert_cmpint (run_limber (fixture, database, &out, NULL, "--database", "other.sqlite",
                               "summary", "D-1003", NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
}

static void
assert_refused_untouched (Fixture    *fixture,
                          const char *name,
                          const char *reason)
{
  g_autofree char *path = fixture_path (fixture, name);
  g_autoptr(GBytes) before = read_file (path);

  write_file (fixture, "good.csv", good_csv);

  for (guint verb = 0; verb < 4; verb++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      switch (verb)
        {
        case 0:
          status = run_limber (fixture, NULL, &out, &err, "--database", name,
                               "summary", "D-1001", NULL);
          break;
        case 1:
          status = run_limber (fixture, NULL, &out, &err, "--database", name, "demo", NULL);
          break;
        case 2:
          status = run_limber (fixture, NULL, &out, &err, "--database", name,
                               "import", "good.csv", NULL);
          break;
        default:
          status = run_limber (fixture, NULL, &out, &err, "--database", name,
                               "export", "out.csv", NULL);
          break;
        }

      g_test_message ("verb %u", verb);
      g_assert_cmpint (status, ==, 3);
      g_assert_cmpstr (out, ==, "");
      assert_every_line_has_prefix (err, "limber: ");
      if (reason != NULL)
        g_assert_nonnull (strstr (err, reason));

      after = read_file (path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_cli_newer_database (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "newer.sqlite");
  sqlite3 *db = NULL;

  if (!have_binary ())
    return;

  make_demo (fixture, "newer.sqlite");
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_refused_untouched (fixture, "newer.sqlite", "newer");
}

static void
test_cli_not_a_database (Fixture       *fixture,
                         gconstpointer  user_data)
{
  if (!have_binary ())
    return;

  write_file (fixture, "notes.txt", "Phone the Tuesday patients about the new hours.\n");
  assert_refused_untouched (fixture, "notes.txt", NULL);
}

/* Runs a shell script in the fixture's folder, with $LIMBER the binary, for what
 * needs the shell: limits, another user. Returns the exit status. */
static int
run_script (Fixture     *fixture,
            const char  *script,
            char       **out,
            char       **err)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  int wait_status = 0;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LIMBER_DATABASE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->data_home, TRUE);
  envp = g_environ_setenv (envp, "LIMBER", g_getenv ("LIMBER_BINARY"), TRUE);

  g_spawn_sync (fixture->dir, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_test_message ("%s → %d\nstdout: %s\nstderr: %s", script, wait_status,
                    out != NULL ? *out : "", err != NULL ? *err : "");
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* Nothing of SQLite's is left beside path: no -wal, -shm or -journal. */
static void
assert_no_companions (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", companion);
    }
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* Leaves beside path the rollback journal of a change that was interrupted, as a
 * program killed in the middle of a commit does: change is in the file, and the
 * journal holds what undoes it. setup (optional) is committed first. */
static void
make_interrupted (const char *path,
                  const char *setup,
                  const char *change)
{
  g_autofree char *scratch = g_strconcat (path, ".scratch", NULL);
  g_autofree char *scratch_journal = g_strconcat (scratch, "-journal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  sqlite3 *db = NULL;

  copy_file (path, scratch);
  g_assert_cmpint (sqlite3_open_v2 (scratch, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  raw_exec (db, "PRAGMA journal_mode = DELETE");
  if (setup != NULL)
    raw_exec (db, setup);
  /* Without syncs the journal counts its pages by its size: all are rolled back. */
  raw_exec (db, "PRAGMA synchronous = OFF; BEGIN");
  raw_exec (db, change);
  copy_file (scratch_journal, journal);
  raw_exec (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (g_rename (scratch, path), ==, 0);
}

static void
test_cli_read_only_verbs (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *empty = fixture_path (fixture, "empty.sqlite");
  g_autofree char *shelf = fixture_path (fixture, "shelf");
  g_autofree char *clinic = g_build_filename (shelf, "clinic.sqlite", NULL);
  g_autofree char *out_dir = fixture_path (fixture, "out");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  const char *verbs[][2] = { { "export", "out.csv" }, { "summary", "D-1001" }, { "check", NULL } };

  if (!have_binary ())
    return;

  /* An empty file gets no schema from a verb that only reads. */
  write_file (fixture, "empty.sqlite", "");
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_limber (fixture, NULL, NULL, &err, "--database", "empty.sqlite",
                                   verbs[i][0], verbs[i][1], NULL), ==, 3);
      g_assert_nonnull (strstr (err, "holds no Limber records"));
      g_clear_pointer (&after, g_bytes_unref);
      after = read_file (empty);
      g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
      assert_no_companions (empty);
    }

  /* A clinic on read-only media (a folder and file nobody may write, read by a user
   * other than their owner) is exported, summarised and checked. */
  g_assert_cmpint (g_mkdir (shelf, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  make_demo (fixture, "shelf/clinic.sqlite");
  g_assert_cmpint (g_chmod (clinic, 0444), ==, 0);
  g_assert_cmpint (g_chmod (shelf, 0555), ==, 0);
  before = read_file (clinic);

  script = g_strdup_printf ("as_reader=''; if [ \"$(id -u)\" = 0 ]; then "
                            "as_reader='setpriv --reuid=65534 --regid=65534 --clear-groups'; fi; "
                            "$as_reader \"$LIMBER\" --database shelf/clinic.sqlite export out/all.csv "
                            "&& $as_reader \"$LIMBER\" --database shelf/clinic.sqlite summary D-1001 "
                            "&& $as_reader \"$LIMBER\" --database shelf/clinic.sqlite check");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_script (fixture, script, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Exported "));
  g_assert_nonnull (strstr (out, "all checks passed"));
  g_clear_pointer (&after, g_bytes_unref);
  after = read_file (clinic);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (clinic);
  g_chmod (shelf, 0755);
}

/* Every verb that only reads leaves the database's folder as it found it: no -wal
 * or -shm of SQLite's left behind (they would take the file's permissions), the
 * file's bytes and permissions its own. */
static void
test_cli_read_only_leaves_folder (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *clinic = fixture_path (fixture, "clinic.sqlite");
  g_autoptr(GBytes) before = NULL;
  const char *verbs[][6] = {
    { "export", "out.csv" },
    { "summary", "D-1001" },
    { "summary", "D-1001", "--json" },
    { "check" },
    { "report", "D-1001", "-o", "progress.pdf" },
    { "clinic-report", "-o", "clinic.pdf" },
    { "chart", "D-1001", "pain.nprs", "-o", "pain.png" },
    { "backup", "copy.sqlite" },
  };
  struct stat st;

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  assert_no_companions (clinic);
  g_assert_cmpint (g_chmod (clinic, 0644), ==, 0);
  before = read_file (clinic);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autofree char *err = NULL;

      g_test_message ("limber %s", verbs[i][0]);
      g_assert_cmpint (run_limber (fixture, NULL, NULL, &err, "--database", "clinic.sqlite",
                                   verbs[i][0], verbs[i][1], verbs[i][2], verbs[i][3],
                                   verbs[i][4], verbs[i][5], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      assert_no_companions (clinic);
      after = read_file (clinic);
      g_assert_true (g_bytes_equal (before, after));
      g_assert_cmpint (g_stat (clinic, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0644);
    }
}

/* A database whose last change was interrupted (a rollback journal beside it):
 * read as it is it may be half changed, and undoing the change writes. The verbs
 * that only read say so and touch neither; one that writes undoes the change. */
static void
test_cli_interrupted_change (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *clinic = fixture_path (fixture, "clinic.sqlite");
  g_autofree char *journal = fixture_path (fixture, "clinic.sqlite-journal");
  g_autofree char *csv = fixture_path (fixture, "out.csv");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) journal_before = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *verbs[][2] = { { "check", NULL }, { "summary", "D-1001" }, { "export", "out.csv" } };

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  make_interrupted (clinic, NULL, "CREATE TABLE half_done (x)");
  before = read_file (clinic);
  journal_before = read_file (journal);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autoptr(GBytes) after = NULL;

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_test_message ("limber %s", verbs[i][0]);
      g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                                   verbs[i][0], verbs[i][1], NULL), ==, 3);
      g_assert_cmpstr (out, ==, "");
      assert_every_line_has_prefix (err, "limber: ");
      g_assert_nonnull (strstr (err, "was interrupted before it was finished"));
      g_assert_nonnull (strstr (err, "clinic.sqlite-journal"));
      g_assert_nonnull (strstr (err, "left untouched"));
      g_assert_null (strstr (err, "readonly"));

      after = read_file (clinic);
      g_assert_true (g_bytes_equal (before, after));
      g_clear_pointer (&after, g_bytes_unref);
      after = read_file (journal);
      g_assert_true (g_bytes_equal (journal_before, after));
      g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
    }

  /* A verb that writes undoes the unfinished change first; then all reads well. */
  write_file (fixture, "good.csv", good_csv);
  g_assert_cmpint (run_limber (fixture, NULL, NULL, NULL, "--database", "clinic.sqlite",
                               "import", "good.csv", NULL), ==, 0);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_limber (fixture, NULL, &out, NULL, "--database", "clinic.sqlite",
                               "check", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "all checks passed"));
}

/* A file that Limber opens as it is, but that its journal would turn into one of
 * a newer Limber: refused before anything is rolled back, and what the message
 * says ("left untouched") is true of the file and of its journal. */
static void
test_cli_newer_behind_journal (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *clinic = fixture_path (fixture, "clinic.sqlite");
  g_autofree char *journal = fixture_path (fixture, "clinic.sqlite-journal");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) journal_before = NULL;
  const char *verbs[][2] = {
    { "import", "good.csv" }, { "demo", NULL }, { "summary", "D-1001" }, { "check", NULL },
  };

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  make_interrupted (clinic, "PRAGMA user_version = 999", "PRAGMA user_version = 1");
  before = read_file (clinic);
  journal_before = read_file (journal);
  write_file (fixture, "good.csv", good_csv);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      gboolean writes = i < 2;

      g_test_message ("limber %s", verbs[i][0]);
      g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                                   verbs[i][0], verbs[i][1], NULL), ==, 3);
      g_assert_cmpstr (out, ==, "");
      assert_every_line_has_prefix (err, "limber: ");
      g_assert_nonnull (strstr (err, writes ? "was made by a newer version of Limber (schema 999"
                                            : "was interrupted before it was finished"));
      g_assert_nonnull (strstr (err, "left untouched"));

      after = read_file (clinic);
      g_assert_true (g_bytes_equal (before, after));
      g_clear_pointer (&after, g_bytes_unref);
      after = read_file (journal);
      g_assert_true (g_bytes_equal (journal_before, after));
    }
}

/* A verb that writes a file refuses to write it over the database, or where SQLite
 * keeps its journals, however the name is given. */
static void
test_cli_output_is_database (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *clinic = fixture_path (fixture, "clinic.sqlite");
  g_autofree char *link = fixture_path (fixture, "link.csv");
  g_autoptr(GBytes) before = NULL;
  const char *verbs[][5] = {
    { "export", "clinic.sqlite" },
    { "export", "./clinic.sqlite-wal" },
    { "export", "link.csv" },
    { "report", "D-1001", "-o", "clinic.sqlite" },
    { "clinic-report", "-o", "clinic.sqlite-journal" },
    { "backup", "clinic.sqlite-shm" },
  };

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  g_assert_cmpint (symlink ("clinic.sqlite", link), ==, 0);
  before = read_file (clinic);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("limber %s %s", verbs[i][0], verbs[i][1]);
      g_assert_cmpint (run_limber (fixture, NULL, &out, &err, "--database", "clinic.sqlite",
                                   verbs[i][0], verbs[i][1], verbs[i][2], verbs[i][3],
                                   verbs[i][4], NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      assert_every_line_has_prefix (err, "limber: ");
      g_assert_nonnull (strstr (err, "is the database itself"));
      after = read_file (clinic);
      g_assert_true (g_bytes_equal (before, after));
      assert_no_companions (clinic);
    }
}

/* An output file that may not be written where it is asked for is a wrong place,
 * exit status 1 for every verb (the disk is not failing: that is 4). */
static void
test_cli_output_not_writable (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *clinic = fixture_path (fixture, "clinic.sqlite");
  g_autofree char *locked = fixture_path (fixture, "locked");
  const char *outputs[][2] = {
    { "export", "locked/out.csv" },
    { "backup", "locked/copy.sqlite" },
    { "report D-1001 -o", "locked/progress.pdf" },
    { "export", "missing/out.csv" },
    { "backup", "missing/copy.sqlite" },
  };

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  g_assert_cmpint (g_chmod (clinic, 0644), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *script = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      /* As another user than root, who may write anywhere. */
      script = g_strdup_printf ("as_reader=''; if [ \"$(id -u)\" = 0 ]; then "
                                "as_reader='setpriv --reuid=65534 --regid=65534 --clear-groups'; "
                                "fi; exec $as_reader \"$LIMBER\" --database clinic.sqlite %s %s",
                                outputs[i][0], outputs[i][1]);
      g_test_message ("limber %s %s", outputs[i][0], outputs[i][1]);
      g_assert_cmpint (run_script (fixture, script, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      assert_every_line_has_prefix (err, "limber: ");
      g_assert_nonnull (strstr (err, "Cannot write"));
    }
}

static void
test_cli_write_error (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary = NULL;

  if (!have_binary ())
    return;

  make_demo (fixture, "clinic.sqlite");
  write_file (fixture, "good.csv", good_csv);

  /* The file size limit makes the disk refuse the import's writes. */
  g_assert_cmpint (run_script (fixture, "trap '' XFSZ; ulimit -f 8; "
                                        "exec \"$LIMBER\" --database clinic.sqlite import good.csv",
                               &out, &err), ==, 4);
  g_assert_cmpstr (out, ==, "");
  assert_every_line_has_prefix (err, "limber: ");
  g_assert_nonnull (strstr (err, "nothing was saved"));

  g_assert_cmpint (run_limber (fixture, NULL, &summary, NULL, "--database", "clinic.sqlite",
                               "summary", "T-1", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/headless", test_cli_headless);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/version", test_cli_version);
  ADD ("/cli/help", test_cli_help);
  ADD ("/cli/usage-errors", test_cli_usage_errors);
  ADD ("/cli/demo", test_cli_demo);
  ADD ("/cli/summary", test_cli_summary);
  ADD ("/cli/missing-database", test_cli_missing_database);
  ADD ("/cli/import", test_cli_import);
  ADD ("/cli/import-invalid", test_cli_import_invalid);
  ADD ("/cli/import-unreadable", test_cli_import_unreadable);
  ADD ("/cli/round-trip", test_cli_round_trip);
  ADD ("/cli/environment", test_cli_environment);
  ADD ("/cli/newer-database", test_cli_newer_database);
  ADD ("/cli/not-a-database", test_cli_not_a_database);
  ADD ("/cli/read-only-verbs", test_cli_read_only_verbs);
  ADD ("/cli/read-only-leaves-folder", test_cli_read_only_leaves_folder);
  ADD ("/cli/interrupted-change", test_cli_interrupted_change);
  ADD ("/cli/newer-behind-journal", test_cli_newer_behind_journal);
  ADD ("/cli/output-is-database", test_cli_output_is_database);
  ADD ("/cli/output-not-writable", test_cli_output_not_writable);
  ADD ("/cli/write-error", test_cli_write_error);

#undef ADD

  status = g_test_run ();

  if (demo_template_dir != NULL)
    {
      g_autofree char *template = g_build_filename (demo_template_dir, "demo.sqlite", NULL);

      g_unlink (template);
      g_rmdir (demo_template_dir);
      g_clear_pointer (&demo_template_dir, g_free);
    }
  return status;
}
