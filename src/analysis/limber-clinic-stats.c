/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clinic-stats"

#include "config.h"

#include <math.h>

#include "limber-clinic-stats.h"

typedef struct
{
  LimberClinicStatsChange change;
  double                  sum_baseline;
  double                  sum_latest;
  guint                   catalog_index;
} ChangeSum;

struct _LimberClinicStats
{
  GObject     parent_instance;

  guint       n_courses;
  guint       n_assessable;
  guint       n_successful;
  GHashTable *by_condition;       /* code → LimberClinicStatsGroup */
  GHashTable *by_therapist;       /* name → LimberClinicStatsGroup */
  GArray     *sessions_to_response;  /* guint */
  ChangeSum   pain;
  GHashTable *questionnaires;     /* LimberMeasure → ChangeSum */

  /* Sorted views, made when asked for after a change. */
  GPtrArray  *condition_rows;
  GPtrArray  *therapist_rows;
  GPtrArray  *questionnaire_rows;
};

G_DEFINE_FINAL_TYPE (LimberClinicStats, limber_clinic_stats, G_TYPE_OBJECT)

static void
group_free (gpointer data)
{
  LimberClinicStatsGroup *group = data;

  g_free (group->key);
  g_free (group);
}

static void
limber_clinic_stats_finalize (GObject *object)
{
  LimberClinicStats *self = (LimberClinicStats *)object;

  g_clear_pointer (&self->by_condition, g_hash_table_unref);
  g_clear_pointer (&self->by_therapist, g_hash_table_unref);
  g_clear_pointer (&self->sessions_to_response, g_array_unref);
  g_clear_pointer (&self->questionnaires, g_hash_table_unref);
  g_clear_pointer (&self->condition_rows, g_ptr_array_unref);
  g_clear_pointer (&self->therapist_rows, g_ptr_array_unref);
  g_clear_pointer (&self->questionnaire_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_clinic_stats_parent_class)->finalize (object);
}

static void
limber_clinic_stats_class_init (LimberClinicStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_clinic_stats_finalize;
}

static void
limber_clinic_stats_init (LimberClinicStats *self)
{
  self->by_condition = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  self->by_therapist = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  self->sessions_to_response = g_array_new (FALSE, FALSE, sizeof (guint));
  self->questionnaires = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->pain.change.measure = limber_measure_lookup ("pain.nprs");
}

LimberClinicStats *
limber_clinic_stats_new (void)
{
  return g_object_new (LIMBER_TYPE_CLINIC_STATS, NULL);
}

/* Counts every session first; then, in the order the therapists first saw the
 * patient, a later one takes the course only with strictly more sessions, so that a
 * tie stays with the one who saw the patient first. A course has few therapists, so
 * a list serves better than a table. therapist(i) gives session i's, NULL when not
 * recorded. */
typedef struct
{
  const char *name;
  guint       count;
} TherapistCount;

static const char *
most_sessions (guint        n_sessions,
               const char *(*therapist_of) (gconstpointer sessions, guint i),
               gconstpointer sessions)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (TherapistCount));
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < n_sessions; i++)
    {
      const char *therapist = therapist_of (sessions, i);
      guint j;

      if (therapist == NULL)
        continue;
      for (j = 0; j < seen->len; j++)
        if (g_str_equal (g_array_index (seen, TherapistCount, j).name, therapist))
          break;
      if (j == seen->len)
        {
          TherapistCount first = { therapist, 0 };

          g_array_append_val (seen, first);
        }
      g_array_index (seen, TherapistCount, j).count++;
    }

  for (guint j = 0; j < seen->len; j++)
    {
      const TherapistCount *count = &g_array_index (seen, TherapistCount, j);

      if (count->count > best_count)
        {
          best = count->name;
          best_count = count->count;
        }
    }

  return best;
}

static const char *
therapist_of_session (gconstpointer sessions,
                      guint         i)
{
  return limber_session_get_therapist (g_ptr_array_index ((GPtrArray *) sessions, i));
}

static const char *
therapist_of_course_session (gconstpointer sessions,
                             guint         i)
{
  return ((const LimberCourseSession *) sessions)[i].therapist;
}

const char *
limber_clinic_stats_course_therapist (GPtrArray *sessions)
{
  g_return_val_if_fail (sessions != NULL, NULL);

  return most_sessions (sessions->len, therapist_of_session, sessions);
}

static void
invalidate_views (LimberClinicStats *self)
{
  g_clear_pointer (&self->condition_rows, g_ptr_array_unref);
  g_clear_pointer (&self->therapist_rows, g_ptr_array_unref);
  g_clear_pointer (&self->questionnaire_rows, g_ptr_array_unref);
}

