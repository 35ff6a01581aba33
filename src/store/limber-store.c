/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "limber-sql-resources.h"
#include "limber-store-private.h"
#include "limber-store.h"

/* 'LMBR' in PRAGMA application_id marks a SQLite file as a Limber database. */
#define LIMBER_APPLICATION_ID 0x4C4D4252
#define SQL_RESOURCE_PATH "/org/limberapp/Limber/sql"
/* The first 16 bytes of every SQLite database file, NUL included. */
#define SQLITE_HEADER_MAGIC "SQLite format 3"
#define BUSY_TIMEOUT_MS 5000

struct _LimberStore
{
  GObject        parent_instance;

  /* owned */
  sqlite3       *db;
  GHashTable    *statements;        /* SQL text (static) → sqlite3_stmt, persistent */
  char          *path;
  char          *user_name;

  /* The transaction in progress: how deeply mutators are nested in it, the action
   * of the outermost one (what every audit row carries) and the change counter at
   * its start (to emit "changed" only when something changed). */
  guint          depth;
  char          *action;
  sqlite3_int64  changes_at_begin;

  /* TRUE once the file is checked and migrated. */
  gboolean       ready;
};

G_DEFINE_FINAL_TYPE (LimberStore, limber_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_USER_NAME,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (limber-store-error-quark, limber_store_error)

/* A cached statement borrowed for one use; the cleanup resets it for the next. */
typedef sqlite3_stmt StoreStatement;

static void
store_statement_release (StoreStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreStatement, store_statement_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ----- Errors ----- */

/* Sets error from a failed SQLite call and returns FALSE. */
static gboolean
store_fail (LimberStore  *self,
            int           rc,
            GError      **error)
{
  const char *detail = sqlite3_errmsg (self->db);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL,
                           _("The disk is full; nothing was saved"));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY,
                           _("The database is locked by another program; nothing was "
                             "saved. Try again in a moment"));
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT,
                   _("The database refused the change (%s); nothing was saved"), detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("The database file is damaged (%s); nothing was saved. Restore it "
                     "from a backup"), detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FAILED,
                   _("The database file cannot be written (%s); nothing was saved"),
                   detail);
      break;

    default:
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FAILED, detail);
      break;
    }

  return FALSE;
}

/* A refused duplicate or a missing parent, in words a clinic can act on. */
G_GNUC_PRINTF (2, 3)
static gboolean
store_constraint_error (GError     **error,
                        const char  *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CONSTRAINT, message);
  return FALSE;
}

/* After an error such as a full disk SQLite may roll back the whole transaction on
 * its own; whatever the caller tries afterwards must not be saved half-way. */
static gboolean
store_transaction_lost_error (GError **error)
{
  g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FAILED,
                       _("An earlier error cancelled this change; nothing was saved"));
  return FALSE;
}

/* "pain.nprs" or "rom.shoulder.abduction (left)" for messages. */
static char *
describe_measure (const char *code,
                  LimberSide  side)
{
  if (side == LIMBER_SIDE_NONE)
    return g_strdup (code);

  return g_strdup_printf ("%s (%s)", code, limber_side_to_string (side));
}

/* ----- Statements ----- */

static void
statement_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A statement prepared once per connection and reused: imports run the same few
 * statements thousands of times. sql must be a string literal (it is the key). */
