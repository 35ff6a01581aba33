/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-questionnaire-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-button-name.h"
#include "limber-discard-dialog.h"
#include "limber-questionnaire-dialog.h"
#include "limber-value.h"
#include "limber-wording.h"

struct _LimberQuestionnaireDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *done_button;
  AdwActionRow        *score_row;
  GtkLabel            *score_label;
  AdwPreferencesGroup *items_group;

  /* borrowed: the catalog's */
  LimberInstrument    *instrument;

  /* owned */
  GPtrArray           *answer_entries;  /* GtkEntry, one per item */
  GPtrArray           *name_entries;    /* GtkEntry per PSFS activity, else empty */
  GArray              *answers;         /* double, NAN where unanswered */
  GStrv                item_names;      /* PSFS only */
  double               score;
  gboolean             has_score;
  gboolean             modified;
};

G_DEFINE_FINAL_TYPE (LimberQuestionnaireDialog, limber_questionnaire_dialog, ADW_TYPE_WINDOW)

enum {
  ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ----- Checking the answers as they are typed ----- */

/* "6, 8, 10, 11, 13" */
static char *
limber_questionnaire_dialog_format_values (LimberInstrument *instrument)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const double *values;
  guint n_values = 0;

  values = limber_instrument_get_item_values (instrument, &n_values);
  for (guint i = 0; i < n_values; i++)
    g_ptr_array_add (texts, limber_value_format (values[i]));
  g_ptr_array_add (texts, NULL);

  return g_strjoinv (", ", (char **) texts->pdata);
}

/* Why the text of item index is no answer, or NULL when it is one or empty. */
static char *
limber_questionnaire_dialog_check_answer (LimberQuestionnaireDialog *self,
                                          guint                      index,
                                          const char                *text,
                                          double                    *answer)
{
  LimberInstrument *instrument = self->instrument;
  g_autoptr(GError) error = NULL;
  const double *values;
  guint n_values = 0;

  if (!limber_value_parse (text, answer, &error))
    return g_strdup (error->message);

  if (isnan (*answer))
    return NULL;

  values = limber_instrument_get_item_values (instrument, &n_values);
  if (values != NULL)
    {
      g_autofree char *allowed = NULL;
      g_autofree char *typed = NULL;

      for (guint i = 0; i < n_values; i++)
        if (values[i] == *answer)
          return NULL;

      allowed = limber_questionnaire_dialog_format_values (instrument);
      typed = limber_value_format (*answer);
      /* Translators: e.g. "7 is not one of the answers 6, 8, 10, 11, 13". */
      return g_strdup_printf (_("%s is not one of the answers %s"), typed, allowed);
    }

  if (!limber_value_check_range (*answer, limber_instrument_get_item_min (instrument),
                                 limber_instrument_get_item_max (instrument), TRUE, &error))
    return g_strdup (error->message);

  if (self->item_names != NULL && g_strstrip (self->item_names[index])[0] == '\0')
    return g_strdup (_("the activity has a rating but no name"));

  return NULL;
}

static void
limber_questionnaire_dialog_show_status (LimberQuestionnaireDialog *self,
                                         const char                *score,
                                         const char                *status,
                                         gboolean                   is_error)
{
  gtk_label_set_text (self->score_label, score);
  adw_action_row_set_subtitle (self->score_row, status != NULL ? status : "");

  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->score_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->score_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "questionnaire.done", self->has_score);
}

static void
limber_questionnaire_dialog_update (LimberQuestionnaireDialog *self)
{
  LimberMeasure *measure = limber_instrument_get_measure (self->instrument);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *score_text = NULL;
  const char *band;

  for (guint i = 0; i < self->answer_entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->answer_entries, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
      double *answer = &g_array_index (self->answers, double, i);
      g_autofree char *problem = NULL;

      if (self->item_names != NULL)
        {
          GtkWidget *name_entry = g_ptr_array_index (self->name_entries, i);

          g_free (self->item_names[i]);
          self->item_names[i] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_entry)));
        }

      problem = limber_questionnaire_dialog_check_answer (self, i, text, answer);
      if (problem != NULL)
        {
          *answer = NAN;
          gtk_widget_add_css_class (entry, "error");
          /* Translators: an item and what is wrong with its answer, e.g.
           * "Lifting: 6 is outside 0–5". */
          g_ptr_array_add (problems,
                           g_strdup_printf (_("%s: %s"),
                                            limber_instrument_get_item_label (self->instrument, i),
                                            problem));
        }
      else
        gtk_widget_remove_css_class (entry, "error");
    }

  if (problems->len > 0)
    {
      g_autofree char *status = NULL;

      g_ptr_array_add (problems, NULL);
      status = g_strjoinv ("\n", (char **) problems->pdata);
      self->has_score = FALSE;
      limber_questionnaire_dialog_show_status (self, "", status, TRUE);
      return;
    }

  self->has_score = limber_instrument_score (self->instrument,
                                             (const double *) self->answers->data,
                                             self->answers->len, &self->score, &error);
  if (!self->has_score)
    {
      limber_questionnaire_dialog_show_status (self, "", error->message, FALSE);
      return;
    }

  score_text = limber_wording_format_value (measure, self->score);
  band = limber_instrument_get_band (self->instrument, self->score);
  limber_questionnaire_dialog_show_status (self, score_text, band, FALSE);
}

