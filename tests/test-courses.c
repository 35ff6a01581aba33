/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-courses"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "limber-application.h"
#include "limber-course-dialog-private.h"
#include "limber-discharge-dialog.h"
#include "limber-episode-group.h"
#include "limber-episode-loader.h"
#include "limber-episode-overview.h"
#include "limber-session-editor.h"
#include "limber-session-list.h"
#include "limber-test-fixture.h"
#include "limber-text-row.h"
#include "limber-window-private.h"

/* Courses of care as a therapist keeps them in the window: started and edited in
 * their dialog, discharged with the patient's impression of change, switched
 * between, and sessions recorded into the one shown; read back from the store. */

typedef struct
{
  LimberTestFixture  base;
  LimberWindow      *window;         /* base.window */
  LimberStore       *store;          /* the window's */
  gint64             patient_id;
  gint64             older_id;       /* with COURSES: an open course started 60 days ago */
  gint64             newer_id;       /* with COURSES: an open course started 7 days ago */
} Fixture;

enum {
  NO_COURSE,
  COURSES,
  LONG_COURSE,  /* one open course of 25 sessions, planned for 30 */
};

/* ----- Fixture ----- */

static char *
days_ago (int days,
          const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, format);
}

static gint64
add_course (LimberStore *store,
            gint64       patient_id,
            const char  *condition,
            int          started_days_ago,
            guint        n_sessions,
            guint        n_planned)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = days_ago (started_days_ago, "%Y-%m-%d");
  g_autoptr(LimberEpisode) episode = limber_episode_new (patient_id, condition, start);
  g_autoptr(LimberGoal) goal = limber_goal_new ("pain.nprs", LIMBER_SIDE_NONE, 2);

  limber_episode_set_sessions_per_week (episode, 2);
  limber_episode_set_planned_sessions (episode, n_planned);
  g_assert_true (limber_store_add_episode (store, episode, &error));
  g_assert_no_error (error);
  limber_goal_set_episode_id (goal, limber_episode_get_id (episode));
  g_assert_true (limber_store_add_goal (store, goal, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autofree char *when = days_ago (started_days_ago - (int) i, "%Y-%m-%dT10:00");
      g_autoptr(LimberSession) session = limber_session_new (limber_episode_get_id (episode), when);
      g_autoptr(GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);

      limber_session_set_therapist (session, "Jo Moss");
      g_ptr_array_add (measurements, limber_measurement_new (0, "pain.nprs", LIMBER_SIDE_NONE,
                                                             MAX (0, 6 - (int) i)));
      g_assert_true (limber_store_save_session (store, session, measurements, &error));
      g_assert_no_error (error);
    }

  return limber_episode_get_id (episode);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberPatient) patient = NULL;

  limber_test_fixture_set_up (&fixture->base, data);
  patient = limber_patient_new ("C-1", "Cora Course", "1968-05-02");
  g_assert_true (limber_store_add_patient (fixture->base.store, patient, &error));
  g_assert_no_error (error);
  fixture->patient_id = limber_patient_get_id (patient);

  if (GPOINTER_TO_INT (data) == COURSES)
    {
      fixture->older_id = add_course (fixture->base.store, fixture->patient_id, "knee_pain", 60, 2, 6);
      fixture->newer_id = add_course (fixture->base.store, fixture->patient_id, "low_back_pain", 7, 2, 6);
    }
  else if (GPOINTER_TO_INT (data) == LONG_COURSE)
    fixture->newer_id = add_course (fixture->base.store, fixture->patient_id, "low_back_pain", 90, 25, 30);
  g_clear_object (&fixture->base.store);

  limber_test_fixture_open_window (&fixture->base);
  fixture->window = fixture->base.window;
  fixture->store = limber_window_get_store (fixture->window);
  g_assert_nonnull (fixture->store);
  g_assert_true (limber_window_select_patient (fixture->window, fixture->patient_id));
  limber_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->window = NULL;
  fixture->store = NULL;
  limber_test_fixture_tear_down_window (&fixture->base, data);
}

/* ----- Helpers ----- */

static LimberPatientView *
patient_view (Fixture *fixture)
{
  return fixture->window->patient_view;
}

static LimberEpisodeGroup *
shown_group (Fixture *fixture)
{
  GPtrArray *groups = limber_patient_view_get_groups (patient_view (fixture));

  g_assert_cmpuint (groups->len, ==, 1);
  return g_ptr_array_index (groups, 0);
}

static gint64
shown_id (Fixture *fixture)
{
  LimberEpisode *episode = limber_patient_view_get_shown_episode (patient_view (fixture));

  g_assert_nonnull (episode);
  return limber_episode_get_id (episode);
}

static GPtrArray *
list_episodes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *episodes = limber_store_list_episodes (fixture->store, fixture->patient_id, &error);

  g_assert_no_error (error);
  return episodes;
}

