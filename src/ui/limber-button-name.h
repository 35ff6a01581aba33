/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives a button with a text label exactly this accessible name. GTK 4.8 names
 * such a button by its label with the mnemonic underscore and then by its label
 * child again ("_Save Save"); screen readers and automated clients expect "Save". */
void limber_button_set_accessible_name (GtkWidget  *button,
                                        const char *name);

/* Names the search fields under root that GTK's and libadwaita's own windows (the
 * shortcuts window, the preferences window) build without an accessible name. */
void limber_search_entries_set_accessible_name (GtkWidget  *root,
                                                const char *name);

G_END_DECLS
