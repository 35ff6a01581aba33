/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <math.h>
#include <string.h>

#include <errno.h>

#include <json-glib/json-glib.h>
#include <nettle/sha2.h>

#include "limber-file.h"
#include "limber-store-private.h"

G_STATIC_ASSERT (LIMBER_STORE_HASH_SIZE == SHA256_DIGEST_SIZE);

/* The audit log: the SQL functions its triggers call to write who changed what,
 * and the JSON they write the old and new rows in, which the measurement's answers
 * and item_names columns share. */

/* ----- Writing JSON -----
 *
 * Written by hand rather than with json-glib so that numbers come out as the
 * shortest text that reads back the same double ("35.6", not "35.600000000000001"). */

/* The digits of value as "%" G_GINT64_FORMAT writes them, without printf: the
 * audit log writes and hashes several numbers for every entry. Returns the length;
 * buffer holds at least 21 bytes and is not terminated. */
static gsize
format_int64 (gint64  value,
              char   *buffer)
{
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  char reversed[20];
  gsize n = 0;
  gsize length = 0;

  do
    {
      reversed[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (value < 0)
    buffer[length++] = '-';
  while (n > 0)
    buffer[length++] = reversed[--n];

  return length;
}

static void
json_append_string (GString    *json,
                    const char *text)
{
  g_autofree char *repaired = NULL;
  const char *valid = text;
  const char *run;

  /* A copy only for the rare text that is not UTF-8 already. */
  if (!g_utf8_validate (text, -1, NULL))
    valid = repaired = g_utf8_make_valid (text, -1);

  g_string_append_c (json, '"');
  run = valid;
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      /* What needs no escape is copied in runs. */
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (json, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          g_string_append (json, "\\\"");
          break;
        case '\\':
          g_string_append (json, "\\\\");
          break;
        case '\n':
          g_string_append (json, "\\n");
          break;
        case '\r':
          g_string_append (json, "\\r");
          break;
        case '\t':
          g_string_append (json, "\\t");
          break;
        default:
          g_string_append_printf (json, "\\u%04x", c);
          break;
        }
    }
  g_string_append (json, run);
  g_string_append_c (json, '"');
}

static void
json_append_number (GString *json,
                    double   value)
{
  g_autofree char *number = NULL;

  /* JSON has no NaN or infinity; NAN is how an unanswered item travels. */
  if (!isfinite (value))
    {
      g_string_append (json, "null");
      return;
    }

  number = limber_format_number (value);
  g_string_append (json, number);
}

char *
limber_store_answers_to_json (const double *answers,
                              guint         n_answers)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_answers; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      json_append_number (json, answers[i]);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

char *
limber_store_names_to_json (const char *const *names)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      json_append_string (json, names[i]);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* ----- Reading JSON ----- */

static JsonArray *
parse_json_array (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  return json_array_ref (json_node_get_array (root));
}

gboolean
limber_store_answers_from_json (const char *text,
                                GArray     *answers)
{
  g_autoptr (JsonArray) array = parse_json_array (text);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      double answer = NAN;

      if (JSON_NODE_HOLDS_VALUE (node))
        answer = json_node_get_double (node);
      g_array_append_val (answers, answer);
    }

  return TRUE;
}

gboolean
limber_store_names_from_json (const char *text,
                              GPtrArray  *names)
{
  g_autoptr (JsonArray) array = parse_json_array (text);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
    }
  g_ptr_array_add (names, NULL);

  return TRUE;
}

/* ----- SQL functions for the audit triggers -----
 *
 * Registered as SQLITE_INNOCUOUS: with PRAGMA trusted_schema=OFF only innocuous
 * functions may run inside triggers. limber_audit_json is also deterministic;
 * the user and action are not (they change between transactions). */

static void
audit_user_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  LimberStore *self = sqlite3_user_data (context);

  sqlite3_result_text (context, self->user_name, -1, SQLITE_TRANSIENT);
}