static GPtrArray *
list_goals (Fixture *fixture,
            gint64   episode_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *goals = limber_store_list_goals (fixture->store, episode_id, &error);

  g_assert_no_error (error);
  return goals;
}

static GPtrArray *
list_sessions (Fixture *fixture,
               gint64   episode_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = limber_store_list_sessions (fixture->store, episode_id, &error);

  g_assert_no_error (error);
  return sessions;
}

static LimberEpisode *
stored_episode (Fixture *fixture,
                gint64   episode_id)
{
  g_autoptr(GError) error = NULL;
  LimberEpisode *episode = limber_store_get_episode (fixture->store, episode_id, &error);

  g_assert_no_error (error);
  return episode;
}

static guint
catalog_position (GListModel *catalog,
                  const char *code,
                  const char *(*get_code) (gpointer))
{
  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (catalog, i);

      if (g_str_equal (get_code (item), code))
        return i;
    }

  g_assert_not_reached ();
}

static void
choose_condition (LimberCourseDialog *dialog,
                  const char         *code)
{
  adw_combo_row_set_selected (dialog->condition_row,
                              catalog_position (limber_condition_get_catalog (), code,
                                                (const char *(*) (gpointer)) limber_condition_get_code));
  limber_test_drain_main_loop ();
}

/* Chooses the measure in the New Goal row and presses Add Goal; returns the new
 * goal's target entry, which has the keyboard. */
static GtkWidget *
add_goal (LimberCourseDialog *dialog,
          const char         *code)
{
  guint n = limber_course_dialog_get_n_goals (dialog);
  GtkWidget *target;

  gtk_drop_down_set_selected (dialog->goal_measure_dropdown,
                              catalog_position (limber_measure_get_catalog (), code,
                                                (const char *(*) (gpointer)) limber_measure_get_code));
  limber_test_click (dialog->add_goal_button);
  g_assert_cmpuint (limber_course_dialog_get_n_goals (dialog), ==, n + 1);
  target = limber_course_dialog_get_goal_target (dialog, n);
  g_assert_true (limber_test_has_keyboard_focus (target));
  return target;
}

/* The discharge note as the dialog shows it. */
static char *
note_text (LimberDischargeDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (limber_discharge_dialog_get_note_view (dialog)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static LimberCourseDialog *
find_course_dialog (void)
{
  return LIMBER_COURSE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_COURSE_DIALOG));
}

static LimberGoal *
find_goal (GPtrArray  *goals,
           const char *code,
           LimberSide  side)
{
  for (guint i = 0; i < goals->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (goals, i);

      if (g_str_equal (limber_goal_get_measure (goal), code) && limber_goal_get_side (goal) == side)
        return goal;
    }

  return NULL;
}

static gboolean
page_is_built (gpointer view)
{
  return !limber_patient_view_get_building (view);
}

/* Under the first screenful: made in the frames after the page shows, there once the
 * therapist scrolls to it. */
static LimberSessionList *
session_list (Fixture *fixture)
{
  g_assert_true (limber_test_wait_until (page_is_built, patient_view (fixture)));
  return LIMBER_SESSION_LIST (limber_episode_group_get_session_list (shown_group (fixture)));
}

static GtkWidget *
new_session_button (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = limber_test_find_widgets (shown_group (fixture), GTK_TYPE_BUTTON);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (labels, i);

      if (limber_test_find_label_containing (button, "New Session") != NULL)
        return button;
    }

  g_assert_not_reached ();
}

/* ----- Starting a course of care ----- */

