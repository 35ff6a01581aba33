/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-long-work"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "limber-background-check.h"
#include "limber-patient-list.h"
#include "limber-store-private.h"
#include "limber-test-fixture.h"
#include "limber-window-private.h"
#include "limber-window-restore.h"

/* Long work on the whole database, through the real window: a restore runs in a
 * thread while the window shows each of its steps, then shows the restored
 * records; a backup that fails, or a restore cancelled while it waits for the file,
 * leaves the records as they were; a file of an older
 * schema is upgraded in a thread behind a page that keeps the records out of
 * reach; and the banner of a failed check is seen in a window 360 pixels wide,
 * whichever pane it shows. */

static LimberApplication *app;

/* ----- Helpers ----- */

/* Opens the window on fixture->path at width × height, without running the main
 * loop: long work started while it is made has not ended yet. */
static void
open_window (LimberTestFixture *fixture,
             int                width,
             int                height)
{
  fixture->window = limber_window_new (app, fixture->path);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
add_patient (LimberStore *store,
             const char  *mrn,
             const char  *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPatient) patient = limber_patient_new (mrn, name, NULL);

  g_assert_true (limber_store_add_patient (store, patient, &error));
  g_assert_no_error (error);
}

/* n patients in one transaction, so that the file has pages enough to damage. */
static void
add_patients (LimberStore *store,
              const char  *prefix,
              guint        n)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_store_begin (store, "add patients", &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("%s-%03u", prefix, i);

      add_patient (store, mrn, "Pat Padding with a long name for more pages");
    }
  g_assert_true (limber_store_end (store, TRUE, &error));
  g_assert_no_error (error);
}

static guint
listed_patients (LimberWindow *window)
{
  g_assert_nonnull (window->patients);
  return limber_patient_list_get_n_patients (window->patients);
}

static const char *
visible_page (LimberWindow *window)
{
  return gtk_stack_get_visible_child_name (window->main_stack);
}

static gboolean
window_not_busy (gpointer data)
{
  LimberWindow *window = data;

  return !window->busy;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

static gint64
file_int (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The page shows the work in words that a screen reader reads too. */
static void
assert_busy_page (LimberWindow *window,
                  const char   *title)
{
  g_autofree char *path = NULL;

  g_assert_true (window->busy);
  g_assert_null (window->store);
  g_assert_cmpstr (visible_page (window), ==, "busy");
  g_assert_cmpstr (adw_status_page_get_title (window->busy_page), ==, title);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->busy_spinner)));
  g_assert_true (gtk_spinner_get_spinning (window->busy_spinner));
  gtk_test_accessible_assert_property (window->busy_spinner, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       title);
  gtk_test_accessible_assert_property (window->busy_progress, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       title);
  /* Nothing reaches the records meanwhile. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->patient_list)));
  path = g_strdup (window->database_path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-patient", NULL);
  g_assert_null (window->add_patient_dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_cmpstr (window->database_path, ==, path);
  g_assert_true (window->busy);
}

/* ----- Restore ----- */

typedef struct
{
  gboolean      done;
  gboolean      restored;
  char         *kept;
  GError       *error;
  GPtrArray    *steps_seen;  /* the progress bar's texts while busy, in order */
  GArray       *fractions;
} RestoreResult;

static void
on_restored_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RestoreResult *outcome = user_data;

  outcome->restored = limber_window_restore_backup_finish (result, &outcome->kept,
                                                           &outcome->error);
  outcome->done = TRUE;
}

static gboolean
restore_done (gpointer data)
{
  return ((RestoreResult *) data)->done;
}

static void
on_progress_text_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     RestoreResult  *outcome)
{
  const char *text = gtk_progress_bar_get_text (bar);
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (text == NULL || (outcome->steps_seen->len > 0
                       && g_str_equal (text, g_ptr_array_index (outcome->steps_seen,
                                                                outcome->steps_seen->len - 1))))
    return;
  g_ptr_array_add (outcome->steps_seen, g_strdup (text));
  g_array_append_val (outcome->fractions, fraction);
}

static void
restore_result_clear (RestoreResult *outcome)
{
  g_clear_pointer (&outcome->kept, g_free);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->steps_seen, g_ptr_array_unref);
  g_clear_pointer (&outcome->fractions, g_array_unref);
}

