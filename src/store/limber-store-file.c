/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "limber-file.h"
#include "limber-schema-compiled.h"
#include "limber-sql-resources.h"
#include "limber-store-private.h"

/* Opening the database file: every check reads only, so that a file that is not
 * Limber's, was made by a newer Limber or is damaged is left exactly as it was;
 * then the journal mode and the schema migrations compiled in as a GResource. */

/* 'LMBR' in PRAGMA application_id marks a SQLite file as a Limber database. */
#define LIMBER_APPLICATION_ID 0x4C4D4252
#define SQL_RESOURCE_PATH "/org/limberapp/Limber/sql"
/* The first 16 bytes of every SQLite database file, NUL included. */
#define SQLITE_HEADER_MAGIC "SQLite format 3"
#define BUSY_TIMEOUT_MS 5000

/* ----- Errors ----- */

static gboolean
store_open_error (LimberStore  *self,
                  int           rc,
                  GError      **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *detail = limber_store_valid_text (self->db != NULL ? sqlite3_errmsg (self->db)
                                                                      : sqlite3_errstr (rc));

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

    case SQLITE_FULL:
    case SQLITE_IOERR:
      /* Opening writes only when it upgrades the schema or starts the journal. */
      return limber_store_fail (self, rc, error);

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

static gboolean
set_newer_error (GError     **error,
                 const char  *path,
                 guint        version)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NEWER_VERSION,
               _("%s was made by a newer version of Limber (schema %u, this version "
                 "knows %u); it was left untouched"),
               display, version, limber_store_get_schema_version ());
  return FALSE;
}

static gboolean
set_unfinished_error (GError     **error,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *journal_display = g_filename_display_name (journal);

  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_UNFINISHED,
               _("A change to %s was interrupted before it was finished (%s beside it holds "
                 "what is needed to undo it), so the file cannot be read as it is; it was "
                 "left untouched. Open the database once in Limber, in a folder where it "
                 "may be written: that undoes the unfinished change. Then try again"),
               display, journal_display);
  return FALSE;
}

/* ----- Before SQLite opens it -----
 *
 * The first 100 bytes of a SQLite file say what it is: its page size, and the
 * application id and schema version Limber writes into it. A file is judged on
 * them, and on the journals beside it, before any connection could replay a
 * journal into it. */

typedef struct
{
  gboolean exists;
  gboolean empty;
  guint32  application_id;
  guint32  user_version;
  gboolean has_wal;       /* a -wal beside it, maybe holding committed changes */
  gboolean has_journal;   /* a rollback -journal: an unfinished change to roll back */
  gboolean has_companion; /* a -wal or -shm beside it, even an empty one */
} StoreFileHeader;

/* The first 8 bytes of a rollback journal that holds a change to roll back; SQLite
 * zeroes them (or removes the file) once the change is committed. */
static const guchar journal_magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };

static gssize
read_fully (int    fd,
            guchar *buffer,
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

static guint32
read_be32 (const guchar *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16)
         | ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

static gboolean
companion_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);
  struct stat st;

  /* An empty journal is no unfinished change. */
  return g_stat (companion, &st) == 0 && st.st_size > 0;
}

static gboolean
companion_present (const char *path,
                   const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);
  struct stat st;

  return g_lstat (companion, &st) == 0;
}

/* Whether a rollback journal beside path holds a change that SQLite would roll
 * back: one whose header was zeroed, or that is empty, holds none. */