static StoreStatement *
store_prepare (LimberStore  *self,
               const char   *sql,
               GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      /* Borrowed statements are reset by their cleanup; none is used re-entrantly. */
      g_assert (!sqlite3_stmt_busy (stmt));
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
store_exec (LimberStore  *self,
            const char   *sql,
            GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_fail (self, rc, error);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static LimberSide
column_side (sqlite3_stmt *stmt,
             int           column)
{
  LimberSide side;

  /* The schema's CHECK admits only '', 'left' and 'right'. */
  if (!limber_side_from_string (column_text (stmt, column), &side))
    side = LIMBER_SIDE_NONE;

  return side;
}

/* ----- JSON of answers and audit rows ----- */

/* Written by hand rather than with json-glib so that numbers come out as the
 * shortest text that reads back the same double ("35.6", not "35.600000000000001"). */
static void
json_append_string (GString    *json,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (json, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

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
          if (c < 0x20)
            g_string_append_printf (json, "\\u%04x", c);
          else
            g_string_append_c (json, (char) c);
          break;
        }
    }
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

static char *
answers_to_json (const double *answers,
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

static char *
names_to_json (const char *const *names)
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

static gboolean
answers_from_json (const char *text,
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

/* Fills names with the activity names and a terminating NULL. */
static gboolean
names_from_json (const char *text,
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
      g_string_append_printf (json, "%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (value));
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

static gboolean
store_register_functions (LimberStore  *self,
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
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (self->db, functions[i].name, functions[i].n_args,
                                           functions[i].flags, self, functions[i].func,
                                           NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return store_fail (self, rc, error);
    }

  return TRUE;
}

/* ----- Transactions -----
 *
 * The outermost level is BEGIN IMMEDIATE (the write lock is taken at once, so a
 * busy database fails before any work is done); nested levels are savepoints, so
 * that a mutator is atomic on its own and also joins an enclosing transaction. */

static gboolean
store_begin (LimberStore  *self,
             const char   *action,
             GError      **error)
{
  if (self->depth == 0)
    {
      if (!store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      self->action = g_strdup (action);
      self->changes_at_begin = sqlite3_total_changes64 (self->db);
    }
  else
    {
      if (sqlite3_get_autocommit (self->db))
        return store_transaction_lost_error (error);

      if (!store_exec (self, "SAVEPOINT limber_step", error))
        return FALSE;
    }

  self->depth++;
  return TRUE;
}

static void
store_rollback (LimberStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not roll back a transaction on %s: %s",
               self->path, sqlite3_errmsg (self->db));
}

static gboolean
store_end_savepoint (LimberStore  *self,
                     gboolean      success,
                     GError      **error)
{
  if (sqlite3_get_autocommit (self->db))
    return success ? store_transaction_lost_error (error) : FALSE;

  if (success && store_exec (self, "RELEASE limber_step", error))
    return TRUE;

  /* Undo this step only; the enclosing transaction decides about the rest. */
  sqlite3_exec (self->db, "ROLLBACK TO limber_step", NULL, NULL, NULL);
  sqlite3_exec (self->db, "RELEASE limber_step", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
store_end_transaction (LimberStore  *self,
                       gboolean      success,
                       GError      **error)
{
  g_autofree char *action = g_steal_pointer (&self->action);
  gboolean changed;

  if (sqlite3_get_autocommit (self->db))
    return success ? store_transaction_lost_error (error) : FALSE;

  if (!success)
    {
      store_rollback (self);
      return FALSE;
    }

  changed = sqlite3_total_changes64 (self->db) != self->changes_at_begin;
  if (!store_exec (self, "COMMIT", error))
    {
      /* A commit that fails (a full disk) may leave the transaction open: undo it
       * so that nothing half-written remains. */
      store_rollback (self);
      return FALSE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0, action);

  return TRUE;
}

/* Ends what store_begin() started: success commits (or releases the savepoint),
 * failure rolls back. Returns FALSE when the work failed or could not be saved. */
static gboolean
store_end (LimberStore  *self,
           gboolean      success,
           GError      **error)
{
  g_assert (self->depth > 0);

  self->depth--;
  if (self->depth > 0)
    return store_end_savepoint (self, success, error);

  return store_end_transaction (self, success, error);
}

/* ----- Opening ----- */

static gboolean
store_open_error (LimberStore  *self,
                  int           rc,
                  GError      **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("%s is damaged and cannot be read (%s); it was not changed. Restore "
                     "it from a backup"), display, detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_BUSY,
                   _("%s is locked by another program; close it there and try again"),
                   display);
      break;

    default:
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot open %s: %s"), display, detail);
      break;
    }

  return FALSE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
               _("Cannot open %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_not_limber_error (GError     **error,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER,
               _("%s is not a Limber database"), display);
  return FALSE;
}

static gssize
read_fully (int    fd,
            char  *buffer,
            gsize  size)
{
  gsize done = 0;

  while (done < size)
    {
      gssize n = read (fd, buffer + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }

  return (gssize) done;
}

/* Makes sure the folder exists and creates a missing file with mode 0600 (so it
 * never exists with looser permissions); an existing file must begin like a SQLite
 * database or be empty. Nothing of an existing file is changed here. */
static gboolean
store_check_file (const char  *path,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  char header[100];
  struct stat st;
  gssize n_read;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno == ENOENT)
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    }
  if (fd < 0)
    return set_errno_error (error, errno, path);

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return set_not_limber_error (error, path);
    }

  n_read = read_fully (fd, header, sizeof header);
  if (n_read < 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, path);
    }
  close (fd);

  /* SQLite takes an empty file for a new database. */
  if (n_read == 0)
    return TRUE;

  if ((gsize) n_read < sizeof SQLITE_HEADER_MAGIC
      || memcmp (header, SQLITE_HEADER_MAGIC, sizeof SQLITE_HEADER_MAGIC) != 0)
    return set_not_limber_error (error, path);

  return TRUE;
}

/* Opens the connection and sets what belongs to the connection only: none of this
 * writes to the file. */
static gboolean
store_connect (LimberStore  *self,
               GError      **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* No writes to the schema behind SQLite's back, and "text" is never a name. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);

  /* A file from elsewhere must not run code through its schema; deleted health
   * data is overwritten, not left in free pages. */
  rc = sqlite3_exec (self->db,
                     "PRAGMA trusted_schema = OFF;"
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA secure_delete = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  return store_register_functions (self, error);
}

static int
store_read_int (LimberStore *self,
                const char  *sql,
                gint64      *value)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;

  *value = sqlite3_column_int64 (stmt, 0);
  return SQLITE_OK;
}

static const char *const *store_get_migrations (guint *n_migrations);

/* Refuses, before anything is written, a file that is someone else's database or
 * that a newer Limber made. Sets version to the file's schema version. */
static gboolean
store_check_identity (LimberStore  *self,
                      guint        *version,
                      GError      **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_objects = 0;
  guint known;
  int rc;

  rc = store_read_int (self, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = store_read_int (self, "PRAGMA user_version", &user_version);
  if (rc == SQLITE_OK)
    rc = store_read_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  /* A brand-new file has no id yet, but then it has no tables either. */
  if (application_id != LIMBER_APPLICATION_ID
      && !(application_id == 0 && user_version == 0 && n_objects == 0))
    return set_not_limber_error (error, self->path);

  if (user_version < 0)
    return set_not_limber_error (error, self->path);

  store_get_migrations (&known);
  if (user_version > known)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NEWER_VERSION,
                   _("%s was made by a newer version of Limber (schema %u, this version "
                     "knows %u); it was left untouched"),
                   display, (guint) user_version, known);
      return FALSE;
    }

  *version = (guint) user_version;
  return TRUE;
}

static gboolean
store_check_integrity (LimberStore  *self,
                       GError      **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *problem = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  /* One row "ok", or one row per problem; the first tells enough. */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return store_open_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);

  if (g_strcmp0 (column_text (stmt, 0), "ok") == 0)
    return TRUE;

  /* The first line only names the schema ("*** in database main ***"). */
  problem = g_strdup (column_text (stmt, 0));
  if (problem != NULL && g_str_has_prefix (problem, "***") && strchr (problem, '\n') != NULL)
    {
      char *rest = g_strdup (strchr (problem, '\n') + 1);

      g_free (problem);
      problem = rest;
    }
  if (problem != NULL)
    g_strdelimit (problem, "\n", ' ');
  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
               _("%s is damaged (%s); it was not changed. Restore it from a backup"),
               display, problem != NULL ? problem : "?");
  return FALSE;
}

