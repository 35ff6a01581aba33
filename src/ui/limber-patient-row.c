/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-patient-row.h"

/* A row of the patient list. A list view of GTK 4.8 keeps about two hundred rows
 * and makes them anew for each search, so the row is built in code rather than
 * from a template, and shows its text with GtkInscription, which takes its size
 * from a number of characters and lays the text out only when it is drawn. */

struct _LimberPatientRow
{
  GtkWidget       parent_instance;

  /* children */
  GtkInscription *name_label;
  GtkInscription *subtitle_label;

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
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), NULL);

  birth_date = limber_patient_get_birth_date (patient);
  if (birth_date == NULL || birth_date[0] == '\0')
    /* Translators: MRN is the chart number (medical record number). */
    subtitle = g_strdup_printf (_("MRN %s"), limber_patient_get_mrn (patient));
  else
    {
      birth_display = limber_date_format_for_display (birth_date);
      /* Translators: chart number and birth date, e.g. "MRN 1001 · born 12 Mar 1980". */
      subtitle = g_strdup_printf (_("MRN %s · born %s"), limber_patient_get_mrn (patient),
                                  birth_display);
    }

  if (!limber_patient_get_archived (patient))
    return g_steal_pointer (&subtitle);

  /* Translators: a patient's subtitle when they are archived (out of the list). */
  return g_strdup_printf (_("%s · archived"), subtitle);
}

static void
limber_patient_row_update (LimberPatientRow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->patient != NULL)
    subtitle = limber_patient_row_format_subtitle (self->patient);

  gtk_inscription_set_text (self->name_label,
                            self->patient != NULL ? limber_patient_get_name (self->patient) : "");
  gtk_inscription_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
}

/* A reload gives the patient new values in place. */
static void
on_patient_notify_cb (LimberPatientRow *self,
                      GParamSpec       *pspec,
                      LimberPatient    *patient)
{
  limber_patient_row_update (self);
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

  if (self->patient == patient)
    return;

  if (self->patient != NULL)
    g_signal_handlers_disconnect_by_func (self->patient, on_patient_notify_cb, self);
  g_set_object (&self->patient, patient);
  if (patient != NULL)
    g_signal_connect_object (patient, "notify", G_CALLBACK (on_patient_notify_cb), self,
                             G_CONNECT_SWAPPED);

  limber_patient_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

static void
limber_patient_row_dispose (GObject *object)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->patient != NULL)
    g_signal_handlers_disconnect_by_func (self->patient, on_patient_notify_cb, self);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static GtkInscription *
limber_patient_row_add_line (LimberPatientRow   *self,
                             const char *const  *css_classes)
{
  GtkInscription *line = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_xalign (line, 0);
  gtk_inscription_set_text_overflow (line, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* What a long name needs, so that the sidebar is as wide as before. */
  gtk_inscription_set_nat_chars (line, 28);
  gtk_widget_set_css_classes (GTK_WIDGET (line), (const char **) css_classes);
  gtk_widget_set_parent (GTK_WIDGET (line), GTK_WIDGET (self));
  return line;
}

static void
limber_patient_row_init (LimberPatientRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  const char *const name_classes[] = { "heading", NULL };
  const char *const subtitle_classes[] = { "caption", "dim-label", NULL };

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  self->name_label = limber_patient_row_add_line (self, name_classes);
  self->subtitle_label = limber_patient_row_add_line (self, subtitle_classes);
}

GtkWidget *
limber_patient_row_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_ROW, NULL);
}
