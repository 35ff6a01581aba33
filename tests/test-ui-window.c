/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "limber-csv-export.h"
#include "limber-help.h"
#include "limber-import-dialog.h"
#include "limber-test-fixture.h"
#include "limber-therapists-page.h"
#include "limber-window-private.h"

/* The main window's own tools, driven through the real widgets: Import CSV… and
 * Export CSV…, the search, the menu and the shortcuts. */

/* ----- Helpers ----- */

static LimberWindow *
fixture_window (LimberTestFixture *fixture)
{
  return LIMBER_WINDOW (fixture->window);
}

/* Everything the clinic database holds that an import writes, as an export of it
 * through a connection of the test's own. */
static char *
stored_measurements (LimberTestFixture *fixture)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  text = limber_csv_export_data (store, &error);
  g_assert_no_error (error);
  return text;
}

static guint
stored_patients (LimberTestFixture *fixture)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  n = limber_store_count_patients (store, &error);
  g_assert_no_error (error);
  return n;
}

static char *
write_file (LimberTestFixture *fixture,
            const char        *name,
            const char        *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = limber_test_fixture_build_path (fixture, name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Answers the file chooser that the action opened (GTK's own without a portal). */
static void
choose_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;

  limber_test_drain_main_loop ();
  chooser = limber_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);

  if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (chooser, name);
    }
  else
    {
      g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
      g_assert_no_error (error);
      /* The chooser selects the file once it has read the folder. */
      g_assert_true (limber_test_wait_until (chooser_has_file, chooser));
    }
  limber_test_drain_main_loop ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static gboolean
import_dialog_is_done (gpointer data)
{
  LimberImportDialog *dialog = limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG);

  return dialog != NULL && !limber_import_dialog_is_running (dialog);
}

static gboolean
import_dialog_is_gone (gpointer data)
{
  return limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG) == NULL;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static const char csv_header[] =
  "mrn,patient_name,birth_date,condition,episode_start,session_date,therapist,measure,"
  "side,value,unit,notes\n";

/* ----- Import CSV… ----- */

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_import_bad_file (LimberTestFixture *fixture,
                      gconstpointer      data)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  LimberImportDialog *dialog;

  limber_test_fixture_fill_demo (fixture);
  before = stored_measurements (fixture);

  /* A new patient with a good row, then two bad rows: nothing at all may be written. */
  contents = g_strconcat (csv_header,
                          "N-1,Nora New,1970-01-01,low_back_pain,,2026-01-05,,pain.nprs,,6,,\n"
                          "N-1,Nora New,1970-01-01,low_back_pain,,2026-01-08,,pain.nprs,,11,,\n"
                          "N-1,Nora New,1970-01-01,low_back_pain,,2026-01-08,,no.such,,3,,\n",
                          NULL);
  path = write_file (fixture, "visits.csv", contents);

  limber_test_fixture_open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-csv", NULL));
  choose_file (path);
  g_assert_true (limber_test_wait_until (import_dialog_is_done, NULL));

  dialog = limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG);
  errors = limber_import_dialog_dup_errors (dialog);
  g_assert_nonnull (errors);
  /* The command line's lines, every one of them. */
  g_assert_nonnull (strstr (errors, "visits.csv:3: value: 11 is outside 0–10 for pain.nprs"));
  g_assert_nonnull (strstr (errors, "visits.csv:4: measure: "));
  lines = g_strsplit (errors, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);

  after = stored_measurements (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (strstr (after, "N-1") != NULL);

  /* Copy All puts the same lines on the clipboard. */
  limber_test_click (limber_test_find_button (dialog, "Copy _All"));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 on_clipboard_text_cb, &copied);
  g_assert_true (limber_test_wait_until (pointer_is_set, &copied));
  g_assert_cmpstr (copied, ==, errors);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (limber_test_wait_until (import_dialog_is_gone, NULL));
}

static guint
count_shown (LimberTestFixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture_window (fixture)->selection));
}

static gboolean
window_shows_two_patients (gpointer data)
{
  LimberTestFixture *fixture = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (fixture_window (fixture)->main_stack),
                    "patients") == 0
         && count_shown (fixture) == 2;
}

