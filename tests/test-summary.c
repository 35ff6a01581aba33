/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-summary"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "limber-date.h"
#include "limber-episode-loader.h"
#include "limber-json.h"
#include "limber-summary.h"
#include "limber-test-fixture.h"

/* The summary verb of interchange.md against a real database in a temporary folder. */

typedef LimberTestFixture Fixture;

static gint64
add_patient (LimberStore *store,
             const char  *mrn,
             const char  *name)
{
  g_autoptr(LimberPatient) patient = limber_patient_new (mrn, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_store_add_patient (store, patient, &error));
  g_assert_no_error (error);

  return limber_patient_get_id (patient);
}

static gint64
add_episode (LimberStore *store,
             gint64       patient_id,
             const char  *condition,
             const char  *start_date)
{
  g_autoptr(LimberEpisode) episode = limber_episode_new (patient_id, condition, start_date);
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_store_add_episode (store, episode, &error));
  g_assert_no_error (error);

  return limber_episode_get_id (episode);
}

static gint64
add_session (LimberStore *store,
             gint64       episode_id,
             const char  *date)
{
  g_autoptr(LimberSession) session = limber_session_new (episode_id, date);
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_store_add_session (store, session, &error));
  g_assert_no_error (error);

  return limber_session_get_id (session);
}

static void
add_measurement (LimberStore *store,
                 gint64       session_id,
                 const char  *code,
                 LimberSide   side,
                 double       value)
{
  g_autoptr(LimberMeasurement) measurement = limber_measurement_new (session_id, code, side, value);
  g_autoptr(GError) error = NULL;

  g_assert_true (limber_store_add_measurement (store, measurement, &error));
  g_assert_no_error (error);
}

/* Jane Doe: low back pain since 2 Mar 2026 (added first), and an older knee episode
 * added after it, so that neither list order nor id picks the current one. */
static void
add_jane_doe (LimberStore *store)
{
  gint64 patient = add_patient (store, "1001", "Jane Doe");
  gint64 current = add_episode (store, patient, "low_back_pain", "2026-03-02");
  gint64 older = add_episode (store, patient, "knee_pain", "2025-01-06");
  gint64 session;

  session = add_session (store, older, "2025-01-06");
  add_measurement (store, session, "prom.lefs", LIMBER_SIDE_NONE, 30);
  add_measurement (store, session, "pain.nprs", LIMBER_SIDE_NONE, 8);
  session = add_session (store, older, "2025-02-03");
  add_measurement (store, session, "prom.lefs", LIMBER_SIDE_NONE, 35);
  add_measurement (store, session, "pain.nprs", LIMBER_SIDE_NONE, 8);

  session = add_session (store, current, "2026-03-02T09:30");
  add_measurement (store, session, "pain.nprs", LIMBER_SIDE_NONE, 7);
  add_measurement (store, session, "prom.odi", LIMBER_SIDE_NONE, 50);
  add_measurement (store, session, "flex.finger_to_floor", LIMBER_SIDE_NONE, 0);
  add_measurement (store, session, "rom.shoulder.abduction", LIMBER_SIDE_LEFT, 150);

  session = add_session (store, current, "2026-03-09T09:30");
  add_measurement (store, session, "pain.nprs", LIMBER_SIDE_NONE, 5);
  add_measurement (store, session, "prom.odi", LIMBER_SIDE_NONE, 40);

  session = add_session (store, current, "2026-03-16T09:30");
  add_measurement (store, session, "pain.nprs", LIMBER_SIDE_NONE, 2);
  /* 50 − 34.6 is 15.399999999999999 in binary: the JSON must still say 15.4. */
  add_measurement (store, session, "prom.odi", LIMBER_SIDE_NONE, 34.6);
  add_measurement (store, session, "flex.finger_to_floor", LIMBER_SIDE_NONE, 3);
  add_measurement (store, session, "rom.shoulder.abduction", LIMBER_SIDE_LEFT, 170);
  add_measurement (store, session, "rom.shoulder.abduction", LIMBER_SIDE_RIGHT, 160);
}

static void
assert_members (JsonObject         *object,
                const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_null (expected[i]);
}

