/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-slots"

#include "config.h"

#include "limber-patient-slots.h"

struct _LimberPatientSlots
{
  GObject            parent_instance;

  /* owned */
  GtkSelectionModel *patients;
  /* The slots handed out and still alive, by position (weak; NULL elsewhere), and
   * what their weak references were given. */
  GPtrArray         *slots;
  GPtrArray         *entries;
  /* What the list view was told last. */
  guint              n_items;
};

static void limber_patient_slots_model_init     (GListModelInterface        *iface);
static void limber_patient_slots_selection_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LimberPatientSlots, limber_patient_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      limber_patient_slots_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      limber_patient_slots_selection_init))

/* ----- Slots ----- */

typedef struct
{
  LimberPatientSlots *slots;
  guint               position;
} SlotEntry;

static void
on_slot_finalized_cb (gpointer  user_data,
                      GObject  *where_the_object_was)
{
  SlotEntry *entry = user_data;
  LimberPatientSlots *self = entry->slots;

  g_ptr_array_index (self->slots, entry->position) = NULL;
  g_ptr_array_index (self->entries, entry->position) = NULL;
  g_free (entry);

  /* A change looks at the slots from its position to the last one alive. */
  while (self->slots->len > 0 && g_ptr_array_index (self->slots, self->slots->len - 1) == NULL)
    {
      g_ptr_array_set_size (self->slots, self->slots->len - 1);
      g_ptr_array_set_size (self->entries, self->entries->len - 1);
    }
}

/* The slot's patient is the one at its position now, NULL past the end. */
static void
limber_patient_slots_refresh (LimberPatientSlots *self,
                              LimberPatientSlot  *slot)
{
  guint position = limber_patient_slot_get_position (slot);
  g_autoptr(LimberPatient) patient = NULL;

  if (position < self->n_items)
    patient = g_list_model_get_item (G_LIST_MODEL (self->patients), position);
  limber_patient_slot_set_patient (slot, patient);
}

/* ----- GListModel ----- */

static GType
limber_patient_slots_get_item_type (GListModel *model)
{
  return LIMBER_TYPE_PATIENT_SLOT;
}

static guint
limber_patient_slots_get_n_items (GListModel *model)
{
  return LIMBER_PATIENT_SLOTS (model)->n_items;
}

static gpointer
limber_patient_slots_get_item (GListModel *model,
                               guint       position)
{
  LimberPatientSlots *self = LIMBER_PATIENT_SLOTS (model);
  LimberPatientSlot *slot;

  if (position >= self->n_items)
    return NULL;

  if (position >= self->slots->len)
    {
      g_ptr_array_set_size (self->slots, position + 1);
      g_ptr_array_set_size (self->entries, position + 1);
    }

  slot = g_ptr_array_index (self->slots, position);
  if (slot != NULL)
    {
      g_object_ref (slot);
    }
  else
    {
      SlotEntry *entry = g_new (SlotEntry, 1);

      entry->slots = self;
      entry->position = position;
      slot = limber_patient_slot_new (position);
      g_object_weak_ref (G_OBJECT (slot), on_slot_finalized_cb, entry);
      g_ptr_array_index (self->slots, position) = slot;
      g_ptr_array_index (self->entries, position) = entry;
    }

  limber_patient_slots_refresh (self, slot);
  return slot;
}

static void
limber_patient_slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = limber_patient_slots_get_item_type;
  iface->get_n_items = limber_patient_slots_get_n_items;
  iface->get_item = limber_patient_slots_get_item;
}

/* ----- GtkSelectionModel: the selection of the patients beneath ----- */

static gboolean
limber_patient_slots_is_selected (GtkSelectionModel *model,
                                  guint              position)
{
  return gtk_selection_model_is_selected (LIMBER_PATIENT_SLOTS (model)->patients, position);
}

static GtkBitset *
limber_patient_slots_get_selection_in_range (GtkSelectionModel *model,
                                             guint              position,
                                             guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (LIMBER_PATIENT_SLOTS (model)->patients,
                                                     position, n_items);
}

static gboolean
limber_patient_slots_select_item (GtkSelectionModel *model,
                                  guint              position,
                                  gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (LIMBER_PATIENT_SLOTS (model)->patients, position,
                                          unselect_rest);
}

static gboolean
limber_patient_slots_unselect_item (GtkSelectionModel *model,
                                    guint              position)
{
  return gtk_selection_model_unselect_item (LIMBER_PATIENT_SLOTS (model)->patients, position);
}

