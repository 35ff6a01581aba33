/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-store.h"

/* The store's actions behind the session editor: a session saved with its
 * measurements in one transaction, deleted and put back by Undo with the same ids
 * and values, and the suggestions read from earlier sessions. */

typedef struct
{
  char          *dir;
  char          *path;
  LimberStore   *store;
  LimberPatient *patient;
  LimberEpisode *episode;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-recording-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->patient = limber_patient_new ("R-1", "Rita Record", "1975-02-11");
  g_assert_true (limber_store_add_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);
  fixture->episode = limber_episode_new (limber_patient_get_id (fixture->patient),
                                         "low_back_pain", "2026-03-02");
  limber_episode_set_planned_sessions (fixture->episode, 6);
  g_assert_true (limber_store_add_episode (fixture->store, fixture->episode, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->episode);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
episode_id (Fixture *fixture)
{
  return limber_episode_get_id (fixture->episode);
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
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GPtrArray *
new_measurements (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_value (GPtrArray  *measurements,
           const char *measure,
           LimberSide  side,
           double      value)
{
  g_ptr_array_add (measurements, limber_measurement_new (0, measure, side, value));
}

static GPtrArray *
list_measurements (Fixture *fixture,
                   gint64   session_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = limber_store_list_measurements (fixture->store, session_id, &error);

  g_assert_no_error (error);
  return list;
}

static LimberMeasurement *
find (GPtrArray  *measurements,
      const char *measure,
      LimberSide  side)
{
  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *m = g_ptr_array_index (measurements, i);

      if (g_str_equal (limber_measurement_get_measure (m), measure)
          && limber_measurement_get_side (m) == side)
        return m;
    }

  return NULL;
}

static void
on_changed (LimberStore *store,
            const char  *action,
            GPtrArray   *actions)
{
  g_ptr_array_add (actions, g_strdup (action));
}

/* A session recorded with a therapist, techniques and soreness and four values,
 * one of them an ODI scored from its answers. */
static LimberSession *
record_session (Fixture     *fixture,
                const char  *date,
                double       pain,
                GPtrArray  **saved)
{
  static const double odi_answers[] = { 2, 1, 3, 1, 2, 2, 1, NAN, 1, 2 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) measurements = new_measurements ();
  LimberSession *session = limber_session_new (episode_id (fixture), date);
  LimberMeasurement *odi;

  limber_session_set_therapist (session, "Jo Moss");
  limber_session_set_techniques (session, "Lumbar mobilisation");
  limber_session_set_soreness (session, 3);
  add_value (measurements, "pain.nprs", LIMBER_SIDE_NONE, pain);
  add_value (measurements, "flex.slr", LIMBER_SIDE_LEFT, 55);
  add_value (measurements, "flex.slr", LIMBER_SIDE_RIGHT, 70);
  odi = limber_measurement_new_from_answers (0, "prom.odi", odi_answers,
                                             G_N_ELEMENTS (odi_answers), NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (measurements, odi);

  g_assert_true (limber_store_save_session (fixture->store, session, measurements, &error));
  g_assert_no_error (error);

  if (saved != NULL)
    *saved = g_steal_pointer (&measurements);
  return session;
}

/* ----- Saving ----- */

static void
test_record_session (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (LimberSession) session = NULL;
  g_autoptr (LimberSession) got = NULL;
  g_autoptr (GError) error = NULL;
  const double *answers;
  guint n_answers = 0;
  gint64 audit_before = raw_int (fixture, "SELECT count(*) FROM audit_log");

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), actions);
  session = record_session (fixture, "2026-03-02T09:30", 6, &saved);

  /* One commit, one signal, one audit row per row written, all under one action: the
   * session, its four values and the therapist, new to the clinic's list. */
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (actions, 0), ==, "record session");
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log") - audit_before, ==, 6);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'record session'"), ==, 6);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'record session' "
                                     "AND table_name = 'therapist'"), ==, 1);

  g_assert_cmpint (limber_session_get_id (session), >, 0);
  for (guint i = 0; i < saved->len; i++)
    {
      LimberMeasurement *m = g_ptr_array_index (saved, i);

      g_assert_cmpint (limber_measurement_get_id (m), >, 0);
      g_assert_cmpint (limber_measurement_get_session_id (m), ==, limber_session_get_id (session));
    }

  got = limber_store_get_session (fixture->store, limber_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_session_get_date (got), ==, "2026-03-02T09:30");
  g_assert_cmpstr (limber_session_get_therapist (got), ==, "Jo Moss");
  g_assert_cmpstr (limber_session_get_techniques (got), ==, "Lumbar mobilisation");
  g_assert_cmpint (limber_session_get_soreness (got), ==, 3);

  stored = list_measurements (fixture, limber_session_get_id (session));
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "pain.nprs", LIMBER_SIDE_NONE)),
                     ==, 6);
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "flex.slr", LIMBER_SIDE_LEFT)),
                     ==, 55);
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "flex.slr", LIMBER_SIDE_RIGHT)),
                     ==, 70);
  /* 15 of 45 → 33.3 % */
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "prom.odi", LIMBER_SIDE_NONE)),
                     ==, 33.3);
  answers = limber_measurement_get_answers (find (stored, "prom.odi", LIMBER_SIDE_NONE),
                                            &n_answers);
  g_assert_cmpuint (n_answers, ==, 10);
  g_assert_true (isnan (answers[7]));
  g_assert_cmpfloat (answers[2], ==, 3);

  g_assert_null (limber_store_get_session (fixture->store, 9999, &error));
  g_assert_no_error (error);
}

