/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-file"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "limber-file.h"
#include "limber-test-fixture.h"

/* Exports are health data: written whole or not at all, readable by their owner
 * only. */

typedef LimberTestFixture Fixture;

static void
test_write_and_read (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = limber_test_fixture_build_path (fixture, "visits.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf info;

  /* Overwrites a file that was readable by everyone: the new one is 0600. */
  g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_true (limber_file_write (path, "mrn,value\n1,7\n", -1, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  g_assert_true (limber_file_read (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "mrn,value\n1,7\n");
  g_assert_cmpuint (length, ==, 14);

  /* Nothing is left beside it: the temporary file became the file. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *expected_write = g_strdup_printf ("Cannot write %s: No such file or directory", missing);
  g_autofree char *expected_read = g_strdup_printf ("Cannot read %s: No such file or directory", missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (limber_file_write (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected_write);
  g_clear_error (&error);

  g_assert_false (limber_file_read (missing, &contents, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected_read);
  g_assert_null (contents);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Written bit by bit: the old file stays until the new one is whole; an abandoned
 * one leaves nothing behind. */
static void
test_writer (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = limber_test_fixture_build_path (fixture, "report.pdf");
  g_autoptr(LimberFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf info;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  writer = limber_file_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_file_writer_write (writer, "new ", 4, &error));
  g_assert_true (limber_file_writer_write (writer, "report", 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (limber_file_writer_get_temporary_path (writer), &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&writer, limber_file_writer_abort);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  writer = limber_file_writer_new (path, &error);
  g_assert_true (limber_file_writer_write (writer, "new report", 10, &error));
  g_assert_true (limber_file_writer_commit (g_steal_pointer (&writer), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new report");
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *from = limber_test_fixture_build_path (fixture, "clinic.sqlite");
  g_autofree char *to = limber_test_fixture_build_path (fixture, "copy.sqlite");
  g_autofree char *missing = limber_test_fixture_build_path (fixture, "missing.sqlite");
  g_autofree char *expected = g_strdup_printf ("Cannot read %s: No such file or directory",
                                               missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *big = g_strnfill (200 * 1024, 'x');
  gsize length = 0;
  GStatBuf info;

  g_assert_true (g_file_set_contents_full (from, big, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_true (limber_file_copy (from, to, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (to, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 200 * 1024);
  g_assert_cmpstr (contents, ==, big);
  g_assert_cmpint (g_stat (to, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* A missing source: the target is left as it was and nothing else is made. */
  g_assert_false (limber_file_copy (missing, to, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file/write-and-read", Fixture, NULL,
              limber_test_fixture_set_up_folder, test_write_and_read, limber_test_fixture_tear_down);
  g_test_add ("/file/writer", Fixture, NULL,
              limber_test_fixture_set_up_folder, test_writer, limber_test_fixture_tear_down);
  g_test_add ("/file/copy", Fixture, NULL,
              limber_test_fixture_set_up_folder, test_copy, limber_test_fixture_tear_down);
  g_test_add ("/file/errors", Fixture, NULL,
              limber_test_fixture_set_up_folder, test_errors, limber_test_fixture_tear_down);

  return g_test_run ();
}
