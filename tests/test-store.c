/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "limber-store-private.h"
#include "limber-store.h"

#define LIMBER_APPLICATION_ID 0x4C4D4252

/* ----- Helpers ----- */

typedef struct
{
  char        *dir;
  char        *path;
  LimberStore *store;
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

static void
fixture_set_up_dir (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_up_dir (fixture, data);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Closes the fixture's store so that the file is complete on disk. */
static void
fixture_close (Fixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
path_int (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  gint64 value = raw_int (db, sql);

  sqlite3_close (db);
  return value;
}

static LimberPatient *
add_patient (LimberStore *store,
             const char  *mrn,
             const char  *name)
{
  g_autoptr (GError) error = NULL;
  LimberPatient *patient = limber_patient_new (mrn, name, "1980-05-17");

  g_assert_true (limber_store_add_patient (store, patient, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_patient_get_id (patient), >, 0);
  return patient;
}

static LimberEpisode *
add_episode (LimberStore *store,
             gint64       patient_id,
             const char  *condition,
             const char  *start_date)
{
  g_autoptr (GError) error = NULL;
  LimberEpisode *episode = limber_episode_new (patient_id, condition, start_date);

  g_assert_true (limber_store_add_episode (store, episode, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_episode_get_id (episode), >, 0);
  return episode;
}

static LimberSession *
add_session (LimberStore *store,
             gint64       episode_id,
             const char  *date)
{
  g_autoptr (GError) error = NULL;
  LimberSession *session = limber_session_new (episode_id, date);

  g_assert_true (limber_store_add_session (store, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_session_get_id (session), >, 0);
  return session;
}

static LimberMeasurement *
add_measurement (LimberStore *store,
                 gint64       session_id,
                 const char  *measure,
                 LimberSide   side,
                 double       value)
{
  g_autoptr (GError) error = NULL;
  LimberMeasurement *measurement = limber_measurement_new (session_id, measure, side, value);

  g_assert_true (limber_store_add_measurement (store, measurement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_measurement_get_id (measurement), >, 0);
  return measurement;
}

static guint
count_patients (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  guint n = limber_store_count_patients (store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_audit_rows (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  gint64 n = limber_store_count_audit_rows (store, &error);

  g_assert_no_error (error);
  return n;
}

typedef struct
{
  guint  count;
  char  *last_action;
} ChangedLog;

static void
on_changed (LimberStore *store,
            const char  *action,
            gpointer     user_data)
{
  ChangedLog *log = user_data;

  log->count++;
  g_free (log->last_action);
  log->last_action = g_strdup (action);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ----- Opening, creating, migrating ----- */

static void
test_open_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "nested", "limber", NULL);
  g_autofree char *path = g_build_filename (folder, "clinic.sqlite", NULL);
  g_autofree char *journal = NULL;
  LimberStore *store;
  sqlite3 *db;
  struct stat st;

  g_assert_cmpuint (limber_store_get_schema_version (), >=, 1);

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (limber_store_get_path (store), ==, path);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_finalize_object (store);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, LIMBER_APPLICATION_ID);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, limber_store_get_schema_version ());
  journal = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  /* Every clinical table is STRICT. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_list "
                                "WHERE name IN ('patient', 'episode', 'goal', 'session', "
                                "'measurement', 'audit_log') AND strict = 1"), ==, 6);
  sqlite3_close (db);
}

static void
test_open_reopen_keeps_data (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "R-1", "Rita Ora");
  g_autoptr (LimberPatient) found = NULL;

  fixture_close (fixture);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);

  found = limber_store_find_patient (fixture->store, "R-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (limber_patient_get_id (found), ==, limber_patient_get_id (patient));
  g_assert_cmpstr (limber_patient_get_name (found), ==, "Rita Ora");
  g_assert_cmpstr (limber_patient_get_birth_date (found), ==, "1980-05-17");
}

static void
test_open_migrates_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty_sqlite = g_build_filename (fixture->dir, "v0.sqlite", NULL);
  LimberStore *store;
  sqlite3 *db;
  struct stat st;

  /* A zero-byte file, readable by others: migrated and made private. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (limber_store_count_patients (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (path_int (fixture->path, "PRAGMA user_version"),
                   ==, limber_store_get_schema_version ());

  /* A SQLite file at schema 0 with nothing in it. */
  db = raw_open (empty_sqlite);
  raw_exec (db, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  sqlite3_close (db);
  store = limber_store_open (empty_sqlite, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_finalize_object (store);
  g_assert_cmpint (path_int (empty_sqlite, "PRAGMA application_id"), ==, LIMBER_APPLICATION_ID);
  g_assert_cmpint (path_int (empty_sqlite, "PRAGMA user_version"),
                   ==, limber_store_get_schema_version ());
}

/* Opens path expecting a refusal with code, and proves the file was not touched. */
static void
assert_refused (const char *path,
                gint        code,
                const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = read_bytes (path);
  g_autoptr (GBytes) after = NULL;
  LimberStore *store;

  store = limber_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LIMBER_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_refuses_newer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "N-1", "Nora Newer");
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  guint newer = limber_store_get_schema_version () + 1;
  sqlite3 *db;

  fixture_close (fixture);
  db = raw_open (fixture->path);
  sql = g_strdup_printf ("PRAGMA user_version = %u", newer);
  raw_exec (db, sql);
  sqlite3_close (db);

  expected = g_strdup_printf ("%s was made by a newer version of Limber (schema %u, this "
                              "version knows %u); it was left untouched",
                              fixture->path, newer, limber_store_get_schema_version ());
  assert_refused (fixture->path, LIMBER_STORE_ERROR_NEWER_VERSION, expected);
  g_assert_cmpint (path_int (fixture->path, "PRAGMA user_version"), ==, newer);
}

static void
test_open_refuses_foreign (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *tables = g_build_filename (fixture->dir, "tables.sqlite", NULL);
  g_autofree char *expected = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "mrn,patient_name\n1,Ann\n", -1, &error));
  expected = g_strdup_printf ("%s is not a Limber database", text);
  assert_refused (text, LIMBER_STORE_ERROR_NOT_LIMBER, expected);

  /* Another program's database… */
  db = raw_open (other);
  raw_exec (db, "PRAGMA application_id = 305419896; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  sqlite3_close (db);
  assert_refused (other, LIMBER_STORE_ERROR_NOT_LIMBER, "is not a Limber database");

  /* …and one without an application id that already has tables. */
  db = raw_open (tables);
  raw_exec (db, "CREATE TABLE patient (id INTEGER PRIMARY KEY, mrn TEXT);");
  sqlite3_close (db);
  assert_refused (tables, LIMBER_STORE_ERROR_NOT_LIMBER, "is not a Limber database");

  /* A folder is not a database either. */
  g_clear_error (&error);
  g_assert_null (limber_store_open (fixture->dir, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER);
}

static void
overwrite (const char *path,
           gsize       offset,
           gsize       length,
           guchar      byte)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_cmpuint (offset + length, <=, size);
  memset (contents + offset, byte, length);
  g_assert_true (g_file_set_contents_full (path, contents, size, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
}

/* Opens path read-only and expects the full check to report message_part first. */
static void
assert_verify_finds (const char *path,
                     const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GBytes) before = read_bytes (path);
  g_autoptr (GBytes) after = NULL;
  LimberStore *store;

  store = limber_store_open_full (path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  problems = limber_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, >, 0);
  g_test_message ("found: %s", (const char *) problems->pdata[0]);
  g_assert_true (g_utf8_validate (problems->pdata[0], -1, NULL));
  g_assert_nonnull (strstr (problems->pdata[0], message_part));
  g_assert_finalize_object (store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
count_read (gpointer user_data)
{
  guint *n_reads = user_data;

  (*n_reads)++;
}

/* A check in the background can wait before each read of the file: the reads of
 * the full check pass by it, and what the check finds and a backup copies are the
 * same. */
static void
test_open_pause_reads (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "P-1", "Paula Pause");
  g_autofree char *copy = g_build_filename (fixture->dir, "paused-copy.sqlite", NULL);
  g_autoptr (LimberStore) backup = NULL;
  g_autoptr (LimberPatient) found = NULL;
  LimberStore *store;
  guint n_reads = 0;
  guint n_checked;

  fixture_close (fixture);
  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (limber_store_pause_reads_with (store, count_read, &n_reads));

  problems = limber_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  /* The file's pages, read by this connection for the first time. */
  g_assert_cmpuint (n_reads, >, 1);
  n_checked = n_reads;

  /* The backup reads the same connection's pages, kept from the check. */
  g_assert_true (limber_store_backup (store, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reads, >=, n_checked);
  g_assert_finalize_object (store);

  backup = limber_store_open_full (copy, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  found = limber_store_find_patient (backup, "P-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
}

static void
test_open_refuses_corrupt (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "C-1", "Carl Corrupt");
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.sqlite", NULL);
  g_autofree char *contents = NULL;
  gsize size = 0;
  gint64 page_size, root;

  fixture_close (fixture);
  page_size = path_int (fixture->path, "PRAGMA page_size");
  root = path_int (fixture->path, "SELECT rootpage FROM sqlite_schema WHERE name = 'patient'");
  g_assert_true (g_file_get_contents (fixture->path, &contents, &size, &error));
  g_assert_true (g_file_set_contents (copy, contents, size, &error));

  /* A damaged table page: opening reads only the header and the schema, so it is
   * quick and does not notice; the full check does. */
  overwrite (fixture->path, (gsize) ((root - 1) * page_size), (gsize) page_size, 0xAA);
  assert_verify_finds (fixture->path, "The file is damaged");

  /* A damaged header (an impossible page size). */
  overwrite (copy, 16, 2, 0x03);
  assert_refused (copy, LIMBER_STORE_ERROR_CORRUPT, "it was not changed");
}

/* ----- Files that are refused are never written ----- */

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = read_bytes (from);

  g_assert_true (g_file_set_contents_full (to, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes),
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
}

/* A connection that leaves its committed changes in the -wal when it closes, as a
 * crash would. */
static sqlite3 *
raw_open_keeping_wal (const char *path)
{
  sqlite3 *db = raw_open (path);

  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  raw_exec (db, "PRAGMA wal_autocheckpoint = 0");
  return db;
}

static void
assert_refused_with_companion (const char *path,
                               const char *suffix,
                               gint        code,
                               const char *message_part)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);
  g_autoptr (GBytes) before = read_bytes (companion);
  g_autoptr (GBytes) after = NULL;

  g_assert_cmpuint (g_bytes_get_size (before), >, 0);
  assert_refused (path, code, message_part);
  after = read_bytes (companion);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_refused_journals_untouched (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "J-1", "Jo Journal");
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.sqlite", NULL);
  g_autofree char *foreign_copy = g_build_filename (fixture->dir, "foreign-copy.sqlite", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db;

  fixture_close (fixture);

  /* A newer Limber's change still in the -wal: the main file's header says the
   * current schema, the -wal a newer one. */
  db = raw_open_keeping_wal (fixture->path);
  sql = g_strdup_printf ("PRAGMA user_version = %u; UPDATE patient SET name = 'Changed';",
                         limber_store_get_schema_version () + 1);
  /* The audit triggers need Limber's functions; a newer Limber has them. */
  raw_exec (db, "DROP TRIGGER patient_audit_update");
  raw_exec (db, sql);
  sqlite3_close (db);
  assert_refused_with_companion (fixture->path, "-wal", LIMBER_STORE_ERROR_NEWER_VERSION,
                                 "newer version of Limber");
  /* Again, now that a -shm is there as well. */
  assert_refused_with_companion (fixture->path, "-wal", LIMBER_STORE_ERROR_NEWER_VERSION,
                                 "newer version of Limber");
  g_rename (fixture->path, newer);

  /* Another program's rollback journal of a change it did not finish. */
  db = raw_open (foreign);
  raw_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1;"
                "PRAGMA application_id = 305419896;"
                "CREATE TABLE t (x TEXT);"
                "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                "INSERT INTO t SELECT printf ('%0500d', i) FROM n;");
  raw_exec (db, "BEGIN; UPDATE t SET x = upper (x) || 'y';");
  {
    g_autofree char *journal = g_strconcat (foreign, "-journal", NULL);
    g_autofree char *journal_copy = g_strconcat (foreign_copy, "-journal", NULL);

    g_assert_true (file_exists (journal));
    copy_file (foreign, foreign_copy);
    copy_file (journal, journal_copy);
  }
  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  assert_refused_with_companion (foreign_copy, "-journal", LIMBER_STORE_ERROR_NOT_LIMBER,
                                 "is not a Limber database");
}

/* A copy of from at to, with the rollback journal that a program killed in the
 * middle of a commit leaves: change is written into to, and the journal beside it
 * holds what undoes it. setup (optional) is committed before. */
static void
make_interrupted (const char *from,
                  const char *to,
                  const char *setup,
                  const char *change)
{
  g_autofree char *scratch = g_strconcat (to, ".scratch", NULL);
  g_autofree char *scratch_journal = g_strconcat (scratch, "-journal", NULL);
  g_autofree char *journal = g_strconcat (to, "-journal", NULL);
  sqlite3 *db;

  copy_file (from, scratch);
  db = raw_open (scratch);
  raw_exec (db, "PRAGMA journal_mode = DELETE");
  if (setup != NULL)
    raw_exec (db, setup);
  /* Without syncs the journal counts its pages by its size: all are rolled back. */
  raw_exec (db, "PRAGMA synchronous = OFF; BEGIN");
  raw_exec (db, change);
  copy_file (scratch_journal, journal);
  raw_exec (db, "COMMIT");
  sqlite3_close (db);
  g_assert_cmpint (g_rename (scratch, to), ==, 0);
}

/* Nothing but the file and its journal is left in its folder, such as the copy a
 * journal's rollback is first tried on. */
static void
assert_folder_holds_only (const char *dir,
                          const char *const *names)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_strv_contains (names, name))
      g_error ("%s was left in %s", name, dir);
}

static void
test_open_refused_after_rollback (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "R-1", "Rita Rollback");
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.sqlite", NULL);
  g_autofree char *tampered = g_build_filename (fixture->dir, "tampered.sqlite", NULL);
  g_autofree char *setup = NULL;
  g_autofree char *change = NULL;
  g_autofree char *trigger = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  fixture_close (fixture);

  /* Each file is one Limber opens as it is; rolling its journal back would make
   * it one that Limber refuses. It is refused before SQLite rolls anything back,
   * and the file and its journal are left exactly as they were. */
  setup = g_strdup_printf ("PRAGMA user_version = %u", limber_store_get_schema_version () + 1);
  change = g_strdup_printf ("PRAGMA user_version = %u", limber_store_get_schema_version ());
  make_interrupted (fixture->path, newer, setup, change);
  assert_refused_with_companion (newer, "-journal", LIMBER_STORE_ERROR_NEWER_VERSION,
                                 "newer version of Limber");

  g_clear_pointer (&change, g_free);
  change = g_strdup_printf ("PRAGMA application_id = %d", LIMBER_APPLICATION_ID);
  make_interrupted (fixture->path, foreign, "PRAGMA application_id = 305419896", change);
  assert_refused_with_companion (foreign, "-journal", LIMBER_STORE_ERROR_NOT_LIMBER,
                                 "is not a Limber database");

  db = raw_open (fixture->path);
  trigger = raw_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'measurement_audit_update'");
  sqlite3_close (db);
  make_interrupted (fixture->path, tampered, "DROP TRIGGER measurement_audit_update", trigger);
  assert_refused_with_companion (tampered, "-journal", LIMBER_STORE_ERROR_TAMPERED,
                                 "the trigger “measurement_audit_update” is missing");

  assert_folder_holds_only (fixture->dir, (const char *const[]) {
    "clinic.sqlite", "clinic-backups", "newer.sqlite", "newer.sqlite-journal",
    "foreign.sqlite", "foreign.sqlite-journal", "tampered.sqlite",
    "tampered.sqlite-journal", NULL });

  /* Limber's own file with an interrupted change is rolled back and opened. */
  g_clear_pointer (&change, g_free);
  make_interrupted (fixture->path, fixture->path, NULL, "CREATE TABLE half_done (x)");
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (fixture->store), ==, 1);
  change = g_strconcat (fixture->path, "-journal", NULL);
  g_assert_false (file_exists (change));
}

/* A read-only store refuses a file whose change was interrupted: read without the
 * journal it may be half changed, and rolling the journal back writes. */
static void
test_open_read_only_interrupted (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "I-1", "Ida Interrupted");
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) journal_before = NULL;
  g_autoptr (GBytes) after = NULL;
  LimberStore *store;

  fixture_close (fixture);
  make_interrupted (fixture->path, fixture->path, NULL, "CREATE TABLE half_done (x)");
  before = read_bytes (fixture->path);
  journal_before = read_bytes (journal);

  g_assert_null (limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_UNFINISHED);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "was interrupted before it was finished"));
  g_assert_nonnull (strstr (error->message, "left untouched"));
  g_assert_nonnull (strstr (error->message, "clinic.sqlite-journal"));
  g_clear_error (&error);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (journal);
  g_assert_true (g_bytes_equal (journal_before, after));
  g_assert_false (file_exists (wal));
  g_assert_false (file_exists (shm));

  /* Opening it for writing undoes the change; then it reads. */
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (file_exists (journal));
  fixture_close (fixture);
  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (store), ==, 1);
  g_assert_finalize_object (store);
}

