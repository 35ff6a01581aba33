/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "limber-date.h"
#include "limber-store.h"
#include "limber-test-pdf.h"

/* The documents a clinic hands out, made by the `report` and `clinic-report` verbs
 * from a fixture clinic and read back with poppler: the right numbers in the right
 * places, on every page the patient's name and chart number, "Page N of M", and no
 * file at all when the patient is unknown or the file cannot be written. */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* The fixture clinic, filled once and copied for each test. */
static char *template_db = NULL;

static void
add_value (LimberStore *store,
           gint64       session_id,
           const char  *measure,
           LimberSide   side,
           double       value)
{
  g_autoptr (LimberMeasurement) measurement = limber_measurement_new (session_id, measure, side, value);
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_store_add_measurement (store, measurement, &error));
  g_assert_no_error (error);
}

static gint64
add_session (LimberStore *store,
             gint64       episode_id,
             const char  *date,
             const char  *therapist)
{
  g_autoptr (LimberSession) session = limber_session_new (episode_id, date);
  g_autoptr (GError) error = NULL;

  limber_session_set_therapist (session, therapist);
  g_assert_true (limber_store_add_session (store, session, &error));
  g_assert_no_error (error);
  return limber_session_get_id (session);
}

static gint64
add_course (LimberStore *store,
            const char  *mrn,
            const char  *name,
            const char  *condition,
            const char  *start,
            const char  *discharge)
{
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (LimberEpisode) episode = NULL;
  g_autoptr (GError) error = NULL;

  patient = limber_store_find_patient (store, mrn, &error);
  if (patient == NULL)
    {
      patient = limber_patient_new (mrn, name, "1980-02-02");
      g_assert_true (limber_store_add_patient (store, patient, &error));
    }
  episode = limber_episode_new (limber_patient_get_id (patient), condition, start);
  limber_episode_set_discharge_date (episode, discharge);
  g_assert_true (limber_store_add_episode (store, episode, &error));
  g_assert_no_error (error);
  return limber_episode_get_id (episode);
}

static char *
day_after (const char *start,
           guint       days)
{
  return limber_date_from_julian (limber_date_to_julian (start) + days);
}

/* low back pain over 60 sessions, pain 8 → 2, ODI 50 → 20 (a responder), both
 * sides of lumbar lateral flexion at every session; Mette Sørensen treats 40 of them.
 * neck pain, discharged, NDI 40 → 10 and a global impression of 2.
 * low back pain with one value of pain only: not assessable.
 * low back pain 6 → 5: not a responder. */
static gboolean
fill_clinic_in (LimberStore  *store,
                gpointer      user_data,
                GError      **error_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberGoal) goal = limber_goal_new ("pain.nprs", LIMBER_SIDE_NONE, 2);
  g_autoptr (LimberEpisode) neck = NULL;
  gint64 episode, session;

  limber_clinic_set_name (clinic, "Fysio Łódź");
  limber_clinic_set_phone (clinic, "+48 42 000 00 00");
  g_assert_true (limber_store_save_clinic (store, clinic, &error));

  episode = add_course (store, "R-60", "Łucja Żółkowska-李", "low_back_pain", "2026-01-05", NULL);
  limber_goal_set_episode_id (goal, episode);
  g_assert_true (limber_store_add_goal (store, goal, &error));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *date = day_after ("2026-01-05", i);

      session = add_session (store, episode, date, i < 40 ? "Mette Sørensen" : "Jan Nowak");
      add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 8 - (i * 6) / 59);
      add_value (store, session, "rom.lumbar.lateral_flexion", LIMBER_SIDE_LEFT, 10 + i / 4);
      add_value (store, session, "rom.lumbar.lateral_flexion", LIMBER_SIDE_RIGHT, 12 + i / 5);
      if (i == 0 || i == 29 || i == 59)
        add_value (store, session, "prom.odi", LIMBER_SIDE_NONE, i == 0 ? 50 : i == 29 ? 30 : 20);
    }

  episode = add_course (store, "R-2", "Zoë Ødegaard", "neck_pain", "2026-02-02", "2026-03-02");
  neck = limber_store_get_episode (store, episode, &error);
  limber_episode_set_notes (neck, "Stiff neck after long days at the desk.");
  limber_episode_set_discharge_note (neck, "Discharged to a home exercise programme.");
  g_assert_true (limber_store_update_episode (store, neck, &error));
  session = add_session (store, episode, "2026-02-02", "Anna Berg");
  add_value (store, session, "prom.ndi", LIMBER_SIDE_NONE, 40);
  add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 7);
  session = add_session (store, episode, "2026-03-02", "Anna Berg");
  add_value (store, session, "prom.ndi", LIMBER_SIDE_NONE, 10);
  add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 2);
  add_value (store, session, "prom.pgic", LIMBER_SIDE_NONE, 2);

  episode = add_course (store, "R-3", "Sam Quigley", "low_back_pain", "2026-04-01", NULL);
  session = add_session (store, episode, "2026-04-01", "Jan Nowak");
  add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 6);
  add_session (store, episode, "2026-04-08", "Jan Nowak");

  episode = add_course (store, "R-4", "Ada Pereira", "low_back_pain", "2026-05-04", NULL);
  session = add_session (store, episode, "2026-05-04", "Jan Nowak");
  add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 6);
  add_value (store, session, "prom.odi", LIMBER_SIDE_NONE, 30);
  session = add_session (store, episode, "2026-05-11", "Jan Nowak");
  add_value (store, session, "pain.nprs", LIMBER_SIDE_NONE, 5);
  return TRUE;
}

