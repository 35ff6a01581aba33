/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "limber-file.h"
#include "limber-store-private.h"

/* Backups: verified copies of the database in a private folder beside it, made
 * once a day and on request, rotated (7 daily, 4 weekly), and restored in place
 * while no other Limber has the file open. */

#define DAILY_BACKUPS 7
#define WEEKLY_BACKUPS 4
/* clinic-2026-11-29T091500.sqlite: text order is time order. */
#define BACKUP_TIME_FORMAT "%Y-%m-%dT%H%M%S"
#define STALE_TEMPORARY_SECONDS (60 * 60)
/* How long a restore that can be cancelled waits for others to close the file. */
#define RESTORE_WAIT_SECONDS (5 * 60)

/* ----- Names ----- */

static char *
database_stem (const char *database_path)
{
  char *base = g_path_get_basename (database_path);

  if (g_str_has_suffix (base, ".sqlite"))
    base[strlen (base) - strlen (".sqlite")] = '\0';
  return base;
}

char *
limber_store_get_backup_folder_for (const char *database_path)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  folder = g_path_get_dirname (database_path);
  stem = database_stem (database_path);
  name = g_strconcat (stem, "-backups", NULL);
  return g_build_filename (folder, name, NULL);
}

char *
limber_store_get_backup_folder (LimberStore *self)
{
  return limber_store_get_backup_folder_for (self->path);
}

/* The date (YYYY-MM-DD) of a rotated backup's file name, or NULL for another file. */
static char *
backup_name_date (const char *stem,
                  const char *name)
{
  gsize stem_length = strlen (stem);
  const char *rest;

  if (strncmp (name, stem, stem_length) != 0 || name[stem_length] != '-')
    return NULL;
  rest = name + stem_length + 1;
  if (strlen (rest) != strlen ("2026-11-29T091500.sqlite") || rest[10] != 'T'
      || !g_str_has_suffix (rest, ".sqlite"))
    return NULL;
  for (guint i = 0; i < 17; i++)
    if (i != 4 && i != 7 && i != 10 && !g_ascii_isdigit (rest[i]))
      return NULL;

  return g_strndup (rest, 10);
}

/* ----- Verifying a copy ----- */

/* What PRAGMA integrity_check finds wrong, or NULL; rc receives SQLite's code of a
 * check that could not run to its end. */
static char *
integrity_problem (sqlite3 *db,
                   int     *rc)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    *rc = sqlite3_step (stmt);
  if (*rc != SQLITE_ROW)
    return limber_store_valid_text (sqlite3_errmsg (db));
  *rc = SQLITE_OK;
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    return NULL;

  return g_strdelimit (limber_store_valid_text ((const char *) sqlite3_column_text (stmt, 0)),
                       "\n", ' ');
}

/* ----- How far a check has read -----
 *
 * PRAGMA integrity_check first walks every b-tree of the file in one long step of
 * SQLite's (about three fifths of its time), then compares every row with its
 * indexes in ordinary steps. The first part is measured by the pages read for the
 * first time, out of the file's pages; the second by SQLite's progress handler,
 * against what a Limber database of that many pages takes. */

/* The share of the check's time that walking the b-trees takes. */
#define CHECK_WALK_SHARE 0.6
/* Progress handler calls (every CHECK_STEPS_PER_CALL steps) per page in the second
 * part: 0.41 to 0.45, measured on generated clinics of 20 and 1000 patients. */
#define CHECK_STEPS_PER_CALL 1000
#define CHECK_CALLS_PER_PAGE 0.45

static int
read_db_int (sqlite3    *db,
             const char *sql,
             gint64     *value)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  return rc;
}

typedef void (*CheckProgressFunc) (double   fraction,
                                   gpointer user_data);