static gboolean
journal_is_hot (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  guchar bytes[sizeof journal_magic];
  gssize n_read;
  int fd;

  fd = g_open (journal, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    /* One that cannot be read may still be rolled back by a program that can. */
    return errno != ENOENT && companion_exists (path, "-journal");

  n_read = read_fully (fd, bytes, sizeof bytes);
  close (fd);
  return n_read == sizeof bytes && memcmp (bytes, journal_magic, sizeof bytes) == 0;
}

/* Creates the folder (0700) and a missing file (0600, so that it never exists with
 * looser permissions) unless read_only; then reads the header. Nothing of an
 * existing file is changed here. */
static gboolean
store_read_header (const char       *path,
                   gboolean          read_only,
                   StoreFileHeader  *header,
                   GError          **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  guchar bytes[100];
  struct stat st;
  gssize n_read;
  int fd;

  memset (header, 0, sizeof *header);

  if (!read_only && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno == ENOENT && read_only)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("There is no database at %s"), display);
      return FALSE;
    }
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

  n_read = read_fully (fd, bytes, sizeof bytes);
  if (n_read < 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, path);
    }
  close (fd);

  header->exists = TRUE;
  header->empty = n_read == 0;
  header->has_wal = companion_exists (path, "-wal");
  header->has_journal = journal_is_hot (path);
  header->has_companion = companion_present (path, "-wal") || companion_present (path, "-shm");

  /* SQLite takes an empty file for a new database. */
  if (header->empty)
    return TRUE;

  if ((gsize) n_read < sizeof bytes
      || memcmp (bytes, SQLITE_HEADER_MAGIC, sizeof SQLITE_HEADER_MAGIC) != 0)
    return set_not_limber_error (error, path);

  header->user_version = read_be32 (bytes + 60);
  header->application_id = read_be32 (bytes + 68);
  return TRUE;
}

/* What the header alone proves: another program's file, or a newer Limber's.
 * Committed changes in a -wal may be newer than the header, but never turn a
 * foreign file into Limber's or a newer schema into an older one. */
static gboolean
store_check_header (const char             *path,
                    const StoreFileHeader  *header,
                    GError                **error)
{
  if (header->empty)
    return TRUE;

  if (header->application_id != LIMBER_APPLICATION_ID && header->application_id != 0)
    return set_not_limber_error (error, path);

  if (header->user_version > limber_store_get_schema_version ())
    return set_newer_error (error, path, header->user_version);

  /* Limber writes through a -wal, never a rollback journal: a -journal beside a
   * file that is not yet marked as Limber's is another program's unfinished
   * change, which only that program should roll back. */
  if (header->has_journal && header->application_id != LIMBER_APPLICATION_ID)
    return set_not_limber_error (error, path);

  return TRUE;
}

/* ----- Connections ----- */

/* Sets what belongs to the connection only: none of this writes to the file. */
static gboolean
store_configure (LimberStore  *self,
                 GError      **error)
{
  int rc;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* No writes to the schema behind SQLite's back, and "text" is never a name. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);

  /* A file from elsewhere must not run code through its schema; deleted health
   * data is overwritten, not left in free pages. The statement journals that a
   * statement with triggers needs stay in memory: on disk they were most of an
   * import's writes. */
  rc = sqlite3_exec (self->db,
                     "PRAGMA trusted_schema = OFF;"
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA secure_delete = ON;"
                     "PRAGMA temp_store = MEMORY;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  return limber_store_register_functions (self, error)
         && limber_store_register_search_functions (self, error);
}

static void
store_disconnect (LimberStore *self)
{
  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;
}

static void store_restrict_companions (LimberStore *self);

/* Opens self->path through a URI with the given query ("" for none) and reads the
 * schema version, which is when SQLite first looks at the file and its journals.
 * The connection never merges a -wal into the file when it closes. */
static int
store_open_uri (LimberStore *self,
                const char  *query,
                int          flags)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, query, NULL);
  gint64 ignored;
  int rc;

  g_clear_pointer (&self->db, sqlite3_close);
  rc = sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  return limber_store_read_int (self, "PRAGMA schema_version", &ignored);
}

/* Whether this process may change the file and make files beside it: only then
 * can SQLite make the -wal and -shm it reads a WAL database through. */
static gboolean
store_may_write_beside (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (folder, W_OK) == 0;
}

