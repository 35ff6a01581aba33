/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-date-input"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "limber-date-input.h"

LimberDateOrder
limber_date_order_from_format (const char *format)
{
  const char *day, *month, *year;

  if (format == NULL)
    return LIMBER_DATE_ORDER_DMY;

  day = strstr (format, "%d");
  if (day == NULL)
    day = strstr (format, "%e");
  month = strstr (format, "%m");
  if (month == NULL)
    month = strstr (format, "%b");
  year = strstr (format, "%Y");
  if (year == NULL)
    year = strstr (format, "%y");

  /* %D is the American %m/%d/%y. */
  if (strstr (format, "%D") != NULL)
    return LIMBER_DATE_ORDER_MDY;

  if (day == NULL || month == NULL || year == NULL)
    return LIMBER_DATE_ORDER_DMY;

  if (year < month && month < day)
    return LIMBER_DATE_ORDER_YMD;
  if (month < day)
    return LIMBER_DATE_ORDER_MDY;

  return LIMBER_DATE_ORDER_DMY;
}

LimberDateOrder
limber_date_get_locale_order (void)
{
  return limber_date_order_from_format (nl_langinfo (D_FMT));
}

char *
limber_date_get_locale_hint (void)
{
  switch (limber_date_get_locale_order ())
    {
    case LIMBER_DATE_ORDER_MDY:
      /* Translators: the letters people type for a date in this order. */
      return g_strdup (_("MM/DD/YYYY"));
    case LIMBER_DATE_ORDER_YMD:
      return g_strdup (_("YYYY-MM-DD"));
    case LIMBER_DATE_ORDER_DMY:
    default:
      return g_strdup (_("DD/MM/YYYY"));
    }
}

/* Splits text into numbers separated by '/', '.', '-' or white space; FALSE for
 * anything else. */
static gboolean
split_numbers (const char  *text,
               guint       *numbers,
               guint       *digits,
               guint       *n_numbers)
{
  const char *p = text;

  *n_numbers = 0;
  while (*p != '\0')
    {
      guint value = 0;
      guint n_digits = 0;

      while (g_ascii_isdigit (*p) && n_digits < 5)
        {
          value = value * 10 + (guint) (*p - '0');
          n_digits++;
          p++;
        }
      if (n_digits == 0 || n_digits > 4 || *n_numbers == 3)
        return FALSE;

      numbers[*n_numbers] = value;
      digits[*n_numbers] = n_digits;
      (*n_numbers)++;

      if (*p == '\0')
        break;
      if (strchr ("/.- ", *p) == NULL)
        return FALSE;
      while (*p != '\0' && strchr ("/.- ", *p) != NULL)
        p++;
      if (*p == '\0')
        break;
    }

  return *n_numbers == 3;
}

char *
limber_date_parse_input (const char      *text,
                         LimberDateOrder  order)
{
  g_autofree char *trimmed = NULL;
  guint numbers[3], digits[3], n_numbers;
  guint day, month, year;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (!split_numbers (trimmed, numbers, digits, &n_numbers))
    return NULL;

  if (digits[0] == 4)
    {
      year = numbers[0], month = numbers[1], day = numbers[2];
      if (digits[2] == 4)
        return NULL;
    }
  else if (digits[2] == 4 && order == LIMBER_DATE_ORDER_MDY)
    month = numbers[0], day = numbers[1], year = numbers[2];
  else if (digits[2] == 4)
    day = numbers[0], month = numbers[1], year = numbers[2];
  else
    return NULL;

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || digits[1] > 2
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

char *
limber_date_format_in_words (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;

  /* Noon UTC exists on every day, unlike local midnight on some time-zone changes. */
  date_time = g_date_time_new_utc (year, month, day, 12, 0, 0);
  if (date_time == NULL)
    return NULL;

  /* Translators: a day in words, see strftime(3): "Wed 12 March 1980". */
  return g_date_time_format (date_time, C_("date in words", "%a %-d %B %Y"));
}
