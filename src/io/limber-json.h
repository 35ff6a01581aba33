/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one JSON writer of Limber's outputs (summary --json, and what follows it).
 * Build the tree with JsonBuilder; this writes it as interchange.md shows: members in
 * the order they were added, two spaces of indentation, UTF-8 text, and numbers in
 * their shortest round-trip form ("71.4", never "71.400000000000006"; the binary
 * noise of a difference such as 50 − 34.6 is dropped). NAN and infinities, which
 * JSON cannot hold, are written as null. The result ends in a newline. */
char *limber_json_to_string (JsonNode *root);

G_END_DECLS
