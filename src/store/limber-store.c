/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <errno.h>
#include <sys/statvfs.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "limber-store-private.h"

/* The type, opening, the statement cache, transactions and the errors of failed
 * SQLite calls. The file's checks and migrations are in limber-store-file.c, the
 * tables in limber-store-patients.c and its siblings. */

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

/* Less free space than this, and a failed write is put down to a full disk: a
 * commit needs room for its pages in the -wal, then in the file. */
#define FULL_DISK_BYTES (1024 * 1024)

/* ----- Errors ----- */

char *
limber_store_valid_text (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

static int
file_last_errno (sqlite3_file *file)
{
  int last_errno = 0;

  if (file != NULL && file->pMethods != NULL)
    file->pMethods->xFileControl (file, SQLITE_FCNTL_LAST_ERRNO, &last_errno);
  return last_errno;
}

/* Whether an I/O error was for want of space. SQLite keeps the system's error of a
 * failed sync, truncate or size hint on the file (the database's or its -wal's),
 * not in sqlite3_system_errno(), which a failed commit leaves at 0; and a disk may
 * fill up with no call ever saying so. */
static gboolean
store_disk_is_full (LimberStore *self)
{
  sqlite3_file *file = NULL;
  int last_errno = sqlite3_system_errno (self->db);
  g_autofree char *folder = NULL;
  struct statvfs fs;

  if (last_errno == 0
      && sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK)
    last_errno = file_last_errno (file);
  if (last_errno == 0
      && sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) == SQLITE_OK)
    last_errno = file_last_errno (file);
  if (last_errno == ENOSPC || last_errno == EDQUOT)
    return TRUE;

  folder = self->path != NULL ? g_path_get_dirname (self->path) : NULL;
  return folder != NULL && statvfs (folder, &fs) == 0
         && (guint64) fs.f_bavail * fs.f_frsize < FULL_DISK_BYTES;
}

/* Whether an I/O error happened while reading the file (or its -wal), as a failing
 * disk or a removed medium makes it: SQLite names the failing call in the extended
 * code. (A store that only reads the database still writes a backup.) */
static gboolean
store_error_is_read (int rc)
{
  switch (rc)
    {
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
    case SQLITE_IOERR_FSTAT:
    case SQLITE_IOERR_RDLOCK:
    case SQLITE_IOERR_ACCESS:
    case SQLITE_IOERR_CHECKRESERVEDLOCK:
    case SQLITE_IOERR_MMAP:
#ifdef SQLITE_IOERR_CORRUPTFS
    case SQLITE_IOERR_CORRUPTFS:
#endif
#ifdef SQLITE_IOERR_DATA
    case SQLITE_IOERR_DATA:
#endif
      return TRUE;

    default:
      return FALSE;
    }
}

gboolean
limber_store_fail (LimberStore  *self,
                   int           rc,
                   GError      **error)
{
  g_autofree char *detail = limber_store_valid_text (self->db != NULL ? sqlite3_errmsg (self->db)
                                                                      : sqlite3_errstr (rc));

  /* SQLite reports some writes that fail for want of space as I/O errors; a read
   * never fails for that. */
  if ((rc & 0xff) == SQLITE_IOERR && !store_error_is_read (rc) && self->db != NULL
      && store_disk_is_full (self))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FULL,
                           _("The disk is full; nothing was saved"));
      break;

    case SQLITE_IOERR:
      if (store_error_is_read (rc))
        {
          g_autofree char *display = g_filename_display_name (self->path != NULL ? self->path
                                                                                 : "");

          g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_READ,
                       _("%s could not be read from the disk (%s); nothing was saved. The "
                         "disk or medium may be failing: copy the database and its backups "
                         "folder to another disk now, then have this disk checked"),
                       display, detail);
        }
      else
        g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_IO,
                     _("The disk could not be written (%s); nothing was saved"), detail);
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

/* After an error such as a full disk SQLite may roll back the whole transaction on
 * its own; whatever the caller tries afterwards must not be saved half-way. */
static gboolean
store_transaction_lost_error (GError **error)
{
  g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_FAILED,
                       _("An earlier error cancelled this change; nothing was saved"));
  return FALSE;
}

/* ----- Statements ----- */

static void
statement_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

