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
/* Copies the file from to the file to, as limber_file_write() writes it. Errors name
 * the file that could not be read or written. */
gboolean limber_file_copy  (const char  *from,
                            const char  *to,
                            GError     **error);
/* Reads the whole file. On failure G_FILE_ERROR, e.g. "Cannot read visits.csv: No such
 * file or directory". */
gboolean limber_file_read  (const char  *path,
                            char       **contents,
                            gsize       *length,
                            GError     **error);

/* A file written under a private temporary name beside path (mode 0600 from the
 * start) that takes path's name, in one rename, only once it is whole and on the disk:
 * what limber_file_write() does with data in memory, for data written bit by bit (a
 * PDF, a chart) or by another writer that is given the temporary file's name (SQLite).
 * Errors are those of limber_file_write(). */
typedef struct _LimberFileWriter LimberFileWriter;

LimberFileWriter *limber_file_writer_new                (const char        *path,
                                                         GError           **error);
const char       *limber_file_writer_get_temporary_path (LimberFileWriter  *self);
/* Appends data; on failure the writer is still to be aborted. */
gboolean          limber_file_writer_write              (LimberFileWriter  *self,
                                                         const void        *data,
                                                         gsize              length,
                                                         GError           **error);
/* Appends the whole file from. */
gboolean          limber_file_writer_copy_from          (LimberFileWriter  *self,
                                                         const char        *from,
                                                         GError           **error);
/* Makes the file durable, gives it path's name and frees the writer; on failure the
 * temporary file is removed and path is as it was. */
gboolean          limber_file_writer_commit             (LimberFileWriter  *self,
                                                         GError           **error);
/* Removes the temporary file and frees the writer. */
void              limber_file_writer_abort              (LimberFileWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberFileWriter, limber_file_writer_abort)

G_END_DECLS
