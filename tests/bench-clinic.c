/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-bench-clinic"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-clinic.h"
#include "limber-date.h"
#include "limber-measure.h"

/* Fixed, so that every run writes the same clinic. */
#define RANDOM_SEED 20240601
/* How far along its range (0 worst … 1 best) a measure moves each session. */
#define PROGRESS_PER_SESSION 0.04
#define PROGRESS_NOISE       0.03
/* Courses of care start over six years, so that many patients share days. */
#define FIRST_START          "2019-01-07"
#define START_SPREAD_DAYS    (6 * 365)
/* Flushed to the file in pieces of about this size. */
#define CHUNK_BYTES          (1 << 20)

typedef struct
{
  const char *code;
  LimberSide  side;
} ClinicMeasure;

#define L LIMBER_SIDE_LEFT
#define R LIMBER_SIDE_RIGHT
#define N LIMBER_SIDE_NONE

/* What a physiotherapist records at each visit for the condition, in the export's
 * order (code, then side). */
typedef struct
{
  const char          *condition;
  guint                weight;      /* how common, out of the sum of all */
  const ClinicMeasure *measures;
  guint                n_measures;
} ClinicCondition;

static const ClinicMeasure low_back_measures[] = {
  { "flex.schober", N }, { "flex.sit_and_reach", N }, { "flex.slr", L }, { "flex.slr", R },
  { "pain.nprs", N }, { "prom.odi", N }, { "rom.lumbar.extension", N },
  { "rom.lumbar.flexion", N }, { "rom.lumbar.lateral_flexion", L },
  { "rom.lumbar.lateral_flexion", R },
};

static const ClinicMeasure neck_measures[] = {
  { "pain.nprs", N }, { "prom.ndi", N }, { "prom.psfs", N }, { "rom.cervical.extension", N },
  { "rom.cervical.flexion", N }, { "rom.cervical.lateral_flexion", L },
  { "rom.cervical.lateral_flexion", R }, { "rom.cervical.rotation", L },
  { "rom.cervical.rotation", R },
};

static const ClinicMeasure shoulder_measures[] = {
  { "flex.apley_scratch", L }, { "flex.apley_scratch", R }, { "pain.nprs", N },
  { "prom.quickdash", N }, { "rom.shoulder.abduction", L }, { "rom.shoulder.abduction", R },
  { "rom.shoulder.external_rotation", L }, { "rom.shoulder.external_rotation", R },
  { "rom.shoulder.flexion", L }, { "rom.shoulder.flexion", R },
  { "rom.shoulder.internal_rotation", L }, { "rom.shoulder.internal_rotation", R },
};

static const ClinicMeasure knee_measures[] = {
  { "flex.popliteal_angle", L }, { "flex.popliteal_angle", R }, { "pain.nprs", N },
  { "prom.lefs", N }, { "prom.psfs", N }, { "rom.knee.extension", L },
  { "rom.knee.extension", R }, { "rom.knee.flexion", L }, { "rom.knee.flexion", R },
};

static const ClinicMeasure achilles_measures[] = {
  { "flex.knee_to_wall", L }, { "flex.knee_to_wall", R }, { "pain.nprs", N },
  { "prom.lefs", N }, { "prom.visa_a", N }, { "rom.ankle.dorsiflexion", L },
  { "rom.ankle.dorsiflexion", R }, { "rom.ankle.plantarflexion", L },
  { "rom.ankle.plantarflexion", R },
};

static const ClinicMeasure carpal_tunnel_measures[] = {
  { "pain.nprs", N }, { "prom.bctq_fss", N }, { "prom.bctq_sss", N },
  { "rom.wrist.extension", L }, { "rom.wrist.extension", R }, { "rom.wrist.flexion", L },
  { "rom.wrist.flexion", R }, { "strength.grip", L }, { "strength.grip", R },
};

static const ClinicMeasure tennis_elbow_measures[] = {
  { "pain.nprs", N }, { "prom.prtee", N }, { "prom.psfs", N }, { "rom.wrist.extension", L },
  { "rom.wrist.extension", R }, { "rom.wrist.flexion", L }, { "rom.wrist.flexion", R },
  { "strength.pain_free_grip", L }, { "strength.pain_free_grip", R },
};

