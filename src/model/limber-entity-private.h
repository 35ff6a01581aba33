/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* Shared by the entity types (patient, episode, session, measurement, goal); internal
 * to the model layer. */

/* Stores a copy of @text in *@field. NULL and "" both mean "not recorded" and are
 * stored as NULL, so that an empty entry in a form and a missing CSV cell are the same
 * value. With @strip, leading and trailing white space is removed first (names and chart
 * numbers are typed by people and pasted from other systems). Returns TRUE when the
 * stored value changed, so that callers notify only real changes. */
static inline gboolean
limber_entity_set_text (char       **field,
                        const char  *text,
                        gboolean     strip)
{
  g_autofree char *normal = NULL;

  if (text != NULL)
    {
      normal = g_strdup (text);
      if (strip)
        g_strstrip (normal);
      if (normal[0] == '\0')
        g_clear_pointer (&normal, g_free);
    }

  if (g_strcmp0 (*field, normal) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&normal);
  return TRUE;
}

/* Values compare equal when both are NAN ("no value"), so that setting NAN twice
 * notifies once. */
static inline gboolean
limber_entity_same_double (double a,
                           double b)
{
  return a == b || (isnan (a) && isnan (b));
}

G_END_DECLS
