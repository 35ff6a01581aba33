/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-date"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "limber-date.h"

#define DATE_LENGTH 10       /* YYYY-MM-DD */
#define DATE_TIME_LENGTH 16  /* YYYY-MM-DDTHH:MM */

/* Reads exactly n_digits ASCII digits; sign, spaces and other characters that
 * strtol() would accept are refused so that "2024-2-3" or " 2024" never pass. */
static gboolean
parse_digits (const char *text,
              guint       n_digits,
              guint      *value)
{
  guint result = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      result = result * 10 + (guint) g_ascii_digit_value (text[i]);
    }

  *value = result;

  return TRUE;
}

/* Parses the first ten characters as a calendar day; what follows is not looked at. */
static gboolean
parse_date_prefix (const char *text,
                   GDate      *date)
{
  guint year, month, day;

  if (text == NULL || strnlen (text, DATE_LENGTH) < DATE_LENGTH)
    return FALSE;

  if (!parse_digits (text, 4, &year) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &month) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &day))
    return FALSE;

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

gboolean
limber_date_is_valid (const char *text)
{
  GDate date;

  return text != NULL &&
         strlen (text) == DATE_LENGTH &&
         parse_date_prefix (text, &date);
}

static gboolean
time_is_valid (const char *text)
{
  guint hour, minute;

  return parse_digits (text, 2, &hour) && text[2] == ':' &&
         parse_digits (text + 3, 2, &minute) && text[5] == '\0' &&
         hour <= 23 && minute <= 59;
}

gboolean
limber_date_time_is_valid (const char *text)
{
  GDate date;

  if (text == NULL || !parse_date_prefix (text, &date))
    return FALSE;

  if (text[DATE_LENGTH] == '\0')
    return TRUE;

  return text[DATE_LENGTH] == 'T' &&
         strlen (text) == DATE_TIME_LENGTH &&
         time_is_valid (text + DATE_LENGTH + 1);
}

char *
limber_date_time_get_date (const char *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_strndup (date_time, DATE_LENGTH);
}

guint32
limber_date_to_julian (const char *text)
{
  GDate date;

  if (!limber_date_time_is_valid (text) || !parse_date_prefix (text, &date))
    return 0;

  return g_date_get_julian (&date);
}

char *
limber_date_from_julian (guint32 julian)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_julian (julian), NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date),
                          (guint) g_date_get_day (&date));
}

char *
limber_date_today (void)
{
  g_autoptr(GDateTime) now = NULL;
  char text[DATE_LENGTH + 1];
  struct tm local;
  time_t seconds;

  /* The C library's local time: GLib's reads the time zone's file again at every
   * call when TZ is not set, and an import asks once for every patient. tzset()
   * still follows a change of TZ. */
  tzset ();
  seconds = time (NULL);
  if (localtime_r (&seconds, &local) != NULL
      && strftime (text, sizeof text, "%Y-%m-%d", &local) == DATE_LENGTH)
    return g_strdup (text);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* Text that is not a date is returned as it is, so a view never shows an empty
 * cell for a value the store holds. */
char *
limber_date_format_for_display (const char *text)
{
  g_autoptr(GDateTime) date_time = NULL;
  char *display;
  GDate date;

  g_return_val_if_fail (text != NULL, NULL);

  if (!parse_date_prefix (text, &date))
    return g_strdup (text);

  /* Noon UTC exists on every day, unlike local midnight where a time zone moves
   * its clocks at 00:00; only the day is shown. */
  date_time = g_date_time_new_utc (g_date_get_year (&date),
                                   g_date_get_month (&date),
                                   g_date_get_day (&date),
                                   12, 0, 0);
  if (date_time == NULL)
    return g_strdup (text);

  /* Translators: how a day is shown, in g_date_time_format() notation: "%-d %b %Y"
   * gives "12 Mar 2026"; German writes "%-d. %B %Y" ("12. März 2026"). Month names
   * come from the desktop's locale.
   * xgettext:no-c-format */
  display = g_date_time_format (date_time, _("%-d %b %Y"));

  /* A translation that is not a valid format must not hide the day. */
  return display != NULL ? display : g_date_time_format (date_time, "%Y-%m-%d");
}
