/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Limber-Test-Demo"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "limber-date.h"
#include "limber-demo.h"
#include "limber-episode-loader.h"
#include "limber-store.h"
#include "limber-test-fixture.h"

typedef LimberTestFixture Fixture;

/* What the tests look at for one course of care, loaded from the store. */
typedef struct
{
  LimberPatient *patient;
  LimberEpisode *episode;
  GPtrArray     *sessions;      /* LimberSession, by date */
  GPtrArray     *measurements;  /* LimberMeasurement, by date */
} EpisodeData;

static void
episode_data_free (EpisodeData *data)
{
  g_clear_object (&data->patient);
  g_clear_object (&data->episode);
  g_clear_pointer (&data->sessions, g_ptr_array_unref);
  g_clear_pointer (&data->measurements, g_ptr_array_unref);
  g_free (data);
}

static void
fill (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_demo_fill (fixture->store, &error));
  g_assert_no_error (error);
}

/* Every course of care of the clinic with its sessions and measurements. */
static GPtrArray *
load_episodes (LimberStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) patients = limber_store_list_patients (store, &error);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) episode_data_free);

  g_assert_no_error (error);

  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, p);
      g_autoptr(GPtrArray) episodes = NULL;

      episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), &error);
      g_assert_no_error (error);

      for (guint e = 0; e < episodes->len; e++)
        {
          LimberEpisode *episode = g_ptr_array_index (episodes, e);
          gint64 id = limber_episode_get_id (episode);
          EpisodeData *data = g_new0 (EpisodeData, 1);

          data->patient = g_object_ref (patient);
          data->episode = g_object_ref (episode);
          data->sessions = limber_store_list_sessions (store, id, &error);
          g_assert_no_error (error);
          data->measurements = limber_store_list_episode_measurements (store, id, &error);
          g_assert_no_error (error);
          g_ptr_array_add (result, data);
        }
    }

  return result;
}

static gboolean
session_has_measure (EpisodeData   *data,
                     LimberSession *session,
                     const char    *measure)
{
  for (guint i = 0; i < data->measurements->len; i++)
    {
      LimberMeasurement *m = g_ptr_array_index (data->measurements, i);

      if (limber_measurement_get_session_id (m) == limber_session_get_id (session) &&
          g_str_equal (limber_measurement_get_measure (m), measure))
        return TRUE;
    }

  return FALSE;
}

