/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-list"

#include "config.h"

#include "limber-patient-index.h"
#include "limber-patient-list.h"

/* A row of the list: the patient's id, and the patient object once a list view
 * asked for it (a strong reference, NULL until then). */
typedef struct
{
  gint64         id;
  LimberPatient *patient;
} Row;

struct _LimberPatientList
{
  GObject      parent_instance;

  /* owned */
  LimberStore *store;
  GArray      *rows;          /* Row, in list order */
  char        *search;        /* NULL: everyone */
  gboolean     hide_archived;
  guint        n_patients;

  /* While a change is told one splice at a time, from the last: the list is
   * rows[0, cut) followed by next_rows[next_cut, end). */
  GArray      *next_rows;
  guint        cut;
  guint        next_cut;

  /* Searches in a thread: one reads at a time, on a read-only connection of its
   * own (reader, while no search reads), and only the newest request is answered.
   * Every change of what the list shows counts up generation, so that an answer
   * read before it is dropped. */
  LimberStore *reader;
  LimberPatientIndex *index;  /* what searches read in memory, with reader */
  gboolean     reader_failed;
  gboolean     opening_reader;
  gboolean     searching;
  GTask       *waiting;       /* the newest request, not answered yet */
  guint        generation;

  /* Rows replaced, freed after the frame that shows the change. */
  GPtrArray   *gone;
  guint        free_gone_id;

  /* Every patient object handed out and still alive (weak): AliveEntry id →
   * LimberPatient. A patient who leaves the list and comes back while a widget
   * still shows them gets the same object, and a reload refreshes them in place. */
  GHashTable  *alive;
};

typedef struct
{
  gint64             id;     /* first: the entry is its own key */
  LimberPatientList *list;
} AliveEntry;

static void limber_patient_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LimberPatientList, limber_patient_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      limber_patient_list_model_init))

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows read together when a list view asks for one that is not read yet: it asks
 * for a screenful and more at once. */
#define ROWS_PER_READ 64

/* The rows of a search read in its thread: more than a list view of GTK 4.8 keeps
 * (two hundred) around the top of the list, where a new search shows it. */
#define ROWS_READ_AHEAD 256

/* Beyond this many splices a change is told as one range: a list view handles each
 * splice on its own. Splices are told one by one only around the rows a list view
 * asked for, a few hundred at most (see limber_patient_list_merge_splices()). */
#define MAX_SPLICES 512

/* ----- Rows ----- */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->patient);
}

static GArray *
rows_new (guint n_rows)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), n_rows);

  g_array_set_clear_func (rows, row_clear);
  return rows;
}

/* Rows for a list of ids, not read yet. */
static GArray *
rows_new_for_ids (GArray *ids)
{
  GArray *rows = rows_new (ids->len);

  g_array_set_size (rows, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_array_index (rows, Row, i).id = g_array_index (ids, gint64, i);
  return rows;
}

static guint
limber_patient_list_count (LimberPatientList *self)
{
  if (self->next_rows != NULL)
    return self->cut + (self->next_rows->len - self->next_cut);
  return self->rows->len;
}

static Row *
limber_patient_list_row_at (LimberPatientList *self,
                            guint              position)
{
  if (self->next_rows != NULL && position >= self->cut)
    return &g_array_index (self->next_rows, Row, position - self->cut + self->next_cut);
  return &g_array_index (self->rows, Row, position);
}

/* ----- Patient objects ----- */

static void
on_patient_finalized_cb (gpointer  user_data,
                         GObject  *where_the_object_was)
{
  AliveEntry *entry = user_data;

  g_hash_table_remove (entry->list->alive, &entry->id);
}

static void
limber_patient_list_keep (LimberPatientList *self,
                          LimberPatient     *patient)
{
  AliveEntry *entry = g_new (AliveEntry, 1);

  entry->id = limber_patient_get_id (patient);
  entry->list = self;
  g_hash_table_insert (self->alive, &entry->id, patient);
  g_object_weak_ref (G_OBJECT (patient), on_patient_finalized_cb, entry);
}

/* Reads the rows from position on that are not read yet, a block of them in one
 * go, so that a list view filling a screen costs a few statements. */
static void
limber_patient_list_read_rows (LimberPatientList *self,
                               guint              position)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  guint n = limber_patient_list_count (self);

  for (guint p = position; p < n && ids->len < ROWS_PER_READ; p++)
    {
      Row *row = limber_patient_list_row_at (self, p);
      LimberPatient *alive;

      if (row->patient != NULL)
        continue;

      alive = g_hash_table_lookup (self->alive, &row->id);
      if (alive != NULL)
        {
          row->patient = g_object_ref (alive);
          continue;
        }
      g_array_append_val (ids, row->id);
      g_array_append_val (positions, p);
    }
  if (ids->len == 0)
    return;

  patients = limber_store_get_patients (self->store, (const gint64 *) ids->data, ids->len,
                                        &error);
  for (guint i = 0; i < ids->len; i++)
    {
      Row *row = limber_patient_list_row_at (self, g_array_index (positions, guint, i));
      LimberPatient *patient = NULL;

      if (patients != NULL)
        patient = g_steal_pointer (&g_ptr_array_index (patients, i));

      if (patient == NULL)
        {
          /* A list view must get an object for every row; an empty one says the row
           * could not be read, which the next reload puts right. */
          g_warning ("Cannot read patient %" G_GINT64_FORMAT ": %s", row->id,
                     error != NULL ? error->message : "it is gone");
          patient = limber_patient_new ("", "", NULL);
          limber_patient_set_id (patient, row->id);
        }
      row->patient = patient;
      limber_patient_list_keep (self, patient);
    }
}

