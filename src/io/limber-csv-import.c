/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "limber-csv.h"
#include "limber-csv-import.h"
#include "limber-date.h"

/* The import runs in two phases. The first reads every row, checks each field, then
 * the rows against each other and against the store, collecting every problem with
 * its line; nothing is written. Only when there is none does the second phase write,
 * in one transaction and in a sorted order, so that the same rows in any order give
 * the same database. Rows are grouped as the database nests them:
 * patient → episode → session → measurement. */

G_DEFINE_QUARK (limber-import-error-quark, limber_import_error)

/* Joins codes with a separator that cannot occur in them, for hash keys. */
#define KEY_SEPARATOR "\x1f"

typedef struct _ImportPatient ImportPatient;
typedef struct _ImportEpisode ImportEpisode;
typedef struct _ImportSession ImportSession;

typedef struct
{
  guint          line;
  GStrv          strv;
  /* Borrowed from strv, "" for columns the file does not have. */
  const char    *fields[LIMBER_CSV_N_COLUMNS];
  /* Every field passed its own checks: only such rows take part in the checks across
   * rows, so that one bad value does not cause a cascade of follow-up errors. */
  gboolean       valid;
  LimberCondition *condition;
  LimberMeasure *measure;
  LimberSide     side;
  double         value;
  char          *measurement_key;
  ImportPatient *patient;
  ImportEpisode *episode;
  ImportSession *session;
  /* Already stored, or a repeat of an earlier row with the same value. */
  gboolean       unchanged;
} ImportRow;

struct _ImportSession
{
  const char    *date;            /* borrowed from its first row */
  const char    *therapist;       /* the first non-empty one, borrowed */
  guint          therapist_line;
  const char    *notes;
  guint          notes_line;
  LimberSession *stored;          /* NULL: new */
  gint64         stored_id;       /* key storage for lookups by id */
  gboolean       fill_therapist;  /* stored without one: the file supplies it */
  gboolean       fill_notes;
  GHashTable    *rows;            /* measurement key → first ImportRow */
};

struct _ImportEpisode
{
  const char    *condition;       /* catalog code */
  char          *start_date;
  LimberEpisode *stored;          /* NULL: new */
  GHashTable    *sessions;        /* date → ImportSession */
};

struct _ImportPatient
{
  const char    *mrn;             /* borrowed from its first row */
  const char    *name;
  guint          name_line;
  const char    *birth_date;      /* the first one given, or NULL */
  guint          birth_line;
  LimberPatient *stored;          /* NULL: new */
  gboolean       fill_birth_date; /* stored without one: the file supplies it */
  GPtrArray     *stored_episodes; /* LimberEpisode; NULL for a new patient */
  GHashTable    *episodes;        /* "condition␟start" → ImportEpisode */
  GHashTable    *unnamed_rows;    /* condition → GPtrArray of rows without episode_start */
};

typedef struct
{
  guint  line;
  guint  sequence;
  char  *message;
} ImportProblem;

typedef struct
{
  LimberStore        *store;
  const char         *display_name;
  int                 field_index[LIMBER_CSV_N_COLUMNS];  /* -1: column absent */
  guint               n_fields;
  GPtrArray          *rows;
  GPtrArray          *problems;
  GHashTable         *patients;        /* mrn → ImportPatient */
  LimberImportCounts  counts;
} Import;

static void
import_row_free (gpointer data)
{
  ImportRow *row = data;

  g_strfreev (row->strv);
  g_free (row->measurement_key);
  g_free (row);
}

static ImportSession *
import_session_new (const char *date)
{
  ImportSession *session = g_new0 (ImportSession, 1);

  session->date = date;
  session->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  return session;
}

static void
import_session_free (gpointer data)
{
  ImportSession *session = data;

  g_clear_object (&session->stored);
  g_clear_pointer (&session->rows, g_hash_table_unref);
  g_free (session);
}

static ImportEpisode *
import_episode_new (const char    *condition,
                    const char    *start_date,
                    LimberEpisode *stored)
{
  ImportEpisode *episode = g_new0 (ImportEpisode, 1);

  episode->condition = condition;
  episode->start_date = g_strdup (start_date);
  episode->stored = stored != NULL ? g_object_ref (stored) : NULL;
  episode->sessions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             NULL, import_session_free);
  return episode;
}

static void
import_episode_free (gpointer data)
{
  ImportEpisode *episode = data;

  g_clear_object (&episode->stored);
  g_clear_pointer (&episode->sessions, g_hash_table_unref);
  g_free (episode->start_date);
  g_free (episode);
}

