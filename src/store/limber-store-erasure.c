/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "limber-store-private.h"

/* Erasure of a patient at their request: every row of theirs is deleted, the old
 * and new values of every audit row about them are erased (redacted_by names the
 * entry that records the erasure, with counts and without health data), and the
 * file keeps nothing of them (secure_delete zeroes freed space; the WAL is
 * checkpointed and truncated). */

/* The parent id that an audit row's JSON names first: the triggers write the parent
 * column first ({"patient_id":5,… for an episode). 0 when there is none (a deleted
 * row's new values, or a row redacted already). */
static gint64
audit_json_parent (const char *json,
                   const char *key)
{
  gsize key_length = strlen (key);
  const char *p;
  char *end = NULL;
  gint64 id;

  if (json == NULL || json[0] != '{' || json[1] != '"'
      || strncmp (json + 2, key, key_length) != 0
      || json[2 + key_length] != '"' || json[3 + key_length] != ':')
    return 0;

  p = json + 4 + key_length;
  id = g_ascii_strtoll (p, &end, 10);
  if (end == p)
    return 0;

  return id;
}

typedef struct
{
  gint64      patient_id;
  gint64      since;            /* the audit row that added the patient */
  GHashTable *episodes;         /* episode ids that are this patient's */
  GHashTable *sessions;         /* session ids of those episodes */
  GArray     *redact;           /* audit row ids to redact */
} Erasure;

static gboolean
erasure_owns (GHashTable *owned,
              gint64      id)
{
  return id != 0 && g_hash_table_contains (owned, &id);
}

/* An insert or update makes the row the patient's (or someone else's: ids of
 * deleted rows can be reused); a delete changes nothing, since the rows a cascade
 * deletes may be logged before or after their parent. */
static void
erasure_track (GHashTable *owned,
               gint64      row_id,
               const char *new_values,
               gboolean    parent_owned)
{
  if (new_values == NULL)
    return;

  if (parent_owned)
    g_hash_table_add (owned, g_memdup2 (&row_id, sizeof row_id));
  else
    g_hash_table_remove (owned, &row_id);
}

/* Whether the audit row is about the patient; follows who owns which row. */
static gboolean
erasure_visit (Erasure    *erasure,
               const char *table,
               gint64      row_id,
               const char *old_values,
               const char *new_values)
{
  if (strcmp (table, "patient") == 0)
    return row_id == erasure->patient_id;

  if (strcmp (table, "episode") == 0)
    {
      gboolean ours = audit_json_parent (new_values, "patient_id") == erasure->patient_id;

      erasure_track (erasure->episodes, row_id, new_values, ours);
      return ours || audit_json_parent (old_values, "patient_id") == erasure->patient_id;
    }

  if (strcmp (table, "session") == 0 || strcmp (table, "goal") == 0)
    {
      gint64 new_parent = audit_json_parent (new_values, "episode_id");
      gint64 old_parent = audit_json_parent (old_values, "episode_id");
      gboolean ours = erasure_owns (erasure->episodes, new_parent);

      if (strcmp (table, "session") == 0)
        erasure_track (erasure->sessions, row_id, new_values, ours);
      return ours || erasure_owns (erasure->episodes, old_parent);
    }

  if (strcmp (table, "measurement") == 0)
    return erasure_owns (erasure->sessions, audit_json_parent (new_values, "session_id"))
           || erasure_owns (erasure->sessions, audit_json_parent (old_values, "session_id"));

  return FALSE;
}

/* The audit row that added the patient (the latest, should the id have been used by
 * a patient deleted before). */
