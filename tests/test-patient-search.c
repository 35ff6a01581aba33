/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-test-patient-search"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-patient-index.h"
#include "limber-patient-list.h"
#include "limber-store.h"

/* The patient search and the lazy patient list of the window: what a receptionist
 * types finds the patient whatever the case and accents, the index follows every
 * change to a patient, and a clinic made before the index existed gets one. */

typedef struct
{
  char        *dir;
  char        *path;
  LimberStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.sqlite", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = limber_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static gint64
add_patient (Fixture    *fixture,
             const char *mrn,
             const char *name)
{
  g_autoptr(LimberPatient) patient = limber_patient_new (mrn, name, NULL);
  g_autoptr(GError) error = NULL;

  limber_store_add_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  return limber_patient_get_id (patient);
}

/* The chart numbers the search finds, in list order, joined by spaces. */
static char *
search (Fixture    *fixture,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = limber_store_search_patient_ids (fixture->store, text, &error);
  g_autoptr(GString) found = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LimberPatient) patient =
        limber_store_get_patient (fixture->store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (i > 0)
        g_string_append_c (found, ' ');
      g_string_append (found, limber_patient_get_mrn (patient));
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

#define assert_search(fixture, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search (fixture, text); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

static void
add_clinic (Fixture *fixture)
{
  add_patient (fixture, "1003", "Zoë Ñúñez");
  add_patient (fixture, "1001", "Anna Müller");
  add_patient (fixture, "1002", "Sven Öberg");
  add_patient (fixture, "2001", "Ann Lee \"Annie\"");
}

static void
test_search_finds_any_part (Fixture       *fixture,
                            gconstpointer  data)
{
  open_store (fixture);
  add_clinic (fixture);

  /* Everyone, by name. */
  assert_search (fixture, NULL, "2001 1001 1002 1003");
  assert_search (fixture, "", "2001 1001 1002 1003");
  /* Any case and accents as typed, in the middle of a word, short or long. */
  assert_search (fixture, "MÜL", "1001");
  assert_search (fixture, "müller", "1001");
  assert_search (fixture, "öb", "1002");
  assert_search (fixture, "ÑÚÑEZ", "1003");
  assert_search (fixture, "ann", "2001 1001");
  assert_search (fixture, "a", "2001 1001");
  /* Chart numbers, whole or in part, and words across the space. */
  assert_search (fixture, "100", "1001 1002 1003");
  assert_search (fixture, "2001", "2001");
  assert_search (fixture, "anna m", "1001");
  /* Quotes are text, not query syntax. */
  assert_search (fixture, "\"annie\"", "2001");
  assert_search (fixture, "\"", "2001");
  assert_search (fixture, "nobody", "");
}

static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  open_store (fixture);
  add_clinic (fixture);
  id = add_patient (fixture, "3001", "Karl Weber");
  assert_search (fixture, "weber", "3001");

  patient = limber_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  limber_patient_set_name (patient, "Karla Schmidt");
  limber_patient_set_mrn (patient, "3002");
  limber_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  assert_search (fixture, "weber", "");
  assert_search (fixture, "3001", "");
  assert_search (fixture, "schmidt", "3002");

  limber_store_delete_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_search (fixture, "schmidt", "");
  assert_search (fixture, "karl", "");
}

/* A clinic of schema 1, made before the search had an index, with patients written
 * as the Limber of that time wrote them. */
static void
audit_stub_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  sqlite3_result_text (context, argc > 0 ? "{}" : "test", -1, SQLITE_STATIC);
}