static ImportPatient *
import_patient_new (ImportRow *row)
{
  ImportPatient *patient = g_new0 (ImportPatient, 1);
  const char *birth_date = row->fields[LIMBER_CSV_COLUMN_BIRTH_DATE];

  patient->mrn = row->fields[LIMBER_CSV_COLUMN_MRN];
  patient->name = row->fields[LIMBER_CSV_COLUMN_PATIENT_NAME];
  patient->name_line = row->line;
  if (birth_date[0] != '\0')
    {
      patient->birth_date = birth_date;
      patient->birth_line = row->line;
    }
  patient->episodes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, import_episode_free);
  patient->unnamed_rows = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 NULL, (GDestroyNotify) g_ptr_array_unref);
  return patient;
}

static void
import_patient_free (gpointer data)
{
  ImportPatient *patient = data;

  g_clear_object (&patient->stored);
  g_clear_pointer (&patient->stored_episodes, g_ptr_array_unref);
  g_clear_pointer (&patient->episodes, g_hash_table_unref);
  g_clear_pointer (&patient->unnamed_rows, g_hash_table_unref);
  g_free (patient);
}

static void
import_problem_free (gpointer data)
{
  ImportProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static void
import_init (Import      *import,
             LimberStore *store,
             const char  *display_name)
{
  memset (import, 0, sizeof *import);
  import->store = store;
  import->display_name = display_name;
  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    import->field_index[i] = -1;
  import->rows = g_ptr_array_new_with_free_func (import_row_free);
  import->problems = g_ptr_array_new_with_free_func (import_problem_free);
  import->patients = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            NULL, import_patient_free);
}

