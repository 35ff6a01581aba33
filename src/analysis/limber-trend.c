/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-trend"

#include "config.h"

#include <math.h>
#include <string.h>

#include "limber-date.h"
#include "limber-trend.h"

/* Changes are differences of decimal values, so a change of 2 may arrive as
 * 1.9999999999: within this tolerance a change still meets its threshold. */
#define TOLERANCE 1e-9

/* A goal the trend would reach only after this many days is no date worth showing;
 * the limit also keeps the projection inside the calendar. */
#define MAX_PROJECTION_DAYS 3660

#define DAYS_PER_WEEK 7.0

struct _LimberTrend
{
  GObject            parent_instance;

  /* Borrowed: catalog entries live for the whole program. */
  LimberMeasure     *measure;
  LimberSide         side;

  /* Owned. */
  GArray            *values;           /* double, in session order */
  GArray            *session_numbers;  /* guint, 1-based, one per value */
  GArray            *days;             /* double, since the episode's first session */
  GStrv              dates;            /* session date of each value */
  char              *goal_date;

  LimberTrendStatus  status;
  LimberResponder    responder;
  gboolean           substantial;
  gboolean           latest_is_normal;
  int                responder_index;
  double             percent_change;
  double             intercept;
  double             slope_per_day;
  double             goal;
};

G_DEFINE_FINAL_TYPE (LimberTrend, limber_trend, G_TYPE_OBJECT)

/* One value of a measure and side, before it becomes part of a trend. */
typedef struct
{
  guint       session_number;  /* 1-based, in the episode's session order */
  const char *date;            /* borrowed from the session */
  guint32     julian;          /* of date */
  double      value;
} TrendPoint;

static void
limber_trend_finalize (GObject *object)
{
  LimberTrend *self = (LimberTrend *)object;

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->session_numbers, g_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->dates, g_strfreev);
  g_clear_pointer (&self->goal_date, g_free);

  G_OBJECT_CLASS (limber_trend_parent_class)->finalize (object);
}

static void
limber_trend_class_init (LimberTrendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_trend_finalize;
}

static void
limber_trend_init (LimberTrend *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->session_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->days = g_array_new (FALSE, FALSE, sizeof (double));
  self->dates = g_new0 (char *, 1);
  self->status = LIMBER_TREND_STATUS_NO_CHANGE;
  self->responder = LIMBER_RESPONDER_NOT_APPLICABLE;
  self->responder_index = -1;
  self->percent_change = NAN;
  self->goal = NAN;
}

const char *
limber_trend_status_to_string (LimberTrendStatus status)
{
  switch (status)
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      return "improved";

    case LIMBER_TREND_STATUS_WORSE:
      return "worse";

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      return "no meaningful change";
    }
}

/* ----- The rules of clinical-reference.md, "Responders" ----- */

/* The change from one value to another, positive when it goes the better way. */
static double
improvement_between (LimberMeasure *measure,
                     double         from,
                     double         to)
{
  double change = to - from;

  return limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER ? -change : change;
}

/* Whether an improvement reaches the measure's threshold. A change must be real, too,
 * so that a catalog entry without a threshold never turns "no change" into an
 * improvement. */
static gboolean
reaches_threshold (LimberMeasure *measure,
                   double         improvement)
{
  return improvement > TOLERANCE
         && improvement >= limber_measure_get_threshold (measure) - TOLERANCE;
}

/* The responder rule for one value against the baseline: at least the MCID points
 * and, where the measure names one, at least that percentage of the baseline. For
 * PGIC the value alone decides. */
static gboolean
meets_responder_rule (LimberMeasure *measure,
                      double         baseline,
                      double         value)
{
  double improvement;
  double mcid_percent;

  if (limber_measure_get_rates_change (measure))
    return value <= limber_measure_get_rating_improved_max (measure) + TOLERANCE;

  improvement = improvement_between (measure, baseline, value);
  if (!reaches_threshold (measure, improvement))
    return FALSE;

  mcid_percent = limber_measure_get_mcid_percent (measure);
  if (mcid_percent <= 0)
    return TRUE;

  /* There is no percentage of nothing: from a baseline of 0 any improvement counts. */
  if (baseline == 0)
    return TRUE;

  return improvement / fabs (baseline) * 100 >= mcid_percent - TOLERANCE;
}

