/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-episode-group.h"
#include "limber-episode-loader.h"
#include "limber-patient-view.h"

struct _LimberPatientView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkStack           *stack;
  AdwStatusPage      *status_page;
  GtkWidget          *start_course_box;

  /* owned */
  LimberStore        *store;
  LimberPatient      *patient;
  GPtrArray          *episodes; /* LimberEpisode: the open ones first, newest first */
  GPtrArray          *groups;   /* borrowed LimberEpisodeGroup shown (the one course) */
  gint64              shown_id; /* the course of care shown */

  /* borrowed: the page while it is in the stack, and its parts */
  AdwPreferencesPage *page;
  AdwComboRow        *course_row;  /* NULL with a single course of care */
  const char         *state;

  /* The rest of the page below the first screenful, built after the first frame. */
  GdkFrameClock      *build_clock;
  gulong              after_paint_id;
  guint               build_id;
  gboolean            building;
};

G_DEFINE_FINAL_TYPE (LimberPatientView, limber_patient_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATIENT,
  PROP_BUILDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What is built in one go of the main loop after the first frame: little enough to
 * keep scrolling smooth meanwhile. */
#define BUILD_SLICE_USEC 4000

static gboolean
release_page_cb (gpointer page)
{
  return G_SOURCE_REMOVE;
}

static void
limber_patient_view_set_building (LimberPatientView *self,
                                  gboolean           building)
{
  if (self->building == building)
    return;

  self->building = building;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
}

static void
limber_patient_view_stop_building (LimberPatientView *self)
{
  g_clear_handle_id (&self->build_id, g_source_remove);
  /* A window that goes drops the handlers of its frame clock. */
  if (self->build_clock != NULL
      && g_signal_handler_is_connected (self->build_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->build_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->build_clock);
  limber_patient_view_set_building (self, FALSE);
}

static gboolean
build_more_cb (gpointer user_data)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (user_data);
  LimberEpisodeGroup *group = g_ptr_array_index (self->groups, 0);
  gint64 start = g_get_monotonic_time ();

  while (limber_episode_group_build_more (group))
    if (g_get_monotonic_time () - start > BUILD_SLICE_USEC)
      return G_SOURCE_CONTINUE;

  self->build_id = 0;
  limber_patient_view_set_building (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock     *clock,
                   LimberPatientView *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_object (&self->build_clock);
  self->build_id = g_idle_add (build_more_cb, self);
}

/* Whether the page's content already reaches past the bottom of the view, so that
 * nothing added under it can show in the next frame. At its smallest: the content
 * may be laid out taller, never shorter. */
static gboolean
limber_patient_view_page_fills_view (LimberPatientView *self)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (self->page));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int minimum = 0;

  /* Before the view has a size, nothing says what shows first. */
  if (width <= 0 || height <= 0 || !GTK_IS_SCROLLED_WINDOW (scrolled)
      || gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) == NULL)
    return FALSE;

  gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                      GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  return minimum >= height;
}

/* Builds the course shown down to the bottom of the view now, and the rest once the
 * first frame is drawn, a little at a time: a switch to another patient shows as
 * soon as what is on screen is ready, and cancels what is not done. */
static void
limber_patient_view_build_page (LimberPatientView *self)
{
  LimberEpisodeGroup *group = g_ptr_array_index (self->groups, 0);
  GdkFrameClock *clock;

  limber_patient_view_stop_building (self);

  while (!limber_episode_group_get_complete (group)
         && !limber_patient_view_page_fills_view (self))
    limber_episode_group_build_more (group);

  if (limber_episode_group_get_complete (group))
    return;

  limber_patient_view_set_building (self, TRUE);
  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self))
                                                    : NULL;
  if (clock == NULL)
    {
      self->build_id = g_idle_add (build_more_cb, self);
      return;
    }

  self->build_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                                           self);
}

static void
limber_patient_view_clear (LimberPatientView *self)
{
  limber_patient_view_stop_building (self);
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->episodes, 0);
  self->course_row = NULL;

  if (self->page != NULL)
    {
      /* The page before is freed once the next one is drawn: freeing its widgets
       * takes about as long as making them, and need not delay the switch. */
      g_idle_add_full (G_PRIORITY_LOW, release_page_cb, g_object_ref (self->page),
                       g_object_unref);
      gtk_stack_remove (self->stack, GTK_WIDGET (self->page));
      self->page = NULL;
    }
}

