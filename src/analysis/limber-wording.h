/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-episode-analysis.h"
#include "limber-measure.h"
#include "limber-trend.h"

G_BEGIN_DECLS

/* The words Limber uses for a course of care, in one place: the window, the text
 * summary and the reports all name measures, format values and explain trends and
 * outcomes through these functions, so that they never disagree.
 *
 * Everything here is for people: translated, formatted for the user's locale (a
 * German desktop shows "35,6"), with a true minus sign (U+2212) for negative values.
 * CSV and JSON never use it: they write limber_format_number(). Every function
 * returns a new string. */

/* A number as people read it: rounded to one decimal, the locale's decimal mark, a
 * true minus sign: "7", "35.6", "−10". */
char       *limber_wording_format_number      (double             value);
/* A signed difference: "+6", "−5", "0", "+2.5". */
char       *limber_wording_format_change      (double             change);
/* A signed percentage: "+85.7%", "−71.4%". */
char       *limber_wording_format_percent     (double             percent);
/* A value of the measure with its unit: "1 point", "7 points", "35.6 %", "120°",
 * "−12.5 cm"; a rating of change (PGIC) is its bare level, "2". */
char       *limber_wording_format_value       (LimberMeasure     *measure,
                                               double             value);
/* A rating of change (PGIC) with its level in words: "2 (much improved)"; the bare
 * value where the measure names no levels. */
char       *limber_wording_format_rating      (LimberMeasure     *measure,
                                               double             value);
/* The verdict on a rating of change as the analysis gives it, its status and whether
 * it makes a responder: "improved, responder", "no meaningful change, not a
 * responder". */
char       *limber_wording_rating_verdict     (LimberTrend       *trend);

/* The measure with its side, as a title: "Pain (0–10)", "Shoulder abduction, left",
 * "Knee to wall (ankle lunge), right". */
char       *limber_wording_measure_name       (LimberMeasure     *measure,
                                               LimberSide         side);
/* The same, short enough to start a sentence: the label's explanation in brackets is
 * left out, "Pain", "Knee to wall (right)". */
char       *limber_wording_measure_short_name (LimberMeasure     *measure,
                                               LimberSide         side);

/* "improved", "worse", "no meaningful change", translated. */
const char *limber_wording_status_label       (LimberTrendStatus  status);

/* What the trend's status means, as a tooltip: "Better by a clinically important
 * amount", or "Better by more than measurement error" where the threshold is only a
 * measurement error. */
const char *limber_wording_status_tooltip     (LimberTrend       *trend);
/* One sentence on a trend, e.g. "Pain went from 7 to 2 points over 6 sessions, a
 * clinically important improvement." */
char       *limber_wording_describe_trend     (LimberTrend       *trend);
/* The trend as one line of the text summary, e.g. "Pain (0–10): 7 → 2 points (−5,
 * −71.4%) over 6 sessions, improved, responder, substantial". */
char       *limber_wording_summarize_trend    (LimberTrend       *trend);

/* The outcome of a course of care in a few words: "Successful outcome", "Not yet a
 * responder", "Not a responder", "Not assessable". */
char       *limber_wording_outcome_title      (LimberEpisodeAnalysis *analysis);
/* Why: "Oswestry Disability Index responder after 5 sessions"; for a course that is
 * not a success what kept its deciding measure from a response, e.g. "Pain (0–10)
 * changed by −1 point, less than the 2 points that matter"; for one that is not
 * assessable what is missing or where the baseline left no room. */
char       *limber_wording_describe_outcome   (LimberEpisodeAnalysis *analysis);
/* The outcome as the last line of the text summary, e.g. "Success: yes (decided by
 * Oswestry Disability Index, responder from session 3)". */
char       *limber_wording_summarize_outcome  (LimberEpisodeAnalysis *analysis);

/* How far the plan has come: "4 of 6 sessions", "7 of 6 sessions (1 more than
 * planned)", or "4 sessions" without a plan (n_planned 0). */
char       *limber_wording_plan_progress      (guint              n_sessions,
                                               guint              n_planned);

/* The goal of a trend and how close it is: "Goal: 2 points — reached", "Goal: 120° —
 * 15° to go"; NULL without a goal. */
char       *limber_wording_describe_goal      (LimberTrend       *trend);
/* A trend said to the patient, in plain words: "Your pain is down from 8 to 2 points
 * — 75% better.", "Your knee bend (left) is about the same as at the start: 110°
 * then, 112° now." */
char       *limber_wording_describe_trend_for_patient (LimberTrend *trend);

G_END_DECLS
