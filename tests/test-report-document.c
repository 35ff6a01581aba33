/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-report-document.h"
#include "limber-test-pdf.h"

/* The page composer every report uses, read back with poppler as a reader would. */

static char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("limber-report-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static LimberReportDocument *
long_table_document (LimberClinic *clinic,
                     guint         n_rows)
{
  static const LimberReportColumn columns[] = {
    { "Session", 1, LIMBER_REPORT_ALIGN_END, NULL },
    { "Date", 2, LIMBER_REPORT_ALIGN_START, NULL },
    { "Left", 1.5, LIMBER_REPORT_ALIGN_END, "Shoulder abduction" },
    { "Right", 1.5, LIMBER_REPORT_ALIGN_END, "Shoulder abduction" },
  };
  LimberReportDocument *document = limber_report_document_new (clinic, "Progress report");

  limber_report_document_set_identification (document,
                                             "Łucja Żółkowska-李 · Chart number Z-77 · Born 2 Feb 1980");
  limber_report_document_set_footer_note (document, "Issued 29 Nov 2026");
  limber_report_document_add_heading (document, "Values at every session");
  limber_report_document_add_table (document, columns, G_N_ELEMENTS (columns));
  for (guint i = 1; i <= n_rows; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);
      g_autofree char *left = g_strdup_printf ("%u°", 90 + i);
      const char *cells[] = { number, "3 Mar 2026", left, "170°" };

      limber_report_document_add_row (document, cells);
    }
  limber_report_document_add_paragraph (document, "End of the values.");
  limber_report_document_add_signature (document, "Therapist: Mette Sørensen", "Date: 29 Nov 2026");

  return document;
}

static void
test_document_paginates_tables (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberReportDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) pages = NULL;
  g_autofree char *n_pages_text = NULL;
  guint n_pages, last_row = 0;

  limber_clinic_set_name (clinic, "Fysio Ærø");
  document = long_table_document (clinic, 150);
  n_pages = limber_report_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >=, 3);

  g_assert_true (limber_report_document_write_pdf (document, path, &error));
  g_assert_no_error (error);

  n_pages_text = limber_test_pdf_info (path, "Pages");
  g_assert_cmpuint (g_ascii_strtoull (n_pages_text, NULL, 10), ==, n_pages);

  pages = limber_test_pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      g_auto (GStrv) lines = g_strsplit (pages[p], "\n", -1);

      /* Identification, repeated header and footer on every page. */
      g_assert_nonnull (strstr (pages[p], "Łucja Żółkowska-李"));
      g_assert_nonnull (strstr (pages[p], "Z-77"));
      g_assert_nonnull (strstr (pages[p], "Shoulder abduction"));
      g_assert_nonnull (strstr (pages[p], "Session"));
      g_assert_nonnull (strstr (pages[p], footer));
      g_assert_nonnull (strstr (pages[p], "Fysio Ærø"));

      /* Rows run on in order, none lost, none repeated, none split. */
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (lines[l]));
          char *end = NULL;
          guint64 row = g_ascii_strtoull (stripped, &end, 10);

          if (end != stripped && g_str_has_prefix (g_strchug (end), "3 Mar 2026"))
            {
              g_assert_cmpuint (row, ==, last_row + 1);
              g_assert_nonnull (strstr (end, "170°"));
              last_row = row;
            }
        }
      if (p > 0)
        g_assert_nonnull (strstr (pages[p], "(continued)"));
    }
  g_assert_cmpuint (last_row, ==, 150);
  g_assert_nonnull (strstr (pages[n_pages - 1], "Mette Sørensen"));

  limber_test_pdf_assert_fonts_embedded (path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_document_metadata (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "meta.pdf", NULL);
  g_autoptr (LimberClinic) clinic = limber_clinic_new ();
  g_autoptr (LimberReportDocument) document = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 29, 14, 5, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *created = NULL;
  g_autofree char *size = NULL;
  struct stat st;

  limber_clinic_set_name (clinic, "Physio Nord");
  limber_clinic_set_paper (clinic, LIMBER_PAPER_LETTER);
  document = long_table_document (clinic, 3);
  limber_report_document_set_creation_date (document, when);
  g_assert_true (limber_report_document_write_pdf (document, path, &error));

  title = limber_test_pdf_info (path, "Title");
  author = limber_test_pdf_info (path, "Author");
  created = limber_test_pdf_info (path, "CreationDate");
  size = limber_test_pdf_info (path, "Page size");
  g_assert_cmpstr (title, ==, "Progress report");
  g_assert_cmpstr (author, ==, "Physio Nord");
  g_assert_true (g_str_has_prefix (created, "2026-11-29T14:05:00"));
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));

  /* Health data: for the clinic user alone. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_document_without_clinic (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plain.pdf", NULL);
  g_autoptr (LimberReportDocument) document = long_table_document (NULL, 2);
  g_autoptr (GError) error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  g_assert_true (limber_report_document_write_pdf (document, path, &error));
  author = limber_test_pdf_info (path, "Author");
  size = limber_test_pdf_info (path, "Page size");
  text = limber_test_pdf_text (path);
  g_assert_null (author);
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89 pts"));
  g_assert_nonnull (strstr (text, "Progress report"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_document_unwritable (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "r.pdf", NULL);
  g_autofree char *existing = g_build_filename (dir, "kept.pdf", NULL);
  g_autoptr (LimberReportDocument) document = long_table_document (NULL, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autofree char *contents = NULL;
  guint n_files = 0;

  g_assert_false (limber_report_document_write_pdf (document, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* A read-only folder: the old file stays as it was and no temporary file is left. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      /* root writes anywhere: the refusal cannot be shown here. */
      g_chmod (dir, 0700);
      g_unlink (existing);
      g_rmdir (dir);
      return;
    }
  g_assert_false (limber_report_document_write_pdf (document, existing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (existing);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-document/paginates-tables", test_document_paginates_tables);
  g_test_add_func ("/report-document/metadata", test_document_metadata);
  g_test_add_func ("/report-document/without-clinic", test_document_without_clinic);
  g_test_add_func ("/report-document/unwritable", test_document_unwritable);

  return g_test_run ();
}