static void
start_restore (LimberTestFixture *fixture,
               const char        *backup,
               RestoreResult     *outcome)
{
  LimberWindow *window = fixture->window;

  outcome->steps_seen = g_ptr_array_new_with_free_func (g_free);
  outcome->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (window->busy_progress, "notify::text", G_CALLBACK (on_progress_text_cb),
                    outcome);
  limber_window_restore_backup_async (window, backup, on_restored_cb, outcome);
}

static void
finish_restore (LimberTestFixture *fixture,
                RestoreResult     *outcome)
{
  g_assert_true (limber_test_wait_until (restore_done, outcome));
  g_signal_handlers_disconnect_by_func (fixture->window->busy_progress, on_progress_text_cb,
                                        outcome);
  g_assert_false (fixture->window->busy);
}

static void
test_restore_in_thread (LimberTestFixture *fixture,
                        gconstpointer      data)
{
  g_autofree char *backup = limber_test_fixture_build_path (fixture, "monday.sqlite");
  const char *expected_steps[] = {
    "Keeping a copy of the current records…",
    "Putting the backup in place…",
    "Opening the restored records…",
  };
  RestoreResult outcome = { 0 };
  g_autoptr (GError) error = NULL;

  add_patient (fixture->store, "B-1", "Ada Before");
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, &error));
  g_assert_no_error (error);
  add_patient (fixture->store, "A-1", "Bea After");
  g_clear_object (&fixture->store);
  limber_test_fixture_open_window (fixture);
  g_assert_cmpuint (listed_patients (fixture->window), ==, 2);

  /* The call returns at once: the window shows the restore, not the records. */
  start_restore (fixture, backup, &outcome);
  g_assert_false (outcome.done);
  assert_busy_page (fixture->window, "Restoring the Backup");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->busy_progress)));
  g_assert_cmpstr (gtk_label_get_text (fixture->window->busy_step), ==,
                   "Checking that the backup is whole…");
  /* The bar says how much of the backup is checked: it starts empty and does not
   * move to and fro. */
  g_assert_cmpuint (fixture->window->busy_pulse_id, ==, 0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (fixture->window->busy_progress), ==, 0);
  gtk_test_accessible_assert_property (fixture->window->busy_progress,
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Checking that the backup is whole…");
  g_assert_true (gtk_widget_get_visible (fixture->window->busy_cancel_button));

  /* The main loop runs meanwhile: each step reaches the progress bar, in order, and
   * the bar moves forward. */
  finish_restore (fixture, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.restored);
  g_assert_cmpuint (outcome.steps_seen->len, >=, G_N_ELEMENTS (expected_steps));
  for (guint i = 0; i < G_N_ELEMENTS (expected_steps); i++)
    {
      g_assert_cmpstr (g_ptr_array_index (outcome.steps_seen,
                                          outcome.steps_seen->len
                                          - G_N_ELEMENTS (expected_steps) + i),
                       ==, expected_steps[i]);
      if (i > 0)
        g_assert_cmpfloat (g_array_index (outcome.fractions, double,
                                          outcome.fractions->len - G_N_ELEMENTS (expected_steps) + i),
                           >, g_array_index (outcome.fractions, double,
                                             outcome.fractions->len - G_N_ELEMENTS (expected_steps) + i - 1));
    }

  g_assert_cmpuint (fixture->window->busy_pulse_id, ==, 0);

  /* Before those steps, the check of the backup in hundredths, forward only. */
  {
    guint n_checking = outcome.steps_seen->len - G_N_ELEMENTS (expected_steps);
    guint first = 0;
    int last_percent = -1;

    /* The window's daily check, which reads the records at the least priority, may
     * still be reading them: then the restore says that it waits for it. */
    if (n_checking > 0
        && g_str_has_prefix (g_ptr_array_index (outcome.steps_seen, n_checking - 1),
                             "Waiting until the records are no longer in use"))
      n_checking--;

    /* First what the page says as the restore starts, the step's name alone. */
    while (first < n_checking
           && !g_str_has_suffix (g_ptr_array_index (outcome.steps_seen, first), " %"))
      first++;
    g_assert_cmpuint (n_checking - first, >=, 3);
    for (guint i = first; i < n_checking; i++)
      {
        const char *text = g_ptr_array_index (outcome.steps_seen, i);
        int percent;

        g_assert_true (g_str_has_prefix (text, "Checking that the backup is whole… "));
        g_assert_true (g_str_has_suffix (text, " %"));
        percent = atoi (text + strlen ("Checking that the backup is whole… "));
        g_assert_cmpint (percent, >, last_percent);
        g_assert_cmpint (percent, <, 100);
        g_assert_cmpfloat (g_array_index (outcome.fractions, double, i), <,
                           g_array_index (outcome.fractions, double, n_checking));
        if (i > first)
          g_assert_cmpfloat (g_array_index (outcome.fractions, double, i), >,
                             g_array_index (outcome.fractions, double, i - 1));
        last_percent = percent;
      }
  }

  /* Then the restored records, from a connection of their own. */
  g_assert_cmpstr (visible_page (fixture->window), ==, "patients");
  g_assert_nonnull (fixture->window->store);
  g_assert_cmpuint (listed_patients (fixture->window), ==, 1);
  g_assert_true (g_file_test (outcome.kept, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient",
                                             NULL));
  limber_test_drain_main_loop ();
  restore_result_clear (&outcome);
}

