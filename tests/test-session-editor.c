/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session-editor"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "limber-application.h"
#include "limber-measure-row.h"
#include "limber-questionnaire-dialog.h"
#include "limber-session-editor-private.h"
#include "limber-store.h"
#include "limber-value.h"
#include "limber-window-private.h"
#include "limber-test-fixture.h"

/* The session editor as a therapist uses it: opened from the patient's course of
 * care in the real window on a real display (Xvfb under `make check`), values typed
 * into its fields, and what it saved read back from the store. */

typedef struct
{
  LimberTestFixture ui;       /* the folder, its database and the window on it */
  LimberStore      *store;    /* the window's */
  gint64            patient_id;
  gint64            episode_id;
  gint64            first_session_id;
} Fixture;

/* ----- Helpers ----- */

static GtkWidget *
value_entry (LimberSessionEditor *editor,
             const char          *code,
             LimberSide           side)
{
  LimberMeasureRow *row = limber_session_editor_find_row (editor, code);

  g_assert_nonnull (row);
  return limber_measure_row_get_entry (row, side);
}

static GtkWidget *
save_button (LimberSessionEditor *editor)
{
  GtkWidget *button = limber_test_find_button_with_action (editor, "editor.save");

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Save");
  return button;
}

/* A patient with a course of care for low back pain, planned for 6 sessions, and one
 * session recorded the week before by Jo Moss. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(LimberSession) session = NULL;
  g_autoptr(GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (g_date_time_new_now_local (), -7);
  g_autofree char *start = g_date_time_format (week_ago, "%Y-%m-%d");
  g_autofree char *when = g_date_time_format (week_ago, "%Y-%m-%dT09:00");

  limber_test_fixture_set_up (&fixture->ui, data);
  store = g_steal_pointer (&fixture->ui.store);
  patient = limber_patient_new ("E-1", "Eva Editor", "1970-01-15");
  g_assert_true (limber_store_add_patient (store, patient, &error));
  episode = limber_episode_new (limber_patient_get_id (patient), "low_back_pain", start);
  limber_episode_set_planned_sessions (episode, 6);
  limber_episode_set_sessions_per_week (episode, 2);
  g_assert_true (limber_store_add_episode (store, episode, &error));
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data) != 0)
    {
      session = limber_session_new (limber_episode_get_id (episode), when);
      limber_session_set_therapist (session, "Jo Moss");
      g_ptr_array_add (measurements,
                       limber_measurement_new (0, "pain.nprs", LIMBER_SIDE_NONE, 7));
      g_ptr_array_add (measurements,
                       limber_measurement_new (0, "flex.slr", LIMBER_SIDE_LEFT, 50));
      g_ptr_array_add (measurements,
                       limber_measurement_new (0, "flex.slr", LIMBER_SIDE_RIGHT, 75));
      g_assert_true (limber_store_save_session (store, session, measurements, &error));
      g_assert_no_error (error);
      fixture->first_session_id = limber_session_get_id (session);
    }

  fixture->patient_id = limber_patient_get_id (patient);
  fixture->episode_id = limber_episode_get_id (episode);
  g_assert_finalize_object (g_steal_pointer (&store));

  limber_test_fixture_open_window (&fixture->ui);
  fixture->store = limber_window_get_store (fixture->ui.window);
  g_assert_nonnull (fixture->store);
  g_assert_true (limber_window_select_patient (fixture->ui.window, fixture->patient_id));
  limber_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  limber_test_fixture_tear_down_window (&fixture->ui, data);
}

/* Presses the patient view's "New Session" button, as a therapist would. */
static LimberSessionEditor *
open_new_session (Fixture *fixture)
{
  GtkWidget *button = limber_test_find_button_with_action (fixture->ui.window->patient_view,
                                                           "win.new-session");
  LimberSessionEditor *editor;

  g_assert_nonnull (button);
  limber_test_click (button);

  editor = LIMBER_SESSION_EDITOR (fixture->ui.window->session_editor);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  return editor;
}

static GPtrArray *
list_sessions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = limber_store_list_sessions (fixture->store, fixture->episode_id, &error);

  g_assert_no_error (error);
  return sessions;
}

