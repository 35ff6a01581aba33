/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-overview"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-chart-view.h"
#include "limber-date.h"
#include "limber-episode-overview.h"
#include "limber-measure-card.h"
#include "limber-presentation-window.h"
#include "limber-tooltip.h"
#include "limber-trend-chart.h"
#include "limber-wording.h"

#define MAX_CARDS_PER_LINE 4

struct _LimberEpisodeOverview
{
  GtkWidget              parent_instance;

  /* owned */
  LimberEpisodeAnalysis *analysis;
  GPtrArray             *cards;        /* borrowed LimberMeasureCard */

  /* borrowed: children */
  GtkWidget             *box;
  GtkWidget             *chart_view;
  GtkWidget             *table_expander;
  LimberMeasure         *selected;
  guint                  n_table_rows;
};

G_DEFINE_FINAL_TYPE (LimberEpisodeOverview, limber_episode_overview, GTK_TYPE_WIDGET)

/* The trends of one measure: one, or left and right. */
static void
find_measure_trends (LimberEpisodeOverview  *self,
                     LimberMeasure          *measure,
                     LimberTrend           **first,
                     LimberTrend           **second)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);

  *first = *second = NULL;
  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);

      if (limber_trend_get_measure (trend) != measure)
        continue;
      if (*first == NULL)
        *first = trend;
      else if (*second == NULL)
        *second = trend;
    }
}

/* The chart's words: one sentence per side. */
static char *
describe_measure (LimberTrend *first,
                  LimberTrend *second)
{
  g_autofree char *one = limber_wording_describe_trend (first);
  g_autofree char *two = second != NULL ? limber_wording_describe_trend (second) : NULL;

  if (two == NULL)
    return g_steal_pointer (&one);

  return g_strjoin (" ", one, two, NULL);
}

static GtkWidget *
create_cell (const char *text,
             gboolean    header,
             gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

/* The value and change from the first value at session number n, or NULL. */
static gboolean
value_at_session (LimberTrend *trend,
                  guint        session,
                  char       **value,
                  char       **change)
{
  guint n_values = 0;
  const double *values = limber_trend_get_values (trend, &n_values);
  const guint *sessions = limber_trend_get_session_numbers (trend);
  LimberMeasure *measure = limber_trend_get_measure (trend);

  for (guint i = 0; i < n_values; i++)
    if (sessions[i] == session && limber_measure_get_rates_change (measure))
      {
        /* A rating of change (PGIC) is the change itself: its level in words, and by
         * the latest rating the analysis's verdict. */
        *value = limber_wording_format_rating (measure, values[i]);
        *change = i + 1 == n_values ? limber_wording_rating_verdict (trend) : g_strdup ("—");
        return TRUE;
      }
    else if (sessions[i] == session)
      {
        *value = limber_wording_format_value (measure, values[i]);
        if (i == 0)
          /* Translators: in the "change from baseline" column, the first value itself. */
          *change = g_strdup (C_("change column", "Baseline"));
        else
          *change = limber_wording_format_change (values[i] - values[0]);
        return TRUE;
      }

  return FALSE;
}

static void
add_table_header (GtkGrid     *grid,
                  LimberTrend *first,
                  LimberTrend *second)
{
  LimberTrend *trends[2] = { first, second };
  int column = 2;

  gtk_grid_attach (grid, create_cell (_("Session"), TRUE, FALSE), 0, 0, 1, 1);
  gtk_grid_attach (grid, create_cell (_("Date"), TRUE, FALSE), 1, 0, 1, 1);

  for (guint t = 0; t < G_N_ELEMENTS (trends) && trends[t] != NULL; t++)
    {
      LimberSide side = limber_trend_get_side (trends[t]);
      g_autofree char *value = NULL;
      g_autofree char *change = NULL;

      if (second != NULL)
        {
          /* Translators: a column of values of one side, e.g. "Left". */
          value = g_strdup (limber_side_get_label (side));
          /* Translators: the change column of one side, e.g. "Left: change". */
          change = g_strdup_printf (_("%s: change from baseline"), limber_side_get_label (side));
        }
      else
        {
          value = g_strdup (_("Value"));
          change = g_strdup (limber_measure_get_rates_change (limber_trend_get_measure (trends[t]))
                             ? _("Status")
                             : _("Change from baseline"));
        }

      gtk_grid_attach (grid, create_cell (value, TRUE, TRUE), column++, 0, 1, 1);
      gtk_grid_attach (grid, create_cell (change, TRUE, TRUE), column++, 0, 1, 1);
    }
}

/* The visits, then the outcome contacts (a rating given at discharge without a
 * visit): session numbers 1, 2, … in that order, as the trends count them. */
static guint
count_numbered (LimberEpisodeOverview *self)
{
  return limber_episode_analysis_get_sessions (self->analysis)->len
         + limber_episode_analysis_get_outcome_contacts (self->analysis)->len;
}

/* The sessions where one of the trends has a value: the rows of the table. */
static guint
count_table_rows (LimberEpisodeOverview *self,
                  LimberTrend           *first,
                  LimberTrend           *second)
{
  guint n_numbered = count_numbered (self);
  LimberTrend *trends[2] = { first, second };
  guint n_rows = 0;

  for (guint s = 0; s < n_numbered; s++)
    {
      gboolean any = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (trends) && trends[t] != NULL && !any; t++)
        {
          guint n_values = 0;
          const guint *numbers = limber_trend_get_session_numbers (trends[t]);

          limber_trend_get_values (trends[t], &n_values);
          for (guint i = 0; i < n_values && !any; i++)
            any = numbers[i] == s + 1;
        }
      if (any)
        n_rows++;
    }

  return n_rows;
}

