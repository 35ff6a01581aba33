/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-scoring"

#include <math.h>

#include "limber-catalog.h"

static LimberInstrument *
get_instrument (const char *code)
{
  LimberInstrument *instrument = limber_instrument_lookup (code);

  g_assert_nonnull (instrument);

  return instrument;
}

static double
score_ok (const char   *code,
          const double *answers,
          guint         n_answers)
{
  g_autoptr(GError) error = NULL;
  double score = NAN;

  g_assert_true (limber_instrument_score (get_instrument (code), answers, n_answers,
                                          &score, &error));
  g_assert_no_error (error);

  return score;
}

static void
assert_score_fails (const char   *code,
                    const double *answers,
                    guint         n_answers,
                    int           error_code,
                    const char   *message)
{
  g_autoptr(GError) error = NULL;
  double score = -1;

  g_assert_false (limber_instrument_score (get_instrument (code), answers, n_answers,
                                           &score, &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, error_code);
  g_assert_cmpstr (error->message, ==, message);
  /* A failed score leaves the output alone. */
  g_assert_cmpfloat (score, ==, -1);
}

static void
assert_band (const char *code,
             double      score,
             const char *band)
{
  g_test_message ("%s %g", code, score);
  g_assert_cmpstr (limber_instrument_get_band (get_instrument (code), score), ==, band);
}

static void
test_odi_worked_example (void)
{
  /* clinical-reference.md: 9 sections answered summing to 16 → 16 ÷ 45 × 100 = 35.6 */
  const double nine[] = { 2, 2, 2, 2, 2, 2, 2, 1, 1, NAN };
  const double all[] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  const double zeros[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  const double fives[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };

  g_assert_cmpfloat (score_ok ("prom.odi", nine, G_N_ELEMENTS (nine)), ==, 35.6);
  /* Answers not passed at all count as unanswered. */
  g_assert_cmpfloat (score_ok ("prom.odi", nine, 9), ==, 35.6);
  g_assert_cmpfloat (score_ok ("prom.odi", all, G_N_ELEMENTS (all)), ==, 40);
  g_assert_cmpfloat (score_ok ("prom.odi", zeros, G_N_ELEMENTS (zeros)), ==, 0);
  g_assert_cmpfloat (score_ok ("prom.odi", fives, G_N_ELEMENTS (fives)), ==, 100);
}

static void
test_odi_missing_sections (void)
{
  const double one_missing[] = { 3, NAN, 2, 2, 3, 2, 3, 2, 2, 3 };
  const double two_missing[] = { 3, NAN, 2, 2, 3, 2, 3, NAN, 2, 3 };
  const double ndi_two_missing[] = { 3, NAN, 2, 2, 3, 2, 3, NAN, 2, 3 };

  /* At most one section unanswered (Fairbank & Pynsent 2000): 22 over 9 sections,
   * 22 ÷ 45 × 100 = 48.9. */
  g_assert_cmpfloat (score_ok ("prom.odi", one_missing, G_N_ELEMENTS (one_missing)), ==, 48.9);
  assert_score_fails ("prom.odi", two_missing, G_N_ELEMENTS (two_missing),
                      LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "ODI needs at least 9 of 10 sections answered; 8 are");
  assert_score_fails ("prom.odi", NULL, 0, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "ODI needs at least 9 of 10 sections answered; 0 are");
  /* NDI follows the same rule. */
  assert_score_fails ("prom.ndi", ndi_two_missing, G_N_ELEMENTS (ndi_two_missing),
                      LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "NDI needs at least 9 of 10 sections answered; 8 are");
}

static void
test_odi_invalid_answers (void)
{
  const double too_high[] = { 1, 1, 6, 1, 1, 1, 1, 1, 1, 1 };
  const double fraction[] = { 1, 1, 2.5, 1, 1, 1, 1, 1, 1, 1 };
  const double negative[] = { -1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  assert_score_fails ("prom.odi", too_high, G_N_ELEMENTS (too_high),
                      LIMBER_MODEL_ERROR_OUT_OF_RANGE, "Lifting: 6 is outside 0–5 for prom.odi");
  assert_score_fails ("prom.odi", fraction, G_N_ELEMENTS (fraction),
                      LIMBER_MODEL_ERROR_NOT_INTEGER,
                      "Lifting: 2.5 is not a whole number for prom.odi");
  assert_score_fails ("prom.odi", negative, G_N_ELEMENTS (negative),
                      LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                      "Pain intensity: -1 is outside 0–5 for prom.odi");

  g_assert_true (limber_instrument_validate_answer (get_instrument ("prom.odi"), 9, NAN, &error));
  g_assert_no_error (error);
  g_assert_true (limber_instrument_validate_answer (get_instrument ("prom.odi"), 9, 5, &error));
  g_assert_no_error (error);
  g_assert_false (limber_instrument_validate_answer (get_instrument ("prom.odi"), 9, INFINITY,
                                                     &error));
  g_assert_error (error, LIMBER_MODEL_ERROR, LIMBER_MODEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Travelling: inf is not a number for prom.odi");
}

static void
test_odi_bands (void)
{
  assert_band ("prom.odi", 0, "Minimal disability");
  assert_band ("prom.odi", 20, "Minimal disability");
  assert_band ("prom.odi", 20.4, "Minimal disability");
  assert_band ("prom.odi", 20.5, "Moderate disability");
  assert_band ("prom.odi", 22.2, "Moderate disability");
  assert_band ("prom.odi", 40, "Moderate disability");
  assert_band ("prom.odi", 41, "Severe disability");
  assert_band ("prom.odi", 60, "Severe disability");
  assert_band ("prom.odi", 61, "Crippling back pain");
  assert_band ("prom.odi", 80, "Crippling back pain");
  assert_band ("prom.odi", 81, "Bed-bound");
  assert_band ("prom.odi", 100, "Bed-bound");
  assert_band ("prom.odi", NAN, NULL);
}

static void
test_ndi_scoring (void)
{
  const double sum_15[] = { 2, 2, 1, 1, 2, 2, 1, 1, 2, 1 };
  const double nine_sum_9[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, NAN };
  const double seven[] = { 1, 1, 1, NAN, NAN, 1, 1, NAN, 1, 1 };

  g_assert_cmpfloat (score_ok ("prom.ndi", sum_15, G_N_ELEMENTS (sum_15)), ==, 30);
  /* 9 ÷ 45 × 100 */
  g_assert_cmpfloat (score_ok ("prom.ndi", nine_sum_9, G_N_ELEMENTS (nine_sum_9)), ==, 20);
  assert_score_fails ("prom.ndi", seven, G_N_ELEMENTS (seven), LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "NDI needs at least 9 of 10 sections answered; 7 are");
  g_assert_cmpstr (limber_instrument_get_item_label (get_instrument ("prom.ndi"), 4), ==,
                   "Headaches");
}

static void
test_ndi_bands (void)
{
  /* Bands are on the 0–50 sum, i.e. half the % score. */
  assert_band ("prom.ndi", 0, "No disability");
  assert_band ("prom.ndi", 8, "No disability");
  assert_band ("prom.ndi", 10, "Mild disability");
  assert_band ("prom.ndi", 28, "Mild disability");
  assert_band ("prom.ndi", 30, "Moderate disability");
  assert_band ("prom.ndi", 48, "Moderate disability");
  assert_band ("prom.ndi", 50, "Severe disability");
  assert_band ("prom.ndi", 68, "Severe disability");
  assert_band ("prom.ndi", 70, "Complete disability");
  assert_band ("prom.ndi", 100, "Complete disability");
}

static void
test_quickdash_scoring (void)
{
  const double ones[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const double fives[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
  const double one_missing[] = { 3, 3, 3, 3, NAN, 3, 3, 3, 3, 3, 3 };
  const double sum_23[] = { 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  const double two_missing[] = { 3, 3, NAN, 3, NAN, 3, 3, 3, 3, 3, 3 };
  const double zero[] = { 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 };

  g_assert_cmpfloat (score_ok ("prom.quickdash", ones, G_N_ELEMENTS (ones)), ==, 0);
  g_assert_cmpfloat (score_ok ("prom.quickdash", fives, G_N_ELEMENTS (fives)), ==, 100);
  /* (30 ÷ 10 − 1) × 25 */
  g_assert_cmpfloat (score_ok ("prom.quickdash", one_missing, G_N_ELEMENTS (one_missing)),
                     ==, 50);
  /* (23 ÷ 11 − 1) × 25 = 27.27… */
  g_assert_cmpfloat (score_ok ("prom.quickdash", sum_23, G_N_ELEMENTS (sum_23)), ==, 27.3);
  assert_score_fails ("prom.quickdash", two_missing, G_N_ELEMENTS (two_missing),
                      LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "QuickDASH needs at least 10 of 11 items answered; 9 are");
  assert_score_fails ("prom.quickdash", zero, G_N_ELEMENTS (zero),
                      LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                      "Open a tight jar: 0 is outside 1–5 for prom.quickdash");
  g_assert_null (limber_instrument_get_band (get_instrument ("prom.quickdash"), 50));
  g_assert_cmpstr (limber_instrument_get_item_label (get_instrument ("prom.quickdash"), 10),
                   ==, "Sleep");
}

static void
test_lefs_scoring (void)
{
  double answers[20];
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    answers[i] = 4;
  g_assert_cmpfloat (score_ok ("prom.lefs", answers, G_N_ELEMENTS (answers)), ==, 80);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    answers[i] = i % 4;
  /* five rounds of 0 + 1 + 2 + 3 */
  g_assert_cmpfloat (score_ok ("prom.lefs", answers, G_N_ELEMENTS (answers)), ==, 30);

  answers[7] = NAN;
  assert_score_fails ("prom.lefs", answers, G_N_ELEMENTS (answers),
                      LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "LEFS needs all 20 items answered; 19 are");
  assert_score_fails ("prom.lefs", answers, 1, LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "LEFS needs all 20 items answered; 1 is");

  answers[7] = 1;
  answers[18] = 5;
  assert_score_fails ("prom.lefs", answers, G_N_ELEMENTS (answers),
                      LIMBER_MODEL_ERROR_OUT_OF_RANGE, "Hopping: 5 is outside 0–4 for prom.lefs");
  g_assert_null (limber_instrument_get_band (get_instrument ("prom.lefs"), 40));
}

static void
test_psfs_scoring (void)
{
  const double three[] = { 4, 5, 7 };
  const double four[] = { 3, 4, 4, 4, NAN };
  const double five[] = { 2, 4, 6, 8, 10 };
  const double two[] = { 4, NAN, 7, NAN, NAN };
  const double eleven[] = { 4, 11, 7 };

  /* 16 ÷ 3 = 5.33… */
  g_assert_cmpfloat (score_ok ("prom.psfs", three, G_N_ELEMENTS (three)), ==, 5.3);
  /* 15 ÷ 4 = 3.75 exactly: halfway rounds up */
  g_assert_cmpfloat (score_ok ("prom.psfs", four, G_N_ELEMENTS (four)), ==, 3.8);
  g_assert_cmpfloat (score_ok ("prom.psfs", five, G_N_ELEMENTS (five)), ==, 6);
  assert_score_fails ("prom.psfs", two, G_N_ELEMENTS (two), LIMBER_MODEL_ERROR_MISSING_ITEMS,
                      "PSFS needs at least 3 of 5 activities rated; 2 are");
  assert_score_fails ("prom.psfs", eleven, G_N_ELEMENTS (eleven),
                      LIMBER_MODEL_ERROR_OUT_OF_RANGE,
                      "Activity 2: 11 is outside 0–10 for prom.psfs");
  g_assert_true (limber_instrument_get_has_item_names (get_instrument ("prom.psfs")));
}

static void
test_hit6_scoring (void)
{
  const double never[] = { 6, 6, 6, 6, 6, 6 };
  const double always[] = { 13, 13, 13, 13, 13, 13 };
  const double mixed[] = { 10, 10, 8, 8, 6, 11 };
  const double seven[] = { 7, 6, 6, 6, 6, 6 };
  const double fourteen[] = { 6, 6, 6, 6, 6, 14 };
  const double missing[] = { 6, 6, NAN, 6, 6, 6 };
  const double *values;
  guint n_values = 0;

  g_assert_cmpfloat (score_ok ("prom.hit6", never, G_N_ELEMENTS (never)), ==, 36);
  g_assert_cmpfloat (score_ok ("prom.hit6", always, G_N_ELEMENTS (always)), ==, 78);
  g_assert_cmpfloat (score_ok ("prom.hit6", mixed, G_N_ELEMENTS (mixed)), ==, 53);
  assert_score_fails ("prom.hit6", seven, G_N_ELEMENTS (seven), LIMBER_MODEL_ERROR_INVALID,
                      "Severe pain: 7 is not an answer of prom.hit6 (6, 8, 10, 11, 13)");
  assert_score_fails ("prom.hit6", fourteen, G_N_ELEMENTS (fourteen), LIMBER_MODEL_ERROR_INVALID,
                      "Limits concentration: 14 is not an answer of prom.hit6 (6, 8, 10, 11, 13)");
  assert_score_fails ("prom.hit6", missing, G_N_ELEMENTS (missing),
                      LIMBER_MODEL_ERROR_MISSING_ITEMS, "HIT-6 needs all 6 items answered; 5 are");

  values = limber_instrument_get_item_values (get_instrument ("prom.hit6"), &n_values);
  g_assert_cmpuint (n_values, ==, 5);
  g_assert_cmpfloat (values[0], ==, 6);
  g_assert_cmpfloat (values[4], ==, 13);
  g_assert_null (limber_instrument_get_item_values (get_instrument ("prom.odi"), &n_values));
  g_assert_cmpuint (n_values, ==, 0);

  g_assert_cmpstr (limber_instrument_get_answer_label (get_instrument ("prom.hit6"), 6), ==,
                   "Never");
  g_assert_cmpstr (limber_instrument_get_answer_label (get_instrument ("prom.hit6"), 11), ==,
                   "Very often");
  g_assert_null (limber_instrument_get_answer_label (get_instrument ("prom.hit6"), 7));
  g_assert_null (limber_instrument_get_answer_label (get_instrument ("prom.odi"), 3));
}

static void
test_hit6_bands (void)
{
  assert_band ("prom.hit6", 36, "Little or no impact");
  assert_band ("prom.hit6", 49, "Little or no impact");
  assert_band ("prom.hit6", 50, "Some impact");
  assert_band ("prom.hit6", 55, "Some impact");
  assert_band ("prom.hit6", 56, "Substantial impact");
  assert_band ("prom.hit6", 59, "Substantial impact");
  assert_band ("prom.hit6", 60, "Severe impact");
  assert_band ("prom.hit6", 78, "Severe impact");
}

static void
test_scores_within_measure_range (void)
{
  static const char *const codes[] = {
    "prom.odi", "prom.ndi", "prom.quickdash", "prom.lefs", "prom.psfs", "prom.hit6",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  /* Random valid answer sets always score within the measure's own range, so a
   * computed score never fails the measure's validation. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      LimberInstrument *instrument = get_instrument (codes[i]);
      LimberMeasure *measure = limber_instrument_get_measure (instrument);
      guint n_items = limber_instrument_get_n_items (instrument);
      guint n_values;
      const double *values = limber_instrument_get_item_values (instrument, &n_values);

      for (guint trial = 0; trial < 500; trial++)
        {
          g_autoptr(GError) error = NULL;
          double answers[20];
          double score;

          g_assert_cmpuint (n_items, <=, G_N_ELEMENTS (answers));
          for (guint j = 0; j < n_items; j++)
            {
              if (values != NULL)
                answers[j] = values[g_rand_int_range (rand, 0, (gint32) n_values)];
              else
                answers[j] = g_rand_int_range (rand,
                                               (gint32) limber_instrument_get_item_min (instrument),
                                               (gint32) limber_instrument_get_item_max (instrument) + 1);
            }

          g_assert_true (limber_instrument_score (instrument, answers, n_items, &score, &error));
          g_assert_no_error (error);
          g_assert_true (limber_measure_validate_value (measure, score, &error));
          g_assert_no_error (error);
          g_assert_cmpfloat (round (score * 10) / 10, ==, score);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/odi/worked-example", test_odi_worked_example);
  g_test_add_func ("/scoring/odi/missing-sections", test_odi_missing_sections);
  g_test_add_func ("/scoring/odi/invalid-answers", test_odi_invalid_answers);
  g_test_add_func ("/scoring/odi/bands", test_odi_bands);
  g_test_add_func ("/scoring/ndi/score", test_ndi_scoring);
  g_test_add_func ("/scoring/ndi/bands", test_ndi_bands);
  g_test_add_func ("/scoring/quickdash", test_quickdash_scoring);
  g_test_add_func ("/scoring/lefs", test_lefs_scoring);
  g_test_add_func ("/scoring/psfs", test_psfs_scoring);
  g_test_add_func ("/scoring/hit6/score", test_hit6_scoring);
  g_test_add_func ("/scoring/hit6/bands", test_hit6_bands);
  g_test_add_func ("/scoring/scores-within-range", test_scores_within_measure_range);

  return g_test_run ();
}
