/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-patient-dialog.h"
#include "limber-preferences-window.h"
#include "limber-window-private.h"

void
limber_window_add_toast (LimberWindow *self,
                         const char   *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
limber_window_update_actions (LimberWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  g_autofree char *demo_path = limber_window_get_demo_path ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 g_strcmp0 (page, "patients") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.end-search",
                                 gtk_search_bar_get_search_mode (self->search_bar));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-patient",
                                 self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences",
                                 self->store != NULL);
  /* Disabled, the menu hides it: the demo is what the window shows already. While
   * a restore or an upgrade has the database, nothing opens another. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !self->busy
                                 && (self->store == NULL
                                     || g_strcmp0 (self->database_path, demo_path) != 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-clinic",
                                 !self->busy
                                 && g_strcmp0 (self->database_path, self->clinic_path) != 0);
  limber_window_update_report_actions (self);
  limber_window_update_csv_actions (self);
}

static void
limber_window_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
limber_window_end_search_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);

  /* Also after Enter has opened a match and the focus has left the search. */
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_patient_added_cb (LimberWindow        *self,
                     LimberPatient       *patient,
                     LimberPatientDialog *dialog)
{
  g_autofree char *title = NULL;

  /* The store has already told the list, which holds the new patient now. */
  limber_window_select_patient (self, limber_patient_get_id (patient));

  title = g_strdup_printf (_("Added %s"), limber_patient_get_name (patient));
  limber_window_add_toast (self, title);
}

static void
limber_window_add_patient_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  GtkWidget *dialog;

  g_return_if_fail (self->store != NULL);

  if (self->add_patient_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->add_patient_dialog));
      return;
    }

  dialog = limber_patient_dialog_new (GTK_WINDOW (self), self->store, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_patient_added_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->add_patient_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
limber_window_preferences_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  LimberPreferencesWindow *preferences;

  g_return_if_fail (self->store != NULL);

  /* One at a time, and always about the clinic the window shows. */
  if (self->preferences_window != NULL)
    {
      preferences = LIMBER_PREFERENCES_WINDOW (self->preferences_window);
      if (limber_preferences_window_get_store (preferences) == self->store)
        {
          gtk_window_present (GTK_WINDOW (preferences));
          return;
        }
      gtk_window_destroy (GTK_WINDOW (preferences));
    }

  preferences = limber_preferences_window_new (GTK_WINDOW (self), self->store);
  g_set_weak_pointer (&self->preferences_window, GTK_WIDGET (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
limber_window_open_demo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  limber_window_open_demo_clinic (LIMBER_WINDOW (widget));
}

static void
limber_window_open_clinic_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autofree char *path = g_strdup (self->clinic_path);

  /* A clinic that cannot be opened shows its error page, as at start-up. */
  if (limber_window_open_database (self, path))
    limber_window_add_toast (self, _("Showing your clinic"));
}

void
limber_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   limber_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.end-search", NULL,
                                   limber_window_end_search_action);
  gtk_widget_class_install_action (widget_class, "win.add-patient", NULL,
                                   limber_window_add_patient_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   limber_window_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   limber_window_open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-clinic", NULL,
                                   limber_window_open_clinic_action);
  limber_window_class_add_report_actions (widget_class);
  limber_window_class_add_csv_actions (widget_class);

  limber_window_class_add_session_actions (widget_class);
  limber_window_class_add_course_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  /* A binding of the window comes last: Escape still closes a popover or ends an
   * edit first, and does nothing here while no search is on. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.end-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-patient", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}
