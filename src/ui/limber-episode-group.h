/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-episode.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE_GROUP (limber_episode_group_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisodeGroup, limber_episode_group, LIMBER, EPISODE_GROUP, AdwPreferencesGroup)

/* One course of care: its outcome, the latest value and trend of every measure, and
 * its sessions. sessions, measurements (of the whole episode) and goals are the
 * store's arrays for the episode; goals may be NULL. */
GtkWidget     *limber_episode_group_new         (LimberEpisode *episode,
                                                 GPtrArray     *sessions,
                                                 GPtrArray     *measurements,
                                                 GPtrArray     *goals);
LimberEpisode *limber_episode_group_get_episode (LimberEpisodeGroup *self);
/* The number of trend rows ("Latest values"), for tests. */
guint          limber_episode_group_get_n_trends (LimberEpisodeGroup *self);
/* The outcome sentence, e.g. "Not yet a responder" (borrowed). */
const char    *limber_episode_group_get_outcome_text (LimberEpisodeGroup *self);

G_END_DECLS
