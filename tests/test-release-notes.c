/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-release-notes"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "limber-release-notes.h"
#include "limber-ui-resources.h"

/* The About window shows the notes of the running version, read from the metainfo that
 * the software centre shows too; meson's project version is the one version number. */

static const char two_releases[] =
  "<component type=\"desktop-application\">\n"
  "  <releases>\n"
  "    <release version=\"0.2.0\" date=\"2026-12-01\">\n"
  "      <description>\n"
  "        <p>Charts for every\n"
  "           measure.</p>\n"
  "        <ul>\n"
  "          <li>Record a <em>session</em></li>\n"
  "          <li>Fish &amp; chips</li>\n"
  "        </ul>\n"
  "      </description>\n"
  "    </release>\n"
  "    <release version=\"0.1.0\" date=\"2026-11-22\">\n"
  "      <description><p>The first release.</p></description>\n"
  "    </release>\n"
  "  </releases>\n"
  "</component>\n";

static void
test_picks_the_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *older = NULL;

  newer = limber_release_notes_from_metainfo (two_releases, -1, "0.2.0", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (newer, ==,
                   "<p>Charts for every measure.</p>"
                   "<ul><li>Record a <em>session</em></li><li>Fish &amp; chips</li></ul>");

  older = limber_release_notes_from_metainfo (two_releases, -1, "0.1.0", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (older, ==, "<p>The first release.</p>");
}

static void
test_unknown_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  notes = limber_release_notes_from_metainfo (two_releases, -1, "9.9.9", &error);
  g_assert_error (error, LIMBER_RELEASE_NOTES_ERROR, LIMBER_RELEASE_NOTES_ERROR_NO_RELEASE);
  g_assert_null (notes);
  g_assert_nonnull (strstr (error->message, "9.9.9"));
}

static void
test_refuses_unknown_markup (void)
{
  const char metainfo[] =
    "<component><releases><release version=\"1.0\"><description>"
    "<h1>Big news</h1></description></release></releases></component>";
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  notes = limber_release_notes_from_metainfo (metainfo, -1, "1.0", &error);
  g_assert_error (error, LIMBER_RELEASE_NOTES_ERROR, LIMBER_RELEASE_NOTES_ERROR_INVALID);
  g_assert_null (notes);
}

static void
test_current_version_has_notes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = limber_release_notes_get_current (&error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
}

/* The metainfo lists releases newest first; the newest must be the version meson
 * builds, or the software centre and the About window would disagree with
 * `limber --version`. */
static void
test_newest_release_is_meson_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *version = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/" APPLICATION_ID ".metainfo.xml",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  regex = g_regex_new ("<release\\s[^>]*version=\"([^\"]+)\"", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, g_bytes_get_data (bytes, NULL), 0, &match));
  version = g_match_info_fetch (match, 1);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  limber_ui_register_resource ();

  g_test_add_func ("/release-notes/picks-the-version", test_picks_the_version);
  g_test_add_func ("/release-notes/unknown-version", test_unknown_version);
  g_test_add_func ("/release-notes/refuses-unknown-markup", test_refuses_unknown_markup);
  g_test_add_func ("/release-notes/current-version-has-notes", test_current_version_has_notes);
  g_test_add_func ("/release-notes/newest-release-is-meson-version",
                   test_newest_release_is_meson_version);

  return g_test_run ();
}