static void
test_import_good_file (LimberTestFixture *fixture,
                       gconstpointer      data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean imported = FALSE;

  contents = g_strconcat (csv_header,
                          "A-1,Anna Able,1970-01-01,low_back_pain,,2026-01-05,,pain.nprs,,6,,\n"
                          "A-1,Anna Able,1970-01-01,low_back_pain,,2026-01-08,,pain.nprs,,4,,\n"
                          "B-2,Ben Baker,,neck_pain,,2026-01-06,,pain.nprs,,5,,\n",
                          NULL);
  path = write_file (fixture, "visits.csv", contents);
  file = g_file_new_for_path (path);

  /* An empty clinic shows its welcome page, whose menu has Import CSV… too. */
  limber_test_fixture_open_window (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture_window (fixture)->main_stack), ==,
                   "welcome");
  limber_window_import_csv_file (fixture_window (fixture), file);
  g_signal_connect_swapped (limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG), "imported",
                            G_CALLBACK (on_flag_cb), &imported);
  g_assert_true (limber_test_wait_until (flag_is_set, &imported));

  /* The list shows the new patients without a restart, and the dialog is gone. */
  g_assert_true (limber_test_wait_until (window_shows_two_patients, fixture));
  g_assert_true (limber_test_wait_until (import_dialog_is_gone, NULL));
  g_assert_cmpuint (stored_patients (fixture), ==, 2);
  stored = stored_measurements (fixture);
  g_assert_nonnull (strstr (stored, "B-2,Ben Baker"));
}

/* Enough rows that the writing takes a moment on any machine. */
static char *
write_big_file (LimberTestFixture *fixture,
                guint              n_patients)
{
  g_autoptr(GString) text = g_string_new (csv_header);
  char *path;

  for (guint p = 0; p < n_patients; p++)
    for (guint s = 0; s < 6; s++)
      {
        g_string_append_printf (text, "P-%05u,Patient %u,,low_back_pain,,2026-01-%02u,,pain.nprs,,%u,,\n",
                                p, p, 5 + s, (p + s) % 11);
        g_string_append_printf (text, "P-%05u,Patient %u,,low_back_pain,,2026-01-%02u,,"
                                "rom.lumbar.flexion,,%u,,\n", p, p, 5 + s, 30 + s * 5);
      }

  path = limber_test_fixture_build_path (fixture, "big.csv");
  g_file_set_contents (path, text->str, text->len, NULL);
  return path;
}

static gboolean
import_is_writing (gpointer data)
{
  LimberImportDialog *dialog = limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG);
  GtkProgressBar *bar;

  if (dialog == NULL)
    return FALSE;
  bar = limber_test_find_widget (dialog, GTK_TYPE_PROGRESS_BAR);
  return gtk_progress_bar_get_fraction (bar) > 0.5;
}

