/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-ui"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "limber-chart-view.h"
#include "limber-demo.h"
#include "limber-episode-loader.h"
#include "limber-episode-overview.h"
#include "limber-measure-card.h"
#include "limber-presentation-window.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"
#include "limber-test-fixture.h"

/* The charts on screen, on a real display (Xvfb under `make check`): what assistive
 * technologies are told, what the overview shows, and that the view for the patient
 * shows nobody else. */

/* A demo clinic in a folder of its own. */
static void
fixture_set_up (LimberTestFixture *fixture,
                gconstpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  limber_test_fixture_set_up (fixture, user_data);
  g_assert_true (limber_demo_fill (fixture->store, &error));
  g_assert_no_error (error);
}

/* A patient of the demo clinic whose current course has a measure with two sides. */
static LimberEpisodeAnalysis *
load_sided_course (LimberTestFixture *fixture)
{
  g_autoptr(GListModel) patients = limber_store_list_patients (fixture->store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
      GPtrArray *trends;

      analysis = limber_episode_loader_load_current (fixture->store,
                                                     limber_patient_get_mrn (patient), NULL);
      if (analysis == NULL)
        continue;

      trends = limber_episode_analysis_get_trends (analysis);
      for (guint t = 0; t < trends->len; t++)
        if (limber_trend_get_side (g_ptr_array_index (trends, t)) == LIMBER_SIDE_RIGHT)
          return g_steal_pointer (&analysis);
    }

  g_assert_not_reached ();
}

/* A patient of the demo clinic whose current course has a global impression of change
 * (PGIC), rated once at discharge. */
static LimberEpisodeAnalysis *
load_rated_course (LimberTestFixture  *fixture,
                   LimberTrend       **rating)
{
  g_autoptr(GListModel) patients = limber_store_list_patients (fixture->store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(LimberEpisodeAnalysis) analysis = NULL;

      analysis = limber_episode_loader_load_current (fixture->store,
                                                     limber_patient_get_mrn (patient), NULL);
      if (analysis == NULL)
        continue;

      *rating = limber_episode_analysis_find_trend (analysis, "prom.pgic", LIMBER_SIDE_NONE);
      if (*rating != NULL && limber_trend_get_n_values (*rating) == 1)
        return g_steal_pointer (&analysis);
    }

  g_assert_not_reached ();
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  limber_test_drain_main_loop ();

  return window;
}

static void
test_chart_view_accessible (LimberTestFixture *fixture,
                            gconstpointer      user_data)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = load_sided_course (fixture);
  LimberTrend *trend = g_ptr_array_index (limber_episode_analysis_get_trends (analysis), 0);
  g_autoptr(LimberChart) chart = limber_trend_chart_new_for_trends (analysis, trend, NULL);
  g_autofree char *sentence = limber_wording_describe_trend (trend);
  GtkWidget *view = limber_chart_view_new (chart, LIMBER_CHART_STYLE_FULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Before");
  GtkWidget *window;

  limber_chart_view_set_description (LIMBER_CHART_VIEW (view), sentence);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), view);
  window = show_in_window (box);
  gtk_widget_grab_focus (button);
  limber_test_drain_main_loop ();

  /* An image, named by its title, described by the trend in words. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       limber_chart_get_title (chart));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence);
  g_assert_nonnull (strstr (sentence, " from "));

  /* Keyboard focus shows the latest session's value. */
  g_assert_false (limber_chart_view_get_highlight (LIMBER_CHART_VIEW (view), NULL, NULL));
  g_assert_true (gtk_widget_grab_focus (view));
  limber_test_drain_main_loop ();
  {
    guint series = 99, index = 99;

    g_assert_true (limber_chart_view_get_highlight (LIMBER_CHART_VIEW (view), &series, &index));
    g_assert_cmpuint (series, ==, 0);
    g_assert_cmpuint (index, ==, limber_chart_get_n_points (chart, 0) - 1);
  }

  /* A new description reaches the accessible at once. */
  limber_chart_view_set_description (LIMBER_CHART_VIEW (view), "Pain fell from 8 to 2 points.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Pain fell from 8 to 2 points.");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The view as drawn now, as a texture. */
static GdkTexture *
render_view (GtkWidget *view)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (view));
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GskRenderNode) node = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* After a change of style the view has nothing to show until its next frame is
   * drawn; on a busy machine that frame can come late. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        {
          g_usleep (10 * 1000);
          limber_test_drain_main_loop ();
        }
    }
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* A pixel near the top left corner: the chart's background. */
static guint32
corner_pixel (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  return pixels[2 * width + 2];
}

