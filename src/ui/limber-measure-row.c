/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-measure-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-instrument.h"
#include "limber-measure-row.h"
#include "limber-questionnaire-dialog.h"
#include "limber-value.h"
#include "limber-wording.h"

/* One value field: a side of the measure, what it held when the row was filled and
 * the stored and previous values of that side. */
typedef struct
{
  LimberSide         side;
  GtkWidget         *entry;
  char              *initial_text;
  LimberMeasurement *stored;     /* editing a session: its value of this side */
  LimberMeasurement *previous;   /* the previous session's value of this side */
  char              *message;    /* why the text is no valid value, or NULL */
} Slot;

struct _LimberMeasureRow
{
  AdwPreferencesRow  parent_instance;

  /* borrowed: catalog entries live for the whole program */
  LimberMeasure     *measure;
  LimberInstrument  *instrument;

  /* children */
  GtkWidget         *subtitle_label;
  GtkWidget         *message_label;
  GtkWidget         *answers_button;

  /* owned */
  Slot               slots[2];
  guint              n_slots;
  char              *message;

  /* Item answers given in the questionnaire form, with the text of the score they
   * made: typing another total drops them. */
  GArray            *answers;
  GStrv              item_names;
  char              *answers_text;
  gboolean           answers_modified;
};

G_DEFINE_FINAL_TYPE (LimberMeasureRow, limber_measure_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Slot *
limber_measure_row_find_slot (LimberMeasureRow *self,
                              LimberSide        side)
{
  for (guint i = 0; i < self->n_slots; i++)
    if (self->slots[i].side == side)
      return &self->slots[i];

  return NULL;
}

static const char *
slot_get_text (Slot *slot)
{
  return gtk_editable_get_text (GTK_EDITABLE (slot->entry));
}

/* ----- What the row shows ----- */

/* "Normal 60° · last time 45°", "Normal 80–90° · last time 55° left, 70° right". */
static char *
limber_measure_row_format_subtitle (LimberMeasureRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) previous = g_ptr_array_new_with_free_func (g_free);
  const char *normal = limber_measure_get_normal_label (self->measure);

  if (normal != NULL)
    /* Translators: the normal value of a measure, e.g. "Normal ≥ 10 cm". */
    g_ptr_array_add (parts, g_strdup_printf (_("Normal %s"), normal));

  for (guint i = 0; i < self->n_slots; i++)
    {
      Slot *slot = &self->slots[i];
      g_autofree char *value = NULL;

      if (slot->previous == NULL)
        continue;

      value = limber_wording_format_value (self->measure,
                                           limber_measurement_get_value (slot->previous));
      if (slot->side == LIMBER_SIDE_LEFT)
        /* Translators: a previous value of the left side, e.g. "55° left". */
        g_ptr_array_add (previous, g_strdup_printf (_("%s left"), value));
      else if (slot->side == LIMBER_SIDE_RIGHT)
        /* Translators: a previous value of the right side, e.g. "70° right". */
        g_ptr_array_add (previous, g_strdup_printf (_("%s right"), value));
      else
        g_ptr_array_add (previous, g_steal_pointer (&value));
    }

  if (previous->len > 0)
    {
      g_autofree char *values = NULL;

      g_ptr_array_add (previous, NULL);
      values = g_strjoinv (", ", (char **) previous->pdata);
      /* Translators: the previous session's value, e.g. "last time 45°". */
      g_ptr_array_add (parts, g_strdup_printf (_("last time %s"), values));
    }

  if (self->answers != NULL)
    g_ptr_array_add (parts, g_strdup (_("scored from the item answers")));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
limber_measure_row_update_subtitle (LimberMeasureRow *self)
{
  g_autofree char *subtitle = limber_measure_row_format_subtitle (self);

  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->subtitle_label, subtitle != NULL);

  for (guint i = 0; i < self->n_slots; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->slots[i].entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    subtitle != NULL ? subtitle : "",
                                    -1);
}

