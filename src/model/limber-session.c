/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-entity-private.h"
#include "limber-session.h"
#include "limber-types.h"

/* Post-treatment soreness is rated like pain, 0–10; -1 means "not asked". */
#define SORENESS_NOT_RECORDED (-1)
#define SORENESS_MAX          10

struct _LimberSession
{
  GObject  parent_instance;

  gint64   id;
  gint64   episode_id;
  char    *date;
  char    *therapist;
  char    *techniques;
  char    *notes;
  int      soreness;
  gboolean outcome_contact;
};

G_DEFINE_FINAL_TYPE (LimberSession, limber_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EPISODE_ID,
  PROP_DATE,
  PROP_THERAPIST,
  PROP_TECHNIQUES,
  PROP_NOTES,
  PROP_SORENESS,
  PROP_OUTCOME_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_session_finalize (GObject *object)
{
  LimberSession *self = (LimberSession *)object;

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->therapist, g_free);
  g_clear_pointer (&self->techniques, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (limber_session_parent_class)->finalize (object);
}

static void
limber_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LimberSession *self = LIMBER_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_EPISODE_ID:
      g_value_set_int64 (value, self->episode_id);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_THERAPIST:
      g_value_set_string (value, self->therapist);
      break;

    case PROP_TECHNIQUES:
      g_value_set_string (value, self->techniques);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_SORENESS:
      g_value_set_int (value, self->soreness);
      break;

    case PROP_OUTCOME_CONTACT:
      g_value_set_boolean (value, self->outcome_contact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LimberSession *self = LIMBER_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_session_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_EPISODE_ID:
      limber_session_set_episode_id (self, g_value_get_int64 (value));
      break;

    case PROP_DATE:
      limber_session_set_date (self, g_value_get_string (value));
      break;

    case PROP_THERAPIST:
      limber_session_set_therapist (self, g_value_get_string (value));
      break;

    case PROP_TECHNIQUES:
      limber_session_set_techniques (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      limber_session_set_notes (self, g_value_get_string (value));
      break;

    case PROP_SORENESS:
      limber_session_set_soreness (self, g_value_get_int (value));
      break;

    case PROP_OUTCOME_CONTACT:
      limber_session_set_outcome_contact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_session_class_init (LimberSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = limber_session_finalize;
  object_class->get_property = limber_session_get_property;
  object_class->set_property = limber_session_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_EPISODE_ID] =
    g_param_spec_int64 ("episode-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, flags);

  properties[PROP_THERAPIST] =
    g_param_spec_string ("therapist", NULL, NULL, NULL, flags);

  properties[PROP_TECHNIQUES] =
    g_param_spec_string ("techniques", NULL, NULL, NULL, flags);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, flags);

  properties[PROP_SORENESS] =
    g_param_spec_int ("soreness", NULL, NULL,
                      SORENESS_NOT_RECORDED, SORENESS_MAX, SORENESS_NOT_RECORDED,
                      flags);

  properties[PROP_OUTCOME_CONTACT] =
    g_param_spec_boolean ("outcome-contact", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_session_init (LimberSession *self)
{
  self->soreness = SORENESS_NOT_RECORDED;
}

LimberSession *
limber_session_new (gint64      episode_id,
                    const char *date)
{
  return g_object_new (LIMBER_TYPE_SESSION,
                       "episode-id", episode_id,
                       "date", date,
                       NULL);
}

static void
limber_session_set_text (LimberSession *self,
                         char         **field,
                         const char    *text,
                         gboolean       strip,
                         guint          prop_id)
{
  if (limber_entity_set_text (field, text, strip))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
limber_session_get_id (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), 0);

  return self->id;
}

void
limber_session_set_id (LimberSession *self,
                       gint64         id)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
limber_session_get_episode_id (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), 0);

  return self->episode_id;
}

void
limber_session_set_episode_id (LimberSession *self,
                               gint64         episode_id)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  if (self->episode_id == episode_id)
    return;

  self->episode_id = episode_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE_ID]);
}

const char *
limber_session_get_date (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), NULL);

  return self->date;
}

void
limber_session_set_date (LimberSession *self,
                         const char    *date)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  limber_session_set_text (self, &self->date, date, FALSE, PROP_DATE);
}

const char *
limber_session_get_therapist (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), NULL);

  return self->therapist;
}

/* Stripped: statistics group sessions by therapist, and "Sam " is the same person
 * as "Sam". */
void
limber_session_set_therapist (LimberSession *self,
                              const char    *therapist)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  limber_session_set_text (self, &self->therapist, therapist, TRUE, PROP_THERAPIST);
}

const char *
limber_session_get_techniques (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), NULL);

  return self->techniques;
}

void
limber_session_set_techniques (LimberSession *self,
                               const char    *techniques)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  limber_session_set_text (self, &self->techniques, techniques, FALSE, PROP_TECHNIQUES);
}

const char *
limber_session_get_notes (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), NULL);

  return self->notes;
}

void
limber_session_set_notes (LimberSession *self,
                          const char    *notes)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  limber_session_set_text (self, &self->notes, notes, FALSE, PROP_NOTES);
}

int
limber_session_get_soreness (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), SORENESS_NOT_RECORDED);

  return self->soreness;
}

/* Any number is kept so that a form can show what was typed; validate() says
 * what is wrong with it. */
void
limber_session_set_soreness (LimberSession *self,
                             int            soreness)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  if (self->soreness == soreness)
    return;

  self->soreness = soreness;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORENESS]);
}

gboolean
limber_session_get_outcome_contact (LimberSession *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), FALSE);

  return self->outcome_contact;
}

void
limber_session_set_outcome_contact (LimberSession *self,
                                    gboolean       outcome_contact)
{
  g_return_if_fail (LIMBER_IS_SESSION (self));

  outcome_contact = !!outcome_contact;
  if (self->outcome_contact == outcome_contact)
    return;

  self->outcome_contact = outcome_contact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME_CONTACT]);
}

gboolean
limber_session_validate (LimberSession  *self,
                         GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->date == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                           _("Session date is empty"));
      return FALSE;
    }

  if (!limber_date_time_is_valid (self->date))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                   _("Session date “%s” is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
                   self->date);
      return FALSE;
    }

  if (self->soreness != SORENESS_NOT_RECORDED &&
      (self->soreness < 0 || self->soreness > SORENESS_MAX))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("Soreness: %d is outside 0–%d"), self->soreness, SORENESS_MAX);
      return FALSE;
    }

  return TRUE;
}
