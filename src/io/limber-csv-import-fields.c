/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-csv-import-private.h"

/* ----- Header ----- */

static char *
list_column_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, limber_csv_column_get_name (i));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
check_header_name (Import     *import,
                   const char *name,
                   guint       index,
                   guint       line)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  LimberCsvColumn column;

  if (trimmed[0] == '\0')
    {
      limber_import_add_problem (import, line, NULL,
                   _("column %u has no name in the header row"), index + 1);
    }
  else if (!limber_csv_column_from_name (trimmed, &column))
    {
      g_autofree char *known = list_column_names ();

      limber_import_add_problem (import, line, trimmed,
                   _("unknown column; the columns are %s"), known);
    }
  else if (import->field_index[column] >= 0)
    {
      limber_import_add_problem (import, line, trimmed,
                   _("the column appears twice in the header row"));
    }
  else
    {
      import->field_index[column] = index;
    }
}

/* Reads the first non-blank row as the header. Returns FALSE when the rows cannot be
 * interpreted: the rows are then not checked, since a misnamed column would make
 * every row report the same missing value. */
gboolean
limber_import_read_header (Import          *import,
                           LimberCsvReader *reader)
{
  g_auto(GStrv) names = NULL;
  guint n_problems = import->problems->len;
  guint line = 1;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      g_clear_pointer (&names, g_strfreev);
      names = limber_csv_reader_read_row (reader, &line, &local_error);
      if (local_error != NULL)
        {
          limber_import_add_problem (import, line, NULL, "%s", local_error->message);
          return FALSE;
        }
      if (names == NULL)
        {
          limber_import_add_problem (import, 1, NULL,
                       _("the file is empty; its first line must name the columns, e.g. "
                         "mrn,patient_name,condition,session_date,measure,value"));
          return FALSE;
        }
      if (!limber_import_row_is_blank ((const char * const *) names))
        break;
    }

  import->n_fields = g_strv_length (names);
  for (guint i = 0; i < import->n_fields; i++)
    check_header_name (import, names[i], i, line);

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      if (limber_csv_column_is_required (i) && import->field_index[i] < 0)
        limber_import_add_problem (import, line, limber_import_column_name (i), _("this required column is missing"));
    }

  return import->problems->len == n_problems;
}

/* ----- Checks of one row ----- */

/* Codes are short: lower-cased into buffer, without an allocation for every field
 * of every row; *allocated holds the copy of a longer text. */
#define CODE_BUFFER_SIZE 64

static const char *
lower_code (const char  *text,
            char         buffer[CODE_BUFFER_SIZE],
            char       **allocated)
{
  gsize length = strlen (text);

  if (length >= CODE_BUFFER_SIZE)
    return *allocated = g_ascii_strdown (text, length);

  for (gsize i = 0; i < length; i++)
    buffer[i] = g_ascii_tolower (text[i]);
  buffer[length] = '\0';
  return buffer;
}

static gboolean
check_required (Import          *import,
                ImportRow       *row,
                LimberCsvColumn  column)
{
  if (!limber_import_text_is_blank (row->fields[column]))
    return TRUE;

  limber_import_add_problem (import, row->line, limber_import_column_name (column), _("a value is required"));
  return FALSE;
}

