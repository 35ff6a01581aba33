/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

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
  /* A disk that fails to read leaves the file's state unknown: that is no finding. */
  if ((rc & 0xff) == SQLITE_IOERR)
    return limber_store_fail (self, rc, error);
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

/* ----- The audit hash chain ----- */

#define CHAIN_QUERY \
  "SELECT a.id, c.audit_id, a.at, a.user_name, a.action, a.table_name, a.row_id, " \
  "       a.old_values, a.new_values, a.redacted_by, c.values_hash, c.chain_hash " \
  "FROM audit_log AS a FULL OUTER JOIN audit_chain AS c ON c.audit_id = a.id " \
  "ORDER BY coalesce (a.id, c.audit_id)"

enum {
  CHAIN_ID, CHAIN_AUDIT_ID, CHAIN_AT, CHAIN_USER_NAME, CHAIN_ACTION, CHAIN_TABLE_NAME,
  CHAIN_ROW_ID, CHAIN_OLD_VALUES, CHAIN_NEW_VALUES, CHAIN_REDACTED_BY, CHAIN_VALUES_HASH,
  CHAIN_CHAIN_HASH,
};

static gboolean
blob_is_hash (sqlite3_stmt *stmt,
              int           column,
              const guint8 *digest)
{
  return sqlite3_column_type (stmt, column) == SQLITE_BLOB
         && sqlite3_column_bytes (stmt, column) == LIMBER_STORE_HASH_SIZE
         && memcmp (sqlite3_column_blob (stmt, column), digest, LIMBER_STORE_HASH_SIZE) == 0;
}

/* The first entry that is not what the chain says, in words; NULL when every
 * entry is. Sets head_id to the last entry's id. */
static char *chain_find_break_from (LimberStore   *self,
                                    sqlite3_stmt  *stmt,
                                    gint64        *head_id,
                                    sqlite3_value **previous);

static char *
chain_find_break (LimberStore  *self,
                  sqlite3_stmt *stmt,
                  gint64       *head_id)
{
  sqlite3_value *previous = NULL;
  char *broken = chain_find_break_from (self, stmt, head_id, &previous);

  sqlite3_value_free (previous);
  return broken;
}

static char *
chain_find_break_from (LimberStore    *self,
                       sqlite3_stmt   *stmt,
                       gint64         *head_id,
                       sqlite3_value **previous)
{
  guint8 digest[LIMBER_STORE_HASH_SIZE];
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, CHAIN_ID);
      sqlite3_value *columns[LIMBER_STORE_CHAIN_N_COLUMNS];

      if (sqlite3_column_type (stmt, CHAIN_ID) == SQLITE_NULL)
        return g_strdup_printf (_("audit entry %lld was removed"),
                                (long long) sqlite3_column_int64 (stmt, CHAIN_AUDIT_ID));
      if (sqlite3_column_type (stmt, CHAIN_AUDIT_ID) == SQLITE_NULL)
        return g_strdup_printf (_("audit entry %lld was added outside Limber"),
                                (long long) id);

      /* Values erased with a patient cannot be hashed again: their hash stands. */
      if (sqlite3_column_type (stmt, CHAIN_REDACTED_BY) == SQLITE_NULL)
        {
          limber_store_audit_values_hash (sqlite3_column_value (stmt, CHAIN_OLD_VALUES),
                                          sqlite3_column_value (stmt, CHAIN_NEW_VALUES), digest);
          if (!blob_is_hash (stmt, CHAIN_VALUES_HASH, digest))
            return g_strdup_printf (_("audit entry %lld was changed"), (long long) id);
        }
      else if (sqlite3_column_type (stmt, CHAIN_OLD_VALUES) != SQLITE_NULL
               || sqlite3_column_type (stmt, CHAIN_NEW_VALUES) != SQLITE_NULL)
        return g_strdup_printf (_("audit entry %lld was changed"), (long long) id);

      columns[0] = *previous;
      columns[1] = sqlite3_column_value (stmt, CHAIN_ID);
      columns[2] = sqlite3_column_value (stmt, CHAIN_AT);
      columns[3] = sqlite3_column_value (stmt, CHAIN_USER_NAME);
      columns[4] = sqlite3_column_value (stmt, CHAIN_ACTION);
      columns[5] = sqlite3_column_value (stmt, CHAIN_TABLE_NAME);
      columns[6] = sqlite3_column_value (stmt, CHAIN_ROW_ID);
      columns[7] = sqlite3_column_value (stmt, CHAIN_VALUES_HASH);
      limber_store_audit_chain_hash (columns, digest);
      if (!blob_is_hash (stmt, CHAIN_CHAIN_HASH, digest))
        return g_strdup_printf (_("audit entry %lld was changed"), (long long) id);

      g_clear_pointer (previous, sqlite3_value_free);
      *previous = sqlite3_value_dup (sqlite3_column_value (stmt, CHAIN_CHAIN_HASH));
      *head_id = id;
      if (*previous == NULL)
        return g_strdup (_("out of memory"));
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *detail = limber_store_valid_text (sqlite3_errmsg (self->db));

      return g_strdup_printf (_("the audit log cannot be read (%s)"), detail);
    }

  return NULL;
}

