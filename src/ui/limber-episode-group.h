/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE_GROUP (limber_episode_group_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisodeGroup, limber_episode_group, LIMBER, EPISODE_GROUP, AdwPreferencesGroup)

/* One course of care as its analysis describes it: its outcome, the latest value and
 * trend of every measure, and its sessions. */
GtkWidget     *limber_episode_group_new         (LimberEpisodeAnalysis *analysis);
/* Builds the next part of the course below its cards (the chosen measure's chart,
 * then the sessions); FALSE once the group is complete. A new group holds its title,
 * outcome and cards: what the first screenful of a page shows. */
gboolean       limber_episode_group_build_more  (LimberEpisodeGroup *self);
gboolean       limber_episode_group_get_complete (LimberEpisodeGroup *self);
/* "Low back pain · since 3 Mar 2026": how the course of care is named in a list. */
char          *limber_episode_group_format_title (LimberEpisode      *episode);
LimberEpisode *limber_episode_group_get_episode (LimberEpisodeGroup *self);
/* The number of trend rows ("Latest values"), for tests. */
guint          limber_episode_group_get_n_trends (LimberEpisodeGroup *self);
/* The cards, chart and values of the course (a LimberEpisodeOverview), NULL without
 * measurements. */
GtkWidget     *limber_episode_group_get_overview (LimberEpisodeGroup *self);
/* The sessions of the course (a LimberSessionList), NULL until built. */
GtkWidget     *limber_episode_group_get_session_list (LimberEpisodeGroup *self);
/* The outcome sentence, e.g. "Not yet a responder" (borrowed). */
const char    *limber_episode_group_get_outcome_text (LimberEpisodeGroup *self);

G_END_DECLS
