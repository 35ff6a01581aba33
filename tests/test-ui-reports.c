/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-reports"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "limber-application.h"
#include "limber-clinic-preferences-page.h"
#include "limber-demo.h"
#include "limber-preferences-window.h"
#include "limber-store.h"
#include "limber-test-pdf.h"
#include "limber-window-private.h"
#include "limber-test-fixture.h"

/* Reports in the window, driven through the real widgets on a real display (Xvfb
 * under `make check`): the clinic's details in Preferences, and Export PDF… through
 * the file chooser. */

/* ----- Helpers ----- */

static LimberStore *
fixture_store (LimberTestFixture *fixture)
{
  return limber_window_get_store (fixture->window);
}

/* ----- Preferences: the clinic ----- */

static LimberClinic *
stored_clinic (LimberTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LimberClinic *clinic = limber_store_get_clinic (fixture_store (fixture), &error);

  g_assert_no_error (error);
  return clinic;
}

static void
test_clinic_preferences (LimberTestFixture *fixture,
                         gconstpointer      data)
{
  LimberClinicPreferencesPage *page;
  GtkWidget *name_row, *email_row, *paper_row;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(LimberClinic) clinic = NULL;
  gboolean error_shown = FALSE;

  limber_test_fixture_open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  limber_test_drain_main_loop ();
  page = limber_test_find_widget (fixture->window->preferences_window, LIMBER_TYPE_CLINIC_PREFERENCES_PAGE);
  g_assert_nonnull (page);

  /* Type the name and apply it: saved. */
  name_row = limber_test_find_row (page, "Clinic Name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Fysio Łódź");
  g_signal_emit_by_name (name_row, "apply");
  limber_test_drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_cmpstr (limber_clinic_get_name (clinic), ==, "Fysio Łódź");
  g_clear_object (&clinic);

  /* A wrong e-mail address is refused with the reason; what was typed stays. */
  email_row = limber_test_find_row (page, "E-mail");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "reception at fysio");
  g_signal_emit_by_name (email_row, "apply");
  limber_test_drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_null (limber_clinic_get_email (clinic));
  g_assert_cmpstr (limber_clinic_get_name (clinic), ==, "Fysio Łódź");
  g_clear_object (&clinic);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "reception at fysio");
  labels = limber_test_find_widgets (page, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (label))
          && strstr (gtk_label_get_label (label), "not an e-mail address") != NULL)
        error_shown = TRUE;
    }
  g_assert_true (error_shown);

  /* The paper size is saved at once. */
  paper_row = limber_test_find_row (page, "Paper Size");
  adw_combo_row_set_selected (ADW_COMBO_ROW (paper_row), 1);
  limber_test_drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_cmpint (limber_clinic_get_paper (clinic), ==, LIMBER_PAPER_LETTER);
}

/* ----- Export PDF… ----- */

static void
select_first_patient (LimberTestFixture *fixture)
{
  gtk_single_selection_set_selected (fixture->window->selection, 0);
  limber_test_drain_main_loop ();
  g_assert_nonnull (limber_patient_view_get_patient (fixture->window->patient_view));
}

static void
test_export_progress_report (LimberTestFixture *fixture,
                             gconstpointer      data)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *current_name = NULL;
  GtkFileChooser *chooser;
  LimberPatient *patient;

  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_demo_fill (store, &error));
  g_clear_object (&store);

  limber_test_fixture_open_window (fixture);
  select_first_patient (fixture);
  patient = limber_patient_view_get_patient (fixture->window->patient_view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-report",
                                             "s", "progress"));
  limber_test_drain_main_loop ();

  /* Without a portal the chooser is GTK's own dialog, with the suggested name. */
  chooser = limber_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  expected_name = g_strdup_printf ("%s Progress report ", limber_patient_get_mrn (patient));
  current_name = gtk_file_chooser_get_current_name (chooser);
  g_assert_true (g_str_has_prefix (current_name, expected_name));
  g_assert_true (g_str_has_suffix (current_name, ".pdf"));

  /* Accept the suggested name in the test's folder. */
  g_free (path);
  path = g_build_filename (fixture->dir, current_name, NULL);
  file = g_file_new_for_path (fixture->dir);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, file, &error));
  g_assert_no_error (error);
  limber_test_drain_main_loop ();

  /* The chooser checks the file before it answers. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  for (guint i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      limber_test_drain_main_loop ();
      g_usleep (20000);
    }

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  title = limber_test_pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Progress report");
  text = limber_test_pdf_text (path);
  g_assert_nonnull (strstr (text, limber_patient_get_name (patient)));
  g_assert_nonnull (strstr (text, limber_patient_get_mrn (patient)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (limber_test_ui_init (&argc, &argv) == NULL)
    return 77;

#define ADD_TEST(path, func) \
  g_test_add ((path), LimberTestFixture, NULL, limber_test_fixture_set_up_folder, (func), \
              limber_test_fixture_tear_down_window)

  ADD_TEST ("/ui-reports/clinic-preferences", test_clinic_preferences);
  ADD_TEST ("/ui-reports/export-progress-report", test_export_progress_report);

#undef ADD_TEST

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