typedef struct
{
  /* First: the file's methods as SQLite had them, with xRead counting. */
  sqlite3_io_methods         methods;
  const sqlite3_io_methods  *real;
  sqlite3_file              *file;
  guint8                    *seen;      /* a bit per page read at least once */
  gint64                     n_pages;
  gint64                     n_seen;
  gint64                     page_size;
  guint                      n_calls;
  int                        percent;   /* last reported */
  CheckProgressFunc          func;
  gpointer                   user_data;
} CheckProgress;

static void
check_progress_report (CheckProgress *self)
{
  double walked = self->n_pages > 0 ? (double) self->n_seen / (double) self->n_pages : 1;
  double compared = self->n_calls / MAX (1.0, CHECK_CALLS_PER_PAGE * (double) self->n_pages);
  double fraction = CHECK_WALK_SHARE * MIN (walked, 1.0)
                    + (1 - CHECK_WALK_SHARE) * MIN (compared, 1.0);
  /* Done only when SQLite says so. */
  int percent = (int) (MIN (fraction, 0.99) * 100);

  if (percent > self->percent)
    {
      self->percent = percent;
      self->func (percent / 100.0, self->user_data);
    }
}

static int
check_progress_read (sqlite3_file  *file,
                     void          *buffer,
                     int            amount,
                     sqlite3_int64  offset)
{
  /* pMethods points at the methods, the first member of the CheckProgress. */
  CheckProgress *self = (CheckProgress *) file->pMethods;
  gint64 page = self->page_size > 0 ? offset / self->page_size : -1;

  if (page >= 0 && page < self->n_pages && (self->seen[page / 8] & (1 << (page % 8))) == 0)
    {
      self->seen[page / 8] |= 1 << (page % 8);
      self->n_seen++;
      check_progress_report (self);
    }
  return self->real->xRead (file, buffer, amount, offset);
}

static int
check_progress_step (gpointer user_data)
{
  CheckProgress *self = user_data;

  self->n_calls++;
  check_progress_report (self);
  return 0;
}

/* Counts what the connection reads of its main file from now on; NULL (and nothing
 * counted) when the file cannot be watched. */
static CheckProgress *
check_progress_start (sqlite3           *db,
                      const char        *path,
                      CheckProgressFunc  func,
                      gpointer           user_data)
{
  g_autofree CheckProgress *self = g_new0 (CheckProgress, 1);
  sqlite3_file *file = NULL;
  gint64 size = 0;
  GStatBuf st;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK
      || file == NULL || file->pMethods == NULL
      || read_db_int (db, "PRAGMA page_size", &self->page_size) != SQLITE_OK
      || self->page_size <= 0 || g_stat (path, &st) != 0)
    return NULL;

  size = st.st_size;
  self->n_pages = MAX (1, size / self->page_size);
  self->seen = g_malloc0 ((gsize) self->n_pages / 8 + 1);
  /* 0 is said as the step starts. */
  self->percent = 0;
  self->func = func;
  self->user_data = user_data;
  self->real = file->pMethods;
  self->methods = *file->pMethods;
  self->methods.xRead = check_progress_read;
  self->file = file;
  file->pMethods = &self->methods;
  sqlite3_progress_handler (db, CHECK_STEPS_PER_CALL, check_progress_step, self);
  return g_steal_pointer (&self);
}

/* Gives the file its own methods back, before the connection closes. */
static void
check_progress_stop (sqlite3       *db,
                     CheckProgress *self)
{
  if (self == NULL)
    return;

  sqlite3_progress_handler (db, 0, NULL, NULL);
  self->file->pMethods = self->real;
  g_free (self->seen);
  g_free (self);
}

/* The integrity check is one long step of SQLite's, which its progress handler does
 * not interrupt: sqlite3_interrupt() does, from the thread that cancels. */
static void
on_cancelled_interrupt (GCancellable *cancellable,
                        gpointer      db)
{
  sqlite3_interrupt (db);
}

static gboolean
set_cancelled_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The restore was cancelled; nothing was restored"));
  return FALSE;
}

/* The handler first: it must not interrupt a connection being closed. */
static void
close_checked (sqlite3      *db,
               GCancellable *cancellable,
               gulong        cancelled_id)
{
  g_cancellable_disconnect (cancellable, cancelled_id);
  sqlite3_close (db);
}