static gboolean
verify_chain (LimberStore  *self,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *saved_hash = NULL;
  gint64 head_id = 0;
  gint64 saved_id = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, CHAIN_QUERY, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  broken = chain_find_break (self, stmt, &head_id);
  if (broken != NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The audit log was tampered with: %s"),
                                                  broken));
      return TRUE;
    }

  /* A log cut short and chained again from where it was cut is a valid chain;
   * the newest entry recorded beside the backups tells. */
  if (!limber_store_load_chain_head (self, &saved_id, &saved_hash))
    return TRUE;
  if (saved_id < 0)
    g_ptr_array_add (problems, g_strdup (_("The record of the newest audit entry beside the "
                                           "backups is unreadable")));
  else if (saved_id > head_id)
    g_ptr_array_add (problems, g_strdup_printf (_("The audit log was cut short: it ends at "
                                                  "entry %lld, but entry %lld was recorded "
                                                  "beside the backups"),
                                                (long long) head_id, (long long) saved_id));
  else
    {
      g_autoptr (sqlite3_stmt) entry = NULL;
      g_autofree char *hash = NULL;

      rc = sqlite3_prepare_v2 (self->db, "SELECT lower (hex (chain_hash)) FROM audit_chain "
                                         "WHERE audit_id = ?1", -1, &entry, NULL);
      if (rc != SQLITE_OK)
        return limber_store_fail (self, rc, error);
      sqlite3_bind_int64 (entry, 1, saved_id);
      if (sqlite3_step (entry) == SQLITE_ROW)
        hash = g_strdup (limber_store_column_text (entry, 0));
      if (g_strcmp0 (hash, saved_hash) != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("The audit log was rewritten: entry %lld "
                                                      "is not the one recorded beside the "
                                                      "backups"),
                                                    (long long) saved_id));
    }

  return TRUE;
}

/* ----- Every row is what the audit log last recorded ----- */

/* Whether the column holds what the audit log's JSON says. */
static gboolean
value_matches (sqlite3_stmt *stmt,
               int           column,
               JsonNode     *recorded)
{
  int type = sqlite3_column_type (stmt, column);

  if (JSON_NODE_HOLDS_NULL (recorded))
    return type == SQLITE_NULL;
  if (type == SQLITE_NULL)
    return FALSE;

  /* The measurement's answers and item names: JSON text embedded as it is. */
  if (JSON_NODE_HOLDS_ARRAY (recorded) || JSON_NODE_HOLDS_OBJECT (recorded))
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autofree char *stored = NULL;
      g_autofree char *expected = NULL;

      if (type != SQLITE_TEXT
          || !json_parser_load_from_data (parser, limber_store_column_text (stmt, column), -1,
                                          NULL))
        return FALSE;
      stored = json_to_string (json_parser_get_root (parser), FALSE);
      expected = json_to_string (recorded, FALSE);
      return g_str_equal (stored, expected);
    }

  switch (json_node_get_value_type (recorded))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      if (type == SQLITE_INTEGER && json_node_get_value_type (recorded) == G_TYPE_INT64)
        return sqlite3_column_int64 (stmt, column) == json_node_get_int (recorded);
      return (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
             && sqlite3_column_double (stmt, column) == json_node_get_double (recorded);

    case G_TYPE_STRING:
      {
        g_autofree char *text = NULL;

        if (type != SQLITE_TEXT)
          return FALSE;
        text = limber_store_valid_text (limber_store_column_text (stmt, column));
        return g_str_equal (text, json_node_get_string (recorded));
      }

    default:
      return FALSE;
    }
}

/* The first column of the row that differs from new_values, or NULL. */
static char *
row_find_difference (sqlite3_stmt *stmt,
                     const char   *new_values)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr (GList) members = NULL;

  if (!json_parser_load_from_data (parser, new_values, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup ("?");

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      /* Values the log derives (such as a logo's size) are not columns. */
      for (int column = 0; column < sqlite3_column_count (stmt); column++)
        if (g_str_equal (sqlite3_column_name (stmt, column), l->data))
          {
            if (!value_matches (stmt, column, json_object_get_member (object, l->data)))
              return g_strdup (l->data);
            break;
          }
    }

  return NULL;
}