static LimberTrendStatus
compute_status (LimberMeasure *measure,
                double         baseline,
                double         latest)
{
  double improvement;

  if (limber_measure_get_rates_change (measure))
    {
      if (latest <= limber_measure_get_rating_improved_max (measure) + TOLERANCE)
        return LIMBER_TREND_STATUS_IMPROVED;
      if (latest >= limber_measure_get_rating_worse_min (measure) - TOLERANCE)
        return LIMBER_TREND_STATUS_WORSE;
      return LIMBER_TREND_STATUS_NO_CHANGE;
    }

  improvement = improvement_between (measure, baseline, latest);
  if (reaches_threshold (measure, improvement))
    return LIMBER_TREND_STATUS_IMPROVED;
  if (reaches_threshold (measure, -improvement))
    return LIMBER_TREND_STATUS_WORSE;

  return LIMBER_TREND_STATUS_NO_CHANGE;
}

/* Floor and ceiling: whether the baseline leaves room for an improvement of the
 * threshold in the better direction. Pain at 1 cannot fall by 2 points. */
static gboolean
leaves_room (LimberMeasure *measure,
             double         baseline)
{
  double room = limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                ? baseline - limber_measure_get_min (measure)
                : limber_measure_get_max (measure) - baseline;

  return room >= limber_measure_get_threshold (measure) - TOLERANCE;
}

static gboolean
compute_substantial (LimberMeasure *measure,
                     double         baseline,
                     double         latest)
{
  double substantial_percent = limber_measure_get_substantial_percent (measure);
  double improvement;

  if (substantial_percent <= 0 || baseline == 0)
    return FALSE;

  improvement = improvement_between (measure, baseline, latest);

  return improvement > TOLERANCE
         && improvement / fabs (baseline) * 100 >= substantial_percent - TOLERANCE;
}

/* Rounds half away from zero; the nudge keeps 12.25 (stored as 12.2499999…) from
 * rounding down. */
static double
round_to_tenth (double value)
{
  return round (value * 10 + copysign (TOLERANCE, value)) / 10;
}

static void
limber_trend_assess (LimberTrend *self)
{
  const double *values = (const double *)self->values->data;
  guint n = self->values->len;
  double baseline = values[0];
  double latest = values[n - 1];

  /* A percentage needs a change (two values) and a baseline to be a percentage of;
   * on a scale that allows negative values the zero is arbitrary, and so would be
   * any percentage of it. */
  if (n > 1 && baseline != 0 && limber_measure_get_min (self->measure) >= 0)
    self->percent_change = round_to_tenth ((latest - baseline) / fabs (baseline) * 100);

  self->status = compute_status (self->measure, baseline, latest);

  if (limber_measure_get_has_normal (self->measure))
    self->latest_is_normal = latest >= limber_measure_get_normal_low (self->measure)
                             && latest <= limber_measure_get_normal_high (self->measure);

  if (!limber_measure_get_has_responder_rule (self->measure))
    return;

  if (!limber_measure_get_rates_change (self->measure) && !leaves_room (self->measure, baseline))
    {
      self->responder = LIMBER_RESPONDER_NOT_ASSESSABLE;
      return;
    }

  /* A single value has not changed, so only PGIC can make a responder of it. */
  if (n == 1 && !limber_measure_get_rates_change (self->measure))
    {
      self->responder = LIMBER_RESPONDER_NO;
      return;
    }

  self->responder = meets_responder_rule (self->measure, baseline, latest)
                    ? LIMBER_RESPONDER_YES
                    : LIMBER_RESPONDER_NO;

  /* Substantial is a degree of response: never said of a non-responder. */
  self->substantial = self->responder == LIMBER_RESPONDER_YES
                      && compute_substantial (self->measure, baseline, latest);

  for (guint i = 0; i < n; i++)
    {
      if (meets_responder_rule (self->measure, baseline, values[i]))
        {
          self->responder_index = (int)i;
          break;
        }
    }
}

