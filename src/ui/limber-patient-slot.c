/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-slot"

#include "config.h"

#include "limber-patient-slot.h"

struct _LimberPatientSlot
{
  GObject        parent_instance;

  guint          position;
  /* owned */
  LimberPatient *patient;
};

G_DEFINE_FINAL_TYPE (LimberPatientSlot, limber_patient_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint
limber_patient_slot_get_position (LimberPatientSlot *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_SLOT (self), 0);

  return self->position;
}

LimberPatient *
limber_patient_slot_get_patient (LimberPatientSlot *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_SLOT (self), NULL);

  return self->patient;
}

void
limber_patient_slot_set_patient (LimberPatientSlot *self,
                                 LimberPatient     *patient)
{
  g_return_if_fail (LIMBER_IS_PATIENT_SLOT (self));
  g_return_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient));

  if (g_set_object (&self->patient, patient))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

static void
limber_patient_slot_dispose (GObject *object)
{
  LimberPatientSlot *self = LIMBER_PATIENT_SLOT (object);

  g_clear_object (&self->patient);

  G_OBJECT_CLASS (limber_patient_slot_parent_class)->dispose (object);
}

static void
limber_patient_slot_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LimberPatientSlot *self = LIMBER_PATIENT_SLOT (object);

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
limber_patient_slot_class_init (LimberPatientSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_patient_slot_dispose;
  object_class->get_property = limber_patient_slot_get_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         LIMBER_TYPE_PATIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_patient_slot_init (LimberPatientSlot *self)
{
}

LimberPatientSlot *
limber_patient_slot_new (guint position)
{
  LimberPatientSlot *self = g_object_new (LIMBER_TYPE_PATIENT_SLOT, NULL);

  self->position = position;
  return self;
}
