/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "limber-condition.h"
#include "limber-demo.h"
#include "limber-instrument.h"

/* The demo clinic: a dozen made-up patients whose courses of care show what Limber
 * is for: fast and slow responders, patients who do not improve, one who gets worse,
 * open and discharged courses. Everything is a fixed table except the dates, which are
 * laid out relative to today so that the clinic looks current. Every value is derived
 * from the catalog (normal band, direction, range, questionnaire scoring), so the
 * demo never writes a number the catalog would refuse. */

/* How the improvement unfolds over the course, as a share of the total change. */
typedef enum
{
  DEMO_SHAPE_FAST,    /* most of the change in the first sessions */
  DEMO_SHAPE_STEADY,  /* evenly */
  DEMO_SHAPE_SLOW,    /* little at first, more towards the end */
} DemoShape;

/* Two visits a week on fixed weekdays (offsets from Monday). */
typedef enum
{
  DEMO_DAYS_MON_THU,
  DEMO_DAYS_TUE_FRI,
  DEMO_DAYS_TUE_THU,
} DemoDays;

static const guint demo_day_offsets[][2] = {
  [DEMO_DAYS_MON_THU] = { 0, 3 },
  [DEMO_DAYS_TUE_FRI] = { 1, 4 },
  [DEMO_DAYS_TUE_THU] = { 1, 3 },
};

typedef struct
{
  const char *measure;
  double      target;
} DemoGoal;

#define DEMO_MAX_ACTIVITIES 3

typedef struct
{
  guint        patient;          /* index into demo_patients */
  const char  *condition;
  LimberSide   side;
  const char  *body_region;      /* N_() */
  const char  *notes;            /* N_() */
  const char  *discharge_note;   /* N_(); NULL while the course is open */
  int          last_week;        /* week of the last session, 0 = last week */
  guint        onset_days;       /* days from onset to the first session */
  guint        n_sessions;
  guint        planned_sessions;
  DemoDays     days;
  const char  *time;             /* HH:MM of the patient's usual slot */
  guint        therapist;        /* index into demo_therapists */
  DemoShape    shape;
  int          pain_first;
  int          pain_last;
  int          prom_first;       /* questionnaire severity, % of its scale */
  int          prom_last;
  int          rom_severity;     /* % of the way from normal to the worst end */
  int          rom_recovery;     /* % of that gap closed by the last session */
  int          pgic;             /* global impression at discharge; 0: not asked */
  const char  *activities[DEMO_MAX_ACTIVITIES]; /* PSFS activities (N_()), or NULL */
  DemoGoal     goals[2];
} DemoEpisode;

typedef struct
{
  const char *mrn;
  const char *name;
  const char *birth_date;
} DemoPatient;

/* Which measures a therapist would take for a condition (a few of the catalog's
 * suggestions, not every motion) and the treatments given, in rotation. */
typedef struct
{
  const char *condition;
  const char *measures;          /* space separated; filtered by the catalog */
  const char *techniques[3];     /* N_() */
} DemoConditionCare;

static const char *const demo_therapists[] = {
  "Priya Raman",
  "Sam Okafor",
  "Lena Hoffmann",
};

static const DemoPatient demo_patients[] = {
  { "D-1001", "Eleanor Whitfield", "1968-03-14" },
  { "D-1002", "Marcus Oyelaran", "1985-09-02" },
  { "D-1003", "Sofia Marchetti", "1991-06-21" },
  { "D-1004", "Hannah Lindqvist", "1979-11-30" },
  { "D-1005", "Tomás Herrera", "1996-01-17" },
  { "D-1006", "Aisha Rahman", "2001-04-05" },
  { "D-1007", "Peter Novak", "1962-08-09" },
  { "D-1008", "Grace O'Connell", "1988-12-12" },
  { "D-1009", "Daniel Kim", "1974-05-28" },
  { "D-1010", "Ruth Abernathy", "1955-02-19" },
  { "D-1011", "Jonah Feldman", "1999-07-07" },
  { "D-1012", "Lucy Brennan", "1983-10-23" },
};

