/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "limber-csv-import.h"
#include "limber-store-private.h"
#include "limber-store.h"

/* The actions that the crash and fault tests interrupt, each one store action as
 * Limber performs it:
 *
 *   crash-helper DB import FILE.csv   an import (one transaction)
 *   crash-helper DB session           a session with three measurements saved
 *   crash-helper DB open              opening, which upgrades an older schema
 *   crash-helper DB backup            a backup into the backups folder
 *   crash-helper DB make-old          a database of schema 3 (before the audit
 *                                     chain) with a patient, for "open" to upgrade
 *
 * Prints "done" when the action completed; exits 1 with the error otherwise. */

static gboolean
add_session (LimberStore  *store,
             gpointer      user_data,
             GError      **error)
{
  g_autoptr (LimberPatient) patient = limber_store_find_patient (store, "C-1", error);
  g_autoptr (GPtrArray) episodes = NULL;
  g_autoptr (GPtrArray) measurements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LimberSession) session = NULL;
  const char *codes[] = { "pain.nprs", "rom.knee.flexion", "rom.knee.extension" };

  if (patient == NULL)
    return FALSE;
  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  if (episodes == NULL || episodes->len == 0)
    return FALSE;

  session = limber_session_new (limber_episode_get_id (episodes->pdata[0]), "2024-05-01T10:00");
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_ptr_array_add (measurements,
                     limber_measurement_new (0, codes[i],
                                             i == 0 ? LIMBER_SIDE_NONE : LIMBER_SIDE_LEFT,
                                             i == 0 ? 4 : (i == 1 ? 100 : 5)));
  return limber_store_save_session (store, session, measurements, error);
}

static gboolean
make_old (const char  *path,
          GError     **error)
{
  g_autoptr (LimberStore) old = g_object_new (LIMBER_TYPE_STORE, NULL);
  const char *names[] = { "001-initial.sql", "002-clinic.sql", "003-therapists.sql" };

  old->path = g_strdup (path);
  if (sqlite3_open (path, &old->db) != SQLITE_OK
      || !limber_store_register_functions (old, error)
      || !limber_store_exec (old, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (g_getenv ("LIMBER_SOURCE_ROOT"), "data", "sql",
                                                names[i], NULL);
      g_autofree char *sql = NULL;

      if (!g_file_get_contents (file, &sql, NULL, error) || !limber_store_exec (old, sql, error))
        return FALSE;
    }
  return limber_store_begin (old, "add patients", error)
         && limber_store_exec (old, "PRAGMA application_id = 1280131666; PRAGMA user_version = 3;"
                                    "INSERT INTO patient (mrn, name) VALUES ('O-1', 'Olga Old'),"
                                    "('O-2', 'Oscar Old');", error)
         && limber_store_end (old, TRUE, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = NULL;
  const char *action;
  gboolean ok = FALSE;

  if (argc < 3)
    {
      fprintf (stderr, "usage: crash-helper DB import FILE.csv|session|open|backup|make-old\n");
      return 2;
    }
  action = argv[2];

  if (g_str_equal (action, "make-old"))
    ok = make_old (argv[1], &error);
  else if (g_str_equal (action, "backup"))
    {
      store = limber_store_open_full (argv[1], LIMBER_STORE_OPEN_READ_ONLY, &error);
      ok = store != NULL && limber_store_backup (store, NULL, NULL, &error);
    }
  else
    {
      store = limber_store_open (argv[1], &error);
      if (store == NULL)
        ok = FALSE;
      else if (g_str_equal (action, "open"))
        ok = TRUE;
      else if (g_str_equal (action, "session"))
        ok = limber_store_run_transaction (store, "record a session", add_session, NULL, &error);
      else if (g_str_equal (action, "import") && argc == 4)
        {
          g_autofree char *data = NULL;
          gsize length = 0;
          LimberImportCounts counts = { 0 };

          ok = g_file_get_contents (argv[3], &data, &length, &error)
               && limber_csv_import_data (store, data, length, argv[3], &counts, &error);
        }
    }

  if (!ok)
    {
      fprintf (stderr, "crash-helper: %s\n", error != NULL ? error->message : "failed");
      return 1;
    }
  printf ("done\n");
  return 0;
}
