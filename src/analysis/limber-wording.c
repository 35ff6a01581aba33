/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-wording"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-wording.h"

/* U+2212 MINUS SIGN: a hyphen is not a minus, and screen readers say so. */
#define MINUS_SIGN "\u2212"

/* Changes are differences of decimal values: 1.9999999999 is 2. */
#define TOLERANCE 1e-9

/* ----- Numbers and values ----- */

/* One decimal is the precision anything is measured at in a clinic. Rounds half away
 * from zero; the nudge keeps 12.25 (stored as 12.2499999…) from rounding down. */
static double
round_for_display (double value)
{
  double rounded = round (value * 10 + copysign (TOLERANCE, value)) / 10;

  /* A signed zero means nothing to a clinic. */
  return rounded == 0 ? 0 : rounded;
}

/* The digits of |value| in the locale's notation, without a sign. */
static char *
format_magnitude (double rounded)
{
  /* printf follows LC_NUMERIC, which the program takes from the environment. */
  if (rounded == floor (rounded))
    return g_strdup_printf ("%.0f", fabs (rounded));

  return g_strdup_printf ("%.1f", fabs (rounded));
}

char *
limber_wording_format_number (double value)
{
  g_autofree char *magnitude = NULL;
  double rounded;

  if (!isfinite (value))
    return g_strdup ("—");

  rounded = round_for_display (value);
  magnitude = format_magnitude (rounded);

  return rounded < 0 ? g_strconcat (MINUS_SIGN, magnitude, NULL) : g_steal_pointer (&magnitude);
}

char *
limber_wording_format_change (double change)
{
  g_autofree char *magnitude = NULL;
  double rounded;

  if (!isfinite (change))
    return g_strdup ("—");

  rounded = round_for_display (change);
  magnitude = format_magnitude (rounded);

  if (rounded > 0)
    return g_strconcat ("+", magnitude, NULL);
  if (rounded < 0)
    return g_strconcat (MINUS_SIGN, magnitude, NULL);

  return g_steal_pointer (&magnitude);
}

char *
limber_wording_format_percent (double percent)
{
  g_autofree char *number = limber_wording_format_change (percent);

  /* Translators: a percentage, e.g. "−71.4%"; some languages put a space before
   * the sign. */
  return g_strdup_printf (C_("percentage", "%s%%"), number);
}

/* The count ngettext() should choose the plural form by: the number itself where it
 * is whole, else a count that takes the plural, as "1.5 points" does. */
static gulong
plural_count (double rounded)
{
  if (rounded == floor (rounded) && fabs (rounded) < G_MAXULONG)
    return (gulong)fabs (rounded);

  return 2;
}

/* with_points: FALSE leaves the word "points" out, where an arrow or a column makes
 * the unit plain ("7 → 2 points"). */
static char *
format_value_full (LimberMeasure *measure,
                   double         value,
                   gboolean       with_points)
{
  g_autofree char *number = limber_wording_format_number (value);
  const char *unit = limber_measure_get_unit (measure);

  if (!isfinite (value) || g_str_equal (unit, "level"))
    return g_steal_pointer (&number);

  if (g_str_equal (unit, "points"))
    {
      if (!with_points)
        return g_steal_pointer (&number);

      /* Translators: a score, e.g. "1 point", "7 points" */
      return g_strdup_printf (ngettext ("%s point", "%s points",
                                        plural_count (round_for_display (value))),
                              number);
    }

  if (g_str_equal (unit, "deg"))
    /* Translators: an angle, e.g. "120°" */
    return g_strdup_printf (C_("value with unit", "%s°"), number);

  /* Translators: a value and its unit symbol, e.g. "12.5 cm" or "35.6 %" */
  return g_strdup_printf (C_("value with unit", "%s %s"), number,
                          limber_measure_get_unit_label (measure));
}

char *
limber_wording_format_value (LimberMeasure *measure,
                             double         value)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  return format_value_full (measure, value, TRUE);
}

char *
limber_wording_format_rating (LimberMeasure *measure,
                              double         value)
{
  g_autofree char *number = NULL;
  const char *level;

  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  number = limber_wording_format_value (measure, value);
  level = limber_measure_get_level_label (measure, value);
  if (level == NULL)
    return g_steal_pointer (&number);

  return g_strdup_printf ("%s (%s)", number, level);
}

