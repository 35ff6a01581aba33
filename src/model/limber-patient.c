/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-date.h"
#include "limber-entity-private.h"
#include "limber-patient.h"
#include "limber-types.h"

/* The longest chart number accepted, in characters: long enough for any hospital
 * numbering scheme, short enough to fit a list row and a report header. */
#define MRN_MAX_CHARS 64

struct _LimberPatient
{
  GObject  parent_instance;

  gint64   id;
  char    *mrn;
  char    *name;
  char    *birth_date;
  char    *sex;
  char    *phone;
  char    *email;
  char    *notes;
  gboolean archived;
  char    *search_text;
};

G_DEFINE_FINAL_TYPE (LimberPatient, limber_patient, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MRN,
  PROP_NAME,
  PROP_BIRTH_DATE,
  PROP_SEX,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_NOTES,
  PROP_ARCHIVED,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The patient list filters on one folded string so that typing "mül" finds
 * "Anna Müller" and "00123" finds her chart number. */
static void
limber_patient_update_search_text (LimberPatient *self)
{
  g_autofree char *joined = NULL;
  g_autofree char *valid = NULL;
  char *folded;

  joined = g_strjoin (" ",
                      self->name != NULL ? self->name : "",
                      self->mrn != NULL ? self->mrn : "",
                      NULL);
  valid = g_utf8_make_valid (g_strstrip (joined), -1);
  folded = g_utf8_casefold (valid, -1);

  if (g_strcmp0 (folded, self->search_text) == 0)
    {
      g_free (folded);
      return;
    }

  g_free (self->search_text);
  self->search_text = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

static void
limber_patient_finalize (GObject *object)
{
  LimberPatient *self = (LimberPatient *)object;

  g_clear_pointer (&self->mrn, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->sex, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (limber_patient_parent_class)->finalize (object);
}

static void
limber_patient_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LimberPatient *self = LIMBER_PATIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_MRN:
      g_value_set_string (value, self->mrn);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;

    case PROP_SEX:
      g_value_set_string (value, self->sex);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, limber_patient_get_search_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LimberPatient *self = LIMBER_PATIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_patient_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_MRN:
      limber_patient_set_mrn (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      limber_patient_set_name (self, g_value_get_string (value));
      break;

    case PROP_BIRTH_DATE:
      limber_patient_set_birth_date (self, g_value_get_string (value));
      break;

    case PROP_SEX:
      limber_patient_set_sex (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      limber_patient_set_phone (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      limber_patient_set_email (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      limber_patient_set_notes (self, g_value_get_string (value));
      break;

    case PROP_ARCHIVED:
      limber_patient_set_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_class_init (LimberPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_patient_finalize;
  object_class->get_property = limber_patient_get_property;
  object_class->set_property = limber_patient_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MRN] =
    g_param_spec_string ("mrn", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SEX] =
    g_param_spec_string ("sex", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_patient_init (LimberPatient *self)
{
}

LimberPatient *
limber_patient_new (const char *mrn,
                    const char *name,
                    const char *birth_date)
{
  return g_object_new (LIMBER_TYPE_PATIENT,
                       "mrn", mrn,
                       "name", name,
                       "birth-date", birth_date,
                       NULL);
}

gint64
limber_patient_get_id (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), 0);

  return self->id;
}

void
limber_patient_set_id (LimberPatient *self,
                       gint64         id)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
limber_patient_get_mrn (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->mrn;
}

void
limber_patient_set_mrn (LimberPatient *self,
                        const char    *mrn)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (!limber_entity_set_text (&self->mrn, mrn, TRUE))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MRN]);
  limber_patient_update_search_text (self);
}

const char *
limber_patient_get_name (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->name;
}

void
limber_patient_set_name (LimberPatient *self,
                         const char    *name)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (!limber_entity_set_text (&self->name, name, TRUE))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  limber_patient_update_search_text (self);
}

const char *
limber_patient_get_birth_date (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->birth_date;
}

void
limber_patient_set_birth_date (LimberPatient *self,
                               const char    *birth_date)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (limber_entity_set_text (&self->birth_date, birth_date, FALSE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTH_DATE]);
}

const char *
limber_patient_get_sex (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->sex;
}

void
limber_patient_set_sex (LimberPatient *self,
                        const char    *sex)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (limber_entity_set_text (&self->sex, sex, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEX]);
}

const char *
limber_patient_get_sex_label (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  if (g_strcmp0 (self->sex, "female") == 0)
    return C_("sex", "Female");
  if (g_strcmp0 (self->sex, "male") == 0)
    return C_("sex", "Male");
  if (g_strcmp0 (self->sex, "other") == 0)
    return C_("sex", "Other");

  return NULL;
}

const char *
limber_patient_get_phone (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->phone;
}