static void
create_schema_1 (const char *path)
{
  g_autofree char *file = g_build_filename (g_getenv ("LIMBER_SOURCE_ROOT"), "data", "sql",
                                            "001-initial.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_file_get_contents (file, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "limber_audit_user", 0, SQLITE_UTF8, NULL, audit_stub_func, NULL, NULL);
  sqlite3_create_function (db, "limber_audit_action", 0, SQLITE_UTF8, NULL, audit_stub_func, NULL, NULL);
  sqlite3_create_function (db, "limber_audit_json", -1, SQLITE_UTF8, NULL, audit_stub_func, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO patient (mrn, name) VALUES "
                                 "('1001', 'Anna Müller'), ('1002', 'Sven Öberg');"
                                 "PRAGMA application_id = 1280131666; PRAGMA user_version = 1;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_search_upgrade (Fixture       *fixture,
                     gconstpointer  data)
{
  create_schema_1 (fixture->path);
  open_store (fixture);

  assert_search (fixture, "MÜLLER", "1001");
  assert_search (fixture, "öb", "1002");
  assert_search (fixture, "100", "1001 1002");
}

/* ----- The list ----- */

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_signals;
} ItemsChanged;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  ItemsChanged *changed = user_data;

  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->n_signals++;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(LimberPatient) first = NULL;
  g_autoptr(LimberPatient) again = NULL;
  g_autoptr(LimberPatient) renamed = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };
  guint position = 0;
  gint64 id;

  open_store (fixture);
  add_clinic (fixture);
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (limber_patient_list_get_n_patients (list), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LIMBER_TYPE_PATIENT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));

  /* A row asked for twice is the same object while someone holds it. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 1);
  again = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (first == again);
  g_assert_cmpstr (limber_patient_get_name (first), ==, "Anna Müller");

  /* A search narrows the list; the clinic keeps its count. */
  g_assert_true (limber_patient_list_set_search (list, "müll", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (limber_patient_list_get_n_patients (list), ==, 4);
  g_assert_cmpstr (limber_patient_list_get_search (list), ==, "müll");
  g_assert_true (limber_patient_list_find (list, limber_patient_get_id (first), &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (limber_patient_list_set_search (list, "", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_null (limber_patient_list_get_search (list));

  /* A patient added at the end of the order changes that row only. */
  id = add_patient (fixture, "4001", "Zygmunt Zawadzki");
  changed.n_signals = 0;
  g_assert_true (limber_patient_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 4);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_true (limber_patient_list_find (list, id, &position));
  g_assert_cmpuint (position, ==, 4);

  /* A patient renamed in place keeps their row, and the object on screen shows
   * the new name. */
  renamed = limber_store_get_patient (fixture->store, limber_patient_get_id (first), &error);
  limber_patient_set_name (renamed, "Anna Müller-Lang");
  limber_store_update_patient (fixture->store, renamed, &error);
  g_assert_no_error (error);
  changed.n_signals = 0;
  g_assert_true (limber_patient_list_reload (list, &error));
  g_assert_cmpuint (changed.n_signals, ==, 0);
  g_assert_cmpstr (limber_patient_get_name (first), ==, "Anna Müller-Lang");

  /* Deleted, the row goes. */
  limber_store_delete_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (limber_patient_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_false (limber_patient_list_find (list, id, NULL));

  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* ----- Searching in a thread ----- */

typedef struct
{
  guint     n_done;
  guint     n_cancelled;
  gboolean  ok;
} SearchResults;

static void
on_search_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SearchResults *results = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = limber_patient_list_search_finish (LIMBER_PATIENT_LIST (source_object), result, &error);
  results->n_done++;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    results->n_cancelled++;
  else
    {
      g_assert_no_error (error);
      results->ok = ok;
    }
}

static void
wait_for_searches (SearchResults *results,
                   guint          n_searches)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (results->n_done < n_searches)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  /* Nothing of an earlier search lands afterwards. */
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* The chart numbers the list shows, in order, joined by spaces. */
static char *
listed (LimberPatientList *list)
{
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (i > 0)
        g_string_append_c (found, ' ');
      g_string_append (found, limber_patient_get_mrn (patient));
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

#define assert_listed(list, expected) \
  G_STMT_START { \
    g_autofree char *listed_ = listed (list); \
    g_assert_cmpstr (listed_, ==, expected); \
  } G_STMT_END

/* A search typed quickly ends with the rows of the last text, whichever read
 * finishes first; the searches it replaced are cancelled. */
static void
test_list_search_typed_quickly (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(GError) error = NULL;
  SearchResults results = { 0 };
  const char *const typed[] = { "a", "an", "ann", "anna", "anna ", "anna m" };

  open_store (fixture);
  add_clinic (fixture);
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    limber_patient_list_search_async (list, typed[i], on_search_done_cb, &results);
  /* Nothing changes until the answer comes. */
  g_assert_null (limber_patient_list_get_search (list));
  assert_listed (list, "2001 1001 1002 1003");

  wait_for_searches (&results, G_N_ELEMENTS (typed));
  g_assert_cmpuint (results.n_cancelled, ==, G_N_ELEMENTS (typed) - 1);
  g_assert_true (results.ok);
  g_assert_cmpstr (limber_patient_list_get_search (list), ==, "anna m");
  assert_listed (list, "1001");

  /* Back to everyone, as when the search is cleared. */
  results = (SearchResults) { 0 };
  limber_patient_list_search_async (list, "", on_search_done_cb, &results);
  wait_for_searches (&results, 1);
  g_assert_true (results.ok);
  g_assert_null (limber_patient_list_get_search (list));
  assert_listed (list, "2001 1001 1002 1003");
}

/* The connection searches read on, opened ahead (as the window does once it
 * shows), answers them as one opened by the first search would; a search that
 * comes while it is still opening is answered too. */
static void
test_list_search_prepared (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(GError) error = NULL;
  SearchResults results = { 0 };

  open_store (fixture);
  add_clinic (fixture);
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);

  limber_patient_list_prepare_search (list);
  limber_patient_list_search_async (list, "anna", on_search_done_cb, &results);
  limber_patient_list_prepare_search (list);
  wait_for_searches (&results, 1);
  g_assert_true (results.ok);
  assert_listed (list, "1001");

  results = (SearchResults) { 0 };
  limber_patient_list_prepare_search (list);
  wait_for_searches (&results, 0);
  limber_patient_list_search_async (list, "100", on_search_done_cb, &results);
  wait_for_searches (&results, 1);
  g_assert_true (results.ok);
  g_assert_cmpstr (limber_patient_list_get_search (list), ==, "100");
  assert_listed (list, "1001 1002 1003");
}

/* A search set at once (a patient chosen from elsewhere clears it) wins over one
 * still being read, and a change to the store is not lost by a read made before. */
static void
test_list_search_replaced (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(GError) error = NULL;
  SearchResults results = { 0 };

  open_store (fixture);
  add_clinic (fixture);
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);

  limber_patient_list_search_async (list, "sven", on_search_done_cb, &results);
  g_assert_true (limber_patient_list_set_search (list, "100", &error));
  g_assert_no_error (error);
  wait_for_searches (&results, 1);
  g_assert_cmpuint (results.n_cancelled, ==, 1);
  g_assert_cmpstr (limber_patient_list_get_search (list), ==, "100");
  assert_listed (list, "1001 1002 1003");

  /* A patient added while a search reads is in its answer or in the reload's. */
  results = (SearchResults) { 0 };
  limber_patient_list_search_async (list, "ann", on_search_done_cb, &results);
  add_patient (fixture, "5001", "Annika Berg");
  g_assert_true (limber_patient_list_reload (list, &error));
  g_assert_no_error (error);
  wait_for_searches (&results, 1);
  g_assert_true (results.ok);
  g_assert_cmpstr (limber_patient_list_get_search (list), ==, "ann");
  assert_listed (list, "2001 1001 5001");
}

/* A search that narrows the list tells the list view only the rows that go, so
 * that it keeps the others (and their widgets) as they are. */
static void
test_list_search_splices (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(LimberPatient) kept = NULL;
  g_autoptr(LimberPatient) again = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };

  open_store (fixture);
  add_clinic (fixture);
  add_patient (fixture, "1004", "Anton Vogel");
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);
  assert_listed (list, "2001 1001 1004 1002 1003");
  kept = g_list_model_get_item (G_LIST_MODEL (list), 2);

  /* "an" keeps Ann, Anna and Anton: only Sven and Zoë go, one removal each. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);
  g_assert_true (limber_patient_list_set_search (list, "an", &error));
  g_assert_no_error (error);
  assert_listed (list, "2001 1001 1004");
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 3);
  g_assert_cmpuint (changed.removed, ==, 2);
  g_assert_cmpuint (changed.added, ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (again == kept);

  /* "anto" keeps Anton alone. */
  changed = (ItemsChanged) { 0 };
  g_assert_true (limber_patient_list_set_search (list, "anto", &error));
  assert_listed (list, "1004");
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 2);

  /* Everyone again: the rows come back around Anton, who keeps his object, told in
   * one change among the first rows, in which a list view finds him again and keeps
   * his widget (it would bind every row below each change again). */
  changed = (ItemsChanged) { 0 };
  g_clear_object (&again);
  g_assert_true (limber_patient_list_set_search (list, NULL, &error));
  assert_listed (list, "2001 1001 1004 1002 1003");
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 5);
  again = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (again == kept);
}

/* What a list view sees: the patients of the rows it had, kept up to date from the
 * signals alone, and 0 for rows that came (it reads only those it shows). */
typedef struct
{
  GArray *ids;
  guint   n_signals;
} Mirror;

static void
on_mirror_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            gpointer    user_data)
{
  Mirror *mirror = user_data;
  const gint64 came = 0;

  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    g_array_insert_val (mirror->ids, position + i, came);
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->n_signals++;
}

