/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_VIEW (limber_patient_view_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientView, limber_patient_view, LIMBER, PATIENT_VIEW, GtkWidget)

/* The content pane: one course of care of the patient at a time (an open one first)
 * with a switcher to the others, or a status page when there is no patient or
 * nothing to show (with Start Course of Care for a patient without one). */
GtkWidget     *limber_patient_view_new         (void);
LimberStore   *limber_patient_view_get_store   (LimberPatientView *self);
void           limber_patient_view_set_store   (LimberPatientView *self,
                                                LimberStore       *store);
LimberPatient *limber_patient_view_get_patient (LimberPatientView *self);
/* Shows the patient's courses of care as the store holds them now. */
void           limber_patient_view_set_patient (LimberPatientView *self,
                                                LimberPatient     *patient);
/* The course of care shown, which a new session goes to, or NULL (borrowed). */
LimberEpisode *limber_patient_view_get_shown_episode (LimberPatientView *self);
/* Shows another course of care of the patient; FALSE when it is not theirs. */
gboolean       limber_patient_view_show_episode (LimberPatientView *self,
                                                 gint64             episode_id);
/* The patient's courses of care in the switcher's order, the open ones first
 * (borrowed LimberEpisode; tests). */
GPtrArray     *limber_patient_view_get_episodes (LimberPatientView *self);
/* The switcher between courses of care (an AdwComboRow), NULL with fewer than two. */
GtkWidget     *limber_patient_view_get_course_switcher (LimberPatientView *self);
/* "empty", "no-episodes", "error" or "patient": what the view shows (tests). */
const char    *limber_patient_view_get_state   (LimberPatientView *self);
/* The LimberEpisodeGroup of the course shown (borrowed; tests). */
GPtrArray     *limber_patient_view_get_groups  (LimberPatientView *self);
/* TRUE while the page below the first screenful is still being built, in the
 * frames after a switch ("building" notifies the end). */
gboolean       limber_patient_view_get_building (LimberPatientView *self);

G_END_DECLS
