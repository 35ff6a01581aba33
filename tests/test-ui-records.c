/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-records"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "limber-application.h"
#include "limber-date-input.h"
#include "limber-date-row.h"
#include "limber-demo.h"
#include "limber-patient-dialog.h"
#include "limber-preferences-window.h"
#include "limber-store.h"
#include "limber-therapists-page.h"
#include "limber-test-fixture.h"
#include "limber-window-private.h"

/* The clinic's records in the window, driven through the real widgets on a real
 * display (Xvfb under `make check`): the preferences and their therapists; adding,
 * editing, archiving, restoring and erasing patients. */

/* ----- Helpers ----- */

static LimberStore *
fixture_store (LimberTestFixture *fixture)
{
  return limber_window_get_store (fixture->window);
}

/* "Name, Name (retired)" as the store lists them. */
static char *
stored_therapists (LimberTestFixture *fixture)
{
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  GString *names = g_string_new (NULL);

  therapists = limber_store_list_therapists (fixture_store (fixture), TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < therapists->len; i++)
    {
      LimberTherapist *therapist = g_ptr_array_index (therapists, i);

      g_string_append_printf (names, "%s%s%s", i > 0 ? ", " : "",
                              limber_therapist_get_name (therapist),
                              limber_therapist_get_retired (therapist) ? " (retired)" : "");
    }

  return g_string_free (names, FALSE);
}

/* ----- Preferences: therapists ----- */

static LimberTherapistsPage *
open_therapists_page (LimberTestFixture *fixture)
{
  LimberTherapistsPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  limber_test_drain_main_loop ();
  g_assert_true (LIMBER_IS_PREFERENCES_WINDOW (fixture->window->preferences_window));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->window->preferences_window))
                 == GTK_WINDOW (fixture->window));

  page = limber_test_find_widget (fixture->window->preferences_window, LIMBER_TYPE_THERAPISTS_PAGE);
  g_assert_nonnull (page);
  return page;
}

static void
test_preferences_therapists (LimberTestFixture *fixture,
                             gconstpointer      data)
{
  LimberTherapistsPage *page;
  AdwEntryRow *add_row;
  GtkWidget *add_button;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autofree char *names = NULL;

  limber_test_fixture_open_window (fixture);
  page = open_therapists_page (fixture);

  /* Type a name, press Add: it is stored and listed. */
  add_row = limber_test_find_widget (page, ADW_TYPE_ENTRY_ROW);
  add_button = limber_test_find_button (page, "_Add");
  g_assert_nonnull (add_button);
  g_assert_false (gtk_widget_is_sensitive (add_button));
  gtk_editable_set_text (GTK_EDITABLE (add_row), "Anna Berg");
  limber_test_click (add_button);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "Ben Ode");
  g_signal_emit_by_name (add_row, "entry-activated");
  limber_test_drain_main_loop ();
  names = stored_therapists (fixture);
  g_assert_cmpstr (names, ==, "Anna Berg, Ben Ode");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_assert_nonnull (limber_test_find_row (page, "Anna Berg"));
  g_assert_nonnull (limber_test_find_row (page, "Ben Ode"));

  /* The same name in other capitals is refused beside the field, keeping the text. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "anna berg");
  limber_test_click (add_button);
  g_assert_nonnull (limber_therapists_page_get_error (page));
  g_assert_nonnull (strstr (limber_therapists_page_get_error (page), "“anna berg”"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (add_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "anna berg");
  names = stored_therapists (fixture);
  g_assert_cmpstr (names, ==, "Anna Berg, Ben Ode");
  g_clear_pointer (&names, g_free);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (add_row), "error"));

  /* Rename: the icon button is named for the therapist, and asks for the new name. */
  row = limber_test_find_row (page, "Ben Ode");
  limber_test_click (limber_test_find_button (row, "Rename Ben Ode"));
  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), " ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Benedikt Ode");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  adw_message_dialog_response (dialog, "rename");
  limber_test_drain_main_loop ();
  names = stored_therapists (fixture);
  g_assert_cmpstr (names, ==, "Anna Berg, Benedikt Ode");
  g_clear_pointer (&names, g_free);
  g_assert_null (limber_test_find_row (page, "Ben Ode"));
  g_assert_nonnull (limber_test_find_row (page, "Benedikt Ode"));

  /* Retire moves the therapist to the retired group; Reinstate brings them back. */
  row = limber_test_find_row (page, "Anna Berg");
  limber_test_click (limber_test_find_button (row, "Retire"));
  names = stored_therapists (fixture);
  g_assert_cmpstr (names, ==, "Benedikt Ode, Anna Berg (retired)");
  g_clear_pointer (&names, g_free);
  row = limber_test_find_row (page, "Anna Berg");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  limber_test_click (limber_test_find_button (row, "Reinstate"));
  names = stored_therapists (fixture);
  g_assert_cmpstr (names, ==, "Anna Berg, Benedikt Ode");
  g_clear_pointer (&names, g_free);

  /* Every icon-only button of the page has a tooltip and a name. */
  {
    g_autoptr(GPtrArray) buttons = limber_test_find_widgets (page, GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);

        if (gtk_button_get_label (GTK_BUTTON (button)) == NULL)
          g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      }
  }

  /* Asking again presents the same window. */
  {
    GtkWidget *first = fixture->window->preferences_window;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                               NULL));
    g_assert_true (fixture->window->preferences_window == first);
  }
}