/* In one transaction: a write each would make the suite slow. */
static void
fill_clinic (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = limber_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (limber_store_run_transaction (store, "fill the fixture clinic", fill_clinic_in,
                                               NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("limber-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "clinic.sqlite", NULL);

  if (template_db == NULL)
    {
      template_db = g_build_filename (g_get_tmp_dir (), "limber-report-template-XXXXXX", NULL);
      g_close (g_mkstemp (template_db), NULL);
      g_unlink (template_db);
      fill_clinic (template_db);
    }
  g_assert_true (g_file_get_contents (template_db, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (fixture->db, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* Runs limber with the fixture's database; returns the exit status. */
static int
run_limber (Fixture     *fixture,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIMBER_BINARY"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, fixture->db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err,
                &status, &error);
  g_assert_no_error (error);
  /* Verbs print nothing on standard output but their result; a report has none. */
  g_assert_cmpstr (out, ==, "");
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
output_path (Fixture    *fixture,
             const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static guint
count_pages (const char *path)
{
  g_autofree char *pages = limber_test_pdf_info (path, "Pages");

  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

/* The line of text that contains needle (the first), for checking a table row. */
static char *
line_with (const char *text,
           const char *needle)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, text);
}

/* Every page names the patient and says which page of how many it is. */
static void
assert_pages_identified (const char *path,
                         const char *name,
                         const char *mrn)
{
  g_auto (GStrv) pages = limber_test_pdf_pages (path);
  guint n_pages = g_strv_length (pages);

  g_assert_cmpuint (n_pages, ==, count_pages (path));
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      assert_contains (pages[p], name);
      assert_contains (pages[p], mrn);
      assert_contains (pages[p], footer);
    }
}

static void
test_progress_report (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "progress.pdf");
  g_autofree char *text = NULL;
  g_autofree char *pain = NULL;
  g_autofree char *odi = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_auto (GStrv) pages = NULL;
  guint n_pages, n_with_sessions = 0, last_session = 0;

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", "-o", path, NULL), ==, 0);

  title = limber_test_pdf_info (path, "Title");
  author = limber_test_pdf_info (path, "Author");
  g_assert_cmpstr (title, ==, "Progress report");
  g_assert_cmpstr (author, ==, "Fysio Łódź");
  limber_test_pdf_assert_fonts_embedded (path);
  assert_pages_identified (path, "Łucja Żółkowska-李", "R-60");

  text = limber_test_pdf_text (path);
  assert_contains (text, "Low back pain");
  assert_contains (text, "60 sessions");
  assert_contains (text, "Mette Sørensen");

  /* Baseline → latest, change, percent change and status on the measure's row. */
  pain = line_with (text, "Pain (0–10)  ");
  g_assert_nonnull (pain);
  assert_contains (pain, "8 points");
  assert_contains (pain, "2 points");
  assert_contains (pain, "−6");
  assert_contains (pain, "−75%");
  assert_contains (pain, "improved");
  odi = line_with (text, "Oswestry Disability Index  ");
  g_assert_nonnull (odi);
  assert_contains (odi, "50 %");
  assert_contains (odi, "20 %");
  assert_contains (odi, "−30");
  assert_contains (odi, "−60%");
  /* The questionnaire's bands, under its values. */
  assert_contains (text, "Severe disability");
  assert_contains (text, "Minimal disability");
  assert_contains (text, "Successful outcome");
  /* Sided measures in left and right columns. */
  assert_contains (text, "Lumbar lateral flexion");
  /* Measures with many values are drawn. */
  assert_contains (text, "Charts");

  /* The 60 sessions run over pages whose tables repeat their header; no session is
   * lost or repeated. */
  pages = limber_test_pdf_pages (path);
  n_pages = g_strv_length (pages);
  g_assert_cmpuint (n_pages, >=, 3);
  for (guint p = 0; p < n_pages; p++)
    {
      g_auto (GStrv) lines = g_strsplit (pages[p], "\n", -1);
      gboolean has_rows = FALSE;

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (lines[l]));
          char *end = NULL;
          guint64 number = g_ascii_strtoull (stripped, &end, 10);

          /* Session rows of the pain table: "N  D Mon 2026  …". */
          if (end != stripped && strstr (end, "2026") != NULL && strstr (end, "points") != NULL)
            {
              g_assert_cmpuint (number, ==, last_session + 1);
              last_session = number;
              has_rows = TRUE;
            }
        }
      if (has_rows)
        {
          assert_contains (pages[p], "Session");
          n_with_sessions++;
        }
    }
  g_assert_cmpuint (last_session, ==, 60);
  g_assert_cmpuint (n_with_sessions, >=, 2);
}

static void
test_discharge_summary (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "discharge.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *ndi = NULL;
  g_autofree char *pgic = NULL;

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-2", "-o", path, "--kind", "discharge",
                               NULL),
                   ==, 0);
  title = limber_test_pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Discharge summary");
  assert_pages_identified (path, "Zoë Ødegaard", "R-2");

  text = limber_test_pdf_text (path);
  assert_contains (text, "2 Mar 2026");
  assert_contains (text, "Successful outcome");
  assert_contains (text, "2 (much improved)");
  assert_contains (text, "Discharge note");
  assert_contains (text, "Discharged to a home exercise programme.");
  g_assert_null (strstr (text, "Stiff neck after long days at the desk."));
  ndi = line_with (text, "Neck Disability Index  ");
  g_assert_nonnull (ndi);
  assert_contains (ndi, "40 %");
  assert_contains (ndi, "10 %");
  assert_contains (ndi, "−75%");
  assert_contains (text, "responder");
  /* A rating of change is rated once, at discharge: its rating in words and its
   * verdict, no missing trend. */
  pgic = line_with (text, "Global impression of change  ");
  g_assert_nonnull (pgic);
  assert_contains (pgic, "2 (much improved)");
  assert_contains (pgic, "improved");
  g_assert_null (strstr (text, "one value only"));
}

/* R-5, discharged without a visit, rated on the telephone: the rating is an outcome
 * contact, which the discharge summary prints as the course's rating and in the values
 * table, and never counts as a session attended. */
static gboolean
add_outcome_contact_in (LimberStore  *store,
                        gpointer      user_data,
                        GError      **error)
{
  gint64 episode = add_course (store, "R-5", "Ivo Kranjc", "knee_pain", "2026-06-01", "2026-06-29");
  g_autoptr (LimberSession) contact = limber_session_new (episode, "2026-06-29");

  limber_session_set_outcome_contact (contact, TRUE);
  if (!limber_store_add_session (store, contact, error))
    return FALSE;
  add_value (store, limber_session_get_id (contact), "prom.pgic", LIMBER_SIDE_NONE, 1);
  return TRUE;
}

static void
test_discharge_without_sessions (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "discharge.pdf");
  g_autofree char *text = NULL;
  g_autofree char *attendance = NULL;
  g_autofree char *row = NULL;
  g_autofree char *result = NULL;
  g_autofree char *progress_path = output_path (fixture, "progress.pdf");
  g_autofree char *progress = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (LimberStore) store = limber_store_open (fixture->db, &error);

    g_assert_no_error (error);
    g_assert_true (limber_store_run_transaction (store, "discharge course of care",
                                                 add_outcome_contact_in, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-5", "-o", path, "--kind", "discharge",
                               NULL),
                   ==, 0);
  text = limber_test_pdf_text (path);
  assert_contains (text, "1 (very much improved)");
  attendance = line_with (text, "Attendance");
  g_assert_nonnull (attendance);
  assert_contains (attendance, "0 sessions");
  /* The values table's row: "Discharge" where a session has its number. */
  row = line_with (text, "Discharge 29 Jun 2026");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_suffix (g_strchomp (row), " 1 (very much improved)"));

  /* The results table gives the rating in words and the analysis's verdict on it: a
   * single PGIC is not a trend with a value missing. */
  result = line_with (text, "Global impression of change  ");
  g_assert_nonnull (result);
  /* "1 (very much improved)", which the column may wrap. */
  assert_contains (result, "1 (very much");
  assert_contains (result, "improved");
  assert_contains (text, "responder");
  g_assert_null (strstr (text, "one value only"));
  /* Nothing to chart, so no "Charts" heading standing alone. */
  g_assert_null (strstr (text, "Charts"));

  /* The progress report of the same course agrees. */
  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-5", "-o", progress_path, NULL), ==, 0);
  progress = limber_test_pdf_text (progress_path);
  g_clear_pointer (&result, g_free);
  result = line_with (progress, "Global impression of change  ");
  g_assert_nonnull (result);
  assert_contains (result, "1 (very much");
  g_assert_null (strstr (progress, "one value only"));
  g_assert_null (strstr (progress, "Charts"));
}

