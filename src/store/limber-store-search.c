/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <string.h>

#include "limber-store-private.h"

/* The patient search: a trigram index (the patient_search table of schema 5) over
 * each patient's name and chart number, folded for case and accents. A search of
 * three or more characters reads only the index; a shorter one reads the folded
 * texts, which are small. The index is written here, in the transaction of each
 * change to a patient, since SQLite allows no trigger to write it. */

/* Trigrams: a shorter search has none to look up. */
#define MIN_INDEXED_CHARS 3

/* Folds as the search box does, so that "MÜL" finds "Anna Müller". */
char *
limber_store_search_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static char *
patient_search_text (const char *name,
                     const char *mrn)
{
  g_autofree char *joined = g_strjoin (" ", name != NULL ? name : "", mrn != NULL ? mrn : "",
                                       NULL);

  return limber_store_search_fold (g_strstrip (joined));
}

/* limber_search_text (name, mrn): what the index holds for a patient. */
static void
search_text_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  char *text = patient_search_text ((const char *) sqlite3_value_text (argv[0]),
                                    (const char *) sqlite3_value_text (argv[1]));

  sqlite3_result_text (context, text, -1, g_free);
}

gboolean
limber_store_register_search_functions (LimberStore  *self,
                                        GError      **error)
{
  int rc = sqlite3_create_function_v2 (self->db, "limber_search_text", 2,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                       NULL, search_text_func, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);
  return TRUE;
}

