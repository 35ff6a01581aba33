/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-course-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "limber-button-name.h"
#include "limber-course-dialog-private.h"
#include "limber-date-input.h"
#include "limber-discard-dialog.h"
#include "limber-value.h"
#include "limber-wording.h"

/* The plan's limits, as the store keeps them. */
#define PER_WEEK_MAX    7
#define WEEKS_MAX       52
#define PLANNED_MAX     100
#define DEFAULT_PER_WEEK 2
#define DEFAULT_WEEKS    3

G_DEFINE_FINAL_TYPE (LimberCourseDialog, limber_course_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATIENT_ID,
  PROP_EPISODE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One goal of the form: the measure, its side where it has sides, and the target. */
typedef struct
{
  LimberMeasure *measure;        /* borrowed from the catalog */
  LimberGoal    *stored;         /* the stored goal it shows, or NULL */
  GtkWidget     *row;
  GtkWidget     *side_dropdown;  /* NULL for a measure without sides */
  GtkWidget     *target_entry;
  GtkWidget     *remove_button;
} GoalRow;

static void
goal_row_free (gpointer pointer)
{
  GoalRow *goal = pointer;

  g_clear_object (&goal->stored);
  g_free (goal);
}

static void limber_course_dialog_validate (LimberCourseDialog *self);

/* ----- Reading the fields ----- */

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static LimberCondition *
limber_course_dialog_get_condition (LimberCourseDialog *self)
{
  return adw_combo_row_get_selected_item (self->condition_row);
}

static LimberSide
goal_row_get_side (GoalRow *goal)
{
  if (goal->side_dropdown == NULL)
    return LIMBER_SIDE_NONE;

  return gtk_drop_down_get_selected (GTK_DROP_DOWN (goal->side_dropdown)) == 1
           ? LIMBER_SIDE_RIGHT : LIMBER_SIDE_LEFT;
}

/* "Lumbar flexion" or "Shoulder abduction, left": how messages name a goal. */
static char *
goal_row_dup_name (GoalRow *goal)
{
  return limber_wording_measure_name (goal->measure, goal_row_get_side (goal));
}

/* The side the course of care is of (NONE when not sided or not said). */
static LimberSide
limber_course_dialog_get_side (LimberCourseDialog *self)
{
  LimberCondition *condition = limber_course_dialog_get_condition (self);

  if (condition == NULL || !limber_condition_get_sided (condition))
    return LIMBER_SIDE_NONE;

  switch (adw_combo_row_get_selected (self->side_row))
    {
    case 1:
      return LIMBER_SIDE_LEFT;
    case 2:
      return LIMBER_SIDE_RIGHT;
    default:
      return LIMBER_SIDE_NONE;
    }
}

/* Everything the fields hold, to tell whether the clinic changed anything. */
static char *
limber_course_dialog_dup_state (LimberCourseDialog *self)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autofree char *onset = dup_text (self->onset_row);
  g_autofree char *start = dup_text (self->start_row);
  g_autofree char *per_week = dup_text (self->per_week_row);
  g_autofree char *weeks = dup_text (self->weeks_row);

  g_autofree char *note = limber_edit_flow_dup_note (self->note_view);

  g_string_append_printf (state, "%u|%u|%s|%s|%s|%s", adw_combo_row_get_selected (self->condition_row),
                          adw_combo_row_get_selected (self->side_row), onset, start, per_week, weeks);
  for (guint i = 0; i < self->goals->len; i++)
    {
      GoalRow *goal = g_ptr_array_index (self->goals, i);
      g_autofree char *target = dup_text (goal->target_entry);

      g_string_append_printf (state, "|%s:%d:%s", limber_measure_get_code (goal->measure),
                              goal_row_get_side (goal), target);
    }
  /* Last: a note may hold any character. */
  g_string_append_printf (state, "|%s", note);

  return g_string_free (g_steal_pointer (&state), FALSE);
}

gboolean
limber_course_dialog_is_modified (LimberCourseDialog *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), FALSE);

  state = limber_course_dialog_dup_state (self);
  return g_strcmp0 (state, self->initial_state) != 0;
}

/* ----- Checking as the clinic types ----- */

