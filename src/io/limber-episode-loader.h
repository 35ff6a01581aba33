/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-episode-analysis.h"
#include "limber-store.h"

G_BEGIN_DECLS

/* The one way from the store to a LimberEpisodeAnalysis: it fetches the patient, the
 * course of care, its sessions, measurements and goals, and analyses them. */

/* The course of care with this id. Unknown id: LIMBER_STORE_ERROR_NOT_FOUND. */
LimberEpisodeAnalysis *limber_episode_loader_load                (LimberStore    *store,
                                                                  gint64          episode_id,
                                                                  GError        **error);
/* The patient's current course of care: the most recent by start date, of two
 * started the same day the one added last. Unknown mrn, or a patient without a
 * course of care: LIMBER_STORE_ERROR_NOT_FOUND with a message that says which. */
LimberEpisodeAnalysis *limber_episode_loader_load_current        (LimberStore    *store,
                                                                  const char     *mrn,
                                                                  GError        **error);
/* For callers that already hold the patient and episode (a patient's page lists
 * them all): fetches and analyses the rest. */
LimberEpisodeAnalysis *limber_episode_loader_load_for_episode    (LimberStore    *store,
                                                                  LimberPatient  *patient,
                                                                  LimberEpisode  *episode,
                                                                  GError        **error);

G_END_DECLS