/* A connection for reading only.
 *
 * Checking a file before it is opened for writing (just_check): it is opened
 * read-only, so that SQLite can neither roll back a journal into it nor checkpoint
 * a -wal into it. Without a -wal the file alone holds every committed change, and
 * it is read as immutable: nothing is created beside a file that may be refused.
 *
 * A store that stays read-only reads with locks, as other readers do, so that a
 * Limber writing meanwhile is seen, and leaves the folder as it found it:
 *  - With a -wal or -shm beside the file (another Limber has it open, or had), it
 *    reads through them with a read-only connection.
 *  - With neither, SQLite makes both (as the user's alone) to read a WAL database
 *    with locks, and a read-only connection never removes them; they are removed
 *    after it closes (limber_store_remove_companions()).
 *  - On read-only media, where neither SQLite nor any other program can make them,
 *    nobody can be writing: the file is read as immutable.
 * A rollback journal that SQLite would roll back is never read past: the file
 * without it may be half-changed. */
static gboolean
store_connect_read_only (LimberStore  *self,
                         gboolean      has_wal,
                         gboolean      has_companion,
                         gboolean      just_check,
                         GError      **error)
{
  const int read_only = SQLITE_OPEN_READONLY;
  int rc;

  self->read_only = TRUE;

  if (just_check)
    rc = store_open_uri (self, has_wal ? "" : "?immutable=1", read_only);
  else if (has_companion)
    rc = store_open_uri (self, "", read_only);
  else if (!store_may_write_beside (self->path))
    rc = store_open_uri (self, "?immutable=1", read_only);
  else
    {
      rc = store_open_uri (self, "", read_only);
      self->removes_companions = TRUE;
      store_restrict_companions (self);
    }

  if (rc == SQLITE_READONLY_ROLLBACK)
    return set_unfinished_error (error, self->path);

  /* Where the -wal and -shm cannot be made, the file alone holds every change. */
  if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)
      && !has_wal && !just_check)
    {
      self->removes_companions = FALSE;
      rc = store_open_uri (self, "?immutable=1", read_only);
    }
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  return store_configure (self, error);
}

static gboolean
store_connect (LimberStore  *self,
               GError      **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  /* Until the file has passed its checks, closing must not merge the -wal into it
   * or remove the -wal: a refused file is left as it was, journals included. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  self->read_only = FALSE;
  return store_configure (self, error);
}

/* ----- Checks that only read ----- */

int
limber_store_read_int (LimberStore *self,
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

/* Refuses, before anything is written, a file that is someone else's database or
 * that a newer Limber made; what a -wal holds counts. Sets version to the file's
 * schema version. */
static gboolean
store_check_identity (LimberStore  *self,
                      guint        *version,
                      GError      **error)
{
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_objects = 0;
  int rc;

  rc = limber_store_read_int (self, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = limber_store_read_int (self, "PRAGMA user_version", &user_version);
  if (rc == SQLITE_OK)
    rc = limber_store_read_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    return store_open_error (self, rc, error);

  /* A brand-new file has no id yet, but then it has no tables either. */
  if (application_id != LIMBER_APPLICATION_ID
      && !(application_id == 0 && user_version == 0 && n_objects == 0))
    return set_not_limber_error (error, self->path);

  if (user_version < 0)
    return set_not_limber_error (error, self->path);

  if (user_version > limber_store_get_schema_version ())
    return set_newer_error (error, self->path, (guint) user_version);

  *version = (guint) user_version;
  return TRUE;
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

/* ----- The first writes ----- */

static void
restrict_permissions (const char *path)
{
  struct stat st;

  if (g_stat (path, &st) != 0 || st.st_uid != getuid () || (st.st_mode & 07777) == 0600)
    return;

  if (g_chmod (path, 0600) != 0)
    g_warning ("Could not restrict the permissions of %s: %s", path, g_strerror (errno));
}

/* Health records are for the clinic user's eyes only. SQLite gives a new -wal and
 * -shm the database's permissions, so the database is narrowed before they are
 * made, and those left from before are narrowed too. */
static void
store_restrict_permissions (LimberStore *self)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);

      restrict_permissions (path);
    }
}

/* The -wal and -shm that a reading connection made, which SQLite gave the
 * database's permissions. */
static void
store_restrict_companions (LimberStore *self)
{
  static const char *const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);

      restrict_permissions (path);
    }
}

