/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-condition"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-catalog.h"
#include "limber-condition.h"

struct _LimberCondition
{
  GObject                    parent_instance;

  /* borrowed: the compiled-in catalog row and the measures it names */
  const LimberConditionInfo *info;
  LimberMeasure             *main_measure;

  /* owned arrays of borrowed LimberMeasure */
  GPtrArray                 *other_questionnaires;
  GPtrArray                 *suggested_measures;
};

G_DEFINE_FINAL_TYPE (LimberCondition, limber_condition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GListStore *store;
  GHashTable *by_code;   /* code → borrowed LimberCondition */
} ConditionCatalog;

static void
limber_condition_finalize (GObject *object)
{
  LimberCondition *self = (LimberCondition *)object;

  g_clear_pointer (&self->other_questionnaires, g_ptr_array_unref);
  g_clear_pointer (&self->suggested_measures, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_condition_parent_class)->finalize (object);
}

static void
limber_condition_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LimberCondition *self = LIMBER_CONDITION (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, limber_condition_get_code (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, limber_condition_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_condition_class_init (LimberConditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_condition_finalize;
  object_class->get_property = limber_condition_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_condition_init (LimberCondition *self)
{
  self->other_questionnaires = g_ptr_array_new ();
  self->suggested_measures = g_ptr_array_new ();
}

/* The catalog is compiled in, so a code it cannot resolve is a programming error
 * that test-catalog catches. */
static LimberMeasure *
lookup_catalog_measure (const char *code)
{
  LimberMeasure *measure = limber_measure_lookup (code);

  if (measure == NULL)
    g_error ("The condition catalog names an unknown measure “%s”", code);

  return measure;
}

/* "rom.lumbar.*" stands for every motion of the joint, in catalog order. */
static void
append_measures_with_prefix (GPtrArray  *measures,
                             const char *prefix)
{
  GListModel *catalog = limber_measure_get_catalog ();
  guint n_items = g_list_model_get_n_items (catalog);
  gboolean found = FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);

      if (g_str_has_prefix (limber_measure_get_code (measure), prefix))
        {
          g_ptr_array_add (measures, measure);
          found = TRUE;
        }
    }

  if (!found)
    g_error ("The condition catalog names no measure matching “%s*”", prefix);
}

static void
append_measure_codes (GPtrArray  *measures,
                      const char *codes)
{
  g_auto(GStrv) words = NULL;

  if (codes == NULL)
    return;

  words = g_strsplit (codes, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      if (g_str_has_suffix (words[i], "*"))
        {
          g_autofree char *prefix = g_strndup (words[i], strlen (words[i]) - 1);

          append_measures_with_prefix (measures, prefix);
        }
      else
        {
          g_ptr_array_add (measures, lookup_catalog_measure (words[i]));
        }
    }
}

/* Pain is what every session asks first, so it leads the suggestions whatever the
 * order of the table. */
static void
move_pain_first (GPtrArray *measures)
{
  g_autoptr(GPtrArray) pain = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (guint i = 0; i < measures->len; i++)
    {
      LimberMeasure *measure = g_ptr_array_index (measures, i);

      if (limber_measure_get_kind (measure) == LIMBER_MEASURE_KIND_PAIN)
        g_ptr_array_add (pain, measure);
      else
        g_ptr_array_add (others, measure);
    }

  g_ptr_array_set_size (measures, 0);
  g_ptr_array_extend (measures, pain, NULL, NULL);
  g_ptr_array_extend (measures, others, NULL, NULL);
}

static LimberCondition *
limber_condition_new_for_info (const LimberConditionInfo *info)
{
  LimberCondition *self = g_object_new (LIMBER_TYPE_CONDITION, NULL);

  self->info = info;
  self->main_measure = lookup_catalog_measure (info->main_measure);
  append_measure_codes (self->other_questionnaires, info->other_questionnaires);
  append_measure_codes (self->suggested_measures, info->suggested);
  move_pain_first (self->suggested_measures);

  return self;
}

static const ConditionCatalog *
get_condition_catalog (void)
{
  static ConditionCatalog catalog;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const LimberConditionInfo *infos;
      guint n_infos;

      infos = limber_catalog_get_conditions (&n_infos);
      catalog.store = g_list_store_new (LIMBER_TYPE_CONDITION);
      catalog.by_code = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n_infos; i++)
        {
          g_autoptr(LimberCondition) condition = limber_condition_new_for_info (&infos[i]);

          g_assert (!g_hash_table_contains (catalog.by_code, infos[i].code));
          g_hash_table_insert (catalog.by_code, (gpointer) infos[i].code, condition);
          g_list_store_append (catalog.store, condition);
        }

      g_once_init_leave (&initialized, 1);
    }

  return &catalog;
}

LimberCondition *
limber_condition_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (get_condition_catalog ()->by_code, code);
}

GListModel *
limber_condition_get_catalog (void)
{
  return G_LIST_MODEL (get_condition_catalog ()->store);
}

const char *
limber_condition_get_code (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), NULL);

  return self->info->code;
}

const char *
limber_condition_get_label (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), NULL);

  return _(self->info->label);
}

LimberMeasure *
limber_condition_get_main_measure (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), NULL);

  return self->main_measure;
}

gboolean
limber_condition_get_sided (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), FALSE);

  return self->info->sided;
}

GPtrArray *
limber_condition_get_other_questionnaires (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), NULL);

  return self->other_questionnaires;
}

GPtrArray *
limber_condition_get_suggested_measures (LimberCondition *self)
{
  g_return_val_if_fail (LIMBER_IS_CONDITION (self), NULL);

  return self->suggested_measures;
}
