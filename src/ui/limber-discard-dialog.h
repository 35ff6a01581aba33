/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks before a window that holds typed values closes without saving them: "Keep
 * Editing" (the default, also Escape) or "Discard", which destroys window. Returns
 * the dialog, already presented. */
GtkWidget *limber_discard_dialog_present (GtkWindow  *window,
                                          const char *heading,
                                          const char *body);

G_END_DECLS
