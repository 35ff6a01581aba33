/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PREFERENCES_WINDOW (limber_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberPreferencesWindow, limber_preferences_window,
                      LIMBER, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The clinic's settings, one AdwPreferencesPage per concern, each in its own file
 * (limber-therapists-page.c, …). A page has a construct-only "store" property
 * (LimberStore) and keeps itself up to date through the store's "changed" signal;
 * to add one, write it and add its type to the list in
 * limber_preferences_window_add_pages(). */

LimberPreferencesWindow *limber_preferences_window_new       (GtkWindow               *parent,
                                                              LimberStore             *store);
LimberStore             *limber_preferences_window_get_store (LimberPreferencesWindow *self);

G_END_DECLS