/* ----- Slope and goal ----- */

/* Least-squares line value = intercept + slope × day; flat through the mean when
 * every value has the same day. */
static void
fit_line (const double *days,
          const double *values,
          guint         n,
          double       *slope,
          double       *intercept)
{
  double mean_day = 0;
  double mean_value = 0;
  double sxy = 0;
  double sxx = 0;

  for (guint i = 0; i < n; i++)
    {
      mean_day += days[i] / n;
      mean_value += values[i] / n;
    }

  for (guint i = 0; i < n; i++)
    {
      sxy += (days[i] - mean_day) * (values[i] - mean_value);
      sxx += (days[i] - mean_day) * (days[i] - mean_day);
    }

  *slope = sxx > 0 ? sxy / sxx : 0;
  *intercept = mean_value - *slope * mean_day;
}

static LimberGoal *
find_goal (GPtrArray     *goals,
           LimberMeasure *measure,
           LimberSide     side)
{
  if (goals == NULL)
    return NULL;

  for (guint i = 0; i < goals->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (goals, i);

      if (g_strcmp0 (limber_goal_get_measure (goal), limber_measure_get_code (measure)) == 0
          && limber_goal_get_side (goal) == side)
        return goal;
    }

  return NULL;
}

/* Met: at or beyond the target in the better direction. */
static gboolean
goal_is_met (LimberTrend *self)
{
  return improvement_between (self->measure, self->goal,
                              limber_trend_get_latest (self)) >= -TOLERANCE;
}

gboolean
limber_trend_get_goal_is_met (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), FALSE);

  return !isnan (self->goal) && goal_is_met (self);
}

/* The day (counted from the first value) on which the line reaches the goal. */
static char *
project_goal_date (LimberTrend  *self,
                   const double *days,
                   double        slope,
                   double        intercept,
                   guint32       first_julian)
{
  double latest_day = days[self->values->len - 1];
  double day;

  if (isnan (self->goal) || goal_is_met (self))
    return NULL;

  /* Heading away from the goal, or not moving at all. */
  if (improvement_between (self->measure, 0, slope) <= 0)
    return NULL;

  day = (self->goal - intercept) / slope;

  /* The line may have passed the target while the latest value lags behind it: from
   * where the patient is now, the trend's pace still has the rest of the way to go. */
  if (day <= latest_day)
    day = latest_day + (self->goal - limber_trend_get_latest (self)) / slope;

  if (day > latest_day + MAX_PROJECTION_DAYS)
    return NULL;

  return limber_date_from_julian (first_julian + (guint32)ceil (day - TOLERANCE));
}

static void
limber_trend_fit (LimberTrend *self,
                  GPtrArray   *goals,
                  guint32      first_julian)
{
  const double *days = (const double *)self->days->data;
  LimberGoal *goal;

  fit_line (days, (const double *)self->values->data, self->values->len,
            &self->slope_per_day, &self->intercept);

  goal = find_goal (goals, self->measure, self->side);
  if (goal == NULL)
    return;

  self->goal = limber_goal_get_target (goal);
  self->goal_date = project_goal_date (self, days, self->slope_per_day, self->intercept,
                                       first_julian);
}

/* ----- Building trends from an episode ----- */