static void
mark_field (gpointer widget,
            gboolean at_fault)
{
  if (at_fault)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

/* A whole number of the plan from 1 to max, or 0 for an empty field; FALSE with a
 * message for anything else. */
static gboolean
read_plan_number (gpointer     row,
                  guint        max,
                  const char  *field,
                  guint       *number,
                  GPtrArray   *messages)
{
  g_autofree char *text = dup_text (row);
  g_autoptr(GError) error = NULL;
  double value = NAN;

  *number = 0;
  if (limber_value_parse (text, &value, &error) && isnan (value))
    return TRUE;

  if (error == NULL)
    limber_value_check_range (value, 1, max, TRUE, &error);
  if (error != NULL)
    {
      /* Translators: a field and what is wrong with it, e.g. "Weeks: 60 is outside 1–52". */
      g_ptr_array_add (messages, g_strdup_printf (C_("field and message", "%s: %s"), field,
                                                  error->message));
      return FALSE;
    }

  *number = (guint) value;
  return TRUE;
}

static gboolean
limber_course_dialog_plan_unchanged (LimberCourseDialog *self)
{
  g_autofree char *per_week = NULL;
  g_autofree char *weeks = NULL;
  g_auto(GStrv) initial = NULL;

  if (self->episode == NULL || self->initial_state == NULL)
    return FALSE;

  per_week = dup_text (self->per_week_row);
  weeks = dup_text (self->weeks_row);
  initial = g_strsplit (self->initial_state, "|", -1);
  return g_strv_length (initial) >= 6 && g_str_equal (initial[4], per_week)
         && g_str_equal (initial[5], weeks);
}

/* The plan the fields describe: sessions a week and in all (0 and 0: no plan). An
 * edited course keeps its stored plan while its fields are left alone, since that
 * plan need not be a whole number of weeks. */
static gboolean
limber_course_dialog_read_plan (LimberCourseDialog *self,
                                guint              *per_week,
                                guint              *planned,
                                GPtrArray          *messages)
{
  guint weeks = 0;
  gboolean per_week_ok;
  gboolean weeks_ok;

  per_week_ok = read_plan_number (self->per_week_row, PER_WEEK_MAX, _("Sessions per week"),
                                  per_week, messages);
  weeks_ok = read_plan_number (self->weeks_row, WEEKS_MAX, _("Weeks"), &weeks, messages);
  mark_field (self->per_week_row, !per_week_ok);
  mark_field (self->weeks_row, !weeks_ok);
  if (!per_week_ok || !weeks_ok)
    return FALSE;

  if (limber_course_dialog_plan_unchanged (self))
    {
      *per_week = limber_episode_get_sessions_per_week (self->episode);
      *planned = limber_episode_get_planned_sessions (self->episode);
      return TRUE;
    }

  if ((*per_week == 0) != (weeks == 0))
    {
      g_ptr_array_add (messages, g_strdup (_("Give both the sessions per week and the weeks "
                                             "of the plan, or neither")));
      mark_field (*per_week == 0 ? self->per_week_row : self->weeks_row, TRUE);
      return FALSE;
    }

  *planned = *per_week * weeks;
  if (*planned > PLANNED_MAX)
    {
      g_ptr_array_add (messages,
                       g_strdup_printf (_("%u × %u is %u sessions; a plan holds at most %u"),
                                        *per_week, weeks, *planned, PLANNED_MAX));
      mark_field (self->per_week_row, TRUE);
      mark_field (self->weeks_row, TRUE);
      return FALSE;
    }

  return TRUE;
}

static void
limber_course_dialog_describe_plan (LimberCourseDialog *self,
                                    guint               planned)
{
  g_autofree char *description = NULL;

  if (planned == 0)
    description = g_strdup (_("No plan: sessions are counted without a number to reach."));
  else
    description = g_strdup_printf (ngettext ("%u session in all.", "%u sessions in all.",
                                             planned),
                                   planned);
  adw_preferences_group_set_description (self->plan_group, description);
}

/* A date field: empty is allowed only when optional. */
static const char *
check_date_row (LimberDateRow *row,
                const char    *field,
                gboolean       optional,
                GPtrArray     *messages)
{
  g_autofree char *text = dup_text (row);

  if (!limber_date_row_get_valid (row))
    {
      g_autofree char *hint = limber_date_get_locale_hint ();

      /* Translators: a date field, what was typed and what to type, e.g.
       * "Start date: “31/02/2026” is not a day; type DD/MM/YYYY or YYYY-MM-DD". */
      g_ptr_array_add (messages,
                       g_strdup_printf (_("%s: “%s” is not a day; type %s or YYYY-MM-DD"),
                                        field, text, hint));
      mark_field (row, TRUE);
      return NULL;
    }

  if (!optional && limber_date_row_get_date (row) == NULL)
    {
      /* Translators: %s is a date field, e.g. "Start date". */
      g_ptr_array_add (messages, g_strdup_printf (_("%s: type the day"), field));
      mark_field (row, TRUE);
      return NULL;
    }

  mark_field (row, FALSE);
  return limber_date_row_get_date (row);
}

static void
limber_course_dialog_check_dates (LimberCourseDialog *self,
                                  GPtrArray          *messages)
{
  const char *onset = check_date_row (self->onset_row, _("Onset"), TRUE, messages);
  const char *start = check_date_row (self->start_row, _("Start date"), FALSE, messages);
  const char *discharge = self->episode != NULL
                            ? limber_episode_get_discharge_date (self->episode) : NULL;

  if (onset != NULL && start != NULL && g_strcmp0 (onset, start) > 0)
    {
      g_ptr_array_add (messages, g_strdup (_("The onset cannot be after the start date")));
      mark_field (self->onset_row, TRUE);
    }

  if (start != NULL && discharge != NULL && g_strcmp0 (start, discharge) > 0)
    {
      g_autofree char *day = limber_date_format_in_words (discharge);

      g_ptr_array_add (messages,
                       g_strdup_printf (_("The start date cannot be after the discharge on %s"),
                                        day));
      mark_field (self->start_row, TRUE);
    }
}

static void
limber_course_dialog_check_goals (LimberCourseDialog *self,
                                  GPtrArray          *messages)
{
  for (guint i = 0; i < self->goals->len; i++)
    {
      GoalRow *goal = g_ptr_array_index (self->goals, i);
      g_autofree char *name = goal_row_dup_name (goal);
      g_autofree char *text = dup_text (goal->target_entry);
      g_autoptr(GError) error = NULL;
      gboolean at_fault = FALSE;
      double value = NAN;

      if (limber_value_parse (text, &value, &error) && isnan (value))
        {
          /* Translators: %s names a goal's measure, e.g. "Pain (0–10)". */
          g_ptr_array_add (messages, g_strdup_printf (_("%s: type the value to reach"), name));
          at_fault = TRUE;
        }
      else if (error != NULL || !limber_value_check (goal->measure, value, &error))
        {
          g_ptr_array_add (messages, g_strdup_printf (C_("field and message", "%s: %s"), name,
                                                      error->message));
          at_fault = TRUE;
        }

      for (guint j = 0; j < i && !at_fault; j++)
        {
          GoalRow *other = g_ptr_array_index (self->goals, j);

          if (other->measure == goal->measure && goal_row_get_side (other) == goal_row_get_side (goal))
            {
              /* Translators: %s names a measure, e.g. "Lumbar flexion". */
              g_ptr_array_add (messages, g_strdup_printf (_("%s has two goals: keep one"), name));
              at_fault = TRUE;
            }
        }

      mark_field (goal->target_entry, at_fault);
    }
}

/* Checks every field, marks the ones at fault, says why and enables Save when all
 * are valid. */
static void
limber_course_dialog_validate (LimberCourseDialog *self)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  guint per_week = 0;
  guint planned = 0;

  limber_course_dialog_check_dates (self, messages);
  if (limber_course_dialog_read_plan (self, &per_week, &planned, messages))
    limber_course_dialog_describe_plan (self, planned);
  limber_course_dialog_check_goals (self, messages);

  self->valid = messages->len == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "course.save", self->valid);

  g_ptr_array_add (messages, NULL);
  if (!self->valid)
    {
      g_autofree char *text = g_strjoinv ("\n", (char **) messages->pdata);

      gtk_label_set_label (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !self->valid);
}