/* ----- Validation as the therapist types ----- */

/* Why the text is no value of the measure, or NULL when it is one (or empty). */
static char *
limber_measure_row_check_text (LimberMeasureRow *self,
                               const char       *text)
{
  g_autoptr(GError) error = NULL;
  double value;

  if (!limber_value_parse (text, &value, &error))
    return g_strdup (error->message);

  if (isnan (value))
    return NULL;

  if (!limber_value_check (self->measure, value, &error))
    return g_strdup (error->message);

  /* Answers scored by the form are valid by construction; a total typed instead
   * must be one the items could make. */
  if (self->instrument != NULL
      && (self->answers == NULL || g_strcmp0 (text, self->answers_text) != 0)
      && !limber_instrument_validate_total (self->instrument, value, &error))
    return g_strdup (error->message);

  return NULL;
}

static void
limber_measure_row_update_message (LimberMeasureRow *self)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->n_slots; i++)
    {
      Slot *slot = &self->slots[i];
      g_autofree char *name = NULL;

      if (slot->message == NULL)
        continue;

      /* The message names the field, for someone who hears it on its own. */
      name = limber_wording_measure_name (self->measure, slot->side);
      /* Translators: a field and what is wrong with its value, e.g.
       * "Pain (0–10): 11 is outside 0–10". */
      g_ptr_array_add (messages, g_strdup_printf (_("%s: %s"), name, slot->message));
    }

  g_clear_pointer (&self->message, g_free);
  if (messages->len > 0)
    {
      g_ptr_array_add (messages, NULL);
      self->message = g_strjoinv ("\n", (char **) messages->pdata);
    }

  gtk_label_set_text (GTK_LABEL (self->message_label),
                      self->message != NULL ? self->message : "");
  gtk_widget_set_visible (self->message_label, self->message != NULL);
}