static void
test_import_cancel (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  LimberImportDialog *dialog;
  gboolean cancelled = FALSE;
  gboolean imported = FALSE;

  limber_test_fixture_fill_demo (fixture);
  before = stored_measurements (fixture);
  path = write_big_file (fixture, 1500);
  file = g_file_new_for_path (path);

  limber_test_fixture_open_window (fixture);
  limber_window_import_csv_file (fixture_window (fixture), file);
  dialog = limber_test_find_toplevel (LIMBER_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_signal_connect_swapped (dialog, "cancelled", G_CALLBACK (on_flag_cb), &cancelled);
  g_signal_connect_swapped (dialog, "imported", G_CALLBACK (on_flag_cb), &imported);

  /* Cancel once rows are being written: the transaction is rolled back. */
  g_assert_true (limber_test_wait_until (import_is_writing, NULL));
  limber_test_click (limber_test_find_button (dialog, "_Cancel"));
  g_assert_true (limber_test_wait_until (flag_is_set, &cancelled));
  g_assert_false (imported);
  g_assert_true (limber_test_wait_until (import_dialog_is_gone, NULL));
  g_object_unref (dialog);

  after = stored_measurements (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* ----- Export CSV… ----- */

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_export (LimberTestFixture *fixture,
             gconstpointer      data)
{
  g_autofree char *path = limber_test_fixture_build_path (fixture, "export.csv");
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  limber_test_fixture_fill_demo (fixture);
  expected = stored_measurements (fixture);

  limber_test_fixture_open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-csv", NULL));
  choose_file (path);
  g_assert_true (limber_test_wait_until (file_exists, path));
  /* The rename makes the file appear whole; let the toast come too. */
  limber_test_drain_main_loop ();

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
}

/* ----- The search ----- */

static gboolean
shown_count_is_one (gpointer data)
{
  return count_shown (data) == 1;
}

/* The action that key runs in widget's own shortcuts (its class's bindings and the
 * controllers added to it), or NULL. */
static char *
dup_shortcut_action (GtkWidget       *widget,
                     guint            keyval,
                     GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers
              && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

static gboolean
focus_is_in (GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (ancestor));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

static void
test_escape_ends_search (LimberTestFixture *fixture,
                         gconstpointer      data)
{
  LimberWindow *window;
  LimberPatient *patient;
  g_autofree char *escape_action = NULL;
  guint n_patients;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  window = fixture_window (fixture);
  n_patients = count_shown (fixture);
  g_assert_cmpuint (n_patients, >, 1);

  /* Ctrl+F: the search entry has the focus. */
  escape_action = dup_shortcut_action (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_cmpstr (escape_action, ==, "win.search");
  g_clear_pointer (&escape_action, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  limber_test_drain_main_loop ();
  g_assert_true (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_true (focus_is_in (GTK_WIDGET (window->search_entry)));

  /* Enter opens the only match, and the focus leaves the search. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "Novak");
  g_assert_true (limber_test_wait_until (shown_count_is_one, fixture));
  g_signal_emit_by_name (window->search_entry, "activate");
  limber_test_drain_main_loop ();
  patient = gtk_single_selection_get_selected_item (window->selection);
  g_assert_nonnull (patient);
  g_assert_cmpstr (limber_patient_get_name (patient), ==, "Peter Novak");
  gtk_widget_grab_focus (GTK_WIDGET (window->patient_view));

  /* Escape, wherever the focus is, ends the search: every patient is listed again,
   * and the one opened stays open. */
  escape_action = dup_shortcut_action (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_cmpstr (escape_action, ==, "win.end-search");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), escape_action, NULL));
  limber_test_drain_main_loop ();
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->search_entry)), ==, "");
  g_assert_cmpuint (count_shown (fixture), ==, n_patients);
  patient = gtk_single_selection_get_selected_item (window->selection);
  g_assert_nonnull (patient);
  g_assert_cmpstr (limber_patient_get_name (patient), ==, "Peter Novak");
  g_assert_true (limber_patient_view_get_patient (window->patient_view) == patient);

  /* Escape inside the entry (its stop-search) ends it the same way. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "Novak");
  g_assert_true (limber_test_wait_until (shown_count_is_one, fixture));
  g_signal_emit_by_name (window->search_entry, "stop-search");
  limber_test_drain_main_loop ();
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_cmpuint (count_shown (fixture), ==, n_patients);

}

/* ----- Narrow windows ----- */

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* On a phone (360 px) the leaflet folds and each page must fit alone: the list, every
 * demo patient's page, and the session editor. */
static void
test_pages_fit_a_phone (LimberTestFixture *fixture,
                        gconstpointer      data)
{
  LimberWindow *window;
  LimberSessionEditor *editor;
  guint n_patients;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  window = fixture_window (fixture);
  n_patients = count_shown (fixture);
  g_assert_cmpuint (n_patients, >, 1);

  g_assert_cmpint (minimum_width (window->sidebar), <=, 360);
  for (guint i = 0; i < n_patients; i++)
    {
      LimberPatient *patient;

      gtk_single_selection_set_selected (window->selection, i);
      limber_test_drain_main_loop ();
      patient = gtk_single_selection_get_selected_item (window->selection);
      if (minimum_width (window->content) > 360)
        g_error ("The page of %s needs %d px", limber_patient_get_name (patient),
                 minimum_width (window->content));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", "x",
                                             (gint64) 0));
  limber_test_drain_main_loop ();
  editor = limber_test_find_toplevel (LIMBER_TYPE_SESSION_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpint (minimum_width (GTK_WIDGET (editor)), <=, 360);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* ----- The main menu ----- */

/* TRUE when the main menu, popped up, shows an item labelled text. */
static gboolean
main_menu_shows (LimberWindow *window,
                 const char   *text)
{
  g_autoptr(GPtrArray) buttons = limber_test_find_widgets (window, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GPtrArray) labels = NULL;
  GtkMenuButton *menu_button = NULL;
  GtkPopover *popover;
  gboolean shown = FALSE;

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i))
        && gtk_widget_is_visible (g_ptr_array_index (buttons, i)))
      menu_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (menu_button);

  gtk_menu_button_popup (menu_button);
  limber_test_drain_main_loop ();
  popover = gtk_menu_button_get_popover (menu_button);
  g_assert_nonnull (popover);

  labels = limber_test_find_widgets (popover, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0 && gtk_widget_is_visible (label))
        shown = TRUE;
    }

  gtk_menu_button_popdown (menu_button);
  limber_test_drain_main_loop ();
  return shown;
}

