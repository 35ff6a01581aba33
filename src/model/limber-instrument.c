/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-instrument"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-catalog.h"
#include "limber-instrument.h"

struct _LimberInstrument
{
  GObject                     parent_instance;

  /* borrowed: the compiled-in catalog row and its measure */
  const LimberInstrumentInfo *info;
  LimberMeasure              *measure;
};

G_DEFINE_FINAL_TYPE (LimberInstrument, limber_instrument, G_TYPE_OBJECT)

static void
limber_instrument_class_init (LimberInstrumentClass *klass)
{
}

static void
limber_instrument_init (LimberInstrument *self)
{
}

static LimberInstrument *
limber_instrument_new_for_info (const LimberInstrumentInfo *info)
{
  LimberInstrument *self = g_object_new (LIMBER_TYPE_INSTRUMENT, NULL);

  self->info = info;
  self->measure = limber_measure_lookup (info->measure_code);
  if (self->measure == NULL)
    g_error ("The instrument catalog names an unknown measure “%s”", info->measure_code);

  return self;
}

/* Made once on first use from any thread; they live until the program ends. */
static GHashTable *
get_instruments (void)
{
  static GHashTable *by_code = NULL;

  if (g_once_init_enter (&by_code))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 NULL, g_object_unref);
      const LimberInstrumentInfo *infos;
      guint n_infos;

      infos = limber_catalog_get_instruments (&n_infos);
      for (guint i = 0; i < n_infos; i++)
        g_hash_table_insert (table, (gpointer) infos[i].measure_code,
                             limber_instrument_new_for_info (&infos[i]));

      g_once_init_leave (&by_code, table);
    }

  return by_code;
}

LimberInstrument *
limber_instrument_lookup (const char *measure_code)
{
  g_return_val_if_fail (measure_code != NULL, NULL);

  return g_hash_table_lookup (get_instruments (), measure_code);
}

LimberMeasure *
limber_instrument_get_measure (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);

  return self->measure;
}

const char *
limber_instrument_get_short_name (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);

  return self->info->short_name;
}

guint
limber_instrument_get_n_items (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), 0);

  return self->info->n_items;
}

guint
limber_instrument_get_min_answered (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), 0);

  return self->info->min_answered;
}

double
limber_instrument_get_item_min (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NAN);

  return self->info->item_min;
}

double
limber_instrument_get_item_max (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NAN);

  return self->info->item_max;
}

const char *
limber_instrument_get_item_label (LimberInstrument *self,
                                  guint             index)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (index < self->info->n_items, NULL);

  return _(self->info->item_labels[index]);
}

gboolean
limber_instrument_get_has_item_names (LimberInstrument *self)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), FALSE);

  return self->info->has_item_names;
}

const double *
limber_instrument_get_item_values (LimberInstrument *self,
                                   guint            *n_values)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);

  if (n_values != NULL)
    *n_values = self->info->n_item_values;

  return self->info->item_values;
}

const char *
limber_instrument_get_answer_label (LimberInstrument *self,
                                    double            answer)
{
  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);

  if (self->info->value_labels == NULL)
    return NULL;

  for (guint i = 0; i < self->info->n_item_values; i++)
    if (self->info->item_values[i] == answer)
      return _(self->info->value_labels[i]);

  return NULL;
}

static gboolean
is_allowed_value (const LimberInstrumentInfo *info,
                  double                      answer)
{
  for (guint i = 0; i < info->n_item_values; i++)
    if (info->item_values[i] == answer)
      return TRUE;

  return FALSE;
}

/* "6, 8, 10, 11, 13" */
static char *
format_allowed_values (const LimberInstrumentInfo *info)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < info->n_item_values; i++)
    {
      g_autofree char *number = limber_format_number (info->item_values[i]);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, number);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether some choice of one allowed answer per item sums to total: a table of the
 * reachable sums, item by item. */
static gboolean
is_reachable_sum (const LimberInstrumentInfo *info,
                  double                      total)
{
  guint max_sum = (guint) (info->n_items * info->item_max);
  g_autofree gboolean *reachable = NULL;
  g_autofree gboolean *next = NULL;

  if (total != floor (total) || total < 0 || total > max_sum)
    return FALSE;

  reachable = g_new0 (gboolean, max_sum + 1);
  next = g_new0 (gboolean, max_sum + 1);
  reachable[0] = TRUE;

  for (guint item = 0; item < info->n_items; item++)
    {
      memset (next, 0, (max_sum + 1) * sizeof (gboolean));
      for (guint sum = 0; sum <= max_sum; sum++)
        for (guint v = 0; reachable[sum] && v < info->n_item_values; v++)
          if (sum + info->item_values[v] <= max_sum)
            next[sum + (guint) info->item_values[v]] = TRUE;
      memcpy (reachable, next, (max_sum + 1) * sizeof (gboolean));
    }

  return reachable[(guint) total];
}

gboolean
limber_instrument_validate_total (LimberInstrument  *self,
                                  double             total,
                                  GError           **error)
{
  const LimberInstrumentInfo *info;
  g_autofree char *number = NULL;
  g_autofree char *allowed = NULL;

  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = self->info;

  /* Only a sum of answers from a short list can miss totals inside its range. */
  if (info->scoring != LIMBER_SCORING_SUM || info->item_values == NULL
      || is_reachable_sum (info, total))
    return TRUE;

  number = limber_format_number (total);
  allowed = format_allowed_values (info);
  g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
               /* Translators: "37 is not a total the 6 answers of prom.hit6 can make
                * (each 6, 8, 10, 11 or 13)" */
               g_dngettext (GETTEXT_PACKAGE,
                            "%s is not a total the %u answer of %s can make (each %s)",
                            "%s is not a total the %u answers of %s can make (each %s)",
                            info->n_items),
               number, info->n_items, info->measure_code, allowed);
  return FALSE;
}