static const DemoEpisode demo_episodes[] = {
  /* An older course of care that went well, and a current one. */
  { .patient = 0, .condition = "low_back_pain", .side = LIMBER_SIDE_NONE,
    .body_region = N_("Lower back"),
    .notes = N_("Lifted a heavy box at home; no leg symptoms."),
    .discharge_note = N_("Discharged: pain-free at work and in the garden."),
    .last_week = -24, .onset_days = 5, .n_sessions = 8, .planned_sessions = 8,
    .days = DEMO_DAYS_MON_THU, .time = "08:30", .therapist = 0, .shape = DEMO_SHAPE_FAST,
    .pain_first = 7, .pain_last = 1, .prom_first = 48, .prom_last = 12,
    .rom_severity = 35, .rom_recovery = 105, .pgic = 1,
    .activities = { N_("Lifting my grandson"), N_("Gardening"), N_("Sitting at work") },
    .goals = { { "pain.nprs", 2 } } },
  { .patient = 0, .condition = "neck_pain", .side = LIMBER_SIDE_NONE,
    .body_region = N_("Neck"),
    .notes = N_("Stiff neck since starting a new desk job."),
    .last_week = 0, .onset_days = 30, .n_sessions = 5, .planned_sessions = 6,
    .days = DEMO_DAYS_TUE_FRI, .time = "08:30", .therapist = 1, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 6, .pain_last = 3, .prom_first = 44, .prom_last = 26,
    .rom_severity = 30, .rom_recovery = 60,
    .goals = { { "pain.nprs", 2 }, { "prom.ndi", 20 } } },
  { .patient = 1, .condition = "shoulder_pain", .side = LIMBER_SIDE_RIGHT,
    .body_region = N_("Right shoulder"),
    .notes = N_("Painful arc after overhead work at the warehouse."),
    .discharge_note = N_("Discharged: back to full duties; continues the home programme."),
    .last_week = -2, .onset_days = 21, .n_sessions = 10, .planned_sessions = 10,
    .days = DEMO_DAYS_MON_THU, .time = "17:30", .therapist = 2, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 6, .pain_last = 2, .prom_first = 45, .prom_last = 14,
    .rom_severity = 35, .rom_recovery = 100, .pgic = 2,
    .goals = { { "pain.nprs", 2 }, { "rom.shoulder.abduction", 170 } } },
  { .patient = 2, .condition = "tennis_elbow", .side = LIMBER_SIDE_RIGHT,
    .body_region = N_("Right elbow"),
    .notes = N_("Pain gripping the mouse and lifting the kettle."),
    .discharge_note = N_("Discharged: pain-free grip; keeps up the loading exercises."),
    .last_week = -5, .onset_days = 40, .n_sessions = 6, .planned_sessions = 6,
    .days = DEMO_DAYS_TUE_FRI, .time = "12:15", .therapist = 0, .shape = DEMO_SHAPE_FAST,
    .pain_first = 6, .pain_last = 1, .prom_first = 52, .prom_last = 14,
    .rom_severity = 30, .rom_recovery = 105, .pgic = 1 },
  /* Does not improve. */
  { .patient = 3, .condition = "carpal_tunnel", .side = LIMBER_SIDE_RIGHT,
    .body_region = N_("Right wrist and hand"),
    .notes = N_("Night-time tingling in the thumb and index finger."),
    .discharge_note = N_("Little change; referred to her GP for nerve conduction studies."),
    .last_week = -3, .onset_days = 90, .n_sessions = 8, .planned_sessions = 8,
    .days = DEMO_DAYS_MON_THU, .time = "15:00", .therapist = 1, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 5, .pain_last = 4, .prom_first = 60, .prom_last = 52,
    .rom_severity = 20, .rom_recovery = 20, .pgic = 4 },
  { .patient = 4, .condition = "knee_pain", .side = LIMBER_SIDE_LEFT,
    .body_region = N_("Left knee"),
    .notes = N_("Twisted the knee playing five-a-side football."),
    .last_week = 0, .onset_days = 12, .n_sessions = 7, .planned_sessions = 10,
    .days = DEMO_DAYS_MON_THU, .time = "18:15", .therapist = 2, .shape = DEMO_SHAPE_FAST,
    .pain_first = 6, .pain_last = 2, .prom_first = 55, .prom_last = 20,
    .rom_severity = 25, .rom_recovery = 90,
    .goals = { { "pain.nprs", 1 }, { "prom.lefs", 70 } } },
  { .patient = 5, .condition = "shin_splints", .side = LIMBER_SIDE_NONE,
    .body_region = N_("Both shins"),
    .notes = N_("Shin pain since doubling her weekly running distance."),
    .discharge_note = N_("Discharged: running 5 km without pain."),
    .last_week = -8, .onset_days = 25, .n_sessions = 6, .planned_sessions = 6,
    .days = DEMO_DAYS_TUE_FRI, .time = "07:45", .therapist = 0, .shape = DEMO_SHAPE_FAST,
    .pain_first = 5, .pain_last = 0, .prom_first = 35, .prom_last = 6,
    .rom_severity = 40, .rom_recovery = 110, .pgic = 1,
    .activities = { N_("Running 5 km"), N_("Jumping in netball"), N_("Walking downhill") } },
  /* A slow responder who gets there. */
  { .patient = 6, .condition = "achilles_tendinopathy", .side = LIMBER_SIDE_RIGHT,
    .body_region = N_("Right Achilles tendon"),
    .notes = N_("Morning stiffness in the tendon for three months."),
    .discharge_note = N_("Discharged: walking the dog an hour without pain."),
    .last_week = -1, .onset_days = 95, .n_sessions = 10, .planned_sessions = 10,
    .days = DEMO_DAYS_MON_THU, .time = "10:00", .therapist = 1, .shape = DEMO_SHAPE_SLOW,
    .pain_first = 6, .pain_last = 2, .prom_first = 58, .prom_last = 22,
    .rom_severity = 40, .rom_recovery = 80, .pgic = 2,
    .goals = { { "prom.visa_a", 80 } } },
  { .patient = 7, .condition = "headache", .side = LIMBER_SIDE_NONE,
    .body_region = N_("Head and upper neck"),
    .notes = N_("Headaches three times a week, worse at the end of the working day."),
    .discharge_note = N_("Discharged: one mild headache in the last fortnight."),
    .last_week = -11, .onset_days = 60, .n_sessions = 6, .planned_sessions = 6,
    .days = DEMO_DAYS_TUE_FRI, .time = "16:30", .therapist = 2, .shape = DEMO_SHAPE_FAST,
    .pain_first = 6, .pain_last = 2, .prom_first = 62, .prom_last = 20,
    .rom_severity = 20, .rom_recovery = 100, .pgic = 2 },
  /* Gets worse and is referred on. */
  { .patient = 8, .condition = "mid_back_pain", .side = LIMBER_SIDE_NONE,
    .body_region = N_("Mid back"),
    .notes = N_("Stiffness between the shoulder blades after a long-haul flight."),
    .discharge_note = N_("Pain spreading around the ribs at night; referred to his GP for investigation."),
    .last_week = -4, .onset_days = 10, .n_sessions = 5, .planned_sessions = 6,
    .days = DEMO_DAYS_MON_THU, .time = "13:00", .therapist = 0, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 4, .pain_last = 7, .prom_first = 24, .prom_last = 36,
    .rom_severity = 20, .rom_recovery = -60, .pgic = 6 },
  /* Does not improve. */
  { .patient = 9, .condition = "golfers_elbow", .side = LIMBER_SIDE_LEFT,
    .body_region = N_("Left elbow"),
    .notes = N_("Inner elbow pain since taking up bowls."),
    .discharge_note = N_("No meaningful change; discussed an injection with her GP."),
    .last_week = -6, .onset_days = 120, .n_sessions = 7, .planned_sessions = 8,
    .days = DEMO_DAYS_TUE_FRI, .time = "11:00", .therapist = 1, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 5, .pain_last = 4, .prom_first = 46, .prom_last = 41,
    .rom_severity = 20, .rom_recovery = 15, .pgic = 4 },
  { .patient = 10, .condition = "other", .side = LIMBER_SIDE_RIGHT,
    .body_region = N_("Right hip"),
    .notes = N_("Front-of-hip pain when running uphill."),
    .last_week = 0, .onset_days = 35, .n_sessions = 4, .planned_sessions = 6,
    .days = DEMO_DAYS_TUE_THU, .time = "18:45", .therapist = 2, .shape = DEMO_SHAPE_FAST,
    .pain_first = 5, .pain_last = 2, .prom_first = 60, .prom_last = 30,
    .activities = { N_("Running 5 km"), N_("Climbing stairs"), N_("Sitting through a film") },
    .goals = { { "pain.nprs", 1 } } },
  /* A slow responder, still in care. */
  { .patient = 11, .condition = "low_back_pain", .side = LIMBER_SIDE_LEFT,
    .body_region = N_("Lower back and left buttock"),
    .notes = N_("Back and buttock pain since the birth of her second child."),
    .last_week = 0, .onset_days = 50, .n_sessions = 6, .planned_sessions = 8,
    .days = DEMO_DAYS_MON_THU, .time = "12:30", .therapist = 0, .shape = DEMO_SHAPE_STEADY,
    .pain_first = 7, .pain_last = 4, .prom_first = 42, .prom_last = 26,
    .rom_severity = 30, .rom_recovery = 50,
    .activities = { N_("Lifting my child"), N_("Driving over an hour"),
                    N_("Bending to load the dishwasher") },
    .goals = { { "pain.nprs", 2 }, { "prom.odi", 20 } } },
};

