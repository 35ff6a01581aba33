/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_TEXT_ROW (limber_text_row_get_type ())

G_DECLARE_FINAL_TYPE (LimberTextRow, limber_text_row, LIMBER, TEXT_ROW, AdwPreferencesRow)

/* A row of a boxed list with a title and a subtitle, plain text, and widgets before
 * and after them: it looks and reads as an AdwActionRow of libadwaita 1.2 (the same
 * CSS nodes and style classes; the row named by its title and described by its
 * subtitle), but is made of a few widgets instead of a template, and its texts are
 * LimberTexts, shaped once per width. Its title is the AdwPreferencesRow's title, so
 * that a preferences group lists it as a row. */
GtkWidget  *limber_text_row_new          (const char    *title,
                                          const char    *subtitle);


const char *limber_text_row_get_subtitle (LimberTextRow *self);
void        limber_text_row_add_prefix   (LimberTextRow *self,
                                          GtkWidget     *widget);
void        limber_text_row_add_suffix   (LimberTextRow *self,
                                          GtkWidget     *widget);

G_END_DECLS
