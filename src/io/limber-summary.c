/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-date.h"
#include "limber-episode-outcome.h"
#include "limber-summary.h"
#include "limber-trend.h"

/* Everything the summary shows of a patient's current episode. */
typedef struct
{
  LimberPatient        *patient;
  LimberEpisode        *episode;
  GPtrArray            *sessions;
  GPtrArray            *trends;
  LimberEpisodeOutcome *outcome;
} Summary;

static void
summary_free (Summary *summary)
{
  g_clear_object (&summary->patient);
  g_clear_object (&summary->episode);
  g_clear_pointer (&summary->sessions, g_ptr_array_unref);
  g_clear_pointer (&summary->trends, g_ptr_array_unref);
  g_clear_object (&summary->outcome);
  g_free (summary);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Summary, summary_free)

/* The most recent by start date; of two started the same day, the one added last. */
static LimberEpisode *
find_current_episode (GPtrArray *episodes)
{
  LimberEpisode *current = NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (episodes, i);
      int cmp;

      if (current == NULL)
        {
          current = episode;
          continue;
        }

      cmp = g_strcmp0 (limber_episode_get_start_date (episode),
                       limber_episode_get_start_date (current));
      if (cmp > 0 || (cmp == 0 && limber_episode_get_id (episode) > limber_episode_get_id (current)))
        current = episode;
    }

  return current;
}

static LimberPatient *
find_patient (LimberStore  *store,
              const char   *mrn,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  LimberPatient *patient;

  patient = limber_store_find_patient (store, mrn, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (patient == NULL)
    g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                 _("No patient with chart number '%s'"), mrn);

  return patient;
}

static Summary *
summary_load (LimberStore  *store,
              const char   *mrn,
              GError      **error)
{
  g_autoptr(Summary) summary = g_new0 (Summary, 1);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  gint64 episode_id;

  summary->patient = find_patient (store, mrn, error);
  if (summary->patient == NULL)
    return NULL;

  episodes = limber_store_list_episodes (store, limber_patient_get_id (summary->patient), error);
  if (episodes == NULL)
    return NULL;

  if (episodes->len == 0)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("The patient with chart number '%s' has no course of care yet"), mrn);
      return NULL;
    }

  summary->episode = g_object_ref (find_current_episode (episodes));
  episode_id = limber_episode_get_id (summary->episode);

  summary->sessions = limber_store_list_sessions (store, episode_id, error);
  if (summary->sessions == NULL)
    return NULL;

  measurements = limber_store_list_episode_measurements (store, episode_id, error);
  if (measurements == NULL)
    return NULL;

  goals = limber_store_list_goals (store, episode_id, error);
  if (goals == NULL)
    return NULL;

  summary->trends = limber_trend_compute_all (summary->sessions, measurements, goals);
  summary->outcome = limber_episode_outcome_compute (summary->episode, summary->trends,
                                                     summary->sessions->len);

  return g_steal_pointer (&summary);
}

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
  json_writer_uint (writer, "sessions", limber_trend_get_n_values (trend));
  json_writer_close (writer, '}');
}

static char *
summary_to_json (Summary *summary)
{
  JsonWriter writer = { g_string_new (NULL), 0, TRUE };

  json_writer_open (&writer, NULL, '{');
  json_writer_string (&writer, "mrn", limber_patient_get_mrn (summary->patient));
  json_writer_string (&writer, "name", limber_patient_get_name (summary->patient));

  json_writer_open (&writer, "episode", '{');
  json_writer_string (&writer, "condition", limber_episode_get_condition (summary->episode));
  json_writer_string (&writer, "start", limber_episode_get_start_date (summary->episode));
  json_writer_uint (&writer, "sessions", summary->sessions->len);
  json_writer_close (&writer, '}');

  json_writer_open (&writer, "trends", '[');
  for (guint i = 0; i < summary->trends->len; i++)
    json_write_trend (&writer, g_ptr_array_index (summary->trends, i));
  json_writer_close (&writer, ']');

  json_writer_tristate (&writer, "success", limber_episode_outcome_get_success (summary->outcome));
  json_writer_close (&writer, '}');
  g_string_append_c (writer.out, '\n');

  return g_string_free (writer.out, FALSE);
}

char *
limber_summary_to_json (LimberStore  *store,
                        const char   *mrn,
                        GError      **error)
{
  g_autoptr(Summary) summary = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  summary = summary_load (store, mrn, error);
  if (summary == NULL)
    return NULL;

  return summary_to_json (summary);
}

/* ----- Text ----- */

/* A signed difference as people write it: "+6", "−5" (with a true minus sign), "0". */
static char *
format_signed (double      value,
               const char *suffix)
{
  double rounded = round (value * 1e10) / 1e10;
  g_autofree char *magnitude = format_decimal (fabs (rounded));

  if (rounded > 0)
    return g_strconcat ("+", magnitude, suffix, NULL);
  if (rounded < 0)
    return g_strconcat ("−", magnitude, suffix, NULL);

  return g_strconcat (magnitude, suffix, NULL);
}

