/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* Writes every measurement in the CSV format of interchange.md, columns and row order
 * exactly as it says, LF line ends, no BOM. Writes to a temporary file beside path
 * (mode 0600) and renames it into place, so a full disk leaves no half file. */
gboolean limber_csv_export_file (LimberStore  *store,
                                 const char   *path,
                                 guint        *n_rows,
                                 GError      **error);
/* The same text, newly allocated (tests, clipboard). */
char    *limber_csv_export_data (LimberStore  *store,
                                 GError      **error);

G_END_DECLS
