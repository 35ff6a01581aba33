/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-measure.h"

G_BEGIN_DECLS

/* A course of care as plain arrays: what a clinic's statistics need of each of ten
 * thousand courses, read without building an object for each of a million
 * measurements (limber_episode_loader_foreach_course() fills them from the store).
 * Everything is borrowed from whoever filled it. */

typedef struct
{
  const char *date;       /* YYYY-MM-DD, or YYYY-MM-DDTHH:MM */
  guint32     julian;     /* the day of date, worked out once */
  const char *therapist;  /* NULL when not recorded */
} LimberCourseSession;

typedef struct
{
  guint          session;  /* index of its session in LimberCourse.sessions */
  LimberMeasure *measure;  /* NULL for a code the catalog does not know */
  LimberSide     side;
  double         value;
} LimberCourseValue;

/* sessions holds the visits by date (then by id), then the outcome contacts (a
 * patient's rating given without a visit, see LimberSession) by date: the first
 * n_visits are the visits that attendance counts; n_sessions counts both, for the
 * values' session indexes. */
typedef struct
{
  gint64                     episode_id;
  const char                *condition;   /* the condition's code */
  const LimberCourseSession *sessions;    /* visits, then outcome contacts */
  guint                      n_sessions;
  const LimberCourseValue   *values;      /* at most one per session, measure and side */
  guint                      n_values;
  guint                      n_visits;    /* sessions[0 .. n_visits - 1] are visits */
} LimberCourse;

G_END_DECLS
