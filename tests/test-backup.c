/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-store.h"

/* Backups that restore: verified copies in a private folder, rotated, and a
 * restore that checks the backup first, keeps the current file, never replays a
 * stale -wal, and waits for every other Limber to close the file. */

typedef struct
{
  char        *dir;
  char        *path;
  char        *folder;
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
add_patient (LimberStore *store,
             const char  *mrn,
             const char  *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = limber_patient_new (mrn, name, NULL);

  g_assert_true (limber_store_add_patient (store, patient, &error));
  g_assert_no_error (error);
}

static guint
count_patients_at (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open_full (path, LIMBER_STORE_OPEN_READ_ONLY,
                                                          &error);
  guint n;

  g_assert_no_error (error);
  n = limber_store_count_patients (store, &error);
  g_assert_no_error (error);
  return n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-backup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->folder = g_build_filename (fixture->dir, "clinic-backups", NULL);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_patient (fixture->store, "B-1", "Bea Backup");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->folder);
  g_free (fixture->dir);
}

static void
test_backup_verified_private (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *again = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  struct stat st;

  g_assert_true (limber_store_backup_daily (fixture->store, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (g_str_has_prefix (made, fixture->folder));

  g_assert_cmpint (g_stat (made, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (fixture->folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (count_patients_at (made), ==, 1);

  /* Once a day. */
  g_assert_true (limber_store_backup_daily (fixture->store, &again, &error));
  g_assert_null (again);

  backups = limber_store_list_backups (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (g_file_info_get_attribute_byte_string (backups->pdata[0], "limber::path"),
                   ==, made);
  g_assert_cmpint (g_stat (made, &st), ==, 0);
  g_assert_cmpint (g_file_info_get_size (backups->pdata[0]), ==, st.st_size);
}

static void
test_backup_rotates (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *made = NULL;
  GString *kept = g_string_new (NULL);
  g_autofree char *kept_text = NULL;

  /* Backups of the 60 days before today, two on each day. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  for (int days = 1; days <= 60; days++)
    for (int hour = 8; hour <= 17; hour += 9)
      {
        g_autoptr (GDateTime) day = g_date_time_add_days (today, -days);
        g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
        g_autofree char *name = g_strdup_printf ("clinic-%sT%02d0000.sqlite", date, hour);
        g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

        g_assert_true (g_file_set_contents (path, "", 0, &error));
      }

  g_assert_true (limber_store_backup (fixture->store, NULL, &made, &error));
  g_assert_no_error (error);

  /* Today's, the latest of the 6 days before, and the latest of 4 weeks before. */
  backups = limber_store_list_backups (fixture->path, &error);
  for (guint i = 0; i < backups->len; i++)
    g_string_append_printf (kept, "%s\n", g_file_info_get_name (backups->pdata[i]));
  kept_text = g_string_free (kept, FALSE);
  g_test_message ("kept:\n%s", kept_text);
  g_assert_cmpuint (backups->len, ==, 7 + 4);
  for (guint i = 1; i < backups->len; i++)
    g_assert_true (g_str_has_suffix (g_file_info_get_name (backups->pdata[i]), "T170000.sqlite"));
}

static void
test_backup_refuses_damaged (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size, root;

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT page_size, rootpage FROM pragma_page_size, "
                                           "sqlite_schema WHERE name = 'patient'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  root = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* A damaged table page: the file still opens, but no backup keeps it as good. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  memset (contents + (root - 1) * page_size, 0xAA, page_size);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  fixture->store = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (limber_store_backup (fixture->store, NULL, NULL, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "did not pass its check"));
  backups = limber_store_list_backups (fixture->path, NULL);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "monday.sqlite", NULL);
  g_autofree char *backup_wal = g_strconcat (backup, "-wal", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *stale = NULL;
  gsize stale_length = 0;
  g_autofree char *problems = NULL;
  g_autoptr (LimberStore) checker = NULL;
  g_autoptr (GPtrArray) found = NULL;

  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_assert_no_error (error);
  add_patient (fixture->store, "B-2", "Ben After");

  /* While a Limber has the file open, nothing is restored. */
  g_assert_false (limber_store_restore (fixture->path, backup, &kept, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (limber_store_count_patients (fixture->store, NULL), ==, 2);

  /* The current file's -wal still holds Ben when Limber is gone (a crash); and a
   * stale -wal lies beside the backup. Neither may be replayed into the result. */
  g_assert_true (g_file_get_contents (wal, &stale, &stale_length, NULL));
  g_assert_cmpuint (stale_length, >, 0);
  {
    g_autoptr (GBytes) wal_bytes = g_bytes_new (stale, stale_length);
    g_autofree char *copy_db = g_build_filename (fixture->dir, "crash.sqlite", NULL);
    g_autofree char *copy_wal = g_strconcat (copy_db, "-wal", NULL);
    g_autofree char *db_bytes = NULL;
    gsize db_length = 0;

    g_assert_true (g_file_get_contents (fixture->path, &db_bytes, &db_length, NULL));
    g_assert_true (g_file_set_contents (copy_db, db_bytes, db_length, NULL));
    g_assert_true (g_file_set_contents (copy_wal, stale, stale_length, NULL));
    g_clear_object (&fixture->store);
    g_assert_true (g_file_set_contents (backup_wal, stale, stale_length, NULL));

    g_assert_true (limber_store_restore (copy_db, backup, &kept, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_patients_at (copy_db), ==, 1);
    /* Ben is in the kept copy. */
    g_assert_cmpuint (count_patients_at (kept), ==, 2);
  }

  /* The restored file passes the full check, the chain's head included. */
  g_assert_true (limber_store_restore (fixture->path, backup, NULL, &error));
  g_assert_no_error (error);
  checker = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  found = limber_store_verify (checker, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_restore_refuses_damaged_backup (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "bad.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;

  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  memset (contents + length - 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  g_assert_false (limber_store_restore (fixture->path, backup, NULL, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was restored: "));
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* A backup that reads back whole but that Limber would not open (a table added
 * outside Limber; as well an older backup whose upgrade fails) replaces nothing:
 * it is opened first, in a private folder, and the message says what is true. */
static void
test_restore_refuses_backup_that_does_not_open (Fixture       *fixture,
                                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) replaced = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "changed.sqlite", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *name;
  sqlite3 *db;

  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  g_assert_false (limber_store_restore (fixture->path, backup, &kept, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_TAMPERED);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was restored: "));
  g_assert_nonnull (strstr (error->message, "changed.sqlite was changed outside Limber"));
  g_assert_null (strstr (error->message, ".restore-"));
  g_assert_null (kept);

  /* The clinic's file is as it was, no copy of it was needed, nothing is left. */
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 0);
  dir = g_dir_open (fixture->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".restore-"));
  g_assert_cmpuint (count_patients_at (fixture->path), ==, 1);
}

static void
put_kept_copy (Fixture    *fixture,
               const char *from,
               const char *stamp)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("clinic-before-restore-%s.sqlite", stamp);
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static gboolean
folder_has (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* After a restore only the newest three copies of replaced records stay, the one
 * it just made always among them (even when the clock says others are newer);
 * the rotating backups are not touched. */
static void
test_restore_prunes_replaced (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "monday.sqlite", NULL);
  g_autofree char *rotating = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_again = NULL;
  g_autofree char *old_wal = g_build_filename (fixture->folder,
                                               "clinic-before-restore-2026-01-01T100000.sqlite-wal",
                                               NULL);
  g_autoptr (GPtrArray) replaced = NULL;

  g_assert_cmpuint (LIMBER_STORE_KEPT_REPLACED, ==, 3);
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_assert_true (limber_store_backup (fixture->store, NULL, &rotating, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  for (guint day = 1; day <= 4; day++)
    {
      g_autofree char *stamp = g_strdup_printf ("2026-01-%02uT100000", day);

      put_kept_copy (fixture, backup, stamp);
    }
  g_assert_true (g_file_set_contents (old_wal, "wal", 3, NULL));
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 4);
  g_clear_pointer (&replaced, g_ptr_array_unref);

  g_assert_true (limber_store_restore (fixture->path, backup, &kept, &error));
  g_assert_no_error (error);
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 3);
  g_assert_cmpstr (g_file_info_get_attribute_byte_string (g_ptr_array_index (replaced, 0),
                                                          "limber::path"), ==, kept);
  g_assert_true (folder_has (fixture, "clinic-before-restore-2026-01-04T100000.sqlite"));
  g_assert_true (folder_has (fixture, "clinic-before-restore-2026-01-03T100000.sqlite"));
  g_assert_false (folder_has (fixture, "clinic-before-restore-2026-01-02T100000.sqlite"));
  g_assert_false (folder_has (fixture, "clinic-before-restore-2026-01-01T100000.sqlite"));
  g_assert_false (g_file_test (old_wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (rotating, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_pointer (&replaced, g_ptr_array_unref);

  /* Copies dated later than now (a clock set back) do not push out the new one. */
  put_kept_copy (fixture, backup, "2099-01-01T100000");
  put_kept_copy (fixture, backup, "2099-02-01T100000");
  put_kept_copy (fixture, backup, "2099-03-01T100000");
  g_assert_true (limber_store_restore (fixture->path, backup, &kept_again, &error));
  g_assert_no_error (error);
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 3);
  g_assert_true (g_file_test (kept_again, G_FILE_TEST_EXISTS));
  g_assert_true (folder_has (fixture, "clinic-before-restore-2099-03-01T100000.sqlite"));
  g_assert_true (folder_has (fixture, "clinic-before-restore-2099-02-01T100000.sqlite"));
  g_assert_false (folder_has (fixture, "clinic-before-restore-2099-01-01T100000.sqlite"));
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (rotating, G_FILE_TEST_EXISTS));
}

typedef struct
{
  GCancellable          *cancellable;
  LimberStoreRestoreStep cancel_at;
  GArray                *steps;
  GArray                *checked;  /* the fractions of the check of the backup */
} StepRecorder;

/* Records each step once, and how far the check of the backup went. */
static void
record_step (LimberStoreRestoreStep step,
             double                 fraction,
             gpointer               user_data)
{
  StepRecorder *recorder = user_data;

  if (recorder->checked != NULL && step == LIMBER_STORE_RESTORE_VERIFYING)
    g_array_append_val (recorder->checked, fraction);
  if (recorder->steps->len > 0
      && g_array_index (recorder->steps, LimberStoreRestoreStep, recorder->steps->len - 1) == step)
    {
      g_assert_cmpint (step, ==, LIMBER_STORE_RESTORE_VERIFYING);
      return;
    }
  g_assert_cmpfloat (fraction, ==, 0);
  g_array_append_val (recorder->steps, step);
  if (step == recorder->cancel_at)
    g_cancellable_cancel (recorder->cancellable);
}

/* The check of the backup says how far it is, in hundredths that only go forward,
 * from 0 until it is done, and it still stops when cancelled. */
static void
test_restore_check_progress (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "monday.sqlite", NULL);
  g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (LimberStoreRestoreStep));
  g_autoptr (GArray) checked = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  StepRecorder recorder = { NULL, LIMBER_STORE_N_RESTORE_STEPS, steps, checked };

  /* Enough records that the check has many pages to read. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("P-%u", i);
      g_autofree char *name = g_strdup_printf ("Patient Number %u With A Longer Name", i);

      add_patient (fixture->store, mrn, name);
    }
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_clear_object (&fixture->store);

  g_assert_true (limber_store_restore_full (fixture->path, backup, record_step, &recorder,
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (g_array_index (checked, double, 0), ==, 0);
  g_assert_cmpuint (checked->len, >=, 10);
  for (guint i = 1; i < checked->len; i++)
    {
      g_assert_cmpfloat (g_array_index (checked, double, i), >,
                         g_array_index (checked, double, i - 1));
      g_assert_cmpfloat (g_array_index (checked, double, i), <, 1);
    }
  /* Most of the way by the time it is done. */
  g_assert_cmpfloat (g_array_index (checked, double, checked->len - 1), >=, 0.6);
}

static gpointer
close_store_later (gpointer store)
{
  g_usleep (G_USEC_PER_SEC / 2);
  g_object_unref (store);
  return NULL;
}

/* Cancelled before the backup starts to replace the file, a restore changes
 * nothing and keeps no copy; cancelled later, it finishes. */
static void
test_restore_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "monday.sqlite", NULL);
  g_autofree char *before = NULL;

  g_assert_true (limber_store_backup (fixture->store, backup, NULL, NULL));
  add_patient (fixture->store, "B-2", "Ben After");
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  for (LimberStoreRestoreStep cancel_at = LIMBER_STORE_RESTORE_VERIFYING;
       cancel_at <= LIMBER_STORE_RESTORE_OPENING; cancel_at++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (LimberStoreRestoreStep));
      g_autoptr (GPtrArray) replaced = NULL;
      StepRecorder recorder = { cancellable, cancel_at, steps, NULL };
      g_autofree char *kept = NULL;
      g_autofree char *after = NULL;
      gboolean restored;

      /* Nothing else has the file open: there is no waiting to cancel. */
      if (cancel_at == LIMBER_STORE_RESTORE_WAITING)
        continue;
      restored = limber_store_restore_full (fixture->path, backup, record_step, &recorder,
                                            cancellable, &kept, &error);
      replaced = limber_store_list_replaced (fixture->path, NULL);
      if (cancel_at < LIMBER_STORE_RESTORE_REPLACING)
        {
          g_assert_false (restored);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_nonnull (strstr (error->message, "nothing was restored"));
          g_assert_null (kept);
          g_assert_cmpuint (steps->len, ==, cancel_at == LIMBER_STORE_RESTORE_VERIFYING ? 1 : 2);
          g_assert_cmpuint (replaced->len, ==, 0);
          g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
          g_assert_cmpstr (before, ==, after);
          g_assert_cmpuint (count_patients_at (fixture->path), ==, 2);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (restored);
          g_assert_cmpuint (steps->len, ==, LIMBER_STORE_N_RESTORE_STEPS - 1);
          g_assert_cmpuint (count_patients_at (fixture->path), ==, 1);
          g_assert_cmpuint (count_patients_at (kept), ==, 2);
          /* Back to Ben for the next round. */
          g_assert_true (limber_store_restore (fixture->path, kept, NULL, &error));
          g_assert_no_error (error);
          g_clear_pointer (&before, g_free);
          g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));
        }
      for (guint i = 1; i < steps->len; i++)
        {
          g_assert_cmpint (g_array_index (steps, LimberStoreRestoreStep, i), >,
                           g_array_index (steps, LimberStoreRestoreStep, i - 1));
          g_assert_cmpint (g_array_index (steps, LimberStoreRestoreStep, i), !=,
                           LIMBER_STORE_RESTORE_WAITING);
        }
    }
}

/* Without a cancellable a restore refuses at once while the file is open; with one
 * it waits for the file to close, says so, and can be stopped meanwhile. */
static void
test_restore_waits_for_readers (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "monday.sqlite", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (LimberStoreRestoreStep));
  StepRecorder recorder = { cancellable, LIMBER_STORE_RESTORE_WAITING, steps, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) replaced = NULL;
  g_autoptr (GThread) closer = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (limber_store_backup (fixture->store, backup, NULL, NULL));
  add_patient (fixture->store, "B-2", "Ben After");

  g_assert_false (limber_store_restore (fixture->path, backup, NULL, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Cancelled while it waits: nothing changed. */
  g_assert_false (limber_store_restore_full (fixture->path, backup, record_step, &recorder,
                                             cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (g_array_index (steps, LimberStoreRestoreStep, 1), ==,
                   LIMBER_STORE_RESTORE_WAITING);
  g_assert_cmpuint (limber_store_count_patients (fixture->store, NULL), ==, 2);
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 0);

  /* The other connection closes after a moment: the restore goes on. */
  g_cancellable_reset (cancellable);
  g_array_set_size (steps, 0);
  recorder.cancel_at = -1;
  closer = g_thread_new ("closer", close_store_later, g_steal_pointer (&fixture->store));
  g_assert_true (limber_store_restore_full (fixture->path, backup, record_step, &recorder,
                                            cancellable, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (steps, LimberStoreRestoreStep, 1), ==,
                   LIMBER_STORE_RESTORE_WAITING);
  g_assert_cmpuint (count_patients_at (fixture->path), ==, 1);
  g_assert_cmpuint (count_patients_at (kept), ==, 2);
}

/* A copy that a backup killed halfway left is removed by the next backup once it
 * is an hour old; one that another Limber may still be writing is not. */
static void
test_backup_removes_leftovers (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stale = g_build_filename (fixture->folder,
                                             ".clinic-2026-01-05T101500.sqlite.AbC123", NULL);
  g_autofree char *stale_journal = g_strconcat (stale, "-journal", NULL);
  g_autofree char *fresh = g_build_filename (fixture->folder,
                                             ".clinic-2026-01-06T101500.sqlite.DeF456", NULL);
  g_autofree char *other = g_build_filename (fixture->folder, ".hidden-notes", NULL);
  struct utimbuf long_ago = { .actime = time (NULL) - 2 * 60 * 60,
                              .modtime = time (NULL) - 2 * 60 * 60 };

  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  for (const char *const *path = (const char *const[]) { stale, stale_journal, fresh, other, NULL };
       *path != NULL; path++)
    g_assert_true (g_file_set_contents (*path, "health data", -1, NULL));
  g_assert_cmpint (g_utime (stale, &long_ago), ==, 0);
  g_assert_cmpint (g_utime (other, &long_ago), ==, 0);

  g_assert_true (limber_store_backup (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* The private folder a restore prepared the backup in, left when Limber was
 * killed meanwhile, goes with the next backup once it is an hour old. */
static void
test_backup_removes_restore_leftovers (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stale = g_build_filename (fixture->folder, ".restore-AbC123", NULL);
  g_autofree char *stale_copy = g_build_filename (stale, "restored.sqlite", NULL);
  g_autofree char *fresh = g_build_filename (fixture->folder, ".restore-DeF456", NULL);
  g_autofree char *fresh_copy = g_build_filename (fresh, "restored.sqlite", NULL);
  struct utimbuf long_ago = { .actime = time (NULL) - 2 * 60 * 60,
                              .modtime = time (NULL) - 2 * 60 * 60 };

  g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fresh, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale_copy, "health data", -1, NULL));
  g_assert_true (g_file_set_contents (fresh_copy, "health data", -1, NULL));
  g_assert_cmpint (g_utime (stale, &long_ago), ==, 0);

  g_assert_true (limber_store_backup (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_copy, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/verified-private", test_backup_verified_private);
  ADD ("/backup/rotates", test_backup_rotates);
  ADD ("/backup/removes-leftovers", test_backup_removes_leftovers);
  ADD ("/backup/removes-restore-leftovers", test_backup_removes_restore_leftovers);
  ADD ("/backup/refuses-damaged", test_backup_refuses_damaged);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-refuses-damaged-backup", test_restore_refuses_damaged_backup);
  ADD ("/backup/restore-refuses-backup-that-does-not-open",
       test_restore_refuses_backup_that_does_not_open);
  ADD ("/backup/restore-prunes-replaced", test_restore_prunes_replaced);
  ADD ("/backup/restore-cancelled", test_restore_cancelled);
  ADD ("/backup/restore-check-progress", test_restore_check_progress);
  ADD ("/backup/restore-waits-for-readers", test_restore_waits_for_readers);

#undef ADD

  return g_test_run ();
}
