/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* `limber chart` as a script uses it (interchange.md): the file type follows the
 * extension, exit 1 with a message and no file for anything unknown, 2 for a wrong
 * command line, and the files are whole, private and what they claim to be. */

/* Session dates of one course of care, and an earlier one for --episode. */
static const char chart_csv[] =
  "mrn,patient_name,condition,episode_start,session_date,measure,side,value\n"
  "C-1,Chris Chart,neck_pain,2025-01-06,2025-01-06,pain.nprs,,5\n"
  "C-1,Chris Chart,neck_pain,2025-01-06,2025-01-13,pain.nprs,,4\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,pain.nprs,,8\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-05,pain.nprs,,6\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,pain.nprs,,5\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,pain.nprs,,2\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.slr,left,50\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,flex.slr,left,62\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.slr,left,70\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.slr,right,60\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.slr,right,75\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.sit_and_reach,,-12\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-09,flex.sit_and_reach,,-7\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-16,flex.sit_and_reach,,-1.5\n"
  "C-1,Chris Chart,low_back_pain,2026-03-02,2026-03-02,flex.popliteal_angle,left,40\n";

typedef struct
{
  char *dir;
  char *database;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
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

/* Runs limber with args (NULL-terminated) in the fixture's folder without a display;
 * returns the exit status. */
static int
run_limber_args (Fixture           *fixture,
                 char             **err,
                 const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *child_err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIMBER_BINARY"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->dir, TRUE);

  g_spawn_sync (fixture->dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                &child_err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("limber %s → %d: %s", args[0], wait_status, child_err);

  g_assert_true (WIFEXITED (wait_status));
  if (err != NULL)
    *err = g_steal_pointer (&child_err);

  return WEXITSTATUS (wait_status);
}

static int
run_limber (Fixture     *fixture,
            char       **err,
            const char  *first_arg,
            ...) G_GNUC_NULL_TERMINATED;

static int
run_limber (Fixture     *fixture,
            char       **err,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_limber_args (fixture, err, (const char *const *) args->pdata);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-chart-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "clinic.sqlite", NULL);

  if (g_getenv ("LIMBER_BINARY") == NULL)
    return;

  csv = g_build_filename (fixture->dir, "chart.csv", NULL);
  g_file_set_contents (csv, chart_csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_limber (fixture, NULL, "import", csv, NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->database, g_free);
}

static gboolean
have_binary (void)
{
  if (g_getenv ("LIMBER_BINARY") != NULL)
    return TRUE;

  g_test_skip ("LIMBER_BINARY is not set; run the tests with meson test");
  return FALSE;
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* The files of the fixture's folder other than its database and CSV: after a
 * failure, none (no output, no temporary file left behind). */
static guint
count_outputs (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      /* The database, its CSV and whatever Limber keeps in folders beside it
       * (backups) are not outputs. */
      if (g_str_has_prefix (name, "clinic.sqlite") || g_str_equal (name, "chart.csv") ||
          g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;

      g_test_message ("left behind: %s", name);
      n++;
    }

  return n;
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 0);
}

/* Width and height from the PNG header. */
static void
read_png_size (const char *path,
               guint      *width,
               guint      *height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, (char **) &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, sizeof signature, signature, sizeof signature);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);

  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
}

static void
test_png (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "pain.png");
  g_autofree char *sized = fixture_path (fixture, "small.PNG");
  guint width, height;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, NULL, "chart", "C-1", "pain.nprs", "-o", path, NULL), ==, 0);
  assert_private_file (path);
  read_png_size (path, &width, &height);
  g_assert_cmpuint (width, ==, 800);
  g_assert_cmpuint (height, ==, 400);

  /* Options in any order, the extension in any case. */
  g_assert_cmpint (run_limber (fixture, NULL, "chart", "--width", "640", "C-1", "--height=320",
                               "-o", sized, "pain.nprs", NULL),
                   ==, 0);
  read_png_size (sized, &width, &height);
  g_assert_cmpuint (width, ==, 640);
  g_assert_cmpuint (height, ==, 320);
}

static void
test_svg_is_xml (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const GMarkupParser parser = { 0 };
  g_autofree char *path = fixture_path (fixture, "slr.svg");
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!have_binary ())
    return;

  /* A sided measure without --side: both sides. */
  g_assert_cmpint (run_limber (fixture, NULL, "chart", "C-1", "flex.slr", "-o", path, NULL), ==, 0);
  assert_private_file (path);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"800\""));
}