static void
import_clear (Import *import)
{
  /* Patients first: their tables borrow keys from the rows. */
  g_clear_pointer (&import->patients, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (Import     *import,
             guint       line,
             const char *column,
             const char *format,
             ...)
{
  ImportProblem *problem = g_new0 (ImportProblem, 1);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problem->line = line;
  problem->sequence = import->problems->len;
  if (column != NULL)
    problem->message = g_strdup_printf ("%s:%u: %s: %s", import->display_name, line, column, message);
  else
    problem->message = g_strdup_printf ("%s:%u: %s", import->display_name, line, message);
  g_ptr_array_add (import->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ImportProblem *pa = *(const ImportProblem * const *) a;
  const ImportProblem *pb = *(const ImportProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->sequence < pb->sequence ? -1 : (pa->sequence > pb->sequence);
}

static void
set_invalid_error (Import  *import,
                   GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_ptr_array_sort (import->problems, compare_problems);
  for (guint i = 0; i < import->problems->len; i++)
    {
      const ImportProblem *problem = g_ptr_array_index (import->problems, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }

  g_set_error_literal (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID, text->str);
}

static const char *
column_name (LimberCsvColumn column)
{
  return limber_csv_column_get_name (column);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return TRUE;
}

static gboolean
row_is_blank (const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (!text_is_blank (fields[i]))
        return FALSE;
    }
  return TRUE;
}

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
      add_problem (import, line, NULL,
                   _("column %u has no name in the header row"), index + 1);
    }
  else if (!limber_csv_column_from_name (trimmed, &column))
    {
      g_autofree char *known = list_column_names ();

      add_problem (import, line, trimmed,
                   _("unknown column; the columns are %s"), known);
    }
  else if (import->field_index[column] >= 0)
    {
      add_problem (import, line, trimmed,
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
static gboolean
read_header (Import          *import,
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
          add_problem (import, line, NULL, "%s", local_error->message);
          return FALSE;
        }
      if (names == NULL)
        {
          add_problem (import, 1, NULL,
                       _("the file is empty; its first line must name the columns, e.g. "
                         "mrn,patient_name,condition,session_date,measure,value"));
          return FALSE;
        }
      if (!row_is_blank ((const char * const *) names))
        break;
    }

  import->n_fields = g_strv_length (names);
  for (guint i = 0; i < import->n_fields; i++)
    check_header_name (import, names[i], i, line);

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      if (limber_csv_column_is_required (i) && import->field_index[i] < 0)
        add_problem (import, line, column_name (i), _("this required column is missing"));
    }

  return import->problems->len == n_problems;
}

/* ----- Checks of one row ----- */

static gboolean
check_required (Import          *import,
                ImportRow       *row,
                LimberCsvColumn  column)
{
  if (!text_is_blank (row->fields[column]))
    return TRUE;

  add_problem (import, row->line, column_name (column), _("a value is required"));
  return FALSE;
}

/* The model validates a patient as a whole; to name the column at fault, each field
 * is checked on a patient whose other fields are plainly valid. */
static gboolean
check_patient_field (Import          *import,
                     ImportRow       *row,
                     LimberCsvColumn  column)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text = row->fields[column];

  switch ((int) column)
    {
    case LIMBER_CSV_COLUMN_MRN:
      patient = limber_patient_new (text, "-", NULL);
      break;
    case LIMBER_CSV_COLUMN_PATIENT_NAME:
      patient = limber_patient_new ("0", text, NULL);
      break;
    case LIMBER_CSV_COLUMN_BIRTH_DATE:
      patient = limber_patient_new ("0", "-", text);
      break;
    default:
      g_assert_not_reached ();
    }

  if (limber_patient_validate (patient, &local_error))
    return TRUE;

  add_problem (import, row->line, column_name (column), "%s", local_error->message);
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

  if (!check_required (import, row, LIMBER_CSV_COLUMN_PATIENT_NAME) ||
      !check_patient_field (import, row, LIMBER_CSV_COLUMN_PATIENT_NAME))
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
  g_autofree char *code = NULL;
  g_autofree char *known = NULL;

  if (!check_required (import, row, LIMBER_CSV_COLUMN_CONDITION))
    return FALSE;

  code = g_ascii_strdown (text, -1);
  row->condition = limber_condition_lookup (code);
  if (row->condition != NULL)
    return TRUE;

  known = list_condition_codes ();
  add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_CONDITION),
               _("'%s' is not a condition code; the codes are %s"), text, known);
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
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_EPISODE_START),
                   _("'%s' is not a date (YYYY-MM-DD)"), episode_start);
      start_valid = FALSE;
    }

  if (!check_required (import, row, LIMBER_CSV_COLUMN_SESSION_DATE))
    return FALSE;

  if (!limber_date_time_is_valid (session_date))
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_SESSION_DATE),
                   _("'%s' is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)"),
                   session_date);
      return FALSE;
    }

  if (!start_valid)
    return FALSE;

  /* ISO days compare as text. */
  session_day = limber_date_time_get_date (session_date);
  if (episode_start[0] != '\0' && strcmp (session_day, episode_start) < 0)
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_SESSION_DATE),
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
  g_autofree char *lower = NULL;

  if (!check_required (import, row, LIMBER_CSV_COLUMN_MEASURE))
    return FALSE;

  lower = g_ascii_strdown (code, -1);
  row->measure = limber_measure_lookup (lower);
  if (row->measure != NULL)
    return TRUE;

  add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_MEASURE),
               _("'%s' is not a measure code, e.g. pain.nprs or rom.shoulder.abduction"), code);
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
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autoptr(GError) local_error = NULL;
  LimberMeasure *measure = row->measure;

  if (!limber_side_from_string (lower, &row->side))
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_SIDE),
                   _("'%s' is not a side; write left, right or nothing"), text);
      return FALSE;
    }

  if (measure != NULL &&
      !limber_measure_validate (measure, limber_measure_get_min (measure), row->side, &local_error))
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_SIDE),
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
        add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_VALUE),
                     _("'%s' is not a number; write the decimal point as '.', e.g. 1.5"), text);
      else
        add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_VALUE),
                     _("'%s' is not a number"), text);
      return FALSE;
    }

  if (row->measure != NULL &&
      !limber_measure_validate_value (row->measure, row->value, &local_error))
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_VALUE),
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

  add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_UNIT),
               _("'%s' is not %s, the unit of %s"),
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
    row->measurement_key = g_strconcat (limber_measure_get_code (row->measure), KEY_SEPARATOR,
                                        limber_side_to_string (row->side), NULL);
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
import_row_new (Import *import,
                GStrv   strv,
                guint   line)
{
  ImportRow *row = g_new0 (ImportRow, 1);

  row->line = line;
  row->strv = strv;
  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    {
      int index = import->field_index[i];

      row->fields[i] = index >= 0 ? strv[index] : "";
    }
  return row;
}

