/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-store-private.h"
#include "limber-store.h"

/* Crashes at every write: each store action (an import, a session saved, an
 * upgrade of the schema, a backup) is run under strace, which kills it at the Nth
 * call of one write-type system call, for every N until the action completes.
 * After each crash the database is opened as Limber would open it next and must
 * be whole (integrity, audit chain, every record as logged) and hold either the
 * state before the action or the state after it, never one in between. Then
 * imports are killed at random moments. */

#define HELPER_ENV "LIMBER_CRASH_HELPER"

static const char *const write_calls[] = {
  "pwrite64", "write", "fsync", "fdatasync", "ftruncate", "rename", "unlink",
};

static const char base_csv[] =
  "mrn,patient_name,condition,session_date,measure,side,value\n"
  "C-1,Cleo Crash,knee_pain,2024-04-02,pain.nprs,,7\n"
  "C-1,Cleo Crash,knee_pain,2024-04-02,rom.knee.flexion,left,90\n";

static const char more_csv[] =
  "mrn,patient_name,condition,session_date,measure,side,value\n"
  "K-1,Kai Killed,low_back_pain,2024-04-03,pain.nprs,,6\n"
  "K-1,Kai Killed,low_back_pain,2024-04-03,prom.odi,,40\n"
  "K-2,Kim Killed,neck_pain,2024-04-04,pain.nprs,,5\n"
  "K-2,Kim Killed,neck_pain,2024-04-05,pain.nprs,,3\n"
  "C-1,Cleo Crash,knee_pain,2024-04-09,pain.nprs,,5\n";

