/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_DISCHARGE_DIALOG (limber_discharge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberDischargeDialog, limber_discharge_dialog, LIMBER, DISCHARGE_DIALOG, AdwWindow)

/* A modal window that discharges a course of care, or changes its discharge: the
 * date, the patient's global impression of change (PGIC, 1–7 in the patient's
 * words) and a note. The PGIC is kept as a measurement of the course's last
 * session (a course without sessions gets one on the discharge day), where the
 * analysis, the cards and the discharge summary read it; the note is the course's
 * discharge note, which the discharge summary prints; the intake note stays as it
 * is. One transaction; emits "saved" (LimberEpisode, as stored) and closes. */
GtkWidget  *limber_discharge_dialog_new               (GtkWindow             *parent,
                                                       LimberStore           *store,
                                                       LimberEpisode         *episode,
                                                       GError               **error);
/* What Discharge or Save does; TRUE when stored. */
gboolean    limber_discharge_dialog_save              (LimberDischargeDialog *self);
gboolean    limber_discharge_dialog_can_save          (LimberDischargeDialog *self);
const char *limber_discharge_dialog_get_error_message (LimberDischargeDialog *self);
/* The fields, for tests: the date row, the PGIC row (0: not asked, 1–7 the level)
 * and the note. */
GtkWidget  *limber_discharge_dialog_get_date_row      (LimberDischargeDialog *self);
GtkWidget  *limber_discharge_dialog_get_pgic_row      (LimberDischargeDialog *self);
GtkWidget  *limber_discharge_dialog_get_note_view     (LimberDischargeDialog *self);
gboolean    limber_discharge_dialog_is_modified       (LimberDischargeDialog *self);

G_END_DECLS