static void
close_message_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      limber_test_drain_main_loop ();
    }
}

/* A damaged backup: the window says why, and shows the records as they were. */
static void
test_restore_fails (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autofree char *backup = limber_test_fixture_build_path (fixture, "bad.sqlite");
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  RestoreResult outcome = { 0 };
  AdwMessageDialog *dialog;
  gsize length = 0;

  add_patient (fixture->store, "B-1", "Ada Before");
  add_patients (fixture->store, "P", 200);
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, NULL));
  add_patient (fixture->store, "A-1", "Bea After");
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  memset (contents + length - 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  limber_test_fixture_open_window (fixture);
  before = read_bytes (fixture->path);

  start_restore (fixture, backup, &outcome);
  assert_busy_page (fixture->window, "Restoring the Backup");
  finish_restore (fixture, &outcome);

  g_assert_false (outcome.restored);
  g_assert_error (outcome.error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT);
  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Backup Was Not Restored");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing was restored"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "damaged"));
  close_message_dialogs ();

  g_assert_cmpstr (visible_page (fixture->window), ==, "patients");
  g_assert_cmpuint (listed_patients (fixture->window), ==, 202);
  {
    g_autoptr (GPtrArray) replaced = limber_store_list_replaced (fixture->path, NULL);

    g_assert_cmpuint (replaced->len, ==, 0);
  }
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  restore_result_clear (&outcome);
}

static gboolean
restore_waiting (gpointer data)
{
  LimberWindow *window = data;

  return g_str_has_prefix (gtk_label_get_text (window->busy_step), "Waiting until the records");
}

/* While something else has the file open the restore waits, says so, and Cancel
 * then leaves everything as it was. */
static void
test_restore_cancel (LimberTestFixture *fixture,
                     gconstpointer      data)
{
  g_autofree char *backup = limber_test_fixture_build_path (fixture, "monday.sqlite");
  g_autoptr (GPtrArray) replaced = NULL;
  RestoreResult outcome = { 0 };

  add_patient (fixture->store, "B-1", "Ada Before");
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, NULL));
  add_patient (fixture->store, "A-1", "Bea After");
  /* fixture->store stays open, as the daily check's connection would. */
  limber_test_fixture_open_window (fixture);

  start_restore (fixture, backup, &outcome);
  assert_busy_page (fixture->window, "Restoring the Backup");
  g_assert_true (limber_test_wait_until (restore_waiting, fixture->window));
  g_assert_false (outcome.done);
  gtk_test_accessible_assert_property (fixture->window->busy_progress,
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       gtk_label_get_text (fixture->window->busy_step));

  limber_test_click (fixture->window->busy_cancel_button);
  g_assert_false (gtk_widget_is_sensitive (fixture->window->busy_cancel_button));
  finish_restore (fixture, &outcome);
  g_assert_false (outcome.restored);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The records as they were, from the window's own connection again. */
  g_assert_cmpstr (visible_page (fixture->window), ==, "patients");
  g_assert_cmpuint (listed_patients (fixture->window), ==, 2);
  replaced = limber_store_list_replaced (fixture->path, NULL);
  g_assert_cmpuint (replaced->len, ==, 0);
  restore_result_clear (&outcome);
}

/* A window closed while it restores: the restore stops or ends, the file is whole,
 * and nothing is shown in the window that has gone. */