char *
limber_wording_rating_verdict (LimberTrend *trend)
{
  const char *status;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  status = limber_wording_status_label (limber_trend_get_status (trend));
  switch (limber_trend_get_responder (trend))
    {
    case LIMBER_RESPONDER_YES:
      return g_strdup_printf ("%s, %s", status, _("responder"));
    case LIMBER_RESPONDER_NO:
      return g_strdup_printf ("%s, %s", status, _("not a responder"));
    case LIMBER_RESPONDER_NOT_ASSESSABLE:
      return g_strdup_printf ("%s, %s", status, _("responder not assessable"));
    case LIMBER_RESPONDER_NOT_APPLICABLE:
    default:
      return g_strdup (status);
    }
}

/* ----- Names ----- */

char *
limber_wording_measure_name (LimberMeasure *measure,
                             LimberSide     side)
{
  const char *label;

  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  label = limber_measure_get_label (measure);

  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      /* Translators: a measure of the left side, e.g. "Shoulder abduction, left" */
      return g_strdup_printf (_("%s, left"), label);

    case LIMBER_SIDE_RIGHT:
      /* Translators: a measure of the right side, e.g. "Shoulder abduction, right" */
      return g_strdup_printf (_("%s, right"), label);

    case LIMBER_SIDE_NONE:
    default:
      return g_strdup (label);
    }
}

char *
limber_wording_measure_short_name (LimberMeasure *measure,
                                   LimberSide     side)
{
  g_autofree char *name = NULL;
  char *explanation;

  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  /* "Pain" for "Pain (0–10)": a sentence reads better without the explanation. */
  name = g_strdup (limber_measure_get_label (measure));
  explanation = g_strrstr (name, " (");
  if (explanation != NULL && explanation != name && g_str_has_suffix (name, ")"))
    *explanation = '\0';

  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      /* Translators: a measure of the left side in a sentence, e.g. "Knee to wall
       * (left) went from 6 cm to 7 cm" */
      return g_strdup_printf (_("%s (left)"), name);

    case LIMBER_SIDE_RIGHT:
      /* Translators: a measure of the right side in a sentence, e.g. "Knee to wall
       * (right) went from 6 cm to 7 cm" */
      return g_strdup_printf (_("%s (right)"), name);

    case LIMBER_SIDE_NONE:
    default:
      return g_steal_pointer (&name);
    }
}

static char *
trend_name (LimberTrend *trend)
{
  return limber_wording_measure_name (limber_trend_get_measure (trend),
                                      limber_trend_get_side (trend));
}

static char *
trend_short_name (LimberTrend *trend)
{
  return limber_wording_measure_short_name (limber_trend_get_measure (trend),
                                            limber_trend_get_side (trend));
}

const char *
limber_wording_status_label (LimberTrendStatus status)
{
  switch (status)
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      return _("improved");

    case LIMBER_TREND_STATUS_WORSE:
      return _("worse");

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      return _("no meaningful change");
    }
}

const char *
limber_wording_status_tooltip (LimberTrend *trend)
{
  gboolean mdc_only;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  mdc_only = limber_trend_get_threshold_kind (trend) == LIMBER_THRESHOLD_MDC;

  switch (limber_trend_get_status (trend))
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      return mdc_only ? _("Better by more than measurement error")
                      : _("Better by a clinically important amount");

    case LIMBER_TREND_STATUS_WORSE:
      return mdc_only ? _("Worse by more than measurement error")
                      : _("Worse by a clinically important amount");

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      return mdc_only ? _("No meaningful change: within measurement error")
                      : _("No meaningful change: within measurement error or too small to matter");
    }
}

/* ----- Trends ----- */

/* The improvement reached the threshold's points but not the percentage of the
 * baseline that the responder rule also asks for. */
static gboolean
improved_short_of_percentage (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);

  return limber_trend_get_status (trend) == LIMBER_TREND_STATUS_IMPROVED
         && limber_trend_get_responder (trend) == LIMBER_RESPONDER_NO
         && !limber_measure_get_rates_change (measure)
         && limber_measure_get_mcid_percent (measure) > 0;
}

