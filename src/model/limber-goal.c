/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-goal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-entity-private.h"
#include "limber-goal.h"
#include "limber-measure.h"

struct _LimberGoal
{
  GObject     parent_instance;

  gint64      id;
  gint64      episode_id;
  char       *measure;
  LimberSide  side;
  double      target;
};

G_DEFINE_FINAL_TYPE (LimberGoal, limber_goal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EPISODE_ID,
  PROP_MEASURE,
  PROP_SIDE,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_goal_finalize (GObject *object)
{
  LimberGoal *self = (LimberGoal *)object;

  g_clear_pointer (&self->measure, g_free);

  G_OBJECT_CLASS (limber_goal_parent_class)->finalize (object);
}

static void
limber_goal_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LimberGoal *self = LIMBER_GOAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_EPISODE_ID:
      g_value_set_int64 (value, self->episode_id);
      break;

    case PROP_MEASURE:
      g_value_set_string (value, self->measure);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_goal_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LimberGoal *self = LIMBER_GOAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_goal_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_EPISODE_ID:
      limber_goal_set_episode_id (self, g_value_get_int64 (value));
      break;

    case PROP_MEASURE:
      limber_goal_set_measure (self, g_value_get_string (value));
      break;

    case PROP_SIDE:
      limber_goal_set_side (self, g_value_get_enum (value));
      break;

    case PROP_TARGET:
      limber_goal_set_target (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_goal_class_init (LimberGoalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = limber_goal_finalize;
  object_class->get_property = limber_goal_get_property;
  object_class->set_property = limber_goal_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_EPISODE_ID] =
    g_param_spec_int64 ("episode-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_MEASURE] =
    g_param_spec_string ("measure", NULL, NULL, NULL, flags);

  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL,
                       LIMBER_TYPE_SIDE, LIMBER_SIDE_NONE, flags);

  /* The measure decides the valid range; limber_goal_validate() checks it. */
  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_goal_init (LimberGoal *self)
{
  self->side = LIMBER_SIDE_NONE;
}

LimberGoal *
limber_goal_new (const char *measure_code,
                 LimberSide  side,
                 double      target)
{
  return g_object_new (LIMBER_TYPE_GOAL,
                       "measure", measure_code,
                       "side", side,
                       "target", target,
                       NULL);
}

gint64
limber_goal_get_id (LimberGoal *self)
{
  g_return_val_if_fail (LIMBER_IS_GOAL (self), 0);

  return self->id;
}

void
limber_goal_set_id (LimberGoal *self,
                    gint64      id)
{
  g_return_if_fail (LIMBER_IS_GOAL (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
limber_goal_get_episode_id (LimberGoal *self)
{
  g_return_val_if_fail (LIMBER_IS_GOAL (self), 0);

  return self->episode_id;
}

void
limber_goal_set_episode_id (LimberGoal *self,
                            gint64      episode_id)
{
  g_return_if_fail (LIMBER_IS_GOAL (self));

  if (self->episode_id == episode_id)
    return;

  self->episode_id = episode_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE_ID]);
}

const char *
limber_goal_get_measure (LimberGoal *self)
{
  g_return_val_if_fail (LIMBER_IS_GOAL (self), NULL);

  return self->measure;
}

void
limber_goal_set_measure (LimberGoal *self,
                         const char *measure_code)
{
  g_return_if_fail (LIMBER_IS_GOAL (self));

  if (limber_entity_set_text (&self->measure, measure_code, FALSE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURE]);
}

LimberSide
limber_goal_get_side (LimberGoal *self)
{
  g_return_val_if_fail (LIMBER_IS_GOAL (self), LIMBER_SIDE_NONE);

  return self->side;
}

void
limber_goal_set_side (LimberGoal *self,
                      LimberSide  side)
{
  g_return_if_fail (LIMBER_IS_GOAL (self));
  g_return_if_fail (side == LIMBER_SIDE_NONE ||
                    side == LIMBER_SIDE_LEFT ||
                    side == LIMBER_SIDE_RIGHT);

  if (self->side == side)
    return;

  self->side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

double
limber_goal_get_target (LimberGoal *self)
{
  g_return_val_if_fail (LIMBER_IS_GOAL (self), NAN);

  return self->target;
}

void
limber_goal_set_target (LimberGoal *self,
                        double      target)
{
  g_return_if_fail (LIMBER_IS_GOAL (self));

  if (limber_entity_same_double (self->target, target))
    return;

  self->target = target;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

gboolean
limber_goal_validate (LimberGoal  *self,
                      GError     **error)
{
  LimberMeasure *measure;

  g_return_val_if_fail (LIMBER_IS_GOAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->measure == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
                           _("Goal measure is empty"));
      return FALSE;
    }

  measure = limber_measure_lookup (self->measure);
  if (measure == NULL)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
                   _("unknown measure “%s”"), self->measure);
      return FALSE;
    }

  if (isnan (self->target))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("Goal target for %s is empty"), self->measure);
      return FALSE;
    }

  /* The value first, with its own prefix, so that the message says it is the target
   * that is out of range; what remains for the full check is the side. */
  if (!limber_measure_validate_value (measure, self->target, error))
    {
      /* Translators: put before a message about the goal's value, e.g. "Goal target:
       * 11 is outside 0–10 for pain.nprs"; keep the space at the end. */
      g_prefix_error (error, "%s", _("Goal target: "));
      return FALSE;
    }

  if (!limber_measure_validate (measure, self->target, self->side, error))
    {
      /* Translators: put before a message about the goal, e.g. "Goal: rom.hip.flexion
       * needs a side (left or right)"; keep the space at the end. */
      g_prefix_error (error, "%s", _("Goal: "));
      return FALSE;
    }

  return TRUE;
}
