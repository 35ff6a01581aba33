/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Reading a PDF back with poppler-utils, as a clinic's reader would see it. */

/* The standard output of argv (NULL-terminated), asserting that it ran. */
static inline char *
limber_test_pdf_run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text of every page, in reading order with the layout kept. */
static inline char *
limber_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  return limber_test_pdf_run (argv);
}

/* The text of each page: pdftotext ends every page with a form feed. */
static inline GStrv
limber_test_pdf_pages (const char *path)
{
  g_autofree char *text = limber_test_pdf_text (path);
  g_auto (GStrv) pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* The split leaves an empty piece after the last form feed. */
  if (n > 0 && pages[n - 1][0] == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return g_steal_pointer (&pages);
}

/* The value of "Key:" in pdfinfo's output, without surrounding space. */
static inline char *
limber_test_pdf_info (const char *path,
                      const char *key)
{
  const char *argv[] = { "pdfinfo", "-isodates", path, NULL };
  g_autofree char *out = limber_test_pdf_run (argv);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

/* Asserts that every font of the PDF is embedded (pdffonts' "emb" column). */
static inline void
limber_test_pdf_assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = limber_test_pdf_run (argv);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  /* Two header lines, then one line a font: name type encoding emb sub uni obj. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = NULL;
      g_autoptr (GPtrArray) filled = g_ptr_array_new ();

      if (lines[i][0] == '\0')
        continue;
      words = g_strsplit_set (lines[i], " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (filled, words[w]);
      g_assert_cmpuint (filled->len, >=, 6);
      /* emb, sub, uni, object number, generation: emb is the fifth from the end. */
      g_assert_cmpstr (g_ptr_array_index (filled, filled->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

G_END_DECLS
