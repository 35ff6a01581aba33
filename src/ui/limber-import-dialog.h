/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-csv-import.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_IMPORT_DIALOG (limber_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberImportDialog, limber_import_dialog, LIMBER, IMPORT_DIALOG,
                      AdwMessageDialog)

/* Imports a CSV file into the clinic database at database_path on a worker thread,
 * with a connection of its own, all or nothing. While it runs the dialog shows a
 * progress bar and Cancel (also Escape): cancelled, nothing is written. Invalid rows
 * turn it into a list of every problem, one "FILE:LINE: column: message" a line, that
 * can be selected and copied ("Copy All"); nothing is written then either.
 *
 * Signals, on the main thread once the worker is done:
 * ::imported (const LimberImportCounts *counts): committed; the dialog closes itself.
 * ::cancelled: the user cancelled and nothing was written. */
LimberImportDialog *limber_import_dialog_new        (GtkWindow          *parent,
                                                     const char         *database_path,
                                                     GFile              *file);
/* Starts the import and presents the dialog. */
void                limber_import_dialog_start      (LimberImportDialog *self);
/* TRUE while the worker runs. */
gboolean            limber_import_dialog_is_running (LimberImportDialog *self);
/* The problems shown, one a line, or NULL when there are none (yet). */
char               *limber_import_dialog_dup_errors (LimberImportDialog *self);

G_END_DECLS