static GPtrArray *
list_measurements (Fixture *fixture,
                   gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *measurements = limber_store_list_measurements (fixture->store, session_id, &error);

  g_assert_no_error (error);
  return measurements;
}

static LimberMeasurement *
find_measurement (GPtrArray  *measurements,
                  const char *code,
                  LimberSide  side)
{
  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *m = g_ptr_array_index (measurements, i);

      if (g_str_equal (limber_measurement_get_measure (m), code)
          && limber_measurement_get_side (m) == side)
        return m;
    }

  return NULL;
}

/* ----- Recording ----- */

/* ODI answered section by section in its item form; section 8 left out. */
static void
answer_odi (LimberSessionEditor *editor)
{
  static const char *answers[] = { "2", "1", "3", "1", "2", "2", "1", "", "1", "2" };
  LimberMeasureRow *row = limber_session_editor_find_row (editor, "prom.odi");
  LimberQuestionnaireDialog *form;
  GtkWidget *items_button;

  g_assert_nonnull (row);
  items_button = NULL;
  {
    g_autoptr(GPtrArray) buttons = limber_test_find_widgets (row, GTK_TYPE_BUTTON);

    g_assert_cmpuint (buttons->len, ==, 1);
    items_button = g_ptr_array_index (buttons, 0);
  }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (items_button), ==, "Answer the Items");
  limber_test_click (items_button);

  form = LIMBER_QUESTIONNAIRE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_QUESTIONNAIRE_DIALOG));
  g_assert_nonnull (form);
  g_assert_false (limber_questionnaire_dialog_has_score (form));

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, i), answers[i]);

  /* 15 of 45 → 33.3 %, live. */
  g_assert_true (limber_questionnaire_dialog_has_score (form));
  g_assert_cmpfloat (limber_questionnaire_dialog_get_score (form), ==, 33.3);

  limber_test_click (limber_test_find_button_with_action (form, "questionnaire.done"));
  g_assert_null (limber_test_find_toplevel (LIMBER_TYPE_QUESTIONNAIRE_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_entry (editor, "prom.odi",
                                                                      LIMBER_SIDE_NONE))),
                   ==, "33.3");
}

static void
test_record_session (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  LimberSessionEditor *editor = open_new_session (fixture);
  LimberMeasurement *odi;
  GtkWidget *pain;
  const double *answers;
  guint n_answers = 0;

  /* It opens on today, the last therapist and the session's place in the plan,
   * with the keyboard in the first value field. */
  g_assert_cmpuint (limber_session_editor_get_session_number (editor), ==, 2);
  g_assert_cmpstr (adw_window_title_get_subtitle (editor->window_title), ==,
                   "Eva Editor · Session 2 of 6");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->therapist_entry)), ==, "Jo Moss");
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (editor->date_entry)),
                                   today));
  pain = value_entry (editor, "pain.nprs", LIMBER_SIDE_NONE);
  g_assert_true (limber_test_has_keyboard_focus (pain));

  limber_test_type_into (pain, "4");
  limber_test_type_into (value_entry (editor, "rom.lumbar.lateral_flexion", LIMBER_SIDE_LEFT), "20");
  limber_test_type_into (value_entry (editor, "rom.lumbar.lateral_flexion", LIMBER_SIDE_RIGHT), "22,5");
  answer_odi (editor);

  g_assert_true (limber_session_editor_can_save (editor));
  limber_test_click (save_button (editor));
  g_assert_null (fixture->ui.window->session_editor);

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpstr (limber_session_get_therapist (g_ptr_array_index (sessions, 1)), ==, "Jo Moss");
  g_assert_true (g_str_has_prefix (limber_session_get_date (g_ptr_array_index (sessions, 1)),
                                   today));

  /* Exactly what was typed; the empty fields recorded nothing. */
  measurements = list_measurements (fixture,
                                    limber_session_get_id (g_ptr_array_index (sessions, 1)));
  g_assert_cmpuint (measurements->len, ==, 4);
  g_assert_cmpfloat (limber_measurement_get_value (find_measurement (measurements, "pain.nprs",
                                                                     LIMBER_SIDE_NONE)), ==, 4);
  g_assert_cmpfloat (limber_measurement_get_value (find_measurement (measurements,
                                                                     "rom.lumbar.lateral_flexion",
                                                                     LIMBER_SIDE_LEFT)), ==, 20);
  g_assert_cmpfloat (limber_measurement_get_value (find_measurement (measurements,
                                                                     "rom.lumbar.lateral_flexion",
                                                                     LIMBER_SIDE_RIGHT)), ==, 22.5);
  odi = find_measurement (measurements, "prom.odi", LIMBER_SIDE_NONE);
  g_assert_nonnull (odi);
  g_assert_cmpfloat (limber_measurement_get_value (odi), ==, 33.3);
  answers = limber_measurement_get_answers (odi, &n_answers);
  g_assert_cmpuint (n_answers, ==, 10);
  g_assert_cmpfloat (answers[2], ==, 3);
  g_assert_true (isnan (answers[7]));
}

