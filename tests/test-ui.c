/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "limber-patient-dialog.h"
#include "limber-application.h"
#include "limber-demo.h"
#include "limber-episode-group.h"
#include "limber-session-list.h"
#include "limber-patient-row.h"
#include "limber-patient-slots.h"
#include "limber-patient-view.h"
#include "limber-store.h"
#include "limber-measure-card.h"
#include "limber-window-private.h"
#include "limber-test-fixture.h"
#include "limber-text-row.h"

/* The text a label under root with the style class shows (AdwActionRow's "title" and
 * "subtitle", a value's "numeric"): what a person reads, not what was set. */
static const char *
shown_text (gpointer    root,
            const char *css_class)
{
  g_autoptr(GPtrArray) labels = limber_test_find_texts (root);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      return limber_test_get_shown_text (g_ptr_array_index (labels, i));

  g_error ("no label with the style class %s", css_class);
}

static guint
count_shown (LimberTestFixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->window->selection));
}

static gboolean
shown_equals (LimberTestFixture *fixture,
              gconstpointer      data)
{
  return count_shown (fixture) == GPOINTER_TO_UINT (data);
}

/* The page below the first screenful is built in the frames after a switch. */
static gboolean
page_is_built (LimberTestFixture *fixture,
               gconstpointer      data)
{
  return !limber_patient_view_get_building (fixture->window->patient_view);
}

static gboolean
page_is (LimberTestFixture *fixture,
         gconstpointer      data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (fixture->window->main_stack),
                    data) == 0;
}

/* Matches what GtkStringFilter compares: folded and normalised text. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static guint
count_matching (GListModel *patients,
                const char *search)
{
  g_autofree char *needle = fold (search);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autofree char *haystack = fold (limber_patient_get_search_text (patient));

      if (strstr (haystack, needle) != NULL)
        n++;
    }

  return n;
}

static GListModel *
list_stored_patients (LimberTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *patients;

  patients = limber_store_list_patients (limber_window_get_store (fixture->window), &error);
  g_assert_no_error (error);
  return patients;
}

/* Every list item on screen is named for a screen reader with all that its row
 * shows: name, chart number, birth date, archived. GTK 4.8 names none itself. */
static void
assert_list_items_named (LimberTestFixture *fixture)
{
  g_autoptr(GPtrArray) rows = limber_test_find_widgets (fixture->window->patient_list,
                                                        LIMBER_TYPE_PATIENT_ROW);
  guint named = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *item = gtk_widget_get_parent (row);
      LimberPatient *patient = limber_patient_row_get_patient (LIMBER_PATIENT_ROW (row));
      g_autofree char *label = NULL;

      if (patient == NULL || !gtk_widget_get_child_visible (item))
        continue;

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)), ==,
                       GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      label = limber_patient_row_format_accessible_label (patient);
      g_assert_true (g_str_has_prefix (label, limber_patient_get_name (patient)));
      g_assert_nonnull (strstr (label, limber_patient_get_mrn (patient)));
      gtk_test_accessible_assert_property (item, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      named++;
    }
  g_assert_cmpuint (named, >, 0);
}

static void
test_window_lists_patients (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_patients;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Limber");
  g_assert_nonnull (limber_window_get_store (fixture->window));
  g_assert_cmpstr (limber_window_get_database_path (fixture->window), ==, fixture->path);
  g_assert_true (page_is (fixture, "patients"));

  patients = list_stored_patients (fixture);
  n_patients = g_list_model_get_n_items (patients);
  g_assert_cmpuint (n_patients, >=, 10);
  g_assert_cmpuint (count_shown (fixture), ==, n_patients);

  /* Nobody is selected at first: the content says what to do. */
  g_assert_cmpstr (limber_patient_view_get_state (fixture->window->patient_view), ==, "empty");

  /* The list view draws rows naming patients, with the chart number beneath. */
  g_assert_true (limber_test_fixture_wait_until (fixture, page_is, "patients"));
  rows = limber_test_find_widgets (fixture->window->patient_list, LIMBER_TYPE_PATIENT_ROW);
  while (rows->len == 0 && g_main_context_iteration (NULL, FALSE))
    {
      g_ptr_array_unref (rows);
      rows = limber_test_find_widgets (fixture->window->patient_list, LIMBER_TYPE_PATIENT_ROW);
    }
  g_assert_cmpuint (rows->len, >, 0);
  {
    LimberPatient *shown = limber_patient_row_get_patient (g_ptr_array_index (rows, 0));
    g_autofree char *subtitle = NULL;

    g_assert_nonnull (shown);
    subtitle = limber_patient_row_format_subtitle (shown);
    g_assert_true (g_str_has_prefix (subtitle, "MRN "));
    g_assert_nonnull (strstr (subtitle, limber_patient_get_mrn (shown)));
  }
  assert_list_items_named (fixture);
}