static void
count_in (GHashTable    *table,
          const char    *key,
          LimberSuccess  success)
{
  LimberClinicStatsGroup *group = g_hash_table_lookup (table, key);

  if (group == NULL)
    {
      group = g_new0 (LimberClinicStatsGroup, 1);
      group->key = g_strdup (key);
      g_hash_table_insert (table, group->key, group);
    }

  group->n_courses++;
  if (success != LIMBER_SUCCESS_UNKNOWN)
    group->n_assessable++;
  if (success == LIMBER_SUCCESS_YES)
    group->n_successful++;
}

static void
add_change (ChangeSum   *sum,
            LimberTrend *trend)
{
  if (trend == NULL || limber_trend_get_n_values (trend) < 2)
    return;

  sum->change.n_courses++;
  sum->sum_baseline += limber_trend_get_baseline (trend);
  sum->sum_latest += limber_trend_get_latest (trend);
}

static LimberTrend *
find_trend (GPtrArray     *trends,
            LimberMeasure *measure,
            LimberSide     side)
{
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);

      if (limber_trend_get_measure (trend) == measure && limber_trend_get_side (trend) == side)
        return trend;
    }
  return NULL;
}

/* One course: its condition's code, the outcome and trends of its analysis, and the
 * therapist it belongs to. */
static void
add_course (LimberClinicStats    *self,
            const char           *condition_code,
            LimberEpisodeOutcome *outcome,
            GPtrArray            *trends,
            const char           *therapist)
{
  LimberCondition *condition;
  LimberSuccess success;

  invalidate_views (self);

  success = limber_episode_outcome_get_success (outcome);

  self->n_courses++;
  if (success != LIMBER_SUCCESS_UNKNOWN)
    self->n_assessable++;
  if (success == LIMBER_SUCCESS_YES)
    {
      guint sessions = limber_episode_outcome_get_sessions_to_response (outcome);

      self->n_successful++;
      if (sessions > 0)
        g_array_append_val (self->sessions_to_response, sessions);
    }

  count_in (self->by_condition, condition_code, success);
  count_in (self->by_therapist, therapist != NULL ? therapist : "", success);

  add_change (&self->pain, find_trend (trends, self->pain.change.measure, LIMBER_SIDE_NONE));

  condition = limber_condition_lookup (condition_code);
  if (condition != NULL)
    {
      LimberMeasure *main_measure = limber_condition_get_main_measure (condition);
      LimberTrend *trend = find_trend (trends, main_measure, LIMBER_SIDE_NONE);
      ChangeSum *sum;

      if (trend == NULL || limber_trend_get_n_values (trend) < 2)
        return;
      sum = g_hash_table_lookup (self->questionnaires, main_measure);
      if (sum == NULL)
        {
          sum = g_new0 (ChangeSum, 1);
          sum->change.measure = main_measure;
          g_hash_table_insert (self->questionnaires, main_measure, sum);
        }
      add_change (sum, trend);
    }
}

void
limber_clinic_stats_add (LimberClinicStats     *self,
                         LimberEpisodeAnalysis *analysis)
{
  g_return_if_fail (LIMBER_IS_CLINIC_STATS (self));
  g_return_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis));

  add_course (self, limber_episode_get_condition (limber_episode_analysis_get_episode (analysis)),
              limber_episode_analysis_get_outcome (analysis),
              limber_episode_analysis_get_trends (analysis),
              limber_clinic_stats_course_therapist (limber_episode_analysis_get_sessions (analysis)));
}

void
limber_clinic_stats_add_course (LimberClinicStats  *self,
                                const LimberCourse *course)
{
  g_autoptr (GPtrArray) trends = NULL;
  g_autoptr (LimberEpisodeOutcome) outcome = NULL;

  g_return_if_fail (LIMBER_IS_CLINIC_STATS (self));
  g_return_if_fail (course != NULL && course->condition != NULL);

  trends = limber_trend_compute_for_course (course, NULL);
  outcome = limber_episode_outcome_compute_for_condition (limber_condition_lookup (course->condition),
                                                          trends, course->n_visits);
  add_course (self, course->condition, outcome, trends,
              most_sessions (course->n_visits, therapist_of_course_session, course->sessions));
}

guint
limber_clinic_stats_get_n_courses (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), 0);

  return self->n_courses;
}

guint
limber_clinic_stats_get_n_assessable (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), 0);

  return self->n_assessable;
}

guint
limber_clinic_stats_get_n_successful (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), 0);

  return self->n_successful;
}

guint
limber_clinic_stats_get_n_not_assessable (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), 0);

  return self->n_courses - self->n_assessable;
}

