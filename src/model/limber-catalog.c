/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "limber-catalog"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-catalog.h"

/* Every clinical number Limber uses is written down in this file and nowhere else;
 * each row follows clinical-reference.md, which names the sources. */

/* Range of motion: values are accepted from 0 to the normal value + 30°, never above
 * 180°; a value within 10% of normal counts as normal. ROM has no MCID: its
 * threshold is the goniometer's minimal detectable change, 5°, so a change of 5° or
 * more is beyond measurement error, not known to be clinically important (normals:
 * AAOS, Norkin & White, Measurement of Joint Motion, Table A.1). */
#define ROM_RANGE_MARGIN     30.0
#define ROM_RANGE_LIMIT      180.0
#define ROM_NORMAL_FRACTION  0.9
#define ROM_MDC              5.0

/* Elbow and knee extension are recorded as the deficit from full extension:
 * negative is hyperextension. */
#define EXTENSION_DEFICIT_MIN (-20.0)
#define EXTENSION_DEFICIT_MAX 90.0
/* A deficit of 5° or less counts as within the normal range (clinical-reference.md). */
#define EXTENSION_DEFICIT_NORMAL_MAX 5.0

#define ROM(code, label, normal, sided)                                       \
  { code, label, "deg", LIMBER_MEASURE_KIND_RANGE_OF_MOTION,                  \
    0, MIN ((normal) + ROM_RANGE_MARGIN, ROM_RANGE_LIMIT), FALSE,              \
    LIMBER_DIRECTION_HIGHER, sided,                                           \
    0, 0, ROM_MDC, TRUE, ROM_NORMAL_FRACTION * (normal), INFINITY,            \
    #normal "°" }

#define ROM_EXTENSION_DEFICIT(code, label)                                    \
  { code, label, "deg", LIMBER_MEASURE_KIND_RANGE_OF_MOTION,                  \
    EXTENSION_DEFICIT_MIN, EXTENSION_DEFICIT_MAX, FALSE,                      \
    LIMBER_DIRECTION_LOWER, TRUE, 0, 0, ROM_MDC, TRUE, -INFINITY,            \
    EXTENSION_DEFICIT_NORMAL_MAX,                                             \
    N_("0° (full extension)"), 0, FALSE, 0, 0, TRUE }

#define SIDED   TRUE
#define UNSIDED FALSE

/* The patient's words for each PGIC level, 1 to 7 (Farrar 2001). */
static const char *const pgic_levels[] = {
  N_("very much improved"), N_("much improved"), N_("minimally improved"), N_("no change"),
  N_("minimally worse"), N_("much worse"), N_("very much worse"),
};

static const LimberMeasureInfo measures[] = {
  /* code, label, unit, kind, min, max, integer_only, direction, has_sides,
   * mcid, mcid_percent, mdc, has_normal, normal_low, normal_high, normal_label.
   * The threshold of change is max (mcid, mdc); a row with an mdc and no mcid has
   * only a measurement error as its threshold (LIMBER_THRESHOLD_MDC). */
  /* MCID 2 points and 30% (Farrar 2001, Pain 94:149; Ostelo 2008, Spine 33:90); LOINC
   * 72514-3. The two papers offer points or percentage as alternatives: Limber asks for
   * both, on purpose, so that a success holds by either rule. A responder whose pain
   * fell by at least 50% is also "substantial" (IMMPACT, Dworkin 2008, J Pain 9:105). */
  { "pain.nprs", N_("Pain (0–10)"), "points", LIMBER_MEASURE_KIND_PAIN,
    0, 10, TRUE, LIMBER_DIRECTION_LOWER, FALSE, 2, 30, 0, FALSE, 0, 0, NULL,
    50 },

  /* MCID 10 points and 30% (Fairbank & Pynsent 2000; Ostelo 2008): both required. */
  { "prom.odi", N_("Oswestry Disability Index"), "%", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 100, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 10, 30, 0, FALSE, 0, 0, NULL },
  /* MCID 5 points and 30% (Ostelo 2008): both required. */
  { "prom.rmdq", N_("Roland-Morris Disability"), "points", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 24, TRUE, LIMBER_DIRECTION_LOWER, FALSE, 5, 30, 0, FALSE, 0, 0, NULL },
  /* NDI is kept on its % scale: MCID 7.5 of 50 points = 15 %, MDC 10.2 of 50 = 20.4 %
   * (Young 2009, Spine J 9:802); the MDC, the larger, is the threshold. */
  { "prom.ndi", N_("Neck Disability Index"), "%", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 100, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 15, 0, 20.4, FALSE, 0, 0, NULL },
  /* MCID 14 (Sorensen 2013). */
  { "prom.quickdash", N_("QuickDASH"), "points", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 100, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 14, 0, 0, FALSE, 0, 0, NULL },
  /* MCID 9 (Binkley 1999, PTJ 79:371). */
  { "prom.lefs", N_("Lower Extremity Functional Scale"), "points",
    LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 80, TRUE, LIMBER_DIRECTION_HIGHER, FALSE, 9, 0, 0, FALSE, 0, 0, NULL },
  /* The PSFS score is the mean of 3–5 activity ratings, so it need not be whole. MCID
   * 2 on the mean score (Horn 2012; Rysstad 2020, BMC MSK 21:328); Stratford 1995's 2
   * is a minimal detectable change, not an MCID. */
  { "prom.psfs", N_("Patient-Specific Functional Scale"), "points",
    LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 10, FALSE, LIMBER_DIRECTION_HIGHER, FALSE, 2, 0, 0, FALSE, 0, 0, NULL },
  /* MCID 11 points and 37% (Poltawski 2011, as commonly cited): both required. */
  { "prom.prtee", N_("PRTEE (tennis elbow)"), "points", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 100, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 11, 37, 0, FALSE, 0, 0, NULL },
  /* BCTQ MCIDs 1.05 and 1.13 (J Hand Ther 2020 review). */
  { "prom.bctq_sss", N_("Boston CTQ symptom severity"), "points",
    LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    1, 5, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 1.05, 0, 0, FALSE, 0, 0, NULL },
  { "prom.bctq_fss", N_("Boston CTQ functional status"), "points",
    LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    1, 5, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 1.13, 0, 0, FALSE, 0, 0, NULL },
  /* MCID 6.5 (McCormack 2015, IJSPT 10:639); the scale: Robinson 2001. */
  { "prom.visa_a", N_("VISA-A (Achilles)"), "points", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    0, 100, FALSE, LIMBER_DIRECTION_HIGHER, FALSE, 6.5, 0, 0, FALSE, 0, 0, NULL },
  /* MCID 6 (Smelt 2014). */
  { "prom.hit6", N_("HIT-6 (headache impact)"), "points", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    36, 78, TRUE, LIMBER_DIRECTION_LOWER, FALSE, 6, 0, 0, FALSE, 0, 0, NULL },
  /* PGIC is one rating of change, not a change of ratings (Farrar 2001): 1 = very
   * much improved … 7 = very much worse. "Much improved" (2) or better is an
   * important improvement and the responder rule; "much worse" (6) or worse an
   * important worsening. */
  { "prom.pgic", N_("Global impression of change"), "level", LIMBER_MEASURE_KIND_QUESTIONNAIRE,
    1, 7, TRUE, LIMBER_DIRECTION_LOWER, FALSE, 0, 0, 0, FALSE, 0, 0, NULL,
    0, TRUE, 2, 6, FALSE, pgic_levels },

  /* Range of motion: AAOS normals (Norkin & White, Table A.1); lumbar values from the
   * AMA inclinometer method. Only the spine's sagittal motions have no side. */
  ROM ("rom.cervical.flexion", N_("Cervical flexion"), 45, UNSIDED),
  ROM ("rom.cervical.extension", N_("Cervical extension"), 45, UNSIDED),
  ROM ("rom.cervical.lateral_flexion", N_("Cervical lateral flexion"), 45, SIDED),
  ROM ("rom.cervical.rotation", N_("Cervical rotation"), 60, SIDED),
  ROM ("rom.thoracic.rotation", N_("Thoracic rotation"), 30, SIDED),
  ROM ("rom.lumbar.flexion", N_("Lumbar flexion"), 60, UNSIDED),
  ROM ("rom.lumbar.extension", N_("Lumbar extension"), 25, UNSIDED),
  ROM ("rom.lumbar.lateral_flexion", N_("Lumbar lateral flexion"), 25, SIDED),
  ROM ("rom.shoulder.flexion", N_("Shoulder flexion"), 180, SIDED),
  ROM ("rom.shoulder.extension", N_("Shoulder extension"), 60, SIDED),
  ROM ("rom.shoulder.abduction", N_("Shoulder abduction"), 180, SIDED),
  ROM ("rom.shoulder.internal_rotation", N_("Shoulder internal rotation"), 70, SIDED),
  ROM ("rom.shoulder.external_rotation", N_("Shoulder external rotation"), 90, SIDED),
  ROM ("rom.elbow.flexion", N_("Elbow flexion"), 150, SIDED),
  ROM_EXTENSION_DEFICIT ("rom.elbow.extension", N_("Elbow extension deficit")),
  ROM ("rom.forearm.pronation", N_("Forearm pronation"), 80, SIDED),
  ROM ("rom.forearm.supination", N_("Forearm supination"), 80, SIDED),
  ROM ("rom.wrist.flexion", N_("Wrist flexion"), 80, SIDED),
  ROM ("rom.wrist.extension", N_("Wrist extension"), 70, SIDED),
  ROM ("rom.wrist.radial_deviation", N_("Wrist radial deviation"), 20, SIDED),
  ROM ("rom.wrist.ulnar_deviation", N_("Wrist ulnar deviation"), 30, SIDED),
  ROM ("rom.hip.flexion", N_("Hip flexion"), 120, SIDED),
  ROM ("rom.hip.extension", N_("Hip extension"), 30, SIDED),
  ROM ("rom.hip.abduction", N_("Hip abduction"), 45, SIDED),
  ROM ("rom.hip.adduction", N_("Hip adduction"), 30, SIDED),
  ROM ("rom.hip.internal_rotation", N_("Hip internal rotation"), 45, SIDED),
  ROM ("rom.hip.external_rotation", N_("Hip external rotation"), 45, SIDED),
  ROM ("rom.knee.flexion", N_("Knee flexion"), 135, SIDED),
  ROM_EXTENSION_DEFICIT ("rom.knee.extension", N_("Knee extension deficit")),
  ROM ("rom.ankle.dorsiflexion", N_("Ankle dorsiflexion"), 20, SIDED),
  ROM ("rom.ankle.plantarflexion", N_("Ankle plantarflexion"), 50, SIDED),
  ROM ("rom.ankle.inversion", N_("Ankle inversion"), 35, SIDED),
  ROM ("rom.ankle.eversion", N_("Ankle eversion"), 15, SIDED),

  /* Flexibility. Sit and reach, straight leg raise, hamstring 90/90 and back scratch
   * give MCIDs as clinical-reference.md lists them, which names no primary source for
   * them (commonly cited values). */
  { "flex.sit_and_reach", N_("Sit and reach"), "cm", LIMBER_MEASURE_KIND_FLEXIBILITY,
    -40, 60, FALSE, LIMBER_DIRECTION_HIGHER, FALSE, 4, 0, 0,
    TRUE, 0, INFINITY, N_("≥ 0 cm (reaches toes)") },
  /* MDC 4.5 cm (Ekedahl 2012); no MCID is published. */
  { "flex.finger_to_floor", N_("Finger to floor distance"), "cm",
    LIMBER_MEASURE_KIND_FLEXIBILITY,
    0, 80, FALSE, LIMBER_DIRECTION_LOWER, FALSE, 0, 0, 4.5,
    TRUE, 0, 0, N_("0 cm (touches floor)") },
  { "flex.slr", N_("Straight leg raise"), "deg", LIMBER_MEASURE_KIND_FLEXIBILITY,
    0, 120, FALSE, LIMBER_DIRECTION_HIGHER, TRUE, 10, 0, 0,
    TRUE, 80, INFINITY, N_("80–90°") },
  { "flex.popliteal_angle", N_("Hamstring 90/90 (knee extension deficit)"), "deg",
    LIMBER_MEASURE_KIND_FLEXIBILITY,
    0, 90, FALSE, LIMBER_DIRECTION_LOWER, TRUE, 10, 0, 0,
    TRUE, -INFINITY, 20, N_("≤ 20°") },
  /* MDC 1.8 cm (Robinson & Mengshoel 2014); no MCID is published. */
  { "flex.schober", N_("Modified Schober (gain)"), "cm", LIMBER_MEASURE_KIND_FLEXIBILITY,
    0, 15, FALSE, LIMBER_DIRECTION_HIGHER, FALSE, 0, 0, 1.8,
    TRUE, 5, INFINITY, N_("≥ 5 cm") },
  /* MDC 1.5 cm (Chisholm 2012); no MCID is published. */
  { "flex.knee_to_wall", N_("Knee to wall (ankle lunge)"), "cm",
    LIMBER_MEASURE_KIND_FLEXIBILITY,
    0, 20, FALSE, LIMBER_DIRECTION_HIGHER, TRUE, 0, 0, 1.5,
    TRUE, 10, INFINITY, N_("≥ 10 cm") },
  { "flex.apley_scratch", N_("Back scratch (gap; overlap negative)"), "cm",
    LIMBER_MEASURE_KIND_FLEXIBILITY,
    -20, 50, FALSE, LIMBER_DIRECTION_LOWER, TRUE, 2, 0, 0,
    TRUE, -INFINITY, 0, N_("≤ 0 cm") },

  /* Strength: compared with the other side rather than with a normal value. MCIDs
   * 6.5 kg and 7 kg as clinical-reference.md lists them (commonly cited; no primary
   * source named there). */
  { "strength.grip", N_("Grip strength"), "kg", LIMBER_MEASURE_KIND_STRENGTH,
    0, 100, FALSE, LIMBER_DIRECTION_HIGHER, TRUE, 6.5, 0, 0, FALSE, 0, 0, NULL },
  { "strength.pain_free_grip", N_("Pain-free grip strength"), "kg",
    LIMBER_MEASURE_KIND_STRENGTH,
    0, 100, FALSE, LIMBER_DIRECTION_HIGHER, TRUE, 7, 0, 0, FALSE, 0, 0, NULL },
};

/* Every condition also offers PSFS and, at discharge, PGIC. */
static const LimberConditionInfo conditions[] = {
  { "low_back_pain", N_("Low back pain"), "prom.odi",
    "prom.rmdq prom.psfs prom.pgic",
    "pain.nprs rom.lumbar.* flex.sit_and_reach flex.slr flex.finger_to_floor flex.schober" },
  { "mid_back_pain", N_("Mid back pain"), "prom.odi",
    "prom.psfs prom.pgic",
    "pain.nprs rom.thoracic.rotation" },
  { "upper_back_pain", N_("Upper back pain"), "prom.ndi",
    "prom.psfs prom.pgic",
    "pain.nprs rom.cervical.* rom.thoracic.rotation" },
  { "neck_pain", N_("Neck pain"), "prom.ndi",
    "prom.psfs prom.pgic",
    "pain.nprs rom.cervical.*" },
  { "shoulder_pain", N_("Shoulder pain"), "prom.quickdash",
    "prom.psfs prom.pgic",
    "pain.nprs rom.shoulder.* flex.apley_scratch",
    TRUE },
  { "tennis_elbow", N_("Lateral elbow pain (tennis elbow)"), "prom.prtee",
    "prom.psfs prom.pgic",
    "pain.nprs strength.pain_free_grip rom.wrist.*",
    TRUE },
  { "golfers_elbow", N_("Medial elbow pain (golfer's elbow)"), "prom.prtee",
    "prom.psfs prom.pgic",
    "pain.nprs strength.pain_free_grip rom.wrist.*",
    TRUE },
  { "carpal_tunnel", N_("Carpal tunnel syndrome"), "prom.bctq_sss",
    "prom.bctq_fss prom.psfs prom.pgic",
    "pain.nprs strength.grip rom.wrist.*",
    TRUE },
  { "knee_pain", N_("Knee pain"), "prom.lefs",
    "prom.psfs prom.pgic",
    "pain.nprs rom.knee.* flex.popliteal_angle",
    TRUE },
  { "shin_splints", N_("Shin splints (medial tibial stress)"), "prom.lefs",
    "prom.psfs prom.pgic",
    "pain.nprs rom.ankle.* flex.knee_to_wall",
    TRUE },
  { "achilles_tendinopathy", N_("Achilles tendinopathy"), "prom.visa_a",
    "prom.lefs prom.psfs prom.pgic",
    "pain.nprs rom.ankle.* flex.knee_to_wall",
    TRUE },
  { "headache", N_("Headache"), "prom.hit6",
    "prom.psfs prom.pgic",
    "pain.nprs rom.cervical.*" },
  /* Translators: a condition that is none of those above. */
  { "other", N_("Other"), "prom.psfs",
    "prom.pgic",
    "pain.nprs",
    TRUE },
};

/* Questionnaire items: short section names only. The question wording of ODI,
 * QuickDASH and HIT-6 is licensed to clinics and is never reproduced here. */

static const char *const odi_sections[] = {
  /* Translators: the ten sections of the Oswestry Disability Index, as short
   * headings; use the names of its official translation where there is one. */
  N_("Pain intensity"), N_("Personal care"), N_("Lifting"), N_("Walking"),
  N_("Sitting"), N_("Standing"), N_("Sleeping"), N_("Sex life"), N_("Social life"),
  N_("Travelling"),
};

static const char *const ndi_sections[] = {
  /* Translators: the ten sections of the Neck Disability Index, as short headings. */
  N_("Pain intensity"), N_("Personal care"), N_("Lifting"), N_("Reading"),
  N_("Headaches"), N_("Concentration"), N_("Work"), N_("Driving"), N_("Sleeping"),
  N_("Recreation"),
};

static const char *const quickdash_items[] = {
  /* Translators: short names of the eleven QuickDASH items. */
  N_("Open a tight jar"), N_("Heavy household chores"), N_("Carry a shopping bag"),
  N_("Wash your back"), N_("Use a knife"), N_("Forceful recreation"),
  N_("Social activities"), N_("Work and daily activities"),
  N_("Arm, shoulder or hand pain"), N_("Tingling"), N_("Sleep"),
};

static const char *const lefs_items[] = {
  /* Translators: short names of the twenty Lower Extremity Functional Scale items;
   * "2 blocks" and "a mile" are the questionnaire's own distances. */
  N_("Usual work, housework or school"), N_("Usual hobbies or sports"),
  N_("Getting into or out of the bath"), N_("Walking between rooms"),
  N_("Putting on shoes or socks"), N_("Squatting"), N_("Lifting an object from the floor"),
  N_("Light activities around home"), N_("Heavy activities around home"),
  N_("Getting into or out of a car"), N_("Walking 2 blocks"), N_("Walking a mile"),
  N_("Going up or down 10 stairs"), N_("Standing for 1 hour"), N_("Sitting for 1 hour"),
  N_("Running on even ground"), N_("Running on uneven ground"),
  N_("Making sharp turns while running fast"), N_("Hopping"), N_("Rolling over in bed"),
};

/* The patient names the PSFS activities; these only number them. */
static const char *const psfs_activities[] = {
  /* Translators: the numbered activities of the Patient-Specific Functional Scale. */
  N_("Activity 1"), N_("Activity 2"), N_("Activity 3"), N_("Activity 4"), N_("Activity 5"),
};

static const char *const hit6_items[] = {
  /* Translators: short names of the six HIT-6 (headache impact) items. */
  N_("Severe pain"), N_("Limits daily activities"), N_("Wish to lie down"),
  N_("Too tired"), N_("Fed up or irritated"), N_("Limits concentration"),
};

static const double hit6_values[] = { 6, 8, 10, 11, 13 };

static const char *const hit6_value_labels[] = {
  /* Translators: the five answers of every HIT-6 item, as in its official
   * translation. */
  N_("Never"), N_("Rarely"), N_("Sometimes"), N_("Very often"), N_("Always"),
};

static const LimberBandInfo odi_bands[] = {
  /* Translators: a band of the Oswestry Disability Index score. */
  { 0, N_("Minimal disability") },
  { 21, N_("Moderate disability") },
  { 41, N_("Severe disability") },
  { 61, N_("Crippling back pain") },
  { 81, N_("Bed-bound") },
};

/* NDI bands are published on the 0–50 sum, i.e. the % score ÷ 2. */
static const LimberBandInfo ndi_bands[] = {
  /* Translators: a band of the Neck Disability Index score. */
  { 0, N_("No disability") },
  { 5, N_("Mild disability") },
  { 15, N_("Moderate disability") },
  { 25, N_("Severe disability") },
  { 35, N_("Complete disability") },
};

static const LimberBandInfo hit6_bands[] = {
  /* Translators: a band of the HIT-6 (headache impact) score. */
  { 36, N_("Little or no impact") },
  { 50, N_("Some impact") },
  { 56, N_("Substantial impact") },
  { 60, N_("Severe impact") },
};

/* ODI and NDI score with at most one section unanswered (Fairbank & Pynsent 2000,
 * Spine 25:2940; Vernon & Mior 1991 for NDI); QuickDASH with at most one item
 * (Beaton 2005); LEFS with none (Binkley 1999); PSFS with 3 to 5 activities (Stratford
 * 1995); HIT-6 answers score 6, 8, 10, 11, 13 (Kosinski 2003). */
static const LimberInstrumentInfo instruments[] = {
  { "prom.odi", "ODI", LIMBER_SCORING_PERCENT_OF_RANGE, LIMBER_ITEM_NOUN_SECTION,
    G_N_ELEMENTS (odi_sections), 9, 0, 5, odi_sections, FALSE,
    NULL, NULL, 0, odi_bands, G_N_ELEMENTS (odi_bands), 1 },
  { "prom.ndi", "NDI", LIMBER_SCORING_PERCENT_OF_RANGE, LIMBER_ITEM_NOUN_SECTION,
    G_N_ELEMENTS (ndi_sections), 9, 0, 5, ndi_sections, FALSE,
    NULL, NULL, 0, ndi_bands, G_N_ELEMENTS (ndi_bands), 2 },
  { "prom.quickdash", "QuickDASH", LIMBER_SCORING_PERCENT_OF_RANGE, LIMBER_ITEM_NOUN_ITEM,
    G_N_ELEMENTS (quickdash_items), 10, 1, 5, quickdash_items, FALSE,
    NULL, NULL, 0, NULL, 0, 1 },
  { "prom.lefs", "LEFS", LIMBER_SCORING_SUM, LIMBER_ITEM_NOUN_ITEM,
    G_N_ELEMENTS (lefs_items), G_N_ELEMENTS (lefs_items), 0, 4, lefs_items, FALSE,
    NULL, NULL, 0, NULL, 0, 1 },
  { "prom.psfs", "PSFS", LIMBER_SCORING_MEAN, LIMBER_ITEM_NOUN_ACTIVITY,
    G_N_ELEMENTS (psfs_activities), 3, 0, 10, psfs_activities, TRUE,
    NULL, NULL, 0, NULL, 0, 1 },
  { "prom.hit6", "HIT-6", LIMBER_SCORING_SUM, LIMBER_ITEM_NOUN_ITEM,
    G_N_ELEMENTS (hit6_items), G_N_ELEMENTS (hit6_items), 6, 13, hit6_items, FALSE,
    hit6_values, hit6_value_labels, G_N_ELEMENTS (hit6_values),
    hit6_bands, G_N_ELEMENTS (hit6_bands), 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (hit6_values) == G_N_ELEMENTS (hit6_value_labels));

const LimberMeasureInfo *
limber_catalog_get_measures (guint *n_measures)
{
  if (n_measures != NULL)
    *n_measures = G_N_ELEMENTS (measures);

  return measures;
}

const LimberConditionInfo *
limber_catalog_get_conditions (guint *n_conditions)
{
  if (n_conditions != NULL)
    *n_conditions = G_N_ELEMENTS (conditions);

  return conditions;
}

const LimberInstrumentInfo *
limber_catalog_get_instruments (guint *n_instruments)
{
  if (n_instruments != NULL)
    *n_instruments = G_N_ELEMENTS (instruments);

  return instruments;
}
