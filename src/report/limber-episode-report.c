/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-clinic-stats.h"
#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-episode-report.h"
#include "limber-instrument.h"
#include "limber-report-chart.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

/* The progress report, the discharge summary and the patient summary of one course
 * of care. The analysis decides every number and limber-wording every word about a
 * measure; this file only chooses what goes where on the page. */

#define DASH "—"
#define MAX_VALUE_COLUMNS 6
#define MAX_CHARTS 4
#define CHART_HEIGHT 175.0

const char *
limber_report_kind_to_string (LimberReportKind kind)
{
  switch (kind)
    {
    case LIMBER_REPORT_KIND_DISCHARGE:
      return "discharge";
    case LIMBER_REPORT_KIND_PATIENT:
      return "patient";
    case LIMBER_REPORT_KIND_PROGRESS:
    default:
      return "progress";
    }
}

gboolean
limber_report_kind_from_string (const char       *text,
                                LimberReportKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (LimberReportKind k = LIMBER_REPORT_KIND_PROGRESS; k <= LIMBER_REPORT_KIND_PATIENT; k++)
    if (g_strcmp0 (text, limber_report_kind_to_string (k)) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
limber_report_kind_get_title (LimberReportKind kind)
{
  switch (kind)
    {
    case LIMBER_REPORT_KIND_DISCHARGE:
      return _("Discharge summary");
    case LIMBER_REPORT_KIND_PATIENT:
      return _("Your progress");
    case LIMBER_REPORT_KIND_PROGRESS:
    default:
      return _("Progress report");
    }
}

/* ----- Shared by the documents ----- */

static char *
display_date (const char *date)
{
  if (date == NULL)
    return g_strdup (DASH);
  return limber_date_format_for_display (date);
}

static char *
identification_line (LimberPatient *patient)
{
  const char *birth_date = limber_patient_get_birth_date (patient);

  if (birth_date != NULL)
    {
      g_autofree char *born = limber_date_format_for_display (birth_date);

      /* Translators: the line on every page of a report saying whom it is about. */
      return g_strdup_printf (_("%s · Chart number %s · Born %s"),
                              limber_patient_get_name (patient),
                              limber_patient_get_mrn (patient), born);
    }
  return g_strdup_printf (_("%s · Chart number %s"), limber_patient_get_name (patient),
                          limber_patient_get_mrn (patient));
}

static char *
condition_text (LimberEpisode *episode)
{
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  const char *label = condition != NULL ? limber_condition_get_label (condition)
                                        : limber_episode_get_condition (episode);
  const char *region = limber_episode_get_body_region (episode);
  LimberSide side = limber_episode_get_side (episode);
  GString *text = g_string_new (label);

  if (region != NULL && side != LIMBER_SIDE_NONE)
    g_string_append_printf (text, " (%s, %s)", region, limber_side_get_label (side));
  else if (region != NULL)
    g_string_append_printf (text, " (%s)", region);
  else if (side != LIMBER_SIDE_NONE)
    g_string_append_printf (text, " (%s)", limber_side_get_label (side));

  return g_string_free (text, FALSE);
}

static char *
attendance_text (LimberEpisodeAnalysis *analysis)
{
  guint n_sessions = limber_episode_analysis_get_n_sessions (analysis);
  guint n_planned = limber_episode_analysis_get_n_planned_sessions (analysis);

  if (n_planned > 0)
    /* Translators: attendance, e.g. "8 of 12 planned sessions". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u planned session",
                                         "%u of %u planned sessions", n_planned),
                            n_sessions, n_planned);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n_sessions),
                          n_sessions);
}

static char *
plan_text (LimberEpisode *episode)
{
  guint planned = limber_episode_get_planned_sessions (episode);
  guint per_week = limber_episode_get_sessions_per_week (episode);

  if (planned == 0)
    return g_strdup (_("No plan recorded"));
  if (per_week == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", planned),
                            planned);
  /* Translators: a plan of care, e.g. "12 sessions, 2 a week". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session, %u a week",
                                       "%u sessions, %u a week", planned),
                          planned, per_week);
}

/* A value with its questionnaire band where the questionnaire has bands:
 * "42 %\nSevere disability". */
static char *
value_with_band (LimberMeasure *measure,
                 double         value)
{
  LimberInstrument *instrument = limber_instrument_lookup (limber_measure_get_code (measure));
  g_autofree char *text = limber_wording_format_value (measure, value);
  const char *band = instrument != NULL ? limber_instrument_get_band (instrument, value) : NULL;

  if (band != NULL)
    return g_strdup_printf ("%s\n%s", text, band);
  return g_steal_pointer (&text);
}

static const char *
responder_text (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);

  /* One value has not changed, but a rating of change (PGIC) is the change itself. */
  if (!limber_measure_get_has_responder_rule (measure)
      || (limber_trend_get_n_values (trend) < 2 && !limber_measure_get_rates_change (measure)))
    return NULL;

  switch (limber_trend_get_responder (trend))
    {
    case LIMBER_RESPONDER_YES:
      return limber_trend_get_substantial (trend) ? _("responder, substantial") : _("responder");
    case LIMBER_RESPONDER_NO:
      return _("not a responder");
    case LIMBER_RESPONDER_NOT_APPLICABLE:
    default:
      /* The baseline left no room for an important improvement. */
      return _("not assessable");
    }
}

static char *
status_text (LimberTrend *trend)
{
  const char *status = limber_wording_status_label (limber_trend_get_status (trend));
  const char *responder = responder_text (trend);

  if (limber_trend_get_n_values (trend) < 2
      && !limber_measure_get_rates_change (limber_trend_get_measure (trend)))
    return g_strdup (_("one value only"));
  if (responder != NULL)
    return g_strdup_printf ("%s\n%s", status, responder);
  return g_strdup (status);
}

static const char *
kind_title (LimberMeasureKind kind)
{
  switch (kind)
    {
    case LIMBER_MEASURE_KIND_PAIN:
    case LIMBER_MEASURE_KIND_QUESTIONNAIRE:
      return _("Pain and questionnaires");
    case LIMBER_MEASURE_KIND_RANGE_OF_MOTION:
      return _("Range of motion");
    case LIMBER_MEASURE_KIND_FLEXIBILITY:
      return _("Flexibility");
    case LIMBER_MEASURE_KIND_STRENGTH:
    default:
      return _("Strength");
    }
}

/* Pain and questionnaires are read together. */
static LimberMeasureKind
group_of (LimberTrend *trend)
{
  LimberMeasureKind kind = limber_measure_get_kind (limber_trend_get_measure (trend));

  return kind == LIMBER_MEASURE_KIND_QUESTIONNAIRE ? LIMBER_MEASURE_KIND_PAIN : kind;
}

/* ----- Results: one group of measures ----- */

static void
add_results_table (LimberReportDocument *document,
                   GPtrArray            *trends)
{
  const LimberReportColumn columns[] = {
    { _("Measure"), 3.0, LIMBER_REPORT_ALIGN_START, NULL },
    /* Latest is the wider: a rating is said in words there, "7 (very much worse)",
     * while a first value never is. */
    { _("Baseline"), 1.9, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Latest"), 2.6, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Change"), 1.3, LIMBER_REPORT_ALIGN_END, NULL },
    /* Translators: a column heading, the change in percent of the first value.
     * xgettext:no-c-format */
    { _("% change"), 1.4, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Status"), 2.4, LIMBER_REPORT_ALIGN_START, NULL },
  };

  limber_report_document_add_table (document, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);
      LimberMeasure *measure = limber_trend_get_measure (trend);
      g_autofree char *name = limber_wording_measure_name (measure, limber_trend_get_side (trend));
      g_autofree char *baseline = NULL;
      g_autofree char *latest = NULL;
      g_autofree char *change = NULL;
      g_autofree char *percent = NULL;
      g_autofree char *status = status_text (trend);
      double percent_change = limber_trend_get_percent_change (trend);
      gboolean rating = limber_measure_get_rates_change (measure);
      gboolean several = limber_trend_get_n_values (trend) > 1 && !rating;
      const char *cells[6];

      /* A rating of change (PGIC) has no baseline: the rating is the change. */
      if (rating)
        {
          baseline = g_strdup (DASH);
          latest = limber_wording_format_rating (measure, limber_trend_get_latest (trend));
        }
      else
        {
          baseline = value_with_band (measure, limber_trend_get_baseline (trend));
          latest = value_with_band (measure, limber_trend_get_latest (trend));
        }
      change = several ? limber_wording_format_change (limber_trend_get_change (trend))
                       : g_strdup (DASH);
      percent = several && !isnan (percent_change) ? limber_wording_format_percent (percent_change)
                                                   : g_strdup (DASH);
      cells[0] = name;
      cells[1] = baseline;
      cells[2] = latest;
      cells[3] = change;
      cells[4] = percent;
      cells[5] = status;
      limber_report_document_add_row (document, cells);
    }
}

/* The value of trend at session number (1-based), or NULL. */
static char *
value_at_session (LimberTrend *trend,
                  guint        session_number)
{
  const guint *numbers = limber_trend_get_session_numbers (trend);
  LimberMeasure *measure = limber_trend_get_measure (trend);
  guint n_values = 0;
  const double *values = limber_trend_get_values (trend, &n_values);

  for (guint i = 0; i < n_values; i++)
    if (numbers[i] == session_number)
      return limber_measure_get_rates_change (measure)
             ? limber_wording_format_rating (measure, values[i])
             : limber_wording_format_value (measure, values[i]);
  return NULL;
}

/* Every session's values of some trends: a sided measure gets a "Left" and a "Right"
 * column under its name. */
static void
add_values_table (LimberReportDocument  *document,
                  LimberEpisodeAnalysis *analysis,
                  LimberTrend          **trends,
                  guint                  n_trends)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (analysis);
  GPtrArray *contacts = limber_episode_analysis_get_outcome_contacts (analysis);
  g_autoptr (GArray) columns = g_array_new (FALSE, TRUE, sizeof (LimberReportColumn));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  LimberReportColumn column = { 0 };

  column = (LimberReportColumn) { _("Session"), 1.1, LIMBER_REPORT_ALIGN_END, NULL };
  g_array_append_val (columns, column);
  column = (LimberReportColumn) { _("Date"), 1.9, LIMBER_REPORT_ALIGN_START, NULL };
  g_array_append_val (columns, column);
  for (guint t = 0; t < n_trends; t++)
    {
      LimberMeasure *measure = limber_trend_get_measure (trends[t]);
      LimberSide side = limber_trend_get_side (trends[t]);

      if (side == LIMBER_SIDE_NONE)
        {
          char *name = limber_wording_measure_name (measure, side);

          g_ptr_array_add (names, name);
          column = (LimberReportColumn) { name, 2, LIMBER_REPORT_ALIGN_END, NULL };
        }
      else
        {
          char *name = limber_wording_measure_name (measure, LIMBER_SIDE_NONE);

          g_ptr_array_add (names, name);
          column = (LimberReportColumn) { limber_side_get_label (side), 1.5,
                                          LIMBER_REPORT_ALIGN_END, name };
        }
      g_array_append_val (columns, column);
    }
  limber_report_document_add_table (document, (LimberReportColumn *) columns->data, columns->len);

  /* The visits, then the outcome contacts (a rating given at discharge without a
   * visit), numbered on as the trends count them; a contact is no session. */
  for (guint s = 0; s < sessions->len + contacts->len; s++)
    {
      gboolean visit = s < sessions->len;
      LimberSession *session = visit ? g_ptr_array_index (sessions, s)
                                     : g_ptr_array_index (contacts, s - sessions->len);
      g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      gboolean any = FALSE;

      g_ptr_array_add (cells, visit ? g_strdup_printf ("%u", s + 1) : g_strdup (_("Discharge")));
      g_ptr_array_add (cells, display_date (limber_session_get_date (session)));
      for (guint t = 0; t < n_trends; t++)
        {
          char *value = value_at_session (trends[t], s + 1);

          any |= value != NULL;
          g_ptr_array_add (cells, value);
        }
      /* Sessions without a value of these measures only make the table longer. */
      if (any)
        limber_report_document_add_row (document, (const char *const *) cells->pdata);
    }
}