static void
test_start_course (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autofree char *today = days_ago (0, "%Y-%m-%d");
  LimberCourseDialog *dialog;
  LimberEpisode *episode;
  GtkWidget *pain;
  GtkWidget *abduction;
  GtkWidget *start;
  LimberGoal *goal;

  /* A patient without a course of care is offered to start one. */
  g_assert_cmpstr (limber_patient_view_get_state (patient_view (fixture)), ==, "no-episodes");
  start = limber_test_find_button_with_action (patient_view (fixture), "win.start-course");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (start)));
  limber_test_click (start);

  dialog = find_course_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  /* Typing starts in the first field; Enter in a field starts the course. */
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (dialog->condition_row)));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == dialog->save_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog->save_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Start");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog->cancel_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Cancel");

  /* Today and the usual plan of two sessions a week for three weeks. */
  g_assert_cmpstr (limber_date_row_get_date (dialog->start_row), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->per_week_row)), ==, "2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->weeks_row)), ==, "3");
  g_assert_true (limber_course_dialog_can_save (dialog));

  /* The side is asked only where the condition has one. */
  choose_condition (dialog, "low_back_pain");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->side_row)));
  choose_condition (dialog, "shoulder_pain");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->side_row)));
  adw_combo_row_set_selected (dialog->side_row, 2);

  /* Pain 2 or less; shoulder abduction of the right side 150° or more. */
  pain = add_goal (dialog, "pain.nprs");
  g_assert_null (limber_course_dialog_get_goal_side (dialog, 0));
  limber_test_type_into (pain, "2");
  abduction = add_goal (dialog, "rom.shoulder.abduction");
  g_assert_nonnull (limber_course_dialog_get_goal_side (dialog, 1));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (limber_course_dialog_get_goal_side (dialog, 1))),
                    ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (abduction), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Target for Shoulder abduction, right");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (limber_course_dialog_get_goal_remove (dialog, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove the goal for Shoulder abduction, right");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (limber_course_dialog_get_goal_remove (dialog, 1)), ==,
                   "Remove Goal");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (limber_course_dialog_get_goal_side (dialog, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Side of the goal for Shoulder abduction");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog->add_goal_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Add goal");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (dialog->add_goal_button), ==, "Add Goal");
  /* The names follow the side chosen. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (limber_course_dialog_get_goal_side (dialog, 1)), 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (abduction), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Target for Shoulder abduction, left");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (limber_course_dialog_get_goal_side (dialog, 1)), 1);

  /* Checked as typed: out of range blocks Start and says the range. */
  limber_test_type_into (abduction, "200");
  g_assert_false (limber_course_dialog_can_save (dialog));
  g_assert_true (gtk_widget_has_css_class (abduction, "error"));
  g_assert_nonnull (strstr (limber_course_dialog_get_error_message (dialog), "outside 0–180"));
  g_assert_false (gtk_widget_is_sensitive (dialog->save_button));
  limber_test_type_into (abduction, "150");
  g_assert_true (limber_course_dialog_can_save (dialog));
  g_assert_false (gtk_widget_has_css_class (abduction, "error"));
  g_assert_null (limber_course_dialog_get_error_message (dialog));

  /* So is the plan. */
  limber_test_type_into (GTK_WIDGET (dialog->per_week_row), "9");
  g_assert_false (limber_course_dialog_can_save (dialog));
  g_assert_nonnull (strstr (limber_course_dialog_get_error_message (dialog), "9 is outside 1–7"));
  limber_test_type_into (GTK_WIDGET (dialog->per_week_row), "2");

  /* What the patient came with: the intake note. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (dialog->note_view),
                            "Pain reaching overhead since painting a ceiling.", -1);

  limber_test_click (dialog->save_button);
  g_assert_null (find_course_dialog ());

  /* Exactly that course and those goals. */
  episodes = list_episodes (fixture);
  g_assert_cmpuint (episodes->len, ==, 1);
  episode = g_ptr_array_index (episodes, 0);
  g_assert_cmpstr (limber_episode_get_condition (episode), ==, "shoulder_pain");
  g_assert_cmpint (limber_episode_get_side (episode), ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpstr (limber_episode_get_start_date (episode), ==, today);
  g_assert_null (limber_episode_get_onset_date (episode));
  g_assert_null (limber_episode_get_discharge_date (episode));
  g_assert_cmpuint (limber_episode_get_sessions_per_week (episode), ==, 2);
  g_assert_cmpuint (limber_episode_get_planned_sessions (episode), ==, 6);
  g_assert_cmpstr (limber_episode_get_notes (episode), ==,
                   "Pain reaching overhead since painting a ceiling.");
  g_assert_null (limber_episode_get_discharge_note (episode));

  goals = list_goals (fixture, limber_episode_get_id (episode));
  g_assert_cmpuint (goals->len, ==, 2);
  goal = find_goal (goals, "pain.nprs", LIMBER_SIDE_NONE);
  g_assert_nonnull (goal);
  g_assert_cmpfloat (limber_goal_get_target (goal), ==, 2);
  goal = find_goal (goals, "rom.shoulder.abduction", LIMBER_SIDE_RIGHT);
  g_assert_nonnull (goal);
  g_assert_cmpfloat (limber_goal_get_target (goal), ==, 150);

  /* The window shows the new course, ready for its first session. */
  g_assert_cmpstr (limber_patient_view_get_state (patient_view (fixture)), ==, "patient");
  g_assert_cmpint (shown_id (fixture), ==, limber_episode_get_id (episode));
  g_assert_true (gtk_widget_is_sensitive (new_session_button (fixture)));
  /* Before any value, the goals are listed under the course. */
  g_assert_nonnull (limber_test_find_label_containing (shown_group (fixture),
                                                       "Pain (0–10) ≤ 2 points · Shoulder abduction, right ≥ 150°"));
}

/* Tab goes from date field to the next field, not to the calendar button; the
 * calendar opens from the field (Alt+Down) and gives the day back to it. */