static void
test_restore_window_closed (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  g_autofree char *backup = limber_test_fixture_build_path (fixture, "monday.sqlite");
  RestoreResult outcome = { 0 };
  LimberWindow *held;
  guint n_patients;

  add_patient (fixture->store, "B-1", "Ada Before");
  g_assert_true (limber_store_backup (fixture->store, backup, NULL, NULL));
  add_patient (fixture->store, "A-1", "Bea After");
  g_clear_object (&fixture->store);
  limber_test_fixture_open_window (fixture);

  start_restore (fixture, backup, &outcome);
  g_signal_handlers_disconnect_by_func (fixture->window->busy_progress, on_progress_text_cb,
                                        &outcome);
  /* Held, as a dialog or a toast may hold it, past its closing. */
  held = g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_true (limber_test_wait_until (restore_done, &outcome));
  g_clear_object (&held);
  limber_test_wait_until_cleared ((gpointer *) &fixture->window);

  if (outcome.restored)
    n_patients = 1;
  else
    {
      g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      n_patients = 2;
    }
  fixture->store = limber_store_open (fixture->path, NULL);
  g_assert_nonnull (fixture->store);
  g_assert_cmpuint (limber_store_count_patients (fixture->store, NULL), ==, n_patients);
  g_clear_object (&fixture->store);
  restore_result_clear (&outcome);
}

/* ----- Upgrade on open ----- */

/* A database of schema 6, as the Limber before schema 7 made it, with one patient
 * and a session; with an orphan, the measurement that schema 7's copy refuses. */
static void
write_schema_6 (const char *path,
                gboolean    with_orphan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) old = NULL;

  old = limber_test_store_new_at_schema (path, 6);
  g_assert_true (limber_store_begin (old, "record session", &error));
  g_assert_true (limber_store_exec (old, "PRAGMA application_id = 1280131666; "
                                         "PRAGMA user_version = 6;"
                                         "INSERT INTO patient (id, mrn, name) VALUES (1, 'O-1', 'Olga Older');"
                                         "INSERT INTO episode (id, patient_id, condition, start_date) "
                                         "VALUES (1, 1, 'knee_pain', '2026-01-05');"
                                         "INSERT INTO session (id, episode_id, date) VALUES (1, 1, '2026-01-05');"
                                         "INSERT INTO measurement (id, session_id, measure, side, value) "
                                         "VALUES (7, 1, 'pain.nprs', '', 6);",
                                    &error));
  if (with_orphan)
    g_assert_true (limber_store_exec (old, "PRAGMA foreign_keys = OFF;", &error));
  g_assert_true (limber_store_end (old, TRUE, &error));
  if (with_orphan)
    {
      g_assert_true (limber_store_exec (old, "PRAGMA foreign_keys = OFF;", &error));
      g_assert_true (limber_store_begin (old, "record session", &error));
      g_assert_true (limber_store_exec (old, "INSERT INTO measurement (id, session_id, measure, "
                                             "side, value) VALUES (8, 99, 'pain.nprs', '', 3);",
                                        &error));
      g_assert_true (limber_store_end (old, TRUE, &error));
    }
  g_assert_no_error (error);
}

static void
test_upgrade_on_open (LimberTestFixture *fixture,
                      gconstpointer      data)
{
  write_schema_6 (fixture->path, FALSE);
  g_assert_true (limber_store_needs_upgrade (fixture->path));

  /* The window shows at once, saying what it does; the records wait. */
  open_window (fixture, 1000, 700);
  assert_busy_page (fixture->window, "Updating the Clinic’s Records");
  g_assert_nonnull (strstr (adw_status_page_get_description (fixture->window->busy_page),
                            "Updating the clinic’s records for this version of Limber…"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->busy_progress)));
  g_assert_false (gtk_widget_get_visible (fixture->window->busy_cancel_button));

  g_assert_true (limber_test_wait_until (window_not_busy, fixture->window));
  g_assert_cmpstr (visible_page (fixture->window), ==, "patients");
  g_assert_cmpuint (listed_patients (fixture->window), ==, 1);
  g_assert_false (limber_store_needs_upgrade (fixture->path));
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==,
                   limber_store_get_schema_version ());
}

