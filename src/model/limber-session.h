/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_SESSION (limber_session_get_type ())

G_DECLARE_FINAL_TYPE (LimberSession, limber_session, LIMBER, SESSION, GObject)

/* One treatment visit. Properties: "id", "episode-id", "date" (YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM), "therapist", "techniques" (treated areas and techniques),
 * "notes", "soreness" (post-treatment soreness 0–10, -1 when not recorded),
 * "outcome-contact".
 *
 * An outcome contact is not a visit: the day a patient who was not seen (asked on
 * the telephone, or answering at discharge after the last visit) gave the rating the
 * Discharge window records, the global impression of change. It holds that rating
 * alone; no count of sessions or visits includes it, and the sessions list does not
 * show it. */

LimberSession *limber_session_new            (gint64         episode_id,
                                              const char    *date);
gint64         limber_session_get_id         (LimberSession *self);
void           limber_session_set_id         (LimberSession *self,
                                              gint64         id);
gint64         limber_session_get_episode_id (LimberSession *self);
void           limber_session_set_episode_id (LimberSession *self,
                                              gint64         episode_id);
const char    *limber_session_get_date       (LimberSession *self);
void           limber_session_set_date       (LimberSession *self,
                                              const char    *date);
const char    *limber_session_get_therapist  (LimberSession *self);
void           limber_session_set_therapist  (LimberSession *self,
                                              const char    *therapist);
const char    *limber_session_get_techniques (LimberSession *self);
void           limber_session_set_techniques (LimberSession *self,
                                              const char    *techniques);
const char    *limber_session_get_notes      (LimberSession *self);
void           limber_session_set_notes      (LimberSession *self,
                                              const char    *notes);
int            limber_session_get_soreness   (LimberSession *self);
void           limber_session_set_soreness   (LimberSession *self,
                                              int            soreness);
gboolean       limber_session_get_outcome_contact (LimberSession *self);
void           limber_session_set_outcome_contact (LimberSession *self,
                                                   gboolean       outcome_contact);
/* Valid date/time, soreness -1 or 0–10. */
gboolean       limber_session_validate       (LimberSession *self,
                                              GError       **error);

G_END_DECLS
