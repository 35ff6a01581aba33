/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-catalog"

#include <float.h>
#include <math.h>
#include <string.h>

#include "limber-catalog.h"
#include "limber-date.h"

/* Every ROM code of the reference's table, with its normal value (0 for the
 * extension deficits) and whether it has sides. */
static const struct
{
  const char *code;
  double      normal;
  gboolean    sided;
} rom_table[] = {
  { "rom.cervical.flexion", 45, FALSE },
  { "rom.cervical.extension", 45, FALSE },
  { "rom.cervical.lateral_flexion", 45, TRUE },
  { "rom.cervical.rotation", 60, TRUE },
  { "rom.thoracic.rotation", 30, TRUE },
  { "rom.lumbar.flexion", 60, FALSE },
  { "rom.lumbar.extension", 25, FALSE },
  { "rom.lumbar.lateral_flexion", 25, TRUE },
  { "rom.shoulder.flexion", 180, TRUE },
  { "rom.shoulder.extension", 60, TRUE },
  { "rom.shoulder.abduction", 180, TRUE },
  { "rom.shoulder.internal_rotation", 70, TRUE },
  { "rom.shoulder.external_rotation", 90, TRUE },
  { "rom.elbow.flexion", 150, TRUE },
  { "rom.elbow.extension", 0, TRUE },
  { "rom.forearm.pronation", 80, TRUE },
  { "rom.forearm.supination", 80, TRUE },
  { "rom.wrist.flexion", 80, TRUE },
  { "rom.wrist.extension", 70, TRUE },
  { "rom.wrist.radial_deviation", 20, TRUE },
  { "rom.wrist.ulnar_deviation", 30, TRUE },
  { "rom.hip.flexion", 120, TRUE },
  { "rom.hip.extension", 30, TRUE },
  { "rom.hip.abduction", 45, TRUE },
  { "rom.hip.adduction", 30, TRUE },
  { "rom.hip.internal_rotation", 45, TRUE },
  { "rom.hip.external_rotation", 45, TRUE },
  { "rom.knee.flexion", 135, TRUE },
  { "rom.knee.extension", 0, TRUE },
  { "rom.ankle.dorsiflexion", 20, TRUE },
  { "rom.ankle.plantarflexion", 50, TRUE },
  { "rom.ankle.inversion", 35, TRUE },
  { "rom.ankle.eversion", 15, TRUE },
};

static const char *const questionnaire_codes[] = {
  "prom.odi", "prom.rmdq", "prom.ndi", "prom.quickdash", "prom.lefs", "prom.psfs",
  "prom.prtee", "prom.bctq_sss", "prom.bctq_fss", "prom.visa_a", "prom.hit6", "prom.pgic",
};

static const char *const other_codes[] = {
  "pain.nprs", "flex.sit_and_reach", "flex.finger_to_floor", "flex.slr",
  "flex.popliteal_angle", "flex.schober", "flex.knee_to_wall", "flex.apley_scratch",
  "strength.grip", "strength.pain_free_grip",
};

static const char *const condition_codes[] = {
  "low_back_pain", "mid_back_pain", "upper_back_pain", "neck_pain", "shoulder_pain",
  "tennis_elbow", "golfers_elbow", "carpal_tunnel", "knee_pain", "shin_splints",
  "achilles_tendinopathy", "headache", "other",
};

static LimberMeasure *
get_measure (const char *code)
{
  LimberMeasure *measure = limber_measure_lookup (code);

  g_assert_nonnull (measure);

  return measure;
}

static gboolean
array_has_code (GPtrArray  *measures,
                const char *code)
{
  for (guint i = 0; i < measures->len; i++)
    if (g_str_equal (limber_measure_get_code (g_ptr_array_index (measures, i)), code))
      return TRUE;

  return FALSE;
}

static gpointer
lookup_in_thread (gpointer data)
{
  return limber_measure_lookup ("rom.knee.flexion");
}

/* Runs first so that the threads race to build the catalog. */
static void
test_catalog_first_use_from_threads (void)
{
  GThread *threads[8];
  gpointer first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_in_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      gpointer measure = g_thread_join (threads[i]);

      g_assert_nonnull (measure);
      if (first == NULL)
        first = measure;
      g_assert_true (measure == first);
    }

  g_assert_true (first == limber_measure_lookup ("rom.knee.flexion"));
}

static void
test_catalog_codes_unique (void)
{
  GListModel *catalog = limber_measure_get_catalog ();
  guint n_items = g_list_model_get_n_items (catalog);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_infos;

  g_assert_true (g_list_model_get_item_type (catalog) == LIMBER_TYPE_MEASURE);
  limber_catalog_get_measures (&n_infos);
  g_assert_cmpuint (n_items, ==, n_infos);
  g_assert_cmpuint (n_items, ==, G_N_ELEMENTS (rom_table) +
                    G_N_ELEMENTS (questionnaire_codes) + G_N_ELEMENTS (other_codes));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);
      const char *code = limber_measure_get_code (measure);
      g_autofree char *property_code = NULL;

      g_assert_false (g_hash_table_contains (seen, code));
      g_hash_table_add (seen, (gpointer) code);
      g_assert_true (limber_measure_lookup (code) == measure);
      g_assert_cmpstr (limber_measure_get_label (measure), !=, "");

      g_object_get (measure, "code", &property_code, NULL);
      g_assert_cmpstr (property_code, ==, code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rom_table); i++)
    g_assert_true (g_hash_table_contains (seen, rom_table[i].code));
  for (guint i = 0; i < G_N_ELEMENTS (questionnaire_codes); i++)
    g_assert_true (g_hash_table_contains (seen, questionnaire_codes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (other_codes); i++)
    g_assert_true (g_hash_table_contains (seen, other_codes[i]));

  g_assert_null (limber_measure_lookup ("rom.shoulder"));
  g_assert_null (limber_measure_lookup ("pain"));
  g_assert_null (limber_measure_lookup (""));
}