/* Gives the patients on screen their stored values again; a reload's list of ids
 * then says which rows moved. */
static void
limber_patient_list_refresh_alive (LimberPatientList *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* Rows that nobody else holds are read again when asked for. */
  for (guint i = 0; i < self->rows->len; i++)
    g_clear_object (&g_array_index (self->rows, Row, i).patient);

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_array_append_val (ids, *(gint64 *) key);
      g_ptr_array_add (shown, value);
    }

  stored = limber_store_get_patients (self->store, (const gint64 *) ids->data, ids->len, NULL);
  if (stored == NULL)
    return;

  for (guint i = 0; i < shown->len; i++)
    if (g_ptr_array_index (stored, i) != NULL)
      limber_patient_assign (g_ptr_array_index (shown, i), g_ptr_array_index (stored, i));
}

/* ----- GListModel ----- */

static GType
limber_patient_list_get_item_type (GListModel *model)
{
  return LIMBER_TYPE_PATIENT;
}

static guint
limber_patient_list_get_n_items (GListModel *model)
{
  return limber_patient_list_count (LIMBER_PATIENT_LIST (model));
}

static gpointer
limber_patient_list_get_item (GListModel *model,
                              guint       position)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (model);
  Row *row;

  if (position >= limber_patient_list_count (self))
    return NULL;

  row = limber_patient_list_row_at (self, position);
  if (row->patient == NULL)
    limber_patient_list_read_rows (self, position);

  return g_object_ref (row->patient);
}

static void
limber_patient_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = limber_patient_list_get_item_type;
  iface->get_n_items = limber_patient_list_get_n_items;
  iface->get_item = limber_patient_list_get_item;
}

/* ----- Changes ----- */

typedef struct
{
  guint old_position;
  guint new_position;
  guint removed;
  guint added;
} Splice;

/* The rows that go and come between two lists that keep the order of the rows they
 * share, as a search that grows or shrinks does; FALSE when some row moved. */
