/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-store"

#include "limber-store-private.h"

/* The reads and writes every table shares. A table's file gives them its SQL and
 * how to turn a row into an object (LimberStoreRowFunc) or an object into a row
 * (LimberStoreWriteFunc); each write is a transaction of its own, or joins the
 * transaction in progress as one statement, which SQLite undoes if it fails. */

/* ----- Columns ----- */

void
limber_store_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
limber_store_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

LimberSide
limber_store_column_side (sqlite3_stmt *stmt,
                          int           column)
{
  LimberSide side;

  /* The schema's CHECK admits only '', 'left' and 'right'. */
  if (!limber_side_from_string (limber_store_column_text (stmt, column), &side))
    side = LIMBER_SIDE_NONE;

  return side;
}

/* ----- Reads ----- */

/* Every row of sql (with ?1, if any, bound to owner_id) as objects, in the query's
 * order. */
GPtrArray *
limber_store_list (LimberStore         *self,
                   const char          *sql,
                   gint64               owner_id,
                   LimberStoreRowFunc   from_row,
                   GError             **error)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
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
      limber_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&objects);
}

/* The one row that stmt, its parameters bound, selects; NULL without error when
 * there is none. */
gpointer
limber_store_read_row (LimberStore         *self,
                       sqlite3_stmt        *stmt,
                       LimberStoreRowFunc   from_row,
                       GError             **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt, 0, error);

  if (rc != SQLITE_DONE)
    limber_store_fail (self, rc, error);

  return NULL;
}

/* The one row of sql with ?1 bound to id; NULL without error when there is none. */
gpointer
limber_store_get_row (LimberStore         *self,
                      const char          *sql,
                      gint64               id,
                      LimberStoreRowFunc   from_row,
                      GError             **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  return limber_store_read_row (self, stmt, from_row, error);
}

/* The number that sql selects; -1 on error. */
gint64
limber_store_count (LimberStore  *self,
                    const char   *sql,
                    GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      limber_store_fail (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* ----- Writes ----- */

static gboolean
store_insert_step (LimberStore           *self,
                   const char            *sql,
                   LimberStoreWriteFunc   write,
                   gpointer               object,
                   gint64                *id,
                   GError               **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);

  if (stmt == NULL || !write (self, stmt, object, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Inserts object and returns the new row's id. */
gboolean
limber_store_insert (LimberStore           *self,
                     const char            *action,
                     const char            *sql,
                     LimberStoreWriteFunc   write,
                     gpointer               object,
                     gint64                *id,
                     GError               **error)
{
  gboolean ok;

  if (!limber_store_begin_statement (self, action, error))
    return FALSE;
  ok = store_insert_step (self, sql, write, object, id, error);
  return limber_store_end (self, ok, error);
}

static gboolean
store_update_step (LimberStore           *self,
                   const char            *sql,
                   LimberStoreWriteFunc   write,
                   gpointer               object,
                   gint64                 id,
                   gboolean              *found,
                   GError               **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), id);
  if (!write (self, stmt, object, error))
    return FALSE;

  *found = sqlite3_changes64 (self->db) > 0;
  return TRUE;
}

/* Updates the row :id of sql from object; found tells whether there was one. */
gboolean
limber_store_update (LimberStore           *self,
                     const char            *action,
                     const char            *sql,
                     LimberStoreWriteFunc   write,
                     gpointer               object,
                     gint64                 id,
                     gboolean              *found,
                     GError               **error)
{
  gboolean ok;

  if (!limber_store_begin_statement (self, action, error))
    return FALSE;
  ok = store_update_step (self, sql, write, object, id, found, error);
  return limber_store_end (self, ok, error);
}

static gboolean
store_delete_step (LimberStore  *self,
                   const char   *sql,
                   gint64        id,
                   gboolean     *found,
                   GError      **error)
{
  g_autoptr (LimberStoreStatement) stmt = limber_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return limber_store_fail (self, rc, error);

  /* Rows removed by ON DELETE CASCADE are not counted here, only the row itself. */
  *found = sqlite3_changes64 (self->db) > 0;
  return TRUE;
}

/* Deletes row ?1 of sql; the schema's cascades and audit triggers do the rest. */
gboolean
limber_store_delete (LimberStore  *self,
                     const char   *action,
                     const char   *sql,
                     gint64        id,
                     gboolean     *found,
                     GError      **error)
{
  gboolean ok;

  if (!limber_store_begin_statement (self, action, error))
    return FALSE;
  ok = store_delete_step (self, sql, id, found, error);
  return limber_store_end (self, ok, error);
}

/* ----- Messages about a refused row ----- */

/* A refused duplicate or a missing parent, in words a clinic can act on. */
gboolean
limber_store_constraint_error (GError     **error,
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

gboolean
limber_store_not_found_error (GError     **error,
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

char *
limber_store_describe_measure (const char *code,
                               LimberSide  side)
{
  if (side == LIMBER_SIDE_NONE)
    return g_strdup (code);

  return g_strdup_printf ("%s (%s)", code, limber_side_to_string (side));
}
