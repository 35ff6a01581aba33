/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dlsym (RTLD_NEXT): the C library's calls below the ones this program defines. */
#define _GNU_SOURCE 1
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-cli.h"
#include "limber-csv-import.h"
#include "limber-fault-vfs.h"
#include "limber-store-private.h"
#include "limber-store.h"

/* Failing writes: each store action (an import, a session saved, an upgrade of the
 * schema, a backup, a restore, and an import through the command line) runs with
 * the Nth write, sync, truncate or delete of SQLite failing as on a full disk
 * (ENOSPC, and the disk stays full) or a failing one (EIO, once), for every N the
 * action reaches; a backup and a restore also with the Nth write(), fsync() or
 * rename() of the files they write themselves failing. After each failure:
 *
 *   - the action says so, in words that name the cause ("the disk is full");
 *   - the database, read by another connection through the real VFS, passes
 *     integrity_check and holds exactly the state before the action, or after it
 *     when the action reported success: never one in between;
 *   - the same store then performs the action once the disk is fine again;
 *   - no temporary file is left, and only backups that read back whole count;
 *   - reopened as Limber opens it, the file passes limber_store_verify(). */

static const char base_csv[] =
  "mrn,patient_name,condition,session_date,measure,side,value\n"
  "F-1,Fay Fault,knee_pain,2024-04-02,pain.nprs,,7\n"
  "F-1,Fay Fault,knee_pain,2024-04-02,rom.knee.flexion,left,90\n";

static const char more_csv[] =
  "mrn,patient_name,condition,session_date,measure,side,value\n"
  "D-1,Dora Diskfull,low_back_pain,2024-04-03,pain.nprs,,6\n"
  "D-1,Dora Diskfull,low_back_pain,2024-04-03,prom.odi,,40\n"
  "D-2,Dan Diskfull,neck_pain,2024-04-05,pain.nprs,,3\n"
  "F-1,Fay Fault,knee_pain,2024-04-09,pain.nprs,,5\n";

typedef struct
{
  char *dir;
  char *base;        /* the database before the action (closed; restore: with a -wal) */
  char *old_backup;  /* restore: a backup holding less than base */
  char *csv;
  char *run;         /* the folder of one run */
  char *db;          /* run/clinic.sqlite */
  char *before;      /* what the database held before the action */
  guint n_points;
  guint n_absorbed;  /* faults SQLite recovered from: the action succeeded */
  guint n_violations;
} Fixture;

typedef struct
{
  const char *name;
  /* Opens the store the action uses (NULL: the action opens or needs none). */
  LimberStore *(*open) (Fixture *fixture, GError **error);
  gboolean (*act) (Fixture *fixture, LimberStore *store, GError **error);
  /* Writes fail only with ENOSPC, the rest only with EIO: the store's own sweep of
   * the same action tries both, this one what the command line makes of them. */
  gboolean one_errno_per_kind;
  /* It writes files of its own, beside SQLite's. */
  gboolean writes_files;
} Action;

/* ----- Files ----- */

/* Dated long ago, so that the rotation of a backup made meanwhile keeps it. */
#define OLD_BACKUP_NAME "clinic-2000-01-01T000000.sqlite"

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
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

/* A fresh folder holding a copy of the base database (and its -wal, if any). */
static void
fresh_run (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->base, "-wal", NULL);
  g_autofree char *run_wal = g_strconcat (fixture->db, "-wal", NULL);

  remove_tree (fixture->run);
  g_assert_cmpint (g_mkdir (fixture->run, 0700), ==, 0);
  copy_file (fixture->base, fixture->db);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    copy_file (wal, run_wal);

  /* The backup a restore restores, in the backups folder as the window finds it. */
  if (fixture->old_backup != NULL)
    {
      g_autofree char *folder = limber_store_get_backup_folder_for (fixture->db);
      g_autofree char *backup = g_build_filename (folder, OLD_BACKUP_NAME, NULL);

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      copy_file (fixture->old_backup, backup);
    }
}

/* What a run left beside the database that Limber does not keep: temporary files
 * of a backup or a restore, a rollback journal. NULL when nothing. The -wal and
 * -shm are SQLite's own: a reader that may not write leaves them, and whatever the
 * -wal holds is part of the state compared. */
