/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-session-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-button-name.h"
#include "limber-date.h"
#include "limber-discard-dialog.h"
#include "limber-episode-loader.h"
#include "limber-session-editor-private.h"
#include "limber-value.h"

/* Soreness after treatment is rated like pain. */
#define SORENESS_MIN 0
#define SORENESS_MAX 10

/* How many earlier treatments the techniques field suggests. */
#define N_TECHNIQUE_SUGGESTIONS 50

G_DEFINE_FINAL_TYPE (LimberSessionEditor, limber_session_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void limber_session_editor_update (LimberSessionEditor *self);

/* ----- Fields ----- */

static const char *
entry_get_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* The text without surrounding spaces, NULL when nothing is left. */
static char *
entry_dup_value (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_get_text (entry)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "2026-03-02 09:30" as people type it, "2026-03-02T09:30" as Limber stores it. */
static char *
limber_session_editor_parse_date (const char *text)
{
  g_autofree char *date = g_strstrip (g_strdup (text));

  if (strlen (date) == 16 && date[10] == ' ')
    date[10] = 'T';

  if (!limber_date_time_is_valid (date))
    return NULL;

  return g_steal_pointer (&date);
}

static char *
limber_session_editor_format_date (const char *date_time)
{
  char *text = g_strdup (date_time);

  if (strlen (text) == 16)
    text[10] = ' ';

  return text;
}

/* ----- What the form shows around the values ----- */

/* The session's number: one more than the sessions of the course before it. */
static guint
limber_session_editor_count_number (LimberSessionEditor *self,
                                    const char          *date)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (self->analysis);
  guint n = 1;

  for (guint i = 0; i < sessions->len; i++)
    {
      LimberSession *session = g_ptr_array_index (sessions, i);

      if (self->session != NULL
          && limber_session_get_id (session) == limber_session_get_id (self->session))
        continue;

      if (strcmp (limber_session_get_date (session), date) < 0)
        n++;
    }

  return n;
}

static void
limber_session_editor_update_title (LimberSessionEditor *self)
{
  LimberPatient *patient = limber_episode_analysis_get_patient (self->analysis);
  guint planned = limber_episode_analysis_get_n_planned_sessions (self->analysis);
  g_autofree char *number = NULL;
  g_autofree char *subtitle = NULL;

  if (planned > 0)
    /* Translators: the session's place in the plan, e.g. "Session 4 of 6". */
    number = g_strdup_printf (_("Session %u of %u"), self->session_number, planned);
  else
    /* Translators: the session's place in the course of care, e.g. "Session 4". */
    number = g_strdup_printf (_("Session %u"), self->session_number);

  if (patient != NULL)
    subtitle = g_strdup_printf ("%s · %s", limber_patient_get_name (patient), number);

  adw_window_title_set_title (self->window_title, self->session != NULL ? _("Edit Session")
                                                                        : _("New Session"));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : number);
}

static LimberMeasure *
limber_session_editor_get_main_measure (LimberSessionEditor *self)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  LimberCondition *condition = limber_episode_get_condition_info (episode);

  return condition != NULL ? limber_condition_get_main_measure (condition) : NULL;
}

/* The condition's main questionnaire at the first session, halfway through the plan
 * and at its last session: suggested, never required. */