static GtkWidget *
create_table (LimberEpisodeOverview *self,
              LimberTrend           *first,
              LimberTrend           *second)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (self->analysis);
  GPtrArray *contacts = limber_episode_analysis_get_outcome_contacts (self->analysis);
  guint n_numbered = count_numbered (self);
  GtkWidget *grid = gtk_grid_new ();
  LimberTrend *trends[2] = { first, second };
  int row = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "values-table");
  add_table_header (GTK_GRID (grid), first, second);

  for (guint s = 0; s < n_numbered; s++)
    {
      guint number = s + 1;
      gboolean any = FALSE;
      int column = 2;

      for (guint t = 0; t < G_N_ELEMENTS (trends) && trends[t] != NULL; t++)
        {
          g_autofree char *value = NULL;
          g_autofree char *change = NULL;

          if (value_at_session (trends[t], number, &value, &change))
            {
              gtk_grid_attach (GTK_GRID (grid), create_cell (value, FALSE, TRUE), column, row, 1, 1);
              gtk_grid_attach (GTK_GRID (grid), create_cell (change, FALSE, TRUE), column + 1, row,
                               1, 1);
              any = TRUE;
            }
          column += 2;
        }

      if (any)
        {
          gboolean visit = s < sessions->len;
          LimberSession *session = visit ? g_ptr_array_index (sessions, s)
                                         : g_ptr_array_index (contacts, s - sessions->len);
          g_autofree char *day = limber_date_time_get_date (limber_session_get_date (session));
          g_autofree char *date = limber_date_format_for_display (day);
          /* A rating given without a visit has no session number. */
          g_autofree char *text = visit ? g_strdup_printf ("%u", number) : g_strdup (_("Discharge"));

          gtk_grid_attach (GTK_GRID (grid), create_cell (text, FALSE, FALSE), 0, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), create_cell (date, FALSE, FALSE), 1, row, 1, 1);
          row++;
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Values by session"), -1);

  return grid;
}

