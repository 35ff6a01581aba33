/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-course.h"
#include "limber-goal.h"
#include "limber-measure.h"
#include "limber-measurement.h"
#include "limber-session.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_TREND (limber_trend_get_type ())

G_DECLARE_FINAL_TYPE (LimberTrend, limber_trend, LIMBER, TREND, GObject)

typedef enum
{
  LIMBER_TREND_STATUS_NO_CHANGE,  /* "no meaningful change" */
  LIMBER_TREND_STATUS_IMPROVED,
  LIMBER_TREND_STATUS_WORSE,
} LimberTrendStatus;

/* Yes, no, "does not apply" (ROM, flexibility, strength have no responder rule), or
 * "not assessable": the baseline leaves less room than the threshold in the better
 * direction (pain 0 or 1, ODI under 10, LEFS over 71), so no important improvement
 * could be shown. Both of the last two are null in the JSON output. */
typedef enum
{
  LIMBER_RESPONDER_NOT_ASSESSABLE = -2,
  LIMBER_RESPONDER_NOT_APPLICABLE = -1,
  LIMBER_RESPONDER_NO = 0,
  LIMBER_RESPONDER_YES = 1,
} LimberResponder;

/* "improved", "worse", "no meaningful change" as in the JSON output. */
const char        *limber_trend_status_to_string (LimberTrendStatus status);

/* What analysis derives for one measure (and side) of one episode, per the
 * "Responders" rules of clinical-reference.md.
 *
 * sessions: the episode's LimberSession objects (any order); measurements: the
 * episode's LimberMeasurement objects; goals: its LimberGoal objects or NULL.
 * Returns a new GPtrArray of LimberTrend, one per measure and side that has at least
 * one value, ordered pain first, then questionnaires, ROM, flexibility, strength, in
 * catalog order, left before right. */
GPtrArray         *limber_trend_compute_all      (GPtrArray   *sessions,
                                                  GPtrArray   *measurements,
                                                  GPtrArray   *goals);

/* The same for a course given as plain arrays (its sessions already in order), as
 * the clinic's statistics read ten thousand courses. */
GPtrArray         *limber_trend_compute_for_course (const LimberCourse *course,
                                                    GPtrArray          *goals);

/* A new array of the same sessions in the order the trends count them: the visits
 * by date, and by id within one date, then the outcome contacts in the same order. */
GPtrArray         *limber_trend_sort_sessions    (GPtrArray   *sessions);

LimberMeasure     *limber_trend_get_measure        (LimberTrend *self);
LimberSide         limber_trend_get_side           (LimberTrend *self);
/* Number of sessions with a value of this measure and side. */
guint              limber_trend_get_n_values       (LimberTrend *self);
/* The values in session order with their session dates (borrowed). An extension
 * deficit's hyperextension (a negative value) counts as 0 here: reaching full
 * extension is the whole improvement. */
const double      *limber_trend_get_values         (LimberTrend *self,
                                                    guint       *n_values);
const char *const *limber_trend_get_dates          (LimberTrend *self);
/* For each value, the days since the episode's first session (not the trend's first
 * value), so that the trends of one episode share one time axis (borrowed). */
const double      *limber_trend_get_days           (LimberTrend *self);
/* For each value, the 1-based number of its session in the episode's session order
 * (the sessions given to limber_trend_compute_all(), limber_trend_sort_sessions()),
 * borrowed. A value given at an outcome contact has a number past the last visit's. */
const guint       *limber_trend_get_session_numbers (LimberTrend *self);
double             limber_trend_get_baseline       (LimberTrend *self);
double             limber_trend_get_latest         (LimberTrend *self);
/* latest − baseline */
double             limber_trend_get_change         (LimberTrend *self);
/* change ÷ |baseline| × 100 rounded to one decimal; NAN when the baseline is 0. */
double             limber_trend_get_percent_change (LimberTrend *self);
LimberTrendStatus  limber_trend_get_status         (LimberTrend *self);
LimberResponder    limber_trend_get_responder      (LimberTrend *self);
/* A responder whose pain fell by at least 50% (IMMPACT "substantial"); never said of
 * a non-responder. */
gboolean           limber_trend_get_substantial    (LimberTrend *self);
/* The smallest change that counts (the measure's threshold, see
 * limber_measure_get_threshold()) and what kind of number it is. */
double             limber_trend_get_threshold      (LimberTrend *self);
LimberThresholdKind limber_trend_get_threshold_kind (LimberTrend *self);
/* Least-squares slope in units per week over the values; 0 with fewer than 2. */
double             limber_trend_get_slope_per_week (LimberTrend *self);
/* The least-squares line value = intercept + slope_per_day × day, with days as
 * limber_trend_get_days() counts them; flat through the value with one value. */
void               limber_trend_get_fit            (LimberTrend *self,
                                                    double      *intercept,
                                                    double      *slope_per_day);
/* The goal's target, NAN when there is no goal. */
double             limber_trend_get_goal           (LimberTrend *self);
/* Projected YYYY-MM-DD at which the slope reaches the goal, NULL when there is no
 * goal, the goal is already met, or the trend does not head towards it (or would take
 * more than ten years). Where the regression line has already passed the target but
 * the latest value has not, the date is projected from the latest value at the
 * slope's pace, so it never lies before the latest session. */
const char        *limber_trend_get_goal_date      (LimberTrend *self);
/* Whether the latest value is at or beyond the goal in the better direction (FALSE
 * without a goal). */
gboolean           limber_trend_get_goal_is_met    (LimberTrend *self);
/* Whether the latest value lies in the measure's normal range (FALSE without one). */
gboolean           limber_trend_get_latest_is_normal (LimberTrend *self);
/* The index (0-based, in the values) of the first value at which the responder
 * threshold was met, -1 if never or not applicable. */
int                limber_trend_get_responder_index (LimberTrend *self);
/* The 1-based session number (see limber_trend_get_session_numbers()) at which the
 * responder threshold was first met, 0 if never or not applicable. */
guint              limber_trend_get_responder_session (LimberTrend *self);
G_END_DECLS
