/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_CLINIC_PREFERENCES_PAGE (limber_clinic_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberClinicPreferencesPage, limber_clinic_preferences_page,
                      LIMBER, CLINIC_PREFERENCES_PAGE, AdwPreferencesPage)

/* The clinic's details for the letterhead of its reports: name, address, phone,
 * e-mail, logo and paper size, saved in the database ("store", construct-only) so
 * that reports made from the command line carry them too. Each change is saved on
 * its own (a text when its row's apply button is pressed), and one that is refused
 * keeps what was typed and says why. */

AdwPreferencesPage *limber_clinic_preferences_page_new (LimberStore *store);

G_END_DECLS
