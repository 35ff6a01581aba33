/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_BACKUPS_PAGE (limber_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberBackupsPage, limber_backups_page, LIMBER, BACKUPS_PAGE,
                      AdwPreferencesPage)

/* Preferences → Backups: the clinic database's backups with their dates and sizes,
 * "Back Up Now" (in a thread), and "Restore…" on each, which asks first and then has
 * the main window restore it and open the restored records; below them, the copies
 * that restores kept of the records they replaced, which restore the same way. */

LimberBackupsPage *limber_backups_page_new         (LimberStore       *store);
/* Starts a backup, as "Back Up Now" does; FALSE when one is running or the page
 * refuses (see limber_backups_page_get_refusal()). */
gboolean           limber_backups_page_back_up     (LimberBackupsPage *self);
/* TRUE while a backup runs. */
gboolean           limber_backups_page_is_busy     (LimberBackupsPage *self);
/* Why this database has no backups here (the demo clinic, a read-only file), or
 * NULL. */
const char        *limber_backups_page_get_refusal (LimberBackupsPage *self);
/* The rows shown, newest first (AdwActionRow), for tests: the backups, and the
 * copies that restores kept of the records they replaced. */
GPtrArray         *limber_backups_page_get_rows          (LimberBackupsPage *self);
GPtrArray         *limber_backups_page_get_replaced_rows (LimberBackupsPage *self);

G_END_DECLS
