/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-condition.h"
#include "limber-instrument.h"
#include "limber-measure.h"
#include "limber-types.h"

G_BEGIN_DECLS

/* The clinical catalog, compiled in (clinical-reference.md): one table of measures,
 * one of conditions, one of instruments. These are the only places clinical numbers
 * are written down; LimberMeasure, LimberCondition and LimberInstrument read them.
 * Internal to the model layer: other code uses the lookups of those types. */

typedef struct
{
  const char        *code;
  const char        *label;          /* N_() */
  const char        *unit;
  LimberMeasureKind  kind;
  double             min;
  double             max;
  gboolean           integer_only;
  LimberDirection    direction;
  gboolean           has_sides;
  double             mcid;
  double             mcid_percent;   /* 0: none */
  double             mdc;            /* 0: none */
  gboolean           has_normal;
  double             normal_low;
  double             normal_high;
  const char        *normal_label;   /* N_() or NULL */
  /* Rules that only some rows have; rows that leave them out get 0 (none). */
  double             substantial_percent;  /* e.g. pain ≥ 50% better (IMMPACT) */
  gboolean           rates_change;         /* a rating of change (PGIC), not a state */
  double             rating_improved_max;  /* rates_change: this or better improved */
  double             rating_worse_min;     /* rates_change: this or worse is worse */
  /* An extension deficit: a negative value (hyperextension) counts as 0 in trends. */
  gboolean           negative_counts_as_zero;
  /* The words of each whole value from min, e.g. PGIC 1 "very much improved"; N_(). */
  const char *const *level_labels;
} LimberMeasureInfo;

typedef struct
{
  const char *code;
  const char *label;                 /* N_() */
  const char *main_measure;
  const char *other_questionnaires;  /* space separated, may be NULL */
  const char *suggested;             /* space separated, '*' expands a ROM joint */
  gboolean    sided;                 /* of one side of the body: left or right */
} LimberConditionInfo;

/* How an instrument turns item answers into its score; the formulas themselves live
 * in limber_instrument_score(). */
typedef enum
{
  /* Mean answer as a percentage of the item range: ODI, NDI, QuickDASH. */
  LIMBER_SCORING_PERCENT_OF_RANGE,
  /* Sum of the answers: LEFS, HIT-6. */
  LIMBER_SCORING_SUM,
  /* Mean of the answers: PSFS. */
  LIMBER_SCORING_MEAN,
} LimberScoring;

/* What the instrument's items are called in messages. */
typedef enum
{
  LIMBER_ITEM_NOUN_SECTION,
  LIMBER_ITEM_NOUN_ITEM,
  LIMBER_ITEM_NOUN_ACTIVITY,
} LimberItemNoun;

/* A severity band starts at min on the band scale (score ÷ band_divisor, rounded to
 * a whole number) and runs up to the next band's min. */
typedef struct
{
  double      min;
  const char *label;                 /* N_() */
} LimberBandInfo;

typedef struct
{
  const char            *measure_code;
  const char            *short_name;     /* "ODI", used in messages */
  LimberScoring          scoring;
  LimberItemNoun         noun;
  guint                  n_items;
  guint                  min_answered;
  double                 item_min;
  double                 item_max;
  const char *const     *item_labels;    /* n_items, N_() */
  gboolean               has_item_names;
  const double          *item_values;    /* allowed answers or NULL */
  const char *const     *value_labels;   /* N_() per item value, or NULL */
  guint                  n_item_values;
  const LimberBandInfo  *bands;          /* NULL: no bands */
  guint                  n_bands;
  double                 band_divisor;
} LimberInstrumentInfo;

const LimberMeasureInfo    *limber_catalog_get_measures    (guint *n_measures);
const LimberConditionInfo  *limber_catalog_get_conditions  (guint *n_conditions);
const LimberInstrumentInfo *limber_catalog_get_instruments (guint *n_instruments);

G_END_DECLS