static gboolean
store_check_writable (LimberStore  *self,
                      GError      **error)
{
  g_autofree char *display = NULL;

  if (sqlite3_db_readonly (self->db, "main") != 1)
    return TRUE;

  display = g_filename_display_name (self->path);
  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
               _("Limber may not write to %s; check the file's permissions"), display);
  return FALSE;
}

/* Health records are for the clinic user's eyes only. */
static void
store_restrict_permissions (LimberStore *self)
{
  struct stat st;

  if (g_stat (self->path, &st) != 0 || st.st_uid != getuid () || (st.st_mode & 07777) == 0600)
    return;

  if (g_chmod (self->path, 0600) != 0)
    g_warning ("Could not restrict the permissions of %s: %s", self->path, g_strerror (errno));
}

static gboolean
store_start_journal (LimberStore  *self,
                     GError      **error)
{
  /* WAL lets the views read while the writer writes and survives a crash in the
   * middle of a commit; synchronous=FULL makes a commit durable before Limber
   * reports it saved. */
  return store_exec (self,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = FULL;",
                     error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The migration files of the SQL resource in order, checked once to be numbered
 * 001, 002, … without gaps: the schema version is their count. */
static const char *const *
store_get_migrations (guint *n_migrations)
{
  static char **migrations = NULL;
  static guint n = 0;

  if (g_once_init_enter (&migrations))
    {
      g_autoptr (GError) error = NULL;
      char **names;
      guint count;

      names = g_resource_enumerate_children (limber_sql_get_resource (), SQL_RESOURCE_PATH,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (names == NULL)
        g_error ("The SQL migrations are missing: %s", error->message);

      count = g_strv_length (names);
      qsort (names, count, sizeof (char *), compare_names);
      for (guint i = 0; i < count; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);

          if (!g_str_has_prefix (names[i], prefix) || !g_str_has_suffix (names[i], ".sql"))
            g_error ("SQL migration %s is out of sequence (expected %s…)", names[i], prefix);
        }

      n = count;
      g_once_init_leave (&migrations, names);
    }

  *n_migrations = n;
  return (const char *const *) migrations;
}

/* One schema step in one transaction: the file's statements, then the version. */
static gboolean
store_apply_migration (LimberStore  *self,
                       guint         version,
                       const char   *name,
                       GError      **error)
{
  g_autofree char *resource = g_strconcat (SQL_RESOURCE_PATH "/", name, NULL);
  g_autofree char *action = g_strdup_printf ("upgrade to schema %u", version);
  g_autofree char *pragmas = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gboolean ok;

  bytes = g_resource_lookup_data (limber_sql_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                             LIMBER_APPLICATION_ID, version);

  if (!store_begin (self, action, error))
    return FALSE;
  ok = store_exec (self, sql, error) && store_exec (self, pragmas, error);
  return store_end (self, ok, error);
}

static gboolean
store_migrate (LimberStore  *self,
               guint         from_version,
               GError      **error)
{
  guint n_migrations;
  const char *const *migrations = store_get_migrations (&n_migrations);

  for (guint version = from_version + 1; version <= n_migrations; version++)
    {
      if (!store_apply_migration (self, version, migrations[version - 1], error))
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_prefix_error (error, _("Could not upgrade %s to schema %u; it keeps schema %u: "),
                          display, version, version - 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* ----- Rows → objects -----
 *
 * Each reader takes the column where its columns start, so that the joined export
 * query reuses them. */

typedef gpointer (*StoreRowFunc) (sqlite3_stmt  *stmt,
                                  int            column,
                                  GError       **error);

#define PATIENT_COLUMNS "p.id, p.mrn, p.name, p.birth_date"
enum {
  PATIENT_ID,
  PATIENT_MRN,
  PATIENT_NAME,
  PATIENT_BIRTH_DATE,
  PATIENT_N_COLUMNS
};

static gpointer
patient_from_row (sqlite3_stmt  *stmt,
                  int            column,
                  GError       **error)
{
  LimberPatient *patient;

  patient = limber_patient_new (column_text (stmt, column + PATIENT_MRN),
                                column_text (stmt, column + PATIENT_NAME),
                                column_text (stmt, column + PATIENT_BIRTH_DATE));
  limber_patient_set_id (patient, sqlite3_column_int64 (stmt, column + PATIENT_ID));

  return patient;
}

#define EPISODE_COLUMNS \
  "e.id, e.patient_id, e.condition, e.body_region, e.side, e.onset_date, e.start_date, " \
  "e.discharge_date, e.planned_sessions, e.sessions_per_week, e.notes"
enum {
  EPISODE_ID,
  EPISODE_PATIENT_ID,
  EPISODE_CONDITION,
  EPISODE_BODY_REGION,
  EPISODE_SIDE,
  EPISODE_ONSET_DATE,
  EPISODE_START_DATE,
  EPISODE_DISCHARGE_DATE,
  EPISODE_PLANNED_SESSIONS,
  EPISODE_SESSIONS_PER_WEEK,
  EPISODE_NOTES,
  EPISODE_N_COLUMNS
};

static gpointer
episode_from_row (sqlite3_stmt  *stmt,
                  int            column,
                  GError       **error)
{
  LimberEpisode *episode;

  episode = limber_episode_new (sqlite3_column_int64 (stmt, column + EPISODE_PATIENT_ID),
                                column_text (stmt, column + EPISODE_CONDITION),
                                column_text (stmt, column + EPISODE_START_DATE));
  limber_episode_set_id (episode, sqlite3_column_int64 (stmt, column + EPISODE_ID));
  limber_episode_set_body_region (episode, column_text (stmt, column + EPISODE_BODY_REGION));
  limber_episode_set_side (episode, column_side (stmt, column + EPISODE_SIDE));
  limber_episode_set_onset_date (episode, column_text (stmt, column + EPISODE_ONSET_DATE));
  limber_episode_set_discharge_date (episode,
                                     column_text (stmt, column + EPISODE_DISCHARGE_DATE));
  limber_episode_set_planned_sessions (
    episode, sqlite3_column_int (stmt, column + EPISODE_PLANNED_SESSIONS));
  limber_episode_set_sessions_per_week (
    episode, sqlite3_column_int (stmt, column + EPISODE_SESSIONS_PER_WEEK));
  limber_episode_set_notes (episode, column_text (stmt, column + EPISODE_NOTES));

  return episode;
}

#define GOAL_COLUMNS "g.id, g.episode_id, g.measure, g.side, g.target"
enum {
  GOAL_ID,
  GOAL_EPISODE_ID,
  GOAL_MEASURE,
  GOAL_SIDE,
  GOAL_TARGET,
  GOAL_N_COLUMNS
};

static gpointer
goal_from_row (sqlite3_stmt  *stmt,
               int            column,
               GError       **error)
{
  LimberGoal *goal;

  goal = limber_goal_new (column_text (stmt, column + GOAL_MEASURE),
                          column_side (stmt, column + GOAL_SIDE),
                          sqlite3_column_double (stmt, column + GOAL_TARGET));
  limber_goal_set_id (goal, sqlite3_column_int64 (stmt, column + GOAL_ID));
  limber_goal_set_episode_id (goal, sqlite3_column_int64 (stmt, column + GOAL_EPISODE_ID));

  return goal;
}

#define SESSION_COLUMNS \
  "s.id, s.episode_id, s.date, s.therapist, s.techniques, s.notes, s.soreness"
enum {
  SESSION_ID,
  SESSION_EPISODE_ID,
  SESSION_DATE,
  SESSION_THERAPIST,
  SESSION_TECHNIQUES,
  SESSION_NOTES,
  SESSION_SORENESS,
  SESSION_N_COLUMNS
};

static gpointer
session_from_row (sqlite3_stmt  *stmt,
                  int            column,
                  GError       **error)
{
  LimberSession *session;

  session = limber_session_new (sqlite3_column_int64 (stmt, column + SESSION_EPISODE_ID),
                                column_text (stmt, column + SESSION_DATE));
  limber_session_set_id (session, sqlite3_column_int64 (stmt, column + SESSION_ID));
  limber_session_set_therapist (session, column_text (stmt, column + SESSION_THERAPIST));
  limber_session_set_techniques (session, column_text (stmt, column + SESSION_TECHNIQUES));
  limber_session_set_notes (session, column_text (stmt, column + SESSION_NOTES));
  /* NULL in the database is "not recorded", -1 in the model. */
  if (sqlite3_column_type (stmt, column + SESSION_SORENESS) == SQLITE_NULL)
    limber_session_set_soreness (session, -1);
  else
    limber_session_set_soreness (session, sqlite3_column_int (stmt, column + SESSION_SORENESS));

  return session;
}

#define MEASUREMENT_COLUMNS \
  "m.id, m.session_id, m.measure, m.side, m.value, m.answers, m.item_names"
enum {
  MEASUREMENT_ID,
  MEASUREMENT_SESSION_ID,
  MEASUREMENT_MEASURE,
  MEASUREMENT_SIDE,
  MEASUREMENT_VALUE,
  MEASUREMENT_ANSWERS,
  MEASUREMENT_ITEM_NAMES,
  MEASUREMENT_N_COLUMNS
};

static gboolean
measurement_load_items (LimberMeasurement  *measurement,
                        const char         *answers_json,
                        const char         *names_json,
                        GError            **error)
{
  g_autoptr (GArray) answers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (answers_json == NULL && names_json == NULL)
    return TRUE;

  if ((answers_json != NULL && !answers_from_json (answers_json, answers))
      || (names_json != NULL && !names_from_json (names_json, names)))
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_CORRUPT,
                   _("The questionnaire answers of measurement %lld cannot be read; the "
                     "database may be damaged"),
                   (long long) limber_measurement_get_id (measurement));
      return FALSE;
    }

  limber_measurement_set_answers (measurement,
                                  answers_json != NULL ? (const double *) answers->data : NULL,
                                  answers->len,
                                  names_json != NULL ? (const char *const *) names->pdata : NULL);
  return TRUE;
}

static gpointer
measurement_from_row (sqlite3_stmt  *stmt,
                      int            column,
                      GError       **error)
{
  g_autoptr (LimberMeasurement) measurement = NULL;

  measurement =
    limber_measurement_new (sqlite3_column_int64 (stmt, column + MEASUREMENT_SESSION_ID),
                            column_text (stmt, column + MEASUREMENT_MEASURE),
                            column_side (stmt, column + MEASUREMENT_SIDE),
                            sqlite3_column_double (stmt, column + MEASUREMENT_VALUE));
  limber_measurement_set_id (measurement, sqlite3_column_int64 (stmt, column + MEASUREMENT_ID));

  if (!measurement_load_items (measurement,
                               column_text (stmt, column + MEASUREMENT_ANSWERS),
                               column_text (stmt, column + MEASUREMENT_ITEM_NAMES),
                               error))
    return NULL;

  return g_steal_pointer (&measurement);
}

/* ----- Generic reads and writes ----- */

/* Every row of sql (with ?1, if any, bound to owner_id) as objects, in the query's
 * order. */
static GPtrArray *
store_list (LimberStore   *self,
            const char    *sql,
            gint64         owner_id,
            StoreRowFunc   from_row,
            GError       **error)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer object = from_row (stmt, 0, error);

      if (object == NULL)
        return NULL;
      g_ptr_array_add (objects, object);
    }

  if (rc != SQLITE_DONE)
    {
      store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&objects);
}

/* The one row of sql with ?1 bound to id; NULL without error when there is none. */
static gpointer
store_get_row (LimberStore   *self,
               const char    *sql,
               gint64         id,
               StoreRowFunc   from_row,
               GError       **error)
{
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return from_row (stmt, 0, error);

  if (rc != SQLITE_DONE)
    store_fail (self, rc, error);

  return NULL;
}

static gint64
store_count (LimberStore  *self,
             const char   *sql,
             GError      **error)
{
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_fail (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Binds an object's columns to ?1… of stmt and steps it, turning a refused
 * duplicate or missing parent into a message about that object. */
typedef gboolean (*StoreWriteFunc) (LimberStore   *self,
                                    sqlite3_stmt  *stmt,
                                    gpointer       object,
                                    GError       **error);

static gboolean
store_insert_step (LimberStore     *self,
                   const char      *sql,
                   StoreWriteFunc   write,
                   gpointer         object,
                   gint64          *id,
                   GError         **error)
{
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);

  if (stmt == NULL || !write (self, stmt, object, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Inserts object in a transaction of its own (or a savepoint of the enclosing one)
 * and returns the new row's id. */
static gboolean
store_insert (LimberStore     *self,
              const char      *action,
              const char      *sql,
              StoreWriteFunc   write,
              gpointer         object,
              gint64          *id,
              GError         **error)
{
  gboolean ok;

  if (!store_begin (self, action, error))
    return FALSE;
  ok = store_insert_step (self, sql, write, object, id, error);
  return store_end (self, ok, error);
}

static gboolean
store_update_step (LimberStore     *self,
                   const char      *sql,
                   StoreWriteFunc   write,
                   gpointer         object,
                   gint64           id,
                   gboolean        *found,
                   GError         **error)
{
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), id);
  if (!write (self, stmt, object, error))
    return FALSE;

  *found = sqlite3_changes64 (self->db) > 0;
  return TRUE;
}

/* Updates the row :id of sql from object; found tells whether there was one. */
static gboolean
store_update (LimberStore     *self,
              const char      *action,
              const char      *sql,
              StoreWriteFunc   write,
              gpointer         object,
              gint64           id,
              gboolean        *found,
              GError         **error)
{
  gboolean ok;

  if (!store_begin (self, action, error))
    return FALSE;
  ok = store_update_step (self, sql, write, object, id, found, error);
  return store_end (self, ok, error);
}

static gboolean
store_delete_step (LimberStore  *self,
                   const char   *sql,
                   gint64        id,
                   gboolean     *found,
                   GError      **error)
{
  g_autoptr (StoreStatement) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  /* Rows removed by ON DELETE CASCADE are not counted here, only the row itself. */
  *found = sqlite3_changes64 (self->db) > 0;
  return TRUE;
}

/* Deletes row ?1 of sql; the schema's cascades and audit triggers do the rest. */
static gboolean
store_delete (LimberStore  *self,
              const char   *action,
              const char   *sql,
              gint64        id,
              gboolean     *found,
              GError      **error)
{
  gboolean ok;

  if (!store_begin (self, action, error))
    return FALSE;
  ok = store_delete_step (self, sql, id, found, error);
  return store_end (self, ok, error);
}

G_GNUC_PRINTF (3, 4)
static gboolean
store_not_found_error (GError     **error,
                       gboolean     found,
                       const char  *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (found)
    return TRUE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* ----- GObject ----- */

static void
limber_store_finalize (GObject *object)
{
  LimberStore *self = (LimberStore *) object;

  /* Every statement must be finalized before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      /* Keeps the query planner's statistics fresh; cheap when nothing changed. */
      if (self->ready)
        sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);

      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->action, g_free);

  G_OBJECT_CLASS (limber_store_parent_class)->finalize (object);
}

static void
limber_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LimberStore *self = LIMBER_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LimberStore *self = LIMBER_STORE (object);

  switch (prop_id)
    {
    case PROP_USER_NAME:
      limber_store_set_user_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_store_class_init (LimberStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_store_finalize;
  object_class->get_property = limber_store_get_property;
  object_class->set_property = limber_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberStore::changed:
   * @action: the name of the committed action, e.g. "add patient"
   *
   * Emitted once after a transaction that changed something has been committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
limber_store_init (LimberStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_finalize);
  self->user_name = g_strdup (g_get_user_name ());
}

/* ----- Public: the file ----- */

guint
limber_store_get_schema_version (void)
{
  guint n_migrations;

  store_get_migrations (&n_migrations);
  return n_migrations;
}

char *
limber_store_get_default_path (void)
{
  const char *path = g_getenv ("LIMBER_DATABASE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (g_get_user_data_dir (), "limber", "clinic.sqlite", NULL);
}

LimberStore *
limber_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr (LimberStore) self = NULL;
  guint version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                           _("No database file was given"));
      return NULL;
    }

  if (!store_check_file (path, error))
    return NULL;

  self = g_object_new (LIMBER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Every check reads only: a refused file is left exactly as it was. */
  if (!store_connect (self, error)
      || !store_check_identity (self, &version, error)
      || !store_check_integrity (self, error)
      || !store_check_writable (self, error))
    return NULL;

  store_restrict_permissions (self);
  if (!store_start_journal (self, error) || !store_migrate (self, version, error))
    return NULL;

  self->ready = TRUE;
  return g_steal_pointer (&self);
}

const char *
limber_store_get_path (LimberStore *self)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);

  return self->path;
}