static void
add_group (LimberReportDocument  *document,
           LimberEpisodeAnalysis *analysis,
           LimberMeasureKind      kind,
           GPtrArray             *trends)
{
  g_autoptr (GPtrArray) with_values = g_ptr_array_new ();

  limber_report_document_add_subheading (document, kind_title (kind));
  add_results_table (document, trends);

  for (guint i = 0; i < trends->len; i++)
    g_ptr_array_add (with_values, g_ptr_array_index (trends, i));

  /* Several narrow tables rather than one too wide to read. */
  for (guint first = 0; first < with_values->len;)
    {
      guint n = MIN (MAX_VALUE_COLUMNS, with_values->len - first);

      /* Keep the two sides of a measure in one table. */
      if (first + n < with_values->len && n > 1
          && limber_trend_get_measure (g_ptr_array_index (with_values, first + n - 1))
               == limber_trend_get_measure (g_ptr_array_index (with_values, first + n)))
        n--;
      add_values_table (document, analysis, (LimberTrend **) with_values->pdata + first, n);
      first += n;
    }
}

static void
add_results (LimberReportDocument  *document,
             LimberEpisodeAnalysis *analysis)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);
  const LimberMeasureKind order[] = {
    LIMBER_MEASURE_KIND_PAIN,
    LIMBER_MEASURE_KIND_RANGE_OF_MOTION,
    LIMBER_MEASURE_KIND_FLEXIBILITY,
    LIMBER_MEASURE_KIND_STRENGTH,
  };

  limber_report_document_add_heading (document, _("Results"));
  if (trends->len == 0)
    {
      limber_report_document_add_paragraph (document, _("No measurements were recorded in this "
                                                        "course of care."));
      return;
    }
  limber_report_document_add_paragraph (
    document,
    _("Baseline is the first value of the course of care and latest the most recent. "
      "A change counts as improved or worse only from the measure's threshold on: its "
      "minimal clinically important difference, or for range of motion and some "
      "flexibility tests the change beyond measurement error."));

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      g_autoptr (GPtrArray) group = g_ptr_array_new ();

      for (guint i = 0; i < trends->len; i++)
        if (group_of (g_ptr_array_index (trends, i)) == order[k])
          g_ptr_array_add (group, g_ptr_array_index (trends, i));
      if (group->len > 0)
        add_group (document, analysis, order[k], group);
    }
}