/* Reading leaves the folder as it was: no -wal or -shm is left behind, the file's
 * bytes, time and permissions are its own; and a Limber that writes meanwhile keeps
 * its -wal and -shm. */
static void
test_open_read_only_leaves_folder (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "L-1", "Lea Leaves");
  g_autoptr (LimberPatient) second = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  struct stat st_before, st;
  LimberStore *store;

  fixture_close (fixture);
  g_assert_false (file_exists (wal));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (g_stat (fixture->path, &st_before), ==, 0);
  before = read_bytes (fixture->path);

  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (store), ==, 1);
  /* While it reads, what SQLite makes beside the file is the user's alone. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_finalize_object (store);

  g_assert_false (file_exists (wal));
  g_assert_false (file_exists (shm));
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, st_before.st_mtim.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, st_before.st_mtim.tv_nsec);

  /* With a Limber writing, a reader leaves the -wal and -shm to it. */
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  second = add_patient (fixture->store, "L-2", "Lou Leaves");
  g_assert_cmpuint (count_patients (store), ==, 2);
  g_assert_finalize_object (store);
  g_assert_true (file_exists (wal));
  g_assert_true (file_exists (shm));
  g_clear_object (&second);
  second = add_patient (fixture->store, "L-3", "Lin Leaves");
  fixture_close (fixture);
  g_assert_false (file_exists (wal));

  /* A reader that opens while another reader has the file leaves it to that one. */
  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    LimberStore *other = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY,
                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_patients (other), ==, 3);
    g_assert_finalize_object (other);
  }
  g_assert_true (file_exists (wal));
  g_assert_cmpuint (count_patients (store), ==, 3);
  g_assert_finalize_object (store);
  g_assert_false (file_exists (wal));
  g_assert_false (file_exists (shm));
}