static void
limber_session_editor_update_reassessment (LimberSessionEditor *self)
{
  LimberMeasure *main_measure = limber_session_editor_get_main_measure (self);
  guint planned = limber_episode_analysis_get_n_planned_sessions (self->analysis);
  guint n = self->session_number;
  const char *label;

  g_clear_pointer (&self->reassessment, g_free);

  if (main_measure != NULL
      && limber_episode_analysis_is_reassessment_due (self->analysis, n))
    {
      label = limber_measure_get_label (main_measure);
      if (n == 1)
        /* Translators: %s is a questionnaire, e.g. "Oswestry Disability Index". */
        self->reassessment = g_strdup_printf (_("Record the %s at this first session: it is "
                                                "the baseline the course of care is judged "
                                                "against."),
                                              label);
      else if (n == planned)
        self->reassessment = g_strdup_printf (_("Record the %s again at this last planned "
                                                "session."),
                                              label);
      else
        self->reassessment = g_strdup_printf (_("Record the %s again at this session, "
                                                "halfway through the plan."),
                                              label);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reassessment_row),
                                 _("Reassessment due"));
  adw_action_row_set_subtitle (self->reassessment_row,
                               self->reassessment != NULL ? self->reassessment : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reassessment_group), self->reassessment != NULL);
}

/* ----- Measure rows ----- */

static AdwPreferencesGroup *
limber_session_editor_get_group (LimberSessionEditor *self,
                                 LimberMeasure       *measure)
{
  switch (limber_measure_get_kind (measure))
    {
    case LIMBER_MEASURE_KIND_PAIN:
      return self->pain_group;

    case LIMBER_MEASURE_KIND_RANGE_OF_MOTION:
      return self->motion_group;

    case LIMBER_MEASURE_KIND_QUESTIONNAIRE:
      return self->questionnaire_group;

    case LIMBER_MEASURE_KIND_FLEXIBILITY:
    case LIMBER_MEASURE_KIND_STRENGTH:
    default:
      return self->flexibility_group;
    }
}

static void
on_row_changed_cb (LimberSessionEditor *self)
{
  limber_session_editor_update (self);
}

LimberMeasureRow *
limber_session_editor_find_row (LimberSessionEditor *self,
                                const char          *measure_code)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), NULL);
  g_return_val_if_fail (measure_code != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      LimberMeasureRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (limber_measure_get_code (limber_measure_row_get_measure (row)),
                       measure_code))
        return row;
    }

  return NULL;
}

LimberMeasureRow *
limber_session_editor_add_measure (LimberSessionEditor *self,
                                   LimberMeasure       *measure)
{
  AdwPreferencesGroup *group;
  LimberMeasureRow *row;

  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), NULL);
  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  row = limber_session_editor_find_row (self, limber_measure_get_code (measure));
  if (row != NULL)
    return row;

  row = LIMBER_MEASURE_ROW (limber_measure_row_new (measure));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  group = limber_session_editor_get_group (self, measure);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
  g_ptr_array_add (self->rows, row);

  return row;
}

static LimberMeasureRow *
limber_session_editor_add_measure_code (LimberSessionEditor *self,
                                        const char          *code)
{
  LimberMeasure *measure = limber_measure_lookup (code);

  /* A code the catalog no longer knows cannot be edited here; the store keeps it. */
  if (measure == NULL)
    {
      g_warning ("The session has a value of an unknown measure “%s”", code);
      return NULL;
    }

  return limber_session_editor_add_measure (self, measure);
}

/* The condition's measures first, in the catalog's order, then its main
 * questionnaire, then whatever earlier sessions or this one measured besides. */
static void
limber_session_editor_add_rows (LimberSessionEditor *self,
                                GPtrArray           *previous)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  LimberMeasure *main_measure = limber_session_editor_get_main_measure (self);

  if (condition != NULL)
    {
      GPtrArray *suggested = limber_condition_get_suggested_measures (condition);

      for (guint i = 0; i < suggested->len; i++)
        limber_session_editor_add_measure (self, g_ptr_array_index (suggested, i));
    }
  else
    limber_session_editor_add_measure_code (self, "pain.nprs");

  if (main_measure != NULL)
    limber_session_editor_add_measure (self, main_measure);

  for (guint i = 0; i < previous->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (previous, i);
      LimberMeasureRow *row =
        limber_session_editor_add_measure_code (self, limber_measurement_get_measure (measurement));

      if (row != NULL)
        limber_measure_row_set_previous (row, measurement);
    }

  if (self->stored_measurements == NULL)
    return;

  for (guint i = 0; i < self->stored_measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (self->stored_measurements, i);
      LimberMeasureRow *row =
        limber_session_editor_add_measure_code (self, limber_measurement_get_measure (measurement));

      if (row != NULL)
        limber_measure_row_set_measurement (row, measurement);
    }
}