static void
audit_action_func (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  LimberStore *self = sqlite3_user_data (context);

  /* Every write happens inside a named action; refusing others keeps the log whole. */
  if (self->action == NULL)
    {
      sqlite3_result_error (context, "a change outside a Limber action cannot be audited", -1);
      return;
    }

  sqlite3_result_text (context, self->action, -1, SQLITE_TRANSIENT);
}

static void
json_append_sql_value (GString       *json,
                       sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      {
        char number[21];

        g_string_append_len (json, number,
                             format_int64 (sqlite3_value_int64 (value), number));
      }
      break;

    case SQLITE_FLOAT:
      json_append_number (json, sqlite3_value_double (value));
      break;

    case SQLITE_TEXT:
      json_append_string (json, (const char *) sqlite3_value_text (value));
      break;

    case SQLITE_BLOB:
      {
        /* JSON text to embed as it is (the measurement's stored arrays), if it is
         * JSON indeed; otherwise it is kept as a string. */
        g_autofree char *text = g_strndup (sqlite3_value_blob (value),
                                           sqlite3_value_bytes (value));
        g_autoptr (JsonParser) parser = json_parser_new ();

        if (json_parser_load_from_data (parser, text, -1, NULL))
          g_string_append (json, text);
        else
          json_append_string (json, text);
      }
      break;

    case SQLITE_NULL:
    default:
      g_string_append (json, "null");
      break;
    }
}

/* limber_audit_json (key, value, ...): a JSON object of the row's columns. */
static void
audit_json_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  GString *json;
  char *text;
  gsize length;

  if (argc % 2 != 0)
    {
      sqlite3_result_error (context, "limber_audit_json () takes pairs of key and value", -1);
      return;
    }

  json = g_string_new ("{");
  for (int i = 0; i < argc; i += 2)
    {
      const char *key = (const char *) sqlite3_value_text (argv[i]);

      if (i > 0)
        g_string_append_c (json, ',');
      json_append_string (json, key != NULL ? key : "");
      g_string_append_c (json, ':');
      json_append_sql_value (json, argv[i + 1]);
    }
  g_string_append_c (json, '}');

  length = json->len;
  text = g_string_free (json, FALSE);
  sqlite3_result_text64 (context, text, length, g_free, SQLITE_UTF8);
}

/* ----- The hash chain -----
 *
 * Each value is hashed with its kind and length before it, so that no two
 * different rows give the same bytes ("ab" + "c" is not "a" + "bc"). Every entry
 * of the audit log takes two hashes: nettle's SHA-256 (which uses the processor's
 * SHA instructions where there are some) keeps that a small part of an import. */

static void
hash_append (struct sha256_ctx *sha,
             char               kind,
             const guchar      *data,
             gsize              length)
{
  guchar prefix[9];

  prefix[0] = (guchar) kind;
  for (guint i = 0; i < 8; i++)
    prefix[1 + i] = (guchar) (((guint64) length >> (8 * (7 - i))) & 0xff);
  sha256_update (sha, sizeof prefix, prefix);
  if (length > 0)
    sha256_update (sha, length, data);
}

static void
hash_append_value (struct sha256_ctx *sha,
                   sqlite3_value     *value)
{
  /* NULL: the first entry has no previous chain hash. */
  switch (value != NULL ? sqlite3_value_type (value) : SQLITE_NULL)
    {
    case SQLITE_NULL:
      hash_append (sha, 'N', NULL, 0);
      break;

    case SQLITE_INTEGER:
      {
        char number[21];

        hash_append (sha, 'I', (const guchar *) number,
                     format_int64 (sqlite3_value_int64 (value), number));
      }
      break;

    case SQLITE_BLOB:
      hash_append (sha, 'B', sqlite3_value_blob (value), sqlite3_value_bytes (value));
      break;

    default:
      {
        const guchar *text = sqlite3_value_text (value);

        hash_append (sha, 'T', text, sqlite3_value_bytes (value));
      }
      break;
    }
}