static gboolean
limber_patient_list_diff (GArray *old,
                          GArray *rows,
                          GArray *splices)
{
  g_autoptr(GHashTable) in_old = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) in_new = g_hash_table_new (g_int64_hash, g_int64_equal);
  const Row *a = (const Row *) old->data;
  const Row *b = (const Row *) rows->data;
  Splice splice = { 0 };
  guint i = 0, j = 0;

  for (guint k = 0; k < old->len; k++)
    g_hash_table_add (in_old, (gpointer) &a[k].id);
  for (guint k = 0; k < rows->len; k++)
    g_hash_table_add (in_new, (gpointer) &b[k].id);

  while (i < old->len || j < rows->len)
    {
      if (i < old->len && j < rows->len && a[i].id == b[j].id)
        {
          if (splice.removed + splice.added > 0)
            {
              g_array_append_val (splices, splice);
            }
          i++;
          j++;
          splice = (Splice) { i, j, 0, 0 };
        }
      else if (i < old->len && !g_hash_table_contains (in_new, &a[i].id))
        {
          splice.removed++;
          i++;
        }
      else if (j < rows->len && !g_hash_table_contains (in_old, &b[j].id))
        {
          splice.added++;
          j++;
        }
      else
        {
          /* A row both lists hold, elsewhere in each: it moved. */
          return FALSE;
        }
    }

  if (splice.removed + splice.added > 0)
    g_array_append_val (splices, splice);
  return TRUE;
}

/* Whether someone besides the list holds the row's patient: a row widget, the
 * selection, the patient's page. The list itself holds those it read ahead. */
static gboolean
row_is_held (const Row *row)
{
  return row->patient != NULL && g_atomic_int_get (&G_OBJECT (row->patient)->ref_count) > 1;
}

/* Tells adjacent splices as one where that costs a list view of GTK 4.8 nothing:
 *
 * - among the first rows, which a search reads ahead: the list view finds the rows
 *   that stay among those that come, and keeps their widgets, whereas it binds again
 *   every row below each splice it is told;
 * - where nobody else holds the patient of any of the old rows they span, nor of
 *   those between them: no widget shows them, and the list view reads none of the
 *   rows that come.
 *
 * Further down, a row whose patient is held elsewhere (the selected patient, say)
 * stays out of any splice: a list view or a selection looks for its item among all
 * the rows a splice adds. So a search over thousands of patients is told in a few
 * splices, each of which every list view and selection model handles on its own. */
static void
limber_patient_list_merge_splices (GArray *old,
                                   GArray *splices)
{
  const Row *a = (const Row *) old->data;
  gboolean last_live = TRUE;
  guint n = 0;

  for (guint k = 0; k < splices->len; k++)
    {
      Splice next = g_array_index (splices, Splice, k);
      guint end = next.old_position + next.removed;
      gboolean live = FALSE;
      guint from;

      if (n == 0 || last_live)
        from = next.old_position;
      else
        {
          Splice *last = &g_array_index (splices, Splice, n - 1);

          from = last->old_position + last->removed;
        }
      for (guint i = from; i < end && !live; i++)
        live = row_is_held (&a[i]);

      if (n > 0 && ((!last_live && !live)
                    || MAX (end, next.new_position + next.added) <= ROWS_READ_AHEAD))
        {
          Splice *last = &g_array_index (splices, Splice, n - 1);
          guint kept = next.old_position - (last->old_position + last->removed);

          last->removed = end - last->old_position;
          last->added += kept + next.added;
          last_live = last_live || live;
          continue;
        }

      g_array_index (splices, Splice, n++) = next;
      last_live = live;
    }
  g_array_set_size (splices, n);
}

/* The one range of rows that differs between two lists, as a splice. */
static void
limber_patient_list_diff_range (GArray *old,
                                GArray *rows,
                                GArray *splices)
{
  const Row *a = (const Row *) old->data;
  const Row *b = (const Row *) rows->data;
  guint prefix = 0;
  guint suffix = 0;
  Splice splice;

  g_array_set_size (splices, 0);
  while (prefix < old->len && prefix < rows->len && a[prefix].id == b[prefix].id)
    prefix++;
  while (suffix < old->len - prefix && suffix < rows->len - prefix
         && a[old->len - 1 - suffix].id == b[rows->len - 1 - suffix].id)
    suffix++;

  if (prefix + suffix == MAX (old->len, rows->len))
    return;

  splice = (Splice) { prefix, prefix, old->len - prefix - suffix, rows->len - prefix - suffix };
  g_array_append_val (splices, splice);
}

