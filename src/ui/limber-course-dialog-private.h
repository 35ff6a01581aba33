/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-course-dialog.h"
#include "limber-date-row.h"

G_BEGIN_DECLS

/* The dialog's parts, read by the UI tests. */
struct _LimberCourseDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  GtkWidget           *cancel_button;
  GtkWidget           *save_button;
  GtkLabel            *error_label;
  AdwComboRow         *condition_row;
  AdwComboRow         *side_row;
  LimberDateRow       *onset_row;
  LimberDateRow       *start_row;
  AdwPreferencesGroup *plan_group;
  AdwEntryRow         *per_week_row;
  AdwEntryRow         *weeks_row;
  AdwPreferencesGroup *goals_group;
  AdwActionRow        *add_goal_row;
  GtkDropDown         *goal_measure_dropdown;
  GtkWidget           *add_goal_button;
  GtkTextView         *note_view;

  /* owned */
  LimberStore         *store;
  LimberEpisode       *episode;       /* the stored course edited, or NULL */
  GPtrArray           *stored_goals;  /* its LimberGoal */
  GPtrArray           *goals;         /* GoalRow in the form's order */
  char                *initial_state; /* the fields when the dialog opened */
  gint64               patient_id;
  gboolean             valid;
};

G_END_DECLS
