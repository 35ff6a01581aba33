/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "limber-demo.h"
#include "limber-patient-row.h"
#include "limber-window-private.h"

G_DEFINE_FINAL_TYPE (LimberWindow, limber_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void limber_window_reload_patients (LimberWindow *self);

char *
limber_window_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "limber", "demo-clinic.sqlite", NULL);
}

static GSettings *
limber_window_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  /* Run from a build folder without GSETTINGS_SCHEMA_DIR the schema is missing;
   * g_settings_new() would abort, and the size is not worth that. */
  if (schema == NULL)
    {
      g_message ("The window size is not remembered: the GSettings schema %s is not "
                 "installed (set GSETTINGS_SCHEMA_DIR to the build folder's data/)",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
limber_window_restore_size (LimberWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
limber_window_save_size (LimberWindow *self)
{
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* A maximized window's size is the screen's: keep the size it returns to. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
limber_window_find_patient (LimberWindow *self,
                            gint64        patient_id,
                            guint        *position)
{
  return self->patients != NULL && limber_patient_list_find (self->patients, patient_id, position);
}

static void
limber_window_update_pages (LimberWindow *self)
{
  guint n_patients = self->patients != NULL ? limber_patient_list_get_n_patients (self->patients) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  const char *page;

  if (self->busy)
    page = "busy";
  else if (self->store == NULL)
    page = "error";
  else if (n_patients == 0)
    page = "welcome";
  else
    page = "patients";

  gtk_stack_set_visible_child_name (self->main_stack, page);
  limber_window_update_patient_actions (self);
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    n_shown == 0 && n_patients > 0 ? "no-match" : "list");
  limber_window_update_actions (self);
}

static void
limber_window_update_subtitle (LimberWindow *self)
{
  g_autofree char *demo_path = limber_window_get_demo_path ();
  g_autofree char *default_path = limber_store_get_default_path ();
  g_autofree char *basename = NULL;
  const char *subtitle = NULL;

  if (self->database_path == NULL || g_strcmp0 (self->database_path, default_path) == 0)
    subtitle = NULL;
  else if (g_strcmp0 (self->database_path, demo_path) == 0)
    subtitle = _("Demo clinic");
  else
    subtitle = basename = g_path_get_basename (self->database_path);

  /* Someone may keep a test or second clinic in another file: say which is open. */
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
limber_window_update_content_title (LimberWindow  *self,
                                    LimberPatient *patient)
{
  g_autofree char *subtitle = NULL;

  if (patient != NULL)
    subtitle = limber_patient_row_format_subtitle (patient);

  adw_window_title_set_title (self->content_title,
                              patient != NULL ? limber_patient_get_name (patient) : "");
  adw_window_title_set_subtitle (self->content_title, subtitle);
}

static void
on_store_changed_cb (LimberWindow *self,
                     const char   *action,
                     LimberStore  *store)
{
  g_debug ("Reloading the patients after “%s”", action);
  limber_window_reload_patients (self);
}

static gboolean
prepare_search_cb (gpointer user_data)
{
  limber_patient_list_prepare_search (LIMBER_PATIENT_LIST (user_data));
  return G_SOURCE_REMOVE;
}

void
limber_window_set_store (LimberWindow *self,
                         LimberStore  *store,
                         const char   *path)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  /* Patient ids of one database mean nothing in another: start unselected. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->patients);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (g_strcmp0 (self->database_path, path) != 0)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
    }

  limber_patient_view_set_store (self->patient_view, store);
  limber_window_update_subtitle (self);

  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->patients = limber_patient_list_new (store, &error);
      if (self->patients == NULL)
        {
          limber_window_show_error (self, path, error->message);
          return;
        }
      /* Archived patients leave the list unless the clinic asks to see them. */
      if (!limber_patient_list_set_show_archived (self->patients, self->show_archived, &error))
        {
          limber_window_show_error (self, path, error->message);
          return;
        }
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->patients));
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      /* Once the window has nothing else to do: a search then starts in memory. */
      g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, g_object_ref (self->patients),
                       g_object_unref);
    }
  limber_window_update_pages (self);
}

void
limber_window_show_error (LimberWindow *self,
                          const char   *path,
                          const char   *message)
{
  g_autofree char *description = NULL;

  /* Name the file unless the message already does, so that the clinic knows which
   * file to restore or move aside. */
  if (path != NULL && strstr (message, path) == NULL)
    description = g_markup_printf_escaped ("%s\n\n<small>%s</small>", message, path);
  else
    description = g_markup_escape_text (message, -1);

  limber_window_set_store (self, NULL, path);
  adw_status_page_set_description (self->error_page, description);
}