static void
test_catalog_ranges_and_mcid (void)
{
  GListModel *catalog = limber_measure_get_catalog ();

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);
      const char *code = limber_measure_get_code (measure);
      LimberMeasureKind kind = limber_measure_get_kind (measure);
      gboolean reported = kind == LIMBER_MEASURE_KIND_PAIN ||
                          kind == LIMBER_MEASURE_KIND_QUESTIONNAIRE;

      g_test_message ("%s", code);
      g_assert_cmpfloat (limber_measure_get_min (measure), <, limber_measure_get_max (measure));

      /* Every row has a threshold of change: max (MCID, MDC), of the kind of the
       * number it gives. PGIC is judged by its level instead. */
      if (g_str_equal (code, "prom.pgic"))
        {
          g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 0);
          g_assert_true (isnan (limber_measure_get_threshold (measure)));
          g_assert_cmpint (limber_measure_get_threshold_kind (measure), ==, LIMBER_THRESHOLD_MCID);
        }
      else
        {
          g_assert_cmpfloat (limber_measure_get_threshold (measure), >, 0);
          g_assert_cmpfloat (limber_measure_get_threshold (measure), ==,
                             MAX (limber_measure_get_mcid (measure), limber_measure_get_mdc (measure)));
          g_assert_cmpint (limber_measure_get_threshold_kind (measure), ==,
                           limber_measure_get_mcid (measure) > 0 ? LIMBER_THRESHOLD_MCID
                                                                 : LIMBER_THRESHOLD_MDC);
        }

      g_assert_cmpint (limber_measure_get_has_responder_rule (measure), ==, reported);
      if (reported)
        g_assert_false (limber_measure_get_has_normal (measure));

      if (limber_measure_get_has_normal (measure))
        {
          g_assert_cmpfloat (limber_measure_get_normal_low (measure), <=,
                             limber_measure_get_normal_high (measure));
          g_assert_nonnull (limber_measure_get_normal_label (measure));
        }
    }
}

static void
test_catalog_questionnaire_rows (void)
{
  LimberMeasure *measure;

  measure = get_measure ("pain.nprs");
  g_assert_cmpint (limber_measure_get_kind (measure), ==, LIMBER_MEASURE_KIND_PAIN);
  g_assert_cmpstr (limber_measure_get_label (measure), ==, "Pain (0–10)");
  g_assert_true (limber_measure_get_integer_only (measure));
  g_assert_cmpint (limber_measure_get_direction (measure), ==, LIMBER_DIRECTION_LOWER);
  g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 2);
  g_assert_cmpfloat (limber_measure_get_mcid_percent (measure), ==, 30);

  measure = get_measure ("prom.quickdash");
  g_assert_cmpstr (limber_measure_get_label (measure), ==, "QuickDASH");
  g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 14);
  g_assert_cmpfloat (limber_measure_get_mcid_percent (measure), ==, 0);

  measure = get_measure ("prom.ndi");
  g_assert_cmpstr (limber_measure_get_unit (measure), ==, "%");
  /* MCID 7.5 of 50 (15 %), MDC 10.2 of 50 (20.4 %): the threshold is never within
   * measurement error. */
  g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 15);
  g_assert_cmpfloat (limber_measure_get_mdc (measure), ==, 20.4);
  g_assert_cmpfloat (limber_measure_get_threshold (measure), ==, 20.4);
  g_assert_cmpint (limber_measure_get_threshold_kind (measure), ==, LIMBER_THRESHOLD_MCID);

  measure = get_measure ("prom.prtee");
  g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 11);
  g_assert_cmpfloat (limber_measure_get_mcid_percent (measure), ==, 37);

  measure = get_measure ("prom.lefs");
  g_assert_cmpint (limber_measure_get_direction (measure), ==, LIMBER_DIRECTION_HIGHER);
  g_assert_true (limber_measure_get_integer_only (measure));
  g_assert_cmpfloat (limber_measure_get_max (measure), ==, 80);

  measure = get_measure ("prom.hit6");
  g_assert_cmpfloat (limber_measure_get_min (measure), ==, 36);
  g_assert_cmpfloat (limber_measure_get_max (measure), ==, 78);

  measure = get_measure ("prom.bctq_sss");
  g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 1.05);
  g_assert_false (limber_measure_get_integer_only (measure));

  measure = get_measure ("prom.pgic");
  g_assert_cmpstr (limber_measure_get_unit (measure), ==, "level");
  g_assert_true (limber_measure_get_has_responder_rule (measure));
  g_assert_cmpfloat (limber_measure_get_max (measure), ==, 7);

  for (guint i = 0; i < G_N_ELEMENTS (questionnaire_codes); i++)
    {
      measure = get_measure (questionnaire_codes[i]);
      g_assert_cmpint (limber_measure_get_kind (measure), ==, LIMBER_MEASURE_KIND_QUESTIONNAIRE);
      g_assert_false (limber_measure_get_has_sides (measure));
      g_assert_null (limber_measure_get_joint (measure));
    }
}

