/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_MEASURE_CARD (limber_measure_card_get_type ())

G_DECLARE_FINAL_TYPE (LimberMeasureCard, limber_measure_card, LIMBER, MEASURE_CARD, GtkButton)

/* One measure (and side) of a course of care at a glance: first → latest value, the
 * change and percent change, the status in words, a sparkline drawn by the chart
 * renderer, and the goal. Activating it opens the measure's large chart. */
GtkWidget   *limber_measure_card_new       (LimberEpisodeAnalysis *analysis,
                                            LimberTrend           *trend);
LimberTrend *limber_measure_card_get_trend (LimberMeasureCard     *self);
/* Marks the card whose chart is shown. */
void         limber_measure_card_set_selected (LimberMeasureCard  *self,
                                               gboolean            selected);
/* The status shown on the card, e.g. "Improved", "First value" (for tests). */
const char  *limber_measure_card_get_status_text (LimberMeasureCard *self);

G_END_DECLS