/* The rows both lists share keep their patient objects. */
static void
move_patients (GArray       *old,
               GArray       *rows,
               const GArray *splices)
{
  guint i = 0, j = 0;

  for (guint k = 0; k <= splices->len; k++)
    {
      const Splice *splice = k < splices->len ? &g_array_index (splices, Splice, k) : NULL;
      guint end = splice != NULL ? splice->old_position : old->len;

      for (; i < end; i++, j++)
        {
          Row *from = &g_array_index (old, Row, i);
          Row *to = &g_array_index (rows, Row, j);

          g_assert (from->id == to->id);
          if (to->patient == NULL)
            to->patient = g_steal_pointer (&from->patient);
        }
      if (splice != NULL)
        {
          i += splice->removed;
          j += splice->added;
        }
    }
}

static gboolean
free_gone_rows_cb (gpointer user_data)
{
  LimberPatientList *self = user_data;

  self->free_gone_id = 0;
  g_ptr_array_set_size (self->gone, 0);
  return G_SOURCE_REMOVE;
}

/* Swaps in new rows and announces only those that went and came, so that the list
 * view keeps the rows around them, their widgets, and the selection and scroll
 * position with them. The splices are told from the last to the first, so that
 * each position is still that of the list before. */
static void
limber_patient_list_take_rows (LimberPatientList *self,
                               GArray            *rows,
                               gboolean           later)
{
  g_autoptr(GArray) splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  GArray *old;

  if (!limber_patient_list_diff (self->rows, rows, splices))
    limber_patient_list_diff_range (self->rows, rows, splices);
  else
    {
      limber_patient_list_merge_splices (self->rows, splices);
      if (splices->len > MAX_SPLICES)
        limber_patient_list_diff_range (self->rows, rows, splices);
    }
  move_patients (self->rows, rows, splices);

  self->next_rows = rows;
  for (guint k = splices->len; k > 0; k--)
    {
      const Splice *splice = &g_array_index (splices, Splice, k - 1);

      self->cut = splice->old_position;
      self->next_cut = splice->new_position;
      g_list_model_items_changed (G_LIST_MODEL (self), splice->old_position, splice->removed,
                                  splice->added);
    }
  old = g_steal_pointer (&self->rows);
  self->rows = g_steal_pointer (&self->next_rows);

  /* The patients of the rows a search left out are let go once the frame that shows
   * it is drawn, not in the keystroke that asked for it. */
  if (!later)
    g_array_unref (old);
  else
    {
      g_ptr_array_add (self->gone, old);
      if (self->free_gone_id == 0)
        self->free_gone_id = g_idle_add_full (G_PRIORITY_LOW, free_gone_rows_cb, self, NULL);
    }
}

static void
limber_patient_list_take_ids (LimberPatientList *self,
                              GArray            *ids)
{
  limber_patient_list_take_rows (self, rows_new_for_ids (ids), FALSE);
  g_array_unref (ids);
}

