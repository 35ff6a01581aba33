/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-measure"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-catalog.h"
#include "limber-instrument.h"
#include "limber-measure.h"

struct _LimberMeasure
{
  GObject                  parent_instance;

  /* borrowed: the compiled-in catalog row */
  const LimberMeasureInfo *info;

  /* owned: parsed from a "rom.<joint>.<motion>" code, NULL otherwise */
  char                    *joint;
  char                    *motion;
};

G_DEFINE_FINAL_TYPE (LimberMeasure, limber_measure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_LABEL,
  PROP_UNIT,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GListStore *store;
  GHashTable *by_code;   /* code → borrowed LimberMeasure */
} MeasureCatalog;

static void
limber_measure_finalize (GObject *object)
{
  LimberMeasure *self = (LimberMeasure *)object;

  g_clear_pointer (&self->joint, g_free);
  g_clear_pointer (&self->motion, g_free);

  G_OBJECT_CLASS (limber_measure_parent_class)->finalize (object);
}

static void
limber_measure_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LimberMeasure *self = LIMBER_MEASURE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, limber_measure_get_code (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, limber_measure_get_label (self));
      break;

    case PROP_UNIT:
      g_value_set_string (value, limber_measure_get_unit (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, limber_measure_get_kind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Read-only properties so that list views and GtkExpressions can show measures. */
static void
limber_measure_class_init (LimberMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_measure_finalize;
  object_class->get_property = limber_measure_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LIMBER_TYPE_MEASURE_KIND, LIMBER_MEASURE_KIND_PAIN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_measure_init (LimberMeasure *self)
{
}

static LimberMeasure *
limber_measure_new_for_info (const LimberMeasureInfo *info)
{
  LimberMeasure *self = g_object_new (LIMBER_TYPE_MEASURE, NULL);

  self->info = info;

  if (info->kind == LIMBER_MEASURE_KIND_RANGE_OF_MOTION)
    {
      g_auto(GStrv) parts = g_strsplit (info->code, ".", 3);

      g_assert (g_strv_length (parts) == 3);
      self->joint = g_strdup (parts[1]);
      self->motion = g_strdup (parts[2]);
    }

  return self;
}

/* The catalog objects are made once, on first use from any thread, and live until
 * the program ends. */
static const MeasureCatalog *
get_measure_catalog (void)
{
  static MeasureCatalog catalog;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const LimberMeasureInfo *infos;
      guint n_infos;

      infos = limber_catalog_get_measures (&n_infos);
      catalog.store = g_list_store_new (LIMBER_TYPE_MEASURE);
      catalog.by_code = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n_infos; i++)
        {
          g_autoptr(LimberMeasure) measure = limber_measure_new_for_info (&infos[i]);

          g_assert (!g_hash_table_contains (catalog.by_code, infos[i].code));
          g_hash_table_insert (catalog.by_code, (gpointer) infos[i].code, measure);
          g_list_store_append (catalog.store, measure);
        }

      g_once_init_leave (&initialized, 1);
    }

  return &catalog;
}

LimberMeasure *
limber_measure_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (get_measure_catalog ()->by_code, code);
}

GListModel *
limber_measure_get_catalog (void)
{
  return G_LIST_MODEL (get_measure_catalog ()->store);
}

const char *
limber_measure_get_code (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  return self->info->code;
}

const char *
limber_measure_get_label (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  return _(self->info->label);
}

const char *
limber_measure_get_unit (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  return self->info->unit;
}

const char *
limber_measure_get_unit_label (LimberMeasure *self)
{
  const char *unit;

  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  unit = self->info->unit;

  if (g_str_equal (unit, "deg"))
    return "°";
  if (g_str_equal (unit, "%"))
    return "%";
  if (g_str_equal (unit, "cm"))
    /* Translators: unit symbol for centimetres */
    return C_("unit", "cm");
  if (g_str_equal (unit, "kg"))
    /* Translators: unit symbol for kilograms */
    return C_("unit", "kg");
  if (g_str_equal (unit, "level"))
    /* Translators: the unit of a measure rated on levels or steps */
    return _("level");

  /* Translators: the unit of a pain rating or questionnaire score, as in
   * "Pain (0–10): 6 → 2 points" */
  return _("points");
}

LimberMeasureKind
limber_measure_get_kind (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), LIMBER_MEASURE_KIND_PAIN);

  return self->info->kind;
}

double
limber_measure_get_min (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  return self->info->min;
}

double
limber_measure_get_max (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  return self->info->max;
}

gboolean
limber_measure_get_integer_only (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->integer_only;
}