static char *
stray_files (Fixture *fixture)
{
  g_autofree char *folder = limber_store_get_backup_folder_for (fixture->db);
  g_autoptr (GDir) dir = g_dir_open (fixture->run, 0, NULL);
  g_autoptr (GDir) backups = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_equal (name, "clinic.sqlite") || g_str_equal (name, "clinic-backups"))
        continue;
      if (g_str_equal (name, "clinic.sqlite-wal") || g_str_equal (name, "clinic.sqlite-shm"))
        continue;
      return g_strdup (name);
    }

  while (backups != NULL && (name = g_dir_read_name (backups)) != NULL)
    {
      if (g_str_equal (name, "audit-head")
          || (g_str_has_prefix (name, "clinic-") && g_str_has_suffix (name, ".sqlite")
              && strchr (name, '.') == strrchr (name, '.')))
        continue;
      /* A restore keeps the -wal of a file whose -wal it could not merge. */
      if (g_str_has_prefix (name, "clinic-before-restore-") && g_str_has_suffix (name, ".sqlite-wal"))
        continue;
      return g_strconcat ("clinic-backups/", name, NULL);
    }

  return NULL;
}

/* The first value of sql on db, or NULL. */
static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Appends every row of table, each column quoted, in rowid order; leaves out the
 * columns that hold the time (the audit entry's, and the hashes over it: the
 * chain is checked by limber_store_verify()). */
static gboolean
dump_table (sqlite3    *db,
            const char *table,
            GString    *out)
{
  g_autoptr (sqlite3_stmt) columns = NULL;
  g_autoptr (sqlite3_stmt) rows = NULL;
  g_autoptr (GString) select = g_string_new ("SELECT ''");
  g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  int rc;

  if (sqlite3_prepare_v2 (db, info, -1, &columns, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (columns) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (columns, 0);

      if ((g_str_equal (table, "audit_log") && g_str_equal (column, "at"))
          || (g_str_equal (table, "audit_chain") && !g_str_equal (column, "audit_id")))
        continue;
      g_string_append_printf (select, " || ',' || quote (\"%s\")", column);
    }
  g_string_append_printf (select, " FROM \"%s\" ORDER BY rowid", table);

  if (sqlite3_prepare_v2 (db, select->str, -1, &rows, NULL) != SQLITE_OK)
    return FALSE;
  g_string_append_printf (out, "[%s]\n", table);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (rows, 0));
  return rc == SQLITE_DONE;
}

/* Everything the file holds, in one text, read through the real VFS by a
 * connection of its own (which also recovers a -wal, as the next open would); or
 * "damaged: …" when integrity_check fails. */
