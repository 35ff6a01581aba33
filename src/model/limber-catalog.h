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
} LimberMeasureInfo;

typedef struct
{
  const char *code;
  const char *label;                 /* N_() */
  const char *main_measure;
  const char *other_questionnaires;  /* space separated, may be NULL */
  const char *suggested;             /* space separated, '*' expands a ROM joint */
} LimberConditionInfo;

const LimberMeasureInfo   *limber_catalog_get_measures   (guint *n_measures);
const LimberConditionInfo *limber_catalog_get_conditions (guint *n_conditions);

G_END_DECLS
