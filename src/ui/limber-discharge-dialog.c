/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-discharge-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-button-name.h"
#include "limber-date-input.h"
#include "limber-date-row.h"
#include "limber-date.h"
#include "limber-discard-dialog.h"
#include "limber-discharge-dialog.h"

#define PGIC_CODE "prom.pgic"

struct _LimberDischargeDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *save_button;
  GtkLabel          *error_label;
  LimberDateRow     *date_row;
  AdwComboRow       *pgic_row;
  GtkTextView       *note_view;

  /* owned */
  LimberStore       *store;
  LimberEpisode     *episode;
  LimberSession     *last_session;  /* the last visit; NULL before the first */
  GPtrArray         *measurements;  /* the last visit's, as stored */
  char              *last_day;      /* YYYY-MM-DD of the last visit */
  LimberSession     *contact;       /* the outcome contact that holds the rating, or NULL */
  GPtrArray         *contact_measurements;  /* its, as stored */
  char              *initial_state;
  gboolean           valid;
};

G_DEFINE_FINAL_TYPE (LimberDischargeDialog, limber_discharge_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ----- Fields ----- */

static LimberMeasurement *
find_pgic (GPtrArray *measurements)
{
  for (guint i = 0; measurements != NULL && i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);

      if (g_str_equal (limber_measurement_get_measure (measurement), PGIC_CODE))
        return measurement;
    }

  return NULL;
}

/* The rating as stored: the outcome contact's, else the last visit's. */
static LimberMeasurement *
limber_discharge_dialog_find_pgic (LimberDischargeDialog *self)
{
  if (self->contact != NULL)
    return find_pgic (self->contact_measurements);

  return find_pgic (self->measurements);
}

/* Whether the rating is kept with the last visit when the course is discharged on
 * date: a patient discharged on the day of the last visit gave it there, and a
 * rating already kept there stays; otherwise the discharge day has it, as an outcome
 * contact rather than a visit. */
static gboolean
limber_discharge_dialog_keeps_with_visit (LimberDischargeDialog *self,
                                          const char            *date)
{
  if (self->last_session == NULL)
    return FALSE;

  return g_strcmp0 (date, self->last_day) == 0
         || (self->contact == NULL && find_pgic (self->measurements) != NULL);
}

static void
limber_discharge_dialog_update_pgic_subtitle (LimberDischargeDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (limber_discharge_dialog_keeps_with_visit (self, limber_date_row_get_date (self->date_row)))
    {
      g_autofree char *day = limber_date_format_for_display (self->last_day);

      /* Translators: where the PGIC is kept, e.g. "Kept with the last session, 24 Mar 2026". */
      subtitle = g_strdup_printf (_("The patient’s own rating; kept with the last session, %s"),
                                  day);
    }
  else
    subtitle = g_strdup (_("The patient’s own rating, kept with the discharge day; it does not "
                           "count as a session"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pgic_row), subtitle);
}

static char *
limber_discharge_dialog_dup_state (LimberDischargeDialog *self)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *note = limber_edit_flow_dup_note (self->note_view);

  return g_strdup_printf ("%s|%u|%s", date, adw_combo_row_get_selected (self->pgic_row), note);
}

gboolean
limber_discharge_dialog_is_modified (LimberDischargeDialog *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), FALSE);

  state = limber_discharge_dialog_dup_state (self);
  return g_strcmp0 (state, self->initial_state) != 0;
}

/* ----- Checking ----- */

static char *
limber_discharge_dialog_check (LimberDischargeDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  const char *date = limber_date_row_get_date (self->date_row);
  const char *start = limber_episode_get_start_date (self->episode);

  if (!limber_date_row_get_valid (self->date_row))
    {
      g_autofree char *hint = limber_date_get_locale_hint ();

      return g_strdup_printf (_("%s: “%s” is not a day; type %s or YYYY-MM-DD"),
                              _("Discharge date"), text, hint);
    }

  if (date == NULL)
    return g_strdup_printf (_("%s: type the day"), _("Discharge date"));

  if (g_strcmp0 (date, start) < 0)
    {
      g_autofree char *day = limber_date_format_in_words (start);

      return g_strdup_printf (_("The discharge cannot be before the start of the course of care "
                                "on %s"),
                              day);
    }

  /* The discharge ends the course: no visit comes after it. */
  if (self->last_day != NULL && g_strcmp0 (date, self->last_day) < 0)
    {
      g_autofree char *day = limber_date_format_in_words (self->last_day);

      return g_strdup_printf (_("The last session was on %s: discharge on that day or later"),
                              day);
    }

  return NULL;
}

