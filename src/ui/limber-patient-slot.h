/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-patient.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_SLOT (limber_patient_slot_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientSlot, limber_patient_slot, LIMBER, PATIENT_SLOT, GObject)

/* A place in the patient list as the list view sees it (see LimberPatientSlots): it
 * stays while the patient in it changes as the user types, and "patient" notifies,
 * so that the row showing it shows the new patient instead of being made again. */
LimberPatientSlot *limber_patient_slot_new          (guint              position);
guint              limber_patient_slot_get_position (LimberPatientSlot *self);
/* NULL once the list is shorter than the slot's position. */
LimberPatient     *limber_patient_slot_get_patient  (LimberPatientSlot *self);
void               limber_patient_slot_set_patient  (LimberPatientSlot *self,
                                                     LimberPatient     *patient);

G_END_DECLS