static void
assert_trend (JsonArray  *trends,
              guint       index,
              const char *measure,
              const char *side,
              const char *unit,
              double      baseline,
              double      latest,
              double      change,
              const char *percent_change,
              const char *direction,
              const char *status,
              const char *responder,
              const char *substantial,
              double      threshold,
              const char *threshold_kind,
              gint64      sessions)
{
  static const char * const keys[] = {
    "measure", "side", "unit", "baseline", "latest", "change", "percent_change",
    "direction", "status", "responder", "substantial", "threshold", "threshold_kind",
    "sessions", NULL
  };
  JsonObject *trend = json_array_get_object_element (trends, index);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *responder_text = NULL;
  g_autofree char *substantial_text = NULL;

  assert_members (trend, keys);
  g_assert_cmpstr (json_object_get_string_member (trend, "measure"), ==, measure);
  if (side == NULL)
    g_assert_true (json_object_get_null_member (trend, "side"));
  else
    g_assert_cmpstr (json_object_get_string_member (trend, "side"), ==, side);
  g_assert_cmpstr (json_object_get_string_member (trend, "unit"), ==, unit);
  g_assert_cmpfloat (json_object_get_double_member (trend, "baseline"), ==, baseline);
  g_assert_cmpfloat (json_object_get_double_member (trend, "latest"), ==, latest);
  g_assert_cmpfloat (json_object_get_double_member (trend, "change"), ==, change);
  if (percent_change == NULL)
    g_assert_true (json_object_get_null_member (trend, "percent_change"));
  else
    g_assert_cmpfloat (json_object_get_double_member (trend, "percent_change"), ==,
                       g_ascii_strtod (percent_change, NULL));
  g_assert_cmpstr (json_object_get_string_member (trend, "direction"), ==, direction);
  g_assert_cmpstr (json_object_get_string_member (trend, "status"), ==, status);
  json_generator_set_root (generator, json_object_get_member (trend, "responder"));
  responder_text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (responder_text, ==, responder);
  json_generator_set_root (generator, json_object_get_member (trend, "substantial"));
  substantial_text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (substantial_text, ==, substantial);
  g_assert_cmpfloat (json_object_get_double_member (trend, "threshold"), ==, threshold);
  g_assert_cmpstr (json_object_get_string_member (trend, "threshold_kind"), ==, threshold_kind);
  g_assert_cmpint (json_object_get_int_member (trend, "sessions"), ==, sessions);
}

