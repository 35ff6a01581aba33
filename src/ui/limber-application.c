/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-application.h"
#include "limber-background-check.h"
#include "limber-button-name.h"
#include "limber-help.h"
#include "limber-release-notes.h"
#include "limber-store.h"
#include "limber-ui-resources.h"
#include "limber-window.h"

struct _LimberApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *database_path;  /* from --database, NULL for the default */
};

G_DEFINE_FINAL_TYPE (LimberApplication, limber_application, ADW_TYPE_APPLICATION)

static char *
limber_application_dup_debug_info (LimberApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GString) info = g_string_new (NULL);
  LimberStore *store = NULL;

  g_string_append_printf (info, "Limber %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "GTK %u.%u.%u, libadwaita %u.%u.%u, GLib %u.%u.%u\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "Schema version: %u\n", limber_store_get_schema_version ());

  if (LIMBER_IS_WINDOW (window))
    {
      g_string_append_printf (info, "Database: %s\n",
                              limber_window_get_database_path (LIMBER_WINDOW (window)));
      store = limber_window_get_store (LIMBER_WINDOW (window));
    }

  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 n_rows = limber_store_count_audit_rows (store, &error);

      if (error == NULL)
        g_string_append_printf (info, "Audit log rows: %" G_GINT64_FORMAT "\n", n_rows);
      else
        g_string_append_printf (info, "Audit log: %s\n", error->message);
    }

  return g_string_free (g_steal_pointer (&info), FALSE);
}

static void
on_about_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LimberApplication *self = LIMBER_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *debug_info = limber_application_dup_debug_info (self);
  const char *developers[] = { _("The Limber developers"), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *release_notes = limber_release_notes_get_current (&error);
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Limber"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Limber developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://limberapp.org",
                        "comments", _("Limber records treatment sessions and shows how each "
                                      "patient recovers over a course of care.\n\n"
                                      "Your clinic’s data stays on this computer: Limber "
                                      "sends nothing over the network."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© The Limber developers"),
                        "debug-info", debug_info,
                        "debug-info-filename", "limber-debug-info.txt",
                        NULL);

  /* The notes are compiled in, so a failure here is a packaging mistake: the window
   * still opens, without them. */
  if (release_notes != NULL)
    {
      adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
      adw_about_window_set_release_notes (about, release_notes);
    }
  else
    g_warning ("No release notes: %s", error->message);

  adw_about_window_add_legal_section (about, _("User guide"),
                                      _("© The Limber developers"),
                                      GTK_LICENSE_CUSTOM,
                                      _("The user guide is licensed under the "
                                        "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">"
                                        "Creative Commons Attribution-ShareAlike 4.0 "
                                        "International</a> licence."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_help_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* The guide is installed with Limber and shown by the desktop's help viewer. */
  limber_help_show (parent);
}

static void
on_quit_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not destroying) lets each window save its size first; the application
   * quits when the last one is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = on_about_activated_cb },
  { .name = "help", .activate = on_help_activated_cb },
  { .name = "quit", .activate = on_quit_activated_cb },
};

static int
limber_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LimberApplication *self = LIMBER_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path) && path[0] != '\0')
    {
      g_free (self->database_path);
      /* Relative to where limber was started, not to wherever the window runs. */
      self->database_path = g_canonicalize_filename (path, NULL);
    }

  return G_APPLICATION_CLASS (limber_application_parent_class)->handle_local_options (app, options);
}

static void
limber_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (limber_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
}

static void
limber_application_activate (GApplication *app)
{
  LimberApplication *self = LIMBER_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *path = NULL;

      if (self->database_path != NULL)
        path = g_strdup (self->database_path);
      else
        path = limber_store_get_default_path ();

      window = GTK_WINDOW (limber_window_new (self, path));
      limber_background_check_attach (LIMBER_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
limber_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GtkShortcutsWindow *overlay;

  /* GTK loads the shortcuts window here, with a search field it does not name. */
  GTK_APPLICATION_CLASS (limber_application_parent_class)->window_added (app, window);

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay != NULL)
    limber_search_entries_set_accessible_name (GTK_WIDGET (overlay), _("Search shortcuts"));
}

static void
limber_application_finalize (GObject *object)
{
  LimberApplication *self = LIMBER_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (limber_application_parent_class)->finalize (object);
}

static void
limber_application_class_init (LimberApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = limber_application_finalize;

  app_class->handle_local_options = limber_application_handle_local_options;
  app_class->startup = limber_application_startup;
  app_class->activate = limber_application_activate;
  gtk_app_class->window_added = limber_application_window_added;

  /* The templates, style sheet and shortcuts window live in a resource bundle that a
   * static library would otherwise drop at link time; register it before any
   * widget class looks for its template. */
  limber_ui_register_resource ();
}

static void
limber_application_init (LimberApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "database", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Open the clinic database FILE instead of the usual one"),
                                 /* Translators: the placeholder of --database FILE in
                                  * limber --help */
                                 _("FILE"));
}

LimberApplication *
limber_application_new (void)
{
  return g_object_new (LIMBER_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
