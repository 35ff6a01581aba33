/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-application.h"
#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_WINDOW (limber_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberWindow, limber_window, LIMBER, WINDOW, AdwApplicationWindow)

/* The main window: the patient list beside the selected patient's courses of care.
 * It opens the database at database_path when it is created; a database that
 * cannot be opened is shown as a page that says why. */
LimberWindow *limber_window_new              (LimberApplication *application,
                                              const char        *database_path);
/* The open database, NULL while the window shows why it could not be opened. */
LimberStore  *limber_window_get_store        (LimberWindow      *self);
const char   *limber_window_get_database_path (LimberWindow     *self);
/* Opens path in place of the current database. On failure the window shows the
 * error page and returns FALSE. A file of an older schema is upgraded in a thread
 * while the window says so (TRUE: the upgrade has started). */
gboolean      limber_window_open_database    (LimberWindow      *self,
                                              const char        *path);
/* Opens the demo clinic (g_get_user_data_dir()/limber/demo-clinic.sqlite), filling
 * it first when it is new or empty. A failure is explained in a dialog and the
 * current database stays open. */
void          limber_window_open_demo_clinic (LimberWindow      *self);
/* The demo clinic's path, newly allocated. */
char         *limber_window_get_demo_path    (void);
/* Selects and shows the patient with that id, clearing a search that hides it.
 * FALSE when no listed patient has that id. */
gboolean      limber_window_select_patient   (LimberWindow      *self,
                                              gint64             patient_id);

G_END_DECLS
