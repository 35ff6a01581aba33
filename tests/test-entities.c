/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/limber-episode.h"
#include "model/limber-goal.h"
#include "model/limber-instrument.h"
#include "model/limber-measurement.h"
#include "model/limber-patient.h"
#include "model/limber-session.h"
#include "model/limber-types.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Asserts that @object fails to validate with @code and exactly @expected. */
#define assert_invalid(validate, object, code, expected)                  \
  G_STMT_START {                                                          \
    g_autoptr(GError) _error = NULL;                                      \
    g_assert_false (validate (object, &_error));                          \
    g_assert_error (_error, LIMBER_MODEL_ERROR, code);                    \
    g_assert_cmpstr (_error->message, ==, expected);                      \
  } G_STMT_END

#define assert_valid(validate, object)                                    \
  G_STMT_START {                                                          \
    g_autoptr(GError) _error = NULL;                                      \
    g_assert_true (validate (object, &_error));                           \
    g_assert_no_error (_error);                                           \
  } G_STMT_END

/* Patients */

static void
test_patient_properties (void)
{
  LimberPatient *patient = limber_patient_new ("  MRN-0042 ", " Anna Müller ", "1980-04-02");
  g_autofree char *mrn = NULL;
  g_autofree char *name = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *search_text = NULL;
  gint64 id = -1;

  /* Names and chart numbers come from forms and other systems: stripped. */
  g_assert_cmpstr (limber_patient_get_mrn (patient), ==, "MRN-0042");
  g_assert_cmpstr (limber_patient_get_name (patient), ==, "Anna Müller");
  g_assert_cmpint (limber_patient_get_id (patient), ==, 0);

  g_object_set (patient, "id", (gint64) 17, NULL);
  g_object_get (patient,
                "id", &id,
                "mrn", &mrn,
                "name", &name,
                "birth-date", &birth_date,
                "search-text", &search_text,
                NULL);
  g_assert_cmpint (id, ==, 17);
  g_assert_cmpstr (mrn, ==, "MRN-0042");
  g_assert_cmpstr (name, ==, "Anna Müller");
  g_assert_cmpstr (birth_date, ==, "1980-04-02");
  g_assert_cmpstr (search_text, ==, "anna müller mrn-0042");

  g_assert_finalize_object (patient);
}

static void
test_patient_notify (void)
{
  LimberPatient *patient = limber_patient_new ("7", "Anna", NULL);
  guint name_notifies = 0;
  guint search_notifies = 0;
  guint id_notifies = 0;

  g_signal_connect (patient, "notify::name", G_CALLBACK (count_notify_cb), &name_notifies);
  g_signal_connect (patient, "notify::search-text",
                    G_CALLBACK (count_notify_cb), &search_notifies);
  g_signal_connect (patient, "notify::id", G_CALLBACK (count_notify_cb), &id_notifies);

  limber_patient_set_name (patient, "Bea");
  limber_patient_set_name (patient, "Bea");
  /* The same name once stripped is no change. */
  limber_patient_set_name (patient, " Bea ");
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_cmpuint (search_notifies, ==, 1);

  g_object_set (patient, "name", "Bea", NULL);
  g_assert_cmpuint (name_notifies, ==, 1);

  limber_patient_set_id (patient, 3);
  limber_patient_set_id (patient, 3);
  g_assert_cmpuint (id_notifies, ==, 1);

  limber_patient_set_mrn (patient, "X-9");
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_cmpuint (search_notifies, ==, 2);

  g_assert_finalize_object (patient);
}

static void
test_patient_search_text (void)
{
  LimberPatient *patient = limber_patient_new ("AB-12", "ÉMILE Zola", NULL);

  g_assert_cmpstr (limber_patient_get_search_text (patient), ==, "émile zola ab-12");

  limber_patient_set_name (patient, "Jo O'Neil");
  g_assert_cmpstr (limber_patient_get_search_text (patient), ==, "jo o'neil ab-12");

  limber_patient_set_mrn (patient, "QQ7");
  g_assert_cmpstr (limber_patient_get_search_text (patient), ==, "jo o'neil qq7");

  limber_patient_set_name (patient, NULL);
  g_assert_cmpstr (limber_patient_get_search_text (patient), ==, "qq7");

  g_assert_finalize_object (patient);
}

