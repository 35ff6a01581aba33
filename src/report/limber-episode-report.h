/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-clinic.h"
#include "limber-episode-analysis.h"
#include "limber-report-document.h"
#include "limber-store.h"

G_BEGIN_DECLS

/* The documents about one course of care. */
typedef enum
{
  /* For a doctor or an insurer while care goes on. */
  LIMBER_REPORT_KIND_PROGRESS,
  /* The same at the end, with the outcome and the discharge. */
  LIMBER_REPORT_KIND_DISCHARGE,
  /* One or two pages in plain words, in large type, for the patient. */
  LIMBER_REPORT_KIND_PATIENT,
} LimberReportKind;

/* "progress", "discharge", "patient", as the command line writes them. */
const char           *limber_report_kind_to_string   (LimberReportKind       kind);
gboolean              limber_report_kind_from_string (const char            *text,
                                                      LimberReportKind      *kind);
/* The document's title for people, e.g. "Discharge summary". */
const char           *limber_report_kind_get_title   (LimberReportKind       kind);

/* Builds the document of that kind from the analysis; issue_date is YYYY-MM-DD
 * (NULL: today). Every number comes from the analysis, every word about a measure
 * from limber-wording, and every chart from the chart renderer. */
LimberReportDocument *limber_episode_report_build    (LimberEpisodeAnalysis *analysis,
                                                      LimberClinic          *clinic,
                                                      LimberReportKind       kind,
                                                      const char            *issue_date);

/* The course of care of the patient with chart number mrn that started on
 * episode_start (YYYY-MM-DD), or the current one when episode_start is NULL.
 * LIMBER_STORE_ERROR_NOT_FOUND, with a message that says which, when there is no
 * such patient or course. */
LimberEpisodeAnalysis *limber_episode_report_load    (LimberStore           *store,
                                                      const char            *mrn,
                                                      const char            *episode_start,
                                                      GError               **error);

G_END_DECLS
