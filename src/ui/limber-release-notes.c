/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-release-notes"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-release-notes.h"

G_DEFINE_QUARK (limber-release-notes-error-quark, limber_release_notes_error)

#define METAINFO_RESOURCE RESOURCE_PREFIX "/" APPLICATION_ID ".metainfo.xml"

typedef struct
{
  const char *version;
  gboolean    found;       /* the release is in the file */
  gboolean    in_release;  /* inside <release version="…"> of that version */
  guint       depth;       /* of elements inside its <description> */
  GString    *notes;       /* the markup so far */
  GString    *text;        /* the paragraph or list item being read, NULL outside */
} Parser;

/* Whitespace collapsed as the translation tools do when they extract the metainfo,
 * so that the text matches its message in the catalog. */
static char *
collapse_whitespace (const char *text)
{
  g_autoptr(GString) collapsed = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_c (collapsed, *p);
    }

  return g_string_free (g_steal_pointer (&collapsed), FALSE);
}

static gboolean
is_block (const char *element)
{
  return g_str_equal (element, "p") || g_str_equal (element, "li");
}

static gboolean
is_list (const char *element)
{
  return g_str_equal (element, "ul") || g_str_equal (element, "ol");
}

static gboolean
is_inline (const char *element)
{
  return g_str_equal (element, "em") || g_str_equal (element, "code");
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  Parser *parser = user_data;

  if (g_str_equal (element, "release"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version") && g_str_equal (values[i], parser->version))
          parser->in_release = parser->found = TRUE;
      return;
    }

  if (!parser->in_release)
    return;

  if (parser->depth == 0)
    {
      if (g_str_equal (element, "description"))
        parser->depth = 1;
      return;
    }

  parser->depth++;

  /* A translated copy (xml:lang) is not read: the catalog translates the original. */
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "xml:lang"))
      {
        g_set_error (error, LIMBER_RELEASE_NOTES_ERROR, LIMBER_RELEASE_NOTES_ERROR_INVALID,
                     "release %s: translated <%s> in the source metainfo",
                     parser->version, element);
        return;
      }

  if (is_block (element) && parser->text == NULL)
    parser->text = g_string_new (NULL);
  else if (is_inline (element) && parser->text != NULL)
    g_string_append_printf (parser->text, "<%s>", element);
  else if (is_list (element))
    g_string_append_printf (parser->notes, "<%s>", element);
  else
    g_set_error (error, LIMBER_RELEASE_NOTES_ERROR, LIMBER_RELEASE_NOTES_ERROR_INVALID,
                 "release %s: <%s> is not allowed in a release description",
                 parser->version, element);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  Parser *parser = user_data;

  if (g_str_equal (element, "release"))
    {
      parser->in_release = FALSE;
      return;
    }

  if (!parser->in_release || parser->depth == 0)
    return;

  parser->depth--;
  if (parser->depth == 0)
    return;

  if (is_block (element) && parser->text != NULL)
    {
      g_autofree char *original = collapse_whitespace (parser->text->str);

      g_string_append_printf (parser->notes, "<%s>%s</%s>",
                              element, g_dgettext (GETTEXT_PACKAGE, original), element);
      g_string_free (g_steal_pointer (&parser->text), TRUE);
    }
  else if (is_inline (element) && parser->text != NULL)
    g_string_append_printf (parser->text, "</%s>", element);
  else if (is_list (element))
    g_string_append_printf (parser->notes, "</%s>", element);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Parser *parser = user_data;
  g_autofree char *escaped = NULL;

  if (parser->text == NULL)
    return;

  escaped = g_markup_escape_text (text, length);
  g_string_append (parser->text, escaped);
}

static const GMarkupParser metainfo_parser = {
  .start_element = on_start_element,
  .end_element = on_end_element,
  .text = on_text,
};

char *
limber_release_notes_from_metainfo (const char  *metainfo,
                                    gssize       length,
                                    const char  *version,
                                    GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  Parser parser = { .version = version, .notes = notes };
  gboolean parsed;

  g_return_val_if_fail (metainfo != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_markup_parse_context_new (&metainfo_parser, G_MARKUP_TREAT_CDATA_AS_TEXT,
                                        &parser, NULL);
  parsed = g_markup_parse_context_parse (context, metainfo, length, error)
           && g_markup_parse_context_end_parse (context, error);
  if (parser.text != NULL)
    g_string_free (parser.text, TRUE);
  if (!parsed)
    return NULL;

  if (!parser.found || notes->len == 0)
    {
      g_set_error (error, LIMBER_RELEASE_NOTES_ERROR, LIMBER_RELEASE_NOTES_ERROR_NO_RELEASE,
                   "the metainfo has no release notes for version %s", version);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&notes), FALSE);
}

char *
limber_release_notes_get_current (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (METAINFO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return limber_release_notes_from_metainfo (data, size, PACKAGE_VERSION, error);
}