/* ----- The measure picker ----- */

static gboolean
limber_session_editor_filter_measure (GtkListBoxRow *list_row,
                                      gpointer       user_data)
{
  LimberSessionEditor *self = user_data;
  LimberMeasure *measure = g_object_get_data (G_OBJECT (list_row), "measure");
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->measure_search_entry));
  g_autofree char *folded_search = NULL;
  g_autofree char *folded_label = NULL;

  if (limber_session_editor_find_row (self, limber_measure_get_code (measure)) != NULL)
    return FALSE;

  if (search[0] == '\0')
    return TRUE;

  folded_search = g_utf8_casefold (search, -1);
  folded_label = g_utf8_casefold (limber_measure_get_label (measure), -1);
  return strstr (folded_label, folded_search) != NULL
         || strstr (limber_measure_get_code (measure), folded_search) != NULL;
}

static void
limber_session_editor_fill_picker (LimberSessionEditor *self)
{
  GListModel *catalog = limber_measure_get_catalog ();
  guint n = g_list_model_get_n_items (catalog);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);
      GtkWidget *label = gtk_label_new (limber_measure_get_label (measure));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "measure", measure);
      gtk_list_box_append (self->measure_list, row);
    }

  gtk_list_box_set_filter_func (self->measure_list, limber_session_editor_filter_measure,
                                self, NULL);
}

static GtkListBoxRow *
limber_session_editor_first_shown_measure (LimberSessionEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->measure_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
limber_session_editor_pick_measure (LimberSessionEditor *self,
                                    GtkListBoxRow       *list_row)
{
  LimberMeasure *measure = g_object_get_data (G_OBJECT (list_row), "measure");
  LimberMeasureRow *row;

  gtk_popover_popdown (self->measure_popover);
  row = limber_session_editor_add_measure (self, measure);
  limber_measure_row_focus_value (row);
  limber_session_editor_update (self);
}

static void
on_measure_popover_show_cb (LimberSessionEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->measure_search_entry), "");
  gtk_list_box_invalidate_filter (self->measure_list);
  gtk_widget_grab_focus (GTK_WIDGET (self->measure_search_entry));
}

static void
on_measure_search_changed_cb (LimberSessionEditor *self)
{
  gtk_list_box_invalidate_filter (self->measure_list);
}

static void
on_measure_search_activate_cb (LimberSessionEditor *self)
{
  GtkListBoxRow *first;

  /* Enter may come before the search's own delayed "search-changed". */
  gtk_list_box_invalidate_filter (self->measure_list);
  first = limber_session_editor_first_shown_measure (self);

  if (first != NULL)
    limber_session_editor_pick_measure (self, first);
}

static void
on_measure_search_stop_cb (LimberSessionEditor *self)
{
  gtk_popover_popdown (self->measure_popover);
}

static void
on_measure_row_activated_cb (LimberSessionEditor *self,
                             GtkListBoxRow       *list_row)
{
  limber_session_editor_pick_measure (self, list_row);
}

/* ----- Checking as the therapist types ----- */

static void
limber_session_editor_show_message (GtkLabel   *label,
                                    GtkWidget  *entry,
                                    const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, label,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry),
                                     GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

static void
limber_session_editor_check_date (LimberSessionEditor *self)
{
  g_autofree char *date = limber_session_editor_parse_date (entry_get_text (self->date_entry));
  g_autofree char *message = NULL;

  self->date_valid = date != NULL;
  if (!self->date_valid)
    {
      g_autofree char *typed = g_strstrip (g_strdup (entry_get_text (self->date_entry)));

      /* Translators: the example shows the form Limber reads, keep its digits. */
      message = g_strdup_printf (_("Date and time: “%s” is not a day and time; write it as "
                                   "2026-03-02 09:30"),
                                 typed);
    }

  limber_session_editor_show_message (self->date_message_label, GTK_WIDGET (self->date_entry),
                                      message);
}

