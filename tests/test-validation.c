/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-validation"

#include <math.h>

#include "limber-catalog.h"

typedef struct
{
  const char *code;
  double      value;
  LimberSide  side;
  int         error_code;   /* -1: valid */
  const char *message;
} ValidationCase;

#define VALID (-1)
#define NONE  LIMBER_SIDE_NONE
#define LEFT  LIMBER_SIDE_LEFT
#define RIGHT LIMBER_SIDE_RIGHT

static void
check_cases (const ValidationCase *cases,
             guint                 n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      LimberMeasure *measure = limber_measure_lookup (cases[i].code);
      g_autoptr(GError) error = NULL;
      gboolean valid;

      g_test_message ("%s %g side %d", cases[i].code, cases[i].value, cases[i].side);
      g_assert_nonnull (measure);

      valid = limber_measure_validate (measure, cases[i].value, cases[i].side, &error);

      if (cases[i].error_code == VALID)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (error, LIMBER_MODEL_ERROR, cases[i].error_code);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_validation_pain (void)
{
  static const ValidationCase cases[] = {
    { "pain.nprs", 0, NONE, VALID, NULL },
    { "pain.nprs", 10, NONE, VALID, NULL },
    { "pain.nprs", 7, NONE, VALID, NULL },
    { "pain.nprs", -1, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "-1 is outside 0–10 for pain.nprs" },
    { "pain.nprs", 11, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "11 is outside 0–10 for pain.nprs" },
    { "pain.nprs", 10.5, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "10.5 is outside 0–10 for pain.nprs" },
    { "pain.nprs", -0.5, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-0.5 is outside 0–10 for pain.nprs" },
    { "pain.nprs", 7.5, NONE, LIMBER_MODEL_ERROR_NOT_INTEGER,
      "7.5 is not a whole number for pain.nprs" },
    { "pain.nprs", 0.1, NONE, LIMBER_MODEL_ERROR_NOT_INTEGER,
      "0.1 is not a whole number for pain.nprs" },
    { "pain.nprs", NAN, NONE, LIMBER_MODEL_ERROR_INVALID, "nan is not a number for pain.nprs" },
    { "pain.nprs", INFINITY, NONE, LIMBER_MODEL_ERROR_INVALID,
      "inf is not a number for pain.nprs" },
    { "pain.nprs", -INFINITY, NONE, LIMBER_MODEL_ERROR_INVALID,
      "-inf is not a number for pain.nprs" },
    { "pain.nprs", 5, LEFT, LIMBER_MODEL_ERROR_SIDE, "pain.nprs has no sides" },
    { "pain.nprs", 5, RIGHT, LIMBER_MODEL_ERROR_SIDE, "pain.nprs has no sides" },
    /* The value is checked before the side. */
    { "pain.nprs", 11, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "11 is outside 0–10 for pain.nprs" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_range_of_motion (void)
{
  static const ValidationCase cases[] = {
    { "rom.shoulder.abduction", 0, LEFT, VALID, NULL },
    /* Normal + 30°, but never above 180° */
    { "rom.shoulder.abduction", 180, RIGHT, VALID, NULL },
    { "rom.shoulder.abduction", 120.5, RIGHT, VALID, NULL },
    { "rom.shoulder.abduction", -0.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-0.5 is outside 0–180 for rom.shoulder.abduction" },
    { "rom.shoulder.abduction", 180.1, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "180.1 is outside 0–180 for rom.shoulder.abduction" },
    { "rom.elbow.flexion", 180, LEFT, VALID, NULL },
    { "rom.elbow.flexion", 181, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "181 is outside 0–180 for rom.elbow.flexion" },
    { "rom.shoulder.abduction", 120, NONE, LIMBER_MODEL_ERROR_SIDE,
      "rom.shoulder.abduction needs a side (left or right)" },
    /* Cervical flexion: normal 45°, so up to 75° */
    { "rom.cervical.flexion", 75, NONE, VALID, NULL },
    { "rom.cervical.flexion", 75.5, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "75.5 is outside 0–75 for rom.cervical.flexion" },
    { "rom.cervical.flexion", 40, LEFT, LIMBER_MODEL_ERROR_SIDE,
      "rom.cervical.flexion has no sides" },
    { "rom.lumbar.extension", 20, RIGHT, LIMBER_MODEL_ERROR_SIDE,
      "rom.lumbar.extension has no sides" },
    { "rom.cervical.rotation", 60, NONE, LIMBER_MODEL_ERROR_SIDE,
      "rom.cervical.rotation needs a side (left or right)" },
    { "rom.thoracic.rotation", 60, LEFT, VALID, NULL },
    { "rom.thoracic.rotation", 60.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "60.5 is outside 0–60 for rom.thoracic.rotation" },
    /* Knee flexion: normal 135°, so up to 165° */
    { "rom.knee.flexion", 165, LEFT, VALID, NULL },
    { "rom.knee.flexion", 165.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "165.5 is outside 0–165 for rom.knee.flexion" },
    { "rom.knee.flexion", NAN, LEFT, LIMBER_MODEL_ERROR_INVALID,
      "nan is not a number for rom.knee.flexion" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_extension_deficit (void)
{
  static const ValidationCase cases[] = {
    { "rom.knee.extension", -20, LEFT, VALID, NULL },
    { "rom.knee.extension", 0, LEFT, VALID, NULL },
    { "rom.knee.extension", 90, RIGHT, VALID, NULL },
    { "rom.knee.extension", -20.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-20.5 is outside -20–90 for rom.knee.extension" },
    { "rom.knee.extension", 90.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "90.5 is outside -20–90 for rom.knee.extension" },
    { "rom.knee.extension", 5, NONE, LIMBER_MODEL_ERROR_SIDE,
      "rom.knee.extension needs a side (left or right)" },
    { "rom.elbow.extension", -20, RIGHT, VALID, NULL },
    { "rom.elbow.extension", 90, RIGHT, VALID, NULL },
    { "rom.elbow.extension", -21, RIGHT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-21 is outside -20–90 for rom.elbow.extension" },
    { "rom.elbow.extension", 91, RIGHT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "91 is outside -20–90 for rom.elbow.extension" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_questionnaires (void)
{
  static const ValidationCase cases[] = {
    { "prom.odi", 0, NONE, VALID, NULL },
    { "prom.odi", 35.6, NONE, VALID, NULL },
    { "prom.odi", 100, NONE, VALID, NULL },
    { "prom.odi", 100.1, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "100.1 is outside 0–100 for prom.odi" },
    { "prom.odi", 40, LEFT, LIMBER_MODEL_ERROR_SIDE, "prom.odi has no sides" },
    { "prom.rmdq", 24, NONE, VALID, NULL },
    { "prom.rmdq", 25, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "25 is outside 0–24 for prom.rmdq" },
    { "prom.rmdq", 12.5, NONE, LIMBER_MODEL_ERROR_NOT_INTEGER,
      "12.5 is not a whole number for prom.rmdq" },
    { "prom.hit6", 36, NONE, VALID, NULL },
    { "prom.hit6", 78, NONE, VALID, NULL },
    { "prom.hit6", 35, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "35 is outside 36–78 for prom.hit6" },
    { "prom.hit6", 79, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "79 is outside 36–78 for prom.hit6" },
    { "prom.hit6", 50.5, NONE, LIMBER_MODEL_ERROR_NOT_INTEGER,
      "50.5 is not a whole number for prom.hit6" },
    /* A typed total must be a sum of six answers of 6, 8, 10, 11 or 13: 37, 39 and 77
     * cannot be made; 38 (6 × 5 + 8) and 76 (13 × 5 + 11) can. */
    { "prom.hit6", 38, NONE, VALID, NULL },
    { "prom.hit6", 76, NONE, VALID, NULL },
    { "prom.hit6", 37, NONE, LIMBER_MODEL_ERROR_INVALID,
      "37 is not a total the 6 answers of prom.hit6 can make (each 6, 8, 10, 11, 13)" },
    { "prom.hit6", 39, NONE, LIMBER_MODEL_ERROR_INVALID,
      "39 is not a total the 6 answers of prom.hit6 can make (each 6, 8, 10, 11, 13)" },
    { "prom.hit6", 77, NONE, LIMBER_MODEL_ERROR_INVALID,
      "77 is not a total the 6 answers of prom.hit6 can make (each 6, 8, 10, 11, 13)" },
    { "prom.pgic", 1, NONE, VALID, NULL },
    { "prom.pgic", 7, NONE, VALID, NULL },
    { "prom.pgic", 0, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "0 is outside 1–7 for prom.pgic" },
    { "prom.pgic", 8, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "8 is outside 1–7 for prom.pgic" },
    { "prom.pgic", 2.5, NONE, LIMBER_MODEL_ERROR_NOT_INTEGER,
      "2.5 is not a whole number for prom.pgic" },
    { "prom.bctq_sss", 1, NONE, VALID, NULL },
    { "prom.bctq_sss", 3.45, NONE, VALID, NULL },
    { "prom.bctq_sss", 5, NONE, VALID, NULL },
    { "prom.bctq_sss", 0.99, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "0.99 is outside 1–5 for prom.bctq_sss" },
    { "prom.lefs", 80, NONE, VALID, NULL },
    { "prom.lefs", 81, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE, "81 is outside 0–80 for prom.lefs" },
    { "prom.psfs", 6.7, NONE, VALID, NULL },
    { "prom.psfs", 10.1, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "10.1 is outside 0–10 for prom.psfs" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_flexibility_strength (void)
{
  static const ValidationCase cases[] = {
    { "flex.sit_and_reach", -40, NONE, VALID, NULL },
    { "flex.sit_and_reach", 60, NONE, VALID, NULL },
    { "flex.sit_and_reach", -40.1, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-40.1 is outside -40–60 for flex.sit_and_reach" },
    { "flex.sit_and_reach", 60.5, NONE, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "60.5 is outside -40–60 for flex.sit_and_reach" },
    { "flex.sit_and_reach", 3, LEFT, LIMBER_MODEL_ERROR_SIDE, "flex.sit_and_reach has no sides" },
    { "flex.knee_to_wall", 12.5, LEFT, VALID, NULL },
    { "flex.knee_to_wall", 12.5, NONE, LIMBER_MODEL_ERROR_SIDE,
      "flex.knee_to_wall needs a side (left or right)" },
    { "flex.apley_scratch", -20, RIGHT, VALID, NULL },
    { "flex.apley_scratch", -20.5, RIGHT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "-20.5 is outside -20–50 for flex.apley_scratch" },
    { "strength.grip", 100, LEFT, VALID, NULL },
    { "strength.grip", 100.5, LEFT, LIMBER_MODEL_ERROR_OUT_OF_RANGE,
      "100.5 is outside 0–100 for strength.grip" },
    { "strength.grip", 30, NONE, LIMBER_MODEL_ERROR_SIDE,
      "strength.grip needs a side (left or right)" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_value_alone (void)
{
  LimberMeasure *abduction = limber_measure_lookup ("rom.shoulder.abduction");
  g_autoptr(GError) error = NULL;

  /* validate_value leaves the side to the caller. */
  g_assert_true (limber_measure_validate_value (abduction, 100, &error));
  g_assert_no_error (error);

  g_assert_false (limber_measure_validate_value (abduction, 300, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "300 is outside 0–180 for rom.shoulder.abduction");

  /* A NULL error is allowed. */
  g_assert_false (limber_measure_validate (abduction, 100, LIMBER_SIDE_NONE, NULL));
}

static void
test_validation_every_measure_edges (void)
{
  GListModel *catalog = limber_measure_get_catalog ();

  /* Whatever the row, min and max are valid and a step past either is not. */
  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(LimberMeasure) measure = g_list_model_get_item (catalog, i);
      LimberSide side = limber_measure_get_has_sides (measure) ? LIMBER_SIDE_LEFT
                                                                : LIMBER_SIDE_NONE;
      double min = limber_measure_get_min (measure);
      double max = limber_measure_get_max (measure);
      double step = limber_measure_get_integer_only (measure) ? 1 : 0.1;

      g_test_message ("%s", limber_measure_get_code (measure));
      g_assert_true (limber_measure_validate (measure, min, side, NULL));
      g_assert_true (limber_measure_validate (measure, max, side, NULL));
      g_assert_false (limber_measure_validate (measure, min - step, side, NULL));
      g_assert_false (limber_measure_validate (measure, max + step, side, NULL));
      g_assert_false (limber_measure_validate (measure, NAN, side, NULL));
      g_assert_false (limber_measure_validate (measure, min,
                                               side == LIMBER_SIDE_NONE ? LIMBER_SIDE_RIGHT
                                                                        : LIMBER_SIDE_NONE,
                                               NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/pain", test_validation_pain);
  g_test_add_func ("/validation/range-of-motion", test_validation_range_of_motion);
  g_test_add_func ("/validation/extension-deficit", test_validation_extension_deficit);
  g_test_add_func ("/validation/questionnaires", test_validation_questionnaires);
  g_test_add_func ("/validation/flexibility-strength", test_validation_flexibility_strength);
  g_test_add_func ("/validation/value-alone", test_validation_value_alone);
  g_test_add_func ("/validation/every-measure-edges", test_validation_every_measure_edges);

  return g_test_run ();
}
