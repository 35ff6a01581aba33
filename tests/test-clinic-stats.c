/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "limber-clinic-stats.h"

/* The clinic's success rate and its breakdowns, from analyses built in memory. */

typedef struct
{
  GPtrArray *sessions;
  GPtrArray *measurements;
  gint64     next_id;
} Course;

static gint64 next_session_id = 1;

static Course *
course_new (void)
{
  Course *course = g_new0 (Course, 1);

  course->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  course->measurements = g_ptr_array_new_with_free_func (g_object_unref);
  return course;
}

static void
course_free (Course *course)
{
  g_ptr_array_unref (course->sessions);
  g_ptr_array_unref (course->measurements);
  g_free (course);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Course, course_free)

/* A session on date by therapist with measure=value pairs ending in NULL. */
static void
course_add_session (Course     *course,
                    const char *date,
                    const char *therapist,
                    ...)
{
  LimberSession *session = limber_session_new (1, date);
  gint64 id = next_session_id++;
  const char *measure;
  va_list args;

  limber_session_set_id (session, id);
  limber_session_set_therapist (session, therapist);
  g_ptr_array_add (course->sessions, session);

  va_start (args, therapist);
  while ((measure = va_arg (args, const char *)) != NULL)
    {
      double value = va_arg (args, double);

      g_ptr_array_add (course->measurements,
                       limber_measurement_new (id, measure, LIMBER_SIDE_NONE, value));
    }
  va_end (args);
}

static void
add_course (LimberClinicStats *stats,
            const char        *condition,
            Course            *course)
{
  g_autoptr (LimberEpisode) episode = limber_episode_new (1, condition, "2026-01-05");
  g_autoptr (LimberEpisodeAnalysis) analysis = NULL;

  analysis = limber_episode_analysis_new (NULL, episode, course->sessions, course->measurements, NULL);
  limber_clinic_stats_add (stats, analysis);
}

static void
test_course_therapist (void)
{
  g_autoptr (Course) tie = course_new ();
  g_autoptr (Course) most = course_new ();
  g_autoptr (Course) none = course_new ();

  /* Two each: the course stays with the one who saw the patient first. */
  course_add_session (tie, "2026-01-05", "Anna", NULL);
  course_add_session (tie, "2026-01-06", "Ben", NULL);
  course_add_session (tie, "2026-01-07", "Ben", NULL);
  course_add_session (tie, "2026-01-08", "Anna", NULL);
  g_assert_cmpstr (limber_clinic_stats_course_therapist (tie->sessions), ==, "Anna");

  course_add_session (most, "2026-01-05", "Anna", NULL);
  course_add_session (most, "2026-01-06", "Ben", NULL);
  course_add_session (most, "2026-01-07", NULL, NULL);
  course_add_session (most, "2026-01-08", "Ben", NULL);
  g_assert_cmpstr (limber_clinic_stats_course_therapist (most->sessions), ==, "Ben");

  course_add_session (none, "2026-01-05", NULL, NULL);
  g_assert_null (limber_clinic_stats_course_therapist (none->sessions));
}

