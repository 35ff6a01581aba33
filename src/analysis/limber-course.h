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

typedef struct
{
  gint64                     episode_id;
  const char                *condition;   /* the condition's code */
  const LimberCourseSession *sessions;    /* by date, then by id */
  guint                      n_sessions;
  const LimberCourseValue   *values;      /* at most one per session, measure and side */
  guint                      n_values;
} LimberCourse;

G_END_DECLS