static void
test_pdf_one_page (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "reach.pdf");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) pages = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  int wait_status = 0;

  if (!have_binary ())
    return;

  /* Negative values: sit and reach short of the toes. */
  g_assert_cmpint (run_limber (fixture, NULL, "chart", "C-1", "flex.sit_and_reach", "-o", path,
                               NULL),
                   ==, 0);
  assert_private_file (path);

  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  pages = g_regex_new ("^Pages:\\s+1$", G_REGEX_MULTILINE, 0, NULL);
  g_assert_true (g_regex_match (pages, out, 0, NULL));
}

static void
test_side_and_episode (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *right = fixture_path (fixture, "right.png");
  g_autofree char *earlier = fixture_path (fixture, "earlier.png");

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, NULL, "chart", "C-1", "flex.slr", "--side", "right", "-o",
                               right, NULL),
                   ==, 0);
  g_assert_true (g_file_test (right, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (run_limber (fixture, NULL, "chart", "C-1", "pain.nprs", "--episode",
                               "2025-01-06", "-o", earlier, NULL),
                   ==, 0);
  g_assert_true (g_file_test (earlier, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  const char *args[8];
  int         status;
  const char *message;   /* a part of what stderr says */
} ErrorCase;

static void
test_errors_leave_no_file (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const ErrorCase cases[] = {
    { { "C-9", "pain.nprs" }, 1, "C-9" },
    { { "C-1", "pain.vas" }, 1, "pain.vas" },
    { { "C-1", "pain.nprs", "--side", "left" }, 1, "no sides" },
    { { "C-1", "flex.slr", "--side", "up" }, 1, "up" },
    { { "C-1", "flex.popliteal_angle", "--side", "right" }, 1, "no right values" },
    { { "C-1", "prom.odi" }, 1, "no values of prom.odi" },
    { { "C-1", "pain.nprs", "--episode", "2024-02-02" }, 1, "2024-02-02" },
    { { "C-1", "pain.nprs", "--episode", "yesterday" }, 2, "YYYY-MM-DD" },
    { { "C-1", "pain.nprs", "--width", "wide" }, 2, "--width" },
    { { "C-1", "pain.nprs", "--height", "20" }, 2, "--height" },
    { { "C-1", "pain.nprs", "--colour", "red" }, 2, "--colour" },
    { { "C-1" }, 2, "missing" },
  };

  if (!have_binary ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (fixture, "out.png");
      g_autofree char *err = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      int status;

      g_ptr_array_add (args, (gpointer) "chart");
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) cases[i].args[a]);
      g_ptr_array_add (args, (gpointer) "-o");
      g_ptr_array_add (args, path);
      g_ptr_array_add (args, NULL);

      status = run_limber_args (fixture, &err, (const char *const *) args->pdata);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (err, "limber: "));
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_outputs (fixture), ==, 0);
    }
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *jpeg = fixture_path (fixture, "pain.jpg");
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, &err, "chart", "C-1", "pain.nprs", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (fixture, &err, "chart", "C-1", "pain.nprs", "-o", jpeg, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "pain.jpg"));
  g_assert_cmpuint (count_outputs (fixture), ==, 0);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *missing_dir = fixture_path (fixture, "no-such-folder/pain.png");
  g_autofree char *locked_dir = fixture_path (fixture, "locked");
  g_autofree char *locked = g_build_filename (locked_dir, "pain.png", NULL);
  g_autofree char *err = NULL;

  if (!have_binary ())
    return;

  g_assert_cmpint (run_limber (fixture, &err, "chart", "C-1", "pain.nprs", "-o", missing_dir, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "no-such-folder"));
  g_assert_cmpuint (count_outputs (fixture), ==, 0);
  g_clear_pointer (&err, g_free);

  /* A folder without write permission (root may write anyway: then it just works). */
  g_assert_cmpint (g_mkdir (locked_dir, 0500), ==, 0);
  if (access (locked_dir, W_OK) == 0)
    {
      g_chmod (locked_dir, 0700);
      return;
    }
  g_assert_cmpint (run_limber (fixture, &err, "chart", "C-1", "pain.nprs", "-o", locked, NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "pain.png"));
  g_chmod (locked_dir, 0700);
  g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/chart-cli/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/chart-cli/svg-is-xml", Fixture, NULL, fixture_set_up, test_svg_is_xml,
              fixture_tear_down);
  g_test_add ("/chart-cli/pdf-one-page", Fixture, NULL, fixture_set_up, test_pdf_one_page,
              fixture_tear_down);
  g_test_add ("/chart-cli/side-and-episode", Fixture, NULL, fixture_set_up,
              test_side_and_episode, fixture_tear_down);
  g_test_add ("/chart-cli/errors-leave-no-file", Fixture, NULL, fixture_set_up,
              test_errors_leave_no_file, fixture_tear_down);
  g_test_add ("/chart-cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  g_test_add ("/chart-cli/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);

  return g_test_run ();
}
