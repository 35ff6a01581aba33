/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Limber-Test-Csv"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "limber-csv.h"
#include "limber-csv-export.h"
#include "limber-csv-import.h"
#include "limber-store.h"
#include "limber-test-fixture.h"

#define HEADER "mrn,patient_name,birth_date,condition,episode_start,session_date,therapist,measure,side,value,unit,notes\n"

/* In export order, with what a round trip must keep: sided measures, notes with
 * commas, quotes, line breaks and edge spaces, times, UTF-8 names, birth dates given
 * and empty, decimals and negative values. */
static const char sample_csv[] =
  HEADER
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03T09:30,Ann Lee,pain.nprs,,7,points,\"First visit, stiff\"\n"
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03T09:30,Ann Lee,prom.odi,,35.6,%,\"First visit, stiff\"\n"
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-10,Ann Lee,flex.sit_and_reach,,-5.5,cm,\" starts with a space\"\n"
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-10,Ann Lee,pain.nprs,,4,points,\" starts with a space\"\n"
  "1002,Zoë Ñúñez,,shoulder_pain,2026-02-01,2026-02-01,Bob Ray,rom.shoulder.abduction,left,120,deg,\"She said \"\"better\"\"\n"
  "second line\"\n"
  "1002,Zoë Ñúñez,,shoulder_pain,2026-02-01,2026-02-01,Bob Ray,rom.shoulder.abduction,right,170,deg,\"She said \"\"better\"\"\n"
  "second line\"\n"
  "1002,Zoë Ñúñez,,shoulder_pain,2026-02-01,2026-02-08,,flex.apley_scratch,left,12.5,cm,\n"
  "1003,李小龍,1990-11-27,knee_pain,2026-01-05,2026-01-05,,pain.nprs,,6,points,\n";

typedef LimberTestFixture Fixture;

static LimberStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LimberStore *store = limber_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gboolean
import_text (LimberStore        *store,
             const char         *text,
             const char         *name,
             LimberImportCounts *counts,
             GError            **error)
{
  return limber_csv_import_data (store, text, strlen (text), name, counts, error);
}

static void
assert_counts (const LimberImportCounts *counts,
               guint                     patients,
               guint                     episodes,
               guint                     sessions,
               guint                     measurements,
               guint                     unchanged)
{
  g_assert_cmpuint (counts->patients_added, ==, patients);
  g_assert_cmpuint (counts->episodes_added, ==, episodes);
  g_assert_cmpuint (counts->sessions_added, ==, sessions);
  g_assert_cmpuint (counts->measurements_added, ==, measurements);
  g_assert_cmpuint (counts->rows_unchanged, ==, unchanged);
}

static char *
export_text (LimberStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = limber_csv_export_data (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
import_ok (LimberStore *store,
           const char  *text)
{
  g_autoptr(GError) error = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (store, text, "ok.csv", &counts, &error));
  g_assert_no_error (error);
}

static guint
count_patients (LimberStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = limber_store_count_patients (store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_audit_rows (LimberStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = limber_store_count_audit_rows (store, &error);

  g_assert_no_error (error);
  return n;
}

static LimberPatient *
find_patient (LimberStore *store,
              const char  *mrn)
{
  g_autoptr(GError) error = NULL;
  LimberPatient *patient = limber_store_find_patient (store, mrn, &error);

  g_assert_no_error (error);
  g_assert_nonnull (patient);
  return patient;
}

static GPtrArray *
list_episodes (LimberStore *store,
               const char  *mrn)
{
  g_autoptr(LimberPatient) patient = find_patient (store, mrn);
  g_autoptr(GError) error = NULL;
  GPtrArray *episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), &error);

  g_assert_no_error (error);
  g_assert_nonnull (episodes);
  return episodes;
}

static GPtrArray *
list_sessions (LimberStore   *store,
               LimberEpisode *episode)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = limber_store_list_sessions (store, limber_episode_get_id (episode), &error);

  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  return sessions;
}

static void
assert_episode (GPtrArray  *episodes,
                guint       index,
                const char *condition,
                const char *start_date)
{
  LimberEpisode *episode;

  g_assert_cmpuint (index, <, episodes->len);
  episode = g_ptr_array_index (episodes, index);
  g_assert_cmpstr (limber_episode_get_condition (episode), ==, condition);
  g_assert_cmpstr (limber_episode_get_start_date (episode), ==, start_date);
}

/* ----- Reader and writer ----- */

typedef struct
{
  guint        line;
  const char  *fields[6];
} ExpectedRow;

