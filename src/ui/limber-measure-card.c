/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-measure-card"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-chart-view.h"
#include "limber-date.h"
#include "limber-in-view.h"
#include "limber-measure-card.h"
#include "limber-text.h"
#include "limber-title-layout.h"
#include "limber-tooltip.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

struct _LimberMeasureCard
{
  GtkButton    parent_instance;

  /* owned */
  LimberTrend *trend;

  /* borrowed: children */
  LimberText  *status_label;
};

G_DEFINE_FINAL_TYPE (LimberMeasureCard, limber_measure_card, GTK_TYPE_BUTTON)

/* A text that wraps, shaped once for each width it is measured at. */
static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = limber_text_new (text);

  limber_text_set_xalign (LIMBER_TEXT (label), 0);
  limber_text_set_wrap (LIMBER_TEXT (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A card's texts wrap, and are stacked with LimberTitleLayout rather than a
 * GtkBox: the flow box of cards and the row of values ask for their widths at
 * many heights, which a wrapping label answers by laying itself out again and
 * again (most of a patient switch went there). */
static GtkWidget *
create_column (int spacing)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_layout_manager (column, limber_title_layout_new (spacing));
  return column;
}

/* One wrapping text of the row of values, aligned on its baseline like the label. */
static GtkWidget *
create_line_part (GtkWidget *label)
{
  GtkWidget *part = create_column (0);

  gtk_box_append (GTK_BOX (part), label);
  return part;
}

/* "8 → 2 points", or the only value. */
static char *
format_values (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  g_autofree char *latest = limber_wording_format_value (measure, limber_trend_get_latest (trend));
  g_autofree char *baseline = NULL;

  if (limber_trend_get_n_values (trend) < 2)
    return g_steal_pointer (&latest);

  baseline = limber_wording_format_number (limber_trend_get_baseline (trend));
  /* Translators: the first and the latest value of a measure, e.g. "8 → 2 points". */
  return g_strdup_printf (C_("first and latest value", "%s → %s"), baseline, latest);
}

/* "−6 (−75%)", "+4 cm"; NULL with a single value. */
static char *
format_change (LimberTrend *trend)
{
  double percent = limber_trend_get_percent_change (trend);
  g_autofree char *change = NULL;
  g_autofree char *percent_text = NULL;

  if (limber_trend_get_n_values (trend) < 2)
    return NULL;

  change = limber_wording_format_change (limber_trend_get_change (trend));
  if (isnan (percent))
    return g_steal_pointer (&change);

  percent_text = limber_wording_format_percent (percent);
  /* Translators: a change and the same as a percentage of the first value, e.g.
   * "−6 (−75%)". */
  return g_strdup_printf (C_("change and percent change", "%s (%s)"), change, percent_text);
}

/* "Goal: 2 points — 3 points to go, expected around 12 Apr 2026": a projected day
 * already past (a course that has ended) says nothing useful and is left out. NULL
 * without a goal. */
static char *
format_goal (LimberTrend *trend)
{
  g_autofree char *goal = limber_wording_describe_goal (trend);
  const char *projected = limber_trend_get_goal_date (trend);
  g_autofree char *today = limber_date_today ();
  g_autofree char *day = NULL;

  if (goal == NULL || limber_trend_get_goal_is_met (trend) || projected == NULL ||
      strcmp (projected, today) < 0)
    return g_steal_pointer (&goal);

  day = limber_date_format_for_display (projected);
  /* Translators: a goal and when the trend reaches it, e.g. "Goal: 2 points — 3
   * points to go, expected around 12 Apr 2026". */
  return g_strdup_printf (_("%s, expected around %s"), goal, day);
}

/* "Normal: ≥ 10 cm, within the normal range" where the catalog knows a normal
 * value; NULL otherwise. */
static char *
format_normal (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  const char *normal = limber_measure_get_normal_label (measure);

  if (!limber_measure_get_has_normal (measure) || normal == NULL)
    return NULL;

  if (limber_trend_get_latest_is_normal (trend))
    /* Translators: the normal value of a measure, e.g. "Normal: 180°, within the
     * normal range" (a range of motion counts as normal within 10% of it). */
    return g_strdup_printf (_("Normal: %s, within the normal range"), normal);

  /* Translators: the normal value of a measure, e.g. "Normal: 180°". */
  return g_strdup_printf (_("Normal: %s"), normal);
}

static void
set_status (LimberMeasureCard *self,
            LimberTrend       *trend)
{
  const char *css_class = "neutral";
  const char *text;

  if (limber_trend_get_n_values (trend) < 2 &&
      !limber_measure_get_rates_change (limber_trend_get_measure (trend)))
    /* Translators: the status of a measure recorded once: nothing to compare yet. */
    text = C_("trend status", "First value");
  else
    {
      LimberTrendStatus status = limber_trend_get_status (trend);

      text = limber_wording_status_label (status);
      limber_widget_set_lazy_tooltip (GTK_WIDGET (self->status_label),
                                      limber_wording_status_tooltip (trend));
      if (status == LIMBER_TREND_STATUS_IMPROVED)
        css_class = "success";
      else if (status == LIMBER_TREND_STATUS_WORSE)
        css_class = "error";
    }

  limber_text_set_text (self->status_label, text);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

static void
limber_measure_card_build (LimberMeasureCard     *self,
                           LimberEpisodeAnalysis *analysis)
{
  LimberTrend *trend = self->trend;
  LimberMeasure *measure = limber_trend_get_measure (trend);
  g_autofree char *name = limber_wording_measure_name (measure, limber_trend_get_side (trend));
  g_autofree char *values = format_values (trend);
  g_autofree char *change = format_change (trend);
  g_autofree char *goal = format_goal (trend);
  g_autofree char *normal = format_normal (trend);
  g_autofree char *sentence = limber_wording_describe_trend (trend);
  g_autoptr(LimberChart) chart = limber_trend_chart_new_for_trends (analysis, trend, NULL);
  GtkWidget *box = create_column (4);
  GtkWidget *header = create_column (4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = create_label (name, "heading");

  /* Narrow enough for two cards side by side on the patient's page. */
  limber_text_set_max_width_chars (LIMBER_TEXT (title), 18);
  GtkWidget *sparkline = limber_chart_view_new (chart, LIMBER_CHART_STYLE_SPARKLINE);
  GString *accessible = g_string_new (sentence);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  self->status_label = LIMBER_TEXT (limber_text_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->status_label), GTK_ALIGN_START);
  set_status (self, trend);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), header);

  gtk_box_append (GTK_BOX (line), create_line_part (create_label (values, "title-3")));
  if (change != NULL)
    {
      GtkWidget *change_part = create_line_part (create_label (change, "dim-label"));

      gtk_widget_set_valign (change_part, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (line), change_part);
    }
  else if (limber_measure_get_rates_change (measure))
    {
      /* A rating of change (PGIC) is no baseline: its level in words. */
      const char *level = limber_measure_get_level_label (measure, limber_trend_get_latest (trend));

      if (level != NULL)
        gtk_box_append (GTK_BOX (line), create_line_part (create_label (level, "dim-label")));
    }
  else
    /* Translators: beside the only value of a measure so far. */
    gtk_box_append (GTK_BOX (line), create_line_part (create_label (_("Baseline"), "dim-label")));
  gtk_box_append (GTK_BOX (box), line);

  gtk_widget_set_size_request (sparkline, -1, 32);
  limber_chart_view_set_description (LIMBER_CHART_VIEW (sparkline), sentence);
  gtk_box_append (GTK_BOX (box), sparkline);

  if (goal != NULL)
    {
      gtk_box_append (GTK_BOX (box), create_label (goal, "caption"));
      g_string_append_printf (accessible, " %s.", goal);
    }
  if (normal != NULL)
    {
      gtk_box_append (GTK_BOX (box), create_label (normal, "caption"));
      g_string_append_printf (accessible, " %s.", normal);
    }

  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible->str,
                                  -1);
  g_string_free (accessible, TRUE);
}

