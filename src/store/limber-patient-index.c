/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-index"

#include "config.h"

#include <string.h>

#include "limber-patient-index.h"
#include "limber-store-private.h"

/* A patient in list order. */
typedef struct
{
  gint64      id;
  const char *text;      /* what the search index holds, in texts; NULL without */
  gboolean    archived;
} Entry;

struct _LimberPatientIndex
{
  GObject       parent_instance;

  /* owned */
  GWeakRef      store;         /* the connection it was read from */
  gint64        data_version;  /* of that connection when it was read */
  GArray       *entries;       /* Entry, in list order */
  GHashTable   *ranks;         /* id → its index in entries, plus one */
  GStringChunk *texts;
  guint         n_reads;
};

G_DEFINE_FINAL_TYPE (LimberPatientIndex, limber_patient_index, G_TYPE_OBJECT)

static void
limber_patient_index_clear (LimberPatientIndex *self)
{
  g_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->ranks);
  g_string_chunk_clear (self->texts);
}

/* Reads the patients in list order, the archived ones and the texts of the search
 * index, in the read transaction of the search: the same order and texts as
 * limber_store_search_listed_patient_ids() reads. */
static gboolean
limber_patient_index_read (LimberPatientIndex  *self,
                           LimberStore         *store,
                           GError             **error)
{
  g_autoptr (LimberStoreStatement) order = NULL;
  g_autoptr (LimberStoreStatement) archived = NULL;
  g_autoptr (LimberStoreStatement) texts = NULL;
  int rc;

  limber_patient_index_clear (self);
  self->n_reads++;

  /* In the order of the patient_by_name index, read without sorting. */
  order = limber_store_prepare (store,
                                "SELECT id FROM patient ORDER BY name COLLATE NOCASE, mrn",
                                error);
  if (order == NULL)
    return FALSE;
  while ((rc = sqlite3_step (order)) == SQLITE_ROW)
    {
      Entry entry = { sqlite3_column_int64 (order, 0), NULL, FALSE };

      g_array_append_val (self->entries, entry);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  /* The entries stay where they are: their ids are the keys. */
  for (guint i = 0; i < self->entries->len; i++)
    g_hash_table_insert (self->ranks, &g_array_index (self->entries, Entry, i).id,
                         GUINT_TO_POINTER (i + 1));

  archived = limber_store_prepare (store, "SELECT id FROM patient WHERE archived_on IS NOT NULL",
                                   error);
  if (archived == NULL)
    return FALSE;
  while ((rc = sqlite3_step (archived)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (archived, 0);
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, &id));

      if (rank > 0)
        g_array_index (self->entries, Entry, rank - 1).archived = TRUE;
    }
  if (rc != SQLITE_DONE)
    goto failed;

  texts = limber_store_prepare (store, "SELECT rowid, text FROM patient_search", error);
  if (texts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (texts)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (texts, 0);
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, &id));
      const char *text = (const char *) sqlite3_column_text (texts, 1);

      if (rank > 0 && text != NULL)
        g_array_index (self->entries, Entry, rank - 1).text = g_string_chunk_insert (self->texts, text);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  return TRUE;

failed:
  limber_patient_index_clear (self);
  return limber_store_fail (store, rc, error);
}

/* The entries a search finds, marked by their place in the list. */
static gboolean
limber_patient_index_mark (LimberPatientIndex  *self,
                           LimberStore         *store,
                           const char          *folded,
                           guint8              *found,
                           GError             **error)
{
  const Entry *entries = (const Entry *) self->entries->data;

  if (limber_store_search_is_indexed (folded))
    {
      /* The trigram index finds a few among thousands, as the SQL search does. */
      g_autoptr (GArray) ids = limber_store_search_match_ids (store, folded, error);

      if (ids == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks,
                                                              &g_array_index (ids, gint64, i)));

          if (rank > 0)
            found[rank - 1] = TRUE;
        }
      return TRUE;
    }

  /* One or two characters: the SQL search looks for them in every text (instr(),
   * which compares bytes as strstr() does). */
  for (guint i = 0; i < self->entries->len; i++)
    found[i] = entries[i].text != NULL && strstr (entries[i].text, folded) != NULL;
  return TRUE;
}

GArray *
limber_patient_index_search (LimberPatientIndex  *self,
                             LimberStore         *store,
                             const char          *search,
                             gboolean             include_archived,
                             GError             **error)
{
  g_autoptr (LimberStore) read_on = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autofree guint8 *found = NULL;
  g_autofree char *folded = NULL;
  const Entry *entries;
  gint64 data_version;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (LIMBER_IS_PATIENT_INDEX (self), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* What the index holds and what the search reads come from one snapshot. */
  if (!limber_store_exec (store, "BEGIN", error))
    return NULL;

  rc = limber_store_read_int (store, "PRAGMA data_version", &data_version);
  if (rc != SQLITE_OK)
    ok = limber_store_fail (store, rc, error);

  read_on = g_weak_ref_get (&self->store);
  if (ok && (read_on != store || data_version != self->data_version || self->n_reads == 0))
    {
      ok = limber_patient_index_read (self, store, error);
      g_weak_ref_set (&self->store, ok ? store : NULL);
      self->data_version = data_version;
    }

  entries = (const Entry *) self->entries->data;
  if (ok && search != NULL && search[0] != '\0')
    {
      folded = limber_store_search_fold (search);
      found = g_new0 (guint8, MAX (self->entries->len, 1));
      ok = limber_patient_index_mark (self, store, folded, found, error);
    }

  if (ok)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < self->entries->len; i++)
        if ((found == NULL || found[i]) && (include_archived || !entries[i].archived))
          g_array_append_val (ids, entries[i].id);
    }

  /* Only read: nothing to keep or undo. */
  if (!limber_store_exec (store, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL) && ok)
    return NULL;

  return ok ? g_steal_pointer (&ids) : NULL;
}

guint
limber_patient_index_get_n_reads (LimberPatientIndex *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_INDEX (self), 0);

  return self->n_reads;
}

static void
limber_patient_index_finalize (GObject *object)
{
  LimberPatientIndex *self = LIMBER_PATIENT_INDEX (object);

  g_weak_ref_clear (&self->store);
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->texts, g_string_chunk_free);

  G_OBJECT_CLASS (limber_patient_index_parent_class)->finalize (object);
}

static void
limber_patient_index_class_init (LimberPatientIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_patient_index_finalize;
}

static void
limber_patient_index_init (LimberPatientIndex *self)
{
  g_weak_ref_init (&self->store, NULL);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->ranks = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->texts = g_string_chunk_new (4096);
}

LimberPatientIndex *
limber_patient_index_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_INDEX, NULL);
}