/* ----- Goals ----- */

static void
add_goals (LimberReportDocument  *document,
           LimberEpisodeAnalysis *analysis)
{
  GPtrArray *goals = limber_episode_analysis_get_goals (analysis);
  const LimberReportColumn columns[] = {
    { _("Goal"), 3.5, LIMBER_REPORT_ALIGN_START, NULL },
    { _("Target"), 1.6, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Latest"), 1.6, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Met"), 3.2, LIMBER_REPORT_ALIGN_START, NULL },
  };

  limber_report_document_add_heading (document, _("Goals"));
  if (goals == NULL || goals->len == 0)
    {
      limber_report_document_add_paragraph (document, _("No goals were set for this course of care."));
      return;
    }

  limber_report_document_add_table (document, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < goals->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (goals, i);
      LimberMeasure *measure = limber_measure_lookup (limber_goal_get_measure (goal));
      LimberTrend *trend;
      g_autofree char *name = NULL;
      g_autofree char *target = NULL;
      g_autofree char *latest = NULL;
      g_autofree char *met = NULL;
      const char *cells[4];

      if (measure == NULL)
        continue;
      trend = limber_episode_analysis_find_trend (analysis, limber_goal_get_measure (goal),
                                                  limber_goal_get_side (goal));
      name = limber_wording_measure_name (measure, limber_goal_get_side (goal));
      target = limber_wording_format_value (measure, limber_goal_get_target (goal));
      if (trend == NULL)
        {
          latest = g_strdup (DASH);
          met = g_strdup (_("No value recorded yet"));
        }
      else
        {
          const char *goal_date = limber_trend_get_goal_date (trend);

          latest = limber_wording_format_value (measure, limber_trend_get_latest (trend));
          if (limber_trend_get_goal_is_met (trend))
            met = g_strdup (_("Yes"));
          else if (goal_date != NULL)
            {
              g_autofree char *when = limber_date_format_for_display (goal_date);

              /* Translators: a goal not met yet, with the day the trend reaches it. */
              met = g_strdup_printf (_("Not yet; at this pace by %s"), when);
            }
          else
            met = g_strdup (_("Not yet"));
        }
      cells[0] = name;
      cells[1] = target;
      cells[2] = latest;
      cells[3] = met;
      limber_report_document_add_row (document, cells);
    }
}

