/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PATIENT_INDEX (limber_patient_index_get_type ())

G_DECLARE_FINAL_TYPE (LimberPatientIndex, limber_patient_index, LIMBER, PATIENT_INDEX, GObject)

/* The patient search of the list, read in memory: every patient's place in the
 * list (by name ignoring case, then chart number), whether they are archived, and
 * the text the search index holds for them, read once from a connection that only
 * reads. A search then looks up the patients it finds and puts them in order
 * without sorting them in SQL: it lists exactly what
 * limber_store_search_listed_patient_ids() lists, in the same order.
 *
 * It belongs to the connection it was read from, and is read again when any other
 * connection changed the database since (PRAGMA data_version): a patient added,
 * renamed, archived or erased shows in the next search. One thread uses it at a
 * time, with its connection. */
LimberPatientIndex *limber_patient_index_new    (void);
/* The patients that search lists (all of them for NULL or ""), in list order,
 * read on store: the index is read again first if the database changed since it
 * was read on store, or was read on another connection. */
GArray             *limber_patient_index_search (LimberPatientIndex  *self,
                                                 LimberStore         *store,
                                                 const char          *search,
                                                 gboolean             include_archived,
                                                 GError             **error);
/* How many times the index was read: a test sees that a change is followed. */
guint               limber_patient_index_get_n_reads (LimberPatientIndex *self);

G_END_DECLS
