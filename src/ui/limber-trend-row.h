/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-trend.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_TREND_ROW (limber_trend_row_get_type ())

G_DECLARE_FINAL_TYPE (LimberTrendRow, limber_trend_row, LIMBER, TREND_ROW, AdwActionRow)

/* The latest value of one measure (and side) of a course of care: what it is, how it
 * went in one sentence, and a pill saying improved, worse or no meaningful change. */
GtkWidget   *limber_trend_row_new       (LimberTrend    *trend);
LimberTrend *limber_trend_row_get_trend (LimberTrendRow *self);
/* Gives the status pills of several rows one width, so that their values line up. */
void         limber_trend_row_add_pill_to_size_group (LimberTrendRow *self,
                                                      GtkSizeGroup   *size_group);

G_END_DECLS
