/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-json"

#include "config.h"

#include <math.h>

#include "limber-json.h"
#include "limber-types.h"

/* json-glib's own generator writes doubles with 17 significant digits; everything
 * else about a tree it leaves to us, so the writing is done here, once. */

static void
append_indent (GString *out,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* Values are decimals as the clinic typed them: rounding to ten decimals drops the
 * binary noise of arithmetic before the shortest form is chosen. */
static void
append_double (GString *out,
               double   value)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  text = limber_format_number (round (value * 1e10) / 1e10);
  g_string_append (out, text);
}

static void append_node (GString  *out,
                         JsonNode *node,
                         guint     depth);

static void
append_object (GString    *out,
               JsonObject *object,
               guint       depth)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append_c (out, '{');
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append_c (out, '\n');
      append_indent (out, depth + 1);
      append_string (out, l->data);
      g_string_append (out, ": ");
      append_node (out, json_object_get_member (object, l->data), depth + 1);
      if (l->next != NULL)
        g_string_append_c (out, ',');
    }
  g_string_append_c (out, '\n');
  append_indent (out, depth);
  g_string_append_c (out, '}');
}

static void
append_array (GString   *out,
              JsonArray *array,
              guint      depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, '\n');
      append_indent (out, depth + 1);
      append_node (out, json_array_get_element (array, i), depth + 1);
      if (i + 1 < n)
        g_string_append_c (out, ',');
    }
  g_string_append_c (out, '\n');
  append_indent (out, depth);
  g_string_append_c (out, ']');
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    append_double (out, json_node_get_double (node));
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), depth);
      break;

    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node), depth);
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
limber_json_to_string (JsonNode *root)
{
  GString *out;

  g_return_val_if_fail (root != NULL, NULL);

  out = g_string_new (NULL);
  append_node (out, root, 0);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
