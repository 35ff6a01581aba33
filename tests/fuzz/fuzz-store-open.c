/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-fuzz"

#include <string.h>

#include "limber-csv-export.h"
#include "limber-fuzz.h"
#include "limber-store.h"

/* Opening any file as the clinic's database, as `limber check` and `limber export`
 * do (read-only) and as the window does (for writing), then the full check and an
 * export.
 *
 * An input is the database file, optionally followed by what lies beside it: after
 * the marker "\0LIMBER-FUZZ:-wal\n" a -wal, after "\0LIMBER-FUZZ:-journal\n" a
 * rollback journal (tests/fuzz/make-seeds writes such inputs). Checked besides not
 * crashing or leaking:
 * - opening read-only, checking and exporting never change the file or what lies
 *   beside it;
 * - a file refused as not Limber's, of a newer version, changed outside Limber or
 *   damaged is left exactly as it was, journals included (but for the rollback
 *   journal of an unfinished change to a file marked as Limber's, which opening for
 *   writing rolls back first);
 * - every error and every problem the check reports is UTF-8. */

#define MARKER "\0LIMBER-FUZZ:"
#define MARKER_LENGTH (sizeof MARKER - 1)

enum { COMPANION_WAL, COMPANION_JOURNAL };
static const char *const companions[] = { [COMPANION_WAL] = "-wal", [COMPANION_JOURNAL] = "-journal" };

typedef struct
{
  GBytes *database;
  GBytes *companions[G_N_ELEMENTS (companions)];
} FuzzFiles;

static char *fuzz_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  limber_fuzz_init ();
  fuzz_path = limber_fuzz_build_path ("clinic.sqlite");
  return 0;
}

static const uint8_t *
find_marker (const uint8_t *data,
             const uint8_t *end)
{
  for (const uint8_t *p = data; p + MARKER_LENGTH <= end; p++)
    {
      p = memchr (p, '\0', end - p);
      if (p == NULL || p + MARKER_LENGTH > end)
        return NULL;
      if (memcmp (p, MARKER, MARKER_LENGTH) == 0)
        return p;
    }
  return NULL;
}

/* Splits the input at its markers; a marker naming no companion, or one named
 * twice, is taken as part of the file before it. */
static void
fuzz_files_split (FuzzFiles     *files,
                  const uint8_t *data,
                  size_t         size)
{
  const uint8_t *end = data + size;
  const uint8_t *start = data;
  GBytes **current = &files->database;
  const uint8_t *search = data;
  const uint8_t *marker;

  memset (files, 0, sizeof *files);
  while ((marker = find_marker (search, end)) != NULL)
    {
      const uint8_t *name = marker + MARKER_LENGTH;
      const uint8_t *newline = memchr (name, '\n', end - name);
      GBytes **next = NULL;

      search = marker + 1;
      if (newline == NULL)
        break;
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        if ((size_t) (newline - name) == strlen (companions[i])
            && memcmp (name, companions[i], newline - name) == 0 && files->companions[i] == NULL)
          next = &files->companions[i];
      if (next == NULL)
        continue;

      *current = g_bytes_new (start, marker - start);
      current = next;
      start = newline + 1;
      search = start;
    }
  *current = g_bytes_new (start, end - start);
}

static void
fuzz_files_clear (FuzzFiles *files)
{
  g_clear_pointer (&files->database, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    g_clear_pointer (&files->companions[i], g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FuzzFiles, fuzz_files_clear)

static void
fuzz_files_write (const FuzzFiles *files)
{
  limber_fuzz_remove_database (fuzz_path);
  limber_fuzz_write_file (fuzz_path, files->database);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    if (files->companions[i] != NULL)
      {
        g_autofree char *path = g_strconcat (fuzz_path, companions[i], NULL);

        limber_fuzz_write_file (path, files->companions[i]);
      }
}

/* Limber writes through a -wal, so that a rollback journal beside a file marked as
 * Limber's can only be left by a change that never finished: opening for writing
 * rolls it back, as any SQLite program must before reading the file. */
static gboolean
fuzz_files_may_roll_back (const FuzzFiles *files)
{
  gsize size = 0;
  const guint8 *header = g_bytes_get_data (files->database, &size);

  GBytes *journal = files->companions[COMPANION_JOURNAL];

  return journal != NULL && g_bytes_get_size (journal) > 0
         && size >= 72 && memcmp (header + 68, "LMBR", 4) == 0;
}

/* What opening may not change: the file and its journals as they were written
 * (but for a rollback journal that may be rolled back). */
static void
fuzz_files_assert_unchanged (const FuzzFiles *files,
                             gboolean         may_roll_back,
                             const char      *what)
{
  if (!may_roll_back)
    limber_fuzz_assert_unchanged (fuzz_path, files->database, what);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *path = g_strconcat (fuzz_path, companions[i], NULL);

      if (may_roll_back && i == COMPANION_JOURNAL)
        continue;
      /* A -wal that was not there may appear: SQLite makes one to read a WAL file. */
      if (files->companions[i] != NULL)
        limber_fuzz_assert_unchanged (path, files->companions[i], what);
    }
}

/* limber check: the whole file, and the problems in words. */
static void
check_and_export (LimberStore *store,
                  const char  *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = limber_store_verify (store, &error);
  g_autofree char *exported = NULL;

  if (problems == NULL)
    limber_fuzz_assert_error (error, LIMBER_STORE_ERROR, what);
  else
    limber_fuzz_note ("%s: %u problems%s%s", what, problems->len, problems->len > 0 ? ": " : "",
                      problems->len > 0 ? (const char *) g_ptr_array_index (problems, 0) : "");
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (problems, i), -1, NULL))
      limber_fuzz_fail ("%s: a problem found is not told in UTF-8", what);
  g_clear_error (&error);

  exported = limber_csv_export_data (store, &error);
  if (exported == NULL)
    limber_fuzz_assert_error (error, LIMBER_STORE_ERROR, what);
  else
    limber_fuzz_note ("%s: exported %zu bytes", what, strlen (exported));
}

static gboolean
refused_untouched (const GError *error)
{
  return g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER)
         || g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NEWER_VERSION)
         || g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_TAMPERED)
         || g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto (FuzzFiles) files = { NULL, };
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) error = NULL;

  fuzz_files_split (&files, data, size);
  fuzz_files_write (&files);

  /* As limber check, export, summary and the reports open it. */
  store = limber_store_open_full (fuzz_path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      limber_fuzz_assert_error (error, LIMBER_STORE_ERROR, "opening read-only");
      limber_fuzz_note ("opening read-only: %s", error->message);
    }
  else
    check_and_export (store, "checking read-only");
  g_clear_object (&store);
  g_clear_error (&error);
  fuzz_files_assert_unchanged (&files, FALSE, "opening read-only");

  /* As the window and limber import open it. */
  store = limber_store_open (fuzz_path, &error);
  if (store == NULL)
    {
      limber_fuzz_assert_error (error, LIMBER_STORE_ERROR, "opening");
      limber_fuzz_note ("opening: %s", error->message);
      if (refused_untouched (error))
        fuzz_files_assert_unchanged (&files, fuzz_files_may_roll_back (&files), error->message);
      return 0;
    }

  check_and_export (store, "checking");
  return 0;
}