static void
test_window_search (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(LimberPatient) target = NULL;
  g_autofree char *fragment = NULL;
  const char *name;
  const char *surname;
  guint expected;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  patients = list_stored_patients (fixture);

  /* Part of a surname, in capitals: the search ignores case. */
  target = g_list_model_get_item (patients, g_list_model_get_n_items (patients) / 2);
  name = limber_patient_get_name (target);
  surname = strrchr (name, ' ') != NULL ? strrchr (name, ' ') + 1 : name;
  {
    g_autofree char *start = g_utf8_substring (surname, 0, MIN (4, g_utf8_strlen (surname, -1)));
    fragment = g_utf8_strup (start, -1);
  }
  expected = count_matching (patients, fragment);
  g_assert_cmpuint (expected, >=, 1);
  g_assert_cmpuint (expected, <, g_list_model_get_n_items (patients));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (fixture->window->search_bar));
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), fragment);
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (expected)));
  for (guint i = 0; i < count_shown (fixture); i++)
    {
      g_autoptr(LimberPatient) shown = g_list_model_get_item (G_LIST_MODEL (fixture->window->selection), i);
      g_autofree char *haystack = fold (limber_patient_get_search_text (shown));
      g_autofree char *needle = fold (fragment);

      g_assert_nonnull (strstr (haystack, needle));
    }

  /* A chart number finds its patient. */
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry),
                         limber_patient_get_mrn (target));
  expected = count_matching (patients, limber_patient_get_mrn (target));
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (expected)));
  {
    guint position = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < count_shown (fixture); i++)
      {
        g_autoptr(LimberPatient) shown = g_list_model_get_item (G_LIST_MODEL (fixture->window->selection), i);

        if (limber_patient_get_id (shown) == limber_patient_get_id (target))
          position = i;
      }
    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  }
  /* The items that now show other patients say so. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_list_items_named (fixture);

  /* Nobody matches: the sidebar says so. */
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), "no such patient zq");
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (0)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->sidebar_stack), ==, "no-match");
  g_assert_true (page_is (fixture, "patients"));

  /* Closing the search shows everyone again. */
  gtk_search_bar_set_search_mode (fixture->window->search_bar, FALSE);
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals,
                             GUINT_TO_POINTER (g_list_model_get_n_items (patients))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->sidebar_stack), ==, "list");
}

static gboolean
search_shown (LimberTestFixture *fixture,
              gconstpointer      data)
{
  return g_strcmp0 (limber_patient_list_get_search (fixture->window->patients), data) == 0;
}

/* Typed faster than the list is read, the search ends with the rows of the whole
 * text, and the selected patient stays selected while they match. */
