/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-tooltip"

#include "config.h"

#include "limber-tooltip.h"

#define TOOLTIP_KEY "limber-lazy-tooltip"

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
limber_widget_set_lazy_tooltip (GtkWidget  *widget,
                                const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY) == NULL)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text != NULL ? text : ""),
                          g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && text[0] != '\0');
}
