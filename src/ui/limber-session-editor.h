/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-measure-row.h"
#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_SESSION_EDITOR (limber_session_editor_get_type ())

G_DECLARE_FINAL_TYPE (LimberSessionEditor, limber_session_editor, LIMBER, SESSION_EDITOR, AdwWindow)

/* Records one session of a course of care, or edits a stored one: date and time,
 * therapist, the measures the condition suggests grouped as Pain, Range of motion,
 * Flexibility and strength and Questionnaires (each with its unit, normal value and
 * previous value), any other measure of the catalog, the treatment, soreness and
 * notes. Values are checked as they are typed and Save stays disabled while one is
 * invalid; a save is one store transaction. Escape cancels, asking first when
 * something was typed; Ctrl+S and Ctrl+Enter save.
 *
 * Signals: "saved" (LimberSession *saved, LimberSession *before, GPtrArray *before
 * measurements, guint n_deleted): before and its measurements are the stored
 * session as it was (NULL for a new one), for Undo; "deleted" (LimberSession *,
 * GPtrArray *measurements): what Delete Session removed, for Undo. */

/* session_id 0 records a new session of the episode. NULL and an error when the
 * course of care or the session cannot be read. */
LimberSessionEditor *limber_session_editor_new                (GtkWindow           *parent,
                                                               LimberStore         *store,
                                                               gint64               episode_id,
                                                               gint64               session_id,
                                                               GError             **error);
/* The row of a measure, or NULL when the form has none (tests, the picker). */
LimberMeasureRow    *limber_session_editor_find_row           (LimberSessionEditor *self,
                                                               const char          *measure_code);
/* Adds the measure's row if missing (the picker does this) and returns it. */
LimberMeasureRow    *limber_session_editor_add_measure        (LimberSessionEditor *self,
                                                               LimberMeasure       *measure);
/* The session's number in the course of care, 1 for the first. */
guint                limber_session_editor_get_session_number (LimberSessionEditor *self);
/* The reassessment suggestion shown, or NULL when none is due. */
const char          *limber_session_editor_get_reassessment   (LimberSessionEditor *self);
/* Whether Save is enabled: every value is valid. */
gboolean             limber_session_editor_can_save           (LimberSessionEditor *self);
/* Whether anything differs from what the editor opened with. */
gboolean             limber_session_editor_is_modified        (LimberSessionEditor *self);

G_END_DECLS