static LimberTrend *
limber_trend_new (LimberMeasure *measure,
                  LimberSide     side,
                  GArray        *points,
                  GPtrArray     *goals,
                  guint32        first_julian)
{
  LimberTrend *self = g_object_new (LIMBER_TYPE_TREND, NULL);
  g_autoptr(GStrvBuilder) dates = g_strv_builder_new ();

  g_assert (points->len > 0);

  self->measure = measure;
  self->side = side;

  g_array_set_size (self->values, points->len);
  g_array_set_size (self->session_numbers, points->len);
  g_array_set_size (self->days, points->len);
  for (guint i = 0; i < points->len; i++)
    {
      const TrendPoint *point = &g_array_index (points, TrendPoint, i);

      g_array_index (self->values, double, i) = point->value;
      g_array_index (self->session_numbers, guint, i) = point->session_number;
      g_array_index (self->days, double, i) = (double)point->julian - first_julian;
      g_strv_builder_add (dates, point->date);
    }

  g_strfreev (self->dates);
  self->dates = g_strv_builder_end (dates);

  limber_trend_assess (self);
  limber_trend_fit (self, goals, first_julian);

  return self;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  LimberSession *session_a = *(LimberSession **)a;
  LimberSession *session_b = *(LimberSession **)b;
  gint64 id_a = limber_session_get_id (session_a);
  gint64 id_b = limber_session_get_id (session_b);
  int cmp;

  /* Visits first, then outcome contacts, so that a visit's number is the same with
   * or without them (see LimberCourse). */
  cmp = limber_session_get_outcome_contact (session_a)
        - limber_session_get_outcome_contact (session_b);
  if (cmp != 0)
    return cmp;

  /* ISO dates: text order is time order. */
  cmp = g_strcmp0 (limber_session_get_date (session_a), limber_session_get_date (session_b));
  if (cmp != 0)
    return cmp;

  return (id_a > id_b) - (id_a < id_b);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const TrendPoint *point_a = a;
  const TrendPoint *point_b = b;

  return (point_a->session_number > point_b->session_number)
         - (point_a->session_number < point_b->session_number);
}

/* Sorts the points by session and keeps one value per session: the store allows no
 * more, and where a caller passes two, the later one in its list wins. The sort is
 * stable, so that one comes last. */
static void
sort_points (GArray *points)
{
  guint kept = 0;

  g_array_sort (points, compare_points);

  for (guint i = 0; i < points->len; i++)
    {
      const TrendPoint *point = &g_array_index (points, TrendPoint, i);

      if (kept > 0
          && g_array_index (points, TrendPoint, kept - 1).session_number == point->session_number)
        kept--;

      g_array_index (points, TrendPoint, kept++) = *point;
    }

  g_array_set_size (points, kept);
}

GPtrArray *
limber_trend_sort_sessions (GPtrArray *sessions)
{
  GPtrArray *sorted;

  g_return_val_if_fail (sessions != NULL, NULL);

  sorted = g_ptr_array_new_full (sessions->len, g_object_unref);
  for (guint i = 0; i < sessions->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (sessions, i)));
  g_ptr_array_sort (sorted, compare_sessions);

  return sorted;
}

#define N_SIDES (LIMBER_SIDE_RIGHT + 1)

/* The catalog in the order of the trends: pain first, then questionnaires, ROM,
 * flexibility, strength (the kinds' order), each kind in catalog order; and each
 * measure's place in that order. The catalog never changes, so this is worked out
 * once rather than for every course. */
typedef struct
{
  GPtrArray  *measures;   /* LimberMeasure */
  GHashTable *positions;  /* LimberMeasure → its index + 1 */
} TrendOrder;

static const TrendOrder *
trend_order (void)
{
  static TrendOrder *order;

  if (g_once_init_enter (&order))
    {
      GListModel *catalog = limber_measure_get_catalog ();
      guint n_measures = g_list_model_get_n_items (catalog);
      TrendOrder *made = g_new0 (TrendOrder, 1);

      made->measures = g_ptr_array_new_full (n_measures, g_object_unref);
      made->positions = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (int kind = LIMBER_MEASURE_KIND_PAIN; kind <= LIMBER_MEASURE_KIND_STRENGTH; kind++)
        {
          for (guint i = 0; i < n_measures; i++)
            {
              g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);

              if ((int)limber_measure_get_kind (measure) != kind)
                continue;
              g_hash_table_insert (made->positions, measure,
                                   GUINT_TO_POINTER (made->measures->len + 1));
              g_ptr_array_add (made->measures, g_steal_pointer (&measure));
            }
        }

      g_once_init_leave (&order, made);
    }

  return order;
}