static void
test_date_fields_tab (Fixture       *fixture,
                      gconstpointer  data)
{
  LimberCourseDialog *dialog;
  GtkWidget *calendar_button;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 9, 12, 0, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-course", NULL);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  choose_condition (dialog, "low_back_pain");

  /* Onset, Start Date, Sessions per Week: one Tab each. */
  gtk_widget_grab_focus (GTK_WIDGET (dialog->onset_row));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (dialog->start_row)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (dialog->per_week_row)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_BACKWARD));
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (dialog->start_row)));

  /* The button says how to reach it from the keyboard, and so does the field. */
  calendar_button = limber_test_find_widget (dialog->start_row, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (calendar_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (calendar_button), ==,
                   "Choose From a Calendar (Alt+Down)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (calendar_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose from a calendar");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog->start_row),
                                       GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down");

  /* Alt+Down opens the calendar on the day typed, with the keyboard in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog->start_row), "date-row.calendar",
                                             NULL));
  limber_test_drain_main_loop ();
  calendar = limber_test_find_widget (dialog->start_row, GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (calendar)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (calendar)));

  /* A day picked goes into the field, and typing goes on there. */
  gtk_calendar_select_day (calendar, day);
  limber_test_drain_main_loop ();
  g_assert_cmpstr (limber_date_row_get_date (dialog->start_row), ==, "2026-03-09");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (calendar)));
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (dialog->start_row)));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Without a course of care there is nothing to record a session in: New Session is
 * there but insensitive, and says why. */