static void
test_patient_empty_strings (void)
{
  LimberPatient *patient = limber_patient_new ("", "   ", "");
  guint notifies = 0;

  g_assert_null (limber_patient_get_mrn (patient));
  g_assert_null (limber_patient_get_name (patient));
  g_assert_null (limber_patient_get_birth_date (patient));
  g_assert_cmpstr (limber_patient_get_search_text (patient), ==, "");

  /* "" and NULL are the same value: no notification between them. */
  g_signal_connect (patient, "notify::birth-date", G_CALLBACK (count_notify_cb), &notifies);
  limber_patient_set_birth_date (patient, NULL);
  limber_patient_set_birth_date (patient, "");
  g_assert_cmpuint (notifies, ==, 0);
  limber_patient_set_birth_date (patient, "2001-01-01");
  limber_patient_set_birth_date (patient, "");
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_null (limber_patient_get_birth_date (patient));

  g_assert_finalize_object (patient);
}

static void
test_patient_validate (void)
{
  LimberPatient *patient = limber_patient_new ("MRN-1", "Anna Müller", "1980-04-02");
  g_autofree char *long_mrn = g_strnfill (65, '7');
  g_autofree char *longest_mrn = g_strnfill (64, '7');
  g_autofree char *too_long_message =
    g_strdup_printf ("Chart number “%s” is longer than 64 characters", long_mrn);

  assert_valid (limber_patient_validate, patient);

  limber_patient_set_birth_date (patient, NULL);
  assert_valid (limber_patient_validate, patient);

  limber_patient_set_mrn (patient, "");
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_INVALID,
                  "Chart number is empty");

  limber_patient_set_mrn (patient, longest_mrn);
  assert_valid (limber_patient_validate, patient);

  limber_patient_set_mrn (patient, long_mrn);
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_INVALID,
                  too_long_message);

  limber_patient_set_mrn (patient, "MRN\t1");
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_INVALID,
                  "Chart number contains a control character (tab or line break)");

  limber_patient_set_mrn (patient, "MRN-1");
  limber_patient_set_name (patient, "  ");
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_INVALID,
                  "Name is empty");

  limber_patient_set_name (patient, "Anna");
  limber_patient_set_birth_date (patient, "2090-01-01");
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_DATE,
                  "Birth date 2090-01-01 is in the future");

  limber_patient_set_birth_date (patient, "1980-02-30");
  assert_invalid (limber_patient_validate, patient, LIMBER_MODEL_ERROR_DATE,
                  "Birth date “1980-02-30” is not a date (YYYY-MM-DD)");

  g_assert_finalize_object (patient);
}

/* Episodes */

