/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-add-patient-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-add-patient-dialog.h"
#include "limber-types.h"

struct _LimberAddPatientDialog
{
  AdwWindow    parent_instance;

  /* template widgets */
  AdwEntryRow *mrn_row;
  AdwEntryRow *name_row;
  AdwEntryRow *birth_row;
  GtkLabel    *error_label;

  /* owned */
  LimberStore *store;

  /* borrowed: the row marked as the cause of the error shown */
  GtkWidget   *error_row;
};

G_DEFINE_FINAL_TYPE (LimberAddPatientDialog, limber_add_patient_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PATIENT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The text of a row without the spaces a paste brings along. */
static char *
limber_add_patient_dialog_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
limber_add_patient_dialog_clear_error (LimberAddPatientDialog *self)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");

  self->error_row = NULL;
  gtk_label_set_label (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Which field the clinic should fix; NULL when none is to blame (disk full…). */
static GtkWidget *
limber_add_patient_dialog_find_error_row (LimberAddPatientDialog *self,
                                          const GError           *error,
                                          const char             *mrn,
                                          const char             *name)
{
  if (g_error_matches (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_DATE))
    return GTK_WIDGET (self->birth_row);

  if (g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT))
    return GTK_WIDGET (self->mrn_row);

  if (error->domain != LIMBER_MODEL_ERROR)
    return NULL;

  if (mrn[0] == '\0' || name[0] != '\0')
    return GTK_WIDGET (self->mrn_row);

  return GTK_WIDGET (self->name_row);
}

static void
limber_add_patient_dialog_show_error (LimberAddPatientDialog *self,
                                      const GError           *error,
                                      const char             *mrn,
                                      const char             *name)
{
  limber_add_patient_dialog_clear_error (self);

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  self->error_row = limber_add_patient_dialog_find_error_row (self, error, mrn, name);
  if (self->error_row != NULL)
    {
      gtk_widget_add_css_class (self->error_row, "error");
      gtk_widget_grab_focus (self->error_row);
    }
}

gboolean
limber_add_patient_dialog_save (LimberAddPatientDialog *self)
{
  g_autofree char *mrn = NULL;
  g_autofree char *name = NULL;
  g_autofree char *birth_date = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIMBER_IS_ADD_PATIENT_DIALOG (self), FALSE);

  mrn = limber_add_patient_dialog_dup_text (self->mrn_row);
  name = limber_add_patient_dialog_dup_text (self->name_row);
  birth_date = limber_add_patient_dialog_dup_text (self->birth_row);

  patient = limber_patient_new (mrn, name, birth_date[0] != '\0' ? birth_date : NULL);

  /* Validating first gives the model's message for every field rule; the store then
   * refuses what only it can know, like a chart number already in use. */
  if (!limber_patient_validate (patient, &error) ||
      !limber_store_add_patient (self->store, patient, &error))
    {
      limber_add_patient_dialog_show_error (self, error, mrn, name);
      return FALSE;
    }

  g_signal_emit (self, signals[PATIENT_ADDED], 0, patient);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

const char *
limber_add_patient_dialog_get_error_message (LimberAddPatientDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_ADD_PATIENT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

static void
on_entry_changed_cb (LimberAddPatientDialog *self,
                     GtkEditable            *editable)
{
  /* Once the clinic edits the field at fault, the old message no longer applies. */
  if (self->error_row == GTK_WIDGET (editable))
    limber_add_patient_dialog_clear_error (self);
}

static void
limber_add_patient_dialog_add_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  limber_add_patient_dialog_save (LIMBER_ADD_PATIENT_DIALOG (widget));
}

static void
limber_add_patient_dialog_dispose (GObject *object)
{
  LimberAddPatientDialog *self = LIMBER_ADD_PATIENT_DIALOG (object);

  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_ADD_PATIENT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (limber_add_patient_dialog_parent_class)->dispose (object);
}

static void
limber_add_patient_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LimberAddPatientDialog *self = LIMBER_ADD_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_add_patient_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LimberAddPatientDialog *self = LIMBER_ADD_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_add_patient_dialog_class_init (LimberAddPatientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_add_patient_dialog_dispose;
  object_class->get_property = limber_add_patient_dialog_get_property;
  object_class->set_property = limber_add_patient_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberAddPatientDialog::patient-added:
   * @patient: the patient as stored, with its id
   *
   * Emitted after the store added the patient, just before the dialog closes.
   */
  signals[PATIENT_ADDED] =
    g_signal_new ("patient-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIMBER_TYPE_PATIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-add-patient-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberAddPatientDialog, mrn_row);
  gtk_widget_class_bind_template_child (widget_class, LimberAddPatientDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LimberAddPatientDialog, birth_row);
  gtk_widget_class_bind_template_child (widget_class, LimberAddPatientDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "patient.add", NULL,
                                   limber_add_patient_dialog_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
limber_add_patient_dialog_init (LimberAddPatientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_add_patient_dialog_new (GtkWindow   *parent,
                               LimberStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);

  return g_object_new (LIMBER_TYPE_ADD_PATIENT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
