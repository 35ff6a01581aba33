/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 4180 CSV: a reader that hands out rows with the physical line each row starts
 * on, and a writer that quotes only where needed. Also the columns of the
 * measurements format of interchange.md, shared by import and export. */

#define LIMBER_CSV_ERROR (limber_csv_error_quark ())

typedef enum
{
  LIMBER_CSV_ERROR_UNTERMINATED_QUOTE, /* a quoted field runs to the end of the data */
  LIMBER_CSV_ERROR_STRAY_QUOTE,        /* a quote inside an unquoted field or text
                                        * after a closing quote */
  LIMBER_CSV_ERROR_INVALID_UTF8,       /* bytes that are not UTF-8 text (or NUL) */
} LimberCsvError;

GQuark limber_csv_error_quark (void);

typedef enum
{
  LIMBER_CSV_READER_FLAGS_NONE = 0,
  /* Drop spaces and tabs around unquoted fields and around the quotes of quoted
   * ones, as people type "1001, Jane Doe"; spaces inside quotes are kept. */
  LIMBER_CSV_READER_TRIM_UNQUOTED = 1 << 0,
} LimberCsvReaderFlags;

typedef struct _LimberCsvReader LimberCsvReader;

/* Reads data (borrowed: it must outlive the reader). A leading UTF-8 byte-order mark
 * is skipped; LF, CRLF and lone CR end a line; line breaks inside quoted fields are
 * kept as they are. */
LimberCsvReader *limber_csv_reader_new      (const char            *data,
                                             gsize                  length,
                                             LimberCsvReaderFlags   flags);
void             limber_csv_reader_free     (LimberCsvReader       *reader);
/* The next row as a newly allocated string vector (an empty line gives one empty
 * field). Returns NULL without error at the end of the data.
 *
 * line receives the physical line (from 1) the row starts on, or on error the line of
 * the problem. After an error the reader has skipped the rest of the bad row, so the
 * caller may go on reading to report every bad row; an unterminated quote consumes
 * the rest of the data. */
GStrv            limber_csv_reader_read_row (LimberCsvReader       *reader,
                                             guint                 *line,
                                             GError               **error);
/* The same row in a single block of memory, freed with g_free() alone (not
 * g_strfreev()): for callers that keep a great many rows, such as an import. */
char           **limber_csv_reader_read_row_block (LimberCsvReader *reader,
                                                   guint           *line,
                                                   GError         **error);
/* How many bytes of the data the rows read so far took (for progress). */
gsize            limber_csv_reader_get_position (LimberCsvReader   *reader);

/* TRUE when field must be quoted: it holds a comma, quote, CR or LF, or starts or ends
 * with a space or tab (which a trimming reader would otherwise drop). */
gboolean         limber_csv_field_needs_quotes (const char *field);
/* Appends field, quoted and with quotes doubled when needed; NULL is empty. */
void             limber_csv_append_field    (GString                *out,
                                             const char             *field);
/* Appends n_fields fields separated by commas and an LF. */
void             limber_csv_append_row      (GString                *out,
                                             const char * const     *fields,
                                             gsize                   n_fields);

/* The columns of the measurements format, in the order export writes them. */
typedef enum
{
  LIMBER_CSV_COLUMN_MRN,
  LIMBER_CSV_COLUMN_PATIENT_NAME,
  LIMBER_CSV_COLUMN_BIRTH_DATE,
  LIMBER_CSV_COLUMN_CONDITION,
  LIMBER_CSV_COLUMN_EPISODE_START,
  LIMBER_CSV_COLUMN_SESSION_DATE,
  LIMBER_CSV_COLUMN_THERAPIST,
  LIMBER_CSV_COLUMN_MEASURE,
  LIMBER_CSV_COLUMN_SIDE,
  LIMBER_CSV_COLUMN_VALUE,
  LIMBER_CSV_COLUMN_UNIT,
  LIMBER_CSV_COLUMN_NOTES,
  LIMBER_CSV_N_COLUMNS,
} LimberCsvColumn;

/* The header name, e.g. "session_date". */
const char      *limber_csv_column_get_name     (LimberCsvColumn  column);
gboolean         limber_csv_column_is_required  (LimberCsvColumn  column);
/* Matches a header name case-insensitively, ignoring surrounding spaces. */
gboolean         limber_csv_column_from_name    (const char      *name,
                                                 LimberCsvColumn *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCsvReader, limber_csv_reader_free)

G_END_DECLS