typedef struct
{
  char *dir;
  char *base;      /* the database before the action */
  char *csv;
  guint n_points;  /* crashes injected */
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

/* Runs argv; returns the wait status. */
static int
run (const char *const *argv,
     char              **out)
{
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  return wait_status;
}

static void
helper (const char *db,
        const char *action,
        const char *arg)
{
  const char *argv[] = { g_getenv (HELPER_ENV), db, action, arg, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run (argv, &out), ==, 0);
  g_assert_cmpstr (out, ==, "done\n");
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* A fresh copy of the base database in its own folder. */
static char *
fresh_copy (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "run", NULL);
  char *path = g_build_filename (folder, "clinic.sqlite", NULL);

  remove_tree (folder);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  copy_file (fixture->base, path);
  return path;
}

/* Whether every backup in the folder reads back whole. */
static gboolean
backups_whole (const char *db)
{
  g_autoptr (GPtrArray) backups = limber_store_list_backups (db, NULL);

  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_file_info_get_attribute_byte_string (backups->pdata[i],
                                                                "limber::path");
      g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
      sqlite3 *db_copy = NULL;
      sqlite3_stmt *stmt = NULL;
      gboolean ok;

      g_assert_cmpint (sqlite3_open_v2 (uri, &db_copy, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                                        NULL), ==, SQLITE_OK);
      ok = sqlite3_prepare_v2 (db_copy, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
           && sqlite3_step (stmt) == SQLITE_ROW
           && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      sqlite3_finalize (stmt);
      sqlite3_close (db_copy);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gint64
schema_version_of (const char *db)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return version;
}

/* Opens db as Limber would next, checks all of it, and describes its state. */
static char *
state_of (const char *db)
{
  gint64 version = schema_version_of (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (db, &error);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) backups = NULL;

  g_assert_no_error (error);
  problems = limber_store_verify (store, &error);
  g_assert_no_error (error);
  if (problems->len > 0)
    g_error ("%s after a crash: %s", db, (const char *) problems->pdata[0]);
  g_assert_true (backups_whole (db));
  backups = limber_store_list_backups (db, NULL);

  return g_strdup_printf ("schema %" G_GINT64_FORMAT ", patients %u, sessions %" G_GINT64_FORMAT ", measurements %"
                          G_GINT64_FORMAT ", audit %" G_GINT64_FORMAT ", backups %u",
                          version, limber_store_count_patients (store, NULL),
                          limber_store_count (store, "SELECT count (*) FROM session", NULL),
                          limber_store_count (store, "SELECT count (*) FROM measurement", NULL),
                          limber_store_count_audit_rows (store, NULL), backups->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *kind = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *base_csv_path = NULL;

  /* A crash of the process, unlike a power cut, keeps what reached the kernel, so
   * memory-backed files test the same and spare the disk thousands of syncs. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    {
      fixture->dir = g_build_filename ("/dev/shm", "limber-crash-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (fixture->dir));
    }
  else
    {
      fixture->dir = g_dir_make_tmp ("limber-crash-XXXXXX", &error);
      g_assert_no_error (error);
    }
  fixture->base = g_build_filename (fixture->dir, "base.sqlite", NULL);
  fixture->csv = g_build_filename (fixture->dir, "more.csv", NULL);
  base_csv_path = g_build_filename (fixture->dir, "base.csv", NULL);
  g_assert_true (g_file_set_contents (fixture->csv, more_csv, -1, NULL));
  g_assert_true (g_file_set_contents (base_csv_path, base_csv, -1, NULL));

  if (g_strcmp0 (kind, "old") == 0)
    helper (fixture->base, "make-old", NULL);
  else
    helper (fixture->base, "import", base_csv_path);
  /* Closed: the base is one file without a -wal. */
  {
    g_autofree char *wal = g_strconcat (fixture->base, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->base);
  g_free (fixture->csv);
  g_free (fixture->dir);
}

/* Kills action at every call of every write-type system call in turn. */
static void
sweep (Fixture    *fixture,
       const char *action,
       const char *arg)
{
  g_autofree char *old_state = NULL;
  g_autofree char *new_state = NULL;
  guint n_violations = 0;

  {
    g_autofree char *db = fresh_copy (fixture);

    old_state = state_of (db);
    helper (db, action, arg);
    new_state = state_of (db);
  }
  g_test_message ("%s: before: %s; after: %s", action, old_state, new_state);
  g_assert_cmpstr (old_state, !=, new_state);

  for (guint c = 0; c < G_N_ELEMENTS (write_calls); c++)
    for (guint n = 1;; n++)
      {
        g_autofree char *db = fresh_copy (fixture);
        g_autofree char *trace = g_strdup_printf ("trace=%s", write_calls[c]);
        g_autofree char *inject = g_strdup_printf ("inject=%s:signal=KILL:when=%u",
                                                   write_calls[c], n);
        const char *argv[] = { "strace", "-f", "-qq", "-o", "/dev/null", "-e", trace, "-e",
                               inject, g_getenv (HELPER_ENV), db, action, arg, NULL };
        g_autofree char *out = NULL;
        g_autofree char *state = NULL;
        int status = run (argv, &out);

        if (WIFEXITED (status) && WEXITSTATUS (status) == 0 && g_strcmp0 (out, "done\n") == 0)
          break;

        fixture->n_points++;
        state = state_of (db);
        /* Each schema step is a transaction of its own: an upgrade cut short keeps
         * the records and the versions reached so far. */
        if (g_str_equal (action, "open") && g_str_has_prefix (state, "schema ")
            && g_str_equal (strchr (state, ','), strchr (old_state, ',')))
          continue;
        if (g_strcmp0 (state, old_state) != 0 && g_strcmp0 (state, new_state) != 0)
          {
            g_test_message ("%s killed at %s #%u: %s", action, write_calls[c], n, state);
            n_violations++;
          }
        g_assert_cmpuint (n, <, 10000);
      }

  g_test_message ("%s: %u crash points, %u violations", action, fixture->n_points,
                  n_violations);
  g_assert_cmpuint (n_violations, ==, 0);
  g_assert_cmpuint (fixture->n_points, >, 5);
}

static gboolean
have_strace (void)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  const char *argv[] = { "strace", "-qq", "-o", "/dev/null", "true", NULL };

  /* strace needs ptrace, which some containers deny. */
  if (strace == NULL || run (argv, NULL) != 0)
    {
      g_test_skip ("strace is missing or cannot trace here");
      return FALSE;
    }
  return TRUE;
}

static void
test_crash_import (Fixture       *fixture,
                   gconstpointer  data)
{
  if (have_strace ())
    sweep (fixture, "import", fixture->csv);
}

static void
test_crash_session (Fixture       *fixture,
                    gconstpointer  data)
{
  if (have_strace ())
    sweep (fixture, "session", NULL);
}

static void
test_crash_upgrade (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_cmpint (schema_version_of (fixture->base), ==, 3);
  if (have_strace ())
    sweep (fixture, "open", NULL);
}

static void
test_crash_backup (Fixture       *fixture,
                   gconstpointer  data)
{
  if (have_strace ())
    sweep (fixture, "backup", NULL);
}

/* Imports killed at random moments, from before the file is opened to after the
 * commit. */
static void
test_random_kills (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_state = NULL;
  g_autofree char *new_state = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  guint n_kills = 200, n_old = 0, n_new = 0;
  gulong duration_us;

  {
    g_autofree char *db = fresh_copy (fixture);

    old_state = state_of (db);
    g_timer_start (timer);
    helper (db, "import", fixture->csv);
    duration_us = (gulong) (g_timer_elapsed (timer, NULL) * G_USEC_PER_SEC);
    new_state = state_of (db);
  }

  for (guint i = 0; i < n_kills; i++)
    {
      g_autofree char *db = fresh_copy (fixture);
      g_autofree char *state = NULL;
      const char *argv[] = { g_getenv (HELPER_ENV), db, "import", fixture->csv, NULL };
      g_autoptr (GError) error = NULL;
      GPid pid;
      int status;

      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (g_test_rand_int_range (0, (gint32) duration_us + 1));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      state = state_of (db);
      if (g_str_equal (state, old_state))
        n_old++;
      else if (g_str_equal (state, new_state))
        n_new++;
      else
        g_error ("An import killed at random left %s", state);
    }

  g_test_message ("%u random kills: %u before, %u after, 0 in between", n_kills, n_old, n_new);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv (HELPER_ENV) == NULL)
    {
      g_printerr ("Set %s to the crash-helper program (meson test does)\n", HELPER_ENV);
      return 77;
    }

#define ADD(path, kind, func) \
  g_test_add (path, Fixture, kind, fixture_set_up, func, fixture_tear_down)

  ADD ("/crash/import", "new", test_crash_import);
  ADD ("/crash/session", "new", test_crash_session);
  ADD ("/crash/upgrade", "old", test_crash_upgrade);
  ADD ("/crash/backup", "new", test_crash_backup);
  ADD ("/crash/random-kills", "new", test_random_kills);

#undef ADD

  return g_test_run ();
}
