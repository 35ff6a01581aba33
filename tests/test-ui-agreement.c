/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-agreement"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limber-application.h"
#include "limber-demo.h"
#include "limber-episode-group.h"
#include "limber-patient-view.h"
#include "limber-summary.h"
#include "limber-measure-card.h"
#include "limber-test-fixture.h"
#include "limber-text-row.h"

/* `limber summary --json` and the window agree on every patient of the demo clinic:
 * the window is read as a person reads it, from the text of its labels, and compared
 * with the JSON the command line prints. */

#define MINUS "\u2212"

/* The text of the first label under root that has the style class, as shown. */
static const char *
label_text (gpointer    root,
            const char *css_class)
{
  g_autoptr(GPtrArray) labels = limber_test_find_texts (root);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, css_class))
        return limber_test_get_shown_text (label);
    }

  g_error ("no label with the style class %s", css_class);
}

/* "35.6 %", "−10°", "3 points" → the number the label shows. */
static double
shown_number (const char *text)
{
  g_autoptr(GString) number = g_string_new (NULL);
  const char *p = text;

  if (g_str_has_prefix (p, MINUS))
    {
      g_string_append_c (number, '-');
      p += strlen (MINUS);
    }
  for (; *p != '\0' && (g_ascii_isdigit (*p) || *p == '.'); p++)
    g_string_append_c (number, *p);

  g_assert_cmpuint (number->len, >, 0);
  return g_ascii_strtod (number->str, NULL);
}

/* The status a card shows for the JSON's trend: its status in words, or "First
 * value" for a measure recorded once (a rating of change excepted: one rating is its
 * verdict). */
static const char *
expected_pill (LimberMeasure *measure,
               JsonObject    *trend)
{
  if (json_object_get_int_member (trend, "sessions") == 1 && !limber_measure_get_rates_change (measure))
    return "First value";

  return json_object_get_string_member (trend, "status");
}

/* "6 → 3 points" or "7 points": the latest value is the number after the arrow. */
static double
shown_latest (const char *text)
{
  const char *arrow = strstr (text, "→ ");

  return shown_number (arrow != NULL ? arrow + strlen ("→ ") : text);
}

static void
assert_card_agrees (LimberMeasureCard *card,
                    JsonObject        *trend)
{
  LimberMeasure *measure = limber_measure_lookup (json_object_get_string_member (trend, "measure"));
  const char *title = label_text (card, "heading");
  const char *sentence = gtk_widget_get_tooltip_text (GTK_WIDGET (card));
  const char *status = json_object_get_string_member (trend, "status");
  double latest = json_object_get_double_member (trend, "latest");

  g_test_message ("%s: %s", title, sentence);
  g_assert_nonnull (measure);

  /* The measure and its side. */
  g_assert_true (g_str_has_prefix (title, limber_measure_get_label (measure)));
  if (json_object_get_null_member (trend, "side"))
    g_assert_cmpstr (title, ==, limber_measure_get_label (measure));
  else
    g_assert_true (g_str_has_suffix (title, json_object_get_string_member (trend, "side")));

  /* The latest value, as the JSON rounds it for people. */
  g_assert_cmpfloat_with_epsilon (shown_latest (label_text (card, "title-3")),
                                  round (latest * 10) / 10, 1e-9);

  g_assert_cmpstr (label_text (card, "status-pill"), ==, expected_pill (measure, trend));

  /* The sentence never claims more than the numbers: a measurement error is never
   * "clinically important", and "substantial" needs a responder. */
  if (g_str_equal (json_object_get_string_member (trend, "threshold_kind"), "mdc"))
    g_assert_null (strstr (sentence, "clinically important"));
  if (json_object_get_null_member (trend, "responder")
      || !json_object_get_boolean_member (trend, "responder"))
    g_assert_null (strstr (sentence, "substantial"));
  if (g_str_equal (status, "no meaningful change"))
    g_assert_nonnull (strstr (sentence, "no meaningful change"));
}