/* The list holds every step-th of the patients, in order, and the rows the mirror
 * kept are where the list has them; found by id, so that no row is read. */
static void
assert_mirrored (LimberPatientList *list,
                 Mirror            *mirror,
                 GArray            *patients,
                 guint              step)
{
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (mirror->ids->len, ==, patients->len / step);
  for (guint i = 0; i < mirror->ids->len; i++)
    {
      gint64 id = g_array_index (patients, gint64, step * i);
      gint64 *mirrored = &g_array_index (mirror->ids, gint64, i);
      guint position;

      g_assert_true (limber_patient_list_find (list, id, &position));
      g_assert_cmpuint (position, ==, i);
      if (*mirrored != 0)
        g_assert_cmpint (*mirrored, ==, id);
      *mirrored = id;
    }
}

static gboolean
add_patients (LimberStore  *store,
              gpointer      user_data,
              GError      **error)
{
  GArray *patients = user_data;
  guint n = patients->len;

  g_array_set_size (patients, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("M%03u", i);
      g_autofree char *name = g_strdup_printf ("P%03u %s", i, i % 2 == 0 ? "Kim" : "Lee");
      g_autoptr(LimberPatient) patient = limber_patient_new (mrn, name, NULL);
      gint64 id;

      if (!limber_store_add_patient (store, patient, error))
        return FALSE;
      id = limber_patient_get_id (patient);
      g_array_append_val (patients, id);
    }
  return TRUE;
}