static void
read_rows (Import          *import,
           LimberCsvReader *reader)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) fields = NULL;
      ImportRow *row;
      guint n_fields;
      guint line = 0;

      fields = limber_csv_reader_read_row (reader, &line, &local_error);
      if (local_error != NULL)
        {
          add_problem (import, line, NULL, "%s", local_error->message);
          continue;
        }
      if (fields == NULL)
        break;
      if (row_is_blank ((const char * const *) fields))
        continue;

      n_fields = g_strv_length (fields);
      if (n_fields != import->n_fields)
        {
          add_problem (import, line, NULL,
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

/* ----- Checks across rows ----- */

static void
add_row_to_patient (Import    *import,
                    ImportRow *row)
{
  const char *mrn = row->fields[LIMBER_CSV_COLUMN_MRN];
  const char *name = row->fields[LIMBER_CSV_COLUMN_PATIENT_NAME];
  const char *birth_date = row->fields[LIMBER_CSV_COLUMN_BIRTH_DATE];
  ImportPatient *patient = g_hash_table_lookup (import->patients, mrn);

  if (patient == NULL)
    {
      patient = import_patient_new (row);
      g_hash_table_insert (import->patients, (gpointer) patient->mrn, patient);
      row->patient = patient;
      return;
    }

  row->patient = patient;

  if (strcmp (name, patient->name) != 0)
    add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_PATIENT_NAME),
                 _("'%s' differs from '%s' on line %u for chart number %s"),
                 name, patient->name, patient->name_line, mrn);

  if (birth_date[0] == '\0')
    return;

  if (patient->birth_date == NULL)
    {
      patient->birth_date = birth_date;
      patient->birth_line = row->line;
    }
  else if (strcmp (birth_date, patient->birth_date) != 0)
    {
      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_BIRTH_DATE),
                   _("%s differs from %s on line %u for chart number %s"),
                   birth_date, patient->birth_date, patient->birth_line, mrn);
    }
}

static gboolean
check_patient_against_store (Import         *import,
                             ImportPatient  *patient,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *stored_birth_date;

  patient->stored = limber_store_find_patient (import->store, patient->mrn, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (patient->stored == NULL)
    return TRUE;

  if (g_strcmp0 (patient->name, limber_patient_get_name (patient->stored)) != 0)
    add_problem (import, patient->name_line, column_name (LIMBER_CSV_COLUMN_PATIENT_NAME),
                 _("'%s' differs from '%s' stored for chart number %s"),
                 patient->name, limber_patient_get_name (patient->stored), patient->mrn);

  stored_birth_date = limber_patient_get_birth_date (patient->stored);
  if (patient->birth_date != NULL)
    {
      if (stored_birth_date == NULL || stored_birth_date[0] == '\0')
        patient->fill_birth_date = TRUE;
      else if (strcmp (patient->birth_date, stored_birth_date) != 0)
        add_problem (import, patient->birth_line, column_name (LIMBER_CSV_COLUMN_BIRTH_DATE),
                     _("%s differs from %s stored for chart number %s"),
                     patient->birth_date, stored_birth_date, patient->mrn);
    }

  patient->stored_episodes = limber_store_list_episodes (import->store,
                                                         limber_patient_get_id (patient->stored),
                                                         error);
  return patient->stored_episodes != NULL;
}

static LimberEpisode *
find_stored_episode (ImportPatient *patient,
                     const char    *condition,
                     const char    *start_date)
{
  if (patient->stored_episodes == NULL)
    return NULL;

  for (guint i = 0; i < patient->stored_episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (patient->stored_episodes, i);

      if (g_strcmp0 (limber_episode_get_condition (episode), condition) == 0 &&
          g_strcmp0 (limber_episode_get_start_date (episode), start_date) == 0)
        return episode;
    }
  return NULL;
}

/* The episode of patient, condition and start: stored, already named by the file, or
 * new. */
static ImportEpisode *
get_episode (ImportPatient *patient,
             const char    *condition,
             const char    *start_date)
{
  g_autofree char *key = g_strconcat (condition, KEY_SEPARATOR, start_date, NULL);
  ImportEpisode *episode = g_hash_table_lookup (patient->episodes, key);

  if (episode == NULL)
    {
      episode = import_episode_new (condition, start_date,
                                    find_stored_episode (patient, condition, start_date));
      g_hash_table_insert (patient->episodes, g_steal_pointer (&key), episode);
    }
  return episode;
}

static void
assign_named_episode (ImportRow *row)
{
  ImportPatient *patient = row->patient;
  const char *condition = limber_condition_get_code (row->condition);
  const char *start_date = row->fields[LIMBER_CSV_COLUMN_EPISODE_START];
  GPtrArray *unnamed;

  if (start_date[0] != '\0')
    {
      row->episode = get_episode (patient, condition, start_date);
      return;
    }

  unnamed = g_hash_table_lookup (patient->unnamed_rows, condition);
  if (unnamed == NULL)
    {
      unnamed = g_ptr_array_new ();
      g_hash_table_insert (patient->unnamed_rows, (gpointer) condition, unnamed);
    }
  g_ptr_array_add (unnamed, row);
}

static char *
earliest_session_day (GPtrArray *rows)
{
  const char *earliest = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (rows, i);
      const char *date = row->fields[LIMBER_CSV_COLUMN_SESSION_DATE];

      if (earliest == NULL || strcmp (date, earliest) < 0)
        earliest = date;
    }
  return limber_date_time_get_date (earliest);
}