static void
test_rates_with_counts (void)
{
  g_autoptr (LimberClinicStats) stats = limber_clinic_stats_new ();
  g_autoptr (Course) odi_responder = course_new ();
  g_autoptr (Course) pain_only = course_new ();
  g_autoptr (Course) one_value = course_new ();
  g_autoptr (Course) ndi_responder = course_new ();
  GPtrArray *conditions, *therapists, *questionnaires;
  const LimberClinicStatsChange *pain;
  LimberClinicStatsGroup *group;
  guint n_responses = 0;

  /* Low back pain, ODI 50 → 35 → 20: a responder at the third session (−30, −60%). */
  course_add_session (odi_responder, "2026-01-05", "Anna", "prom.odi", 50.0, "pain.nprs", 7.0, NULL);
  course_add_session (odi_responder, "2026-01-12", "Anna", "prom.odi", 42.0, "pain.nprs", 6.0, NULL);
  course_add_session (odi_responder, "2026-01-19", "Ben", "prom.odi", 20.0, "pain.nprs", 3.0, NULL);
  add_course (stats, "low_back_pain", odi_responder);

  /* Low back pain, pain 6 → 5 and no questionnaire: pain decides, not a responder. */
  course_add_session (pain_only, "2026-02-02", "Ben", "pain.nprs", 6.0, NULL);
  course_add_session (pain_only, "2026-02-09", "Ben", "pain.nprs", 5.0, NULL);
  add_course (stats, "low_back_pain", pain_only);

  /* One value of pain only: not assessable. */
  course_add_session (one_value, "2026-03-02", "Ben", "pain.nprs", 6.0, NULL);
  add_course (stats, "low_back_pain", one_value);

  /* Neck pain, NDI 40 → 10: a responder at the second session. */
  course_add_session (ndi_responder, "2026-04-06", "Anna", "prom.ndi", 40.0, NULL);
  course_add_session (ndi_responder, "2026-04-13", "Anna", "prom.ndi", 10.0, NULL);
  add_course (stats, "neck_pain", ndi_responder);

  g_assert_cmpuint (limber_clinic_stats_get_n_courses (stats), ==, 4);
  g_assert_cmpuint (limber_clinic_stats_get_n_assessable (stats), ==, 3);
  g_assert_cmpuint (limber_clinic_stats_get_n_successful (stats), ==, 2);
  g_assert_cmpuint (limber_clinic_stats_get_n_not_assessable (stats), ==, 1);
  g_assert_cmpfloat_with_epsilon (limber_clinic_stats_get_success_rate (stats), 200.0 / 3, 1e-9);

  conditions = limber_clinic_stats_get_by_condition (stats);
  g_assert_cmpuint (conditions->len, ==, 2);
  group = g_ptr_array_index (conditions, 0);
  g_assert_cmpstr (group->key, ==, "low_back_pain");
  g_assert_cmpuint (group->n_courses, ==, 3);
  g_assert_cmpuint (group->n_assessable, ==, 2);
  g_assert_cmpuint (group->n_successful, ==, 1);
  group = g_ptr_array_index (conditions, 1);
  g_assert_cmpstr (group->key, ==, "neck_pain");
  g_assert_cmpuint (group->n_successful, ==, 1);
  g_assert_cmpuint (group->n_assessable, ==, 1);

  /* Anna treated two of the three sessions of the first course. */
  therapists = limber_clinic_stats_get_by_therapist (stats);
  g_assert_cmpuint (therapists->len, ==, 2);
  group = g_ptr_array_index (therapists, 0);
  g_assert_cmpstr (group->key, ==, "Anna");
  g_assert_cmpuint (group->n_courses, ==, 2);
  g_assert_cmpuint (group->n_successful, ==, 2);
  group = g_ptr_array_index (therapists, 1);
  g_assert_cmpstr (group->key, ==, "Ben");
  g_assert_cmpuint (group->n_courses, ==, 2);
  g_assert_cmpuint (group->n_assessable, ==, 1);
  g_assert_cmpuint (group->n_successful, ==, 0);

  /* Responses at sessions 3 and 2. */
  g_assert_cmpfloat (limber_clinic_stats_get_median_sessions_to_response (stats, &n_responses),
                     ==, 2.5);
  g_assert_cmpuint (n_responses, ==, 2);

  /* Pain: 7 → 3 and 6 → 5 (the single value does not count). */
  pain = limber_clinic_stats_get_pain_change (stats);
  g_assert_cmpuint (pain->n_courses, ==, 2);
  g_assert_cmpfloat_with_epsilon (pain->mean_change, -2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (pain->mean_baseline, 6.5, 1e-9);

  /* Each course's own main questionnaire, in catalog order. */
  questionnaires = limber_clinic_stats_get_questionnaire_changes (stats);
  g_assert_cmpuint (questionnaires->len, ==, 2);
  g_assert_cmpstr (limber_measure_get_code (((LimberClinicStatsChange *) g_ptr_array_index (questionnaires, 0))->measure),
                   ==, "prom.odi");
  g_assert_cmpfloat_with_epsilon (((LimberClinicStatsChange *) g_ptr_array_index (questionnaires, 0))->mean_change,
                                  -30, 1e-9);
  g_assert_cmpstr (limber_measure_get_code (((LimberClinicStatsChange *) g_ptr_array_index (questionnaires, 1))->measure),
                   ==, "prom.ndi");
}

static void
test_empty_clinic (void)
{
  g_autoptr (LimberClinicStats) stats = limber_clinic_stats_new ();
  guint n = 99;

  g_assert_cmpuint (limber_clinic_stats_get_n_courses (stats), ==, 0);
  g_assert_true (isnan (limber_clinic_stats_get_success_rate (stats)));
  g_assert_true (isnan (limber_clinic_stats_get_median_sessions_to_response (stats, &n)));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (limber_clinic_stats_get_by_condition (stats)->len, ==, 0);
  g_assert_cmpuint (limber_clinic_stats_get_pain_change (stats)->n_courses, ==, 0);
  g_assert_true (isnan (limber_clinic_stats_rate (0, 0)));
  g_assert_cmpfloat (limber_clinic_stats_rate (5, 7), ==, 500.0 / 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinic-stats/course-therapist", test_course_therapist);
  g_test_add_func ("/clinic-stats/rates-with-counts", test_rates_with_counts);
  g_test_add_func ("/clinic-stats/empty-clinic", test_empty_clinic);

  return g_test_run ();
}
