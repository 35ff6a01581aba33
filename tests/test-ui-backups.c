/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-backups"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "limber-application.h"
#include "limber-background-check.h"
#include "limber-backups-page.h"
#include "limber-patient-list.h"
#include "limber-preferences-window.h"
#include "limber-store.h"
#include "limber-window-private.h"
#include "limber-window-restore.h"
#include "limber-test-fixture.h"

/* Preferences → Backups and the banner of a failed check, through the real widgets:
 * Back Up Now adds a backup; Restore… asks, names what it replaces, and the window
 * then shows the restored records from a new connection; the demo clinic refuses;
 * a damaged database gets a banner that stays. */

/* ----- Helpers ----- */

static void
close_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      limber_test_drain_main_loop ();
    }
}

static void
add_patient (LimberStore *store,
             const char  *mrn,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberPatient) patient = limber_patient_new (mrn, name, NULL);

  g_assert_true (limber_store_add_patient (store, patient, &error));
  g_assert_no_error (error);
}

static guint
listed_patients (LimberTestFixture *fixture)
{
  g_assert_nonnull (fixture->window->patients);
  return limber_patient_list_get_n_patients (fixture->window->patients);
}

/* ----- Fixture ----- */

/* The clinic holds one patient, and the window is open on it. */
static void
fixture_set_up (LimberTestFixture *fixture,
                gconstpointer      data)
{
  limber_test_fixture_set_up (fixture, data);
  add_patient (fixture->store, "B-1", "Ada Before");
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  limber_test_fixture_open_window (fixture);
}

static void
fixture_tear_down (LimberTestFixture *fixture,
                   gconstpointer      data)
{
  close_dialogs ();
  limber_test_fixture_tear_down_window (fixture, data);
}

static LimberBackupsPage *
open_backups_page (LimberTestFixture *fixture)
{
  LimberBackupsPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  limber_test_drain_main_loop ();
  g_assert_true (LIMBER_IS_PREFERENCES_WINDOW (fixture->window->preferences_window));
  page = limber_test_find_widget (fixture->window->preferences_window, LIMBER_TYPE_BACKUPS_PAGE);
  g_assert_nonnull (page);
  return page;
}

static gboolean
page_is_idle (gpointer page)
{
  return !limber_backups_page_is_busy (page);
}

/* ----- Tests ----- */

static void
test_back_up_now (LimberTestFixture *fixture,
                  gconstpointer      data)
{
  LimberBackupsPage *page = open_backups_page (fixture);
  GPtrArray *rows = limber_backups_page_get_rows (page);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *restore_name = NULL;
  const char *title;

  g_assert_null (limber_backups_page_get_refusal (page));
  g_assert_cmpuint (rows->len, ==, 0);

  /* Back Up Now runs in a thread; the page then lists the new backup by its date in
   * words, with its size, and a Restore… button named for it. */
  limber_test_click (limber_test_find_button (page, "_Back Up Now"));
  g_assert_true (limber_test_wait_until (page_is_idle, page));
  g_assert_null (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  backups = limber_store_list_backups (fixture->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  rows = limber_backups_page_get_rows (page);
  g_assert_cmpuint (rows->len, ==, 1);
  title = adw_preferences_row_get_title (g_ptr_array_index (rows, 0));
  g_assert_true (g_str_has_prefix (title, "Today at "));
  g_assert_nonnull (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)));
  restore_name = g_strdup_printf ("Restore the backup (%s)", title);
  g_assert_nonnull (limber_test_find_button (g_ptr_array_index (rows, 0), restore_name));
}

static gboolean
store_replaced (gpointer data)
{
  LimberTestFixture *fixture = data;

  return fixture->window->preferences_window == NULL && fixture->window->store != NULL;
}