static const DemoConditionCare demo_care[] = {
  { "low_back_pain", "rom.lumbar.flexion rom.lumbar.extension flex.slr flex.finger_to_floor",
    { N_("Active Release on piriformis; lumbar mobilisation"),
      N_("Lumbar manipulation; McKenzie extension exercises"),
      N_("Soft tissue release of quadratus lumborum; core stability") } },
  { "mid_back_pain", "rom.thoracic.rotation",
    { N_("Thoracic manipulation; rib mobilisation"),
      N_("Rhomboid soft tissue release; thoracic extension over a foam roller"),
      N_("Scapular retraction exercises; posture advice") } },
  { "upper_back_pain", "rom.thoracic.rotation rom.cervical.rotation",
    { N_("Thoracic manipulation; upper trapezius soft tissue"),
      N_("Thoracic extension over a foam roller"),
      N_("Scapular setting exercises") } },
  { "neck_pain", "rom.cervical.rotation rom.cervical.extension",
    { N_("Cervical mobilisation; upper trapezius soft tissue"),
      N_("Deep neck flexor training; thoracic manipulation"),
      N_("Suboccipital release; workstation advice") } },
  { "shoulder_pain",
    "rom.shoulder.flexion rom.shoulder.abduction rom.shoulder.external_rotation flex.apley_scratch",
    { N_("Rotator cuff strengthening; posterior capsule stretch"),
      N_("Glenohumeral mobilisation; scapular stabilisation"),
      N_("Active Release on infraspinatus; band external rotation") } },
  { "tennis_elbow", "rom.wrist.extension rom.wrist.flexion strength.pain_free_grip",
    { N_("Isometric wrist extension; soft tissue release of the wrist extensors"),
      N_("Mobilisation with movement at the elbow"),
      N_("Eccentric wrist extensor loading; grip strengthening") } },
  { "golfers_elbow", "rom.wrist.extension rom.wrist.flexion strength.pain_free_grip",
    { N_("Isometric wrist flexion; soft tissue release of the common flexor origin"),
      N_("Eccentric wrist flexor loading"),
      N_("Grip strengthening; advice on grip size of the bowls") } },
  { "carpal_tunnel", "rom.wrist.flexion rom.wrist.extension strength.grip",
    { N_("Median nerve gliding; carpal bone mobilisation"),
      N_("Tendon gliding exercises; night splint reviewed"),
      N_("Soft tissue release of the forearm flexors") } },
  { "knee_pain", "rom.knee.flexion rom.knee.extension flex.popliteal_angle",
    { N_("Quadriceps strengthening; patellar mobilisation"),
      N_("Step-downs; hip abductor strengthening"),
      N_("Soft tissue release of the iliotibial band; gait retraining") } },
  { "shin_splints", "rom.ankle.dorsiflexion flex.knee_to_wall",
    { N_("Calf strengthening; graded return-to-run plan"),
      N_("Soft tissue release of tibialis posterior"),
      N_("Running gait review; foot intrinsic exercises") } },
  { "achilles_tendinopathy", "rom.ankle.dorsiflexion rom.ankle.plantarflexion flex.knee_to_wall",
    { N_("Heavy slow calf raises; load management advice"),
      N_("Isometric calf holds; soft tissue release of the gastrocnemius"),
      N_("Eccentric heel drops; hopping progression") } },
  { "headache", "rom.cervical.rotation rom.cervical.flexion",
    { N_("Suboccipital release; upper cervical mobilisation"),
      N_("Deep neck flexor training; desk posture advice"),
      N_("Thoracic manipulation; relaxation breathing") } },
  { "other", "",
    { N_("Hip mobilisation; gluteal strengthening"),
      N_("Active Release on the hip flexors"),
      N_("Graded running programme") } },
};