/* The values of each measure and side as arrays of TrendPoint in session order, at
 * [position × N_SIDES + side] of the returned array (NULL where there is none).
 * Values of unknown measures or sessions, and values that are not numbers, are left
 * out. */
static GArray **
group_points (const TrendOrder          *order,
              const LimberCourseSession *sessions,
              guint                      n_sessions,
              const LimberCourseValue   *values,
              guint                      n_values)
{
  GArray **groups = g_new0 (GArray *, order->measures->len * N_SIDES);
  LimberMeasure *last_measure = NULL;
  guint position = 0;

  for (guint i = 0; i < n_values; i++)
    {
      const LimberCourseValue *value = &values[i];
      TrendPoint point;
      GArray **points;

      /* The left and right values of a measure come together: look up only a new one. */
      if (value->measure != last_measure || i == 0)
        {
          last_measure = value->measure;
          position = last_measure != NULL
                     ? GPOINTER_TO_UINT (g_hash_table_lookup (order->positions, last_measure))
                     : 0;
        }

      point.value = value->value;

      /* Hyperextension is neither better nor worse than full extension. */
      if (value->measure != NULL && limber_measure_get_negative_counts_as_zero (value->measure))
        point.value = MAX (point.value, 0);

      if (position == 0 || value->session >= n_sessions || !isfinite (point.value)
          || value->side > LIMBER_SIDE_RIGHT)
        {
          g_debug ("Leaving out a value of %s: unknown measure, session or value",
                   value->measure != NULL ? limber_measure_get_code (value->measure) : "?");
          continue;
        }

      point.session_number = value->session + 1;
      point.date = sessions[value->session].date;
      point.julian = sessions[value->session].julian;

      points = &groups[(position - 1) * N_SIDES + value->side];
      if (*points == NULL)
        *points = g_array_sized_new (FALSE, FALSE, sizeof (TrendPoint), n_sessions);
      g_array_append_val (*points, point);
    }

  return groups;
}

/* The one way from a course's values to its trends. */
static GPtrArray *
compute_trends (const LimberCourseSession *sessions,
                guint                      n_sessions,
                const LimberCourseValue   *values,
                guint                      n_values,
                GPtrArray                 *goals)
{
  static const LimberSide sides[] = { LIMBER_SIDE_NONE, LIMBER_SIDE_LEFT, LIMBER_SIDE_RIGHT };
  const TrendOrder *order = trend_order ();
  GPtrArray *trends = g_ptr_array_new_with_free_func (g_object_unref);
  GArray **groups;

  if (n_sessions == 0 || n_values == 0)
    return trends;

  groups = group_points (order, sessions, n_sessions, values, n_values);
  for (guint i = 0; i < order->measures->len; i++)
    {
      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          GArray *points = groups[i * N_SIDES + sides[s]];

          if (points == NULL)
            continue;
          sort_points (points);
          g_ptr_array_add (trends, limber_trend_new (g_ptr_array_index (order->measures, i),
                                                     sides[s], points, goals,
                                                     sessions[0].julian));
          g_array_unref (points);
        }
    }
  g_free (groups);

  return trends;
}

GPtrArray *
limber_trend_compute_all (GPtrArray *sessions,
                          GPtrArray *measurements,
                          GPtrArray *goals)
{
  g_autoptr(GPtrArray) sorted_sessions = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autofree LimberCourseSession *course_sessions = NULL;
  g_autofree LimberCourseValue *values = NULL;
  guint n_values = 0;

  g_return_val_if_fail (sessions != NULL, NULL);
  g_return_val_if_fail (measurements != NULL, NULL);

  sorted_sessions = limber_trend_sort_sessions (sessions);

  /* Each session's day once, rather than once for every value of it. */
  course_sessions = g_new (LimberCourseSession, MAX (sorted_sessions->len, 1));
  numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < sorted_sessions->len; i++)
    {
      LimberSession *session = g_ptr_array_index (sorted_sessions, i);
      gint64 id = limber_session_get_id (session);

      course_sessions[i].date = limber_session_get_date (session);
      course_sessions[i].julian = limber_date_to_julian (course_sessions[i].date);
      course_sessions[i].therapist = limber_session_get_therapist (session);
      g_hash_table_insert (numbers, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
    }

  values = g_new (LimberCourseValue, MAX (measurements->len, 1));
  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
      gint64 session_id = limber_measurement_get_session_id (measurement);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, &session_id));

      if (number == 0)
        {
          g_debug ("Leaving out %s of session %" G_GINT64_FORMAT ": unknown session",
                   limber_measurement_get_measure (measurement), session_id);
          continue;
        }

      values[n_values].session = number - 1;
      values[n_values].measure = limber_measurement_get_measure_info (measurement);
      values[n_values].side = limber_measurement_get_side (measurement);
      values[n_values].value = limber_measurement_get_value (measurement);
      n_values++;
    }

  return compute_trends (course_sessions, sorted_sessions->len, values, n_values, goals);
}