static void
limber_measure_row_validate_slot (LimberMeasureRow *self,
                                  Slot             *slot)
{
  g_free (slot->message);
  slot->message = limber_measure_row_check_text (self, slot_get_text (slot));

  if (slot->message != NULL)
    {
      gtk_widget_add_css_class (slot->entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (slot->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (slot->entry),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                      self->message_label,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (slot->entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (slot->entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (slot->entry),
                                     GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

static void
limber_measure_row_drop_answers (LimberMeasureRow *self)
{
  if (self->answers == NULL)
    return;

  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->item_names, g_strfreev);
  g_clear_pointer (&self->answers_text, g_free);
  self->answers_modified = TRUE;
  limber_measure_row_update_subtitle (self);
}

static void
on_entry_changed_cb (LimberMeasureRow *self,
                     GtkEditable      *entry)
{
  for (guint i = 0; i < self->n_slots; i++)
    {
      Slot *slot = &self->slots[i];

      if (slot->entry != GTK_WIDGET (entry))
        continue;

      /* Another total than the one the items made is a total typed directly. */
      if (self->answers != NULL && g_strcmp0 (slot_get_text (slot), self->answers_text) != 0)
        limber_measure_row_drop_answers (self);

      limber_measure_row_validate_slot (self, slot);
    }

  limber_measure_row_update_message (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ----- The questionnaire's item form ----- */

static void
limber_measure_row_take_answers (LimberMeasureRow *self,
                                 GArray           *answers,
                                 GStrv             item_names,
                                 double            score)
{
  Slot *slot = &self->slots[0];

  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->item_names, g_strfreev);
  g_clear_pointer (&self->answers_text, g_free);

  self->answers = answers;
  self->item_names = item_names;
  self->answers_text = limber_value_format (score);
  self->answers_modified = TRUE;

  /* Set after the answers, so that the field's "changed" sees the score's text. */
  gtk_editable_set_text (GTK_EDITABLE (slot->entry), self->answers_text);
  limber_measure_row_validate_slot (self, slot);
  limber_measure_row_update_message (self);
  limber_measure_row_update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
limber_measure_row_set_answers (LimberMeasureRow   *self,
                                const double       *answers,
                                guint               n_answers,
                                const char *const  *item_names,
                                GError            **error)
{
  g_autoptr(GArray) copy = NULL;
  double score;

  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), FALSE);
  g_return_val_if_fail (self->instrument != NULL, FALSE);

  if (!limber_instrument_score (self->instrument, answers, n_answers, &score, error))
    return FALSE;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (double), n_answers);
  g_array_append_vals (copy, answers, n_answers);
  limber_measure_row_take_answers (self, g_steal_pointer (&copy),
                                   item_names != NULL ? g_strdupv ((char **) item_names) : NULL,
                                   score);
  return TRUE;
}

static void
on_questionnaire_answered_cb (LimberMeasureRow          *self,
                              LimberQuestionnaireDialog *dialog)
{
  guint n_answers = 0;
  const double *answers = limber_questionnaire_dialog_get_answers (dialog, &n_answers);
  const char *const *names = limber_questionnaire_dialog_get_item_names (dialog);
  g_autoptr(GError) error = NULL;

  /* The form only finishes with a score. */
  if (!limber_measure_row_set_answers (self, answers, n_answers, names, &error))
    g_warning ("The questionnaire form finished without a score: %s", error->message);
}

static void
on_answers_clicked_cb (LimberMeasureRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Slot *slot = &self->slots[0];
  const double *answers = NULL;
  const char *const *names = NULL;
  guint n_answers = 0;
  GtkWidget *dialog;

  if (self->answers != NULL)
    {
      answers = (const double *) self->answers->data;
      n_answers = self->answers->len;
      names = (const char *const *) self->item_names;
    }
  else if (slot->stored != NULL && g_strcmp0 (slot_get_text (slot), slot->initial_text) == 0)
    {
      answers = limber_measurement_get_answers (slot->stored, &n_answers);
      names = limber_measurement_get_item_names (slot->stored);
    }
  /* The PSFS activities the patient named last time, to be rated again. */
  else if (slot->previous != NULL)
    names = limber_measurement_get_item_names (slot->previous);

  dialog = limber_questionnaire_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            self->instrument, answers, n_answers, names);
  g_signal_connect_object (dialog, "answered", G_CALLBACK (on_questionnaire_answered_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- Building ----- */

static GtkWidget *
limber_measure_row_create_entry (LimberMeasureRow *self,
                                 LimberSide        side)
{
  g_autofree char *name = limber_wording_measure_name (self->measure, side);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return entry;
}

/* "Left" over its field, so that the two sides read as a pair. */
static GtkWidget *
limber_measure_row_create_side_box (GtkWidget  *entry,
                                    LimberSide  side)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (limber_side_get_label (side));

  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  /* The field's own name already says the side. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (caption), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

static void
limber_measure_row_build (LimberMeasureRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (limber_measure_get_label (self->measure));
  GtkWidget *unit = gtk_label_new (limber_measure_get_unit_label (self->measure));

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->subtitle_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), self->subtitle_label);
  gtk_box_append (GTK_BOX (line), text);

  if (self->instrument != NULL)
    {
      g_autofree char *tooltip = NULL;

      self->answers_button = gtk_button_new_from_icon_name ("view-list-bullet-symbolic");
      gtk_widget_set_valign (self->answers_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->answers_button, "flat");
      gtk_widget_set_tooltip_text (self->answers_button, _("Answer the Items"));
      /* Translators: e.g. "Answer the items of Oswestry Disability Index". */
      tooltip = g_strdup_printf (_("Answer the items of %s"),
                                 limber_measure_get_label (self->measure));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->answers_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      g_signal_connect_object (self->answers_button, "clicked",
                               G_CALLBACK (on_answers_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (values), self->answers_button);
    }

  if (limber_measure_get_has_sides (self->measure))
    {
      self->n_slots = 2;
      self->slots[0].side = LIMBER_SIDE_LEFT;
      self->slots[1].side = LIMBER_SIDE_RIGHT;
    }
  else
    {
      self->n_slots = 1;
      self->slots[0].side = LIMBER_SIDE_NONE;
    }

  for (guint i = 0; i < self->n_slots; i++)
    {
      Slot *slot = &self->slots[i];

      slot->entry = limber_measure_row_create_entry (self, slot->side);
      slot->initial_text = g_strdup ("");
      gtk_box_append (GTK_BOX (values),
                      slot->side == LIMBER_SIDE_NONE
                      ? slot->entry
                      : limber_measure_row_create_side_box (slot->entry, slot->side));
    }

  gtk_widget_add_css_class (unit, "dim-label");
  gtk_widget_set_valign (unit, self->n_slots > 1 ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (unit, self->n_slots > 1 ? 8 : 0);
  gtk_label_set_width_chars (GTK_LABEL (unit), 2);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (unit), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (values), unit);
  gtk_box_append (GTK_BOX (line), values);
  gtk_box_append (GTK_BOX (box), line);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->message_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  /* A preferences row's title is not its accessible name in libadwaita 1.2. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  limber_measure_get_label (self->measure), -1);
  limber_measure_row_update_subtitle (self);
}

/* ----- Public ----- */

LimberMeasure *
limber_measure_row_get_measure (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), NULL);

  return self->measure;
}

GtkWidget *
limber_measure_row_get_entry (LimberMeasureRow *self,
                              LimberSide        side)
{
  Slot *slot;

  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), NULL);

  slot = limber_measure_row_find_slot (self, side);
  return slot != NULL ? slot->entry : NULL;
}

void
limber_measure_row_set_previous (LimberMeasureRow  *self,
                                 LimberMeasurement *previous)
{
  Slot *slot;

  g_return_if_fail (LIMBER_IS_MEASURE_ROW (self));
  g_return_if_fail (LIMBER_IS_MEASUREMENT (previous));

  slot = limber_measure_row_find_slot (self, limber_measurement_get_side (previous));
  if (slot == NULL)
    return;

  g_set_object (&slot->previous, previous);
  limber_measure_row_update_subtitle (self);
}

void
limber_measure_row_set_measurement (LimberMeasureRow  *self,
                                    LimberMeasurement *measurement)
{
  Slot *slot;

  g_return_if_fail (LIMBER_IS_MEASURE_ROW (self));
  g_return_if_fail (LIMBER_IS_MEASUREMENT (measurement));

  slot = limber_measure_row_find_slot (self, limber_measurement_get_side (measurement));
  if (slot == NULL)
    return;

  g_set_object (&slot->stored, measurement);
  g_free (slot->initial_text);
  slot->initial_text = limber_value_format (limber_measurement_get_value (measurement));
  gtk_editable_set_text (GTK_EDITABLE (slot->entry), slot->initial_text);
}

gboolean
limber_measure_row_is_valid (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), FALSE);

  return self->message == NULL;
}