gboolean
limber_store_index_patient (LimberStore  *self,
                            gint64        patient_id,
                            const char   *name,
                            const char   *mrn,
                            GError      **error)
{
  g_autofree char *text = patient_search_text (name, mrn);
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  if (!limber_store_unindex_patient (self, patient_id, error))
    return FALSE;

  stmt = limber_store_prepare (self, "INSERT INTO patient_search (rowid, text) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  limber_store_bind_text (stmt, 2, text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);
  return TRUE;
}

gboolean
limber_store_index_added_patients (LimberStore  *self,
                                   GError      **error)
{
  for (guint i = 0; i < self->unindexed_patients->len; i++)
    {
      g_autoptr (LimberStoreStatement) stmt = NULL;
      g_autofree char *name = NULL;
      g_autofree char *mrn = NULL;
      gint64 id = g_array_index (self->unindexed_patients, gint64, i);
      int rc;

      stmt = limber_store_prepare (self, "SELECT name, mrn FROM patient WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        return limber_store_fail (self, rc, error);

      name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      mrn = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_clear_pointer (&stmt, limber_store_statement_release);
      if (!limber_store_index_patient (self, id, name, mrn, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
limber_store_unindex_patient (LimberStore  *self,
                              gint64        patient_id,
                              GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  stmt = limber_store_prepare (self, "DELETE FROM patient_search WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);
  return TRUE;
}

/* A phrase of the FTS5 query language: the text in double quotes, its own quotes
 * doubled, matches exactly that text anywhere. */
static char *
quote_phrase (const char *text)
{
  g_autoptr (GString) phrase = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');
  return g_string_free (g_steal_pointer (&phrase), FALSE);
}

gboolean
limber_store_search_is_indexed (const char *folded)
{
  return g_utf8_strlen (folded, -1) >= MIN_INDEXED_CHARS;
}

/* The ids in the first column of every row the statement gives, in order. */
static GArray *
read_ids (LimberStore   *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      limber_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
limber_store_search_match_ids (LimberStore  *self,
                               const char   *folded,
                               GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  g_autofree char *phrase = quote_phrase (folded);

  stmt = limber_store_prepare (self,
                               "SELECT rowid FROM patient_search WHERE patient_search MATCH ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  limber_store_bind_text (stmt, 1, phrase);
  return read_ids (self, stmt, error);
}

GArray *
limber_store_search_patient_ids (LimberStore  *self,
                                 const char   *search,
                                 GError      **error)
{
  return limber_store_search_listed_patient_ids (self, search, TRUE, error);
}

GArray *
limber_store_search_listed_patient_ids (LimberStore  *self,
                                        const char   *search,
                                        gboolean      include_archived,
                                        GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (search == NULL || search[0] == '\0')
    {
      stmt = limber_store_prepare (self,
                                   "SELECT p.id FROM patient AS p "
                                   "WHERE ?2 OR p.archived_on IS NULL "
                                   "ORDER BY p.name COLLATE NOCASE, p.mrn",
                                   error);
    }
  else
    {
      folded = limber_store_search_fold (search);
      if (limber_store_search_is_indexed (folded))
        {
          g_autofree char *phrase = quote_phrase (folded);

          stmt = limber_store_prepare (self,
                                       "SELECT p.id FROM patient_search "
                                       "JOIN patient AS p ON p.id = patient_search.rowid "
                                       "WHERE patient_search MATCH ?1 "
                                       "AND (?2 OR p.archived_on IS NULL) "
                                       "ORDER BY p.name COLLATE NOCASE, p.mrn",
                                       error);
          if (stmt != NULL)
            limber_store_bind_text (stmt, 1, phrase);
        }
      else
        {
          stmt = limber_store_prepare (self,
                                       "SELECT p.id FROM patient_search "
                                       "JOIN patient AS p ON p.id = patient_search.rowid "
                                       "WHERE instr (patient_search.text, ?1) > 0 "
                                       "AND (?2 OR p.archived_on IS NULL) "
                                       "ORDER BY p.name COLLATE NOCASE, p.mrn",
                                       error);
          if (stmt != NULL)
            limber_store_bind_text (stmt, 1, folded);
        }
    }
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 2, include_archived ? 1 : 0);
  return read_ids (self, stmt, error);
}

/* Rows read by one statement: a list view asks for a screenful and more at once. */
#define PATIENTS_PER_READ 64

static void
clear_patient (gpointer patient)
{
  if (patient != NULL)
    g_object_unref (patient);
}

/* "?1, ?2, …, ?n" */
static char *
patients_by_id_sql (void)
{
  g_autoptr (GString) sql = g_string_new ("SELECT " LIMBER_STORE_PATIENT_COLUMNS
                                          " FROM patient AS p WHERE p.id IN (");

  for (guint i = 1; i <= PATIENTS_PER_READ; i++)
    g_string_append_printf (sql, i > 1 ? ", ?%u" : "?%u", i);
  g_string_append_c (sql, ')');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

GPtrArray *
limber_store_get_patients (LimberStore   *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  /* Built once and kept: the store keeps its statements by their text. */
  static gsize sql_made = 0;
  static char *sql = NULL;
  g_autoptr (GPtrArray) patients = NULL;
  g_autoptr (GHashTable) positions = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_once_init_enter (&sql_made))
    {
      sql = patients_by_id_sql ();
      g_once_init_leave (&sql_made, 1);
    }

  patients = g_ptr_array_new_full (n_ids, clear_patient);
  g_ptr_array_set_size (patients, n_ids);
  /* Where each id stands (the ids are those of a list: each once). */
  positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_insert (positions, (gpointer) &ids[i], GUINT_TO_POINTER (i));

  for (guint start = 0; start < n_ids; start += PATIENTS_PER_READ)
    {
      g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;

      /* Unused parameters stay NULL, which no id equals. */
      for (guint i = 0; i < PATIENTS_PER_READ && start + i < n_ids; i++)
        sqlite3_bind_int64 (stmt, (int) i + 1, ids[start + i]);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LimberPatient *patient = limber_store_patient_from_row (stmt, 0, NULL);
          gint64 id = limber_patient_get_id (patient);
          gpointer position;

          if (g_hash_table_lookup_extended (positions, &id, NULL, &position))
            g_ptr_array_index (patients, GPOINTER_TO_UINT (position)) = patient;
          else
            g_object_unref (patient);
        }
      if (rc != SQLITE_DONE)
        {
          limber_store_fail (self, rc, error);
          return NULL;
        }
    }

  return g_steal_pointer (&patients);
}
