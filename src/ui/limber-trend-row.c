/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-trend-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "limber-date.h"
#include "limber-trend-row.h"
#include "limber-wording.h"

struct _LimberTrendRow
{
  AdwActionRow  parent_instance;

  /* template widgets */
  GtkLabel     *value_label;
  GtkLabel     *status_label;

  /* owned */
  LimberTrend  *trend;
};

G_DEFINE_FINAL_TYPE (LimberTrendRow, limber_trend_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_TREND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Goal: 2, reached", "Goal: 2, expected around 12 Apr 2026" or "Goal: 2"; NULL
 * without a goal. A projected day already past (a course of care that has ended)
 * says nothing useful, so it is left out. */
static char *
limber_trend_row_format_goal (LimberTrend *trend)
{
  LimberMeasure *measure = limber_trend_get_measure (trend);
  double target = limber_trend_get_goal (trend);
  const char *projected = limber_trend_get_goal_date (trend);
  g_autofree char *today = limber_date_today ();
  g_autofree char *goal = NULL;
  g_autofree char *goal_date = NULL;

  if (isnan (target))
    return NULL;

  goal = limber_wording_format_value (measure, target);
  if (limber_trend_get_goal_is_met (trend))
    /* Translators: the goal of a measure, e.g. "Goal: 2, reached". */
    return g_strdup_printf (_("Goal: %s, reached"), goal);

  if (projected == NULL || strcmp (projected, today) < 0)
    /* Translators: the goal of a measure, e.g. "Goal: 2". */
    return g_strdup_printf (_("Goal: %s"), goal);

  goal_date = limber_date_format_for_display (projected);
  /* Translators: the goal and when the trend reaches it, e.g. "Goal: 2, expected
   * around 12 Apr 2026". */
  return g_strdup_printf (_("Goal: %s, expected around %s"), goal, goal_date);
}

/* "Normal: ≥ 10 cm, within the normal range" where the catalog knows a normal
 * value; NULL otherwise. */
static char *
limber_trend_row_format_normal (LimberTrend *trend)
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

/* The sentence of the analysis, then the goal and the normal value where there are
 * any, one per line. */
static char *
limber_trend_row_format_subtitle (LimberTrend *trend)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autofree char *description = limber_wording_describe_trend (trend);
  g_autofree char *goal = limber_trend_row_format_goal (trend);
  g_autofree char *normal = limber_trend_row_format_normal (trend);

  g_strv_builder_add (lines, description);
  if (goal != NULL)
    g_strv_builder_add (lines, goal);
  if (normal != NULL)
    g_strv_builder_add (lines, normal);

  strv = g_strv_builder_end (lines);
  return g_strjoinv ("\n", strv);
}

static void
limber_trend_row_set_status (LimberTrendRow *self)
{
  const char *tooltip = limber_wording_status_tooltip (self->trend);
  const char *label = NULL;
  const char *css_class = NULL;

  switch (limber_trend_get_status (self->trend))
    {
    case LIMBER_TREND_STATUS_IMPROVED:
      label = C_("trend status", "Improved");
      css_class = "success";
      break;

    case LIMBER_TREND_STATUS_WORSE:
      label = C_("trend status", "Worse");
      css_class = "error";
      break;

    case LIMBER_TREND_STATUS_NO_CHANGE:
    default:
      /* Short, so that the pills stay small; the sentence beside says more. */
      label = C_("trend status", "No change");
      css_class = "dim-label";
      break;
    }

  gtk_label_set_label (self->status_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tooltip);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

static void
limber_trend_row_update (LimberTrendRow *self)
{
  LimberMeasure *measure = limber_trend_get_measure (self->trend);
  g_autofree char *title = limber_wording_measure_name (measure,
                                                        limber_trend_get_side (self->trend));
  g_autofree char *subtitle = limber_trend_row_format_subtitle (self->trend);
  g_autofree char *latest = limber_wording_format_value (measure,
                                                         limber_trend_get_latest (self->trend));

  /* Catalog labels and sentences are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_label_set_label (self->value_label, latest);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), _("Latest value"));
  limber_trend_row_set_status (self);
}

LimberTrend *
limber_trend_row_get_trend (LimberTrendRow *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND_ROW (self), NULL);

  return self->trend;
}

void
limber_trend_row_add_pill_to_size_group (LimberTrendRow *self,
                                         GtkSizeGroup   *size_group)
{
  g_return_if_fail (LIMBER_IS_TREND_ROW (self));
  g_return_if_fail (GTK_IS_SIZE_GROUP (size_group));

  gtk_size_group_add_widget (size_group, GTK_WIDGET (self->status_label));
}

static void
limber_trend_row_constructed (GObject *object)
{
  LimberTrendRow *self = LIMBER_TREND_ROW (object);

  G_OBJECT_CLASS (limber_trend_row_parent_class)->constructed (object);

  g_assert (self->trend != NULL);
  limber_trend_row_update (self);
}

static void
limber_trend_row_dispose (GObject *object)
{
  LimberTrendRow *self = LIMBER_TREND_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_TREND_ROW);
  g_clear_object (&self->trend);

  G_OBJECT_CLASS (limber_trend_row_parent_class)->dispose (object);
}

static void
limber_trend_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LimberTrendRow *self = LIMBER_TREND_ROW (object);

  switch (prop_id)
    {
    case PROP_TREND:
      g_value_set_object (value, self->trend);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_trend_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LimberTrendRow *self = LIMBER_TREND_ROW (object);

  switch (prop_id)
    {
    case PROP_TREND:
      self->trend = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_trend_row_class_init (LimberTrendRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_trend_row_constructed;
  object_class->dispose = limber_trend_row_dispose;
  object_class->get_property = limber_trend_row_get_property;
  object_class->set_property = limber_trend_row_set_property;

  properties[PROP_TREND] =
    g_param_spec_object ("trend", NULL, NULL,
                         LIMBER_TYPE_TREND,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-trend-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberTrendRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendRow, status_label);
}

static void
limber_trend_row_init (LimberTrendRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_trend_row_new (LimberTrend *trend)
{
  g_return_val_if_fail (LIMBER_IS_TREND (trend), NULL);

  return g_object_new (LIMBER_TYPE_TREND_ROW,
                       "trend", trend,
                       NULL);
}