/* R-3 has one value of pain: the values are in the results, and neither report has a
 * "Charts" heading with nothing under it. */
static void
test_nothing_to_chart (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *kinds[] = { "progress", "discharge" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", kinds[k]);
      g_autofree char *path = output_path (fixture, name);
      g_autofree char *text = NULL;

      g_assert_cmpint (run_limber (fixture, NULL, "report", "R-3", "-o", path, "--kind", kinds[k],
                                   NULL),
                       ==, 0);
      text = limber_test_pdf_text (path);
      assert_contains (text, "one value only");
      g_assert_null (strstr (text, "Charts"));
      assert_pages_identified (path, "Sam Quigley", "R-3");
    }
}

static void
test_patient_summary (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "patient.pdf");
  g_autofree char *text = NULL;
  guint n_pages;

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", "-o", path, "--kind", "patient",
                               NULL),
                   ==, 0);
  n_pages = count_pages (path);
  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_cmpuint (n_pages, <=, 2);
  assert_pages_identified (path, "Łucja Żółkowska-李", "R-60");

  text = limber_test_pdf_text (path);
  assert_contains (text, "Your progress");
  assert_contains (text, "What changed");
  assert_contains (text, "What next");
  /* No other patient, and no table of numbers. */
  g_assert_null (strstr (text, "Ødegaard"));
  g_assert_null (strstr (text, "R-2"));
  g_assert_null (strstr (text, "% change"));
}

