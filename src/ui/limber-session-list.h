/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_SESSION_LIST (limber_session_list_get_type ())

G_DECLARE_FINAL_TYPE (LimberSessionList, limber_session_list, LIMBER, SESSION_LIST, GtkWidget)

/* The sessions of a course of care, the newest first, with the plan's progress
 * ("4 of 6 sessions"): each row has the session's number, day and time, therapist
 * and headline values, and opens the session editor (win.edit-session). Rows are
 * made for the newest ten only, and ten more at each Show More. */
GtkWidget     *limber_session_list_new               (LimberEpisodeAnalysis *analysis);
/* The rows made so far (tests). */
guint          limber_session_list_get_n_rows        (LimberSessionList     *self);
GtkListBoxRow *limber_session_list_get_row           (LimberSessionList     *self,
                                                      guint                  i);
/* "4 of 6 sessions", or "4 sessions" without a plan. */
const char    *limber_session_list_get_progress_text (LimberSessionList     *self);
/* The Show More button (hidden when every session has its row). */
GtkWidget     *limber_session_list_get_more_button   (LimberSessionList     *self);

G_END_DECLS
