/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates travel as ISO text: "YYYY-MM-DD" for days and "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM" for session times, exactly as the CSV format writes them, so that
 * text order is time order and export reproduces import byte for byte. */

/* TRUE for a real calendar day written as YYYY-MM-DD (2024-02-30 is FALSE). */
gboolean  limber_date_is_valid          (const char *text);
/* TRUE for YYYY-MM-DD or YYYY-MM-DDTHH:MM with a real day and time. */
gboolean  limber_date_time_is_valid     (const char *text);
/* The day part of a session time (first 10 characters), newly allocated. */
char     *limber_date_time_get_date     (const char *date_time);
/* Julian day number of a valid "YYYY-MM-DD…" text, for day arithmetic; 0 if invalid. */
guint32   limber_date_to_julian         (const char *text);
/* "YYYY-MM-DD" of a Julian day number. */
char     *limber_date_from_julian       (guint32     julian);
/* Today in local time as YYYY-MM-DD. */
char     *limber_date_today             (void);
/* A medium date for people, e.g. "3 Mar 2026" in the user's locale. */
char     *limber_date_format_for_display (const char *text);

G_END_DECLS