static void
test_catalog_rom_rows (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rom_table); i++)
    {
      LimberMeasure *measure = get_measure (rom_table[i].code);
      g_autofree char *code = NULL;

      g_test_message ("%s", rom_table[i].code);
      g_assert_cmpint (limber_measure_get_kind (measure), ==,
                       LIMBER_MEASURE_KIND_RANGE_OF_MOTION);
      g_assert_cmpstr (limber_measure_get_unit (measure), ==, "deg");
      g_assert_cmpstr (limber_measure_get_unit_label (measure), ==, "°");
      g_assert_false (limber_measure_get_integer_only (measure));
      /* No MCID: the goniometer's 5° of measurement error is the threshold. */
      g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, 0);
      g_assert_cmpfloat (limber_measure_get_mdc (measure), ==, 5);
      g_assert_cmpfloat (limber_measure_get_threshold (measure), ==, 5);
      g_assert_cmpint (limber_measure_get_threshold_kind (measure), ==, LIMBER_THRESHOLD_MDC);
      g_assert_false (limber_measure_get_has_responder_rule (measure));
      g_assert_true (limber_measure_get_has_normal (measure));
      g_assert_cmpint (limber_measure_get_has_sides (measure), ==, rom_table[i].sided);

      code = g_strdup_printf ("rom.%s.%s", limber_measure_get_joint (measure),
                              limber_measure_get_motion (measure));
      g_assert_cmpstr (code, ==, rom_table[i].code);

      if (rom_table[i].normal == 0)
        {
          /* Extension deficit: 0 is full extension, lower is better. */
          g_assert_cmpfloat (limber_measure_get_min (measure), ==, -20);
          g_assert_cmpfloat (limber_measure_get_max (measure), ==, 90);
          g_assert_cmpint (limber_measure_get_direction (measure), ==, LIMBER_DIRECTION_LOWER);
          g_assert_true (isinf (limber_measure_get_normal_low (measure)));
          g_assert_cmpfloat (limber_measure_get_normal_low (measure), <, 0);
          /* A deficit of 5° or less is within the normal range. */
          g_assert_cmpfloat (limber_measure_get_normal_high (measure), ==, 5);
          g_assert_cmpstr (limber_measure_get_normal_label (measure), ==, "0° (full extension)");
        }
      else
        {
          g_autofree char *label = g_strdup_printf ("%g°", rom_table[i].normal);

          g_assert_cmpfloat (limber_measure_get_min (measure), ==, 0);
          /* Accepted up to normal + 30°, never above 180°. */
          g_assert_cmpfloat (limber_measure_get_max (measure), ==,
                             MIN (rom_table[i].normal + 30, 180));
          g_assert_cmpint (limber_measure_get_direction (measure), ==, LIMBER_DIRECTION_HIGHER);
          g_assert_cmpfloat_with_epsilon (limber_measure_get_normal_low (measure),
                                          0.9 * rom_table[i].normal, 1e-9);
          g_assert_true (isinf (limber_measure_get_normal_high (measure)));
          g_assert_cmpstr (limber_measure_get_normal_label (measure), ==, label);
        }
    }

  g_assert_cmpstr (limber_measure_get_label (get_measure ("rom.shoulder.abduction")), ==,
                   "Shoulder abduction");
  g_assert_cmpstr (limber_measure_get_label (get_measure ("rom.cervical.lateral_flexion")), ==,
                   "Cervical lateral flexion");
  g_assert_cmpstr (limber_measure_get_label (get_measure ("rom.knee.extension")), ==,
                   "Knee extension deficit");
  g_assert_cmpstr (limber_measure_get_label (get_measure ("rom.elbow.extension")), ==,
                   "Elbow extension deficit");
  g_assert_cmpfloat (limber_measure_get_max (get_measure ("rom.shoulder.abduction")), ==, 180);
  g_assert_cmpfloat (limber_measure_get_max (get_measure ("rom.wrist.radial_deviation")), ==, 50);
  g_assert_cmpfloat (limber_measure_get_normal_low (get_measure ("rom.shoulder.abduction")),
                     ==, 162);
}