static char *
dump_database (const char *path,
               gboolean    immutable)
{
  g_autofree char *uri = g_strconcat ("file:", path, immutable ? "?immutable=1" : "", NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) tables = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db = NULL;
  int flags = (immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_URI;

  if (sqlite3_open_v2 (uri, &db, flags, "unix") != SQLITE_OK)
    {
      g_autofree char *message = g_strdup_printf ("cannot open: %s", sqlite3_errmsg (db));

      sqlite3_close (db);
      return g_steal_pointer (&message);
    }

  integrity = query_text (db, "PRAGMA integrity_check");
  if (g_strcmp0 (integrity, "ok") != 0)
    {
      sqlite3_close (db);
      return g_strdup_printf ("damaged: %s", integrity != NULL ? integrity : "unreadable");
    }

  version = query_text (db, "PRAGMA user_version");
  g_string_append_printf (out, "schema %s\n", version);
  /* Every table but the shadow tables of a virtual one (the search index's own). */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema AS s WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite^_%' ESCAPE '^' "
                                       "AND NOT EXISTS (SELECT 1 FROM sqlite_schema AS v "
                                       "  WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' "
                                       "  AND substr (s.name, 1, length (v.name) + 1) = v.name || '_') "
                                       "ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    if (!dump_table (db, (const char *) sqlite3_column_text (tables, 0), out))
      g_string_append_printf (out, "unreadable table %s: %s\n", sqlite3_column_text (tables, 0),
                              sqlite3_errmsg (db));
  g_clear_pointer (&tables, sqlite3_finalize);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The database, and the backups that count: each must read back whole and hold
 * what the database holds. */
static char *
state_of (Fixture *fixture)
{
  g_autoptr (GPtrArray) backups = limber_store_list_backups (fixture->db, NULL);
  g_autofree char *database = dump_database (fixture->db, FALSE);
  GString *state = g_string_new (database);

  g_string_append_printf (state, "backups %u\n", backups->len);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_file_info_get_attribute_byte_string (backups->pdata[i],
                                                                "limber::path");
      g_autofree char *copy = dump_database (path, TRUE);

      /* Restores keep the file they replace, which holds another state. */
      if (strstr (path, "-before-restore-") != NULL)
        g_string_append_printf (state, "kept %s", g_str_has_prefix (copy, "damaged")
                                                    ? "damaged\n" : "whole\n");
      else if (!g_str_equal (copy, database) && strstr (path, "2000-01-01") == NULL)
        g_string_append_printf (state, "backup %s differs: %.60s\n", path, copy);
    }

  return g_string_free (state, FALSE);
}

/* ----- Failing the files Limber writes itself -----
 *
 * A backup and a restore also write files of their own, beside SQLite: the copy
 * made, the file restored, the copy kept of the one replaced, the newest audit
 * hash. This program defines write(), fsync() and rename(), which come before the C
 * library's for every caller (GLib's and Limber's), so that their Nth call can fail
 * too while an action runs. SQLite writes with pwrite() and syncs with fdatasync(),
 * which the VFS above fails instead. */

typedef enum
{
  FILE_WRITE,
  FILE_FSYNC,
  FILE_RENAME,
  N_FILE_KINDS,
} FileKind;

static const char *const file_kind_names[] = { "write()", "fsync()", "rename()" };

static gboolean file_counting;
static guint file_counts[N_FILE_KINDS];
static gint file_armed_kind = -1;
static guint file_armed_nth;
static int file_armed_errno;
static guint file_n_failed;

static gboolean
file_fault_now (FileKind kind)
{
  guint n;

  if (!file_counting)
    return FALSE;
  n = ++file_counts[kind];
  /* A full disk stays full; an I/O error may pass. */
  if (file_armed_kind == (gint) kind
      && (n == file_armed_nth || (file_armed_errno == ENOSPC && n > file_armed_nth)))
    {
      file_n_failed++;
      errno = file_armed_errno;
      return TRUE;
    }
  return FALSE;
}

static void
file_faults_start (gint kind,
                   guint nth,
                   int   errno_value)
{
  memset (file_counts, 0, sizeof file_counts);
  file_armed_kind = kind;
  file_armed_nth = nth;
  file_armed_errno = errno_value;
  file_n_failed = 0;
  file_counting = TRUE;
}

static void
file_faults_stop (void)
{
  file_counting = FALSE;
  file_armed_kind = -1;
}

ssize_t
write (int         fd,
       const void *buffer,
       size_t      count)
{
  static ssize_t (*real_write) (int, const void *, size_t);

  if (real_write == NULL)
    real_write = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  if (file_fault_now (FILE_WRITE))
    return -1;
  return real_write (fd, buffer, count);
}

int
fsync (int fd)
{
  static int (*real_fsync) (int);

  if (real_fsync == NULL)
    real_fsync = (int (*) (int)) dlsym (RTLD_NEXT, "fsync");
  if (file_fault_now (FILE_FSYNC))
    return -1;
  return real_fsync (fd);
}

int
rename (const char *from,
        const char *to)
{
  static int (*real_rename) (const char *, const char *);

  if (real_rename == NULL)
    real_rename = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "rename");
  if (file_fault_now (FILE_RENAME))
    return -1;
  return real_rename (from, to);
}

/* The kinds of calls swept: SQLite's through the VFS, then the files' own. */
#define N_KINDS (LIMBER_FAULT_N_KINDS + N_FILE_KINDS)
#define IS_FILE_KIND(kind) ((kind) >= LIMBER_FAULT_N_KINDS)

static const char *
kind_name (guint kind)
{
  return IS_FILE_KIND (kind) ? file_kind_names[kind - LIMBER_FAULT_N_KINDS]
                             : limber_fault_kind_to_string (kind);
}

/* ----- What a failure must say ----- */

#define TEST_CLI_ERROR (g_quark_from_static_string ("test-cli-error"))

/* NULL when error tells the clinic what happened, in words that name the cause. */
static char *
error_problem (const GError *error,
               int           errno_value)
{
  gboolean full = errno_value == ENOSPC;

  if (error == NULL)
    return g_strdup ("failed without an error");
  if (!g_utf8_validate (error->message, -1, NULL) || *error->message == '\0')
    return g_strdup ("an empty or invalid message");

  if (error->domain == TEST_CLI_ERROR)
    {
      if (error->code != LIMBER_EXIT_WRITE)
        return g_strdup_printf ("exit status %d, not %d: %s", error->code, LIMBER_EXIT_WRITE,
                                error->message);
    }
  else if (error->domain != LIMBER_STORE_ERROR)
    return g_strdup_printf ("%s, not a store error: %s", g_quark_to_string (error->domain),
                            error->message);
  else if (error->code != (full ? LIMBER_STORE_ERROR_FULL : LIMBER_STORE_ERROR_IO))
    return g_strdup_printf ("error code %d: %s", error->code, error->message);

  if (full && strstr (error->message, "disk is full") == NULL)
    return g_strdup_printf ("does not say the disk is full: %s", error->message);
  if (!full && strstr (error->message, "could not be written") == NULL
      && strstr (error->message, "Cannot write") == NULL)
    return g_strdup_printf ("does not say the disk could not be written: %s", error->message);
  return NULL;
}