/* interchange.md: rows without episode_start go to the episode of that patient and
 * condition that is open at their earliest session date, else to one new episode
 * starting that day. Episodes the file names count as open from their start. Where
 * several are open, the most recent start wins: it is the current course of care. */
static ImportEpisode *
resolve_unnamed_episode (ImportPatient *patient,
                         const char    *condition,
                         GPtrArray     *rows)
{
  g_autofree char *day = earliest_session_day (rows);
  const char *best_start = NULL;
  GHashTableIter iter;
  ImportEpisode *named;

  if (patient->stored_episodes != NULL)
    {
      for (guint i = 0; i < patient->stored_episodes->len; i++)
        {
          LimberEpisode *episode = g_ptr_array_index (patient->stored_episodes, i);
          const char *start = limber_episode_get_start_date (episode);

          if (g_strcmp0 (limber_episode_get_condition (episode), condition) == 0 &&
              limber_episode_is_open_on (episode, day) &&
              (best_start == NULL || strcmp (start, best_start) > 0))
            best_start = start;
        }
    }

  g_hash_table_iter_init (&iter, patient->episodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &named))
    {
      if (named->stored == NULL &&
          strcmp (named->condition, condition) == 0 &&
          strcmp (named->start_date, day) <= 0 &&
          (best_start == NULL || strcmp (named->start_date, best_start) > 0))
        best_start = named->start_date;
    }

  return get_episode (patient, condition, best_start != NULL ? best_start : day);
}

static void
resolve_unnamed_episodes (ImportPatient *patient)
{
  GHashTableIter iter;
  const char *condition;
  GPtrArray *rows;

  g_hash_table_iter_init (&iter, patient->unnamed_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &condition, (gpointer *) &rows))
    {
      ImportEpisode *episode = resolve_unnamed_episode (patient, condition, rows);

      for (guint i = 0; i < rows->len; i++)
        {
          ImportRow *row = g_ptr_array_index (rows, i);

          row->episode = episode;
        }
    }
}

static char *
describe_measurement (LimberMeasure *measure,
                      LimberSide     side)
{
  if (side == LIMBER_SIDE_NONE)
    return g_strdup (limber_measure_get_code (measure));

  return g_strdup_printf ("%s (%s)", limber_measure_get_code (measure),
                          limber_side_to_string (side));
}

/* Rows of one session must agree on a text that only one of them need give. */
static void
merge_session_text (Import          *import,
                    ImportRow       *row,
                    ImportSession   *session,
                    LimberCsvColumn  column,
                    const char     **text,
                    guint           *text_line)
{
  const char *value = row->fields[column];

  if (value[0] == '\0')
    return;

  if (*text == NULL)
    {
      *text = value;
      *text_line = row->line;
    }
  else if (strcmp (value, *text) != 0)
    {
      if (column == LIMBER_CSV_COLUMN_NOTES)
        add_problem (import, row->line, column_name (column),
                     _("differ from the notes on line %u for the session of %s"),
                     *text_line, session->date);
      else
        add_problem (import, row->line, column_name (column),
                     _("'%s' differs from '%s' on line %u for the session of %s"),
                     value, *text, *text_line, session->date);
    }
}

static void
add_row_to_session (Import    *import,
                    ImportRow *row)
{
  const char *date = row->fields[LIMBER_CSV_COLUMN_SESSION_DATE];
  ImportSession *session = g_hash_table_lookup (row->episode->sessions, date);
  ImportRow *first;

  if (session == NULL)
    {
      session = import_session_new (date);
      g_hash_table_insert (row->episode->sessions, (gpointer) date, session);
    }
  row->session = session;

  merge_session_text (import, row, session, LIMBER_CSV_COLUMN_THERAPIST,
                      &session->therapist, &session->therapist_line);
  merge_session_text (import, row, session, LIMBER_CSV_COLUMN_NOTES,
                      &session->notes, &session->notes_line);

  first = g_hash_table_lookup (session->rows, row->measurement_key);
  if (first == NULL)
    {
      g_hash_table_insert (session->rows, row->measurement_key, row);
    }
  else if (first->value == row->value)
    {
      row->unchanged = TRUE;
    }
  else
    {
      g_autofree char *value = limber_format_number (row->value);
      g_autofree char *first_value = limber_format_number (first->value);
      g_autofree char *what = describe_measurement (row->measure, row->side);

      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_VALUE),
                   _("%s differs from %s on line %u for %s on %s"),
                   value, first_value, first->line, what, date);
    }
}

/* A stored session keeps its therapist and notes; the file may supply them where the
 * session has none, but may not contradict them. */
