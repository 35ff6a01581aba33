/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-list"

#include "config.h"

#include "limber-patient-list.h"

struct _LimberPatientList
{
  GObject      parent_instance;

  /* owned */
  LimberStore *store;
  GArray      *ids;           /* gint64, in list order */
  char        *search;        /* NULL: everyone */
  gboolean     hide_archived;
  guint        n_patients;

  /* The patient objects handed out and still alive (weak): AliveEntry id →
   * LimberPatient. A row asked for again gets the same object, and a reload
   * refreshes them in place. */
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
                          gint64             id,
                          LimberPatient     *patient)
{
  AliveEntry *entry = g_new (AliveEntry, 1);

  entry->id = id;
  entry->list = self;
  g_hash_table_insert (self->alive, &entry->id, patient);
  g_object_weak_ref (G_OBJECT (patient), on_patient_finalized_cb, entry);
}

static LimberPatient *
limber_patient_list_read_patient (LimberPatientList *self,
                                  gint64             id)
{
  g_autoptr(GError) error = NULL;
  LimberPatient *patient = limber_store_get_patient (self->store, id, &error);

  if (patient == NULL)
    {
      /* A list view must get an object for every row; an empty one says the row
       * could not be read, which the next reload puts right. */
      g_warning ("Cannot read patient %" G_GINT64_FORMAT ": %s", id, error->message);
      patient = limber_patient_new ("", "", NULL);
      limber_patient_set_id (patient, id);
    }
  return patient;
}

/* Gives the patients on screen their stored values again; a reload's list of ids
 * then says which rows moved. */
static void
limber_patient_list_refresh_alive (LimberPatientList *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(LimberPatient) stored = NULL;
      LimberPatient *patient = value;

      stored = limber_store_get_patient (self->store, *(gint64 *) key, NULL);
      if (stored == NULL)
        continue;

      limber_patient_assign (patient, stored);
    }
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
  LimberPatientList *self = LIMBER_PATIENT_LIST (model);

  return self->ids->len;
}

static gpointer
limber_patient_list_get_item (GListModel *model,
                              guint       position)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (model);
  LimberPatient *patient;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  patient = g_hash_table_lookup (self->alive, &id);
  if (patient != NULL)
    return g_object_ref (patient);

  patient = limber_patient_list_read_patient (self, id);
  limber_patient_list_keep (self, id, patient);
  return patient;
}

static void
limber_patient_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = limber_patient_list_get_item_type;
  iface->get_n_items = limber_patient_list_get_n_items;
  iface->get_item = limber_patient_list_get_item;
}

/* ----- Changes ----- */

/* Swaps in new ids and announces the one range of rows that differs, so that the
 * list view keeps the rows around it, and the selection and scroll position with
 * them. */
static void
limber_patient_list_take_ids (LimberPatientList *self,
                              GArray            *ids)
{
  g_autoptr(GArray) old = self->ids;
  const gint64 *a = (const gint64 *) old->data;
  const gint64 *b = (const gint64 *) ids->data;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old->len && prefix < ids->len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < ids->len - prefix
         && a[old->len - 1 - suffix] == b[ids->len - 1 - suffix])
    suffix++;

  self->ids = ids;
  if (prefix + suffix < MAX (old->len, ids->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix, ids->len - prefix - suffix);
}

gboolean
limber_patient_list_set_search (LimberPatientList  *self,
                                const char         *search,
                                GError            **error)
{
  GArray *ids;

  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (g_strcmp0 (search, self->search) == 0)
    return TRUE;

  ids = limber_store_search_listed_patient_ids (self->store, search,
                                                !self->hide_archived, error);
  if (ids == NULL)
    return FALSE;

  g_free (self->search);
  self->search = g_strdup (search);
  limber_patient_list_take_ids (self, ids);
  return TRUE;
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
  g_return_val_if_fail (LIMBER_IS_PATIENT_LIST (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == patient_id)
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

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &entry, &patient))
    {
      g_object_weak_unref (patient, on_patient_finalized_cb, entry);
      g_hash_table_iter_remove (&iter);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (limber_patient_list_parent_class)->dispose (object);
}

static void
limber_patient_list_finalize (GObject *object)
{
  LimberPatientList *self = LIMBER_PATIENT_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (limber_patient_list_parent_class)->finalize (object);
}

static void
limber_patient_list_class_init (LimberPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_patient_list_dispose;
  object_class->finalize = limber_patient_list_finalize;
}

static void
limber_patient_list_init (LimberPatientList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
