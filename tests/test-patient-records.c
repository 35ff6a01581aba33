/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-demo.h"
#include "limber-store.h"

/* A patient's record: details, archiving and erasure at the patient's request. */

typedef struct
{
  char        *dir;
  char        *path;
  LimberStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-patient-records-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
raw_int (Fixture    *fixture,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static LimberPatient *
find_patient (Fixture    *fixture,
              const char *mrn)
{
  g_autoptr (GError) error = NULL;
  LimberPatient *patient = limber_store_find_patient (fixture->store, mrn, &error);

  g_assert_no_error (error);
  return patient;
}

/* ----- Details ----- */

static void
test_details_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = limber_patient_new ("R-1", "Rosa Lind", "1975-06-01");
  g_autoptr (LimberPatient) stored = NULL;
  g_autoptr (GError) error = NULL;

  limber_patient_set_sex (patient, "female");
  limber_patient_set_phone (patient, "+46 (0)8-123 45 67");
  limber_patient_set_email (patient, "rosa@example.org");
  limber_patient_set_notes (patient, "Prefers morning visits.\nAllergic to latex.");
  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  stored = find_patient (fixture, "R-1");
  g_assert_cmpstr (limber_patient_get_sex (stored), ==, "female");
  g_assert_cmpstr (limber_patient_get_sex_label (stored), ==, "Female");
  g_assert_cmpstr (limber_patient_get_phone (stored), ==, "+46 (0)8-123 45 67");
  g_assert_cmpstr (limber_patient_get_email (stored), ==, "rosa@example.org");
  g_assert_cmpstr (limber_patient_get_notes (stored), ==,
                   "Prefers morning visits.\nAllergic to latex.");
  g_assert_false (limber_patient_get_archived (stored));

  /* Each field's rule, refused with a message that names it. */
  limber_patient_set_phone (stored, "call me");
  g_assert_false (limber_store_update_patient (fixture->store, stored, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Phone number “call me”"));
  g_clear_error (&error);
  limber_patient_set_phone (stored, NULL);

  limber_patient_set_email (stored, "rosa.example.org");
  g_assert_false (limber_store_update_patient (fixture->store, stored, &error));
  g_assert_nonnull (strstr (error->message, "E-mail address “rosa.example.org”"));
  g_clear_error (&error);
  limber_patient_set_email (stored, NULL);

  limber_patient_set_sex (stored, "unknown");
  g_assert_false (limber_store_update_patient (fixture->store, stored, &error));
  g_assert_nonnull (strstr (error->message, "Sex “unknown”"));
  g_clear_error (&error);
  limber_patient_set_sex (stored, NULL);

  /* Cleared fields are stored as not recorded. */
  g_assert_true (limber_store_update_patient (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = find_patient (fixture, "R-1");
  g_assert_null (limber_patient_get_sex (stored));
  g_assert_null (limber_patient_get_phone (stored));
  g_assert_null (limber_patient_get_email (stored));
  g_assert_cmpstr (limber_patient_get_notes (stored), ==,
                   "Prefers morning visits.\nAllergic to latex.");
}

static void
test_archive_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = limber_patient_new ("A-1", "Arne Berg", NULL);
  g_autoptr (LimberPatient) stored = NULL;
  g_autoptr (GListModel) patients = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  limber_patient_set_archived (patient, TRUE);
  g_assert_true (limber_store_update_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  /* Still on file, marked archived, with the day. */
  patients = limber_store_list_patients (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  stored = find_patient (fixture, "A-1");
  g_assert_true (limber_patient_get_archived (stored));
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM patient WHERE mrn = 'A-1' "
                                     "AND archived_on = date ('now', 'localtime')"), ==, 1);

  limber_patient_set_archived (stored, FALSE);
  g_assert_true (limber_store_update_patient (fixture->store, stored, &error));
  g_clear_object (&stored);
  stored = find_patient (fixture, "A-1");
  g_assert_false (limber_patient_get_archived (stored));
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log WHERE table_name = 'patient' "
                                     "AND new_values LIKE '%\"archived_on\":\"20%'"), ==, 1);
}

/* ----- Erasure ----- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i + strlen (needle) <= length; i++)
    {
      if (memcmp (contents + i, needle, strlen (needle)) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Adds a patient with two courses of care, goals, sessions and values, edits some of
 * it (so that the audit log holds old values too) and deletes a session. */
static LimberPatient *
add_full_patient (Fixture    *fixture,
                  const char *mrn,
                  const char *name,
                  const char *birth_date,
                  const char *phone,
                  const char *word)
{
  g_autoptr (LimberPatient) patient = limber_patient_new (mrn, name, birth_date);
  g_autoptr (GError) error = NULL;
  g_autofree char *notes = g_strdup_printf ("Knows the word %s.", word);
  g_autofree char *episode_notes = g_strdup_printf ("Lifting injury at %s farm", word);
  g_autofree char *session_notes = g_strdup_printf ("%s session note", word);
  g_autofree char *email = g_strdup_printf ("%s@example.org", word);

  limber_patient_set_phone (patient, phone);
  limber_patient_set_notes (patient, notes);
  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  limber_patient_set_email (patient, email);
  g_assert_true (limber_store_update_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  for (guint e = 0; e < 2; e++)
    {
      g_autoptr (LimberEpisode) episode = NULL;
      g_autoptr (LimberGoal) goal = limber_goal_new ("pain.nprs", LIMBER_SIDE_NONE, 2);

      episode = limber_episode_new (limber_patient_get_id (patient), "low_back_pain",
                                    e == 0 ? "2024-01-08" : "2025-02-03");
      limber_episode_set_notes (episode, episode_notes);
      g_assert_true (limber_store_add_episode (fixture->store, episode, &error));
      limber_goal_set_episode_id (goal, limber_episode_get_id (episode));
      g_assert_true (limber_store_add_goal (fixture->store, goal, &error));
      g_assert_no_error (error);

      for (guint s = 0; s < 3; s++)
        {
          g_autofree char *date = g_strdup_printf ("%s-%02u",
                                                   e == 0 ? "2024-01" : "2025-02", 10 + s);
          g_autoptr (LimberSession) session = limber_session_new (limber_episode_get_id (episode),
                                                                  date);
          g_autoptr (LimberMeasurement) pain = NULL;

          limber_session_set_notes (session, session_notes);
          g_assert_true (limber_store_add_session (fixture->store, session, &error));
          pain = limber_measurement_new (limber_session_get_id (session), "pain.nprs",
                                         LIMBER_SIDE_NONE, 7 - s);
          g_assert_true (limber_store_add_measurement (fixture->store, pain, &error));
          limber_measurement_set_value (pain, 6 - s);
          g_assert_true (limber_store_update_measurement (fixture->store, pain, &error));
          g_assert_no_error (error);
          if (s == 2 && e == 0)
            g_assert_true (limber_store_delete_session (fixture->store,
                                                        limber_session_get_id (session),
                                                        &error));
        }
    }

  return g_steal_pointer (&patient);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (LimberPatient) other = NULL;
  g_autoptr (LimberPatient) gone = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *sql = NULL;
  gint64 id;
  gint64 other_audit;
  const char *const secrets[] = {
    "Zelda Quaxley", "ERASE-4711", "1961-09-23", "555 0199", "Quillwort@example.org",
    "Quillwort",
    /* as the search index folds them */
    "zelda quaxley", "erase-4711",
  };

  g_assert_true (limber_demo_fill (fixture->store, &error));
  g_assert_no_error (error);
  patient = add_full_patient (fixture, "ERASE-4711", "Zelda Quaxley", "1961-09-23",
                              "555 0199", "Quillwort");
  other = add_full_patient (fixture, "KEEP-1", "Kai Keeper", "1970-01-31", "555 0123",
                            "Bramblewood");
  id = limber_patient_get_id (patient);

  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE old_values LIKE '%%Kai Keeper%%' "
                         "OR new_values LIKE '%%Kai Keeper%%' OR new_values LIKE "
                         "'{\"patient_id\":%" G_GINT64_FORMAT ",%%'",
                         limber_patient_get_id (other));
  other_audit = raw_int (fixture, sql);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (other_audit, >, 2);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_true (file_contains (fixture->path, secrets[i])
                   || file_contains (wal, secrets[i]));

  g_assert_true (limber_store_erase_patient (fixture->store, id, &error));
  g_assert_no_error (error);

  /* No row of the patient is left in any table. */
  gone = find_patient (fixture, "ERASE-4711");
  g_assert_null (gone);
  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM patient WHERE id = %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM episode WHERE patient_id = %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM goal WHERE episode_id NOT IN "
                         "    (SELECT id FROM episode))"
                         " + (SELECT count(*) FROM session WHERE episode_id NOT IN "
                         "    (SELECT id FROM episode))"
                         " + (SELECT count(*) FROM measurement WHERE session_id NOT IN "
                         "    (SELECT id FROM session))"
                         " + (SELECT count(*) FROM session WHERE notes LIKE '%%Quillwort%%'"
                         "    AND episode_id IN (SELECT id FROM episode WHERE patient_id = %1$"
                         G_GINT64_FORMAT "))",
                         id);
  g_assert_cmpint (raw_int (fixture, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  /* The other patient keeps all of theirs. */
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session WHERE notes LIKE "
                                     "'%Bramblewood%'"), ==, 5);

  /* The audit log keeps who did what when, without the values. */
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log WHERE "
                                     "old_values LIKE '%Zelda%' OR new_values LIKE '%Zelda%' "
                                     "OR old_values LIKE '%ERASE-4711%' "
                                     "OR new_values LIKE '%ERASE-4711%' "
                                     "OR old_values LIKE '%555 0199%' "
                                     "OR new_values LIKE '%555 0199%'"), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'erase patient' "
                         "AND table_name = 'patient' AND row_id = %" G_GINT64_FORMAT
                         " AND new_values IS NULL AND old_values = "
                         "'{\"erased\":true,\"episodes\":2,\"sessions\":5,\"measurements\":5}'",
                         id);
  g_assert_cmpint (raw_int (fixture, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE redacted_by = "
                         "(SELECT id FROM audit_log WHERE old_values LIKE '{\"erased\":true,%%') "
                         "AND old_values IS NULL AND new_values IS NULL");
  /* The patient's add, update and delete; two courses of care, two goals and six
   * sessions added and deleted (one deleted before), six values added, updated and
   * deleted: 3 + 4 + 4 + 12 + 18 entries. */
  g_assert_cmpint (raw_int (fixture, sql), ==, 3 + 4 + 4 + 12 + 18);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE old_values LIKE '%%Kai Keeper%%' "
                         "OR new_values LIKE '%%Kai Keeper%%' OR new_values LIKE "
                         "'{\"patient_id\":%" G_GINT64_FORMAT ",%%'",
                         limber_patient_get_id (other));
  g_assert_cmpint (raw_int (fixture, sql), ==, other_audit);
  g_clear_pointer (&sql, g_free);

  /* limber check finds the log whole and every row as its latest entry says. */
  {
    g_autoptr (GPtrArray) problems = limber_store_verify (fixture->store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* And nothing of it is left in the file's bytes, nor in its journal. */
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_test_message ("looking for %s", secrets[i]);
      g_assert_false (file_contains (fixture->path, secrets[i]));
      g_assert_false (file_contains (wal, secrets[i]));
    }
  g_assert_true (file_contains (fixture->path, "Kai Keeper"));
  g_assert_true (file_contains (fixture->path, "Bramblewood"));
}

static void
test_erase_log_stays_closed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (LimberPatient) patient = limber_patient_new ("L-1", "Lou Lock", NULL);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));

  /* Outside an erasure, even the redaction itself is refused. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "UPDATE audit_log SET old_values = NULL, new_values = NULL, "
                         "redacted_by = 1", NULL, NULL, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE new_values LIKE '%Lou Lock%'"), ==, 1);

  /* Erasing someone who is not there changes nothing. */
  g_assert_false (limber_store_erase_patient (fixture->store, 999, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'erase patient'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/patient-records/details-round-trip", test_details_round_trip);
  ADD ("/patient-records/archive-restore", test_archive_restore);
  ADD ("/patient-records/erase", test_erase);
  ADD ("/patient-records/erase-log-stays-closed", test_erase_log_stays_closed);

#undef ADD

  return g_test_run ();
}