static void
test_no_course_no_session (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *button = limber_test_find_label_containing (patient_view (fixture), "New Session");

  g_assert_nonnull (button);
  button = gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Start a course of care first"));

  /* Ctrl+N opens no editor. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session", "x", (gint64) 0);
  limber_test_drain_main_loop ();
  g_assert_null (fixture->window->session_editor);
}

static void
test_start_escape_asks (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  LimberCourseDialog *dialog;
  AdwMessageDialog *question;

  /* Nothing entered: Escape closes at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-course", NULL);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  g_assert_false (limber_course_dialog_is_modified (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "course.cancel", NULL);
  limber_test_drain_main_loop ();
  g_assert_null (find_course_dialog ());

  /* Something entered: it asks, and keeps it unless told to discard. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-course", NULL);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  limber_test_type_into (add_goal (dialog, "pain.nprs"), "3");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "course.cancel", NULL);
  limber_test_drain_main_loop ();
  question = ADW_MESSAGE_DIALOG (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard This Course of Care?");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "keep");
  adw_message_dialog_response (question, "keep");
  limber_test_drain_main_loop ();
  g_assert_true (find_course_dialog () == dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "course.cancel", NULL);
  limber_test_drain_main_loop ();
  question = ADW_MESSAGE_DIALOG (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (question, "discard");
  limber_test_drain_main_loop ();
  g_assert_null (find_course_dialog ());

  episodes = list_episodes (fixture);
  g_assert_cmpuint (episodes->len, ==, 0);
}

/* ----- Editing ----- */

static void
test_edit_course (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_goals (fixture, fixture->newer_id);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LimberEpisode) episode = NULL;
  g_autofree char *onset = days_ago (30, "%Y-%m-%d");
  LimberCourseDialog *dialog;
  GtkWidget *flexion;
  LimberGoal *pain;

  g_assert_cmpint (shown_id (fixture), ==, fixture->newer_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-course", "x", (gint64) 0);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Course of Care");

  /* What is stored, in the fields. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->per_week_row)), ==, "2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->weeks_row)), ==, "3");
  g_assert_cmpuint (limber_course_dialog_get_n_goals (dialog), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (limber_course_dialog_get_goal_target (dialog, 0))),
                   ==, "2");
  g_assert_false (limber_course_dialog_is_modified (dialog));

  /* A fourth week, the onset, and lumbar flexion of 60° or more. */
  limber_test_type_into (GTK_WIDGET (dialog->weeks_row), "4");
  limber_test_type_into (GTK_WIDGET (dialog->onset_row), onset);
  flexion = add_goal (dialog, "rom.lumbar.flexion");
  limber_test_type_into (flexion, "60");
  g_assert_true (limber_course_dialog_can_save (dialog));
  g_assert_true (limber_course_dialog_save (dialog));
  g_assert_null (find_course_dialog ());

  episode = stored_episode (fixture, fixture->newer_id);
  g_assert_cmpuint (limber_episode_get_planned_sessions (episode), ==, 8);
  g_assert_cmpstr (limber_episode_get_onset_date (episode), ==, onset);
  after = list_goals (fixture, fixture->newer_id);
  g_assert_cmpuint (after->len, ==, 2);
  /* The goal left alone is the same row. */
  pain = find_goal (after, "pain.nprs", LIMBER_SIDE_NONE);
  g_assert_cmpint (limber_goal_get_id (pain), ==, limber_goal_get_id (g_ptr_array_index (before, 0)));
  g_assert_cmpfloat (limber_goal_get_target (find_goal (after, "rom.lumbar.flexion", LIMBER_SIDE_NONE)),
                     ==, 60);

  /* Removing a goal deletes it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-course", "x", fixture->newer_id);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  g_assert_cmpuint (limber_course_dialog_get_n_goals (dialog), ==, 2);
  limber_test_click (limber_course_dialog_get_goal_remove (dialog, 0));
  g_assert_cmpuint (limber_course_dialog_get_n_goals (dialog), ==, 1);
  g_assert_true (limber_course_dialog_save (dialog));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_goals (fixture, fixture->newer_id);
  g_assert_cmpuint (after->len, ==, 1);

  /* The same condition starting the same day as another course is refused, with
   * the start date marked and nothing changed. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-course", "x", fixture->older_id);
  limber_test_drain_main_loop ();
  dialog = find_course_dialog ();
  choose_condition (dialog, "low_back_pain");
  limber_date_row_set_date (dialog->start_row, limber_episode_get_start_date (episode));
  limber_test_drain_main_loop ();
  g_assert_false (limber_course_dialog_save (dialog));
  g_assert_nonnull (strstr (limber_course_dialog_get_error_message (dialog), "already has a course"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->start_row), "error"));
  g_clear_object (&episode);
  episode = stored_episode (fixture, fixture->older_id);
  g_assert_cmpstr (limber_episode_get_condition (episode), ==, "knee_pain");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ----- Discharging ----- */

static void
test_discharge (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = days_ago (0, "%Y-%m-%d");
  LimberDischargeDialog *dialog;
  GtkWidget *button;
  LimberTrend *pgic;
  guint n_measurements;

  /* The course has an intake note, which the discharge does not show nor change. */
  episode = stored_episode (fixture, fixture->newer_id);
  limber_episode_set_notes (episode, "Lifting at work; pain into the left leg.");
  g_assert_true (limber_store_update_episode (fixture->store, episode, &error));
  g_assert_no_error (error);
  g_clear_object (&episode);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x",
                              (gint64) 0);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (limber_test_has_keyboard_focus (limber_discharge_dialog_get_date_row (dialog)));
  {
    g_autofree char *note = note_text (dialog);

    g_assert_cmpstr (note, ==, "");
  }

  /* The PGIC levels in the patient's words. */
  {
    GListModel *levels = adw_combo_row_get_model (ADW_COMBO_ROW (limber_discharge_dialog_get_pgic_row (dialog)));

    g_assert_cmpuint (g_list_model_get_n_items (levels), ==, 8);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (levels), 0), ==, "Not asked");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (levels), 2), ==, "2 · much improved");
  }

  /* Before the last session is refused. */
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), "2000-01-01");
  g_assert_false (limber_discharge_dialog_can_save (dialog));
  g_assert_nonnull (limber_discharge_dialog_get_error_message (dialog));
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), today);
  g_assert_true (limber_discharge_dialog_can_save (dialog));

  adw_combo_row_set_selected (ADW_COMBO_ROW (limber_discharge_dialog_get_pgic_row (dialog)), 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (limber_discharge_dialog_get_note_view (dialog))),
                            "Back to gardening; keep the home exercises.", -1);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();

  episode = stored_episode (fixture, fixture->newer_id);
  g_assert_cmpstr (limber_episode_get_discharge_date (episode), ==, today);
  g_assert_cmpstr (limber_episode_get_discharge_note (episode), ==,
                   "Back to gardening; keep the home exercises.");
  g_assert_cmpstr (limber_episode_get_notes (episode), ==, "Lifting at work; pain into the left leg.");

  /* Editing the discharge shows the discharge note; untouched, it closes at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x",
                              fixture->newer_id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  {
    g_autofree char *note = note_text (dialog);

    g_assert_cmpstr (note, ==, "Back to gardening; keep the home exercises.");
  }
  g_assert_false (limber_discharge_dialog_is_modified (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "discharge.cancel", NULL);
  limber_test_drain_main_loop ();
  g_assert_null (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));

  /* Discharged days after the last session, the patient rated the change that day:
   * an outcome contact keeps it, which the analysis (and so the cards and the
   * discharge summary) reads, and which is not a session. */
  sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (sessions->len, ==, 3);
  g_assert_true (limber_session_get_outcome_contact (g_ptr_array_index (sessions, 2)));
  g_assert_cmpstr (limber_session_get_date (g_ptr_array_index (sessions, 2)), ==, today);
  measurements = limber_store_list_measurements (fixture->store,
                                                 limber_session_get_id (g_ptr_array_index (sessions, 2)),
                                                 &error);
  g_assert_no_error (error);
  n_measurements = measurements->len;
  g_assert_cmpuint (n_measurements, ==, 1);
  analysis = limber_episode_loader_load (fixture->store, fixture->newer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limber_episode_analysis_get_n_sessions (analysis), ==, 2);
  pgic = limber_episode_analysis_find_trend (analysis, "prom.pgic", LIMBER_SIDE_NONE);
  g_assert_nonnull (pgic);
  g_assert_cmpfloat (limber_trend_get_latest (pgic), ==, 2);
  g_assert_cmpuint (limber_session_list_get_n_rows (session_list (fixture)), ==, 2);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (shown_group (fixture))),
                            "2 of 6 planned sessions"));

  /* The discharged course takes no new session, and says why. */
  g_assert_cmpint (shown_id (fixture), ==, fixture->newer_id);
  button = new_session_button (fixture);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "discharged"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session", "x", (gint64) 0);
  limber_test_drain_main_loop ();
  g_assert_null (fixture->window->session_editor);

  /* The open course now comes first in the switcher; the discharged one stays
   * shown until the therapist moves. */
  g_assert_cmpint (limber_episode_get_id (g_ptr_array_index (limber_patient_view_get_episodes (patient_view (fixture)), 0)),
                   ==, fixture->older_id);

  /* Reopened, it takes sessions again; the rating stays. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reopen-course", "x", fixture->newer_id);
  limber_test_drain_main_loop ();
  g_clear_object (&episode);
  episode = stored_episode (fixture, fixture->newer_id);
  g_assert_null (limber_episode_get_discharge_date (episode));
  g_assert_true (gtk_widget_is_sensitive (new_session_button (fixture)));
}

/* A patient who never came back is discharged with the rating given on the
 * telephone: an outcome contact on the discharge day keeps it, where the analysis
 * reads it, and no count or list of sessions shows it. Editing the discharge moves it
 * with the day; "Not asked" removes it. */
