/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-measurement.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_MEASURE_ROW (limber_measure_row_get_type ())

G_DECLARE_FINAL_TYPE (LimberMeasureRow, limber_measure_row, LIMBER, MEASURE_ROW, AdwPreferencesRow)

/* One measure in the session editor: a value field per side (left and right side by
 * side for a sided measure), the unit, the normal value and the previous session's
 * value, and a message under the fields while what was typed is not a valid value.
 * A questionnaire that Limber scores also opens its item form. A field left empty
 * records nothing.
 *
 * Emits "changed" whenever what the row would record, or whether it is valid,
 * changes. */

GtkWidget     *limber_measure_row_new             (LimberMeasure     *measure);
LimberMeasure *limber_measure_row_get_measure     (LimberMeasureRow  *self);
/* The value field of a side (LIMBER_SIDE_NONE for a measure without sides); NULL
 * when the measure has no such side. */
GtkWidget     *limber_measure_row_get_entry       (LimberMeasureRow  *self,
                                                   LimberSide         side);
/* The previous session's value of one side; a PSFS also offers its activities. */
void           limber_measure_row_set_previous    (LimberMeasureRow  *self,
                                                   LimberMeasurement *previous);
/* Fills a side with a stored value, for editing a session: it keeps its id. */
void           limber_measure_row_set_measurement (LimberMeasureRow  *self,
                                                   LimberMeasurement *measurement);
/* Sets the item answers as the questionnaire form does (tests); FALSE and an
 * error when they do not make a score. */
gboolean       limber_measure_row_set_answers     (LimberMeasureRow  *self,
                                                   const double      *answers,
                                                   guint              n_answers,
                                                   const char *const *item_names,
                                                   GError           **error);
/* Whether every field holds a valid value or nothing. */
gboolean       limber_measure_row_is_valid        (LimberMeasureRow  *self);
/* Whether any field holds something other than what the row started with. */
gboolean       limber_measure_row_is_modified     (LimberMeasureRow  *self);
/* Whether any field holds text. */
gboolean       limber_measure_row_has_values      (LimberMeasureRow  *self);
/* The message shown while a value is invalid, or NULL. */
const char    *limber_measure_row_get_message     (LimberMeasureRow  *self);
/* Appends a LimberMeasurement for each filled side (a stored one keeps its id);
 * only for a valid row. */
void           limber_measure_row_collect         (LimberMeasureRow  *self,
                                                   GPtrArray         *measurements);
/* Moves the keyboard focus to the first value field. */
gboolean       limber_measure_row_focus_value     (LimberMeasureRow  *self);

G_END_DECLS
