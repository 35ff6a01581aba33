/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-store-private.h"

/* The patient table. */

/* Where each of LIMBER_STORE_PATIENT_COLUMNS stands. */
enum {
  PATIENT_ID,
  PATIENT_MRN,
  PATIENT_NAME,
  PATIENT_BIRTH_DATE,
  PATIENT_SEX,
  PATIENT_PHONE,
  PATIENT_EMAIL,
  PATIENT_NOTES,
  PATIENT_ARCHIVED_ON,
  PATIENT_N_COLUMNS
};

G_STATIC_ASSERT (PATIENT_N_COLUMNS == LIMBER_STORE_PATIENT_N_COLUMNS);

gpointer
limber_store_patient_from_row (sqlite3_stmt  *stmt,
                               int            column,
                               GError       **error)
{
  LimberPatient *patient;

  patient = limber_patient_new (limber_store_column_text (stmt, column + PATIENT_MRN),
                                limber_store_column_text (stmt, column + PATIENT_NAME),
                                limber_store_column_text (stmt, column + PATIENT_BIRTH_DATE));
  limber_patient_set_id (patient, sqlite3_column_int64 (stmt, column + PATIENT_ID));
  limber_patient_set_sex (patient, limber_store_column_text (stmt, column + PATIENT_SEX));
  limber_patient_set_phone (patient, limber_store_column_text (stmt, column + PATIENT_PHONE));
  limber_patient_set_email (patient, limber_store_column_text (stmt, column + PATIENT_EMAIL));
  limber_patient_set_notes (patient, limber_store_column_text (stmt, column + PATIENT_NOTES));
  limber_patient_set_archived (patient,
                               sqlite3_column_type (stmt, column + PATIENT_ARCHIVED_ON)
                                 != SQLITE_NULL);

  return patient;
}

static gboolean
patient_write (LimberStore   *self,
               sqlite3_stmt  *stmt,
               gpointer       object,
               GError       **error)
{
  LimberPatient *patient = object;
  g_autofree char *today = NULL;
  int rc;

  if (limber_patient_get_archived (patient))
    today = limber_date_today ();

  limber_store_bind_text (stmt, 1, limber_patient_get_mrn (patient));
  limber_store_bind_text (stmt, 2, limber_patient_get_name (patient));
  limber_store_bind_text (stmt, 3, limber_patient_get_birth_date (patient));
  limber_store_bind_text (stmt, 4, limber_patient_get_sex (patient));
  limber_store_bind_text (stmt, 5, limber_patient_get_phone (patient));
  limber_store_bind_text (stmt, 6, limber_patient_get_email (patient));
  limber_store_bind_text (stmt, 7, limber_patient_get_notes (patient));
  /* Archived today, unless archived already (the day is kept). */
  limber_store_bind_text (stmt, 8, today);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return limber_store_constraint_error (error,
                                          _("A patient with chart number “%s” already exists"),
                                          limber_patient_get_mrn (patient));
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* ----- Public ----- */

GListModel *
limber_store_list_patients (LimberStore  *self,
                            GError      **error)
{
  g_autoptr (GPtrArray) patients = NULL;
  GListStore *model;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patients = limber_store_list (self,
                                "SELECT " LIMBER_STORE_PATIENT_COLUMNS " FROM patient AS p "
                                "ORDER BY p.name COLLATE NOCASE, p.mrn",
                                0, limber_store_patient_from_row, error);
  if (patients == NULL)
    return NULL;

  model = g_list_store_new (LIMBER_TYPE_PATIENT);
  g_list_store_splice (model, 0, 0, patients->pdata, patients->len);
  return G_LIST_MODEL (model);
}

LimberPatient *
limber_store_find_patient (LimberStore  *self,
                           const char   *mrn,
                           GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = limber_store_prepare (self,
                               "SELECT " LIMBER_STORE_PATIENT_COLUMNS " FROM patient AS p "
                               "WHERE p.mrn = ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  limber_store_bind_text (stmt, 1, mrn);
  return limber_store_read_row (self, stmt, limber_store_patient_from_row, error);
}

LimberPatient *
limber_store_get_patient (LimberStore  *self,
                          gint64        patient_id,
                          GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  LimberPatient *patient;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patient = limber_store_get_row (self,
                                  "SELECT " LIMBER_STORE_PATIENT_COLUMNS " FROM patient AS p "
                                  "WHERE p.id = ?1",
                                  patient_id, limber_store_patient_from_row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  limber_store_not_found_error (error, patient != NULL, _("There is no patient with id %lld"),
                                (long long) patient_id);
  return patient;
}

guint
limber_store_count_patients (LimberStore  *self,
                             GError      **error)
{
  gint64 count;

  g_return_val_if_fail (LIMBER_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  count = limber_store_count (self, "SELECT count(*) FROM patient", error);
  return count > 0 ? (guint) count : 0;
}

gboolean
limber_store_add_patient (LimberStore    *self,
                          LimberPatient  *patient,
                          GError        **error)
{
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_patient_validate (patient, error)
      || !limber_store_begin (self, "add patient", error))
    return FALSE;

  ok = limber_store_insert (self, "add patient",
                            "INSERT INTO patient (mrn, name, birth_date, sex, phone, email, notes, "
                            "archived_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            patient_write, patient, &id, error);
  /* In a transaction that adds many (an import), all are indexed before it commits. */
  if (ok && self->all_or_nothing)
    g_array_append_val (self->unindexed_patients, id);
  else if (ok)
    ok = limber_store_index_patient (self, id, limber_patient_get_name (patient),
                                     limber_patient_get_mrn (patient), error);
  if (!limber_store_end (self, ok, error))
    return FALSE;

  limber_patient_set_id (patient, id);
  return TRUE;
}

gboolean
limber_store_update_patient (LimberStore    *self,
                             LimberPatient  *patient,
                             GError        **error)
{
  gint64 id = 0;
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_patient_get_id (patient);
  if (!limber_patient_validate (patient, error)
      || !limber_store_begin (self, "update patient", error))
    return FALSE;

  ok = limber_store_update (self, "update patient",
                            "UPDATE patient SET mrn = ?1, name = ?2, birth_date = ?3, sex = ?4, "
                            "phone = ?5, email = ?6, notes = ?7, "
                            "archived_on = CASE WHEN ?8 IS NULL THEN NULL "
                            "ELSE coalesce (archived_on, ?8) END "
                            "WHERE id = :id",
                            patient_write, patient, id, &found, error)
       && (!found || limber_store_index_patient (self, id, limber_patient_get_name (patient),
                                                 limber_patient_get_mrn (patient), error));
  if (!limber_store_end (self, ok, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no patient with id %lld"),
                                       (long long) id);
}

gboolean
limber_store_delete_patient (LimberStore  *self,
                             gint64        patient_id,
                             GError      **error)
{
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_store_begin (self, "delete patient", error))
    return FALSE;

  ok = limber_store_delete (self, "delete patient", "DELETE FROM patient WHERE id = ?1",
                            patient_id, &found, error)
       && limber_store_unindex_patient (self, patient_id, error);
  if (!limber_store_end (self, ok, error))
    return FALSE;

  return limber_store_not_found_error (error, found, _("There is no patient with id %lld"),
                                       (long long) patient_id);
}