static void
assert_rows (const char        *data,
             gsize              length,
             LimberCsvReaderFlags flags,
             const ExpectedRow *expected,
             guint              n_expected)
{
  g_autoptr(LimberCsvReader) reader = limber_csv_reader_new (data, length, flags);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) row = NULL;
      guint line = 0;

      row = limber_csv_reader_read_row (reader, &line, &error);
      g_assert_no_error (error);
      g_assert_nonnull (row);
      g_assert_cmpuint (line, ==, expected[i].line);
      g_assert_cmpstrv (row, expected[i].fields);
    }

  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) row = limber_csv_reader_read_row (reader, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (row);
  }
}

static void
test_reader_rfc4180 (void)
{
  static const char data[] =
    "\xEF\xBB\xBF" "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"
    "\r\n"
    "\"two\nlines\",\"cr\r\nlf\",\n"
    "last,row";
  static const ExpectedRow expected[] = {
    { 1, { "a", "b, with comma", "say \"hi\"", NULL } },
    { 2, { "", NULL } },
    { 3, { "two\nlines", "cr\r\nlf", "", NULL } },
    { 6, { "last", "row", NULL } },
  };

  assert_rows (data, sizeof data - 1, LIMBER_CSV_READER_FLAGS_NONE,
               expected, G_N_ELEMENTS (expected));
}

static void
test_reader_trim (void)
{
  static const char data[] = "  a , \" kept \" ,\tb\t\n";
  static const ExpectedRow trimmed[] = {
    { 1, { "a", " kept ", "b", NULL } },
  };
  static const char plain_data[] = " a ,b \n";
  static const ExpectedRow plain[] = {
    { 1, { " a ", "b ", NULL } },
  };

  assert_rows (data, sizeof data - 1, LIMBER_CSV_READER_TRIM_UNQUOTED,
               trimmed, G_N_ELEMENTS (trimmed));
  assert_rows (plain_data, sizeof plain_data - 1, LIMBER_CSV_READER_FLAGS_NONE,
               plain, G_N_ELEMENTS (plain));
}

static void
read_expecting_error (LimberCsvReader *reader,
                      int              code,
                      guint            expected_line)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) row = NULL;
  guint line = 0;

  row = limber_csv_reader_read_row (reader, &line, &error);
  g_assert_error (error, LIMBER_CSV_ERROR, code);
  g_assert_null (row);
  g_assert_cmpuint (line, ==, expected_line);
}

static void
read_expecting_row (LimberCsvReader *reader,
                    const char      *first_field,
                    guint            expected_line)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) row = NULL;
  guint line = 0;

  row = limber_csv_reader_read_row (reader, &line, &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpstr (row[0], ==, first_field);
  g_assert_cmpuint (line, ==, expected_line);
}

static void
test_reader_errors (void)
{
  /* Each bad row is skipped and reading goes on; the line is that of the problem. */
  static const char data[] =
    "ok1,x\n"
    "bad \"quote\",x\n"
    "\"closed\"junk,x\n"
    "\"multi\nline \xC3\x28 text\",x\n"
    "ok2,x\n"
    "nul\0byte,x\n"
    "\"never\nclosed,x\n"
    "more\n";
  g_autoptr(LimberCsvReader) reader = limber_csv_reader_new (data, sizeof data - 1,
                                                             LIMBER_CSV_READER_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) row = NULL;

  read_expecting_row (reader, "ok1", 1);
  read_expecting_error (reader, LIMBER_CSV_ERROR_STRAY_QUOTE, 2);
  read_expecting_error (reader, LIMBER_CSV_ERROR_STRAY_QUOTE, 3);
  read_expecting_error (reader, LIMBER_CSV_ERROR_INVALID_UTF8, 5);
  read_expecting_row (reader, "ok2", 6);
  read_expecting_error (reader, LIMBER_CSV_ERROR_INVALID_UTF8, 7);
  read_expecting_error (reader, LIMBER_CSV_ERROR_UNTERMINATED_QUOTE, 8);

  row = limber_csv_reader_read_row (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (row);
}

static void
test_writer (void)
{
  static const char * const fields[] = {
    "plain", "", NULL, "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail\t", "Zoë",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  limber_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==,
                   "plain,,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\","
                   "\" lead\",\"trail\t\",Zoë\n");

  g_assert_false (limber_csv_field_needs_quotes ("in side"));
  g_assert_true (limber_csv_field_needs_quotes (" "));
}

static void
test_columns (void)
{
  LimberCsvColumn column;

  g_assert_true (limber_csv_column_from_name ("  Session_DATE ", &column));
  g_assert_cmpint (column, ==, LIMBER_CSV_COLUMN_SESSION_DATE);
  g_assert_false (limber_csv_column_from_name ("visit_date", &column));
  g_assert_true (limber_csv_column_is_required (LIMBER_CSV_COLUMN_VALUE));
  g_assert_false (limber_csv_column_is_required (LIMBER_CSV_COLUMN_SIDE));
  g_assert_cmpstr (limber_csv_column_get_name (LIMBER_CSV_COLUMN_NOTES), ==, "notes");
}

/* ----- Import ----- */

static void
test_import_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(LimberPatient) zoe = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (fixture->store, sample_csv, "sample.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 3, 3, 5, 8, 0);

  zoe = find_patient (fixture->store, "1002");
  g_assert_cmpstr (limber_patient_get_name (zoe), ==, "Zoë Ñúñez");
  g_assert_null (limber_patient_get_birth_date (zoe));

  exported = export_text (fixture->store);
  g_assert_cmpstr (exported, ==, sample_csv);
}

static void
test_import_bom_crlf_order_case (Fixture       *fixture,
                                 gconstpointer  data)
{
  /* Upper-case, spaced, reordered header; CRLF; BOM; unquoted fields with spaces
   * around them; lower- and upper-case codes. */
  static const char text[] =
    "\xEF\xBB\xBF" " VALUE , Measure,Session_Date,CONDITION,Patient_Name,MRN, Side ,Notes\r\n"
    "5, pain.nprs ,2026-03-03,Neck_Pain,Jane Doe,1001,,\"a, b\r\nc\"\r\n"
    "\r\n"
    "40,rom.cervical.rotation,2026-03-03,neck_pain,Jane Doe,1001,Left,\"a, b\r\nc\"\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (fixture->store, text, "crlf.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 1, 1, 1, 2, 0);

  exported = export_text (fixture->store);
  g_assert_cmpstr (exported, ==,
                   HEADER
                   "1001,Jane Doe,,neck_pain,2026-03-03,2026-03-03,,pain.nprs,,5,points,\"a, b\r\nc\"\n"
                   "1001,Jane Doe,,neck_pain,2026-03-03,2026-03-03,,rom.cervical.rotation,left,40,deg,\"a, b\r\nc\"\n");
}

