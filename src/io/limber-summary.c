/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-json.h"
#include "limber-summary.h"
#include "limber-wording.h"

/* ----- JSON ----- */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

/* NAN (no value) becomes null in the written JSON. */
static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_double_value (builder, value);
}

/* TRUE, FALSE, or null for a negative value (not applicable, not assessable). */
static void
add_tristate (JsonBuilder *builder,
              const char  *key,
              int          value)
{
  json_builder_set_member_name (builder, key);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, value > 0);
}

static void
add_count (JsonBuilder *builder,
           const char  *key,
           guint        value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_trend (JsonBuilder *builder,
           LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  LimberSide side = limber_trend_get_side (trend);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "measure", limber_measure_get_code (measure));
  add_string_or_null (builder, "side", side == LIMBER_SIDE_NONE ? NULL : limber_side_to_string (side));
  add_string_or_null (builder, "unit", limber_measure_get_unit (measure));
  add_number (builder, "baseline", limber_trend_get_baseline (trend));
  add_number (builder, "latest", limber_trend_get_latest (trend));
  add_number (builder, "change", limber_trend_get_change (trend));
  add_number (builder, "percent_change", limber_trend_get_percent_change (trend));
  add_string_or_null (builder, "direction",
                      limber_direction_to_string (limber_measure_get_direction (measure)));
  add_string_or_null (builder, "status",
                      limber_trend_status_to_string (limber_trend_get_status (trend)));
  add_tristate (builder, "responder", limber_trend_get_responder (trend));
  /* interchange.md: true or false for pain, null elsewhere. */
  add_tristate (builder, "substantial",
                limber_measure_get_substantial_percent (measure) > 0
                ? limber_trend_get_substantial (trend) : -1);
  add_number (builder, "threshold", limber_trend_get_threshold (trend));
  add_string_or_null (builder, "threshold_kind",
                      limber_threshold_kind_to_string (limber_trend_get_threshold_kind (trend)));
  add_count (builder, "sessions", limber_trend_get_n_values (trend));
  json_builder_end_object (builder);
}

static char *
summary_to_json (LimberEpisodeAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  LimberPatient *patient = limber_episode_analysis_get_patient (analysis);
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  LimberEpisodeOutcome *outcome = limber_episode_analysis_get_outcome (analysis);
  LimberTrend *deciding = limber_episode_outcome_get_deciding_trend (outcome);
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "mrn", limber_patient_get_mrn (patient));
  add_string_or_null (builder, "name", limber_patient_get_name (patient));

  json_builder_set_member_name (builder, "episode");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "condition", limber_episode_get_condition (episode));
  add_string_or_null (builder, "start", limber_episode_get_start_date (episode));
  add_count (builder, "sessions", limber_episode_analysis_get_n_sessions (analysis));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "trends");
  json_builder_begin_array (builder);
  for (guint i = 0; i < trends->len; i++)
    add_trend (builder, g_ptr_array_index (trends, i));
  json_builder_end_array (builder);

  add_tristate (builder, "success", limber_episode_outcome_get_success (outcome));
  add_string_or_null (builder, "decided_by",
                      deciding != NULL
                      ? limber_measure_get_code (limber_trend_get_measure (deciding))
                      : NULL);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return limber_json_to_string (root);
}

char *
limber_summary_to_json (LimberStore  *store,
                        const char   *mrn,
                        GError      **error)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  analysis = limber_episode_loader_load_current (store, mrn, error);
  if (analysis == NULL)
    return NULL;

  return summary_to_json (analysis);
}

/* ----- Text ----- */

/* "Jane Doe (MRN 1001) — Low back pain since 3 Mar 2026, 6 sessions" */
static void
append_header_line (GString               *out,
                    LimberEpisodeAnalysis *analysis)
{
  LimberPatient *patient = limber_episode_analysis_get_patient (analysis);
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  g_autofree char *start = limber_date_format_for_display (limber_episode_get_start_date (episode));
  guint n = limber_episode_analysis_get_n_sessions (analysis);

  g_string_append_printf (out,
                          ngettext ("%s (MRN %s) — %s since %s, %u session",
                                    "%s (MRN %s) — %s since %s, %u sessions",
                                    n),
                          limber_patient_get_name (patient),
                          limber_patient_get_mrn (patient),
                          condition != NULL
                          ? limber_condition_get_label (condition)
                          : limber_episode_get_condition (episode),
                          start, n);
  g_string_append_c (out, '\n');
}

static char *
summary_to_text (LimberEpisodeAnalysis *analysis)
{
  GString *out = g_string_new (NULL);
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);
  g_autofree char *outcome = limber_wording_summarize_outcome (analysis);

  append_header_line (out, analysis);
  for (guint i = 0; i < trends->len; i++)
    {
      g_autofree char *line = limber_wording_summarize_trend (g_ptr_array_index (trends, i));

      g_string_append_printf (out, "%s\n", line);
    }
  g_string_append_printf (out, "%s\n", outcome);

  return g_string_free (out, FALSE);
}

char *
limber_summary_to_text (LimberStore  *store,
                        const char   *mrn,
                        GError      **error)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  analysis = limber_episode_loader_load_current (store, mrn, error);
  if (analysis == NULL)
    return NULL;

  return summary_to_text (analysis);
}