/* A search over many patients is told in a few changes: one for the first rows,
 * which the list view finds again among those that come, and past them, changes
 * that leave out every row a list view asked for (the selected patient, say), so
 * that it never looks for them among thousands of rows. What it sees is the search
 * all the same. */
static void
test_list_search_splices_shown (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LimberPatientList) list = NULL;
  g_autoptr(LimberPatient) far = NULL;
  g_autoptr(LimberPatient) again = NULL;
  g_autoptr(GArray) patients = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  Mirror mirror = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  const guint n_patients = 600;
  const guint far_position = 500;
  guint position;

  open_store (fixture);
  g_array_set_size (patients, n_patients);
  g_assert_true (limber_store_run_transaction (fixture->store, "add patients", add_patients,
                                               patients, &error));
  g_assert_no_error (error);
  list = limber_patient_list_new (fixture->store, &error);
  g_assert_no_error (error);
  g_array_append_vals (mirror.ids, patients->data, patients->len);
  assert_mirrored (list, &mirror, patients, 1);

  /* A list view showing the first rows, and a patient far down selected. */
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(LimberPatient) shown = g_list_model_get_item (G_LIST_MODEL (list), i);
    }
  far = g_list_model_get_item (G_LIST_MODEL (list), far_position);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_mirror_items_changed_cb), &mirror);

  /* Every other patient goes. */
  g_assert_true (limber_patient_list_set_search (list, "kim", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mirror.n_signals, >, 1);
  g_assert_cmpuint (mirror.n_signals, <, n_patients / 8);
  g_assert_true (limber_patient_list_find (list, limber_patient_get_id (far), &position));
  g_assert_cmpuint (position, ==, far_position / 2);
  g_assert_cmpint (g_array_index (mirror.ids, gint64, position), ==, limber_patient_get_id (far));
  assert_mirrored (list, &mirror, patients, 2);
  again = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (again == far);

  /* And they come back the same way. */
  mirror.n_signals = 0;
  g_assert_true (limber_patient_list_set_search (list, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mirror.n_signals, <, n_patients / 8);
  g_assert_cmpint (g_array_index (mirror.ids, gint64, far_position), ==,
                   limber_patient_get_id (far));
  assert_mirrored (list, &mirror, patients, 1);

  g_signal_handlers_disconnect_by_func (list, on_mirror_items_changed_cb, &mirror);
  g_array_unref (mirror.ids);
}

/* ----- The search read in memory ----- */

/* What the SQL search lists, as chart numbers. */
static char *
describe_ids (Fixture *fixture,
              GArray  *ids)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LimberPatient) patient =
        limber_store_get_patient (fixture->store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (i > 0)
        g_string_append_c (found, ' ');
      g_string_append (found, limber_patient_get_mrn (patient));
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* The index, read on a connection of its own, lists what the SQL search lists on
 * the store's, in the same order, for every text and with or without the
 * archived patients. */
static void
assert_index_agrees (Fixture            *fixture,
                     LimberPatientIndex *index,
                     LimberStore        *reader)
{
  const char *const texts[] = {
    NULL, "", "a", "A", "an", "ann", "anna", "anna m", "mül", "MÜLLER", "mu", "ü", "ö",
    "öb", "1", "10", "100", "1001", "2001", "\"", "\"annie\"", " ", "n", "ñ", "ñúñ",
    "e", "er", "ber", "weber", "karl", "schmidt", "30", "nobody", "zz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint archived = 0; archived < 2; archived++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) expected = limber_store_search_listed_patient_ids (fixture->store,
                                                                             texts[i], archived,
                                                                             &error);
        g_autoptr(GArray) found = NULL;
        g_autofree char *expected_mrns = NULL;
        g_autofree char *found_mrns = NULL;

        g_assert_no_error (error);
        found = limber_patient_index_search (index, reader, texts[i], archived, &error);
        g_assert_no_error (error);
        expected_mrns = describe_ids (fixture, expected);
        found_mrns = describe_ids (fixture, found);
        g_assert_cmpstr (found_mrns, ==, expected_mrns);
      }
}

