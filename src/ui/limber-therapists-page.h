/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-store.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_THERAPISTS_PAGE (limber_therapists_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberTherapistsPage, limber_therapists_page,
                      LIMBER, THERAPISTS_PAGE, AdwPreferencesPage)

/* Preferences → Therapists: the clinic's therapists, added, renamed, retired and
 * reinstated. The session editor offers the active ones. */

LimberTherapistsPage *limber_therapists_page_new            (LimberStore          *store);
/* Adds a therapist by the name typed in the page's entry; FALSE (with the error
 * shown) when the store refuses it. */
gboolean              limber_therapists_page_add            (LimberTherapistsPage *self);
/* The message of the last refused change, or NULL. */
const char           *limber_therapists_page_get_error      (LimberTherapistsPage *self);

G_END_DECLS
