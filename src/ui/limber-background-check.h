/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-window.h"

G_BEGIN_DECLS

/* Whenever the window shows a database, reads all of it in a thread (the check
 * that opening skips to stay quick) and makes the day's backup if the check
 * passes; if it does not, the window shows what is wrong until it is closed. */
void limber_background_check_attach (LimberWindow *window);

G_END_DECLS
