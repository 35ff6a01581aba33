/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-window.h"

G_BEGIN_DECLS

/* Why the window cannot restore a backup now (the demo clinic, a session or a
 * patient being edited), or NULL. */
char     *limber_window_get_restore_refusal (LimberWindow  *self);
/* Replaces the database the window shows by the backup at backup_path: closes the
 * windows that use it (Preferences), lets go of the store and restores it in a
 * thread (limber_store_restore_full(): the current file is kept in the backups
 * folder) while the window shows each step, with Cancel until the backup starts to
 * replace the file; then opens the restored file, so that every view reloads from
 * the new connection. On failure or Cancel the file is opened again as it was.
 * Says how it went (a toast, or an error dialog). */
void      limber_window_restore_backup_async  (LimberWindow         *self,
                                               const char           *backup_path,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* kept_path receives the copy of the file replaced. The result has no source
 * object: the window may have been closed meanwhile. */
gboolean  limber_window_restore_backup_finish (GAsyncResult         *result,
                                               char                **kept_path,
                                               GError              **error);

G_END_DECLS