/* ----- Charts ----- */

/* The measures worth a chart: pain, the main questionnaire, then the others with at
 * least two values, both sides of a measure in one chart. */
static GPtrArray *
key_trends (LimberEpisodeAnalysis *analysis,
            guint                  max_charts)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);
  LimberCondition *condition = limber_episode_get_condition_info (
    limber_episode_analysis_get_episode (analysis));
  LimberMeasure *main_measure = condition != NULL ? limber_condition_get_main_measure (condition) : NULL;
  GPtrArray *chosen = g_ptr_array_new ();
  LimberMeasure *pain = limber_measure_lookup ("pain.nprs");
  LimberMeasure *first_choices[] = { pain, main_measure };

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < trends->len && chosen->len < max_charts; i++)
      {
        LimberTrend *trend = g_ptr_array_index (trends, i);
        LimberMeasure *measure = limber_trend_get_measure (trend);
        gboolean wanted;

        if (limber_trend_get_n_values (trend) < 2 || limber_trend_get_side (trend) == LIMBER_SIDE_RIGHT
            || limber_measure_get_rates_change (measure))
          continue;
        wanted = measure == first_choices[0] || measure == first_choices[1];
        if ((pass == 0) != wanted)
          continue;
        g_ptr_array_add (chosen, trend);
      }

  /* Right-only measures (no left trend) get their chart too, if there is room. */
  for (guint i = 0; i < trends->len && chosen->len < max_charts; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);

      if (limber_trend_get_side (trend) == LIMBER_SIDE_RIGHT && limber_trend_get_n_values (trend) >= 2
          && limber_episode_analysis_find_trend (analysis,
                                                 limber_measure_get_code (limber_trend_get_measure (trend)),
                                                 LIMBER_SIDE_LEFT) == NULL)
        g_ptr_array_add (chosen, trend);
    }

  return chosen;
}

