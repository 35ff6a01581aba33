/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_COURSE_DIALOG (limber_course_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberCourseDialog, limber_course_dialog, LIMBER, COURSE_DIALOG, AdwWindow)

/* A modal window to start a course of care for a patient or edit one: the catalog
 * condition, its side where the condition has one, onset and start dates, the plan
 * (sessions a week × weeks, 2 × 3 unless changed), goals (a measure, its side
 * and the value to reach) and the intake note. Values are checked as they are typed: a field at fault
 * gets the error style, a message names the rule, and Start or Save stays disabled.
 * Saving stores the course and its goals in one transaction, emits "saved"
 * (LimberEpisode, as stored) and closes. Escape asks first when something was
 * entered. */
GtkWidget     *limber_course_dialog_new               (GtkWindow          *parent,
                                                       LimberStore        *store,
                                                       gint64              patient_id,
                                                       LimberEpisode      *episode);
/* What Start or Save does; TRUE when the course of care was stored. */
gboolean       limber_course_dialog_save              (LimberCourseDialog *self);
/* Whether every field is valid, so that Start or Save is enabled. */
gboolean       limber_course_dialog_can_save          (LimberCourseDialog *self);
/* The message shown above the fields, NULL when there is none. */
const char    *limber_course_dialog_get_error_message (LimberCourseDialog *self);
/* Adds a goal row for the measure, as the New Goal row does, and returns the entry
 * of its target (focused). */
GtkWidget     *limber_course_dialog_add_goal          (LimberCourseDialog *self,
                                                       LimberMeasure      *measure);
/* The number of goal rows. */
guint          limber_course_dialog_get_n_goals       (LimberCourseDialog *self);
/* The target entry, side drop-down (NULL for a measure without sides) and remove
 * button of goal row i. */
GtkWidget     *limber_course_dialog_get_goal_target   (LimberCourseDialog *self,
                                                       guint               i);
GtkWidget     *limber_course_dialog_get_goal_side     (LimberCourseDialog *self,
                                                       guint               i);
GtkWidget     *limber_course_dialog_get_goal_remove   (LimberCourseDialog *self,
                                                       guint               i);
/* Whether anything differs from what the dialog opened with. */
gboolean       limber_course_dialog_is_modified       (LimberCourseDialog *self);

G_END_DECLS
