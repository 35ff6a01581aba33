/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-patient-slot.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_SLOTS (limber_patient_slots_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientSlots, limber_patient_slots, LIMBER, PATIENT_SLOTS, GObject)

/* The patient list as its list view sees it: a GtkSelectionModel of
 * LimberPatientSlot, one per position, over a selection model of LimberPatient
 * whose selection it shares.
 *
 * A list view of GTK 4.8 makes a row widget for each of two hundred items around
 * the top of the list, and makes them again for every item that comes as the user
 * types: most of a keystroke's time went into making and measuring rows. Here the
 * items stay where they are: a change of the patients is told as the patients of
 * the slots that changed (the rows show them in place, no bigger or smaller), a
 * list that grew or shrank at its end, and the selection of the places in between,
 * which the list view reads again. Selecting a slot selects the patient in the
 * selection model beneath, and the selection follows its patient there as before. */
LimberPatientSlots *limber_patient_slots_new (GtkSelectionModel *patients);

G_END_DECLS