void
limber_store_remove_companions (LimberStore *self)
{
  sqlite3 *db = NULL;

  /* A -wal that holds changes is another connection's, which merges it. */
  if (companion_exists (self->path, "-wal"))
    return;

  /* The last connection to close removes the -wal and the -shm, once it has
   * merged the -wal into the file, which for an empty one writes nothing; only
   * a connection that may write does so. SQLite does it only when no other
   * connection uses them, which it knows from their locks. This connection
   * changes nothing: it reads one number, to join the -wal, and closes. */
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL)
      == SQLITE_OK)
    sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  sqlite3_close (db);
}

static gboolean
store_start_journal (LimberStore  *self,
                     GError      **error)
{
  /* WAL lets the views read while the writer writes and survives a crash in the
   * middle of a commit; synchronous=FULL makes a commit durable before Limber
   * reports it saved. */
  return limber_store_exec (self,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = FULL;",
                            error);
}

/* ----- Migrations ----- */

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

  if (!limber_store_begin (self, action, error))
    return FALSE;
  ok = limber_store_exec (self, sql, error) && limber_store_exec (self, pragmas, error);
  return limber_store_end (self, ok, error);
}

/* Every step in one transaction, so that an upgrade cut short or failing leaves the
 * file as it was; the audit entries of each step still name it. */
static gboolean
store_migrate (LimberStore  *self,
               guint         from_version,
               GError      **error)
{
  g_autofree char *action = NULL;
  guint n_migrations;
  const char *const *migrations = store_get_migrations (&n_migrations);
  guint version;
  gboolean ok = TRUE;

  if (from_version >= n_migrations)
    return TRUE;

  action = g_strdup_printf ("upgrade to schema %u", n_migrations);
  if (!limber_store_begin (self, action, error))
    return FALSE;

  for (version = from_version + 1; ok && version <= n_migrations; version++)
    {
      g_free (self->action);
      self->action = g_strdup_printf ("upgrade to schema %u", version);
      ok = store_apply_migration (self, version, migrations[version - 1], error);
    }

  if (!limber_store_end (self, ok, ok ? error : NULL))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_prefix_error (error, _("Could not upgrade %s to schema %u; it keeps schema %u: "),
                      display, ok ? n_migrations : version - 1, from_version);
      return FALSE;
    }

  return TRUE;
}

/* ----- The schema is exactly Limber's -----
 *
 * Tables, indexes and triggers must be exactly those that Limber's own migrations
 * make: a trigger dropped or changed outside Limber could let a change escape the
 * audit log. The expected schema of each version is made once, by applying the
 * migrations to a database in memory; comparing it reads only the schema pages. */

#define SCHEMA_QUERY \
  "SELECT type, name, tbl_name, ifnull (sql, '') FROM sqlite_schema " \
  "WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY type, name"

/* type "\t" name → table "\n" sql, of the schema connected to db. */
static GHashTable *
schema_read (sqlite3  *db,
             int      *rc)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  *rc = sqlite3_prepare_v2 (db, SCHEMA_QUERY, -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = g_strdup_printf ("%s\t%s", sqlite3_column_text (stmt, 0),
                                   sqlite3_column_text (stmt, 1));
      char *value = g_strdup_printf ("%s\n%s", sqlite3_column_text (stmt, 2),
                                     sqlite3_column_text (stmt, 3));

      g_hash_table_replace (objects, key, value);
    }
  if (*rc != SQLITE_DONE)
    return NULL;

  *rc = SQLITE_OK;
  return g_steal_pointer (&objects);
}

GHashTable *
limber_store_schema_from_migrations (guint version)
{
  g_autoptr (LimberStore) scratch = g_object_new (LIMBER_TYPE_STORE, NULL);
  g_autoptr (GError) error = NULL;
  guint n_migrations;
  const char *const *migrations = store_get_migrations (&n_migrations);
  GHashTable *objects;
  int rc;

  g_assert (version >= 1 && version <= n_migrations);

  scratch->path = g_strdup (":memory:");
  if (sqlite3_open (":memory:", &scratch->db) != SQLITE_OK
      || !store_configure (scratch, &error))
    g_error ("Cannot make the expected schema: %s",
             error != NULL ? error->message : "out of memory");
  for (guint v = 1; v <= version; v++)
    if (!store_apply_migration (scratch, v, migrations[v - 1], &error))
      g_error ("SQL migration %s does not apply: %s", migrations[v - 1], error->message);

  objects = schema_read (scratch->db, &rc);
  if (objects == NULL)
    g_error ("Cannot read the expected schema: %s", sqlite3_errstr (rc));
  return objects;
}