/* The model's own checks of a chart number and a birth date, on the text. */
static gboolean
check_patient_field (Import          *import,
                     ImportRow       *row,
                     LimberCsvColumn  column)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = row->fields[column];
  gboolean valid;

  switch ((int) column)
    {
    case LIMBER_CSV_COLUMN_MRN:
      valid = limber_patient_check_mrn (text, &local_error);
      break;
    case LIMBER_CSV_COLUMN_BIRTH_DATE:
      valid = limber_patient_check_birth_date (text, import->today, &local_error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (valid)
    return TRUE;

  limber_import_add_problem (import, row->line, limber_import_column_name (column), "%s", local_error->message);
  return FALSE;
}

static gboolean
check_patient_fields (Import    *import,
                      ImportRow *row)
{
  gboolean valid = TRUE;

  if (!check_required (import, row, LIMBER_CSV_COLUMN_MRN) ||
      !check_patient_field (import, row, LIMBER_CSV_COLUMN_MRN))
    valid = FALSE;

  /* A name needs only to be there. */
  if (!check_required (import, row, LIMBER_CSV_COLUMN_PATIENT_NAME))
    valid = FALSE;

  if (row->fields[LIMBER_CSV_COLUMN_BIRTH_DATE][0] != '\0' &&
      !check_patient_field (import, row, LIMBER_CSV_COLUMN_BIRTH_DATE))
    valid = FALSE;

  return valid;
}

static char *
list_condition_codes (void)
{
  GListModel *catalog = limber_condition_get_catalog ();
  g_autoptr(GString) codes = g_string_new (NULL);
  guint n = g_list_model_get_n_items (catalog);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LimberCondition) condition = g_list_model_get_item (catalog, i);

      if (i > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, limber_condition_get_code (condition));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static gboolean
check_condition (Import    *import,
                 ImportRow *row)
{
  const char *text = row->fields[LIMBER_CSV_COLUMN_CONDITION];
  g_autofree char *allocated = NULL;
  g_autofree char *known = NULL;
  char buffer[CODE_BUFFER_SIZE];

  if (!check_required (import, row, LIMBER_CSV_COLUMN_CONDITION))
    return FALSE;

  row->condition = limber_condition_lookup (lower_code (text, buffer, &allocated));
  if (row->condition != NULL)
    return TRUE;

  known = list_condition_codes ();
  limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_CONDITION),
               _("“%s” is not a condition code; the codes are %s"), text, known);
  return FALSE;
}

static gboolean
check_dates (Import    *import,
             ImportRow *row)
{
  const char *episode_start = row->fields[LIMBER_CSV_COLUMN_EPISODE_START];
  const char *session_date = row->fields[LIMBER_CSV_COLUMN_SESSION_DATE];
  gboolean start_valid = TRUE;
  g_autofree char *session_day = NULL;

  if (episode_start[0] != '\0' && !limber_date_is_valid (episode_start))
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_EPISODE_START),
                   _("“%s” is not a date (YYYY-MM-DD)"), episode_start);
      start_valid = FALSE;
    }

  if (!check_required (import, row, LIMBER_CSV_COLUMN_SESSION_DATE))
    return FALSE;

  if (!limber_date_time_is_valid (session_date))
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_SESSION_DATE),
                   _("“%s” is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)"),
                   session_date);
      return FALSE;
    }

  if (!start_valid)
    return FALSE;

  /* ISO days compare as text. */
  session_day = limber_date_time_get_date (session_date);
  if (episode_start[0] != '\0' && strcmp (session_day, episode_start) < 0)
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_SESSION_DATE),
                   _("%s is before the episode start %s"), session_date, episode_start);
      return FALSE;
    }

  return TRUE;
}

/* A plain decimal number: an optional minus, digits, an optional '.' and digits.
 * g_ascii_strtod() alone would also take "nan", "inf", hex and exponents, which no
 * clinic means; "1,5" is refused with a hint, since the decimal comma is common. */
static gboolean
parse_plain_decimal (const char *text,
                     double     *value)
{
  const char *p = text;
  guint n_digits = 0;
  char *end = NULL;

  if (*p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    n_digits++;
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        n_digits++;
    }
  if (*p != '\0' || n_digits == 0)
    return FALSE;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (errno != 0 || *end != '\0' || !isfinite (*value))
    return FALSE;

  /* "-0" is zero: export must not write it back as "-0". */
  if (*value == 0.0)
    *value = 0.0;

  return TRUE;
}

static gboolean
lookup_measure (Import    *import,
                ImportRow *row)
{
  const char *code = row->fields[LIMBER_CSV_COLUMN_MEASURE];
  g_autofree char *allocated = NULL;
  char buffer[CODE_BUFFER_SIZE];

  if (!check_required (import, row, LIMBER_CSV_COLUMN_MEASURE))
    return FALSE;

  row->measure = limber_measure_lookup (lower_code (code, buffer, &allocated));
  if (row->measure != NULL)
    return TRUE;

  limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_MEASURE),
               _("“%s” is not a measure code, e.g. pain.nprs or rom.shoulder.abduction"), code);
  return FALSE;
}

/* The side text, then the model's rule for the measure. The model checks side and
 * value together: it is given a value that is always in range so that only a side
 * problem can show, under the side column. */