static void
test_episode_properties (void)
{
  LimberEpisode *episode = limber_episode_new (5, "low_back_pain", "2024-02-01");
  LimberEpisode *copy;
  g_autofree char *condition = NULL;
  g_autofree char *body_region = NULL;
  g_autofree char *onset = NULL;
  g_autofree char *start = NULL;
  g_autofree char *discharge = NULL;
  g_autofree char *notes = NULL;
  gint64 patient_id = 0;
  LimberSide side = LIMBER_SIDE_NONE;
  guint planned = 0;
  guint per_week = 0;
  guint notifies = 0;

  g_assert_cmpint (limber_episode_get_patient_id (episode), ==, 5);
  g_assert_cmpint (limber_episode_get_side (episode), ==, LIMBER_SIDE_NONE);
  g_assert_null (limber_episode_get_discharge_date (episode));
  g_assert_nonnull (limber_episode_get_condition_info (episode));

  g_object_set (episode,
                "body-region", "Lumbar spine",
                "side", LIMBER_SIDE_LEFT,
                "onset-date", "2024-01-10",
                "discharge-date", "2024-03-01",
                "planned-sessions", 6u,
                "sessions-per-week", 2u,
                "notes", "Desk worker",
                NULL);
  g_object_get (episode,
                "patient-id", &patient_id,
                "condition", &condition,
                "body-region", &body_region,
                "side", &side,
                "onset-date", &onset,
                "start-date", &start,
                "discharge-date", &discharge,
                "planned-sessions", &planned,
                "sessions-per-week", &per_week,
                "notes", &notes,
                NULL);
  g_assert_cmpint (patient_id, ==, 5);
  g_assert_cmpstr (condition, ==, "low_back_pain");
  g_assert_cmpstr (body_region, ==, "Lumbar spine");
  g_assert_cmpint (side, ==, LIMBER_SIDE_LEFT);
  g_assert_cmpstr (onset, ==, "2024-01-10");
  g_assert_cmpstr (start, ==, "2024-02-01");
  g_assert_cmpstr (discharge, ==, "2024-03-01");
  g_assert_cmpuint (planned, ==, 6);
  g_assert_cmpuint (per_week, ==, 2);
  g_assert_cmpstr (notes, ==, "Desk worker");

  g_signal_connect (episode, "notify::side", G_CALLBACK (count_notify_cb), &notifies);
  limber_episode_set_side (episode, LIMBER_SIDE_LEFT);
  limber_episode_set_side (episode, LIMBER_SIDE_RIGHT);
  limber_episode_set_side (episode, LIMBER_SIDE_RIGHT);
  g_assert_cmpuint (notifies, ==, 1);

  limber_episode_set_body_region (episode, "");
  limber_episode_set_notes (episode, "");
  g_assert_null (limber_episode_get_body_region (episode));
  g_assert_null (limber_episode_get_notes (episode));

  limber_episode_set_id (episode, 9);
  copy = limber_episode_copy (episode);
  g_assert_cmpint (limber_episode_get_id (copy), ==, 9);
  g_assert_cmpstr (limber_episode_get_condition (copy), ==, "low_back_pain");
  g_assert_cmpstr (limber_episode_get_discharge_date (copy), ==, "2024-03-01");
  g_assert_cmpint (limber_episode_get_side (copy), ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpuint (limber_episode_get_planned_sessions (copy), ==, 6);

  limber_episode_set_condition (episode, "knee");
  g_assert_null (limber_episode_get_condition_info (episode));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (episode);
}

static void
test_episode_validate (void)
{
  LimberEpisode *episode = limber_episode_new (1, "knee", "2024-02-01");

  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_UNKNOWN_CONDITION,
                  "unknown condition “knee”");

  limber_episode_set_condition (episode, "knee_pain");
  assert_valid (limber_episode_validate, episode);

  limber_episode_set_start_date (episode, "2024-02-31");
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_DATE,
                  "Start date “2024-02-31” is not a date (YYYY-MM-DD)");

  limber_episode_set_start_date (episode, NULL);
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_DATE,
                  "Start date is empty");

  limber_episode_set_start_date (episode, "2024-02-01");
  limber_episode_set_onset_date (episode, "2024-02-01");
  assert_valid (limber_episode_validate, episode);

  limber_episode_set_onset_date (episode, "2024-02-02");
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_DATE,
                  "Onset date 2024-02-02 is after the start 2024-02-01");

  limber_episode_set_onset_date (episode, NULL);
  limber_episode_set_discharge_date (episode, "2024-01-01");
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_DATE,
                  "Discharge date 2024-01-01 is before the start 2024-02-01");

  limber_episode_set_discharge_date (episode, "2024-02-01");
  assert_valid (limber_episode_validate, episode);

  limber_episode_set_planned_sessions (episode, 100);
  limber_episode_set_sessions_per_week (episode, 7);
  assert_valid (limber_episode_validate, episode);

  limber_episode_set_planned_sessions (episode, 101);
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "Planned sessions: 101 is outside 0–100");

  limber_episode_set_planned_sessions (episode, 0);
  limber_episode_set_sessions_per_week (episode, 8);
  assert_invalid (limber_episode_validate, episode, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "Sessions per week: 8 is outside 0–7");

  g_assert_finalize_object (episode);
}

static void
test_episode_is_open (void)
{
  LimberEpisode *episode = limber_episode_new (1, "neck_pain", "2024-02-01");

  g_assert_true (limber_episode_is_open (episode));
  g_assert_false (limber_episode_is_open_on (episode, "2024-01-31"));
  g_assert_true (limber_episode_is_open_on (episode, "2024-02-01"));
  g_assert_true (limber_episode_is_open_on (episode, "2024-02-01T08:00"));
  g_assert_true (limber_episode_is_open_on (episode, "2031-12-31"));

  limber_episode_set_discharge_date (episode, "2024-03-15");
  g_assert_false (limber_episode_is_open (episode));
  g_assert_true (limber_episode_is_open_on (episode, "2024-02-01"));
  /* The discharge day still belongs to the episode, at any time of day. */
  g_assert_true (limber_episode_is_open_on (episode, "2024-03-15"));
  g_assert_true (limber_episode_is_open_on (episode, "2024-03-15T17:45"));
  g_assert_false (limber_episode_is_open_on (episode, "2024-03-16"));
  g_assert_false (limber_episode_is_open_on (episode, "2024-01-31T23:59"));

  g_assert_finalize_object (episode);
}