/* Notes for the sessions between the assessments, in rotation; NULL: no note. */
static const char *const demo_notes_improving[] = {
  NULL,
  N_("Home exercises done most days."),
  N_("Sleeping better."),
  NULL,
  N_("Flare-up after a long day; settled within a day."),
};

static const char *const demo_notes_not_improving[] = {
  NULL,
  N_("No change since last visit."),
  N_("Finds the home exercises hard to fit in."),
  NULL,
  N_("Symptoms worse after a busy week."),
};

/* A little day-to-day variation of pain between the assessments. */
static const int demo_pain_wobble[] = { 0, 1, 0, -1, 1, 0 };

/* The unaffected side's grip, for comparison: the catalog has no norm for grip (it
 * is judged against the other side), so the demo places a typical adult grip at a
 * third of the scale. */
#define DEMO_GRIP_SHARE_OF_SCALE (1.0 / 3.0)

/* The other side of a course of care without one (both shins, the neck) is measured
 * too, and is milder. */
#define DEMO_OTHER_SIDE_SEVERITY 0.6

typedef struct
{
  GDate base_monday;   /* Monday of last week */
  guint n_patients;
} DemoFill;

typedef struct
{
  const DemoEpisode *spec;
  LimberEpisode     *episode;
  guint              index;      /* session index */
  double             progress;   /* share of the total change reached, 0–1 */
} DemoVisit;