static void
test_json_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const keys[] = {
    "mrn", "name", "episode", "trends", "success", "decided_by", NULL
  };
  static const char * const episode_keys[] = { "condition", "start", "sessions", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonObject *episode;
  JsonArray *trends;

  add_jane_doe (fixture->store);
  json = limber_summary_to_json (fixture->store, "1001", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_nonnull (strstr (json, "\"change\": -15.4,"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  assert_members (root, keys);
  g_assert_cmpstr (json_object_get_string_member (root, "mrn"), ==, "1001");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Jane Doe");

  episode = json_object_get_object_member (root, "episode");
  assert_members (episode, episode_keys);
  g_assert_cmpstr (json_object_get_string_member (episode, "condition"), ==, "low_back_pain");
  g_assert_cmpstr (json_object_get_string_member (episode, "start"), ==, "2026-03-02");
  g_assert_cmpint (json_object_get_int_member (episode, "sessions"), ==, 3);

  trends = json_object_get_array_member (root, "trends");
  g_assert_cmpuint (json_array_get_length (trends), ==, 5);
  assert_trend (trends, 0, "pain.nprs", NULL, "points", 7, 2, -5, "-71.4",
                "lower", "improved", "true", "true", 2, "mcid", 3);
  /* 15.4 ≥ 10 points and 30.8% ≥ 30% */
  assert_trend (trends, 1, "prom.odi", NULL, "%", 50, 34.6, -15.4, "-30.8",
                "lower", "improved", "true", "null", 10, "mcid", 3);
  /* 20° is beyond the goniometer's 5° of measurement error. */
  assert_trend (trends, 2, "rom.shoulder.abduction", "left", "deg", 150, 170, 20, "13.3",
                "higher", "improved", "null", "null", 5, "mdc", 2);
  /* One value: no change yet, and no percentage of it. */
  assert_trend (trends, 3, "rom.shoulder.abduction", "right", "deg", 160, 160, 0, NULL,
                "higher", "no meaningful change", "null", "null", 5, "mdc", 1);
  /* No percentage of a zero baseline; 3 cm < the 4.5 cm threshold. */
  assert_trend (trends, 4, "flex.finger_to_floor", NULL, "cm", 0, 3, 3, NULL,
                "lower", "no meaningful change", "null", "null", 4.5, "mdc", 2);

  g_assert_true (json_object_get_boolean_member (root, "success"));
  g_assert_cmpstr (json_object_get_string_member (root, "decided_by"), ==, "prom.odi");
}

static void
test_json_exact (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char expected[] =
    "{\n"
    "  \"mrn\": \"1002\",\n"
    "  \"name\": \"Ann \\\"Annie\\\" O\\\\Neil\",\n"
    "  \"episode\": {\n"
    "    \"condition\": \"neck_pain\",\n"
    "    \"start\": \"2026-01-05\",\n"
    "    \"sessions\": 2\n"
    "  },\n"
    "  \"trends\": [\n"
    "    {\n"
    "      \"measure\": \"pain.nprs\",\n"
    "      \"side\": null,\n"
    "      \"unit\": \"points\",\n"
    "      \"baseline\": 6,\n"
    "      \"latest\": 5,\n"
    "      \"change\": -1,\n"
    "      \"percent_change\": -16.7,\n"
    "      \"direction\": \"lower\",\n"
    "      \"status\": \"no meaningful change\",\n"
    "      \"responder\": false,\n"
    "      \"substantial\": false,\n"
    "      \"threshold\": 2,\n"
    "      \"threshold_kind\": \"mcid\",\n"
    "      \"sessions\": 2\n"
    "    },\n"
    "    {\n"
    "      \"measure\": \"prom.ndi\",\n"
    "      \"side\": null,\n"
    "      \"unit\": \"%\",\n"
    "      \"baseline\": 30,\n"
    "      \"latest\": 30,\n"
    "      \"change\": 0,\n"
    "      \"percent_change\": null,\n"
    "      \"direction\": \"lower\",\n"
    "      \"status\": \"no meaningful change\",\n"
    "      \"responder\": false,\n"
    "      \"substantial\": null,\n"
    "      \"threshold\": 20.4,\n"
    "      \"threshold_kind\": \"mcid\",\n"
    "      \"sessions\": 1\n"
    "    }\n"
    "  ],\n"
    "  \"success\": false,\n"
    "  \"decided_by\": \"pain.nprs\"\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gint64 patient = add_patient (fixture->store, "1002", "Ann \"Annie\" O\\Neil");
  gint64 episode = add_episode (fixture->store, patient, "neck_pain", "2026-01-05");
  gint64 session;

  session = add_session (fixture->store, episode, "2026-01-05");
  add_measurement (fixture->store, session, "pain.nprs", LIMBER_SIDE_NONE, 6);
  add_measurement (fixture->store, session, "prom.ndi", LIMBER_SIDE_NONE, 30);
  session = add_session (fixture->store, episode, "2026-01-12");
  add_measurement (fixture->store, session, "pain.nprs", LIMBER_SIDE_NONE, 5);

  /* One NDI only: pain decides, and 1 point is no response. */
  json = limber_summary_to_json (fixture->store, "1002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static void
test_json_no_sessions (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char expected[] =
    "{\n"
    "  \"mrn\": \"1003\",\n"
    "  \"name\": \"Bo Li\",\n"
    "  \"episode\": {\n"
    "    \"condition\": \"shin_splints\",\n"
    "    \"start\": \"2026-02-02\",\n"
    "    \"sessions\": 0\n"
    "  },\n"
    "  \"trends\": [],\n"
    "  \"success\": null,\n"
    "  \"decided_by\": null\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gint64 patient = add_patient (fixture->store, "1003", "Bo Li");

  /* Two courses started the same day: the one added last is the current one. */
  add_episode (fixture->store, patient, "other", "2026-02-02");
  add_episode (fixture->store, patient, "shin_splints", "2026-02-02");

  json = limber_summary_to_json (fixture->store, "1003", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static void
test_unknown_patient (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  add_jane_doe (fixture->store);

  json = limber_summary_to_json (fixture->store, "9999", &error);
  g_assert_null (json);
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No patient with chart number “9999”");
  g_clear_error (&error);

  text = limber_summary_to_text (fixture->store, "9999", &error);
  g_assert_null (text);
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
}

static void
test_patient_without_episode (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  add_patient (fixture->store, "1004", "Cy Moss");

  json = limber_summary_to_json (fixture->store, "1004", &error);
  g_assert_null (json);
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "1004"));
  g_assert_nonnull (strstr (error->message, "no course of care"));
}

/* Compares two JSON values member by member, in order, naming the path of the first
 * difference. */
static void
assert_json_equal (JsonNode   *actual,
                   JsonNode   *expected,
                   const char *path)
{
  g_test_message ("%s", path);
  g_assert_cmpint (json_node_get_node_type (actual), ==, json_node_get_node_type (expected));

  switch (json_node_get_node_type (expected))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *a = json_node_get_object (actual);
        JsonObject *e = json_node_get_object (expected);
        g_autoptr(GList) a_members = json_object_get_members (a);
        g_autoptr(GList) e_members = json_object_get_members (e);

        g_assert_cmpuint (g_list_length (a_members), ==, g_list_length (e_members));
        for (GList *l = a_members, *m = e_members; m != NULL; l = l->next, m = m->next)
          {
            g_autofree char *child = g_strdup_printf ("%s.%s", path, (const char *) m->data);

            g_assert_cmpstr (l->data, ==, m->data);
            assert_json_equal (json_object_get_member (a, l->data),
                               json_object_get_member (e, m->data), child);
          }
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (actual);
        JsonArray *e = json_node_get_array (expected);

        g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (e));
        for (guint i = 0; i < json_array_get_length (e); i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

            assert_json_equal (json_array_get_element (a, i), json_array_get_element (e, i), child);
          }
        break;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (expected) == G_TYPE_STRING)
        g_assert_cmpstr (json_node_get_string (actual), ==, json_node_get_string (expected));
      else if (json_node_get_value_type (expected) == G_TYPE_BOOLEAN)
        g_assert_cmpint (json_node_get_boolean (actual), ==, json_node_get_boolean (expected));
      else
        g_assert_cmpfloat (json_node_get_double (actual), ==, json_node_get_double (expected));
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

static void
assert_summary_json (LimberStore *store,
                     const char  *mrn,
                     const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) actual_parser = json_parser_new ();
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  g_autofree char *json = limber_summary_to_json (store, mrn, &error);

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (actual_parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (expected_parser, expected, -1, &error));
  g_assert_no_error (error);
  assert_json_equal (json_parser_get_root (actual_parser), json_parser_get_root (expected_parser), mrn);
}

/* Every edge of clinical-reference.md ("Responders") in one course of care, worked
 * out by hand. */
static void
test_json_edge_cases (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char expected[] =
    "{ \"mrn\": \"E-1\", \"name\": \"Edie Edge\","
    "  \"episode\": { \"condition\": \"low_back_pain\", \"start\": \"2026-04-06\", \"sessions\": 2 },"
    "  \"trends\": ["
    /* Pain 1 leaves 1 point of the 2 a response needs: not assessable, not substantial
     * although 100% better. */
    "    { \"measure\": \"pain.nprs\", \"side\": null, \"unit\": \"points\", \"baseline\": 1,"
    "      \"latest\": 0, \"change\": -1, \"percent_change\": -100, \"direction\": \"lower\","
    "      \"status\": \"no meaningful change\", \"responder\": null, \"substantial\": false,"
    "      \"threshold\": 2, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    /* ODI under 10: not assessable. */
    "    { \"measure\": \"prom.odi\", \"side\": null, \"unit\": \"%\", \"baseline\": 8,"
    "      \"latest\": 4, \"change\": -4, \"percent_change\": -50, \"direction\": \"lower\","
    "      \"status\": \"no meaningful change\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 10, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    /* NDI: 20 points is more than the MCID of 15, but within the MDC of 20.4. */
    "    { \"measure\": \"prom.ndi\", \"side\": null, \"unit\": \"%\", \"baseline\": 50,"
    "      \"latest\": 30, \"change\": -20, \"percent_change\": -40, \"direction\": \"lower\","
    "      \"status\": \"no meaningful change\", \"responder\": false, \"substantial\": null,"
    "      \"threshold\": 20.4, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    /* LEFS over 71: worse, but its responder is not assessable. */
    "    { \"measure\": \"prom.lefs\", \"side\": null, \"unit\": \"points\", \"baseline\": 75,"
    "      \"latest\": 60, \"change\": -15, \"percent_change\": -20, \"direction\": \"higher\","
    "      \"status\": \"worse\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 9, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    /* PGIC: one rating, no percentage, no threshold of change. */
    "    { \"measure\": \"prom.pgic\", \"side\": null, \"unit\": \"level\", \"baseline\": 2,"
    "      \"latest\": 2, \"change\": 0, \"percent_change\": null, \"direction\": \"lower\","
    "      \"status\": \"improved\", \"responder\": true, \"substantial\": null,"
    "      \"threshold\": null, \"threshold_kind\": \"mcid\", \"sessions\": 1 },"
    /* Hyperextension counts as 0: 10 → −10 is an improvement of 10; −5 → 0 none. No
     * percentage on a scale with negative values. */
    "    { \"measure\": \"rom.elbow.extension\", \"side\": \"right\", \"unit\": \"deg\","
    "      \"baseline\": 0, \"latest\": 0, \"change\": 0, \"percent_change\": null,"
    "      \"direction\": \"lower\", \"status\": \"no meaningful change\", \"responder\": null,"
    "      \"substantial\": null, \"threshold\": 5, \"threshold_kind\": \"mdc\", \"sessions\": 2 },"
    "    { \"measure\": \"rom.knee.extension\", \"side\": \"left\", \"unit\": \"deg\","
    "      \"baseline\": 10, \"latest\": 0, \"change\": -10, \"percent_change\": null,"
    "      \"direction\": \"lower\", \"status\": \"improved\", \"responder\": null,"
    "      \"substantial\": null, \"threshold\": 5, \"threshold_kind\": \"mdc\", \"sessions\": 2 },"
    "    { \"measure\": \"flex.sit_and_reach\", \"side\": null, \"unit\": \"cm\", \"baseline\": -10,"
    "      \"latest\": -4, \"change\": 6, \"percent_change\": null, \"direction\": \"higher\","
    "      \"status\": \"improved\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 4, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    /* No percentage of a zero baseline; finger to floor has only an MDC. */
    "    { \"measure\": \"flex.finger_to_floor\", \"side\": null, \"unit\": \"cm\", \"baseline\": 0,"
    "      \"latest\": 3, \"change\": 3, \"percent_change\": null, \"direction\": \"lower\","
    "      \"status\": \"no meaningful change\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 4.5, \"threshold_kind\": \"mdc\", \"sessions\": 2 },"
    /* Schober: 1.5 cm is within its MDC of 1.8 cm. */
    "    { \"measure\": \"flex.schober\", \"side\": null, \"unit\": \"cm\", \"baseline\": 4,"
    "      \"latest\": 5.5, \"change\": 1.5, \"percent_change\": 37.5, \"direction\": \"higher\","
    "      \"status\": \"no meaningful change\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 1.8, \"threshold_kind\": \"mdc\", \"sessions\": 2 }"
    "  ],"
    /* ODI and pain are both not assessable: so is the course of care. */
    "  \"success\": null, \"decided_by\": null }";
  static const char expected_pain_decides[] =
    "{ \"mrn\": \"E-2\", \"name\": \"Ed Edge\","
    "  \"episode\": { \"condition\": \"knee_pain\", \"start\": \"2026-04-06\", \"sessions\": 2 },"
    "  \"trends\": ["
    /* 50% better but only 1 point: no meaningful change, and not substantial. */
    "    { \"measure\": \"pain.nprs\", \"side\": null, \"unit\": \"points\", \"baseline\": 2,"
    "      \"latest\": 1, \"change\": -1, \"percent_change\": -50, \"direction\": \"lower\","
    "      \"status\": \"no meaningful change\", \"responder\": false, \"substantial\": false,"
    "      \"threshold\": 2, \"threshold_kind\": \"mcid\", \"sessions\": 2 },"
    "    { \"measure\": \"prom.lefs\", \"side\": null, \"unit\": \"points\", \"baseline\": 76,"
    "      \"latest\": 78, \"change\": 2, \"percent_change\": 2.6, \"direction\": \"higher\","
    "      \"status\": \"no meaningful change\", \"responder\": null, \"substantial\": null,"
    "      \"threshold\": 9, \"threshold_kind\": \"mcid\", \"sessions\": 2 }"
    "  ],"
    /* LEFS at its ceiling cannot decide: pain does. */
    "  \"success\": false, \"decided_by\": \"pain.nprs\" }";
  gint64 patient = add_patient (fixture->store, "E-1", "Edie Edge");
  gint64 episode = add_episode (fixture->store, patient, "low_back_pain", "2026-04-06");
  gint64 first = add_session (fixture->store, episode, "2026-04-06");
  gint64 second = add_session (fixture->store, episode, "2026-04-20");

  add_measurement (fixture->store, first, "pain.nprs", LIMBER_SIDE_NONE, 1);
  add_measurement (fixture->store, second, "pain.nprs", LIMBER_SIDE_NONE, 0);
  add_measurement (fixture->store, first, "prom.odi", LIMBER_SIDE_NONE, 8);
  add_measurement (fixture->store, second, "prom.odi", LIMBER_SIDE_NONE, 4);
  add_measurement (fixture->store, first, "prom.ndi", LIMBER_SIDE_NONE, 50);
  add_measurement (fixture->store, second, "prom.ndi", LIMBER_SIDE_NONE, 30);
  add_measurement (fixture->store, first, "prom.lefs", LIMBER_SIDE_NONE, 75);
  add_measurement (fixture->store, second, "prom.lefs", LIMBER_SIDE_NONE, 60);
  add_measurement (fixture->store, second, "prom.pgic", LIMBER_SIDE_NONE, 2);
  add_measurement (fixture->store, first, "rom.elbow.extension", LIMBER_SIDE_RIGHT, -5);
  add_measurement (fixture->store, second, "rom.elbow.extension", LIMBER_SIDE_RIGHT, 0);
  add_measurement (fixture->store, first, "rom.knee.extension", LIMBER_SIDE_LEFT, 10);
  add_measurement (fixture->store, second, "rom.knee.extension", LIMBER_SIDE_LEFT, -10);
  add_measurement (fixture->store, first, "flex.sit_and_reach", LIMBER_SIDE_NONE, -10);
  add_measurement (fixture->store, second, "flex.sit_and_reach", LIMBER_SIDE_NONE, -4);
  add_measurement (fixture->store, first, "flex.finger_to_floor", LIMBER_SIDE_NONE, 0);
  add_measurement (fixture->store, second, "flex.finger_to_floor", LIMBER_SIDE_NONE, 3);
  add_measurement (fixture->store, first, "flex.schober", LIMBER_SIDE_NONE, 4);
  add_measurement (fixture->store, second, "flex.schober", LIMBER_SIDE_NONE, 5.5);

  patient = add_patient (fixture->store, "E-2", "Ed Edge");
  episode = add_episode (fixture->store, patient, "knee_pain", "2026-04-06");
  first = add_session (fixture->store, episode, "2026-04-06");
  second = add_session (fixture->store, episode, "2026-04-13");
  add_measurement (fixture->store, first, "pain.nprs", LIMBER_SIDE_NONE, 2);
  add_measurement (fixture->store, second, "pain.nprs", LIMBER_SIDE_NONE, 1);
  add_measurement (fixture->store, first, "prom.lefs", LIMBER_SIDE_NONE, 76);
  add_measurement (fixture->store, second, "prom.lefs", LIMBER_SIDE_NONE, 78);

  assert_summary_json (fixture->store, "E-1", expected);
  assert_summary_json (fixture->store, "E-2", expected_pain_decides);
}

/* The one JSON writer: shortest numbers, null for what JSON cannot hold, escaped
 * text, members in the order they were added. */
static void
test_json_writer (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "z");
  json_builder_add_double_value (builder, 71.4);
  json_builder_set_member_name (builder, "a");
  json_builder_add_double_value (builder, 34.6 - 50);
  json_builder_set_member_name (builder, "nan");
  json_builder_add_double_value (builder, NAN);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, 12);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, "Ann \"Annie\" O\\Neil\n − ü");
  json_builder_set_member_name (builder, "empty");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  text = limber_json_to_string (root);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"z\": 71.4,\n"
                   "  \"a\": -15.4,\n"
                   "  \"nan\": null,\n"
                   "  \"count\": 12,\n"
                   "  \"text\": \"Ann \\\"Annie\\\" O\\\\Neil\\u000a − ü\",\n"
                   "  \"empty\": [],\n"
                   "  \"list\": [\n"
                   "    true,\n"
                   "    null,\n"
                   "    {}\n"
                   "  ]\n"
                   "}\n");
}