/* Reads path alone, as it is on the disk, ignoring any -wal beside it: a Limber
 * database of a schema this version knows, every page intact. Reading stops
 * (G_IO_ERROR_CANCELLED) once cancellable is cancelled. */
static gboolean
verify_copy (const char         *path,
             guint              *version,
             CheckProgressFunc   progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  CheckProgress *counter = NULL;
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 application_id = 0;
  gint64 user_version = 0;
  gulong cancelled_id = 0;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc == SQLITE_OK && cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_interrupt),
                                          db, NULL);
  if (rc == SQLITE_OK && progress != NULL)
    counter = check_progress_start (db, path, progress, progress_data);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT application_id, user_version "
                                 "FROM pragma_application_id, pragma_user_version",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      application_id = sqlite3_column_int64 (stmt, 0);
      user_version = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    problem = limber_store_valid_text (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (application_id != LIMBER_STORE_APPLICATION_ID || user_version < 1)
    {
      check_progress_stop (db, counter);
      close_checked (db, cancellable, cancelled_id);
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER,
                   _("%s is not a Limber database"), display);
      return FALSE;
    }
  else if (user_version > limber_store_get_schema_version ())
    {
      check_progress_stop (db, counter);
      close_checked (db, cancellable, cancelled_id);
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NEWER_VERSION,
                   _("%s was made by a newer version of Limber (schema %u, this version "
                     "knows %u)"), display, (guint) user_version,
                   limber_store_get_schema_version ());
      return FALSE;
    }
  else
    problem = integrity_problem (db, &rc);
  check_progress_stop (db, counter);
  close_checked (db, cancellable, cancelled_id);

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled_error (error);
  /* A disk that fails to read says nothing about the copy's pages. */
  if ((rc & 0xff) == SQLITE_IOERR)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_READ,
                   _("%s could not be read from the disk (%s). The disk or medium may be "
                     "failing: copy the database and its backups folder to another disk "
                     "now, then have this disk checked"), display, problem);
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("%s is damaged (%s)"), display, problem);
      return FALSE;
    }

  if (version != NULL)
    *version = (guint) user_version;
  return TRUE;
}

/* ----- Making a backup ----- */

