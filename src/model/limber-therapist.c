/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-therapist"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-entity-private.h"
#include "limber-therapist.h"
#include "limber-types.h"

/* Long enough for any name with titles, short enough for a report's table column. */
#define NAME_MAX_CHARS 100

struct _LimberTherapist
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  gboolean  retired;
};

G_DEFINE_FINAL_TYPE (LimberTherapist, limber_therapist, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_RETIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_therapist_finalize (GObject *object)
{
  LimberTherapist *self = (LimberTherapist *) object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (limber_therapist_parent_class)->finalize (object);
}

static void
limber_therapist_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LimberTherapist *self = LIMBER_THERAPIST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_therapist_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LimberTherapist *self = LIMBER_THERAPIST (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_therapist_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      limber_therapist_set_name (self, g_value_get_string (value));
      break;

    case PROP_RETIRED:
      limber_therapist_set_retired (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_therapist_class_init (LimberTherapistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_therapist_finalize;
  object_class->get_property = limber_therapist_get_property;
  object_class->set_property = limber_therapist_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_RETIRED] =
    g_param_spec_boolean ("retired", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_therapist_init (LimberTherapist *self)
{
}

LimberTherapist *
limber_therapist_new (const char *name)
{
  return g_object_new (LIMBER_TYPE_THERAPIST, "name", name, NULL);
}

gint64
limber_therapist_get_id (LimberTherapist *self)
{
  g_return_val_if_fail (LIMBER_IS_THERAPIST (self), 0);

  return self->id;
}

void
limber_therapist_set_id (LimberTherapist *self,
                         gint64           id)
{
  g_return_if_fail (LIMBER_IS_THERAPIST (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
limber_therapist_get_name (LimberTherapist *self)
{
  g_return_val_if_fail (LIMBER_IS_THERAPIST (self), NULL);

  return self->name;
}

void
limber_therapist_set_name (LimberTherapist *self,
                           const char      *name)
{
  g_return_if_fail (LIMBER_IS_THERAPIST (self));

  if (limber_entity_set_text (&self->name, name, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
limber_therapist_get_retired (LimberTherapist *self)
{
  g_return_val_if_fail (LIMBER_IS_THERAPIST (self), FALSE);

  return self->retired;
}

void
limber_therapist_set_retired (LimberTherapist *self,
                              gboolean         retired)
{
  g_return_if_fail (LIMBER_IS_THERAPIST (self));

  retired = !!retired;
  if (self->retired == retired)
    return;

  self->retired = retired;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETIRED]);
}

gboolean
limber_therapist_validate (LimberTherapist  *self,
                           GError          **error)
{
  g_return_val_if_fail (LIMBER_IS_THERAPIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->name == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                           _("The therapist’s name is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (self->name, -1, NULL))
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                           _("The therapist’s name is not valid UTF-8 text"));
      return FALSE;
    }

  if (g_utf8_strlen (self->name, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("The therapist’s name is longer than %d characters"), NAME_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = self->name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                               _("The therapist’s name contains a tab or line break"));
          return FALSE;
        }
    }

  return TRUE;
}