GPtrArray *
limber_trend_compute_for_course (const LimberCourse *course,
                                 GPtrArray          *goals)
{
  g_return_val_if_fail (course != NULL, NULL);

  return compute_trends (course->sessions, course->n_sessions, course->values,
                         course->n_values, goals);
}

/* ----- Getters ----- */

LimberMeasure *
limber_trend_get_measure (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  return self->measure;
}

LimberSide
limber_trend_get_side (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), LIMBER_SIDE_NONE);

  return self->side;
}

guint
limber_trend_get_n_values (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), 0);

  return self->values->len;
}

const double *
limber_trend_get_values (LimberTrend *self,
                         guint       *n_values)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  if (n_values != NULL)
    *n_values = self->values->len;

  return (const double *)self->values->data;
}

const char *const *
limber_trend_get_dates (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  return (const char *const *)self->dates;
}

const double *
limber_trend_get_days (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  return (const double *)self->days->data;
}

const guint *
limber_trend_get_session_numbers (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  return (const guint *)self->session_numbers->data;
}

double
limber_trend_get_baseline (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  if (self->values->len == 0)
    return NAN;

  return g_array_index (self->values, double, 0);
}

double
limber_trend_get_latest (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  if (self->values->len == 0)
    return NAN;

  return g_array_index (self->values, double, self->values->len - 1);
}

double
limber_trend_get_change (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  return limber_trend_get_latest (self) - limber_trend_get_baseline (self);
}

double
limber_trend_get_percent_change (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  return self->percent_change;
}

LimberTrendStatus
limber_trend_get_status (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), LIMBER_TREND_STATUS_NO_CHANGE);

  return self->status;
}

LimberResponder
limber_trend_get_responder (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), LIMBER_RESPONDER_NOT_APPLICABLE);

  return self->responder;
}

gboolean
limber_trend_get_substantial (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), FALSE);

  return self->substantial;
}

double
limber_trend_get_threshold (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  return limber_measure_get_threshold (self->measure);
}

LimberThresholdKind
limber_trend_get_threshold_kind (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), LIMBER_THRESHOLD_MCID);

  return limber_measure_get_threshold_kind (self->measure);
}

double
limber_trend_get_slope_per_week (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), 0);

  return self->slope_per_day * DAYS_PER_WEEK;
}

void
limber_trend_get_fit (LimberTrend *self,
                      double      *intercept,
                      double      *slope_per_day)
{
  g_return_if_fail (LIMBER_IS_TREND (self));

  if (intercept != NULL)
    *intercept = self->intercept;
  if (slope_per_day != NULL)
    *slope_per_day = self->slope_per_day;
}

double
limber_trend_get_goal (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NAN);

  return self->goal;
}

const char *
limber_trend_get_goal_date (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), NULL);

  return self->goal_date;
}

gboolean
limber_trend_get_latest_is_normal (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), FALSE);

  return self->latest_is_normal;
}

int
limber_trend_get_responder_index (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), -1);

  return self->responder_index;
}

guint
limber_trend_get_responder_session (LimberTrend *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND (self), 0);

  if (self->responder_index < 0)
    return 0;

  return g_array_index (self->session_numbers, guint, self->responder_index);
}
