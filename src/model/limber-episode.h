/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-condition.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_EPISODE (limber_episode_get_type ())

G_DECLARE_FINAL_TYPE (LimberEpisode, limber_episode, LIMBER, EPISODE, GObject)

/* A course of care: one complaint treated over time. Properties: "id", "patient-id",
 * "condition" (code), "body-region" (free text or NULL), "side" (LimberSide; NONE when
 * not sided or both), "onset-date", "start-date", "discharge-date" (NULL while open),
 * "planned-sessions" (0 = not planned), "sessions-per-week" (0 = not planned),
 * "notes" (the intake note), "discharge-note". */

LimberEpisode *limber_episode_new                   (gint64         patient_id,
                                                     const char    *condition_code,
                                                     const char    *start_date);
gint64         limber_episode_get_id                (LimberEpisode *self);
void           limber_episode_set_id                (LimberEpisode *self,
                                                     gint64         id);
gint64         limber_episode_get_patient_id        (LimberEpisode *self);
void           limber_episode_set_patient_id        (LimberEpisode *self,
                                                     gint64         patient_id);
const char    *limber_episode_get_condition         (LimberEpisode *self);
/* Borrowed catalog entry of the condition; NULL if the code is unknown. */
LimberCondition *limber_episode_get_condition_info  (LimberEpisode *self);
void           limber_episode_set_condition         (LimberEpisode *self,
                                                     const char    *condition_code);
const char    *limber_episode_get_body_region       (LimberEpisode *self);
void           limber_episode_set_body_region       (LimberEpisode *self,
                                                     const char    *body_region);
LimberSide     limber_episode_get_side              (LimberEpisode *self);
void           limber_episode_set_side              (LimberEpisode *self,
                                                     LimberSide     side);
const char    *limber_episode_get_onset_date        (LimberEpisode *self);
void           limber_episode_set_onset_date        (LimberEpisode *self,
                                                     const char    *onset_date);
const char    *limber_episode_get_start_date        (LimberEpisode *self);
void           limber_episode_set_start_date        (LimberEpisode *self,
                                                     const char    *start_date);
const char    *limber_episode_get_discharge_date    (LimberEpisode *self);
void           limber_episode_set_discharge_date    (LimberEpisode *self,
                                                     const char    *discharge_date);
guint          limber_episode_get_planned_sessions  (LimberEpisode *self);
void           limber_episode_set_planned_sessions  (LimberEpisode *self,
                                                     guint          planned_sessions);
guint          limber_episode_get_sessions_per_week (LimberEpisode *self);
void           limber_episode_set_sessions_per_week (LimberEpisode *self,
                                                     guint          sessions_per_week);
const char    *limber_episode_get_notes             (LimberEpisode *self);
void           limber_episode_set_notes             (LimberEpisode *self,
                                                     const char    *notes);
/* The note written at discharge, apart from the intake note ("notes"). */
const char    *limber_episode_get_discharge_note    (LimberEpisode *self);
void           limber_episode_set_discharge_note    (LimberEpisode *self,
                                                     const char    *discharge_note);
/* TRUE while not discharged. */
gboolean       limber_episode_is_open               (LimberEpisode *self);
/* Open at that day: started on or before it and not discharged before it. */
gboolean       limber_episode_is_open_on            (LimberEpisode *self,
                                                     const char    *date);
/* Known condition, valid dates, onset ≤ start ≤ discharge, plan within 0–100
 * sessions and 0–7 a week (0: not planned). */
gboolean       limber_episode_validate              (LimberEpisode *self,
                                                     GError       **error);
/* A new episode with the same values (id included), e.g. for an edit dialog that
 * must not change the stored episode until the user saves. */
LimberEpisode *limber_episode_copy                  (LimberEpisode *self);

G_END_DECLS