static void
limber_patient_view_show_status (LimberPatientView *self,
                                 const char        *state,
                                 const char        *icon_name,
                                 const char        *title,
                                 const char        *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  limber_patient_view_clear (self);

  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, escaped);
  gtk_widget_set_visible (self->start_course_box, g_str_equal (state, "no-episodes"));
  gtk_stack_set_visible_child_name (self->stack, "status");
  self->state = state;
}

static void
limber_patient_view_show_error (LimberPatientView *self,
                                const GError      *error)
{
  limber_patient_view_show_status (self, "error", "dialog-error-symbolic",
                                   _("Cannot Show This Patient"), error->message);
}

/* Open courses of care first, as the therapist is most likely to record in one;
 * within each, the newest first. The store lists them oldest first. */
static int
compare_courses (gconstpointer a,
                 gconstpointer b)
{
  LimberEpisode *x = *(LimberEpisode **) a;
  LimberEpisode *y = *(LimberEpisode **) b;
  int order;

  if (limber_episode_is_open (x) != limber_episode_is_open (y))
    return limber_episode_is_open (x) ? -1 : 1;

  order = g_strcmp0 (limber_episode_get_start_date (y), limber_episode_get_start_date (x));
  if (order != 0)
    return order;

  return limber_episode_get_id (y) < limber_episode_get_id (x) ? -1 : 1;
}

static LimberEpisode *
limber_patient_view_find_episode (LimberPatientView *self,
                                  gint64             episode_id,
                                  guint             *position)
{
  for (guint i = 0; i < self->episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (self->episodes, i);

      if (limber_episode_get_id (episode) == episode_id)
        {
          if (position != NULL)
            *position = i;
          return episode;
        }
    }

  return NULL;
}

/* Replaces the course of care shown by the one of shown_id. */
static gboolean
limber_patient_view_show_course (LimberPatientView  *self,
                                 GError            **error)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  LimberEpisode *episode = limber_patient_view_find_episode (self, self->shown_id, NULL);
  GtkWidget *group;

  g_assert (episode != NULL);

  analysis = limber_episode_loader_load_for_episode (self->store, self->patient, episode, error);
  if (analysis == NULL)
    return FALSE;

  limber_patient_view_stop_building (self);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  group = limber_episode_group_new (analysis);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  limber_patient_view_build_page (self);

  return TRUE;
}

static void
on_course_selected_cb (LimberPatientView *self,
                       GParamSpec        *pspec,
                       AdwComboRow       *row)
{
  g_autoptr(GError) error = NULL;
  guint position = adw_combo_row_get_selected (row);

  if (position >= self->episodes->len || row != self->course_row)
    return;

  self->shown_id = limber_episode_get_id (g_ptr_array_index (self->episodes, position));
  if (!limber_patient_view_show_course (self, &error))
    limber_patient_view_show_error (self, error);
}

/* "Low back pain · since 3 Mar 2026 · in progress": each course of care as the
 * switcher lists it. */
static char *
format_course_choice (LimberEpisode *episode)
{
  g_autofree char *title = limber_episode_group_format_title (episode);
  g_autofree char *state = NULL;

  if (limber_episode_is_open (episode))
    state = g_strdup (_("in progress"));
  else
    {
      g_autofree char *day = limber_date_format_for_display (limber_episode_get_discharge_date (episode));

      state = g_strdup_printf (_("discharged %s"), day);
    }

  return g_strdup_printf ("%s · %s", title, state);
}

/* A patient with several courses of care chooses the one shown here. */
static void
limber_patient_view_add_course_switcher (LimberPatientView *self,
                                         guint              shown)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < self->episodes->len; i++)
    {
      g_autofree char *choice = format_course_choice (g_ptr_array_index (self->episodes, i));

      gtk_string_list_append (choices, choice);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Course of Care"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* The choice in full beneath the title, where it has the row's width. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), shown);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_course_selected_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  self->course_row = ADW_COMBO_ROW (row);
}

