/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-test-fixture"

#include "config.h"

#include <glib/gstdio.h>

#include "limber-test-fixture.h"

void
limber_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        limber_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

void
limber_test_fixture_set_up_folder (LimberTestFixture *fixture,
                                   gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
  fixture->store = NULL;
}

void
limber_test_fixture_set_up (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  limber_test_fixture_set_up_folder (fixture, data);
  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

void
limber_test_fixture_tear_down (LimberTestFixture *fixture,
                               gconstpointer      data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));

  limber_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

char *
limber_test_fixture_build_path (LimberTestFixture *fixture,
                                const char        *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}
