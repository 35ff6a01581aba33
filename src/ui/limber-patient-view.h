/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_VIEW (limber_patient_view_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientView, limber_patient_view, LIMBER, PATIENT_VIEW, GtkWidget)

/* The content pane: one group per course of care of the patient, newest first, or a
 * status page when there is no patient or nothing to show. */
GtkWidget     *limber_patient_view_new         (void);
LimberStore   *limber_patient_view_get_store   (LimberPatientView *self);
void           limber_patient_view_set_store   (LimberPatientView *self,
                                                LimberStore       *store);
LimberPatient *limber_patient_view_get_patient (LimberPatientView *self);
/* Shows the patient's courses of care as the store holds them now. */
void           limber_patient_view_set_patient (LimberPatientView *self,
                                                LimberPatient     *patient);
/* The course of care a new session goes to: the newest open one shown, or NULL
 * (borrowed). */
LimberEpisode *limber_patient_view_get_current_episode (LimberPatientView *self);
/* "empty", "no-episodes", "error" or "patient": what the view shows (tests). */
const char    *limber_patient_view_get_state   (LimberPatientView *self);
/* The LimberEpisodeGroup widgets shown, newest first (borrowed; tests). */
GPtrArray     *limber_patient_view_get_groups  (LimberPatientView *self);

G_END_DECLS