static char *
trend_title (LimberTrend *trend)
{
  const char *label = limber_measure_get_label (limber_trend_get_measure (trend));

  switch (limber_trend_get_side (trend))
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

/* "Pain (0–10): 7 → 2 points (−5, −71.4%) over 6 sessions, improved, responder,
 * substantial" */
static void
append_trend_line (GString     *out,
                   LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  guint n = limber_trend_get_n_values (trend);
  g_autofree char *title = trend_title (trend);
  g_autofree char *baseline = limber_measure_format_value (measure, limber_trend_get_baseline (trend));
  g_autofree char *latest = limber_trend_format_value (trend, limber_trend_get_latest (trend));
  g_autofree char *change = format_signed (limber_trend_get_change (trend), "");
  g_autofree char *difference = NULL;
  double percent = limber_trend_get_percent_change (trend);

  if (n == 1)
    {
      /* Translators: e.g. "Pain (0–10): 7 points at one session" */
      g_string_append_printf (out, _("%s: %s at one session"), title, latest);

      /* Only a rating of change (PGIC) says something on its own. */
      if (limber_trend_get_status (trend) != LIMBER_TREND_STATUS_NO_CHANGE)
        g_string_append_printf (out, ", %s",
                                limber_trend_status_get_label (limber_trend_get_status (trend)));
    }
  else
    {
      if (isnan (percent))
        difference = g_steal_pointer (&change);
      else
        {
          g_autofree char *percent_text = format_signed (percent, "%");

          difference = g_strdup_printf ("%s, %s", change, percent_text);
        }

      /* Translators: e.g. "Pain (0–10): 7 → 2 points (−5, −71.4%) over 6 sessions,
       * improved" */
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %s → %s (%s) over %u session, %s",
                                           "%s: %s → %s (%s) over %u sessions, %s",
                                           n),
                              title, baseline, latest, difference, n,
                              limber_trend_status_get_label (limber_trend_get_status (trend)));
    }

  if (limber_trend_get_responder (trend) == LIMBER_RESPONDER_YES)
    g_string_append_printf (out, ", %s", _("responder"));
  else if (limber_trend_get_responder (trend) == LIMBER_RESPONDER_NO && n > 1)
    g_string_append_printf (out, ", %s", _("not a responder"));

  if (limber_trend_get_substantial (trend))
    g_string_append_printf (out, ", %s", _("substantial"));

  g_string_append_c (out, '\n');
}

/* "Jane Doe (MRN 1001) — Low back pain since 3 Mar 2026, 6 sessions" */
static void
append_header_line (GString *out,
                    Summary *summary)
{
  LimberCondition *condition = limber_episode_get_condition_info (summary->episode);
  g_autofree char *start = limber_date_format_for_display (limber_episode_get_start_date (summary->episode));
  guint n = summary->sessions->len;

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s (MRN %s) — %s since %s, %u session",
                                       "%s (MRN %s) — %s since %s, %u sessions",
                                       n),
                          limber_patient_get_name (summary->patient),
                          limber_patient_get_mrn (summary->patient),
                          condition != NULL
                          ? limber_condition_get_label (condition)
                          : limber_episode_get_condition (summary->episode),
                          start, n);
  g_string_append_c (out, '\n');
}

static void
append_success_line (GString *out,
                     Summary *summary)
{
  LimberTrend *deciding = limber_episode_outcome_get_deciding_trend (summary->outcome);
  const char *label = deciding != NULL
                      ? limber_measure_get_label (limber_trend_get_measure (deciding))
                      : NULL;

  switch (limber_episode_outcome_get_success (summary->outcome))
    {
    case LIMBER_SUCCESS_YES:
      /* Translators: %s is a measure, %u a session number */
      g_string_append_printf (out, _("Success: yes (decided by %s, responder from session %u)"),
                              label, limber_episode_outcome_get_sessions_to_response (summary->outcome));
      break;

    case LIMBER_SUCCESS_NO:
      /* Translators: %s is a measure */
      g_string_append_printf (out, _("Success: no (decided by %s)"), label);
      break;

    case LIMBER_SUCCESS_UNKNOWN:
    default:
      g_string_append (out, _("Success: not yet known (needs two values of the main questionnaire or of pain)"));
      break;
    }

  g_string_append_c (out, '\n');
}

static char *
summary_to_text (Summary *summary)
{
  GString *out = g_string_new (NULL);

  append_header_line (out, summary);
  for (guint i = 0; i < summary->trends->len; i++)
    append_trend_line (out, g_ptr_array_index (summary->trends, i));
  append_success_line (out, summary);

  return g_string_free (out, FALSE);
}

char *
limber_summary_to_text (LimberStore  *store,
                        const char   *mrn,
                        GError      **error)
{
  g_autoptr(Summary) summary = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  summary = summary_load (store, mrn, error);
  if (summary == NULL)
    return NULL;

  return summary_to_text (summary);
}