static void
test_window_search_typed_quickly (LimberTestFixture *fixture,
                                  gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(LimberPatient) target = NULL;
  g_autofree char *word = NULL;
  GtkEditable *entry;
  LimberPatient *selected;
  int position = 0;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  patients = list_stored_patients (fixture);
  target = g_list_model_get_item (patients, g_list_model_get_n_items (patients) / 3);
  word = g_utf8_strdown (limber_patient_get_name (target), -1);
  g_assert_true (limber_window_select_patient (fixture->window, limber_patient_get_id (target)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = GTK_EDITABLE (fixture->window->search_entry);
  gtk_search_entry_set_search_delay (fixture->window->search_entry, 0);
  for (const char *letter = word; *letter != '\0'; letter = g_utf8_next_char (letter))
    {
      gtk_editable_insert_text (entry, letter, g_utf8_next_char (letter) - letter, &position);
      g_main_context_iteration (NULL, FALSE);
    }

  g_assert_true (limber_test_fixture_wait_until (fixture, search_shown, word));
  g_assert_cmpuint (count_shown (fixture), ==, count_matching (patients, word));
  selected = gtk_single_selection_get_selected_item (fixture->window->selection);
  g_assert_nonnull (selected);
  g_assert_cmpint (limber_patient_get_id (selected), ==, limber_patient_get_id (target));
  g_assert_true (limber_patient_view_get_patient (fixture->window->patient_view) == selected);
}

/* A search that leaves out the patient shown keeps their page as it is while the
 * receptionist types on, and ending the search selects them again. */
static void
test_window_search_keeps_shown_patient (LimberTestFixture *fixture,
                                        gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(LimberPatient) target = NULL;
  LimberPatient *selected;
  const char *state;
  GPtrArray *groups;
  gpointer group = NULL;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  patients = list_stored_patients (fixture);
  target = g_list_model_get_item (patients, g_list_model_get_n_items (patients) / 2);
  g_assert_true (limber_window_select_patient (fixture->window, limber_patient_get_id (target)));
  state = limber_patient_view_get_state (fixture->window->patient_view);
  groups = limber_patient_view_get_groups (fixture->window->patient_view);
  if (groups->len > 0)
    group = g_ptr_array_index (groups, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), "no such patient zq");
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (0)));
  g_assert_null (gtk_single_selection_get_selected_item (fixture->window->selection));

  /* The same page, not emptied nor built again. */
  selected = limber_patient_view_get_patient (fixture->window->patient_view);
  g_assert_nonnull (selected);
  g_assert_cmpint (limber_patient_get_id (selected), ==, limber_patient_get_id (target));
  g_assert_cmpstr (limber_patient_view_get_state (fixture->window->patient_view), ==, state);
  if (group != NULL)
    {
      g_assert_cmpuint (groups->len, ==, 1);
      g_assert_true (g_ptr_array_index (groups, 0) == group);
    }

  gtk_search_bar_set_search_mode (fixture->window->search_bar, FALSE);
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals,
                                                 GUINT_TO_POINTER (g_list_model_get_n_items (patients))));
  selected = gtk_single_selection_get_selected_item (fixture->window->selection);
  g_assert_nonnull (selected);
  g_assert_cmpint (limber_patient_get_id (selected), ==, limber_patient_get_id (target));
  g_assert_cmpint (limber_patient_get_id (limber_patient_view_get_patient (fixture->window->patient_view)),
                   ==, limber_patient_get_id (target));
}

/* ----- The list view's places ----- */

typedef struct
{
  GArray *changes;     /* guint triples: position, removed, added */
  guint   selection_first;
  guint   selection_end;
} SlotsSignals;

static void
on_slots_items_changed_cb (GListModel   *model,
                           guint         position,
                           guint         removed,
                           guint         added,
                           SlotsSignals *signals)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (signals->changes, change, 3);
}

static void
on_slots_selection_changed_cb (GtkSelectionModel *model,
                               guint              position,
                               guint              n_items,
                               SlotsSignals      *signals)
{
  signals->selection_first = MIN (signals->selection_first, position);
  signals->selection_end = MAX (signals->selection_end, position + n_items);
}

static void
slots_signals_reset (SlotsSignals *signals)
{
  g_array_set_size (signals->changes, 0);
  signals->selection_first = G_MAXUINT;
  signals->selection_end = 0;
}

static LimberPatient *
slot_patient (GListModel *slots,
              guint       position)
{
  g_autoptr(LimberPatientSlot) slot = g_list_model_get_item (slots, position);

  return limber_patient_slot_get_patient (slot);
}

/* The places of the list stay as the patients in them change: a change beneath is
 * told as new patients in the places, an end that moved, and the selection of the
 * places between, which follows the patient selected beneath. */
