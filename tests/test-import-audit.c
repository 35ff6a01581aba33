/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Limber-Test-Import-Audit"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "limber-csv-import.h"
#include "limber-store-private.h"
#include "limber-store.h"
#include "limber-test-fixture.h"

/* An import writes the audit entries of its measurements and the links of the hash
 * chain set-based, not through a trigger for each row (schema 10). The log must be
 * the one the triggers write, entry for entry, and the triggers must stay in force
 * for every other write and every other connection. */

typedef LimberTestFixture Fixture;

#define HEADER "mrn,patient_name,birth_date,condition,episode_start,session_date,therapist," \
               "measure,side,value,unit,notes\n"

/* A small clinic: patients with one or two courses of care, sessions with sided and
 * unsided measures, therapists new to the clinic. With again, the same rows and
 * more: a birth date and a therapist the first file left out (updates of stored
 * rows), a measurement added to a stored session, a new session and a new patient. */
static char *
clinic_csv (gboolean again)
{
  static const char *const conditions[] = { "low_back_pain", "knee_pain" };
  GString *csv = g_string_new (HEADER);

  for (guint p = 0; p < 6; p++)
    {
      g_autofree char *birth = NULL;

      birth = p == 1 && !again ? g_strdup ("") : g_strdup_printf ("19%02u-0%u-1%u", 50 + p, 1 + p, p);
      for (guint e = 0; e < (p % 2 == 0 ? 2u : 1u); e++)
        {
          for (guint s = 0; s < 4 + (again && p == 2 ? 1u : 0u); s++)
            {
              const char *therapist = (s == 1 && !again) ? "" : (s % 2 == 0 ? "Ann Lee" : "Bob Ray");
              g_autofree char *date = g_strdup_printf ("2026-0%u-%02uT09:%02u", 3 + e, 5 + 6 * s, p);
              g_autofree char *start = g_strdup_printf ("2026-0%u-05", 3 + e);
              /* The quotes of the name are doubled in the file. */
              g_autofree char *row = g_strdup_printf ("%u,\"Patient \"\"%u\"\"\",%s,%s,%s,%s,%s,",
                                                      3000 + p, p, birth, conditions[e], start,
                                                      date, therapist);

              g_string_append_printf (csv, "%spain.nprs,,%u,points,Visit %u\n", row, (7 + p + s) % 11, s);
              g_string_append_printf (csv, "%srom.knee.flexion,left,%u.5,deg,Visit %u\n", row, 90 + 5 * s, s);
              g_string_append_printf (csv, "%srom.knee.flexion,right,%u,deg,Visit %u\n", row, 100 + p, s);
              if (again && s == 0)
                g_string_append_printf (csv, "%sprom.odi,,%u,%%,Visit %u\n", row, 30 + p, s);
            }
        }
    }
  if (again)
    g_string_append (csv, "3099,Newcomer,,knee_pain,2026-03-01,2026-03-01,Cy Dee,pain.nprs,,3,points,\n");

  return g_string_free (csv, FALSE);
}

static void
import_csv (LimberStore *store,
            const char  *csv)
{
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;

  limber_csv_import_data (store, csv, strlen (csv), "clinic.csv", &counts, &error);
  g_assert_no_error (error);
}