/* Sessions */

static void
test_session_properties (void)
{
  LimberSession *session = limber_session_new (4, "2024-02-01T09:30");
  g_autofree char *date = NULL;
  g_autofree char *therapist = NULL;
  g_autofree char *techniques = NULL;
  g_autofree char *notes = NULL;
  gint64 episode_id = 0;
  int soreness = 0;
  guint notifies = 0;

  g_assert_cmpint (limber_session_get_soreness (session), ==, -1);
  g_assert_null (limber_session_get_therapist (session));

  g_object_set (session,
                "therapist", "  Sam Lee\n",
                "techniques", "Lumbar mobilisation; McKenzie extension",
                "notes", "",
                "soreness", 3,
                NULL);
  g_object_get (session,
                "episode-id", &episode_id,
                "date", &date,
                "therapist", &therapist,
                "techniques", &techniques,
                "notes", &notes,
                "soreness", &soreness,
                NULL);
  g_assert_cmpint (episode_id, ==, 4);
  g_assert_cmpstr (date, ==, "2024-02-01T09:30");
  g_assert_cmpstr (therapist, ==, "Sam Lee");
  g_assert_cmpstr (techniques, ==, "Lumbar mobilisation; McKenzie extension");
  g_assert_null (notes);
  g_assert_cmpint (soreness, ==, 3);

  g_signal_connect (session, "notify::soreness", G_CALLBACK (count_notify_cb), &notifies);
  limber_session_set_soreness (session, 3);
  limber_session_set_soreness (session, -1);
  limber_session_set_soreness (session, -1);
  g_assert_cmpuint (notifies, ==, 1);

  g_assert_finalize_object (session);
}

static void
test_session_validate (void)
{
  LimberSession *session = limber_session_new (1, "2024-02-01");

  assert_valid (limber_session_validate, session);

  limber_session_set_date (session, "2024-02-01T23:59");
  assert_valid (limber_session_validate, session);

  limber_session_set_date (session, "2024-13-01");
  assert_invalid (limber_session_validate, session, LIMBER_MODEL_ERROR_DATE,
                  "Session date “2024-13-01” is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");

  limber_session_set_date (session, "");
  assert_invalid (limber_session_validate, session, LIMBER_MODEL_ERROR_DATE,
                  "Session date is empty");

  limber_session_set_date (session, "2024-02-01");
  limber_session_set_soreness (session, 0);
  assert_valid (limber_session_validate, session);
  limber_session_set_soreness (session, 10);
  assert_valid (limber_session_validate, session);

  limber_session_set_soreness (session, 11);
  assert_invalid (limber_session_validate, session, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "Soreness: 11 is outside 0–10");

  limber_session_set_soreness (session, -2);
  assert_invalid (limber_session_validate, session, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "Soreness: -2 is outside 0–10");

  g_assert_finalize_object (session);
}

/* Measurements */