static gboolean
limber_patient_slots_select_range (GtkSelectionModel *model,
                                   guint              position,
                                   guint              n_items,
                                   gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (LIMBER_PATIENT_SLOTS (model)->patients, position,
                                           n_items, unselect_rest);
}

static gboolean
limber_patient_slots_unselect_range (GtkSelectionModel *model,
                                     guint              position,
                                     guint              n_items)
{
  return gtk_selection_model_unselect_range (LIMBER_PATIENT_SLOTS (model)->patients, position,
                                             n_items);
}

static gboolean
limber_patient_slots_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (LIMBER_PATIENT_SLOTS (model)->patients);
}

static gboolean
limber_patient_slots_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (LIMBER_PATIENT_SLOTS (model)->patients);
}

static gboolean
limber_patient_slots_set_selection (GtkSelectionModel *model,
                                    GtkBitset         *selected,
                                    GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (LIMBER_PATIENT_SLOTS (model)->patients, selected,
                                            mask);
}

static void
limber_patient_slots_selection_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = limber_patient_slots_is_selected;
  iface->get_selection_in_range = limber_patient_slots_get_selection_in_range;
  iface->select_item = limber_patient_slots_select_item;
  iface->unselect_item = limber_patient_slots_unselect_item;
  iface->select_range = limber_patient_slots_select_range;
  iface->unselect_range = limber_patient_slots_unselect_range;
  iface->select_all = limber_patient_slots_select_all;
  iface->unselect_all = limber_patient_slots_unselect_all;
  iface->set_selection = limber_patient_slots_set_selection;
}

/* ----- Changes beneath ----- */

/* Rows that came and went beneath: from position on, every slot takes the patient
 * now there; the list view is told only that the list grew or shrank at its end,
 * and that the selection of the slots in between may have changed (a patient
 * selected beneath keeps their selection wherever they moved). */
static void
on_patients_items_changed_cb (LimberPatientSlots *self,
                              guint               position,
                              guint               removed,
                              guint               added,
                              GListModel         *patients)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (patients);
  guint kept = MIN (old_n, new_n);

  self->n_items = new_n;
  for (guint i = position; i < self->slots->len; i++)
    {
      LimberPatientSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        limber_patient_slots_refresh (self, slot);
    }

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  if (position < kept)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, kept - position);
}

static void
on_patients_selection_changed_cb (LimberPatientSlots *self,
                                  guint               position,
                                  guint               n_items,
                                  GtkSelectionModel  *patients)
{
  /* Past the end the list view knows, the places come with their selection. */
  if (position >= self->n_items)
    return;

  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                         MIN (n_items, self->n_items - position));
}

/* ----- GObject ----- */

static void
limber_patient_slots_dispose (GObject *object)
{
  LimberPatientSlots *self = LIMBER_PATIENT_SLOTS (object);

  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    {
      GObject *slot = g_ptr_array_index (self->slots, i);
      SlotEntry *entry = g_ptr_array_index (self->entries, i);

      if (slot != NULL)
        {
          g_object_weak_unref (slot, on_slot_finalized_cb, entry);
          g_free (entry);
        }
    }
  if (self->slots != NULL)
    {
      g_ptr_array_set_size (self->slots, 0);
      g_ptr_array_set_size (self->entries, 0);
    }

  if (self->patients != NULL)
    g_signal_handlers_disconnect_by_data (self->patients, self);
  g_clear_object (&self->patients);

  G_OBJECT_CLASS (limber_patient_slots_parent_class)->dispose (object);
}

static void
limber_patient_slots_finalize (GObject *object)
{
  LimberPatientSlots *self = LIMBER_PATIENT_SLOTS (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_patient_slots_parent_class)->finalize (object);
}

static void
limber_patient_slots_class_init (LimberPatientSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_patient_slots_dispose;
  object_class->finalize = limber_patient_slots_finalize;
}

static void
limber_patient_slots_init (LimberPatientSlots *self)
{
  self->slots = g_ptr_array_new ();
  self->entries = g_ptr_array_new ();
}

LimberPatientSlots *
limber_patient_slots_new (GtkSelectionModel *patients)
{
  LimberPatientSlots *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (patients), NULL);

  self = g_object_new (LIMBER_TYPE_PATIENT_SLOTS, NULL);
  self->patients = g_object_ref (patients);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (patients));
  g_signal_connect_object (patients, "items-changed",
                           G_CALLBACK (on_patients_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (patients, "selection-changed",
                           G_CALLBACK (on_patients_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
