/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-patient-dialog.h"
#include "limber-window-private.h"

/* What the window does with the selected patient: edit, archive and restore, erase
 * at the patient's request; and whether archived patients are listed. The actions
 * are "patient.*", so that the patient menu and the shortcuts find them. */

static LimberPatient *
selected_patient (LimberWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static GSimpleAction *
lookup_action (LimberWindow *self,
               const char   *name)
{
  return G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->patient_actions),
                                                      name));
}

void
limber_window_update_patient_actions (LimberWindow *self)
{
  LimberPatient *patient = selected_patient (self);
  gboolean archived = patient != NULL && limber_patient_get_archived (patient);

  g_simple_action_set_enabled (lookup_action (self, "edit"), patient != NULL);
  g_simple_action_set_enabled (lookup_action (self, "archive"), patient != NULL && !archived);
  g_simple_action_set_enabled (lookup_action (self, "restore"), archived);
  g_simple_action_set_enabled (lookup_action (self, "erase"), patient != NULL);
  g_simple_action_set_enabled (lookup_action (self, "show-archived"), self->store != NULL);
}

static void
on_patient_saved_cb (LimberWindow        *self,
                     LimberPatient       *patient,
                     LimberPatientDialog *dialog)
{
  g_autofree char *title = g_strdup_printf (_("Saved %s"), limber_patient_get_name (patient));

  limber_window_add_toast (self, title);
}

static void
on_edit_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LimberWindow *self = user_data;
  LimberPatient *patient = selected_patient (self);
  GtkWidget *dialog;

  if (patient == NULL || self->store == NULL)
    return;

  dialog = limber_patient_dialog_new (GTK_WINDOW (self), self->store, patient);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_patient_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->patient_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Archives or restores the patient with this id; one store action, with a toast. */
static void
limber_window_set_archived (LimberWindow *self,
                            gint64        patient_id,
                            gboolean      archived)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  patient = limber_store_get_patient (self->store, patient_id, &error);
  if (patient != NULL)
    {
      limber_patient_set_archived (patient, archived);
      limber_store_update_patient (self->store, patient, &error);
    }

  if (error != NULL)
    {
      limber_window_add_toast (self, error->message);
      return;
    }

  if (archived)
    title = g_strdup_printf (_("Archived %s"), limber_patient_get_name (patient));
  else
    title = g_strdup_printf (_("Restored %s"), limber_patient_get_name (patient));

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  if (archived)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "patient.restore-id");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (patient_id));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  if (!archived)
    limber_window_select_patient (self, patient_id);
}

static void
on_archive_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  LimberWindow *self = user_data;
  LimberPatient *patient = selected_patient (self);

  if (patient != NULL)
    limber_window_set_archived (self, limber_patient_get_id (patient), TRUE);
}

static void
on_restore_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  LimberWindow *self = user_data;
  LimberPatient *patient = selected_patient (self);

  if (patient != NULL)
    limber_window_set_archived (self, limber_patient_get_id (patient), FALSE);
}

static void
on_restore_id_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  LimberWindow *self = user_data;

  if (self->store != NULL)
    limber_window_set_archived (self, g_variant_get_int64 (parameter), FALSE);
}

static void
on_erase_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LimberWindow     *self)
{
  gint64 patient_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "patient-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "erase") != 0 || self->store == NULL)
    return;

  if (!limber_store_erase_patient (self->store, patient_id, &error))
    {
      GtkWidget *message;

      message = adw_message_dialog_new (GTK_WINDOW (self), _("The Patient Was Not Erased"),
                                        error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }

  limber_window_add_toast (self, _("The patient’s record was erased"));
}

static void
on_erase_entry_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  const char *mrn = g_object_get_data (G_OBJECT (dialog), "mrn");
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "erase", g_strcmp0 (typed, mrn) == 0);
}

static void
on_erase_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LimberWindow *self = user_data;
  LimberPatient *patient = selected_patient (self);
  g_autofree char *body = NULL;
  g_autofree char *prompt = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;

  if (patient == NULL)
    return;

  body = g_strdup_printf (_("Every record of %s (chart number %s) is deleted: courses of "
                            "care, sessions, measurements and the history of their "
                            "changes. This cannot be undone, and is meant for a patient "
                            "who asks for their data to be erased. To keep the record but "
                            "leave the list, archive the patient instead."),
                          limber_patient_get_name (patient), limber_patient_get_mrn (patient));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Erase Patient?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "erase", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  prompt = g_strdup_printf (_("Type the chart number “%s” to confirm"),
                            limber_patient_get_mrn (patient));
  label = gtk_label_new (prompt);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "mrn", g_strdup (limber_patient_get_mrn (patient)),
                          g_free);
  g_object_set_data (G_OBJECT (dialog), "patient-id",
                     GSIZE_TO_POINTER ((gsize) limber_patient_get_id (patient)));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_erase_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response_cb), self, 0);
  g_set_weak_pointer (&self->erase_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_show_archived_changed_cb (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  LimberWindow *self = user_data;

  g_autoptr(GError) error = NULL;

  g_simple_action_set_state (action, state);
  self->show_archived = g_variant_get_boolean (state);
  if (self->patients != NULL
      && !limber_patient_list_set_show_archived (self->patients, self->show_archived, &error))
    limber_window_add_toast (self, error->message);
}

static const GActionEntry patient_actions[] = {
  { .name = "edit", .activate = on_edit_activated_cb },
  { .name = "archive", .activate = on_archive_activated_cb },
  { .name = "restore", .activate = on_restore_activated_cb },
  { .name = "restore-id", .activate = on_restore_id_activated_cb, .parameter_type = "x" },
  { .name = "erase", .activate = on_erase_activated_cb },
  { .name = "show-archived", .state = "false", .change_state = on_show_archived_changed_cb },
};

void
limber_window_init_patient_actions (LimberWindow *self)
{
  GtkEventController *shortcuts;

  self->patient_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->patient_actions), patient_actions,
                                   G_N_ELEMENTS (patient_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "patient",
                                  G_ACTION_GROUP (self->patient_actions));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_e,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("patient.edit")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  limber_window_update_patient_actions (self);
}