static void
test_patient_slots (LimberTestFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr(GListStore) patients = g_list_store_new (LIMBER_TYPE_PATIENT);
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(LimberPatientSlots) slots = NULL;
  g_autoptr(LimberPatientSlot) first = NULL;
  g_autoptr(LimberPatientSlot) fourth = NULL;
  LimberPatient *made[7];
  SlotsSignals signals = { g_array_new (FALSE, FALSE, sizeof (guint)), G_MAXUINT, 0 };
  GListModel *model;

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autofree char *mrn = g_strdup_printf ("%u", 1001 + i);

      made[i] = limber_patient_new (mrn, "Anna Müller", NULL);
      limber_patient_set_id (made[i], i + 1);
    }
  g_list_store_splice (patients, 0, 0, (gpointer *) made, 5);

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (patients)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  slots = limber_patient_slots_new (GTK_SELECTION_MODEL (selection));
  model = G_LIST_MODEL (slots);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_slots_items_changed_cb), &signals);
  g_signal_connect (slots, "selection-changed", G_CALLBACK (on_slots_selection_changed_cb),
                    &signals);

  g_assert_true (g_list_model_get_item_type (model) == LIMBER_TYPE_PATIENT_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  first = g_list_model_get_item (model, 0);
  fourth = g_list_model_get_item (model, 3);
  g_assert_true (limber_patient_slot_get_patient (first) == made[0]);
  g_assert_true (limber_patient_slot_get_patient (fourth) == made[3]);
  g_assert_null (g_list_model_get_item (model, 5));

  /* Selecting a place selects its patient beneath, and the other way round. */
  slots_signals_reset (&signals);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (slots), 3, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 3));
  g_assert_cmpuint (signals.selection_first, <=, 3);
  g_assert_cmpuint (signals.selection_end, >=, 4);

  /* Two patients go, another comes at the top: the places keep their objects and
   * show the patients now there; only the end moved; the patient selected is
   * selected where they went. */
  slots_signals_reset (&signals);
  g_list_store_splice (patients, 0, 2, (gpointer *) &made[5], 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (signals.changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 2), ==, 0);
  g_assert_true (limber_patient_slot_get_patient (first) == made[5]);
  g_assert_true (slot_patient (model, 0) == made[5]);
  g_assert_true (slot_patient (model, 2) == made[3]);
  g_assert_true (limber_patient_slot_get_patient (fourth) == made[4]);
  {
    g_autoptr(LimberPatientSlot) again = g_list_model_get_item (model, 3);

    g_assert_true (again == fourth);
  }
  g_assert_true (gtk_single_selection_get_selected_item (selection) == made[3]);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 2));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 3));
  g_assert_cmpuint (signals.selection_first, ==, 0);
  g_assert_cmpuint (signals.selection_end, ==, 4);

  /* Shorter than a place: it shows nobody; longer again: the end moved. */
  slots_signals_reset (&signals);
  g_list_store_remove (patients, 3);
  g_assert_null (limber_patient_slot_get_patient (fourth));
  g_list_store_append (patients, made[6]);
  g_assert_true (limber_patient_slot_get_patient (fourth) == made[6]);
  g_assert_cmpuint (signals.changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 3), ==, 3);
  g_assert_cmpuint (g_array_index (signals.changes, guint, 5), ==, 1);

  g_clear_object (&first);
  g_clear_object (&fourth);
  g_signal_handlers_disconnect_by_data (slots, &signals);
  g_assert_finalize_object (g_steal_pointer (&slots));
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    g_object_unref (made[i]);
  g_array_unref (signals.changes);
}

/* The rows the list shows, by the patient in each, those a search left empty aside. */
static GHashTable *
collect_rows (LimberTestFixture *fixture)
{
  g_autoptr(GPtrArray) rows = limber_test_find_widgets (fixture->window->patient_list,
                                                        LIMBER_TYPE_PATIENT_ROW);
  GHashTable *found = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (found, g_ptr_array_index (rows, i));
  return found;
}

/* Whether each patient's text holds each of two texts: neither set holds the other. */
static gboolean
finds_apart (GListModel *patients,
             const char *first,
             const char *second)
{
  g_autofree char *a = fold (first);
  g_autofree char *b = fold (second);
  gboolean only_first = FALSE;
  gboolean only_second = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autofree char *haystack = fold (limber_patient_get_search_text (patient));
      gboolean in_first = strstr (haystack, a) != NULL;
      gboolean in_second = strstr (haystack, b) != NULL;

      only_first = only_first || (in_first && !in_second);
      only_second = only_second || (in_second && !in_first);
    }
  return only_first && only_second;
}

/* A search shows what it finds in the rows the list had, instead of making rows
 * again for the patients that come: the rows stay, each shows a patient found, and
 * the selected patient stays selected. */
