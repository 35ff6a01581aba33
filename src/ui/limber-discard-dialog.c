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
