/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files the clinic keeps: exports (CSV, PNG, SVG, PDF) are health data. */

/* Writes data to path atomically and durably, readable and writable by its owner only
 * (0600): a reader of path sees the old file or the new one, never half of one, and
 * after a crash or a power cut the new one is whole or absent. length -1: data is
 * NUL-terminated. On failure G_FILE_ERROR with a message a clinic can act on, e.g.
 * "Cannot write /media/usb/visits.csv: the disk is full"; the code is that of the
 * system's error (G_FILE_ERROR_NOSPC for a full disk). */
gboolean limber_file_write (const char  *path,
                            const char  *data,
                            gssize       length,
                            GError     **error);
/* Reads the whole file. On failure G_FILE_ERROR, e.g. "Cannot read visits.csv: No such
 * file or directory". */
gboolean limber_file_read  (const char  *path,
                            char       **contents,
                            gsize       *length,
                            GError     **error);

G_END_DECLS