gboolean
limber_course_dialog_can_save (LimberCourseDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), FALSE);

  return self->valid;
}

const char *
limber_course_dialog_get_error_message (LimberCourseDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), NULL);

  return limber_edit_flow_get_message (self->error_label);
}

static void
on_field_changed_cb (LimberCourseDialog *self)
{
  limber_course_dialog_validate (self);
}

static void
on_condition_selected_cb (LimberCourseDialog *self)
{
  LimberCondition *condition = limber_course_dialog_get_condition (self);

  /* Only a condition of one side of the body asks which. */
  gtk_widget_set_visible (GTK_WIDGET (self->side_row),
                          condition != NULL && limber_condition_get_sided (condition));
  limber_course_dialog_validate (self);
}

/* ----- Goals ----- */

static GoalRow *
limber_course_dialog_find_goal (LimberCourseDialog *self,
                                GtkWidget          *widget,
                                guint              *position)
{
  for (guint i = 0; i < self->goals->len; i++)
    {
      GoalRow *goal = g_ptr_array_index (self->goals, i);

      if (goal->remove_button == widget || goal->side_dropdown == widget
          || goal->target_entry == widget)
        {
          *position = i;
          return goal;
        }
    }

  return NULL;
}

static void
on_goal_remove_clicked_cb (LimberCourseDialog *self,
                           GtkButton          *button)
{
  guint position;
  GoalRow *goal = limber_course_dialog_find_goal (self, GTK_WIDGET (button), &position);

  g_return_if_fail (goal != NULL);

  adw_preferences_group_remove (self->goals_group, goal->row);
  g_ptr_array_remove_index (self->goals, position);
  /* The keyboard stays in the goals, not lost with the removed row. */
  gtk_widget_grab_focus (GTK_WIDGET (self->goal_measure_dropdown));
  limber_course_dialog_validate (self);
}