static gint64
query_int (LimberStore *store,
           const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_verified (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = limber_store_verify (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_chained (LimberStore *store)
{
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_chain"),
                   ==, query_int (store, "SELECT count(*) FROM audit_log"));
  assert_verified (store);
}

/* The same files imported set-based and through the triggers give the same log: the
 * same entries with the same ids, values and hashes of the values (the times of the
 * entries and of the rows' creation aside), and a chain that verifies. */
static void
test_same_as_per_row (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *first = clinic_csv (FALSE);
  g_autofree char *second = clinic_csv (TRUE);
  g_autofree char *per_row_path = limber_test_fixture_build_path (fixture, "per-row.sqlite");
  g_autofree char *attach = NULL;
  g_autoptr (LimberStore) per_row = NULL;
  g_autoptr (GError) error = NULL;
  gint64 n_entries;

  per_row = limber_store_open (per_row_path, &error);
  g_assert_no_error (error);
  limber_store_set_audit_per_row (per_row, TRUE);

  import_csv (fixture->store, first);
  import_csv (per_row, first);
  import_csv (fixture->store, second);
  import_csv (per_row, second);

  assert_chained (fixture->store);
  assert_chained (per_row);

  /* Both imports wrote every kind of entry: patients, courses, sessions, therapists
   * and measurements added, patients and sessions updated. */
  n_entries = query_int (fixture->store, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (n_entries, ==, query_int (per_row, "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(DISTINCT table_name || (old_values IS NULL)) "
                              "FROM audit_log"), ==, 7);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM audit_log WHERE table_name = 'measurement'"),
                   ==, query_int (fixture->store, "SELECT count(*) FROM measurement"));

  attach = g_strdup_printf ("ATTACH DATABASE '%s' AS per_row", per_row_path);
  g_assert_cmpint (sqlite3_exec (fixture->store->db, attach, NULL, NULL, NULL), ==, SQLITE_OK);

  /* Entry for entry, the times of creation aside. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM main.audit_log AS a "
                              "JOIN per_row.audit_log AS b ON b.id = a.id "
                              "WHERE b.user_name = a.user_name AND b.action = a.action "
                              "AND b.table_name = a.table_name AND b.row_id = a.row_id "
                              "AND b.redacted_by IS a.redacted_by "
                              "AND json_remove (b.old_values, '$.created_at') "
                              "    IS json_remove (a.old_values, '$.created_at') "
                              "AND json_remove (b.new_values, '$.created_at') "
                              "    IS json_remove (a.new_values, '$.created_at')"),
                   ==, n_entries);

  /* The same values hashed the same; rows without a time of creation are most. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM main.audit_log AS a "
                              "JOIN main.audit_chain AS ac ON ac.audit_id = a.id "
                              "JOIN per_row.audit_log AS b ON b.id = a.id "
                              "JOIN per_row.audit_chain AS bc ON bc.audit_id = b.id "
                              "WHERE b.new_values IS a.new_values "
                              "AND b.old_values IS a.old_values "
                              "AND bc.values_hash = ac.values_hash"),
                   ==, query_int (fixture->store,
                                  "SELECT count(*) FROM main.audit_log AS a "
                                  "JOIN per_row.audit_log AS b ON b.id = a.id "
                                  "WHERE b.new_values IS a.new_values "
                                  "AND b.old_values IS a.old_values"));
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM main.audit_log AS a "
                              "JOIN per_row.audit_log AS b ON b.id = a.id "
                              "WHERE b.new_values IS a.new_values "
                              "AND b.old_values IS a.old_values"),
                   >=, query_int (fixture->store, "SELECT count(*) FROM measurement"));

  g_assert_cmpint (sqlite3_exec (fixture->store->db, "DETACH DATABASE per_row", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_finalize_object (g_steal_pointer (&per_row));
}

/* Sessions with more measurements than one statement inserts: the rows of each go in
 * over several statements and still take the ids and entries the triggers give. */
static char *
wide_sessions_csv (void)
{
  static const char *const measures[] = {
    "rom.shoulder.abduction", "rom.shoulder.flexion", "rom.shoulder.external_rotation",
    "rom.shoulder.internal_rotation", "rom.knee.flexion", "rom.ankle.dorsiflexion",
    "rom.wrist.extension", "rom.wrist.flexion", "rom.cervical.rotation",
    "rom.cervical.lateral_flexion", "rom.lumbar.lateral_flexion", "strength.grip",
    "flex.slr",
  };
  GString *csv = g_string_new (HEADER);

  for (guint s = 0; s < 3; s++)
    for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
      for (guint side = 0; side < 2; side++)
        g_string_append_printf (csv, "4000,Wide Patient,1960-02-03,shoulder_pain,2026-03-02,"
                                "2026-03-0%u,Ann Lee,%s,%s,%u.5,,\n",
                                2 + s, measures[m], side == 0 ? "left" : "right",
                                10 + (m + side + s) % 7);

  return g_string_free (csv, FALSE);
}

static void
test_wide_sessions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = wide_sessions_csv ();
  g_autofree char *per_row_path = limber_test_fixture_build_path (fixture, "per-row.sqlite");
  g_autofree char *attach = NULL;
  g_autoptr (LimberStore) per_row = NULL;
  g_autoptr (GError) error = NULL;
  gint64 n_entries;

  per_row = limber_store_open (per_row_path, &error);
  g_assert_no_error (error);
  limber_store_set_audit_per_row (per_row, TRUE);

  import_csv (fixture->store, csv);
  import_csv (per_row, csv);
  assert_chained (fixture->store);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM measurement"), ==, 3 * 13 * 2);

  n_entries = query_int (fixture->store, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (n_entries, ==, query_int (per_row, "SELECT count(*) FROM audit_log"));

  attach = g_strdup_printf ("ATTACH DATABASE '%s' AS per_row", per_row_path);
  g_assert_cmpint (sqlite3_exec (fixture->store->db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM main.measurement AS a "
                              "JOIN per_row.measurement AS b ON b.id = a.id "
                              "WHERE b.session_id = a.session_id AND b.measure = a.measure "
                              "AND b.side = a.side AND b.value = a.value"),
                   ==, 3 * 13 * 2);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM main.audit_log AS a "
                              "JOIN per_row.audit_log AS b ON b.id = a.id "
                              "WHERE b.table_name = a.table_name AND b.row_id = a.row_id "
                              "AND json_remove (b.new_values, '$.created_at') "
                              "    IS json_remove (a.new_values, '$.created_at')"),
                   ==, n_entries);
  g_assert_cmpint (sqlite3_exec (fixture->store->db, "DETACH DATABASE per_row", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_finalize_object (g_steal_pointer (&per_row));
}

static guint
count_found (LimberStore *store,
             const char  *search)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = limber_store_search_patient_ids (store, search, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* The patients an import adds go into the search index before it commits, all at
 * once: found by name and chart number as soon as it is done. */
static void
test_search_index (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = clinic_csv (FALSE);
  g_autofree char *second = clinic_csv (TRUE);

  import_csv (fixture->store, first);
  g_assert_cmpuint (count_found (fixture->store, "patient"), ==, 6);
  g_assert_cmpuint (count_found (fixture->store, "3004"), ==, 1);
  g_assert_cmpuint (count_found (fixture->store, "newcomer"), ==, 0);

  import_csv (fixture->store, second);
  g_assert_cmpuint (count_found (fixture->store, "NEWCOMER"), ==, 1);
  g_assert_cmpuint (count_found (fixture->store, "3099"), ==, 1);
  g_assert_cmpuint (count_found (fixture->store, "patient"), ==, 6);
  assert_verified (fixture->store);
}

typedef struct
{
  LimberStore *importing;
  LimberStore *other;
  guint        n_checked;
  gint64       session_id;
} DuringImport;

static gint64
deferred (LimberStore *store,
          const char  *what)
{
  g_autofree char *sql = g_strdup_printf ("SELECT limber_audit_deferred ('%s')", what);

  return query_int (store, sql);
}

/* While the import writes: the importing connection leaves the chain to the store,
 * the other connection does not; a measurement the importing connection adds on its
 * own goes through its trigger. */
static void
check_during_import (double   fraction,
                     gpointer user_data)
{
  DuringImport *during = user_data;
  g_autoptr (LimberMeasurement) measurement = NULL;
  g_autoptr (GError) error = NULL;

  if (fraction <= 0.5 || fraction >= 1.0 || during->n_checked > 0)
    return;

  during->n_checked++;
  g_assert_cmpint (deferred (during->importing, "chain"), ==, 1);
  g_assert_cmpint (deferred (during->importing, "measurement"), ==, 0);
  g_assert_cmpint (deferred (during->other, "chain"), ==, 0);
  g_assert_cmpint (deferred (during->other, "measurement"), ==, 0);

  measurement = limber_measurement_new (during->session_id, "flex.sit_and_reach",
                                        LIMBER_SIDE_NONE, 4);
  g_assert_true (limber_store_add_measurement (during->importing, measurement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (during->importing,
                              "SELECT count(*) FROM audit_log WHERE table_name = 'measurement' "
                              "AND action = 'import clinic.csv' AND row_id = "
                              "(SELECT max (id) FROM measurement)"), ==, 1);
}

/* Every write but the import's own measurements goes through the triggers: an update
 * and an insert after an import, a write on another connection, and one on the
 * importing connection while the import is in progress. */
static void
test_triggers_stay (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = clinic_csv (FALSE);
  g_autofree char *second = clinic_csv (TRUE);
  g_autoptr (LimberStore) other = NULL;
  g_autoptr (LimberMeasurement) measurement = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autoptr (GError) error = NULL;
  DuringImport during = { 0 };
  LimberImportCounts counts;
  gint64 n_entries;

  import_csv (fixture->store, first);
  other = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);

  during.importing = fixture->store;
  during.other = other;
  during.session_id = query_int (fixture->store, "SELECT min (id) FROM session");
  g_assert_true (limber_csv_import_data_full (fixture->store, second, strlen (second),
                                              "clinic.csv", NULL, check_during_import, &during,
                                              &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (during.n_checked, ==, 1);
  g_assert_cmpint (deferred (fixture->store, "chain"), ==, 0);
  assert_chained (fixture->store);

  /* An update and an insert through the store, then on the other connection. */
  measurements = limber_store_list_measurements (fixture->store, during.session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measurements->len, >, 0);
  measurement = g_object_ref (g_ptr_array_index (measurements, 0));
  limber_measurement_set_value (measurement, limber_measurement_get_value (measurement) + 1);

  n_entries = query_int (fixture->store, "SELECT count(*) FROM audit_log");
  g_assert_true (limber_store_update_measurement (fixture->store, measurement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_chain"), ==, n_entries + 1);

  g_clear_object (&measurement);
  measurement = limber_measurement_new (during.session_id, "rom.shoulder.abduction",
                                        LIMBER_SIDE_LEFT, 120);
  g_assert_true (limber_store_add_measurement (other, measurement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM audit_log"), ==, n_entries + 2);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM audit_chain"), ==, n_entries + 2);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM audit_log WHERE row_id = "
                                     "(SELECT max (id) FROM measurement) "
                                     "AND table_name = 'measurement' AND action = 'add measurement'"),
                   ==, 1);

  assert_chained (fixture->store);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
cancel_while_writing (double   fraction,
                      gpointer user_data)
{
  if (fraction > 0.6)
    g_cancellable_cancel (user_data);
}

/* An import stopped while it writes, or failing for a full disk, leaves no entry and
 * no link, and the next change goes through the triggers again. */
static void
test_interrupted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *first = clinic_csv (FALSE);
  g_autofree char *second = clinic_csv (TRUE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (LimberMeasurement) measurement = NULL;
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;
  gint64 n_entries;
  gint64 session_id;

  import_csv (fixture->store, first);
  n_entries = query_int (fixture->store, "SELECT count(*) FROM audit_log");
  session_id = query_int (fixture->store, "SELECT min (id) FROM session");

  g_assert_false (limber_csv_import_data_full (fixture->store, second, strlen (second),
                                               "clinic.csv", cancellable, cancel_while_writing,
                                               cancellable, &counts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_log"), ==, n_entries);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_chain"), ==, n_entries);

  /* A full disk: the file may not grow by a single page. */
  limber_store_set_max_page_count (fixture->store, 1);
  g_assert_false (limber_csv_import_data (fixture->store, second, strlen (second), "clinic.csv",
                                          &counts, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  limber_store_set_max_page_count (fixture->store, G_MAXINT32);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_log"), ==, n_entries);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_chain"), ==, n_entries);
  g_assert_cmpint (deferred (fixture->store, "chain"), ==, 0);
  g_assert_cmpint (deferred (fixture->store, "measurement"), ==, 0);

  measurement = limber_measurement_new (session_id, "flex.sit_and_reach", LIMBER_SIDE_NONE, -2);
  g_assert_true (limber_store_add_measurement (fixture->store, measurement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit_log"), ==, n_entries + 1);
  assert_chained (fixture->store);

  /* And the import then goes through whole. */
  import_csv (fixture->store, second);
  assert_chained (fixture->store);
}

/* A clinic of schema 9, whose entries the triggers chained one by one, takes the
 * links of an import after them: the upgrade keeps the chain whole. */
static void
test_upgrade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = limber_test_fixture_build_path (fixture, "old.sqlite");
  g_autofree char *csv = clinic_csv (FALSE);
  g_autoptr (LimberStore) old = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) error = NULL;

  old = limber_test_store_new_at_schema (path, 9);
  g_assert_true (limber_store_begin (old, "record session", &error));
  g_assert_true (limber_store_exec (old, "PRAGMA application_id = 1280131666; "
                                         "PRAGMA user_version = 9;"
                                         "INSERT INTO patient (id, mrn, name) VALUES (1, 'O-1', 'Old One');"
                                         "INSERT INTO episode (id, patient_id, condition, start_date) "
                                         "VALUES (1, 1, 'knee_pain', '2026-01-05');"
                                         "INSERT INTO session (id, episode_id, date) VALUES (1, 1, '2026-01-05');"
                                         "INSERT INTO measurement (session_id, measure, side, value) "
                                         "VALUES (1, 'pain.nprs', '', 6), (1, 'rom.knee.flexion', 'left', 95.5);",
                                    &error));
  g_assert_true (limber_store_end (old, TRUE, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&old));

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), ==, 5);
  assert_chained (store);

  import_csv (store, csv);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE table_name = 'measurement'"),
                   ==, query_int (store, "SELECT count(*) FROM measurement"));
  assert_chained (store);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, limber_test_fixture_set_up, func, limber_test_fixture_tear_down)

  ADD ("/import-audit/same-as-per-row", test_same_as_per_row);
  ADD ("/import-audit/wide-sessions", test_wide_sessions);
  ADD ("/import-audit/search-index", test_search_index);
  ADD ("/import-audit/triggers-stay", test_triggers_stay);
  ADD ("/import-audit/interrupted", test_interrupted);
  ADD ("/import-audit/upgrade", test_upgrade);

#undef ADD

  return g_test_run ();
}