static void
test_restore (LimberTestFixture *fixture,
              gconstpointer      data)
{
  LimberBackupsPage *page = open_backups_page (fixture);
  LimberStore *old_store = fixture->window->store;
  g_autofree char *folder = limber_store_get_backup_folder_for (fixture->path);
  g_autoptr(GDir) dir = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *restore;
  const char *body;
  const char *name;
  guint n_kept = 0;

  limber_test_click (limber_test_find_button (page, "_Back Up Now"));
  g_assert_true (limber_test_wait_until (page_is_idle, page));
  g_assert_cmpuint (limber_backups_page_get_rows (page)->len, ==, 1);

  /* A change after the backup. */
  add_patient (fixture->window->store, "A-1", "Bea After");
  limber_test_drain_main_loop ();
  g_assert_cmpuint (listed_patients (fixture), ==, 2);

  /* Restore… asks first, naming the file replaced, the backup's date and where the
   * current records are kept; Cancel changes nothing. */
  restore = limber_test_find_button (g_ptr_array_index (limber_backups_page_get_rows (page), 0), "_Restore…");
  limber_test_click (restore);
  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, fixture->path));
  g_assert_nonnull (strstr (body, "Today at "));
  g_assert_nonnull (strstr (body, folder));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "cancel");
  limber_test_drain_main_loop ();
  g_assert_true (fixture->window->store == old_store);
  g_assert_cmpuint (listed_patients (fixture), ==, 2);

  limber_test_click (restore);
  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (old_store), (gpointer *) &old_store);
  adw_message_dialog_response (dialog, "restore");
  g_assert_true (limber_test_wait_until (store_replaced, fixture));

  /* The old connection is gone; the window shows the backup's records from a new
   * one, and so does the file. */
  g_assert_null (old_store);
  g_assert_cmpuint (limber_store_count_patients (fixture->window->store, NULL), ==, 1);
  g_assert_cmpuint (listed_patients (fixture), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LimberPatient) gone = limber_store_find_patient (fixture->window->store, "A-1",
                                                               &error);

    g_assert_no_error (error);
    g_assert_null (gone);
  }

  /* The records replaced are kept beside the backups. */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "clinic-before-restore-"))
      n_kept++;
  g_assert_cmpuint (n_kept, ==, 1);

  /* The page lists them below the backups; restoring them undoes the restore. */
  page = open_backups_page (fixture);
  g_assert_cmpuint (limber_backups_page_get_rows (page)->len, ==, 1);
  g_assert_cmpuint (limber_backups_page_get_replaced_rows (page)->len, ==, 1);
  restore = g_ptr_array_index (limber_backups_page_get_replaced_rows (page), 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (restore)),
                                   "Today at "));
  limber_test_click (limber_test_find_button (restore, "_Restore…"));
  dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  g_assert_true (limber_test_wait_until (store_replaced, fixture));
  g_assert_cmpuint (listed_patients (fixture), ==, 2);
  g_assert_cmpuint (limber_store_count_patients (fixture->window->store, NULL), ==, 2);
}

static void
test_refused_in_demo (LimberTestFixture *fixture,
                      gconstpointer      data)
{
  LimberBackupsPage *page;
  g_autofree char *refusal = NULL;

  limber_window_open_demo_clinic (fixture->window);
  limber_test_drain_main_loop ();
  page = open_backups_page (fixture);

  g_assert_nonnull (limber_backups_page_get_refusal (page));
  g_assert_nonnull (strstr (limber_backups_page_get_refusal (page), "demo clinic"));
  g_assert_false (gtk_widget_is_sensitive (limber_test_find_button (page, "_Back Up Now")));
  g_assert_false (limber_backups_page_back_up (page));
  refusal = limber_window_get_restore_refusal (fixture->window);
  g_assert_nonnull (refusal);
}

static gboolean
banner_shown (gpointer data)
{
  LimberTestFixture *fixture = data;

  return limber_background_check_get_banner (fixture->window) != NULL;
}

/* Overwrites the last page of the file: the schema, at its start, still reads, so
 * that the database opens as quickly as ever and only the full check finds it. */
static void
damage_last_page (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + length - 4096, 0xff, 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_banner (LimberTestFixture *fixture,
             gconstpointer      data)
{
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;

  {
    g_autoptr(LimberStore) store = limber_store_open (damaged, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 300; i++)
      {
        g_autofree char *mrn = g_strdup_printf ("D-%03u", i);
        g_autofree char *name = g_strdup_printf ("Dana Damaged %u with a long name", i);

        add_patient (store, mrn, name);
      }
  }
  damage_last_page (damaged);

  /* The damaged file opens, then the check in the background finds it: a banner
   * says so at the foot of the window, and stays. */
  g_assert_true (limber_window_open_database (fixture->window, damaged));
  g_test_expect_message ("limber-background-check", G_LOG_LEVEL_WARNING,
                         "The check of * found a problem*");
  limber_background_check_attach (fixture->window);
  g_assert_true (limber_test_wait_until (banner_shown, fixture));
  g_test_assert_expected_messages ();
  banner = limber_background_check_get_banner (fixture->window);
  g_assert_true (gtk_widget_is_visible (banner));
  g_assert_true (gtk_widget_is_ancestor (banner, GTK_WIDGET (fixture->window->banner_area)));
  g_assert_nonnull (limber_background_check_get_problem (fixture->window));
  g_usleep (G_USEC_PER_SEC / 10);
  limber_test_drain_main_loop ();
  g_assert_nonnull (limber_background_check_get_banner (fixture->window));

  /* Details explains what was found and what to do. */
  limber_test_click (limber_test_find_button (banner, "_Details"));
  {
    AdwMessageDialog *dialog = limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                              limber_background_check_get_problem (fixture->window)));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "backup"));
  }
  close_dialogs ();

  /* Another database: the banner goes. */
  g_assert_true (limber_window_open_database (fixture->window, fixture->path));
  limber_test_drain_main_loop ();
  g_assert_null (limber_background_check_get_banner (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (limber_test_ui_init (&argc, &argv) == NULL)
    return 77;

#define ADD_TEST(path, func) \
  g_test_add ((path), LimberTestFixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/ui-backups/back-up-now", test_back_up_now);
  ADD_TEST ("/ui-backups/restore", test_restore);
  ADD_TEST ("/ui-backups/refused-in-demo", test_refused_in_demo);
  ADD_TEST ("/ui-backups/banner", test_banner);

#undef ADD_TEST

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