static void
test_demo_menu_item (LimberTestFixture *fixture,
                     gconstpointer      data)
{
  g_autofree char *demo_path = limber_window_get_demo_path ();
  LimberWindow *window;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  window = fixture_window (fixture);
  g_assert_true (main_menu_shows (window, "Open Demo Clinic"));
  g_assert_false (main_menu_shows (window, "Return to Your Clinic"));

  /* In the demo, the menu offers the way back instead. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  limber_test_drain_main_loop ();
  g_assert_cmpstr (limber_window_get_database_path (window), ==, demo_path);
  g_assert_false (main_menu_shows (window, "Open Demo Clinic"));
  g_assert_true (main_menu_shows (window, "Return to Your Clinic"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-clinic", NULL));
  limber_test_drain_main_loop ();
  g_assert_cmpstr (limber_window_get_database_path (window), ==, fixture->path);
  g_assert_true (main_menu_shows (window, "Open Demo Clinic"));
}

/* ----- Help ----- */

static void
test_help_fallback (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  GtkApplication *app;
  g_autofree char *html = NULL;
  AdwMessageDialog *dialog;

  limber_test_fixture_open_window (fixture);
  app = gtk_window_get_application (GTK_WINDOW (fixture->window));

  /* From the build folder the guide is not installed for the help viewer: F1 says
   * so in words, not with GTK's "Operation not supported", and offers the guide's
   * web pages, built beside the program. */
  g_assert_false (limber_help_is_installed ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  limber_test_drain_main_loop ();

  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "User Guide Not Installed")
                 || g_str_has_prefix (adw_message_dialog_get_heading (dialog), "No Help Viewer"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "nothing is downloaded"));
  g_assert_true (adw_message_dialog_has_response (dialog, "browser"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "browser");

  html = limber_help_find_html ();
  g_assert_nonnull (html);
  g_assert_true (g_str_has_suffix (html, "/index.html"));
  g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ----- The shortcuts window ----- */

/* "keyval modifiers", the same for Enter on the keypad and for either case. */
static char *
shortcut_key (guint           keyval,
              GdkModifierType modifiers)
{
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    keyval = GDK_KEY_Return;
  return g_strdup_printf ("%s %u", gdk_keyval_name (keyval),
                          modifiers & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK));
}

static void
add_accelerators (GHashTable *keys,
                  const char *accelerators,
                  const char *where)
{
  g_auto(GStrv) parts = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint keyval = 0;
      GdkModifierType modifiers = 0;

      if (parts[i][0] == '\0')
        continue;
      if (!gtk_accelerator_parse (parts[i], &keyval, &modifiers))
        g_error ("%s: cannot read the accelerator %s", where, parts[i]);
      g_hash_table_add (keys, shortcut_key (keyval, modifiers));
    }
}

/* What the shortcuts window lists. */
static GHashTable *
listed_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/limberapp/Limber/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (accelerator != NULL)
          add_accelerators (keys, accelerator, "help-overlay.ui");
      }
  g_slist_free (objects);

  return keys;
}

static GdkModifierType
parse_modifiers (const char *text)
{
  GdkModifierType modifiers = 0;

  if (strstr (text, "GDK_CONTROL_MASK") != NULL)
    modifiers |= GDK_CONTROL_MASK;
  if (strstr (text, "GDK_SHIFT_MASK") != NULL)
    modifiers |= GDK_SHIFT_MASK;
  if (strstr (text, "GDK_ALT_MASK") != NULL)
    modifiers |= GDK_ALT_MASK;
  return modifiers;
}

/* Every key the code binds: a widget class's bindings, shortcut triggers made in
 * code, and triggers and accels written in .ui files; "file: key" for the message. */