static void
test_episode_by_start_date (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "episode.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", "-o", path, "--episode",
                               "2026-01-05", NULL),
                   ==, 0);
  text = limber_test_pdf_text (path);
  assert_contains (text, "5 Jan 2026");

  g_unlink (path);
  g_assert_cmpint (run_limber (fixture, &err, "report", "R-60", "-o", path, "--episode",
                               "2025-01-01", NULL),
                   ==, 1);
  assert_contains (err, "2025-01-01");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_unknown_patient (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "nobody.pdf");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_limber (fixture, &err, "report", "NOBODY", "-o", path, NULL), ==, 1);
  assert_contains (err, "NOBODY");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_unwritable_path (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "r.pdf", NULL);
  g_autofree char *err = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_cmpint (run_limber (fixture, &err, "report", "R-60", "-o", path, NULL), ==, 1);
  assert_contains (err, "no-such-folder");
  assert_contains (err, "Cannot write");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (fixture, &err, "clinic-report", "-o", path, NULL), ==, 1);
  assert_contains (err, "no-such-folder");

  /* Nothing but the database is left in the folder: no partial file. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "clinic.sqlite"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 0);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "x.pdf");

  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", NULL), ==, 2);
  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", "-o", path, "--kind", "weekly",
                               NULL),
                   ==, 2);
  g_assert_cmpint (run_limber (fixture, NULL, "report", "R-60", "-o", path, "--from",
                               "2026-01-01", NULL),
                   ==, 2);
  g_assert_cmpint (run_limber (fixture, NULL, "clinic-report", "-o", path, "--from", "2026-13-01",
                               NULL),
                   ==, 2);
  g_assert_cmpint (run_limber (fixture, NULL, "clinic-report", "-o", path, "--from", "2026-06-01",
                               "--to", "2026-01-01", NULL),
                   ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_clinic_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "clinic.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *low_back = NULL;
  g_autofree char *neck = NULL;
  g_autofree char *jan = NULL;

  g_assert_cmpint (run_limber (fixture, NULL, "clinic-report", "-o", path, NULL), ==, 0);
  title = limber_test_pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Clinic outcomes report");
  limber_test_pdf_assert_fonts_embedded (path);

  text = limber_test_pdf_text (path);
  /* Four courses: R-3 is not assessable, so the rate is 2 of the other 3. */
  overall = line_with (text, "Success rate  ");
  g_assert_nonnull (overall);
  assert_contains (overall, "67% (2 of 3)");
  low_back = line_with (text, "Low back pain  ");
  g_assert_nonnull (low_back);
  assert_contains (low_back, "50% (1 of 2)");
  neck = line_with (text, "Neck pain  ");
  g_assert_nonnull (neck);
  assert_contains (neck, "100% (1 of 1)");
  /* Jan Nowak treated, and 20 of R-60's 60 sessions: R-60 is Mette's. */
  jan = line_with (text, "Jan Nowak");
  g_assert_nonnull (jan);
  assert_contains (jan, "0% (0 of 1)");
  assert_contains (text, "100% (1 of 1)");
  assert_contains (text, "Mette Sørensen");
  /* The rules used, with the reason for points and percentage. */
  assert_contains (text, "requires both on purpose");
  assert_contains (text, "Not assessable");
}