static const ClinicMeasure headache_measures[] = {
  { "pain.nprs", N }, { "prom.hit6", N }, { "rom.cervical.extension", N },
  { "rom.cervical.flexion", N }, { "rom.cervical.lateral_flexion", L },
  { "rom.cervical.lateral_flexion", R }, { "rom.cervical.rotation", L },
  { "rom.cervical.rotation", R },
};

#undef L
#undef R
#undef N

#define CONDITION(code, weight, measures) { code, weight, measures, G_N_ELEMENTS (measures) }

static const ClinicCondition conditions[] = {
  CONDITION ("low_back_pain", 30, low_back_measures),
  CONDITION ("neck_pain", 20, neck_measures),
  CONDITION ("shoulder_pain", 15, shoulder_measures),
  CONDITION ("knee_pain", 12, knee_measures),
  CONDITION ("achilles_tendinopathy", 6, achilles_measures),
  CONDITION ("carpal_tunnel", 6, carpal_tunnel_measures),
  CONDITION ("tennis_elbow", 6, tennis_elbow_measures),
  CONDITION ("headache", 5, headache_measures),
};

#define MAX_MEASURES 12

static const char *const first_names[] = {
  "Ann", "Bob", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
  "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Zoë",
  "Aisha", "Bruno", "Carmen", "Dario", "Elif", "Finn", "Gita", "Hana", "Ivan", "Julia",
  "Karim", "Lucía", "Mika", "Nils", "Olga", "Pablo", "Rania", "Sofia", "Tomás", "Yara",
};

static const char *const last_names[] = {
  "Andersen", "Brown", "Castillo", "Dubois", "Evans", "Fischer", "García", "Hughes",
  "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Patel",
  "Rossi", "Schmidt", "Tanaka", "Wright", "Almeida", "Bianchi", "Costa", "Dimitrov",
  "Eriksson", "Ferreira", "Gruber", "Horvat", "Ishikawa", "Janssen", "Kim", "Lindqvist",
  "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Russo", "Svensson", "Weber",
};

static const char *const therapists[] = {
  "Ann Lee", "Bob Ray", "Carla Mendes", "David Okafor", "Eva Lind", "Femi Adeyemi",
};

/* Commas and quotes make the writer quote them, as real notes often are. */
static const char *const session_notes[] = {
  "",
  "",
  "",
  "Home exercises reviewed, added bridging",
  "Sitting tolerance 30 min, better than last week",
  "Flare-up after gardening; eased with walking",
  "Says the exercises \"really help\"",
};

typedef struct
{
  GRand              *rand;
  BenchClinicRowFunc  func;
  gpointer            user_data;
  BenchClinicCounts  *counts;
  guint32             first_start;
} Generator;

char *
bench_clinic_patient_mrn (guint index)
{
  /* Six digits for the first 900 000 patients: text order is number order. */
  return g_strdup_printf ("%u", 100000 + index);
}

static const ClinicCondition *
draw_condition (GRand *rand)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    total += conditions[i].weight;

  pick = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    {
      if (pick < conditions[i].weight)
        return &conditions[i];
      pick -= conditions[i].weight;
    }
  g_assert_not_reached ();
}

/* The text of a value at progress (0 worst … 1 best) on the measure's range: rounded
 * as a clinician writes it, within range, in the measure's better direction, and
 * written as the export writes numbers. */
static char *
format_value (LimberMeasure *measure,
              double         progress)
{
  double min = limber_measure_get_min (measure);
  double max = limber_measure_get_max (measure);
  double value;

  progress = CLAMP (progress, 0.0, 1.0);
  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER)
    progress = 1.0 - progress;
  value = min + progress * (max - min);
  value = limber_measure_get_integer_only (measure) ? round (value) : round (value * 10) / 10;
  value = CLAMP (value, min, max);

  /* Some totals cannot be made from a questionnaire's answers: take the nearest
   * that can, as the catalog decides. */
  for (guint step = 1; !limber_measure_validate_value (measure, value, NULL) && step < 100; step++)
    {
      double candidate = value + ((step % 2) != 0 ? 1.0 : -1.0) * ((step + 1) / 2);

      if (candidate >= min && candidate <= max
          && limber_measure_validate_value (measure, candidate, NULL))
        value = candidate;
    }

  return limber_format_number (value);
}