gboolean
limber_instrument_validate_answer (LimberInstrument  *self,
                                   guint              index,
                                   double             answer,
                                   GError           **error)
{
  const LimberInstrumentInfo *info;
  const char *item;
  const char *code;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (index < self->info->n_items, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (isnan (answer))
    return TRUE;

  info = self->info;
  item = _(info->item_labels[index]);
  code = info->measure_code;
  text = limber_format_number (answer);

  if (isinf (answer))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   _("%s: %s is not a number for %s"), item, text, code);
      return FALSE;
    }

  /* Instruments with named answers accept only those; listing them helps more than
   * a range would. */
  if (info->item_values != NULL)
    {
      g_autofree char *allowed = NULL;

      if (is_allowed_value (info, answer))
        return TRUE;

      allowed = format_allowed_values (info);
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID,
                   /* Translators: "Severe pain: 7 is not an answer of prom.hit6 (6, 8, 10, 11, 13)" */
                   _("%s: %s is not an answer of %s (%s)"), item, text, code, allowed);
      return FALSE;
    }

  if (answer < info->item_min || answer > info->item_max)
    {
      g_autofree char *min = limber_format_number (info->item_min);
      g_autofree char *max = limber_format_number (info->item_max);

      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                   /* Translators: "Lifting: 6 is outside 0–5 for prom.odi" */
                   _("%s: %s is outside %s–%s for %s"), item, text, min, max, code);
      return FALSE;
    }

  if (answer != floor (answer))
    {
      g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_NOT_INTEGER,
                   _("%s: %s is not a whole number for %s"), item, text, code);
      return FALSE;
    }

  return TRUE;
}

/* Separate sentences per noun and rule so that translators see whole sentences. */
static void
set_missing_items_error (const LimberInstrumentInfo  *info,
                         guint                        answered,
                         GError                     **error)
{
  const char *name = info->short_name;
  guint needed = info->min_answered;
  guint total = info->n_items;
  gboolean all = needed == total;

  switch (info->noun)
    {
    case LIMBER_ITEM_NOUN_SECTION:
      if (all)
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs all %u sections answered; %u is",
                                  "%s needs all %u sections answered; %u are", answered),
                     name, total, answered);
      else
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs at least %u of %u sections answered; %u is",
                                  "%s needs at least %u of %u sections answered; %u are",
                                  answered),
                     name, needed, total, answered);
      break;

    case LIMBER_ITEM_NOUN_ACTIVITY:
      if (all)
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs all %u activities rated; %u is",
                                  "%s needs all %u activities rated; %u are", answered),
                     name, total, answered);
      else
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs at least %u of %u activities rated; %u is",
                                  "%s needs at least %u of %u activities rated; %u are",
                                  answered),
                     name, needed, total, answered);
      break;

    case LIMBER_ITEM_NOUN_ITEM:
    default:
      if (all)
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs all %u items answered; %u is",
                                  "%s needs all %u items answered; %u are", answered),
                     name, total, answered);
      else
        g_set_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s needs at least %u of %u items answered; %u is",
                                  "%s needs at least %u of %u items answered; %u are",
                                  answered),
                     name, needed, total, answered);
      break;
    }
}

/* The score in tenths, computed with a single division of exact integer sums so
 * that a score that is exactly halfway (e.g. 22.25) rounds the same way every time. */
static double
score_in_tenths (const LimberInstrumentInfo *info,
                 double                      sum,
                 guint                       answered)
{
  switch (info->scoring)
    {
    case LIMBER_SCORING_PERCENT_OF_RANGE:
      /* ODI, NDI: sum ÷ (5 × answered) × 100; QuickDASH: (sum ÷ answered − 1) × 25.
       * Both are the mean answer's position within the item range, in percent. */
      return (sum - info->item_min * answered) * 1000.0 /
             ((info->item_max - info->item_min) * answered);

    case LIMBER_SCORING_MEAN:
      return sum * 10.0 / answered;

    case LIMBER_SCORING_SUM:
    default:
      return sum * 10.0;
    }
}

gboolean
limber_instrument_score (LimberInstrument  *self,
                         const double      *answers,
                         guint              n_answers,
                         double            *score,
                         GError           **error)
{
  double sum = 0;
  guint answered = 0;

  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (answers != NULL || n_answers == 0, FALSE);
  g_return_val_if_fail (n_answers <= self->info->n_items, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_answers; i++)
    {
      if (!limber_instrument_validate_answer (self, i, answers[i], error))
        return FALSE;

      if (!isnan (answers[i]))
        {
          sum += answers[i];
          answered++;
        }
    }

  if (answered < self->info->min_answered)
    {
      set_missing_items_error (self->info, answered, error);
      return FALSE;
    }

  if (score != NULL)
    *score = round (score_in_tenths (self->info, sum, answered)) / 10;

  return TRUE;
}

const char *
limber_instrument_get_band (LimberInstrument *self,
                            double            score)
{
  const LimberInstrumentInfo *info;
  const char *label = NULL;
  double value;

  g_return_val_if_fail (LIMBER_IS_INSTRUMENT (self), NULL);

  info = self->info;
  if (info->bands == NULL || !isfinite (score))
    return NULL;

  /* Bands are published on whole numbers ("0–20", "21–40"): a score between two
   * bands goes to the one its rounded value falls in. */
  value = floor (score / info->band_divisor + 0.5);

  for (guint i = 0; i < info->n_bands; i++)
    if (value >= info->bands[i].min)
      label = info->bands[i].label;

  return label != NULL ? _(label) : NULL;
}
