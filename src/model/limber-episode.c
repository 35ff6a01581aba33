/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-date.h"
#include "limber-entity-private.h"
#include "limber-episode.h"
#include "limber-types.h"

/* Plans beyond these are typing mistakes (a course of care is weeks, not years). */
#define PLANNED_SESSIONS_MAX  100
#define SESSIONS_PER_WEEK_MAX 7

/* Dates are compared on their day part: a session time "2024-02-01T09:30" is on the
 * day "2024-02-01". */
#define DAY_LENGTH 10

struct _LimberEpisode
{
  GObject     parent_instance;

  gint64      id;
  gint64      patient_id;
  char       *condition;
  char       *body_region;
  LimberSide  side;
  char       *onset_date;
  char       *start_date;
  char       *discharge_date;
  guint       planned_sessions;
  guint       sessions_per_week;
  char       *notes;           /* written when the course starts */
  char       *discharge_note;  /* written when it is discharged */
};

G_DEFINE_FINAL_TYPE (LimberEpisode, limber_episode, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATIENT_ID,
  PROP_CONDITION,
  PROP_BODY_REGION,
  PROP_SIDE,
  PROP_ONSET_DATE,
  PROP_START_DATE,
  PROP_DISCHARGE_DATE,
  PROP_PLANNED_SESSIONS,
  PROP_SESSIONS_PER_WEEK,
  PROP_NOTES,
  PROP_DISCHARGE_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_episode_finalize (GObject *object)
{
  LimberEpisode *self = (LimberEpisode *)object;

  g_clear_pointer (&self->condition, g_free);
  g_clear_pointer (&self->body_region, g_free);
  g_clear_pointer (&self->onset_date, g_free);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->discharge_date, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->discharge_note, g_free);

  G_OBJECT_CLASS (limber_episode_parent_class)->finalize (object);
}