static GHashTable *
registered_shortcuts (void)
{
  const char *root = g_getenv ("LIMBER_SOURCE_ROOT");
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GRegex) code = NULL;
  g_autoptr(GRegex) ui = NULL;
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name;

  g_assert_nonnull (root);
  folder = g_build_filename (root, "src", "ui", NULL);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);

  code = g_regex_new ("(?:add_binding_action|add_binding_signal|add_binding|keyval_trigger_new)"
                      "\\s*\\(\\s*(?:widget_class\\s*,\\s*)?GDK_KEY_(\\w+)\\s*,\\s*([A-Z_|\\s0-9]+?)\\s*[,)]",
                      0, 0, NULL);
  ui = g_regex_new ("<(?:property name=\"trigger\"|attribute name=\"accel\")>([^<]+)<", 0, 0, NULL);
  g_assert_nonnull (code);
  g_assert_nonnull (ui);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".ui"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

      g_regex_match (code, text, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *key_name = g_match_info_fetch (match, 1);
          g_autofree char *mask = g_match_info_fetch (match, 2);
          guint keyval = gdk_keyval_from_name (key_name);

          g_assert_cmpuint (keyval, !=, GDK_KEY_VoidSymbol);
          g_hash_table_insert (keys, shortcut_key (keyval, parse_modifiers (mask)),
                               g_strdup_printf ("%s: GDK_KEY_%s %s", name, key_name, mask));
        }
      g_clear_pointer (&match, g_match_info_unref);

      g_regex_match (ui, text, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *trigger = g_match_info_fetch (match, 1);
          g_autoptr(GString) plain = g_string_new (trigger);
          guint keyval = 0;
          GdkModifierType modifiers = 0;

          /* The entities, as GtkBuilder reads them. */
          g_string_replace (plain, "&lt;", "<", 0);
          g_string_replace (plain, "&gt;", ">", 0);
          g_assert_true (gtk_accelerator_parse (plain->str, &keyval, &modifiers));
          g_hash_table_insert (keys, shortcut_key (keyval, modifiers),
                               g_strdup_printf ("%s: %s", name, trigger));
        }
    }

  return keys;
}

static void
test_shortcuts_window_complete (LimberTestFixture *fixture,
                                gconstpointer      data)
{
  g_autoptr(GHashTable) listed = listed_shortcuts ();
  g_autoptr(GHashTable) registered = registered_shortcuts ();
  g_auto(GStrv) actions = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  GtkApplication *app;
  GHashTableIter iter;
  gpointer key, where;

  limber_test_fixture_open_window (fixture);
  app = gtk_window_get_application (GTK_WINDOW (fixture->window));

  /* The application's accels (Quit, Help, the shortcuts window's own). */
  actions = gtk_application_list_action_descriptions (app);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval = 0;
          GdkModifierType modifiers = 0;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          g_hash_table_insert (registered, shortcut_key (keyval, modifiers),
                               g_strdup_printf ("%s: %s", actions[i], accels[j]));
        }
    }

  /* Enough found that the search itself works: Ctrl+F, Ctrl+N, Ctrl+Q at least. */
  g_assert_cmpuint (g_hash_table_size (registered), >=, 10);

  g_hash_table_iter_init (&iter, registered);
  while (g_hash_table_iter_next (&iter, &key, &where))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (missing, "\n  %s", (const char *) where);

  if (missing->len > 0)
    g_error ("The shortcuts window (src/ui/gtk/help-overlay.ui) does not list:%s", missing->str);
}

/* ----- Contrast ----- */

