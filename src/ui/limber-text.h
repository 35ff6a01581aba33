/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_TEXT (limber_text_get_type ())

G_DECLARE_FINAL_TYPE (LimberText, limber_text, LIMBER, TEXT, GtkWidget)

/* A line or paragraph of plain text that looks and sizes itself as a GtkLabel with
 * the same text, wrap (word, else character), xalign and max-width-chars would, and
 * has the same CSS node (`label`), so that style classes such as .heading or
 * .dim-label apply to it alike. Screen readers read it as a label.
 *
 * Unlike GtkLabel, it keeps the PangoLayout of each width it was measured at (the
 * unwrapped one and the widths it was given): GTK 4.8 measures a wrapping label
 * several times at a few widths for every page shown, and GtkLabel shapes its text
 * again for each of them, which made most of a patient switch. A text that fits on
 * one line is laid out once for all widths. Its narrowest width (GtkLabel's minimum,
 * a layout at width 0) is found from the unwrapped layout (see
 * limber-text-narrowest.c). It asks for its height for its width, never its width
 * for a height. */
GtkWidget  *limber_text_new                 (const char *text);

const char *limber_text_get_text            (LimberText *self);
void        limber_text_set_text            (LimberText *self,
                                             const char *text);
gboolean    limber_text_get_wrap            (LimberText *self);
void        limber_text_set_wrap            (LimberText *self,
                                             gboolean    wrap);
float       limber_text_get_xalign          (LimberText *self);
void        limber_text_set_xalign          (LimberText *self,
                                             float       xalign);
int         limber_text_get_max_width_chars (LimberText *self);
void        limber_text_set_max_width_chars (LimberText *self,
                                             int         n_chars);

G_END_DECLS