static void
limber_episode_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LimberEpisode *self = LIMBER_EPISODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->patient_id);
      break;

    case PROP_CONDITION:
      g_value_set_string (value, self->condition);
      break;

    case PROP_BODY_REGION:
      g_value_set_string (value, self->body_region);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_ONSET_DATE:
      g_value_set_string (value, self->onset_date);
      break;

    case PROP_START_DATE:
      g_value_set_string (value, self->start_date);
      break;

    case PROP_DISCHARGE_DATE:
      g_value_set_string (value, self->discharge_date);
      break;

    case PROP_PLANNED_SESSIONS:
      g_value_set_uint (value, self->planned_sessions);
      break;

    case PROP_SESSIONS_PER_WEEK:
      g_value_set_uint (value, self->sessions_per_week);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_DISCHARGE_NOTE:
      g_value_set_string (value, self->discharge_note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_episode_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LimberEpisode *self = LIMBER_EPISODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_episode_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PATIENT_ID:
      limber_episode_set_patient_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONDITION:
      limber_episode_set_condition (self, g_value_get_string (value));
      break;

    case PROP_BODY_REGION:
      limber_episode_set_body_region (self, g_value_get_string (value));
      break;

    case PROP_SIDE:
      limber_episode_set_side (self, g_value_get_enum (value));
      break;

    case PROP_ONSET_DATE:
      limber_episode_set_onset_date (self, g_value_get_string (value));
      break;

    case PROP_START_DATE:
      limber_episode_set_start_date (self, g_value_get_string (value));
      break;

    case PROP_DISCHARGE_DATE:
      limber_episode_set_discharge_date (self, g_value_get_string (value));
      break;

    case PROP_PLANNED_SESSIONS:
      limber_episode_set_planned_sessions (self, g_value_get_uint (value));
      break;

    case PROP_SESSIONS_PER_WEEK:
      limber_episode_set_sessions_per_week (self, g_value_get_uint (value));
      break;

    case PROP_NOTES:
      limber_episode_set_notes (self, g_value_get_string (value));
      break;

    case PROP_DISCHARGE_NOTE:
      limber_episode_set_discharge_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_episode_class_init (LimberEpisodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = limber_episode_finalize;
  object_class->get_property = limber_episode_get_property;
  object_class->set_property = limber_episode_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_CONDITION] =
    g_param_spec_string ("condition", NULL, NULL, NULL, flags);

  properties[PROP_BODY_REGION] =
    g_param_spec_string ("body-region", NULL, NULL, NULL, flags);

  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL,
                       LIMBER_TYPE_SIDE, LIMBER_SIDE_NONE, flags);

  properties[PROP_ONSET_DATE] =
    g_param_spec_string ("onset-date", NULL, NULL, NULL, flags);

  properties[PROP_START_DATE] =
    g_param_spec_string ("start-date", NULL, NULL, NULL, flags);

  properties[PROP_DISCHARGE_DATE] =
    g_param_spec_string ("discharge-date", NULL, NULL, NULL, flags);

  /* The plan's limits are checked by limber_episode_validate() with a message for
   * people, not by the property, so that a form can hold what was typed. */
  properties[PROP_PLANNED_SESSIONS] =
    g_param_spec_uint ("planned-sessions", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_SESSIONS_PER_WEEK] =
    g_param_spec_uint ("sessions-per-week", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, flags);

  properties[PROP_DISCHARGE_NOTE] =
    g_param_spec_string ("discharge-note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_episode_init (LimberEpisode *self)
{
  self->side = LIMBER_SIDE_NONE;
}

LimberEpisode *
limber_episode_new (gint64      patient_id,
                    const char *condition_code,
                    const char *start_date)
{
  return g_object_new (LIMBER_TYPE_EPISODE,
                       "patient-id", patient_id,
                       "condition", condition_code,
                       "start-date", start_date,
                       NULL);
}

LimberEpisode *
limber_episode_copy (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return g_object_new (LIMBER_TYPE_EPISODE,
                       "id", self->id,
                       "patient-id", self->patient_id,
                       "condition", self->condition,
                       "body-region", self->body_region,
                       "side", self->side,
                       "onset-date", self->onset_date,
                       "start-date", self->start_date,
                       "discharge-date", self->discharge_date,
                       "planned-sessions", self->planned_sessions,
                       "sessions-per-week", self->sessions_per_week,
                       "notes", self->notes,
                       "discharge-note", self->discharge_note,
                       NULL);
}

/* Shared by the text setters: store the normalised text, notify on change. */
static void
limber_episode_set_text (LimberEpisode *self,
                         char         **field,
                         const char    *text,
                         guint          prop_id)
{
  if (limber_entity_set_text (field, text, FALSE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
limber_episode_get_id (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), 0);

  return self->id;
}

void
limber_episode_set_id (LimberEpisode *self,
                       gint64         id)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
limber_episode_get_patient_id (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), 0);

  return self->patient_id;
}

void
limber_episode_set_patient_id (LimberEpisode *self,
                               gint64         patient_id)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  if (self->patient_id == patient_id)
    return;

  self->patient_id = patient_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

const char *
limber_episode_get_condition (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->condition;
}

void
limber_episode_set_condition (LimberEpisode *self,
                              const char    *condition_code)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->condition, condition_code, PROP_CONDITION);
}

LimberCondition *
limber_episode_get_condition_info (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  if (self->condition == NULL)
    return NULL;

  return limber_condition_lookup (self->condition);
}

const char *
limber_episode_get_body_region (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->body_region;
}

void
limber_episode_set_body_region (LimberEpisode *self,
                                const char    *body_region)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->body_region, body_region, PROP_BODY_REGION);
}

LimberSide
limber_episode_get_side (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), LIMBER_SIDE_NONE);

  return self->side;
}

void
limber_episode_set_side (LimberEpisode *self,
                         LimberSide     side)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));
  g_return_if_fail (side == LIMBER_SIDE_NONE ||
                    side == LIMBER_SIDE_LEFT ||
                    side == LIMBER_SIDE_RIGHT);

  if (self->side == side)
    return;

  self->side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

const char *
limber_episode_get_onset_date (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->onset_date;
}

void
limber_episode_set_onset_date (LimberEpisode *self,
                               const char    *onset_date)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->onset_date, onset_date, PROP_ONSET_DATE);
}

const char *
limber_episode_get_start_date (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->start_date;
}

void
limber_episode_set_start_date (LimberEpisode *self,
                               const char    *start_date)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->start_date, start_date, PROP_START_DATE);
}

const char *
limber_episode_get_discharge_date (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->discharge_date;
}

