/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* The fixture most suites share: a temporary folder of their own and, in it, a new
 * clinic database. Use with g_test_add (path, LimberTestFixture, NULL,
 * limber_test_fixture_set_up, test_func, limber_test_fixture_tear_down). */
typedef struct
{
  char        *dir;    /* the temporary folder */
  char        *path;   /* dir/clinic.sqlite */
  LimberStore *store;  /* open on path; NULL with limber_test_fixture_set_up_folder() */
  /* UI suites: the LimberWindow of limber_test_fixture_open_window(); its fields are
   * reachable where limber-window-private.h is included. */
  struct _LimberWindow *window;
} LimberTestFixture;

/* Creates the folder and opens a new database in it. */
void  limber_test_fixture_set_up        (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* Creates the folder only (path is set, nothing opened). */
void  limber_test_fixture_set_up_folder (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* Checks that the store is freed (no reference leaked), then removes the folder
 * with everything in it (journals, backups, exports). */
void  limber_test_fixture_tear_down     (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* A path inside the fixture's folder. */
char *limber_test_fixture_build_path    (LimberTestFixture *fixture,
                                         const char        *name);
/* Removes a folder and everything in it. */
void  limber_test_remove_tree           (const char        *path);
/* A new database at path made as an older Limber made it: Limber's first version
 * migrations of data/sql applied, its audit functions registered, no user_version
 * set (tests of upgrades write their rows, then the version). The caller owns it. */
LimberStore *limber_test_store_new_at_schema (const char *path,
                                              guint       version);

#ifdef LIMBER_TEST_FIXTURE_UI
/* ----- UI suites (built with LIMBER_TEST_FIXTURE_UI and GTK) -----
 * The window is built as the application builds it, on a real display (Xvfb under
 * `make check`), and driven through its widgets and actions. */

#include <adwaita.h>

#include "limber-application.h"

/* g_test_init() for a UI suite: a home folder of its own (XDG_*), GTK's own file
 * chooser instead of a portal, a display and the application. Returns NULL when
 * there is no display, after printing the TAP skip line: main() returns 77 then. */
LimberApplication *limber_test_ui_init             (int                 *argc,
                                                    char              ***argv);
/* Frees the application and removes the home folder. */
void               limber_test_ui_finish           (void);

/* Opens a LimberWindow on fixture->path (fixture->store must be NULL or closed
 * first where the test needs the window's own connection alone). */
void               limber_test_fixture_open_window (LimberTestFixture   *fixture);
/* For g_test_add(): set_up_folder, and tear_down after destroying the window and
 * its dialogs. */
void               limber_test_fixture_tear_down_window (LimberTestFixture *fixture,
                                                         gconstpointer      data);
/* Fills fixture->path with the demo clinic (through a connection of its own). */
void               limber_test_fixture_fill_demo   (LimberTestFixture   *fixture);

typedef gboolean (*LimberTestCondition) (gpointer data);

/* Runs the main loop until condition (data) holds; FALSE after ten seconds. */
gboolean           limber_test_wait_until          (LimberTestCondition  condition,
                                                    gpointer             data);
typedef gboolean (*LimberTestFixtureCondition) (LimberTestFixture *fixture,
                                                gconstpointer      data);

/* The same for a condition on the fixture (its window) and data. */
gboolean           limber_test_fixture_wait_until  (LimberTestFixture          *fixture,
                                                    LimberTestFixtureCondition  condition,
                                                    gconstpointer               data);
/* Runs what the main loop has pending (at most a hundred iterations). */
void               limber_test_drain_main_loop     (void);
/* Waits until a weak pointer is cleared: the object was finalized. */
void               limber_test_wait_until_cleared  (gpointer            *weak_pointer);
/* Every widget of type under root, root included (a new array). */
GPtrArray         *limber_test_find_widgets        (gpointer             root,
                                                    GType                type);
/* The first such widget, or NULL. */
gpointer           limber_test_find_widget         (gpointer             root,
                                                    GType                type);
/* The button under root whose label or tooltip is text, or NULL. */
GtkWidget         *limber_test_find_button         (gpointer             root,
                                                    const char          *text);
/* The button under root whose action is action_name, or NULL. */
GtkWidget         *limber_test_find_button_with_action (gpointer         root,
                                                        const char      *action_name);
/* The row (AdwPreferencesRow) under root titled title, or NULL. */
GtkWidget         *limber_test_find_row            (gpointer             root,
                                                    const char          *title);
/* A visible toplevel window of type, or NULL. */
gpointer           limber_test_find_toplevel       (GType                type);
/* Clicks a sensitive button and runs the main loop. */
void               limber_test_click               (GtkWidget           *button);
/* Focuses the field and replaces its text, as typing would, and runs the main loop. */
void               limber_test_type_into           (GtkWidget           *editable,
                                                    const char          *text);
/* Whether the widget, or the text inside an entry, holds the keyboard focus. */
gboolean           limber_test_has_keyboard_focus  (GtkWidget           *widget);
/* The text a GtkLabel or a LimberText shows; NULL for any other widget. */
const char        *limber_test_get_shown_text      (GtkWidget           *widget);
/* Every GtkLabel and LimberText under root, root included (a new array). */
GPtrArray         *limber_test_find_texts          (gpointer             root);
/* The first label (or LimberText) under root whose text contains text, or NULL. */
GtkWidget         *limber_test_find_label_containing (gpointer           root,
                                                      const char        *text);
#endif

G_END_DECLS
