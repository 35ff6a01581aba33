/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-summary.h"
#include "limber-wording.h"

/* ----- JSON ----- */

/* A pretty-printing writer for the one fixed shape of interchange.md, so that the
 * key order is exactly the documented one. */
typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  first;  /* nothing written yet in the current object or array */
} JsonWriter;

static void
json_append_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');

  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }

  g_string_append_c (out, '"');
}

/* Values are decimals as the clinic typed them; rounding to ten decimals drops the
 * binary noise of a difference such as 2 − 0.1, so that a change reads -1.9, never
 * -1.9000000000000001. */
static char *
format_decimal (double value)
{
  return limber_format_number (round (value * 1e10) / 1e10);
}

/* Starts the next member of the current object (key) or array (key NULL). */
static void
json_writer_next (JsonWriter *writer,
                  const char *key)
{
  if (writer->out->len > 0)
    {
      if (!writer->first)
        g_string_append_c (writer->out, ',');
      g_string_append_c (writer->out, '\n');
      for (guint i = 0; i < writer->depth; i++)
        g_string_append (writer->out, "  ");
    }

  if (key != NULL)
    {
      json_append_string (writer->out, key);
      g_string_append (writer->out, ": ");
    }

  writer->first = FALSE;
}

static void
json_writer_open (JsonWriter *writer,
                  const char *key,
                  char        bracket)
{
  json_writer_next (writer, key);
  g_string_append_c (writer->out, bracket);
  writer->depth++;
  writer->first = TRUE;
}

static void
json_writer_close (JsonWriter *writer,
                   char        bracket)
{
  g_assert (writer->depth > 0);

  writer->depth--;
  if (!writer->first)
    {
      g_string_append_c (writer->out, '\n');
      for (guint i = 0; i < writer->depth; i++)
        g_string_append (writer->out, "  ");
    }

  g_string_append_c (writer->out, bracket);
  writer->first = FALSE;
}

static void
json_writer_string (JsonWriter *writer,
                    const char *key,
                    const char *value)
{
  json_writer_next (writer, key);
  if (value == NULL)
    g_string_append (writer->out, "null");
  else
    json_append_string (writer->out, value);
}

/* NAN and infinities are not JSON numbers: they are written as null. */
static void
json_writer_number (JsonWriter *writer,
                    const char *key,
                    double      value)
{
  g_autofree char *text = NULL;

  json_writer_next (writer, key);
  if (!isfinite (value))
    {
      g_string_append (writer->out, "null");
      return;
    }

  text = format_decimal (value);
  g_string_append (writer->out, text);
}

static void
json_writer_uint (JsonWriter *writer,
                  const char *key,
                  guint       value)
{
  json_writer_next (writer, key);
  g_string_append_printf (writer->out, "%u", value);
}

/* TRUE, FALSE, or null for a negative value (not applicable, unknown). */
static void
json_writer_tristate (JsonWriter *writer,
                      const char *key,
                      int         value)
{
  json_writer_next (writer, key);
  g_string_append (writer->out, value < 0 ? "null" : value > 0 ? "true" : "false");
}

static void
json_write_trend (JsonWriter  *writer,
                  LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  LimberSide side = limber_trend_get_side (trend);

  json_writer_open (writer, NULL, '{');
  json_writer_string (writer, "measure", limber_measure_get_code (measure));
  json_writer_string (writer, "side", side == LIMBER_SIDE_NONE ? NULL : limber_side_to_string (side));
  json_writer_string (writer, "unit", limber_measure_get_unit (measure));
  json_writer_number (writer, "baseline", limber_trend_get_baseline (trend));
  json_writer_number (writer, "latest", limber_trend_get_latest (trend));
  json_writer_number (writer, "change", limber_trend_get_change (trend));
  json_writer_number (writer, "percent_change", limber_trend_get_percent_change (trend));
  json_writer_string (writer, "direction",
                      limber_direction_to_string (limber_measure_get_direction (measure)));
  json_writer_string (writer, "status", limber_trend_status_to_string (limber_trend_get_status (trend)));
  json_writer_tristate (writer, "responder", limber_trend_get_responder (trend));
  /* interchange.md: true or false for pain, null elsewhere. */
  json_writer_tristate (writer, "substantial",
                        limber_measure_get_substantial_percent (measure) > 0
                        ? limber_trend_get_substantial (trend) : -1);
  json_writer_number (writer, "threshold", limber_trend_get_threshold (trend));
  json_writer_string (writer, "threshold_kind",
                      limber_threshold_kind_to_string (limber_trend_get_threshold_kind (trend)));
  json_writer_uint (writer, "sessions", limber_trend_get_n_values (trend));
  json_writer_close (writer, '}');
}

static char *
summary_to_json (LimberEpisodeAnalysis *analysis)
{
  JsonWriter writer = { g_string_new (NULL), 0, TRUE };
  LimberPatient *patient = limber_episode_analysis_get_patient (analysis);
  LimberEpisode *episode = limber_episode_analysis_get_episode (analysis);
  LimberEpisodeOutcome *outcome = limber_episode_analysis_get_outcome (analysis);
  LimberTrend *deciding = limber_episode_outcome_get_deciding_trend (outcome);
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);

  json_writer_open (&writer, NULL, '{');
  json_writer_string (&writer, "mrn", limber_patient_get_mrn (patient));
  json_writer_string (&writer, "name", limber_patient_get_name (patient));

  json_writer_open (&writer, "episode", '{');
  json_writer_string (&writer, "condition", limber_episode_get_condition (episode));
  json_writer_string (&writer, "start", limber_episode_get_start_date (episode));
  json_writer_uint (&writer, "sessions", limber_episode_analysis_get_n_sessions (analysis));
  json_writer_close (&writer, '}');

  json_writer_open (&writer, "trends", '[');
  for (guint i = 0; i < trends->len; i++)
    json_write_trend (&writer, g_ptr_array_index (trends, i));
  json_writer_close (&writer, ']');

  json_writer_tristate (&writer, "success", limber_episode_outcome_get_success (outcome));
  json_writer_string (&writer, "decided_by",
                      deciding != NULL
                      ? limber_measure_get_code (limber_trend_get_measure (deciding))
                      : NULL);
  json_writer_close (&writer, '}');
  g_string_append_c (writer.out, '\n');

  return g_string_free (writer.out, FALSE);
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