static gboolean
erasure_find_start (LimberStore  *self,
                    Erasure      *erasure,
                    GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  stmt = limber_store_prepare (self,
                               "SELECT coalesce (max (id), 0) FROM audit_log "
                               "WHERE table_name = 'patient' AND row_id = ?1 "
                               "AND old_values IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, erasure->patient_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return limber_store_fail (self, rc, error);

  erasure->since = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
erasure_collect (LimberStore  *self,
                 Erasure      *erasure,
                 GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  stmt = limber_store_prepare (self,
                               "SELECT id, table_name, row_id, old_values, new_values "
                               "FROM audit_log WHERE id >= ?1 AND table_name IN "
                               "('patient', 'episode', 'goal', 'session', 'measurement') "
                               "ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, erasure->since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (erasure_visit (erasure, limber_store_column_text (stmt, 1),
                         sqlite3_column_int64 (stmt, 2),
                         limber_store_column_text (stmt, 3),
                         limber_store_column_text (stmt, 4)))
        g_array_append_val (erasure->redact, id);
    }

  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* The one change the audit log allows (schema 4): the old and new values of each
 * entry listed become NULL, and redacted_by names the entry that records the
 * erasure. The values' hash stays in the chain, so the chain still verifies. The
 * log's trigger allows it only while self->redacting is set. Entries are chosen one
 * by one (not by row id) so that a row id used by another patient since keeps its
 * history. */
static gboolean
erasure_redact_entries (LimberStore  *self,
                        GArray       *audit_ids,
                        gint64        redacted_by,
                        GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  gboolean ok = TRUE;

  g_assert (self->depth > 0);

  stmt = limber_store_prepare (self,
                               "UPDATE audit_log SET old_values = NULL, new_values = NULL, "
                               "redacted_by = ?2 WHERE id = ?1 AND redacted_by IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  self->redacting = TRUE;
  for (guint i = 0; ok && i < audit_ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (audit_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, redacted_by);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        ok = limber_store_fail (self, rc, error);
    }
  self->redacting = FALSE;

  return ok;
}

static gint64
erasure_count (LimberStore  *self,
               const char   *sql,
               gint64        patient_id,
               GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      limber_store_fail (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* What the erasure's own audit entry says: how much was erased, nothing about whom.
 * It is written as the old values of the patient's row, with no new values, so that
 * the log's latest entry for the row says that it is gone. */
static char *
erasure_describe (LimberStore  *self,
                  gint64        patient_id,
                  GError      **error)
{
  gint64 episodes, sessions, measurements;

  episodes = erasure_count (self, "SELECT count(*) FROM episode WHERE patient_id = ?1",
                            patient_id, error);
  if (episodes < 0)
    return NULL;
  sessions = erasure_count (self,
                            "SELECT count(*) FROM session AS s JOIN episode AS e "
                            "ON s.episode_id = e.id WHERE e.patient_id = ?1",
                            patient_id, error);
  if (sessions < 0)
    return NULL;
  measurements = erasure_count (self,
                                "SELECT count(*) FROM measurement AS m "
                                "JOIN session AS s ON m.session_id = s.id "
                                "JOIN episode AS e ON s.episode_id = e.id "
                                "WHERE e.patient_id = ?1",
                                patient_id, error);
  if (measurements < 0)
    return NULL;

  return g_strdup_printf ("{\"erased\":true,\"episodes\":%" G_GINT64_FORMAT
                          ",\"sessions\":%" G_GINT64_FORMAT
                          ",\"measurements\":%" G_GINT64_FORMAT "}",
                          episodes, sessions, measurements);
}

static gboolean
erasure_write_entry (LimberStore  *self,
                     gint64        patient_id,
                     const char   *summary,
                     gint64       *entry_id,
                     GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  stmt = limber_store_prepare (self,
                               "INSERT INTO audit_log (at, user_name, action, table_name, "
                               "row_id, old_values, new_values) "
                               "VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                               "limber_audit_user (), limber_audit_action (), 'patient', ?1, "
                               "?2, NULL)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  limber_store_bind_text (stmt, 2, summary);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  *entry_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
erasure_delete_rows (LimberStore  *self,
                     gint64        patient_id,
                     gboolean     *found,
                     GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  /* ON DELETE CASCADE removes the episodes, goals, sessions and measurements. */
  stmt = limber_store_prepare (self, "DELETE FROM patient WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  *found = sqlite3_changes64 (self->db) > 0;
  return TRUE;
}

/* The search index keeps a folded copy of the name and chart number; FTS5 keeps a
 * deleted entry's tokens in its older segments until they are merged, so all are
 * merged now (secure_delete then zeroes the pages they leave). */
static gboolean
erasure_unindex (LimberStore  *self,
                 gint64        patient_id,
                 GError      **error)
{
  return limber_store_unindex_patient (self, patient_id, error)
         && limber_store_exec (self,
                               "INSERT INTO patient_search (patient_search) VALUES ('optimize')",
                               error);
}

static gboolean
erasure_run (LimberStore  *self,
             gint64        patient_id,
             GError      **error)
{
  g_autofree char *summary = NULL;
  gboolean found = FALSE;
  gint64 entry_id = 0;
  Erasure erasure = {
    .patient_id = patient_id,
    .episodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    .sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    .redact = g_array_new (FALSE, FALSE, sizeof (gint64)),
  };
  gboolean ok;

  ok = (summary = erasure_describe (self, patient_id, error)) != NULL
       && erasure_find_start (self, &erasure, error)
       && erasure_delete_rows (self, patient_id, &found, error)
       && limber_store_not_found_error (error, found, _("There is no patient with id %lld"),
                                        (long long) patient_id)
       && erasure_unindex (self, patient_id, error)
       && erasure_collect (self, &erasure, error)
       && erasure_write_entry (self, patient_id, summary, &entry_id, error)
       && erasure_redact_entries (self, erasure.redact, entry_id, error);

  g_hash_table_unref (erasure.episodes);
  g_hash_table_unref (erasure.sessions);
  g_array_unref (erasure.redact);
  return ok;
}

/* Moves every page of the WAL into the file and empties the WAL, so that no old
 * copy of an erased page remains in it. Readers on other connections can hold it up
 * for a moment. */
static gboolean
erasure_checkpoint (LimberStore  *self,
                    GError      **error)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      int rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                          NULL, NULL);

      if (rc == SQLITE_OK)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        return limber_store_fail (self, rc, error);
      g_usleep (100 * 1000);
    }

  g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY,
                       _("The patient was erased, but another program is reading the "
                         "database, so an old copy may stay in its journal until that "
                         "program closes"));
  return FALSE;
}

gboolean
limber_store_erase_patient (LimberStore  *self,
                            gint64        patient_id,
                            GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  /* Not inside another action: the erasure must be committed, then checkpointed. */
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!limber_store_begin (self, "erase patient", error))
    return FALSE;
  ok = erasure_run (self, patient_id, error);
  if (!limber_store_end (self, ok, error))
    return FALSE;

  return erasure_checkpoint (self, error);
}