static void
test_discharge_without_sessions (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = days_ago (0, "%Y-%m-%d");
  g_autofree char *yesterday = days_ago (1, "%Y-%m-%d");
  LimberDischargeDialog *dialog;
  GtkWidget *pgic_row;
  LimberTrend *pgic;
  gint64 id;

  id = add_course (fixture->store, fixture->patient_id, "neck_pain", 14, 0, 6);
  limber_test_drain_main_loop ();
  g_assert_cmpint (shown_id (fixture), ==, id);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x", id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  pgic_row = limber_discharge_dialog_get_pgic_row (dialog);
  g_assert_true (gtk_widget_is_sensitive (pgic_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pgic_row)),
                            "discharge day"));

  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), today);
  adw_combo_row_set_selected (ADW_COMBO_ROW (pgic_row), 3);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();

  episode = stored_episode (fixture, id);
  g_assert_cmpstr (limber_episode_get_discharge_date (episode), ==, today);
  sessions = list_sessions (fixture, id);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_true (g_str_has_prefix (limber_session_get_date (g_ptr_array_index (sessions, 0)), today));
  measurements = limber_store_list_measurements (fixture->store,
                                                 limber_session_get_id (g_ptr_array_index (sessions, 0)),
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measurements->len, ==, 1);
  g_assert_cmpstr (limber_measurement_get_measure (g_ptr_array_index (measurements, 0)), ==,
                   "prom.pgic");
  g_assert_true (limber_session_get_outcome_contact (g_ptr_array_index (sessions, 0)));
  analysis = limber_episode_loader_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limber_episode_analysis_get_n_sessions (analysis), ==, 0);
  pgic = limber_episode_analysis_find_trend (analysis, "prom.pgic", LIMBER_SIDE_NONE);
  g_assert_nonnull (pgic);
  g_assert_cmpfloat (limber_trend_get_latest (pgic), ==, 3);
  g_assert_cmpint (shown_id (fixture), ==, id);
  g_assert_cmpuint (limber_session_list_get_n_rows (session_list (fixture)), ==, 0);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (shown_group (fixture))),
                            "0 of 6 planned sessions"));
  /* Its measure's table lists it, without a session number. */
  {
    GtkWidget *overview = limber_test_find_widget (shown_group (fixture), LIMBER_TYPE_EPISODE_OVERVIEW);

    g_assert_nonnull (overview);
    limber_episode_overview_select_measure (LIMBER_EPISODE_OVERVIEW (overview),
                                            limber_measure_lookup ("prom.pgic"));
    g_assert_cmpuint (limber_episode_overview_get_n_table_rows (LIMBER_EPISODE_OVERVIEW (overview)),
                      ==, 1);
  }

  /* Edited: the rating shows, and follows the discharge to another day. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x", id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  pgic_row = limber_discharge_dialog_get_pgic_row (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (pgic_row)), ==, 3);
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), yesterday);
  adw_combo_row_set_selected (ADW_COMBO_ROW (pgic_row), 1);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list_sessions (fixture, id);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpstr (limber_session_get_date (g_ptr_array_index (sessions, 0)), ==, yesterday);
  g_assert_true (limber_session_get_outcome_contact (g_ptr_array_index (sessions, 0)));
  g_clear_pointer (&measurements, g_ptr_array_unref);
  measurements = limber_store_list_measurements (fixture->store,
                                                 limber_session_get_id (g_ptr_array_index (sessions, 0)),
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measurements->len, ==, 1);
  g_assert_cmpfloat (limber_measurement_get_value (g_ptr_array_index (measurements, 0)), ==, 1);

  /* Not asked after all: nothing is left of it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x", id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (limber_discharge_dialog_get_pgic_row (dialog)), 0);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list_sessions (fixture, id);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_object (&episode);
  episode = stored_episode (fixture, id);
  g_assert_cmpstr (limber_episode_get_discharge_date (episode), ==, yesterday);
}

/* Discharged on the day of the last session, the patient rated the change at that
 * visit: the visit keeps the rating, and a rating kept there stays there when the
 * discharge moves. */
