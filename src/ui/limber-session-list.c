/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-session-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-date.h"
#include "limber-session-list.h"
#include "limber-text-row.h"
#include "limber-wording.h"

/* Rows are made only for the sessions shown: the newest PAGE_SIZE, then PAGE_SIZE
 * more at each Show More, so that a course of sixty sessions opens as fast as one
 * of six. */
#define PAGE_SIZE 10

/* The values a row names before "and N more". */
#define N_HEADLINE_VALUES 3

struct _LimberSessionList
{
  GtkWidget              parent_instance;

  /* child widgets */
  GtkWidget             *box;
  GtkLabel              *progress_label;
  GtkListBox            *list_box;
  GtkWidget             *more_button;

  /* owned */
  LimberEpisodeAnalysis *analysis;
  GListStore            *sessions;      /* LimberSession, newest first */
  GtkSliceListModel     *shown;         /* the first sessions of it */
  GHashTable            *measurements;  /* session id → GPtrArray of LimberMeasurement */
};

G_DEFINE_FINAL_TYPE (LimberSessionList, limber_session_list, GTK_TYPE_WIDGET)

/* ----- A row ----- */

/* "17 Mar 2026" or "17 Mar 2026, 09:30". */
static char *
format_session_date (LimberSession *session)
{
  const char *date_time = limber_session_get_date (session);
  g_autofree char *day = limber_date_time_get_date (date_time);
  g_autofree char *display = limber_date_format_for_display (day);

  if (strlen (date_time) <= 10)
    return g_steal_pointer (&display);

  return g_strdup_printf (C_("session day and time", "%s, %s"), display, date_time + 11);
}

/* Where a measure stands among the headline values: pain first, then the
 * condition's main questionnaire, then the rest in the order of the record. */
static int
headline_rank (LimberMeasurement *measurement,
               LimberMeasure     *main_measure)
{
  LimberMeasure *measure = limber_measurement_get_measure_info (measurement);

  if (g_strcmp0 (limber_measurement_get_measure (measurement), "pain.nprs") == 0)
    return 0;
  if (measure != NULL && measure == main_measure)
    return 1;
  return 2;
}

/* "Jo Moss · Pain 4 points · Oswestry Disability Index 32 % · 5 more". */
static char *
limber_session_list_format_details (LimberSessionList *self,
                                    LimberSession     *session)
{
  LimberEpisode *episode = limber_episode_analysis_get_episode (self->analysis);
  LimberCondition *condition = limber_episode_get_condition_info (episode);
  LimberMeasure *main_measure = condition != NULL ? limber_condition_get_main_measure (condition) : NULL;
  GPtrArray *measurements = g_hash_table_lookup (self->measurements, &(gint64) { limber_session_get_id (session) });
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *therapist = limber_session_get_therapist (session);
  guint n_values = measurements != NULL ? measurements->len : 0;
  guint n_named = 0;

  if (therapist != NULL && therapist[0] != '\0')
    g_ptr_array_add (parts, g_strdup (therapist));

  for (int rank = 0; rank <= 2; rank++)
    for (guint i = 0; i < n_values && n_named < N_HEADLINE_VALUES; i++)
      {
        LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
        LimberMeasure *measure = limber_measurement_get_measure_info (measurement);
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (measure == NULL || headline_rank (measurement, main_measure) != rank)
          continue;

        name = limber_wording_measure_short_name (measure, limber_measurement_get_side (measurement));
        value = limber_wording_format_value (measure, limber_measurement_get_value (measurement));
        /* Translators: a measure and its value in a session's row, e.g. "Pain 4 points". */
        g_ptr_array_add (parts, g_strdup_printf (C_("measure and value", "%s %s"), name, value));
        n_named++;
      }

  if (n_values == 0)
    g_ptr_array_add (parts, g_strdup (_("no values recorded")));
  else if (n_values > n_named)
    /* Translators: after the values a session's row names, e.g. "5 more". */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u more", "%u more", n_values - n_named),
                                             n_values - n_named));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  LimberSessionList *self = user_data;
  LimberSession *session = item;
  GPtrArray *sessions = limber_episode_analysis_get_sessions (self->analysis);
  g_autofree char *date = format_session_date (session);
  g_autofree char *details = limber_session_list_format_details (self, session);
  g_autofree char *title = NULL;
  GtkWidget *row;
  guint number = 0;

  g_ptr_array_find (sessions, session, &number);
  /* Translators: a session's number in the course and its day, e.g.
   * "Session 4 · 17 Mar 2026, 09:30". */
  title = g_strdup_printf (_("Session %u · %s"), number + 1, date);

  /* Names and notes are the clinic's text, never markup. */
  row = limber_text_row_new (title, details);
  /* The arrow only shows that the row opens: the row itself says what it is. */
  limber_text_row_add_suffix (LIMBER_TEXT_ROW (row),
                              g_object_new (GTK_TYPE_IMAGE,
                                            "icon-name", "go-next-symbolic",
                                            "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                            NULL));

  /* Choosing a session opens it in the session editor. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.edit-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", limber_session_get_id (session));

  return row;
}

/* ----- Showing more ----- */

static void
limber_session_list_update_more (LimberSessionList *self)
{
  guint n_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint n_next = MIN (PAGE_SIZE, n_sessions - n_shown);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->more_button, n_next > 0);
  if (n_next == 0)
    return;

  label = g_strdup_printf (ngettext ("Show %u More Session", "Show %u More Sessions", n_next),
                           n_next);
  gtk_button_set_label (GTK_BUTTON (self->more_button), label);
}

static void
on_more_clicked_cb (LimberSessionList *self,
                    GtkButton         *button)
{
  guint shown = gtk_slice_list_model_get_size (self->shown);
  GtkListBoxRow *first_new;

  gtk_slice_list_model_set_size (self->shown, shown + PAGE_SIZE);
  limber_session_list_update_more (self);

  /* The keyboard goes on with the first session that came in, not lost with the
   * button when it goes. */
  first_new = gtk_list_box_get_row_at_index (self->list_box, shown);
  if (first_new != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first_new));
}

