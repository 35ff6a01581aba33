/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-help"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-help.h"

gboolean
limber_help_is_installed (void)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *user_page = g_build_filename (g_get_user_data_dir (), "help", "C",
                                                 "limber", "index.page", NULL);

  if (g_file_test (user_page, G_FILE_TEST_EXISTS))
    return TRUE;

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *page = g_build_filename (dirs[i], "help", "C", "limber", "index.page",
                                                NULL);

      if (g_file_test (page, G_FILE_TEST_EXISTS))
        return TRUE;
    }

  return FALSE;
}

char *
limber_help_find_html (void)
{
  g_autofree char *installed = g_build_filename (HELP_HTML_DIR, "index.html", NULL);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);

  /* Run from the build folder: build/src/limber, whose guide is build/help/html. */
  if (exe != NULL)
    {
      g_autofree char *bin_dir = g_path_get_dirname (exe);
      g_autofree char *built = g_build_filename (bin_dir, "..", "help", "html", "index.html",
                                                 NULL);
      g_autofree char *canonical = g_canonicalize_filename (built, NULL);

      if (g_file_test (canonical, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&canonical);
    }

  return NULL;
}

static void
show_path_dialog (GtkWindow  *parent,
                  const char *path)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Cannot Open a Web Browser"), NULL);
  /* Translators: %s is the file of the user guide, e.g. /usr/share/limber/html/index.html. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Open this file in any web browser to read the user "
                                    "guide:\n\n%s"),
                                  path);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_browser_shown_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_debug ("No browser for the user guide: %s", error->message);
      show_path_dialog (GTK_WINDOW (source), path);
    }
}

static void
on_fallback_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (g_strcmp0 (response, "browser") != 0 || (path = limber_help_find_html ()) == NULL)
    return;

  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_browser_shown_cb,
                     g_steal_pointer (&path));
}

static void
show_fallback (GtkWindow *parent,
               gboolean   has_viewer)
{
  g_autofree char *html = limber_help_find_html ();
  const char *heading;
  const char *body;
  GtkWidget *dialog;

  if (has_viewer)
    {
      heading = _("User Guide Not Installed");
      body = html != NULL
             ? _("The help viewer cannot find Limber’s user guide: it is installed together "
                 "with Limber, and this copy of Limber runs without being installed. You can "
                 "read the same guide in your web browser. It is stored on this computer, so "
                 "nothing is downloaded.")
             : _("The help viewer cannot find Limber’s user guide: it is installed together "
                 "with Limber, and this copy of Limber runs without being installed.");
    }
  else
    {
      heading = _("No Help Viewer Installed");
      body = html != NULL
             ? _("Limber’s user guide opens in the desktop’s help viewer, which is not "
                 "installed on this computer (its package is called “yelp”). You can read "
                 "the same guide in your web browser. It is stored on this computer, so "
                 "nothing is downloaded.")
             : _("Limber’s user guide opens in the desktop’s help viewer, which is not "
                 "installed on this computer. Ask whoever looks after this computer to "
                 "install the package “yelp”.");
    }

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (html != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "browser",
                                       _("Open in _Browser"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "browser",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "browser");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect (dialog, "response", G_CALLBACK (on_fallback_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Instead of GTK's own "Operation not supported". */
  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_debug ("The help viewer failed: %s", error->message);
      show_fallback (GTK_WINDOW (source), FALSE);
    }
}

void
limber_help_show (GtkWindow *parent)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (viewer == NULL || !limber_help_is_installed ())
    {
      show_fallback (parent, viewer != NULL);
      return;
    }

  gtk_show_uri_full (parent, "help:limber", GDK_CURRENT_TIME, NULL, on_help_shown_cb, NULL);
}
