/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-patient.h"
#include "limber-patient-slot.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_ROW (limber_patient_row_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientRow, limber_patient_row, LIMBER, PATIENT_ROW, GtkWidget)

/* One patient in the sidebar: the name, and "MRN 1001 · born 12 Mar 1980" beneath. */
GtkWidget     *limber_patient_row_new         (void);
LimberPatient *limber_patient_row_get_patient (LimberPatientRow *self);
void           limber_patient_row_set_patient (LimberPatientRow *self,
                                               LimberPatient    *patient);
/* Shows the patient of a place in the list, and the next one there as it changes. */
void           limber_patient_row_set_slot    (LimberPatientRow  *self,
                                               LimberPatientSlot *slot);
/* The line under the name, newly allocated; shared with the content header. */
char          *limber_patient_row_format_subtitle (LimberPatient *patient);
/* What a screen reader says for the row, newly allocated: the name, chart number,
 * birth date and whether the patient is archived, in words. */
char          *limber_patient_row_format_accessible_label (LimberPatient *patient);

G_END_DECLS
