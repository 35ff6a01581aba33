/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-measure.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_INSTRUMENT (limber_instrument_get_type ())

G_DECLARE_FINAL_TYPE (LimberInstrument, limber_instrument, LIMBER, INSTRUMENT, GObject)

/* A questionnaire whose score Limber computes from item answers: ODI, NDI, QuickDASH,
 * LEFS, PSFS and HIT-6. The item answers are stored; the score is derived from them
 * by limber_instrument_score(), the one place each scoring rule lives.
 *
 * Answers are doubles; NAN marks an unanswered item. */

/* Borrowed; NULL for measures whose score is entered directly (PRTEE, RMDQ…). */
LimberInstrument *limber_instrument_lookup              (const char       *measure_code);

LimberMeasure    *limber_instrument_get_measure         (LimberInstrument *self);
/* The number of items (PSFS: the most activities, 5). */
guint             limber_instrument_get_n_items         (LimberInstrument *self);
/* The fewest items that must be answered for a score (ODI 9, QuickDASH 10, PSFS 3). */
guint             limber_instrument_get_min_answered    (LimberInstrument *self);
/* The lowest and highest answer of one item (ODI 0–5, QuickDASH 1–5, HIT-6 6–13). */
double            limber_instrument_get_item_min        (LimberInstrument *self);
double            limber_instrument_get_item_max        (LimberInstrument *self);
/* Short translated section name, e.g. "Pain intensity" (never the licensed question
 * wording); for PSFS "Activity 1"… since the patient names the activities. */
const char       *limber_instrument_get_item_label      (LimberInstrument *self,
                                                         guint             index);
/* The short name used in messages: "ODI", "NDI", "QuickDASH", "LEFS", "PSFS", "HIT-6". */
const char       *limber_instrument_get_short_name      (LimberInstrument *self);
/* The word for an allowed answer where answers have names (HIT-6: 6 → "Never"),
 * translated; NULL otherwise. */
const char       *limber_instrument_get_answer_label    (LimberInstrument *self,
                                                         double            answer);
/* TRUE for PSFS: each item carries an activity name chosen by the patient. */
gboolean          limber_instrument_get_has_item_names  (LimberInstrument *self);
/* The allowed answers of an item where they are not every integer of the range
 * (HIT-6: 6, 8, 10, 11, 13); NULL otherwise. n_values receives the count. */
const double     *limber_instrument_get_item_values     (LimberInstrument *self,
                                                         guint            *n_values);

/* Checks a total entered without its answers: it must be a sum the answers can
 * make (HIT-6: 37, 39 and 77 cannot). Instruments whose every total in range is
 * possible accept any. */
gboolean          limber_instrument_validate_total      (LimberInstrument *self,
                                                         double            total,
                                                         GError          **error);
/* Checks one answer (range, integer, allowed values); NAN (unanswered) is valid. */
gboolean          limber_instrument_validate_answer     (LimberInstrument *self,
                                                         guint             index,
                                                         double            answer,
                                                         GError          **error);
/* Scores the answers with the missing-item rule, rounded to one decimal (the
 * precision questionnaire scores are reported and stored at). n_answers must not
 * exceed n_items.
 * Fails with LIMBER_MODEL_ERROR_MISSING_ITEMS ("ODI needs at least 9 of 10 sections
 * answered; 8 are") or an answer error naming the item. Example: ODI, 9 sections
 * answered summing to 16 → 35.6. */
gboolean          limber_instrument_score               (LimberInstrument *self,
                                                         const double     *answers,
                                                         guint             n_answers,
                                                         double           *score,
                                                         GError          **error);
/* The severity band of a score where the instrument has bands (ODI "Moderate
 * disability", NDI, HIT-6), translated; NULL otherwise. */
const char       *limber_instrument_get_band            (LimberInstrument *self,
                                                         double            score);

G_END_DECLS