/* The one loader: by id and the patient's current course of care. */
static void
test_loader (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LimberEpisodeAnalysis) current = NULL;
  g_autoptr(LimberEpisodeAnalysis) by_id = NULL;
  g_autoptr(LimberEpisodeAnalysis) missing = NULL;
  LimberEpisode *episode;

  add_jane_doe (fixture->store);

  current = limber_episode_loader_load_current (fixture->store, "1001", &error);
  g_assert_no_error (error);
  episode = limber_episode_analysis_get_episode (current);
  g_assert_cmpstr (limber_episode_get_start_date (episode), ==, "2026-03-02");
  g_assert_cmpstr (limber_patient_get_name (limber_episode_analysis_get_patient (current)), ==, "Jane Doe");
  g_assert_cmpuint (limber_episode_analysis_get_n_sessions (current), ==, 3);
  g_assert_cmpuint (limber_episode_analysis_get_trends (current)->len, ==, 5);
  g_assert_cmpuint (limber_episode_analysis_get_measurements (current)->len, ==, 11);

  by_id = limber_episode_loader_load (fixture->store, limber_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpint (limber_episode_get_id (limber_episode_analysis_get_episode (by_id)), ==,
                   limber_episode_get_id (episode));
  g_assert_cmpstr (limber_patient_get_mrn (limber_episode_analysis_get_patient (by_id)), ==, "1001");
  g_assert_cmpuint (limber_episode_analysis_get_trends (by_id)->len, ==, 5);

  missing = limber_episode_loader_load (fixture->store, 4242, &error);
  g_assert_null (missing);
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (limber_episode_loader_load_current (fixture->store, "9999", &error));
  g_assert_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No patient with chart number “9999”");
}

