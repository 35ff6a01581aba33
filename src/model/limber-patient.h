/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT (limber_patient_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatient, limber_patient, LIMBER, PATIENT, GObject)

/* A person under care. Properties: "id" (gint64, 0 until stored), "mrn", "name",
 * "birth-date" (YYYY-MM-DD or NULL) and the read-only "search-text" (name and mrn,
 * folded to lower case) that the patient list filters on. */

LimberPatient *limber_patient_new             (const char    *mrn,
                                               const char    *name,
                                               const char    *birth_date);
gint64         limber_patient_get_id          (LimberPatient *self);
void           limber_patient_set_id          (LimberPatient *self,
                                               gint64         id);
const char    *limber_patient_get_mrn         (LimberPatient *self);
void           limber_patient_set_mrn         (LimberPatient *self,
                                               const char    *mrn);
const char    *limber_patient_get_name        (LimberPatient *self);
void           limber_patient_set_name        (LimberPatient *self,
                                               const char    *name);
const char    *limber_patient_get_birth_date  (LimberPatient *self);
void           limber_patient_set_birth_date  (LimberPatient *self,
                                               const char    *birth_date);
const char    *limber_patient_get_search_text (LimberPatient *self);
/* Checks mrn (1–64 characters, no control characters), name (not blank) and birth
 * date (a real day, not in the future). */
gboolean       limber_patient_validate        (LimberPatient *self,
                                               GError       **error);

G_END_DECLS