static void
test_demo_patients (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GHashTable) conditions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LimberPatient) first = NULL;
  gboolean has_two_courses = FALSE;

  fill (fixture);

  g_assert_cmpuint (limber_store_count_patients (fixture->store, &error), ==, 12);
  g_assert_no_error (error);

  patients = limber_store_list_patients (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(GPtrArray) list = NULL;

      g_assert_true (limber_patient_validate (patient, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (limber_patient_get_mrn (patient), "D-"));
      g_assert_nonnull (limber_patient_get_birth_date (patient));

      list = limber_store_list_episodes (fixture->store, limber_patient_get_id (patient),
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, >=, 1);
      if (list->len >= 2)
        has_two_courses = TRUE;
    }
  g_assert_true (has_two_courses);

  first = limber_store_find_patient (fixture->store, "D-1001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_clear_object (&patients);

  /* Most conditions of the catalog are shown. */
  episodes = load_episodes (fixture->store);
  for (guint i = 0; i < episodes->len; i++)
    {
      EpisodeData *data = g_ptr_array_index (episodes, i);

      g_assert_true (limber_episode_validate (data->episode, &error));
      g_assert_no_error (error);
      g_hash_table_add (conditions, (gpointer) limber_episode_get_condition (data->episode));
    }
  g_assert_cmpuint (g_hash_table_size (conditions), >=, 10);
}

static void
test_demo_sessions (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autofree char *today = limber_date_today ();
  guint32 today_julian = limber_date_to_julian (today);
  guint32 newest = 0;
  guint n_open = 0, n_discharged = 0;

  fill (fixture);
  episodes = load_episodes (fixture->store);

  for (guint i = 0; i < episodes->len; i++)
    {
      EpisodeData *data = g_ptr_array_index (episodes, i);
      const char *discharge = limber_episode_get_discharge_date (data->episode);
      guint32 previous = 0;

      g_assert_cmpuint (data->sessions->len, >=, 4);
      g_assert_cmpuint (data->sessions->len, <=, 10);
      if (discharge != NULL)
        n_discharged++;
      else
        n_open++;

      for (guint s = 0; s < data->sessions->len; s++)
        {
          LimberSession *session = g_ptr_array_index (data->sessions, s);
          const char *date = limber_session_get_date (session);
          guint32 julian = limber_date_to_julian (date);
          g_autoptr(GError) error = NULL;

          g_assert_true (limber_session_validate (session, &error));
          g_assert_no_error (error);
          g_assert_true (limber_date_time_is_valid (date));
          g_assert_cmpuint (strlen (date), ==, strlen ("YYYY-MM-DDTHH:MM"));
          g_assert_nonnull (limber_session_get_therapist (session));
          g_assert_cmpstr (limber_episode_get_start_date (data->episode), <=, date);
          if (discharge != NULL)
            g_assert_cmpuint (julian, <=, limber_date_to_julian (discharge));

          /* About two visits a week. */
          if (s > 0)
            {
              g_assert_cmpuint (julian - previous, >=, 2);
              g_assert_cmpuint (julian - previous, <=, 5);
            }
          previous = julian;
          newest = MAX (newest, julian);
        }
    }

  g_assert_cmpuint (n_open, >=, 2);
  g_assert_cmpuint (n_discharged, >=, 2);

  /* The clinic looks current: the newest visit lies within the last two weeks. */
  g_assert_cmpuint (newest, <, today_julian);
  g_assert_cmpuint (newest + 14, >=, today_julian);
}

static void
test_demo_measurements (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  guint n_measurements = 0;
  gboolean has_answers = FALSE;

  fill (fixture);
  episodes = load_episodes (fixture->store);

  for (guint i = 0; i < episodes->len; i++)
    {
      EpisodeData *data = g_ptr_array_index (episodes, i);
      LimberCondition *condition = limber_episode_get_condition_info (data->episode);
      const char *main_measure = limber_measure_get_code (limber_condition_get_main_measure (condition));
      LimberSession *first = g_ptr_array_index (data->sessions, 0);
      LimberSession *last = g_ptr_array_index (data->sessions, data->sessions->len - 1);

      for (guint m = 0; m < data->measurements->len; m++)
        {
          LimberMeasurement *measurement = g_ptr_array_index (data->measurements, m);
          g_autoptr(GError) error = NULL;
          guint n_answers = 0;

          if (!limber_measurement_validate (measurement, &error))
            g_error ("%s: %s", limber_patient_get_mrn (data->patient), error->message);
          if (limber_measurement_get_answers (measurement, &n_answers) != NULL)
            has_answers = TRUE;
          n_measurements++;
        }

      for (guint s = 0; s < data->sessions->len; s++)
        g_assert_true (session_has_measure (data, g_ptr_array_index (data->sessions, s),
                                            "pain.nprs"));

      g_assert_true (session_has_measure (data, first, main_measure));
      g_assert_true (session_has_measure (data, last, main_measure));
    }

  g_assert_cmpuint (n_measurements, >, 200);
  g_assert_true (has_answers);
}

static void
test_demo_outcomes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  guint n_success = 0, n_failure = 0, n_pain_worse = 0, n_pain_improved = 0;

  fill (fixture);
  episodes = load_episodes (fixture->store);

  for (guint i = 0; i < episodes->len; i++)
    {
      EpisodeData *data = g_ptr_array_index (episodes, i);
      LimberCondition *condition = limber_episode_get_condition_info (data->episode);
      LimberTrendStatus pain_status, main_status;
      g_autoptr(GError) error = NULL;
      g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
      LimberEpisodeOutcome *outcome;
      GPtrArray *trends;

      analysis = limber_episode_loader_load (fixture->store, limber_episode_get_id (data->episode),
                                             &error);
      g_assert_no_error (error);
      trends = limber_episode_analysis_get_trends (analysis);
      outcome = limber_episode_analysis_get_outcome (analysis);

      switch (limber_episode_outcome_get_success (outcome))
        {
        case LIMBER_SUCCESS_YES:
          n_success++;
          break;
        case LIMBER_SUCCESS_NO:
          n_failure++;
          break;
        case LIMBER_SUCCESS_UNKNOWN:
        default:
          g_error ("%s: every demo course of care has a deciding measure",
                   limber_patient_get_mrn (data->patient));
        }

      pain_status = main_status = LIMBER_TREND_STATUS_NO_CHANGE;
      for (guint t = 0; t < trends->len; t++)
        {
          LimberTrend *trend = g_ptr_array_index (trends, t);
          LimberMeasure *measure = limber_trend_get_measure (trend);

          if (g_str_equal (limber_measure_get_code (measure), "pain.nprs"))
            pain_status = limber_trend_get_status (trend);
          else if (measure == limber_condition_get_main_measure (condition))
            main_status = limber_trend_get_status (trend);
        }

      /* A patient's pain and questionnaire never tell opposite stories. */
      g_assert_false (pain_status == LIMBER_TREND_STATUS_IMPROVED &&
                      main_status == LIMBER_TREND_STATUS_WORSE);
      g_assert_false (pain_status == LIMBER_TREND_STATUS_WORSE &&
                      main_status == LIMBER_TREND_STATUS_IMPROVED);
      if (pain_status == LIMBER_TREND_STATUS_WORSE)
        n_pain_worse++;
      else if (pain_status == LIMBER_TREND_STATUS_IMPROVED)
        n_pain_improved++;
    }

  g_assert_cmpuint (n_success, >=, 1);
  g_assert_cmpuint (n_failure, >=, 1);
  g_assert_cmpuint (n_success, >, n_failure);
  g_assert_cmpuint (n_pain_worse, >=, 1);
  g_assert_cmpuint (n_pain_improved, >=, 6);
}

