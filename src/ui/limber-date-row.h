/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_DATE_ROW (limber_date_row_get_type ())

G_DECLARE_FINAL_TYPE (LimberDateRow, limber_date_row, LIMBER, DATE_ROW, AdwEntryRow)

/* An entry row for a day: typed in the locale's order (12/03/1980) or ISO
 * (1980-03-12), or picked from a calendar, and shown back in words beside the text
 * ("Wed 12 March 1980") so that a day and month typed the wrong way round are
 * seen at once. Properties: "date" (YYYY-MM-DD, NULL when empty or not a date) and
 * "valid" (FALSE only when text is there that is not a date). */

GtkWidget  *limber_date_row_new       (void);
/* YYYY-MM-DD or NULL. */
const char *limber_date_row_get_date  (LimberDateRow *self);
/* Shows the date (YYYY-MM-DD, or NULL to empty the row). */
void        limber_date_row_set_date  (LimberDateRow *self,
                                       const char    *date);
gboolean    limber_date_row_get_valid (LimberDateRow *self);
/* The words shown beside the text: the day, or why the text is not one. */
const char *limber_date_row_get_words (LimberDateRow *self);

G_END_DECLS
