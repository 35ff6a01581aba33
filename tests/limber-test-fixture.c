/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-test-fixture"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "limber-store-private.h"
#include "limber-test-fixture.h"

/* The migration file of data/sql whose name starts with the version's number. */
static char *
migration_file (guint version)
{
  g_autofree char *folder = g_build_filename (g_getenv ("LIMBER_SOURCE_ROOT"), "data", "sql", NULL);
  g_autofree char *prefix = g_strdup_printf ("%03u-", version);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".sql"))
      return g_build_filename (folder, name, NULL);

  g_error ("No migration %s*.sql in %s", prefix, folder);
}

LimberStore *
limber_test_store_new_at_schema (const char *path,
                                 guint       version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberStore) old = g_object_new (LIMBER_TYPE_STORE, NULL);

  old->path = g_strdup (path);
  g_assert_cmpint (sqlite3_open (path, &old->db), ==, SQLITE_OK);
  g_assert_true (limber_store_register_functions (old, &error));
  g_assert_true (limber_store_register_search_functions (old, &error));
  for (guint v = 1; v <= version; v++)
    {
      g_autofree char *file = migration_file (v);
      g_autofree char *sql = NULL;

      g_assert_true (g_file_get_contents (file, &sql, NULL, &error));
      g_assert_true (limber_store_exec (old, sql, &error));
    }
  g_assert_no_error (error);

  return g_steal_pointer (&old);
}

void
limber_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        limber_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

void
limber_test_fixture_set_up_folder (LimberTestFixture *fixture,
                                   gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = NULL;
}

void
limber_test_fixture_set_up (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  limber_test_fixture_set_up_folder (fixture, data);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

void
limber_test_fixture_tear_down (LimberTestFixture *fixture,
                               gconstpointer      data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));

  limber_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

char *
limber_test_fixture_build_path (LimberTestFixture *fixture,
                                const char        *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

#ifdef LIMBER_TEST_FIXTURE_UI
/* ----- UI suites ----- */

#include <stdio.h>

#include "limber-demo.h"
#include "limber-text.h"
#include "limber-window.h"

#define WAIT_SECONDS 10

static LimberApplication *ui_app;
static char *ui_home;

LimberApplication *
limber_test_ui_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GError) error = NULL;

  ui_home = g_dir_make_tmp ("limber-test-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", ui_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", ui_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", ui_home, TRUE);
  g_setenv ("XDG_STATE_HOME", ui_home, TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display to open windows on (run under xvfb-run)\n");
      limber_test_remove_tree (ui_home);
      g_clear_pointer (&ui_home, g_free);
      return NULL;
    }

  ui_app = limber_application_new ();
  g_application_set_flags (G_APPLICATION (ui_app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (ui_app), NULL, &error);
  g_assert_no_error (error);

  return ui_app;
}

void
limber_test_ui_finish (void)
{
  g_clear_object (&ui_app);
  if (ui_home != NULL)
    limber_test_remove_tree (ui_home);
  g_clear_pointer (&ui_home, g_free);
}

void
limber_test_fixture_open_window (LimberTestFixture *fixture)
{
  g_assert_nonnull (ui_app);
  g_assert_null (fixture->window);

  fixture->window = limber_window_new (ui_app, fixture->path);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  limber_test_drain_main_loop ();
}

void
limber_test_fixture_tear_down_window (LimberTestFixture *fixture,
                                      gconstpointer      data)
{
  /* Windows the test opened besides the main one (dialogs) go with it. */
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  limber_test_wait_until_cleared ((gpointer *) &fixture->window);

  limber_test_fixture_tear_down (fixture, data);
}

void
limber_test_fixture_fill_demo (LimberTestFixture *fixture)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_demo_fill (store, &error));
  g_assert_no_error (error);
}

static gboolean
pointer_is_cleared (gpointer data)
{
  gpointer *pointer = data;

  return *pointer == NULL;
}

gboolean
limber_test_wait_until (LimberTestCondition condition,
                        gpointer            data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

typedef struct
{
  LimberTestFixture          *fixture;
  LimberTestFixtureCondition  condition;
  gconstpointer               data;
} FixtureCondition;

static gboolean
fixture_condition_holds (gpointer data)
{
  FixtureCondition *check = data;

  return check->condition (check->fixture, check->data);
}

gboolean
limber_test_fixture_wait_until (LimberTestFixture          *fixture,
                                LimberTestFixtureCondition  condition,
                                gconstpointer               data)
{
  FixtureCondition check = { fixture, condition, data };

  return limber_test_wait_until (fixture_condition_holds, &check);
}

/* For a weak pointer to an object that work on another thread may still hold: the
 * window's background integrity check keeps the window until its thread returns,
 * which on a busy machine can be after a test's last step. */
void
limber_test_wait_until_cleared (gpointer *weak_pointer)
{
  limber_test_drain_main_loop ();
  g_assert_true (limber_test_wait_until (pointer_is_cleared, weak_pointer));
}

void
limber_test_drain_main_loop (void)
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

GPtrArray *
limber_test_find_widgets (gpointer root,
                          GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, found);
  return found;
}

gpointer
limber_test_find_widget (gpointer root,
                         GType    type)
{
  g_autoptr(GPtrArray) found = limber_test_find_widgets (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

GtkWidget *
limber_test_find_button (gpointer    root,
                         const char *text)
{
  g_autoptr(GPtrArray) buttons = limber_test_find_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), text) == 0
          || g_strcmp0 (gtk_widget_get_tooltip_text (button), text) == 0)
        return button;
    }

  return NULL;
}

GtkWidget *
limber_test_find_button_with_action (gpointer    root,
                                     const char *action_name)
{
  g_autoptr(GPtrArray) buttons = limber_test_find_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), action_name) == 0)
        return GTK_WIDGET (button);
    }

  return NULL;
}

GtkWidget *
limber_test_find_row (gpointer    root,
                      const char *title)
{
  g_autoptr(GPtrArray) rows = limber_test_find_widgets (root, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

gpointer
limber_test_find_toplevel (GType type)
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

void
limber_test_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  limber_test_drain_main_loop ();
}

void
limber_test_type_into (GtkWidget  *editable,
                       const char *text)
{
  g_assert_nonnull (editable);
  gtk_widget_grab_focus (editable);
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  limber_test_drain_main_loop ();
}

gboolean
limber_test_has_keyboard_focus (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

const char *
limber_test_get_shown_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (LIMBER_IS_TEXT (widget))
    return limber_text_get_text (LIMBER_TEXT (widget));

  return NULL;
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *found)
{
  if (limber_test_get_shown_text (widget) != NULL)
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, found);
}

GPtrArray *
limber_test_find_texts (gpointer root)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_texts (GTK_WIDGET (root), found);
  return found;
}

GtkWidget *
limber_test_find_label_containing (gpointer    root,
                                   const char *text)
{
  g_autoptr(GPtrArray) labels = limber_test_find_texts (root);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (limber_test_get_shown_text (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);

  return NULL;
}
#endif
