/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-fuzz"

#include <string.h>

#include "limber-csv-export.h"
#include "limber-csv-import.h"
#include "limber-fuzz.h"
#include "limber-store.h"

/* The CSV importer on any bytes, into a copy of a small clinic's database.
 *
 * Besides not crashing or leaking, what interchange.md promises is checked:
 * - a refused import writes nothing (the export and the audit log are as before)
 *   and says why in UTF-8, as an import error, not a store error;
 * - after an accepted one, `limber check` finds nothing (audit chain, every row as
 *   its audit entry recorded it), importing the same file again adds nothing, and
 *   export → import into an empty database → export gives the same bytes. */

/* Two patients already there, so that rows can agree or disagree with them. */
static const char base_csv[] =
  "mrn,patient_name,birth_date,condition,episode_start,session_date,therapist,measure,side,"
  "value,unit,notes\n"
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03T09:30,Ann Lee,pain.nprs,,7,"
  "points,\"First visit, stiff\"\n"
  "1001,Jane Doe,1980-05-01,low_back_pain,2026-03-03,2026-03-03T09:30,Ann Lee,prom.odi,,35.6,"
  "%,\"First visit, stiff\"\n"
  "1002,Zoë Ñúñez,,shoulder_pain,2026-02-01,2026-02-01,Bob Ray,rom.shoulder.abduction,left,"
  "120,deg,\n";

static struct
{
  char   *path;          /* the database each input is imported into */
  char   *round_trip;    /* the empty database of the round trip */
  GBytes *empty;         /* a new clinic's database */
  GBytes *base;          /* the same with base_csv imported */
  char   *base_export;
  gint64  base_audit_rows;
} fuzz;

static LimberStore *
open_copy (const char *path,
           GBytes     *contents)
{
  g_autoptr (GError) error = NULL;
  LimberStore *store;

  limber_fuzz_remove_database (path);
  limber_fuzz_write_file (path, contents);
  store = limber_store_open (path, &error);
  if (store == NULL)
    limber_fuzz_fail ("cannot open the copy of a database: %s", error->message);

  return store;
}

static char *
export_or_fail (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  char *text = limber_csv_export_data (store, &error);

  if (text == NULL)
    limber_fuzz_fail ("export failed: %s", error->message);
  return text;
}

static gint64
count_audit_rows_or_fail (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  gint64 n = limber_store_count_audit_rows (store, &error);

  if (error != NULL)
    limber_fuzz_fail ("cannot count the audit rows: %s", error->message);
  return n;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (LimberStore) store = NULL;
  g_autoptr (GError) error = NULL;

  limber_fuzz_init ();
  fuzz.path = limber_fuzz_build_path ("clinic.sqlite");
  fuzz.round_trip = limber_fuzz_build_path ("round-trip.sqlite");

  /* Closing the store merges its -wal: the file alone is the database. */
  store = limber_store_open (fuzz.path, &error);
  if (store == NULL)
    limber_fuzz_fail ("cannot make a database: %s", error->message);
  g_clear_object (&store);
  fuzz.empty = limber_fuzz_read_file (fuzz.path);

  store = open_copy (fuzz.path, fuzz.empty);
  if (!limber_csv_import_data (store, base_csv, strlen (base_csv), "base.csv", NULL, &error))
    limber_fuzz_fail ("cannot import the base clinic: %s", error->message);
  fuzz.base_export = export_or_fail (store);
  fuzz.base_audit_rows = count_audit_rows_or_fail (store);
  g_clear_object (&store);
  fuzz.base = limber_fuzz_read_file (fuzz.path);

  return 0;
}

static void
check_refused (LimberStore  *store,
               const GError *error)
{
  g_autofree char *after = NULL;

  limber_fuzz_assert_error (error, LIMBER_IMPORT_ERROR, "a refused import");

  after = export_or_fail (store);
  if (!g_str_equal (after, fuzz.base_export))
    limber_fuzz_fail ("a refused import changed the records");
  if (count_audit_rows_or_fail (store) != fuzz.base_audit_rows)
    limber_fuzz_fail ("a refused import wrote to the audit log");
}

static void
check_verified (LimberStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = limber_store_verify (store, &error);

  if (problems == NULL)
    limber_fuzz_fail ("the check after an import could not run: %s", error->message);
  if (problems->len > 0)
    limber_fuzz_fail ("the check after an import found: %s",
                      (const char *) g_ptr_array_index (problems, 0));
}

static void
check_import_again (LimberStore   *store,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts = { 0, };

  if (!limber_csv_import_data (store, (const char *) data, size, "fuzz.csv", &counts, &error))
    limber_fuzz_fail ("importing an accepted file again failed: %s", error->message);
  if (counts.patients_added + counts.episodes_added + counts.sessions_added
      + counts.measurements_added != 0)
    limber_fuzz_fail ("importing an accepted file again added records");
}

static void
check_round_trip (const char *exported)
{
  g_autoptr (LimberStore) empty = open_copy (fuzz.round_trip, fuzz.empty);
  g_autoptr (GError) error = NULL;
  g_autofree char *again = NULL;

  if (!limber_csv_import_data (empty, exported, strlen (exported), "export.csv", NULL, &error))
    limber_fuzz_fail ("an export cannot be imported into an empty database: %s",
                      error->message);
  again = export_or_fail (empty);
  if (!g_str_equal (again, exported))
    limber_fuzz_fail ("export, import into an empty database, export: the files differ");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LimberStore) store = open_copy (fuzz.path, fuzz.base);
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *exported = NULL;
  LimberImportCounts counts = { 0, };

  if (!limber_csv_import_data (store, (const char *) data, size, "fuzz.csv", &counts, &error))
    {
      limber_fuzz_note ("refused: %s", error->message);
      check_refused (store, error);
      return 0;
    }

  summary = limber_import_counts_to_string (&counts);
  if (!g_utf8_validate (summary, -1, NULL))
    limber_fuzz_fail ("the import's summary is not UTF-8");
  limber_fuzz_note ("%s", summary);

  check_verified (store);
  exported = export_or_fail (store);
  check_import_again (store, data, size);
  check_round_trip (exported);

  return 0;
}