/* ----- The actions ----- */

static char *difference (const char *state,
                         const char *expected);
static void  violation  (Fixture    *fixture,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static LimberStore *
open_store (Fixture  *fixture,
            GError  **error)
{
  return limber_store_open (fixture->db, error);
}

static LimberStore *
open_store_read_only (Fixture  *fixture,
                      GError  **error)
{
  return limber_store_open_full (fixture->db, LIMBER_STORE_OPEN_READ_ONLY, error);
}

static gboolean
act_import (Fixture      *fixture,
            LimberStore  *store,
            GError      **error)
{
  LimberImportCounts counts = { 0 };

  return limber_csv_import_data (store, more_csv, strlen (more_csv), "more.csv", &counts,
                                 error);
}

static gboolean
act_save_session (Fixture      *fixture,
                  LimberStore  *store,
                  GError      **error)
{
  g_autoptr (LimberPatient) patient = limber_store_find_patient (store, "F-1", error);
  g_autoptr (GPtrArray) episodes = NULL;
  g_autoptr (GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LimberSession) session = NULL;

  g_assert_nonnull (patient);
  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  g_assert_nonnull (episodes);
  session = limber_session_new (limber_episode_get_id (episodes->pdata[0]), "2024-05-01T10:00");
  g_ptr_array_add (measurements, limber_measurement_new (0, "pain.nprs", LIMBER_SIDE_NONE, 4));
  g_ptr_array_add (measurements, limber_measurement_new (0, "rom.knee.flexion",
                                                         LIMBER_SIDE_LEFT, 100));
  g_ptr_array_add (measurements, limber_measurement_new (0, "rom.knee.extension",
                                                         LIMBER_SIDE_LEFT, 5));
  return limber_store_save_session (store, session, measurements, error);
}

/* Opening a database of the schema before this one upgrades it. */
static gboolean
act_open (Fixture      *fixture,
          LimberStore  *store,
          GError      **error)
{
  g_autoptr (LimberStore) opened = limber_store_open (fixture->db, error);

  return opened != NULL;
}

static gboolean
act_backup (Fixture      *fixture,
            LimberStore  *store,
            GError      **error)
{
  g_autofree char *made = NULL;

  return limber_store_backup (store, NULL, &made, error);
}

static gboolean
act_restore (Fixture      *fixture,
             LimberStore  *store,
             GError      **error)
{
  g_autofree char *folder = limber_store_get_backup_folder_for (fixture->db);
  g_autofree char *backup = g_build_filename (folder, OLD_BACKUP_NAME, NULL);
  g_autofree char *kept = NULL;

  if (!limber_store_restore (fixture->db, backup, &kept, error))
    return FALSE;

  /* The file it replaced is kept whole. */
  if (fixture->before != NULL)
    {
      g_autofree char *kept_state = dump_database (kept, FALSE);

      if (!g_str_equal (kept_state, fixture->before))
        {
          g_autofree char *diff = difference (kept_state, fixture->before);

          violation (fixture, "restore: the copy of the replaced file holds %s", diff);
        }
    }
  return TRUE;
}

/* `limber --database DB import more.csv`, in this process, its messages caught. */
static gboolean
act_cli_import (Fixture      *fixture,
                LimberStore  *store,
                GError      **error)
{
  g_autofree char *messages_path = g_build_filename (fixture->dir, "stderr.txt", NULL);
  g_autofree char *messages = NULL;
  char *argv[] = { "limber", "--database", fixture->db, "import", fixture->csv, NULL };
  int saved_stderr = dup (STDERR_FILENO);
  int fd = g_open (messages_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int status;

  g_assert_cmpint (fd, >=, 0);
  fflush (stderr);
  dup2 (fd, STDERR_FILENO);
  status = limber_cli_run (G_N_ELEMENTS (argv) - 1, argv);
  fflush (stderr);
  dup2 (saved_stderr, STDERR_FILENO);
  close (saved_stderr);
  close (fd);

  if (status == LIMBER_EXIT_SUCCESS)
    return TRUE;
  g_assert_true (g_file_get_contents (messages_path, &messages, NULL, NULL));
  g_set_error_literal (error, TEST_CLI_ERROR, status, g_strstrip (messages));
  return FALSE;
}

/* Each action is a test of its own in tests/meson.build (faults-NAME). */
static const Action actions[] = {
  { "import", open_store, act_import },
  { "save-session", open_store, act_save_session },
  { "migrate", NULL, act_open },
  { "backup", open_store_read_only, act_backup, FALSE, TRUE },
  { "restore", NULL, act_restore, FALSE, TRUE },
  { "cli-import", NULL, act_cli_import, TRUE },
};

/* ----- The sweep ----- */

/* Runs the action once with the shim failing nothing: the states before and
 * after, and how many calls of each kind it makes. */
static void
run_clean (Fixture      *fixture,
           const Action *action,
           char        **old_state,
           char        **new_state,
           guint         counts[N_KINDS])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = NULL;

  fresh_run (fixture);
  *old_state = state_of (fixture);
  fixture->before = dump_database (fixture->db, FALSE);
  /* Reading it merged its -wal: the action starts from the copy as it was. */
  fresh_run (fixture);
  limber_fault_vfs_use (TRUE);
  if (action->open != NULL)
    {
      store = action->open (fixture, &error);
      g_assert_no_error (error);
    }
  limber_fault_vfs_reset ();
  file_faults_start (-1, 0, 0);
  g_assert_true (action->act (fixture, store, &error));
  g_assert_no_error (error);
  file_faults_stop ();
  for (guint k = 0; k < LIMBER_FAULT_N_KINDS; k++)
    counts[k] = limber_fault_vfs_count (k);
  for (guint k = 0; k < N_FILE_KINDS; k++)
    counts[LIMBER_FAULT_N_KINDS + k] = file_counts[k];
  g_clear_object (&store);
  limber_fault_vfs_use (FALSE);

  *new_state = state_of (fixture);
  g_assert_cmpstr (*old_state, !=, *new_state);
}

/* The first line where state differs from expected, for the message. */
static char *
difference (const char *state,
            const char *expected)
{
  g_auto (GStrv) lines = g_strsplit (state, "\n", -1);
  g_auto (GStrv) expected_lines = g_strsplit (expected, "\n", -1);
  const char *table = "";

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (expected_lines[i] == NULL)
        return g_strdup_printf ("%s: more rows, from %s", table, lines[i]);
      if (!g_str_equal (lines[i], expected_lines[i]))
        return g_strdup_printf ("%s%s instead of %s", table, lines[i], expected_lines[i]);
      if (lines[i][0] == '[')
        table = lines[i];
    }
  return g_strdup_printf ("%s: fewer rows", table);
}