static const DemoConditionCare *
demo_care_lookup (const char *condition)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_care); i++)
    if (g_str_equal (demo_care[i].condition, condition))
      return &demo_care[i];

  return NULL;
}

static double
shape_progress (DemoShape shape,
                double    t)
{
  switch (shape)
    {
    case DEMO_SHAPE_FAST:
      return 1.0 - (1.0 - t) * (1.0 - t);
    case DEMO_SHAPE_SLOW:
      return t * t;
    case DEMO_SHAPE_STEADY:
    default:
      return t;
    }
}

static double
round_to_step (double value,
               double step)
{
  return round (value / step) * step;
}

/* The precision a clinician would record: whole degrees and points, half
 * centimetres and kilograms, one decimal on short scales such as BCTQ. */
static double
measure_step (LimberMeasure *measure)
{
  const char *unit = limber_measure_get_unit (measure);

  if (limber_measure_get_integer_only (measure) || g_str_equal (unit, "deg"))
    return 1.0;
  if (g_str_equal (unit, "cm") || g_str_equal (unit, "kg"))
    return 0.5;
  if (limber_measure_get_max (measure) - limber_measure_get_min (measure) <= 10.0)
    return 0.1;
  return 1.0;
}

static double
clamp_to_measure (LimberMeasure *measure,
                  double         value)
{
  return CLAMP (value, limber_measure_get_min (measure), limber_measure_get_max (measure));
}

static gboolean
is_assessment (guint index,
               guint n_sessions)
{
  return index == 0 || index == n_sessions / 2 || index + 1 == n_sessions;
}

static char *
session_date_time (const DemoFill    *fill,
                   const DemoEpisode *spec,
                   guint              index)
{
  int week = spec->last_week - (int) ((spec->n_sessions - 1) / 2) + (int) (index / 2);
  GDate date = fill->base_monday;

  if (week < 0)
    g_date_subtract_days (&date, (guint) (-week) * 7);
  else
    g_date_add_days (&date, (guint) week * 7);
  g_date_add_days (&date, demo_day_offsets[spec->days][index % 2]);

  return g_strdup_printf ("%04d-%02d-%02dT%s",
                          g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), spec->time);
}

static char *
days_before (const char *date_time,
             guint       days)
{
  GDate date;
  unsigned year, month, day;

  if (sscanf (date_time, "%4u-%2u-%2u", &year, &month, &day) != 3)
    g_assert_not_reached ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_subtract_days (&date, days);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/* ----- Values ----- */

/* Where a measure counts as normal, on the side of the band a recovering patient
 * reaches first. Without a norm (grip), a typical value: see DEMO_GRIP_SHARE_OF_SCALE. */
static double
normal_target (LimberMeasure *measure)
{
  double min = limber_measure_get_min (measure);
  double max = limber_measure_get_max (measure);
  double low, high;

  if (!limber_measure_get_has_normal (measure))
    return min + (max - min) * DEMO_GRIP_SHARE_OF_SCALE;

  low = limber_measure_get_normal_low (measure);
  high = limber_measure_get_normal_high (measure);
  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_HIGHER)
    return isfinite (low) ? low : isfinite (high) ? high : (min + max) / 2;
  else
    return isfinite (high) ? high : isfinite (low) ? low : (min + max) / 2;
}

/* impairment 0 is the normal value; 1 is the worst end of the measure's range. */
static double
physical_value (LimberMeasure *measure,
                double         impairment)
{
  double target = normal_target (measure);
  double value;

  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_HIGHER)
    value = target - (target - limber_measure_get_min (measure)) * impairment;
  else
    value = target + (limber_measure_get_max (measure) - target) * impairment;

  return clamp_to_measure (measure, round_to_step (value, measure_step (measure)));
}

/* severity 0 is the best value of a scale, 1 the worst. */
static double
scale_level (double best,
             double worst,
             double severity)
{
  return best + (worst - best) * severity;
}

static double
closest_answer (LimberInstrument *instrument,
                double            wanted)
{
  const double *values;
  guint n_values = 0;
  double best;

  values = limber_instrument_get_item_values (instrument, &n_values);
  if (values == NULL || n_values == 0)
    return CLAMP (round (wanted), limber_instrument_get_item_min (instrument),
                  limber_instrument_get_item_max (instrument));

  best = values[0];
  for (guint i = 1; i < n_values; i++)
    if (fabs (values[i] - wanted) < fabs (best - wanted))
      best = values[i];

  return best;
}

/* Item answers whose total gives the wanted severity. The items lean a little either
 * way, as real answers do, and the last one makes up the total. */