void
limber_store_set_user_name (LimberStore *self,
                            const char  *user_name)
{
  g_return_if_fail (LIMBER_IS_STORE (self));

  if (user_name == NULL || *user_name == '\0')
    user_name = g_get_user_name ();

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

gboolean
limber_store_run_transaction (LimberStore                 *self,
                              const char                  *action,
                              LimberStoreTransactionFunc   func,
                              gpointer                     user_data,
                              GError                     **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && *action != '\0', FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_begin (self, action, error))
    return FALSE;
  ok = func (self, user_data, error);
  return store_end (self, ok, error);
}

guint
limber_store_set_max_page_count (LimberStore *self,
                                 guint        max_page_count)
{
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (self), 0);

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_page_count);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* ----- Public: patients ----- */

static gboolean
patient_write (LimberStore   *self,
               sqlite3_stmt  *stmt,
               gpointer       object,
               GError       **error)
{
  LimberPatient *patient = object;
  int rc;

  bind_text (stmt, 1, limber_patient_get_mrn (patient));
  bind_text (stmt, 2, limber_patient_get_name (patient));
  bind_text (stmt, 3, limber_patient_get_birth_date (patient));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return store_constraint_error (error, _("A patient with chart number '%s' already exists"),
                                   limber_patient_get_mrn (patient));
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

GListModel *
limber_store_list_patients (LimberStore  *self,
                            GError      **error)
{
  g_autoptr (GPtrArray) patients = NULL;
  GListStore *model;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patients = store_list (self,
                         "SELECT " PATIENT_COLUMNS " FROM patient AS p "
                         "ORDER BY p.name COLLATE NOCASE, p.mrn",
                         0, patient_from_row, error);
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
  g_autoptr (StoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = store_prepare (self, "SELECT " PATIENT_COLUMNS " FROM patient AS p WHERE p.mrn = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, mrn);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return patient_from_row (stmt, 0, error);

  if (rc != SQLITE_DONE)
    store_fail (self, rc, error);

  return NULL;
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

  patient = store_get_row (self, "SELECT " PATIENT_COLUMNS " FROM patient AS p WHERE p.id = ?1",
                           patient_id, patient_from_row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  store_not_found_error (error, patient != NULL, _("There is no patient with id %lld"),
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

  count = store_count (self, "SELECT count(*) FROM patient", error);
  return count > 0 ? (guint) count : 0;
}

gboolean
limber_store_add_patient (LimberStore    *self,
                          LimberPatient  *patient,
                          GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_patient_validate (patient, error)
      || !store_insert (self, "add patient",
                        "INSERT INTO patient (mrn, name, birth_date) VALUES (?1, ?2, ?3)",
                        patient_write, patient, &id, error))
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

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_patient_get_id (patient);
  if (!limber_patient_validate (patient, error)
      || !store_update (self, "update patient",
                        "UPDATE patient SET mrn = ?1, name = ?2, birth_date = ?3 WHERE id = :id",
                        patient_write, patient, id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no patient with id %lld"),
                                (long long) id);
}

gboolean
limber_store_delete_patient (LimberStore  *self,
                             gint64        patient_id,
                             GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_delete (self, "delete patient", "DELETE FROM patient WHERE id = ?1",
                     patient_id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no patient with id %lld"),
                                (long long) patient_id);
}

/* ----- Public: episodes and goals ----- */

static gboolean
episode_write (LimberStore   *self,
               sqlite3_stmt  *stmt,
               gpointer       object,
               GError       **error)
{
  LimberEpisode *episode = object;
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_episode_get_patient_id (episode));
  bind_text (stmt, 2, limber_episode_get_condition (episode));
  bind_text (stmt, 3, limber_episode_get_body_region (episode));
  bind_text (stmt, 4, limber_side_to_string (limber_episode_get_side (episode)));
  bind_text (stmt, 5, limber_episode_get_onset_date (episode));
  bind_text (stmt, 6, limber_episode_get_start_date (episode));
  bind_text (stmt, 7, limber_episode_get_discharge_date (episode));
  sqlite3_bind_int (stmt, 8, (int) limber_episode_get_planned_sessions (episode));
  sqlite3_bind_int (stmt, 9, (int) limber_episode_get_sessions_per_week (episode));
  bind_text (stmt, 10, limber_episode_get_notes (episode));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      LimberCondition *condition = limber_episode_get_condition_info (episode);

      return store_constraint_error (error,
                                     _("This patient already has a course of care for %s "
                                       "starting %s"),
                                     condition != NULL
                                       ? limber_condition_get_label (condition)
                                       : limber_episode_get_condition (episode),
                                     limber_episode_get_start_date (episode));
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return store_constraint_error (error, _("There is no patient with id %lld"),
                                   (long long) limber_episode_get_patient_id (episode));
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_episodes (LimberStore  *self,
                            gint64        patient_id,
                            GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_list (self,
                     "SELECT " EPISODE_COLUMNS " FROM episode AS e WHERE e.patient_id = ?1 "
                     "ORDER BY e.start_date, e.id",
                     patient_id, episode_from_row, error);
}

LimberEpisode *
limber_store_get_episode (LimberStore  *self,
                          gint64        episode_id,
                          GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  LimberEpisode *episode;

  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode = store_get_row (self, "SELECT " EPISODE_COLUMNS " FROM episode AS e WHERE e.id = ?1",
                           episode_id, episode_from_row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  store_not_found_error (error, episode != NULL, _("There is no course of care with id %lld"),
                         (long long) episode_id);
  return episode;
}

gboolean
limber_store_add_episode (LimberStore    *self,
                          LimberEpisode  *episode,
                          GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_episode_validate (episode, error)
      || !store_insert (self, "add course of care",
                        "INSERT INTO episode (patient_id, condition, body_region, side, "
                        "onset_date, start_date, discharge_date, planned_sessions, "
                        "sessions_per_week, notes) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        episode_write, episode, &id, error))
    return FALSE;

  limber_episode_set_id (episode, id);
  return TRUE;
}

gboolean
limber_store_update_episode (LimberStore    *self,
                             LimberEpisode  *episode,
                             GError        **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_episode_get_id (episode);
  if (!limber_episode_validate (episode, error)
      || !store_update (self, "update course of care",
                        "UPDATE episode SET patient_id = ?1, condition = ?2, body_region = ?3, "
                        "side = ?4, onset_date = ?5, start_date = ?6, discharge_date = ?7, "
                        "planned_sessions = ?8, sessions_per_week = ?9, notes = ?10 "
                        "WHERE id = :id",
                        episode_write, episode, id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no course of care with id %lld"),
                                (long long) id);
}

gboolean
limber_store_delete_episode (LimberStore  *self,
                             gint64        episode_id,
                             GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_delete (self, "delete course of care", "DELETE FROM episode WHERE id = ?1",
                     episode_id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no course of care with id %lld"),
                                (long long) episode_id);
}

static gboolean
goal_write (LimberStore   *self,
            sqlite3_stmt  *stmt,
            gpointer       object,
            GError       **error)
{
  LimberGoal *goal = object;
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_goal_get_episode_id (goal));
  bind_text (stmt, 2, limber_goal_get_measure (goal));
  bind_text (stmt, 3, limber_side_to_string (limber_goal_get_side (goal)));
  sqlite3_bind_double (stmt, 4, limber_goal_get_target (goal));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_autofree char *what = describe_measure (limber_goal_get_measure (goal),
                                                limber_goal_get_side (goal));

      return store_constraint_error (error,
                                     _("This course of care already has a goal for %s"), what);
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return store_constraint_error (error, _("There is no course of care with id %lld"),
                                   (long long) limber_goal_get_episode_id (goal));
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_goals (LimberStore  *self,
                         gint64        episode_id,
                         GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_list (self,
                     "SELECT " GOAL_COLUMNS " FROM goal AS g WHERE g.episode_id = ?1 "
                     "ORDER BY g.measure, g.side",
                     episode_id, goal_from_row, error);
}

gboolean
limber_store_add_goal (LimberStore  *self,
                       LimberGoal   *goal,
                       GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_GOAL (goal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_goal_validate (goal, error)
      || !store_insert (self, "add goal",
                        "INSERT INTO goal (episode_id, measure, side, target) "
                        "VALUES (?1, ?2, ?3, ?4)",
                        goal_write, goal, &id, error))
    return FALSE;

  limber_goal_set_id (goal, id);
  return TRUE;
}

gboolean
limber_store_delete_goal (LimberStore  *self,
                          gint64        goal_id,
                          GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_delete (self, "delete goal", "DELETE FROM goal WHERE id = ?1",
                     goal_id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no goal with id %lld"),
                                (long long) goal_id);
}

/* ----- Public: sessions ----- */

static gboolean
session_write (LimberStore   *self,
               sqlite3_stmt  *stmt,
               gpointer       object,
               GError       **error)
{
  LimberSession *session = object;
  int soreness = limber_session_get_soreness (session);
  int rc;

  sqlite3_bind_int64 (stmt, 1, limber_session_get_episode_id (session));
  bind_text (stmt, 2, limber_session_get_date (session));
  bind_text (stmt, 3, limber_session_get_therapist (session));
  bind_text (stmt, 4, limber_session_get_techniques (session));
  bind_text (stmt, 5, limber_session_get_notes (session));
  if (soreness < 0)
    sqlite3_bind_null (stmt, 6);
  else
    sqlite3_bind_int (stmt, 6, soreness);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return store_constraint_error (error, _("This course of care already has a session on %s"),
                                   limber_session_get_date (session));
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return store_constraint_error (error, _("There is no course of care with id %lld"),
                                   (long long) limber_session_get_episode_id (session));
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_sessions (LimberStore  *self,
                            gint64        episode_id,
                            GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_list (self,
                     "SELECT " SESSION_COLUMNS " FROM session AS s WHERE s.episode_id = ?1 "
                     "ORDER BY s.date",
                     episode_id, session_from_row, error);
}

gboolean
limber_store_add_session (LimberStore    *self,
                          LimberSession  *session,
                          GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_session_validate (session, error)
      || !store_insert (self, "add session",
                        "INSERT INTO session (episode_id, date, therapist, techniques, notes, "
                        "soreness) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        session_write, session, &id, error))
    return FALSE;

  limber_session_set_id (session, id);
  return TRUE;
}

gboolean
limber_store_update_session (LimberStore    *self,
                             LimberSession  *session,
                             GError        **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_session_get_id (session);
  if (!limber_session_validate (session, error)
      || !store_update (self, "update session",
                        "UPDATE session SET episode_id = ?1, date = ?2, therapist = ?3, "
                        "techniques = ?4, notes = ?5, soreness = ?6 WHERE id = :id",
                        session_write, session, id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no session with id %lld"),
                                (long long) id);
}

gboolean
limber_store_delete_session (LimberStore  *self,
                             gint64        session_id,
                             GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_delete (self, "delete session", "DELETE FROM session WHERE id = ?1",
                     session_id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no session with id %lld"),
                                (long long) session_id);
}

/* ----- Public: measurements ----- */

static gboolean
measurement_write (LimberStore   *self,
                   sqlite3_stmt  *stmt,
                   gpointer       object,
                   GError       **error)
{
  LimberMeasurement *measurement = object;
  const double *answers;
  const char *const *names;
  g_autofree char *answers_json = NULL;
  g_autofree char *names_json = NULL;
  guint n_answers = 0;
  int rc;

  answers = limber_measurement_get_answers (measurement, &n_answers);
  names = limber_measurement_get_item_names (measurement);
  if (answers != NULL)
    answers_json = answers_to_json (answers, n_answers);
  if (names != NULL)
    names_json = names_to_json (names);

  sqlite3_bind_int64 (stmt, 1, limber_measurement_get_session_id (measurement));
  bind_text (stmt, 2, limber_measurement_get_measure (measurement));
  bind_text (stmt, 3, limber_side_to_string (limber_measurement_get_side (measurement)));
  sqlite3_bind_double (stmt, 4, limber_measurement_get_value (measurement));
  bind_text (stmt, 5, answers_json);
  bind_text (stmt, 6, names_json);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_autofree char *what = describe_measure (limber_measurement_get_measure (measurement),
                                                limber_measurement_get_side (measurement));

      return store_constraint_error (error, _("This session already has a value for %s"),
                                     what);
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return store_constraint_error (error, _("There is no session with id %lld"),
                                   (long long) limber_measurement_get_session_id (measurement));
  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

GPtrArray *
limber_store_list_measurements (LimberStore  *self,
                                gint64        session_id,
                                GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_list (self,
                     "SELECT " MEASUREMENT_COLUMNS " FROM measurement AS m "
                     "WHERE m.session_id = ?1 ORDER BY m.measure, m.side",
                     session_id, measurement_from_row, error);
}

GPtrArray *
limber_store_list_episode_measurements (LimberStore  *self,
                                        gint64        episode_id,
                                        GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_list (self,
                     "SELECT " MEASUREMENT_COLUMNS " FROM measurement AS m "
                     "JOIN session AS s ON s.id = m.session_id "
                     "WHERE s.episode_id = ?1 ORDER BY s.date, m.measure, m.side",
                     episode_id, measurement_from_row, error);
}

gboolean
limber_store_add_measurement (LimberStore        *self,
                              LimberMeasurement  *measurement,
                              GError            **error)
{
  gint64 id = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (measurement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_measurement_validate (measurement, error)
      || !store_insert (self, "add measurement",
                        "INSERT INTO measurement (session_id, measure, side, value, answers, "
                        "item_names) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        measurement_write, measurement, &id, error))
    return FALSE;

  limber_measurement_set_id (measurement, id);
  return TRUE;
}

gboolean
limber_store_update_measurement (LimberStore        *self,
                                 LimberMeasurement  *measurement,
                                 GError            **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIMBER_IS_MEASUREMENT (measurement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = limber_measurement_get_id (measurement);
  if (!limber_measurement_validate (measurement, error)
      || !store_update (self, "update measurement",
                        "UPDATE measurement SET session_id = ?1, measure = ?2, side = ?3, "
                        "value = ?4, answers = ?5, item_names = ?6 WHERE id = :id",
                        measurement_write, measurement, id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no measurement with id %lld"),
                                (long long) id);
}

gboolean
limber_store_delete_measurement (LimberStore  *self,
                                 gint64        measurement_id,
                                 GError      **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_delete (self, "delete measurement", "DELETE FROM measurement WHERE id = ?1",
                     measurement_id, &found, error))
    return FALSE;

  return store_not_found_error (error, found, _("There is no measurement with id %lld"),
                                (long long) measurement_id);
}

/* ----- Public: export ----- */

enum {
  EXPORT_PATIENT = 0,
  EXPORT_EPISODE = EXPORT_PATIENT + PATIENT_N_COLUMNS,
  EXPORT_SESSION = EXPORT_EPISODE + EPISODE_N_COLUMNS,
  EXPORT_MEASUREMENT = EXPORT_SESSION + SESSION_N_COLUMNS,
};

/* The order of interchange.md (mrn, episode start, session date, measure, side with
 * '' first); the condition breaks the tie of two courses of care that start the
 * same day, so that an exported file is the same after a round trip. */
#define EXPORT_SQL \
  "SELECT " PATIENT_COLUMNS ", " EPISODE_COLUMNS ", " SESSION_COLUMNS ", " \
  MEASUREMENT_COLUMNS " " \
  "FROM measurement AS m " \
  "JOIN session AS s ON s.id = m.session_id " \
  "JOIN episode AS e ON e.id = s.episode_id " \
  "JOIN patient AS p ON p.id = e.patient_id " \
  "ORDER BY p.mrn, e.start_date, s.date, m.measure, m.side, e.condition"

gboolean
limber_store_foreach_measurement (LimberStore                 *self,
                                  LimberStoreMeasurementFunc   func,
                                  gpointer                     user_data,
                                  GError                     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (LimberPatient) patient = NULL;
  g_autoptr (LimberEpisode) episode = NULL;
  g_autoptr (LimberSession) session = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Prepared for this call only: func may use the store while the query runs. */
  rc = sqlite3_prepare_v2 (self->db, EXPORT_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return store_fail (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (LimberMeasurement) measurement = NULL;

      /* Rows come grouped, so one object serves all rows of its patient, episode
       * and session. */
      if (patient == NULL
          || limber_patient_get_id (patient) != sqlite3_column_int64 (stmt, EXPORT_PATIENT))
        {
          g_clear_object (&patient);
          patient = patient_from_row (stmt, EXPORT_PATIENT, NULL);
        }
      if (episode == NULL
          || limber_episode_get_id (episode) != sqlite3_column_int64 (stmt, EXPORT_EPISODE))
        {
          g_clear_object (&episode);
          episode = episode_from_row (stmt, EXPORT_EPISODE, NULL);
        }
      if (session == NULL
          || limber_session_get_id (session) != sqlite3_column_int64 (stmt, EXPORT_SESSION))
        {
          g_clear_object (&session);
          session = session_from_row (stmt, EXPORT_SESSION, NULL);
        }

      measurement = measurement_from_row (stmt, EXPORT_MEASUREMENT, error);
      if (measurement == NULL)
        return FALSE;

      if (!func (patient, episode, session, measurement, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    return store_fail (self, rc, error);

  return TRUE;
}

/* ----- Public: audit ----- */

gint64
limber_store_count_audit_rows (LimberStore  *self,
                               GError      **error)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return store_count (self, "SELECT count(*) FROM audit_log", error);
}
