/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-course.h"
#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_CLINIC_STATS (limber_clinic_stats_get_type ())

G_DECLARE_FINAL_TYPE (LimberClinicStats, limber_clinic_stats, LIMBER, CLINIC_STATS, GObject)

/* The clinic's outcomes over many courses of care, per "clinic success rate" of
 * clinical-reference.md: each course's success comes from its analysis; courses that
 * are not assessable are counted apart and left out of every rate; a course belongs
 * to the therapist who treated most of its sessions (on a tie, the one who saw the
 * patient first). Courses are added one at a time and not kept, so that a clinic of
 * any size is summed in little memory. */

/* One row of a breakdown (a condition or a therapist). */
typedef struct
{
  char  *key;           /* condition code, or therapist name ("" when not recorded) */
  guint  n_courses;
  guint  n_assessable;
  guint  n_successful;
} LimberClinicStatsGroup;

/* The mean change of one measure over the courses with two values of it or more. */
typedef struct
{
  LimberMeasure *measure;
  guint          n_courses;
  double         mean_baseline;
  double         mean_latest;
  double         mean_change;   /* latest − baseline */
} LimberClinicStatsChange;

/* The therapist a course belongs to, from its sessions in date order (borrowed);
 * NULL when no session names one. */
const char        *limber_clinic_stats_course_therapist   (GPtrArray             *sessions);

LimberClinicStats *limber_clinic_stats_new                (void);
void               limber_clinic_stats_add                (LimberClinicStats     *self,
                                                           LimberEpisodeAnalysis *analysis);
/* The same for a course given as plain arrays, as the clinic report reads ten
 * thousand: the same analysis without the objects of its sessions and measurements. */
void               limber_clinic_stats_add_course         (LimberClinicStats     *self,
                                                           const LimberCourse    *course);

guint              limber_clinic_stats_get_n_courses      (LimberClinicStats     *self);
guint              limber_clinic_stats_get_n_assessable   (LimberClinicStats     *self);
guint              limber_clinic_stats_get_n_successful   (LimberClinicStats     *self);
guint              limber_clinic_stats_get_n_not_assessable (LimberClinicStats   *self);
/* Successful ÷ assessable × 100; NAN when no course is assessable. */
double             limber_clinic_stats_get_success_rate   (LimberClinicStats     *self);
/* n_successful ÷ n_assessable × 100, NAN for 0 assessable: the one rule for rates. */
double             limber_clinic_stats_rate               (guint                  n_successful,
                                                           guint                  n_assessable);

/* Borrowed arrays of LimberClinicStatsGroup: conditions in catalog order, therapists
 * by name (the one without a name last). */
GPtrArray         *limber_clinic_stats_get_by_condition   (LimberClinicStats     *self);
GPtrArray         *limber_clinic_stats_get_by_therapist   (LimberClinicStats     *self);

/* The median number of sessions until the responder threshold was first met, over
 * the successful courses; NAN when there is none. n receives their number. */
double             limber_clinic_stats_get_median_sessions_to_response (LimberClinicStats *self,
                                                                        guint             *n);

/* Pain's mean change; n_courses 0 when no course has two pain values. */
const LimberClinicStatsChange *limber_clinic_stats_get_pain_change (LimberClinicStats *self);
/* Borrowed array of LimberClinicStatsChange, one per main questionnaire that some
 * course has two values of (each course counts for its own condition's), in catalog
 * order. */
GPtrArray         *limber_clinic_stats_get_questionnaire_changes (LimberClinicStats *self);

G_END_DECLS