static gboolean
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* A folder that may not be written, or is not there, is a wrong place to write
   * to (as for an export), not a failing disk. */
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL,
                 _("Cannot write %s: the disk is full"), display);
  else
    g_set_error (error, LIMBER_STORE_ERROR,
                 saved_errno == EIO ? LIMBER_STORE_ERROR_IO : LIMBER_STORE_ERROR_FAILED,
                 _("Cannot write %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* A file that could not be written or read (limber-file.h), as the store's error:
 * the disk full, an I/O error, or a file that may not be written there, with the
 * file's own words. */
static gboolean
propagate_file_error (GError **error,
                      GError  *file_error)
{
  LimberStoreError code = g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                          ? LIMBER_STORE_ERROR_FULL
                          : g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_IO)
                          ? LIMBER_STORE_ERROR_IO : LIMBER_STORE_ERROR_FAILED;

  g_set_error_literal (error, LIMBER_STORE_ERROR, code, file_error->message);
  g_error_free (file_error);
  return FALSE;
}

static void
remove_journal_of (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  if (g_unlink (journal) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", journal, g_strerror (errno));
}

/* VACUUM INTO a private temporary file beside path: a consistent copy of the
 * last commit, without the free pages (where erased data could linger). It counts
 * only once it reads back whole; then it takes path's name. */
static gboolean
store_copy_to (LimberStore  *self,
               const char   *path,
               GError      **error)
{
  g_autoptr (LimberFileWriter) writer = NULL;
  g_autoptr (LimberStoreStatement) stmt = NULL;
  GError *file_error = NULL;
  const char *tmp_path;
  int rc;

  /* SQLite fills the empty file, which is the user's alone from the start. */
  writer = limber_file_writer_new (path, &file_error);
  if (writer == NULL)
    return propagate_file_error (error, file_error);
  tmp_path = limber_file_writer_get_temporary_path (writer);

  stmt = limber_store_prepare (self, "VACUUM INTO ?1", error);
  if (stmt == NULL)
    return FALSE;
  limber_store_bind_text (stmt, 1, tmp_path);
  rc = sqlite3_step (stmt);
  /* The copy is written through a rollback journal of its own, which a failed
   * write or a failed deletion can leave behind. */
  remove_journal_of (tmp_path);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  if (!verify_copy (tmp_path, NULL, NULL, NULL, NULL, error))
    {
      g_prefix_error (error, _("The backup did not read back whole: "));
      return FALSE;
    }

  if (!limber_file_writer_commit (g_steal_pointer (&writer), &file_error))
    return propagate_file_error (error, file_error);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* A copy that a backup or a restore was writing when Limber was killed
 * (.clinic-2026-11-29T091500.sqlite.XXXXXX, see limber_file_writer_new()) holds
 * health data that nobody will read; one older than an hour is no longer being
 * written. */
static gboolean
is_stale_temporary (const char *folder,
                    const char *stem,
                    const char *name)
{
  g_autofree char *prefix = g_strconcat (".", stem, "-", NULL);
  g_autofree char *path = NULL;
  const char *suffix;
  struct stat st;

  suffix = g_str_has_prefix (name, prefix) ? strstr (name, ".sqlite.") : NULL;
  if (suffix == NULL || strlen (suffix) != strlen (".sqlite.XXXXXX"))
    return FALSE;

  path = g_build_filename (folder, name, NULL);
  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode)
         && st.st_mtime < time (NULL) - STALE_TEMPORARY_SECONDS;
}

/* Removes a folder that a restore prepared its copy in, with whatever opening the
 * copy made there (its -wal and -shm, the audit head beside its backups). */
static void
remove_private_folder (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_private_folder (child);
      else if (g_unlink (child) != 0)
        g_warning ("Could not remove %s: %s", child, g_strerror (errno));
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
}

/* A private folder (.restore-XXXXXX) that a restore prepared the backup in when
 * Limber was killed: a copy of health data nobody will read. One older than an
 * hour is no longer in use. */
static gboolean
is_stale_restore_folder (const char *folder,
                         const char *name)
{
  g_autofree char *path = NULL;
  struct stat st;

  if (!g_str_has_prefix (name, ".restore-") || strlen (name) != strlen (".restore-XXXXXX"))
    return FALSE;

  path = g_build_filename (folder, name, NULL);
  return g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode)
         && st.st_mtime < time (NULL) - STALE_TEMPORARY_SECONDS;
}

/* Keeps the newest backup of each of the last 7 days that have one, then the
 * newest of each of the 4 weeks before; deletes the others, and what backups cut
 * short left behind. */
static void
store_rotate_backups (const char *database_path)
{
  g_autofree char *folder = limber_store_get_backup_folder_for (database_path);
  g_autofree char *stem = database_stem (database_path);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) weeks = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *date = backup_name_date (stem, name);

      if (date != NULL)
        g_ptr_array_add (names, g_strdup (name));
      else if (is_stale_temporary (folder, stem, name))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *journal = g_strconcat (path, "-journal", NULL);

          g_debug ("Removing %s, left by a backup cut short", path);
          g_unlink (path);
          g_unlink (journal);
        }
      else if (is_stale_restore_folder (folder, name))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_debug ("Removing %s, left by a restore cut short", path);
          remove_private_folder (path);
        }
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = names->len; i-- > 0;)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *date = backup_name_date (stem, file);
      gboolean keep = FALSE;

      if (!g_hash_table_contains (days, date))
        {
          if (g_hash_table_size (days) < DAILY_BACKUPS)
            keep = TRUE;
          else
            {
              g_autoptr (GDateTime) day = NULL;
              g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
              int week;

              day = g_date_time_new_from_iso8601 (iso, NULL);
              week = day != NULL ? g_date_time_get_week_numbering_year (day) * 100
                                   + g_date_time_get_week_of_year (day)
                                 : 0;
              if (week != 0 && !g_hash_table_contains (weeks, GINT_TO_POINTER (week))
                  && g_hash_table_size (weeks) < WEEKLY_BACKUPS)
                {
                  g_hash_table_add (weeks, GINT_TO_POINTER (week));
                  keep = TRUE;
                }
            }
          g_hash_table_add (days, g_steal_pointer (&date));
        }

      if (!keep)
        {
          g_autofree char *path = g_build_filename (folder, file, NULL);

          if (g_unlink (path) != 0)
            g_warning ("Could not remove the old backup %s: %s", path, g_strerror (errno));
        }
    }
}