typedef struct
{
  const char            *mrn;
  const char            *name;
  const char            *birth_date;
  const ClinicCondition *condition;
  const char            *episode_start;
  const char            *therapist;
  double                 baselines[MAX_MEASURES];
} CourseRows;

static void
generate_session (Generator        *gen,
                  const CourseRows *course,
                  const char       *date,
                  guint             session)
{
  const char *notes = session_notes[g_rand_int_range (gen->rand, 0,
                                                      G_N_ELEMENTS (session_notes))];

  for (guint i = 0; i < course->condition->n_measures; i++)
    {
      const ClinicMeasure *wanted = &course->condition->measures[i];
      LimberMeasure *measure = limber_measure_lookup (wanted->code);
      double progress = course->baselines[i] + session * PROGRESS_PER_SESSION
                        + g_rand_double_range (gen->rand, -PROGRESS_NOISE, PROGRESS_NOISE);
      g_autofree char *value = NULL;
      const char *fields[LIMBER_CSV_N_COLUMNS];

      g_assert (measure != NULL);
      g_assert (limber_measure_get_has_sides (measure) == (wanted->side != LIMBER_SIDE_NONE));
      value = format_value (measure, progress);

      fields[LIMBER_CSV_COLUMN_MRN] = course->mrn;
      fields[LIMBER_CSV_COLUMN_PATIENT_NAME] = course->name;
      fields[LIMBER_CSV_COLUMN_BIRTH_DATE] = course->birth_date;
      fields[LIMBER_CSV_COLUMN_CONDITION] = course->condition->condition;
      fields[LIMBER_CSV_COLUMN_EPISODE_START] = course->episode_start;
      fields[LIMBER_CSV_COLUMN_SESSION_DATE] = date;
      fields[LIMBER_CSV_COLUMN_THERAPIST] = course->therapist;
      fields[LIMBER_CSV_COLUMN_MEASURE] = wanted->code;
      fields[LIMBER_CSV_COLUMN_SIDE] = limber_side_to_string (wanted->side);
      fields[LIMBER_CSV_COLUMN_VALUE] = value;
      fields[LIMBER_CSV_COLUMN_UNIT] = limber_measure_get_unit (measure);
      fields[LIMBER_CSV_COLUMN_NOTES] = notes;

      gen->func (fields, gen->user_data);
      gen->counts->n_rows++;
    }
  gen->counts->n_sessions++;
}

/* Returns the day after the course's last session. */
static guint32
generate_course (Generator  *gen,
                 CourseRows *course,
                 guint32     start,
                 guint       n_sessions)
{
  g_autofree char *start_date = limber_date_from_julian (start);
  /* Two visits a week early on, then one, as courses usually go. */
  guint32 day = start;

  course->episode_start = start_date;
  for (guint i = 0; i < course->condition->n_measures; i++)
    course->baselines[i] = g_rand_double_range (gen->rand, 0.2, 0.55);

  for (guint session = 0; session < n_sessions; session++)
    {
      g_autofree char *date = limber_date_from_julian (day);

      generate_session (gen, course, date, session);
      day += session < 4 ? g_rand_int_range (gen->rand, 3, 5) : g_rand_int_range (gen->rand, 6, 9);
    }
  gen->counts->n_episodes++;
  course->episode_start = NULL;

  return day;
}