/* GTK 4.8 gives the keyboard to a drop-down's inner button, which has no name of
 * its own: it gets the drop-down's. */
static void
name_drop_down_button (GtkWidget  *dropdown,
                       const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (dropdown);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Names the goal's fields for screen readers after its measure and side. */
static void
goal_row_update_names (GoalRow *goal)
{
  g_autofree char *name = goal_row_dup_name (goal);
  g_autofree char *target = g_strdup_printf (_("Target for %s"), name);
  g_autofree char *remove = g_strdup_printf (_("Remove the goal for %s"), name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (goal->target_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, target, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (goal->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  if (goal->side_dropdown != NULL)
    {
      g_autofree char *side = g_strdup_printf (_("Side of the goal for %s"),
                                               limber_measure_get_label (goal->measure));

      gtk_accessible_update_property (GTK_ACCESSIBLE (goal->side_dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, side, -1);
      name_drop_down_button (goal->side_dropdown, side);
    }
}

static void
on_goal_side_selected_cb (LimberCourseDialog *self,
                          GParamSpec         *pspec,
                          GtkDropDown        *dropdown)
{
  guint position;
  GoalRow *goal = limber_course_dialog_find_goal (self, GTK_WIDGET (dropdown), &position);

  if (goal == NULL)
    return;

  goal_row_update_names (goal);
  limber_course_dialog_validate (self);
}

/* "≤ 2 points is the goal; lower is better": the row says which way counts. */
static char *
format_goal_subtitle (LimberMeasure *measure)
{
  g_autofree char *min = limber_value_format (limber_measure_get_min (measure));
  g_autofree char *max = limber_value_format (limber_measure_get_max (measure));

  if (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER)
    /* Translators: a goal's measure, e.g. "0–10, lower is better". */
    return g_strdup_printf (_("%s–%s, lower is better"), min, max);

  return g_strdup_printf (_("%s–%s, higher is better"), min, max);
}

static GoalRow *
limber_course_dialog_append_goal (LimberCourseDialog *self,
                                  LimberMeasure      *measure,
                                  LimberSide          side,
                                  const char         *target)
{
  GoalRow *goal = g_new0 (GoalRow, 1);
  g_autofree char *subtitle = format_goal_subtitle (measure);
  const char *unit = limber_measure_get_unit_label (measure);
  GtkWidget *relation;

  goal->measure = measure;
  goal->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (goal->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (goal->row), limber_measure_get_label (measure));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (goal->row), subtitle);

  if (limber_measure_get_has_sides (measure))
    {
      const char *sides[] = { C_("body side", "Left"), C_("body side", "Right"), NULL };

      goal->side_dropdown = gtk_drop_down_new_from_strings (sides);
      gtk_widget_set_valign (goal->side_dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (goal->side_dropdown),
                                  side == LIMBER_SIDE_RIGHT ? 1 : 0);
      g_signal_connect_object (goal->side_dropdown, "notify::selected",
                               G_CALLBACK (on_goal_side_selected_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (goal->row), goal->side_dropdown);
    }

  /* The relation the goal asks for: at most a value that should fall, at least one
   * that should rise. */
  relation = gtk_label_new (limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                              ? "≤" : "≥");
  gtk_accessible_update_property (GTK_ACCESSIBLE (relation), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  limber_measure_get_direction (measure) == LIMBER_DIRECTION_LOWER
                                    ? _("at most") : _("at least"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (goal->row), relation);

  goal->target_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (goal->target_entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (goal->target_entry), 6);
  gtk_entry_set_input_purpose (GTK_ENTRY (goal->target_entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (goal->target_entry), TRUE);
  gtk_widget_set_valign (goal->target_entry, GTK_ALIGN_CENTER);
  if (target != NULL)
    gtk_editable_set_text (GTK_EDITABLE (goal->target_entry), target);
  g_signal_connect_object (goal->target_entry, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (goal->row), goal->target_entry);

  if (unit != NULL && unit[0] != '\0')
    {
      GtkWidget *unit_label = gtk_label_new (unit);

      gtk_widget_add_css_class (unit_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (goal->row), unit_label);
    }

  goal->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (goal->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (goal->remove_button, "flat");
  gtk_widget_set_tooltip_text (goal->remove_button, _("Remove Goal"));
  g_signal_connect_object (goal->remove_button, "clicked", G_CALLBACK (on_goal_remove_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (goal->row), goal->remove_button);

  goal_row_update_names (goal);
  g_ptr_array_add (self->goals, goal);

  /* Goals stay above the row that adds them. */
  adw_preferences_group_remove (self->goals_group, GTK_WIDGET (self->add_goal_row));
  adw_preferences_group_add (self->goals_group, goal->row);
  adw_preferences_group_add (self->goals_group, GTK_WIDGET (self->add_goal_row));

  return goal;
}

GtkWidget *
limber_course_dialog_add_goal (LimberCourseDialog *self,
                               LimberMeasure      *measure)
{
  LimberSide side = limber_course_dialog_get_side (self);
  GoalRow *goal;

  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), NULL);
  g_return_val_if_fail (LIMBER_IS_MEASURE (measure), NULL);

  /* A sided goal starts on the side of the course of care. */
  goal = limber_course_dialog_append_goal (self, measure, side, NULL);
  gtk_widget_grab_focus (goal->target_entry);
  limber_course_dialog_validate (self);

  return goal->target_entry;
}

static void
limber_course_dialog_add_goal_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (widget);
  LimberMeasure *measure = gtk_drop_down_get_selected_item (self->goal_measure_dropdown);

  if (measure != NULL)
    limber_course_dialog_add_goal (self, measure);
}

guint
limber_course_dialog_get_n_goals (LimberCourseDialog *self)
{
  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), 0);

  return self->goals->len;
}

static GoalRow *
limber_course_dialog_get_goal (LimberCourseDialog *self,
                               guint               i)
{
  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), NULL);
  g_return_val_if_fail (i < self->goals->len, NULL);

  return g_ptr_array_index (self->goals, i);
}

GtkWidget *
limber_course_dialog_get_goal_target (LimberCourseDialog *self,
                                      guint               i)
{
  GoalRow *goal = limber_course_dialog_get_goal (self, i);

  return goal != NULL ? goal->target_entry : NULL;
}

GtkWidget *
limber_course_dialog_get_goal_side (LimberCourseDialog *self,
                                    guint               i)
{
  GoalRow *goal = limber_course_dialog_get_goal (self, i);

  return goal != NULL ? goal->side_dropdown : NULL;
}

GtkWidget *
limber_course_dialog_get_goal_remove (LimberCourseDialog *self,
                                      guint               i)
{
  GoalRow *goal = limber_course_dialog_get_goal (self, i);

  return goal != NULL ? goal->remove_button : NULL;
}

/* ----- Saving ----- */

typedef struct
{
  LimberEpisode *episode;
  GPtrArray     *stale_goals;  /* stored LimberGoal to delete */
  GPtrArray     *new_goals;    /* LimberGoal to add */
} CourseChange;

static gboolean
save_course_cb (LimberStore  *store,
                gpointer      user_data,
                GError      **error)
{
  CourseChange *change = user_data;
  gboolean stored;

  if (limber_episode_get_id (change->episode) == 0)
    stored = limber_store_add_episode (store, change->episode, error);
  else
    stored = limber_store_update_episode (store, change->episode, error);
  if (!stored)
    return FALSE;

  /* Deleted first, so that a goal moved to another target never meets itself. */
  for (guint i = 0; i < change->stale_goals->len; i++)
    if (!limber_store_delete_goal (store, limber_goal_get_id (g_ptr_array_index (change->stale_goals, i)),
                                   error))
      return FALSE;

  for (guint i = 0; i < change->new_goals->len; i++)
    {
      LimberGoal *goal = g_ptr_array_index (change->new_goals, i);

      limber_goal_set_episode_id (goal, limber_episode_get_id (change->episode));
      if (!limber_store_add_goal (store, goal, error))
        return FALSE;
    }

  return TRUE;
}

static LimberEpisode *
limber_course_dialog_read_episode (LimberCourseDialog *self)
{
  LimberCondition *condition = limber_course_dialog_get_condition (self);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = limber_edit_flow_dup_note (self->note_view);
  LimberEpisode *episode;
  guint per_week = 0;
  guint planned = 0;

  if (self->episode != NULL)
    episode = limber_episode_copy (self->episode);
  else
    episode = limber_episode_new (self->patient_id, NULL, NULL);

  limber_course_dialog_read_plan (self, &per_week, &planned, ignored);
  limber_episode_set_condition (episode, limber_condition_get_code (condition));
  limber_episode_set_side (episode, limber_course_dialog_get_side (self));
  limber_episode_set_onset_date (episode, limber_date_row_get_date (self->onset_row));
  limber_episode_set_start_date (episode, limber_date_row_get_date (self->start_row));
  limber_episode_set_sessions_per_week (episode, per_week);
  limber_episode_set_planned_sessions (episode, planned);
  limber_episode_set_notes (episode, note[0] != '\0' ? note : NULL);

  return episode;
}

/* Which goals to delete and which to add: a goal left as it was stays as stored. */
static void
limber_course_dialog_read_goals (LimberCourseDialog *self,
                                 CourseChange       *change)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < self->goals->len; i++)
    {
      GoalRow *goal = g_ptr_array_index (self->goals, i);
      g_autofree char *text = dup_text (goal->target_entry);
      LimberSide side = goal_row_get_side (goal);
      double target = NAN;

      limber_value_parse (text, &target, NULL);
      if (goal->stored != NULL && limber_goal_get_side (goal->stored) == side
          && limber_goal_get_target (goal->stored) == target)
        {
          g_ptr_array_add (kept, goal->stored);
          continue;
        }

      g_ptr_array_add (change->new_goals,
                       limber_goal_new (limber_measure_get_code (goal->measure), side, target));
    }

  for (guint i = 0; self->stored_goals != NULL && i < self->stored_goals->len; i++)
    {
      LimberGoal *stored = g_ptr_array_index (self->stored_goals, i);

      if (!g_ptr_array_find (kept, stored, NULL))
        g_ptr_array_add (change->stale_goals, stored);
    }
}