static void
test_window_search_keeps_rows (LimberTestFixture *fixture,
                               gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(LimberPatient) target = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *name;
  GHashTableIter iter;
  gpointer row;
  guint n_kept = 0;
  guint n_showing = 0;
  LimberPatient *selected;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  patients = list_stored_patients (fixture);
  target = g_list_model_get_item (patients, g_list_model_get_n_items (patients) / 2);
  g_assert_true (limber_window_select_patient (fixture->window, limber_patient_get_id (target)));

  /* Two letters of the patient's name, each finding others that the other does
   * not: the second search's patients come into the rows of the first's. */
  name = limber_patient_get_name (target);
  for (const char *a = name; *a != '\0' && second == NULL; a = g_utf8_next_char (a))
    for (const char *b = g_utf8_next_char (a); *b != '\0' && second == NULL; b = g_utf8_next_char (b))
      {
        g_autofree char *one = g_utf8_substring (a, 0, 1);
        g_autofree char *other = g_utf8_substring (b, 0, 1);

        if (finds_apart (patients, one, other))
          {
            first = g_steal_pointer (&one);
            second = g_steal_pointer (&other);
          }
      }
  g_assert_nonnull (second);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_search_entry_set_search_delay (fixture->window->search_entry, 0);
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), first);
  g_assert_true (limber_test_fixture_wait_until (fixture, search_shown, first));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  before = collect_rows (fixture);

  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), second);
  g_assert_true (limber_test_fixture_wait_until (fixture, search_shown, second));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = collect_rows (fixture);

  for (guint i = 0; i < count_shown (fixture); i++)
    {
      g_autoptr(LimberPatient) shown = g_list_model_get_item (G_LIST_MODEL (fixture->window->selection), i);
      gint64 *id = g_new (gint64, 1);

      *id = limber_patient_get_id (shown);
      g_hash_table_add (listed, id);
    }

  /* As many rows as both searches need are the same widgets; every row shows a
   * patient the second search found. */
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      LimberPatient *patient = limber_patient_row_get_patient (row);
      gint64 id;

      if (g_hash_table_contains (before, row))
        n_kept++;
      if (patient == NULL || !gtk_widget_get_child_visible (gtk_widget_get_parent (row)))
        continue;
      id = limber_patient_get_id (patient);
      g_assert_true (g_hash_table_contains (listed, &id));
      n_showing++;
    }
  g_assert_cmpuint (n_kept, ==, MIN (g_hash_table_size (before), g_hash_table_size (after)));
  g_assert_cmpuint (n_showing, >, 0);
  assert_list_items_named (fixture);

  selected = gtk_single_selection_get_selected_item (fixture->window->selection);
  g_assert_nonnull (selected);
  g_assert_cmpint (limber_patient_get_id (selected), ==, limber_patient_get_id (target));
}

/* The demo patient with the most courses of care and at least one measurement. */
static LimberPatient *
find_treated_patient (LimberStore *store,
                      GListModel  *patients,
                      GPtrArray  **episodes_out)
{
  LimberPatient *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(LimberPatient) patient = g_list_model_get_item (patients, i);
      g_autoptr(GPtrArray) episodes = NULL;
      g_autoptr(GError) error = NULL;

      episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), &error);
      g_assert_no_error (error);
      if (episodes->len > 0 && (best == NULL || episodes->len > (*episodes_out)->len))
        {
          g_clear_object (&best);
          g_clear_pointer (episodes_out, g_ptr_array_unref);
          best = g_steal_pointer (&patient);
          *episodes_out = g_steal_pointer (&episodes);
        }
    }

  return best;
}