static void
test_catalog_spine_sides (void)
{
  g_assert_false (limber_measure_get_has_sides (get_measure ("rom.cervical.flexion")));
  g_assert_false (limber_measure_get_has_sides (get_measure ("rom.cervical.extension")));
  g_assert_false (limber_measure_get_has_sides (get_measure ("rom.lumbar.flexion")));
  g_assert_false (limber_measure_get_has_sides (get_measure ("rom.lumbar.extension")));
  g_assert_true (limber_measure_get_has_sides (get_measure ("rom.cervical.lateral_flexion")));
  g_assert_true (limber_measure_get_has_sides (get_measure ("rom.cervical.rotation")));
  g_assert_true (limber_measure_get_has_sides (get_measure ("rom.lumbar.lateral_flexion")));
  g_assert_true (limber_measure_get_has_sides (get_measure ("rom.thoracic.rotation")));
  g_assert_false (limber_measure_get_has_sides (get_measure ("pain.nprs")));
}

static void
test_catalog_flexibility_and_strength (void)
{
  static const struct
  {
    const char *code;
    const char *unit;
    gboolean    sided;
    double      mcid;
    double      mdc;
    gboolean    has_normal;
    double      normal_low;
    double      normal_high;
    const char *normal_label;
  } rows[] = {
    { "flex.sit_and_reach", "cm", FALSE, 4, 0, TRUE, 0, INFINITY, "≥ 0 cm (reaches toes)" },
    /* Finger to floor, Schober and knee to wall give only a measurement error. */
    { "flex.finger_to_floor", "cm", FALSE, 0, 4.5, TRUE, 0, 0, "0 cm (touches floor)" },
    { "flex.slr", "deg", TRUE, 10, 0, TRUE, 80, INFINITY, "80–90°" },
    { "flex.popliteal_angle", "deg", TRUE, 10, 0, TRUE, -INFINITY, 20, "≤ 20°" },
    { "flex.schober", "cm", FALSE, 0, 1.8, TRUE, 5, INFINITY, "≥ 5 cm" },
    { "flex.knee_to_wall", "cm", TRUE, 0, 1.5, TRUE, 10, INFINITY, "≥ 10 cm" },
    { "flex.apley_scratch", "cm", TRUE, 2, 0, TRUE, -INFINITY, 0, "≤ 0 cm" },
    { "strength.grip", "kg", TRUE, 6.5, 0, FALSE, 0, 0, NULL },
    { "strength.pain_free_grip", "kg", TRUE, 7, 0, FALSE, 0, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      LimberMeasure *measure = get_measure (rows[i].code);

      g_test_message ("%s", rows[i].code);
      g_assert_cmpstr (limber_measure_get_unit (measure), ==, rows[i].unit);
      g_assert_cmpint (limber_measure_get_has_sides (measure), ==, rows[i].sided);
      g_assert_cmpfloat (limber_measure_get_mcid (measure), ==, rows[i].mcid);
      g_assert_cmpfloat (limber_measure_get_mdc (measure), ==, rows[i].mdc);
      g_assert_cmpint (limber_measure_get_threshold_kind (measure), ==,
                       rows[i].mcid > 0 ? LIMBER_THRESHOLD_MCID : LIMBER_THRESHOLD_MDC);
      g_assert_cmpint (limber_measure_get_has_normal (measure), ==, rows[i].has_normal);
      g_assert_cmpstr (limber_measure_get_normal_label (measure), ==, rows[i].normal_label);
      g_assert_false (limber_measure_get_has_responder_rule (measure));
      if (rows[i].has_normal)
        {
          g_assert_cmpfloat (limber_measure_get_normal_low (measure), ==, rows[i].normal_low);
          g_assert_cmpfloat (limber_measure_get_normal_high (measure), ==, rows[i].normal_high);
        }
    }

  g_assert_cmpfloat (limber_measure_get_min (get_measure ("flex.sit_and_reach")), ==, -40);
  g_assert_cmpfloat (limber_measure_get_min (get_measure ("flex.apley_scratch")), ==, -20);
  g_assert_cmpint (limber_measure_get_kind (get_measure ("strength.grip")), ==,
                   LIMBER_MEASURE_KIND_STRENGTH);
}

static void
test_catalog_units_and_format (void)
{
  static const struct
  {
    const char *code;
    const char *unit;
    const char *unit_label;
  } rows[] = {
    { "pain.nprs", "points", "points" },
    { "prom.odi", "%", "%" },
    { "rom.shoulder.abduction", "deg", "°" },
    { "flex.sit_and_reach", "cm", "cm" },
    { "strength.grip", "kg", "kg" },
    { "prom.pgic", "level", "level" },
  };

  /* Values with their units are formatted by limber_wording_format_value()
   * (tests/test-wording.c). */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      LimberMeasure *measure = get_measure (rows[i].code);

      g_assert_cmpstr (limber_measure_get_unit (measure), ==, rows[i].unit);
      g_assert_cmpstr (limber_measure_get_unit_label (measure), ==, rows[i].unit_label);
    }
}