static void
add_chart_of (LimberReportDocument  *document,
              LimberEpisodeAnalysis *analysis,
              LimberTrend           *trend,
              double                 height,
              double                 font_size)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  LimberTrend *other = NULL;
  g_autoptr (LimberChart) chart = NULL;
  g_autofree char *sentence = NULL;

  if (limber_trend_get_side (trend) == LIMBER_SIDE_LEFT)
    other = limber_episode_analysis_find_trend (analysis, limber_measure_get_code (measure),
                                                LIMBER_SIDE_RIGHT);
  if (other != NULL && limber_trend_get_n_values (other) == 0)
    other = NULL;

  chart = limber_trend_chart_new_for_trends (analysis, trend, other);
  limber_report_chart_add (document, chart, height, font_size);

  /* The chart in words, for a reader who cannot see it and for searching. */
  sentence = limber_wording_describe_trend (trend);
  if (other != NULL)
    {
      g_autofree char *other_sentence = limber_wording_describe_trend (other);
      g_autofree char *both = g_strdup_printf ("%s %s", sentence, other_sentence);

      g_free (sentence);
      sentence = g_steal_pointer (&both);
    }
  limber_report_document_add_paragraph (document, sentence);
}

/* The charts under their heading; no heading at all when no measure has two values to
 * draw (one value each, or only a rating of change), as without any measurement. */
static void
add_charts (LimberReportDocument  *document,
            LimberEpisodeAnalysis *analysis,
            guint                  max_charts,
            double                 height,
            double                 font_size)
{
  g_autoptr (GPtrArray) chosen = key_trends (analysis, max_charts);

  if (chosen->len == 0)
    return;

  limber_report_document_add_heading (document, _("Charts"));
  for (guint i = 0; i < chosen->len; i++)
    add_chart_of (document, analysis, g_ptr_array_index (chosen, i), height, font_size);
}