static double
relative_luminance (const GdkRGBA *color)
{
  double channels[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    channels[i] = channels[i] <= 0.03928 ? channels[i] / 12.92
                                         : pow ((channels[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

/* WCAG's contrast of text (its alpha blended) on its own tint over background. */
static double
pill_contrast (const GdkRGBA *text,
               double         tint,
               const GdkRGBA *background)
{
  GdkRGBA pill, shown;
  double a, b;

  pill.red = text->red * tint + background->red * (1 - tint);
  pill.green = text->green * tint + background->green * (1 - tint);
  pill.blue = text->blue * tint + background->blue * (1 - tint);
  shown.red = text->red * text->alpha + pill.red * (1 - text->alpha);
  shown.green = text->green * text->alpha + pill.green * (1 - text->alpha);
  shown.blue = text->blue * text->alpha + pill.blue * (1 - text->alpha);

  a = relative_luminance (&shown);
  b = relative_luminance (&pill);
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

static void
assert_pills_readable (GtkWidget  *window,
                       const char *background_text)
{
  const char *kinds[] = { "success", "error" };
  GdkRGBA background;

  g_assert_true (gdk_rgba_parse (&background, background_text));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *label = gtk_label_new ("improved");
      GdkRGBA color;

      gtk_widget_add_css_class (label, "status-pill");
      gtk_widget_add_css_class (label, kinds[i]);
      gtk_window_set_child (GTK_WINDOW (window), label);
      limber_test_drain_main_loop ();
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
G_GNUC_END_IGNORE_DEPRECATIONS
      if (pill_contrast (&color, 0.15, &background) < 4.5)
        g_error ("the %s pill's text has %.2f:1 on %s", kinds[i],
                 pill_contrast (&color, 0.15, &background), background_text);
    }
}

static void
test_status_pill_contrast (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();

  gtk_window_present (GTK_WINDOW (window));

  /* Light: a card (#ffffff) and the window (#fafafa). */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  assert_pills_readable (window, "#ffffff");
  assert_pills_readable (window, "#fafafa");

  /* Dark: a card (white at 8% over #242424), the window and a list. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  assert_pills_readable (window, "#363636");
  assert_pills_readable (window, "#242424");
  assert_pills_readable (window, "#1e1e1e");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The search fields and lists that GTK's and libadwaita's own windows build without
 * a name are named for screen readers: the shortcuts window's, the preferences'. */
static void
test_toolkit_windows_named (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  LimberWindow *window;
  GtkShortcutsWindow *overlay;
  GtkWidget *preferences;
  GtkWidget *add_list;
  g_autoptr(GPtrArray) lists = NULL;
  gboolean found_results = FALSE;

  limber_test_fixture_open_window (fixture);
  window = fixture_window (fixture);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, "Keyboard Shortcuts");
  g_assert_nonnull (limber_test_find_widget (overlay, GTK_TYPE_SEARCH_ENTRY));
  gtk_test_accessible_assert_property (limber_test_find_widget (overlay, GTK_TYPE_SEARCH_ENTRY),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search shortcuts");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  limber_test_drain_main_loop ();
  preferences = window->preferences_window;
  g_assert_nonnull (preferences);
  g_assert_nonnull (limber_test_find_widget (preferences, GTK_TYPE_SEARCH_ENTRY));
  gtk_test_accessible_assert_property (limber_test_find_widget (preferences, GTK_TYPE_SEARCH_ENTRY),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search preferences");

  /* The search's results have a name, like the pages' lists. */
  lists = limber_test_find_widgets (preferences, GTK_TYPE_LIST_BOX);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (lists, i);
      GtkWidget *page = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_PAGE);

      /* The search's results are on a page of libadwaita's own. */
      if (page == NULL || G_OBJECT_TYPE (page) == ADW_TYPE_PREFERENCES_PAGE)
        {
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               "Preferences found");
          found_results = TRUE;
        }
    }
  g_assert_true (found_results);
  /* The list that holds the field for a new therapist's name. */
  add_list = gtk_widget_get_ancestor (limber_test_find_widget (limber_test_find_widget (preferences,
                                                                                       LIMBER_TYPE_THERAPISTS_PAGE),
                                                              ADW_TYPE_ENTRY_ROW),
                                      GTK_TYPE_LIST_BOX);
  g_assert_nonnull (add_list);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (add_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add a therapist");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps the accessible properties for the
   * gtk_test_accessible_*() assertions. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (limber_test_ui_init (&argc, &argv) == NULL)
    return 77;

#define ADD_TEST(path, func) \
  g_test_add ((path), LimberTestFixture, NULL, limber_test_fixture_set_up_folder, (func), \
              limber_test_fixture_tear_down_window)

  ADD_TEST ("/ui-window/import-bad-file", test_import_bad_file);
  ADD_TEST ("/ui-window/import-good-file", test_import_good_file);
  ADD_TEST ("/ui-window/import-cancel", test_import_cancel);
  ADD_TEST ("/ui-window/export", test_export);
  ADD_TEST ("/ui-window/escape-ends-search", test_escape_ends_search);
  ADD_TEST ("/ui-window/demo-menu-item", test_demo_menu_item);
  ADD_TEST ("/ui-window/pages-fit-a-phone", test_pages_fit_a_phone);
  ADD_TEST ("/ui-window/help-fallback", test_help_fallback);
  ADD_TEST ("/ui-window/shortcuts-window-complete", test_shortcuts_window_complete);
  ADD_TEST ("/ui-window/toolkit-windows-named", test_toolkit_windows_named);

#undef ADD_TEST

  g_test_add_func ("/ui-window/status-pill-contrast", test_status_pill_contrast);

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
