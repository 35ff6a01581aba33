/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Which way a measure gets better. */
typedef enum
{
  LIMBER_DIRECTION_LOWER,
  LIMBER_DIRECTION_HIGHER,
} LimberDirection;

/* The side of a measurement; NONE for measures without sides. */
typedef enum
{
  LIMBER_SIDE_NONE,
  LIMBER_SIDE_LEFT,
  LIMBER_SIDE_RIGHT,
} LimberSide;

typedef enum
{
  LIMBER_MEASURE_KIND_PAIN,
  LIMBER_MEASURE_KIND_QUESTIONNAIRE,
  LIMBER_MEASURE_KIND_RANGE_OF_MOTION,
  LIMBER_MEASURE_KIND_FLEXIBILITY,
  LIMBER_MEASURE_KIND_STRENGTH,
} LimberMeasureKind;

/* What a measure's threshold of change is (clinical-reference.md, "Responders"): a
 * minimal clinically important difference, or only a minimal detectable change, the
 * measurement error, beyond which a change is real but not known to matter. */
typedef enum
{
  LIMBER_THRESHOLD_MCID,
  LIMBER_THRESHOLD_MDC,
} LimberThresholdKind;

#define LIMBER_TYPE_DIRECTION (limber_direction_get_type ())
#define LIMBER_TYPE_SIDE (limber_side_get_type ())
#define LIMBER_TYPE_MEASURE_KIND (limber_measure_kind_get_type ())

GType limber_direction_get_type (void) G_GNUC_CONST;
GType limber_side_get_type (void) G_GNUC_CONST;
GType limber_measure_kind_get_type (void) G_GNUC_CONST;

/* "left", "right" or "" for NONE; never NULL. */
const char *limber_side_to_string   (LimberSide   side);
/* Accepts "left", "right" and "" / NULL (NONE); FALSE for anything else. */
gboolean    limber_side_from_string (const char  *text,
                                     LimberSide  *side);
/* Translated, for people: "Left", "Right", "" */
const char *limber_side_get_label   (LimberSide   side);

/* "lower" / "higher" */
const char *limber_direction_to_string (LimberDirection direction);

/* "mcid" / "mdc", as the JSON output writes them. */
const char *limber_threshold_kind_to_string (LimberThresholdKind kind);

/* Error domain for invalid values, dates, answers: messages name the field and the
 * rule so that they can be shown to a clinic as they are. */
#define LIMBER_MODEL_ERROR (limber_model_error_quark ())

typedef enum
{
  LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
  LIMBER_MODEL_ERROR_UNKNOWN_CONDITION,
  LIMBER_MODEL_ERROR_OUT_OF_RANGE,
  LIMBER_MODEL_ERROR_NOT_INTEGER,
  LIMBER_MODEL_ERROR_SIDE,
  LIMBER_MODEL_ERROR_DATE,
  LIMBER_MODEL_ERROR_MISSING_ITEMS,
  LIMBER_MODEL_ERROR_INVALID,
} LimberModelError;

GQuark limber_model_error_quark (void);

/* Formats a number with as few digits as give back the same double, '.' as decimal
 * point ("7", "35.6", "-12.5"): the CSV export and the JSON output depend on it. */
char *limber_format_number (double value);

G_END_DECLS