static void
on_field_changed_cb (LimberQuestionnaireDialog *self)
{
  self->modified = TRUE;
  limber_questionnaire_dialog_update (self);
}

/* ----- Building the form ----- */

static GtkWidget *
limber_questionnaire_dialog_create_entry (LimberQuestionnaireDialog *self,
                                          const char                *name,
                                          int                        width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return entry;
}

/* How to answer, in the place of the licensed question wording: the numbers, and
 * the answers' names where they have them. */
static char *
limber_questionnaire_dialog_describe_answers (LimberInstrument *instrument)
{
  const double *values;
  guint n_values = 0;
  g_autofree char *min = limber_value_format (limber_instrument_get_item_min (instrument));
  g_autofree char *max = limber_value_format (limber_instrument_get_item_max (instrument));

  if (limber_instrument_get_has_item_names (instrument))
    /* Translators: PSFS instructions; %s are 0 and 10. */
    return g_strdup_printf (_("Name the activities the patient finds hard and rate each from "
                              "%s (unable to do it) to %s (as before the problem); rate 3 "
                              "to 5."),
                            min, max);

  values = limber_instrument_get_item_values (instrument, &n_values);
  if (values != NULL)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n_values; i++)
        {
          g_autofree char *number = limber_value_format (values[i]);
          const char *label = limber_instrument_get_answer_label (instrument, values[i]);

          /* Translators: an answer's number and name, e.g. "6 Never". */
          g_ptr_array_add (parts, label != NULL ? g_strdup_printf (C_("answer", "%s %s"),
                                                                   number, label)
                                                : g_steal_pointer (&number));
        }
      g_ptr_array_add (parts, NULL);

      {
        g_autofree char *list = g_strjoinv (", ", (char **) parts->pdata);

        /* Translators: the allowed answers, e.g. "Answers: 6 Never, 8 Rarely, …". */
        return g_strdup_printf (_("Answers: %s. Type the number the patient chose."), list);
      }
    }

  /* Translators: %s are the lowest and highest answer, e.g. 0 and 5. */
  return g_strdup_printf (_("Type the number of the answer the patient chose, %s to %s; leave "
                            "an item empty when it was not answered."),
                          min, max);
}

static void
limber_questionnaire_dialog_build (LimberQuestionnaireDialog *self,
                                   const double              *answers,
                                   guint                      n_answers,
                                   const char *const         *item_names)
{
  LimberInstrument *instrument = self->instrument;
  LimberMeasure *measure = limber_instrument_get_measure (instrument);
  guint n_items = limber_instrument_get_n_items (instrument);
  gboolean named = limber_instrument_get_has_item_names (instrument);
  g_autofree char *description = limber_questionnaire_dialog_describe_answers (instrument);
  g_autofree char *escaped = g_markup_escape_text (description, -1);
  /* item_names ends at its first NULL. */
  guint n_names = item_names != NULL ? g_strv_length ((char **) item_names) : 0;

  adw_window_title_set_title (self->window_title, limber_measure_get_label (measure));
  gtk_window_set_title (GTK_WINDOW (self), limber_measure_get_label (measure));
  adw_preferences_group_set_description (self->items_group, escaped);

  if (named)
    self->item_names = g_new0 (char *, n_items + 1);

  for (guint i = 0; i < n_items; i++)
    {
      const char *label = limber_instrument_get_item_label (instrument, i);
      g_autofree char *title = g_strdup_printf ("%u · %s", i + 1, label);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = limber_questionnaire_dialog_create_entry (self, label, 3);
      double answer = i < n_answers ? answers[i] : NAN;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), named ? label : title);
      gtk_widget_set_focusable (row, FALSE);

      if (named)
        {
          g_autofree char *name_label = g_strdup_printf (_("%s name"), label);
          g_autofree char *rating_label = g_strdup_printf (_("%s rating"), label);
          GtkWidget *name_entry =
            limber_questionnaire_dialog_create_entry (self, name_label, 10);
          const char *name = i < n_names ? item_names[i] : NULL;

          self->item_names[i] = g_strdup (name != NULL ? name : "");
          gtk_editable_set_text (GTK_EDITABLE (name_entry), self->item_names[i]);
          gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Activity"));
          gtk_widget_set_hexpand (name_entry, TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, rating_label,
                                          -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), name_entry);
          g_ptr_array_add (self->name_entries, name_entry);
        }

      if (!isnan (answer))
        {
          g_autofree char *text = limber_value_format (answer);

          gtk_editable_set_text (GTK_EDITABLE (entry), text);
        }

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_preferences_group_add (self->items_group, row);
      g_ptr_array_add (self->answer_entries, entry);
      g_array_append_val (self->answers, answer);
    }

  limber_questionnaire_dialog_update (self);
  self->modified = FALSE;
}