/* What a terminal shows, word for word (the tests run in the C.UTF-8 locale). */
static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *start = limber_date_format_for_display ("2026-03-02");
  g_autofree char *header = g_strdup_printf ("Jane Doe (MRN 1001) — Low back pain since %s, 3 sessions", start);

  add_jane_doe (fixture->store);
  text = limber_summary_to_text (fixture->store, "1001", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "\n"));

  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[0], ==, header);
  g_assert_cmpstr (lines[1], ==, "Pain (0–10): 7 → 2 points (−5, −71.4%) over 3 sessions, improved, responder, substantial");
  g_assert_cmpstr (lines[2], ==, "Oswestry Disability Index: 50 % → 34.6 % (−15.4, −30.8%) over 3 sessions, improved, responder");
  g_assert_cmpstr (lines[3], ==, "Shoulder abduction, left: 150° → 170° (+20, +13.3%) over 2 sessions, improved");
  g_assert_cmpstr (lines[4], ==, "Shoulder abduction, right: 160° at one session");
  /* No percentage of a zero baseline. */
  g_assert_cmpstr (lines[5], ==, "Finger to floor distance: 0 cm → 3 cm (+3) over 2 sessions, no meaningful change");
  /* ODI 50 → 40 is 20%; 50 → 34.6 is 30.8% at the third session. */
  g_assert_cmpstr (lines[6], ==, "Success: yes (decided by Oswestry Disability Index, responder from session 3)");
  g_assert_cmpstr (lines[7], ==, "");
}

