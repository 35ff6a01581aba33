/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-discard-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-discard-dialog.h"

static gboolean
destroy_window_cb (gpointer window)
{
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
on_response_cb (GtkWindow  *window,
                const char *response)
{
  /* Once the dialog has finished closing: it is transient for window. */
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window_cb, g_object_ref (window),
                     g_object_unref);
}

GtkWidget *
limber_discard_dialog_present (GtkWindow  *window,
                               const char *heading,
                               const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  dialog = adw_message_dialog_new (window, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A slip of Escape or Enter must not lose the work. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response_cb), window,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* ----- The edit flow ----- */

static GQuark
edit_flow_quark (void)
{
  return g_quark_from_static_string ("limber-edit-flow");
}

/* The flow of window's type, or of the nearest type it derives from. */
static const LimberEditFlow *
edit_flow_get (gpointer window)
{
  for (GType type = G_OBJECT_TYPE (window); type != 0; type = g_type_parent (type))
    {
      const LimberEditFlow *flow = g_type_get_qdata (type, edit_flow_quark ());

      if (flow != NULL)
        return flow;
    }

  g_assert_not_reached ();
}

void
limber_edit_flow_cancel (GtkWindow *window)
{
  const LimberEditFlow *flow;

  g_return_if_fail (GTK_IS_WINDOW (window));

  flow = edit_flow_get (window);
  if (!flow->is_modified (window))
    {
      gtk_window_destroy (window);
      return;
    }

  limber_discard_dialog_present (window,
                                 flow->discard_heading != NULL ? flow->discard_heading (window)
                                                               : _("Discard Your Changes?"),
                                 _("What you entered has not been saved."));
}

char *
limber_edit_flow_dup_note (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

const char *
limber_edit_flow_get_message (GtkLabel *error_label)
{
  g_return_val_if_fail (GTK_IS_LABEL (error_label), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (error_label)))
    return NULL;

  return gtk_label_get_label (error_label);
}

static void
edit_flow_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  edit_flow_get (widget)->save (GTK_WINDOW (widget));
}

static void
edit_flow_cancel_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  limber_edit_flow_cancel (GTK_WINDOW (widget));
}

static gboolean
edit_flow_close_request (GtkWindow *window)
{
  if (!edit_flow_get (window)->is_modified (window))
    return FALSE;

  limber_edit_flow_cancel (window);
  return TRUE;
}

void
limber_edit_flow_install (GtkWidgetClass       *widget_class,
                          const LimberEditFlow *flow)
{
  g_autofree char *save_name = NULL;
  g_autofree char *cancel_name = NULL;
  const char *save;
  const char *cancel;

  g_return_if_fail (GTK_IS_WINDOW_CLASS (widget_class));
  g_return_if_fail (flow != NULL && flow->action_prefix != NULL);
  g_return_if_fail (flow->save != NULL && flow->is_modified != NULL);

  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), edit_flow_quark (), (gpointer) flow);
  GTK_WINDOW_CLASS (widget_class)->close_request = edit_flow_close_request;

  /* Interned: the names live as long as the class does. */
  save_name = g_strconcat (flow->action_prefix, ".save", NULL);
  cancel_name = g_strconcat (flow->action_prefix, ".cancel", NULL);
  save = g_intern_string (save_name);
  cancel = g_intern_string (cancel_name);
  gtk_widget_class_install_action (widget_class, save, NULL, edit_flow_save_action);
  gtk_widget_class_install_action (widget_class, cancel, NULL, edit_flow_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, cancel, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, save,
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, save,
                                       NULL);
}