static void
assert_invalid (LimberStore *store,
                const char  *text,
                const char  *name,
                const char  *expected_message)
{
  g_autoptr(GError) error = NULL;
  LimberImportCounts counts = { 1, 1, 1, 1, 1 };
  gint64 audit_before = count_audit_rows (store);
  guint patients_before = count_patients (store);

  g_assert_false (import_text (store, text, name, &counts, &error));
  g_assert_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected_message);

  assert_counts (&counts, 0, 0, 0, 0, 0);
  g_assert_cmpuint (count_patients (store), ==, patients_before);
  g_assert_cmpint (count_audit_rows (store), ==, audit_before);
}

static void
test_import_header_errors (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_invalid (fixture->store,
                  "MRN, Patient_Name ,condition,visit_date,measure,value,Value\n"
                  "1001,Jane Doe,neck_pain,2026-03-03,pain.nprs,5,5\n",
                  "h.csv",
                  "h.csv:1: visit_date: unknown column; the columns are mrn, patient_name, "
                  "birth_date, condition, episode_start, session_date, therapist, measure, side, "
                  "value, unit, notes\n"
                  "h.csv:1: Value: the column appears twice in the header row\n"
                  "h.csv:1: session_date: this required column is missing");

  assert_invalid (fixture->store,
                  "mrn,patient_name,condition,session_date,measure,value,\n",
                  "trailing.csv",
                  "trailing.csv:1: column 7 has no name in the header row");

  assert_invalid (fixture->store, "", "empty.csv",
                  "empty.csv:1: the file is empty; its first line must name the columns, "
                  "e.g. mrn,patient_name,condition,session_date,measure,value");

  assert_invalid (fixture->store, "\xEF\xBB\xBF\n\n", "blank.csv",
                  "blank.csv:1: the file is empty; its first line must name the columns, "
                  "e.g. mrn,patient_name,condition,session_date,measure,value");
}

static char *
condition_codes (void)
{
  GListModel *catalog = limber_condition_get_catalog ();
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberCondition) condition = g_list_model_get_item (catalog, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "",
                              limber_condition_get_code (condition));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
