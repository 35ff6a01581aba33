/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The command-line contract of interchange.md: exit statuses. */
typedef enum
{
  LIMBER_EXIT_SUCCESS = 0,
  LIMBER_EXIT_INVALID = 1,   /* invalid input or data */
  LIMBER_EXIT_USAGE = 2,     /* usage error */
  LIMBER_EXIT_DATABASE = 3,  /* the database cannot be opened, is damaged or newer */
  LIMBER_EXIT_WRITE = 4,     /* could not write (disk full or I/O error): nothing saved */
} LimberExitStatus;

/* TRUE when argv names a verb, --help or --version: run limber_cli_run() and open
 * no window. FALSE when only options for the application (--database) are given. */
gboolean limber_cli_is_headless (int    argc,
                                 char **argv);
/* Runs the verb; results on stdout, messages on stderr; returns the exit status. */
int      limber_cli_run         (int    argc,
                                 char **argv);

G_END_DECLS