static void
test_clinic_report_period (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = output_path (fixture, "period.pdf");
  g_autofree char *text = NULL;
  g_autofree char *overall = NULL;

  /* From February on: R-60 (January) is left out. */
  g_assert_cmpint (run_limber (fixture, NULL, "clinic-report", "-o", path, "--from", "2026-02-01",
                               "--to", "2026-12-31", NULL),
                   ==, 0);
  text = limber_test_pdf_text (path);
  assert_contains (text, "1 Feb 2026");
  overall = line_with (text, "Success rate  ");
  g_assert_nonnull (overall);
  assert_contains (overall, "50% (1 of 2)");
  g_assert_null (strstr (text, "Mette Sørensen"));
}


/* ----- Layout: nothing drawn over anything, nothing cut, nothing left alone ----- */

typedef struct
{
  double  x0, y0, x1, y1;
  char   *text;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

static double
fetch_number (GMatchInfo *match,
              int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return g_ascii_strtod (text, NULL);
}

/* The words of each page with their boxes (points, from the page's top-left), as
 * `pdftotext -bbox` reads them. */
static GPtrArray *
pdf_words (const char  *path,
           double      *width,
           double      *height)
{
  const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };
  g_autofree char *out = limber_test_pdf_run (argv);
  g_autoptr (GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"", 0, 0,
                                            NULL);
  g_autoptr (GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                            "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">(.*)</word>",
                                            0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* One match each: g_regex_match() gives a match even when nothing matched. */
      g_autoptr (GMatchInfo) page = NULL;
      g_autoptr (GMatchInfo) match = NULL;

      if (g_regex_match (page_re, lines[i], 0, &page))
        {
          GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));

          g_array_set_clear_func (words, word_clear);
          g_ptr_array_add (pages, words);
          *width = fetch_number (page, 1);
          *height = fetch_number (page, 2);
        }
      else if (g_regex_match (word_re, lines[i], 0, &match))
        {
          Word word;

          g_assert_cmpuint (pages->len, >, 0);
          word.x0 = fetch_number (match, 1);
          word.y0 = fetch_number (match, 2);
          word.x1 = fetch_number (match, 3);
          word.y1 = fetch_number (match, 4);
          word.text = g_match_info_fetch (match, 5);
          g_array_append_val (g_ptr_array_index (pages, pages->len - 1), word);
        }
    }

  return pages;
}

static const Word *
find_word (GArray     *words,
           const char *text)
{
  for (guint i = 0; i < words->len; i++)
    if (g_str_equal (g_array_index (words, Word, i).text, text))
      return &g_array_index (words, Word, i);
  return NULL;
}

/* On every page of path: no word drawn over another (a chart's caption over its
 * date axis, one label over another), every word inside the margins (18 mm at the
 * sides, 14 mm at the top and the bottom), no heading as the last line of a page,
 * and for a patient's report (mrn) the signature never alone on its page under the
 * identification line. */