static void
limber_patient_view_rebuild (LimberPatientView *self)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  if (self->patient == NULL || self->store == NULL)
    {
      limber_patient_view_show_status (self, "empty", "avatar-default-symbolic",
                                       _("Select a Patient"),
                                       _("Choose someone from the list to see how their "
                                         "treatment is going."));
      return;
    }

  episodes = limber_store_list_episodes (self->store, limber_patient_get_id (self->patient),
                                         &error);
  if (episodes == NULL)
    {
      limber_patient_view_show_error (self, error);
      return;
    }

  if (episodes->len == 0)
    {
      limber_patient_view_show_status (self, "no-episodes", "x-office-calendar-symbolic",
                                       _("No Courses of Care Yet"),
                                       _("Start one to record this patient’s sessions and "
                                         "follow their progress, or import them with "
                                         "“limber import FILE.csv”."));
      return;
    }

  /* A new page each time, so that another patient starts at the top. */
  limber_patient_view_clear (self);
  g_ptr_array_extend_and_steal (self->episodes, g_steal_pointer (&episodes));
  g_ptr_array_sort (self->episodes, compare_courses);

  /* The course shown stays after a change (a session recorded into it); otherwise
   * the first: an open one if there is one. */
  if (limber_patient_view_find_episode (self, self->shown_id, &shown) == NULL)
    {
      shown = 0;
      self->shown_id = limber_episode_get_id (g_ptr_array_index (self->episodes, 0));
    }

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page), "patient");
  if (self->episodes->len > 1)
    limber_patient_view_add_course_switcher (self, shown);

  if (!limber_patient_view_show_course (self, &error))
    {
      limber_patient_view_show_error (self, error);
      return;
    }

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->page));
  self->state = "patient";
}

LimberStore *
limber_patient_view_get_store (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->store;
}

void
limber_patient_view_set_store (LimberPatientView *self,
                               LimberStore       *store)
{
  g_return_if_fail (LIMBER_IS_PATIENT_VIEW (self));
  g_return_if_fail (store == NULL || LIMBER_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* A patient of one database is not one of another. */
  g_clear_object (&self->patient);
  limber_patient_view_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

LimberPatient *
limber_patient_view_get_patient (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->patient;
}

void
limber_patient_view_set_patient (LimberPatientView *self,
                                 LimberPatient     *patient)
{
  g_return_if_fail (LIMBER_IS_PATIENT_VIEW (self));
  g_return_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient));

  /* Another patient starts on their own first course of care. */
  if (patient == NULL || self->patient == NULL
      || limber_patient_get_id (patient) != limber_patient_get_id (self->patient))
    self->shown_id = 0;

  /* Rebuilt even for the same object: this is how the view shows new data. */
  if (g_set_object (&self->patient, patient))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);

  limber_patient_view_rebuild (self);
}

const char *
limber_patient_view_get_state (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->state;
}

LimberEpisode *
limber_patient_view_get_shown_episode (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  if (g_strcmp0 (self->state, "patient") != 0)
    return NULL;

  return limber_patient_view_find_episode (self, self->shown_id, NULL);
}

gboolean
limber_patient_view_show_episode (LimberPatientView *self,
                                  gint64             episode_id)
{
  guint position;

  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), FALSE);

  if (limber_patient_view_find_episode (self, episode_id, &position) == NULL)
    return FALSE;

  if (self->course_row != NULL)
    adw_combo_row_set_selected (self->course_row, position);
  else if (self->shown_id != episode_id)
    {
      g_autoptr(GError) error = NULL;

      self->shown_id = episode_id;
      if (!limber_patient_view_show_course (self, &error))
        limber_patient_view_show_error (self, error);
    }

  return self->shown_id == episode_id;
}

GPtrArray *
limber_patient_view_get_episodes (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->episodes;
}

GtkWidget *
limber_patient_view_get_course_switcher (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return GTK_WIDGET (self->course_row);
}

GPtrArray *
limber_patient_view_get_groups (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->groups;
}

gboolean
limber_patient_view_get_building (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), FALSE);

  return self->building;
}

static void
limber_patient_view_dispose (GObject *object)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (object);

  limber_patient_view_stop_building (self);
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->episodes, 0);
  self->page = NULL;
  self->course_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_PATIENT_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (limber_patient_view_parent_class)->dispose (object);
}

static void
limber_patient_view_finalize (GObject *object)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_patient_view_parent_class)->finalize (object);
}

static void
limber_patient_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    case PROP_BUILDING:
      g_value_set_boolean (value, self->building);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      limber_patient_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_PATIENT:
      limber_patient_view_set_patient (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_view_class_init (LimberPatientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_patient_view_dispose;
  object_class->finalize = limber_patient_view_finalize;
  object_class->get_property = limber_patient_view_get_property;
  object_class->set_property = limber_patient_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         LIMBER_TYPE_PATIENT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BUILDING] =
    g_param_spec_boolean ("building", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-patient-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberPatientView, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientView, status_page);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientView, start_course_box);
}

static void
limber_patient_view_init (LimberPatientView *self)
{
  self->groups = g_ptr_array_new ();
  self->episodes = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  limber_patient_view_rebuild (self);
}

GtkWidget *
limber_patient_view_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_VIEW, NULL);
}