static void
build_answers (LimberInstrument *instrument,
               double            severity,
               double           *answers,
               guint             n_answers)
{
  static const double lean[] = { 0.5, -0.5, 0.8, -0.8, 0.2, -0.2, 0.0, 0.6, -0.6, 0.0 };
  LimberMeasure *measure = limber_instrument_get_measure (instrument);
  double item_min = limber_instrument_get_item_min (instrument);
  double item_max = limber_instrument_get_item_max (instrument);
  gboolean higher = limber_measure_get_direction (measure) == LIMBER_DIRECTION_HIGHER;
  double level = higher ? scale_level (item_max, item_min, severity)
                        : scale_level (item_min, item_max, severity);
  double remaining = level * n_answers;

  for (guint i = 0; i < n_answers; i++)
    {
      double wanted = remaining / (n_answers - i);

      if (i + 1 < n_answers)
        wanted += lean[i % G_N_ELEMENTS (lean)] * (item_max - item_min) / 5.0;
      answers[i] = closest_answer (instrument, wanted);
      remaining -= answers[i];
    }
}

static LimberMeasurement *
questionnaire_measurement (gint64             session_id,
                           LimberMeasure     *measure,
                           double             severity,
                           const char *const *activities,
                           GError           **error)
{
  const char *code = limber_measure_get_code (measure);
  LimberInstrument *instrument = limber_instrument_lookup (code);
  double answers[32];
  const char *names[DEMO_MAX_ACTIVITIES];
  const char *const *item_names = NULL;
  guint n_answers;
  double value;

  if (instrument == NULL)
    {
      double min = limber_measure_get_min (measure);
      double max = limber_measure_get_max (measure);

      if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_HIGHER)
        value = scale_level (max, min, severity);
      else
        value = scale_level (min, max, severity);
      value = clamp_to_measure (measure, round_to_step (value, measure_step (measure)));
      return limber_measurement_new (session_id, code, LIMBER_SIDE_NONE, value);
    }

  n_answers = MIN (limber_instrument_get_n_items (instrument), G_N_ELEMENTS (answers));
  if (limber_instrument_get_has_item_names (instrument))
    {
      g_assert (activities != NULL && activities[0] != NULL);
      n_answers = 0;
      for (guint i = 0; i < G_N_ELEMENTS (names) && activities[i] != NULL; i++)
        names[n_answers++] = _(activities[i]);
      item_names = names;
    }

  build_answers (instrument, severity, answers, n_answers);
  return limber_measurement_new_from_answers (session_id, code, answers, n_answers,
                                              item_names, error);
}

/* ----- Writing ----- */

static gboolean
add_measurement (LimberStore        *store,
                 LimberMeasurement  *measurement,
                 GError            **error)
{
  g_autoptr(LimberMeasurement) owned = measurement;

  if (owned == NULL)
    return FALSE;

  return limber_store_add_measurement (store, owned, error);
}

static int
visit_pain (const DemoVisit *visit)
{
  const DemoEpisode *spec = visit->spec;
  double pain = spec->pain_first + (spec->pain_last - spec->pain_first) * visit->progress;
  int value = (int) round (pain);

  /* The first and last values stay as planned: they decide the outcome. */
  if (visit->index > 0 && visit->index + 1 < spec->n_sessions)
    value += demo_pain_wobble[(visit->index + spec->patient) % G_N_ELEMENTS (demo_pain_wobble)];

  return CLAMP (value, 0, 10);
}

static double
visit_questionnaire_severity (const DemoVisit *visit)
{
  const DemoEpisode *spec = visit->spec;

  return (spec->prom_first + (spec->prom_last - spec->prom_first) * visit->progress) / 100.0;
}

static double
visit_physical_impairment (const DemoVisit *visit)
{
  const DemoEpisode *spec = visit->spec;
  double impairment = spec->rom_severity / 100.0
                      * (1.0 - spec->rom_recovery / 100.0 * visit->progress);

  return CLAMP (impairment, 0.0, 1.0);
}

