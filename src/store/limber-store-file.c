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

/* ----- Before SQLite opens it ----- */

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

/* ----- Checks that only read ----- */

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

  return limber_store_register_functions (self, error);
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
  guint known = limber_store_get_schema_version ();
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

  if (g_strcmp0 (limber_store_column_text (stmt, 0), "ok") == 0)
    return TRUE;

  /* The first line only names the schema ("*** in database main ***"). */
  problem = g_strdup (limber_store_column_text (stmt, 0));
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

/* ----- The first writes ----- */

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

/* ----- Internal and public entry points ----- */

gboolean
limber_store_open_file (LimberStore  *self,
                        GError      **error)
{
  guint version = 0;

  if (!store_check_file (self->path, error)
      || !store_connect (self, error)
      || !store_check_identity (self, &version, error)
      || !store_check_integrity (self, error)
      || !store_check_writable (self, error))
    return FALSE;

  store_restrict_permissions (self);
  return store_start_journal (self, error) && store_migrate (self, version, error);
}

guint
limber_store_get_schema_version (void)
{
  guint n_migrations;

  store_get_migrations (&n_migrations);
  return n_migrations;
}