static void
test_catalog_conditions_main_measure (void)
{
  GListModel *catalog = limber_condition_get_catalog ();
  guint n_items = g_list_model_get_n_items (catalog);

  g_assert_cmpuint (n_items, ==, G_N_ELEMENTS (condition_codes));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LimberCondition) condition = g_list_model_get_item (catalog, i);
      LimberMeasure *main_measure = limber_condition_get_main_measure (condition);
      GPtrArray *others = limber_condition_get_other_questionnaires (condition);

      g_test_message ("%s", limber_condition_get_code (condition));
      g_assert_cmpstr (limber_condition_get_code (condition), ==, condition_codes[i]);
      g_assert_true (limber_condition_lookup (condition_codes[i]) == condition);
      g_assert_cmpstr (limber_condition_get_label (condition), !=, "");
      g_assert_nonnull (main_measure);
      g_assert_true (limber_measure_lookup (limber_measure_get_code (main_measure)) ==
                     main_measure);
      g_assert_cmpint (limber_measure_get_kind (main_measure), ==,
                       LIMBER_MEASURE_KIND_QUESTIONNAIRE);

      for (guint j = 0; j < others->len; j++)
        {
          LimberMeasure *other = g_ptr_array_index (others, j);

          g_assert_cmpint (limber_measure_get_kind (other), ==, LIMBER_MEASURE_KIND_QUESTIONNAIRE);
          g_assert_true (other != main_measure);
        }

      /* Every episode suits PSFS and, at discharge, PGIC. */
      g_assert_true (main_measure == get_measure ("prom.psfs") ||
                     array_has_code (others, "prom.psfs"));
      g_assert_true (array_has_code (others, "prom.pgic"));
    }

  g_assert_cmpstr (limber_measure_get_code (limber_condition_get_main_measure (
                     limber_condition_lookup ("low_back_pain"))), ==, "prom.odi");
  g_assert_cmpstr (limber_measure_get_code (limber_condition_get_main_measure (
                     limber_condition_lookup ("carpal_tunnel"))), ==, "prom.bctq_sss");
  g_assert_cmpstr (limber_measure_get_code (limber_condition_get_main_measure (
                     limber_condition_lookup ("headache"))), ==, "prom.hit6");
  g_assert_true (array_has_code (limber_condition_get_other_questionnaires (
                   limber_condition_lookup ("low_back_pain")), "prom.rmdq"));
  g_assert_true (array_has_code (limber_condition_get_other_questionnaires (
                   limber_condition_lookup ("carpal_tunnel")), "prom.bctq_fss"));
  g_assert_true (array_has_code (limber_condition_get_other_questionnaires (
                   limber_condition_lookup ("achilles_tendinopathy")), "prom.lefs"));
  g_assert_false (array_has_code (limber_condition_get_other_questionnaires (
                    limber_condition_lookup ("neck_pain")), "prom.rmdq"));
  g_assert_null (limber_condition_lookup ("back_pain"));
}

/* A course of care asks for a side only where the condition is of one side. */
static void
test_catalog_conditions_sided (void)
{
  const char *sided[] = { "shoulder_pain", "tennis_elbow", "golfers_elbow", "carpal_tunnel",
                          "knee_pain", "shin_splints", "achilles_tendinopathy", "other" };
  const char *unsided[] = { "low_back_pain", "mid_back_pain", "upper_back_pain", "neck_pain",
                            "headache" };

  for (guint i = 0; i < G_N_ELEMENTS (sided); i++)
    g_assert_true (limber_condition_get_sided (limber_condition_lookup (sided[i])));
  for (guint i = 0; i < G_N_ELEMENTS (unsided); i++)
    g_assert_false (limber_condition_get_sided (limber_condition_lookup (unsided[i])));
}

/* The PGIC levels in the patient's words (Farrar 2001); no other measure has them. */
static void
test_catalog_level_labels (void)
{
  LimberMeasure *pgic = limber_measure_lookup ("prom.pgic");

  g_assert_cmpstr (limber_measure_get_level_label (pgic, 1), ==, "very much improved");
  g_assert_cmpstr (limber_measure_get_level_label (pgic, 2), ==, "much improved");
  g_assert_cmpstr (limber_measure_get_level_label (pgic, 4), ==, "no change");
  g_assert_cmpstr (limber_measure_get_level_label (pgic, 7), ==, "very much worse");
  g_assert_null (limber_measure_get_level_label (pgic, 0));
  g_assert_null (limber_measure_get_level_label (pgic, 8));
  g_assert_null (limber_measure_get_level_label (pgic, 2.5));
  g_assert_null (limber_measure_get_level_label (limber_measure_lookup ("pain.nprs"), 2));
}

