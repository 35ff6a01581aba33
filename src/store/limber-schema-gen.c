/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "limber-schema-gen"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

/* Run by the build: applies the migrations of data/sql to a database in memory and
 * writes the schema they make as a C header, so that opening a file of the newest
 * schema compares it with Limber's own without making that schema again on every
 * run. The store's own functions are not needed to make the schema; a statement
 * that names one is prepared against a stand-in that is never called on the empty
 * tables. test-file.c proves the header equal to what the store makes itself.
 *
 *   limber-schema-gen SQL_FOLDER OUTPUT.h DEPFILE */

#define SCHEMA_QUERY \
  "SELECT type, name, tbl_name, ifnull (sql, '') FROM sqlite_schema " \
  "WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY type, name"
#define NO_SUCH_FUNCTION "no such function: "

static void
stand_in_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  sqlite3_result_null (context);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Runs sql in one transaction; a function it names that the store would define
 * gets a stand-in, and the migration runs again. */
static void
apply (sqlite3    *db,
       const char *name,
       const char *sql)
{
  for (guint attempt = 0; attempt < 64; attempt++)
    {
      char *message = NULL;
      const char *missing;
      int rc;

      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      rc = sqlite3_exec (db, sql, NULL, NULL, &message);
      if (rc == SQLITE_OK)
        {
          if (sqlite3_exec (db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
            g_error ("%s: %s", name, message);
          return;
        }
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

      missing = message != NULL ? strstr (message, NO_SUCH_FUNCTION) : NULL;
      if (missing == NULL)
        g_error ("%s does not apply: %s", name, message != NULL ? message : "");
      missing += strlen (NO_SUCH_FUNCTION);
      if (sqlite3_create_function_v2 (db, missing, -1, SQLITE_UTF8, NULL, stand_in_func,
                                      NULL, NULL, NULL) != SQLITE_OK)
        g_error ("%s: cannot define %s", name, missing);
      sqlite3_free (message);
    }
  g_error ("%s names too many functions", name);
}

/* text as a C string literal: octal escapes, three digits each, for every byte
 * that is not plain printable ASCII, and "?" escaped against trigraphs. */
static void
write_literal (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n\"\n    \"");
      else if (*p == '"' || *p == '\\' || *p == '?')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p >= 0x7f)
        g_string_append_printf (out, "\\%03o", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) deps = NULL;
  g_autoptr (GDir) dir = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  const char *name;
  guint n_objects = 0;
  int rc;

  if (argc != 4)
    {
      fprintf (stderr, "Usage: %s SQL_FOLDER OUTPUT.h DEPFILE\n", argv[0]);
      return 2;
    }

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".sql"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  if (sqlite3_open (":memory:", &db) != SQLITE_OK)
    g_error ("Cannot open a database in memory");
  /* As the store's connections: "text" is never a name. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);

  deps = g_string_new (argv[2]);
  g_string_append_c (deps, ':');
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);
      g_autofree char *path = g_build_filename (argv[1], names->pdata[i], NULL);
      g_autofree char *sql = NULL;

      if (!g_str_has_prefix (names->pdata[i], prefix))
        g_error ("SQL migration %s is out of sequence (expected %s…)",
                 (char *) names->pdata[i], prefix);
      if (!g_file_get_contents (path, &sql, NULL, &error))
        g_error ("%s", error->message);
      apply (db, names->pdata[i], sql);
      g_string_append_printf (deps, " %s", path);
    }
  g_string_append_c (deps, '\n');

  g_string_append_printf (out,
                          "/* Generated by limber-schema-gen from the %u migrations of "
                          "data/sql: do not edit. */\n"
                          "#pragma once\n\n"
                          "#define LIMBER_SCHEMA_COMPILED_VERSION %uu\n\n"
                          "/* type \"\\t\" name, then tbl_name \"\\n\" sql, as in "
                          "sqlite_schema. */\n"
                          "static const char *const limber_schema_compiled[][2] = {\n",
                          names->len, names->len);

  rc = sqlite3_prepare_v2 (db, SCHEMA_QUERY, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%s\t%s", sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1));
      g_autofree char *value = g_strdup_printf ("%s\n%s", sqlite3_column_text (stmt, 2),
                                                sqlite3_column_text (stmt, 3));

      g_string_append (out, "  { ");
      write_literal (out, key);
      g_string_append (out, ",\n    ");
      write_literal (out, value);
      g_string_append (out, " },\n");
      n_objects++;
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    g_error ("Cannot read the schema: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (n_objects == 0)
    g_error ("The migrations in %s make no schema", argv[1]);
  g_string_append (out, "};\n");

  if (!g_file_set_contents (argv[2], out->str, (gssize) out->len, &error)
      || !g_file_set_contents (argv[3], deps->str, (gssize) deps->len, &error))
    g_error ("%s", error->message);
  return 0;
}