static void
limber_discharge_dialog_validate (LimberDischargeDialog *self)
{
  g_autofree char *message = limber_discharge_dialog_check (self);

  self->valid = message == NULL;
  if (message != NULL)
    {
      gtk_label_set_label (self->error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      limber_discharge_dialog_update_pgic_subtitle (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "discharge.save", self->valid);
}

static void
on_field_changed_cb (LimberDischargeDialog *self)
{
  /* The template's fields change before the course of care is known. */
  if (self->episode != NULL)
    limber_discharge_dialog_validate (self);
}

gboolean
limber_discharge_dialog_can_save (LimberDischargeDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), FALSE);

  return self->valid;
}

const char *
limber_discharge_dialog_get_error_message (LimberDischargeDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), NULL);

  return limber_edit_flow_get_message (self->error_label);
}

/* ----- Saving ----- */

typedef struct
{
  LimberEpisode *episode;
  gint64         removed_contact;       /* the outcome contact to delete, or 0 */
  LimberSession *session;               /* the session that keeps the rating, or NULL */
  GPtrArray     *measurements;          /* its measurements, with the rating chosen */
} DischargeChange;

static gboolean
save_discharge_cb (LimberStore  *store,
                   gpointer      user_data,
                   GError      **error)
{
  DischargeChange *change = user_data;

  if (!limber_store_update_episode (store, change->episode, error))
    return FALSE;

  if (change->removed_contact != 0
      && !limber_store_remove_session (store, change->removed_contact, NULL, NULL, error))
    return FALSE;

  return change->session == NULL
         || limber_store_save_session (store, change->session, change->measurements, error);
}

/* measurements without stored, and with the rating of level when it is not 0: the
 * same row as stored, changed, keeps its place in the audit log. */
static GPtrArray *
with_pgic (GPtrArray         *measurements,
           LimberMeasurement *stored,
           gint64             session_id,
           guint              level)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; measurements != NULL && i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);

      if (measurement != stored)
        g_ptr_array_add (kept, g_object_ref (measurement));
    }

  if (level > 0)
    {
      LimberMeasurement *pgic = limber_measurement_new (session_id, PGIC_CODE,
                                                        LIMBER_SIDE_NONE, level);

      if (stored != NULL)
        limber_measurement_set_id (pgic, limber_measurement_get_id (stored));
      g_ptr_array_add (kept, pgic);
    }

  return kept;
}

static gboolean
pgic_differs (LimberMeasurement *stored,
              guint              level)
{
  return stored != NULL ? limber_measurement_get_value (stored) != level : level > 0;
}

/* What keeping the rating chosen changes (see keeps_with_visit()): the last visit's
 * measurements, or the outcome contact on the discharge day, made, moved with the
 * discharge, changed, or deleted when it is left with no rating. Nothing changes
 * where the rating and its day stay as they are. */