/* ----- Progress report and discharge summary ----- */

static void
add_course (LimberReportDocument  *document,
            LimberEpisodeAnalysis *analysis,
            LimberReportKind       kind)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  GPtrArray *sessions = limber_episode_analysis_get_sessions (analysis);
  g_autofree char *condition = condition_text (episode);
  g_autofree char *start = display_date (limber_episode_get_start_date (episode));
  g_autofree char *plan = plan_text (episode);
  g_autofree char *attendance = attendance_text (analysis);
  const char *therapist = limber_clinic_stats_course_therapist (sessions);

  limber_report_document_add_heading (document, _("Course of care"));
  limber_report_document_add_field (document, _("Condition"), condition);
  if (limber_episode_get_onset_date (episode) != NULL)
    {
      g_autofree char *onset = display_date (limber_episode_get_onset_date (episode));

      limber_report_document_add_field (document, _("Onset"), onset);
    }
  limber_report_document_add_field (document, _("Started"), start);
  if (limber_episode_get_discharge_date (episode) != NULL)
    {
      g_autofree char *discharge = display_date (limber_episode_get_discharge_date (episode));

      limber_report_document_add_field (document, _("Discharged"), discharge);
    }
  else if (kind == LIMBER_REPORT_KIND_DISCHARGE)
    limber_report_document_add_field (document, _("Discharged"), _("Not yet discharged"));
  limber_report_document_add_field (document, _("Plan"), plan);
  limber_report_document_add_field (document, _("Attendance"), attendance);
  if (sessions->len > 0)
    {
      g_autofree char *first = display_date (limber_session_get_date (g_ptr_array_index (sessions, 0)));
      g_autofree char *last = display_date (
        limber_session_get_date (g_ptr_array_index (sessions, sessions->len - 1)));
      /* Translators: the dates of the first and the latest session. */
      g_autofree char *period = g_strdup_printf (_("%s to %s"), first, last);

      limber_report_document_add_field (document, _("Sessions"), period);
    }
  limber_report_document_add_field (document, _("Therapist"), therapist != NULL ? therapist : DASH);
}

static void
add_outcome (LimberReportDocument  *document,
             LimberEpisodeAnalysis *analysis,
             LimberReportKind       kind)
{
  g_autofree char *title = limber_wording_outcome_title (analysis);
  g_autofree char *why = limber_wording_describe_outcome (analysis);
  LimberTrend *pgic = limber_episode_analysis_find_trend (analysis, "prom.pgic", LIMBER_SIDE_NONE);

  limber_report_document_add_heading (document, kind == LIMBER_REPORT_KIND_DISCHARGE
                                                  ? _("Outcome")
                                                  : _("Outcome so far"));
  limber_report_document_add_field (document, _("Success"), title);
  if (why != NULL && *why != '\0')
    limber_report_document_add_field (document, _("Decided by"), why);
  if (kind == LIMBER_REPORT_KIND_DISCHARGE)
    {
      g_autofree char *pgic_text = NULL;

      if (pgic != NULL)
        pgic_text = limber_wording_format_rating (limber_trend_get_measure (pgic),
                                                  limber_trend_get_latest (pgic));
      limber_report_document_add_field (document, _("Global impression of change"),
                                        pgic_text != NULL ? pgic_text : _("Not recorded"));
    }
  limber_report_document_add_paragraph (
    document,
    _("A course of care is a success when its condition's main questionnaire shows a "
      "responder, or, without two values of it, when pain does. A responder improved by "
      "at least the measure's minimal clinically important difference and, where the "
      "measure names one, by at least that percentage of the baseline too: both "
      "published criteria must be met, so that a success never flatters."));
}

