/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-episode-group.h"
#include "limber-episode-loader.h"
#include "limber-patient-view.h"

struct _LimberPatientView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkStack           *stack;
  AdwStatusPage      *status_page;

  /* owned */
  LimberStore        *store;
  LimberPatient      *patient;
  GPtrArray          *groups;   /* borrowed LimberEpisodeGroup, newest first */

  /* borrowed: the page of groups while it is in the stack */
  AdwPreferencesPage *page;
  const char         *state;
};

G_DEFINE_FINAL_TYPE (LimberPatientView, limber_patient_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_patient_view_clear (LimberPatientView *self)
{
  g_ptr_array_set_size (self->groups, 0);

  if (self->page != NULL)
    {
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

static gboolean
limber_patient_view_add_episode (LimberPatientView  *self,
                                 LimberEpisode      *episode,
                                 GError            **error)
{
  g_autoptr(LimberEpisodeAnalysis) analysis = NULL;
  GtkWidget *group;

  analysis = limber_episode_loader_load_for_episode (self->store, self->patient, episode, error);
  if (analysis == NULL)
    return FALSE;

  group = limber_episode_group_new (analysis);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);

  return TRUE;
}

static void
limber_patient_view_rebuild (LimberPatientView *self)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;

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
                                       _("Import this patient’s sessions with "
                                         "“limber import FILE.csv”: each course of care "
                                         "will show here with its progress."));
      return;
    }

  /* A new page each time, so that another patient starts at the top. */
  limber_patient_view_clear (self);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page), "patient");

  /* The store lists them oldest first; the current course of care matters most. */
  for (guint i = episodes->len; i > 0; i--)
    {
      if (!limber_patient_view_add_episode (self, g_ptr_array_index (episodes, i - 1), &error))
        {
          limber_patient_view_show_error (self, error);
          return;
        }
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
limber_patient_view_get_current_episode (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      LimberEpisode *episode = limber_episode_group_get_episode (g_ptr_array_index (self->groups, i));

      if (limber_episode_is_open (episode))
        return episode;
    }

  return NULL;
}

GPtrArray *
limber_patient_view_get_groups (LimberPatientView *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_VIEW (self), NULL);

  return self->groups;
}

static void
limber_patient_view_dispose (GObject *object)
{
  LimberPatientView *self = LIMBER_PATIENT_VIEW (object);

  g_ptr_array_set_size (self->groups, 0);
  self->page = NULL;
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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-patient-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberPatientView, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberPatientView, status_page);
}

static void
limber_patient_view_init (LimberPatientView *self)
{
  self->groups = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  limber_patient_view_rebuild (self);
}

GtkWidget *
limber_patient_view_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_VIEW, NULL);
}