static void
test_preferences_follow_store (LimberTestFixture *fixture,
                               gconstpointer      data)
{
  g_autoptr(LimberTherapist) therapist = limber_therapist_new ("Cleo Imported");
  g_autoptr(GError) error = NULL;
  LimberTherapistsPage *page;

  limber_test_fixture_open_window (fixture);
  page = open_therapists_page (fixture);
  g_assert_null (limber_test_find_row (page, "Cleo Imported"));

  /* A change made elsewhere shows at once. */
  limber_store_add_therapist (fixture_store (fixture), therapist, &error);
  g_assert_no_error (error);
  limber_test_drain_main_loop ();
  g_assert_nonnull (limber_test_find_row (page, "Cleo Imported"));
}

/* ----- Patients: add, edit, archive, restore, erase ----- */

static LimberPatient *
stored_patient (LimberTestFixture *fixture,
                const char        *mrn)
{
  g_autoptr(GError) error = NULL;
  LimberPatient *patient = limber_store_find_patient (fixture_store (fixture), mrn, &error);

  g_assert_no_error (error);
  return patient;
}

static guint
count_listed (LimberTestFixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->window->selection));
}

static GtkWidget *
find_entry_row (gpointer    root,
                const char *title)
{
  GtkWidget *row = limber_test_find_row (root, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return row;
}

static void
test_patient_add_and_edit (LimberTestFixture *fixture,
                           gconstpointer      data)
{
  g_autoptr(LimberPatient) stored = NULL;
  GtkWidget *dialog;
  GtkWidget *focus;
  GtkWidget *mrn_row;
  LimberDateRow *birth_row;

  limber_test_fixture_open_window (fixture);

  /* The dialog opens with the cursor in the chart number, not on Cancel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient",
                                             NULL));
  limber_test_drain_main_loop ();
  dialog = fixture->window->add_patient_dialog;
  g_assert_true (LIMBER_IS_PATIENT_DIALOG (dialog));
  mrn_row = find_entry_row (dialog, "Chart Number");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == mrn_row || gtk_widget_is_ancestor (focus, mrn_row));

  /* Dates in the locale's order (C: month first) are read and shown back in words. */
  gtk_editable_set_text (GTK_EDITABLE (mrn_row), "E-100");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "Name")), "Edda Ekman");
  birth_row = LIMBER_DATE_ROW (find_entry_row (dialog, "Birth Date (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (birth_row),
                         limber_date_get_locale_order () == LIMBER_DATE_ORDER_MDY
                           ? "03/12/1980" : "12/03/1980");
  g_assert_cmpstr (limber_date_row_get_date (birth_row), ==, "1980-03-12");
  g_assert_cmpstr (limber_date_row_get_words (birth_row), ==, "Wed 12 March 1980");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "Phone (optional)")), "555 0100");

  /* Enter in a field adds: the Add button is the default. */
  g_signal_emit_by_name (limber_test_find_widget (mrn_row, GTK_TYPE_TEXT), "activate");
  /* A button activated by Enter clicks after a short flash. */
  limber_test_wait_until_cleared ((gpointer *) &fixture->window->add_patient_dialog);
  g_assert_null (fixture->window->add_patient_dialog);
  stored = stored_patient (fixture, "E-100");
  g_assert_nonnull (stored);
  g_assert_cmpstr (limber_patient_get_birth_date (stored), ==, "1980-03-12");
  g_assert_cmpstr (limber_patient_get_phone (stored), ==, "555 0100");
  g_clear_object (&stored);

  /* Edit: the fields hold what is stored; a bad e-mail is refused beside its field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.edit", NULL));
  limber_test_drain_main_loop ();
  dialog = fixture->window->patient_dialog;
  g_assert_true (LIMBER_IS_PATIENT_DIALOG (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Patient");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Name"))), ==,
                   "Edda Ekman");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Phone (optional)"))),
                   ==, "555 0100");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "Name")), "Edda Ekman-Lund");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "E-mail (optional)")), "edda");
  adw_combo_row_set_selected (limber_test_find_widget (dialog, ADW_TYPE_COMBO_ROW), 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (limber_test_find_widget (dialog, GTK_TYPE_TEXT_VIEW)),
                            "Night shifts.", -1);
  g_assert_false (limber_patient_dialog_save (LIMBER_PATIENT_DIALOG (dialog)));
  g_assert_nonnull (strstr (limber_patient_dialog_get_error_message (LIMBER_PATIENT_DIALOG (dialog)),
                            "E-mail address “edda”"));
  g_assert_true (gtk_widget_has_css_class (find_entry_row (dialog, "E-mail (optional)"), "error"));
  stored = stored_patient (fixture, "E-100");
  g_assert_cmpstr (limber_patient_get_name (stored), ==, "Edda Ekman");
  g_clear_object (&stored);

  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "E-mail (optional)")),
                         "edda@example.org");
  g_assert_true (limber_patient_dialog_save (LIMBER_PATIENT_DIALOG (dialog)));
  limber_test_drain_main_loop ();
  stored = stored_patient (fixture, "E-100");
  g_assert_cmpstr (limber_patient_get_name (stored), ==, "Edda Ekman-Lund");
  g_assert_cmpstr (limber_patient_get_email (stored), ==, "edda@example.org");
  g_assert_cmpstr (limber_patient_get_sex (stored), ==, "female");
  g_assert_cmpstr (limber_patient_get_notes (stored), ==, "Night shifts.");
  g_assert_cmpstr (limber_patient_get_birth_date (stored), ==, "1980-03-12");
  g_assert_cmpstr (adw_window_title_get_title (fixture->window->content_title), ==,
                   "Edda Ekman-Lund");
}

static LimberPatient *
select_listed_patient (LimberTestFixture *fixture,
                       guint              position)
{
  LimberPatient *patient;

  gtk_single_selection_set_selected (fixture->window->selection, position);
  limber_test_drain_main_loop ();
  patient = gtk_single_selection_get_selected_item (fixture->window->selection);
  g_assert_nonnull (patient);
  return g_object_ref (patient);
}

static void
test_patient_archive_restore (LimberTestFixture *fixture,
                              gconstpointer      data)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(LimberPatient) stored = NULL;
  GAction *show_archived;
  guint n_listed;
  gint64 id;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  n_listed = count_listed (fixture);
  patient = select_listed_patient (fixture, 1);
  id = limber_patient_get_id (patient);
  g_assert_true (gtk_widget_get_visible (fixture->window->patient_menu_button));

  /* Archived: out of the list, still on file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.archive",
                                             NULL));
  limber_test_drain_main_loop ();
  g_assert_cmpuint (count_listed (fixture), ==, n_listed - 1);
  stored = stored_patient (fixture, limber_patient_get_mrn (patient));
  g_assert_true (limber_patient_get_archived (stored));
  g_clear_object (&stored);
  g_assert_false (limber_window_select_patient (fixture->window, id));

  /* The toast's Undo restores. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.restore-id",
                                             "x", id));
  limber_test_drain_main_loop ();
  g_assert_cmpuint (count_listed (fixture), ==, n_listed);
  stored = stored_patient (fixture, limber_patient_get_mrn (patient));
  g_assert_false (limber_patient_get_archived (stored));
  g_clear_object (&stored);

  /* Archived again, found with "Show Archived Patients", restored from its menu. */
  g_assert_true (limber_window_select_patient (fixture->window, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.archive",
                                             NULL));
  limber_test_drain_main_loop ();
  show_archived = g_action_map_lookup_action (G_ACTION_MAP (fixture->window->patient_actions),
                                              "show-archived");
  g_action_change_state (show_archived, g_variant_new_boolean (TRUE));
  limber_test_drain_main_loop ();
  g_assert_cmpuint (count_listed (fixture), ==, n_listed);
  g_assert_true (limber_window_select_patient (fixture->window, id));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window->patient_actions),
                                                     "archive"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.restore",
                                             NULL));
  limber_test_drain_main_loop ();
  stored = stored_patient (fixture, limber_patient_get_mrn (patient));
  g_assert_false (limber_patient_get_archived (stored));
  g_action_change_state (show_archived, g_variant_new_boolean (FALSE));
  limber_test_drain_main_loop ();
  g_assert_cmpuint (count_listed (fixture), ==, n_listed);
}