/* ----- Checking as the therapist types ----- */

static void
test_out_of_range_blocks_saving (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  LimberSessionEditor *editor = open_new_session (fixture);
  LimberMeasureRow *pain_row = limber_session_editor_find_row (editor, "pain.nprs");
  GtkWidget *pain = limber_measure_row_get_entry (pain_row, LIMBER_SIDE_NONE);
  GtkWidget *slr_right = value_entry (editor, "flex.slr", LIMBER_SIDE_RIGHT);
  GtkWidget *button = save_button (editor);
  g_autoptr(GPtrArray) labels = NULL;
  gboolean message_shown = FALSE;

  limber_test_type_into (pain, "11");

  g_assert_cmpstr (limber_measure_row_get_message (pain_row), ==, "Pain (0–10): 11 is outside 0–10");
  g_assert_true (gtk_widget_has_css_class (pain, "error"));
  g_assert_false (limber_session_editor_can_save (editor));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* The message is a label the therapist sees under the field. */
  labels = limber_test_find_widgets (pain_row, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)),
                   "Pain (0–10): 11 is outside 0–10") == 0)
      message_shown = gtk_widget_is_visible (g_ptr_array_index (labels, i));
  g_assert_true (message_shown);

  /* The shortcut does not save either. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  limber_test_drain_main_loop ();
  g_assert_true (fixture->ui.window->session_editor == GTK_WIDGET (editor));

  /* Other bad input says what and where. */
  limber_test_type_into (slr_right, "12a");
  g_assert_cmpstr (limber_measure_row_get_message (limber_session_editor_find_row (editor, "flex.slr")),
                   ==, "Straight leg raise, right: “12a” is not a number");
  limber_test_type_into (slr_right, "");
  limber_test_type_into (GTK_WIDGET (editor->soreness_entry), "2.5");
  g_assert_cmpstr (gtk_label_get_text (editor->soreness_message_label), ==,
                   "Soreness after treatment: 2.5 is not a whole number");
  limber_test_type_into (GTK_WIDGET (editor->soreness_entry), "");
  limber_test_type_into (GTK_WIDGET (editor->date_entry), "2026-02-30 09:00");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (editor->date_message_label)));
  g_assert_false (limber_session_editor_can_save (editor));
  limber_test_type_into (GTK_WIDGET (editor->date_entry), "2026-03-02 09:00");

  /* Corrected, it saves. */
  limber_test_type_into (pain, "10");
  g_assert_null (limber_measure_row_get_message (pain_row));
  g_assert_false (gtk_widget_has_css_class (pain, "error"));
  g_assert_true (gtk_widget_is_sensitive (button));
  limber_test_click (button);
  g_assert_null (fixture->ui.window->session_editor);

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 2);
}

/* ----- Escape ----- */

