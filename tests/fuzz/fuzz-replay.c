/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-fuzz"

#include <stdio.h>
#include <stdlib.h>

#include "limber-fuzz.h"

/* Feeds files to a harness without libFuzzer, so that `make check` replays the seed
 * corpus and every input that once crashed with the normal compiler:
 *
 *   replay-NAME FILE-OR-FOLDER…
 *
 * A folder stands for the files in it, in name order. A finding aborts, naming the
 * file. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    limber_fuzz_fail ("cannot read %s: %s", path, error->message);

  /* Named first, so that a crash says which input caused it. */
  fprintf (stderr, "replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

static guint
replay_path (const char *path)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return 1;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    limber_fuzz_fail ("cannot read the folder %s: %s", path, error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    replay_file (g_ptr_array_index (names, i));
  return names->len;
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER…\n", argv[0]);
      return 2;
    }

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    n_inputs += replay_path (argv[i]);

  if (n_inputs == 0)
    limber_fuzz_fail ("no inputs to replay");
  printf ("replayed %u inputs\n", n_inputs);
  return EXIT_SUCCESS;
}