static void
add_signature (LimberReportDocument  *document,
               LimberEpisodeAnalysis *analysis,
               const char            *issue_date)
{
  const char *therapist = limber_clinic_stats_course_therapist (limber_episode_analysis_get_sessions (analysis));
  g_autofree char *date = display_date (issue_date);
  /* Translators: under the signature line of a report. */
  g_autofree char *signer = g_strdup_printf (_("Therapist: %s"), therapist != NULL ? therapist : "");
  g_autofree char *date_label = g_strdup_printf (_("Date of issue: %s"), date);

  limber_report_document_add_space (document, 12);
  limber_report_document_add_signature (document, signer, date_label);
}

static void
build_clinical (LimberReportDocument  *document,
                LimberEpisodeAnalysis *analysis,
                LimberReportKind       kind,
                const char            *issue_date)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);

  add_course (document, analysis, kind);
  add_outcome (document, analysis, kind);
  add_results (document, analysis);
  add_goals (document, analysis);

  add_charts (document, analysis, MAX_CHARTS, CHART_HEIGHT, 8);

  /* Each report its own note: the discharge summary what was written at discharge,
   * the progress report what was written when the course started. */
  if (kind == LIMBER_REPORT_KIND_DISCHARGE)
    {
      const char *note = limber_episode_get_discharge_note (episode);

      limber_report_document_add_heading (document, _("Discharge note"));
      limber_report_document_add_paragraph (document, note != NULL ? note : _("No note recorded."));
    }
  else if (limber_episode_get_notes (episode) != NULL)
    {
      limber_report_document_add_heading (document, _("Intake note"));
      limber_report_document_add_paragraph (document, limber_episode_get_notes (episode));
    }

  add_signature (document, analysis, issue_date);
}

/* ----- Patient summary ----- */

static void
build_for_patient (LimberReportDocument  *document,
                   LimberEpisodeAnalysis *analysis,
                   LimberClinic          *clinic)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  GPtrArray *goals = limber_episode_analysis_get_goals (analysis);
  g_autofree char *condition = condition_text (episode);
  g_autofree char *start = display_date (limber_episode_get_start_date (episode));
  g_autofree char *attendance = attendance_text (analysis);
  g_autofree char *intro = NULL;
  g_autoptr (GPtrArray) chosen = key_trends (analysis, 2);
  guint n_sessions = limber_episode_analysis_get_n_sessions (analysis);
  guint n_planned = limber_episode_analysis_get_n_planned_sessions (analysis);
  g_autofree char *next = NULL;

  limber_report_document_add_heading (document, _("What we worked on"));
  /* Translators: the patient summary's first sentence, e.g. "Low back pain, since 3 Mar
   * 2026: 8 of 12 planned sessions." */
  intro = g_strdup_printf (_("%s, since %s: %s."), condition, start, attendance);
  limber_report_document_add_paragraph (document, intro);

  limber_report_document_add_heading (document, _("What changed"));
  if (chosen->len == 0)
    limber_report_document_add_paragraph (document, _("We need at least two measurements to "
                                                      "show a change."));
  for (guint i = 0; i < chosen->len; i++)
    add_chart_of (document, analysis, g_ptr_array_index (chosen, i), 125, 10);

  if (goals != NULL && goals->len > 0)
    {
      limber_report_document_add_heading (document, _("Your goals"));
      for (guint i = 0; i < goals->len; i++)
        {
          LimberGoal *goal = g_ptr_array_index (goals, i);
          LimberMeasure *measure = limber_measure_lookup (limber_goal_get_measure (goal));
          LimberTrend *trend;
          g_autofree char *name = NULL;
          g_autofree char *target = NULL;
          g_autofree char *line = NULL;

          if (measure == NULL)
            continue;
          trend = limber_episode_analysis_find_trend (analysis, limber_goal_get_measure (goal),
                                                      limber_goal_get_side (goal));
          name = limber_wording_measure_short_name (measure, limber_goal_get_side (goal));
          target = limber_wording_format_value (measure, limber_goal_get_target (goal));
          if (trend != NULL && limber_trend_get_goal_is_met (trend))
            /* Translators: a goal in the patient summary, e.g. "Pain: 2 points. Reached." */
            line = g_strdup_printf (_("%s: %s. Reached."), name, target);
          else
            line = g_strdup_printf (_("%s: %s. Not reached yet."), name, target);
          limber_report_document_add_paragraph (document, line);
        }
    }

  limber_report_document_add_heading (document, _("What next"));
  if (!limber_episode_is_open (episode))
    next = g_strdup (_("Your course of care has finished. Keep up the exercises you were "
                       "shown. If the pain comes back, please get in touch."));
  else if (n_planned > n_sessions)
    next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Your plan has %u more session. Keep up the exercises "
                                         "you were shown between sessions.",
                                         "Your plan has %u more sessions. Keep up the exercises "
                                         "you were shown between sessions.",
                                         n_planned - n_sessions),
                            n_planned - n_sessions);
  else
    next = g_strdup (_("Keep up the exercises you were shown. We will review your progress at "
                       "your next session."));

  /* One paragraph, so that the way to reach the clinic never stands alone on a page. */
  if (limber_clinic_get_phone (clinic) != NULL || limber_clinic_get_email (clinic) != NULL)
    {
      const char *contact = limber_clinic_get_phone (clinic) != NULL ? limber_clinic_get_phone (clinic)
                                                                     : limber_clinic_get_email (clinic);
      /* Translators: the end of the patient summary, with the clinic's phone or e-mail. */
      g_autofree char *questions = g_strdup_printf (_("Questions? Contact us: %s"), contact);
      char *both = g_strconcat (next, "\n", questions, NULL);

      g_free (next);
      next = both;
    }
  limber_report_document_add_paragraph (document, next);
}