static void
test_discharge_at_last_session (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_day = days_ago (6, "%Y-%m-%d");
  g_autofree char *today = days_ago (0, "%Y-%m-%d");
  LimberDischargeDialog *dialog;
  GtkWidget *pgic_row;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x",
                              fixture->newer_id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  pgic_row = limber_discharge_dialog_get_pgic_row (dialog);

  /* The row says where the rating goes, as the day changes. */
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), today);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pgic_row)),
                            "does not count as a session"));
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), last_day);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pgic_row)),
                            "kept with the last session"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (pgic_row), 2);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();

  sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_false (limber_session_get_outcome_contact (g_ptr_array_index (sessions, 1)));
  measurements = limber_store_list_measurements (fixture->store,
                                                 limber_session_get_id (g_ptr_array_index (sessions, 1)),
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measurements->len, ==, 2);

  /* The discharge moved to today: the rating stays with the visit. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.discharge-course", "x",
                              fixture->newer_id);
  limber_test_drain_main_loop ();
  dialog = LIMBER_DISCHARGE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_DISCHARGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (limber_discharge_dialog_get_pgic_row (dialog))),
                    ==, 2);
  limber_test_type_into (limber_discharge_dialog_get_date_row (dialog), today);
  g_assert_true (limber_discharge_dialog_save (dialog));
  limber_test_drain_main_loop ();
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (sessions->len, ==, 2);
}

/* ----- Several courses of care ----- */

static void
test_switch_and_record (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) older_sessions = NULL;
  g_autoptr(GPtrArray) newer_sessions = NULL;
  LimberSessionEditor *editor;
  GtkWidget *switcher;
  LimberMeasureRow *pain;

  /* The course's actions: an icon button with a name and a tooltip. */
  {
    GtkWidget *menu = limber_test_find_widget (shown_group (fixture), GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (menu);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (menu), ==, "Course of Care Actions");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Course of care actions");
  }

  /* Both open: the newest shows first; the switcher names the switch. */
  g_assert_cmpint (shown_id (fixture), ==, fixture->newer_id);
  switcher = limber_patient_view_get_course_switcher (patient_view (fixture));
  g_assert_nonnull (switcher);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (switcher)), ==, "Course of Care");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (switcher))), ==, 2);

  adw_combo_row_set_selected (ADW_COMBO_ROW (switcher), 1);
  limber_test_drain_main_loop ();
  g_assert_cmpint (shown_id (fixture), ==, fixture->older_id);
  g_assert_cmpint (limber_episode_get_id (limber_episode_group_get_episode (shown_group (fixture))), ==,
                   fixture->older_id);
  g_assert_nonnull (strstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (shown_group (fixture))),
                            "Knee pain"));

  /* Ctrl+N records into the course shown. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-session", "x", (gint64) 0);
  limber_test_drain_main_loop ();
  editor = LIMBER_SESSION_EDITOR (fixture->window->session_editor);
  g_assert_nonnull (editor);
  g_assert_cmpuint (limber_session_editor_get_session_number (editor), ==, 3);
  pain = limber_session_editor_find_row (editor, "pain.nprs");
  limber_test_type_into (limber_measure_row_get_entry (pain, LIMBER_SIDE_NONE), "3");
  limber_test_click (limber_test_find_button_with_action (editor, "editor.save"));
  g_assert_null (fixture->window->session_editor);

  older_sessions = list_sessions (fixture, fixture->older_id);
  newer_sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (older_sessions->len, ==, 3);
  g_assert_cmpuint (newer_sessions->len, ==, 2);

  /* After the save the same course stays shown, with its progress. */
  g_assert_cmpint (shown_id (fixture), ==, fixture->older_id);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (shown_group (fixture))),
                            "3 of 6 planned sessions"));
  g_assert_cmpstr (limber_session_list_get_progress_text (session_list (fixture)), ==, "3 of 6 sessions");
}

