/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_TITLE_LAYOUT (limber_title_layout_get_type ())

G_DECLARE_FINAL_TYPE (LimberTitleLayout, limber_title_layout, LIMBER, TITLE_LAYOUT, GtkLayoutManager)

/* Lays out wrapping labels one under another, spacing pixels apart, each as tall
 * as it needs at the width it gets, like a vertical GtkBox.
 *
 * Its width does not depend on the height it is offered. GTK 4.8's GtkBox asks a
 * vertical box inside a horizontal one for its width at a given height, and a
 * wrapping GtkLabel answers that by laying its text out again and again to search
 * for the narrowest width that fits: about thirty times for each label of an
 * AdwActionRow, which made ten rows take longer to show than the rest of a page.
 * LimberTextRow stacks its title and subtitle with it. */
GtkLayoutManager *limber_title_layout_new            (int                  spacing);
/* Gives the group's title and description (its `box.labels`) this layout; the
 * group looks and reads the same. */
void              limber_title_layout_apply_to_group (AdwPreferencesGroup *group);

G_END_DECLS