gboolean
limber_course_dialog_save (LimberCourseDialog *self)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(GPtrArray) stale_goals = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_goals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CourseChange change;

  g_return_val_if_fail (LIMBER_IS_COURSE_DIALOG (self), FALSE);

  limber_course_dialog_validate (self);
  if (!self->valid)
    return FALSE;

  episode = limber_course_dialog_read_episode (self);
  change.episode = episode;
  change.stale_goals = stale_goals;
  change.new_goals = new_goals;
  limber_course_dialog_read_goals (self, &change);

  /* The course and its goals are stored together or not at all. */
  if (!limber_store_run_transaction (self->store,
                                     self->episode != NULL ? "edit course of care"
                                                           : "start course of care",
                                     save_course_cb, &change, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* The one rule only the store knows: one course per condition and start day. */
      if (g_error_matches (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT))
        {
          mark_field (self->start_row, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->start_row));
        }
      /* A new course that failed has no id to keep. */
      if (self->episode == NULL)
        limber_episode_set_id (episode, 0);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, episode);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static gboolean
save_cb (GtkWindow *window)
{
  return limber_course_dialog_save (LIMBER_COURSE_DIALOG (window));
}

static gboolean
is_modified_cb (GtkWindow *window)
{
  return limber_course_dialog_is_modified (LIMBER_COURSE_DIALOG (window));
}