void
limber_episode_set_discharge_date (LimberEpisode *self,
                                   const char    *discharge_date)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->discharge_date, discharge_date,
                           PROP_DISCHARGE_DATE);
}

guint
limber_episode_get_planned_sessions (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), 0);

  return self->planned_sessions;
}

void
limber_episode_set_planned_sessions (LimberEpisode *self,
                                     guint          planned_sessions)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  if (self->planned_sessions == planned_sessions)
    return;

  self->planned_sessions = planned_sessions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_SESSIONS]);
}

guint
limber_episode_get_sessions_per_week (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), 0);

  return self->sessions_per_week;
}

void
limber_episode_set_sessions_per_week (LimberEpisode *self,
                                      guint          sessions_per_week)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  if (self->sessions_per_week == sessions_per_week)
    return;

  self->sessions_per_week = sessions_per_week;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_PER_WEEK]);
}

const char *
limber_episode_get_notes (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->notes;
}

void
limber_episode_set_notes (LimberEpisode *self,
                          const char    *notes)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->notes, notes, PROP_NOTES);
}

const char *
limber_episode_get_discharge_note (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), NULL);

  return self->discharge_note;
}

void
limber_episode_set_discharge_note (LimberEpisode *self,
                                   const char    *discharge_note)
{
  g_return_if_fail (LIMBER_IS_EPISODE (self));

  limber_episode_set_text (self, &self->discharge_note, discharge_note, PROP_DISCHARGE_NOTE);
}

gboolean
limber_episode_is_open (LimberEpisode *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), FALSE);

  return self->discharge_date == NULL;
}

/* The discharge day itself still belongs to the episode: the last session is usually
 * held on it. */
gboolean
limber_episode_is_open_on (LimberEpisode *self,
                           const char    *date)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (self->start_date == NULL)
    return FALSE;

  if (strncmp (self->start_date, date, DAY_LENGTH) > 0)
    return FALSE;

  return self->discharge_date == NULL ||
         strncmp (self->discharge_date, date, DAY_LENGTH) >= 0;
}

static gboolean
validate_condition (const char  *condition,
                    GError     **error)
{
  if (condition == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_CONDITION,
                           _("Condition is empty"));
      return FALSE;
    }

  if (limber_condition_lookup (condition) == NULL)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_CONDITION,
                   _("unknown condition “%s”"), condition);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_dates (LimberEpisode  *self,
                GError        **error)
{
  if (self->start_date == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                           _("Start date is empty"));
      return FALSE;
    }

  if (!limber_date_is_valid (self->start_date))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                   _("Start date “%s” is not a date (YYYY-MM-DD)"), self->start_date);
      return FALSE;
    }

  if (self->onset_date != NULL)
    {
      if (!limber_date_is_valid (self->onset_date))
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                       _("Onset date “%s” is not a date (YYYY-MM-DD)"), self->onset_date);
          return FALSE;
        }

      if (strcmp (self->onset_date, self->start_date) > 0)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                       _("Onset date %s is after the start %s"),
                       self->onset_date, self->start_date);
          return FALSE;
        }
    }

  if (self->discharge_date != NULL)
    {
      if (!limber_date_is_valid (self->discharge_date))
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                       _("Discharge date “%s” is not a date (YYYY-MM-DD)"),
                       self->discharge_date);
          return FALSE;
        }

      if (strcmp (self->discharge_date, self->start_date) < 0)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                       _("Discharge date %s is before the start %s"),
                       self->discharge_date, self->start_date);
          return FALSE;
        }
    }

  return TRUE;
}

/* 0 means "not planned" for both numbers. */
static gboolean
validate_plan (LimberEpisode  *self,
               GError        **error)
{
  if (self->planned_sessions > PLANNED_SESSIONS_MAX)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("Planned sessions: %u is outside 0–%d"),
                   self->planned_sessions, PLANNED_SESSIONS_MAX);
      return FALSE;
    }

  if (self->sessions_per_week > SESSIONS_PER_WEEK_MAX)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("Sessions per week: %u is outside 0–%d"),
                   self->sessions_per_week, SESSIONS_PER_WEEK_MAX);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_episode_validate (LimberEpisode  *self,
                         GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_condition (self->condition, error) &&
         validate_dates (self, error) &&
         validate_plan (self, error);
}
