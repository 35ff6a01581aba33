/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-patient-list.h"
#include "limber-patient-slots.h"
#include "limber-patient-view.h"
#include "limber-session-editor.h"
#include "limber-window.h"

G_BEGIN_DECLS

/* Shared by limber-window.c and limber-window-actions.c, and read by the UI tests. */
struct _LimberWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets and objects */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;      /* "patients", "welcome", "error" or "busy" */
  AdwStatusPage        *error_page;
  AdwStatusPage        *welcome_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *sidebar_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;   /* "list" or "no-match" */
  GtkListView          *patient_list;
  GtkSingleSelection   *selection;
  AdwWindowTitle       *content_title;
  LimberPatientView    *patient_view;
  GtkWidget            *patient_menu_button;
  GtkBox               *banner_area;     /* under the stack, across the window */
  AdwStatusPage        *busy_page;       /* long work on the whole database */
  GtkSpinner           *busy_spinner;
  GtkLabel             *busy_step;
  GtkProgressBar       *busy_progress;
  GtkWidget            *busy_cancel_button;

  /* owned */
  LimberStore          *store;
  LimberPatientList    *patients;        /* the selection's model; NULL without a store */
  LimberPatientSlots   *patient_slots;   /* the list view's model, over the selection */
  char                 *database_path;
  /* The database the window opened with, to return to from the demo clinic. */
  char                 *clinic_path;
  GSettings            *settings;        /* NULL when the schema is not installed */
  GSimpleActionGroup   *patient_actions; /* "patient.*" */
  gboolean              show_archived;
  /* While a restore or an upgrade has the database (limber-window-busy.c); its
   * cancellable, if it can be stopped. */
  gboolean              busy;
  GCancellable         *busy_cancellable;
  guint                 busy_pulse_id;
  /* Set once the window is disposed: work that ends later shows nothing in it. */
  gboolean              disposed;

  /* borrowed: a weak pointer, so that a second "Add patient" presents it again */
  GtkWidget            *add_patient_dialog;
  GtkWidget            *preferences_window;
  /* borrowed: the session editor while it is open (weak pointer) */
  GtkWidget            *session_editor;

  /* owned: what the Undo of each toast shown puts back, by the toast's token */
  GHashTable           *undo_actions;
  guint                 last_undo_token;
  GtkWidget            *patient_dialog;
  GtkWidget            *erase_dialog;

  /* set while the list is refilled, so that restoring the selection does not
   * navigate as if the user had picked a patient */
  gboolean              reloading;
};

/* limber-window.c: shows store (NULL: none, the error page) as the database at path;
 * every view reloads from it. */
void limber_window_set_store (LimberWindow *self,
                              LimberStore  *store,
                              const char   *path);

/* limber-window.c: the error page, saying why the database at path is not shown. */
void limber_window_show_error (LimberWindow *self,
                               const char   *path,
                               const char   *message);

/* limber-window-busy.c: the page shown while long work has the whole database (a
 * restore, an upgrade): what runs, how far it is, and Cancel where stopping is
 * safe. The records and the actions on them are out of reach meanwhile. */
void     limber_window_begin_busy      (LimberWindow *self,
                                        const char   *title,
                                        const char   *description,
                                        GCancellable *cancellable);
/* fraction < 0: no progress bar; step: what is being done now, in words. */
void     limber_window_set_busy_step   (LimberWindow *self,
                                        double        fraction,
                                        const char   *step,
                                        gboolean      can_cancel);
/* The bar moves to and fro until the next step: this one's length is unknown. */
void     limber_window_set_busy_pulsing (LimberWindow *self);
void     limber_window_end_busy        (LimberWindow *self);
/* Stops what is running for the window as it goes away. */
void     limber_window_dispose_busy    (LimberWindow *self);
/* Opens the database at path in a thread, which upgrades its schema, with the busy
 * page shown; then shows it, or the error page (the file is left as it was). */
void     limber_window_upgrade_database (LimberWindow *self,
                                         const char   *path);
void     limber_window_class_add_busy   (GtkWidgetClass *widget_class);
/* Keeps the application running while work in a thread ends (NULL without one). */
GApplication *limber_window_hold_application    (void);
void          limber_window_release_application (GApplication *application);

/* limber-window-reports.c: Export PDF…, Print… and the clinic outcomes report */
void limber_window_class_add_report_actions (GtkWidgetClass *widget_class);
void limber_window_update_report_actions    (LimberWindow   *self);

/* limber-window-csv.c: Import CSV… and Export CSV… */
void limber_window_class_add_csv_actions (GtkWidgetClass *widget_class);
void limber_window_update_csv_actions    (LimberWindow   *self);
/* What the file choosers' answers start; also for the UI tests. */
void limber_window_import_csv_file       (LimberWindow   *self,
                                          GFile          *file);
void limber_window_export_csv_file       (LimberWindow   *self,
                                          GFile          *file);

/* limber-window-actions.c */
void limber_window_class_add_actions (GtkWidgetClass *widget_class);
/* Enables the actions that make sense for the page shown. */
void limber_window_update_actions    (LimberWindow   *self);
void limber_window_add_toast         (LimberWindow   *self,
                                      const char     *title);

/* limber-window-sessions.c */
typedef gboolean (*LimberWindowUndoFunc) (LimberWindow  *self,
                                          LimberStore   *store,
                                          gpointer       data,
                                          GError       **error);

void                 limber_window_class_add_session_actions (GtkWidgetClass       *widget_class);
/* A toast whose Undo button calls undo (an error is shown as another toast); data
 * is freed with destroy when the toast goes. */
void                 limber_window_add_undo_toast            (LimberWindow         *self,
                                                              const char           *title,
                                                              LimberWindowUndoFunc  undo,
                                                              gpointer              data,
                                                              GDestroyNotify        destroy);
/* Opens the session editor for a new session of the episode (session_id 0) or for
 * a stored session; presents the one already open instead. NULL when it cannot be
 * opened (a toast says why). */
LimberSessionEditor *limber_window_open_session_editor       (LimberWindow         *self,
                                                              gint64                episode_id,
                                                              gint64                session_id);
/* limber-window-courses.c: start, edit, discharge and reopen a course of care */
void                 limber_window_class_add_course_actions  (GtkWidgetClass       *widget_class);

/* limber-window-patient-actions.c */
void     limber_window_init_patient_actions   (LimberWindow *self);
/* Enables the patient actions that make sense for the selected patient. */
void     limber_window_update_patient_actions (LimberWindow *self);

G_END_DECLS