static gboolean
check_side (Import    *import,
            ImportRow *row)
{
  const char *text = row->fields[LIMBER_CSV_COLUMN_SIDE];
  g_autofree char *allocated = NULL;
  g_autoptr(GError) local_error = NULL;
  LimberMeasure *measure = row->measure;
  char buffer[CODE_BUFFER_SIZE];

  if (!limber_side_from_string (lower_code (text, buffer, &allocated), &row->side))
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_SIDE),
                   _("“%s” is not a side; write left, right or nothing"), text);
      return FALSE;
    }

  if (measure != NULL &&
      !limber_measure_validate (measure, limber_measure_get_min (measure), row->side, &local_error))
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_SIDE),
                   "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_value (Import    *import,
             ImportRow *row)
{
  const char *text = row->fields[LIMBER_CSV_COLUMN_VALUE];
  g_autoptr(GError) local_error = NULL;

  if (!check_required (import, row, LIMBER_CSV_COLUMN_VALUE))
    return FALSE;

  if (!parse_plain_decimal (text, &row->value))
    {
      if (strchr (text, ',') != NULL)
        limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_VALUE),
                     _("“%s” is not a number; write the decimal point as “.”, e.g. 1.5"), text);
      else
        limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_VALUE),
                     _("“%s” is not a number"), text);
      return FALSE;
    }

  if (row->measure != NULL &&
      !limber_measure_validate_value (row->measure, row->value, &local_error))
    {
      limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_VALUE),
                   "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_unit (Import    *import,
            ImportRow *row)
{
  const char *unit = row->fields[LIMBER_CSV_COLUMN_UNIT];
  LimberMeasure *measure = row->measure;

  if (unit[0] == '\0' || measure == NULL ||
      g_ascii_strcasecmp (unit, limber_measure_get_unit (measure)) == 0)
    return TRUE;

  limber_import_add_problem (import, row->line, limber_import_column_name (LIMBER_CSV_COLUMN_UNIT),
               _("“%s” is not %s, the unit of %s"),
               unit, limber_measure_get_unit (measure), limber_measure_get_code (measure));
  return FALSE;
}

/* Checked in column order so that the problems of a row read left to right. */
static gboolean
check_measurement_fields (Import    *import,
                          ImportRow *row)
{
  gboolean valid = lookup_measure (import, row);

  if (!check_side (import, row))
    valid = FALSE;
  if (!check_value (import, row))
    valid = FALSE;
  if (!check_unit (import, row))
    valid = FALSE;

  if (valid)
    row->measurement_key = limber_import_measurement_key (row->measure, row->side);
  return valid;
}

static void
check_row (Import    *import,
           ImportRow *row)
{
  gboolean valid = TRUE;

  if (!check_patient_fields (import, row))
    valid = FALSE;
  if (!check_condition (import, row))
    valid = FALSE;
  if (!check_dates (import, row))
    valid = FALSE;
  if (!check_measurement_fields (import, row))
    valid = FALSE;

  row->valid = valid;
}

static ImportRow *
import_row_new (Import  *import,
                char   **strv,
                guint    line)
{
  ImportRow *row = limber_import_row_new (import);

  row->line = line;
  row->strv = strv;
  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      int index = import->field_index[i];

      row->fields[i] = index >= 0 ? strv[index] : "";
    }
  return row;
}

void
limber_import_read_rows (Import          *import,
                         LimberCsvReader *reader)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char **fields = NULL;
      ImportRow *row;
      guint n_fields;
      guint line = 0;

      /* Now and then, not per row: both cost more than reading a row. */
      if (import->rows->len % 1024 == 0)
        {
          if (g_cancellable_is_cancelled (import->cancellable))
            return;
          limber_import_report_progress (import, LIMBER_IMPORT_READ_SHARE * 0.8
                                         * limber_csv_reader_get_position (reader)
                                         / MAX (import->data_length, 1));
        }

      fields = limber_csv_reader_read_row_block (reader, &line, &local_error);
      if (local_error != NULL)
        {
          limber_import_add_problem (import, line, NULL, "%s", local_error->message);
          continue;
        }
      if (fields == NULL)
        break;
      if (limber_import_row_is_blank ((const char * const *) fields))
        continue;

      n_fields = g_strv_length (fields);
      if (n_fields != import->n_fields)
        {
          limber_import_add_problem (import, line, NULL,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "the row has %u field but the header names %u columns",
                                    "the row has %u fields but the header names %u columns",
                                    n_fields),
                       n_fields, import->n_fields);
          continue;
        }

      row = import_row_new (import, g_steal_pointer (&fields), line);
      g_ptr_array_add (import->rows, row);
      check_row (import, row);
    }
}