double
limber_clinic_stats_rate (guint n_successful,
                          guint n_assessable)
{
  if (n_assessable == 0)
    return NAN;
  return 100.0 * n_successful / n_assessable;
}

double
limber_clinic_stats_get_success_rate (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NAN);

  return limber_clinic_stats_rate (self->n_successful, self->n_assessable);
}

static int
compare_conditions (gconstpointer a,
                    gconstpointer b)
{
  const LimberClinicStatsGroup *group_a = *(LimberClinicStatsGroup *const *) a;
  const LimberClinicStatsGroup *group_b = *(LimberClinicStatsGroup *const *) b;
  GListModel *catalog = limber_condition_get_catalog ();
  guint n = g_list_model_get_n_items (catalog);
  guint index_a = n, index_b = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LimberCondition) condition = g_list_model_get_item (catalog, i);
      const char *code = limber_condition_get_code (condition);

      if (g_str_equal (code, group_a->key))
        index_a = i;
      if (g_str_equal (code, group_b->key))
        index_b = i;
    }
  if (index_a != index_b)
    return index_a < index_b ? -1 : 1;
  return g_strcmp0 (group_a->key, group_b->key);
}

static int
compare_therapists (gconstpointer a,
                    gconstpointer b)
{
  const LimberClinicStatsGroup *group_a = *(LimberClinicStatsGroup *const *) a;
  const LimberClinicStatsGroup *group_b = *(LimberClinicStatsGroup *const *) b;

  /* The courses without a therapist come last. */
  if ((group_a->key[0] == '\0') != (group_b->key[0] == '\0'))
    return group_a->key[0] == '\0' ? 1 : -1;
  return g_utf8_collate (group_a->key, group_b->key);
}

static GPtrArray *
sorted_values (GHashTable       *table,
               GCompareFunc      compare)
{
  GPtrArray *rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare);
  return rows;
}

GPtrArray *
limber_clinic_stats_get_by_condition (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NULL);

  if (self->condition_rows == NULL)
    self->condition_rows = sorted_values (self->by_condition, compare_conditions);
  return self->condition_rows;
}

GPtrArray *
limber_clinic_stats_get_by_therapist (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NULL);

  if (self->therapist_rows == NULL)
    self->therapist_rows = sorted_values (self->by_therapist, compare_therapists);
  return self->therapist_rows;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

double
limber_clinic_stats_get_median_sessions_to_response (LimberClinicStats *self,
                                                     guint             *n)
{
  g_autoptr (GArray) sorted = NULL;
  guint len;

  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NAN);

  len = self->sessions_to_response->len;
  if (n != NULL)
    *n = len;
  if (len == 0)
    return NAN;

  sorted = g_array_copy (self->sessions_to_response);
  g_array_sort (sorted, compare_uints);
  if (len % 2 == 1)
    return g_array_index (sorted, guint, len / 2);
  return (g_array_index (sorted, guint, len / 2 - 1) + g_array_index (sorted, guint, len / 2)) / 2.0;
}

static void
finish_change (ChangeSum *sum)
{
  guint n = sum->change.n_courses;

  sum->change.mean_baseline = n > 0 ? sum->sum_baseline / n : NAN;
  sum->change.mean_latest = n > 0 ? sum->sum_latest / n : NAN;
  sum->change.mean_change = n > 0 ? (sum->sum_latest - sum->sum_baseline) / n : NAN;
}

const LimberClinicStatsChange *
limber_clinic_stats_get_pain_change (LimberClinicStats *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NULL);

  finish_change (&self->pain);
  return &self->pain.change;
}

static guint
catalog_index (LimberMeasure *measure)
{
  GListModel *catalog = limber_measure_get_catalog ();
  guint n = g_list_model_get_n_items (catalog);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LimberMeasure) item = g_list_model_get_item (catalog, i);

      if (item == measure)
        return i;
    }
  return n;
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const ChangeSum *sum_a = *(ChangeSum *const *) a;
  const ChangeSum *sum_b = *(ChangeSum *const *) b;

  return sum_a->catalog_index < sum_b->catalog_index ? -1 : sum_a->catalog_index > sum_b->catalog_index;
}

GPtrArray *
limber_clinic_stats_get_questionnaire_changes (LimberClinicStats *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (self), NULL);

  if (self->questionnaire_rows != NULL)
    return self->questionnaire_rows;

  g_hash_table_iter_init (&iter, self->questionnaires);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ChangeSum *sum = value;

      finish_change (sum);
      sum->catalog_index = catalog_index (sum->change.measure);
    }
  self->questionnaire_rows = sorted_values (self->questionnaires, compare_changes);
  return self->questionnaire_rows;
}