static void
test_catalog_conditions_suggested (void)
{
  static const char *const shoulder_motions[] = {
    "rom.shoulder.flexion", "rom.shoulder.extension", "rom.shoulder.abduction",
    "rom.shoulder.internal_rotation", "rom.shoulder.external_rotation",
  };
  static const char *const low_back_expected[] = {
    "pain.nprs", "rom.lumbar.flexion", "rom.lumbar.extension", "rom.lumbar.lateral_flexion",
    "flex.sit_and_reach", "flex.slr", "flex.finger_to_floor", "flex.schober",
  };
  GListModel *catalog = limber_condition_get_catalog ();
  GPtrArray *suggested;

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberCondition) condition = g_list_model_get_item (catalog, i);

      suggested = limber_condition_get_suggested_measures (condition);
      g_assert_cmpuint (suggested->len, >, 0);
      g_assert_cmpstr (limber_measure_get_code (g_ptr_array_index (suggested, 0)), ==,
                       "pain.nprs");
    }

  suggested = limber_condition_get_suggested_measures (limber_condition_lookup ("low_back_pain"));
  g_assert_cmpuint (suggested->len, ==, G_N_ELEMENTS (low_back_expected));
  for (guint i = 0; i < G_N_ELEMENTS (low_back_expected); i++)
    g_assert_cmpstr (limber_measure_get_code (g_ptr_array_index (suggested, i)), ==,
                     low_back_expected[i]);

  suggested = limber_condition_get_suggested_measures (limber_condition_lookup ("shoulder_pain"));
  g_assert_cmpuint (suggested->len, ==, 1 + G_N_ELEMENTS (shoulder_motions) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (shoulder_motions); i++)
    g_assert_true (array_has_code (suggested, shoulder_motions[i]));
  g_assert_true (array_has_code (suggested, "flex.apley_scratch"));

  suggested = limber_condition_get_suggested_measures (limber_condition_lookup ("knee_pain"));
  g_assert_true (array_has_code (suggested, "rom.knee.flexion"));
  g_assert_true (array_has_code (suggested, "rom.knee.extension"));
  g_assert_false (array_has_code (suggested, "rom.ankle.dorsiflexion"));

  suggested = limber_condition_get_suggested_measures (limber_condition_lookup ("upper_back_pain"));
  g_assert_cmpuint (suggested->len, ==, 1 + 4 + 1);
  g_assert_true (array_has_code (suggested, "rom.thoracic.rotation"));

  suggested = limber_condition_get_suggested_measures (limber_condition_lookup ("other"));
  g_assert_cmpuint (suggested->len, ==, 1);
}

static void
test_catalog_instruments (void)
{
  static const struct
  {
    const char *code;
    const char *short_name;
    guint       n_items;
    guint       min_answered;
    double      item_min;
    double      item_max;
    const char *first_item;
  } rows[] = {
    /* At most one section unanswered */
    { "prom.odi", "ODI", 10, 9, 0, 5, "Pain intensity" },
    { "prom.ndi", "NDI", 10, 9, 0, 5, "Pain intensity" },
    { "prom.quickdash", "QuickDASH", 11, 10, 1, 5, "Open a tight jar" },
    { "prom.lefs", "LEFS", 20, 20, 0, 4, "Usual work, housework or school" },
    { "prom.psfs", "PSFS", 5, 3, 0, 10, "Activity 1" },
    { "prom.hit6", "HIT-6", 6, 6, 6, 13, "Severe pain" },
  };
  static const char *const entered_directly[] = {
    "prom.rmdq", "prom.prtee", "prom.bctq_sss", "prom.bctq_fss", "prom.visa_a", "prom.pgic",
    "pain.nprs",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      LimberInstrument *instrument = limber_instrument_lookup (rows[i].code);

      g_assert_nonnull (instrument);
      g_assert_true (limber_instrument_get_measure (instrument) == get_measure (rows[i].code));
      g_assert_cmpstr (limber_instrument_get_short_name (instrument), ==, rows[i].short_name);
      g_assert_cmpuint (limber_instrument_get_n_items (instrument), ==, rows[i].n_items);
      g_assert_cmpuint (limber_instrument_get_min_answered (instrument), ==,
                        rows[i].min_answered);
      g_assert_cmpfloat (limber_instrument_get_item_min (instrument), ==, rows[i].item_min);
      g_assert_cmpfloat (limber_instrument_get_item_max (instrument), ==, rows[i].item_max);
      g_assert_cmpstr (limber_instrument_get_item_label (instrument, 0), ==, rows[i].first_item);
      for (guint j = 0; j < rows[i].n_items; j++)
        g_assert_cmpstr (limber_instrument_get_item_label (instrument, j), !=, "");
      g_assert_cmpint (limber_instrument_get_has_item_names (instrument), ==,
                       g_str_equal (rows[i].code, "prom.psfs"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (entered_directly); i++)
    g_assert_null (limber_instrument_lookup (entered_directly[i]));

  g_assert_cmpstr (limber_instrument_get_item_label (limber_instrument_lookup ("prom.odi"), 9),
                   ==, "Travelling");
  g_assert_cmpstr (limber_instrument_get_item_label (limber_instrument_lookup ("prom.ndi"), 3),
                   ==, "Reading");
  g_assert_cmpstr (limber_instrument_get_item_label (limber_instrument_lookup ("prom.lefs"), 19),
                   ==, "Rolling over in bed");
  g_assert_cmpstr (limber_instrument_get_item_label (limber_instrument_lookup ("prom.psfs"), 4),
                   ==, "Activity 5");
}

static void
test_catalog_format_number (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 7, "7" },
    { 35.6, "35.6" },
    { -12.5, "-12.5" },
    { 0, "0" },
    { -0.0, "0" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.05, "1.05" },
    { 100, "100" },
    { 270, "270" },
    { 1000000, "1000000" },
    { 123456789012, "123456789012" },
    { 0.00001, "0.00001" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 1e20, "1e+20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_format_number (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, cases[i].value);
    }
}

static void
test_catalog_format_number_round_trips (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240229);

  for (guint i = 0; i < 10000; i++)
    {
      double value = g_rand_double_range (rand, -1e6, 1e6);
      g_autofree char *text = limber_format_number (value);

      g_assert_null (strchr (text, 'e'));
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
    }
}