void
limber_store_audit_values_hash (sqlite3_value *old_values,
                                sqlite3_value *new_values,
                                guint8         digest[LIMBER_STORE_HASH_SIZE])
{
  struct sha256_ctx sha;

  sha256_init (&sha);
  hash_append_value (&sha, old_values);
  hash_append_value (&sha, new_values);
  sha256_digest (&sha, LIMBER_STORE_HASH_SIZE, digest);
}

void
limber_store_audit_chain_hash (sqlite3_value **columns,
                               guint8          digest[LIMBER_STORE_HASH_SIZE])
{
  struct sha256_ctx sha;

  /* The previous chain hash (NULL for the first entry), then id, at, user_name,
   * action, table_name, row_id and values_hash. */
  sha256_init (&sha);
  for (guint i = 0; i < LIMBER_STORE_CHAIN_N_COLUMNS; i++)
    hash_append_value (&sha, columns[i]);
  sha256_digest (&sha, LIMBER_STORE_HASH_SIZE, digest);
}

static void
audit_values_hash_func (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  guint8 digest[LIMBER_STORE_HASH_SIZE];

  limber_store_audit_values_hash (argv[0], argv[1], digest);
  sqlite3_result_blob (context, digest, sizeof digest, SQLITE_TRANSIENT);
}

static void
audit_chain_hash_func (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  guint8 digest[LIMBER_STORE_HASH_SIZE];

  limber_store_audit_chain_hash (argv, digest);
  sqlite3_result_blob (context, digest, sizeof digest, SQLITE_TRANSIENT);
}

static void
audit_may_redact_func (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  LimberStore *self = sqlite3_user_data (context);

  sqlite3_result_int (context, self->redacting);
}

/* limber_audit_deferred (what): whether the store writes what the trigger would
 * ('measurement': the entries of the measurements it inserts; 'chain': the links). */
static void
audit_deferred_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  LimberStore *self = sqlite3_user_data (context);
  const char *what = (const char *) sqlite3_value_text (argv[0]);
  gboolean deferred = FALSE;

  if (g_strcmp0 (what, "measurement") == 0)
    deferred = self->auditing_measurements;
  else if (g_strcmp0 (what, "chain") == 0)
    deferred = self->chain_deferred;

  sqlite3_result_int (context, deferred);
}

gboolean
limber_store_register_functions (LimberStore  *self,
                                 GError      **error)
{
  static const struct {
    const char *name;
    int         n_args;
    int         flags;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "limber_audit_user", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, audit_user_func },
    { "limber_audit_action", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, audit_action_func },
    { "limber_audit_json", -1, SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
      audit_json_func },
    { "limber_audit_values_hash", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
      audit_values_hash_func },
    { "limber_audit_chain_hash", LIMBER_STORE_CHAIN_N_COLUMNS,
      SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, audit_chain_hash_func },
    { "limber_audit_may_redact", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, audit_may_redact_func },
    { "limber_audit_deferred", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, audit_deferred_func },
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (self->db, functions[i].name, functions[i].n_args,
                                           functions[i].flags, self, functions[i].func,
                                           NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return limber_store_fail (self, rc, error);
    }

  return TRUE;
}

/* ----- The chain of an import, in one pass ----- */

/* The chain hash of the entry in the columns 0 (id) to 5 (row_id) of entry, as
 * limber_store_audit_chain_hash() hashes them: the same kinds and bytes. */
static void
chain_hash_of_entry (const guint8 *previous,
                     sqlite3_stmt *entry,
                     const guint8  values_hash[LIMBER_STORE_HASH_SIZE],
                     guint8        digest[LIMBER_STORE_HASH_SIZE])
{
  struct sha256_ctx sha;

  sha256_init (&sha);
  if (previous != NULL)
    hash_append (&sha, 'B', previous, LIMBER_STORE_HASH_SIZE);
  else
    hash_append (&sha, 'N', NULL, 0);
  for (int column = 0; column < 6; column++)
    hash_append_value (&sha, sqlite3_column_value (entry, column));
  hash_append (&sha, 'B', values_hash, LIMBER_STORE_HASH_SIZE);
  sha256_digest (&sha, LIMBER_STORE_HASH_SIZE, digest);
}

