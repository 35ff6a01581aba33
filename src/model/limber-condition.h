/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-measure.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_CONDITION (limber_condition_get_type ())

G_DECLARE_FINAL_TYPE (LimberCondition, limber_condition, LIMBER, CONDITION, GObject)

/* A condition of the catalog; owned by the catalog like LimberMeasure. */

LimberCondition *limber_condition_lookup                  (const char      *code);
/* Borrowed GListModel of every LimberCondition in catalog order. */
GListModel      *limber_condition_get_catalog             (void);

const char      *limber_condition_get_code                (LimberCondition *self);
const char      *limber_condition_get_label               (LimberCondition *self);
/* Whether a course of care for it is of one side of the body (shoulder, knee…), so
 * that its side is asked. */
gboolean         limber_condition_get_sided               (LimberCondition *self);
/* The questionnaire that decides success, e.g. prom.odi for low_back_pain. */
LimberMeasure   *limber_condition_get_main_measure        (LimberCondition *self);
/* Other questionnaires offered (RMDQ for low back pain…), borrowed, may be empty. */
GPtrArray       *limber_condition_get_other_questionnaires (LimberCondition *self);
/* Suggested measures with wildcards expanded (rom.lumbar.* → each lumbar motion),
 * pain first; borrowed array of LimberMeasure. */
GPtrArray       *limber_condition_get_suggested_measures  (LimberCondition *self);

G_END_DECLS
