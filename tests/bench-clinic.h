/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-csv.h"

G_BEGIN_DECLS

/* A generated clinic of the size a busy practice reaches after a few years: for
 * 10 000 patients about 12 500 courses of care, 100 000 sessions and 1 000 000
 * measurements. The same number of patients always gives the same rows, so that a
 * benchmark compares like with like and a test can check an export against them.
 *
 * Rows come in the CSV export's order (mrn, episode start, session date, measure,
 * side), so an import followed by an export must give the generated file back byte
 * for byte. The first patient has one long course of 60 sessions, what a progress
 * report of a long rehabilitation prints. */

/* Changes whenever the generated rows change, so that cached files are remade. */
#define BENCH_CLINIC_VERSION 2

#define BENCH_CLINIC_LONG_COURSE_SESSIONS 60

typedef struct
{
  guint n_patients;
  guint n_episodes;
  guint n_sessions;
  guint n_rows;
} BenchClinicCounts;

/* Called for each row; fields are indexed by LimberCsvColumn and borrowed. */
typedef void (*BenchClinicRowFunc) (const char * const *fields,
                                    gpointer            user_data);

void   bench_clinic_generate    (guint               n_patients,
                                 BenchClinicRowFunc  func,
                                 gpointer            user_data,
                                 BenchClinicCounts  *counts);
/* The chart number of patient index (0-based), e.g. "100042". */
char  *bench_clinic_patient_mrn (guint               index);
/* The whole clinic as CSV text with its header row. */
char  *bench_clinic_to_csv      (guint               n_patients,
                                 BenchClinicCounts  *counts);
/* Writes the clinic as a CSV file, in chunks so that memory stays small. */
gboolean bench_clinic_write_file (guint               n_patients,
                                  const char         *path,
                                  BenchClinicCounts  *counts,
                                  GError            **error);

G_END_DECLS