static void
test_open_companions_private (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "P-1", "Pat Private");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  struct stat st;
  sqlite3 *db;

  fixture_close (fixture);
  db = raw_open_keeping_wal (fixture->path);
  raw_exec (db, "SELECT count(*) FROM patient");
  sqlite3_close (db);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0644), ==, 0);

  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&patient);
  patient = add_patient (fixture->store, "P-2", "Paul Private");

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "O-1", "Olga Only");
  g_autoptr (LimberPatient) other = limber_patient_new ("O-2", "Otto Only", NULL);
  g_autoptr (GListModel) patients = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.sqlite", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.sqlite", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  LimberStore *store;

  fixture_close (fixture);
  before = read_bytes (fixture->path);

  store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (limber_store_is_read_only (store));
  patients = limber_store_list_patients (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  g_assert_false (limber_store_add_patient (store, other, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_finalize_object (store);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  /* A missing file is not created, an empty one gets no schema. */
  g_assert_null (limber_store_open_full (missing, LIMBER_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN);
  g_assert_false (file_exists (missing));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  g_assert_null (limber_store_open_full (empty, LIMBER_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER);
  g_clear_error (&error);
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (empty);
  g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
}

/* The newest schema that the open check compares with comes from the build
 * (limber-schema-gen): it must be exactly what the migrations make through the
 * store, object for object, or the check would refuse good files or pass changed
 * ones. */
static void
test_open_schema_compiled (Fixture       *fixture,
                           gconstpointer  data)
{
  guint version = limber_store_get_schema_version ();
  GHashTable *expected = limber_store_schema_expected (version);
  g_autoptr (GHashTable) made = limber_store_schema_from_migrations (version);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_nonnull (expected);
  g_assert_cmpuint (g_hash_table_size (expected), ==, g_hash_table_size (made));
  g_hash_table_iter_init (&iter, made);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (expected, key), ==, value);

  /* Made once per process. */
  g_assert_true (limber_store_schema_expected (version) == expected);
}

static void
test_open_refuses_tampered (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "T-1", "Tom Tamper");
  g_autofree char *dropped = g_build_filename (fixture->dir, "dropped.sqlite", NULL);
  g_autofree char *changed = g_build_filename (fixture->dir, "changed.sqlite", NULL);
  g_autofree char *added = g_build_filename (fixture->dir, "added.sqlite", NULL);
  sqlite3 *db;

  fixture_close (fixture);
  copy_file (fixture->path, dropped);
  copy_file (fixture->path, changed);
  copy_file (fixture->path, added);

  /* Without an audit trigger, changes would escape the log. */
  db = raw_open (dropped);
  raw_exec (db, "DROP TRIGGER measurement_audit_update");
  sqlite3_close (db);
  assert_refused (dropped, LIMBER_STORE_ERROR_TAMPERED,
                  "was changed outside Limber (the trigger “measurement_audit_update” is "
                  "missing)");

  db = raw_open (changed);
  raw_exec (db, "DROP TRIGGER audit_log_no_delete;"
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END;");
  sqlite3_close (db);
  assert_refused (changed, LIMBER_STORE_ERROR_TAMPERED,
                  "the trigger “audit_log_no_delete” is not Limber’s");

  /* A name from the file that is not UTF-8 does not make the message invalid. */
  db = raw_open (added);
  raw_exec (db, "CREATE TABLE \"notes\xff\xfe\" (x)");
  sqlite3_close (db);
  assert_refused (added, LIMBER_STORE_ERROR_TAMPERED, "was added outside Limber");
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (limber_store_open (added, &error));
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  /* And the untouched original still opens. */
  {
    g_autoptr (GError) error = NULL;

    fixture->store = limber_store_open (fixture->path, &error);
    g_assert_no_error (error);
  }
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LIMBER_DATABASE"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "limber",
                                                "clinic.sqlite", NULL);

  g_setenv ("LIMBER_DATABASE", "/srv/clinic/limber.sqlite", TRUE);
  from_env = limber_store_get_default_path ();
  g_assert_cmpstr (from_env, ==, "/srv/clinic/limber.sqlite");

  g_setenv ("LIMBER_DATABASE", "", TRUE);
  fallback = limber_store_get_default_path ();
  g_assert_cmpstr (fallback, ==, expected);

  if (saved != NULL)
    g_setenv ("LIMBER_DATABASE", saved, TRUE);
  else
    g_unsetenv ("LIMBER_DATABASE");
}

/* ----- Patients ----- */

static void
test_patients_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) carla = add_patient (fixture->store, "M-3", "Carla Diaz");
  g_autoptr (LimberPatient) ben = add_patient (fixture->store, "M-2", "ben ode");
  g_autoptr (LimberPatient) ben_too = add_patient (fixture->store, "M-1", "Ben Ode");
  g_autoptr (LimberPatient) anna = add_patient (fixture->store, "M-4", "anna Zed");
  g_autoptr (GListModel) list = NULL;
  g_autoptr (LimberPatient) found = NULL;
  g_autoptr (LimberPatient) missing = NULL;
  g_autoptr (LimberPatient) got = NULL;
  g_autoptr (LimberPatient) ghost = limber_patient_new ("M-9", "Gus Ghost", NULL);
  const char *expected[] = { "M-4", "M-1", "M-2", "M-3" };

  /* By name without regard to case, then by chart number. */
  list = limber_store_list_patients (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == LIMBER_TYPE_PATIENT);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (LimberPatient) patient = g_list_model_get_item (list, i);

      g_assert_cmpstr (limber_patient_get_mrn (patient), ==, expected[i]);
    }
  g_assert_cmpuint (count_patients (fixture->store), ==, 4);

  found = limber_store_find_patient (fixture->store, "M-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_patient_get_name (found), ==, "ben ode");
  missing = limber_store_find_patient (fixture->store, "M-404", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  limber_patient_set_name (carla, "Carla Díaz-Ruiz");
  limber_patient_set_birth_date (carla, NULL);
  g_assert_true (limber_store_update_patient (fixture->store, carla, &error));
  g_assert_no_error (error);
  got = limber_store_get_patient (fixture->store, limber_patient_get_id (carla), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_patient_get_name (got), ==, "Carla Díaz-Ruiz");
  g_assert_null (limber_patient_get_birth_date (got));

  g_assert_null (limber_store_get_patient (fixture->store, 9999, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  limber_patient_set_id (ghost, 9999);
  g_assert_false (limber_store_update_patient (fixture->store, ghost, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (limber_store_delete_patient (fixture->store, limber_patient_get_id (ben), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (fixture->store), ==, 3);
  g_assert_false (limber_store_delete_patient (fixture->store, limber_patient_get_id (ben),
                                               &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
}

static void
test_patients_duplicate_mrn (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) first = add_patient (fixture->store, "D-7", "Dana First");
  g_autoptr (LimberPatient) other = add_patient (fixture->store, "D-8", "Dora Other");
  g_autoptr (LimberPatient) second = limber_patient_new ("D-7", "Dan Second", NULL);
  gint64 audit_rows = count_audit_rows (fixture->store);

  g_assert_false (limber_store_add_patient (fixture->store, second, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A patient with chart number “D-7” already exists");
  g_assert_cmpint (limber_patient_get_id (second), ==, 0);
  g_clear_error (&error);

  /* Renaming a chart number onto another patient's is refused the same way. */
  limber_patient_set_mrn (other, "D-7");
  g_assert_false (limber_store_update_patient (fixture->store, other, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A patient with chart number “D-7” already exists");

  g_assert_cmpuint (count_patients (fixture->store), ==, 2);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, audit_rows);
}

static void
test_patients_validated (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) blank = limber_patient_new ("V-1", "   ", NULL);

  g_assert_false (limber_store_add_patient (fixture->store, blank, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_cmpuint (count_patients (fixture->store), ==, 0);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, 0);
}

/* ----- Episodes and goals ----- */

static void
test_episodes_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "E-1", "Eva Episode");
  gint64 patient_id = limber_patient_get_id (patient);
  g_autoptr (LimberEpisode) later = add_episode (fixture->store, patient_id, "neck_pain",
                                                 "2024-05-02");
  g_autoptr (LimberEpisode) earlier = limber_episode_new (patient_id, "shoulder_pain",
                                                          "2023-11-20");
  g_autoptr (LimberEpisode) duplicate = limber_episode_new (patient_id, "neck_pain",
                                                            "2024-05-02");
  g_autoptr (LimberEpisode) orphan = limber_episode_new (4242, "neck_pain", "2024-05-02");
  g_autoptr (LimberEpisode) got = NULL;
  g_autoptr (GPtrArray) episodes = NULL;

  limber_episode_set_body_region (earlier, "right shoulder");
  limber_episode_set_side (earlier, LIMBER_SIDE_RIGHT);
  limber_episode_set_onset_date (earlier, "2023-10-01");
  limber_episode_set_discharge_date (earlier, "2024-01-15");
  limber_episode_set_planned_sessions (earlier, 6);
  limber_episode_set_sessions_per_week (earlier, 2);
  limber_episode_set_notes (earlier, "Painter; overhead work.");
  limber_episode_set_discharge_note (earlier, "Back to painting ceilings.");
  g_assert_true (limber_store_add_episode (fixture->store, earlier, &error));
  g_assert_no_error (error);

  episodes = limber_store_list_episodes (fixture->store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 2);
  g_assert_cmpint (limber_episode_get_id (g_ptr_array_index (episodes, 0)),
                   ==, limber_episode_get_id (earlier));
  g_assert_cmpint (limber_episode_get_id (g_ptr_array_index (episodes, 1)),
                   ==, limber_episode_get_id (later));

  got = limber_store_get_episode (fixture->store, limber_episode_get_id (earlier), &error);
  g_assert_no_error (error);
  g_assert_cmpint (limber_episode_get_patient_id (got), ==, patient_id);
  g_assert_cmpstr (limber_episode_get_condition (got), ==, "shoulder_pain");
  g_assert_cmpstr (limber_episode_get_body_region (got), ==, "right shoulder");
  g_assert_cmpint (limber_episode_get_side (got), ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpstr (limber_episode_get_onset_date (got), ==, "2023-10-01");
  g_assert_cmpstr (limber_episode_get_start_date (got), ==, "2023-11-20");
  g_assert_cmpstr (limber_episode_get_discharge_date (got), ==, "2024-01-15");
  g_assert_cmpuint (limber_episode_get_planned_sessions (got), ==, 6);
  g_assert_cmpuint (limber_episode_get_sessions_per_week (got), ==, 2);
  g_assert_cmpstr (limber_episode_get_notes (got), ==, "Painter; overhead work.");
  g_assert_cmpstr (limber_episode_get_discharge_note (got), ==, "Back to painting ceilings.");
  g_clear_object (&got);

  limber_episode_set_discharge_date (later, "2024-06-30");
  g_assert_true (limber_store_update_episode (fixture->store, later, &error));
  g_assert_no_error (error);
  got = limber_store_get_episode (fixture->store, limber_episode_get_id (later), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_episode_get_discharge_date (got), ==, "2024-06-30");
  g_assert_null (limber_episode_get_onset_date (got));
  g_assert_cmpint (limber_episode_get_side (got), ==, LIMBER_SIDE_NONE);

  g_assert_false (limber_store_add_episode (fixture->store, duplicate, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already has a course of care"));
  g_assert_nonnull (strstr (error->message, "starting 2024-05-02"));
  g_clear_error (&error);

  g_assert_false (limber_store_add_episode (fixture->store, orphan, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "There is no patient with id 4242");
  g_clear_error (&error);

  g_assert_true (limber_store_delete_episode (fixture->store, limber_episode_get_id (later),
                                              &error));
  g_assert_no_error (error);
  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = limber_store_list_episodes (fixture->store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  g_assert_null (limber_store_get_episode (fixture->store, limber_episode_get_id (later),
                                           &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
}

static void
test_goals (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "G-1", "Gil Goal");
  g_autoptr (LimberEpisode) episode = add_episode (fixture->store, limber_patient_get_id (patient),
                                                   "shoulder_pain", "2024-02-01");
  gint64 episode_id = limber_episode_get_id (episode);
  const struct {
    const char *measure;
    LimberSide  side;
    double      target;
  } goals[] = {
    { "rom.shoulder.abduction", LIMBER_SIDE_RIGHT, 170 },
    { "pain.nprs", LIMBER_SIDE_NONE, 2 },
    { "rom.shoulder.abduction", LIMBER_SIDE_LEFT, 175 },
  };
  const guint expected_order[] = { 1, 2, 0 };
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (LimberGoal) duplicate = limber_goal_new ("rom.shoulder.abduction",
                                                      LIMBER_SIDE_LEFT, 160);
  gint64 ids[G_N_ELEMENTS (goals)];

  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    {
      g_autoptr (LimberGoal) goal = limber_goal_new (goals[i].measure, goals[i].side,
                                                     goals[i].target);

      limber_goal_set_episode_id (goal, episode_id);
      g_assert_true (limber_store_add_goal (fixture->store, goal, &error));
      g_assert_no_error (error);
      ids[i] = limber_goal_get_id (goal);
      g_assert_cmpint (ids[i], >, 0);
    }

  list = limber_store_list_goals (fixture->store, episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (list, i);
      guint k = expected_order[i];

      g_assert_cmpint (limber_goal_get_id (goal), ==, ids[k]);
      g_assert_cmpint (limber_goal_get_episode_id (goal), ==, episode_id);
      g_assert_cmpstr (limber_goal_get_measure (goal), ==, goals[k].measure);
      g_assert_cmpint (limber_goal_get_side (goal), ==, goals[k].side);
      g_assert_cmpfloat (limber_goal_get_target (goal), ==, goals[k].target);
    }

  limber_goal_set_episode_id (duplicate, episode_id);
  g_assert_false (limber_store_add_goal (fixture->store, duplicate, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "This course of care already has a goal for rom.shoulder.abduction (left)");
  g_clear_error (&error);

  g_assert_true (limber_store_delete_goal (fixture->store, ids[1], &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = limber_store_list_goals (fixture->store, episode_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

/* ----- Sessions and measurements ----- */

static void
test_sessions_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "S-1", "Sam Session");
  g_autoptr (LimberEpisode) episode = add_episode (fixture->store, limber_patient_get_id (patient),
                                                   "low_back_pain", "2024-03-01");
  gint64 episode_id = limber_episode_get_id (episode);
  g_autoptr (LimberSession) third = add_session (fixture->store, episode_id, "2024-03-05");
  g_autoptr (LimberSession) first = limber_session_new (episode_id, "2024-03-01T09:30");
  g_autoptr (LimberSession) second = add_session (fixture->store, episode_id, "2024-03-03");
  g_autoptr (LimberSession) duplicate = limber_session_new (episode_id, "2024-03-03");
  g_autoptr (GPtrArray) list = NULL;
  LimberSession *got;

  limber_session_set_therapist (first, "J. Moss");
  limber_session_set_techniques (first, "Lumbar mobilisation; McKenzie extension");
  limber_session_set_notes (first, "First visit.");
  limber_session_set_soreness (first, 3);
  g_assert_true (limber_store_add_session (fixture->store, first, &error));
  g_assert_no_error (error);

  list = limber_store_list_sessions (fixture->store, episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  got = g_ptr_array_index (list, 0);
  g_assert_cmpint (limber_session_get_id (got), ==, limber_session_get_id (first));
  g_assert_cmpstr (limber_session_get_date (got), ==, "2024-03-01T09:30");
  g_assert_cmpstr (limber_session_get_therapist (got), ==, "J. Moss");
  g_assert_cmpstr (limber_session_get_techniques (got), ==,
                   "Lumbar mobilisation; McKenzie extension");
  g_assert_cmpstr (limber_session_get_notes (got), ==, "First visit.");
  g_assert_cmpint (limber_session_get_soreness (got), ==, 3);
  got = g_ptr_array_index (list, 1);
  g_assert_cmpint (limber_session_get_id (got), ==, limber_session_get_id (second));
  g_assert_cmpint (limber_session_get_soreness (got), ==, -1);
  g_assert_cmpint (limber_session_get_episode_id (got), ==, episode_id);
  got = g_ptr_array_index (list, 2);
  g_assert_cmpint (limber_session_get_id (got), ==, limber_session_get_id (third));

  g_assert_false (limber_store_add_session (fixture->store, duplicate, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "This course of care already has a session on 2024-03-03");
  g_clear_error (&error);

  limber_session_set_notes (second, "Better.");
  limber_session_set_soreness (second, 0);
  g_assert_true (limber_store_update_session (fixture->store, second, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = limber_store_list_sessions (fixture->store, episode_id, &error);
  got = g_ptr_array_index (list, 1);
  g_assert_cmpstr (limber_session_get_notes (got), ==, "Better.");
  g_assert_cmpint (limber_session_get_soreness (got), ==, 0);

  g_assert_true (limber_store_delete_session (fixture->store, limber_session_get_id (third),
                                              &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = limber_store_list_sessions (fixture->store, episode_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_measurements_crud (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "X-1", "Xia Measure");
  g_autoptr (LimberEpisode) episode = add_episode (fixture->store, limber_patient_get_id (patient),
                                                   "shoulder_pain", "2024-04-01");
  gint64 episode_id = limber_episode_get_id (episode);
  g_autoptr (LimberSession) later = add_session (fixture->store, episode_id, "2024-04-08");
  g_autoptr (LimberSession) first = add_session (fixture->store, episode_id, "2024-04-01");
  gint64 first_id = limber_session_get_id (first);
  g_autoptr (LimberMeasurement) right = add_measurement (fixture->store, first_id,
                                                         "rom.shoulder.abduction",
                                                         LIMBER_SIDE_RIGHT, 120);
  g_autoptr (LimberMeasurement) left = add_measurement (fixture->store, first_id,
                                                        "rom.shoulder.abduction",
                                                        LIMBER_SIDE_LEFT, 150);
  g_autoptr (LimberMeasurement) pain = add_measurement (fixture->store, first_id, "pain.nprs",
                                                        LIMBER_SIDE_NONE, 6);
  g_autoptr (LimberMeasurement) pain_later = add_measurement (fixture->store,
                                                              limber_session_get_id (later),
                                                              "pain.nprs", LIMBER_SIDE_NONE, 3);
  g_autoptr (LimberMeasurement) duplicate = limber_measurement_new (first_id,
                                                                    "rom.shoulder.abduction",
                                                                    LIMBER_SIDE_LEFT, 155);
  g_autoptr (GPtrArray) list = NULL;
  LimberMeasurement *got;

  list = limber_store_list_measurements (fixture->store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (list, 0)), ==,
                   limber_measurement_get_id (pain));
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (list, 1)), ==,
                   limber_measurement_get_id (left));
  got = g_ptr_array_index (list, 2);
  g_assert_cmpint (limber_measurement_get_id (got), ==, limber_measurement_get_id (right));
  g_assert_cmpint (limber_measurement_get_session_id (got), ==, first_id);
  g_assert_cmpstr (limber_measurement_get_measure (got), ==, "rom.shoulder.abduction");
  g_assert_cmpint (limber_measurement_get_side (got), ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpfloat (limber_measurement_get_value (got), ==, 120);
  g_assert_null (limber_measurement_get_answers (got, NULL));

  g_assert_false (limber_store_add_measurement (fixture->store, duplicate, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "This session already has a value for rom.shoulder.abduction (left)");
  g_clear_error (&error);

  limber_measurement_set_value (right, 128.5);
  g_assert_true (limber_store_update_measurement (fixture->store, right, &error));
  g_assert_no_error (error);

  /* The whole episode, by session date, measure, side. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = limber_store_list_episode_measurements (fixture->store, episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (list, 0)), ==,
                   limber_measurement_get_id (pain));
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (list, 1)), ==,
                   limber_measurement_get_id (left));
  got = g_ptr_array_index (list, 2);
  g_assert_cmpint (limber_measurement_get_id (got), ==, limber_measurement_get_id (right));
  g_assert_cmpfloat (limber_measurement_get_value (got), ==, 128.5);
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (list, 3)), ==,
                   limber_measurement_get_id (pain_later));

  g_assert_true (limber_store_delete_measurement (fixture->store,
                                                  limber_measurement_get_id (left), &error));
  g_assert_no_error (error);
  g_assert_false (limber_store_delete_measurement (fixture->store,
                                                   limber_measurement_get_id (left), &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = limber_store_list_measurements (fixture->store, first_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_measurement_answers_round_trip (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "Q-1", "Quinn Questionnaire");
  g_autoptr (LimberEpisode) episode = add_episode (fixture->store, limber_patient_get_id (patient),
                                                   "low_back_pain", "2024-01-10");
  g_autoptr (LimberSession) session = add_session (fixture->store, limber_episode_get_id (episode),
                                                   "2024-01-10");
  gint64 session_id = limber_session_get_id (session);
  const double odi_answers[] = { 1, 2, 3, NAN, 2, 1, 0, 4, 3, 2 };
  const double psfs_answers[] = { 3, 6, 7 };
  const char *const names[] = { "Walking the dog", "Lifting \"heavy\" boxes", "Stairs", NULL };
  g_autoptr (LimberMeasurement) odi = NULL;
  g_autoptr (LimberMeasurement) psfs = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *raw_answers = NULL;
  g_autofree char *audit_values = NULL;
  g_autoptr (JsonObject) audit = NULL;
  const double *answers;
  const char *const *item_names;
  guint n_answers = 0;
  sqlite3 *db;

  odi = limber_measurement_new_from_answers (session_id, "prom.odi", odi_answers,
                                             G_N_ELEMENTS (odi_answers), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (limber_store_add_measurement (fixture->store, odi, &error));
  g_assert_no_error (error);
  psfs = limber_measurement_new_from_answers (session_id, "prom.psfs", psfs_answers,
                                              G_N_ELEMENTS (psfs_answers), names, &error);
  g_assert_no_error (error);
  g_assert_true (limber_store_add_measurement (fixture->store, psfs, &error));
  g_assert_no_error (error);

  list = limber_store_list_measurements (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  answers = limber_measurement_get_answers (g_ptr_array_index (list, 0), &n_answers);
  g_assert_cmpuint (n_answers, ==, G_N_ELEMENTS (odi_answers));
  for (guint i = 0; i < n_answers; i++)
    {
      if (isnan (odi_answers[i]))
        g_assert_true (isnan (answers[i]));
      else
        g_assert_cmpfloat (answers[i], ==, odi_answers[i]);
    }
  g_assert_cmpfloat (limber_measurement_get_value (g_ptr_array_index (list, 0)), ==,
                     limber_measurement_get_value (odi));
  g_assert_null (limber_measurement_get_item_names (g_ptr_array_index (list, 0)));

  answers = limber_measurement_get_answers (g_ptr_array_index (list, 1), &n_answers);
  g_assert_cmpuint (n_answers, ==, G_N_ELEMENTS (psfs_answers));
  g_assert_cmpfloat (answers[1], ==, 6);
  item_names = limber_measurement_get_item_names (g_ptr_array_index (list, 1));
  g_assert_nonnull (item_names);
  g_assert_cmpuint (g_strv_length ((char **) item_names), ==, 3);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpstr (item_names[i], ==, names[i]);

  /* Stored as JSON, an unanswered item as null; the audit log keeps it an array. */
  db = raw_open (fixture->path);
  raw_answers = raw_text (db, "SELECT answers FROM measurement WHERE measure = 'prom.odi'");
  g_assert_cmpstr (raw_answers, ==, "[1,2,3,null,2,1,0,4,3,2]");
  audit_values = raw_text (db, "SELECT new_values FROM audit_log "
                               "WHERE table_name = 'measurement' ORDER BY id DESC LIMIT 1");
  sqlite3_close (db);
  audit = parse_object (audit_values);
  g_assert_cmpstr (json_object_get_string_member (audit, "measure"), ==, "prom.psfs");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (audit, "answers")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (audit, "item_names")));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (audit,
                                                                                "item_names"), 1),
                   ==, "Lifting \"heavy\" boxes");
}

/* ----- Export order ----- */

typedef struct
{
  GString       *rows;
  LimberPatient *last_patient;
  guint          reused_patients;
} ExportLog;

static gboolean
collect_row (LimberPatient      *patient,
             LimberEpisode      *episode,
             LimberSession      *session,
             LimberMeasurement  *measurement,
             gpointer            user_data,
             GError            **error)
{
  ExportLog *log = user_data;

  if (patient == log->last_patient)
    log->reused_patients++;
  log->last_patient = patient;

  g_string_append_printf (log->rows, "%s %s %s %s %s\n",
                          limber_patient_get_mrn (patient),
                          limber_episode_get_start_date (episode),
                          limber_session_get_date (session),
                          limber_measurement_get_measure (measurement),
                          limber_side_to_string (limber_measurement_get_side (measurement)));
  return TRUE;
}

static gboolean
stop_at_first_row (LimberPatient      *patient,
                   LimberEpisode      *episode,
                   LimberSession      *session,
                   LimberMeasurement  *measurement,
                   gpointer            user_data,
                   GError            **error)
{
  guint *calls = user_data;

  (*calls)++;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "cannot write the file");
  return FALSE;
}

static void
test_foreach_measurement_order (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) b = add_patient (fixture->store, "B-2", "Beth Second");
  g_autoptr (LimberPatient) a = add_patient (fixture->store, "A-1", "Zack First");
  g_autoptr (LimberEpisode) a_new = add_episode (fixture->store, limber_patient_get_id (a),
                                                 "neck_pain", "2024-01-01");
  g_autoptr (LimberEpisode) a_old = add_episode (fixture->store, limber_patient_get_id (a),
                                                 "knee_pain", "2023-06-01");
  g_autoptr (LimberEpisode) b_episode = add_episode (fixture->store, limber_patient_get_id (b),
                                                     "shoulder_pain", "2022-02-02");
  g_autoptr (LimberSession) a_new_2 = add_session (fixture->store, limber_episode_get_id (a_new),
                                                   "2024-01-08");
  g_autoptr (LimberSession) a_new_1 = add_session (fixture->store, limber_episode_get_id (a_new),
                                                   "2024-01-01T08:00");
  g_autoptr (LimberSession) a_old_1 = add_session (fixture->store, limber_episode_get_id (a_old),
                                                   "2023-06-01");
  g_autoptr (LimberSession) b_1 = add_session (fixture->store, limber_episode_get_id (b_episode),
                                               "2022-02-02");
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);
  ExportLog log = { g_string_new (NULL), NULL, 0 };
  guint calls = 0;

  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (b_1),
                                          "strength.grip", LIMBER_SIDE_RIGHT, 30));
  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (b_1),
                                          "strength.grip", LIMBER_SIDE_LEFT, 35));
  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (a_new_2),
                                          "pain.nprs", LIMBER_SIDE_NONE, 3));
  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (a_new_1),
                                          "rom.cervical.rotation", LIMBER_SIDE_LEFT, 50));
  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (a_new_1),
                                          "pain.nprs", LIMBER_SIDE_NONE, 7));
  g_ptr_array_add (made, add_measurement (fixture->store, limber_session_get_id (a_old_1),
                                          "pain.nprs", LIMBER_SIDE_NONE, 5));

  g_assert_true (limber_store_foreach_measurement (fixture->store, collect_row, &log, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log.rows->str, ==,
                   "A-1 2023-06-01 2023-06-01 pain.nprs \n"
                   "A-1 2024-01-01 2024-01-01T08:00 pain.nprs \n"
                   "A-1 2024-01-01 2024-01-01T08:00 rom.cervical.rotation left\n"
                   "A-1 2024-01-01 2024-01-08 pain.nprs \n"
                   "B-2 2022-02-02 2022-02-02 strength.grip left\n"
                   "B-2 2022-02-02 2022-02-02 strength.grip right\n");
  /* One patient object serves all rows of that patient. */
  g_assert_cmpuint (log.reused_patients, ==, 4);
  g_string_free (log.rows, TRUE);

  /* The callback's error stops the walk and comes back as it was. */
  g_assert_false (limber_store_foreach_measurement (fixture->store, stop_at_first_row, &calls,
                                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (calls, ==, 1);
}

/* ----- Transactions, audit, signals ----- */

typedef struct
{
  const char *fail_with;   /* NULL: succeed */
  guint       added;
} TransactionData;

static gboolean
add_two_patients (LimberStore  *store,
                  gpointer      user_data,
                  GError      **error)
{
  TransactionData *data = user_data;
  g_autoptr (LimberPatient) first = limber_patient_new ("T-1", "Tia One", NULL);
  g_autoptr (LimberPatient) second = limber_patient_new ("T-2", "Tom Two", NULL);

  if (!limber_store_add_patient (store, first, error))
    return FALSE;
  data->added++;
  if (!limber_store_add_patient (store, second, error))
    return FALSE;
  data->added++;

  if (data->fail_with != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, data->fail_with);
      return FALSE;
    }

  return TRUE;
}

static void
test_transaction_rolls_back (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) kept = add_patient (fixture->store, "K-1", "Kim Kept");
  TransactionData tx = { "row 3 is invalid", 0 };
  ChangedLog log = { 0, NULL };
  gint64 audit_rows = count_audit_rows (fixture->store);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);
  g_assert_false (limber_store_run_transaction (fixture->store, "import bad.csv",
                                                add_two_patients, &tx, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "row 3 is invalid");
  g_assert_cmpuint (tx.added, ==, 2);

  g_assert_cmpuint (count_patients (fixture->store), ==, 1);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, audit_rows);
  g_assert_cmpuint (log.count, ==, 0);
  g_assert_cmpint (path_int (fixture->path, "SELECT count(*) FROM patient"), ==, 1);

  /* The store is usable afterwards, and a failed mutator inside a transaction
   * rolls the whole transaction back with the mutator's error. */
  g_clear_error (&error);
  g_assert_true (limber_store_delete_patient (fixture->store, limber_patient_get_id (kept),
                                              &error));
  g_assert_cmpuint (log.count, ==, 1);
  tx.fail_with = NULL;
  tx.added = 0;
  g_assert_true (limber_store_run_transaction (fixture->store, "import good.csv",
                                               add_two_patients, &tx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 2);
  tx.added = 0;
  g_assert_false (limber_store_run_transaction (fixture->store, "import again.csv",
                                                add_two_patients, &tx, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (tx.added, ==, 0);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (count_patients (fixture->store), ==, 2);

  g_free (log.last_action);
}

static gboolean
change_nothing (LimberStore  *store,
                gpointer      user_data,
                GError      **error)
{
  return limber_store_count_patients (store, error) == 3;
}

/* A caller that expects some rows to be refused and goes on with the rest. */
static gboolean
add_skipping_duplicates (LimberStore  *store,
                         gpointer      user_data,
                         GError      **error)
{
  const char *mrns[] = { "U-1", "U-1", "U-2" };
  guint *refused = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (mrns); i++)
    {
      g_autoptr (LimberPatient) patient = limber_patient_new (mrns[i], "Uma Unique", NULL);
      g_autoptr (GError) local_error = NULL;

      if (!limber_store_add_patient (store, patient, &local_error))
        {
          g_assert_error (local_error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
          (*refused)++;
        }
    }

  return TRUE;
}

static void
test_transaction_step_failure (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint refused = 0;

  /* A refused mutator undoes only its own step; the transaction carries on. */
  g_assert_true (limber_store_run_transaction (fixture->store, "import some.csv",
                                               add_skipping_duplicates, &refused, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpuint (count_patients (fixture->store), ==, 2);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, 2);
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) duplicate = limber_patient_new ("C-1", "Cy Copy", NULL);
  g_autoptr (LimberPatient) patient = NULL;
  TransactionData tx = { NULL, 0 };
  ChangedLog log = { 0, NULL };
  g_autofree char *actions = NULL;
  sqlite3 *db;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);

  patient = add_patient (fixture->store, "C-1", "Cy Original");
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.last_action, ==, "add patient");

  g_assert_false (limber_store_add_patient (fixture->store, duplicate, &error));
  g_clear_error (&error);
  g_assert_cmpuint (log.count, ==, 1);

  /* Two inserts in one transaction: one signal, with the transaction's name, and the
   * audit rows carry that name too. */
  g_assert_true (limber_store_run_transaction (fixture->store, "import visits.csv",
                                               add_two_patients, &tx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpstr (log.last_action, ==, "import visits.csv");

  db = raw_open (fixture->path);
  actions = raw_text (db, "SELECT group_concat (action, '|') FROM "
                          "(SELECT action FROM audit_log ORDER BY id)");
  sqlite3_close (db);
  g_assert_cmpstr (actions, ==, "add patient|import visits.csv|import visits.csv");

  /* A transaction that changes nothing has nothing to announce. */
  g_assert_true (limber_store_run_transaction (fixture->store, "look only", change_nothing,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 2);

  g_free (log.last_action);
}

static void
test_audit_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (JsonObject) inserted = NULL;
  g_autoptr (JsonObject) old_values = NULL;
  g_autoptr (JsonObject) new_values = NULL;
  g_autoptr (JsonObject) deleted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *user = NULL;
  g_autofree char *at = NULL;
  g_autofree char *text = NULL;
  gint64 id;
  sqlite3 *db;

  limber_store_set_user_name (fixture->store, "dr.okafor");
  patient = add_patient (fixture->store, "A-100", "Ada Audit");
  id = limber_patient_get_id (patient);
  limber_patient_set_name (patient, "Ada Audit-Smith");
  g_assert_true (limber_store_update_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  g_assert_true (limber_store_delete_patient (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, 3);

  db = raw_open (fixture->path);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE table_name = 'patient' "
                         "AND row_id = %" G_GINT64_FORMAT " AND user_name = 'dr.okafor'", id);
  g_assert_cmpint (raw_int (db, sql), ==, 3);

  at = raw_text (db, "SELECT at FROM audit_log ORDER BY id LIMIT 1");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$",
                                       at, 0, 0));

  g_assert_cmpint (raw_int (db, "SELECT old_values IS NULL FROM audit_log "
                                "WHERE action = 'add patient'"), ==, 1);
  text = raw_text (db, "SELECT new_values FROM audit_log WHERE action = 'add patient'");
  inserted = parse_object (text);
  g_assert_cmpstr (json_object_get_string_member (inserted, "mrn"), ==, "A-100");
  g_assert_cmpstr (json_object_get_string_member (inserted, "name"), ==, "Ada Audit");
  g_assert_cmpstr (json_object_get_string_member (inserted, "birth_date"), ==, "1980-05-17");
  g_clear_pointer (&text, g_free);

  text = raw_text (db, "SELECT old_values FROM audit_log WHERE action = 'update patient'");
  old_values = parse_object (text);
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT new_values FROM audit_log WHERE action = 'update patient'");
  new_values = parse_object (text);
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (json_object_get_string_member (old_values, "name"), ==, "Ada Audit");
  g_assert_cmpstr (json_object_get_string_member (new_values, "name"), ==, "Ada Audit-Smith");

  g_assert_cmpint (raw_int (db, "SELECT new_values IS NULL FROM audit_log "
                                "WHERE action = 'delete patient'"), ==, 1);
  text = raw_text (db, "SELECT old_values FROM audit_log WHERE action = 'delete patient'");
  deleted = parse_object (text);
  g_assert_cmpstr (json_object_get_string_member (deleted, "name"), ==, "Ada Audit-Smith");

  user = raw_text (db, "SELECT DISTINCT user_name FROM audit_log");
  g_assert_cmpstr (user, ==, "dr.okafor");
  sqlite3_close (db);
}

static void
test_audit_append_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "L-1", "Lou Log");
  sqlite3 *db = raw_open (fixture->path);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET user_name = 'someone else'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "append-only"));
  /* Values may be erased only through Limber's own connection. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET new_values = NULL, redacted_by = 1",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "append-only"));

  /* Without the store's audit functions, clinical rows cannot be changed at all. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patient SET name = 'Lou Quiet'", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM patient", NULL, NULL, NULL), !=, SQLITE_OK);

  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM patient WHERE name = 'Lou Log'"), ==, 1);
  sqlite3_close (db);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, 1);
}

static void
test_cascade_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = add_patient (fixture->store, "Z-1", "Zoe Cascade");
  g_autoptr (LimberPatient) other = add_patient (fixture->store, "Z-2", "Zed Stays");
  g_autoptr (LimberEpisode) episode = add_episode (fixture->store, limber_patient_get_id (patient),
                                                   "knee_pain", "2024-02-01");
  g_autoptr (LimberEpisode) kept_episode = add_episode (fixture->store,
                                                        limber_patient_get_id (other),
                                                        "knee_pain", "2024-02-01");
  g_autoptr (LimberSession) session = add_session (fixture->store, limber_episode_get_id (episode),
                                                   "2024-02-01");
  g_autoptr (LimberSession) kept_session = add_session (fixture->store,
                                                        limber_episode_get_id (kept_episode),
                                                        "2024-02-01");
  g_autoptr (LimberMeasurement) pain = add_measurement (fixture->store,
                                                        limber_session_get_id (session),
                                                        "pain.nprs", LIMBER_SIDE_NONE, 4);
  g_autoptr (LimberMeasurement) knee = add_measurement (fixture->store,
                                                        limber_session_get_id (session),
                                                        "rom.knee.flexion", LIMBER_SIDE_LEFT, 110);
  g_autoptr (LimberMeasurement) kept = add_measurement (fixture->store,
                                                        limber_session_get_id (kept_session),
                                                        "pain.nprs", LIMBER_SIDE_NONE, 2);
  g_autoptr (LimberGoal) goal = limber_goal_new ("rom.knee.flexion", LIMBER_SIDE_LEFT, 135);
  g_autoptr (GPtrArray) episodes = NULL;
  g_autofree char *audited = NULL;
  ChangedLog log = { 0, NULL };
  sqlite3 *db;

  limber_goal_set_episode_id (goal, limber_episode_get_id (episode));
  g_assert_true (limber_store_add_goal (fixture->store, goal, &error));
  g_assert_no_error (error);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);
  g_assert_true (limber_store_delete_patient (fixture->store, limber_patient_get_id (patient),
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.last_action, ==, "delete patient");

  episodes = limber_store_list_episodes (fixture->store, limber_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 0);

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM episode"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM goal"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM session"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM measurement"), ==, 1);

  /* Every row the cascade removed is in the log, under the action that removed it. */
  audited = raw_text (db, "SELECT group_concat (entry, ' ') FROM "
                          "(SELECT table_name || ':' || count(*) AS entry FROM audit_log "
                          " WHERE action = 'delete patient' AND new_values IS NULL "
                          " GROUP BY table_name ORDER BY table_name)");
  g_assert_cmpstr (audited, ==, "episode:1 goal:1 measurement:2 patient:1 session:1");
  sqlite3_close (db);

  g_free (log.last_action);
}

/* ----- A full disk ----- */

static gboolean
add_small_then_big (LimberStore  *store,
                    gpointer      user_data,
                    GError      **error)
{
  const char *big_name = user_data;
  g_autoptr (LimberPatient) small = limber_patient_new ("F-2", "Fay Small", NULL);
  g_autoptr (LimberPatient) big = limber_patient_new ("F-3", big_name, NULL);

  return limber_store_add_patient (store, small, error)
         && limber_store_add_patient (store, big, error);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) before = add_patient (fixture->store, "F-1", "Fred Before");
  g_autoptr (LimberPatient) big = NULL;
  g_autoptr (GString) big_name = g_string_new ("Fiona ");
  ChangedLog log = { 0, NULL };
  gint64 audit_rows = count_audit_rows (fixture->store);

  /* A name longer than a page needs new pages, which the cap refuses. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (big_name, "Long ");
  big = limber_patient_new ("F-3", big_name->str, NULL);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);
  g_assert_cmpuint (limber_store_set_max_page_count (fixture->store, 1), >, 1);

  g_assert_false (limber_store_add_patient (fixture->store, big, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL);
  g_assert_cmpstr (error->message, ==, "The disk is full; nothing was saved");
  g_assert_cmpint (limber_patient_get_id (big), ==, 0);
  g_clear_error (&error);

  g_assert_false (limber_store_run_transaction (fixture->store, "import full.csv",
                                                add_small_then_big, big_name->str, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_cmpuint (count_patients (fixture->store), ==, 1);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, audit_rows);
  g_assert_cmpuint (log.count, ==, 0);

  /* With room again the same patient is saved. */
  limber_store_set_max_page_count (fixture->store, G_MAXINT32);
  g_assert_true (limber_store_add_patient (fixture->store, big, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (fixture->store), ==, 2);
  g_assert_cmpuint (log.count, ==, 1);

  g_free (log.last_action);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) first = add_patient (fixture->store, "W-1", "Wes Waiting");
  g_autoptr (LimberPatient) second = limber_patient_new ("W-2", "Wendy Waiting", NULL);
  sqlite3 *db = raw_open (fixture->path);

  /* Another program holds the write lock longer than the store waits. */
  raw_exec (db, "BEGIN IMMEDIATE");
  g_assert_false (limber_store_add_patient (fixture->store, second, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "locked by another program"));
  g_clear_error (&error);

  /* Reading goes on meanwhile. */
  g_assert_cmpuint (count_patients (fixture->store), ==, 1);

  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  g_assert_true (limber_store_add_patient (fixture->store, second, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_EMPTY(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_dir, func, fixture_tear_down)

  ADD_EMPTY ("/store/open/creates", test_open_creates);
  ADD ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  ADD_EMPTY ("/store/open/migrates-empty", test_open_migrates_empty);
  ADD ("/store/open/refuses-newer", test_open_refuses_newer);
  ADD_EMPTY ("/store/open/refuses-foreign", test_open_refuses_foreign);
  ADD ("/store/open/refuses-corrupt", test_open_refuses_corrupt);
  ADD ("/store/open/refused-journals-untouched", test_open_refused_journals_untouched);
  ADD ("/store/open/refused-after-rollback", test_open_refused_after_rollback);
  ADD ("/store/open/read-only-interrupted", test_open_read_only_interrupted);
  ADD ("/store/open/read-only-leaves-folder", test_open_read_only_leaves_folder);
  ADD ("/store/open/companions-private", test_open_companions_private);
  ADD ("/store/open/read-only", test_open_read_only);
  ADD ("/store/open/refuses-tampered", test_open_refuses_tampered);
  ADD ("/store/open/schema-compiled", test_open_schema_compiled);
  ADD ("/store/open/pause-reads", test_open_pause_reads);
  g_test_add_func ("/store/default-path", test_default_path);
  ADD ("/store/patients/crud", test_patients_crud);
  ADD ("/store/patients/duplicate-mrn", test_patients_duplicate_mrn);
  ADD ("/store/patients/validated", test_patients_validated);
  ADD ("/store/episodes/crud", test_episodes_crud);
  ADD ("/store/goals", test_goals);
  ADD ("/store/sessions/crud", test_sessions_crud);
  ADD ("/store/measurements/crud", test_measurements_crud);
  ADD ("/store/measurements/answers-round-trip", test_measurement_answers_round_trip);
  ADD ("/store/foreach-measurement/order", test_foreach_measurement_order);
  ADD ("/store/transaction/rolls-back", test_transaction_rolls_back);
  ADD ("/store/transaction/step-failure", test_transaction_step_failure);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/audit/rows", test_audit_rows);
  ADD ("/store/audit/append-only", test_audit_append_only);
  ADD ("/store/audit/cascade-delete", test_cascade_delete);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/busy", test_busy);

#undef ADD
#undef ADD_EMPTY

  return g_test_run ();
}
