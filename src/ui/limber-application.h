/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_APPLICATION (limber_application_get_type ())

G_DECLARE_FINAL_TYPE (LimberApplication, limber_application, LIMBER, APPLICATION, AdwApplication)

/* Handles --database FILE (else limber_store_get_default_path()), opens the store and
 * the main window; a store that cannot be opened is reported in a window, never
 * a crash. */
LimberApplication *limber_application_new (void);

G_END_DECLS