static void
test_escape_asks_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  LimberSessionEditor *editor = open_new_session (fixture);
  AdwMessageDialog *dialog;

  /* Nothing typed: Escape closes at once. */
  g_assert_false (limber_session_editor_is_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
  g_assert_null (fixture->ui.window->session_editor);
  g_assert_null (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  editor = open_new_session (fixture);
  limber_test_type_into (value_entry (editor, "pain.nprs", LIMBER_SIDE_NONE), "3");
  g_assert_true (limber_session_editor_is_modified (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
  dialog = ADW_MESSAGE_DIALOG (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Session?");
  /* Escape or Enter in the question keeps the work. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "keep");

  adw_message_dialog_response (dialog, "keep");
  limber_test_drain_main_loop ();
  g_assert_true (fixture->ui.window->session_editor == GTK_WIDGET (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_entry (editor, "pain.nprs",
                                                                      LIMBER_SIDE_NONE))),
                   ==, "3");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
  dialog = ADW_MESSAGE_DIALOG (limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  limber_test_drain_main_loop ();
  g_assert_null (fixture->ui.window->session_editor);

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);
}

/* ----- Editing, deleting, Undo ----- */

static LimberSessionEditor *
open_first_session (Fixture *fixture)
{
  LimberSessionEditor *editor;

  gtk_widget_activate_action (GTK_WIDGET (fixture->ui.window), "win.edit-session", "x",
                              fixture->first_session_id);
  limber_test_drain_main_loop ();
  editor = LIMBER_SESSION_EDITOR (fixture->ui.window->session_editor);
  g_assert_nonnull (editor);
  return editor;
}

/* The name of the action a key bound in widget's class runs, or NULL. */
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

static AdwMessageDialog *
find_question (void)
{
  limber_test_drain_main_loop ();
  return limber_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Answers the question as its buttons do, which also close it. */
static void
answer (AdwMessageDialog *question,
        const char       *response)
{
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
  limber_test_drain_main_loop ();
}

static void
type_notes (LimberSessionEditor *editor,
            const char          *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->notes_view), text, -1);
}

/* Every way out of the editor, a new session or a stored one: Escape, the Cancel
 * button and closing the window close it at once when nothing was typed, and ask
 * before discarding what was. */
static void
test_cancel_flow (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(LimberSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  LimberSessionEditor *editor = open_new_session (fixture);
  AdwMessageDialog *question;
  struct
  {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } keys[] = {
    { GDK_KEY_Escape, 0, "editor.cancel" },
    { GDK_KEY_s, GDK_CONTROL_MASK, "editor.save" },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = dup_shortcut_action (GTK_WIDGET (editor), keys[i].keyval,
                                                     keys[i].modifiers);

      g_assert_cmpstr (action, ==, keys[i].action);
    }
  g_assert_true (limber_test_find_button_with_action (editor, "editor.cancel")
                 == editor->cancel_button);

  /* The arrows of the sessions list only decorate its rows, which are named. */
  {
    g_autoptr(GPtrArray) images = limber_test_find_widgets (fixture->ui.window->patient_view,
                                                            GTK_TYPE_IMAGE);
    guint n_arrows = 0;

    for (guint i = 0; i < images->len; i++)
      if (g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (images, i)),
                     "go-next-symbolic") == 0)
        {
          gtk_test_accessible_assert_role (GTK_ACCESSIBLE (g_ptr_array_index (images, i)),
                                           GTK_ACCESSIBLE_ROLE_PRESENTATION);
          n_arrows++;
        }
    g_assert_cmpuint (n_arrows, >=, 1);
  }

  /* Each measure's row is named for screen readers. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (limber_session_editor_find_row (editor,
                                                                                       "pain.nprs")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Pain (0–10)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (limber_session_editor_find_row (editor,
                                                                                       "flex.slr")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Straight leg raise");

  /* The Cancel button with only a note typed asks; keeping leaves the note. */
  type_notes (editor, "Felt better after the walk.");
  g_assert_true (limber_session_editor_is_modified (editor));
  limber_test_click (editor->cancel_button);
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard This Session?");
  answer (question, "keep");
  g_assert_null (find_question ());
  g_assert_true (fixture->ui.window->session_editor == GTK_WIDGET (editor));
  g_assert_true (limber_session_editor_is_modified (editor));

  /* A note typed and wiped out again is nothing typed: closing does not ask. */
  type_notes (editor, "  \n");
  g_assert_false (limber_session_editor_is_modified (editor));
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_null (find_question ());
  g_assert_null (fixture->ui.window->session_editor);

  /* Closing the window with a value typed asks too, and Discard saves nothing. */
  editor = open_new_session (fixture);
  limber_test_type_into (GTK_WIDGET (editor->soreness_entry), "2");
  gtk_window_close (GTK_WINDOW (editor));
  question = find_question ();
  g_assert_nonnull (question);
  answer (question, "discard");
  g_assert_null (fixture->ui.window->session_editor);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);

  /* A stored session: untouched, Cancel closes at once... */
  editor = open_first_session (fixture);
  g_assert_false (limber_session_editor_is_modified (editor));
  limber_test_click (editor->cancel_button);
  g_assert_null (find_question ());
  g_assert_null (fixture->ui.window->session_editor);

  /* ...changed, Escape asks about the changes and Discard keeps the stored ones. */
  editor = open_first_session (fixture);
  limber_test_type_into (GTK_WIDGET (editor->therapist_entry), "Ana Ruiz");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Your Changes?");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "keep");
  answer (question, "discard");
  g_assert_null (fixture->ui.window->session_editor);

  stored = limber_store_get_session (fixture->store, fixture->first_session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_session_get_therapist (stored), ==, "Jo Moss");
}

static GtkWidget *
find_undo_button (Fixture *fixture)
{
  return limber_test_find_button_with_action (fixture->ui.window->toast_overlay, "win.undo");
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_measurements (fixture, fixture->first_session_id);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(LimberSession) restored = NULL;
  g_autoptr(GError) error = NULL;
  LimberSessionEditor *editor = open_first_session (fixture);
  GtkWidget *undo;

  g_assert_cmpuint (limber_session_editor_get_session_number (editor), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_entry (editor, "pain.nprs",
                                                                      LIMBER_SIDE_NONE))),
                   ==, "7");
  limber_test_click (limber_test_find_button_with_action (editor, "editor.delete"));
  g_assert_null (fixture->ui.window->session_editor);

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* The toast's Undo puts back the same session with the same values and ids. */
  undo = find_undo_button (fixture);
  g_assert_nonnull (undo);
  limber_test_click (undo);

  restored = limber_store_get_session (fixture->store, fixture->first_session_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpstr (limber_session_get_therapist (restored), ==, "Jo Moss");
  after = list_measurements (fixture, fixture->first_session_id);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      LimberMeasurement *a = g_ptr_array_index (before, i);
      LimberMeasurement *b = g_ptr_array_index (after, i);

      g_assert_cmpint (limber_measurement_get_id (a), ==, limber_measurement_get_id (b));
      g_assert_cmpstr (limber_measurement_get_measure (a), ==, limber_measurement_get_measure (b));
      g_assert_cmpfloat (limber_measurement_get_value (a), ==, limber_measurement_get_value (b));
    }
}

