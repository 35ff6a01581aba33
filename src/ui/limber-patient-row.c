/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-patient-row.h"

struct _LimberPatientRow
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkLabel      *name_label;
  GtkLabel      *subtitle_label;

  /* owned */
  LimberPatient *patient;
};

G_DEFINE_FINAL_TYPE (LimberPatientRow, limber_patient_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
limber_patient_row_format_subtitle (LimberPatient *patient)
{
  const char *birth_date;
  g_autofree char *birth_display = NULL;

  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), NULL);

  birth_date = limber_patient_get_birth_date (patient);
  if (birth_date == NULL || birth_date[0] == '\0')
    /* Translators: MRN is the chart number (medical record number). */
    return g_strdup_printf (_("MRN %s"), limber_patient_get_mrn (patient));

  birth_display = limber_date_format_for_display (birth_date);
  /* Translators: chart number and birth date, e.g. "MRN 1001 · born 12 Mar 1980". */
  return g_strdup_printf (_("MRN %s · born %s"), limber_patient_get_mrn (patient),
                          birth_display);
}

static void
limber_patient_row_update (LimberPatientRow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->patient != NULL)
    subtitle = limber_patient_row_format_subtitle (self->patient);

  gtk_label_set_label (self->name_label,
                       self->patient != NULL ? limber_patient_get_name (self->patient) : "");
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
}

LimberPatient *
limber_patient_row_get_patient (LimberPatientRow *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_ROW (self), NULL);

  return self->patient;
}

void
limber_patient_row_set_patient (LimberPatientRow *self,
                                LimberPatient    *patient)
{
  g_return_if_fail (LIMBER_IS_PATIENT_ROW (self));
  g_return_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient));

  if (!g_set_object (&self->patient, patient))
    return;

  limber_patient_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

static void
limber_patient_row_dispose (GObject *object)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_PATIENT_ROW);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (limber_patient_row_parent_class)->dispose (object);
}

static void
limber_patient_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      limber_patient_row_set_patient (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_row_class_init (LimberPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_patient_row_dispose;
  object_class->get_property = limber_patient_row_get_property;
  object_class->set_property = limber_patient_row_set_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         LIMBER_TYPE_PATIENT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-patient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberPatientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientRow, subtitle_label);
}

static void
limber_patient_row_init (LimberPatientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_patient_row_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_ROW, NULL);
}
