/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clinic"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "limber-clinic.h"
#include "limber-entity-private.h"
#include "limber-types.h"

/* ----- Paper ----- */

G_DEFINE_ENUM_TYPE (LimberPaper, limber_paper,
                    G_DEFINE_ENUM_VALUE (LIMBER_PAPER_A4, "a4"),
                    G_DEFINE_ENUM_VALUE (LIMBER_PAPER_LETTER, "letter"))

const char *
limber_paper_to_string (LimberPaper paper)
{
  return paper == LIMBER_PAPER_LETTER ? "letter" : "a4";
}

gboolean
limber_paper_from_string (const char  *text,
                          LimberPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (text, "a4") == 0)
    *paper = LIMBER_PAPER_A4;
  else if (g_strcmp0 (text, "letter") == 0)
    *paper = LIMBER_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}

LimberPaper
limber_paper_from_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  /* glibc returns the width in millimetres in place of the pointer. */
  union { unsigned int word; char *string; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return LIMBER_PAPER_LETTER;
#endif

  return LIMBER_PAPER_A4;
}

void
limber_paper_get_size (LimberPaper  paper,
                       double      *width,
                       double      *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  if (paper == LIMBER_PAPER_LETTER)
    {
      *width = 8.5 * 72.0;
      *height = 11.0 * 72.0;
    }
  else
    {
      *width = 210.0 / 25.4 * 72.0;
      *height = 297.0 / 25.4 * 72.0;
    }
}

/* ----- Clinic ----- */

struct _LimberClinic
{
  GObject      parent_instance;

  char        *name;
  char        *address;
  char        *phone;
  char        *email;
  GBytes      *logo;
  LimberPaper  paper;
};

G_DEFINE_FINAL_TYPE (LimberClinic, limber_clinic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_LOGO,
  PROP_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_clinic_finalize (GObject *object)
{
  LimberClinic *self = (LimberClinic *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->logo, g_bytes_unref);

  G_OBJECT_CLASS (limber_clinic_parent_class)->finalize (object);
}

static void
limber_clinic_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LimberClinic *self = LIMBER_CLINIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_LOGO:
      g_value_set_boxed (value, self->logo);
      break;

    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_clinic_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LimberClinic *self = LIMBER_CLINIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      limber_clinic_set_name (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS:
      limber_clinic_set_address (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      limber_clinic_set_phone (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      limber_clinic_set_email (self, g_value_get_string (value));
      break;

    case PROP_LOGO:
      limber_clinic_set_logo (self, g_value_get_boxed (value));
      break;

    case PROP_PAPER:
      limber_clinic_set_paper (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_clinic_class_init (LimberClinicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = limber_clinic_finalize;
  object_class->get_property = limber_clinic_get_property;
  object_class->set_property = limber_clinic_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_LOGO] = g_param_spec_boxed ("logo", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, LIMBER_TYPE_PAPER, LIMBER_PAPER_A4, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_clinic_init (LimberClinic *self)
{
  self->paper = limber_paper_from_locale ();
}

LimberClinic *
limber_clinic_new (void)
{
  return g_object_new (LIMBER_TYPE_CLINIC, NULL);
}

LimberClinic *
limber_clinic_copy (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return g_object_new (LIMBER_TYPE_CLINIC,
                       "name", self->name,
                       "address", self->address,
                       "phone", self->phone,
                       "email", self->email,
                       "logo", self->logo,
                       "paper", self->paper,
                       NULL);
}

static void
set_text_property (LimberClinic *self,
                   char        **field,
                   const char   *text,
                   guint         prop_id)
{
  if (limber_entity_set_text (field, text, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
limber_clinic_get_name (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return self->name;
}

void
limber_clinic_set_name (LimberClinic *self,
                        const char   *name)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  set_text_property (self, &self->name, name, PROP_NAME);
}

const char *
limber_clinic_get_address (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return self->address;
}

void
limber_clinic_set_address (LimberClinic *self,
                           const char   *address)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  set_text_property (self, &self->address, address, PROP_ADDRESS);
}

const char *
limber_clinic_get_phone (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return self->phone;
}

void
limber_clinic_set_phone (LimberClinic *self,
                         const char   *phone)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  set_text_property (self, &self->phone, phone, PROP_PHONE);
}

const char *
limber_clinic_get_email (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return self->email;
}

void
limber_clinic_set_email (LimberClinic *self,
                         const char   *email)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  set_text_property (self, &self->email, email, PROP_EMAIL);
}

GBytes *
limber_clinic_get_logo (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), NULL);

  return self->logo;
}

void
limber_clinic_set_logo (LimberClinic *self,
                        GBytes       *logo)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  if (logo != NULL && g_bytes_get_size (logo) == 0)
    logo = NULL;
  if (self->logo == logo || (self->logo != NULL && logo != NULL && g_bytes_equal (self->logo, logo)))
    return;

  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = logo != NULL ? g_bytes_ref (logo) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGO]);
}

LimberPaper
limber_clinic_get_paper (LimberClinic *self)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), LIMBER_PAPER_A4);

  return self->paper;
}

void
limber_clinic_set_paper (LimberClinic *self,
                         LimberPaper   paper)
{
  g_return_if_fail (LIMBER_IS_CLINIC (self));

  if (self->paper == paper)
    return;

  self->paper = paper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

gboolean
limber_clinic_logo_is_png (GBytes *logo)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size = 0;
  const guchar *data;

  if (logo == NULL)
    return FALSE;

  data = g_bytes_get_data (logo, &size);
  return size > sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

gboolean
limber_clinic_logo_is_svg (GBytes *logo)
{
  gsize size = 0;
  const char *data;
  gsize head;

  if (logo == NULL)
    return FALSE;

  /* An SVG file names its root element near the start, after any XML declaration,
   * comments or doctype. */
  data = g_bytes_get_data (logo, &size);
  head = MIN (size, 4096);
  return g_strstr_len (data, head, "<svg") != NULL;
}

gboolean
limber_clinic_validate (LimberClinic  *self,
                        GError       **error)
{
  g_return_val_if_fail (LIMBER_IS_CLINIC (self), FALSE);

  if (self->email != NULL)
    {
      const char *at = strchr (self->email, '@');

      if (at == NULL || at == self->email || at[1] == '\0' || strchr (at + 1, '@') != NULL
          || strpbrk (self->email, " \t\n") != NULL)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                       _("“%s” is not an e-mail address"), self->email);
          return FALSE;
        }
    }

  if (self->logo != NULL)
    {
      if (g_bytes_get_size (self->logo) > LIMBER_CLINIC_LOGO_MAX_SIZE)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                       _("The logo is larger than %u MB; choose a smaller picture"),
                       LIMBER_CLINIC_LOGO_MAX_SIZE / (1024 * 1024));
          return FALSE;
        }
      if (!limber_clinic_logo_is_png (self->logo) && !limber_clinic_logo_is_svg (self->logo))
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                       _("The logo must be a PNG or SVG picture"));
          return FALSE;
        }
    }

  return TRUE;
}