static void
test_edit_and_undo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  LimberSessionEditor *editor = open_first_session (fixture);
  LimberMeasurement *pain;

  /* The pain corrected, one side of the SLR cleared: that value is deleted. */
  limber_test_type_into (value_entry (editor, "pain.nprs", LIMBER_SIDE_NONE), "6");
  limber_test_type_into (value_entry (editor, "flex.slr", LIMBER_SIDE_LEFT), "");
  limber_test_click (save_button (editor));
  g_assert_null (fixture->ui.window->session_editor);

  edited = list_measurements (fixture, fixture->first_session_id);
  g_assert_cmpuint (edited->len, ==, 2);
  pain = find_measurement (edited, "pain.nprs", LIMBER_SIDE_NONE);
  g_assert_cmpfloat (limber_measurement_get_value (pain), ==, 6);
  g_assert_null (find_measurement (edited, "flex.slr", LIMBER_SIDE_LEFT));

  limber_test_click (find_undo_button (fixture));
  undone = list_measurements (fixture, fixture->first_session_id);
  g_assert_cmpuint (undone->len, ==, 3);
  g_assert_cmpfloat (limber_measurement_get_value (find_measurement (undone, "pain.nprs",
                                                                     LIMBER_SIDE_NONE)), ==, 7);
  g_assert_cmpfloat (limber_measurement_get_value (find_measurement (undone, "flex.slr",
                                                                     LIMBER_SIDE_LEFT)), ==, 50);
}