static void
limber_discharge_dialog_build_pgic (LimberDischargeDialog *self,
                                    const char            *discharge_date,
                                    DischargeChange       *change)
{
  guint level = adw_combo_row_get_selected (self->pgic_row);

  if (level == GTK_INVALID_LIST_POSITION)
    level = 0;

  if (limber_discharge_dialog_keeps_with_visit (self, discharge_date))
    {
      LimberMeasurement *stored = find_pgic (self->measurements);

      /* A rating moves from the contact to the visit of its day. */
      if (self->contact != NULL)
        change->removed_contact = limber_session_get_id (self->contact);
      if (pgic_differs (stored, level))
        {
          change->session = g_object_ref (self->last_session);
          change->measurements = with_pgic (self->measurements, stored,
                                            limber_session_get_id (self->last_session), level);
        }
      return;
    }

  if (self->contact != NULL)
    {
      LimberMeasurement *stored = find_pgic (self->contact_measurements);

      if (level == 0)
        change->removed_contact = limber_session_get_id (self->contact);
      else if (pgic_differs (stored, level)
               || g_strcmp0 (limber_session_get_date (self->contact), discharge_date) != 0)
        {
          /* A copy that follows the discharge day; the stored one stays as it is
           * should the save fail. */
          change->session = limber_session_new (limber_episode_get_id (self->episode),
                                                discharge_date);
          limber_session_set_id (change->session, limber_session_get_id (self->contact));
          limber_session_set_outcome_contact (change->session, TRUE);
          change->measurements = with_pgic (self->contact_measurements, stored,
                                            limber_session_get_id (self->contact), level);
        }
      return;
    }

  if (level > 0)
    {
      change->session = limber_session_new (limber_episode_get_id (self->episode), discharge_date);
      limber_session_set_outcome_contact (change->session, TRUE);
      change->measurements = with_pgic (NULL, NULL, 0, level);
    }
}

gboolean
limber_discharge_dialog_save (LimberDischargeDialog *self)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *date;
  DischargeChange change = { NULL, 0, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), FALSE);

  limber_discharge_dialog_validate (self);
  if (!self->valid)
    return FALSE;

  note = limber_edit_flow_dup_note (self->note_view);
  date = limber_date_row_get_date (self->date_row);
  episode = limber_episode_copy (self->episode);
  limber_episode_set_discharge_date (episode, date);
  limber_episode_set_discharge_note (episode, note[0] != '\0' ? note : NULL);
  change.episode = episode;
  limber_discharge_dialog_build_pgic (self, date, &change);
  ok = limber_store_run_transaction (self->store, "discharge course of care", save_discharge_cb,
                                     &change, &error);
  g_clear_object (&change.session);
  g_clear_pointer (&change.measurements, g_ptr_array_unref);
  if (!ok)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, episode);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static gboolean
save_cb (GtkWindow *window)
{
  return limber_discharge_dialog_save (LIMBER_DISCHARGE_DIALOG (window));
}

static gboolean
is_modified_cb (GtkWindow *window)
{
  return limber_discharge_dialog_is_modified (LIMBER_DISCHARGE_DIALOG (window));
}

static const LimberEditFlow edit_flow = {
  .action_prefix = "discharge",
  .save = save_cb,
  .is_modified = is_modified_cb,
};

GtkWidget *
limber_discharge_dialog_get_date_row (LimberDischargeDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), NULL);

  return GTK_WIDGET (self->date_row);
}

GtkWidget *
limber_discharge_dialog_get_pgic_row (LimberDischargeDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), NULL);

  return GTK_WIDGET (self->pgic_row);
}

GtkWidget *
limber_discharge_dialog_get_note_view (LimberDischargeDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_DISCHARGE_DIALOG (self), NULL);

  return GTK_WIDGET (self->note_view);
}

/* ----- Opening ----- */

/* "Not asked", then "1 · very much improved" … "7 · very much worse": the levels in
 * the catalog's words, which the patient chooses from. */
static GListModel *
create_pgic_choices (void)
{
  LimberMeasure *pgic = limber_measure_lookup (PGIC_CODE);
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not asked"));
  for (int level = limber_measure_get_min (pgic); level <= limber_measure_get_max (pgic); level++)
    {
      g_autofree char *choice = g_strdup_printf ("%d · %s", level,
                                                 limber_measure_get_level_label (pgic, level));

      gtk_string_list_append (choices, choice);
    }

  return G_LIST_MODEL (choices);
}

