/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-csv.h"

G_DEFINE_QUARK (limber-csv-error-quark, limber_csv_error)

struct _LimberCsvReader
{
  const char           *data;
  gsize                 length;
  gsize                 pos;
  guint                 line;
  LimberCsvReaderFlags  flags;
  /* Fields of the last row: the next one is made that size at once, not grown. */
  guint                 n_fields;
};

LimberCsvReader *
limber_csv_reader_new (const char           *data,
                       gsize                 length,
                       LimberCsvReaderFlags  flags)
{
  LimberCsvReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = g_new0 (LimberCsvReader, 1);
  reader->data = data;
  reader->length = length;
  reader->line = 1;
  reader->flags = flags;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;

  return reader;
}

void
limber_csv_reader_free (LimberCsvReader *reader)
{
  g_free (reader);
}

gsize
limber_csv_reader_get_position (LimberCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->pos;
}

static inline gboolean
at_end (LimberCsvReader *reader)
{
  return reader->pos >= reader->length;
}

static inline char
peek (LimberCsvReader *reader)
{
  return at_end (reader) ? '\0' : reader->data[reader->pos];
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

static void
skip_blanks (LimberCsvReader *reader)
{
  while (!at_end (reader) && is_blank (peek (reader)))
    reader->pos++;
}

/* Consumes one LF, CRLF or lone CR and counts the line. */
static void
consume_line_end (LimberCsvReader *reader)
{
  if (peek (reader) == '\r')
    {
      reader->pos++;
      if (peek (reader) == '\n')
        reader->pos++;
    }
  else if (peek (reader) == '\n')
    {
      reader->pos++;
    }
  reader->line++;
}

/* After an error: skip to the start of the next physical line so that reading can
 * go on with the next row. */
static void
skip_rest_of_line (LimberCsvReader *reader)
{
  while (!at_end (reader) && !is_line_end (peek (reader)))
    reader->pos++;
  if (!at_end (reader))
    consume_line_end (reader);
}

static void
strip_trailing_blanks (GString *field)
{
  gsize len = field->len;

  while (len > 0 && is_blank (field->str[len - 1]))
    len--;
  g_string_truncate (field, len);
}

/* Reads a quoted field; pos is on the opening quote. */
static gboolean
read_quoted_field (LimberCsvReader  *reader,
                   GString          *field,
                   GError          **error)
{
  guint quote_line = reader->line;

  reader->pos++;
  for (;;)
    {
      char c;

      if (at_end (reader))
        {
          reader->line = quote_line;
          g_set_error_literal (error, LIMBER_CSV_ERROR, LIMBER_CSV_ERROR_UNTERMINATED_QUOTE,
                               _("a quoted field starts on this line but its closing "
                                 "quote is missing"));
          return FALSE;
        }

      c = reader->data[reader->pos++];
      if (c == '"')
        {
          if (peek (reader) != '"')
            break;
          reader->pos++;
        }
      else if (c == '\n' || (c == '\r' && peek (reader) != '\n'))
        {
          reader->line++;
        }
      g_string_append_c (field, c);
    }

  if (reader->flags & LIMBER_CSV_READER_TRIM_UNQUOTED)
    skip_blanks (reader);

  if (!at_end (reader) && peek (reader) != ',' && !is_line_end (peek (reader)))
    {
      g_set_error_literal (error, LIMBER_CSV_ERROR, LIMBER_CSV_ERROR_STRAY_QUOTE,
                           _("text follows the closing quote of a field; a quote "
                             "inside a quoted field must be doubled (\"\")"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_unquoted_field (LimberCsvReader  *reader,
                     GString          *field,
                     GError          **error)
{
  while (!at_end (reader))
    {
      char c = peek (reader);

      if (c == ',' || is_line_end (c))
        break;
      if (c == '"')
        {
          g_set_error_literal (error, LIMBER_CSV_ERROR, LIMBER_CSV_ERROR_STRAY_QUOTE,
                               _("a field that contains quotes must be enclosed in "
                                 "quotes, with each inner quote doubled (\"\")"));
          return FALSE;
        }
      g_string_append_c (field, c);
      reader->pos++;
    }

  if (reader->flags & LIMBER_CSV_READER_TRIM_UNQUOTED)
    strip_trailing_blanks (field);

  return TRUE;
}

static gboolean
read_field (LimberCsvReader  *reader,
            GString          *field,
            GError          **error)
{
  /* Without trimming, blanks before a quote make the field unquoted (RFC 4180), and
   * the quote is then a stray one. */
  if (reader->flags & LIMBER_CSV_READER_TRIM_UNQUOTED)
    skip_blanks (reader);

  if (peek (reader) == '"')
    return read_quoted_field (reader, field, error);

  return read_unquoted_field (reader, field, error);
}

/* The physical line of the first byte that is not UTF-8 in data[start, end). */
static gboolean
find_invalid_utf8 (LimberCsvReader *reader,
                   gsize            start,
                   gsize            end,
                   guint            row_line,
                   guint           *bad_line)
{
  const char *invalid = NULL;
  guint line = row_line;

  if (g_utf8_validate_len (reader->data + start, end - start, &invalid))
    return FALSE;

  for (const char *p = reader->data + start; p < invalid; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 >= reader->data + end || p[1] != '\n')))
        line++;
    }
  *bad_line = line;
  return TRUE;
}

GStrv
limber_csv_reader_read_row (LimberCsvReader  *reader,
                            guint            *line,
                            GError          **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  gsize row_start;
  guint row_line;
  guint bad_line;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (at_end (reader))
    return NULL;

  row_start = reader->pos;
  row_line = reader->line;
  if (line != NULL)
    *line = row_line;

  fields = g_ptr_array_new_full (reader->n_fields + 1, g_free);
  field = g_string_sized_new (64);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      g_string_truncate (field, 0);
      if (!read_field (reader, field, &local_error))
        {
          if (line != NULL)
            *line = reader->line;
          if (local_error->code != LIMBER_CSV_ERROR_UNTERMINATED_QUOTE)
            skip_rest_of_line (reader);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (peek (reader) != ',')
        break;
      reader->pos++;
    }

  /* Validated per row (not per file) so that every bad row is reported with its line.
   * A NUL byte inside a field would cut it short later: it is refused here too. */
  if (find_invalid_utf8 (reader, row_start, reader->pos, row_line, &bad_line))
    {
      if (line != NULL)
        *line = bad_line;
      if (!at_end (reader))
        consume_line_end (reader);
      g_set_error_literal (error, LIMBER_CSV_ERROR, LIMBER_CSV_ERROR_INVALID_UTF8,
                           _("the text is not valid UTF-8; save the file as “CSV UTF-8”"));
      return NULL;
    }

  if (!at_end (reader))
    consume_line_end (reader);

  reader->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

gboolean
limber_csv_field_needs_quotes (const char *field)
{
  gsize len;

  if (field == NULL || field[0] == '\0')
    return FALSE;

  len = strlen (field);
  if (is_blank (field[0]) || is_blank (field[len - 1]))
    return TRUE;

  return strpbrk (field, ",\"\r\n") != NULL;
}

void
limber_csv_append_field (GString    *out,
                         const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;

  if (!limber_csv_field_needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
limber_csv_append_row (GString            *out,
                       const char * const *fields,
                       gsize               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      limber_csv_append_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}

static const struct
{
  const char *name;
  gboolean    required;
} columns[LIMBER_CSV_N_COLUMNS] = {
  [LIMBER_CSV_COLUMN_MRN]           = { "mrn", TRUE },
  [LIMBER_CSV_COLUMN_PATIENT_NAME]  = { "patient_name", TRUE },
  [LIMBER_CSV_COLUMN_BIRTH_DATE]    = { "birth_date", FALSE },
  [LIMBER_CSV_COLUMN_CONDITION]     = { "condition", TRUE },
  [LIMBER_CSV_COLUMN_EPISODE_START] = { "episode_start", FALSE },
  [LIMBER_CSV_COLUMN_SESSION_DATE]  = { "session_date", TRUE },
  [LIMBER_CSV_COLUMN_THERAPIST]     = { "therapist", FALSE },
  [LIMBER_CSV_COLUMN_MEASURE]       = { "measure", TRUE },
  [LIMBER_CSV_COLUMN_SIDE]          = { "side", FALSE },
  [LIMBER_CSV_COLUMN_VALUE]         = { "value", TRUE },
  [LIMBER_CSV_COLUMN_UNIT]          = { "unit", FALSE },
  [LIMBER_CSV_COLUMN_NOTES]         = { "notes", FALSE },
};

const char *
limber_csv_column_get_name (LimberCsvColumn column)
{
  g_return_val_if_fail (column < LIMBER_CSV_N_COLUMNS, NULL);

  return columns[column].name;
}

gboolean
limber_csv_column_is_required (LimberCsvColumn column)
{
  g_return_val_if_fail (column < LIMBER_CSV_N_COLUMNS, FALSE);

  return columns[column].required;
}

gboolean
limber_csv_column_from_name (const char      *name,
                             LimberCsvColumn *column)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      if (g_ascii_strcasecmp (trimmed, columns[i].name) == 0)
        {
          if (column != NULL)
            *column = i;
          return TRUE;
        }
    }

  return FALSE;
}