test_import_row_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char text[] =
    HEADER
    /* 2–3: valid, with a quoted line break before the bad rows */
    "2001,Ann Example,,low_back_pain,,2026-03-03,,pain.nprs,,7,,\"multi\nline note\"\n"
    "2001,Ann Example,,low_back_pain,,2026-03-04,,pain.nprs,,11,,\n"                    /* 4 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,pain.nprs,,6.5,,\n"                   /* 5 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,prom.odi,,\"35,6\",,\n"               /* 6 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,prom.odi,,nan,,\n"                    /* 7 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,prom.odi,,,,\n"                       /* 8 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,pain.vas,,3,,\n"                      /* 9 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,rom.shoulder.abduction,,120,,\n"      /* 10 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,pain.nprs,left,5,,\n"                 /* 11 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,rom.shoulder.abduction,both,120,,\n"  /* 12 */
    "2001,Ann Example,,low_back_pain,,2026-03-04,,rom.shoulder.abduction,left,120,degrees,\n" /* 13 */
    "2001,Ann Example,,lbp,,2026-03-04,,pain.nprs,,5,,\n"                               /* 14 */
    "2001,Ann Example,,low_back_pain,,2026-02-30,,pain.nprs,,5,,\n"                     /* 15 */
    "2001,Ann Example,,low_back_pain,03/03/2026,2026-03-04,,pain.nprs,,5,,\n"           /* 16 */
    "2001,Ann Example,,low_back_pain,2026-03-05,2026-03-04T10:00,,pain.nprs,,5,,\n"     /* 17 */
    "2001,Ann Example,1980-13-01,low_back_pain,,2026-03-04,,pain.nprs,,5,,\n"           /* 18 */
    ",,,low_back_pain,,2026-03-04,,pain.nprs,,5,,\n"                                    /* 19 */
    "2001,Ann Example\n"                                                                /* 20 */
    "\n"                                                                                /* 21 */
    "2001,Ann \"Annie\" Example,,low_back_pain,,2026-03-04,,pain.nprs,,5,,\n"           /* 22 */
    "2001,Ren\xE9" "e,,low_back_pain,,2026-03-04,,pain.nprs,,5,,\n"                     /* 23 */
    ",,,,,,,,,,,\n"                                                                     /* 24 */
    "2001,Ann Sample,,low_back_pain,,2026-03-05,,pain.nprs,,5,,\n"                      /* 25 */
    "2002,Bo Li,1970-01-01,neck_pain,,2026-03-03,Dr A,pain.nprs,,5,,\n"                 /* 26 */
    "2002,Bo Li,1971-01-01,neck_pain,,2026-03-03,Dr B,prom.ndi,,30,,\n"                 /* 27 */
    "2002,Bo Li,,neck_pain,,2026-03-03,,pain.nprs,,6,,\n"                               /* 28 */
    "2002,Bo Li,,neck_pain,,2026-03-03,,pain.nprs,,5,,calm\n"                           /* 29 */
    "2002,Bo Li,,neck_pain,,2026-03-03,,rom.cervical.flexion,,40,,tense\n"              /* 30 */
    "2003,\"Unclosed,neck_pain,,2026-03-03,,pain.nprs,,5,,\n"                           /* 31 */
    "2003,Never Read,,neck_pain,,2026-03-03,,pain.nprs,,5,,\n";
  g_autofree char *codes = condition_codes ();
  g_autofree char *expected = g_strconcat (
    "rows.csv:4: value: 11 is outside 0–10 for pain.nprs\n"
    "rows.csv:5: value: 6.5 is not a whole number for pain.nprs\n"
    "rows.csv:6: value: “35,6” is not a number; write the decimal point as “.”, e.g. 1.5\n"
    "rows.csv:7: value: “nan” is not a number\n"
    "rows.csv:8: value: a value is required\n"
    "rows.csv:9: measure: “pain.vas” is not a measure code, e.g. pain.nprs or rom.shoulder.abduction\n"
    "rows.csv:10: side: rom.shoulder.abduction needs a side (left or right)\n"
    "rows.csv:11: side: pain.nprs has no sides\n"
    "rows.csv:12: side: “both” is not a side; write left, right or nothing\n"
    "rows.csv:13: unit: “degrees” is not deg, the unit of rom.shoulder.abduction\n"
    "rows.csv:14: condition: “lbp” is not a condition code; the codes are ", codes, "\n"
    "rows.csv:15: session_date: “2026-02-30” is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)\n"
    "rows.csv:16: episode_start: “03/03/2026” is not a date (YYYY-MM-DD)\n"
    "rows.csv:17: session_date: 2026-03-04T10:00 is before the episode start 2026-03-05\n"
    "rows.csv:18: birth_date: Birth date “1980-13-01” is not a date (YYYY-MM-DD)\n"
    "rows.csv:19: mrn: a value is required\n"
    "rows.csv:19: patient_name: a value is required\n"
    "rows.csv:20: the row has 2 fields but the header names 12 columns\n"
    "rows.csv:22: a field that contains quotes must be enclosed in quotes, with each inner quote doubled (\"\")\n"
    "rows.csv:23: the text is not valid UTF-8; save the file as “CSV UTF-8”\n"
    "rows.csv:25: patient_name: “Ann Sample” differs from “Ann Example” on line 2 for chart number 2001\n"
    "rows.csv:27: birth_date: 1971-01-01 differs from 1970-01-01 on line 26 for chart number 2002\n"
    "rows.csv:27: therapist: “Dr B” differs from “Dr A” on line 26 for the session of 2026-03-03\n"
    "rows.csv:28: value: 6 differs from 5 on line 26 for pain.nprs on 2026-03-03\n"
    "rows.csv:30: notes: differ from the notes on line 29 for the session of 2026-03-03\n"
    "rows.csv:31: a quoted field starts on this line but its closing quote is missing",
    NULL);

  import_ok (fixture->store, sample_csv);
  assert_invalid (fixture->store, text, "rows.csv", expected);
}

