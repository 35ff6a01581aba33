/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-group"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-button-name.h"
#include "limber-date.h"
#include "limber-episode-group.h"
#include "limber-episode-overview.h"
#include "limber-session-list.h"
#include "limber-text-row.h"
#include "limber-title-layout.h"
#include "limber-wording.h"

struct _LimberEpisodeGroup
{
  AdwPreferencesGroup  parent_instance;

  /* owned */
  LimberEpisodeAnalysis *analysis;
  LimberEpisode       *episode;
  char                *outcome_text;
  guint                n_trends;

  /* borrowed: children */
  GtkWidget           *overview;
  GtkWidget           *session_list;
};

G_DEFINE_FINAL_TYPE (LimberEpisodeGroup, limber_episode_group, ADW_TYPE_PREFERENCES_GROUP)

static gboolean
limber_episode_group_has_body_region (LimberEpisode *episode)
{
  const char *body_region = limber_episode_get_body_region (episode);

  return body_region != NULL && body_region[0] != '\0';
}

/* "Low back pain", or "Shoulder pain (right)": the side is named here only when the
 * body region in the description ("Right shoulder") does not already say it. */
static char *
limber_episode_group_format_name (LimberEpisode *episode)
{
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  LimberSide side = limber_episode_get_side (episode);
  const char *name = condition != NULL ? limber_condition_get_label (condition)
                                       : limber_episode_get_condition (episode);

  if (side != LIMBER_SIDE_NONE && !limber_episode_group_has_body_region (episode))
    return g_strdup_printf (C_("condition and side", "%s (%s)"), name,
                            limber_side_get_label (side));

  return g_strdup (name);
}

char *
limber_episode_group_format_title (LimberEpisode *episode)
{
  g_autofree char *name = limber_episode_group_format_name (episode);
  g_autofree char *start = limber_date_format_for_display (limber_episode_get_start_date (episode));

  /* Translators: a course of care and the day it started, e.g.
   * "Low back pain · since 3 Mar 2026". */
  return g_strdup_printf (_("%s · since %s"), name, start);
}

/* "since 3 Mar 2026 · Lumbar · 6 of 6 planned sessions · discharged 24 Mar 2026" or
 * "… · in progress": the title beside New Session cannot wrap, this can. */
static char *
limber_episode_group_format_description (LimberEpisode *episode,
                                         guint          n_sessions)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *discharge = limber_episode_get_discharge_date (episode);
  guint planned = limber_episode_get_planned_sessions (episode);
  g_autofree char *start = limber_date_format_for_display (limber_episode_get_start_date (episode));

  /* Translators: the day a course of care started, e.g. "since 3 Mar 2026". */
  g_ptr_array_add (parts, g_strdup_printf (_("since %s"), start));
  if (limber_episode_group_has_body_region (episode))
    g_ptr_array_add (parts, g_strdup (limber_episode_get_body_region (episode)));

  if (planned > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u of %u planned session",
                                                       "%u of %u planned sessions",
                                                       planned),
                                             n_sessions, planned));
  else
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u session", "%u sessions",
                                                       n_sessions),
                                             n_sessions));

  if (discharge != NULL && discharge[0] != '\0')
    {
      g_autofree char *day = limber_date_format_for_display (discharge);

      /* Translators: e.g. "discharged 24 Mar 2026" */
      g_ptr_array_add (parts, g_strdup_printf (_("discharged %s"), day));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("in progress")));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Names and notes are the clinic's text, never markup. */
static GtkWidget *
limber_episode_group_create_row (const char *title,
                                 const char *subtitle)
{
  return limber_text_row_new (title, subtitle);
}

/* "Pain (0–10) ≤ 2 points · Lumbar flexion ≥ 60°". */
static char *
limber_episode_group_format_goals (GPtrArray *goals)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < goals->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (goals, i);
      LimberMeasure *measure = limber_measure_lookup (limber_goal_get_measure (goal));
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (measure == NULL)
        continue;
      name = limber_wording_measure_name (measure, limber_goal_get_side (goal));
      value = limber_wording_format_value (measure, limber_goal_get_target (goal));
      g_ptr_array_add (parts, g_strdup_printf ("%s %s %s", name,
                                               limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                                                 ? "≤" : "≥",
                                               value));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
