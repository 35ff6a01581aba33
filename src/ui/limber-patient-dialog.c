/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date-input.h"
#include "limber-date-row.h"
#include "limber-discard-dialog.h"
#include "limber-patient-dialog.h"
#include "limber-types.h"

struct _LimberPatientDialog
{
  AdwWindow      parent_instance;

  /* template widgets */
  GtkWidget     *save_button;
  AdwEntryRow   *mrn_row;
  AdwEntryRow   *name_row;
  LimberDateRow *birth_row;
  AdwComboRow   *sex_row;
  AdwEntryRow   *phone_row;
  AdwEntryRow   *email_row;
  GtkTextView   *notes_view;
  GtkLabel      *error_label;

  /* owned */
  LimberStore   *store;
  LimberPatient *patient;       /* NULL when adding */
  char          *initial_state; /* the fields when the dialog opened */

  /* borrowed: the row marked as the cause of the error shown */
  GtkWidget     *error_row;
};

G_DEFINE_FINAL_TYPE (LimberPatientDialog, limber_patient_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATIENT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The sex row's items, in order; NULL is "Not recorded". */
static const char *const sexes[] = { NULL, "female", "male", "other" };

/* The text of a row without the spaces a paste brings along. */
static char *
dup_row_text (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
limber_patient_dialog_clear_error (LimberPatientDialog *self)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");

  self->error_row = NULL;
  gtk_label_set_label (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Whether the patient's rules accept field (a setter) set to text. */
static gboolean
field_is_valid (void        (*set_field) (LimberPatient *, const char *),
                const char   *text)
{
  g_autoptr(LimberPatient) probe = limber_patient_new ("0", "-", NULL);

  set_field (probe, text);
  return limber_patient_validate (probe, NULL);
}

/* Which field the clinic should fix; NULL when none is to blame (disk full…). */
static GtkWidget *
limber_patient_dialog_find_error_row (LimberPatientDialog *self,
                                      const GError        *error,
                                      LimberPatient       *patient)
{
  if (g_error_matches (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE))
    return GTK_WIDGET (self->birth_row);

  if (g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT))
    return GTK_WIDGET (self->mrn_row);

  if (error->domain != LIMBER_MODEL_ERROR)
    return NULL;

  if (!field_is_valid (limber_patient_set_mrn, limber_patient_get_mrn (patient)))
    return GTK_WIDGET (self->mrn_row);
  if (!field_is_valid (limber_patient_set_name, limber_patient_get_name (patient)))
    return GTK_WIDGET (self->name_row);
  if (!field_is_valid (limber_patient_set_phone, limber_patient_get_phone (patient)))
    return GTK_WIDGET (self->phone_row);
  if (!field_is_valid (limber_patient_set_email, limber_patient_get_email (patient)))
    return GTK_WIDGET (self->email_row);

  return NULL;
}

static void
limber_patient_dialog_show_error (LimberPatientDialog *self,
                                  const char          *message,
                                  GtkWidget           *row)
{
  limber_patient_dialog_clear_error (self);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  self->error_row = row;
  if (self->error_row != NULL)
    {
      gtk_widget_add_css_class (self->error_row, "error");
      gtk_widget_grab_focus (self->error_row);
    }
}

/* Everything the fields hold, to tell whether the clinic changed anything. */
static char *
limber_patient_dialog_dup_state (LimberPatientDialog *self)
{
  g_autofree char *mrn = dup_row_text (self->mrn_row);
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *birth = dup_row_text (self->birth_row);
  g_autofree char *phone = dup_row_text (self->phone_row);
  g_autofree char *email = dup_row_text (self->email_row);
  g_autofree char *notes = limber_edit_flow_dup_note (self->notes_view);

  return g_strdup_printf ("%s|%s|%s|%u|%s|%s|%s", mrn, name, birth,
                          adw_combo_row_get_selected (self->sex_row), phone, email, notes);
}

gboolean
limber_patient_dialog_is_modified (LimberPatientDialog *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (LIMBER_IS_PATIENT_DIALOG (self), FALSE);

  state = limber_patient_dialog_dup_state (self);
  return g_strcmp0 (state, self->initial_state) != 0;
}

/* The patient as the fields describe it, with the id of the one edited. */
static LimberPatient *
limber_patient_dialog_read_fields (LimberPatientDialog *self)
{
  g_autofree char *mrn = dup_row_text (self->mrn_row);
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *phone = dup_row_text (self->phone_row);
  g_autofree char *email = dup_row_text (self->email_row);
  g_autofree char *notes = limber_edit_flow_dup_note (self->notes_view);
  guint sex = adw_combo_row_get_selected (self->sex_row);
  LimberPatient *patient;

  if (self->patient != NULL)
    patient = limber_patient_copy (self->patient);
  else
    patient = limber_patient_new (NULL, NULL, NULL);

  limber_patient_set_mrn (patient, mrn);
  limber_patient_set_name (patient, name);
  limber_patient_set_birth_date (patient, limber_date_row_get_date (self->birth_row));
  limber_patient_set_sex (patient, sex < G_N_ELEMENTS (sexes) ? sexes[sex] : NULL);
  limber_patient_set_phone (patient, phone);
  limber_patient_set_email (patient, email);
  limber_patient_set_notes (patient, notes);

  return patient;
}

gboolean
limber_patient_dialog_save (LimberPatientDialog *self)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  g_return_val_if_fail (LIMBER_IS_PATIENT_DIALOG (self), FALSE);

  if (!limber_date_row_get_valid (self->birth_row))
    {
      g_autofree char *text = dup_row_text (self->birth_row);
      g_autofree char *hint = limber_date_get_locale_hint ();
      g_autofree char *message = NULL;

      /* Translators: the second %s is what to type, e.g. DD/MM/YYYY. */
      message = g_strdup_printf (_("Birth date “%s” is not a day: type %s or YYYY-MM-DD"),
                                 text, hint);
      limber_patient_dialog_show_error (self, message, GTK_WIDGET (self->birth_row));
      return FALSE;
    }

  patient = limber_patient_dialog_read_fields (self);

  /* Validating first gives the model's message for every field rule; the store then
   * refuses what only it can know, like a chart number already in use. */
  if (self->patient != NULL)
    stored = limber_patient_validate (patient, &error)
             && limber_store_update_patient (self->store, patient, &error);
  else
    stored = limber_patient_validate (patient, &error)
             && limber_store_add_patient (self->store, patient, &error);

  if (!stored)
    {
      limber_patient_dialog_show_error (self, error->message,
                                        limber_patient_dialog_find_error_row (self, error,
                                                                              patient));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, patient);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

const char *
limber_patient_dialog_get_error_message (LimberPatientDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_DIALOG (self), NULL);

  return limber_edit_flow_get_message (self->error_label);
}

static void
on_entry_changed_cb (LimberPatientDialog *self,
                     GtkEditable         *editable)
{
  /* Once the clinic edits the field at fault, the old message no longer applies. */
  if (self->error_row == GTK_WIDGET (editable))
    limber_patient_dialog_clear_error (self);
}

static gboolean
save_cb (GtkWindow *window)
{
  return limber_patient_dialog_save (LIMBER_PATIENT_DIALOG (window));
}

static gboolean
is_modified_cb (GtkWindow *window)
{
  return limber_patient_dialog_is_modified (LIMBER_PATIENT_DIALOG (window));
}

static const LimberEditFlow edit_flow = {
  .action_prefix = "patient",
  .save = save_cb,
  .is_modified = is_modified_cb,
};

static void
limber_patient_dialog_fill_fields (LimberPatientDialog *self)
{
  LimberPatient *patient = self->patient;
  const char *notes = limber_patient_get_notes (patient);
  const char *sex = limber_patient_get_sex (patient);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Patient"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->mrn_row), limber_patient_get_mrn (patient));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), limber_patient_get_name (patient));
  limber_date_row_set_date (self->birth_row, limber_patient_get_birth_date (patient));
  for (guint i = 1; i < G_N_ELEMENTS (sexes); i++)
    {
      if (g_strcmp0 (sex, sexes[i]) == 0)
        adw_combo_row_set_selected (self->sex_row, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row),
                         limber_patient_get_phone (patient) != NULL
                           ? limber_patient_get_phone (patient) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         limber_patient_get_email (patient) != NULL
                           ? limber_patient_get_email (patient) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
}

static void
limber_patient_dialog_constructed (GObject *object)
{
  LimberPatientDialog *self = LIMBER_PATIENT_DIALOG (object);

  G_OBJECT_CLASS (limber_patient_dialog_parent_class)->constructed (object);

  if (self->patient != NULL)
    limber_patient_dialog_fill_fields (self);
  self->initial_state = limber_patient_dialog_dup_state (self);

  /* Typing starts in the first field, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->mrn_row));
}

static void
limber_patient_dialog_dispose (GObject *object)
{
  LimberPatientDialog *self = LIMBER_PATIENT_DIALOG (object);

  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_PATIENT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_pointer (&self->initial_state, g_free);

  G_OBJECT_CLASS (limber_patient_dialog_parent_class)->dispose (object);
}

static void
limber_patient_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LimberPatientDialog *self = LIMBER_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LimberPatientDialog *self = LIMBER_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PATIENT:
      self->patient = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_dialog_class_init (LimberPatientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_patient_dialog_constructed;
  object_class->dispose = limber_patient_dialog_dispose;
  object_class->get_property = limber_patient_dialog_get_property;
  object_class->set_property = limber_patient_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         LIMBER_TYPE_PATIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberPatientDialog::saved:
   * @patient: the patient as stored, with its id
   *
   * Emitted after the store added or updated the patient, just before the dialog
   * closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIMBER_TYPE_PATIENT);

  g_type_ensure (LIMBER_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-patient-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, mrn_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, birth_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, sex_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);

  limber_edit_flow_install (widget_class, &edit_flow);
}

static void
limber_patient_dialog_init (LimberPatientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_patient_dialog_new (GtkWindow     *parent,
                           LimberStore   *store,
                           LimberPatient *patient)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient), NULL);

  return g_object_new (LIMBER_TYPE_PATIENT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "patient", patient,
                       NULL);
}