static void
violation (Fixture    *fixture,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("VIOLATION: %s", message);
  fixture->n_violations++;
}

/* One run with the nth call of kind failing; FALSE once the action no longer
 * reaches the nth call. */
static gboolean
run_fault (Fixture         *fixture,
           const Action    *action,
           const char      *old_state,
           const char      *new_state,
           guint            kind,
           guint            nth,
           int              errno_value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) retry_error = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (LimberStore) reopened = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *where = g_strdup_printf ("%s, %s #%u failing with %s", action->name,
                                            kind_name (kind), nth,
                                            g_strerror (errno_value));
  g_autofree char *state = NULL;
  g_autofree char *stray = NULL;
  g_autofree char *problem = NULL;
  gboolean ok;

  fresh_run (fixture);
  /* The store's connection keeps the VFS it was opened with. */
  limber_fault_vfs_use (TRUE);
  if (action->open != NULL)
    {
      store = action->open (fixture, &error);
      g_assert_no_error (error);
    }

  /* A full disk stays full; an I/O error may pass. */
  if (IS_FILE_KIND (kind))
    {
      limber_fault_vfs_reset ();
      file_faults_start (kind - LIMBER_FAULT_N_KINDS, nth, errno_value);
    }
  else
    limber_fault_vfs_arm (kind, nth, errno_value, errno_value == ENOSPC);
  ok = action->act (fixture, store, &error);
  file_faults_stop ();
  if (limber_fault_vfs_n_failed () + file_n_failed == 0)
    {
      g_assert_true (ok);
      g_clear_object (&store);
      limber_fault_vfs_use (FALSE);
      limber_fault_vfs_reset ();
      return FALSE;
    }
  limber_fault_vfs_reset ();
  fixture->n_points++;

  /* Read by another connection while the store is still open. */
  state = state_of (fixture);
  if (ok)
    {
      fixture->n_absorbed++;
      if (!g_str_equal (state, new_state))
        {
          g_autofree char *diff = difference (state, new_state);

          violation (fixture, "%s: succeeded, but left %s", where, diff);
        }
    }
  else
    {
      problem = error_problem (error, errno_value);
      if (problem != NULL)
        violation (fixture, "%s: %s", where, problem);
      if (!g_str_equal (state, old_state))
        {
          g_autofree char *diff = difference (state, old_state);

          violation (fixture, "%s: failed (%s), but left %s", where, error->message,
                     g_str_equal (state, new_state) ? "the new state" : diff);
        }
    }
  stray = stray_files (fixture);
  if (stray != NULL)
    violation (fixture, "%s: left %s", where, stray);

  /* The disk is fine again: the same store does it. */
  if (!ok && !action->act (fixture, store, &retry_error))
    violation (fixture, "%s: then failed with the disk fine: %s", where, retry_error->message);
  g_clear_object (&store);
  limber_fault_vfs_use (FALSE);
  g_clear_pointer (&stray, g_free);
  stray = stray_files (fixture);
  if (stray != NULL)
    violation (fixture, "%s: left %s after closing", where, stray);

  /* As Limber opens it next. */
  g_clear_error (&error);
  reopened = limber_store_open (fixture->db, &error);
  if (reopened == NULL)
    violation (fixture, "%s: then cannot be opened: %s", where, error->message);
  else
    {
      problems = limber_store_verify (reopened, &error);
      if (problems == NULL || problems->len > 0)
        violation (fixture, "%s: then does not pass its check: %s", where,
                   problems != NULL ? (const char *) problems->pdata[0] : error->message);
    }
  g_clear_object (&reopened);
  g_clear_pointer (&state, g_free);
  state = state_of (fixture);
  if (!g_str_equal (state, new_state))
    {
      g_autofree char *diff = difference (state, new_state);

      violation (fixture, "%s: after the retry, left %s", where, diff);
    }

  return TRUE;
}