static void
compare_session_text (Import          *import,
                      ImportSession   *session,
                      LimberCsvColumn  column,
                      const char      *text,
                      guint            text_line,
                      const char      *stored_text,
                      gboolean        *fill)
{
  if (text == NULL)
    return;

  if (stored_text == NULL || stored_text[0] == '\0')
    {
      *fill = TRUE;
      return;
    }

  if (strcmp (text, stored_text) == 0)
    return;

  if (column == LIMBER_CSV_COLUMN_NOTES)
    add_problem (import, text_line, column_name (column),
                 _("differ from the notes stored for the session of %s"), session->date);
  else
    add_problem (import, text_line, column_name (column),
                 _("'%s' differs from '%s' stored for the session of %s"),
                 text, stored_text, session->date);
}

static void
attach_stored_session (Import        *import,
                       ImportSession *session,
                       LimberSession *stored)
{
  session->stored = g_object_ref (stored);
  compare_session_text (import, session, LIMBER_CSV_COLUMN_THERAPIST,
                        session->therapist, session->therapist_line,
                        limber_session_get_therapist (stored), &session->fill_therapist);
  compare_session_text (import, session, LIMBER_CSV_COLUMN_NOTES,
                        session->notes, session->notes_line,
                        limber_session_get_notes (stored), &session->fill_notes);
}

static void
compare_stored_measurement (Import            *import,
                            ImportSession     *session,
                            LimberMeasurement *measurement)
{
  g_autofree char *key = g_strconcat (limber_measurement_get_measure (measurement), KEY_SEPARATOR,
                                      limber_side_to_string (limber_measurement_get_side (measurement)),
                                      NULL);
  ImportRow *row = g_hash_table_lookup (session->rows, key);
  double stored_value = limber_measurement_get_value (measurement);

  if (row == NULL)
    return;

  if (row->value == stored_value)
    {
      row->unchanged = TRUE;
    }
  else
    {
      g_autofree char *value = limber_format_number (row->value);
      g_autofree char *stored_text = limber_format_number (stored_value);
      g_autofree char *what = describe_measurement (row->measure, row->side);

      add_problem (import, row->line, column_name (LIMBER_CSV_COLUMN_VALUE),
                   _("%s contradicts %s stored for %s on %s"),
                   value, stored_text, what, session->date);
    }
}

/* Two queries per stored episode the file touches, whatever its number of rows. */
static gboolean
compare_stored_episode (Import         *import,
                        ImportEpisode  *episode,
                        GError        **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  gint64 episode_id = limber_episode_get_id (episode->stored);

  sessions = limber_store_list_sessions (import->store, episode_id, error);
  if (sessions == NULL)
    return FALSE;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sessions->len; i++)
    {
      LimberSession *stored = g_ptr_array_index (sessions, i);
      ImportSession *session = g_hash_table_lookup (episode->sessions,
                                                    limber_session_get_date (stored));

      /* Two stored sessions on one date: the file's rows belong to the first. */
      if (session == NULL || session->stored != NULL)
        continue;

      attach_stored_session (import, session, stored);
      session->stored_id = limber_session_get_id (stored);
      g_hash_table_insert (by_id, &session->stored_id, session);
    }

  if (g_hash_table_size (by_id) == 0)
    return TRUE;

  measurements = limber_store_list_episode_measurements (import->store, episode_id, error);
  if (measurements == NULL)
    return FALSE;

  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
      gint64 session_id = limber_measurement_get_session_id (measurement);
      ImportSession *session = g_hash_table_lookup (by_id, &session_id);

      if (session != NULL)
        compare_stored_measurement (import, session, measurement);
    }

  return TRUE;
}

