/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The width, in Pango units, of the text of @unwrapped (a layout without a width,
 * wrapping PANGO_WRAP_WORD_CHAR) if it were laid out at width 0: the narrowest a
 * wrapping label can be. The same figure as a copy of the layout at width 0 gives,
 * found without laying the text out line by line, or -1 for a text this does not
 * handle (several paragraphs, tabs, letter spacing…), which then needs that copy. */
int limber_text_layout_get_narrowest_width (PangoLayout *unwrapped);

G_END_DECLS