/* The first row of table that is not what its latest audit entry recorded. */
static char *
table_find_difference (LimberStore  *self,
                       const char   *table,
                       int          *rc)
{
  g_autoptr (sqlite3_stmt) rows = NULL;
  g_autoptr (sqlite3_stmt) entries = NULL;
  g_autofree char *rows_sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY id", table);
  gboolean have_row, have_entry;

  *rc = sqlite3_prepare_v2 (self->db, rows_sql, -1, &rows, NULL);
  if (*rc == SQLITE_OK)
    *rc = sqlite3_prepare_v2 (self->db,
                              "SELECT row_id, new_values, max (id) FROM audit_log "
                              "WHERE table_name = ?1 GROUP BY row_id ORDER BY row_id",
                              -1, &entries, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (entries, 1, table, -1, SQLITE_STATIC);

  have_row = sqlite3_step (rows) == SQLITE_ROW;
  have_entry = sqlite3_step (entries) == SQLITE_ROW;
  while (have_row || have_entry)
    {
      gint64 row_id = have_row ? sqlite3_column_int64 (rows, 0) : G_MAXINT64;
      gint64 entry_row = have_entry ? sqlite3_column_int64 (entries, 0) : G_MAXINT64;
      gboolean recorded_present = have_entry
                                  && sqlite3_column_type (entries, 1) != SQLITE_NULL;

      if (row_id < entry_row)
        return g_strdup_printf (_("%s row %lld was added outside Limber "
                                  "(the audit log has no entry for it)"),
                                table, (long long) row_id);
      if (entry_row < row_id)
        {
          if (recorded_present)
            return g_strdup_printf (_("%s row %lld was deleted outside "
                                      "Limber (audit entry %lld says it is "
                                      "there)"), table, (long long) entry_row,
                                    (long long) sqlite3_column_int64 (entries, 2));
        }
      else if (!recorded_present)
        return g_strdup_printf (_("%s row %lld is there although audit entry %lld deleted it"),
                                table, (long long) row_id,
                                (long long) sqlite3_column_int64 (entries, 2));
      else
        {
          g_autofree char *column = row_find_difference (rows, limber_store_column_text (entries, 1));

          if (column != NULL)
            return g_strdup_printf (_("%s row %lld was changed outside Limber: "
                                      "its %s is not what audit entry %lld "
                                      "recorded"), table, (long long) row_id, column,
                                    (long long) sqlite3_column_int64 (entries, 2));
        }

      if (row_id <= entry_row)
        have_row = sqlite3_step (rows) == SQLITE_ROW;
      if (entry_row <= row_id)
        have_entry = sqlite3_step (entries) == SQLITE_ROW;
    }

  return NULL;
}

static gboolean
verify_rows (LimberStore  *self,
             GPtrArray    *problems,
             GError      **error)
{
  g_autoptr (sqlite3_stmt) tables = NULL;
  int rc;

  /* Every table with audit triggers; the schema check has made sure which. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger' "
                           "AND name = tbl_name || '_audit_insert' ORDER BY tbl_name",
                           -1, &tables, NULL);
  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      g_autofree char *table = g_strdup (limber_store_column_text (tables, 0));
      g_autofree char *difference = table_find_difference (self, table, &rc);

      if (rc != SQLITE_OK)
        return limber_store_fail (self, rc, error);
      if (difference != NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("A record was changed without the "
                                                      "audit log: %s"), difference));
    }
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

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

  /* A schema that is not Limber's cannot be read as Limber's. */
  if (problems->len > 0)
    return g_steal_pointer (&problems);

  if (!verify_chain (self, problems, error) || !verify_rows (self, problems, error))
    return NULL;

  return g_steal_pointer (&problems);
}

/* ----- Pausing a long read ----- */

typedef struct
{
  sqlite3_io_methods        methods;  /* SQLite's, with xRead pausing first */
  const sqlite3_io_methods *real;
  LimberStoreReadPauseFunc  func;
  gpointer                  user_data;
} ReadPause;

/* Each paused file's ReadPause, by file: other methods may be put over these for a
 * while (the check's progress), so that the file's pMethods does not always lead
 * back to them. */
static GMutex      read_pauses_lock;
static GHashTable *read_pauses;

static int
read_pause_read (sqlite3_file  *file,
                 void          *buffer,
                 int            amount,
                 sqlite3_int64  offset)
{
  const ReadPause *pause;

  g_mutex_lock (&read_pauses_lock);
  pause = g_hash_table_lookup (read_pauses, file);
  g_mutex_unlock (&read_pauses_lock);

  pause->func (pause->user_data);
  return pause->real->xRead (file, buffer, amount, offset);
}

gboolean
limber_store_pause_reads_with (LimberStore              *self,
                               LimberStoreReadPauseFunc  func,
                               gpointer                  user_data)
{
  ReadPause *pause;
  sqlite3_file *file = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (self->read_pause == NULL, FALSE);

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK
      || file == NULL || file->pMethods == NULL)
    return FALSE;

  pause = g_new0 (ReadPause, 1);
  pause->real = file->pMethods;
  pause->methods = *file->pMethods;
  pause->methods.xRead = read_pause_read;
  pause->func = func;
  pause->user_data = user_data;

  g_mutex_lock (&read_pauses_lock);
  if (read_pauses == NULL)
    read_pauses = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (read_pauses, file, pause);
  g_mutex_unlock (&read_pauses_lock);

  file->pMethods = &pause->methods;
  self->read_pause = file;
  return TRUE;
}

/* After the connection closed: the file and its ReadPause are gone. */
void
limber_store_forget_read_pause (gpointer file)
{
  ReadPause *pause;

  g_mutex_lock (&read_pauses_lock);
  pause = g_hash_table_lookup (read_pauses, file);
  g_hash_table_remove (read_pauses, file);
  g_mutex_unlock (&read_pauses_lock);
  g_free (pause);
}
