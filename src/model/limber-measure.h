/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-types.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_MEASURE (limber_measure_get_type ())

G_DECLARE_FINAL_TYPE (LimberMeasure, limber_measure, LIMBER, MEASURE, GObject)

/* One entry of the compiled-in catalog (clinical-reference.md). Instances are owned
 * by the catalog and live for the whole program: look them up, never create them. */

/* Borrowed; NULL when the code is not in the catalog. */
LimberMeasure     *limber_measure_lookup              (const char     *code);
/* Borrowed GListModel of every LimberMeasure in catalog order. */
GListModel        *limber_measure_get_catalog         (void);

const char        *limber_measure_get_code            (LimberMeasure  *self);
/* Translated label, e.g. "Pain (0–10)", "Shoulder abduction". */
const char        *limber_measure_get_label           (LimberMeasure  *self);
/* Unit as the CSV format writes it: "points", "%", "deg", "cm", "kg", "level". */
const char        *limber_measure_get_unit            (LimberMeasure  *self);
/* Unit for people: "°" for degrees, "%" for percent, "points" etc. (translated). */
const char        *limber_measure_get_unit_label      (LimberMeasure  *self);
LimberMeasureKind  limber_measure_get_kind            (LimberMeasure  *self);
double             limber_measure_get_min             (LimberMeasure  *self);
double             limber_measure_get_max             (LimberMeasure  *self);
gboolean           limber_measure_get_integer_only    (LimberMeasure  *self);
LimberDirection    limber_measure_get_direction       (LimberMeasure  *self);
gboolean           limber_measure_get_has_sides       (LimberMeasure  *self);
/* Minimal clinically important difference in the measure's unit, 0 where the catalog
 * gives none (range of motion, finger to floor, Schober, knee to wall). */
double             limber_measure_get_mcid            (LimberMeasure  *self);
/* The MCID percentage of baseline where the catalog names one ("or 30%"), else 0. */
double             limber_measure_get_mcid_percent    (LimberMeasure  *self);
/* Minimal detectable change where the catalog gives one, else 0. */
double             limber_measure_get_mdc             (LimberMeasure  *self);
/* The smallest change that counts, in the measure's unit: the MCID points, but never
 * less than the MDC where the catalog gives one (a change within measurement error is
 * never important); for a row whose only number is an MDC, that MDC. NAN for a
 * rating of change (PGIC), which its level judges. */
double             limber_measure_get_threshold       (LimberMeasure  *self);
LimberThresholdKind limber_measure_get_threshold_kind (LimberMeasure  *self);
/* TRUE for pain and questionnaires: the responder rule applies. */
gboolean           limber_measure_get_has_responder_rule (LimberMeasure *self);
/* The normal value or band where the catalog has one: a value v is within normal
 * when normal_low <= v <= normal_high (either may be -INFINITY/INFINITY). */
gboolean           limber_measure_get_has_normal      (LimberMeasure  *self);
double             limber_measure_get_normal_low      (LimberMeasure  *self);
double             limber_measure_get_normal_high     (LimberMeasure  *self);
/* The percentage of baseline from which an improvement is "substantial" (pain: 50),
 * 0 when the measure has no such rule. */
double             limber_measure_get_substantial_percent (LimberMeasure *self);
/* TRUE for a rating of change (PGIC): each value is judged alone, not against the
 * baseline. A rating at or below rating_improved_max is an important improvement
 * (and a responder); at or above rating_worse_min an important worsening. */
gboolean           limber_measure_get_rates_change    (LimberMeasure  *self);
double             limber_measure_get_rating_improved_max (LimberMeasure *self);
double             limber_measure_get_rating_worse_min (LimberMeasure *self);
/* TRUE for an extension deficit (elbow, knee): a negative value, hyperextension, is
 * recorded as measured but counts as 0 in trends. */
gboolean           limber_measure_get_negative_counts_as_zero (LimberMeasure *self);
/* The words of a level, e.g. "much improved" for PGIC 2 (translated), or NULL when
 * the measure's values have no words or value is not one of its levels. */
const char        *limber_measure_get_level_label     (LimberMeasure  *self,
                                                       double          value);
/* Translated description of the normal, e.g. "≥ 10 cm", "180°", or NULL. */
const char        *limber_measure_get_normal_label    (LimberMeasure  *self);
/* For ROM the joint ("shoulder") and motion ("abduction"); NULL otherwise. */
const char        *limber_measure_get_joint           (LimberMeasure  *self);
const char        *limber_measure_get_motion          (LimberMeasure  *self);

/* Checks a value and side against this measure. The message names the measure and
 * the rule, e.g. "11 is outside 0–10 for pain.nprs", "pain.nprs has no sides",
 * "rom.shoulder.abduction needs a side (left or right)". */
gboolean           limber_measure_validate            (LimberMeasure  *self,
                                                       double          value,
                                                       LimberSide      side,
                                                       GError        **error);
/* Checks a value alone (range, integer); used where the side is checked apart. */
gboolean           limber_measure_validate_value      (LimberMeasure  *self,
                                                       double          value,
                                                       GError        **error);

G_END_DECLS