/* The newest schema as the build wrote it down (limber-schema-gen.c), or NULL when
 * the build's migrations are not those compiled in. */
static GHashTable *
schema_compiled (guint version)
{
  GHashTable *objects;

  if (version != LIMBER_SCHEMA_COMPILED_VERSION)
    return NULL;

  objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (limber_schema_compiled); i++)
    g_hash_table_insert (objects, g_strdup (limber_schema_compiled[i][0]),
                         g_strdup (limber_schema_compiled[i][1]));
  return objects;
}

/* The objects of schema version, made once per process; NULL for 0. The newest,
 * which nearly every open compares with, comes from the build; an older one is made
 * by the migrations in memory, which costs a tenth of a short command's run. */
GHashTable *
limber_store_schema_expected (guint version)
{
  static GHashTable *by_version[64];
  G_LOCK_DEFINE_STATIC (by_version);
  GHashTable *objects;

  g_assert (version < G_N_ELEMENTS (by_version));
  if (version == 0)
    return NULL;

  G_LOCK (by_version);
  if (by_version[version] == NULL && version == limber_store_get_schema_version ())
    by_version[version] = schema_compiled (version);
  if (by_version[version] == NULL)
    by_version[version] = limber_store_schema_from_migrations (version);
  objects = by_version[version];
  G_UNLOCK (by_version);

  return objects;
}

/* In words, the first difference between the file's schema and Limber's own of
 * version, or NULL when they are the same. */
static char *
schema_describe_difference (GHashTable *actual,
                            GHashTable *expected)
{
  GHashTableIter iter;
  gpointer key, value;

  if (expected != NULL)
    {
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *found = g_hash_table_lookup (actual, key);
          g_auto (GStrv) parts = g_strsplit (key, "\t", 2);
          g_autofree char *name = limber_store_valid_text (parts[1]);

          if (found == NULL)
            /* Translators: the first %s is "table", "index" or "trigger" (SQL words). */
            return g_strdup_printf (_("the %s “%s” is missing"), parts[0], name);
          if (!g_str_equal (found, value))
            return g_strdup_printf (_("the %s “%s” is not Limber’s"), parts[0], name);
        }
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (expected == NULL || !g_hash_table_contains (expected, key))
        {
          g_auto (GStrv) parts = g_strsplit (key, "\t", 2);
          g_autofree char *name = limber_store_valid_text (parts[1]);

          return g_strdup_printf (_("the %s “%s” was added outside Limber"), parts[0], name);
        }
    }

  return NULL;
}

char *
limber_store_check_schema (LimberStore  *self,
                           guint         version,
                           GError      **error)
{
  g_autoptr (GHashTable) actual = NULL;
  int rc;

  actual = schema_read (self->db, &rc);
  if (actual == NULL)
    {
      store_open_error (self, rc, error);
      return NULL;
    }

  return schema_describe_difference (actual, limber_store_schema_expected (version));
}

static gboolean
store_check_schema (LimberStore  *self,
                    guint         version,
                    GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *difference = limber_store_check_schema (self, version, &local_error);
  g_autofree char *display = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (difference == NULL)
    return TRUE;

  display = g_filename_display_name (self->path);
  g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_TAMPERED,
               _("%s was changed outside Limber (%s); it was left untouched. Restore it "
                 "from a backup"), display, difference);
  return FALSE;
}

/* A rollback journal beside Limber's own file: SQLite rolls it back at the first
 * read of a connection that may write (and one that cannot write refuses to read
 * past it). What the file becomes then is judged first on a copy, in a private
 * folder beside it, so that a file that would be refused keeps its journal and is
 * left as it was. */
