/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-value"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "limber-types.h"
#include "limber-value.h"
#include "limber-wording.h"

#define MINUS_SIGN "\xe2\x88\x92" /* U+2212, as Limber writes negative values */

/* An optional sign, digits and at most one decimal mark: strtod alone would also
 * take "1e3", "0x10" and "inf". */
static gboolean
limber_value_is_plain_number (const char *text)
{
  gboolean seen_digit = FALSE;
  gboolean seen_point = FALSE;
  const char *p = text;

  if (*p == '-' || *p == '+')
    p++;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        seen_digit = TRUE;
      else if ((*p == '.' || *p == ',') && !seen_point)
        seen_point = TRUE;
      else
        return FALSE;
    }

  return seen_digit;
}

gboolean
limber_value_parse (const char  *text,
                    double      *value,
                    GError     **error)
{
  g_autoptr(GString) plain = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  plain = g_string_new (text);
  g_strstrip (plain->str);
  g_string_set_size (plain, strlen (plain->str));
  if (plain->len == 0)
    {
      *value = NAN;
      return TRUE;
    }

  if (g_str_has_prefix (plain->str, MINUS_SIGN))
    g_string_replace (plain, MINUS_SIGN, "-", 1);

  if (!limber_value_is_plain_number (plain->str))
    {
      g_autofree char *typed = g_strstrip (g_strdup (text));

      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   /* Translators: what was typed in a value field, e.g. "“4a” is not a number". */
                   _("“%s” is not a number"), typed);
      return FALSE;
    }

  g_strdelimit (plain->str, ",", '.');
  *value = g_ascii_strtod (plain->str, NULL);
  return TRUE;
}

char *
limber_value_format (double value)
{
  char *text = limber_format_number (value);
  const char *point = localeconv ()->decimal_point;

  if (point != NULL && g_str_equal (point, ","))
    g_strdelimit (text, ".", ',');

  return text;
}

gboolean
limber_value_check_range (double    value,
                          double    min,
                          double    max,
                          gboolean  integer_only,
                          GError  **error)
{
  g_autofree char *text = limber_value_format (value);

  if (value < min || value > max)
    {
      g_autofree char *low = limber_wording_format_number (min);
      g_autofree char *high = limber_wording_format_number (max);

      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   /* Translators: a typed value and the range allowed, e.g. "11 is outside 0–10". */
                   _("%s is outside %s–%s"), text, low, high);
      return FALSE;
    }

  if (integer_only && value != floor (value))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_NOT_INTEGER,
                   _("%s is not a whole number"), text);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_value_check (LimberMeasure  *measure,
                    double          value,
                    GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), FALSE);

  return limber_value_check_range (value, limber_measure_get_min (measure),
                                   limber_measure_get_max (measure),
                                   limber_measure_get_integer_only (measure), error);
}
