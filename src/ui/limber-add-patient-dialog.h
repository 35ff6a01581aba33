/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_ADD_PATIENT_DIALOG (limber_add_patient_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberAddPatientDialog, limber_add_patient_dialog, LIMBER, ADD_PATIENT_DIALOG, AdwWindow)

/* A small modal window asking for chart number, name and an optional birth date.
 * It adds the patient to store, emits "patient-added" (LimberPatient) and closes;
 * when the store or the rules refuse, it says why beside the fields and keeps what
 * was typed. */
GtkWidget  *limber_add_patient_dialog_new               (GtkWindow              *parent,
                                                         LimberStore            *store);
/* What pressing "Add" does; TRUE when the patient was added. */
gboolean    limber_add_patient_dialog_save              (LimberAddPatientDialog *self);
/* The message shown beside the fields, NULL when there is none. */
const char *limber_add_patient_dialog_get_error_message (LimberAddPatientDialog *self);

G_END_DECLS