static gboolean
store_backup_to_folder (LimberStore  *self,
                        char        **made_path,
                        GError      **error)
{
  g_autofree char *folder = limber_store_get_backup_folder (self);
  g_autofree char *stem = database_stem (self->path);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, BACKUP_TIME_FORMAT);
  g_autofree char *name = g_strdup_printf ("%s-%s.sqlite", stem, stamp);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_file_error (error, errno, folder);
  g_chmod (folder, 0700);

  if (!store_copy_to (self, path, error))
    return FALSE;

  store_rotate_backups (self->path);
  limber_store_save_chain_head (self);
  if (made_path != NULL)
    *made_path = g_steal_pointer (&path);
  return TRUE;
}

gboolean
limber_store_backup (LimberStore  *self,
                     const char   *path,
                     char        **made_path,
                     GError      **error)
{
  g_autoptr (GPtrArray) problems = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A copy of a damaged or tampered file would be kept as if it were good. */
  problems = limber_store_verify (self, error);
  if (problems == NULL)
    return FALSE;
  if (problems->len > 0)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("No backup was made: %s did not pass its check (%s)"), display,
                   (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }

  if (path == NULL)
    return store_backup_to_folder (self, made_path, error);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s already exists; give the name of a new file"), display);
      return FALSE;
    }
  if (!store_copy_to (self, path, error))
    return FALSE;
  if (made_path != NULL)
    *made_path = g_strdup (path);
  return TRUE;
}

gboolean
limber_store_backup_daily (LimberStore  *self,
                           char        **made_path,
                           GError      **error)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *stem = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);

  if (made_path != NULL)
    *made_path = NULL;

  stem = database_stem (self->path);
  backups = limber_store_list_backups (self->path, NULL);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *date = backup_name_date (stem, g_file_info_get_name (info));

      if (g_strcmp0 (date, today) == 0)
        return TRUE;
    }

  return limber_store_backup (self, NULL, made_path, error);
}

static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  return -g_strcmp0 (g_file_info_get_name (*(GFileInfo **) a),
                     g_file_info_get_name (*(GFileInfo **) b));
}

/* The files of the folder whose names are_wanted accepts, newest first. */
static GPtrArray *
list_folder (const char  *database_path,
             gboolean   (*is_wanted) (const char *stem,
                                      const char *name))
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  folder = limber_store_get_backup_folder_for (database_path);
  stem = database_stem (database_path);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr (GFile) file = NULL;
      GFileInfo *info;

      if (!is_wanted (stem, name))
        continue;
      path = g_build_filename (folder, name, NULL);
      file = g_file_new_for_path (path);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      if (info == NULL)
        continue;
      g_file_info_set_attribute_byte_string (info, "limber::path", path);
      g_ptr_array_add (backups, info);
    }

  /* Newest first. */
  g_ptr_array_sort (backups, compare_backups);
  return g_steal_pointer (&backups);
}

static gboolean
is_backup (const char *stem,
           const char *name)
{
  g_autofree char *date = backup_name_date (stem, name);

  return date != NULL;
}