static void
test_patient_erase (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(LimberPatient) gone = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint n_listed;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  n_listed = count_listed (fixture);
  patient = select_listed_patient (fixture, 0);
  episodes = limber_store_list_episodes (fixture_store (fixture), limber_patient_get_id (patient),
                                         &error);
  g_assert_cmpuint (episodes->len, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "patient.erase", NULL));
  limber_test_drain_main_loop ();
  dialog = ADW_MESSAGE_DIALOG (fixture->window->erase_dialog);
  g_assert_nonnull (dialog);

  /* Erase stays off until the chart number is typed exactly. */
  entry = limber_test_find_widget (dialog, GTK_TYPE_ENTRY);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "D-");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  gtk_editable_set_text (GTK_EDITABLE (entry), limber_patient_get_mrn (patient));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "erase"));
  adw_message_dialog_response (dialog, "erase");
  limber_test_drain_main_loop ();

  gone = stored_patient (fixture, limber_patient_get_mrn (patient));
  g_assert_null (gone);
  g_assert_cmpuint (count_listed (fixture), ==, n_listed - 1);
  for (guint i = 0; i < episodes->len; i++)
    {
      g_autoptr(GPtrArray) sessions = NULL;
      g_autoptr(LimberEpisode) episode = NULL;

      episode = limber_store_get_episode (fixture_store (fixture),
                                          limber_episode_get_id (g_ptr_array_index (episodes, i)),
                                          &error);
      g_assert_null (episode);
      g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      sessions = limber_store_list_sessions (fixture_store (fixture),
                                             limber_episode_get_id (g_ptr_array_index (episodes, i)),
                                             &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sessions->len, ==, 0);
    }
}