/* What limber_format_number() prints, by its definition: the smallest %g precision
 * that reads back the same double, written without an exponent below 1e15 (then
 * the fewest decimals that read back). */
static char *
shortest_by_definition (double value)
{
  char buffer[128];

  if (value == 0)
    return g_strdup ("0");
  for (guint precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%ug", precision);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) != value)
        continue;
      if (strchr (buffer, 'e') != NULL && fabs (value) < 1e15)
        for (guint decimals = 0; decimals <= 40; decimals++)
          {
            g_autofree char *fixed = g_strdup_printf ("%%.%uf", decimals);
            char plain[128];

            g_ascii_formatd (plain, sizeof plain, fixed, value);
            if (g_ascii_strtod (plain, NULL) == value)
              return g_strdup (plain);
          }
      return g_strdup (buffer);
    }
  g_assert_not_reached ();
}

static void
test_catalog_format_number_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  const double edges[] = { 1e-4, 9.9999999999999e-5, 1e-5, 0.1, 0.3, 1.0 / 3, 2.0 / 3, 1e15,
                           999999999999999.9, 1e15 - 1, 1e14, 123456789012345.6, 1e6, 1.5e7,
                           4503599627370497.0, 1e16, 1e22, 5e-324, DBL_MAX, -0.1, -1e-4 };

  for (guint i = 0; i < 30000 + G_N_ELEMENTS (edges); i++)
    {
      double value;
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;

      if (i < G_N_ELEMENTS (edges))
        value = edges[i];
      else if (i % 3 == 0)
        /* What files hold: a few decimals. */
        value = g_rand_int_range (rand, -2000000, 2000000) / pow (10, g_rand_int_range (rand, 0, 7));
      else if (i % 3 == 1)
        /* What arithmetic makes: all seventeen digits, of any size. */
        value = g_rand_double (rand) * pow (10, g_rand_int_range (rand, -8, 18));
      else
        value = -g_rand_double_range (rand, 0, 1000);

      expected = shortest_by_definition (value);
      text = limber_format_number (value);
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_catalog_dates (void)
{
  static const char *const valid[] = {
    "2024-02-29", "2023-12-31", "2026-01-01", "2000-02-29",
  };
  static const char *const invalid[] = {
    "2024-02-30", "2023-02-29", "1900-02-29", "2024-2-3", "2024-02-03x", "2024-02-03 ",
    " 2024-02-03", "2024/02/03", "2024-13-01", "2024-00-10", "2024-01-00", "", "24-02-03",
    "2024-02-03T10:00", "+024-02-03",
  };
  static const char *const valid_times[] = {
    "2024-02-29", "2024-02-29T00:00", "2024-02-29T23:59", "2024-03-01T09:05",
  };
  static const char *const invalid_times[] = {
    "2024-02-29T24:00", "2024-02-29T12:60", "2024-02-29T9:05", "2024-02-29 09:05",
    "2024-02-29T09:05:00", "2024-02-30T10:00", "2024-02-29T", "2024-02-29T09-05",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (limber_date_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (limber_date_is_valid (invalid[i]));
    }
  g_assert_false (limber_date_is_valid (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (valid_times); i++)
    g_assert_true (limber_date_time_is_valid (valid_times[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid_times); i++)
    {
      g_test_message ("%s", invalid_times[i]);
      g_assert_false (limber_date_time_is_valid (invalid_times[i]));
    }
}

static void
test_catalog_date_arithmetic (void)
{
  g_autofree char *day = limber_date_time_get_date ("2024-03-01T09:05");
  g_autofree char *next = NULL;
  g_autofree char *today = limber_date_today ();
  g_autofree char *display = limber_date_format_for_display ("2026-03-03");
  g_autofree char *not_a_date = limber_date_format_for_display ("soon");
  guint32 leap_day = limber_date_to_julian ("2024-02-29");

  g_assert_cmpstr (day, ==, "2024-03-01");
  g_assert_cmpuint (leap_day, !=, 0);
  g_assert_cmpuint (limber_date_to_julian ("2024-03-01T09:05") - leap_day, ==, 1);
  g_assert_cmpuint (limber_date_to_julian ("2025-02-28") - leap_day, ==, 365);
  g_assert_cmpuint (limber_date_to_julian ("2024-02-30"), ==, 0);
  g_assert_cmpuint (limber_date_to_julian ("garbage"), ==, 0);
  g_assert_cmpuint (limber_date_to_julian ("2024-02-29x"), ==, 0);
  g_assert_cmpuint (limber_date_to_julian (NULL), ==, 0);

  next = limber_date_from_julian (leap_day + 1);
  g_assert_cmpstr (next, ==, "2024-03-01");

  g_assert_true (limber_date_is_valid (today));
  /* The test environment runs under LC_ALL=C.UTF-8. */
  g_assert_cmpstr (display, ==, "3 Mar 2026");
  g_assert_cmpstr (not_a_date, ==, "soon");
}

static void
test_catalog_types (void)
{
  LimberSide side = LIMBER_SIDE_RIGHT;
  GEnumClass *enum_class;

  g_assert_cmpstr (limber_side_to_string (LIMBER_SIDE_LEFT), ==, "left");
  g_assert_cmpstr (limber_side_to_string (LIMBER_SIDE_RIGHT), ==, "right");
  g_assert_cmpstr (limber_side_to_string (LIMBER_SIDE_NONE), ==, "");
  g_assert_cmpstr (limber_side_get_label (LIMBER_SIDE_LEFT), ==, "Left");

  g_assert_true (limber_side_from_string ("left", &side));
  g_assert_cmpint (side, ==, LIMBER_SIDE_LEFT);
  g_assert_true (limber_side_from_string ("", &side));
  g_assert_cmpint (side, ==, LIMBER_SIDE_NONE);
  g_assert_true (limber_side_from_string (NULL, &side));
  g_assert_true (limber_side_from_string ("right", &side));
  g_assert_cmpint (side, ==, LIMBER_SIDE_RIGHT);
  g_assert_false (limber_side_from_string ("both", &side));
  g_assert_cmpint (side, ==, LIMBER_SIDE_RIGHT);

  g_assert_cmpstr (limber_direction_to_string (LIMBER_DIRECTION_LOWER), ==, "lower");
  g_assert_cmpstr (limber_direction_to_string (LIMBER_DIRECTION_HIGHER), ==, "higher");

  enum_class = g_type_class_ref (LIMBER_TYPE_MEASURE_KIND);
  g_assert_cmpstr (g_enum_get_value (enum_class, LIMBER_MEASURE_KIND_RANGE_OF_MOTION)->value_nick,
                   ==, "range-of-motion");
  g_type_class_unref (enum_class);

  g_assert_true (G_TYPE_IS_ENUM (LIMBER_TYPE_SIDE));
  g_assert_true (G_TYPE_IS_ENUM (LIMBER_TYPE_DIRECTION));
  g_assert_cmpstr (g_quark_to_string (LIMBER_MODEL_ERROR), ==, "limber-model-error-quark");
}

/* The responder rules beyond MCID points live in the catalog too: pain's
 * "substantial" 50% and PGIC's ratings, and no other measure has them. */
static void
test_catalog_special_responder_rules (void)
{
  GListModel *catalog = limber_measure_get_catalog ();
  LimberMeasure *pain = limber_measure_lookup ("pain.nprs");
  LimberMeasure *pgic = limber_measure_lookup ("prom.pgic");

  g_assert_cmpfloat (limber_measure_get_substantial_percent (pain), ==, 50);
  g_assert_false (limber_measure_get_rates_change (pain));

  g_assert_true (limber_measure_get_rates_change (pgic));
  g_assert_cmpfloat (limber_measure_get_rating_improved_max (pgic), ==, 2);
  g_assert_cmpfloat (limber_measure_get_rating_worse_min (pgic), ==, 6);
  g_assert_cmpfloat (limber_measure_get_substantial_percent (pgic), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);

      if (measure == pain || measure == pgic)
        continue;

      g_assert_cmpfloat (limber_measure_get_substantial_percent (measure), ==, 0);
      g_assert_false (limber_measure_get_rates_change (measure));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/first-use-from-threads", test_catalog_first_use_from_threads);
  g_test_add_func ("/catalog/measures/codes-unique", test_catalog_codes_unique);
  g_test_add_func ("/catalog/measures/ranges-and-mcid", test_catalog_ranges_and_mcid);
  g_test_add_func ("/catalog/measures/questionnaires", test_catalog_questionnaire_rows);
  g_test_add_func ("/catalog/measures/range-of-motion", test_catalog_rom_rows);
  g_test_add_func ("/catalog/measures/special-responder-rules",
                   test_catalog_special_responder_rules);
  g_test_add_func ("/catalog/measures/spine-sides", test_catalog_spine_sides);
  g_test_add_func ("/catalog/measures/flexibility-strength", test_catalog_flexibility_and_strength);
  g_test_add_func ("/catalog/measures/units-and-format", test_catalog_units_and_format);
  g_test_add_func ("/catalog/conditions/main-measure", test_catalog_conditions_main_measure);
  g_test_add_func ("/catalog/conditions/suggested", test_catalog_conditions_suggested);
  g_test_add_func ("/catalog/conditions/sided", test_catalog_conditions_sided);
  g_test_add_func ("/catalog/level-labels", test_catalog_level_labels);
  g_test_add_func ("/catalog/instruments", test_catalog_instruments);
  g_test_add_func ("/catalog/format-number/cases", test_catalog_format_number);
  g_test_add_func ("/catalog/format-number/round-trips", test_catalog_format_number_round_trips);
  g_test_add_func ("/catalog/format-number/shortest", test_catalog_format_number_shortest);
  g_test_add_func ("/catalog/dates/validation", test_catalog_dates);
  g_test_add_func ("/catalog/dates/arithmetic", test_catalog_date_arithmetic);
  g_test_add_func ("/catalog/types", test_catalog_types);

  return g_test_run ();
}