void
limber_store_defer_audit_chain (LimberStore *self)
{
  g_return_if_fail (LIMBER_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (!self->audit_per_row)
    self->chain_deferred = TRUE;
}

/* The links go in this many to a statement: a statement of one row costs more than
 * the row. */
#define LINKS_PER_INSERT 32

typedef struct
{
  gint64 audit_id;
  guint8 values_hash[LIMBER_STORE_HASH_SIZE];
  guint8 chain_hash[LIMBER_STORE_HASH_SIZE];
} Link;

/* INSERT INTO audit_chain … VALUES (?1, ?2, ?3), (?4, ?5, ?6), …: n_links rows, 1 or
 * LINKS_PER_INSERT. Made once: the store keeps its statements by their text. */
static const char *
links_insert_sql (guint n_links)
{
  static gsize made = 0;
  static char *batch_sql = NULL;

  g_assert (n_links == 1 || n_links == LINKS_PER_INSERT);

  if (n_links == 1)
    return "INSERT INTO audit_chain (audit_id, values_hash, chain_hash) VALUES (?1, ?2, ?3)";

  if (g_once_init_enter (&made))
    {
      GString *text = g_string_new ("INSERT INTO audit_chain (audit_id, values_hash, chain_hash) "
                                    "VALUES ");

      for (guint i = 0; i < LINKS_PER_INSERT; i++)
        g_string_append_printf (text, "%s(?%u, ?%u, ?%u)", i > 0 ? ", " : "",
                                1 + 3 * i, 2 + 3 * i, 3 + 3 * i);
      batch_sql = g_string_free (text, FALSE);
      g_once_init_leave (&made, 1);
    }

  return batch_sql;
}

static gboolean
insert_links (LimberStore  *self,
              const Link   *links,
              guint         n_links,
              GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, links_insert_sql (n_links),
                                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_links; i++)
    {
      sqlite3_bind_int64 (stmt, 1 + 3 * i, links[i].audit_id);
      sqlite3_bind_blob (stmt, 2 + 3 * i, links[i].values_hash, LIMBER_STORE_HASH_SIZE,
                         SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 3 + 3 * i, links[i].chain_hash, LIMBER_STORE_HASH_SIZE,
                         SQLITE_STATIC);
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);
  return TRUE;
}

gboolean
limber_store_complete_audit_chain (LimberStore  *self,
                                   GError      **error)
{
  g_autoptr (LimberStoreStatement) head = NULL;
  g_autoptr (LimberStoreStatement) entries = NULL;
  Link links[LINKS_PER_INSERT];
  guint n_links = 0;
  const guint8 *previous = NULL;
  gint64 head_id = 0;
  int rc;

  head = limber_store_prepare (self, "SELECT audit_id, chain_hash FROM audit_chain "
                                     "ORDER BY audit_id DESC LIMIT 1", error);
  entries = head == NULL ? NULL
    : limber_store_prepare (self, "SELECT id, at, user_name, action, table_name, row_id, "
                                  "old_values, new_values FROM audit_log "
                                  "WHERE id > ?1 ORDER BY id", error);
  if (entries == NULL)
    return FALSE;

  /* The newest link's hash, kept in the last place of links until it has a
   * successor. */
  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    {
      head_id = sqlite3_column_int64 (head, 0);
      if (sqlite3_column_bytes (head, 1) == LIMBER_STORE_HASH_SIZE)
        {
          memcpy (links[LINKS_PER_INSERT - 1].chain_hash, sqlite3_column_blob (head, 1),
                  LIMBER_STORE_HASH_SIZE);
          previous = links[LINKS_PER_INSERT - 1].chain_hash;
        }
    }
  else if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  sqlite3_bind_int64 (entries, 1, head_id);
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    {
      Link *link = &links[n_links];

      link->audit_id = sqlite3_column_int64 (entries, 0);
      limber_store_audit_values_hash (sqlite3_column_value (entries, 6),
                                      sqlite3_column_value (entries, 7), link->values_hash);
      chain_hash_of_entry (previous, entries, link->values_hash, link->chain_hash);
      previous = link->chain_hash;

      if (++n_links == LINKS_PER_INSERT)
        {
          if (!insert_links (self, links, n_links, error))
            return FALSE;
          n_links = 0;
        }
    }
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  for (guint i = 0; i < n_links; i++)
    {
      if (!insert_links (self, &links[i], 1, error))
        return FALSE;
    }

  return TRUE;
}