static void
limber_session_editor_check_soreness (LimberSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  double value;

  self->soreness_valid =
    limber_value_parse (entry_get_text (self->soreness_entry), &value, &error)
    && (isnan (value)
        || limber_value_check_range (value, SORENESS_MIN, SORENESS_MAX, TRUE, &error));

  if (!self->soreness_valid)
    /* Translators: e.g. "Soreness after treatment: 11 is outside 0–10". */
    message = g_strdup_printf (_("Soreness after treatment: %s"), error->message);

  limber_session_editor_show_message (self->soreness_message_label,
                                      GTK_WIDGET (self->soreness_entry), message);
}

static void
limber_session_editor_update (LimberSessionEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 limber_session_editor_can_save (self));
}

static void
on_field_changed_cb (LimberSessionEditor *self,
                     GtkEditable         *entry)
{
  if (entry == GTK_EDITABLE (self->date_entry))
    limber_session_editor_check_date (self);
  else if (entry == GTK_EDITABLE (self->soreness_entry))
    limber_session_editor_check_soreness (self);

  limber_session_editor_update (self);
}

gboolean
limber_session_editor_can_save (LimberSessionEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), FALSE);

  if (!self->date_valid || !self->soreness_valid)
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    if (!limber_measure_row_is_valid (g_ptr_array_index (self->rows, i)))
      return FALSE;

  return TRUE;
}

gboolean
limber_session_editor_is_modified (LimberSessionEditor *self)
{
  g_autofree char *notes = NULL;

  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (limber_measure_row_is_modified (g_ptr_array_index (self->rows, i)))
      return TRUE;

  notes = limber_edit_flow_dup_note (self->notes_view);
  return g_strcmp0 (entry_get_text (self->date_entry), self->initial_date) != 0
         || g_strcmp0 (entry_get_text (self->therapist_entry), self->initial_therapist) != 0
         || g_strcmp0 (entry_get_text (self->techniques_entry), self->initial_techniques) != 0
         || g_strcmp0 (entry_get_text (self->soreness_entry), self->initial_soreness) != 0
         || g_strcmp0 (notes, self->initial_notes) != 0;
}

/* ----- Saving ----- */

static LimberSession *
limber_session_editor_build_session (LimberSessionEditor *self)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  g_autofree char *date = limber_session_editor_parse_date (entry_get_text (self->date_entry));
  g_autofree char *therapist = entry_dup_value (self->therapist_entry);
  g_autofree char *techniques = entry_dup_value (self->techniques_entry);
  g_autofree char *notes = limber_edit_flow_dup_note (self->notes_view);
  LimberSession *session = limber_session_new (limber_episode_get_id (episode), date);
  double soreness = NAN;

  if (self->session != NULL)
    limber_session_set_id (session, limber_session_get_id (self->session));

  limber_session_set_therapist (session, therapist);
  limber_session_set_techniques (session, techniques);
  limber_session_set_notes (session, notes[0] != '\0' ? notes : NULL);
  limber_value_parse (entry_get_text (self->soreness_entry), &soreness, NULL);
  limber_session_set_soreness (session, isnan (soreness) ? -1 : (int) soreness);

  return session;
}

static guint
count_deleted (GPtrArray *before,
               GPtrArray *after)
{
  guint n = 0;

  for (guint i = 0; before != NULL && i < before->len; i++)
    {
      gint64 id = limber_measurement_get_id (g_ptr_array_index (before, i));
      gboolean kept = FALSE;

      for (guint j = 0; j < after->len && !kept; j++)
        kept = limber_measurement_get_id (g_ptr_array_index (after, j)) == id;

      if (!kept)
        n++;
    }

  return n;
}

