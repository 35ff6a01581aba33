/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-measurement"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-entity-private.h"
#include "limber-instrument.h"
#include "limber-measurement.h"

/* Scores are stored rounded to one decimal (limber_instrument_score()); a stored score
 * further than this from its answers' score was changed by hand. */
#define SCORE_TOLERANCE 0.05

struct _LimberMeasurement
{
  GObject     parent_instance;

  gint64      id;
  gint64      session_id;
  char       *measure;
  /* The catalog entry of measure, or NULL: looked up once, when measure is set. */
  LimberMeasure *info;
  LimberSide  side;
  double      value;

  /* Item answers of a scored questionnaire (NAN = unanswered), NULL otherwise. */
  double     *answers;
  guint       n_answers;
  /* PSFS activity names, n_answers entries ("" where none), or NULL. */
  GStrv       item_names;
};

G_DEFINE_FINAL_TYPE (LimberMeasurement, limber_measurement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SESSION_ID,
  PROP_MEASURE,
  PROP_SIDE,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_measurement_finalize (GObject *object)
{
  LimberMeasurement *self = (LimberMeasurement *)object;

  g_clear_pointer (&self->measure, g_free);
  g_clear_pointer (&self->answers, g_free);
  g_clear_pointer (&self->item_names, g_strfreev);

  G_OBJECT_CLASS (limber_measurement_parent_class)->finalize (object);
}

static void
limber_measurement_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LimberMeasurement *self = LIMBER_MEASUREMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    case PROP_MEASURE:
      g_value_set_string (value, self->measure);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_measurement_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LimberMeasurement *self = LIMBER_MEASUREMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      limber_measurement_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SESSION_ID:
      limber_measurement_set_session_id (self, g_value_get_int64 (value));
      break;

    case PROP_MEASURE:
      limber_measurement_set_measure (self, g_value_get_string (value));
      break;

    case PROP_SIDE:
      limber_measurement_set_side (self, g_value_get_enum (value));
      break;

    case PROP_VALUE:
      limber_measurement_set_value (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_measurement_class_init (LimberMeasurementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = limber_measurement_finalize;
  object_class->get_property = limber_measurement_get_property;
  object_class->set_property = limber_measurement_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_MEASURE] =
    g_param_spec_string ("measure", NULL, NULL, NULL, flags);

  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL,
                       LIMBER_TYPE_SIDE, LIMBER_SIDE_NONE, flags);

  /* The measure decides the valid range; limber_measurement_validate() checks it. */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_measurement_init (LimberMeasurement *self)
{
  self->side = LIMBER_SIDE_NONE;
}

static void
update_info (LimberMeasurement *self)
{
  self->info = self->measure != NULL ? limber_measure_lookup (self->measure) : NULL;
}

LimberMeasurement *
limber_measurement_new (gint64      session_id,
                        const char *measure_code,
                        LimberSide  side,
                        double      value)
{
  LimberMeasurement *self;

  g_return_val_if_fail (session_id >= 0, NULL);
  g_return_val_if_fail (side == LIMBER_SIDE_NONE ||
                        side == LIMBER_SIDE_LEFT ||
                        side == LIMBER_SIDE_RIGHT, NULL);

  /* The fields directly rather than as properties: nobody can be listening to a new
   * object yet, and a clinic report makes a million of them. */
  self = g_object_new (LIMBER_TYPE_MEASUREMENT, NULL);
  self->session_id = session_id;
  limber_entity_set_text (&self->measure, measure_code, FALSE);
  update_info (self);
  self->side = side;
  self->value = value;
  return self;
}

/* item_names is read up to n entries or its first NULL, whichever comes first, so
 * both a NULL-terminated list shorter than the answers and a plain array of n names
 * are safe. Returns NULL for a missing or blank name. */
static const char *
item_name_at (const char *const *item_names,
              guint              n,
              guint              index)
{
  const char *name;

  if (item_names == NULL)
    return NULL;

  for (guint i = 0; i < index && i < n; i++)
    {
      if (item_names[i] == NULL)
        return NULL;
    }

  name = item_names[index];
  if (name == NULL)
    return NULL;

  while (g_ascii_isspace (*name))
    name++;

  return *name != '\0' ? name : NULL;
}

static LimberMeasure *
lookup_measure (const char  *code,
                GError     **error)
{
  LimberMeasure *measure = NULL;

  if (code == NULL)
    {
      g_set_error_literal (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
                           _("Measure is empty"));
      return NULL;
    }

  measure = limber_measure_lookup (code);
  if (measure == NULL)
    g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_UNKNOWN_MEASURE,
                 _("unknown measure “%s”"), code);

  return measure;
}

static LimberInstrument *
lookup_instrument (const char  *code,
                   GError     **error)
{
  LimberInstrument *instrument = limber_instrument_lookup (code);

  if (instrument == NULL)
    g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                 _("%s is not scored from item answers; enter its score"), code);

  return instrument;
}

/* The count and each answer; the missing-item rule is the instrument's scoring. */
static gboolean
check_answers (LimberInstrument  *instrument,
               const char        *code,
               const double      *answers,
               guint              n_answers,
               GError           **error)
{
  guint n_items = limber_instrument_get_n_items (instrument);

  if (n_answers > n_items)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("%s has %u items; %u answers were given"), code, n_items, n_answers);
      return FALSE;
    }

  for (guint i = 0; i < n_answers; i++)
    {
      if (!limber_instrument_validate_answer (instrument, i, answers[i], error))
        return FALSE;
    }

  return TRUE;
}

/* PSFS activities are chosen by the patient and re-rated at later sessions: a rating
 * without its activity cannot be compared with anything. */