void
limber_store_set_audit_per_row (LimberStore *self,
                                gboolean     per_row)
{
  g_return_if_fail (LIMBER_IS_STORE (self));

  self->audit_per_row = per_row;
}

/* ----- Erasure ----- */

gboolean
limber_store_redact_audit (LimberStore  *self,
                           const char   *table_name,
                           gint64        row_id,
                           gint64        redacted_by,
                           GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (self->depth > 0, FALSE);

  stmt = limber_store_prepare (self,
                               "UPDATE audit_log SET old_values = NULL, new_values = NULL, "
                               "redacted_by = ?3 "
                               "WHERE table_name = ?1 AND row_id = ?2 AND redacted_by IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  limber_store_bind_text (stmt, 1, table_name);
  sqlite3_bind_int64 (stmt, 2, row_id);
  sqlite3_bind_int64 (stmt, 3, redacted_by);

  self->redacting = TRUE;
  rc = sqlite3_step (stmt);
  self->redacting = FALSE;
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* ----- The newest hash, kept beside the backups ----- */

static char *
store_head_path (LimberStore *self)
{
  g_autofree char *folder = limber_store_get_backup_folder (self);

  return g_build_filename (folder, "audit-head", NULL);
}

gboolean
limber_store_read_chain_head (LimberStore *self,
                              gint64      *audit_id,
                              char       **hash_hex)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  *audit_id = 0;
  *hash_hex = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT audit_id, hex (chain_hash) FROM audit_chain "
                                    "ORDER BY audit_id DESC LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  *audit_id = sqlite3_column_int64 (stmt, 0);
  *hash_hex = g_ascii_strdown (limber_store_column_text (stmt, 1), -1);
  return TRUE;
}

void
limber_store_save_chain_head (LimberStore *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  gint64 audit_id;

  if (self->read_only || self->path == NULL || g_str_equal (self->path, ":memory:")
      || !limber_store_read_chain_head (self, &audit_id, &hash) || hash == NULL)
    return;

  folder = limber_store_get_backup_folder (self);
  path = store_head_path (self);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n", audit_id, hash);
  if (g_mkdir_with_parents (folder, 0700) != 0 || !limber_file_write (path, text, -1, &error))
    g_warning ("Could not record the newest audit hash beside the backups: %s",
               error != NULL ? error->message : g_strerror (errno));
}

gboolean
limber_store_load_chain_head (LimberStore  *self,
                              gint64       *audit_id,
                              char        **hash_hex)
{
  g_autofree char *path = store_head_path (self);
  g_autofree char *text = NULL;
  g_auto (GStrv) parts = NULL;

  *audit_id = 0;
  *hash_hex = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  parts = g_strsplit (g_strstrip (text), " ", 2);
  if (g_strv_length (parts) != 2 || !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64,
                                                               audit_id, NULL))
    {
      *audit_id = -1;
      return TRUE;
    }
  *hash_hex = g_strdup (parts[1]);
  return TRUE;
}

/* ----- Public ----- */

gint64
limber_store_count_audit_rows (LimberStore  *self,
                               GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return limber_store_count (self, "SELECT count(*) FROM audit_log", error);
}
