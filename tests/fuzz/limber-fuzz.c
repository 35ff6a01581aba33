/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-fuzz"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "limber-fuzz.h"
#include "limber-store.h"

/* What every harness shares: a private folder for the databases it writes, logs that
 * turn warnings into findings, and the checks of what a refusal leaves behind. */

static char *fuzz_dir = NULL;

void
limber_fuzz_fail (const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  fputs ("limber-fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  fflush (stderr);
  abort ();
}

void
limber_fuzz_note (const char *format,
                  ...)
{
  static int verbose = -1;
  va_list args;

  if (verbose < 0)
    verbose = g_getenv ("LIMBER_FUZZ_VERBOSE") != NULL;
  if (!verbose)
    return;

  va_start (args, format);
  fputs ("  ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
}

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* Debug and informational messages would only slow the fuzzer down. */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  limber_fuzz_fail ("a warning or critical was logged (see above)");
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_fuzz_dir (void)
{
  if (fuzz_dir != NULL)
    remove_tree (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

const char *
limber_fuzz_init (void)
{
  g_autoptr (GError) error = NULL;

  if (fuzz_dir != NULL)
    return fuzz_dir;

  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);

  fuzz_dir = g_dir_make_tmp ("limber-fuzz-XXXXXX", &error);
  if (fuzz_dir == NULL)
    limber_fuzz_fail ("cannot make a temporary folder: %s", error->message);
  atexit (remove_fuzz_dir);

  return fuzz_dir;
}

char *
limber_fuzz_build_path (const char *name)
{
  return g_build_filename (limber_fuzz_init (), name, NULL);
}

void
limber_fuzz_write_file (const char *path,
                        GBytes     *contents)
{
  g_autoptr (GError) error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_file_set_contents_full (path, data != NULL ? data : "", (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    limber_fuzz_fail ("cannot write %s: %s", path, error->message);
}

static void
remove_file (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    limber_fuzz_fail ("cannot remove %s: %s", path, g_strerror (errno));
}

GBytes *
limber_fuzz_read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      limber_fuzz_fail ("cannot read %s: %s", path, error->message);
    }

  return g_bytes_new_take (contents, length);
}

void
limber_fuzz_remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *backups = limber_store_get_backup_folder_for (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      remove_file (file);
    }

  /* The newest audit entry recorded there belongs to the file that was removed. */
  remove_tree (backups);
}

void
limber_fuzz_assert_unchanged (const char *path,
                              GBytes     *before,
                              const char *what)
{
  g_autoptr (GBytes) after = limber_fuzz_read_file (path);

  if (before == NULL && after == NULL)
    return;
  if (before == NULL || after == NULL || !g_bytes_equal (before, after))
    limber_fuzz_fail ("%s: %s was %s", what, path,
                      before == NULL ? "created" : after == NULL ? "removed" : "changed");
}

void
limber_fuzz_assert_error (const GError *error,
                          GQuark        domain,
                          const char   *what)
{
  if (error == NULL)
    limber_fuzz_fail ("%s failed without an error", what);
  if (error->domain != domain)
    limber_fuzz_fail ("%s failed with an error of %s (%d): %s", what,
                      g_quark_to_string (error->domain), error->code, error->message);
  if (!g_utf8_validate (error->message, -1, NULL))
    limber_fuzz_fail ("%s failed with a message that is not UTF-8", what);
  if (error->message[0] == '\0')
    limber_fuzz_fail ("%s failed with an empty message", what);
}