/* ----- Public ----- */

LimberReportDocument *
limber_episode_report_build (LimberEpisodeAnalysis *analysis,
                             LimberClinic          *clinic,
                             LimberReportKind       kind,
                             const char            *issue_date)
{
  g_autoptr (LimberReportDocument) document = NULL;
  g_autoptr (LimberClinic) no_clinic = NULL;
  g_autofree char *today = NULL;
  g_autofree char *identification = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *footer = NULL;
  LimberPatient *patient;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (clinic == NULL || LIMBER_IS_CLINIC (clinic), NULL);

  if (clinic == NULL)
    clinic = no_clinic = limber_clinic_new ();
  if (issue_date == NULL)
    issue_date = today = limber_date_today ();

  patient = limber_episode_analysis_get_patient (analysis);
  document = limber_report_document_new (clinic, limber_report_kind_get_title (kind));
  if (kind == LIMBER_REPORT_KIND_PATIENT)
    limber_report_document_set_large_type (document, TRUE);
  if (patient != NULL)
    {
      identification = identification_line (patient);
      limber_report_document_set_identification (document, identification);
    }
  issued = display_date (issue_date);
  /* Translators: the footer of a report's pages. */
  footer = g_strdup_printf (_("Issued %s · Confidential health information"), issued);
  limber_report_document_set_footer_note (document, footer);

  if (kind == LIMBER_REPORT_KIND_PATIENT)
    build_for_patient (document, analysis, clinic);
  else
    build_clinical (document, analysis, kind, issue_date);

  return g_steal_pointer (&document);
}

LimberEpisodeAnalysis *
limber_episode_report_load (LimberStore  *store,
                            const char   *mrn,
                            const char   *episode_start,
                            GError      **error)
{
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (GPtrArray) episodes = NULL;
  g_autoptr (GError) local_error = NULL;
  LimberEpisode *chosen = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);

  if (episode_start == NULL)
    return limber_episode_loader_load_current (store, mrn, error);

  patient = limber_store_find_patient (store, mrn, &local_error);
  if (patient == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                     _("No patient with chart number “%s”"), mrn);
      return NULL;
    }

  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  if (episodes == NULL)
    return NULL;

  /* Of two courses started the same day, the one added last, as for the current. */
  for (guint i = 0; i < episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (episodes, i);

      if (g_strcmp0 (limber_episode_get_start_date (episode), episode_start) == 0
          && (chosen == NULL || limber_episode_get_id (episode) > limber_episode_get_id (chosen)))
        chosen = episode;
    }

  if (chosen == NULL)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("The patient with chart number “%s” has no course of care started on %s"),
                   mrn, episode_start);
      return NULL;
    }

  return limber_episode_loader_load_for_episode (store, patient, chosen, error);
}