static void
test_import_row_problems_in_column_order (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *codes = condition_codes ();
  g_autofree char *expected = g_strconcat (
    "one.csv:2: birth_date: Birth date 2999-01-01 is in the future\n"
    "one.csv:2: condition: “Knee” is not a condition code; the codes are ", codes, "\n"
    "one.csv:2: session_date: “2026-13-01” is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)\n"
    "one.csv:2: side: rom.knee.flexion needs a side (left or right)\n"
    "one.csv:2: value: “12.5x” is not a number\n"
    "one.csv:2: unit: “cm” is not deg, the unit of rom.knee.flexion",
    NULL);

  assert_invalid (fixture->store,
                  HEADER "4001,Al Bo,2999-01-01,Knee,,2026-13-01,,rom.knee.flexion,,12.5x,cm,\n",
                  "one.csv", expected);
}

static void
test_import_store_conflicts (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_ok (fixture->store,
             HEADER
             "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03,Ann Lee,pain.nprs,,6,,\n"
             "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03,Ann Lee,rom.lumbar.lateral_flexion,left,20,,\n");
  before = export_text (fixture->store);

  assert_invalid (fixture->store,
                  HEADER
                  "1001,Jane Roe,1980-05-02,low_back_pain,2026-03-03,2026-03-03,Bob Ray,pain.nprs,,5,,other notes\n"
                  "1001,Jane Roe,,low_back_pain,2026-03-03,2026-03-03,,rom.lumbar.lateral_flexion,left,22,,\n"
                  "1001,Jane Roe,,low_back_pain,2026-03-03,2026-03-03,,rom.lumbar.lateral_flexion,right,22,,\n",
                  "c.csv",
                  "c.csv:2: patient_name: “Jane Roe” differs from “Jane Doe” stored for chart number 1001\n"
                  "c.csv:2: birth_date: 1980-05-02 differs from 1980-05-01 stored for chart number 1001\n"
                  "c.csv:2: therapist: “Bob Ray” differs from “Ann Lee” stored for the session of 2026-03-03\n"
                  "c.csv:2: value: 5 contradicts 6 stored for pain.nprs on 2026-03-03\n"
                  "c.csv:3: value: 22 contradicts 20 stored for rom.lumbar.lateral_flexion (left) on 2026-03-03");

  after = export_text (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_reimport_unchanged (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LimberImportCounts counts;
  gint64 audit_rows;

  import_ok (fixture->store, sample_csv);
  before = export_text (fixture->store);
  audit_rows = count_audit_rows (fixture->store);
  g_assert_cmpint (audit_rows, >, 0);

  g_assert_true (import_text (fixture->store, sample_csv, "again.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, 0, 0, 8);
  g_assert_cmpint (count_audit_rows (fixture->store), ==, audit_rows);

  after = export_text (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_duplicate_rows (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LimberImportCounts counts;

  /* An identical repeat is one measurement and one unchanged row. */
  g_assert_true (import_text (fixture->store,
                              HEADER
                              "1001,Jane Doe,,neck_pain,,2026-03-03,,pain.nprs,,5,,\n"
                              "1001,Jane Doe,,neck_pain,,2026-03-03,Ann Lee,pain.nprs,,5.0,,\n",
                              "dup.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 1, 1, 1, 1, 1);
}

static void
test_import_fills_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  LimberImportCounts counts;

  import_ok (fixture->store,
             HEADER
             "1001,Jane Doe,,neck_pain,2026-03-03,2026-03-03,,pain.nprs,,5,,\n");

  /* Birth date, therapist and notes the database lacks are taken from the file. */
  g_assert_true (import_text (fixture->store,
                              HEADER
                              "1001,Jane Doe,1980-05-01,neck_pain,2026-03-03,2026-03-03,Ann Lee,pain.nprs,,5,,Seen\n",
                              "fill.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, 0, 0, 1);

  exported = export_text (fixture->store);
  g_assert_cmpstr (exported, ==,
                   HEADER
                   "1001,Jane Doe,1980-05-01,neck_pain,2026-03-03,2026-03-03,Ann Lee,pain.nprs,,5,points,Seen\n");
}

static void
test_import_episode_resolution (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  LimberImportCounts counts;
  LimberEpisode *back;

  import_ok (fixture->store,
             HEADER
             "3001,Kai Berg,,low_back_pain,2026-01-10,2026-01-10,,pain.nprs,,8,,\n");

  /* No episode_start: low back pain joins the episode open on 2026-02-01; neck pain
   * has none, so one new episode starts on its earliest session. */
  g_assert_true (import_text (fixture->store,
                              HEADER
                              "3001,Kai Berg,,neck_pain,,2026-02-08,,pain.nprs,,3,,\n"
                              "3001,Kai Berg,,low_back_pain,,2026-02-08,,pain.nprs,,5,,\n"
                              "3001,Kai Berg,,low_back_pain,,2026-02-01,,pain.nprs,,6,,\n"
                              "3001,Kai Berg,,neck_pain,,2026-02-01T08:15,,pain.nprs,,4,,\n",
                              "open.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 1, 4, 4, 0);

  episodes = list_episodes (fixture->store, "3001");
  g_assert_cmpuint (episodes->len, ==, 2);
  assert_episode (episodes, 0, "low_back_pain", "2026-01-10");
  assert_episode (episodes, 1, "neck_pain", "2026-02-01");
  back = g_ptr_array_index (episodes, 0);
  sessions = list_sessions (fixture->store, back);
  g_assert_cmpuint (sessions->len, ==, 3);

  /* Once discharged, the episode is not open at a later day: a new one starts. A row
   * naming the old episode still goes to it. */
  limber_episode_set_discharge_date (back, "2026-02-10");
  g_assert_true (limber_store_update_episode (fixture->store, back, &error));
  g_assert_no_error (error);

  g_assert_true (import_text (fixture->store,
                              HEADER
                              "3001,Kai Berg,,low_back_pain,,2026-03-01,,pain.nprs,,7,,\n"
                              "3001,Kai Berg,,low_back_pain,2026-01-10,2026-02-09,,pain.nprs,,4,,\n",
                              "discharged.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 1, 2, 2, 0);

  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = list_episodes (fixture->store, "3001");
  g_assert_cmpuint (episodes->len, ==, 3);
  assert_episode (episodes, 0, "low_back_pain", "2026-01-10");
  assert_episode (episodes, 1, "neck_pain", "2026-02-01");
  assert_episode (episodes, 2, "low_back_pain", "2026-03-01");
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list_sessions (fixture->store, g_ptr_array_index (episodes, 0));
  g_assert_cmpuint (sessions->len, ==, 4);

  /* An episode the file names counts as open for rows without episode_start; a start
   * the database does not know creates the episode. */
  g_assert_true (import_text (fixture->store,
                              HEADER
                              "3001,Kai Berg,,knee_pain,,2026-04-03,,pain.nprs,,5,,\n"
                              "3001,Kai Berg,,knee_pain,2026-04-01,2026-04-01,,pain.nprs,,6,,\n",
                              "named.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 1, 2, 2, 0);

  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = list_episodes (fixture->store, "3001");
  g_assert_cmpuint (episodes->len, ==, 4);
  assert_episode (episodes, 3, "knee_pain", "2026-04-01");
}

/* The sample's records (a quoted note spans two lines) in another order. */
static char *
shuffle_sample (void)
{
  static const guint order[] = { 7, 3, 0, 5, 2, 6, 4, 1 };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) shuffled = g_string_new (HEADER);
  const char *p = sample_csv + strlen (HEADER);

  while (*p != '\0')
    {
      gboolean quoted = FALSE;
      const char *start = p;

      for (; *p != '\0' && (quoted || *p != '\n'); p++)
        {
          if (*p == '"')
            quoted = !quoted;
        }
      g_ptr_array_add (records, g_strndup (start, p - start + 1));
      p++;
    }

  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_string_append (shuffled, g_ptr_array_index (records, order[i]));

  return g_string_free (g_steal_pointer (&shuffled), FALSE);
}

static gboolean
append_ids (LimberPatient     *patient,
            LimberEpisode     *episode,
            LimberSession     *session,
            LimberMeasurement *measurement,
            gpointer           user_data,
            GError           **error)
{
  g_string_append_printf (user_data, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%"
                          G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\n",
                          limber_patient_get_id (patient), limber_episode_get_id (episode),
                          limber_session_get_id (session), limber_measurement_get_id (measurement));
  return TRUE;
}

/* The row ids too, not only the exported text: the database is the same. */
static char *
dump_ids (LimberStore *store)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_store_foreach_measurement (store, append_ids, ids, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_import_order_does_not_matter (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *expected_ids = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(LimberStore) other = open_store (fixture, "shuffled.sqlite");
  g_autofree char *shuffled = shuffle_sample ();
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;

  g_assert_cmpstr (shuffled, !=, sample_csv);
  import_ok (fixture->store, sample_csv);
  import_ok (other, shuffled);

  expected = export_text (fixture->store);
  exported = export_text (other);
  g_assert_cmpstr (exported, ==, expected);

  expected_ids = dump_ids (fixture->store);
  ids = dump_ids (other);
  g_assert_cmpstr (ids, ==, expected_ids);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LimberStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LimberImportCounts counts;

  import_ok (fixture->store, sample_csv);
  import_ok (fixture->store,
             HEADER
             "0999,\"  Spaced Name \",,other,,2026-01-02T17:45,Ann Lee,prom.psfs,,6.4,,\n"
             "1001,Jane Doe,,achilles_tendinopathy,,2026-03-12,,flex.knee_to_wall,right,9.5,,\n");
  first = export_text (fixture->store);

  other = open_store (fixture, "round-trip.sqlite");
  g_assert_true (import_text (other, first, "export.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 4, 5, 7, 10, 0);

  second = export_text (other);
  g_assert_cmpstr (second, ==, first);
}

/* The file has no column that tells an outcome contact (a rating given at discharge
 * without a visit) from a visit: Limber exports it as a session whose only row is the
 * rating, with no therapist and no notes, and imports such a session as an outcome
 * contact, so that the round trip keeps it apart from the visits. */
static gboolean
session_is_contact (LimberStore *store,
                    const char  *mrn,
                    const char  *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberPatient) patient = limber_store_find_patient (store, mrn, &error);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (patient);
  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  sessions = limber_store_list_sessions (store, limber_episode_get_id (g_ptr_array_index (episodes, 0)),
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sessions->len; i++)
    if (g_str_equal (limber_session_get_date (g_ptr_array_index (sessions, i)), date))
      return limber_session_get_outcome_contact (g_ptr_array_index (sessions, i));

  g_assert_not_reached ();
}

static void
test_round_trip_outcome_contact (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char visits[] =
    HEADER
    "2002,Per Holm,,knee_pain,2026-01-06,2026-01-06,Ann Lee,prom.pgic,,3,level,\n"
    "2002,Per Holm,,knee_pain,2026-01-06,2026-01-13,Ann Lee,pain.nprs,,4,points,\n";
  g_autoptr(LimberStore) other = NULL;
  g_autoptr(LimberPatient) patient = limber_patient_new ("2001", "Ola Berg", NULL);
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(LimberSession) contact = NULL;
  g_autoptr(LimberMeasurement) rating = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LimberImportCounts counts;

  /* Rated on the telephone at discharge, never seen. */
  g_assert_true (limber_store_add_patient (fixture->store, patient, &error));
  episode = limber_episode_new (limber_patient_get_id (patient), "neck_pain", "2026-01-05");
  g_assert_true (limber_store_add_episode (fixture->store, episode, &error));
  contact = limber_session_new (limber_episode_get_id (episode), "2026-02-01");
  limber_session_set_outcome_contact (contact, TRUE);
  g_assert_true (limber_store_add_session (fixture->store, contact, &error));
  rating = limber_measurement_new (limber_session_get_id (contact), "prom.pgic",
                                   LIMBER_SIDE_NONE, 2);
  g_assert_true (limber_store_add_measurement (fixture->store, rating, &error));
  g_assert_no_error (error);
  /* A visit that recorded only a rating, with its therapist: a visit. */
  import_ok (fixture->store, visits);
  g_assert_false (session_is_contact (fixture->store, "2002", "2026-01-06"));

  first = export_text (fixture->store);
  g_assert_nonnull (strstr (first, "\n2001,Ola Berg,,neck_pain,2026-01-05,2026-02-01,,prom.pgic,,2,level,\n"));

  other = open_store (fixture, "round-trip.sqlite");
  g_assert_true (import_text (other, first, "export.csv", &counts, &error));
  g_assert_no_error (error);
  /* Two sessions: the visits; the contact is not one. */
  assert_counts (&counts, 2, 2, 2, 3, 0);
  g_assert_true (session_is_contact (other, "2001", "2026-02-01"));
  g_assert_false (session_is_contact (other, "2002", "2026-01-06"));
  second = export_text (other);
  g_assert_cmpstr (second, ==, first);

  /* A later file that records treatment that day makes it a visit. */
  import_ok (other, HEADER "2001,Ola Berg,,neck_pain,2026-01-05,2026-02-01,Ann Lee,pain.nprs,,2,points,\n");
  g_assert_false (session_is_contact (other, "2001", "2026-02-01"));
}

static char *
make_large_file (guint *n_rows)
{
  static const char * const measures[] = {
    "pain.nprs,", "prom.odi,", "rom.lumbar.flexion,",
    "rom.lumbar.lateral_flexion,left", "rom.lumbar.lateral_flexion,right",
  };
  GString *text = g_string_new (HEADER);

  *n_rows = 0;
  for (guint patient = 0; patient < 40; patient++)
    for (guint session = 0; session < 10; session++)
      for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
        {
          g_string_append_printf (text,
                                  "P%03u,Patient %u,,low_back_pain,,2025-%02u-%02uT10:00,,%s,%u,,\n",
                                  patient, patient, 1 + session, 1 + patient % 28,
                                  measures[m], (patient + session + m) % 10);
          (*n_rows)++;
        }

  return g_string_free (text, FALSE);
}

static void
test_import_large (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_auto(GStrv) lines = NULL;
  LimberImportCounts counts;
  guint n_rows;

  text = make_large_file (&n_rows);
  g_assert_cmpuint (n_rows, ==, 2000);

  g_assert_true (import_text (fixture->store, text, "large.csv", &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 40, 40, 400, 2000, 0);
  g_test_message ("imported %u rows in %.2f s", n_rows, g_timer_elapsed (timer, NULL));

  exported = export_text (fixture->store);
  lines = g_strsplit (exported, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2000 + 2);
  g_assert_cmpstr (lines[1], ==,
                   "P000,Patient 0,,low_back_pain,2025-01-01,2025-01-01T10:00,,pain.nprs,,0,points,");
}

/* ----- Files ----- */

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "visits.csv", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  LimberImportCounts counts;

  g_assert_true (g_file_set_contents (path,
                                      HEADER "1001,Jane Doe,,neck_pain,,2026-03-03,,pain.nprs,,11,,\n",
                                      -1, &error));
  g_assert_no_error (error);

  g_assert_false (limber_csv_import_file (fixture->store, path, NULL, &counts, &error));
  g_assert_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_INVALID);
  expected = g_strdup_printf ("%s:2: value: 11 is outside 0–10 for pain.nprs", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (limber_csv_import_file (fixture->store, path, "visits.csv", &counts, &error));
  g_assert_cmpstr (error->message, ==, "visits.csv:2: value: 11 is outside 0–10 for pain.nprs");
  g_clear_error (&error);

  g_assert_false (limber_csv_import_file (fixture->store, missing, NULL, &counts, &error));
  g_assert_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_READ);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Cannot read %s: No such file or directory", missing);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (limber_csv_import_file (fixture->store, fixture->dir, NULL, &counts, &error));
  g_assert_error (error, LIMBER_IMPORT_ERROR, LIMBER_IMPORT_ERROR_READ);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_export_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (folder, "export.csv", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  struct stat info;
  guint n_rows = 0;

  import_ok (fixture->store, sample_csv);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* Twice: the second replaces the first in place. */
  g_assert_true (limber_csv_export_file (fixture->store, path, &n_rows, &error));
  g_assert_true (limber_csv_export_file (fixture->store, path, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 8);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, sample_csv);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_assert_false (limber_csv_export_file (fixture->store, missing, &n_rows, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  expected = g_strdup_printf ("Cannot write %s: No such file or directory", missing);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_export_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *exported = export_text (fixture->store);

  g_assert_cmpstr (exported, ==, HEADER);
}

static void
test_counts_to_string (void)
{
  LimberImportCounts many = { 3, 3, 12, 48, 0 };
  LimberImportCounts one = { 1, 1, 1, 1, 1 };
  g_autofree char *many_text = limber_import_counts_to_string (&many);
  g_autofree char *one_text = limber_import_counts_to_string (&one);

  g_assert_cmpstr (many_text, ==,
                   "Imported 3 patients, 3 episodes, 12 sessions and 48 measurements; 0 rows unchanged.");
  g_assert_cmpstr (one_text, ==,
                   "Imported 1 patient, 1 episode, 1 session and 1 measurement; 1 row unchanged.");
}

static void
add_store_test (const char *path,
                void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, limber_test_fixture_set_up, func, limber_test_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/rfc4180", test_reader_rfc4180);
  g_test_add_func ("/csv/reader/trim", test_reader_trim);
  g_test_add_func ("/csv/reader/errors", test_reader_errors);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/columns", test_columns);
  g_test_add_func ("/csv/import/counts-to-string", test_counts_to_string);

  add_store_test ("/csv/import/sample", test_import_sample);
  add_store_test ("/csv/import/bom-crlf-order-case", test_import_bom_crlf_order_case);
  add_store_test ("/csv/import/header-errors", test_import_header_errors);
  add_store_test ("/csv/import/row-errors", test_import_row_errors);
  add_store_test ("/csv/import/row-problems-in-column-order", test_import_row_problems_in_column_order);
  add_store_test ("/csv/import/store-conflicts", test_import_store_conflicts);
  add_store_test ("/csv/import/reimport-unchanged", test_import_reimport_unchanged);
  add_store_test ("/csv/import/duplicate-rows", test_import_duplicate_rows);
  add_store_test ("/csv/import/fills-missing", test_import_fills_missing);
  add_store_test ("/csv/import/episode-resolution", test_import_episode_resolution);
  add_store_test ("/csv/import/order-does-not-matter", test_import_order_does_not_matter);
  add_store_test ("/csv/import/large", test_import_large);
  add_store_test ("/csv/import/file", test_import_file);
  add_store_test ("/csv/export/file", test_export_file);
  add_store_test ("/csv/export/empty", test_export_empty);
  add_store_test ("/csv/round-trip", test_round_trip);
  add_store_test ("/csv/round-trip-outcome-contact", test_round_trip_outcome_contact);

  return g_test_run ();
}
