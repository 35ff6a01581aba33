/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives widget a tooltip that is read only when it is about to show. GTK 4.8
 * looks for the pointer each time a tooltip's text is set, which on X11 is a round
 * trip to the display server: a page that sets dozens of tooltips as it is built
 * waits for as many. gtk_widget_get_tooltip_text() does not see such a tooltip, so
 * it suits the tooltips of widgets that also say the same some other way. */
void limber_widget_set_lazy_tooltip (GtkWidget  *widget,
                                     const char *text);

G_END_DECLS
