/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-store-private.h"

/* The therapist table: the clinic's therapists, active or retired. */

#define THERAPIST_COLUMNS "t.id, t.name, t.retired_on"
enum {
  THERAPIST_ID,
  THERAPIST_NAME,
  THERAPIST_RETIRED_ON,
  THERAPIST_N_COLUMNS
};

static gpointer
therapist_from_row (sqlite3_stmt  *stmt,
                    int            column,
                    GError       **error)
{
  LimberTherapist *therapist;

  therapist = limber_therapist_new (limber_store_column_text (stmt, column + THERAPIST_NAME));
  limber_therapist_set_id (therapist, sqlite3_column_int64 (stmt, column + THERAPIST_ID));
  limber_therapist_set_retired (therapist,
                                sqlite3_column_type (stmt, column + THERAPIST_RETIRED_ON)
                                  != SQLITE_NULL);

  return therapist;
}

/* ?1 name, ?2 today when retired (a therapist retired earlier keeps that day). */
static gboolean
therapist_write (LimberStore   *self,
                 sqlite3_stmt  *stmt,
                 gpointer       object,
                 GError       **error)
{
  LimberTherapist *therapist = object;
  g_autofree char *today = NULL;
  int rc;

  if (limber_therapist_get_retired (therapist))
    today = limber_date_today ();

  limber_store_bind_text (stmt, 1, limber_therapist_get_name (therapist));
  limber_store_bind_text (stmt, 2, today);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return limber_store_constraint_error (error,
                                          _("A therapist named “%s” is already on the list"),
                                          limber_therapist_get_name (therapist));
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* ----- Public ----- */

GPtrArray *
limber_store_list_therapists (LimberStore  *self,
                              gboolean      include_retired,
                              GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (include_retired)
    return limber_store_list (self,
                              "SELECT " THERAPIST_COLUMNS " FROM therapist AS t "
                              "ORDER BY t.retired_on IS NOT NULL, t.name COLLATE NOCASE, t.id",
                              0, therapist_from_row, error);

  return limber_store_list (self,
                            "SELECT " THERAPIST_COLUMNS " FROM therapist AS t "
                            "WHERE t.retired_on IS NULL ORDER BY t.name COLLATE NOCASE, t.id",
                            0, therapist_from_row, error);
}

gboolean
limber_store_add_therapist (LimberStore      *self,
                            LimberTherapist  *therapist,
                            GError          **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_THERAPIST (therapist), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_therapist_validate (therapist, error)
      || !limber_store_insert (self, "add therapist",
                               "INSERT INTO therapist (name, retired_on) VALUES (?1, ?2)",
                               therapist_write, therapist, &id, error))
    return FALSE;

  limber_therapist_set_id (therapist, id);
  return TRUE;
}

gboolean
limber_store_update_therapist (LimberStore      *self,
                               LimberTherapist  *therapist,
                               GError          **error)
{
  gint64 id;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_THERAPIST (therapist), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_therapist_get_id (therapist);
  if (!limber_therapist_validate (therapist, error)
      || !limber_store_update (self, "update therapist",
                               "UPDATE therapist SET name = ?1, "
                               "retired_on = CASE WHEN ?2 IS NULL THEN NULL "
                               "ELSE coalesce (retired_on, ?2) END "
                               "WHERE id = :id",
                               therapist_write, therapist, id, &found, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no therapist with id %lld"),
                                       (long long) id);
}