static void
test_measurement_properties (void)
{
  LimberMeasurement *measurement =
    limber_measurement_new (8, "rom.shoulder.abduction", LIMBER_SIDE_RIGHT, 120);
  g_autofree char *measure = NULL;
  gint64 session_id = 0;
  LimberSide side = LIMBER_SIDE_NONE;
  double value = 0;
  guint n_answers = 99;
  guint notifies = 0;

  g_object_get (measurement,
                "session-id", &session_id,
                "measure", &measure,
                "side", &side,
                "value", &value,
                NULL);
  g_assert_cmpint (session_id, ==, 8);
  g_assert_cmpstr (measure, ==, "rom.shoulder.abduction");
  g_assert_cmpint (side, ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpfloat (value, ==, 120);
  g_assert_null (limber_measurement_get_answers (measurement, &n_answers));
  g_assert_cmpuint (n_answers, ==, 0);
  g_assert_null (limber_measurement_get_item_names (measurement));
  g_assert_nonnull (limber_measurement_get_measure_info (measurement));
  assert_valid (limber_measurement_validate, measurement);

  g_signal_connect (measurement, "notify::value", G_CALLBACK (count_notify_cb), &notifies);
  limber_measurement_set_value (measurement, 120);
  limber_measurement_set_value (measurement, 125);
  limber_measurement_set_value (measurement, NAN);
  limber_measurement_set_value (measurement, NAN);
  g_assert_cmpuint (notifies, ==, 2);

  g_assert_finalize_object (measurement);
}

static void
test_measurement_validate (void)
{
  LimberMeasurement *measurement = limber_measurement_new (1, "pain.vas", LIMBER_SIDE_NONE, 4);
  g_autoptr(GError) error = NULL;

  assert_invalid (limber_measurement_validate, measurement,
                  LIMBER_MODEL_ERROR_UNKNOWN_MEASURE, "unknown measure “pain.vas”");
  g_assert_null (limber_measurement_get_measure_info (measurement));

  limber_measurement_set_measure (measurement, "pain.nprs");
  assert_valid (limber_measurement_validate, measurement);

  /* The value and side rules are the measure's; their wording is tested with it. */
  limber_measurement_set_value (measurement, 11);
  g_assert_false (limber_measurement_validate (measurement, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "pain.nprs"));
  g_clear_error (&error);

  limber_measurement_set_value (measurement, 4);
  limber_measurement_set_side (measurement, LIMBER_SIDE_LEFT);
  g_assert_false (limber_measurement_validate (measurement, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_SIDE);
  g_clear_error (&error);

  limber_measurement_set_side (measurement, LIMBER_SIDE_NONE);
  limber_measurement_set_value (measurement, NAN);
  assert_invalid (limber_measurement_validate, measurement, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "pain.nprs has no value");

  limber_measurement_set_measure (measurement, "");
  assert_invalid (limber_measurement_validate, measurement,
                  LIMBER_MODEL_ERROR_UNKNOWN_MEASURE, "Measure is empty");

  g_assert_finalize_object (measurement);
}

static void
test_measurement_odi_answers (void)
{
  /* Nine sections answered, summing to 16: 16 ÷ 45 × 100 = 35.6. */
  const double answers[10] = { 2, 3, 1, NAN, 2, 2, 1, 2, 1, 2 };
  g_autoptr(GError) error = NULL;
  LimberMeasurement *measurement;
  const double *kept;
  guint n_kept = 0;

  measurement = limber_measurement_new_from_answers (12, "prom.odi", answers,
                                                     G_N_ELEMENTS (answers), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (measurement);

  g_assert_cmpint (limber_measurement_get_session_id (measurement), ==, 12);
  g_assert_cmpstr (limber_measurement_get_measure (measurement), ==, "prom.odi");
  g_assert_cmpint (limber_measurement_get_side (measurement), ==, LIMBER_SIDE_NONE);
  g_assert_cmpfloat_with_epsilon (limber_measurement_get_value (measurement), 35.6, 1e-9);

  kept = limber_measurement_get_answers (measurement, &n_kept);
  g_assert_cmpuint (n_kept, ==, 10);
  g_assert_true (kept != answers);
  for (guint i = 0; i < 10; i++)
    {
      if (i == 3)
        g_assert_true (isnan (kept[i]));
      else
        g_assert_cmpfloat (kept[i], ==, answers[i]);
    }
  g_assert_null (limber_measurement_get_item_names (measurement));
  assert_valid (limber_measurement_validate, measurement);

  /* A hand-edited score no longer matches its answers. */
  limber_measurement_set_value (measurement, 40);
  assert_invalid (limber_measurement_validate, measurement, LIMBER_MODEL_ERROR_INVALID,
                  "Score 40 of prom.odi does not match its item answers, which score 35.6");

  g_assert_finalize_object (measurement);
}

static void
test_measurement_answer_errors (void)
{
  const double too_few[10] = { 1, 1, 1, 1, 1, 1, 1, NAN, NAN, NAN };
  const double out_of_range[10] = { 1, 1, 6, 1, 1, 1, 1, 1, 1, 1 };
  const double too_many[11] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  g_assert_null (limber_measurement_new_from_answers (1, "prom.odi", too_few, 10,
                                                      NULL, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS);
  g_clear_error (&error);

  g_assert_null (limber_measurement_new_from_answers (1, "prom.odi", out_of_range, 10,
                                                      NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == LIMBER_MODEL_ERROR);
  g_clear_error (&error);

  g_assert_null (limber_measurement_new_from_answers (1, "prom.odi", too_many, 11,
                                                      NULL, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "prom.odi has 10 items; 11 answers were given");
  g_clear_error (&error);

  g_assert_null (limber_measurement_new_from_answers (1, "prom.rmdq", too_few, 10,
                                                      NULL, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "prom.rmdq is not scored from item answers; enter its score");
  g_clear_error (&error);

  g_assert_null (limber_measurement_new_from_answers (1, "pain.vas", too_few, 10,
                                                      NULL, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE);
  g_assert_cmpstr (error->message, ==, "unknown measure “pain.vas”");
}

static void
test_measurement_psfs_names (void)
{
  const double ratings[4] = { 6, 4, 7, NAN };
  const char *missing_second[] = { "Walking", " ", "Stairs", "Gardening", NULL };
  const char *short_list[] = { "Walking", "Stairs", NULL };
  const char *named[] = { " Walking 30 min ", "Stairs", "Lifting a child", "Gardening", NULL };
  g_autoptr(GError) error = NULL;
  LimberMeasurement *measurement;
  const char *const *names;

  g_assert_null (limber_measurement_new_from_answers (1, "prom.psfs", ratings, 4,
                                                      NULL, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS);
  g_assert_cmpstr (error->message, ==, "Activity 1 has a rating but no name");
  g_clear_error (&error);

  g_assert_null (limber_measurement_new_from_answers (1, "prom.psfs", ratings, 4,
                                                      missing_second, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS);
  g_assert_cmpstr (error->message, ==, "Activity 2 has a rating but no name");
  g_clear_error (&error);

  /* A list that ends early leaves the later activities without names. */
  g_assert_null (limber_measurement_new_from_answers (1, "prom.psfs", ratings, 4,
                                                      short_list, &error));
  g_assert_cmpstr (error->message, ==, "Activity 3 has a rating but no name");
  g_clear_error (&error);

  measurement = limber_measurement_new_from_answers (1, "prom.psfs", ratings, 4,
                                                     named, &error);
  g_assert_no_error (error);
  /* (6 + 4 + 7) ÷ 3 = 5.67, stored at one decimal. */
  g_assert_cmpfloat_with_epsilon (limber_measurement_get_value (measurement), 5.7, 1e-9);

  names = limber_measurement_get_item_names (measurement);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 4);
  g_assert_cmpstr (names[0], ==, "Walking 30 min");
  g_assert_cmpstr (names[1], ==, "Stairs");
  g_assert_cmpstr (names[3], ==, "Gardening");
  assert_valid (limber_measurement_validate, measurement);

  g_assert_finalize_object (measurement);
}

static void
test_measurement_set_answers (void)
{
  const double ratings[3] = { 6, 4, 7 };
  const char *names[] = { "Walking", "Stairs", NULL };
  LimberMeasurement *measurement = limber_measurement_new (1, "prom.psfs", LIMBER_SIDE_NONE, 5.7);
  const char *const *kept_names;
  guint n_kept = 0;

  /* The store loads answers as they were saved, without scoring them again. */
  limber_measurement_set_answers (measurement, ratings, 3, names);
  g_assert_nonnull (limber_measurement_get_answers (measurement, &n_kept));
  g_assert_cmpuint (n_kept, ==, 3);
  kept_names = limber_measurement_get_item_names (measurement);
  g_assert_cmpuint (g_strv_length ((char **) kept_names), ==, 3);
  g_assert_cmpstr (kept_names[2], ==, "");

  assert_invalid (limber_measurement_validate, measurement, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                  "Activity 3 has a rating but no name");

  limber_measurement_set_answers (measurement, NULL, 0, NULL);
  g_assert_null (limber_measurement_get_answers (measurement, &n_kept));
  g_assert_cmpuint (n_kept, ==, 0);
  g_assert_null (limber_measurement_get_item_names (measurement));
  assert_valid (limber_measurement_validate, measurement);

  /* Answers on a measure that is entered as a score cannot be checked. */
  limber_measurement_set_measure (measurement, "pain.nprs");
  limber_measurement_set_value (measurement, 6);
  limber_measurement_set_answers (measurement, ratings, 3, NULL);
  assert_invalid (limber_measurement_validate, measurement, LIMBER_MODEL_ERROR_INVALID,
                  "pain.nprs is not scored from item answers; enter its score");

  g_assert_finalize_object (measurement);
}

/* Goals */

static void
test_goal_properties (void)
{
  LimberGoal *goal = limber_goal_new ("rom.shoulder.flexion", LIMBER_SIDE_LEFT, 160);
  g_autofree char *measure = NULL;
  gint64 episode_id = 0;
  LimberSide side = LIMBER_SIDE_NONE;
  double target = 0;
  guint notifies = 0;

  g_object_set (goal, "episode-id", (gint64) 3, NULL);
  g_object_get (goal,
                "episode-id", &episode_id,
                "measure", &measure,
                "side", &side,
                "target", &target,
                NULL);
  g_assert_cmpint (episode_id, ==, 3);
  g_assert_cmpstr (measure, ==, "rom.shoulder.flexion");
  g_assert_cmpint (side, ==, LIMBER_SIDE_LEFT);
  g_assert_cmpfloat (target, ==, 160);

  g_signal_connect (goal, "notify::target", G_CALLBACK (count_notify_cb), &notifies);
  limber_goal_set_target (goal, 160);
  limber_goal_set_target (goal, 170);
  limber_goal_set_target (goal, 170);
  g_assert_cmpuint (notifies, ==, 1);

  g_assert_finalize_object (goal);
}

static void
test_goal_validate (void)
{
  LimberGoal *goal = limber_goal_new ("pain.vas", LIMBER_SIDE_NONE, 2);
  g_autoptr(GError) error = NULL;

  assert_invalid (limber_goal_validate, goal, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
                  "unknown measure “pain.vas”");

  limber_goal_set_measure (goal, "pain.nprs");
  assert_valid (limber_goal_validate, goal);

  limber_goal_set_target (goal, 11);
  g_assert_false (limber_goal_validate (goal, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE);
  g_assert_true (g_str_has_prefix (error->message, "Goal target: "));
  g_clear_error (&error);

  limber_goal_set_target (goal, 2);
  limber_goal_set_side (goal, LIMBER_SIDE_RIGHT);
  g_assert_false (limber_goal_validate (goal, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_SIDE);
  g_assert_true (g_str_has_prefix (error->message, "Goal: "));
  g_clear_error (&error);

  limber_goal_set_measure (goal, "rom.knee.flexion");
  limber_goal_set_target (goal, 120);
  assert_valid (limber_goal_validate, goal);

  limber_goal_set_side (goal, LIMBER_SIDE_NONE);
  g_assert_false (limber_goal_validate (goal, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_SIDE);
  g_clear_error (&error);

  limber_goal_set_side (goal, LIMBER_SIDE_LEFT);
  limber_goal_set_target (goal, NAN);
  assert_invalid (limber_goal_validate, goal, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                  "Goal target for rom.knee.flexion is empty");

  g_assert_finalize_object (goal);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entities/patient/properties", test_patient_properties);
  g_test_add_func ("/entities/patient/notify", test_patient_notify);
  g_test_add_func ("/entities/patient/search-text", test_patient_search_text);
  g_test_add_func ("/entities/patient/empty-strings", test_patient_empty_strings);
  g_test_add_func ("/entities/patient/validate", test_patient_validate);
  g_test_add_func ("/entities/episode/properties", test_episode_properties);
  g_test_add_func ("/entities/episode/validate", test_episode_validate);
  g_test_add_func ("/entities/episode/is-open", test_episode_is_open);
  g_test_add_func ("/entities/session/properties", test_session_properties);
  g_test_add_func ("/entities/session/validate", test_session_validate);
  g_test_add_func ("/entities/measurement/properties", test_measurement_properties);
  g_test_add_func ("/entities/measurement/validate", test_measurement_validate);
  g_test_add_func ("/entities/measurement/odi-answers", test_measurement_odi_answers);
  g_test_add_func ("/entities/measurement/answer-errors", test_measurement_answer_errors);
  g_test_add_func ("/entities/measurement/psfs-names", test_measurement_psfs_names);
  g_test_add_func ("/entities/measurement/set-answers", test_measurement_set_answers);
  g_test_add_func ("/entities/goal/properties", test_goal_properties);
  g_test_add_func ("/entities/goal/validate", test_goal_validate);

  return g_test_run ();
}
