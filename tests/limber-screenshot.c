/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-screenshot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limber-application.h"
#include "limber-store.h"
#include "limber-window.h"

/* Draws Limber's main window into a PNG file: the screenshots of the software centre
 * (build-aux/take-screenshots) and the looks at translated layouts. The window is
 * drawn by itself, with its title bar and without a desktop around it, at exactly the
 * size asked for. Needs a display (Xvfb will do).
 *
 * limber-screenshot --database FILE [--patient MRN] [--width W] [--height H]
 *                   [--dark] [--action app.NAME|win.NAME(TARGET)] --output FILE.png
 *
 * With --action the action is activated after the patient is shown, and the window it
 * opens (About, Preferences, keyboard shortcuts, a dialog) is drawn instead. A target
 * is written as in a detailed action name: "win.new-session(int64 0)". */

static char *database_path;
static char *patient_mrn;
static char *output_path;
static char *action_name;
static int width = 1000;
static int height = 700;
static gboolean dark;

static const GOptionEntry entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, &database_path, "The clinic database", "FILE" },
  { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_mrn, "Show this patient", "MRN" },
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (1000)", "PIXELS" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (700)", "PIXELS" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "action", 0, 0, G_OPTION_ARG_STRING, &action_name, "Activate this action first",
    "ACTION" },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, &output_path, "The PNG file to write", "FILE" },
  { NULL }
};

/* Lets the window lay itself out, load icons and finish its transitions. */
static void
run_main_loop_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
save_window (GtkWidget   *window,
             const char  *path,
             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
select_patient (LimberWindow  *window,
                const char    *mrn,
                GError       **error)
{
  g_autoptr(LimberPatient) patient = NULL;
  LimberStore *store = limber_window_get_store (window);

  if (store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the database did not open");
      return FALSE;
    }

  patient = limber_store_find_patient (store, mrn, error);
  if (patient == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no patient %s", mrn);
      return FALSE;
    }

  return limber_window_select_patient (window, limber_patient_get_id (patient));
}

/* The window the action opened: a visible toplevel other than the main window. */
static GtkWidget *
find_opened_window (GtkWidget *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != main_window && gtk_widget_get_visible (window))
        found = window;
    }

  return found;
}

static gboolean
activate_action (GtkWidget   *window,
                 const char  *detailed_name,
                 GError     **error)
{
  g_autoptr(GVariant) target = NULL;
  g_autofree char *name = NULL;
  GActionGroup *group = NULL;

  if (!g_action_parse_detailed_name (detailed_name, &name, &target, error))
    return FALSE;

  if (g_str_has_prefix (name, "app."))
    group = G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window)));
  else if (g_str_has_prefix (name, "win."))
    group = G_ACTION_GROUP (window);

  if (group == NULL || !g_action_group_has_action (group, strchr (name, '.') + 1))
    {
      /* Widget actions (gtk_widget_class_install_action) are not in the groups. */
      if (gtk_widget_activate_action_variant (window, name, target))
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no action %s", name);
      return FALSE;
    }

  g_action_group_activate_action (group, strchr (name, '.') + 1, target);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LimberApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  LimberWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LIMBER_LOCALEDIR") != NULL
                                   ? g_getenv ("LIMBER_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || database_path == NULL || output_path == NULL)
    {
      fprintf (stderr, "limber-screenshot: %s\n",
               error != NULL ? error->message : "--database and --output are required");
      return 2;
    }

  if (!gtk_init_check ())
    {
      fprintf (stderr, "limber-screenshot: no display (run under xvfb-run)\n");
      return 1;
    }
  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  app = limber_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      fprintf (stderr, "limber-screenshot: %s\n", error->message);
      return 1;
    }

  window = limber_window_new (app, database_path);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop_for (500);

  if (patient_mrn != NULL && !select_patient (window, patient_mrn, &error))
    {
      fprintf (stderr, "limber-screenshot: %s\n", error->message);
      return 1;
    }

  run_main_loop_for (1500);
  if (action_name != NULL)
    {
      GtkWidget *opened;

      if (!activate_action (GTK_WIDGET (window), action_name, &error))
        {
          fprintf (stderr, "limber-screenshot: %s\n", error->message);
          return 1;
        }
      run_main_loop_for (1500);
      opened = find_opened_window (GTK_WIDGET (window));
      if (opened == NULL)
        {
          fprintf (stderr, "limber-screenshot: %s opened no window\n", action_name);
          return 1;
        }
      if (!save_window (opened, output_path, &error))
        {
          fprintf (stderr, "limber-screenshot: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (!save_window (GTK_WIDGET (window), output_path, &error))
    {
      fprintf (stderr, "limber-screenshot: %s\n", error->message);
      return 1;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