static void
test_window_shows_patient (LimberTestFixture *fixture,
                           gconstpointer      data)
{
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  LimberSessionList *session_list;
  g_autoptr(GPtrArray) outcome_rows = NULL;
  GPtrArray *groups;
  LimberEpisodeGroup *newest;
  const char *outcome;
  guint n_trends = 0;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  patients = list_stored_patients (fixture);
  patient = find_treated_patient (limber_window_get_store (fixture->window), patients, &episodes);
  g_assert_nonnull (patient);

  g_assert_true (limber_window_select_patient (fixture->window, limber_patient_get_id (patient)));
  g_assert_cmpstr (limber_patient_view_get_state (fixture->window->patient_view), ==, "patient");
  g_assert_cmpstr (adw_window_title_get_title (fixture->window->content_title), ==,
                   limber_patient_get_name (patient));

  /* One course of care at a time: an open one first, else the newest; a switcher
   * lists them all. */
  groups = limber_patient_view_get_groups (fixture->window->patient_view);
  g_assert_cmpuint (groups->len, ==, 1);
  newest = g_ptr_array_index (groups, 0);
  g_assert_true (limber_episode_group_get_episode (newest)
                 == limber_patient_view_get_shown_episode (fixture->window->patient_view));
  g_assert_cmpuint (limber_patient_view_get_episodes (fixture->window->patient_view)->len, ==,
                    episodes->len);
  if (episodes->len > 1)
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (limber_patient_view_get_course_switcher (fixture->window->patient_view)))),
                      ==, episodes->len);
  {
    LimberEpisode *shown = limber_episode_group_get_episode (newest);
    gboolean any_open = FALSE;

    for (guint i = 0; i < episodes->len; i++)
      any_open |= limber_episode_is_open (g_ptr_array_index (episodes, i));
    if (any_open)
      g_assert_true (limber_episode_is_open (shown));
    else
      g_assert_cmpint (limber_episode_get_id (shown), ==,
                       limber_episode_get_id (g_ptr_array_index (episodes, episodes->len - 1)));
  }
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (newest)),
                            "since "));
  /* The outcome row shows one of the outcomes in words. */
  outcome_rows = limber_test_find_widgets (newest, LIMBER_TYPE_TEXT_ROW);
  outcome = shown_text (g_ptr_array_index (outcome_rows, 0), "title");
  g_assert_true (g_str_equal (outcome, "Successful outcome") || g_str_equal (outcome, "Not a responder")
                 || g_str_equal (outcome, "Not yet a responder") || g_str_equal (outcome, "Not assessable"));
  g_assert_cmpstr (outcome, ==, limber_episode_group_get_outcome_text (newest));

  for (guint i = 0; i < groups->len; i++)
    n_trends += limber_episode_group_get_n_trends (g_ptr_array_index (groups, i));
  g_assert_cmpuint (n_trends, >, 0);

  /* A card per measure and side, each with its status in words. */
  cards = limber_test_find_widgets (fixture->window->patient_view, LIMBER_TYPE_MEASURE_CARD);
  g_assert_cmpuint (cards->len, ==, n_trends);
  for (guint i = 0; i < cards->len; i++)
    {
      LimberMeasureCard *card = g_ptr_array_index (cards, i);

      /* What a person reads on it: the measure, the values and the status. */
      g_assert_nonnull (limber_measure_card_get_trend (card));
      g_assert_cmpstr (shown_text (card, "heading"), !=, "");
      g_assert_cmpstr (shown_text (card, "title-3"), !=, "");
      g_assert_cmpstr (shown_text (card, "status-pill"), ==,
                       limber_measure_card_get_status_text (card));
      g_assert_cmpstr (shown_text (card, "status-pill"), !=, "");
    }

  /* The course of care lists its sessions, the newest first, with the plan's
   * progress, under the first screenful: there once the therapist scrolls down. */
  g_assert_true (limber_test_fixture_wait_until (fixture, page_is_built, NULL));
  session_list = LIMBER_SESSION_LIST (limber_episode_group_get_session_list (newest));
  g_assert_nonnull (session_list);
  g_assert_cmpuint (limber_session_list_get_n_rows (session_list), >, 0);
  g_assert_nonnull (strstr (limber_session_list_get_progress_text (session_list), "session"));

  /* Unselecting empties the content again. */
  gtk_single_selection_set_selected (fixture->window->selection, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (limber_patient_view_get_state (fixture->window->patient_view), ==, "empty");
  g_assert_cmpuint (limber_patient_view_get_groups (fixture->window->patient_view)->len, ==, 0);
}

static void
test_window_welcome (LimberTestFixture *fixture,
                     gconstpointer      data)
{
  GtkWidget *add_button;
  GtkWidget *demo_button;

  limber_test_fixture_open_window (fixture);

  g_assert_nonnull (limber_window_get_store (fixture->window));
  g_assert_true (page_is (fixture, "welcome"));
  g_assert_cmpstr (adw_status_page_get_title (fixture->window->welcome_page), ==,
                   "Welcome to Limber");

  add_button = limber_test_find_button_with_action (fixture->window->welcome_page, "win.add-patient");
  demo_button = limber_test_find_button_with_action (fixture->window->welcome_page, "win.open-demo");
  g_assert_nonnull (add_button);
  g_assert_nonnull (demo_button);
  g_assert_true (gtk_widget_is_visible (add_button));
  g_assert_true (gtk_widget_is_visible (demo_button));
  g_assert_true (gtk_widget_has_css_class (add_button, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (add_button, "pill"));
  g_assert_true (gtk_widget_is_sensitive (add_button));
}

static void
fill_entry_rows (GPtrArray  *rows,
                 const char *mrn,
                 const char *name,
                 const char *birth_date)
{
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), mrn);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 1)), name);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 2)), birth_date);
}