static void
test_chart_view_follows_style (LimberTestFixture *fixture,
                               gconstpointer      user_data)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = load_sided_course (fixture);
  LimberTrend *trend = g_ptr_array_index (limber_episode_analysis_get_trends (analysis), 0);
  g_autoptr(LimberChart) chart = limber_trend_chart_new_for_trends (analysis, trend, NULL);
  GtkWidget *view = limber_chart_view_new (chart, LIMBER_CHART_STYLE_FULL);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *window = show_in_window (view);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  guint32 light_pixel, dark_pixel;

  g_assert_cmpint (gtk_widget_get_width (view), >, 0);

  /* Switching to dark while the chart is on screen redraws it with dark colours. */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  limber_test_drain_main_loop ();
  light = render_view (view);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  limber_test_drain_main_loop ();
  dark = render_view (view);

  light_pixel = corner_pixel (light);
  dark_pixel = corner_pixel (dark);
  /* The corner is the background: light is bright, dark is dark (B, G, R, A bytes). */
  g_assert_cmpuint (light_pixel & 0xff, >, 200);
  g_assert_cmpuint (dark_pixel & 0xff, <, 100);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether any pixel of the texture differs from its first one. */
static gboolean
texture_has_drawing (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      return TRUE;

  return FALSE;
}

/* A chart at the bottom of a long page is drawn once it is scrolled to, not before. */
static void
test_chart_view_drawn_in_view (LimberTestFixture *fixture,
                               gconstpointer      user_data)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = load_sided_course (fixture);
  LimberTrend *trend = g_ptr_array_index (limber_episode_analysis_get_trends (analysis), 0);
  g_autoptr(LimberChart) chart = limber_trend_chart_new_for_trends (analysis, trend, NULL);
  GtkWidget *view = limber_chart_view_new (chart, LIMBER_CHART_STYLE_FULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *above = gtk_label_new ("Above");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *window;

  gtk_widget_set_size_request (above, -1, 2000);
  gtk_widget_set_size_request (view, -1, 300);
  gtk_box_append (GTK_BOX (box), above);
  gtk_box_append (GTK_BOX (box), view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  window = show_in_window (scrolled);
  g_assert_cmpint (gtk_widget_get_width (view), >, 0);

  /* Out of view: laid out, named, not drawn. */
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (view),
                          gtk_widget_get_height (view));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_null (node);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       limber_chart_get_title (chart));

  /* Scrolled to, it shows. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
  limber_test_drain_main_loop ();
  texture = render_view (view);
  g_assert_true (texture_has_drawing (texture));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_overview (LimberTestFixture *fixture,
               gconstpointer      user_data)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = load_sided_course (fixture);
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);
  GtkWidget *overview = limber_episode_overview_new (analysis);
  GtkWidget *window = show_in_window (overview);
  GPtrArray *cards = limber_episode_overview_get_cards (LIMBER_EPISODE_OVERVIEW (overview));
  LimberChartView *chart_view;
  LimberMeasureCard *sided = NULL;
  LimberMeasure *measure;
  LimberChart *chart;

  /* One card per measure and side. */
  g_assert_cmpuint (cards->len, ==, trends->len);
  for (guint i = 0; i < cards->len; i++)
    {
      LimberMeasureCard *card = g_ptr_array_index (cards, i);
      LimberTrend *trend = limber_measure_card_get_trend (card);

      g_assert_true (trend == g_ptr_array_index (trends, i));
      /* One value tells nothing of a change, but a rating of change (PGIC) is one. */
      if (limber_trend_get_n_values (trend) == 1 &&
          !limber_measure_get_rates_change (limber_trend_get_measure (trend)))
        g_assert_cmpstr (limber_measure_card_get_status_text (card), ==, "First value");
      else
        g_assert_cmpstr (limber_measure_card_get_status_text (card), ==,
                         limber_wording_status_label (limber_trend_get_status (trend)));
      if (limber_trend_get_side (trend) == LIMBER_SIDE_RIGHT)
        sided = card;
    }
  g_assert_nonnull (sided);

  /* The large chart shows one measure at first, described in words. */
  chart_view = LIMBER_CHART_VIEW (limber_episode_overview_get_chart_view (LIMBER_EPISODE_OVERVIEW (overview)));
  g_assert_nonnull (limber_chart_view_get_chart (chart_view));
  g_assert_nonnull (limber_chart_view_get_description (chart_view));

  /* A card opens its measure's chart: both sides, and the values table. */
  g_signal_emit_by_name (sided, "clicked");
  measure = limber_trend_get_measure (limber_measure_card_get_trend (sided));
  g_assert_true (limber_episode_overview_get_selected_measure (LIMBER_EPISODE_OVERVIEW (overview)) ==
                 measure);
  chart = limber_chart_view_get_chart (chart_view);
  g_assert_cmpuint (limber_chart_get_n_series (chart), ==, 2);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart_view), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_nonnull (strstr (limber_chart_view_get_description (chart_view), "left"));
  g_assert_nonnull (strstr (limber_chart_view_get_description (chart_view), "right"));
  g_assert_cmpuint (limber_episode_overview_get_n_table_rows (LIMBER_EPISODE_OVERVIEW (overview)),
                    ==, limber_trend_get_n_values (limber_measure_card_get_trend (sided)));

  /* Screen readers reach the cards, buttons in the cells of a grid (GTK 4.8 hides
   * what a cell of the presentation role holds), and hear the table's expander by
   * its title. */
  {
    g_autoptr(GPtrArray) cells = limber_test_find_widgets (overview, GTK_TYPE_FLOW_BOX_CHILD);
    GtkWidget *expander = limber_test_find_widget (overview, GTK_TYPE_EXPANDER);
    g_autofree char *title = g_strdup_printf ("%s by session", limber_chart_get_title (chart));

    g_assert_cmpuint (cells->len, ==, cards->len);
    for (guint i = 0; i < cells->len; i++)
      {
        GtkWidget *cell = g_ptr_array_index (cells, i);
        GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));
        LimberTrend *trend = limber_measure_card_get_trend (LIMBER_MEASURE_CARD (card));
        g_autofree char *name = limber_wording_measure_name (limber_trend_get_measure (trend),
                                                             limber_trend_get_side (trend));

        gtk_test_accessible_assert_role (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_ROLE_GRID_CELL);
        /* Named as its card, not by GTK's name of its type. */
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             name);
      }
    g_assert_nonnull (expander);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         title);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether a widget under root shows text containing needle: a label, or any text
 * widget with a "text" property. */