LimberDirection
limber_measure_get_direction (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), LIMBER_DIRECTION_LOWER);

  return self->info->direction;
}

gboolean
limber_measure_get_has_sides (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->has_sides;
}

double
limber_measure_get_mcid (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  return self->info->mcid;
}

double
limber_measure_get_mcid_percent (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), 0);

  return self->info->mcid_percent;
}

double
limber_measure_get_mdc (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), 0);

  return self->info->mdc;
}

double
limber_measure_get_threshold (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  /* A rating of change is judged by its level, not by a difference. */
  if (self->info->rates_change)
    return NAN;

  return MAX (self->info->mcid, self->info->mdc);
}

LimberThresholdKind
limber_measure_get_threshold_kind (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), LIMBER_THRESHOLD_MCID);

  /* The catalog gives no MCID for these rows, only their measurement error. */
  return self->info->mcid > 0 || self->info->rates_change ? LIMBER_THRESHOLD_MCID
                                                          : LIMBER_THRESHOLD_MDC;
}

/* Responder rules are defined for what the patient reports (pain and
 * questionnaires); ROM, flexibility and strength only have improved/worse. */
gboolean
limber_measure_get_has_responder_rule (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->kind == LIMBER_MEASURE_KIND_PAIN ||
         self->info->kind == LIMBER_MEASURE_KIND_QUESTIONNAIRE;
}

gboolean
limber_measure_get_has_normal (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->has_normal;
}

double
limber_measure_get_normal_low (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  return self->info->has_normal ? self->info->normal_low : NAN;
}

double
limber_measure_get_normal_high (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NAN);

  return self->info->has_normal ? self->info->normal_high : NAN;
}

double
limber_measure_get_substantial_percent (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), 0);

  return self->info->substantial_percent;
}

gboolean
limber_measure_get_rates_change (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->rates_change;
}

double
limber_measure_get_rating_improved_max (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), 0);

  return self->info->rating_improved_max;
}

double
limber_measure_get_rating_worse_min (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), 0);

  return self->info->rating_worse_min;
}

gboolean
limber_measure_get_negative_counts_as_zero (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);

  return self->info->negative_counts_as_zero;
}

const char *
limber_measure_get_level_label (LimberMeasure *self,
                                double         value)
{
  double level;

  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  level = round (value);
  if (self->info->level_labels == NULL || level != value
      || level < self->info->min || level > self->info->max)
    return NULL;

  return _(self->info->level_labels[(guint) (level - self->info->min)]);
}

const char *
limber_measure_get_normal_label (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  if (self->info->normal_label == NULL)
    return NULL;

  return _(self->info->normal_label);
}

const char *
limber_measure_get_joint (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  return self->joint;
}

const char *
limber_measure_get_motion (LimberMeasure *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), NULL);

  return self->motion;
}

gboolean
limber_measure_validate_value (LimberMeasure  *self,
                               double          value,
                               GError        **error)
{
  g_autofree char *text = NULL;
  LimberInstrument *instrument;

  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The value's text only for a message: an import checks a million values. */
  if (!isfinite (value))
    {
      text = limber_format_number (value);
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("%s is not a number for %s"), text, self->info->code);
      return FALSE;
    }

  if (value < self->info->min || value > self->info->max)
    {
      g_autofree char *min = limber_format_number (self->info->min);
      g_autofree char *max = limber_format_number (self->info->max);

      text = limber_format_number (value);
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   /* Translators: "11 is outside 0–10 for pain.nprs" */
                   _("%s is outside %s–%s for %s"), text, min, max, self->info->code);
      return FALSE;
    }

  if (self->info->integer_only && value != floor (value))
    {
      text = limber_format_number (value);
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_NOT_INTEGER,
                   _("%s is not a whole number for %s"), text, self->info->code);
      return FALSE;
    }

  instrument = limber_instrument_lookup (self->info->code);
  if (instrument != NULL && !limber_instrument_validate_total (instrument, value, error))
    return FALSE;

  return TRUE;
}

static gboolean
validate_side (LimberMeasure  *self,
               LimberSide      side,
               GError        **error)
{
  if (self->info->has_sides && side == LIMBER_SIDE_NONE)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_SIDE,
                   _("%s needs a side (left or right)"), self->info->code);
      return FALSE;
    }

  if (!self->info->has_sides && side != LIMBER_SIDE_NONE)
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_SIDE,
                   _("%s has no sides"), self->info->code);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_measure_validate (LimberMeasure  *self,
                         double          value,
                         LimberSide      side,
                         GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return limber_measure_validate_value (self, value, error) &&
         validate_side (self, side, error);
}
