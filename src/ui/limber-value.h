/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-measure.h"

G_BEGIN_DECLS

/* A value as a therapist types it into a field, and back: "45", "45.5", "45,5" (the
 * decimal comma of many locales), "-5" or "−5". Leading and trailing spaces do not
 * matter. */

/* TRUE with the number, or with NAN for an empty field; FALSE for text that is no
 * number ("4a", "1e3", "inf"). */
gboolean  limber_value_parse  (const char     *text,
                               double         *value,
                               GError        **error);
/* The value as a field shows it: as few digits as give it back, the locale's
 * decimal mark and a plain minus sign, so that the therapist can edit it. */
char     *limber_value_format (double          value);
/* Checks a typed value against the measure, in words for the field's message:
 * "11 is outside 0–10", "2.5 is not a whole number". */
gboolean  limber_value_check  (LimberMeasure  *measure,
                               double          value,
                               GError        **error);
/* The same for a range that is no measure's (soreness 0–10, an item's answers). */
gboolean  limber_value_check_range (double          value,
                                    double          min,
                                    double          max,
                                    gboolean        integer_only,
                                    GError        **error);

G_END_DECLS
