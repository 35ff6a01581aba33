/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows the user guide in the desktop's help viewer (help:limber). Where there is no
 * help viewer, or the guide is not installed (Limber run from its build folder), a
 * dialog says so and offers the same guide as web pages in a browser: files on this
 * computer, nothing is downloaded. */
void  limber_help_show          (GtkWindow *parent);
/* The guide's first web page (index.html), installed or in the build folder, or NULL. */
char *limber_help_find_html     (void);
/* TRUE when the guide is installed where the help viewer looks for it. */
gboolean limber_help_is_installed (void);

G_END_DECLS
