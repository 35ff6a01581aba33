/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates as people type them: the order of the locale's short date (12/03/1980 is
 * 12 March in Britain and December 3 in the United States) or ISO (1980-03-12). */

typedef enum
{
  LIMBER_DATE_ORDER_DMY,
  LIMBER_DATE_ORDER_MDY,
  LIMBER_DATE_ORDER_YMD,
} LimberDateOrder;

/* The order of a strftime() date format such as nl_langinfo (D_FMT): "%m/%d/%y" is
 * MDY, "%d.%m.%Y" DMY, "%Y-%m-%d" YMD; DMY when the format says nothing. */
LimberDateOrder limber_date_order_from_format (const char      *format);
/* The order of the LC_TIME locale. */
LimberDateOrder limber_date_get_locale_order  (void);
/* What to type, in the locale's order: "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD". */
char           *limber_date_get_locale_hint   (void);

/* The ISO date (YYYY-MM-DD) that text means, or NULL. Accepts ISO, and day, month
 * and year in order separated by '/', '.', '-' or spaces, with a four-digit year;
 * a four-digit first number is always read as ISO order. */
char           *limber_date_parse_input       (const char      *text,
                                               LimberDateOrder  order);
/* The day in words, in the locale's language: "Wed 12 March 1980". */
char           *limber_date_format_in_words   (const char      *iso_date);

G_END_DECLS
