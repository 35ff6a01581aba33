/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_IMPORT_ERROR (limber_import_error_quark ())

typedef enum
{
  LIMBER_IMPORT_ERROR_READ,     /* the file cannot be read */
  LIMBER_IMPORT_ERROR_INVALID,  /* one or more rows are invalid: nothing was written */
} LimberImportError;

GQuark limber_import_error_quark (void);

typedef struct
{
  guint patients_added;
  guint episodes_added;
  guint sessions_added;
  guint measurements_added;
  guint rows_unchanged;
} LimberImportCounts;

/* Imports the CSV measurements format of interchange.md, all or nothing, in one
 * transaction. On invalid rows returns FALSE with LIMBER_IMPORT_ERROR_INVALID whose
 * message lists every problem, one "DISPLAY_NAME:LINE: column: message" per line, and
 * writes nothing. display_name is the name used in those messages (NULL: path). */
gboolean limber_csv_import_file (LimberStore        *store,
                                 const char         *path,
                                 const char         *display_name,
                                 LimberImportCounts *counts,
                                 GError            **error);
/* The same for text already in memory (tests, drag and drop). */
gboolean limber_csv_import_data (LimberStore        *store,
                                 const char         *data,
                                 gsize               length,
                                 const char         *display_name,
                                 LimberImportCounts *counts,
                                 GError            **error);
/* How far an import has come, from 0 to 1; called in the thread that imports. */
typedef void (*LimberImportProgressFunc) (double   fraction,
                                          gpointer user_data);

/* limber_csv_import_data() that reports its progress (reading and checking the rows,
 * then writing them) and can be cancelled from another thread: cancelled, it returns
 * FALSE with G_IO_ERROR_CANCELLED and has written nothing, its transaction rolled
 * back. Once it has committed, cancelling changes nothing. */
gboolean limber_csv_import_data_full (LimberStore              *store,
                                      const char               *data,
                                      gsize                     length,
                                      const char               *display_name,
                                      GCancellable             *cancellable,
                                      LimberImportProgressFunc  progress,
                                      gpointer                  progress_data,
                                      LimberImportCounts       *counts,
                                      GError                  **error);
/* "Imported 3 patients, 3 episodes, 12 sessions and 48 measurements; 0 rows unchanged."
 * (translated, plural-aware). */
char    *limber_import_counts_to_string (const LimberImportCounts *counts);

G_END_DECLS
