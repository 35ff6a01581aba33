/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-presentation-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-chart-view.h"
#include "limber-date.h"
#include "limber-presentation-window.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

/* Large enough to read from a chair beside the desk. */
#define CHART_FONT_SIZE  20
#define CHART_HEIGHT     380
#define MAX_KEY_CHARTS   2

struct _LimberPresentationWindow
{
  AdwWindow              parent_instance;

  /* owned */
  LimberEpisodeAnalysis *analysis;
};

G_DEFINE_FINAL_TYPE (LimberPresentationWindow, limber_presentation_window, ADW_TYPE_WINDOW)

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* "Low back pain · since 3 Mar 2026" */
static char *
format_course (LimberEpisode *episode)
{
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  g_autofree char *start = limber_date_format_for_display (limber_episode_get_start_date (episode));

  /* Translators: a course of care and the day it started, e.g. "Low back pain · since
   * 3 Mar 2026". */
  return g_strdup_printf (_("%s · since %s"),
                          condition != NULL ? limber_condition_get_label (condition)
                                            : limber_episode_get_condition (episode),
                          start);
}

static GtkWidget *
create_header (LimberPresentationWindow *self)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  g_autofree char *course = format_course (episode);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *leave = gtk_button_new_with_mnemonic (_("_Leave Full Screen"));

  gtk_widget_set_hexpand (titles, TRUE);
  /* Translators: the heading of the view shown to the patient. */
  gtk_box_append (GTK_BOX (titles), create_label (_("Your Progress"), "title-1"));
  gtk_box_append (GTK_BOX (titles), create_label (course, "title-3"));
  gtk_box_append (GTK_BOX (header), titles);

  gtk_widget_set_valign (leave, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (leave, _("Back to the clinic view (Escape)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "window.close");
  gtk_box_append (GTK_BOX (header), leave);

  return header;
}

static GtkWidget *
create_sentences (LimberPresentationWindow *self)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  for (guint i = 0; i < trends->len; i++)
    {
      g_autofree char *sentence = limber_wording_describe_trend_for_patient (g_ptr_array_index (trends, i));

      gtk_box_append (GTK_BOX (box), create_label (sentence, "presentation-sentence"));
    }

  return box;
}

/* The course's deciding measure, then pain, then whatever comes first. */
static GPtrArray *
key_measures (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOutcome *outcome = limber_episode_analysis_get_outcome (analysis);
  LimberTrend *deciding = outcome != NULL ? limber_episode_outcome_get_deciding_trend (outcome)
                                          : NULL;
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);
  GPtrArray *measures = g_ptr_array_new ();
  LimberMeasure *pain = limber_measure_lookup ("pain.nprs");

  if (deciding != NULL)
    g_ptr_array_add (measures, limber_trend_get_measure (deciding));
  if (limber_episode_analysis_find_trend (analysis, "pain.nprs", LIMBER_SIDE_NONE) != NULL &&
      !g_ptr_array_find (measures, pain, NULL))
    g_ptr_array_add (measures, pain);

  for (guint i = 0; i < trends->len && measures->len < MAX_KEY_CHARTS; i++)
    {
      LimberMeasure *measure = limber_trend_get_measure (g_ptr_array_index (trends, i));

      if (!g_ptr_array_find (measures, measure, NULL))
        g_ptr_array_add (measures, measure);
    }

  g_ptr_array_set_size (measures, MIN (measures->len, MAX_KEY_CHARTS));
  return measures;
}