static void
sweep (Fixture      *fixture,
       const Action *action)
{
  static const int errno_values[] = { ENOSPC, EIO };
  g_autofree char *old_state = NULL;
  g_autofree char *new_state = NULL;
  guint counts[N_KINDS];
  g_autoptr (GString) summary = g_string_new (NULL);

  run_clean (fixture, action, &old_state, &new_state, counts);

  for (guint k = 0; k < N_KINDS; k++)
    {
      guint before = fixture->n_points;

      if (IS_FILE_KIND (k) && !action->writes_files)
        continue;

      for (guint e = 0; e < G_N_ELEMENTS (errno_values); e++)
        {
          if (action->one_errno_per_kind
              && (errno_values[e] == ENOSPC) != (k == LIMBER_FAULT_WRITE))
            continue;
          for (guint n = 1; run_fault (fixture, action, old_state, new_state, k, n,
                                       errno_values[e]); n++)
            g_assert_cmpuint (n, <, 2000);
        }
      g_string_append_printf (summary, "%s%u %s (of %u calls)", k > 0 ? ", " : "",
                              fixture->n_points - before, kind_name (k), counts[k]);
    }

  g_test_message ("%s: %u fault points (%s), %u absorbed, %u violations", action->name,
                  fixture->n_points, summary->str, fixture->n_absorbed, fixture->n_violations);
  g_assert_cmpuint (fixture->n_points, >, 3);
  g_assert_cmpuint (fixture->n_violations, ==, 0);
}

/* ----- Fixture ----- */