static void
generate_patient (Generator *gen,
                  guint      index)
{
  g_autofree char *mrn = bench_clinic_patient_mrn (index);
  g_autofree char *name =
    g_strdup_printf ("%s %s", first_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (first_names))],
                     last_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (last_names))]);
  g_autofree char *birth_date = g_strdup_printf ("%04d-%02d-%02d",
                                                 g_rand_int_range (gen->rand, 1940, 2008),
                                                 g_rand_int_range (gen->rand, 1, 13),
                                                 g_rand_int_range (gen->rand, 1, 29));
  /* Most patients come for one course of care, some come back once or twice. */
  guint pick = (guint) g_rand_int_range (gen->rand, 0, 100);
  guint n_courses = index == 0 ? 1 : pick < 80 ? 1 : pick < 95 ? 2 : 3;
  guint32 day = gen->first_start + g_rand_int_range (gen->rand, 0, START_SPREAD_DAYS);
  CourseRows course = { mrn, name, birth_date, NULL, NULL, NULL, { 0 } };

  for (guint i = 0; i < n_courses; i++)
    {
      guint n_sessions = index == 0 ? BENCH_CLINIC_LONG_COURSE_SESSIONS
                                    : (guint) g_rand_int_range (gen->rand, 5, 13);

      course.condition = draw_condition (gen->rand);
      course.therapist = therapists[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (therapists))];
      day = generate_course (gen, &course, day, n_sessions);
      day += g_rand_int_range (gen->rand, 30, 400);
    }
  gen->counts->n_patients++;
}

void
bench_clinic_generate (guint               n_patients,
                       BenchClinicRowFunc  func,
                       gpointer            user_data,
                       BenchClinicCounts  *counts)
{
  BenchClinicCounts local_counts = { 0 };
  Generator gen = {
    g_rand_new_with_seed (RANDOM_SEED), func, user_data,
    counts != NULL ? counts : &local_counts, limber_date_to_julian (FIRST_START),
  };

  memset (gen.counts, 0, sizeof *gen.counts);
  for (guint i = 0; i < n_patients; i++)
    generate_patient (&gen, i);
  g_rand_free (gen.rand);
}

static void
append_header (GString *csv)
{
  const char *names[LIMBER_CSV_N_COLUMNS];

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    names[i] = limber_csv_column_get_name (i);
  limber_csv_append_row (csv, names, LIMBER_CSV_N_COLUMNS);
}

static void
append_row_cb (const char * const *fields,
               gpointer            user_data)
{
  limber_csv_append_row (user_data, (const char **) fields, LIMBER_CSV_N_COLUMNS);
}

char *
bench_clinic_to_csv (guint              n_patients,
                     BenchClinicCounts *counts)
{
  GString *csv = g_string_new (NULL);

  append_header (csv);
  bench_clinic_generate (n_patients, append_row_cb, csv, counts);
  return g_string_free (csv, FALSE);
}

typedef struct
{
  GString *chunk;
  FILE    *file;
  gboolean failed;
} FileWriter;

static void
flush_chunk (FileWriter *writer)
{
  if (!writer->failed && fwrite (writer->chunk->str, 1, writer->chunk->len, writer->file)
                           != writer->chunk->len)
    writer->failed = TRUE;
  g_string_truncate (writer->chunk, 0);
}

static void
write_row_cb (const char * const *fields,
              gpointer            user_data)
{
  FileWriter *writer = user_data;

  limber_csv_append_row (writer->chunk, (const char **) fields, LIMBER_CSV_N_COLUMNS);
  if (writer->chunk->len >= CHUNK_BYTES)
    flush_chunk (writer);
}

gboolean
bench_clinic_write_file (guint               n_patients,
                         const char         *path,
                         BenchClinicCounts  *counts,
                         GError            **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".part", NULL);
  g_autoptr(GString) chunk = g_string_sized_new (CHUNK_BYTES + 4096);
  FileWriter writer = { chunk, NULL, FALSE };

  writer.file = g_fopen (tmp_path, "wb");
  if (writer.file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot write %s", tmp_path);
      return FALSE;
    }

  append_header (chunk);
  bench_clinic_generate (n_patients, write_row_cb, &writer, counts);
  flush_chunk (&writer);
  if (fclose (writer.file) != 0 || writer.failed || g_rename (tmp_path, path) != 0)
    {
      g_unlink (tmp_path);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}