LimberStoreStatement *
limber_store_prepare (LimberStore  *self,
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
      limber_store_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
limber_store_exec (LimberStore  *self,
                   const char   *sql,
                   GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return limber_store_fail (self, rc, error);

  return TRUE;
}

/* ----- Transactions -----
 *
 * The outermost level is BEGIN IMMEDIATE (the write lock is taken at once, so a
 * busy database fails before any work is done); nested levels are savepoints, so
 * that a mutator is atomic on its own and also joins an enclosing transaction.
 * A mutator of a single statement needs no savepoint: SQLite undoes a statement
 * that fails, with all its triggers did. An import adds a million rows that way,
 * and a savepoint for each made it spend most of its time opening and releasing
 * them. */

static gboolean
store_begin (LimberStore  *self,
             const char   *action,
             gboolean      single_statement,
             GError      **error)
{
  g_assert (self->depth < 64);

  if (self->depth == 0)
    {
      if (!limber_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      self->action = g_strdup (action);
      self->changes_at_begin = sqlite3_total_changes64 (self->db);
      self->savepoints = 0;
      self->chain_deferred = FALSE;
      self->all_or_nothing = FALSE;
      g_array_set_size (self->unindexed_patients, 0);
    }
  else
    {
      if (sqlite3_get_autocommit (self->db))
        return store_transaction_lost_error (error);

      if (!single_statement && !self->all_or_nothing)
        {
          if (!limber_store_exec (self, "SAVEPOINT limber_step", error))
            return FALSE;
          self->savepoints |= G_GUINT64_CONSTANT (1) << self->depth;
        }
    }

  self->depth++;
  return TRUE;
}

gboolean
limber_store_begin (LimberStore  *self,
                    const char   *action,
                    GError      **error)
{
  return store_begin (self, action, FALSE, error);
}

gboolean
limber_store_begin_statement (LimberStore  *self,
                              const char   *action,
                              GError      **error)
{
  return store_begin (self, action, TRUE, error);
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

  if (success && limber_store_exec (self, "RELEASE limber_step", error))
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
  gboolean chain_deferred = self->chain_deferred;
  gboolean changed;

  /* The links the transaction left to this point are the last of its writes. */
  self->chain_deferred = FALSE;
  self->all_or_nothing = FALSE;
  if (sqlite3_get_autocommit (self->db))
    {
      g_array_set_size (self->unindexed_patients, 0);
      return success ? store_transaction_lost_error (error) : FALSE;
    }

  /* The search index in one go: each statement of its own would make SQLite's
   * full-text index write out what it holds at every later statement of the
   * transaction. */
  if (success && self->unindexed_patients->len > 0)
    success = limber_store_index_added_patients (self, error);
  g_array_set_size (self->unindexed_patients, 0);

  if (success && chain_deferred)
    success = limber_store_complete_audit_chain (self, error);

  if (!success)
    {
      store_rollback (self);
      return FALSE;
    }

  changed = sqlite3_total_changes64 (self->db) != self->changes_at_begin;
  if (!limber_store_exec (self, "COMMIT", error))
    {
      /* A commit that fails (a full disk) may leave the transaction open: undo it
       * so that nothing half-written remains. */
      store_rollback (self);
      return FALSE;
    }

  if (changed)
    {
      limber_store_save_chain_head (self);
      g_signal_emit (self, signals[CHANGED], 0, action);
    }

  return TRUE;
}

gboolean
limber_store_end (LimberStore  *self,
                  gboolean      success,
                  GError      **error)
{
  g_assert (self->depth > 0);

  self->depth--;
  if (self->depth > 0)
    {
      guint64 level = G_GUINT64_CONSTANT (1) << self->depth;

      if ((self->savepoints & level) != 0)
        {
          self->savepoints &= ~level;
          return store_end_savepoint (self, success, error);
        }

      /* A single statement: SQLite has undone it if it failed. */
      if (success && sqlite3_get_autocommit (self->db))
        return store_transaction_lost_error (error);
      return success;
    }

  return store_end_transaction (self, success, error);
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
      /* Keeps the query planner's statistics fresh; cheap when nothing changed, and
       * after an import from a sample of each index rather than a read of all of it
       * (SQLite's advice for PRAGMA optimize). */
      if (self->ready && !self->read_only)
        sqlite3_exec (self->db, "PRAGMA analysis_limit = 400; PRAGMA optimize", NULL, NULL, NULL);

      if (sqlite3_close (self->db) != SQLITE_OK)
        {
          g_warning ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
          /* The file stays open with the pausing methods: they must stay too. */
          self->read_pause = NULL;
        }
      self->db = NULL;
      g_clear_pointer (&self->read_pause, limber_store_forget_read_pause);

      if (self->removes_companions)
        limber_store_remove_companions (self);
    }

  if (self->lock_fd >= 0)
    g_close (self->lock_fd, NULL);
  self->lock_fd = -1;

  g_clear_pointer (&self->unindexed_patients, g_array_unref);
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

  /* Limber reads no statistics of SQLite's memory, whose upkeep takes a lock around
   * every allocation: an import makes millions. Only possible before SQLite starts;
   * where something started it first, the statistics stay (SQLITE_MISUSE). */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

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
  self->unindexed_patients = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->lock_fd = -1;
  self->user_name = g_strdup (g_get_user_name ());
}

/* ----- Public ----- */

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
  return limber_store_open_full (path, LIMBER_STORE_OPEN_DEFAULT, error);
}

LimberStore *
limber_store_open_full (const char            *path,
                        LimberStoreOpenFlags   flags,
                        GError               **error)
{
  g_autoptr (LimberStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error_literal (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                           _("No database file was given"));
      return NULL;
    }

  self = g_object_new (LIMBER_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!limber_store_open_file (self, (flags & LIMBER_STORE_OPEN_READ_ONLY) != 0, error))
    return NULL;

  self->ready = TRUE;
  return g_steal_pointer (&self);
}

gboolean
limber_store_is_read_only (LimberStore *self)
{
  g_return_val_if_fail (LIMBER_IS_STORE (self), FALSE);

  return self->read_only;
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

  if (!limber_store_begin (self, action, error))
    return FALSE;
  ok = func (self, user_data, error);
  return limber_store_end (self, ok, error);
}

void
limber_store_set_all_or_nothing (LimberStore *self)
{
  g_return_if_fail (LIMBER_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* Only the outermost transaction can promise it: an enclosing one may go on
   * after a step inside it failed. */
  if (self->depth == 1)
    self->all_or_nothing = TRUE;
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