static gboolean
selected_name_is (LimberTestFixture *fixture,
                  gconstpointer      data)
{
  LimberPatient *patient = gtk_single_selection_get_selected_item (fixture->window->selection);

  return patient != NULL && g_strcmp0 (limber_patient_get_name (patient), data) == 0;
}

static void
test_window_add_patient (LimberTestFixture *fixture,
                         gconstpointer      data)
{
  LimberPatientDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;

  limber_test_fixture_open_window (fixture);
  g_assert_true (page_is (fixture, "welcome"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient", NULL);
  dialog = LIMBER_PATIENT_DIALOG (fixture->window->add_patient_dialog);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  rows = limber_test_find_widgets (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (rows->len, >=, 3);

  /* A day that does not exist is refused, beside the fields, keeping the input. */
  fill_entry_rows (rows, "2001", "Ada Quinn", "1980-02-30");
  g_assert_false (limber_patient_dialog_save (dialog));
  g_assert_nonnull (limber_patient_dialog_get_error_message (dialog));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 2), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (rows, 1))), ==,
                   "Ada Quinn");
  g_assert_true (page_is (fixture, "welcome"));

  /* Correcting the field clears the message; adding selects the new patient. */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 2)), "1980-02-28");
  g_assert_null (limber_patient_dialog_get_error_message (dialog));
  g_assert_true (limber_patient_dialog_save (dialog));
  g_assert_true (limber_test_fixture_wait_until (fixture, page_is, "patients"));
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  g_assert_true (limber_test_fixture_wait_until (fixture, selected_name_is, "Ada Quinn"));
  g_assert_cmpstr (limber_patient_view_get_state (fixture->window->patient_view), ==,
                   "no-episodes");
  limber_test_drain_main_loop ();
  g_assert_null (fixture->window->add_patient_dialog);

  /* The same chart number again: the store refuses, and says so. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient", NULL);
  dialog = LIMBER_PATIENT_DIALOG (fixture->window->add_patient_dialog);
  g_assert_nonnull (dialog);
  g_ptr_array_unref (rows);
  rows = limber_test_find_widgets (dialog, ADW_TYPE_ENTRY_ROW);
  fill_entry_rows (rows, "2001", "Ben Ortiz", "");
  g_assert_false (limber_patient_dialog_save (dialog));
  g_assert_nonnull (limber_patient_dialog_get_error_message (dialog));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 0), "error"));
  g_assert_cmpuint (count_shown (fixture), ==, 1);

  /* A new chart number goes through; the list is kept in name order. */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "2002");
  g_assert_true (limber_patient_dialog_save (dialog));
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (2)));
  g_assert_true (limber_test_fixture_wait_until (fixture, selected_name_is, "Ben Ortiz"));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->window->selection), ==, 1);
}

static void
test_window_follows_store (LimberTestFixture *fixture,
                           gconstpointer      data)
{
  g_autoptr(LimberPatient) added = limber_patient_new ("9999", "Aaron Aalto", NULL);
  g_autoptr(GError) error = NULL;
  LimberPatient *selected;
  gint64 selected_id;
  guint n_before;

  limber_test_fixture_fill_demo (fixture);
  limber_test_fixture_open_window (fixture);
  n_before = count_shown (fixture);

  gtk_single_selection_set_selected (fixture->window->selection, 2);
  selected = gtk_single_selection_get_selected_item (fixture->window->selection);
  selected_id = limber_patient_get_id (selected);

  /* A change made elsewhere (an import) shows at once, and the selection stays on
   * the same person even though the list moved under it. */
  limber_store_add_patient (limber_window_get_store (fixture->window), added, &error);
  g_assert_no_error (error);
  g_assert_true (limber_test_fixture_wait_until (fixture, shown_equals, GUINT_TO_POINTER (n_before + 1)));
  selected = gtk_single_selection_get_selected_item (fixture->window->selection);
  g_assert_nonnull (selected);
  g_assert_cmpint (limber_patient_get_id (selected), ==, selected_id);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->window->selection), ==, 3);
}

