/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* Hooks for tests; the application does not use them. */

/* Caps the database file at max_page_count pages (SQLite raises the cap to the
 * current size if it is smaller), so that the next write needing a new page fails
 * as it would on a full disk. Returns the cap now in effect. */
guint limber_store_set_max_page_count (LimberStore *self,
                                       guint        max_page_count);

G_END_DECLS