limber_episode_group_create_outcome_row (LimberEpisodeGroup *self)
{
  LimberEpisodeOutcome *outcome = limber_episode_analysis_get_outcome (self->analysis);
  LimberSuccess success = limber_episode_outcome_get_success (outcome);
  g_autofree char *subtitle = limber_wording_describe_outcome (self->analysis);
  const char *icon_name;
  GtkWidget *row;
  GtkWidget *icon;

  switch (success)
    {
    case LIMBER_SUCCESS_YES:
      icon_name = "emblem-ok-symbolic";
      break;

    case LIMBER_SUCCESS_NO:
      /* A clock while there is still time to respond. */
      icon_name = limber_episode_is_open (self->episode) ? "document-open-recent-symbolic"
                                                         : "action-unavailable-symbolic";
      break;

    case LIMBER_SUCCESS_UNKNOWN:
    default:
      icon_name = "dialog-question-symbolic";
      break;
    }

  self->outcome_text = limber_wording_outcome_title (self->analysis);
  row = limber_episode_group_create_row (self->outcome_text, subtitle);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, success == LIMBER_SUCCESS_YES ? "success" : "dim-label");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"),
                                  -1);
  limber_text_row_add_prefix (LIMBER_TEXT_ROW (row), icon);

  return row;
}

/* Records a session of this course of care in the session editor; a discharged
 * course takes no more, and the button says why. */
static GtkWidget *
limber_episode_group_create_new_session_button (LimberEpisodeGroup *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* A box rather than AdwButtonContent, which would name the button a second time. */
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (content), gtk_label_new (_("New Session")));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  limber_button_set_accessible_name (button, _("New Session"));

  if (limber_episode_is_open (self->episode))
    {
      gtk_widget_set_tooltip_text (button, _("Record a Session (Ctrl+N)"));
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-session");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                        limber_episode_get_id (self->episode));
    }
  else
    {
      g_autofree char *day = limber_date_format_for_display (limber_episode_get_discharge_date (self->episode));
      g_autofree char *why = NULL;

      /* Translators: the tooltip of New Session on a discharged course of care. */
      why = g_strdup_printf (_("This course of care was discharged on %s; reopen it to record "
                               "a session"),
                             day);
      gtk_widget_set_tooltip_text (button, why);
      gtk_widget_set_sensitive (button, FALSE);
    }

  return button;
}

/* Edit, discharge or reopen this course of care, or start another: the menu is made
 * when it first opens, as most pages are only looked at. */