static gboolean
store_check_rolled_back_copy (LimberStore  *self,
                              GError      **error)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
  g_autofree char *folder = g_strconcat (self->path, "-check-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autoptr (LimberStore) scratch = NULL;
  guint version = 0;
  gboolean ok = TRUE;
  int rc;

  if (g_mkdtemp_full (folder, 0700) == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                   _("Cannot check %s before undoing its unfinished change: %s; it was left "
                     "untouched"), display, g_strerror (saved_errno));
      return FALSE;
    }

  copy = g_build_filename (folder, "copy.sqlite", NULL);
  for (guint i = 0; ok && i < G_N_ELEMENTS (suffixes) - 1; i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr (GError) copy_error = NULL;

      if (i > 0 && !companion_present (self->path, suffixes[i]))
        continue;
      ok = limber_file_copy (from, to, &copy_error);
      if (!ok)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OPEN,
                       _("Cannot check %s before undoing its unfinished change: %s; it was "
                         "left untouched"), display, copy_error->message);
        }
    }

  if (ok)
    {
      /* Messages name the clinic's file, not the copy. */
      scratch = g_object_new (LIMBER_TYPE_STORE, NULL);
      scratch->path = g_strdup (self->path);
      rc = sqlite3_open_v2 (copy, &scratch->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE,
                            NULL);
      ok = (rc == SQLITE_OK || store_open_error (scratch, rc, error))
           && store_configure (scratch, error)
           && store_check_identity (scratch, &version, error)
           && store_check_schema (scratch, version, error);
      g_clear_object (&scratch);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (copy, suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
  return ok;
}

/* ----- Internal and public entry points ----- */

/* Read-only: what a file of an older schema holds may not be what this version
 * reads, and upgrading it would write. */
static gboolean
store_check_current (LimberStore  *self,
                     guint         version,
                     GError      **error)
{
  g_autofree char *display = NULL;

  if (version == limber_store_get_schema_version ())
    return TRUE;

  display = g_filename_display_name (self->path);
  if (version == 0)
    g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_LIMBER,
                 _("%s holds no Limber records yet"), display);
  else
    g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_OLDER_VERSION,
                 _("%s has schema %u and this version of Limber reads schema %u; open it "
                   "once in Limber to upgrade it"),
                 display, version, limber_store_get_schema_version ());
  return FALSE;
}

gboolean
limber_store_open_file (LimberStore  *self,
                        gboolean      read_only,
                        GError      **error)
{
  StoreFileHeader header;
  guint version = 0;

  /* Every check reads only, through a connection that cannot write. */
  if (!store_read_header (self->path, read_only, &header, error)
      || !limber_store_lock_shared (self, error)
      || !store_check_header (self->path, &header, error))
    return FALSE;

  if (read_only && header.empty)
    return store_check_current (self, 0, error);

  /* A rollback journal beside Limber's own file is only ever rolled back, which
   * a connection that cannot write may not do: the writer below does it, once a
   * copy has shown what the file becomes. */
  if (read_only && header.has_journal)
    return set_unfinished_error (error, self->path);
  if (header.has_journal && !store_check_rolled_back_copy (self, error))
    return FALSE;

  if (!header.empty && !header.has_journal)
    {
      if (!store_connect_read_only (self, header.has_wal, header.has_companion, !read_only,
                                    error)
          || !store_check_identity (self, &version, error)
          || !store_check_schema (self, version, error))
        return FALSE;

      if (read_only)
        return store_check_current (self, version, error);

      store_disconnect (self);
    }

  store_restrict_permissions (self);
  if (!store_connect (self, error)
      || !store_check_identity (self, &version, error)
      || !store_check_schema (self, version, error)
      || !store_check_writable (self, error))
    return FALSE;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  return store_start_journal (self, error) && store_migrate (self, version, error);
}

guint
limber_store_get_schema_version (void)
{
  guint n_migrations;

  store_get_migrations (&n_migrations);
  return n_migrations;
}

gboolean
limber_store_needs_upgrade (const char *path)
{
  StoreFileHeader header;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Whatever keeps the header from being read, opening the file will say. */
  return store_read_header (path, TRUE, &header, NULL)
         && !header.empty
         && header.application_id == LIMBER_APPLICATION_ID
         && header.user_version < limber_store_get_schema_version ();
}