/* ----- Actions ----- */

static void
limber_questionnaire_dialog_done (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberQuestionnaireDialog *self = LIMBER_QUESTIONNAIRE_DIALOG (widget);

  limber_questionnaire_dialog_update (self);
  if (!self->has_score)
    return;

  g_signal_emit (self, signals[ANSWERED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
limber_questionnaire_dialog_cancel (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LimberQuestionnaireDialog *self = LIMBER_QUESTIONNAIRE_DIALOG (widget);

  if (!self->modified)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  limber_discard_dialog_present (GTK_WINDOW (self), _("Discard These Answers?"),
                                 _("The answers you typed will not be used."));
}

static gboolean
limber_questionnaire_dialog_close_request (GtkWindow *window)
{
  LimberQuestionnaireDialog *self = LIMBER_QUESTIONNAIRE_DIALOG (window);

  if (!self->modified)
    return FALSE;

  limber_questionnaire_dialog_cancel (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

/* ----- Public ----- */

LimberInstrument *
limber_questionnaire_dialog_get_instrument (LimberQuestionnaireDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NULL);

  return self->instrument;
}

const double *
limber_questionnaire_dialog_get_answers (LimberQuestionnaireDialog *self,
                                         guint                     *n_answers)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NULL);

  if (n_answers != NULL)
    *n_answers = self->answers->len;

  return (const double *) self->answers->data;
}

const char *const *
limber_questionnaire_dialog_get_item_names (LimberQuestionnaireDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NULL);

  return (const char *const *) self->item_names;
}

GtkWidget *
limber_questionnaire_dialog_get_answer_entry (LimberQuestionnaireDialog *self,
                                              guint                      index)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->answer_entries->len, NULL);

  return g_ptr_array_index (self->answer_entries, index);
}

GtkWidget *
limber_questionnaire_dialog_get_name_entry (LimberQuestionnaireDialog *self,
                                            guint                      index)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NULL);

  if (index >= self->name_entries->len)
    return NULL;

  return g_ptr_array_index (self->name_entries, index);
}

gboolean
limber_questionnaire_dialog_has_score (LimberQuestionnaireDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), FALSE);

  return self->has_score;
}

double
limber_questionnaire_dialog_get_score (LimberQuestionnaireDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_QUESTIONNAIRE_DIALOG (self), NAN);

  return self->has_score ? self->score : NAN;
}

/* ----- GObject ----- */

static void
limber_questionnaire_dialog_finalize (GObject *object)
{
  LimberQuestionnaireDialog *self = LIMBER_QUESTIONNAIRE_DIALOG (object);

  g_clear_pointer (&self->answer_entries, g_ptr_array_unref);
  g_clear_pointer (&self->name_entries, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->item_names, g_strfreev);

  G_OBJECT_CLASS (limber_questionnaire_dialog_parent_class)->finalize (object);
}

static void
limber_questionnaire_dialog_class_init (LimberQuestionnaireDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = limber_questionnaire_dialog_finalize;
  window_class->close_request = limber_questionnaire_dialog_close_request;

  /**
   * LimberQuestionnaireDialog::answered:
   *
   * "Done" was chosen with answers that make a score; read them with
   * limber_questionnaire_dialog_get_answers().
   */
  signals[ANSWERED] =
    g_signal_new ("answered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-questionnaire-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, score_row);
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, score_label);
  gtk_widget_class_bind_template_child (widget_class, LimberQuestionnaireDialog, items_group);

  gtk_widget_class_install_action (widget_class, "questionnaire.done", NULL,
                                   limber_questionnaire_dialog_done);
  gtk_widget_class_install_action (widget_class, "questionnaire.cancel", NULL,
                                   limber_questionnaire_dialog_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "questionnaire.cancel", NULL);
}

static void
limber_questionnaire_dialog_init (LimberQuestionnaireDialog *self)
{
  self->answer_entries = g_ptr_array_new ();
  self->name_entries = g_ptr_array_new ();
  self->answers = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_widget_init_template (GTK_WIDGET (self));

  limber_button_set_accessible_name (self->cancel_button, _("Cancel"));
  limber_button_set_accessible_name (self->done_button, _("Done"));
}

GtkWidget *
limber_questionnaire_dialog_new (GtkWindow         *parent,
                                 LimberInstrument  *instrument,
                                 const double      *answers,
                                 guint              n_answers,
                                 const char *const *item_names)
{
  LimberQuestionnaireDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (instrument), NULL);

  self = g_object_new (LIMBER_TYPE_QUESTIONNAIRE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->instrument = instrument;
  limber_questionnaire_dialog_build (self, answers, n_answers, item_names);

  if (self->answer_entries->len > 0)
    gtk_widget_grab_focus (limber_instrument_get_has_item_names (instrument)
                           ? g_ptr_array_index (self->name_entries, 0)
                           : g_ptr_array_index (self->answer_entries, 0));

  return GTK_WIDGET (self);
}
