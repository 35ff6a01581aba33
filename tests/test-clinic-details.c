/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "limber-clinic.h"
#include "limber-store.h"

/* The clinic's details: kept in the database with an audit trail, checked before
 * they are saved, and added to an existing clinic's file by its upgrade. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-clinic-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);

  g_unlink (fixture->path);
  g_unlink (journal);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GBytes *
tiny_png (void)
{
  /* A 1 × 1 PNG. */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0x60, 0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3,
    0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };

  return g_bytes_new_static (png, sizeof png);
}

static void
test_clinic_without_details (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (fixture->path, &error);
  g_autoptr (LimberClinic) clinic = NULL;

  g_assert_no_error (error);
  clinic = limber_store_get_clinic (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (clinic);
  g_assert_null (limber_clinic_get_name (clinic));
  g_assert_null (limber_clinic_get_logo (clinic));
  /* The tests run in C.UTF-8, whose paper is A4. */
  g_assert_cmpint (limber_clinic_get_paper (clinic), ==, LIMBER_PAPER_A4);
}

static void
test_clinic_saved_and_audited (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (fixture->path, &error);
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberClinic) loaded = NULL;
  g_autoptr (GBytes) logo = tiny_png ();
  g_autofree char *logo_size = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  limber_clinic_set_name (clinic, "  Fysio Łódź & Søn  ");
  limber_clinic_set_address (clinic, "Ulica Długa 5\n90-001 Łódź");
  limber_clinic_set_phone (clinic, "+48 42 123 45 67");
  limber_clinic_set_email (clinic, "recepcja@fysio.example");
  limber_clinic_set_logo (clinic, logo);
  limber_clinic_set_paper (clinic, LIMBER_PAPER_LETTER);
  g_assert_true (limber_store_save_clinic (store, clinic, &error));
  g_assert_no_error (error);

  loaded = limber_store_get_clinic (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_clinic_get_name (loaded), ==, "Fysio Łódź & Søn");
  g_assert_cmpstr (limber_clinic_get_address (loaded), ==, "Ulica Długa 5\n90-001 Łódź");
  g_assert_cmpstr (limber_clinic_get_phone (loaded), ==, "+48 42 123 45 67");
  g_assert_cmpstr (limber_clinic_get_email (loaded), ==, "recepcja@fysio.example");
  g_assert_true (g_bytes_equal (limber_clinic_get_logo (loaded), logo));
  g_assert_cmpint (limber_clinic_get_paper (loaded), ==, LIMBER_PAPER_LETTER);

  /* Saving again replaces the one row. */
  limber_clinic_set_email (clinic, NULL);
  limber_clinic_set_logo (clinic, NULL);
  g_assert_true (limber_store_save_clinic (store, clinic, &error));
  g_clear_object (&loaded);
  loaded = limber_store_get_clinic (store, &error);
  g_assert_null (limber_clinic_get_email (loaded));
  g_assert_null (limber_clinic_get_logo (loaded));

  g_clear_object (&store);
  g_assert_cmpint (raw_count (fixture->path, "SELECT count(*) FROM clinic"), ==, 1);
  g_assert_cmpint (raw_count (fixture->path,
                              "SELECT count(*) FROM audit_log WHERE table_name = 'clinic'"),
                   ==, 2);
  /* The audit log keeps the logo's size, not the picture. */
  logo_size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (logo));
  sql = g_strconcat ("SELECT count(*) FROM audit_log WHERE table_name = 'clinic' "
                     "AND new_values LIKE '%\"logo_bytes\":", logo_size, ",%'", NULL);
  g_assert_cmpint (raw_count (fixture->path, sql), ==, 1);
}

static void
test_clinic_invalid_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (fixture->path, &error);
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberClinic) loaded = NULL;
  g_autoptr (GBytes) text = g_bytes_new_static ("GIF89a not a logo", 17);

  g_assert_no_error (error);
  limber_clinic_set_name (clinic, "Back in Motion");
  limber_clinic_set_email (clinic, "reception at back-in-motion");
  g_assert_false (limber_store_save_clinic (store, clinic, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "reception at back-in-motion"));
  g_clear_error (&error);

  limber_clinic_set_email (clinic, NULL);
  limber_clinic_set_logo (clinic, text);
  g_assert_false (limber_store_save_clinic (store, clinic, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PNG or SVG"));
  g_clear_error (&error);

  loaded = limber_store_get_clinic (store, &error);
  g_assert_no_error (error);
  g_assert_null (limber_clinic_get_name (loaded));
}

/* A clinic's file of schema 1 gains the clinic table; its audit log keeps every row
 * and stays append-only. */
static void
test_clinic_upgrade_from_schema_1 (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql_path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberPatient) patient = limber_patient_new ("U-1", "Zoë Lindqvist", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  sql_path = g_build_filename (g_getenv ("LIMBER_SOURCE_ROOT"), "data", "sql", "001-initial.sql",
                               NULL);
  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO audit_log (at, user_name, action, table_name, "
                                 "row_id, old_values, new_values) VALUES "
                                 "('2025-01-02T03:04:05Z', 'anna', 'import', 'patient', 7, NULL, "
                                 "'{\"mrn\":\"X\"}');"
                                 "PRAGMA application_id = 1280131666; PRAGMA user_version = 1;",
                                 NULL, NULL, &message),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_store_add_patient (store, patient, &error));
  limber_clinic_set_name (clinic, "Limber Physio");
  g_assert_true (limber_store_save_clinic (store, clinic, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (raw_count (fixture->path, "PRAGMA user_version"), >=, 2);
  g_assert_cmpint (raw_count (fixture->path,
                              "SELECT count(*) FROM audit_log WHERE id = 1 AND user_name = 'anna' "
                              "AND at = '2025-01-02T03:04:05Z' AND row_id = 7"),
                   ==, 1);
  g_assert_cmpint (raw_count (fixture->path,
                              "SELECT count(*) FROM audit_log WHERE table_name = 'patient'"),
                   ==, 2);
  g_assert_cmpint (raw_count (fixture->path,
                              "SELECT count(*) FROM audit_log WHERE table_name = 'clinic'"),
                   ==, 1);

  /* Still append-only. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, &message), !=,
                   SQLITE_OK);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET user_name = 'x'", NULL, NULL, &message),
                   !=, SQLITE_OK);
  sqlite3_free (message);
  sqlite3_close (db);
}

static void
test_paper (void)
{
  double width, height;
  LimberPaper paper;

  limber_paper_get_size (LIMBER_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  limber_paper_get_size (LIMBER_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);

  g_assert_true (limber_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, LIMBER_PAPER_LETTER);
  g_assert_false (limber_paper_from_string ("A5", &paper));
  g_assert_cmpint (limber_paper_from_locale (), ==, LIMBER_PAPER_A4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinic/paper", test_paper);
  g_test_add ("/clinic/without-details", Fixture, NULL, fixture_set_up,
              test_clinic_without_details, fixture_tear_down);
  g_test_add ("/clinic/saved-and-audited", Fixture, NULL, fixture_set_up,
              test_clinic_saved_and_audited, fixture_tear_down);
  g_test_add ("/clinic/invalid-refused", Fixture, NULL, fixture_set_up,
              test_clinic_invalid_refused, fixture_tear_down);
  g_test_add ("/clinic/upgrade-from-schema-1", Fixture, NULL, fixture_set_up,
              test_clinic_upgrade_from_schema_1, fixture_tear_down);

  return g_test_run ();
}