/* clinic-before-restore-2026-11-29T091500.sqlite */
static gboolean
is_replaced (const char *stem,
             const char *name)
{
  g_autofree char *prefix = g_strconcat (stem, "-before-restore", NULL);

  return g_str_has_prefix (name, prefix) && is_backup (prefix, name);
}

GPtrArray *
limber_store_list_backups (const char  *database_path,
                           GError     **error)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return list_folder (database_path, is_backup);
}

GPtrArray *
limber_store_list_replaced (const char  *database_path,
                            GError     **error)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return list_folder (database_path, is_replaced);
}

/* ----- Locks ----- */

gboolean
limber_store_lock_shared (LimberStore  *self,
                          GError      **error)
{
  g_autofree char *display = NULL;

  self->lock_fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_SH | LOCK_NB) == 0)
    return TRUE;

  display = g_filename_display_name (self->path);
  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY,
               _("%s is being restored from a backup; try again in a moment"), display);
  return FALSE;
}

/* ----- Restoring ----- */

/* Merges what the -wal holds into the file and removes the -wal and -shm, so that
 * none of it is replayed into the file that replaces it. */
static gboolean
restore_checkpoint (const char  *path,
                    GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *detail = limber_store_valid_text (db != NULL ? sqlite3_errmsg (db)
                                                                    : sqlite3_errstr (rc));

      sqlite3_close (db);
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot finish the changes in %s before replacing it (%s); nothing was "
                     "restored"), display, detail);
      return FALSE;
    }

  sqlite3_close (db);
  return TRUE;
}

static gboolean
copy_file_privately (const char  *from,
                     const char  *to,
                     GError     **error)
{
  GError *file_error = NULL;

  if (!limber_file_copy (from, to, &file_error))
    return propagate_file_error (error, file_error);
  return TRUE;
}