static char *
describe_improvement (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);

  if (limber_trend_get_threshold_kind (trend) == LIMBER_THRESHOLD_MDC)
    return g_strdup (_("an improvement beyond measurement error"));

  if (improved_short_of_percentage (trend))
    {
      g_autofree char *percent = limber_wording_format_number (limber_measure_get_mcid_percent (measure));

      /* Translators: the improvement reaches the points a responder needs but not the
       * percentage of the baseline; %s%% is that percentage, e.g. "30%". The
       * published rules offer points or percentage; Limber asks for both on purpose. */
      return g_strdup_printf (_("an improvement, but less than the %s%% of the baseline "
                                "that a responder also needs (Limber asks for both the "
                                "points and the percentage, so that a success holds by "
                                "either published rule)"),
                              percent);
    }

  if (limber_trend_get_substantial (trend)
      && limber_trend_get_responder (trend) == LIMBER_RESPONDER_YES)
    {
      g_autofree char *substantial =
        limber_wording_format_number (limber_measure_get_substantial_percent (measure));

      /* Translators: %s%% is the percentage, e.g. "(50% or more)". */
      return g_strdup_printf (_("a clinically important and substantial (%s%% or more) "
                                "improvement"),
                              substantial);
    }

  return g_strdup (_("a clinically important improvement"));
}

/* How the change reads to a clinician: the end of the sentence. */
static char *
describe_verdict (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  gboolean mdc_only = limber_trend_get_threshold_kind (trend) == LIMBER_THRESHOLD_MDC;
  double mdc = limber_measure_get_mdc (measure);

  switch (limber_trend_get_status (trend))
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      return describe_improvement (trend);

    case LIMBER_TREND_STATUS_WORSE:
      if (mdc_only)
        return g_strdup (_("a worsening beyond measurement error"));
      return g_strdup (_("a clinically important worsening"));

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      if (limber_trend_get_responder (trend) == LIMBER_RESPONDER_NOT_ASSESSABLE)
        return g_strdup (_("no meaningful change; the first value leaves too little room "
                           "to show an important improvement (not assessable)"));
      if (mdc_only || (mdc > 0 && fabs (limber_trend_get_change (trend)) <= mdc + TOLERANCE))
        return g_strdup (_("within measurement error (no meaningful change)"));
      return g_strdup (_("less than a clinically important change (no meaningful change)"));
    }
}

char *
limber_wording_describe_trend (LimberTrend *trend)
{
  LimberMeasure *measure;
  g_autofree char *name = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *verdict = NULL;
  guint n;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);
  g_return_val_if_fail (limber_trend_get_n_values (trend) > 0, NULL);

  measure = limber_trend_get_measure (trend);
  n = limber_trend_get_n_values (trend);
  name = trend_short_name (trend);
  latest = limber_wording_format_value (measure, limber_trend_get_latest (trend));
  verdict = describe_verdict (trend);

  /* PGIC rates the change itself: its latest rating is the whole story. */
  if (limber_measure_get_rates_change (measure))
    /* Translators: e.g. "Global impression of change was rated 2, a clinically
     * important improvement." */
    return g_strdup_printf (_("%s was rated %s, %s."), name, latest, verdict);

  if (n == 1)
    /* Translators: e.g. "Pain was 7 points at the only session so far; there is
     * nothing to compare it with yet." */
    return g_strdup_printf (_("%s was %s at the only session so far; there is nothing to "
                              "compare it with yet."),
                            name, latest);

  baseline = limber_wording_format_value (measure, limber_trend_get_baseline (trend));

  /* Translators: e.g. "Pain went from 7 points to 2 points over 6 sessions, a
   * clinically important improvement." The last %s is the verdict. */
  return g_strdup_printf (ngettext ("%s went from %s to %s over %u session, %s.",
                                    "%s went from %s to %s over %u sessions, %s.",
                                    n),
                          name, baseline, latest, n, verdict);
}

