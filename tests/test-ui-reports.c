/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-reports"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
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

static LimberApplication *app;

typedef struct
{
  char         *dir;
  char         *path;
  LimberWindow *window;
} Fixture;

/* ----- Helpers ----- */

static void
drain_main_loop (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GPtrArray *
find_widgets (gpointer root,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, found);
  return found;
}

static gpointer
find_widget (gpointer root,
             GType    type)
{
  g_autoptr(GPtrArray) found = find_widgets (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* The row (AdwPreferencesRow) inside root titled title. */
static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_widgets (root, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

/* A toplevel window of type, other than the main window. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-test-ui-reports-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
}

static void
fixture_open_window (Fixture *fixture)
{
  fixture->window = limber_window_new (app, fixture->path);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  limber_test_wait_until_cleared ((gpointer *) &fixture->window);

  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static LimberStore *
fixture_store (Fixture *fixture)
{
  return limber_window_get_store (fixture->window);
}

/* ----- Preferences: the clinic ----- */

static LimberClinic *
stored_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LimberClinic *clinic = limber_store_get_clinic (fixture_store (fixture), &error);

  g_assert_no_error (error);
  return clinic;
}

static void
test_clinic_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  LimberClinicPreferencesPage *page;
  GtkWidget *name_row, *email_row, *paper_row;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(LimberClinic) clinic = NULL;
  gboolean error_shown = FALSE;

  fixture_open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  drain_main_loop ();
  page = find_widget (fixture->window->preferences_window, LIMBER_TYPE_CLINIC_PREFERENCES_PAGE);
  g_assert_nonnull (page);

  /* Type the name and apply it: saved. */
  name_row = find_row (page, "Clinic Name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Fysio Łódź");
  g_signal_emit_by_name (name_row, "apply");
  drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_cmpstr (limber_clinic_get_name (clinic), ==, "Fysio Łódź");
  g_clear_object (&clinic);

  /* A wrong e-mail address is refused with the reason; what was typed stays. */
  email_row = find_row (page, "E-mail");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "reception at fysio");
  g_signal_emit_by_name (email_row, "apply");
  drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_null (limber_clinic_get_email (clinic));
  g_assert_cmpstr (limber_clinic_get_name (clinic), ==, "Fysio Łódź");
  g_clear_object (&clinic);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "reception at fysio");
  labels = find_widgets (page, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (label))
          && strstr (gtk_label_get_label (label), "not an e-mail address") != NULL)
        error_shown = TRUE;
    }
  g_assert_true (error_shown);

  /* The paper size is saved at once. */
  paper_row = find_row (page, "Paper Size");
  adw_combo_row_set_selected (ADW_COMBO_ROW (paper_row), 1);
  drain_main_loop ();
  clinic = stored_clinic (fixture);
  g_assert_cmpint (limber_clinic_get_paper (clinic), ==, LIMBER_PAPER_LETTER);
}

/* ----- Export PDF… ----- */

static void
select_first_patient (Fixture *fixture)
{
  gtk_single_selection_set_selected (fixture->window->selection, 0);
  drain_main_loop ();
  g_assert_nonnull (limber_patient_view_get_patient (fixture->window->patient_view));
}

static void
test_export_progress_report (Fixture       *fixture,
                             gconstpointer  data)
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

  fixture_open_window (fixture);
  select_first_patient (fixture);
  patient = limber_patient_view_get_patient (fixture->window->patient_view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-report",
                                             "s", "progress"));
  drain_main_loop ();

  /* Without a portal the chooser is GTK's own dialog, with the suggested name. */
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
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
  drain_main_loop ();

  /* The chooser checks the file before it answers. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  for (guint i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      drain_main_loop ();
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
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  home = g_dir_make_tmp ("limber-test-ui-reports-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display to open windows on (run under xvfb-run)\n");
      remove_tree (home);
      return 77;
    }

  app = limber_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/ui-reports/clinic-preferences", test_clinic_preferences);
  ADD_TEST ("/ui-reports/export-progress-report", test_export_progress_report);

#undef ADD_TEST

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (home);

  return status;
}
