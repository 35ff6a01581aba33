/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_LIST (limber_patient_list_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientList, limber_patient_list, LIMBER, PATIENT_LIST, GObject)

/* The patients of a store as a GListModel of LimberPatient, ordered by name then
 * chart number, optionally narrowed by a search. It holds their ids, and the
 * patients of the rows a list view asked for, read a block at a time: a clinic of
 * any size costs what is on screen. A change is told as the rows that went and
 * came, so that a list view keeps the rest. */
LimberPatientList *limber_patient_list_new            (LimberStore        *store,
                                                       GError            **error);
LimberStore       *limber_patient_list_get_store      (LimberPatientList  *self);
/* Narrows the list to the patients whose name or chart number contains search,
 * ignoring case and accents; NULL or "" lists everyone. */
gboolean           limber_patient_list_set_search     (LimberPatientList  *self,
                                                       const char         *search,
                                                       GError            **error);
/* The same in a thread, on a read-only connection of its own, so that typing does
 * not wait for the database: the rows change when the answer comes, and the
 * "search" property tells that they show it (at once for NULL or ""). Only the newest request is answered;
 * one that a newer request or set_search() replaces fails with
 * G_IO_ERROR_CANCELLED. */
void               limber_patient_list_search_async   (LimberPatientList   *self,
                                                       const char          *search,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           limber_patient_list_search_finish  (LimberPatientList  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);
/* Opens the connection that searches read on in a thread and reads the search's
 * index on it, so that the first letter typed waits for neither; does nothing where
 * it is open or searches read on the store's own. */
void               limber_patient_list_prepare_search (LimberPatientList  *self);
/* The search the rows show, NULL for everyone. */
const char        *limber_patient_list_get_search     (LimberPatientList  *self);
/* Whether archived patients are listed (they are unless this is set to FALSE). */
gboolean           limber_patient_list_set_show_archived (LimberPatientList  *self,
                                                          gboolean            show_archived,
                                                          GError            **error);
/* Reads the list again after the store changed: rows that moved, came or went
 * change, and the patients on screen take their new values. */
gboolean           limber_patient_list_reload         (LimberPatientList  *self,
                                                       GError            **error);
/* Patients in the clinic, whatever the search. */
guint              limber_patient_list_get_n_patients (LimberPatientList  *self);
/* The position of the patient in the list, FALSE when the search hides it. */
gboolean           limber_patient_list_find           (LimberPatientList  *self,
                                                       gint64              patient_id,
                                                       guint              *position);

G_END_DECLS