static void
limber_patient_list_show_search (LimberPatientList *self,
                                 const char        *search,
                                 GArray            *rows)
{
  gboolean changed = g_strcmp0 (search, self->search) != 0;

  g_free (self->search);
  self->search = g_strdup (search);
  limber_patient_list_take_rows (self, rows, TRUE);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* What a search shows: NULL for everyone. */
static const char *
normalize_search (const char *search)
{
  return search != NULL && search[0] != '\0' ? search : NULL;
}

static void
limber_patient_list_drop_waiting (LimberPatientList *self,
                                  const char        *why)
{
  if (self->waiting == NULL)
    return;

  g_task_return_new_error (self->waiting, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", why);
  g_clear_object (&self->waiting);
}

gboolean
limber_patient_list_set_search (LimberPatientList  *self,
                                const char         *search,
                                GError            **error)
{
  GArray *ids;

  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* It answers before any search asked for in a thread. */
  self->generation++;
  limber_patient_list_drop_waiting (self, "Another search replaced this one");

  search = normalize_search (search);
  if (g_strcmp0 (search, self->search) == 0)
    return TRUE;

  ids = limber_store_search_listed_patient_ids (self->store, search,
                                                !self->hide_archived, error);
  if (ids == NULL)
    return FALSE;

  limber_patient_list_show_search (self, search, rows_new_for_ids (ids));
  g_array_unref (ids);
  return TRUE;
}

/* ----- Searches in a thread ----- */

typedef struct
{
  LimberStore *reader;     /* NULL until opened in the thread */
  LimberPatientIndex *index;
  char        *path;
  char        *search;
  gboolean     include_archived;
  guint        generation;
  GArray      *known;      /* the patients with an object when the search started */
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_clear_object (&job->reader);
  g_clear_object (&job->index);
  g_free (job->path);
  g_free (job->search);
  g_clear_pointer (&job->known, g_array_unref);
  g_free (job);
}

/* The rows a search finds, with the patients of the first of them read, so that the
 * list view, which makes rows for the first two hundred, finds them read: those with
 * an object already keep it. Further rows are read when asked for. */
static GArray *
search_read_rows (SearchJob  *job,
                  GError    **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) patients = NULL;
  GArray *rows;
  guint k = 0;

  /* In memory, in the order of the list read once: the same rows as
   * limber_store_search_listed_patient_ids() without sorting them again. */
  ids = limber_patient_index_search (job->index, job->reader, job->search, job->include_archived,
                                     error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < job->known->len; i++)
    g_hash_table_add (known, &g_array_index (job->known, gint64, i));
  for (guint i = 0; i < ids->len && i < ROWS_READ_AHEAD; i++)
    if (!g_hash_table_contains (known, &g_array_index (ids, gint64, i)))
      g_array_append_val (unknown, g_array_index (ids, gint64, i));

  patients = limber_store_get_patients (job->reader, (const gint64 *) unknown->data,
                                        unknown->len, error);
  if (patients == NULL)
    return NULL;

  rows = rows_new_for_ids (ids);
  for (guint i = 0; i < rows->len && k < unknown->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (row->id == g_array_index (unknown, gint64, k))
        row->patient = g_steal_pointer (&g_ptr_array_index (patients, k++));
    }
  return rows;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  GArray *rows;

  if (job->reader == NULL)
    job->reader = limber_store_open_full (job->path, LIMBER_STORE_OPEN_READ_ONLY, &error);
  if (job->reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rows = search_read_rows (job, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
}

/* Patients read in the thread for rows that came: the same object as before for
 * one still alive, so that a list view and a selection know them again. */
static void
limber_patient_list_adopt (LimberPatientList *self,
                           GArray            *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      LimberPatient *alive;

      if (row->patient == NULL)
        continue;

      alive = g_hash_table_lookup (self->alive, &row->id);
      if (alive != NULL)
        g_set_object (&row->patient, alive);
      else
        limber_patient_list_keep (self, row->patient);
    }
}

/* Whether searches read on a connection of their own: not in a database only in
 * memory, nor in one opened read-only, which has only the store's. */
static gboolean
limber_patient_list_can_read_apart (LimberPatientList *self)
{
  const char *path = limber_store_get_path (self->store);

  return !self->reader_failed && path != NULL && !g_str_equal (path, ":memory:")
         && !limber_store_is_read_only (self->store);
}

static void limber_patient_list_start_search (LimberPatientList *self);

/* Answers the newest request from the store's own connection, as set_search() does. */
static void
limber_patient_list_answer_here (LimberPatientList *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);
  const char *search = g_task_get_task_data (task);
  GError *error = NULL;
  GArray *ids;

  self->generation++;
  if (g_strcmp0 (search, self->search) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  ids = limber_store_search_listed_patient_ids (self->store, search, !self->hide_archived,
                                                &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  limber_patient_list_show_search (self, search, rows_new_for_ids (ids));
  g_array_unref (ids);
  g_task_return_boolean (task, TRUE);
}

static void
on_search_read_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (source_object);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *rows = g_task_propagate_pointer (G_TASK (result), &error);

  self->searching = FALSE;
  if (self->reader == NULL && job->reader != NULL && self->store != NULL)
    {
      self->reader = g_steal_pointer (&job->reader);
      g_set_object (&self->index, job->index);
    }

  if (self->store == NULL)
    {
      /* Disposed meanwhile. */
      g_clear_pointer (&rows, g_array_unref);
      return;
    }

  if (rows == NULL)
    {
      /* Without a connection of its own (a database only in memory, say), the
       * list searches on the store's. */
      g_debug ("Searching on the main connection: %s", error->message);
      self->reader_failed = TRUE;
      if (self->waiting != NULL)
        limber_patient_list_answer_here (self);
      return;
    }

  if (job->generation != self->generation || self->waiting == NULL
      || g_strcmp0 (job->search, g_task_get_task_data (self->waiting)) != 0)
    {
      /* Read before a change, or for a search since replaced. */
      g_array_unref (rows);
      limber_patient_list_start_search (self);
      return;
    }

  limber_patient_list_adopt (self, rows);
  limber_patient_list_show_search (self, job->search, rows);
  g_task_return_boolean (self->waiting, TRUE);
  g_clear_object (&self->waiting);
}

static void
limber_patient_list_start_search (LimberPatientList *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path = limber_store_get_path (self->store);
  GHashTableIter iter;
  gpointer key;
  SearchJob *job;

  if (self->waiting == NULL || self->searching)
    return;

  if (!limber_patient_list_can_read_apart (self))
    {
      limber_patient_list_answer_here (self);
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->reader = g_steal_pointer (&self->reader);
  job->index = self->index != NULL ? g_steal_pointer (&self->index) : limber_patient_index_new ();
  job->path = g_strdup (path);
  job->search = g_strdup (g_task_get_task_data (self->waiting));
  job->include_archived = !self->hide_archived;
  job->generation = self->generation;
  job->known = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->alive));
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (job->known, *(gint64 *) key);

  task = g_task_new (self, NULL, on_search_read_cb, NULL);
  g_task_set_source_tag (task, limber_patient_list_start_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  self->searching = TRUE;
  g_task_run_in_thread (task, search_thread);
}

/* What a prepared search has ready: its connection, and the index read on it. */
typedef struct
{
  LimberStore        *reader;
  LimberPatientIndex *index;  /* NULL if it could not be read: the search reads it */
} PreparedSearch;

static void
prepared_search_free (PreparedSearch *prepared)
{
  g_clear_object (&prepared->reader);
  g_clear_object (&prepared->index);
  g_free (prepared);
}

static void
open_reader_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GError) index_error = NULL;
  g_autoptr(GArray) everyone = NULL;
  PreparedSearch *prepared;
  LimberStore *reader = limber_store_open_full (task_data, LIMBER_STORE_OPEN_READ_ONLY, &error);

  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The index is read now, so that the first letter typed finds it in memory. */
  prepared = g_new0 (PreparedSearch, 1);
  prepared->reader = reader;
  prepared->index = limber_patient_index_new ();
  everyone = limber_patient_index_search (prepared->index, reader, NULL, TRUE, &index_error);
  if (everyone == NULL)
    {
      g_debug ("The search's index was not read ahead: %s", index_error->message);
      g_clear_object (&prepared->index);
    }
  g_task_return_pointer (task, prepared, (GDestroyNotify) prepared_search_free);
}