static void
test_index_agrees (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LimberPatientIndex) index = limber_patient_index_new ();
  g_autoptr(LimberStore) reader = NULL;
  g_autoptr(LimberPatient) archived = NULL;
  g_autoptr(GError) error = NULL;

  open_store (fixture);
  add_clinic (fixture);
  add_patient (fixture, "3001", "Karl Weber");
  add_patient (fixture, "3002", "anna weber");
  add_patient (fixture, "3003", "ANNA WEBER");
  archived = limber_patient_new ("1004", "Annika Müller", NULL);
  limber_patient_set_archived (archived, TRUE);
  limber_store_add_patient (fixture->store, archived, &error);
  g_assert_no_error (error);

  reader = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_index_agrees (fixture, index, reader);
  /* Read once, for every search. */
  g_assert_cmpuint (limber_patient_index_get_n_reads (index), ==, 1);
}

/* A patient added, renamed, archived, brought back or erased shows in the next
 * search: the index is read again after any change, and only then. */
static void
test_index_follows_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LimberPatientIndex) index = limber_patient_index_new ();
  g_autoptr(LimberStore) reader = NULL;
  g_autoptr(LimberStore) other_reader = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mrns = NULL;
  gint64 id;
  guint n_reads;

  open_store (fixture);
  add_clinic (fixture);
  reader = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_index_agrees (fixture, index, reader);
  n_reads = limber_patient_index_get_n_reads (index);

  /* Added. */
  id = add_patient (fixture, "3001", "Karl Weber");
  ids = limber_patient_index_search (index, reader, "webe", TRUE, &error);
  g_assert_no_error (error);
  mrns = describe_ids (fixture, ids);
  g_assert_cmpstr (mrns, ==, "3001");
  g_assert_cmpuint (limber_patient_index_get_n_reads (index), ==, ++n_reads);
  assert_index_agrees (fixture, index, reader);
  g_assert_cmpuint (limber_patient_index_get_n_reads (index), ==, n_reads);

  /* Renamed: found by the new name, in its new place. */
  patient = limber_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  limber_patient_set_name (patient, "Aaron Schmidt");
  limber_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&mrns, g_free);
  ids = limber_patient_index_search (index, reader, NULL, TRUE, &error);
  g_assert_no_error (error);
  mrns = describe_ids (fixture, ids);
  g_assert_cmpstr (mrns, ==, "3001 2001 1001 1002 1003");
  assert_index_agrees (fixture, index, reader);

  /* Archived, then back. */
  limber_patient_set_archived (patient, TRUE);
  limber_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  ids = limber_patient_index_search (index, reader, "schmidt", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  assert_index_agrees (fixture, index, reader);
  limber_patient_set_archived (patient, FALSE);
  limber_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  assert_index_agrees (fixture, index, reader);

  /* Erased. */
  limber_store_erase_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  ids = limber_patient_index_search (index, reader, "aar", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  assert_index_agrees (fixture, index, reader);

  /* Read on another connection, it is read again: what changed is counted per
   * connection. */
  n_reads = limber_patient_index_get_n_reads (index);
  other_reader = limber_store_open_full (fixture->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_index_agrees (fixture, index, other_reader);
  g_assert_cmpuint (limber_patient_index_get_n_reads (index), ==, n_reads + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/patient-search/any-part", test_search_finds_any_part);
  ADD_TEST ("/patient-search/follows-changes", test_search_follows_changes);
  ADD_TEST ("/patient-search/upgrade", test_search_upgrade);
  ADD_TEST ("/patient-search/index/agrees", test_index_agrees);
  ADD_TEST ("/patient-search/index/follows-changes", test_index_follows_changes);
  ADD_TEST ("/patient-search/list", test_list);
  ADD_TEST ("/patient-search/list/typed-quickly", test_list_search_typed_quickly);
  ADD_TEST ("/patient-search/list/replaced", test_list_search_replaced);
  ADD_TEST ("/patient-search/list/prepared", test_list_search_prepared);
  ADD_TEST ("/patient-search/list/splices", test_list_search_splices);
  ADD_TEST ("/patient-search/list/splices-shown", test_list_search_splices_shown);

  return g_test_run ();
}
