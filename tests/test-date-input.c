/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "limber-date-input.h"

/* Dates as typed: the locale's order and ISO, read back as ISO days. */

static void
test_order_from_format (void)
{
  g_assert_cmpint (limber_date_order_from_format ("%m/%d/%Y"), ==, LIMBER_DATE_ORDER_MDY);
  g_assert_cmpint (limber_date_order_from_format ("%m/%d/%y"), ==, LIMBER_DATE_ORDER_MDY);
  g_assert_cmpint (limber_date_order_from_format ("%D"), ==, LIMBER_DATE_ORDER_MDY);
  g_assert_cmpint (limber_date_order_from_format ("%d.%m.%Y"), ==, LIMBER_DATE_ORDER_DMY);
  g_assert_cmpint (limber_date_order_from_format ("%d/%m/%y"), ==, LIMBER_DATE_ORDER_DMY);
  g_assert_cmpint (limber_date_order_from_format ("%Y-%m-%d"), ==, LIMBER_DATE_ORDER_YMD);
  g_assert_cmpint (limber_date_order_from_format ("%Y年%m月%d日"), ==, LIMBER_DATE_ORDER_YMD);
  g_assert_cmpint (limber_date_order_from_format (NULL), ==, LIMBER_DATE_ORDER_DMY);
}

static void
assert_parses (const char      *text,
               LimberDateOrder  order,
               const char      *expected)
{
  g_autofree char *date = limber_date_parse_input (text, order);

  g_assert_cmpstr (date, ==, expected);
}

static void
test_parse (void)
{
  /* ISO whatever the locale. */
  assert_parses ("1980-03-12", LIMBER_DATE_ORDER_MDY, "1980-03-12");
  assert_parses (" 1980-3-2 ", LIMBER_DATE_ORDER_DMY, "1980-03-02");

  /* The same digits, two days, by the locale's order. */
  assert_parses ("12/03/1980", LIMBER_DATE_ORDER_DMY, "1980-03-12");
  assert_parses ("12/03/1980", LIMBER_DATE_ORDER_MDY, "1980-12-03");
  assert_parses ("12.3.1980", LIMBER_DATE_ORDER_DMY, "1980-03-12");
  assert_parses ("12 3 1980", LIMBER_DATE_ORDER_DMY, "1980-03-12");
  assert_parses ("29/02/2024", LIMBER_DATE_ORDER_DMY, "2024-02-29");

  /* Not a day. */
  assert_parses ("29/02/2023", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("13/13/1980", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("31/12/80", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("1980-03", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("12 March 1980", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("1980-03-12T10:00", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("", LIMBER_DATE_ORDER_DMY, NULL);
  assert_parses ("1980-03-12-04", LIMBER_DATE_ORDER_DMY, NULL);
}

static void
test_words (void)
{
  g_autofree char *words = limber_date_format_in_words ("1980-03-12");
  g_autofree char *none = limber_date_format_in_words ("1980-02-30");

  /* Under LC_ALL=C.UTF-8: English names. */
  g_assert_cmpstr (words, ==, "Wed 12 March 1980");
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-input/order-from-format", test_order_from_format);
  g_test_add_func ("/date-input/parse", test_parse);
  g_test_add_func ("/date-input/words", test_words);

  return g_test_run ();
}
