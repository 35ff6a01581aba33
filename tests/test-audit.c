/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-store-private.h"
#include "limber-store.h"
#include "limber-test-fixture.h"

/* The tamper-evident audit log: a hash chain over its entries, the newest hash kept
 * beside the backups, and limber_store_verify() comparing every record with what
 * the log last recorded for it. Each test changes a database the way someone with
 * the file and the sqlite3 program could, and expects the check to say where. */

typedef struct
{
  char        *dir;
  char        *path;
  LimberStore *store;
  gint64       measurement_id;
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

/* A small clinic: a patient, a course of care, a session with two measurements,
 * one of them changed afterwards (so that its latest entry is an update). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = limber_patient_new ("A-1", "Ann Audit", "1970-01-01");
  g_autoptr (LimberEpisode) episode = NULL;
  g_autoptr (LimberSession) session = NULL;
  g_autoptr (LimberMeasurement) pain = NULL;
  g_autoptr (LimberMeasurement) flexion = NULL;

  fixture->dir = g_dir_make_tmp ("limber-audit-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  episode = limber_episode_new (limber_patient_get_id (patient), "knee_pain", "2026-01-05");
  g_assert_true (limber_store_add_episode (fixture->store, episode, &error));
  session = limber_session_new (limber_episode_get_id (episode), "2026-01-05T09:00");
  g_assert_true (limber_store_add_session (fixture->store, session, &error));
  pain = limber_measurement_new (limber_session_get_id (session), "pain.nprs",
                                 LIMBER_SIDE_NONE, 7);
  g_assert_true (limber_store_add_measurement (fixture->store, pain, &error));
  flexion = limber_measurement_new (limber_session_get_id (session), "rom.knee.flexion",
                                    LIMBER_SIDE_LEFT, 95.5);
  g_assert_true (limber_store_add_measurement (fixture->store, flexion, &error));
  limber_measurement_set_value (pain, 6);
  g_assert_true (limber_store_update_measurement (fixture->store, pain, &error));
  g_assert_no_error (error);
  fixture->measurement_id = limber_measurement_get_id (pain);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
fixture_close (Fixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The problems limber_store_verify() finds in path, joined by newlines. */
static char *
verify (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (LimberStore) store = NULL;

  store = limber_store_open_full (path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  problems = limber_store_verify (store, &error);
  g_assert_no_error (error);
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("\n", (char **) problems->pdata);
}

static void
assert_verify_finds (const char *path,
                     const char *expected)
{
  g_autofree char *found = verify (path);

  g_test_message ("found: %s", found);
  g_assert_nonnull (strstr (found, expected));
}

/* The SQL that recreates the object name as Limber made it. */
static char *
schema_sql (const char *path,
            const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *sql;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE name = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return sql;
}

/* ----- Tests ----- */

static void
test_chain_intact (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *found = NULL;
  g_autofree char *head_path = g_build_filename (fixture->dir, "clinic-backups", "audit-head",
                                                 NULL);
  g_autofree char *folder = g_path_get_dirname (head_path);
  g_autofree char *head = NULL;
  struct stat st;

  fixture_close (fixture);
  found = verify (fixture->path);
  g_assert_cmpstr (found, ==, "");

  /* The newest hash is kept beside the backups, for the clinic's user only. */
  g_assert_true (g_file_get_contents (head_path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "6 "));
  g_assert_cmpuint (strlen (head), ==, strlen ("6 ") + 64 + 1);
  g_assert_cmpint (g_stat (head_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

/* A measurement changed with its audit trigger removed and put back: the schema
 * is Limber's again, but the record is not what the log says. */
static void
test_changed_without_log (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *trigger = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;

  fixture_close (fixture);
  trigger = schema_sql (fixture->path, "measurement_audit_update");
  sql = g_strdup_printf ("DROP TRIGGER measurement_audit_update;"
                         "UPDATE measurement SET value = 2 WHERE id = %" G_GINT64_FORMAT ";"
                         "%s;", fixture->measurement_id, trigger);
  raw_exec (fixture->path, sql);

  expected = g_strdup_printf ("measurement row %" G_GINT64_FORMAT " was changed outside "
                              "Limber: its value is not what audit entry 6 recorded",
                              fixture->measurement_id);
  assert_verify_finds (fixture->path, expected);
}

/* The same change, with the log's entry rewritten to match: the chain breaks at
 * that entry. */
static void
test_log_rewritten (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *measurement_trigger = NULL;
  g_autofree char *log_trigger = NULL;
  g_autofree char *sql = NULL;

  fixture_close (fixture);
  measurement_trigger = schema_sql (fixture->path, "measurement_audit_update");
  log_trigger = schema_sql (fixture->path, "audit_log_only_redact");
  sql = g_strdup_printf ("DROP TRIGGER measurement_audit_update;"
                         "DROP TRIGGER audit_log_only_redact;"
                         "UPDATE measurement SET value = 2 WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE audit_log SET new_values = replace (new_values, '\"value\":6', "
                         "'\"value\":2') WHERE id = 6;"
                         "%s; %s;", fixture->measurement_id, measurement_trigger, log_trigger);
  raw_exec (fixture->path, sql);

  assert_verify_finds (fixture->path, "The audit log was tampered with: audit entry 6 was "
                                      "changed");
}

/* Entries removed from the end leave a valid chain: the hash kept beside the
 * backups tells. An entry slipped in has no hash. */
static void
test_log_cut_short (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *log_trigger = NULL;
  g_autofree char *chain_trigger = NULL;
  g_autofree char *update_trigger = NULL;
  g_autofree char *added_trigger = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.sqlite", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  fixture_close (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  log_trigger = schema_sql (fixture->path, "audit_log_no_delete");
  chain_trigger = schema_sql (fixture->path, "audit_chain_no_delete");
  update_trigger = schema_sql (fixture->path, "measurement_audit_update");
  sql = g_strdup_printf ("DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_chain_no_delete;"
                         "DROP TRIGGER measurement_audit_update;"
                         "DELETE FROM audit_log WHERE id = 6; DELETE FROM audit_chain WHERE "
                         "audit_id = 6; UPDATE measurement SET value = 7;"
                         "%s; %s; %s;", log_trigger, chain_trigger, update_trigger);
  raw_exec (fixture->path, sql);
  assert_verify_finds (fixture->path, "The audit log was cut short: it ends at entry 5, but "
                                      "entry 6 was recorded beside the backups");

  /* An entry added by hand (the copy has no hash kept beside it): without
   * Limber's functions the chain's trigger refuses it, so the trigger goes too. */
  g_clear_pointer (&sql, g_free);
  added_trigger = schema_sql (copy, "audit_log_chain");
  sql = g_strdup_printf ("DROP TRIGGER audit_log_chain;"
                         "INSERT INTO audit_log (at, user_name, action, table_name, row_id) "
                         "VALUES ('2026-01-01T00:00:00Z', 'x', 'x', 'patient', 99); %s;",
                         added_trigger);
  raw_exec (copy, sql);
  assert_verify_finds (copy, "audit entry 7 was added outside Limber");
}

/* Erasing a patient's health data from the log keeps the chain valid; nothing but
 * the values may be erased, and only by the store. */
static void
test_redaction (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 erasing_entry;

  g_assert_true (limber_store_begin (fixture->store, "erase patient A-1", &error));
  g_assert_true (limber_store_exec (fixture->store, "DELETE FROM patient", &error));
  g_assert_cmpint (limber_store_read_int (fixture->store, "SELECT max (id) FROM audit_log",
                                          &erasing_entry), ==, SQLITE_OK);
  for (const char *const *table = (const char *const[]) { "patient", "episode", "session",
                                                          "measurement", NULL };
       *table != NULL; table++)
    for (gint64 row = 1; row <= 2; row++)
      g_assert_true (limber_store_redact_audit (fixture->store, *table, row, erasing_entry,
                                                &error));
  g_assert_true (limber_store_end (fixture->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_store_count (fixture->store, "SELECT count (*) FROM audit_log "
                                      "WHERE new_values LIKE '%Ann%' OR old_values LIKE '%Ann%' "
                                      "OR old_values LIKE '%pain.nprs%'", &error), ==, 0);

  /* Outside the store, values cannot be erased. */
  g_assert_cmpint (sqlite3_exec (fixture->store->db, "UPDATE audit_log SET new_values = NULL, "
                                 "redacted_by = 1 WHERE id = 1", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  fixture_close (fixture);

  found = verify (fixture->path);
  g_assert_cmpstr (found, ==, "");
}

/* A database of schema 3 with entries: the upgrade chains them in order. */
static void
test_upgrade_chains_old_entries (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr (LimberStore) old = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autofree char *found = NULL;

  /* Schema 3 as the Limber before the chain made it, with Limber's functions for
   * the triggers. */
  old = limber_test_store_new_at_schema (path, 3);
  g_assert_true (limber_store_begin (old, "add patients", &error));
  g_assert_true (limber_store_exec (old, "PRAGMA application_id = 1280131666; "
                                         "PRAGMA user_version = 3;"
                                         "INSERT INTO patient (mrn, name) VALUES ('O-1', 'Old One'),"
                                         "('O-2', 'Old Two'), ('O-3', 'Old Three');"
                                         "UPDATE patient SET name = 'Old 2' WHERE mrn = 'O-2';",
                                    &error));
  g_assert_true (limber_store_end (old, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM audit_chain", &error), ==, 4);
  g_clear_object (&store);

  found = verify (path);
  g_assert_cmpstr (found, ==, "");
  remove_tree (dir);
}

/* A database of schema 6 with measurements: the upgrade that checks a side with
 * comparisons copies every measurement (ids, values, answers) into the new table,
 * keeps its audit triggers and the chain, and still refuses a side that is none. */
static void
test_upgrade_keeps_measurements (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr (LimberStore) old = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (LimberMeasurement) pain = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autofree char *found = NULL;
  const double *answers;
  guint n_answers = 0;

  old = limber_test_store_new_at_schema (path, 6);
  g_assert_true (limber_store_begin (old, "record session", &error));
  g_assert_true (limber_store_exec (old, "PRAGMA application_id = 1280131666; "
                                         "PRAGMA user_version = 6;"
                                         "INSERT INTO patient (id, mrn, name) VALUES (1, 'O-1', 'Old One');"
                                         "INSERT INTO episode (id, patient_id, condition, start_date) "
                                         "VALUES (1, 1, 'knee_pain', '2026-01-05');"
                                         "INSERT INTO session (id, episode_id, date) VALUES (1, 1, '2026-01-05');"
                                         "INSERT INTO measurement (id, session_id, measure, side, value) "
                                         "VALUES (7, 1, 'pain.nprs', '', 6), (9, 1, 'rom.knee.flexion', 'left', 95.5);"
                                         "INSERT INTO measurement (id, session_id, measure, value, answers) "
                                         "VALUES (12, 1, 'prom.rmdq', 3, '[1,2,null,0,0,0,0]');"
                                         "UPDATE measurement SET value = 5 WHERE id = 7;",
                                    &error));
  g_assert_true (limber_store_end (old, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  measurements = limber_store_list_measurements (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measurements->len, ==, 3);
  pain = g_object_ref (g_ptr_array_index (measurements, 0));
  g_assert_cmpint (limber_measurement_get_id (pain), ==, 7);
  g_assert_cmpfloat (limber_measurement_get_value (pain), ==, 5);
  g_assert_cmpstr (limber_measurement_get_measure (g_ptr_array_index (measurements, 1)), ==,
                   "prom.rmdq");
  answers = limber_measurement_get_answers (g_ptr_array_index (measurements, 1), &n_answers);
  g_assert_cmpuint (n_answers, ==, 7);
  g_assert_cmpfloat (answers[1], ==, 2);
  g_assert_true (isnan (answers[2]));
  g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (measurements, 2)), ==, 9);
  g_assert_cmpint (limber_measurement_get_side (g_ptr_array_index (measurements, 2)), ==,
                   LIMBER_SIDE_LEFT);

  /* The audit triggers came back: a change after the upgrade is logged and chained. */
  limber_measurement_set_value (pain, 4);
  g_assert_true (limber_store_update_measurement (store, pain, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM audit_log "
                                              "WHERE table_name = 'measurement'", &error), ==, 5);
  g_clear_object (&store);

  /* With the functions of the triggers, so that only the check can refuse it. */
  old = g_object_new (LIMBER_TYPE_STORE, NULL);
  old->path = g_strdup (path);
  g_assert_cmpint (sqlite3_open (path, &old->db), ==, SQLITE_OK);
  g_assert_true (limber_store_register_functions (old, &error));
  g_assert_true (limber_store_begin (old, "edit session", &error));
  g_assert_false (limber_store_exec (old, "UPDATE measurement SET side = 'middle' WHERE id = 9",
                                     &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_clear_error (&error);
  g_assert_true (limber_store_exec (old, "UPDATE measurement SET side = 'right' WHERE id = 9",
                                    &error));
  g_assert_false (limber_store_end (old, FALSE, &error));
  g_clear_object (&old);

  found = verify (path);
  g_assert_cmpstr (found, ==, "");
  remove_tree (dir);
}

/* A database of schema 7 whose courses kept one note: the upgrade gives the discharge
 * note its own column, moving only what discharging wrote, and putting back the
 * intake note it replaced from the audit log. */
static void
test_upgrade_separates_discharge_note (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr (LimberStore) old = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autofree char *found = NULL;
  const struct
  {
    const char *action;
    const char *sql;
  } steps[] = {
    { "start course of care",
      "PRAGMA application_id = 1280131666; PRAGMA user_version = 7;"
      "INSERT INTO patient (id, mrn, name) VALUES (1, 'O-1', 'Old One');"
      "INSERT INTO episode (id, patient_id, condition, start_date, notes) VALUES "
      "(1, 1, 'knee_pain', '2026-01-05', 'Fell off a ladder.'),"
      "(2, 1, 'neck_pain', '2026-01-05', 'Desk job.'),"
      "(3, 1, 'low_back_pain', '2026-01-05', 'Lifting at work.'),"
      "(5, 1, 'hip_pain', '2026-01-05', 'Runner.');" },
    /* Discharged, the note replaced: a discharge note. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01', "
      "notes = 'Back at work; keep stretching.' WHERE id = 1;" },
    /* Discharged, the note left as it was: still the intake note. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01' WHERE id = 2;" },
    /* Discharged with a note, then reopened: open courses keep theirs. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01', notes = 'Stopped.' WHERE id = 3;" },
    { "reopen course of care", "UPDATE episode SET discharge_date = NULL WHERE id = 3;" },
    /* Made discharged, with its note, at once (the demo clinic): an intake note. */
    { "create demo clinic",
      "INSERT INTO episode (id, patient_id, condition, start_date, discharge_date, notes) "
      "VALUES (4, 1, 'ankle_sprain', '2026-01-05', '2026-02-01', 'Twisted the ankle.');" },
    /* Discharged, then the discharge edited: the intake note is the one before both. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01', notes = 'Walks an hour.' WHERE id = 5;" },
    { "discharge course of care",
      "UPDATE episode SET notes = 'Runs again; keep the hip exercises.' WHERE id = 5;" },
  };
  const struct
  {
    gint64      id;
    const char *intake;
    const char *discharge;
  } expected[] = {
    { 1, "Fell off a ladder.", "Back at work; keep stretching." },
    { 2, "Desk job.", NULL },
    { 3, "Stopped.", NULL },
    { 4, "Twisted the ankle.", NULL },
    { 5, "Runner.", "Runs again; keep the hip exercises." },
  };

  old = limber_test_store_new_at_schema (path, 7);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (limber_store_begin (old, steps[i].action, &error));
      g_assert_true (limber_store_exec (old, steps[i].sql, &error));
      g_assert_true (limber_store_end (old, TRUE, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&old);

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (LimberEpisode) episode = limber_store_get_episode (store, expected[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (limber_episode_get_notes (episode), ==, expected[i].intake);
      g_assert_cmpstr (limber_episode_get_discharge_note (episode), ==, expected[i].discharge);
    }

  /* The upgrade logged what it moved, and a later change logs both notes. */
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM audit_log "
                                              "WHERE action = 'upgrade to schema 8'", &error),
                   ==, 2);
  {
    g_autoptr (LimberEpisode) episode = limber_store_get_episode (store, 2, &error);

    limber_episode_set_discharge_note (episode, "Home exercises.");
    g_assert_true (limber_store_update_episode (store, episode, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM audit_log WHERE "
                                              "new_values LIKE '%\"discharge_note\":\"Home exercises.\"%'",
                                       &error), ==, 1);
  g_clear_object (&store);

  found = verify (path);
  g_assert_cmpstr (found, ==, "");
  remove_tree (dir);
}

/* A database of schema 8 where the Discharge window kept ratings with sessions of
 * their own: the upgrade makes those outcome contacts, as the audit log says who made
 * each session, and leaves every other session a visit, a session that holds only a
 * rating too. */
static void
test_upgrade_marks_outcome_contacts (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.sqlite", NULL);
  g_autoptr (LimberStore) old = NULL;
  g_autoptr (LimberStore) store = NULL;
  g_autofree char *found = NULL;
  const struct
  {
    const char *action;
    const char *sql;
  } steps[] = {
    { "start course of care",
      "PRAGMA application_id = 1280131666; PRAGMA user_version = 8;"
      "INSERT INTO patient (id, mrn, name) VALUES (1, 'O-1', 'Old One');"
      "INSERT INTO episode (id, patient_id, condition, start_date) VALUES "
      "(1, 1, 'neck_pain', '2026-01-05'), (2, 1, 'knee_pain', '2026-01-05'),"
      "(3, 1, 'low_back_pain', '2026-01-05'), (4, 1, 'shoulder_pain', '2026-01-05'),"
      "(5, 1, 'headache', '2026-01-05');" },
    /* Discharged without a session, rated on the telephone: an outcome contact. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01' WHERE id = 1;"
      "INSERT INTO session (id, episode_id, date) VALUES (1, 1, '2026-02-01');"
      "INSERT INTO measurement (session_id, measure, value) VALUES (1, 'prom.pgic', 2);" },
    /* A session recorded with nothing but a rating: a visit all the same. */
    { "record session",
      "INSERT INTO session (id, episode_id, date) VALUES (2, 2, '2026-01-10');"
      "INSERT INTO measurement (session_id, measure, value) VALUES (2, 'prom.pgic', 3);" },
    /* Made by the discharge, then treatment recorded in it: a visit. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01' WHERE id = 3;"
      "INSERT INTO session (id, episode_id, date) VALUES (3, 3, '2026-02-01');"
      "INSERT INTO measurement (session_id, measure, value) VALUES (3, 'prom.pgic', 1);" },
    { "edit session",
      "UPDATE session SET therapist = 'Ann Lee', techniques = 'Massage' WHERE id = 3;" },
    /* A visit that the discharge gave the rating: a visit. */
    { "record session",
      "INSERT INTO session (id, episode_id, date) VALUES (4, 4, '2026-01-12');"
      "INSERT INTO measurement (session_id, measure, value) VALUES (4, 'pain.nprs', 4);" },
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01' WHERE id = 4;"
      "INSERT INTO measurement (session_id, measure, value) VALUES (4, 'prom.pgic', 2);" },
    /* Made by the discharge, the rating later set back to "Not asked": it never was a
     * visit either. */
    { "discharge course of care",
      "UPDATE episode SET discharge_date = '2026-02-01' WHERE id = 5;"
      "INSERT INTO session (id, episode_id, date) VALUES (5, 5, '2026-02-01');"
      "INSERT INTO measurement (id, session_id, measure, value) VALUES (50, 5, 'prom.pgic', 4);" },
    { "discharge course of care", "DELETE FROM measurement WHERE id = 50;" },
  };
  const gboolean expected[] = { FALSE, TRUE, FALSE, FALSE, FALSE, TRUE };

  old = limber_test_store_new_at_schema (path, 8);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (limber_store_begin (old, steps[i].action, &error));
      g_assert_true (limber_store_exec (old, steps[i].sql, &error));
      g_assert_true (limber_store_end (old, TRUE, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&old);

  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  for (gint64 id = 1; id <= 5; id++)
    {
      g_autoptr (LimberSession) session = limber_store_get_session (store, id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (session);
      g_assert_cmpint (limber_session_get_outcome_contact (session), ==, expected[id]);
    }

  /* The upgrade logged what it changed; ratings and values stay where they were. */
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM audit_log "
                                              "WHERE action = 'upgrade to schema 9'", &error),
                   ==, 2);
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM measurement", &error), ==, 5);
  g_assert_cmpint (limber_store_count (store, "SELECT count (*) FROM session", &error), ==, 5);
  g_assert_no_error (error);
  g_clear_object (&store);

  found = verify (path);
  g_assert_cmpstr (found, ==, "");
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/audit/chain-intact", test_chain_intact);
  ADD ("/audit/changed-without-log", test_changed_without_log);
  ADD ("/audit/log-rewritten", test_log_rewritten);
  ADD ("/audit/log-cut-short", test_log_cut_short);
  ADD ("/audit/redaction", test_redaction);
  g_test_add_func ("/audit/upgrade-chains-old-entries", test_upgrade_chains_old_entries);
  g_test_add_func ("/audit/upgrade-keeps-measurements", test_upgrade_keeps_measurements);
  g_test_add_func ("/audit/upgrade-separates-discharge-note",
                   test_upgrade_separates_discharge_note);
  g_test_add_func ("/audit/upgrade-marks-outcome-contacts", test_upgrade_marks_outcome_contacts);

#undef ADD

  return g_test_run ();
}
