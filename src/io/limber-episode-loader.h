/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-course.h"
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

/* ----- Many courses at once ----- */

/* Called once per course of care; the course and everything in it are borrowed for
 * the call. Return FALSE with error set to stop. */
typedef gboolean (*LimberEpisodeLoaderCourseFunc) (const LimberCourse  *course,
                                                   gpointer             user_data,
                                                   GError             **error);

/* Every course of care that started from from to to (YYYY-MM-DD, both included; NULL
 * for no limit), in the order they were added, as plain arrays: one query streamed in
 * order, each session's date parsed once, no object per session or measurement, and
 * only one course in memory at a time. Stops with G_IO_ERROR_CANCELLED when
 * cancellable is cancelled. */
gboolean limber_episode_loader_foreach_course (LimberStore                    *store,
                                               const char                     *from,
                                               const char                     *to,
                                               LimberEpisodeLoaderCourseFunc   func,
                                               gpointer                        user_data,
                                               GCancellable                   *cancellable,
                                               GError                        **error);

G_END_DECLS
