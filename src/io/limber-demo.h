/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* Fills an empty database with a demo clinic of about a dozen patients, in one
 * transaction. Dates are laid out so that the newest sessions end shortly before
 * today. Fails (LIMBER_STORE_ERROR_CONSTRAINT, nothing written) when the database
 * already holds patients. */
gboolean limber_demo_fill (LimberStore  *store,
                           GError      **error);

G_END_DECLS