static gboolean
add_physical_measurements (LimberStore     *store,
                           LimberSession   *session,
                           const DemoVisit *visit,
                           LimberMeasure   *measure,
                           GError         **error)
{
  gint64 session_id = limber_session_get_id (session);
  LimberSide episode_side = visit->spec->side;
  double impairment = visit_physical_impairment (visit);
  gboolean compare_sides = limber_measure_get_kind (measure) == LIMBER_MEASURE_KIND_STRENGTH;

  if (!limber_measure_get_has_sides (measure))
    return add_measurement (store,
                            limber_measurement_new (session_id, limber_measure_get_code (measure),
                                                    LIMBER_SIDE_NONE,
                                                    physical_value (measure, impairment)),
                            error);

  for (LimberSide side = LIMBER_SIDE_LEFT; side <= LIMBER_SIDE_RIGHT; side++)
    {
      double side_impairment = impairment;

      if (episode_side != LIMBER_SIDE_NONE && side != episode_side)
        {
          /* Grip is judged against the healthy hand; other measures only on the
           * treated side. */
          if (!compare_sides)
            continue;
          side_impairment = 0.0;
        }
      else if (episode_side == LIMBER_SIDE_NONE && side == LIMBER_SIDE_LEFT)
        side_impairment *= DEMO_OTHER_SIDE_SEVERITY;

      if (!add_measurement (store,
                            limber_measurement_new (session_id,
                                                    limber_measure_get_code (measure), side,
                                                    physical_value (measure, side_impairment)),
                            error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_condition_measurements (LimberStore     *store,
                            LimberSession   *session,
                            const DemoVisit *visit,
                            GError         **error)
{
  LimberCondition *condition = limber_episode_get_condition_info (visit->episode);
  const DemoConditionCare *care = demo_care_lookup (visit->spec->condition);
  g_auto(GStrv) chosen = NULL;
  GPtrArray *suggested;
  gboolean assessment = is_assessment (visit->index, visit->spec->n_sessions);

  if (care == NULL)
    return TRUE;

  chosen = g_strsplit (care->measures, " ", -1);
  suggested = limber_condition_get_suggested_measures (condition);

  for (guint i = 0; i < suggested->len; i++)
    {
      LimberMeasure *measure = g_ptr_array_index (suggested, i);
      LimberMeasureKind kind = limber_measure_get_kind (measure);

      if (!g_strv_contains ((const char *const *) chosen, limber_measure_get_code (measure)))
        continue;
      /* Range of motion at every visit; flexibility and strength at assessments. */
      if (kind != LIMBER_MEASURE_KIND_RANGE_OF_MOTION && !assessment)
        continue;
      if (!add_physical_measurements (store, session, visit, measure, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_questionnaires (LimberStore     *store,
                    LimberSession   *session,
                    const DemoVisit *visit,
                    GError         **error)
{
  const DemoEpisode *spec = visit->spec;
  gint64 session_id = limber_session_get_id (session);
  LimberCondition *condition = limber_episode_get_condition_info (visit->episode);
  LimberMeasure *main_measure = limber_condition_get_main_measure (condition);
  LimberMeasure *psfs = limber_measure_lookup ("prom.psfs");
  double severity = visit_questionnaire_severity (visit);
  gboolean last = visit->index + 1 == spec->n_sessions;

  if (!is_assessment (visit->index, spec->n_sessions))
    return TRUE;

  if (!add_measurement (store,
                        questionnaire_measurement (session_id, main_measure, severity,
                                                   spec->activities, error),
                        error))
    return FALSE;

  /* The patient's own activities, re-rated at each assessment. */
  if (spec->activities[0] != NULL && psfs != NULL && psfs != main_measure &&
      !add_measurement (store,
                        questionnaire_measurement (session_id, psfs, severity,
                                                   spec->activities, error),
                        error))
    return FALSE;

  if (last && spec->discharge_note != NULL && spec->pgic > 0 &&
      !add_measurement (store,
                        limber_measurement_new (session_id, "prom.pgic", LIMBER_SIDE_NONE,
                                                spec->pgic),
                        error))
    return FALSE;

  return TRUE;
}

static const char *
visit_notes (const DemoVisit *visit)
{
  const DemoEpisode *spec = visit->spec;
  guint n = spec->n_sessions;
  gboolean improving = spec->pain_last <= spec->pain_first - 2;
  guint rotation = visit->index + spec->patient;

  if (visit->index == 0)
    return _("Initial assessment; home exercise programme started.");
  if (visit->index + 1 == n && spec->discharge_note != NULL)
    return _(spec->discharge_note);
  if (visit->index == n / 2)
    return _("Reassessment at the halfway point of the plan.");

  if (improving)
    {
      const char *note = demo_notes_improving[rotation % G_N_ELEMENTS (demo_notes_improving)];
      return note != NULL ? _(note) : NULL;
    }
  else
    {
      const char *note = demo_notes_not_improving[rotation % G_N_ELEMENTS (demo_notes_not_improving)];
      return note != NULL ? _(note) : NULL;
    }
}

static gboolean
add_visit (LimberStore     *store,
           const DemoFill  *fill,
           const DemoVisit *visit,
           GError         **error)
{
  const DemoEpisode *spec = visit->spec;
  const DemoConditionCare *care = demo_care_lookup (spec->condition);
  g_autofree char *date = session_date_time (fill, spec, visit->index);
  g_autoptr(LimberSession) session = NULL;
  guint rotation = visit->index + spec->patient;
  g_autoptr(LimberMeasurement) pain = NULL;

  session = limber_session_new (limber_episode_get_id (visit->episode), date);
  limber_session_set_therapist (session, demo_therapists[spec->therapist]);
  if (care != NULL)
    limber_session_set_techniques (session, _(care->techniques[visit->index % 3]));
  limber_session_set_notes (session, visit_notes (visit));
  if (rotation % 3 == 1)
    limber_session_set_soreness (session, (int) (2 + visit->index % 3));

  if (!limber_store_add_session (store, session, error))
    return FALSE;

  pain = limber_measurement_new (limber_session_get_id (session), "pain.nprs",
                                 LIMBER_SIDE_NONE, visit_pain (visit));
  if (!limber_store_add_measurement (store, pain, error))
    return FALSE;

  return add_condition_measurements (store, session, visit, error) &&
         add_questionnaires (store, session, visit, error);
}

static gboolean
add_goals (LimberStore       *store,
           LimberEpisode     *episode,
           const DemoEpisode *spec,
           GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec->goals) && spec->goals[i].measure != NULL; i++)
    {
      LimberMeasure *measure = limber_measure_lookup (spec->goals[i].measure);
      LimberSide side = LIMBER_SIDE_NONE;
      g_autoptr(LimberGoal) goal = NULL;

      g_assert (measure != NULL);
      if (limber_measure_get_has_sides (measure))
        side = spec->side;
      goal = limber_goal_new (spec->goals[i].measure, side, spec->goals[i].target);
      limber_goal_set_episode_id (goal, limber_episode_get_id (episode));
      if (!limber_store_add_goal (store, goal, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_episode (LimberStore       *store,
             const DemoFill    *fill,
             const DemoEpisode *spec,
             gint64             patient_id,
             GError           **error)
{
  g_autofree char *first = session_date_time (fill, spec, 0);
  g_autofree char *last = session_date_time (fill, spec, spec->n_sessions - 1);
  g_autofree char *start_date = days_before (first, 0);
  g_autofree char *onset_date = days_before (first, spec->onset_days);
  g_autoptr(LimberEpisode) episode = NULL;

  episode = limber_episode_new (patient_id, spec->condition, start_date);
  limber_episode_set_side (episode, spec->side);
  limber_episode_set_body_region (episode, _(spec->body_region));
  limber_episode_set_onset_date (episode, onset_date);
  limber_episode_set_planned_sessions (episode, spec->planned_sessions);
  limber_episode_set_sessions_per_week (episode, 2);
  limber_episode_set_notes (episode, _(spec->notes));
  if (spec->discharge_note != NULL)
    {
      g_autofree char *discharge_date = days_before (last, 0);
      limber_episode_set_discharge_date (episode, discharge_date);
      limber_episode_set_discharge_note (episode, _(spec->discharge_note));
    }

  if (!limber_store_add_episode (store, episode, error) ||
      !add_goals (store, episode, spec, error))
    return FALSE;

  for (guint i = 0; i < spec->n_sessions; i++)
    {
      double t = spec->n_sessions > 1 ? (double) i / (spec->n_sessions - 1) : 0.0;
      DemoVisit visit = {
        .spec = spec,
        .episode = episode,
        .index = i,
        .progress = shape_progress (spec->shape, t),
      };

      if (!add_visit (store, fill, &visit, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
demo_fill_cb (LimberStore  *store,
              gpointer      user_data,
              GError      **error)
{
  DemoFill *fill = user_data;
  GError *local_error = NULL;
  guint n_existing;

  n_existing = limber_store_count_patients (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_existing > 0)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database already holds %u patient; the demo clinic fills only an empty database",
                                "The database already holds %u patients; the demo clinic fills only an empty database",
                                n_existing),
                   n_existing);
      return FALSE;
    }

  for (guint p = 0; p < G_N_ELEMENTS (demo_patients); p++)
    {
      g_autoptr(LimberPatient) patient = limber_patient_new (demo_patients[p].mrn,
                                                             demo_patients[p].name,
                                                             demo_patients[p].birth_date);

      if (!limber_store_add_patient (store, patient, error))
        return FALSE;

      for (guint e = 0; e < G_N_ELEMENTS (demo_episodes); e++)
        if (demo_episodes[e].patient == p &&
            !add_episode (store, fill, &demo_episodes[e], limber_patient_get_id (patient), error))
          return FALSE;

      fill->n_patients++;
    }

  return TRUE;
}

/* The Monday of last week (the week that holds the day a week ago): the newest
 * sessions (week 0, Monday to Friday) then fall between 3 and 13 days ago, never
 * today or later. */
static void
compute_base_monday (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  g_date_subtract_days (date, 7 + (g_date_get_weekday (date) - G_DATE_MONDAY));
}

gboolean
limber_demo_fill (LimberStore  *store,
                  GError      **error)
{
  DemoFill fill = { 0 };

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  compute_base_monday (&fill.base_monday);

  return limber_store_run_transaction (store, "create demo clinic", demo_fill_cb, &fill, error);
}