static gboolean
limber_discharge_dialog_load (LimberDischargeDialog  *self,
                              GError                **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GListModel) choices = create_pgic_choices ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *discharge = limber_episode_get_discharge_date (self->episode);
  const char *note = limber_episode_get_discharge_note (self->episode);
  LimberMeasurement *pgic;

  sessions = limber_store_list_sessions (self->store, limber_episode_get_id (self->episode), error);
  if (sessions == NULL)
    return FALSE;

  /* By date: the last visit, and the last outcome contact (there is one at most,
   * made here). */
  for (guint i = 0; i < sessions->len; i++)
    {
      LimberSession *session = g_ptr_array_index (sessions, i);

      if (limber_session_get_outcome_contact (session))
        g_set_object (&self->contact, session);
      else
        g_set_object (&self->last_session, session);
    }

  if (self->last_session != NULL)
    {
      self->last_day = limber_date_time_get_date (limber_session_get_date (self->last_session));
      self->measurements = limber_store_list_measurements (self->store,
                                                           limber_session_get_id (self->last_session),
                                                           error);
      if (self->measurements == NULL)
        return FALSE;
    }
  if (self->contact != NULL)
    {
      self->contact_measurements = limber_store_list_measurements (self->store,
                                                                   limber_session_get_id (self->contact),
                                                                   error);
      if (self->contact_measurements == NULL)
        return FALSE;
    }

  adw_combo_row_set_model (self->pgic_row, choices);
  pgic = limber_discharge_dialog_find_pgic (self);
  if (pgic != NULL)
    adw_combo_row_set_selected (self->pgic_row, (guint) limber_measurement_get_value (pgic));
  else
    adw_combo_row_set_selected (self->pgic_row, 0);

  if (discharge != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Discharge"));
      adw_window_title_set_title (self->window_title, _("Edit Discharge"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
    }
  limber_date_row_set_date (self->date_row,
                            discharge != NULL ? discharge
                                              : g_strcmp0 (today, self->last_day) >= 0 ? today
                                                                                     : self->last_day);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            note != NULL ? note : "", -1);

  {
    g_autofree char *course = g_strdup (limber_condition_get_label (limber_episode_get_condition_info (self->episode)));

    adw_window_title_set_subtitle (self->window_title, course);
  }

  /* Screen readers say "Discharge", not "_Discharge Discharge". */
  limber_button_set_accessible_name (self->cancel_button, _("Cancel"));
  limber_button_set_accessible_name (self->save_button,
                                     discharge != NULL ? _("Save") : _("Discharge"));

  self->initial_state = limber_discharge_dialog_dup_state (self);
  limber_discharge_dialog_validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_row));

  return TRUE;
}

static void
limber_discharge_dialog_dispose (GObject *object)
{
  LimberDischargeDialog *self = LIMBER_DISCHARGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_DISCHARGE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->episode);
  g_clear_object (&self->last_session);
  g_clear_pointer (&self->measurements, g_ptr_array_unref);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->contact_measurements, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_discharge_dialog_parent_class)->dispose (object);
}

static void
limber_discharge_dialog_finalize (GObject *object)
{
  LimberDischargeDialog *self = LIMBER_DISCHARGE_DIALOG (object);

  g_clear_pointer (&self->last_day, g_free);
  g_clear_pointer (&self->initial_state, g_free);

  G_OBJECT_CLASS (limber_discharge_dialog_parent_class)->finalize (object);
}

static void
limber_discharge_dialog_class_init (LimberDischargeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_discharge_dialog_dispose;
  object_class->finalize = limber_discharge_dialog_finalize;

  /**
   * LimberDischargeDialog::saved:
   * @episode: the course of care as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIMBER_TYPE_EPISODE);

  g_type_ensure (LIMBER_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-discharge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, pgic_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDischargeDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  limber_edit_flow_install (widget_class, &edit_flow);
}

static void
limber_discharge_dialog_init (LimberDischargeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_discharge_dialog_new (GtkWindow      *parent,
                             LimberStore    *store,
                             LimberEpisode  *episode,
                             GError        **error)
{
  LimberDischargeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), NULL);

  self = g_object_new (LIMBER_TYPE_DISCHARGE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->episode = g_object_ref (episode);
  if (!limber_discharge_dialog_load (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  return GTK_WIDGET (self);
}
