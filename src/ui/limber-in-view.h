/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the snapshot of a widget on a long scrolled page: FALSE while none of it is in
 * the page's view, when it need not draw its content. The widget is then drawn again
 * as soon as it is scrolled to (or the view grows to it), in the frame that shows it.
 * TRUE outside a scrolled page. */
gboolean limber_widget_draws_in_view (GtkWidget *widget);

G_END_DECLS
