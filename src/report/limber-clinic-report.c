/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-bar-chart.h"
#include "limber-clinic-report.h"
#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-wording.h"

#define DASH "—"
#define FONT_FAMILY "Cantarell, DejaVu Sans, WenQuanYi Micro Hei, sans-serif"

/* ----- Collecting ----- */

typedef struct
{
  LimberClinicStats          *stats;
  LimberClinicReportProgress  progress;
  gpointer                    user_data;
  guint                       done;
  guint                       total;
} Collect;

static gboolean
collect_course (const LimberCourse  *course,
                gpointer             user_data,
                GError             **error)
{
  Collect *collect = user_data;

  limber_clinic_stats_add_course (collect->stats, course);

  collect->done++;
  if (collect->progress != NULL && (collect->done % 100 == 0 || collect->done == collect->total))
    collect->progress (collect->done, collect->total, collect->user_data);
  return TRUE;
}

LimberClinicStats *
limber_clinic_report_collect (LimberStore                *store,
                              const char                 *from,
                              const char                 *to,
                              LimberClinicReportProgress  progress,
                              gpointer                    user_data,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  g_autoptr (LimberClinicStats) stats = limber_clinic_stats_new ();
  g_autoptr (GError) local_error = NULL;
  Collect collect = { stats, progress, user_data, 0, 0 };

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (progress != NULL)
    {
      collect.total = limber_store_count_courses (store, from, to, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  /* One pass over plain rows: a course costs its analysis and little else. */
  if (!limber_episode_loader_foreach_course (store, from, to, collect_course, &collect,
                                             cancellable, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/* ----- The document ----- */

/* "71% (5 of 7)", or "— (0 of 0)" without an assessable course. */
static char *
rate_text (guint n_successful,
           guint n_assessable)
{
  double rate = limber_clinic_stats_rate (n_successful, n_assessable);

  if (isnan (rate))
    /* Translators: a success rate without any course to judge. */
    return g_strdup (_("no assessable course"));
  /* Translators: a success rate with its counts, e.g. "71% (5 of 7)". */
  return g_strdup_printf (_("%.0f%% (%u of %u)"), rate, n_successful, n_assessable);
}

static const char *
condition_label (const char *code)
{
  LimberCondition *condition = limber_condition_lookup (code);

  return condition != NULL ? limber_condition_get_label (condition) : code;
}

static void
add_breakdown (LimberReportDocument *document,
               GPtrArray            *groups,
               const char           *first_title,
               gboolean              conditions)
{
  const LimberReportColumn columns[] = {
    { first_title, 3.4, LIMBER_REPORT_ALIGN_START, NULL },
    { _("Courses"), 1.2, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Not assessable"), 1.5, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Successful"), 1.4, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Success rate"), 2.2, LIMBER_REPORT_ALIGN_END, NULL },
  };

  limber_report_document_add_table (document, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < groups->len; i++)
    {
      LimberClinicStatsGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *courses = g_strdup_printf ("%u", group->n_courses);
      g_autofree char *not_assessable = g_strdup_printf ("%u", group->n_courses - group->n_assessable);
      g_autofree char *successful = g_strdup_printf ("%u", group->n_successful);
      g_autofree char *rate = rate_text (group->n_successful, group->n_assessable);
      const char *name;
      const char *cells[5];

      if (conditions)
        name = condition_label (group->key);
      else
        name = group->key[0] != '\0' ? group->key : _("No therapist recorded");
      cells[0] = name;
      cells[1] = courses;
      cells[2] = not_assessable;
      cells[3] = successful;
      cells[4] = rate;
      limber_report_document_add_row (document, cells);
    }
}

static void
draw_bars (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  cairo_rectangle_t area = { 0, 0, width, height };

  limber_bar_chart_draw (user_data, cr, &area, NULL, FONT_FAMILY, 8);
}

static void
add_condition_chart (LimberReportDocument *document,
                     LimberClinicStats    *stats)
{
  GPtrArray *groups = limber_clinic_stats_get_by_condition (stats);
  LimberBarChart *chart = limber_bar_chart_new ();
  g_autoptr (GString) words = g_string_new (NULL);

  limber_bar_chart_set_title (chart, _("Success rate by condition"));
  limber_bar_chart_set_unit (chart, "%");
  for (guint i = 0; i < groups->len; i++)
    {
      LimberClinicStatsGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *rate = rate_text (group->n_successful, group->n_assessable);
      const char *label = condition_label (group->key);

      limber_bar_chart_add_bar (chart, label,
                                limber_clinic_stats_rate (group->n_successful, group->n_assessable),
                                rate);
      g_string_append_printf (words, "%s%s: %s", words->len > 0 ? "; " : "", label, rate);
    }

  limber_report_document_add_drawing (document, limber_bar_chart_get_natural_height (chart, 8),
                                      draw_bars, chart, g_object_unref);
  /* The chart in words. */
  g_string_append_c (words, '.');
  limber_report_document_add_paragraph (document, words->str);
}

static void
add_changes (LimberReportDocument *document,
             LimberClinicStats    *stats)
{
  const LimberReportColumn columns[] = {
    { _("Measure"), 3.4, LIMBER_REPORT_ALIGN_START, NULL },
    { _("Courses"), 1.2, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Mean baseline"), 1.6, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Mean latest"), 1.6, LIMBER_REPORT_ALIGN_END, NULL },
    { _("Mean change"), 1.6, LIMBER_REPORT_ALIGN_END, NULL },
  };
  const LimberClinicStatsChange *pain = limber_clinic_stats_get_pain_change (stats);
  GPtrArray *questionnaires = limber_clinic_stats_get_questionnaire_changes (stats);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  if (pain->n_courses > 0)
    g_ptr_array_add (rows, (gpointer) pain);
  for (guint i = 0; i < questionnaires->len; i++)
    g_ptr_array_add (rows, g_ptr_array_index (questionnaires, i));

  limber_report_document_add_heading (document, _("Mean change"));
  if (rows->len == 0)
    {
      limber_report_document_add_paragraph (document, _("No course of care has two values of "
                                                        "pain or of its main questionnaire."));
      return;
    }
  limber_report_document_add_paragraph (
    document,
    _("Over the courses with at least two values of the measure: the mean of their "
      "first and latest values and of the change between them. Each course counts for "
      "the main questionnaire of its own condition."));
  limber_report_document_add_table (document, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < rows->len; i++)
    {
      const LimberClinicStatsChange *change = g_ptr_array_index (rows, i);
      g_autofree char *name = limber_wording_measure_name (change->measure, LIMBER_SIDE_NONE);
      g_autofree char *n = g_strdup_printf ("%u", change->n_courses);
      g_autofree char *baseline = limber_wording_format_value (change->measure, change->mean_baseline);
      g_autofree char *latest = limber_wording_format_value (change->measure, change->mean_latest);
      g_autofree char *delta = limber_wording_format_change (change->mean_change);
      const char *cells[] = { name, n, baseline, latest, delta };

      limber_report_document_add_row (document, cells);
    }
}

static void
add_definitions (LimberReportDocument *document)
{
  limber_report_document_add_heading (document, _("How these numbers are counted"));
  limber_report_document_add_paragraph (
    document,
    _("Courses of care: those that started within the period, open or discharged; an "
      "open course is judged on its latest values."));
  limber_report_document_add_paragraph (
    document,
    _("Success: a course of care succeeds when its condition's main questionnaire "
      "(Oswestry for back pain, Neck Disability Index for neck pain, QuickDASH for the "
      "shoulder, LEFS for the knee, and so on) shows a responder between its first and "
      "latest values. Without two values of it, pain (0–10) decides."));
  limber_report_document_add_paragraph (
    document,
    _("Responder: the improvement reaches the measure's minimal clinically important "
      "difference (never less than its measurement error) and, where the published rule "
      "also names a percentage of the baseline (pain: 2 points and 30%; Oswestry: 10 "
      "points and 30%), that percentage too. The literature offers the points and the "
      "percentage as alternatives; Limber requires both on purpose, so that a success "
      "counts under either published criterion and the success rate is never "
      "flattering."));
  limber_report_document_add_paragraph (
    document,
    _("Not assessable: a course without two values of its main questionnaire or of pain, "
      "or whose baseline left no room for an important improvement (for example pain 0 "
      "or 1 at the start). These courses are counted apart and left out of every success "
      "rate, which is successful courses divided by assessable courses."));
  limber_report_document_add_paragraph (
    document,
    _("Therapist: a course belongs to the therapist who treated most of its sessions; on "
      "a tie, to the one who saw the patient first."));
  limber_report_document_add_paragraph (
    document,
    _("Sessions until response: the number of the session at which the deciding measure "
      "first met the responder rule, over the successful courses."));
}

static char *
period_text (const char *from,
             const char *to)
{
  g_autofree char *from_text = from != NULL ? limber_date_format_for_display (from) : NULL;
  g_autofree char *to_text = to != NULL ? limber_date_format_for_display (to) : NULL;

  if (from != NULL && to != NULL)
    /* Translators: the period of the clinic report. */
    return g_strdup_printf (_("Courses of care started from %s to %s"), from_text, to_text);
  if (from != NULL)
    return g_strdup_printf (_("Courses of care started from %s on"), from_text);
  if (to != NULL)
    return g_strdup_printf (_("Courses of care started up to %s"), to_text);
  return g_strdup (_("All courses of care"));
}

LimberReportDocument *
limber_clinic_report_build (LimberClinicStats *stats,
                            LimberClinic      *clinic,
                            const char        *from,
                            const char        *to,
                            const char        *issue_date)
{
  g_autoptr (LimberReportDocument) document = NULL;
  g_autofree char *today = NULL;
  g_autofree char *period = period_text (from, to);
  g_autofree char *issued = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *courses = NULL;
  g_autofree char *not_assessable = NULL;
  g_autofree char *median_text = NULL;
  double median;
  guint n_responses = 0;

  g_return_val_if_fail (LIMBER_IS_CLINIC_STATS (stats), NULL);

  if (issue_date == NULL)
    issue_date = today = limber_date_today ();

  document = limber_report_document_new (clinic, _("Clinic outcomes report"));
  limber_report_document_set_identification (document, period);
  issued = limber_date_format_for_display (issue_date);
  /* Translators: the footer of the clinic report's pages. */
  footer = g_strdup_printf (_("Issued %s"), issued);
  limber_report_document_set_footer_note (document, footer);

  limber_report_document_add_heading (document, _("Overall"));
  courses = g_strdup_printf ("%u", limber_clinic_stats_get_n_courses (stats));
  not_assessable = g_strdup_printf ("%u", limber_clinic_stats_get_n_not_assessable (stats));
  overall = rate_text (limber_clinic_stats_get_n_successful (stats),
                       limber_clinic_stats_get_n_assessable (stats));
  median = limber_clinic_stats_get_median_sessions_to_response (stats, &n_responses);
  if (isnan (median))
    median_text = g_strdup (DASH);
  else
    /* Translators: the median sessions until response, over how many courses. */
    median_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%g (over %u course)",
                                                "%g (over %u courses)", n_responses),
                                   median, n_responses);
  limber_report_document_add_field (document, _("Courses of care"), courses);
  limber_report_document_add_field (document, _("Success rate"), overall);
  limber_report_document_add_field (document, _("Not assessable"), not_assessable);
  limber_report_document_add_field (document, _("Median sessions until response"), median_text);

  if (limber_clinic_stats_get_n_courses (stats) > 0)
    {
      limber_report_document_add_heading (document, _("By condition"));
      add_breakdown (document, limber_clinic_stats_get_by_condition (stats), _("Condition"), TRUE);
      add_condition_chart (document, stats);

      limber_report_document_add_heading (document, _("By therapist"));
      add_breakdown (document, limber_clinic_stats_get_by_therapist (stats), _("Therapist"), FALSE);

      add_changes (document, stats);
    }
  else
    limber_report_document_add_paragraph (document, _("No course of care started in this period."));

  add_definitions (document);

  return g_steal_pointer (&document);
}
