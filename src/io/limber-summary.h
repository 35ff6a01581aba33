/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* The summary verb of interchange.md: trends of the patient's current episode (the
 * most recent by start date). Unknown mrn: LIMBER_STORE_ERROR_NOT_FOUND; a patient
 * with no episode: LIMBER_STORE_ERROR_NOT_FOUND with a message that says so. */

/* One JSON object exactly as interchange.md shows it, pretty-printed, ending in a
 * newline. */
char *limber_summary_to_json (LimberStore  *store,
                              const char   *mrn,
                              GError      **error);
/* The same in plain language for a terminal, one line per trend, e.g.
 * "Pain (0–10): 7 → 2 points (−5, −71.4%), improved, responder". */
char *limber_summary_to_text (LimberStore  *store,
                              const char   *mrn,
                              GError      **error);

G_END_DECLS