gboolean
limber_measure_row_is_modified (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), FALSE);

  if (self->answers_modified)
    return TRUE;

  for (guint i = 0; i < self->n_slots; i++)
    if (g_strcmp0 (slot_get_text (&self->slots[i]), self->slots[i].initial_text) != 0)
      return TRUE;

  return FALSE;
}

gboolean
limber_measure_row_has_values (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), FALSE);

  for (guint i = 0; i < self->n_slots; i++)
    if (slot_get_text (&self->slots[i])[0] != '\0')
      return TRUE;

  return FALSE;
}

const char *
limber_measure_row_get_message (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), NULL);

  return self->message;
}

static LimberMeasurement *
slot_collect (LimberMeasureRow *self,
              Slot             *slot)
{
  const char *text = slot_get_text (slot);
  LimberMeasurement *measurement;
  double value = NAN;

  /* An untouched stored value is kept exactly, whatever its rounding on screen. */
  if (slot->stored != NULL && !self->answers_modified
      && g_strcmp0 (text, slot->initial_text) == 0)
    {
      const double *answers;
      guint n_answers = 0;

      measurement = limber_measurement_new (0, limber_measure_get_code (self->measure),
                                            slot->side,
                                            limber_measurement_get_value (slot->stored));
      answers = limber_measurement_get_answers (slot->stored, &n_answers);
      if (answers != NULL)
        limber_measurement_set_answers (measurement, answers, n_answers,
                                        limber_measurement_get_item_names (slot->stored));
      limber_measurement_set_id (measurement, limber_measurement_get_id (slot->stored));
      return measurement;
    }

  if (!limber_value_parse (text, &value, NULL) || isnan (value))
    return NULL;

  measurement = limber_measurement_new (0, limber_measure_get_code (self->measure), slot->side,
                                        value);
  if (self->answers != NULL)
    limber_measurement_set_answers (measurement, (const double *) self->answers->data,
                                    self->answers->len,
                                    (const char *const *) self->item_names);
  /* A changed value of a stored row stays that row. */
  if (slot->stored != NULL)
    limber_measurement_set_id (measurement, limber_measurement_get_id (slot->stored));

  return measurement;
}