/* ----- Building ----- */

static void
limber_session_list_fill (LimberSessionList *self)
{
  GPtrArray *sessions = limber_episode_analysis_get_sessions (self->analysis);
  GPtrArray *measurements = limber_episode_analysis_get_measurements (self->analysis);
  guint n_planned = limber_episode_analysis_get_n_planned_sessions (self->analysis);
  g_autofree char *progress = limber_wording_plan_progress (sessions->len, n_planned);

  gtk_label_set_label (self->progress_label, progress);

  for (guint i = 0; i < measurements->len; i++)
    {
      LimberMeasurement *measurement = g_ptr_array_index (measurements, i);
      gint64 session_id = limber_measurement_get_session_id (measurement);
      GPtrArray *values = g_hash_table_lookup (self->measurements, &session_id);

      if (values == NULL)
        {
          values = g_ptr_array_new ();
          g_hash_table_insert (self->measurements, g_memdup2 (&session_id, sizeof session_id), values);
        }
      g_ptr_array_add (values, measurement);
    }

  for (guint i = sessions->len; i > 0; i--)
    g_list_store_append (self->sessions, g_ptr_array_index (sessions, i - 1));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->shown), create_row_cb, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), sessions->len > 0);
  limber_session_list_update_more (self);
}

guint
limber_session_list_get_n_rows (LimberSessionList *self)
{
  guint n = 0;

  g_return_val_if_fail (LIMBER_IS_SESSION_LIST (self), 0);

  while (gtk_list_box_get_row_at_index (self->list_box, n) != NULL)
    n++;
  return n;
}

GtkListBoxRow *
limber_session_list_get_row (LimberSessionList *self,
                             guint              i)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_LIST (self), NULL);

  return gtk_list_box_get_row_at_index (self->list_box, i);
}

const char *
limber_session_list_get_progress_text (LimberSessionList *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_LIST (self), NULL);

  return gtk_label_get_label (self->progress_label);
}

GtkWidget *
limber_session_list_get_more_button (LimberSessionList *self)
{
  g_return_val_if_fail (LIMBER_IS_SESSION_LIST (self), NULL);

  return self->more_button;
}

static void
limber_session_list_dispose (GObject *object)
{
  LimberSessionList *self = LIMBER_SESSION_LIST (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->shown);
  g_clear_object (&self->sessions);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->measurements, g_hash_table_unref);

  G_OBJECT_CLASS (limber_session_list_parent_class)->dispose (object);
}

static void
limber_session_list_class_init (LimberSessionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_session_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
limber_session_list_init (LimberSessionList *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Sessions"));

  self->sessions = g_list_store_new (LIMBER_TYPE_SESSION);
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->sessions)), 0, PAGE_SIZE);
  self->measurements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);

  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->progress_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (self->box), header);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sessions"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list_box));

  self->more_button = gtk_button_new ();
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->more_button, 6);
  gtk_widget_add_css_class (self->more_button, "pill");
  g_signal_connect_object (self->more_button, "clicked", G_CALLBACK (on_more_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->more_button);
}

GtkWidget *
limber_session_list_new (LimberEpisodeAnalysis *analysis)
{
  LimberSessionList *self;

  g_return_val_if_fail (LIMBER_IS_EPISODE_ANALYSIS (analysis), NULL);

  self = g_object_new (LIMBER_TYPE_SESSION_LIST, NULL);
  self->analysis = g_object_ref (analysis);
  limber_session_list_fill (self);

  return GTK_WIDGET (self);
}