/* The list is held weakly: a window closed meanwhile does not wait for the thread. */
static void
on_reader_opened_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(LimberPatientList) self = g_weak_ref_get (weak);
  PreparedSearch *prepared;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    {
      g_clear_pointer (&prepared, prepared_search_free);
      return;
    }

  self->opening_reader = FALSE;
  if (prepared == NULL)
    {
      /* The first search tries again and says why, if it must. */
      g_debug ("The search's connection did not open: %s", error->message);
      return;
    }

  /* A search that started meanwhile opened one of its own. */
  if (self->store != NULL && self->reader == NULL && !self->searching)
    {
      self->reader = g_steal_pointer (&prepared->reader);
      if (self->index == NULL)
        self->index = g_steal_pointer (&prepared->index);
    }
  prepared_search_free (prepared);
}

void
limber_patient_list_prepare_search (LimberPatientList *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;

  g_return_if_fail (LIMBER_IS_PATIENT_LIST (self));

  if (self->store == NULL || self->reader != NULL || self->opening_reader || self->searching
      || !limber_patient_list_can_read_apart (self))
    return;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, NULL, on_reader_opened_cb, weak);
  g_task_set_source_tag (task, limber_patient_list_prepare_search);
  g_task_set_task_data (task, g_strdup (limber_store_get_path (self->store)), g_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  self->opening_reader = TRUE;
  g_task_run_in_thread (task, open_reader_thread);
}

