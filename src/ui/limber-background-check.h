/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-window.h"

G_BEGIN_DECLS

/* Whenever the window shows a database, reads all of it in a thread (the check
 * that opening skips to stay quick) and makes the day's backup if the check
 * passes; if it does not, a banner at the foot of the window (across both panes)
 * says so, with a Details button, until another database is shown. */
void        limber_background_check_attach      (LimberWindow *window);
/* The banner while it is shown, and the problem it is about; NULL otherwise. */
GtkWidget  *limber_background_check_get_banner  (LimberWindow *window);
const char *limber_background_check_get_problem (LimberWindow *window);

G_END_DECLS
