/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-button-name"

#include "config.h"

#include "limber-button-name.h"

void
limber_button_set_accessible_name (GtkWidget  *button,
                                   const char *name)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BUTTON (button) || GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  /* GtkButton also names itself after its label child; the name above says it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  /* The visible text says the same: hidden, it is not read twice. */
  child = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button))
                                 : gtk_menu_button_get_child (GTK_MENU_BUTTON (button));
  if (child != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                 -1);
}

void
limber_search_entries_set_accessible_name (GtkWidget  *root,
                                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (name != NULL);

  if (GTK_IS_SEARCH_ENTRY (root))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    limber_search_entries_set_accessible_name (child, name);
}