static void
create_course_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  LimberEpisodeGroup *self = LIMBER_EPISODE_GROUP (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GVariant *target;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;

  target = g_variant_new_int64 (limber_episode_get_id (self->episode));

  g_variant_ref_sink (target);
  item = g_menu_item_new (_("_Edit Course of Care…"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.edit-course", target);
  g_menu_append_item (section, item);
  g_clear_object (&item);

  if (limber_episode_is_open (self->episode))
    item = g_menu_item_new (_("_Discharge…"), NULL);
  else
    item = g_menu_item_new (_("Edit _Discharge…"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.discharge-course", target);
  g_menu_append_item (section, item);
  g_clear_object (&item);

  if (!limber_episode_is_open (self->episode))
    {
      item = g_menu_item_new (_("_Reopen Course of Care"), NULL);
      g_menu_item_set_action_and_target_value (item, "win.reopen-course", target);
      g_menu_append_item (section, item);
      g_clear_object (&item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_variant_unref (target);

  g_menu_append (menu, _("_Start Another Course of Care…"), "win.start-course");

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static GtkWidget *
limber_episode_group_create_menu_button (LimberEpisodeGroup *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  /* The group outlives its button: the button is its child. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_course_menu_cb, self,
                                         NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Course of Care Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Course of care actions"), -1);
  return button;
}

static GtkWidget *
limber_episode_group_create_header_suffix (LimberEpisodeGroup *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), limber_episode_group_create_new_session_button (self));
  gtk_box_append (GTK_BOX (box), limber_episode_group_create_menu_button (self));
  return box;
}

static void
limber_episode_group_fill (LimberEpisodeGroup *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  GPtrArray *trends = limber_episode_analysis_get_trends (self->analysis);
  g_autofree char *title = limber_episode_group_format_name (self->episode);
  g_autofree char *description = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *description_markup = NULL;

  /* The group's title and description are markup; the clinic's text is not. */
  description = limber_episode_group_format_description (self->episode,
                                                         limber_episode_analysis_get_n_sessions (self->analysis));
  title_markup = g_markup_escape_text (title, -1);
  description_markup = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (group, title_markup);
  adw_preferences_group_set_description (group, description_markup);
  limber_title_layout_apply_to_group (group);

  adw_preferences_group_set_header_suffix (group, limber_episode_group_create_header_suffix (self));

  adw_preferences_group_add (group, limber_episode_group_create_outcome_row (self));

  self->n_trends = trends->len;
  if (trends->len == 0)
    {
      GPtrArray *goals = limber_episode_analysis_get_goals (self->analysis);

      adw_preferences_group_add (group,
                                 limber_episode_group_create_row (_("No measurements yet"),
                                                                  _("Values recorded at sessions show here with how they changed.")));
      /* Until values show them on their cards, the goals are listed here. */
      if (goals->len > 0)
        {
          g_autofree char *listed = limber_episode_group_format_goals (goals);

          adw_preferences_group_add (group, limber_episode_group_create_row (_("Goals"), listed));
        }
    }

  /* A card per measure under the rows; the chosen measure's chart and the sessions
   * come with limber_episode_group_build_more(). */
  if (trends->len > 0)
    {
      self->overview = limber_episode_overview_new_cards (self->analysis);
      gtk_widget_set_margin_top (self->overview, 12);
      adw_preferences_group_add (group, self->overview);
    }
}

gboolean
limber_episode_group_build_more (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), FALSE);

  if (self->overview != NULL
      && !limber_episode_overview_get_has_chart (LIMBER_EPISODE_OVERVIEW (self->overview)))
    limber_episode_overview_add_chart (LIMBER_EPISODE_OVERVIEW (self->overview));
  else if (self->session_list == NULL)
    {
      /* The sessions, the newest first, with the plan's progress. */
      self->session_list = limber_session_list_new (self->analysis);
      gtk_widget_set_margin_top (self->session_list, 18);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->session_list);
    }

  return !limber_episode_group_get_complete (self);
}

gboolean
limber_episode_group_get_complete (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), FALSE);

  return self->session_list != NULL;
}

LimberEpisode *
limber_episode_group_get_episode (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), NULL);

  return self->episode;
}

guint
limber_episode_group_get_n_trends (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), 0);

  return self->n_trends;
}

GtkWidget *
limber_episode_group_get_overview (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), NULL);

  return self->overview;
}

GtkWidget *
limber_episode_group_get_session_list (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), NULL);

  return self->session_list;
}

const char *
limber_episode_group_get_outcome_text (LimberEpisodeGroup *self)
{
  g_return_val_if_fail (LIMBER_IS_EPISODE_GROUP (self), NULL);

  return self->outcome_text;
}

static void
limber_episode_group_dispose (GObject *object)
{
  LimberEpisodeGroup *self = LIMBER_EPISODE_GROUP (object);

  g_clear_object (&self->episode);
  g_clear_object (&self->analysis);

  G_OBJECT_CLASS (limber_episode_group_parent_class)->dispose (object);
}

static void
limber_episode_group_finalize (GObject *object)
{
  LimberEpisodeGroup *self = LIMBER_EPISODE_GROUP (object);

  g_clear_pointer (&self->outcome_text, g_free);

  G_OBJECT_CLASS (limber_episode_group_parent_class)->finalize (object);
}

static void
limber_episode_group_class_init (LimberEpisodeGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_episode_group_dispose;
  object_class->finalize = limber_episode_group_finalize;
}

static void
limber_episode_group_init (LimberEpisodeGroup *self)
{
}

GtkWidget *
limber_episode_group_new (LimberEpisodeAnalysis *analysis)
{
  LimberEpisodeGroup *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  self = g_object_new (LIMBER_TYPE_EPISODE_GROUP, NULL);
  self->analysis = g_object_ref (analysis);
  self->episode = g_object_ref (limber_episode_analysis_get_episode (analysis));
  limber_episode_group_fill (self);

  return GTK_WIDGET (self);
}