/* error, naming the backup where it names the copy being prepared. */
static void
name_backup_in_error (GError     *error,
                      const char *prepared,
                      const char *backup_path)
{
  g_autofree char *prepared_display = g_filename_display_name (prepared);
  g_autofree char *backup_display = g_filename_display_name (backup_path);
  g_autoptr (GString) message = g_string_new (error->message);

  g_string_replace (message, prepared_display, backup_display, 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/* The backup as the clinic will open it, made before anything is replaced: copied
 * into a private folder (0700) in the backups folder, on the same disk as the
 * database, and opened there once as Limber opens a file (an older backup is
 * upgraded, every check runs), then closed with its -wal merged. A backup that
 * would not open replaces nothing. folder receives the private folder, which the
 * caller removes. */
static gboolean
restore_prepare (const char  *database_path,
                 const char  *backup_path,
                 char       **folder,
                 char       **prepared,
                 GError     **error)
{
  g_autofree char *backups = limber_store_get_backup_folder_for (database_path);
  g_autofree char *wal = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) local_error = NULL;

  if (g_mkdir_with_parents (backups, 0700) != 0)
    return set_file_error (error, errno, backups);
  *folder = g_build_filename (backups, ".restore-XXXXXX", NULL);
  if (g_mkdtemp_full (*folder, 0700) == NULL)
    {
      int saved_errno = errno;

      g_clear_pointer (folder, g_free);
      return set_file_error (error, saved_errno, backups);
    }

  *prepared = g_build_filename (*folder, "restored.sqlite", NULL);
  if (!copy_file_privately (backup_path, *prepared, error))
    return FALSE;

  store = limber_store_open (*prepared, &local_error);
  if (store == NULL)
    {
      name_backup_in_error (local_error, *prepared, backup_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_object (&store);

  /* Closing merges the -wal; a copy that still has one would lose it in the
   * rename. */
  wal = g_strconcat (*prepared, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && !restore_checkpoint (*prepared, error))
    return FALSE;
  return TRUE;
}

static void
report_step (LimberStoreRestoreProgress  progress,
             gpointer                    progress_data,
             LimberStoreRestoreStep      step)
{
  if (progress != NULL)
    progress (step, 0, progress_data);
}

typedef struct
{
  LimberStoreRestoreProgress progress;
  gpointer                   progress_data;
} VerifyingProgress;

static void
report_verifying (double   fraction,
                  gpointer user_data)
{
  VerifyingProgress *verifying = user_data;

  verifying->progress (LIMBER_STORE_RESTORE_VERIFYING, fraction, verifying->progress_data);
}

/* A copy of the records kept by a restore, with the -wal kept beside it. */
static void
remove_kept (const char *kept)
{
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

  if (g_unlink (kept) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", kept, g_strerror (errno));
  g_unlink (kept_wal);
}

static gboolean
restore_locked (const char                  *database_path,
                const char                  *backup_path,
                LimberStoreRestoreProgress   progress,
                gpointer                     progress_data,
                GCancellable                *cancellable,
                char                       **kept_path,
                GError                     **error)
{
  g_autofree char *folder = limber_store_get_backup_folder_for (database_path);
  g_autofree char *stem = database_stem (database_path);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *kept = NULL;
  g_autoptr (LimberFileWriter) writer = NULL;
  GError *file_error = NULL;

  g_autoptr (GError) checkpoint_error = NULL;
  gboolean merged;

  report_step (progress, progress_data, LIMBER_STORE_RESTORE_KEEPING);
  merged = restore_checkpoint (database_path, &checkpoint_error);

  /* Named for the time of the restore; never over another kept copy (two restores
   * in one second: the second may restore the first's). */
  for (int seconds = 0; kept == NULL || g_file_test (kept, G_FILE_TEST_EXISTS); seconds++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_seconds (now, seconds);
      g_autofree char *stamp = g_date_time_format (when, BACKUP_TIME_FORMAT);
      g_autofree char *kept_name = g_strdup_printf ("%s-before-restore-%s.sqlite", stem, stamp);

      g_free (kept);
      kept = g_build_filename (folder, kept_name, NULL);
    }

  /* The current file, as it is, so that a restore can be undone; if its -wal could
   * not be merged (a damaged file), the -wal is kept beside the copy. */
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_file_error (error, errno, folder);
  if (!copy_file_privately (database_path, kept, error))
    return FALSE;
  if (!merged)
    {
      g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
      g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

      g_debug ("Keeping the -wal of a file that could not be merged: %s",
               checkpoint_error->message);
      if (g_file_test (wal, G_FILE_TEST_EXISTS) && !copy_file_privately (wal, kept_wal, error))
        {
          remove_kept (kept);
          return FALSE;
        }
    }

  /* The last moment at which stopping changes nothing. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      remove_kept (kept);
      return set_cancelled_error (error);
    }
  report_step (progress, progress_data, LIMBER_STORE_RESTORE_REPLACING);

  /* The backup's bytes beside the database, then in its place in one rename, with
   * nothing left of the old -wal and -shm. */
  writer = limber_file_writer_new (database_path, &file_error);
  if (writer == NULL || !limber_file_writer_copy_from (writer, backup_path, &file_error))
    return propagate_file_error (error, file_error);
  for (const char *const *suffix = (const char *const[]) { "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *companion = g_strconcat (database_path, *suffix, NULL);

      if (g_unlink (companion) != 0 && errno != ENOENT)
        return set_file_error (error, errno, companion);
    }
  if (!limber_file_writer_commit (g_steal_pointer (&writer), &file_error))
    return propagate_file_error (error, file_error);

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

/* Takes the file for the restore alone. Without a cancellable, at once or not at
 * all; with one, the caller can stop waiting, so that this waits (at most
 * RESTORE_WAIT_SECONDS) for the connections that read the file to close, such as
 * the check that the window runs in the background after it opens. */
static gboolean
lock_for_restore (int                          fd,
                  LimberStoreRestoreProgress   progress,
                  gpointer                     progress_data,
                  GCancellable                *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + RESTORE_WAIT_SECONDS * G_USEC_PER_SEC;

  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;
  if (cancellable == NULL)
    return FALSE;

  report_step (progress, progress_data, LIMBER_STORE_RESTORE_WAITING);
  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
    {
      g_usleep (G_USEC_PER_SEC / 10);
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Keeps the newest LIMBER_STORE_KEPT_REPLACED copies of the records that restores
 * replaced, kept (the one just made) always among them; rotating backups are not
 * touched. */
static void
prune_replaced (const char *database_path,
                const char *kept)
{
  g_autoptr (GPtrArray) replaced = limber_store_list_replaced (database_path, NULL);
  guint n_kept = 1;

  for (guint i = 0; i < replaced->len; i++)
    {
      const char *path = g_file_info_get_attribute_byte_string (g_ptr_array_index (replaced, i),
                                                                "limber::path");

      if (g_strcmp0 (path, kept) == 0)
        continue;
      if (n_kept < LIMBER_STORE_KEPT_REPLACED)
        {
          n_kept++;
          continue;
        }

      g_debug ("Removing %s, an older copy of records replaced by a restore", path);
      remove_kept (path);
    }
}

gboolean
limber_store_restore (const char  *database_path,
                      const char  *backup_path,
                      char       **kept_path,
                      GError     **error)
{
  return limber_store_restore_full (database_path, backup_path, NULL, NULL, NULL, kept_path,
                                    error);
}

gboolean
limber_store_restore_full (const char                  *database_path,
                           const char                  *backup_path,
                           LimberStoreRestoreProgress   progress,
                           gpointer                     progress_data,
                           GCancellable                *cancellable,
                           char                       **kept_path,
                           GError                     **error)
{
  g_autoptr (LimberStore) restored = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *prepared = NULL;
  VerifyingProgress verifying = { progress, progress_data };
  gboolean ok;
  int fd;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The backup first: a damaged one, or one that would not open, must not replace
   * anything. */
  report_step (progress, progress_data, LIMBER_STORE_RESTORE_VERIFYING);
  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled_error (error);
  if (!verify_copy (backup_path, NULL, progress != NULL ? report_verifying : NULL, &verifying,
                    cancellable, &local_error)
      || !restore_prepare (database_path, backup_path, &folder, &prepared, &local_error))
    {
      if (folder != NULL)
        remove_private_folder (folder);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, _("Nothing was restored: "));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  display = g_filename_display_name (database_path);
  fd = g_open (database_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      remove_private_folder (folder);
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot open %s: %s"), display, g_strerror (errno));
      return FALSE;
    }
  if (!lock_for_restore (fd, progress, progress_data, cancellable))
    {
      g_close (fd, NULL);
      remove_private_folder (folder);
      if (g_cancellable_is_cancelled (cancellable))
        return set_cancelled_error (error);
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY,
                   _("Limber has %s open in a window or a running command; close it and "
                     "try again. Nothing was restored"), display);
      return FALSE;
    }

  ok = restore_locked (database_path, prepared, progress, progress_data, cancellable, &kept,
                       error);
  g_close (fd, NULL);
  remove_private_folder (folder);
  if (!ok)
    return FALSE;

  /* Opened once more, now where it belongs: the newest audit entry is recorded
   * again, since the log now ends where the backup's did. The same file opened a
   * moment ago, so this fails only if the disk does. */
  report_step (progress, progress_data, LIMBER_STORE_RESTORE_OPENING);
  restored = limber_store_open (database_path, &local_error);
  if (restored == NULL)
    {
      g_autofree char *kept_display = g_filename_display_name (kept);

      g_set_error (error, local_error->domain, local_error->code,
                   _("%s was restored from the backup, but then could not be opened: %s. "
                     "The records it replaced are kept as %s; restore that file to go back "
                     "to them"), display, local_error->message, kept_display);
      if (kept_path != NULL)
        *kept_path = g_steal_pointer (&kept);
      return FALSE;
    }
  limber_store_save_chain_head (restored);

  prune_replaced (database_path, kept);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