static void
limber_session_editor_show_error (LimberSessionEditor *self,
                                  const GError        *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Nothing was saved; the message stays until it has been read. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The edit flow's save: editor.save, its button and its shortcuts. */
static gboolean
limber_session_editor_save (GtkWindow *window)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (window);
  g_autoptr(LimberSession) session = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GError) error = NULL;
  guint n_deleted;

  /* A shortcut arrives even while the button is disabled. */
  if (!limber_session_editor_can_save (self))
    return FALSE;

  session = limber_session_editor_build_session (self);
  measurements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->rows->len; i++)
    limber_measure_row_collect (g_ptr_array_index (self->rows, i), measurements);

  if (!limber_store_save_session (self->store, session, measurements, &error))
    {
      limber_session_editor_show_error (self, error);
      return FALSE;
    }

  n_deleted = count_deleted (self->stored_measurements, measurements);
  g_signal_emit (self, signals[SAVED], 0, session, self->session, self->stored_measurements,
                 n_deleted);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static gboolean
is_modified_cb (GtkWindow *window)
{
  return limber_session_editor_is_modified (LIMBER_SESSION_EDITOR (window));
}

static const char *
discard_heading_cb (GtkWindow *window)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (window);

  return self->session != NULL ? _("Discard Your Changes?") : _("Discard This Session?");
}

static const LimberEditFlow edit_flow = {
  .action_prefix = "editor",
  .save = limber_session_editor_save,
  .is_modified = is_modified_cb,
  .discard_heading = discard_heading_cb,
};

static void
limber_session_editor_delete (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (widget);
  g_autoptr(LimberSession) removed = NULL;
  g_autoptr(GPtrArray) removed_measurements = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->session != NULL);

  if (!limber_store_remove_session (self->store, limber_session_get_id (self->session),
                                    &removed, &removed_measurements, &error))
    {
      limber_session_editor_show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, removed, removed_measurements);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ----- Opening ----- */

static GtkEntryCompletion *
limber_session_editor_create_completion (const char *const *texts)
{
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, texts[i], -1);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_completion_set_minimum_key_length (completion, 1);

  return completion;
}

/* The therapist of the course's last session before this one, else whoever on the
 * clinic's list recorded a session last. */
static const char *
limber_session_editor_find_last_therapist (LimberSessionEditor *self,
                                           const char          *date,
                                           GStrv                offered,
                                           GStrv                recent)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (self->analysis);

  for (guint i = sessions->len; i > 0; i--)
    {
      LimberSession *session = g_ptr_array_index (sessions, i - 1);
      const char *therapist = limber_session_get_therapist (session);

      if (strcmp (limber_session_get_date (session), date) < 0
          && therapist != NULL && therapist[0] != '\0')
        return therapist;
    }

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    if (g_strv_contains ((const char *const *) offered, recent[i]))
      return recent[i];

  return NULL;
}

/* The clinic's therapists (Preferences), without those who have left; before the
 * clinic keeps a list, the names written on earlier sessions. */
static GStrv
limber_session_editor_list_therapists (LimberSessionEditor  *self,
                                       GStrv                 recent,
                                       GError              **error)
{
  g_autoptr(GPtrArray) therapists = limber_store_list_therapists (self->store, FALSE, error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (therapists == NULL)
    return NULL;

  if (therapists->len == 0)
    return g_strdupv (recent);

  for (guint i = 0; i < therapists->len; i++)
    g_strv_builder_add (names, limber_therapist_get_name (g_ptr_array_index (therapists, i)));

  return g_strv_builder_end (names);
}

static void
limber_session_editor_choose_therapist (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->therapist_entry), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->therapist_entry));
}

