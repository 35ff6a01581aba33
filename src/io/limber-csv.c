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
  /* The fields of the row being read, each ended by a NUL, and the offset in text
   * where each starts: kept from row to row, so that reading a row allocates only
   * the row it returns. */
  GString              *text;
  GArray               *starts;
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
  reader->text = g_string_sized_new (256);
  reader->starts = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;

  return reader;
}

void
limber_csv_reader_free (LimberCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->text, TRUE);
  g_array_unref (reader->starts);
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

/* The field is the text from start to the end of field. */
static void
strip_trailing_blanks (GString *field,
                       gsize    start)
{
  gsize len = field->len;

  while (len > start && is_blank (field->str[len - 1]))
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
      gsize end = reader->pos;
      char c;

      /* Up to the next quote or line end in one piece. */
      while (end < reader->length && reader->data[end] != '"' && !is_line_end (reader->data[end]))
        end++;
      g_string_append_len (field, reader->data + reader->pos, end - reader->pos);
      reader->pos = end;

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
  gsize start = field->len;
  gsize end = reader->pos;

  /* The field in one piece, up to the comma or line end after it. */
  while (end < reader->length)
    {
      char c = reader->data[end];

      if (c == ',' || c == '"' || is_line_end (c))
        break;
      end++;
    }
  g_string_append_len (field, reader->data + reader->pos, end - reader->pos);
  reader->pos = end;

  if (!at_end (reader) && peek (reader) == '"')
    {
      g_set_error_literal (error, LIMBER_CSV_ERROR, LIMBER_CSV_ERROR_STRAY_QUOTE,
                           _("a field that contains quotes must be enclosed in "
                             "quotes, with each inner quote doubled (\"\")"));
      return FALSE;
    }

  if (reader->flags & LIMBER_CSV_READER_TRIM_UNQUOTED)
    strip_trailing_blanks (field, start);

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

/* Reads the next row into reader->text and reader->starts. FALSE at the end of the
 * data (error unset) or for a bad row (error set). */
static gboolean
read_row_text (LimberCsvReader  *reader,
               guint            *line,
               GError          **error)
{
  gsize row_start;
  guint row_line;
  guint bad_line;

  if (at_end (reader))
    return FALSE;

  row_start = reader->pos;
  row_line = reader->line;
  if (line != NULL)
    *line = row_line;

  g_string_truncate (reader->text, 0);
  g_array_set_size (reader->starts, 0);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize start = reader->text->len;

      if (!read_field (reader, reader->text, &local_error))
        {
          if (line != NULL)
            *line = reader->line;
          if (local_error->code != LIMBER_CSV_ERROR_UNTERMINATED_QUOTE)
            skip_rest_of_line (reader);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_array_append_val (reader->starts, start);
      g_string_append_c (reader->text, '\0');

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
      return FALSE;
    }

  if (!at_end (reader))
    consume_line_end (reader);

  return TRUE;
}

GStrv
limber_csv_reader_read_row (LimberCsvReader  *reader,
                            guint            *line,
                            GError          **error)
{
  GStrv row;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_row_text (reader, line, error))
    return NULL;

  row = g_new (char *, reader->starts->len + 1);
  for (guint i = 0; i < reader->starts->len; i++)
    row[i] = g_strdup (reader->text->str + g_array_index (reader->starts, gsize, i));
  row[reader->starts->len] = NULL;
  return row;
}

char **
limber_csv_reader_read_row_block (LimberCsvReader  *reader,
                                  guint            *line,
                                  GError          **error)
{
  gsize n_fields;
  gsize pointers;
  char **row;
  char *text;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_row_text (reader, line, error))
    return NULL;

  /* The pointers, then the fields' text right after them. */
  n_fields = reader->starts->len;
  pointers = (n_fields + 1) * sizeof (char *);
  row = g_malloc (pointers + reader->text->len);
  text = (char *) row + pointers;
  memcpy (text, reader->text->str, reader->text->len);
  for (gsize i = 0; i < n_fields; i++)
    row[i] = text + g_array_index (reader->starts, gsize, i);
  row[n_fields] = NULL;
  return row;
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
