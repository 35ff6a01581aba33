/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "limber-application.h"
#include "limber-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LimberApplication) app = NULL;
  const char *localedir = g_getenv ("LIMBER_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* LIMBER_LOCALEDIR=build/po runs an uninstalled build in another language (the
   * translation tests, screenshots); an installed Limber uses its own folder. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Verbs run headless: they must not need (or touch) a display. */
  if (limber_cli_is_headless (argc, argv))
    return limber_cli_run (argc, argv);

  app = limber_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