static gboolean
check_item_names (LimberInstrument   *instrument,
                  const double       *answers,
                  guint               n_answers,
                  const char *const  *item_names,
                  GError            **error)
{
  if (!limber_instrument_get_has_item_names (instrument))
    return TRUE;

  for (guint i = 0; i < n_answers; i++)
    {
      if (!isnan (answers[i]) && item_name_at (item_names, n_answers, i) == NULL)
        {
          g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                       _("Activity %u has a rating but no name"), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

LimberMeasurement *
limber_measurement_new_from_answers (gint64              session_id,
                                     const char         *measure_code,
                                     const double       *answers,
                                     guint               n_answers,
                                     const char *const  *item_names,
                                     GError            **error)
{
  LimberMeasurement *self;
  LimberInstrument *instrument;
  double score = NAN;

  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (lookup_measure (measure_code, error) == NULL)
    return NULL;

  instrument = lookup_instrument (measure_code, error);
  if (instrument == NULL ||
      !check_answers (instrument, measure_code, answers, n_answers, error) ||
      !check_item_names (instrument, answers, n_answers, item_names, error) ||
      !limber_instrument_score (instrument, answers, n_answers, &score, error))
    return NULL;

  self = limber_measurement_new (session_id, measure_code, LIMBER_SIDE_NONE, score);
  limber_measurement_set_answers (self, answers, n_answers,
                                  limber_instrument_get_has_item_names (instrument)
                                    ? item_names : NULL);

  return self;
}

gint64
limber_measurement_get_id (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), 0);

  return self->id;
}

void
limber_measurement_set_id (LimberMeasurement *self,
                           gint64             id)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
limber_measurement_get_session_id (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), 0);

  return self->session_id;
}

void
limber_measurement_set_session_id (LimberMeasurement *self,
                                   gint64             session_id)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
limber_measurement_get_measure (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), NULL);

  return self->measure;
}

void
limber_measurement_set_measure (LimberMeasurement *self,
                                const char        *measure_code)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));

  if (!limber_entity_set_text (&self->measure, measure_code, FALSE))
    return;

  update_info (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURE]);
}

LimberMeasure *
limber_measurement_get_measure_info (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), NULL);

  return self->info;
}

LimberSide
limber_measurement_get_side (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), LIMBER_SIDE_NONE);

  return self->side;
}

void
limber_measurement_set_side (LimberMeasurement *self,
                             LimberSide         side)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));
  g_return_if_fail (side == LIMBER_SIDE_NONE ||
                    side == LIMBER_SIDE_LEFT ||
                    side == LIMBER_SIDE_RIGHT);

  if (self->side == side)
    return;

  self->side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

double
limber_measurement_get_value (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), NAN);

  return self->value;
}

void
limber_measurement_set_value (LimberMeasurement *self,
                              double             value)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));

  if (limber_entity_same_double (self->value, value))
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const double *
limber_measurement_get_answers (LimberMeasurement *self,
                                guint             *n_answers)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), NULL);

  if (n_answers != NULL)
    *n_answers = self->n_answers;

  return self->answers;
}

const char * const *
limber_measurement_get_item_names (LimberMeasurement *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), NULL);

  return (const char * const *)self->item_names;
}

void
limber_measurement_set_answers (LimberMeasurement  *self,
                                const double       *answers,
                                guint               n_answers,
                                const char *const  *item_names)
{
  g_return_if_fail (LIMBER_IS_MEASUREMENT (self));
  g_return_if_fail (answers != NULL || n_answers == 0);

  g_clear_pointer (&self->answers, g_free);
  g_clear_pointer (&self->item_names, g_strfreev);
  self->n_answers = 0;

  if (n_answers == 0)
    return;

  self->answers = g_memdup2 (answers, sizeof (double) * n_answers);
  self->n_answers = n_answers;

  if (item_names != NULL)
    {
      self->item_names = g_new0 (char *, n_answers + 1);
      for (guint i = 0; i < n_answers; i++)
        {
          const char *name = item_name_at (item_names, n_answers, i);

          self->item_names[i] = g_strstrip (g_strdup (name != NULL ? name : ""));
        }
    }
}

static gboolean
check_stored_answers (LimberMeasurement  *self,
                      GError            **error)
{
  g_autofree char *stored = NULL;
  g_autofree char *scored = NULL;
  LimberInstrument *instrument;
  double score = NAN;

  instrument = lookup_instrument (self->measure, error);
  if (instrument == NULL ||
      !check_answers (instrument, self->measure, self->answers, self->n_answers, error) ||
      !check_item_names (instrument, self->answers, self->n_answers,
                         (const char * const *)self->item_names, error) ||
      !limber_instrument_score (instrument, self->answers, self->n_answers, &score, error))
    return FALSE;

  if (fabs (score - self->value) <= SCORE_TOLERANCE)
    return TRUE;

  stored = limber_format_number (self->value);
  scored = limber_format_number (score);
  g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
               _("Score %s of %s does not match its item answers, which score %s"),
               stored, self->measure, scored);
  return FALSE;
}

gboolean
limber_measurement_validate (LimberMeasurement  *self,
                             GError            **error)
{
  LimberMeasure *measure;

  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  measure = lookup_measure (self->measure, error);
  if (measure == NULL)
    return FALSE;

  if (isnan (self->value))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   _("%s has no value"), self->measure);
      return FALSE;
    }

  if (!limber_measure_validate (measure, self->value, self->side, error))
    return FALSE;

  if (self->answers != NULL)
    return check_stored_answers (self, error);

  return TRUE;
}
