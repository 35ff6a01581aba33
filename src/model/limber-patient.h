/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT (limber_patient_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatient, limber_patient, LIMBER, PATIENT, GObject)

/* A person under care. Properties: "id" (gint64, 0 until stored), "mrn", "name",
 * "birth-date" (YYYY-MM-DD or NULL), "sex" ("female", "male", "other" or NULL when not
 * recorded), "phone", "email", "notes" (each NULL when not recorded), "archived" (no
 * longer in the patient list, still on file) and the read-only "search-text" (name
 * and mrn, folded to lower case) that the patient list filters on. */

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
const char    *limber_patient_get_sex         (LimberPatient *self);
void           limber_patient_set_sex         (LimberPatient *self,
                                               const char    *sex);
/* "Female", "Male", "Other" (translated), or NULL when not recorded. */
const char    *limber_patient_get_sex_label   (LimberPatient *self);
const char    *limber_patient_get_phone       (LimberPatient *self);
void           limber_patient_set_phone       (LimberPatient *self,
                                               const char    *phone);
const char    *limber_patient_get_email       (LimberPatient *self);
void           limber_patient_set_email       (LimberPatient *self,
                                               const char    *email);
const char    *limber_patient_get_notes       (LimberPatient *self);
void           limber_patient_set_notes       (LimberPatient *self,
                                               const char    *notes);
gboolean       limber_patient_get_archived    (LimberPatient *self);
void           limber_patient_set_archived    (LimberPatient *self,
                                               gboolean       archived);
const char    *limber_patient_get_search_text (LimberPatient *self);
/* A new patient with the same id and values. */
LimberPatient *limber_patient_copy            (LimberPatient *self);
/* Gives self the values of source (not its id), notifying what changed. */
void           limber_patient_assign          (LimberPatient *self,
                                               LimberPatient *source);
/* Checks mrn (1–64 characters, no control characters), name (not blank), birth
 * date (a real day, not in the future), sex (one of the three codes), phone (at most
 * 40 characters of digits, spaces and + ( ) - . /) and e-mail (one @ with text on
 * both sides, no spaces, at most 254 characters). */
gboolean       limber_patient_validate        (LimberPatient *self,
                                               GError       **error);
/* The same checks of a chart number and a birth date as plain text, before any
 * patient is made (white space around a chart number is ignored, as the patient
 * drops it; "" is no value). today (YYYY-MM-DD) lets a caller that checks many
 * birth dates read the clock once; NULL: today. */
gboolean       limber_patient_check_mrn        (const char    *mrn,
                                                GError       **error);
gboolean       limber_patient_check_birth_date (const char    *birth_date,
                                                const char    *today,
                                                GError       **error);

G_END_DECLS