static void
test_window_bad_database (LimberTestFixture *fixture,
                          gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  const char *description;

  g_file_set_contents (fixture->path, "These are my notes, not a database.\n", -1, &error);
  g_assert_no_error (error);

  limber_test_fixture_open_window (fixture);

  g_assert_null (limber_window_get_store (fixture->window));
  g_assert_true (page_is (fixture, "error"));
  g_assert_cmpstr (adw_status_page_get_icon_name (fixture->window->error_page), ==,
                   "dialog-error-symbolic");
  description = adw_status_page_get_description (fixture->window->error_page);
  g_assert_nonnull (description);
  g_assert_cmpuint (strlen (description), >, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-patient", NULL)
                  && fixture->window->add_patient_dialog != NULL);

  /* The file is left as it was. */
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (fixture->path, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==, "These are my notes, not a database.\n");
  }
}

static void
test_window_demo_clinic (LimberTestFixture *fixture,
                         gconstpointer      data)
{
  g_autofree char *demo_path = limber_window_get_demo_path ();

  limber_test_fixture_open_window (fixture);
  g_assert_true (page_is (fixture, "welcome"));
  g_assert_false (g_file_test (demo_path, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-demo", NULL);

  g_assert_cmpstr (limber_window_get_database_path (fixture->window), ==, demo_path);
  g_assert_true (g_file_test (demo_path, G_FILE_TEST_EXISTS));
  g_assert_true (page_is (fixture, "patients"));
  g_assert_cmpuint (count_shown (fixture), >=, 10);
  g_assert_cmpstr (adw_window_title_get_subtitle (fixture->window->sidebar_title), ==,
                   "Demo clinic");

  /* Opening it again reuses it rather than filling it twice. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-demo", NULL);
  g_assert_cmpstr (limber_window_get_database_path (fixture->window), ==, demo_path);
  g_assert_true (page_is (fixture, "patients"));

  /* And the clinic's own database is one menu item away, untouched by the demo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-clinic",
                                             NULL));
  g_assert_cmpstr (limber_window_get_database_path (fixture->window), ==, fixture->path);
  g_assert_true (page_is (fixture, "welcome"));
  g_assert_cmpstr (adw_window_title_get_subtitle (fixture->window->sidebar_title), ==,
                   "clinic.sqlite");
}

static void
test_window_remembers_size (LimberTestFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  limber_test_fixture_open_window (fixture);

  /* The window opens at the size it had last time... */
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }

  /* ...and closing it keeps the size it has now. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_close (GTK_WINDOW (fixture->window));
  limber_test_wait_until_cleared ((gpointer *) &fixture->window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's own accessibility for tests, so that the names given can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (limber_test_ui_init (&argc, &argv) == NULL)
    return 77;

#define ADD_TEST(path, func) \
  g_test_add ((path), LimberTestFixture, NULL, limber_test_fixture_set_up_folder, (func), \
              limber_test_fixture_tear_down_window)

  ADD_TEST ("/ui/window/lists-patients", test_window_lists_patients);
  ADD_TEST ("/ui/window/search", test_window_search);
  ADD_TEST ("/ui/window/search/typed-quickly", test_window_search_typed_quickly);
  ADD_TEST ("/ui/window/search/keeps-shown-patient", test_window_search_keeps_shown_patient);
  ADD_TEST ("/ui/window/search/keeps-rows", test_window_search_keeps_rows);
  ADD_TEST ("/ui/patient-slots", test_patient_slots);
  ADD_TEST ("/ui/window/shows-patient", test_window_shows_patient);
  ADD_TEST ("/ui/window/welcome", test_window_welcome);
  ADD_TEST ("/ui/window/add-patient", test_window_add_patient);
  ADD_TEST ("/ui/window/follows-store", test_window_follows_store);
  ADD_TEST ("/ui/window/bad-database", test_window_bad_database);
  ADD_TEST ("/ui/window/demo-clinic", test_window_demo_clinic);
  ADD_TEST ("/ui/window/remembers-size", test_window_remembers_size);

#undef ADD_TEST

  status = g_test_run ();
  limber_test_ui_finish ();

  return status;
}