char *
limber_wording_summarize_trend (LimberTrend *trend)
{
  LimberMeasure *measure;
  LimberTrendStatus status;
  LimberResponder responder;
  g_autoptr(GString) line = NULL;
  g_autofree char *name = NULL;
  g_autofree char *latest = NULL;
  guint n;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  measure = limber_trend_get_measure (trend);
  status = limber_trend_get_status (trend);
  responder = limber_trend_get_responder (trend);
  n = limber_trend_get_n_values (trend);
  name = trend_name (trend);
  latest = limber_wording_format_value (measure, limber_trend_get_latest (trend));
  line = g_string_new (NULL);

  if (n == 1 && limber_measure_get_rates_change (measure))
    {
      /* A rating of change (PGIC) may be given at discharge without a session. */
      /* Translators: e.g. "Global impression of change: rated 2" */
      g_string_append_printf (line, _("%s: rated %s"), name, latest);
      g_string_append_printf (line, ", %s", limber_wording_status_label (status));
    }
  else if (n == 1)
    {
      /* Translators: e.g. "Pain (0–10): 7 points at one session" */
      g_string_append_printf (line, _("%s: %s at one session"), name, latest);

      /* Only a rating of change (PGIC) says something on its own. */
      if (status != LIMBER_TREND_STATUS_NO_CHANGE)
        g_string_append_printf (line, ", %s", limber_wording_status_label (status));
    }
  else
    {
      g_autofree char *baseline = format_value_full (measure, limber_trend_get_baseline (trend),
                                                     FALSE);
      g_autofree char *difference = limber_wording_format_change (limber_trend_get_change (trend));
      double percent = limber_trend_get_percent_change (trend);

      if (!isnan (percent))
        {
          g_autofree char *percent_text = limber_wording_format_percent (percent);
          char *both = g_strdup_printf ("%s, %s", difference, percent_text);

          g_free (difference);
          difference = both;
        }

      /* Translators: e.g. "Pain (0–10): 7 → 2 points (−5, −71.4%) over 6 sessions,
       * improved" */
      g_string_append_printf (line,
                              ngettext ("%s: %s → %s (%s) over %u session, %s",
                                        "%s: %s → %s (%s) over %u sessions, %s",
                                        n),
                              name, baseline, latest, difference, n,
                              limber_wording_status_label (status));
    }

  if (responder == LIMBER_RESPONDER_YES)
    g_string_append_printf (line, ", %s", _("responder"));
  else if (responder == LIMBER_RESPONDER_NO && n > 1)
    g_string_append_printf (line, ", %s", _("not a responder"));
  else if (responder == LIMBER_RESPONDER_NOT_ASSESSABLE)
    /* Translators: the baseline leaves no room for a response (floor or ceiling) */
    g_string_append_printf (line, ", %s", _("responder not assessable"));

  /* Substantial is said of responders only. */
  if (responder == LIMBER_RESPONDER_YES && limber_trend_get_substantial (trend))
    g_string_append_printf (line, ", %s", _("substantial"));

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* ----- Outcomes ----- */

char *
limber_wording_outcome_title (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOutcome *outcome;
  LimberEpisode *episode;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  outcome = limber_episode_analysis_get_outcome (analysis);
  episode = limber_episode_analysis_get_episode (analysis);

  switch (limber_episode_outcome_get_success (outcome))
    {
    case LIMBER_SUCCESS_YES:
      return g_strdup (_("Successful outcome"));

    case LIMBER_SUCCESS_NO:
      return g_strdup (limber_episode_is_open (episode) ? _("Not yet a responder")
                                                        : _("Not a responder"));

    case LIMBER_SUCCESS_UNKNOWN:
    default:
      return g_strdup (_("Not assessable"));
    }
}

/* A change with its unit and sign: "+3 points", "−12 %", "+5°". */
static char *
format_signed_value (LimberMeasure *measure,
                     double         change)
{
  double rounded = round_for_display (change);
  g_autofree char *magnitude = format_value_full (measure, fabs (rounded), TRUE);

  if (rounded > 0)
    return g_strconcat ("+", magnitude, NULL);
  if (rounded < 0)
    return g_strconcat (MINUS_SIGN, magnitude, NULL);

  return g_steal_pointer (&magnitude);
}

/* What kept the deciding measure from a response, with its numbers. */
static char *
describe_non_response (LimberTrend *deciding)
{
  LimberMeasure *measure = limber_trend_get_measure (deciding);
  g_autofree char *name = trend_name (deciding);
  g_autofree char *change = NULL;
  g_autofree char *threshold = NULL;
  double difference = limber_trend_get_change (deciding);

  if (limber_measure_get_rates_change (measure))
    {
      g_autofree char *rating = limber_wording_format_value (measure, limber_trend_get_latest (deciding));
      g_autofree char *needed = limber_wording_format_number (limber_measure_get_rating_improved_max (measure));

      /* Translators: a rating of change, e.g. "Global impression of change was
       * rated 4; a responder rates 2 or better". */
      return g_strdup_printf (_("%s was rated %s; a responder rates %s or better"),
                              name, rating, needed);
    }

  change = format_signed_value (measure, difference);
  threshold = limber_wording_format_value (measure, limber_trend_get_threshold (deciding));

  if (improved_short_of_percentage (deciding))
    {
      g_autofree char *percent = limber_wording_format_number (limber_measure_get_mcid_percent (measure));

      /* Translators: e.g. "Oswestry Disability Index changed by −12 %, less than the
       * 30% of its first value that a responder also needs" */
      return g_strdup_printf (_("%s changed by %s, less than the %s%% of its first value "
                                "that a responder also needs (Limber asks for both the "
                                "points and the percentage)"),
                              name, change, percent);
    }

  if (limber_trend_get_status (deciding) == LIMBER_TREND_STATUS_WORSE)
    /* Translators: e.g. "Pain (0–10) changed by +3 points: worse by at least the 2
     * points that matter" */
    return g_strdup_printf (_("%s changed by %s: worse by at least the %s that matter"),
                            name, change, threshold);

  /* Translators: e.g. "Pain (0–10) changed by −1 point, less than the 2 points that
   * matter" */
  return g_strdup_printf (_("%s changed by %s, less than the %s that matter"),
                          name, change, threshold);
}

/* The main questionnaire's trend, else pain's, whose baseline left no room for a
 * response; NULL when neither did. */
static LimberTrend *
find_trend_at_floor (LimberEpisodeAnalysis *analysis,
                     LimberCondition       *condition)
{
  const char *codes[] = {
    condition != NULL ? limber_measure_get_code (limber_condition_get_main_measure (condition)) : NULL,
    "pain.nprs",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      LimberTrend *trend = codes[i] != NULL
                           ? limber_episode_analysis_find_trend (analysis, codes[i], LIMBER_SIDE_NONE)
                           : NULL;

      if (trend != NULL && limber_trend_get_n_values (trend) >= 2
          && limber_trend_get_responder (trend) == LIMBER_RESPONDER_NOT_ASSESSABLE)
        return trend;
    }

  return NULL;
}

/* Why neither the main questionnaire nor pain could decide. */
static char *
describe_not_assessable (LimberEpisodeAnalysis *analysis)
{
  LimberCondition *condition = limber_episode_get_condition_info (limber_episode_analysis_get_episode (analysis));
  LimberTrend *floor_trend = find_trend_at_floor (analysis, condition);
  gboolean has_pgic = limber_episode_analysis_find_trend (analysis, "prom.pgic", LIMBER_SIDE_NONE) != NULL;

  if (floor_trend != NULL)
    {
      g_autofree char *name = trend_name (floor_trend);
      g_autofree char *baseline = limber_wording_format_value (limber_trend_get_measure (floor_trend),
                                                               limber_trend_get_baseline (floor_trend));

      /* Translators: floor or ceiling, e.g. "Pain (0–10) started at 1 point, too
       * little room to show an important improvement" */
      return g_strdup_printf (_("%s started at %s, too little room to show an important "
                                "improvement"),
                              name, baseline);
    }

  if (condition != NULL)
    {
      g_autofree char *main = limber_wording_measure_name (limber_condition_get_main_measure (condition),
                                                           LIMBER_SIDE_NONE);

      /* A patient's own rating beside "Not assessable" would read as a contradiction
       * unless it is said that the rating does not decide. */
      if (has_pgic)
        /* Translators: %s is the condition's main questionnaire. */
        return g_strdup_printf (_("Needs two sessions with %s or with pain recorded; the "
                                  "global impression of change does not decide success"),
                                main);

      /* Translators: %s is the condition's main questionnaire. */
      return g_strdup_printf (_("Needs two sessions with %s or with pain recorded"), main);
    }

  if (has_pgic)
    return g_strdup (_("Needs two sessions with pain recorded; the global impression of "
                       "change does not decide success"));

  return g_strdup (_("Needs two sessions with pain recorded"));
}

char *
limber_wording_describe_outcome (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOutcome *outcome;
  LimberTrend *deciding;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  outcome = limber_episode_analysis_get_outcome (analysis);
  deciding = limber_episode_outcome_get_deciding_trend (outcome);

  switch (limber_episode_outcome_get_success (outcome))
    {
    case LIMBER_SUCCESS_YES:
      {
        guint n = limber_episode_outcome_get_sessions_to_response (outcome);
        g_autofree char *name = trend_name (deciding);

        if (n > 0)
          /* Translators: %s is the measure that decided, e.g. "Oswestry Disability
           * Index responder after 5 sessions". */
          return g_strdup_printf (ngettext ("%s responder after %u session",
                                            "%s responder after %u sessions",
                                            n),
                                  name, n);

        /* Translators: %s is the measure that decided */
        return g_strdup_printf (_("%s responder"), name);
      }

    case LIMBER_SUCCESS_NO:
      return describe_non_response (deciding);

    case LIMBER_SUCCESS_UNKNOWN:
    default:
      return describe_not_assessable (analysis);
    }
}

char *
limber_wording_summarize_outcome (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOutcome *outcome;
  LimberTrend *deciding;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  outcome = limber_episode_analysis_get_outcome (analysis);
  deciding = limber_episode_outcome_get_deciding_trend (outcome);
  if (deciding != NULL)
    name = trend_name (deciding);

  switch (limber_episode_outcome_get_success (outcome))
    {
    case LIMBER_SUCCESS_YES:
      /* Translators: %s is a measure, %u a session number */
      return g_strdup_printf (_("Success: yes (decided by %s, responder from session %u)"),
                              name, limber_episode_outcome_get_sessions_to_response (outcome));

    case LIMBER_SUCCESS_NO:
      {
        g_autofree char *why = describe_non_response (deciding);

        /* Translators: %s says why, naming the measure that decided, e.g. "Pain
         * (0–10) changed by −1 point, less than the 2 points that matter" */
        return g_strdup_printf (_("Success: no (%s)"), why);
      }

    case LIMBER_SUCCESS_UNKNOWN:
    default:
      {
        g_autofree char *why = describe_not_assessable (analysis);

        /* Translators: %s says why, e.g. "Needs two sessions with Neck Disability
         * Index or with pain recorded" */
        return g_strdup_printf (_("Success: not assessable (%s)"), why);
      }
    }
}

char *
limber_wording_plan_progress (guint n_sessions,
                              guint n_planned)
{
  g_autofree char *progress = NULL;
  guint extra;

  if (n_planned == 0)
    return g_strdup_printf (ngettext ("%u session", "%u sessions", n_sessions), n_sessions);

  /* Translators: plan progress, e.g. "4 of 6 sessions"; the plural follows the plan. */
  progress = g_strdup_printf (ngettext ("%u of %u session", "%u of %u sessions", n_planned),
                              n_sessions, n_planned);
  if (n_sessions <= n_planned)
    return g_steal_pointer (&progress);

  extra = n_sessions - n_planned;
  /* Translators: e.g. "8 of 6 sessions (2 more than planned)". */
  return g_strdup_printf (ngettext ("%s (%u more than planned)", "%s (%u more than planned)",
                                    extra),
                          progress, extra);
}

/* ----- For the patient ----- */

char *
limber_wording_describe_goal (LimberTrend *trend)
{
  LimberMeasure *measure;
  double goal;
  g_autofree char *target = NULL;
  g_autofree char *remaining = NULL;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  measure = limber_trend_get_measure (trend);
  goal = limber_trend_get_goal (trend);
  if (isnan (goal))
    return NULL;

  target = limber_wording_format_value (measure, goal);
  if (limber_trend_get_goal_is_met (trend))
    /* Translators: a goal that has been reached, e.g. "Goal: 2 points — reached". */
    return g_strdup_printf (_("Goal: %s — reached"), target);

  remaining = limber_wording_format_value (measure, fabs (goal - limber_trend_get_latest (trend)));
  /* Translators: a goal and how far the latest value is from it, e.g. "Goal: 2 points
   * — 3 points to go". */
  return g_strdup_printf (_("Goal: %s — %s to go"), target, remaining);
}

/* "pain", "knee flexion (left)": after "your" a common noun takes lower case; a
 * questionnaire keeps its name ("your Neck Disability Index"). A translation that
 * opens these sentences with the name (German, whose nouns keep their capital) keeps
 * the name as it is. */
static char *
patient_measure_name (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  g_autofree char *name = trend_short_name (trend);
  g_autofree char *first = NULL;

  if (limber_measure_get_kind (measure) == LIMBER_MEASURE_KIND_QUESTIONNAIRE || *name == '\0'
      || g_str_has_prefix (_("Your %s was %s when it was first measured."), "%s"))
    return g_steal_pointer (&name);

  first = g_utf8_strdown (name, g_utf8_next_char (name) - name);
  return g_strconcat (first, g_utf8_next_char (name), NULL);
}

/* How much better, as a percentage of the first value where that means something,
 * else in the measure's units: "75%", "10.5 cm". */
static char *
format_gain (LimberTrend *trend)
{
  double percent = limber_trend_get_percent_change (trend);
  g_autofree char *number = NULL;

  if (isnan (percent))
    return limber_wording_format_value (limber_trend_get_measure (trend),
                                        fabs (limber_trend_get_change (trend)));

  number = limber_wording_format_number (fabs (percent));
  /* Translators: a percentage, e.g. "75%"; some languages put a space before the
   * sign. */
  return g_strdup_printf (C_("percentage", "%s%%"), number);
}

char *
limber_wording_describe_trend_for_patient (LimberTrend *trend)
{
  LimberMeasure *measure;
  g_autofree char *name = NULL;
  g_autofree char *first = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *gain = NULL;
  gboolean down;

  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  measure = limber_trend_get_measure (trend);
  /* A rating of change is already a sentence about the change. */
  if (limber_measure_get_rates_change (measure))
    return limber_wording_describe_trend (trend);

  name = patient_measure_name (trend);
  latest = limber_wording_format_value (measure, limber_trend_get_latest (trend));

  if (limber_trend_get_n_values (trend) < 2)
    /* Translators: said to the patient, e.g. "Your pain was 7 points when it was
     * first measured." When a translation starts with %s, the measure's name keeps
     * its capital letter in all the sentences said to the patient. */
    return g_strdup_printf (_("Your %s was %s when it was first measured."), name, latest);

  down = limber_trend_get_change (trend) < 0;

  switch (limber_trend_get_status (trend))
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      first = format_value_full (measure, limber_trend_get_baseline (trend), FALSE);
      gain = format_gain (trend);
      if (down)
        /* Translators: said to the patient, e.g. "Your pain is down from 8 to 2
         * points — 75% better." */
        return g_strdup_printf (_("Your %s is down from %s to %s — %s better."), name, first,
                                latest, gain);
      /* Translators: said to the patient, e.g. "Your knee bend is up from 90 to
       * 120° — 33.3% better." */
      return g_strdup_printf (_("Your %s is up from %s to %s — %s better."), name, first, latest,
                              gain);

    case LIMBER_TREND_STATUS_WORSE:
      first = format_value_full (measure, limber_trend_get_baseline (trend), FALSE);
      if (down)
        /* Translators: said to the patient, e.g. "Your grip strength is down from 30
         * to 20 kg — worse than at the start." */
        return g_strdup_printf (_("Your %s is down from %s to %s — worse than at the start."),
                                name, first, latest);
      /* Translators: said to the patient, e.g. "Your pain is up from 3 to 6 points —
       * worse than at the start." */
      return g_strdup_printf (_("Your %s is up from %s to %s — worse than at the start."), name,
                              first, latest);

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      first = limber_wording_format_value (measure, limber_trend_get_baseline (trend));
      /* Translators: said to the patient, e.g. "Your pain is about the same as at the
       * start: 5 points then, 4 points now." */
      return g_strdup_printf (_("Your %s is about the same as at the start: %s then, %s now."),
                              name, first, latest);
    }
}