/* Cancel closes an untouched dialog at once, and asks before losing what was typed:
 * the same flow as the course and discharge dialogs. */
static void
test_patient_cancel_asks (LimberTestFixture *fixture,
                          gconstpointer      data)
{
  AdwMessageDialog *question;
  GtkWidget *dialog;

  limber_test_fixture_open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient",
                                             NULL));
  limber_test_drain_main_loop ();
  dialog = fixture->window->add_patient_dialog;
  g_assert_false (limber_patient_dialog_is_modified (LIMBER_PATIENT_DIALOG (dialog)));
  g_assert_nonnull (limber_test_find_button_with_action (dialog, "patient.cancel"));
  gtk_widget_activate_action (dialog, "patient.cancel", NULL);
  limber_test_wait_until_cleared ((gpointer *) &fixture->window->add_patient_dialog);
  g_assert_null (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient",
                                             NULL));
  limber_test_drain_main_loop ();
  dialog = fixture->window->add_patient_dialog;
  limber_test_type_into (find_entry_row (dialog, "Name"), "Kept Typing");
  g_assert_true (limber_patient_dialog_is_modified (LIMBER_PATIENT_DIALOG (dialog)));

  /* Closing the window asks too; keeping goes back to the fields. */
  gtk_window_close (GTK_WINDOW (dialog));
  limber_test_drain_main_loop ();
  question = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Your Changes?");
  adw_message_dialog_response (question, "keep");
  limber_test_drain_main_loop ();
  g_assert_true (fixture->window->add_patient_dialog == dialog);

  gtk_widget_activate_action (dialog, "patient.cancel", NULL);
  limber_test_drain_main_loop ();
  question = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (question, "discard");
  limber_test_wait_until_cleared ((gpointer *) &fixture->window->add_patient_dialog);
  g_assert_cmpuint (count_listed (fixture), ==, 0);
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

  ADD_TEST ("/ui-records/preferences/therapists", test_preferences_therapists);
  ADD_TEST ("/ui-records/preferences/follow-store", test_preferences_follow_store);
  ADD_TEST ("/ui-records/patients/add-and-edit", test_patient_add_and_edit);
  ADD_TEST ("/ui-records/patients/cancel-asks", test_patient_cancel_asks);
  ADD_TEST ("/ui-records/patients/archive-restore", test_patient_archive_restore);
  ADD_TEST ("/ui-records/patients/erase", test_patient_erase);

#undef ADD_TEST

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