static void
limber_session_editor_offer_therapists (LimberSessionEditor *self,
                                        GStrv                offered)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();

  completion = limber_session_editor_create_completion ((const char *const *) offered);
  gtk_entry_set_completion (self->therapist_entry, completion);

  for (guint i = 0; offered[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

      /* Set apart from the label, which would read underscores as mnemonics. */
      g_menu_item_set_attribute (item, G_MENU_ATTRIBUTE_LABEL, "s", offered[i]);
      g_menu_item_set_action_and_target_value (item, "editor.choose-therapist",
                                               g_variant_new_string (offered[i]));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->therapist_menu_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->therapist_menu_button), offered[0] != NULL);
}

static gboolean
limber_session_editor_fill_treatment (LimberSessionEditor  *self,
                                      const char           *date,
                                      GError              **error)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  g_autoptr(GtkEntryCompletion) techniques_completion = NULL;
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) offered = NULL;
  g_auto(GStrv) techniques = NULL;
  const char *therapist;

  if ((recent = limber_store_list_session_therapists (self->store, error)) == NULL
      || (offered = limber_session_editor_list_therapists (self, recent, error)) == NULL
      || (techniques = limber_store_list_session_techniques (self->store,
                                                             limber_episode_get_id (episode),
                                                             N_TECHNIQUE_SUGGESTIONS,
                                                             error)) == NULL)
    return FALSE;

  limber_session_editor_offer_therapists (self, offered);
  techniques_completion = limber_session_editor_create_completion ((const char *const *) techniques);
  gtk_entry_completion_set_inline_completion (techniques_completion, FALSE);
  gtk_entry_set_completion (self->techniques_entry, techniques_completion);

  if (self->session != NULL)
    {
      int soreness = limber_session_get_soreness (self->session);
      const char *notes = limber_session_get_notes (self->session);

      therapist = limber_session_get_therapist (self->session);
      if (limber_session_get_techniques (self->session) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->techniques_entry),
                               limber_session_get_techniques (self->session));
      if (soreness >= 0)
        {
          g_autofree char *text = g_strdup_printf ("%d", soreness);

          gtk_editable_set_text (GTK_EDITABLE (self->soreness_entry), text);
        }
      if (notes != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
    }
  else
    therapist = limber_session_editor_find_last_therapist (self, date, offered, recent);

  if (therapist != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->therapist_entry), therapist);

  return TRUE;
}

static gboolean
limber_session_editor_load (LimberSessionEditor  *self,
                            gint64                episode_id,
                            gint64                session_id,
                            GError              **error)
{
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *date_text = NULL;

  self->analysis = limber_episode_loader_load (self->store, episode_id, error);
  if (self->analysis == NULL)
    return FALSE;

  if (session_id != 0)
    {
      g_autoptr(GError) local_error = NULL;

      self->session = limber_store_get_session (self->store, session_id, &local_error);
      if (self->session == NULL)
        {
          if (local_error == NULL)
            g_set_error (&local_error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                         _("This session no longer exists; it may have been deleted"));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      self->stored_measurements = limber_store_list_measurements (self->store, session_id, error);
      if (self->stored_measurements == NULL)
        return FALSE;

      date = g_strdup (limber_session_get_date (self->session));
    }
  else
    {
      now = g_date_time_new_now_local ();
      date = g_date_time_format (now, "%Y-%m-%dT%H:%M");
    }

  previous = limber_store_list_previous_measurements (self->store, episode_id, date, error);
  if (previous == NULL || !limber_session_editor_fill_treatment (self, date, error))
    return FALSE;

  date_text = limber_session_editor_format_date (date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date_text);

  self->session_number = limber_session_editor_count_number (self, date);
  limber_session_editor_add_rows (self, previous);
  limber_session_editor_update_title (self);
  limber_session_editor_update_reassessment (self);
  limber_session_editor_fill_picker (self);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), self->session != NULL);
  gtk_window_set_title (GTK_WINDOW (self), self->session != NULL ? _("Edit Session")
                                                                 : _("New Session"));

  self->initial_date = g_strdup (entry_get_text (self->date_entry));
  self->initial_therapist = g_strdup (entry_get_text (self->therapist_entry));
  self->initial_techniques = g_strdup (entry_get_text (self->techniques_entry));
  self->initial_soreness = g_strdup (entry_get_text (self->soreness_entry));
  self->initial_notes = limber_edit_flow_dup_note (self->notes_view);

  limber_session_editor_check_date (self);
  limber_session_editor_check_soreness (self);
  limber_session_editor_update (self);

  return TRUE;
}