/* An upgrade that fails leaves the file as it was, at its schema, and says why. */
static void
test_upgrade_fails (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *description = NULL;

  write_schema_6 (fixture->path, TRUE);
  before = read_bytes (fixture->path);

  open_window (fixture, 1000, 700);
  assert_busy_page (fixture->window, "Updating the Clinic’s Records");
  g_assert_true (limber_test_wait_until (window_not_busy, fixture->window));

  g_assert_cmpstr (visible_page (fixture->window), ==, "error");
  g_assert_null (fixture->window->store);
  g_object_get (fixture->window->error_page, "description", &description, NULL);
  g_assert_nonnull (strstr (description, "Could not upgrade"));
  g_assert_nonnull (strstr (description, "it keeps schema 6"));
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 6);
}

/* ----- The banner in a narrow window ----- */

static gboolean
banner_shown (gpointer data)
{
  return limber_background_check_get_banner (data) != NULL;
}

static gboolean
leaflet_settled (gpointer data)
{
  LimberWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet)
         && !adw_leaflet_get_child_transition_running (window->leaflet);
}

static gboolean
laid_out (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100
         && gtk_widget_get_height (widget) > 10;
}

/* Mapped, and drawn inside the window: not off its edge, not zero-sized. */
static void
assert_seen (LimberWindow *window,
             GtkWidget    *widget)
{
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  /* Laid out at the next frame, unless it is off screen. */
  g_assert_true (limber_test_wait_until (laid_out, widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_test_message ("banner at %.0f,%.0f %.0f×%.0f in a window of %d×%d", bounds.origin.x,
                  bounds.origin.y, bounds.size.width, bounds.size.height, width, height);
  g_assert_cmpfloat (bounds.size.width, >, 100);
  g_assert_cmpfloat (bounds.size.height, >, 10);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
}

static void
test_banner_narrow (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autofree char *contents = NULL;
  GtkWidget *banner;
  gsize length = 0;

  add_patients (fixture->store, "D", 300);
  g_clear_object (&fixture->store);
  /* The last page overwritten: the file opens, and only the full check finds it. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  memset (contents + length - 4096, 0xff, 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  open_window (fixture, 360, 640);
  g_assert_true (limber_test_wait_until (leaflet_settled, fixture->window));
  g_test_expect_message ("limber-background-check", G_LOG_LEVEL_WARNING,
                         "The check of * found a problem*");
  limber_background_check_attach (fixture->window);
  g_assert_true (limber_test_wait_until (banner_shown, fixture->window));
  g_test_assert_expected_messages ();
  banner = limber_background_check_get_banner (fixture->window);
  limber_test_drain_main_loop ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);

  /* The patient list… */
  g_assert_true (adw_leaflet_get_visible_child (fixture->window->leaflet)
                 == fixture->window->sidebar);
  assert_seen (fixture->window, banner);

  /* …and a patient, the list out of view. */
  {
    g_autoptr (LimberPatient) first = g_list_model_get_item (G_LIST_MODEL (fixture->window->patients), 0);

    g_assert_true (limber_window_select_patient (fixture->window, limber_patient_get_id (first)));
  }
  g_assert_true (limber_test_wait_until (leaflet_settled, fixture->window));
  limber_test_drain_main_loop ();
  g_assert_true (adw_leaflet_get_visible_child (fixture->window->leaflet)
                 == fixture->window->content);
  g_assert_false (gtk_widget_get_child_visible (fixture->window->sidebar));
  assert_seen (fixture->window, banner);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's own accessibility for tests, so that the names given can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = limber_test_ui_init (&argc, &argv);
  if (app == NULL)
    return 77;

#define ADD(path, func) \
  g_test_add (path, LimberTestFixture, NULL, limber_test_fixture_set_up, func, \
              limber_test_fixture_tear_down_window)
#define ADD_EMPTY(path, func) \
  g_test_add (path, LimberTestFixture, NULL, limber_test_fixture_set_up_folder, func, \
              limber_test_fixture_tear_down_window)

  ADD ("/ui-long-work/restore-in-thread", test_restore_in_thread);
  ADD ("/ui-long-work/restore-fails", test_restore_fails);
  ADD ("/ui-long-work/restore-cancel", test_restore_cancel);
  ADD ("/ui-long-work/restore-window-closed", test_restore_window_closed);
  ADD_EMPTY ("/ui-long-work/upgrade-on-open", test_upgrade_on_open);
  ADD_EMPTY ("/ui-long-work/upgrade-fails", test_upgrade_fails);
  ADD ("/ui-long-work/banner-narrow", test_banner_narrow);

#undef ADD
#undef ADD_EMPTY

  status = g_test_run ();
  limber_test_ui_finish ();
  return status;
}