static gboolean
shows_text (GtkWidget  *root,
            const char *needle)
{
  const char *names[] = { "label", "text" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (root), names[i]);
      g_autofree char *text = NULL;

      if (pspec == NULL || pspec->value_type != G_TYPE_STRING)
        continue;
      g_object_get (root, names[i], &text, NULL);
      if (text != NULL && strstr (text, needle) != NULL)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, needle))
      return TRUE;

  return FALSE;
}

/* The values table of a PGIC reads as the reports do: the rating in words and the
 * analysis's verdict, never a "Baseline" as if a trend had only begun. */
static void
test_overview_rating (LimberTestFixture *fixture,
                      gconstpointer      user_data)
{
  LimberTrend *rating = NULL;
  g_autoptr(LimberEpisodeAnalysis) analysis = load_rated_course (fixture, &rating);
  LimberMeasure *measure = limber_trend_get_measure (rating);
  GtkWidget *overview = limber_episode_overview_new (analysis);
  GtkWidget *window = show_in_window (overview);
  g_autofree char *words = limber_wording_format_rating (measure, limber_trend_get_latest (rating));
  g_autofree char *verdict = limber_wording_rating_verdict (rating);
  GtkWidget *expander;
  GtkWidget *table;

  g_assert_true (strstr (words, limber_measure_get_level_label (measure,
                                                                limber_trend_get_latest (rating)))
                 != NULL);
  g_assert_true (g_str_has_prefix (verdict,
                                   limber_wording_status_label (limber_trend_get_status (rating))));
  g_assert_nonnull (strstr (verdict, "responder"));

  /* Its card: the level in words beside the rating, which is no baseline. */
  for (guint i = 0; i < limber_episode_overview_get_cards (LIMBER_EPISODE_OVERVIEW (overview))->len; i++)
    {
      LimberMeasureCard *card = g_ptr_array_index (limber_episode_overview_get_cards (
                                                     LIMBER_EPISODE_OVERVIEW (overview)), i);

      if (limber_measure_card_get_trend (card) != rating)
        continue;
      g_assert_true (shows_text (GTK_WIDGET (card),
                                 limber_measure_get_level_label (measure,
                                                                 limber_trend_get_latest (rating))));
      g_assert_false (shows_text (GTK_WIDGET (card), "Baseline"));
    }

  limber_episode_overview_select_measure (LIMBER_EPISODE_OVERVIEW (overview), measure);
  expander = limber_test_find_widget (overview, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  limber_test_drain_main_loop ();
  table = gtk_expander_get_child (GTK_EXPANDER (expander));
  g_assert_nonnull (table);

  g_assert_true (shows_text (table, words));
  g_assert_true (shows_text (table, verdict));
  g_assert_true (shows_text (table, "Status"));
  g_assert_false (shows_text (table, "Baseline"));
  g_assert_false (shows_text (table, "Change from baseline"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (limber_test_get_shown_text (widget) != NULL)
    g_string_append_printf (text, "%s\n", limber_test_get_shown_text (widget));
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (text, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  if (LIMBER_IS_CHART_VIEW (widget))
    {
      LimberChart *chart = limber_chart_view_get_chart (LIMBER_CHART_VIEW (widget));

      g_string_append_printf (text, "%s\n%s\n", limber_chart_get_title (chart),
                              limber_chart_view_get_description (LIMBER_CHART_VIEW (widget)));
      for (guint s = 0; s < limber_chart_get_n_series (chart); s++)
        for (guint i = 0; i < limber_chart_get_n_points (chart, s); i++)
          g_string_append_printf (text, "%s\n", limber_chart_get_point_description (chart, s, i));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_presentation_only_this_patient (LimberTestFixture *fixture,
                                     gconstpointer      user_data)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = load_sided_course (fixture);
  g_autoptr(GListModel) patients = limber_store_list_patients (fixture->store, NULL);
  LimberPatient *shown = limber_episode_analysis_get_patient (analysis);
  GtkWidget *overview = limber_episode_overview_new (analysis);
  GtkWidget *window = show_in_window (overview);
  GtkWidget *presentation;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  guint n_names = 0;

  presentation = limber_episode_overview_present (LIMBER_EPISODE_OVERVIEW (overview));
  g_object_add_weak_pointer (G_OBJECT (presentation), (gpointer *) &presentation);
  limber_test_drain_main_loop ();
  g_assert_true (LIMBER_IS_PRESENTATION_WINDOW (presentation));
  g_assert_true (gtk_widget_get_visible (presentation));

  /* No other patient's name anywhere in it, nor a list to pick one from. */
  collect_text (presentation, text);
  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      const char *name = limber_patient_get_name (patient);

      if (limber_patient_get_id (patient) == limber_patient_get_id (shown))
        continue;
      n_names++;
      g_assert_null (strstr (text->str, name));
      g_assert_null (strstr (text->str, limber_patient_get_mrn (patient)));
    }
  g_assert_cmpuint (n_names, >, 5);
  lists = limber_test_find_widgets (presentation, GTK_TYPE_LIST_VIEW);
  g_assert_cmpuint (lists->len, ==, 0);

  /* Plain sentences spoken to the patient, and the key charts described in words. */
  g_assert_nonnull (strstr (text->str, "Your "));
  charts = limber_test_find_widgets (presentation, LIMBER_TYPE_CHART_VIEW);
  g_assert_cmpuint (charts->len, >=, 1);
  for (guint i = 0; i < charts->len; i++)
    {
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (g_ptr_array_index (charts, i)),
                                       GTK_ACCESSIBLE_ROLE_IMG);
      g_assert_cmpstr (limber_chart_view_get_description (g_ptr_array_index (charts, i)), !=, "");
    }

  /* Escape leaves it. */
  g_assert_true (gtk_widget_activate_action (presentation, "window.close", NULL));
  limber_test_drain_main_loop ();
  g_assert_null (presentation);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* GTK's test accessibility backend keeps every accessible property for the
   * gtk_test_accessible_*() assertions, without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      /* Under `make check` Xvfb provides the display; elsewhere there may be none. */
      printf ("1..0 # SKIP no display to open windows on (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add ((path), LimberTestFixture, NULL, fixture_set_up, (func), \
              limber_test_fixture_tear_down)

  ADD_TEST ("/chart-ui/chart-view/accessible", test_chart_view_accessible);
  ADD_TEST ("/chart-ui/chart-view/follows-style", test_chart_view_follows_style);
  ADD_TEST ("/chart-ui/chart-view/drawn-in-view", test_chart_view_drawn_in_view);
  ADD_TEST ("/chart-ui/overview", test_overview);
  ADD_TEST ("/chart-ui/overview/rating", test_overview_rating);
  ADD_TEST ("/chart-ui/presentation/only-this-patient", test_presentation_only_this_patient);

#undef ADD_TEST

  return g_test_run ();
}
