/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives a button with a text label exactly this accessible name. GTK 4.8 names
 * such a button by its label with the mnemonic underscore and then by its label
 * child again ("_Save Save"); screen readers and automated clients expect "Save". */
void limber_button_set_accessible_name (GtkWidget  *button,
                                        const char *name);

G_END_DECLS
