/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-measure.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_MEASUREMENT (limber_measurement_get_type ())

G_DECLARE_FINAL_TYPE (LimberMeasurement, limber_measurement, LIMBER, MEASUREMENT, GObject)

/* One value of one measure at one session. Properties: "id", "session-id",
 * "measure" (code), "side", "value". A questionnaire scored by Limber also keeps its
 * item answers (NAN = unanswered) and, for PSFS, the activity names. */

LimberMeasurement *limber_measurement_new             (gint64              session_id,
                                                       const char         *measure_code,
                                                       LimberSide          side,
                                                       double              value);
/* Scores the answers with the measure's instrument; NULL and an error when an answer
 * is invalid or too many are missing. item_names may be NULL (required for PSFS: one
 * name per rated activity); it is read up to n_answers entries or its first NULL. */
LimberMeasurement *limber_measurement_new_from_answers (gint64             session_id,
                                                        const char        *measure_code,
                                                        const double      *answers,
                                                        guint              n_answers,
                                                        const char *const *item_names,
                                                        GError           **error);
gint64             limber_measurement_get_id          (LimberMeasurement  *self);
void               limber_measurement_set_id          (LimberMeasurement  *self,
                                                       gint64              id);
gint64             limber_measurement_get_session_id  (LimberMeasurement  *self);
void               limber_measurement_set_session_id  (LimberMeasurement  *self,
                                                       gint64              session_id);
const char        *limber_measurement_get_measure     (LimberMeasurement  *self);
void               limber_measurement_set_measure     (LimberMeasurement  *self,
                                                       const char         *measure_code);
/* Borrowed catalog entry; NULL if the code is unknown. */
LimberMeasure     *limber_measurement_get_measure_info (LimberMeasurement *self);
LimberSide         limber_measurement_get_side        (LimberMeasurement  *self);
void               limber_measurement_set_side        (LimberMeasurement  *self,
                                                       LimberSide          side);
double             limber_measurement_get_value       (LimberMeasurement  *self);
void               limber_measurement_set_value       (LimberMeasurement  *self,
                                                       double              value);
/* Item answers, or NULL when the score was entered directly. n receives the count. */
const double      *limber_measurement_get_answers     (LimberMeasurement  *self,
                                                       guint              *n_answers);
/* Activity names (PSFS), n_answers entries with "" where none, or NULL. */
const char *const *limber_measurement_get_item_names  (LimberMeasurement  *self);
/* Sets answers and names without scoring (used by the store when loading). */
void               limber_measurement_set_answers     (LimberMeasurement  *self,
                                                       const double       *answers,
                                                       guint               n_answers,
                                                       const char *const  *item_names);
/* Known measure, value in range, side fits the measure, answers consistent with the
 * stored score. */
gboolean           limber_measurement_validate        (LimberMeasurement  *self,
                                                       GError            **error);

G_END_DECLS