void
limber_patient_set_phone (LimberPatient *self,
                          const char    *phone)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (limber_entity_set_text (&self->phone, phone, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
limber_patient_get_email (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->email;
}

void
limber_patient_set_email (LimberPatient *self,
                          const char    *email)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (limber_entity_set_text (&self->email, email, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
limber_patient_get_notes (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->notes;
}

void
limber_patient_set_notes (LimberPatient *self,
                          const char    *notes)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  if (limber_entity_set_text (&self->notes, notes, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gboolean
limber_patient_get_archived (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), FALSE);

  return self->archived;
}

void
limber_patient_set_archived (LimberPatient *self,
                             gboolean       archived)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));

  archived = !!archived;
  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

LimberPatient *
limber_patient_copy (LimberPatient *self)
{
  LimberPatient *copy;

  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  copy = limber_patient_new (self->mrn, self->name, self->birth_date);
  copy->id = self->id;
  copy->sex = g_strdup (self->sex);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->notes = g_strdup (self->notes);
  copy->archived = self->archived;

  return copy;
}

void
limber_patient_assign (LimberPatient *self,
                       LimberPatient *source)
{
  g_return_if_fail (LIMBER_IS_PATIENT (self));
  g_return_if_fail (LIMBER_IS_PATIENT (source));

  g_object_freeze_notify (G_OBJECT (self));
  limber_patient_set_mrn (self, source->mrn);
  limber_patient_set_name (self, source->name);
  limber_patient_set_birth_date (self, source->birth_date);
  limber_patient_set_sex (self, source->sex);
  limber_patient_set_phone (self, source->phone);
  limber_patient_set_email (self, source->email);
  limber_patient_set_notes (self, source->notes);
  limber_patient_set_archived (self, source->archived);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Never NULL: "" for a patient without name and chart number. */
const char *
limber_patient_get_search_text (LimberPatient *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

static gboolean
validate_mrn (const char  *mrn,
              GError     **error)
{
  if (mrn == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                           _("Chart number is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (mrn, -1, NULL))
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                           _("Chart number is not valid UTF-8 text"));
      return FALSE;
    }

  if (g_utf8_strlen (mrn, -1) > MRN_MAX_CHARS)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("Chart number “%s” is longer than %d characters"),
                   mrn, MRN_MAX_CHARS);
      return FALSE;
    }

  /* A tab or line break in a chart number would break lookups, CSV rows and
   * report headers, and is always a copy-and-paste accident. */
  for (const char *p = mrn; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                               _("Chart number contains a control character (tab or line break)"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_birth_date (const char  *birth_date,
                     const char  *today,
                     GError     **error)
{
  g_autofree char *now = NULL;

  if (birth_date == NULL)
    return TRUE;

  if (!limber_date_is_valid (birth_date))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                   _("Birth date “%s” is not a date (YYYY-MM-DD)"), birth_date);
      return FALSE;
    }

  /* ISO dates sort as text. */
  if (today == NULL)
    today = now = limber_date_today ();
  if (strcmp (birth_date, today) > 0)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE,
                   _("Birth date %s is in the future"), birth_date);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_contact (LimberPatient  *self,
                  GError        **error)
{
  if (self->sex != NULL && g_strcmp0 (self->sex, "female") != 0
      && g_strcmp0 (self->sex, "male") != 0 && g_strcmp0 (self->sex, "other") != 0)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("Sex “%s” is not one of female, male or other"), self->sex);
      return FALSE;
    }

  if (self->phone != NULL
      && (g_utf8_strlen (self->phone, -1) > 40
          || self->phone[strspn (self->phone, "0123456789 +()-./")] != '\0'))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("Phone number “%s” may hold only digits, spaces and + ( ) - . / "
                     "(at most 40)"), self->phone);
      return FALSE;
    }

  if (self->email != NULL)
    {
      const char *at = strchr (self->email, '@');

      if (at == NULL || at == self->email || at[1] == '\0' || strchr (at + 1, '@') != NULL
          || strpbrk (self->email, " \t\n") != NULL || strlen (self->email) > 254)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                       _("E-mail address “%s” is not an address (name@example.org)"),
                       self->email);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
limber_patient_validate (LimberPatient  *self,
                         GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_mrn (self->mrn, error))
    return FALSE;

  if (self->name == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                           _("Name is empty"));
      return FALSE;
    }

  return validate_birth_date (self->birth_date, NULL, error) && validate_contact (self, error);
}

gboolean
limber_patient_check_mrn (const char  *mrn,
                          GError     **error)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* As limber_entity_set_text() keeps it; a copy only when there is white space
   * to drop, which a file rarely has. */
  if (mrn != NULL && (g_ascii_isspace (mrn[0])
                      || (mrn[0] != '\0' && g_ascii_isspace (mrn[strlen (mrn) - 1]))))
    mrn = normal = g_strstrip (g_strdup (mrn));
  if (mrn != NULL && mrn[0] == '\0')
    mrn = NULL;

  return validate_mrn (mrn, error);
}

gboolean
limber_patient_check_birth_date (const char  *birth_date,
                                 const char  *today,
                                 GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (birth_date != NULL && birth_date[0] == '\0')
    birth_date = NULL;

  return validate_birth_date (birth_date, today, error);
}