static void
assert_outcome_agrees (LimberEpisodeGroup *group,
                       JsonObject         *summary)
{
  g_autoptr(GPtrArray) rows = limber_test_find_widgets (group, LIMBER_TYPE_TEXT_ROW);
  JsonNode *success = json_object_get_member (summary, "success");
  GtkWidget *outcome_row = g_ptr_array_index (rows, 0);
  const char *title = label_text (outcome_row, "title");
  const char *subtitle = label_text (outcome_row, "subtitle");

  g_test_message ("outcome: %s: %s", title, subtitle);

  if (JSON_NODE_HOLDS_NULL (success))
    {
      g_assert_cmpstr (title, ==, "Not assessable");
      g_assert_true (json_object_get_null_member (summary, "decided_by"));
      return;
    }

  if (json_node_get_boolean (success))
    g_assert_cmpstr (title, ==, "Successful outcome");
  else
    g_assert_true (g_str_equal (title, "Not yet a responder") || g_str_equal (title, "Not a responder"));

  /* The row names the measure that decided. */
  g_assert_nonnull (strstr (subtitle,
                            limber_measure_get_label (limber_measure_lookup (json_object_get_string_member (summary, "decided_by")))));
}

static void
test_demo_clinic_agrees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-test-agreement-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GListModel) patients = NULL;
  GtkWidget *window;
  GtkWidget *view;
  guint n_trends = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "clinic.sqlite", NULL);
  store = limber_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_demo_fill (store, &error));
  g_assert_no_error (error);

  view = limber_patient_view_new ();
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  limber_patient_view_set_store (LIMBER_PATIENT_VIEW (view), store);

  patients = limber_store_list_patients (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 12);

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = limber_summary_to_json (store, limber_patient_get_mrn (patient), &error);
      g_autoptr(GPtrArray) cards = NULL;
      LimberEpisodeGroup *current;
      LimberEpisode *episode;
      JsonObject *summary;
      JsonObject *summary_episode;
      JsonArray *trends;

      g_test_message ("%s", limber_patient_get_mrn (patient));
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
      g_assert_no_error (error);
      summary = json_node_get_object (json_parser_get_root (parser));
      summary_episode = json_object_get_object_member (summary, "episode");
      trends = json_object_get_array_member (summary, "trends");

      limber_patient_view_set_patient (LIMBER_PATIENT_VIEW (view), patient);
      g_assert_cmpstr (limber_patient_view_get_state (LIMBER_PATIENT_VIEW (view)), ==, "patient");

      /* The newest course of care comes first; it is the summary's current one. */
      current = g_ptr_array_index (limber_patient_view_get_groups (LIMBER_PATIENT_VIEW (view)), 0);
      episode = limber_episode_group_get_episode (current);
      g_assert_cmpstr (limber_episode_get_start_date (episode), ==,
                       json_object_get_string_member (summary_episode, "start"));
      g_assert_cmpstr (limber_episode_get_condition (episode), ==,
                       json_object_get_string_member (summary_episode, "condition"));

      assert_outcome_agrees (current, summary);

      cards = limber_test_find_widgets (current, LIMBER_TYPE_MEASURE_CARD);
      g_assert_cmpuint (cards->len, ==, json_array_get_length (trends));
      for (guint t = 0; t < cards->len; t++)
        assert_card_agrees (g_ptr_array_index (cards, t),
                            json_array_get_object_element (trends, t));
      n_trends += cards->len;
    }

  g_assert_cmpuint (n_trends, >, 40);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  limber_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* Under `make check` Xvfb provides the display; elsewhere there may be none. */
      printf ("1..0 # SKIP no display to open windows on (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  /* The application class registers the templates the window's parts are built from. */
  g_type_class_unref (g_type_class_ref (LIMBER_TYPE_APPLICATION));

  g_test_add_func ("/ui/demo-clinic-agrees-with-summary", test_demo_clinic_agrees);

  return g_test_run ();
}