/* ----- PSFS ----- */

static GtkWidget *
items_button (LimberMeasureRow *row)
{
  g_autoptr(GPtrArray) buttons = limber_test_find_widgets (row, GTK_TYPE_BUTTON);

  g_assert_cmpuint (buttons->len, ==, 1);
  return g_ptr_array_index (buttons, 0);
}

/* The activities the patient named last time come back to be rated again. */
static void
test_psfs_remembers_activities (Fixture       *fixture,
                                gconstpointer  data)
{
  static const double earlier[] = { 3, 4, 2, NAN, NAN };
  static const char *names[] = { "Walking the dog", "Lifting a child", "Gardening", "", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measurements = list_measurements (fixture, fixture->first_session_id);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(LimberSession) first = limber_store_get_session (fixture->store,
                                                             fixture->first_session_id, &error);
  LimberQuestionnaireDialog *form;
  LimberSessionEditor *editor;
  LimberMeasurement *psfs;
  const char *const *saved_names;
  const double *answers;
  guint n_answers = 0;

  g_ptr_array_add (measurements,
                   limber_measurement_new_from_answers (0, "prom.psfs", earlier,
                                                        G_N_ELEMENTS (earlier), names, &error));
  g_assert_no_error (error);
  g_assert_true (limber_store_save_session (fixture->store, first, measurements, &error));
  g_assert_no_error (error);
  limber_test_drain_main_loop ();

  editor = open_new_session (fixture);
  limber_test_click (items_button (limber_session_editor_find_row (editor, "prom.psfs")));
  form = LIMBER_QUESTIONNAIRE_DIALOG (limber_test_find_toplevel (LIMBER_TYPE_QUESTIONNAIRE_DIALOG));
  g_assert_nonnull (form);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (limber_questionnaire_dialog_get_name_entry (form, i))),
                       ==, names[i]);
      /* Rated anew: last time's ratings are not carried over. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (limber_questionnaire_dialog_get_answer_entry (form, i))),
                       ==, "");
    }

  /* A rating without its activity cannot be scored. */
  limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, 3), "5");
  g_assert_false (limber_questionnaire_dialog_has_score (form));
  limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, 3), "");

  limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, 0), "6");
  limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, 1), "5");
  limber_test_type_into (limber_questionnaire_dialog_get_answer_entry (form, 2), "7");
  g_assert_cmpfloat (limber_questionnaire_dialog_get_score (form), ==, 6);
  limber_test_click (limber_test_find_button_with_action (form, "questionnaire.done"));
  limber_test_click (save_button (editor));

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 2);
  saved = list_measurements (fixture, limber_session_get_id (g_ptr_array_index (sessions, 1)));
  psfs = find_measurement (saved, "prom.psfs", LIMBER_SIDE_NONE);
  g_assert_nonnull (psfs);
  g_assert_cmpfloat (limber_measurement_get_value (psfs), ==, 6);
  answers = limber_measurement_get_answers (psfs, &n_answers);
  g_assert_cmpfloat (answers[0], ==, 6);
  saved_names = limber_measurement_get_item_names (psfs);
  g_assert_cmpstr (saved_names[0], ==, "Walking the dog");
  g_assert_cmpstr (saved_names[2], ==, "Gardening");
}

/* ----- What the editor shows ----- */

static void
test_previous_values_and_picker (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  LimberSessionEditor *editor = open_new_session (fixture);
  LimberMeasureRow *slr = limber_session_editor_find_row (editor, "flex.slr");
  LimberMeasureRow *grip;
  gboolean found = FALSE;

  /* Last time's values, each side with its own. */
  labels = limber_test_find_widgets (slr, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    found |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)),
                     "last time 50° left, 75° right") != NULL;
  g_assert_true (found);

  /* The suggested measures come grouped; the others through the picker. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->pain_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->motion_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->flexibility_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->questionnaire_group)));
  g_assert_null (limber_session_editor_find_row (editor, "strength.grip"));

  /* The popover itself is not popped up: under Xvfb without a window manager GTK
   * 4.8 cannot place it. Its search field and list are the same widgets. */
  gtk_editable_set_text (GTK_EDITABLE (editor->measure_search_entry), "grip str");
  limber_test_drain_main_loop ();
  g_signal_emit_by_name (editor->measure_search_entry, "activate");
  limber_test_drain_main_loop ();
  grip = limber_session_editor_find_row (editor, "strength.grip");
  g_assert_nonnull (grip);
  g_assert_true (limber_test_has_keyboard_focus (limber_measure_row_get_entry (grip, LIMBER_SIDE_LEFT)));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
}

