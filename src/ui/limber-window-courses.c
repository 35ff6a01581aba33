/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-course-dialog.h"
#include "limber-discharge-dialog.h"
#include "limber-window-private.h"

/* The window's part in courses of care: starting one for the patient shown,
 * editing, discharging and reopening one. The dialogs store; the window shows the
 * course afterwards and says what happened. */

/* The course of care with that id, or with 0 the one shown; NULL after a toast
 * that says why. */
static LimberEpisode *
limber_window_get_course (LimberWindow *self,
                          gint64        episode_id)
{
  g_autoptr(GError) error = NULL;
  LimberEpisode *episode;

  if (self->store == NULL)
    return NULL;

  if (episode_id == 0)
    {
      episode = limber_patient_view_get_shown_episode (self->patient_view);
      if (episode == NULL)
        limber_window_add_toast (self, _("Choose a patient and a course of care first"));
      return episode != NULL ? g_object_ref (episode) : NULL;
    }

  episode = limber_store_get_episode (self->store, episode_id, &error);
  if (episode == NULL)
    limber_window_add_toast (self, error->message);
  return episode;
}

static void
on_course_started_cb (LimberWindow  *self,
                      LimberEpisode *episode)
{
  /* The store has told the window, which shows the patient anew: now the new course. */
  limber_patient_view_show_episode (self->patient_view, limber_episode_get_id (episode));
  limber_window_add_toast (self, _("Course of care started"));
}

static void
on_course_edited_cb (LimberWindow  *self,
                     LimberEpisode *episode)
{
  limber_patient_view_show_episode (self->patient_view, limber_episode_get_id (episode));
  limber_window_add_toast (self, _("Course of care saved"));
}

static void
on_course_discharged_cb (LimberWindow  *self,
                         LimberEpisode *episode)
{
  limber_patient_view_show_episode (self->patient_view, limber_episode_get_id (episode));
  limber_window_add_toast (self, _("Course of care discharged"));
}

static void
limber_window_start_course_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  LimberPatient *patient = limber_patient_view_get_patient (self->patient_view);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  if (patient == NULL)
    {
      limber_window_add_toast (self, _("Choose a patient to start a course of care for"));
      return;
    }

  dialog = limber_course_dialog_new (GTK_WINDOW (self), self->store,
                                     limber_patient_get_id (patient), NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_course_started_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
limber_window_edit_course_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autoptr(LimberEpisode) episode = limber_window_get_course (self, g_variant_get_int64 (parameter));
  GtkWidget *dialog;

  if (episode == NULL)
    return;

  dialog = limber_course_dialog_new (GTK_WINDOW (self), self->store, 0, episode);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_course_edited_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
limber_window_discharge_course_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autoptr(LimberEpisode) episode = limber_window_get_course (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (episode == NULL)
    return;

  dialog = limber_discharge_dialog_new (GTK_WINDOW (self), self->store, episode, &error);
  if (dialog == NULL)
    {
      limber_window_add_toast (self, error->message);
      return;
    }

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_course_discharged_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
undo_reopen_course (LimberWindow  *self,
                    LimberStore   *store,
                    gpointer       data,
                    GError       **error)
{
  return limber_store_update_episode (store, LIMBER_EPISODE (data), error);
}

/* Reopening keeps the PGIC and the note; only the discharge date goes. */
static void
limber_window_reopen_course_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autoptr(LimberEpisode) episode = limber_window_get_course (self, g_variant_get_int64 (parameter));
  g_autoptr(LimberEpisode) reopened = NULL;
  g_autoptr(GError) error = NULL;

  if (episode == NULL || limber_episode_is_open (episode))
    return;

  reopened = limber_episode_copy (episode);
  limber_episode_set_discharge_date (reopened, NULL);
  if (!limber_store_update_episode (self->store, reopened, &error))
    {
      limber_window_add_toast (self, error->message);
      return;
    }

  limber_patient_view_show_episode (self->patient_view, limber_episode_get_id (reopened));
  limber_window_add_undo_toast (self, _("Course of care reopened"), undo_reopen_course,
                                g_steal_pointer (&episode), g_object_unref);
}

void
limber_window_class_add_course_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.start-course", NULL,
                                   limber_window_start_course_action);
  gtk_widget_class_install_action (widget_class, "win.edit-course", "x",
                                   limber_window_edit_course_action);
  gtk_widget_class_install_action (widget_class, "win.discharge-course", "x",
                                   limber_window_discharge_course_action);
  gtk_widget_class_install_action (widget_class, "win.reopen-course", "x",
                                   limber_window_reopen_course_action);
}