/* A rating given at discharge without a visit (an outcome contact): the summary reads
 * it, its responder rule applies, and no count of sessions includes it, the clinic's
 * statistics (read course by course as arrays) neither. */
static gboolean
check_course (const LimberCourse  *course,
              gpointer             user_data,
              GError             **error)
{
  guint *n_checked = user_data;

  g_assert_cmpuint (course->n_visits, ==, 2);
  g_assert_cmpuint (course->n_sessions, ==, 3);
  /* The contact comes after the visits, its rating with it. */
  g_assert_cmpstr (course->sessions[2].date, ==, "2026-03-01");
  for (guint i = 0; i < course->n_values; i++)
    if (g_str_equal (limber_measure_get_code (course->values[i].measure), "prom.pgic"))
      g_assert_cmpuint (course->values[i].session, ==, 2);
  (*n_checked)++;
  return TRUE;
}

static void
test_outcome_contact (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const episode_keys[] = { "condition", "start", "sessions", NULL };
  g_autoptr(LimberSession) contact = NULL;
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  gint64 patient = add_patient (fixture->store, "1004", "Ida Ng");
  gint64 episode = add_episode (fixture->store, patient, "neck_pain", "2026-02-02");
  guint n_checked = 0;
  gint64 session;

  contact = limber_session_new (episode, "2026-03-01");
  limber_session_set_outcome_contact (contact, TRUE);
  g_assert_true (limber_store_add_session (fixture->store, contact, &error));
  g_assert_no_error (error);
  add_measurement (fixture->store, limber_session_get_id (contact), "prom.pgic",
                   LIMBER_SIDE_NONE, 2);

  /* Discharged without a visit: no session, the rating a responder. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      JsonArray *trends;
      JsonObject *pgic = NULL;

      g_clear_pointer (&json, g_free);
      json = limber_summary_to_json (fixture->store, "1004", &error);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
      root = json_node_get_object (json_parser_get_root (parser));
      assert_members (json_object_get_object_member (root, "episode"), episode_keys);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "episode"),
                                                   "sessions"), ==, round == 0 ? 0 : 2);
      trends = json_object_get_array_member (root, "trends");
      g_assert_cmpuint (json_array_get_length (trends), ==, round == 0 ? 1 : 2);
      for (guint i = 0; i < json_array_get_length (trends); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (trends, i),
                                                        "measure"), "prom.pgic"))
          pgic = json_array_get_object_element (trends, i);
      g_assert_nonnull (pgic);
      g_assert_cmpfloat (json_object_get_double_member (pgic, "latest"), ==, 2);
      g_assert_cmpstr (json_object_get_string_member (pgic, "status"), ==, "improved");
      g_assert_true (json_object_get_boolean_member (pgic, "responder"));
      g_assert_cmpint (json_object_get_int_member (pgic, "sessions"), ==, 1);

      if (round > 0)
        break;

      /* Two visits before it: two sessions, and the pain decides. */
      session = add_session (fixture->store, episode, "2026-02-02");
      add_measurement (fixture->store, session, "pain.nprs", LIMBER_SIDE_NONE, 7);
      session = add_session (fixture->store, episode, "2026-02-16");
      add_measurement (fixture->store, session, "pain.nprs", LIMBER_SIDE_NONE, 3);
    }

  text = limber_summary_to_text (fixture->store, "1004", &error);
  g_assert_no_error (error);
  {
    g_autofree char *start = limber_date_format_for_display ("2026-02-02");
    g_autofree char *header = g_strdup_printf ("since %s, 2 sessions\n", start);

    g_assert_nonnull (strstr (text, header));
    g_assert_nonnull (strstr (text, "\nGlobal impression of change: rated 2, improved, responder\n"));
  }

  analysis = limber_episode_loader_load_current (fixture->store, "1004", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limber_episode_analysis_get_n_sessions (analysis), ==, 2);
  g_assert_cmpuint (limber_episode_analysis_get_sessions (analysis)->len, ==, 2);
  g_assert_cmpuint (limber_episode_analysis_get_outcome_contacts (analysis)->len, ==, 1);
  {
    LimberTrend *trend = limber_episode_analysis_find_trend (analysis, "prom.pgic",
                                                             LIMBER_SIDE_NONE);

    /* Numbered after the visits. */
    g_assert_cmpuint (limber_trend_get_session_numbers (trend)[0], ==, 3);
  }

  g_assert_true (limber_episode_loader_foreach_course (fixture->store, NULL, NULL, check_course,
                                                       &n_checked, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, limber_test_fixture_set_up, func, limber_test_fixture_tear_down)

  ADD_TEST ("/summary/json-fields", test_json_fields);
  ADD_TEST ("/summary/json-exact", test_json_exact);
  ADD_TEST ("/summary/json-no-sessions", test_json_no_sessions);
  ADD_TEST ("/summary/unknown-patient", test_unknown_patient);
  ADD_TEST ("/summary/patient-without-episode", test_patient_without_episode);
  ADD_TEST ("/summary/text", test_text);
  ADD_TEST ("/summary/loader", test_loader);
  ADD_TEST ("/summary/json-edge-cases", test_json_edge_cases);
  ADD_TEST ("/summary/outcome-contact", test_outcome_contact);
  g_test_add_func ("/summary/json-writer", test_json_writer);

#undef ADD_TEST

  return g_test_run ();
}