static void
test_demo_refuses_second_fill (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 n_audit;

  fill (fixture);
  n_audit = limber_store_count_audit_rows (fixture->store, &error);
  g_assert_no_error (error);

  g_assert_false (limber_demo_fill (fixture->store, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "12 patients"));
  g_clear_error (&error);

  g_assert_cmpuint (limber_store_count_patients (fixture->store, &error), ==, 12);
  g_assert_no_error (error);
  g_assert_cmpint (limber_store_count_audit_rows (fixture->store, &error), ==, n_audit);
  g_assert_no_error (error);
}

static void
test_demo_refuses_clinic_data (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberPatient) patient = limber_patient_new ("A-1", "Ada Lovelace", NULL);

  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  g_assert_false (limber_demo_fill (fixture->store, &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "1 patient;"));
  g_clear_error (&error);

  g_assert_cmpuint (limber_store_count_patients (fixture->store, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_null (limber_store_find_patient (fixture->store, "D-1001", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/patients", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_patients, limber_test_fixture_tear_down);
  g_test_add ("/demo/sessions", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_sessions, limber_test_fixture_tear_down);
  g_test_add ("/demo/measurements", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_measurements, limber_test_fixture_tear_down);
  g_test_add ("/demo/outcomes", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_outcomes, limber_test_fixture_tear_down);
  g_test_add ("/demo/refuses-second-fill", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_refuses_second_fill, limber_test_fixture_tear_down);
  g_test_add ("/demo/refuses-clinic-data", Fixture, NULL,
              limber_test_fixture_set_up, test_demo_refuses_clinic_data, limber_test_fixture_tear_down);

  return g_test_run ();
}