static gboolean
check_rows_together (Import  *import,
                     GError **error)
{
  GHashTableIter iter;
  ImportPatient *patient;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        add_row_to_patient (import, row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      if (!check_patient_against_store (import, patient, error))
        return FALSE;
    }

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        assign_named_episode (row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    resolve_unnamed_episodes (patient);

  /* In line order, so that a conflict is reported on the later of two lines. */
  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->valid)
        add_row_to_session (import, row);
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      GHashTableIter episodes;
      ImportEpisode *episode;

      g_hash_table_iter_init (&episodes, patient->episodes);
      while (g_hash_table_iter_next (&episodes, NULL, (gpointer *) &episode))
        {
          if (episode->stored != NULL && !compare_stored_episode (import, episode, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* ----- Writing ----- */

static int
compare_patients (gconstpointer a,
                  gconstpointer b)
{
  const ImportPatient *pa = *(const ImportPatient * const *) a;
  const ImportPatient *pb = *(const ImportPatient * const *) b;

  return strcmp (pa->mrn, pb->mrn);
}

static int
compare_episodes (gconstpointer a,
                  gconstpointer b)
{
  const ImportEpisode *ea = *(const ImportEpisode * const *) a;
  const ImportEpisode *eb = *(const ImportEpisode * const *) b;
  int result = strcmp (ea->start_date, eb->start_date);

  return result != 0 ? result : strcmp (ea->condition, eb->condition);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const ImportSession *sa = *(const ImportSession * const *) a;
  const ImportSession *sb = *(const ImportSession * const *) b;

  return strcmp (sa->date, sb->date);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const ImportRow *ra = *(const ImportRow * const *) a;
  const ImportRow *rb = *(const ImportRow * const *) b;
  int result = strcmp (limber_measure_get_code (ra->measure), limber_measure_get_code (rb->measure));

  if (result != 0)
    return result;
  return (int) ra->side - (int) rb->side;
}

/* The values of table in a fixed order: hash tables have none. */
static GPtrArray *
sorted_values (GHashTable       *table,
               GCompareFunc      compare)
{
  GPtrArray *values = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, value);
  g_ptr_array_sort (values, compare);

  return values;
}

static gboolean
write_measurements (Import         *import,
                    ImportSession  *session,
                    gint64          session_id,
                    GError        **error)
{
  g_autoptr(GPtrArray) rows = sorted_values (session->rows, compare_rows);

  for (guint i = 0; i < rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (rows, i);
      g_autoptr(LimberMeasurement) measurement = NULL;

      if (row->unchanged)
        continue;

      measurement = limber_measurement_new (session_id, limber_measure_get_code (row->measure),
                                            row->side, row->value);
      if (!limber_store_add_measurement (import->store, measurement, error))
        return FALSE;
      import->counts.measurements_added++;
    }

  return TRUE;
}

static gboolean
write_session (Import         *import,
               ImportSession  *session,
               gint64          episode_id,
               GError        **error)
{
  g_autoptr(LimberSession) created = NULL;
  LimberSession *target = session->stored;

  if (target == NULL)
    {
      created = limber_session_new (episode_id, session->date);
      limber_session_set_therapist (created, session->therapist);
      limber_session_set_notes (created, session->notes);
      if (!limber_store_add_session (import->store, created, error))
        return FALSE;
      import->counts.sessions_added++;
      target = created;
    }
  else if (session->fill_therapist || session->fill_notes)
    {
      if (session->fill_therapist)
        limber_session_set_therapist (target, session->therapist);
      if (session->fill_notes)
        limber_session_set_notes (target, session->notes);
      if (!limber_store_update_session (import->store, target, error))
        return FALSE;
    }

  return write_measurements (import, session, limber_session_get_id (target), error);
}

static gboolean
write_episode (Import         *import,
               ImportEpisode  *episode,
               gint64          patient_id,
               GError        **error)
{
  g_autoptr(LimberEpisode) created = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  LimberEpisode *target = episode->stored;

  if (target == NULL)
    {
      created = limber_episode_new (patient_id, episode->condition, episode->start_date);
      if (!limber_store_add_episode (import->store, created, error))
        return FALSE;
      import->counts.episodes_added++;
      target = created;
    }

  sessions = sorted_values (episode->sessions, compare_sessions);
  for (guint i = 0; i < sessions->len; i++)
    {
      if (!write_session (import, g_ptr_array_index (sessions, i),
                          limber_episode_get_id (target), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_patient (Import         *import,
               ImportPatient  *patient,
               GError        **error)
{
  g_autoptr(LimberPatient) created = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  LimberPatient *target = patient->stored;

  if (target == NULL)
    {
      created = limber_patient_new (patient->mrn, patient->name, patient->birth_date);
      if (!limber_store_add_patient (import->store, created, error))
        return FALSE;
      import->counts.patients_added++;
      target = created;
    }
  else if (patient->fill_birth_date)
    {
      limber_patient_set_birth_date (target, patient->birth_date);
      if (!limber_store_update_patient (import->store, target, error))
        return FALSE;
    }

  episodes = sorted_values (patient->episodes, compare_episodes);
  for (guint i = 0; i < episodes->len; i++)
    {
      if (!write_episode (import, g_ptr_array_index (episodes, i),
                          limber_patient_get_id (target), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_import (LimberStore  *store,
              gpointer      user_data,
              GError      **error)
{
  Import *import = user_data;
  g_autoptr(GPtrArray) patients = sorted_values (import->patients, compare_patients);

  memset (&import->counts, 0, sizeof import->counts);
  for (guint i = 0; i < patients->len; i++)
    {
      if (!write_patient (import, g_ptr_array_index (patients, i), error))
        return FALSE;
    }

  return TRUE;
}

/* TRUE when the write phase has anything to do: every row already stored means no
 * transaction at all, so a re-import leaves no trace. */
static gboolean
has_changes (Import *import)
{
  GHashTableIter iter;
  ImportPatient *patient;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (!row->unchanged)
        return TRUE;
    }

  g_hash_table_iter_init (&iter, import->patients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
    {
      GHashTableIter episodes;
      ImportEpisode *episode;

      if (patient->fill_birth_date)
        return TRUE;

      g_hash_table_iter_init (&episodes, patient->episodes);
      while (g_hash_table_iter_next (&episodes, NULL, (gpointer *) &episode))
        {
          GHashTableIter sessions;
          ImportSession *session;

          g_hash_table_iter_init (&sessions, episode->sessions);
          while (g_hash_table_iter_next (&sessions, NULL, (gpointer *) &session))
            {
              if (session->fill_therapist || session->fill_notes)
                return TRUE;
            }
        }
    }

  return FALSE;
}

static guint
count_unchanged_rows (Import *import)
{
  guint n = 0;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);

      if (row->unchanged)
        n++;
    }
  return n;
}

/* ----- Public ----- */

static gboolean
run_import (Import          *import,
            const char      *data,
            gsize            length,
            GError         **error)
{
  g_autoptr(LimberCsvReader) reader = NULL;
  g_autofree char *action = NULL;

  reader = limber_csv_reader_new (data, length, LIMBER_CSV_READER_TRIM_UNQUOTED);
  if (read_header (import, reader))
    read_rows (import, reader);

  if (!check_rows_together (import, error))
    return FALSE;

  if (import->problems->len > 0)
    {
      set_invalid_error (import, error);
      return FALSE;
    }

  if (!has_changes (import))
    {
      memset (&import->counts, 0, sizeof import->counts);
    }
  else
    {
      action = g_strdup_printf ("import %s", import->display_name);
      if (!limber_store_run_transaction (import->store, action, write_import, import, error))
        return FALSE;
    }

  import->counts.rows_unchanged = count_unchanged_rows (import);
  return TRUE;
}

gboolean
limber_csv_import_data (LimberStore        *store,
                        const char         *data,
                        gsize               length,
                        const char         *display_name,
                        LimberImportCounts *counts,
                        GError            **error)
{
  Import import;
  gboolean success;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  import_init (&import, store, display_name != NULL ? display_name : _("CSV data"));
  success = run_import (&import, data != NULL ? data : "", length, error);
  if (success && counts != NULL)
    *counts = import.counts;
  import_clear (&import);

  return success;
}

static gboolean
read_whole_file (const char  *path,
                 GByteArray **contents,
                 GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_READ,
                   _("Cannot read %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *display = NULL;

          if (saved_errno == EINTR)
            continue;

          close (fd);
          display = g_filename_display_name (path);
          g_set_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_READ,
                       _("Cannot read %s: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  close (fd);
  *contents = g_steal_pointer (&bytes);
  return TRUE;
}

gboolean
limber_csv_import_file (LimberStore        *store,
                        const char         *path,
                        const char         *display_name,
                        LimberImportCounts *counts,
                        GError            **error)
{
  g_autoptr(GByteArray) contents = NULL;
  g_autofree char *path_name = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  if (!read_whole_file (path, &contents, error))
    return FALSE;

  if (display_name == NULL)
    display_name = path_name = g_filename_display_name (path);

  return limber_csv_import_data (store, (const char *) contents->data, contents->len,
                                 display_name, counts, error);
}

char *
limber_import_counts_to_string (const LimberImportCounts *counts)
{
  g_autofree char *patients = NULL;
  g_autofree char *episodes = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *measurements = NULL;
  g_autofree char *unchanged = NULL;

  g_return_val_if_fail (counts != NULL, NULL);

  patients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients",
                                           counts->patients_added),
                              counts->patients_added);
  episodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u episode", "%u episodes",
                                           counts->episodes_added),
                              counts->episodes_added);
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                           counts->sessions_added),
                              counts->sessions_added);
  measurements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measurement", "%u measurements",
                                               counts->measurements_added),
                                  counts->measurements_added);
  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row unchanged", "%u rows unchanged",
                                            counts->rows_unchanged),
                               counts->rows_unchanged);

  /* Translators: the pieces are "3 patients", "3 episodes", "12 sessions",
   * "48 measurements" and "0 rows unchanged". */
  return g_strdup_printf (_("Imported %s, %s, %s and %s; %s."),
                          patients, episodes, sessions, measurements, unchanged);
}