void
limber_patient_list_search_async (LimberPatientList   *self,
                                  const char          *search,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIMBER_IS_PATIENT_LIST (self));

  search = normalize_search (search);
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, limber_patient_list_search_async);
  g_task_set_task_data (task, g_strdup (search), g_free);

  limber_patient_list_drop_waiting (self, "A newer search replaced this one");

  /* The search shown already, as when the search entry is cleared twice: nothing
   * to read, unless a read for another search is under way. */
  if (!self->searching && g_strcmp0 (search, self->search) == 0)
    {
      self->generation++;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A cleared search shows everyone at once, as closing the search bar does: the
   * list of everyone is read in order from an index, without the search's. */
  self->waiting = g_steal_pointer (&task);
  if (search == NULL)
    limber_patient_list_answer_here (self);
  else
    limber_patient_list_start_search (self);
}

gboolean
limber_patient_list_search_finish (LimberPatientList  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
limber_patient_list_get_search (LimberPatientList *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), NULL);

  return self->search;
}

gboolean
limber_patient_list_set_show_archived (LimberPatientList  *self,
                                       gboolean            show_archived,
                                       GError            **error)
{
  GArray *ids;

  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->hide_archived == !show_archived)
    return TRUE;

  ids = limber_store_search_listed_patient_ids (self->store, self->search, show_archived, error);
  if (ids == NULL)
    return FALSE;

  self->hide_archived = !show_archived;
  self->generation++;
  limber_patient_list_take_ids (self, ids);
  return TRUE;
}

gboolean
limber_patient_list_reload (LimberPatientList  *self,
                            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  GArray *ids;
  guint n_patients;

  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_patients = limber_store_count_patients (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ids = limber_store_search_listed_patient_ids (self->store, self->search,
                                                !self->hide_archived, error);
  if (ids == NULL)
    return FALSE;

  self->n_patients = n_patients;
  /* A search read in a thread meanwhile may not have seen the change: it reads again. */
  self->generation++;
  /* Patients that only rows a search left out still hold are not read again. */
  g_ptr_array_set_size (self->gone, 0);
  limber_patient_list_refresh_alive (self);
  limber_patient_list_take_ids (self, ids);
  return TRUE;
}

guint
limber_patient_list_get_n_patients (LimberPatientList *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), 0);

  return self->n_patients;
}

gboolean
limber_patient_list_find (LimberPatientList *self,
                          gint64             patient_id,
                          guint             *position)
{
  guint n;

  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);

  n = limber_patient_list_count (self);
  for (guint i = 0; i < n; i++)
    {
      if (limber_patient_list_row_at (self, i)->id == patient_id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

LimberStore *
limber_patient_list_get_store (LimberPatientList *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), NULL);

  return self->store;
}

/* ----- GObject ----- */

static void
limber_patient_list_dispose (GObject *object)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (object);
  GHashTableIter iter;
  gpointer entry, patient;

  limber_patient_list_drop_waiting (self, "The patient list is gone");
  if (self->rows != NULL)
    g_array_set_size (self->rows, 0);
  g_clear_handle_id (&self->free_gone_id, g_source_remove);
  g_ptr_array_set_size (self->gone, 0);

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &entry, &patient))
    {
      g_object_weak_unref (patient, on_patient_finalized_cb, entry);
      g_hash_table_iter_remove (&iter);
    }
  g_clear_object (&self->reader);
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (limber_patient_list_parent_class)->dispose (object);
}

static void
limber_patient_list_finalize (GObject *object)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->gone, g_ptr_array_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (limber_patient_list_parent_class)->finalize (object);
}

static void
limber_patient_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_list_class_init (LimberPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_patient_list_dispose;
  object_class->finalize = limber_patient_list_finalize;
  object_class->get_property = limber_patient_list_get_property;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_patient_list_init (LimberPatientList *self)
{
  self->rows = rows_new (0);
  self->gone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

LimberPatientList *
limber_patient_list_new (LimberStore  *store,
                         GError      **error)
{
  g_autoptr(LimberPatientList) self = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (LIMBER_TYPE_PATIENT_LIST, NULL);
  self->store = g_object_ref (store);
  if (!limber_patient_list_reload (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
