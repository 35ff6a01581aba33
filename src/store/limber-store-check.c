/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "limber-store-private.h"

/* The full check of a database (limber check, the check after each backup and the
 * one the window runs in the background): unlike opening, it reads every page. */

/* At most this many of SQLite's integrity problems are reported: the first ones
 * tell where the damage is; a damaged file can have thousands. */
#define MAX_INTEGRITY_PROBLEMS 5

static gboolean
verify_integrity (LimberStore  *self,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint n_found = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *line = limber_store_valid_text (limber_store_column_text (stmt, 0));

      if (g_str_equal (line, "ok"))
        continue;

      /* A first line that only names the schema ("*** in database main ***"). */
      if (g_str_has_prefix (line, "***") && strchr (line, '\n') != NULL)
        memmove (line, strchr (line, '\n') + 1, strlen (strchr (line, '\n') + 1) + 1);
      g_strdelimit (line, "\n", ' ');

      if (n_found++ < MAX_INTEGRITY_PROBLEMS)
        g_ptr_array_add (problems, g_strdup_printf (_("The file is damaged: %s"), line));
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *detail = limber_store_valid_text (sqlite3_errmsg (self->db));

      /* A file too damaged to check is a finding, not a failure to check. */
      g_ptr_array_add (problems, g_strdup_printf (_("The file is damaged: %s"), detail));
      return TRUE;
    }

  if (n_found > MAX_INTEGRITY_PROBLEMS)
    g_ptr_array_add (problems, g_strdup_printf (ngettext ("The file is damaged in %u more place",
                                                          "The file is damaged in %u more places",
                                                          n_found - MAX_INTEGRITY_PROBLEMS),
                                                n_found - MAX_INTEGRITY_PROBLEMS));
  return TRUE;
}

static gboolean
verify_schema (LimberStore  *self,
               GPtrArray    *problems,
               GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *difference = NULL;
  gint64 version = 0;
  int rc;

  rc = limber_store_read_int (self, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  difference = limber_store_check_schema (self, (guint) version, &local_error);
  if (local_error != NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The schema cannot be read: %s"),
                                                  local_error->message));
      return TRUE;
    }
  if (difference != NULL)
    g_ptr_array_add (problems, g_strdup_printf (_("The schema was changed outside Limber: %s"),
                                                difference));
  return TRUE;
}

GPtrArray *
limber_store_verify (LimberStore  *self,
                     GError      **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!verify_integrity (self, problems, error))
    return NULL;

  /* The rest reads tables that may be what is damaged. */
  if (problems->len > 0)
    return g_steal_pointer (&problems);

  if (!verify_schema (self, problems, error))
    return NULL;

  return g_steal_pointer (&problems);
}