static GtkWidget *
create_charts (LimberPresentationWindow *self)
{
  g_autoptr(GPtrArray) measures = key_measures (self->analysis);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);

  for (guint i = 0; i < measures->len; i++)
    {
      LimberMeasure *measure = g_ptr_array_index (measures, i);
      g_autoptr(LimberChart) chart = limber_trend_chart_new (self->analysis, measure,
                                                             LIMBER_SIDE_NONE);
      GtkWidget *view = limber_chart_view_new (chart, LIMBER_CHART_STYLE_FULL);
      GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);
      g_autoptr(GString) description = g_string_new (NULL);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      for (guint t = 0; t < trends->len; t++)
        if (limber_trend_get_measure (g_ptr_array_index (trends, t)) == measure)
          {
            g_autofree char *sentence = limber_wording_describe_trend_for_patient (g_ptr_array_index (trends, t));

            if (description->len > 0)
              g_string_append_c (description, ' ');
            g_string_append (description, sentence);
          }

      limber_chart_view_set_font_size (LIMBER_CHART_VIEW (view), CHART_FONT_SIZE);
      limber_chart_view_set_description (LIMBER_CHART_VIEW (view), description->str);
      gtk_widget_set_size_request (view, -1, CHART_HEIGHT);
      gtk_widget_set_hexpand (view, TRUE);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "chart-card");
      gtk_box_append (GTK_BOX (card), view);
      gtk_box_append (GTK_BOX (box), card);
    }

  return box;
}

/* How far from the first value towards the goal the latest has come, 0…1. */
static double
goal_progress (LimberTrend *trend)
{
  double goal = limber_trend_get_goal (trend);
  double baseline = limber_trend_get_baseline (trend);
  double latest = limber_trend_get_latest (trend);

  if (limber_trend_get_goal_is_met (trend))
    return 1;
  if (fabs (goal - baseline) < 1e-9)
    return 0;

  return CLAMP ((latest - baseline) / (goal - baseline), 0, 1);
}

static GtkWidget *
create_goals (LimberPresentationWindow *self)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gboolean any = FALSE;

  /* Translators: a heading in the view shown to the patient. */
  gtk_box_append (GTK_BOX (box), create_label (_("Your Goals"), "title-2"));

  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);
      g_autofree char *goal = limber_wording_describe_goal (trend);
      g_autofree char *name = NULL;
      g_autofree char *line = NULL;
      GtkWidget *bar;

      if (goal == NULL)
        continue;

      name = limber_wording_measure_name (limber_trend_get_measure (trend),
                                          limber_trend_get_side (trend));
      /* Translators: a measure and its goal, e.g. "Pain (0–10): goal 2 points ·
       * reached". */
      line = g_strdup_printf (C_("measure and goal", "%s: %s"), name, goal);
      gtk_box_append (GTK_BOX (box), create_label (line, "presentation-goal"));

      bar = gtk_level_bar_new_for_interval (0, 1);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), goal_progress (trend));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, line,
                                      -1);
      gtk_box_append (GTK_BOX (box), bar);
      any = TRUE;
    }

  if (!any)
    gtk_widget_set_visible (box, FALSE);

  return box;
}

static void
limber_presentation_window_build (LimberPresentationWindow *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);

  gtk_widget_set_margin_top (box, 48);
  gtk_widget_set_margin_bottom (box, 48);
  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);

  gtk_box_append (GTK_BOX (box), create_header (self));
  gtk_box_append (GTK_BOX (box), create_sentences (self));
  gtk_box_append (GTK_BOX (box), create_charts (self));
  gtk_box_append (GTK_BOX (box), create_goals (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_window_set_content (ADW_WINDOW (self), scrolled);

  /* Translators: the title of the full-screen view shown to the patient. */
  gtk_window_set_title (GTK_WINDOW (self), _("Your Progress"));
}

static void
limber_presentation_window_dispose (GObject *object)
{
  LimberPresentationWindow *self = LIMBER_PRESENTATION_WINDOW (object);

  g_clear_object (&self->analysis);

  G_OBJECT_CLASS (limber_presentation_window_parent_class)->dispose (object);
}

static void
limber_presentation_window_class_init (LimberPresentationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_presentation_window_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "window.close", NULL);
}

static void
limber_presentation_window_init (LimberPresentationWindow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
}

GtkWidget *
limber_presentation_window_new (LimberEpisodeAnalysis *analysis)
{
  LimberPresentationWindow *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  self = g_object_new (LIMBER_TYPE_PRESENTATION_WINDOW, NULL);
  self->analysis = g_object_ref (analysis);
  limber_presentation_window_build (self);

  return GTK_WIDGET (self);
}