void
limber_measure_row_collect (LimberMeasureRow *self,
                            GPtrArray        *measurements)
{
  g_return_if_fail (LIMBER_IS_MEASURE_ROW (self));
  g_return_if_fail (limber_measure_row_is_valid (self));

  for (guint i = 0; i < self->n_slots; i++)
    {
      LimberMeasurement *measurement = slot_collect (self, &self->slots[i]);

      if (measurement != NULL)
        g_ptr_array_add (measurements, measurement);
    }
}

gboolean
limber_measure_row_focus_value (LimberMeasureRow *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_ROW (self), FALSE);

  return gtk_widget_grab_focus (self->slots[0].entry);
}

/* ----- GObject ----- */

static void
limber_measure_row_dispose (GObject *object)
{
  LimberMeasureRow *self = LIMBER_MEASURE_ROW (object);

  for (guint i = 0; i < self->n_slots; i++)
    {
      g_clear_object (&self->slots[i].stored);
      g_clear_object (&self->slots[i].previous);
    }

  G_OBJECT_CLASS (limber_measure_row_parent_class)->dispose (object);
}

static void
limber_measure_row_finalize (GObject *object)
{
  LimberMeasureRow *self = LIMBER_MEASURE_ROW (object);

  for (guint i = 0; i < self->n_slots; i++)
    {
      g_clear_pointer (&self->slots[i].initial_text, g_free);
      g_clear_pointer (&self->slots[i].message, g_free);
    }
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->item_names, g_strfreev);
  g_clear_pointer (&self->answers_text, g_free);

  G_OBJECT_CLASS (limber_measure_row_parent_class)->finalize (object);
}

static void
limber_measure_row_class_init (LimberMeasureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_measure_row_dispose;
  object_class->finalize = limber_measure_row_finalize;

  /**
   * LimberMeasureRow::changed:
   *
   * What the row would record, or whether it is valid, has changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
limber_measure_row_init (LimberMeasureRow *self)
{
  /* Tab goes from field to field, not to the row first. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

GtkWidget *
limber_measure_row_new (LimberMeasure *measure)
{
  LimberMeasureRow *self;

  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  self = g_object_new (LIMBER_TYPE_MEASURE_ROW,
                       "title", limber_measure_get_label (measure),
                       "use-markup", FALSE,
                       NULL);
  self->measure = measure;
  self->instrument = limber_instrument_lookup (limber_measure_get_code (measure));
  limber_measure_row_build (self);

  return GTK_WIDGET (self);
}