static void
update_selection (LimberEpisodeOverview *self)
{
  LimberTrend *first, *second;
  g_autoptr(LimberChart) chart = NULL;
  g_autofree char *description = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *expander_title = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      LimberMeasureCard *card = g_ptr_array_index (self->cards, i);

      limber_measure_card_set_selected (card, limber_trend_get_measure (
                                                limber_measure_card_get_trend (card)) ==
                                                self->selected);
    }

  find_measure_trends (self, self->selected, &first, &second);
  if (first == NULL || self->chart_view == NULL)
    return;

  chart = limber_trend_chart_new_for_trends (self->analysis, first, second);
  description = describe_measure (first, second);
  notes = limber_trend_chart_describe_notes (chart);
  if (notes != NULL)
    {
      char *with_notes = g_strjoin (" ", description, notes, NULL);

      g_free (description);
      description = with_notes;
    }
  limber_chart_view_set_chart (LIMBER_CHART_VIEW (self->chart_view), chart);
  limber_chart_view_set_description (LIMBER_CHART_VIEW (self->chart_view), description);

  /* The table is made when it is first opened: a course of sixty sessions makes
   * hundreds of cells, which a patient switch should not wait for. */
  self->n_table_rows = count_table_rows (self, first, second);
  gtk_expander_set_child (GTK_EXPANDER (self->table_expander), NULL);
  if (gtk_expander_get_expanded (GTK_EXPANDER (self->table_expander)))
    gtk_expander_set_child (GTK_EXPANDER (self->table_expander), create_table (self, first, second));
  /* Translators: the expander over the table of a measure's values, e.g. "Pain (0–10)
   * by session". */
  expander_title = g_strdup_printf (_("%s by session"), limber_chart_get_title (chart));
  gtk_label_set_text (GTK_LABEL (gtk_expander_get_label_widget (GTK_EXPANDER (self->table_expander))),
                      expander_title);
  /* GTK 4.8 does not name an expander after its label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, expander_title, -1);
}

static void
on_table_expanded_cb (GtkExpander           *expander,
                      GParamSpec            *pspec,
                      LimberEpisodeOverview *self)
{
  LimberTrend *first, *second;

  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL)
    return;

  find_measure_trends (self, self->selected, &first, &second);
  if (first != NULL)
    gtk_expander_set_child (expander, create_table (self, first, second));
}

static void
on_card_clicked_cb (LimberMeasureCard     *card,
                    LimberEpisodeOverview *self)
{
  limber_episode_overview_select_measure (
    self, limber_trend_get_measure (limber_measure_card_get_trend (card)));
  gtk_widget_grab_focus (self->chart_view);
}

static void
on_present_clicked_cb (GtkButton             *button,
                       LimberEpisodeOverview *self)
{
  limber_episode_overview_present (self);
}

static gboolean
on_present_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  limber_episode_overview_present (LIMBER_EPISODE_OVERVIEW (widget));
  return TRUE;
}

/* The measure that decides the course's success, else the first. */
static LimberMeasure *
default_measure (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOutcome *outcome = limber_episode_analysis_get_outcome (analysis);
  LimberTrend *deciding = outcome != NULL ? limber_episode_outcome_get_deciding_trend (outcome)
                                          : NULL;
  GPtrArray *trends = limber_episode_analysis_get_trends (analysis);

  if (deciding != NULL)
    return limber_trend_get_measure (deciding);
  if (trends->len > 0)
    return limber_trend_get_measure (g_ptr_array_index (trends, 0));

  return NULL;
}

static void
limber_episode_overview_build_cards (LimberEpisodeOverview *self)
{
  GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);
  GtkWidget *flow_box;

  if (trends->len == 0)
    return;

  flow_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow_box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow_box), MAX_CARDS_PER_LINE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow_box), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Measures"), -1);

  for (guint i = 0; i < trends->len; i++)
    {
      LimberTrend *trend = g_ptr_array_index (trends, i);
      GtkWidget *card = limber_measure_card_new (self->analysis, trend);
      /* The card is the control; its flow box cell is only a place, which keeps the
       * cell role of a grid: GTK 4.8 tells screen readers nothing of what a cell of
       * the presentation role holds, the cards included. The cell bears the card's
       * name, or a screen reader would read out GTK's name of its type. */
      GtkWidget *child = gtk_flow_box_child_new ();
      g_autofree char *name = limber_wording_measure_name (limber_trend_get_measure (trend),
                                                           limber_trend_get_side (trend));

      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      g_signal_connect (card, "clicked", G_CALLBACK (on_card_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow_box), child);
      g_ptr_array_add (self->cards, card);
    }
  gtk_box_append (GTK_BOX (self->box), flow_box);

  /* The chosen card shows as chosen from the start; the chart follows it once made. */
  self->selected = default_measure (self->analysis);
  update_selection (self);
}

