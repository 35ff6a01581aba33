/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_DIALOG (limber_patient_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientDialog, limber_patient_dialog, LIMBER, PATIENT_DIALOG, AdwWindow)

/* A modal window to add a patient or edit one: chart number, name, birth date, sex,
 * phone, e-mail and notes. Saving stores the patient, emits "saved" (LimberPatient,
 * as stored) and closes; when the store or the rules refuse, it says why beside the
 * fields and keeps what was typed. It opens with the cursor in the first field, and
 * Enter in a field saves. Cancel, Escape or closing the window asks first when
 * something was typed (limber_edit_flow_install()). */
GtkWidget  *limber_patient_dialog_new               (GtkWindow           *parent,
                                                     LimberStore         *store,
                                                     LimberPatient       *patient);
/* What pressing "Add" or "Save" does; TRUE when the patient was stored. */
gboolean    limber_patient_dialog_save              (LimberPatientDialog *self);
/* The message shown beside the fields, NULL when there is none. */
const char *limber_patient_dialog_get_error_message (LimberPatientDialog *self);
/* Whether the fields differ from what the dialog opened with. */
gboolean    limber_patient_dialog_is_modified       (LimberPatientDialog *self);

G_END_DECLS
