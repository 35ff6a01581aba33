/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-types"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-types.h"

GType
limber_direction_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LIMBER_DIRECTION_LOWER, "LIMBER_DIRECTION_LOWER", "lower" },
        { LIMBER_DIRECTION_HIGHER, "LIMBER_DIRECTION_HIGHER", "higher" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("LimberDirection"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
limber_side_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LIMBER_SIDE_NONE, "LIMBER_SIDE_NONE", "none" },
        { LIMBER_SIDE_LEFT, "LIMBER_SIDE_LEFT", "left" },
        { LIMBER_SIDE_RIGHT, "LIMBER_SIDE_RIGHT", "right" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("LimberSide"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
limber_measure_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LIMBER_MEASURE_KIND_PAIN, "LIMBER_MEASURE_KIND_PAIN", "pain" },
        { LIMBER_MEASURE_KIND_QUESTIONNAIRE, "LIMBER_MEASURE_KIND_QUESTIONNAIRE", "questionnaire" },
        { LIMBER_MEASURE_KIND_RANGE_OF_MOTION, "LIMBER_MEASURE_KIND_RANGE_OF_MOTION", "range-of-motion" },
        { LIMBER_MEASURE_KIND_FLEXIBILITY, "LIMBER_MEASURE_KIND_FLEXIBILITY", "flexibility" },
        { LIMBER_MEASURE_KIND_STRENGTH, "LIMBER_MEASURE_KIND_STRENGTH", "strength" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("LimberMeasureKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
limber_side_to_string (LimberSide side)
{
  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      return "left";
    case LIMBER_SIDE_RIGHT:
      return "right";
    case LIMBER_SIDE_NONE:
    default:
      return "";
    }
}

gboolean
limber_side_from_string (const char *text,
                         LimberSide *side)
{
  LimberSide parsed;

  if (text == NULL || text[0] == '\0')
    parsed = LIMBER_SIDE_NONE;
  else if (g_str_equal (text, "left"))
    parsed = LIMBER_SIDE_LEFT;
  else if (g_str_equal (text, "right"))
    parsed = LIMBER_SIDE_RIGHT;
  else
    return FALSE;

  if (side != NULL)
    *side = parsed;

  return TRUE;
}

const char *
limber_side_get_label (LimberSide side)
{
  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      /* Translators: a side of the body, shown after a measure, e.g. "Shoulder
       * abduction (Left)" */
      return _("Left");
    case LIMBER_SIDE_RIGHT:
      return _("Right");
    case LIMBER_SIDE_NONE:
    default:
      return "";
    }
}

const char *
limber_direction_to_string (LimberDirection direction)
{
  return direction == LIMBER_DIRECTION_HIGHER ? "higher" : "lower";
}

const char *
limber_threshold_kind_to_string (LimberThresholdKind kind)
{
  return kind == LIMBER_THRESHOLD_MDC ? "mdc" : "mcid";
}

G_DEFINE_QUARK (limber-model-error-quark, limber_model_error)

/* Values at or above this size are printed the way %g prints them; below it a
 * clinician (or a spreadsheet) should never meet exponent notation. */
#define PLAIN_NOTATION_LIMIT 1e15

/* %.17g always round-trips; %f may need this many decimals for tiny values. */
#define MAX_G_PRECISION 17
#define MAX_F_PRECISION 40

static gboolean
format_round_trips (const char *format,
                    double      value,
                    char       *buffer,
                    gsize       buffer_len)
{
  g_ascii_formatd (buffer, buffer_len, format, value);

  return g_ascii_strtod (buffer, NULL) == value;
}

static gboolean
has_exponent (const char *text)
{
  return strchr (text, 'e') != NULL || strchr (text, 'E') != NULL;
}

static char *
format_shortest_fixed (double value)
{
  char buffer[128];

  for (guint precision = 0; precision <= MAX_F_PRECISION; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%uf", precision);

      if (format_round_trips (format, value, buffer, sizeof buffer))
        return g_strdup (buffer);
    }

  return NULL;
}

/* The common case without printf: a value read from a decimal of at most 15
 * significant digits is the double nearest m / 10^k, with m an integer of at most 15
 * digits, and for the smallest such k, %.15g prints the digits of m with k decimals
 * (a decimal that reads back the same double is unique at that many digits). The
 * division finds it: m and 10^k are exact doubles, and IEEE division rounds the
 * quotient as g_ascii_strtod() rounds the decimal. FALSE for other values. */
static gboolean
format_few_decimals (double  value,
                     char   *buffer,
                     gsize   buffer_len)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8 };

  /* A sign, 15 digits, a point and the end. */
  g_assert (buffer_len >= 18);

  for (guint k = 0; k < G_N_ELEMENTS (powers); k++)
    {
      double scaled = value * powers[k];
      double m;
      guint64 digits;
      char *p = buffer;
      char reversed[24];
      guint n = 0;

      if (fabs (scaled) >= 1e15)
        return FALSE;
      m = nearbyint (scaled);
      if (m / powers[k] != value)
        continue;

      /* The digits of |m|, least significant first, at least k + 1 of them. */
      digits = (guint64) fabs (m);
      while (digits > 0 || n <= k)
        {
          reversed[n++] = (char) ('0' + digits % 10);
          digits /= 10;
        }

      if (m < 0)
        *p++ = '-';
      while (n > k)
        *p++ = reversed[--n];
      if (k > 0)
        {
          *p++ = '.';
          while (n > 0)
            *p++ = reversed[--n];
          /* No trailing zeros: a smaller k would have read back the same. */
          while (p[-1] == '0')
            p--;
          if (p[-1] == '.')
            p--;
        }
      *p = '\0';
      return TRUE;
    }

  return FALSE;
}

char *
limber_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  /* Covers -0 as well: a signed zero means nothing to a clinic. */
  if (value == 0)
    return g_strdup ("0");

  /* The common case in one try: a value read from a decimal of at most 15
   * significant digits comes back as exactly those digits from %.15g, whose
   * trailing zeros %g drops; that is what the smallest precision that round-trips
   * prints, as long as neither uses an exponent. Else, if it round-trips, a smaller
   * precision does too, and the search below finds it. */
  if (fabs (value) >= 1e-4 && fabs (value) < PLAIN_NOTATION_LIMIT
      && (format_few_decimals (value, buffer, sizeof buffer)
          || (format_round_trips ("%.15g", value, buffer, sizeof buffer)
              && !has_exponent (buffer))))
    return g_strdup (buffer);

  for (guint precision = format_round_trips ("%.15g", value, buffer, sizeof buffer) ? 1 : 16;
       precision <= MAX_G_PRECISION; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%ug", precision);

      if (!format_round_trips (format, value, buffer, sizeof buffer))
        continue;

      if (has_exponent (buffer) && fabs (value) < PLAIN_NOTATION_LIMIT)
        {
          char *fixed = format_shortest_fixed (value);

          if (fixed != NULL)
            return fixed;
        }

      return g_strdup (buffer);
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  return g_strdup (buffer);
}
