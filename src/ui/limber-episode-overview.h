/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE_OVERVIEW (limber_episode_overview_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisodeOverview, limber_episode_overview, LIMBER, EPISODE_OVERVIEW, GtkWidget)

/* The progress of one course of care in one place: a card per measure and side, the
 * large chart of the chosen measure (the deciding one at first), and its values by
 * session as a table. A button (and F11) shows the course to the patient in a
 * full-screen view. */
GtkWidget   *limber_episode_overview_new              (LimberEpisodeAnalysis *analysis);
/* The cards alone, the chosen one marked: a page adds the chart under them with
 * limber_episode_overview_add_chart() once its first frame shows. */
GtkWidget   *limber_episode_overview_new_cards        (LimberEpisodeAnalysis *analysis);
void         limber_episode_overview_add_chart        (LimberEpisodeOverview *self);
/* TRUE once the chart is there (or without measurements, when there is none). */
gboolean     limber_episode_overview_get_has_chart    (LimberEpisodeOverview *self);
LimberEpisodeAnalysis *limber_episode_overview_get_analysis (LimberEpisodeOverview *self);
/* The cards (LimberMeasureCard), borrowed, for tests. */
GPtrArray   *limber_episode_overview_get_cards        (LimberEpisodeOverview *self);
/* The large chart (a LimberChartView), NULL without measurements or before
 * limber_episode_overview_add_chart(). */
GtkWidget   *limber_episode_overview_get_chart_view   (LimberEpisodeOverview *self);
/* Shows this measure's chart and table. */
void         limber_episode_overview_select_measure   (LimberEpisodeOverview *self,
                                                       LimberMeasure         *measure);
LimberMeasure *limber_episode_overview_get_selected_measure (LimberEpisodeOverview *self);
/* The number of session rows in the values table, for tests. */
guint        limber_episode_overview_get_n_table_rows (LimberEpisodeOverview *self);
/* Opens the full-screen patient view of this course and returns it. */
GtkWidget   *limber_episode_overview_present          (LimberEpisodeOverview *self);

G_END_DECLS