/* The main questionnaire is suggested at the first session, halfway (3 of 6) and
 * at the last planned session (6 of 6). */
static void
test_reassessment_prompt (Fixture       *fixture,
                          gconstpointer  data)
{
  LimberSessionEditor *editor = open_new_session (fixture);
  guint number = limber_session_editor_get_session_number (editor);
  gboolean expect_due = number == 1 || number == 3 || number == 6;
  const char *text = limber_session_editor_get_reassessment (editor);

  g_assert_cmpint (text != NULL, ==, expect_due);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (editor->reassessment_group)), ==, expect_due);
  if (number == 1)
    g_assert_cmpstr (text, ==, "Record the Oswestry Disability Index at this first session: it "
                               "is the baseline the course of care is judged against.");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
}

static void
test_reassessment_at_halfway (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LimberSession) second = limber_session_new (fixture->episode_id, "2000-01-01");
  LimberSessionEditor *editor;

  /* An earlier session makes today the third of six. */
  g_assert_true (limber_store_save_session (fixture->store, second, none, &error));
  g_assert_no_error (error);
  limber_test_drain_main_loop ();
  editor = open_new_session (fixture);
  g_assert_cmpuint (limber_session_editor_get_session_number (editor), ==, 3);
  g_assert_cmpstr (limber_session_editor_get_reassessment (editor), ==,
                   "Record the Oswestry Disability Index again at this session, halfway through "
                   "the plan.");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  limber_test_drain_main_loop ();
}

/* ----- Typed values ----- */

static void
test_value_parse (void)
{
  struct
  {
    const char *text;
    gboolean    ok;
    double      value;
  } cases[] = {
    { "45", TRUE, 45 },
    { " 45.5 ", TRUE, 45.5 },
    { "45,5", TRUE, 45.5 },
    { "-5", TRUE, -5 },
    { "\xe2\x88\x92" "12.5", TRUE, -12.5 },
    { "+3", TRUE, 3 },
    { "4a", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "inf", FALSE, 0 },
    { "0x10", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "-", FALSE, 0 },
    { "5-", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double value = 0;

      g_assert_cmpint (limber_value_parse (cases[i].text, &value, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat (value, ==, cases[i].value);
      else
        g_assert_nonnull (error);
    }

  {
    double value = 0;

    g_assert_true (limber_value_parse ("  ", &value, NULL));
    g_assert_true (isnan (value));
  }
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

  g_test_add_func ("/session-editor/value-parse", test_value_parse);

#define ADD(path, func, with_session) \
  g_test_add ((path), Fixture, GINT_TO_POINTER (with_session), fixture_set_up, (func), \
              fixture_tear_down)

  ADD ("/session-editor/record", test_record_session, TRUE);
  ADD ("/session-editor/out-of-range", test_out_of_range_blocks_saving, TRUE);
  ADD ("/session-editor/escape-asks", test_escape_asks_first, TRUE);
  ADD ("/session-editor/cancel-flow", test_cancel_flow, TRUE);
  ADD ("/session-editor/delete-undo", test_delete_and_undo, TRUE);
  ADD ("/session-editor/edit-undo", test_edit_and_undo, TRUE);
  ADD ("/session-editor/previous-and-picker", test_previous_values_and_picker, TRUE);
  ADD ("/session-editor/psfs-activities", test_psfs_remembers_activities, TRUE);
  ADD ("/session-editor/reassessment/first", test_reassessment_prompt, FALSE);
  ADD ("/session-editor/reassessment/second", test_reassessment_prompt, TRUE);
  ADD ("/session-editor/reassessment/halfway", test_reassessment_at_halfway, TRUE);

#undef ADD

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