static void
import_into (const char *path,
             const char *csv,
             gboolean    keep_wal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (path, &error);
  LimberImportCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_true (limber_csv_import_data (store, csv, strlen (csv), "base.csv", &counts, &error));
  g_assert_no_error (error);

  if (keep_wal)
    {
      /* A copy taken while Limber has the file open: the database and its -wal. */
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *copy = g_strconcat (path, ".open", NULL);
      g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);

      copy_file (path, copy);
      copy_file (wal, copy_wal);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* A database of the schema before the newest, made by the migration files, with
 * two patients added before the audit chain existed. */
static void
make_previous_schema (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) old = g_object_new (LIMBER_TYPE_STORE, NULL);
  g_autofree char *folder = g_build_filename (g_getenv ("LIMBER_SOURCE_ROOT"), "data", "sql",
                                              NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint previous = limber_store_get_schema_version () - 1;
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; "
                                              "PRAGMA user_version = %u;",
                                              LIMBER_STORE_APPLICATION_ID, previous);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".sql"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, ==, previous + 1);

  old->path = g_strdup (path);
  g_assert_cmpint (sqlite3_open (path, &old->db), ==, SQLITE_OK);
  g_assert_true (limber_store_register_functions (old, &error));
  g_assert_true (limber_store_register_search_functions (old, &error));
  g_assert_true (limber_store_exec (old, "PRAGMA journal_mode = WAL", &error));
  for (guint i = 0; i < previous; i++)
    {
      g_autofree char *file = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *sql = NULL;

      g_assert_true (g_file_get_contents (file, &sql, NULL, &error));
      g_assert_true (limber_store_begin (old, "upgrade", &error));
      g_assert_true (limber_store_exec (old, sql, &error));
      if (i == 0)
        g_assert_true (limber_store_exec (old, "INSERT INTO patient (mrn, name) VALUES "
                                               "('O-1', 'Olga Old'), ('O-2', 'Oscar Old')",
                                          &error));
      g_assert_true (limber_store_end (old, TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (limber_store_exec (old, pragmas, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Action *action = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;

  /* Files in memory: the sweep syncs thousands of times. */
  if (access ("/dev/shm", W_OK) == 0)
    {
      fixture->dir = g_build_filename ("/dev/shm", "limber-faults-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (fixture->dir));
    }
  else
    {
      fixture->dir = g_dir_make_tmp ("limber-faults-XXXXXX", &error);
      g_assert_no_error (error);
    }
  base = g_build_filename (fixture->dir, "base.sqlite", NULL);
  fixture->run = g_build_filename (fixture->dir, "run", NULL);
  fixture->db = g_build_filename (fixture->run, "clinic.sqlite", NULL);
  fixture->csv = g_build_filename (fixture->dir, "more.csv", NULL);
  g_assert_true (g_file_set_contents (fixture->csv, more_csv, -1, NULL));

  if (g_str_equal (action->name, "migrate"))
    make_previous_schema (base);
  else if (g_str_equal (action->name, "restore"))
    {
      /* The backup holds one patient; the database, with a -wal beside it, two more. */
      fixture->old_backup = g_build_filename (fixture->dir, "old-backup.sqlite", NULL);
      import_into (fixture->old_backup, base_csv, FALSE);
      copy_file (fixture->old_backup, base);
      import_into (base, more_csv, TRUE);
      g_free (base);
      base = g_build_filename (fixture->dir, "base.sqlite.open", NULL);
    }
  else
    import_into (base, base_csv, FALSE);
  fixture->base = g_steal_pointer (&base);
}

/* ----- Failing reads -----
 *
 * A disk or medium that fails while Limber reads (a dying disk, a USB stick pulled
 * out) is not a disk that refused a write: the clinic must hear that the file
 * could not be read, and that the disk may be failing. */

typedef struct
{
  char *dir;
  char *db;
} ReadFixture;

static void
read_fixture_set_up (ReadFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-read-faults-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  import_into (fixture->db, base_csv, FALSE);
}

static void
read_fixture_tear_down (ReadFixture   *fixture,
                        gconstpointer  data)
{
  limber_fault_vfs_reset ();
  limber_fault_vfs_use (FALSE);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* What the error of a failed read must be: READ, in words that say so. */
static void
assert_read_error (const GError *error)
{
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "could not be read"));
  g_assert_nonnull (strstr (error->message, "may be failing"));
  g_assert_null (strstr (error->message, "could not be written"));
}

/* Every I/O error code SQLite gives for a read is told as one; those of writes
 * stay writes. */
static void
test_read_codes (ReadFixture   *fixture,
                 gconstpointer  data)
{
  static const int read_codes[] = {
    SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ, SQLITE_IOERR_FSTAT, SQLITE_IOERR_RDLOCK,
    SQLITE_IOERR_MMAP,
  };
  static const int write_codes[] = {
    SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, SQLITE_IOERR_TRUNCATE, SQLITE_IOERR_DELETE,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (fixture->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (read_codes); i++)
    {
      g_autoptr (GError) read_error = NULL;

      g_assert_false (limber_store_fail (store, read_codes[i], &read_error));
      assert_read_error (read_error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (write_codes); i++)
    {
      g_autoptr (GError) write_error = NULL;

      g_assert_false (limber_store_fail (store, write_codes[i], &write_error));
      if (!g_error_matches (write_error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL))
        g_assert_error (write_error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_IO);
    }
}

/* A store already open, writable or read-only, whose disk fails as it reads the
 * whole file. */
static void
test_read_store (ReadFixture   *fixture,
                 gconstpointer  data)
{
  for (guint read_only = 0; read_only <= 1; read_only++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberStore) store = NULL;
      g_autoptr (GPtrArray) problems = NULL;

      limber_fault_vfs_use (TRUE);
      limber_fault_vfs_reset ();
      store = limber_store_open_full (fixture->db, read_only ? LIMBER_STORE_OPEN_READ_ONLY
                                                             : LIMBER_STORE_OPEN_DEFAULT,
                                      &error);
      g_assert_no_error (error);

      limber_fault_vfs_arm_read (1, SQLITE_IOERR_READ, TRUE);
      problems = limber_store_verify (store, &error);
      g_assert_null (problems);
      assert_read_error (error);
      g_assert_cmpuint (limber_fault_vfs_n_failed (), >, 0);
      limber_fault_vfs_reset ();
    }
}

/* `limber summary` and `limber check` on a disk whose Nth read fails, for every N
 * they reach: exit status 3 (the database cannot be read), never 4 (could not
 * write), and a message that says the file could not be read. */
static void
test_read_cli (ReadFixture   *fixture,
               gconstpointer  data)
{
  static const char *const verbs[][2] = { { "summary", "F-1" }, { "check", NULL } };
  g_autofree char *messages_path = g_build_filename (fixture->dir, "stderr.txt", NULL);

  limber_fault_vfs_use (TRUE);
  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    {
      char *argv[] = { "limber", "--database", fixture->db, (char *) verbs[v][0],
                       (char *) verbs[v][1], NULL };
      int argc = verbs[v][1] != NULL ? 5 : 4;
      guint n_reads;
      int saved_stdout = dup (STDOUT_FILENO);
      int null_fd = g_open ("/dev/null", O_WRONLY | O_CLOEXEC, 0);

      /* The clean run: how many reads it makes. Its result goes nowhere. */
      fflush (stdout);
      dup2 (null_fd, STDOUT_FILENO);
      limber_fault_vfs_reset ();
      g_assert_cmpint (limber_cli_run (argc, argv), ==, LIMBER_EXIT_SUCCESS);
      n_reads = limber_fault_vfs_count_reads ();
      g_assert_cmpuint (n_reads, >, 0);

      for (guint nth = 1; nth <= n_reads; nth++)
        {
          g_autofree char *messages = NULL;
          int saved_stderr = dup (STDERR_FILENO);
          int fd = g_open (messages_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
          int status;

          limber_fault_vfs_arm_read (nth, SQLITE_IOERR_READ, TRUE);
          fflush (stderr);
          dup2 (fd, STDERR_FILENO);
          status = limber_cli_run (argc, argv);
          fflush (stdout);
          fflush (stderr);
          dup2 (saved_stderr, STDERR_FILENO);
          close (saved_stderr);
          close (fd);

          g_assert_true (g_file_get_contents (messages_path, &messages, NULL, NULL));
          if (limber_fault_vfs_n_failed () == 0)
            {
              /* A read that no longer happens in this run (one kept in a cache). */
              g_assert_cmpint (status, ==, LIMBER_EXIT_SUCCESS);
              continue;
            }
          if (status != LIMBER_EXIT_DATABASE || strstr (messages, "could not be read") == NULL)
            g_error ("%s, read %u of %u failing: exit status %d: %s", verbs[v][0], nth,
                     n_reads, status, messages);
        }

      dup2 (saved_stdout, STDOUT_FILENO);
      close (saved_stdout);
      close (null_fd);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->base);
  g_free (fixture->old_backup);
  g_free (fixture->before);
  g_free (fixture->csv);
  g_free (fixture->run);
  g_free (fixture->db);
}

static void
test_sweep (Fixture       *fixture,
            gconstpointer  data)
{
  sweep (fixture, data);
}

/* A failed write of the newest audit hash, or of the removal of a temporary file,
 * is only warned about: the action itself is whole. Any other warning fails the
 * test. */
static void
log_handler (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) != 0
      && (g_str_has_prefix (message, "Could not record the newest audit hash")
          || g_str_has_prefix (message, "Could not remove")))
    return;

  g_log_default_handler (log_domain, log_level, message, user_data);
  if ((log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) != 0)
    g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (log_handler, NULL);
  limber_fault_vfs_install ();
  limber_fault_vfs_use (FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *path = g_strconcat ("/faults/", actions[i].name, NULL);

      g_test_add (path, Fixture, &actions[i], fixture_set_up, test_sweep, fixture_tear_down);
    }

  g_test_add ("/faults/read/codes", ReadFixture, NULL, read_fixture_set_up, test_read_codes,
              read_fixture_tear_down);
  g_test_add ("/faults/read/store", ReadFixture, NULL, read_fixture_set_up, test_read_store,
              read_fixture_tear_down);
  g_test_add ("/faults/read/cli", ReadFixture, NULL, read_fixture_set_up, test_read_cli,
              read_fixture_tear_down);

  return g_test_run ();
}