static void
test_undo_recorded_session (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  LimberSessionEditor *editor;
  GtkWidget *undo;

  limber_test_click (new_session_button (fixture));
  editor = LIMBER_SESSION_EDITOR (fixture->window->session_editor);
  g_assert_nonnull (editor);
  limber_test_type_into (limber_measure_row_get_entry (limber_session_editor_find_row (editor, "pain.nprs"),
                                                       LIMBER_SIDE_NONE),
                         "4");
  limber_test_click (limber_test_find_button_with_action (editor, "editor.save"));
  sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (sessions->len, ==, 3);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* "Session recorded", with Undo that takes exactly that session away. */
  g_assert_nonnull (limber_test_find_label_containing (fixture->window->toast_overlay, "Session recorded"));
  undo = limber_test_find_button_with_action (fixture->window->toast_overlay, "win.undo");
  g_assert_nonnull (undo);
  limber_test_click (undo);

  sessions = list_sessions (fixture, fixture->newer_id);
  g_assert_cmpuint (sessions->len, ==, 2);
  for (guint i = 0; i < sessions->len; i++)
    g_assert_cmpstr (limber_session_get_therapist (g_ptr_array_index (sessions, i)), ==, "Jo Moss");
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list_sessions (fixture, fixture->older_id);
  g_assert_cmpuint (sessions->len, ==, 2);
}

/* ----- The sessions of a course ----- */

static void
test_session_list (Fixture       *fixture,
                   gconstpointer  data)
{
  LimberSessionList *list = session_list (fixture);
  GtkWidget *more = limber_session_list_get_more_button (list);
  LimberSessionEditor *editor;
  GtkListBoxRow *row;

  /* How far the plan has come; the newest session first. */
  g_assert_cmpstr (limber_session_list_get_progress_text (list), ==, "25 of 30 sessions");
  row = limber_session_list_get_row (list, 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Session 25 · "));
  g_assert_cmpstr (limber_text_row_get_subtitle (LIMBER_TEXT_ROW (row)), ==, "Jo Moss · Pain 0 points");
  row = limber_session_list_get_row (list, 9);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Session 16 · "));

  /* Rows only for the sessions shown: ten, then ten more, then the last five. */
  g_assert_cmpuint (limber_session_list_get_n_rows (list), ==, 10);
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, "Show 10 More Sessions");
  limber_test_click (more);
  g_assert_cmpuint (limber_session_list_get_n_rows (list), ==, 20);
  g_assert_true (limber_test_has_keyboard_focus (GTK_WIDGET (limber_session_list_get_row (list, 10))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, "Show 5 More Sessions");
  limber_test_click (more);
  g_assert_cmpuint (limber_session_list_get_n_rows (list), ==, 25);
  g_assert_false (gtk_widget_get_visible (more));
  row = limber_session_list_get_row (list, 24);
  g_assert_cmpstr (limber_text_row_get_subtitle (LIMBER_TEXT_ROW (row)), ==, "Jo Moss · Pain 6 points");

  /* Choosing one opens it in the session editor. */
  gtk_widget_activate (GTK_WIDGET (row));
  limber_test_drain_main_loop ();
  editor = LIMBER_SESSION_EDITOR (fixture->window->session_editor);
  g_assert_nonnull (editor);
  g_assert_cmpuint (limber_session_editor_get_session_number (editor), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps every accessible property for the
   * gtk_test_accessible_*() assertions, without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (limber_test_ui_init (&argc, &argv) == NULL)
    return 77;

#define ADD(path, func, courses) \
  g_test_add ((path), Fixture, GINT_TO_POINTER (courses), fixture_set_up, (func), \
              fixture_tear_down)

  ADD ("/courses/start", test_start_course, NO_COURSE);
  ADD ("/courses/no-course-no-session", test_no_course_no_session, NO_COURSE);
  ADD ("/courses/start-escape-asks", test_start_escape_asks, NO_COURSE);
  ADD ("/courses/edit", test_edit_course, COURSES);
  ADD ("/courses/date-fields-tab", test_date_fields_tab, NO_COURSE);
  ADD ("/courses/discharge", test_discharge, COURSES);
  ADD ("/courses/discharge-without-sessions", test_discharge_without_sessions, NO_COURSE);
  ADD ("/courses/discharge-at-last-session", test_discharge_at_last_session, COURSES);
  ADD ("/courses/switch-and-record", test_switch_and_record, COURSES);
  ADD ("/courses/undo-recorded-session", test_undo_recorded_session, COURSES);
  ADD ("/courses/session-list", test_session_list, LONG_COURSE);

#undef ADD

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