/* The chosen measure's large chart, its table and Show to Patient, under the cards. */
static void
limber_episode_overview_build_chart (LimberEpisodeOverview *self)
{
  GtkWidget *present, *chart_card, *chart_box, *expander_label;

  if (self->chart_view != NULL || self->cards->len == 0)
    return;

  chart_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (chart_card, "card");
  gtk_widget_add_css_class (chart_card, "chart-card");
  chart_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->chart_view = limber_chart_view_new (NULL, LIMBER_CHART_STYLE_FULL);
  gtk_widget_set_hexpand (self->chart_view, TRUE);
  gtk_widget_set_size_request (self->chart_view, -1, 300);
  gtk_box_append (GTK_BOX (chart_card), self->chart_view);

  self->table_expander = gtk_expander_new (NULL);
  /* A long measure name wraps, so that the page still fits a phone (360 px). */
  expander_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (expander_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (expander_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (expander_label), 0);
  gtk_expander_set_label_widget (GTK_EXPANDER (self->table_expander), expander_label);
  g_signal_connect (self->table_expander, "notify::expanded", G_CALLBACK (on_table_expanded_cb),
                    self);
  gtk_box_append (GTK_BOX (chart_box), self->table_expander);
  gtk_widget_set_hexpand (self->table_expander, TRUE);

  present = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (present),
                        adw_button_content_new ());
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (present))),
                                    "view-fullscreen-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (present))),
                                _("Show to Patient"));
  limber_widget_set_lazy_tooltip (present,
                                  _("Show this course of care to the patient, full screen (F11)"));
  gtk_widget_set_valign (present, GTK_ALIGN_START);
  g_signal_connect (present, "clicked", G_CALLBACK (on_present_clicked_cb), self);
  gtk_box_append (GTK_BOX (chart_box), present);
  gtk_box_append (GTK_BOX (chart_card), chart_box);

  gtk_box_append (GTK_BOX (self->box), chart_card);

  update_selection (self);
}

static void
limber_episode_overview_dispose (GObject *object)
{
  LimberEpisodeOverview *self = LIMBER_EPISODE_OVERVIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->chart_view = NULL;
  self->table_expander = NULL;
  g_ptr_array_set_size (self->cards, 0);
  g_clear_object (&self->analysis);

  G_OBJECT_CLASS (limber_episode_overview_parent_class)->dispose (object);
}

static void
limber_episode_overview_finalize (GObject *object)
{
  LimberEpisodeOverview *self = LIMBER_EPISODE_OVERVIEW (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_episode_overview_parent_class)->finalize (object);
}

static void
limber_episode_overview_class_init (LimberEpisodeOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_episode_overview_dispose;
  object_class->finalize = limber_episode_overview_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "episode-overview");
}

static void
limber_episode_overview_init (LimberEpisodeOverview *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->cards = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* F11 anywhere in the window shows the course to the patient. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                                                          gtk_callback_action_new (on_present_shortcut_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
limber_episode_overview_new (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOverview *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  self = g_object_new (LIMBER_TYPE_EPISODE_OVERVIEW, NULL);
  self->analysis = g_object_ref (analysis);
  limber_episode_overview_build_cards (self);
  limber_episode_overview_build_chart (self);

  return GTK_WIDGET (self);
}

GtkWidget *
limber_episode_overview_new_cards (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeOverview *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  self = g_object_new (LIMBER_TYPE_EPISODE_OVERVIEW, NULL);
  self->analysis = g_object_ref (analysis);
  limber_episode_overview_build_cards (self);

  return GTK_WIDGET (self);
}

gboolean
limber_episode_overview_get_has_chart (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), FALSE);

  return self->chart_view != NULL || self->cards->len == 0;
}

void
limber_episode_overview_add_chart (LimberEpisodeOverview *self)
{
  g_return_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self));

  limber_episode_overview_build_chart (self);
}

LimberEpisodeAnalysis *
limber_episode_overview_get_analysis (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), NULL);

  return self->analysis;
}

GPtrArray *
limber_episode_overview_get_cards (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), NULL);

  return self->cards;
}

GtkWidget *
limber_episode_overview_get_chart_view (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), NULL);

  return self->chart_view;
}

void
limber_episode_overview_select_measure (LimberEpisodeOverview *self,
                                        LimberMeasure         *measure)
{
  g_return_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self));
  g_return_if_fail (measure == NULL || LIMBER_IS_MEASURE (measure));

  if (self->cards->len == 0 || measure == NULL)
    return;

  self->selected = measure;
  update_selection (self);
}

LimberMeasure *
limber_episode_overview_get_selected_measure (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), NULL);

  return self->selected;
}

guint
limber_episode_overview_get_n_table_rows (LimberEpisodeOverview *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), 0);

  return self->n_table_rows;
}

GtkWidget *
limber_episode_overview_present (LimberEpisodeOverview *self)
{
  GtkRoot *root;
  GtkWidget *window;

  g_return_val_if_fail (LIMBER_IS_EPISODE_OVERVIEW (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = limber_presentation_window_new (self->analysis);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (window),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_fullscreen (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));

  return window;
}
