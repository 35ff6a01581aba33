/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-types.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_GOAL (limber_goal_get_type ())

G_DECLARE_FINAL_TYPE (LimberGoal, limber_goal, LIMBER, GOAL, GObject)

/* A goal of an episode: reach "target" on one measure (and side). Properties "id",
 * "episode-id", "measure" (code), "side", "target". */

LimberGoal  *limber_goal_new             (const char *measure_code,
                                          LimberSide  side,
                                          double      target);
gint64       limber_goal_get_id          (LimberGoal *self);
void         limber_goal_set_id          (LimberGoal *self,
                                          gint64      id);
gint64       limber_goal_get_episode_id  (LimberGoal *self);
void         limber_goal_set_episode_id  (LimberGoal *self,
                                          gint64      episode_id);
const char  *limber_goal_get_measure     (LimberGoal *self);
void         limber_goal_set_measure     (LimberGoal *self,
                                          const char *measure_code);
LimberSide   limber_goal_get_side        (LimberGoal *self);
void         limber_goal_set_side        (LimberGoal *self,
                                          LimberSide  side);
double       limber_goal_get_target      (LimberGoal *self);
void         limber_goal_set_target      (LimberGoal *self,
                                          double      target);
/* The target must be a valid value of the measure with a fitting side. */
gboolean     limber_goal_validate        (LimberGoal *self,
                                          GError    **error);

G_END_DECLS
