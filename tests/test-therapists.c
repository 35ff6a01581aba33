/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-store.h"

/* The clinic's list of therapists: the model's checks, the store's add, rename,
 * retire and reinstate with their audit rows, and the upgrade of a schema 1 file
 * that fills the list from the sessions. */

#define LIMBER_APPLICATION_ID 0x4C4D4252

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

  fixture->dir = g_dir_make_tmp ("limber-therapists-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  if (data == NULL)
    {
      fixture->store = limber_store_open (fixture->path, &error);
      g_assert_no_error (error);
    }
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

static char *
list_names (LimberStore *store,
            gboolean     include_retired)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) therapists = NULL;
  g_autoptr (GString) names = g_string_new (NULL);

  therapists = limber_store_list_therapists (store, include_retired, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < therapists->len; i++)
    {
      LimberTherapist *therapist = g_ptr_array_index (therapists, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, limber_therapist_get_name (therapist));
      if (limber_therapist_get_retired (therapist))
        g_string_append (names, " (retired)");
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_validate (void)
{
  g_autoptr (LimberTherapist) therapist = limber_therapist_new ("  Anna Berg  ");
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = g_strnfill (101, 'a');

  /* Names are trimmed as they are set. */
  g_assert_cmpstr (limber_therapist_get_name (therapist), ==, "Anna Berg");
  g_assert_true (limber_therapist_validate (therapist, &error));
  g_assert_no_error (error);

  limber_therapist_set_name (therapist, "   ");
  g_assert_false (limber_therapist_validate (therapist, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  limber_therapist_set_name (therapist, "Anna\tBerg");
  g_assert_false (limber_therapist_validate (therapist, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  limber_therapist_set_name (therapist, long_name);
  g_assert_false (limber_therapist_validate (therapist, &error));
  g_assert_nonnull (strstr (error->message, "100"));
}

static void
test_add_rename_retire (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (LimberTherapist) anna = limber_therapist_new ("Anna Berg");
  g_autoptr (LimberTherapist) ben = limber_therapist_new ("Ben Ode");
  g_autoptr (LimberTherapist) twin = limber_therapist_new ("ANNA BERG");
  g_autoptr (LimberTherapist) blank = limber_therapist_new ("");
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  gint64 audit_before;

  g_assert_true (limber_store_add_therapist (fixture->store, ben, &error));
  g_assert_no_error (error);
  g_assert_true (limber_store_add_therapist (fixture->store, anna, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_therapist_get_id (anna), >, 0);

  names = list_names (fixture->store, FALSE);
  g_assert_cmpstr (names, ==, "Anna Berg, Ben Ode");
  g_clear_pointer (&names, g_free);

  /* Once is enough, whatever the case. */
  audit_before = limber_store_count_audit_rows (fixture->store, NULL);
  g_assert_false (limber_store_add_therapist (fixture->store, twin, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "“ANNA BERG”"));
  g_clear_error (&error);
  g_assert_false (limber_store_add_therapist (fixture->store, blank, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (limber_store_count_audit_rows (fixture->store, NULL), ==, audit_before);

  /* Renamed, and the list follows. */
  limber_therapist_set_name (ben, "Benedikt Ode");
  g_assert_true (limber_store_update_therapist (fixture->store, ben, &error));
  g_assert_no_error (error);

  /* Retired: no longer offered, still on the full list, after the active ones. */
  limber_therapist_set_retired (anna, TRUE);
  g_assert_true (limber_store_update_therapist (fixture->store, anna, &error));
  g_assert_no_error (error);
  names = list_names (fixture->store, FALSE);
  g_assert_cmpstr (names, ==, "Benedikt Ode");
  g_clear_pointer (&names, g_free);
  names = list_names (fixture->store, TRUE);
  g_assert_cmpstr (names, ==, "Benedikt Ode, Anna Berg (retired)");
  g_clear_pointer (&names, g_free);

  /* A retired name is still taken. */
  g_assert_false (limber_store_add_therapist (fixture->store, twin, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Reinstated. */
  limber_therapist_set_retired (anna, FALSE);
  g_assert_true (limber_store_update_therapist (fixture->store, anna, &error));
  g_assert_no_error (error);
  names = list_names (fixture->store, FALSE);
  g_assert_cmpstr (names, ==, "Anna Berg, Benedikt Ode");
  g_clear_pointer (&names, g_free);

  /* Renaming onto another therapist's name is refused and changes nothing. */
  limber_therapist_set_name (anna, "benedikt ode");
  g_assert_false (limber_store_update_therapist (fixture->store, anna, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  names = list_names (fixture->store, TRUE);
  g_assert_cmpstr (names, ==, "Anna Berg, Benedikt Ode");

  /* Every change is in the audit log: two adds, a rename, a retirement, a return. */
  {
    g_autoptr (GError) local_error = NULL;
    sqlite3 *db = NULL;
    g_autofree char *retired = NULL;

    g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log WHERE table_name = 'therapist'"),
                     ==, 5);
    retired = raw_text (db, "SELECT action || ' ' || new_values FROM audit_log "
                            "WHERE table_name = 'therapist' ORDER BY id LIMIT 1 OFFSET 3");
    g_assert_true (g_str_has_prefix (retired, "update therapist {\"name\":\"Anna Berg\","
                                              "\"retired_on\":\"20"));
    sqlite3_close (db);
  }
}

static void
test_sessions_list_their_therapist (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr (LimberTherapist) anna = limber_therapist_new ("Anna Berg");
  g_autoptr (LimberPatient) patient = limber_patient_new ("S-1", "Sam Sample", NULL);
  g_autoptr (LimberEpisode) episode = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  const struct {
    const char *date;
    const char *therapist;
  } sessions[] = {
    { "2024-03-04", "anna berg" },
    { "2024-03-06", " Cleo Imported " },
    { "2024-03-08", NULL },
  };

  g_assert_true (limber_store_add_therapist (fixture->store, anna, &error));
  limber_therapist_set_retired (anna, TRUE);
  g_assert_true (limber_store_update_therapist (fixture->store, anna, &error));
  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  episode = limber_episode_new (limber_patient_get_id (patient), "low_back_pain", "2024-03-04");
  g_assert_true (limber_store_add_episode (fixture->store, episode, &error));
  g_assert_no_error (error);

  /* A session naming someone new (an import, say) puts them on the list; a name
   * already there, even retired and in other capitals, is left as it is. */
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr (LimberSession) session = limber_session_new (limber_episode_get_id (episode),
                                                              sessions[i].date);

      limber_session_set_therapist (session, sessions[i].therapist);
      g_assert_true (limber_store_add_session (fixture->store, session, &error));
      g_assert_no_error (error);
    }

  names = list_names (fixture->store, TRUE);
  g_assert_cmpstr (names, ==, "Cleo Imported, Anna Berg (retired)");
}

/* The functions a schema 1 file's triggers call, as simply as they need to be. */
static void
stub_text_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  sqlite3_result_text (context, sqlite3_user_data (context), -1, SQLITE_STATIC);
}

static void
stub_json_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  sqlite3_result_text (context, "{}", -1, SQLITE_STATIC);
}

static void
write_schema_1_file (const char *path)
{
  g_autofree char *schema_path = NULL;
  g_autofree char *schema = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  schema_path = g_test_build_filename (G_TEST_DIST, "..", "data", "sql", "001-initial.sql", NULL);
  g_file_get_contents (schema_path, &schema, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "limber_audit_user", 0, SQLITE_UTF8, "test", stub_text_func,
                           NULL, NULL);
  sqlite3_create_function (db, "limber_audit_action", 0, SQLITE_UTF8, "test", stub_text_func,
                           NULL, NULL);
  sqlite3_create_function (db, "limber_audit_json", -1, SQLITE_UTF8, NULL, stub_json_func,
                           NULL, NULL);
  if (sqlite3_exec (db, schema, NULL, NULL, &message) != SQLITE_OK
      || sqlite3_exec (db,
                       "PRAGMA application_id = 1280131666; PRAGMA user_version = 1;"
                       "INSERT INTO patient (id, mrn, name) VALUES (1, 'P-1', 'Pia Paulsen');"
                       "INSERT INTO episode (id, patient_id, condition, start_date) "
                       "  VALUES (1, 1, 'low-back-pain', '2024-01-08');"
                       "INSERT INTO session (episode_id, date, therapist) VALUES "
                       "  (1, '2024-01-08', ' Anna Berg'), (1, '2024-01-10', 'anna berg'),"
                       "  (1, '2024-01-12', 'Ben Ode'), (1, '2024-01-15', NULL),"
                       "  (1, '2024-01-17', '  ');",
                       NULL, NULL, &message) != SQLITE_OK)
    g_error ("Could not write a schema 1 file: %s", message);
  sqlite3_close (db);
}

static void
test_upgrade_from_schema_1 (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *first_row = NULL;
  gint64 audit_rows;
  sqlite3 *db = NULL;

  G_STATIC_ASSERT (LIMBER_APPLICATION_ID == 1280131666);
  write_schema_1_file (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  audit_rows = raw_int (db, "SELECT count(*) FROM audit_log");
  first_row = raw_text (db, "SELECT id || ' ' || action || ' ' || table_name FROM audit_log "
                            "ORDER BY id LIMIT 1");
  sqlite3_close (db);
  g_assert_cmpint (audit_rows, ==, 7);

  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limber_store_get_schema_version (), >=, 3);

  /* The sessions' therapists became the list, once each, blanks left out. */
  names = list_names (fixture->store, TRUE);
  g_assert_cmpstr (names, ==, "Anna Berg, Ben Ode");

  /* The old audit rows are all still there, as they were, and the new rows follow. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  {
    g_autofree char *still_first = raw_text (db, "SELECT id || ' ' || action || ' ' || table_name "
                                                 "FROM audit_log ORDER BY id LIMIT 1");

    g_assert_cmpstr (still_first, ==, first_row);
  }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log WHERE id <= 7"), ==, audit_rows);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log WHERE table_name = 'therapist' "
                                "AND action = 'upgrade to schema 3'"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_copy'"),
                   ==, 0);

  /* The log is still append-only. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET user_name = 'x'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_list "
                                "WHERE name IN ('therapist', 'audit_log') AND strict = 1"), ==, 2);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/therapists/validate", test_validate);
  g_test_add ("/therapists/add-rename-retire", Fixture, NULL, fixture_set_up,
              test_add_rename_retire, fixture_tear_down);
  g_test_add ("/therapists/sessions-list-their-therapist", Fixture, NULL, fixture_set_up,
              test_sessions_list_their_therapist, fixture_tear_down);
  g_test_add ("/therapists/upgrade-from-schema-1", Fixture, "no store", fixture_set_up,
              test_upgrade_from_schema_1, fixture_tear_down);

  return g_test_run ();
}