static void
limber_measure_card_dispose (GObject *object)
{
  LimberMeasureCard *self = LIMBER_MEASURE_CARD (object);

  g_clear_object (&self->trend);

  G_OBJECT_CLASS (limber_measure_card_parent_class)->dispose (object);
}

/* A card below the fold of the patient's page is laid out with the others, which it
 * sizes, and shows its texts and chart once scrolled to; its frame draws as ever. */
static void
limber_measure_card_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  if (!limber_widget_draws_in_view (widget))
    return;

  GTK_WIDGET_CLASS (limber_measure_card_parent_class)->snapshot (widget, snapshot);
}

static void
limber_measure_card_class_init (LimberMeasureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_measure_card_dispose;
  widget_class->snapshot = limber_measure_card_snapshot;
}

static void
limber_measure_card_init (LimberMeasureCard *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "measure-card");
}

GtkWidget *
limber_measure_card_new (LimberEpisodeAnalysis *analysis,
                         LimberTrend           *trend)
{
  LimberMeasureCard *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  self = g_object_new (LIMBER_TYPE_MEASURE_CARD, NULL);
  self->trend = g_object_ref (trend);
  limber_measure_card_build (self, analysis);

  return GTK_WIDGET (self);
}

LimberTrend *
limber_measure_card_get_trend (LimberMeasureCard *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_CARD (self), NULL);

  return self->trend;
}

void
limber_measure_card_set_selected (LimberMeasureCard *self,
                                  gboolean           selected)
{
  g_return_if_fail (LIMBER_IS_MEASURE_CARD (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

const char *
limber_measure_card_get_status_text (LimberMeasureCard *self)
{
  g_return_val_if_fail (LIMBER_IS_MEASURE_CARD (self), NULL);

  return limber_text_get_text (self->status_label);
}