static const char *
discard_heading_cb (GtkWindow *window)
{
  return LIMBER_COURSE_DIALOG (window)->episode != NULL ? _("Discard Your Changes?")
                                                        : _("Discard This Course of Care?");
}

static const LimberEditFlow edit_flow = {
  .action_prefix = "course",
  .save = save_cb,
  .is_modified = is_modified_cb,
  .discard_heading = discard_heading_cb,
};

/* ----- Opening ----- */

static char *
condition_label_cb (LimberCondition *condition,
                    gpointer         user_data)
{
  return g_strdup (condition != NULL ? limber_condition_get_label (condition) : "");
}

static char *
measure_label_cb (LimberMeasure *measure,
                  gpointer       user_data)
{
  return g_strdup (measure != NULL ? limber_measure_get_label (measure) : "");
}

static guint
find_condition_position (const char *code)
{
  GListModel *conditions = limber_condition_get_catalog ();

  for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(LimberCondition) condition = g_list_model_get_item (conditions, i);

      if (g_strcmp0 (limber_condition_get_code (condition), code) == 0)
        return i;
    }

  return 0;
}

static char *
format_plan_number (guint number)
{
  return number > 0 ? g_strdup_printf ("%u", number) : g_strdup ("");
}

static void
limber_course_dialog_fill_fields (LimberCourseDialog *self)
{
  LimberEpisode *episode = self->episode;
  guint per_week = limber_episode_get_sessions_per_week (episode);
  guint planned = limber_episode_get_planned_sessions (episode);
  g_autofree char *per_week_text = NULL;
  g_autofree char *weeks_text = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Course of Care"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));

  adw_combo_row_set_selected (self->condition_row,
                              find_condition_position (limber_episode_get_condition (episode)));
  switch (limber_episode_get_side (episode))
    {
    case LIMBER_SIDE_LEFT:
      adw_combo_row_set_selected (self->side_row, 1);
      break;
    case LIMBER_SIDE_RIGHT:
      adw_combo_row_set_selected (self->side_row, 2);
      break;
    default:
      adw_combo_row_set_selected (self->side_row, 0);
      break;
    }
  limber_date_row_set_date (self->onset_row, limber_episode_get_onset_date (episode));
  limber_date_row_set_date (self->start_row, limber_episode_get_start_date (episode));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            limber_episode_get_notes (episode) != NULL
                              ? limber_episode_get_notes (episode) : "", -1);

  /* A plan of whole weeks shows as such; an imported plan that is not one keeps its
   * number of sessions until the clinic changes the fields. */
  per_week_text = format_plan_number (planned > 0 ? per_week : 0);
  weeks_text = format_plan_number (planned > 0 && per_week > 0 ? (planned + per_week - 1) / per_week
                                                              : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->per_week_row), per_week_text);
  gtk_editable_set_text (GTK_EDITABLE (self->weeks_row), weeks_text);

  self->stored_goals = limber_store_list_goals (self->store, limber_episode_get_id (episode),
                                                &error);
  if (self->stored_goals == NULL)
    {
      g_warning ("Cannot read the goals of a course of care: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->stored_goals->len; i++)
    {
      LimberGoal *stored = g_ptr_array_index (self->stored_goals, i);
      LimberMeasure *measure = limber_measure_lookup (limber_goal_get_measure (stored));
      g_autofree char *target = limber_value_format (limber_goal_get_target (stored));
      GoalRow *goal;

      if (measure == NULL)
        continue;
      goal = limber_course_dialog_append_goal (self, measure, limber_goal_get_side (stored), target);
      goal->stored = g_object_ref (stored);
    }
}

static void
limber_course_dialog_constructed (GObject *object)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (object);

  G_OBJECT_CLASS (limber_course_dialog_parent_class)->constructed (object);

  if (self->episode != NULL)
    limber_course_dialog_fill_fields (self);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *per_week = format_plan_number (DEFAULT_PER_WEEK);
      g_autofree char *weeks = format_plan_number (DEFAULT_WEEKS);

      limber_date_row_set_date (self->start_row, today);
      gtk_editable_set_text (GTK_EDITABLE (self->per_week_row), per_week);
      gtk_editable_set_text (GTK_EDITABLE (self->weeks_row), weeks);
    }

  /* Screen readers say "Start", not "_Start Start". */
  limber_button_set_accessible_name (self->cancel_button, _("Cancel"));
  limber_button_set_accessible_name (self->save_button,
                                     self->episode != NULL ? _("Save")
                                                           : C_("course of care", "Start"));

  on_condition_selected_cb (self);
  self->initial_state = limber_course_dialog_dup_state (self);
  limber_course_dialog_validate (self);

  /* Typing starts in the first field, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->condition_row));
}

static void
limber_course_dialog_dispose (GObject *object)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (object);

  if (self->goals != NULL)
    g_ptr_array_set_size (self->goals, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_COURSE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->episode);
  g_clear_pointer (&self->stored_goals, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_course_dialog_parent_class)->dispose (object);
}

static void
limber_course_dialog_finalize (GObject *object)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (object);

  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_pointer (&self->initial_state, g_free);

  G_OBJECT_CLASS (limber_course_dialog_parent_class)->finalize (object);
}

static void
limber_course_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->patient_id);
      break;

    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_course_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LimberCourseDialog *self = LIMBER_COURSE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PATIENT_ID:
      self->patient_id = g_value_get_int64 (value);
      break;

    case PROP_EPISODE:
      self->episode = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_course_dialog_class_init (LimberCourseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_course_dialog_constructed;
  object_class->dispose = limber_course_dialog_dispose;
  object_class->finalize = limber_course_dialog_finalize;
  object_class->get_property = limber_course_dialog_get_property;
  object_class->set_property = limber_course_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         LIMBER_TYPE_EPISODE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberCourseDialog::saved:
   * @episode: the course of care as stored, with its id
   *
   * Emitted after the store added or updated the course and its goals, just before
   * the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIMBER_TYPE_EPISODE);

  g_type_ensure (LIMBER_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-course-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, condition_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, side_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, onset_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, plan_group);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, per_week_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, weeks_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, goals_group);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, add_goal_row);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, goal_measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, add_goal_button);
  gtk_widget_class_bind_template_child (widget_class, LimberCourseDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_condition_selected_cb);

  limber_edit_flow_install (widget_class, &edit_flow);
  gtk_widget_class_install_action (widget_class, "course.add-goal", NULL,
                                   limber_course_dialog_add_goal_action);
}

static void
limber_course_dialog_init (LimberCourseDialog *self)
{
  GtkExpression *expression;

  self->goals = g_ptr_array_new_with_free_func (goal_row_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (condition_label_cb), NULL, NULL);
  adw_combo_row_set_expression (self->condition_row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (self->condition_row, limber_condition_get_catalog ());

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (measure_label_cb), NULL, NULL);
  gtk_drop_down_set_expression (self->goal_measure_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->goal_measure_dropdown, limber_measure_get_catalog ());
  name_drop_down_button (GTK_WIDGET (self->goal_measure_dropdown), _("Measure of the new goal"));
  /* Tab goes straight to the measure, not to the row around it first. */
  gtk_widget_set_focusable (GTK_WIDGET (self->add_goal_row), FALSE);
}

GtkWidget *
limber_course_dialog_new (GtkWindow     *parent,
                          LimberStore   *store,
                          gint64         patient_id,
                          LimberEpisode *episode)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (episode == NULL || LIMBER_IS_EPISODE (episode), NULL);

  return g_object_new (LIMBER_TYPE_COURSE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "patient-id", episode != NULL ? limber_episode_get_patient_id (episode)
                                                     : patient_id,
                       "episode", episode,
                       NULL);
}