static void
test_save_all_or_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) measurements = new_measurements ();
  g_autoptr (LimberSession) session = limber_session_new (episode_id (fixture), "2026-03-04");
  g_autoptr (LimberSession) other = NULL;
  gint64 audit_before = raw_int (fixture, "SELECT count(*) FROM audit_log");

  /* The same measure and side twice: the second insert fails after the session and
   * the first value were written, and all of it must go. */
  add_value (measurements, "pain.nprs", LIMBER_SIDE_NONE, 4);
  add_value (measurements, "rom.lumbar.flexion", LIMBER_SIDE_NONE, 40);
  add_value (measurements, "pain.nprs", LIMBER_SIDE_NONE, 5);
  g_assert_false (limber_store_save_session (fixture->store, session, measurements, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "This session already has a value for pain.nprs");
  g_clear_error (&error);

  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session"), ==, 0);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM measurement"), ==, 0);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log"), ==, audit_before);
  /* Nothing was saved, so the objects carry no ids and can be saved again. */
  g_assert_cmpint (limber_session_get_id (session), ==, 0);
  for (guint i = 0; i < measurements->len; i++)
    g_assert_cmpint (limber_measurement_get_id (g_ptr_array_index (measurements, i)), ==, 0);

  g_ptr_array_remove_index (measurements, 2);
  g_assert_true (limber_store_save_session (fixture->store, session, measurements, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM measurement"), ==, 2);

  /* An out-of-range value is refused before anything is written. */
  other = limber_session_new (episode_id (fixture), "2026-03-06");
  g_ptr_array_set_size (measurements, 0);
  add_value (measurements, "pain.nprs", LIMBER_SIDE_NONE, 11);
  g_assert_false (limber_store_save_session (fixture->store, other, measurements, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session"), ==, 1);
}

static void
test_edit_session (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) edited = new_measurements ();
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (LimberSession) session = record_session (fixture, "2026-03-02T09:30", 6, &saved);
  gint64 session_id = limber_session_get_id (session);
  LimberMeasurement *pain = find (saved, "pain.nprs", LIMBER_SIDE_NONE);
  LimberMeasurement *slr_left = find (saved, "flex.slr", LIMBER_SIDE_LEFT);
  LimberMeasurement *odi = find (saved, "prom.odi", LIMBER_SIDE_NONE);
  gint64 pain_id = limber_measurement_get_id (pain);

  /* Pain corrected, SLR right cleared, a new value added; the pain value is also
   * cleared and typed anew in the same edit (a new object without an id). */
  limber_session_set_notes (session, "Corrected after the visit.");
  limber_measurement_set_value (slr_left, 60);
  g_ptr_array_add (edited, limber_measurement_new (0, "pain.nprs", LIMBER_SIDE_NONE, 5));
  g_ptr_array_add (edited, g_object_ref (slr_left));
  g_ptr_array_add (edited, g_object_ref (odi));
  add_value (edited, "rom.lumbar.extension", LIMBER_SIDE_NONE, 15);

  g_assert_true (limber_store_save_session (fixture->store, session, edited, &error));
  g_assert_no_error (error);

  stored = list_measurements (fixture, session_id);
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "pain.nprs", LIMBER_SIDE_NONE)),
                     ==, 5);
  g_assert_cmpint (limber_measurement_get_id (find (stored, "pain.nprs", LIMBER_SIDE_NONE)), !=,
                   pain_id);
  g_assert_cmpint (limber_measurement_get_id (find (stored, "flex.slr", LIMBER_SIDE_LEFT)), ==,
                   limber_measurement_get_id (slr_left));
  g_assert_cmpfloat (limber_measurement_get_value (find (stored, "flex.slr", LIMBER_SIDE_LEFT)),
                     ==, 60);
  g_assert_null (find (stored, "flex.slr", LIMBER_SIDE_RIGHT));
  g_assert_nonnull (find (stored, "rom.lumbar.extension", LIMBER_SIDE_NONE));
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session WHERE notes = "
                                     "'Corrected after the visit.'"), ==, 1);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log WHERE action = "
                                     "'edit session' AND table_name = 'measurement' "
                                     "AND new_values IS NULL"), ==, 2);

  /* Undo of the edit: saving what was there before restores it, ids included. */
  g_assert_true (limber_store_save_session (fixture->store, session, saved, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = list_measurements (fixture, session_id);
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpint (limber_measurement_get_id (find (stored, "pain.nprs", LIMBER_SIDE_NONE)), ==,
                   pain_id);
  g_assert_nonnull (find (stored, "flex.slr", LIMBER_SIDE_RIGHT));
  g_assert_null (find (stored, "rom.lumbar.extension", LIMBER_SIDE_NONE));

  /* A session that is not stored cannot be edited. */
  limber_session_set_id (session, 9999);
  g_assert_false (limber_store_save_session (fixture->store, session, saved, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  limber_session_set_id (session, session_id);
}

/* ----- Delete and Undo ----- */

static void
test_remove_and_restore_session (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) removed_measurements = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (LimberSession) removed = NULL;
  g_autoptr (LimberSession) got = NULL;
  g_autoptr (LimberSession) session = record_session (fixture, "2026-03-02T09:30", 6, &saved);
  g_autoptr (LimberSession) later = record_session (fixture, "2026-03-05T10:00", 4, NULL);
  gint64 session_id = limber_session_get_id (session);
  const double *answers;
  guint n_answers = 0;

  g_assert_true (limber_store_remove_session (fixture->store, session_id, &removed,
                                              &removed_measurements, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_session_get_id (removed), ==, session_id);
  g_assert_cmpuint (removed_measurements->len, ==, 4);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session"), ==, 1);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM measurement"), ==, 4);
  /* Every deleted row has its audit row. */
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'delete session'"), ==, 5);

  g_assert_true (limber_store_restore_session (fixture->store, removed, removed_measurements,
                                               &error));
  g_assert_no_error (error);
  got = limber_store_get_session (fixture->store, session_id, &error);
  g_assert_nonnull (got);
  g_assert_cmpstr (limber_session_get_therapist (got), ==, "Jo Moss");
  g_assert_cmpint (limber_session_get_soreness (got), ==, 3);
  stored = list_measurements (fixture, session_id);
  g_assert_cmpuint (stored->len, ==, 4);
  for (guint i = 0; i < saved->len; i++)
    {
      LimberMeasurement *before = g_ptr_array_index (saved, i);
      LimberMeasurement *after = find (stored, limber_measurement_get_measure (before),
                                       limber_measurement_get_side (before));

      g_assert_nonnull (after);
      g_assert_cmpint (limber_measurement_get_id (after), ==, limber_measurement_get_id (before));
      g_assert_cmpfloat (limber_measurement_get_value (after), ==,
                         limber_measurement_get_value (before));
    }
  answers = limber_measurement_get_answers (find (stored, "prom.odi", LIMBER_SIDE_NONE),
                                            &n_answers);
  g_assert_cmpuint (n_answers, ==, 10);
  g_assert_true (isnan (answers[7]));
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'undo delete session'"), ==, 5);

  g_assert_false (limber_store_remove_session (fixture->store, 9999, NULL, NULL, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
}

static void
test_restore_when_id_taken (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) removed_measurements = NULL;
  g_autoptr (LimberSession) removed = NULL;
  g_autoptr (LimberSession) session = record_session (fixture, "2026-03-02T09:30", 6, NULL);
  g_autoptr (LimberSession) newer = NULL;
  gint64 session_id = limber_session_get_id (session);

  g_assert_true (limber_store_remove_session (fixture->store, session_id, &removed,
                                              &removed_measurements, &error));
  g_assert_no_error (error);

  /* The last row's id is free again, and a new session takes it. */
  newer = record_session (fixture, "2026-03-03T09:30", 5, NULL);
  g_assert_cmpint (limber_session_get_id (newer), ==, session_id);

  g_assert_true (limber_store_restore_session (fixture->store, removed, removed_measurements,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_session_get_id (removed), !=, session_id);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM session"), ==, 2);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM measurement"), ==, 8);
  g_assert_cmpint (raw_int (fixture, "SELECT count(DISTINCT session_id) FROM measurement"), ==, 2);
}

static void
test_remove_and_restore_measurement (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (LimberMeasurement) removed = NULL;
  g_autoptr (LimberSession) session = record_session (fixture, "2026-03-02T09:30", 6, &saved);
  LimberMeasurement *slr = find (saved, "flex.slr", LIMBER_SIDE_RIGHT);
  gint64 slr_id = limber_measurement_get_id (slr);

  g_assert_true (limber_store_remove_measurement (fixture->store, slr_id, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (limber_measurement_get_value (removed), ==, 70);
  stored = list_measurements (fixture, limber_session_get_id (session));
  g_assert_null (find (stored, "flex.slr", LIMBER_SIDE_RIGHT));

  g_assert_true (limber_store_restore_measurement (fixture->store, removed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = list_measurements (fixture, limber_session_get_id (session));
  g_assert_cmpint (limber_measurement_get_id (find (stored, "flex.slr", LIMBER_SIDE_RIGHT)), ==,
                   slr_id);
  g_assert_cmpint (raw_int (fixture, "SELECT count(*) FROM audit_log "
                                     "WHERE action = 'undo delete measurement'"), ==, 1);

  g_assert_false (limber_store_remove_measurement (fixture->store, 9999, NULL, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
}

/* ----- Suggestions ----- */

static void
test_previous_measurements (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) previous = NULL;
  g_autoptr (GPtrArray) measurements = new_measurements ();
  g_autoptr (LimberSession) first = record_session (fixture, "2026-03-02T09:30", 6, NULL);
  g_autoptr (LimberSession) second = limber_session_new (episode_id (fixture), "2026-03-05");
  g_autoptr (LimberSession) third = record_session (fixture, "2026-03-09T08:00", 2, NULL);

  /* The second session measured pain and the left SLR only. */
  add_value (measurements, "pain.nprs", LIMBER_SIDE_NONE, 5);
  add_value (measurements, "flex.slr", LIMBER_SIDE_LEFT, 62);
  g_assert_true (limber_store_save_session (fixture->store, second, measurements, &error));
  g_assert_no_error (error);

  previous = limber_store_list_previous_measurements (fixture->store, episode_id (fixture),
                                                      "2026-03-09T08:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (previous->len, ==, 4);
  g_assert_cmpfloat (limber_measurement_get_value (find (previous, "pain.nprs", LIMBER_SIDE_NONE)),
                     ==, 5);
  g_assert_cmpfloat (limber_measurement_get_value (find (previous, "flex.slr", LIMBER_SIDE_LEFT)),
                     ==, 62);
  /* Not measured at the second session: the first session's value. */
  g_assert_cmpfloat (limber_measurement_get_value (find (previous, "flex.slr", LIMBER_SIDE_RIGHT)),
                     ==, 70);
  g_assert_nonnull (find (previous, "prom.odi", LIMBER_SIDE_NONE));
  g_clear_pointer (&previous, g_ptr_array_unref);

  previous = limber_store_list_previous_measurements (fixture->store, episode_id (fixture),
                                                      "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (previous->len, ==, 0);
}

static void
test_therapists_and_techniques (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = new_measurements ();
  g_autoptr (LimberEpisode) other = NULL;
  g_auto (GStrv) therapists = NULL;
  g_auto (GStrv) techniques = NULL;
  struct
  {
    gboolean    this_episode;
    const char *date;
    const char *therapist;
    const char *techniques;
  } sessions[] = {
    { TRUE, "2026-03-02", "Jo Moss", "Lumbar mobilisation" },
    { FALSE, "2026-03-03", "Ana Ruiz", "Dry needling" },
    { TRUE, "2026-03-04", "Jo Moss", "McKenzie extension" },
    { FALSE, "2026-03-06", " ", "Shoulder taping" },
    { FALSE, "2026-03-07", NULL, "Dry needling" },
  };

  other = limber_episode_new (limber_patient_get_id (fixture->patient), "neck_pain",
                              "2026-03-01");
  g_assert_true (limber_store_add_episode (fixture->store, other, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr (LimberSession) session =
        limber_session_new (sessions[i].this_episode ? episode_id (fixture)
                                                     : limber_episode_get_id (other),
                            sessions[i].date);

      limber_session_set_therapist (session, sessions[i].therapist);
      limber_session_set_techniques (session, sessions[i].techniques);
      g_assert_true (limber_store_save_session (fixture->store, session, none, &error));
      g_assert_no_error (error);
    }

  therapists = limber_store_list_session_therapists (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (therapists, ((const char *[]) { "Jo Moss", "Ana Ruiz", NULL }));

  techniques = limber_store_list_session_techniques (fixture->store, episode_id (fixture), 10,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (techniques, ((const char *[]) { "McKenzie extension", "Lumbar mobilisation",
                                                    "Dry needling", "Shoulder taping", NULL }));
  g_clear_pointer (&techniques, g_strfreev);

  techniques = limber_store_list_session_techniques (fixture->store, episode_id (fixture), 1,
                                                     &error);
  g_assert_cmpstrv (techniques, ((const char *[]) { "McKenzie extension", NULL }));
}

/* The rating a patient gives at discharge without a visit is kept with an outcome
 * contact: stored and read back as one, logged with its kind, and a visit cannot take
 * its day, with a message that says what holds it. */
static void
test_outcome_contact (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (LimberSession) contact = limber_session_new (episode_id (fixture), "2026-04-20");
  g_autoptr (LimberSession) visit = limber_session_new (episode_id (fixture), "2026-04-20");
  g_autoptr (LimberSession) later = limber_session_new (episode_id (fixture), "2026-04-21");
  g_autoptr (GPtrArray) rating = new_measurements ();
  g_autoptr (GPtrArray) values = new_measurements ();
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GError) error = NULL;

  limber_session_set_outcome_contact (contact, TRUE);
  add_value (rating, "prom.pgic", LIMBER_SIDE_NONE, 2);
  g_assert_true (limber_store_save_session (fixture->store, contact, rating, &error));
  g_assert_no_error (error);

  sessions = limber_store_list_sessions (fixture->store, episode_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_true (limber_session_get_outcome_contact (g_ptr_array_index (sessions, 0)));
  g_assert_cmpint (raw_int (fixture, "SELECT outcome_contact FROM session"), ==, 1);
  g_assert_cmpint (raw_int (fixture, "SELECT count (*) FROM audit_log WHERE table_name = 'session' "
                                     "AND json_extract (new_values, '$.outcome_contact') = 1"),
                   ==, 1);

  add_value (values, "pain.nprs", LIMBER_SIDE_NONE, 3);
  g_assert_false (limber_store_save_session (fixture->store, visit, values, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "rating at discharge"));
  g_assert_nonnull (strstr (error->message, "2026-04-20"));
  g_clear_error (&error);
  g_assert_cmpint (limber_session_get_id (visit), ==, 0);
  g_assert_cmpint (raw_int (fixture, "SELECT count (*) FROM session"), ==, 1);

  /* Another day is a visit as always. */
  g_assert_true (limber_store_save_session (fixture->store, later, values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture, "SELECT count (*) FROM session WHERE NOT outcome_contact"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/recording/save/new", test_record_session);
  ADD ("/recording/save/all-or-nothing", test_save_all_or_nothing);
  ADD ("/recording/save/edit", test_edit_session);
  ADD ("/recording/undo/session", test_remove_and_restore_session);
  ADD ("/recording/undo/session-id-taken", test_restore_when_id_taken);
  ADD ("/recording/undo/measurement", test_remove_and_restore_measurement);
  ADD ("/recording/suggest/previous", test_previous_measurements);
  ADD ("/recording/suggest/therapists-techniques", test_therapists_and_techniques);
  ADD ("/recording/outcome-contact", test_outcome_contact);

#undef ADD

  return g_test_run ();
}