static void
assert_layout_clean (const char *path,
                     const char *mrn)
{
  const double side = 18.0 / 25.4 * 72.0, top = 14.0 / 25.4 * 72.0;
  const char *headings[] = { "Course of care", "Outcome", "Outcome so far", "Results",
                             "Goals", "Charts", "Discharge note", "Intake note",
                             "What we worked on", "What changed", "Your goals", "What next" };
  double width = 0, height = 0;
  g_autoptr (GPtrArray) pages = pdf_words (path, &width, &height);

  for (guint p = 0; p < pages->len; p++)
    {
      GArray *words = g_ptr_array_index (pages, p);
      const Word *id = mrn != NULL ? find_word (words, mrn) : NULL;
      const Word *signer = mrn != NULL ? find_word (words, "Therapist:") : NULL;
      const Word *footer = find_word (words, "Issued");
      g_autoptr (GString) last_line = g_string_new (NULL);
      double last_y = 0;

      for (guint i = 0; i < words->len; i++)
        {
          const Word *a = &g_array_index (words, Word, i);

          if (a->x0 < side - 0.5 || a->x1 > width - side + 0.5 || a->y0 < top - 0.5
              || a->y1 > height - top + 0.5)
            g_error ("%s, page %u: “%s” is outside the margins", path, p + 1, a->text);

          for (guint j = i + 1; j < words->len; j++)
            {
              const Word *b = &g_array_index (words, Word, j);

              if (MIN (a->x1, b->x1) - MAX (a->x0, b->x0) > 0.5
                  && MIN (a->y1, b->y1) - MAX (a->y0, b->y0) > 0.5)
                g_error ("%s, page %u: “%s” and “%s” are drawn over each other", path, p + 1,
                         a->text, b->text);
            }

          if (footer == NULL || a->y0 < footer->y0 - 1)
            last_y = MAX (last_y, a->y0);
        }

      for (guint i = 0; i < words->len; i++)
        {
          const Word *a = &g_array_index (words, Word, i);

          if (fabs (a->y0 - last_y) < 1)
            g_string_append_printf (last_line, "%s%s", last_line->len > 0 ? " " : "", a->text);
        }
      for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
        if (g_str_equal (last_line->str, headings[h]))
          g_error ("%s, page %u: the heading “%s” ends the page", path, p + 1, headings[h]);

      if (signer != NULL)
        {
          gboolean above = FALSE;

          if (id == NULL)
            g_error ("%s, page %u: no identification line (%s)", path, p + 1, mrn);
          for (guint i = 0; i < words->len && !above; i++)
            {
              const Word *a = &g_array_index (words, Word, i);

              above = a->y0 > id->y1 + 2 && a->y1 < signer->y0 - 2;
            }
          if (!above)
            g_error ("%s, page %u: the signature is alone on its page", path, p + 1);
        }
    }
}

/* The demo clinic's reports, as a clinic prints them: every patient's discharge
 * summary (the progress report lays out the same blocks) and summary for the
 * patient, and the clinic's outcomes. */
static void
test_demo_layout (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *demo = output_path (fixture, "demo.sqlite");
  g_autofree char *clinic = output_path (fixture, "clinic.pdf");
  const char *kinds[] = { "discharge", "patient" };
  const char *argv[] = { g_getenv ("LIMBER_BINARY"), "--database", demo, "demo", NULL };
  g_autofree char *out = limber_test_pdf_run (argv);

  g_free (fixture->db);
  fixture->db = g_strdup (demo);

  for (guint m = 1; m <= 12; m++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *mrn = g_strdup_printf ("D-%u", 1000 + m);
        g_autofree char *name = g_strdup_printf ("%s-%s.pdf", mrn, kinds[k]);
        g_autofree char *path = output_path (fixture, name);

        g_assert_cmpint (run_limber (fixture, NULL, "report", mrn, "-o", path, "--kind", kinds[k],
                                     NULL),
                         ==, 0);
        assert_layout_clean (path, mrn);
      }

  g_assert_cmpint (run_limber (fixture, NULL, "clinic-report", "-o", clinic, NULL), ==, 0);
  assert_layout_clean (clinic, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/report/progress", test_progress_report);
  ADD ("/report/discharge", test_discharge_summary);
  ADD ("/report/discharge-without-sessions", test_discharge_without_sessions);
  ADD ("/report/nothing-to-chart", test_nothing_to_chart);
  ADD ("/report/patient-summary", test_patient_summary);
  ADD ("/report/episode-by-start-date", test_episode_by_start_date);
  ADD ("/report/unknown-patient", test_unknown_patient);
  ADD ("/report/unwritable-path", test_unwritable_path);
  ADD ("/report/usage-errors", test_usage_errors);
  ADD ("/report/clinic", test_clinic_report);
  ADD ("/report/clinic-period", test_clinic_report_period);
  ADD ("/report/demo-layout", test_demo_layout);

#undef ADD

  status = g_test_run ();
  if (template_db != NULL)
    g_unlink (template_db);
  return status;
}
