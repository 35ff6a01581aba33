/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"


#include "limber-store-private.h"

/* The clinic table: one row at most, the details on the letterhead of reports. */

static gpointer
clinic_from_row (sqlite3_stmt  *stmt,
                 int            column,
                 GError       **error)
{
  LimberClinic *clinic = limber_clinic_new ();
  LimberPaper paper;
  const void *logo;
  int logo_size;

  limber_clinic_set_name (clinic, limber_store_column_text (stmt, column));
  limber_clinic_set_address (clinic, limber_store_column_text (stmt, column + 1));
  limber_clinic_set_phone (clinic, limber_store_column_text (stmt, column + 2));
  limber_clinic_set_email (clinic, limber_store_column_text (stmt, column + 3));

  logo = sqlite3_column_blob (stmt, column + 4);
  logo_size = sqlite3_column_bytes (stmt, column + 4);
  if (logo != NULL && logo_size > 0)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (logo, logo_size);

      limber_clinic_set_logo (clinic, bytes);
    }

  if (limber_paper_from_string (limber_store_column_text (stmt, column + 5), &paper))
    limber_clinic_set_paper (clinic, paper);

  return clinic;
}

LimberClinic *
limber_store_get_clinic (LimberStore  *self,
                         GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  LimberClinic *clinic;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = limber_store_prepare (self,
                               "SELECT name, address, phone, email, logo, paper "
                               "FROM clinic WHERE id = 1",
                               error);
  if (stmt == NULL)
    return NULL;

  clinic = limber_store_read_row (self, stmt, clinic_from_row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return clinic != NULL ? clinic : limber_clinic_new ();
}

static gboolean
clinic_write (LimberStore   *self,
              LimberClinic  *clinic,
              GError       **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  GBytes *logo = limber_clinic_get_logo (clinic);
  int rc;

  stmt = limber_store_prepare (self,
                               "INSERT INTO clinic (id, name, address, phone, email, logo, paper) "
                               "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                               "address = excluded.address, phone = excluded.phone, "
                               "email = excluded.email, logo = excluded.logo, "
                               "paper = excluded.paper",
                               error);
  if (stmt == NULL)
    return FALSE;

  limber_store_bind_text (stmt, 1, limber_clinic_get_name (clinic));
  limber_store_bind_text (stmt, 2, limber_clinic_get_address (clinic));
  limber_store_bind_text (stmt, 3, limber_clinic_get_phone (clinic));
  limber_store_bind_text (stmt, 4, limber_clinic_get_email (clinic));
  if (logo != NULL)
    sqlite3_bind_blob64 (stmt, 5, g_bytes_get_data (logo, NULL), g_bytes_get_size (logo),
                         SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  limber_store_bind_text (stmt, 6, limber_paper_to_string (limber_clinic_get_paper (clinic)));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

gboolean
limber_store_save_clinic (LimberStore   *self,
                          LimberClinic  *clinic,
                          GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_CLINIC (clinic), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_clinic_validate (clinic, error))
    return FALSE;

  if (!limber_store_begin (self, "save clinic details", error))
    return FALSE;
  ok = clinic_write (self, clinic, error);
  return limber_store_end (self, ok, error);
}