/* ----- Public ----- */

guint
limber_session_editor_get_session_number (LimberSessionEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), 0);

  return self->session_number;
}

const char *
limber_session_editor_get_reassessment (LimberSessionEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_EDITOR (self), NULL);

  return self->reassessment;
}

/* ----- GObject ----- */

static void
limber_session_editor_dispose (GObject *object)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_SESSION_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->analysis);
  g_clear_object (&self->session);
  g_clear_pointer (&self->stored_measurements, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_session_editor_parent_class)->dispose (object);
}

static void
limber_session_editor_finalize (GObject *object)
{
  LimberSessionEditor *self = LIMBER_SESSION_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->reassessment, g_free);
  g_clear_pointer (&self->initial_date, g_free);
  g_clear_pointer (&self->initial_therapist, g_free);
  g_clear_pointer (&self->initial_techniques, g_free);
  g_clear_pointer (&self->initial_soreness, g_free);
  g_clear_pointer (&self->initial_notes, g_free);

  G_OBJECT_CLASS (limber_session_editor_parent_class)->finalize (object);
}

static void
limber_session_editor_class_init (LimberSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_session_editor_dispose;
  object_class->finalize = limber_session_editor_finalize;

  /**
   * LimberSessionEditor::saved:
   * @session: the session as saved
   * @before: (nullable): the stored session as it was, NULL for a new one
   * @before_measurements: (nullable): its measurements as they were
   * @n_deleted: how many of them the save deleted
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  LIMBER_TYPE_SESSION, LIMBER_TYPE_SESSION, G_TYPE_PTR_ARRAY, G_TYPE_UINT);

  /**
   * LimberSessionEditor::deleted:
   * @session: the session Delete Session removed
   * @measurements: its measurements
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  LIMBER_TYPE_SESSION, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, reassessment_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, reassessment_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, therapist_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, therapist_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, date_message_label);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, pain_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, motion_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, flexibility_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, questionnaire_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, add_measure_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, measure_popover);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, measure_search_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, measure_list);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, techniques_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, soreness_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, soreness_message_label);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSessionEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_row_activated_cb);

  limber_edit_flow_install (widget_class, &edit_flow);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL,
                                   limber_session_editor_delete);
  gtk_widget_class_install_action (widget_class, "editor.choose-therapist", "s",
                                   limber_session_editor_choose_therapist);
}

static void
limber_session_editor_init (LimberSessionEditor *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  limber_button_set_accessible_name (self->cancel_button, _("Cancel"));
  limber_button_set_accessible_name (self->save_button, _("Save"));
  limber_button_set_accessible_name (self->delete_button, _("Delete Session"));
  limber_button_set_accessible_name (GTK_WIDGET (self->add_measure_button), _("Add Measure"));
}

LimberSessionEditor *
limber_session_editor_new (GtkWindow    *parent,
                           LimberStore  *store,
                           gint64        episode_id,
                           gint64        session_id,
                           GError      **error)
{
  LimberSessionEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Owned by GTK like every toplevel, until destroyed. */
  self = g_object_new (LIMBER_TYPE_SESSION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  if (!limber_session_editor_load (self, episode_id, session_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (self->rows->len > 0)
    limber_measure_row_focus_value (g_ptr_array_index (self->rows, 0));

  return self;
}