static void
limber_window_reload_patients (LimberWindow *self)
{
  g_autoptr(GError) error = NULL;
  LimberPatient *selected;
  gint64 selected_id = 0;
  gboolean ok;
  guint position;

  g_assert (self->patients != NULL);

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = limber_patient_get_id (selected);

  /* Rows that moved lose their selection: find the patient again by id. The view
   * is rebuilt once afterwards, since the change may be to their sessions. */
  self->reloading = TRUE;
  ok = limber_patient_list_reload (self->patients, &error);
  if (ok && selected_id != 0
      && gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION
      && limber_window_find_patient (self, selected_id, &position))
    gtk_single_selection_set_selected (self->selection, position);
  self->reloading = FALSE;

  if (!ok)
    {
      limber_window_show_error (self, self->database_path, error->message);
      return;
    }

  selected = gtk_single_selection_get_selected_item (self->selection);
  limber_patient_view_set_patient (self->patient_view, selected);
  limber_window_update_content_title (self, selected);
  limber_window_update_pages (self);
}

/* Also while unfolded, so that the patient stays in view if the window narrows. */
static void
limber_window_show_content (LimberWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
limber_window_select_position (LimberWindow *self,
                               guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to(); its list action does the same. */
  gtk_widget_activate_action (GTK_WIDGET (self->patient_list), "list.scroll-to-item",
                              "u", position);
}

gboolean
limber_window_select_patient (LimberWindow *self,
                              gint64        patient_id)
{
  guint position;

  g_return_val_if_fail (LIMBER_IS_WINDOW (self), FALSE);

  if (!limber_window_find_patient (self, patient_id, &position))
    {
      /* The search may be what hides the patient. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (self->patients != NULL)
        limber_patient_list_set_search (self->patients, NULL, NULL);

      if (!limber_window_find_patient (self, patient_id, &position))
        return FALSE;
    }

  limber_window_select_position (self, position);
  limber_window_show_content (self);

  return TRUE;
}

gboolean
limber_window_open_database (LimberWindow *self,
                             const char   *path)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIMBER_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* An up-to-date file opens at once; an upgrade may take a while on a large
   * clinic, so it runs in a thread while the window shows that it does. */
  if (limber_store_needs_upgrade (path))
    {
      limber_window_upgrade_database (self, path);
      return TRUE;
    }

  store = limber_store_open (path, &error);
  if (store == NULL)
    {
      limber_window_show_error (self, path, error->message);
      return FALSE;
    }

  limber_window_set_store (self, store, path);

  return TRUE;
}

static void
limber_window_report_demo_error (LimberWindow *self,
                                 const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Demo Clinic"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static LimberStore *
limber_window_open_filled_demo (const char  *path,
                                GError     **error)
{
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_patients;

  store = limber_store_open (path, error);
  if (store == NULL)
    return NULL;

  n_patients = limber_store_count_patients (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (n_patients == 0 && !limber_demo_fill (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

void
limber_window_open_demo_clinic (LimberWindow *self)
{
  g_autofree char *path = limber_window_get_demo_path ();
  g_autoptr(LimberStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIMBER_IS_WINDOW (self));

  if (self->store == NULL || g_strcmp0 (self->database_path, path) != 0)
    {
      store = limber_window_open_filled_demo (path, &error);
      if (store == NULL)
        {
          limber_window_report_demo_error (self, error);
          return;
        }

      limber_window_set_store (self, store, path);
    }

  limber_window_add_toast (self, _("Showing the demo clinic"));
}

LimberStore *
limber_window_get_store (LimberWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
limber_window_get_database_path (LimberWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);

  return self->database_path;
}

/* A window closed meanwhile is not kept alive by its search: it is held weakly. */
static void
on_search_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(LimberWindow) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  if (!limber_patient_list_search_finish (LIMBER_PATIENT_LIST (source_object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self != NULL)
    limber_window_add_toast (self, error->message);
}

static void
on_search_changed_cb (LimberWindow   *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GWeakRef *weak;

  if (self->patients == NULL)
    return;

  /* Read in a thread; the list tells the list view only the rows that go and come,
   * so that it keeps the widgets of the others. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  limber_patient_list_search_async (self->patients, text, on_search_done_cb, weak);
}

static void
on_search_activate_cb (LimberWindow   *self,
                       GtkSearchEntry *entry)
{
  /* Enter in the search opens the first match, as a clinic looks up one chart. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  limber_window_select_position (self, 0);
  limber_window_show_content (self);
}

/* Selects the patient whose page is shown, when the list shows them and nobody is
 * selected, without building the page again. */
static void
limber_window_reselect_shown_patient (LimberWindow *self)
{
  LimberPatient *shown = limber_patient_view_get_patient (self->patient_view);
  guint position;

  if (self->reloading || shown == NULL
      || gtk_single_selection_get_selected_item (self->selection) != NULL
      || !limber_window_find_patient (self, limber_patient_get_id (shown), &position))
    return;

  self->reloading = TRUE;
  limber_window_select_position (self, position);
  self->reloading = FALSE;
  limber_window_update_patient_actions (self);
}

/* However the search bar closes (Escape in the entry or anywhere in the window, its
 * button), the search ends: the whole list comes back, the patient shown stays
 * selected, and the view is not navigated. */
static void
on_search_mode_cb (LimberWindow *self,
                   GParamSpec   *pspec,
                   GtkSearchBar *search_bar)
{
  LimberPatient *selected;
  gint64 selected_id = 0;
  guint position;

  limber_window_update_actions (self);

  /* The search's own connection opens while the receptionist starts to type, so
   * that the first letter does not wait for it. */
  if (gtk_search_bar_get_search_mode (search_bar) && self->patients != NULL)
    limber_patient_list_prepare_search (self->patients);

  /* The search bar empties its entry as it closes: a patient the search had left
   * out, whose page stayed, is selected again in the whole list. */
  if (!gtk_search_bar_get_search_mode (search_bar))
    limber_window_reselect_shown_patient (self);

  if (gtk_search_bar_get_search_mode (search_bar)
      || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    return;

  /* The patient shown is selected again, also one the search had left out. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL)
    selected = limber_patient_view_get_patient (self->patient_view);
  if (selected != NULL)
    selected_id = limber_patient_get_id (selected);

  self->reloading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->patients != NULL)
    {
      gtk_list_view_set_model (self->patient_list, NULL);
      limber_patient_list_set_search (self->patients, NULL, NULL);
      gtk_list_view_set_model (self->patient_list, GTK_SELECTION_MODEL (self->patient_slots));
    }
  if (selected_id != 0 && limber_window_find_patient (self, selected_id, &position))
    limber_window_select_position (self, position);
  self->reloading = FALSE;

  limber_window_update_pages (self);

  /* The entry going away takes the focus with it: give it to the page shown, so that
   * keys (Alt+Left back to the list, Ctrl+N) keep working. */
  if (gtk_widget_get_focus_child (GTK_WIDGET (search_bar)) != NULL
      || gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    {
      if (adw_leaflet_get_folded (self->leaflet)
          && adw_leaflet_get_visible_child (self->leaflet) == self->content)
        gtk_widget_grab_focus (GTK_WIDGET (self->patient_view));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->patient_list));
    }
}

/* Whether a search is what keeps the patient shown out of the list. */
static gboolean
limber_window_search_hides_shown_patient (LimberWindow *self)
{
  LimberPatient *shown = limber_patient_view_get_patient (self->patient_view);
  guint position;

  return shown != NULL && self->patients != NULL
         && limber_patient_list_get_search (self->patients) != NULL
         && !limber_window_find_patient (self, limber_patient_get_id (shown), &position);
}

static void
on_selected_item_cb (LimberWindow       *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  LimberPatient *patient = gtk_single_selection_get_selected_item (selection);

  /* A reload shows the patient once it is done. */
  if (self->reloading)
    return;

  /* A search that no longer lists the patient shown leaves their page as it is, as
   * the receptionist types on: emptying it would cost the keystroke several frames,
   * and ending the search selects them again. */
  if (patient == NULL && limber_window_search_hides_shown_patient (self))
    {
      limber_window_update_patient_actions (self);
      return;
    }

  limber_patient_view_set_patient (self->patient_view, patient);
  limber_window_update_content_title (self, patient);
  limber_window_update_report_actions (self);
  limber_window_update_patient_actions (self);

  if (patient != NULL)
    limber_window_show_content (self);
}

/* Rows are made in code: a list view makes about two hundred of them for each
 * search, and a builder template would be parsed for every one. */
static void
on_patient_row_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         LimberWindow             *self)
{
  gtk_list_item_set_child (item, limber_patient_row_new ());
}

/* Each row shows the patient of its place in the list (LimberPatientSlots), as they
 * change with the search. Rows are not unbound: GTK 4.8 unbinds and binds again every
 * row whose selection may have changed, to the place it shows already, which then
 * costs nothing. A row that no place needs any more is destroyed, and lets go of its
 * patient then. */
static void
on_patient_row_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        LimberWindow             *self)
{
  limber_patient_row_set_slot (LIMBER_PATIENT_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}


static void
on_patient_activated_cb (LimberWindow *self,
                         guint         position,
                         GtkListView  *list_view)
{
  limber_window_select_position (self, position);
  limber_window_show_content (self);
}

static void
on_listed_items_changed_cb (LimberWindow *self,
                              guint         position,
                              guint         removed,
                              guint         added,
                              GListModel   *model)
{
  guint n_shown = g_list_model_get_n_items (model);

  /* The list tells a search in many changes: only one that empties the list, or
   * fills an empty one, changes the pages and actions (a reload updates them). */
  if ((n_shown == 0) != (n_shown + removed - added == 0))
    limber_window_update_pages (self);
}

static void
on_back_clicked_cb (LimberWindow *self,
                    GtkButton    *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_leaflet_visible_child_cb (LimberWindow *self,
                             GParamSpec   *pspec,
                             AdwLeaflet   *leaflet)
{
  /* Folded, the list is a page of its own: once the user is back on it, forget the
   * selection so that tapping the same patient opens it again. Wait for the slide
   * to end so that the page sliding away keeps showing the patient. */
  if (adw_leaflet_get_folded (leaflet)
      && !adw_leaflet_get_child_transition_running (leaflet)
      && adw_leaflet_get_visible_child (leaflet) == self->sidebar)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
limber_window_close_request (GtkWindow *window)
{
  limber_window_save_size (LIMBER_WINDOW (window));

  return GTK_WINDOW_CLASS (limber_window_parent_class)->close_request (window);
}

static void
limber_window_constructed (GObject *object)
{
  LimberWindow *self = LIMBER_WINDOW (object);
  g_autofree char *path = NULL;

  G_OBJECT_CLASS (limber_window_parent_class)->constructed (object);

  path = g_steal_pointer (&self->database_path);
  if (path == NULL)
    path = limber_store_get_default_path ();

  self->clinic_path = g_strdup (path);
  limber_window_open_database (self, path);
}

static void
limber_window_dispose (GObject *object)
{
  LimberWindow *self = LIMBER_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  limber_window_dispose_busy (self);

  g_clear_weak_pointer (&self->add_patient_dialog);
  g_clear_weak_pointer (&self->preferences_window);
  g_clear_weak_pointer (&self->session_editor);
  g_clear_weak_pointer (&self->patient_dialog);
  g_clear_weak_pointer (&self->erase_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_WINDOW);
  g_clear_object (&self->patient_slots);
  g_clear_object (&self->patients);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->patient_actions);

  G_OBJECT_CLASS (limber_window_parent_class)->dispose (object);
}

static void
limber_window_finalize (GObject *object)
{
  LimberWindow *self = LIMBER_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->clinic_path, g_free);
  g_clear_pointer (&self->undo_actions, g_hash_table_unref);

  G_OBJECT_CLASS (limber_window_parent_class)->finalize (object);
}

static void
limber_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LimberWindow *self = LIMBER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LimberWindow *self = LIMBER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      /* Construct-only: constructed() opens it. */
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_window_class_init (LimberWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = limber_window_constructed;
  object_class->dispose = limber_window_dispose;
  object_class->finalize = limber_window_finalize;
  object_class->get_property = limber_window_get_property;
  object_class->set_property = limber_window_set_property;

  window_class->close_request = limber_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Named in the template and in the list item factory's template. */
  g_type_ensure (LIMBER_TYPE_PATIENT);
  g_type_ensure (LIMBER_TYPE_PATIENT_ROW);
  g_type_ensure (LIMBER_TYPE_PATIENT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, patient_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, patient_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_listed_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_cb);

  limber_window_class_add_actions (widget_class);
  limber_window_class_add_busy (widget_class);
}

static void
limber_window_init (LimberWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The list view shows places in the list, whose patients change as the user
   * types, rather than making rows again for each patient that comes. */
  self->patient_slots = limber_patient_slots_new (GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_model (self->patient_list, GTK_SELECTION_MODEL (self->patient_slots));

  /* Typing anywhere in the window starts a patient search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_cb), self, G_CONNECT_SWAPPED);

  limber_window_init_patient_actions (self);

  self->settings = limber_window_create_settings ();
  limber_window_restore_size (self);
}

LimberWindow *
limber_window_new (LimberApplication *application,
                   const char        *database_path)
{
  g_return_val_if_fail (LIMBER_IS_APPLICATION (application), NULL);

  return g_object_new (LIMBER_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}
