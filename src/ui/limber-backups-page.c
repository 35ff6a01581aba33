/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-backups-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "limber-backups-page.h"
#include "limber-button-name.h"
#include "limber-window-restore.h"
#include "limber-window.h"

struct _LimberBackupsPage
{
  AdwPreferencesPage   parent_instance;

  /* widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *back_up_button;
  GtkWidget           *spinner;
  GtkListBox          *list;
  GtkWidget           *empty_row;
  AdwPreferencesGroup *replaced_group;
  GtkListBox          *replaced_list;

  /* owned */
  LimberStore         *store;
  char                *refusal;
  GPtrArray           *rows;      /* AdwActionRow, newest first */
  GPtrArray           *replaced_rows;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (LimberBackupsPage, limber_backups_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a row keeps: the backup's file and its date in words. */
#define ROW_PATH_KEY "limber-backup-path"
#define ROW_WHEN_KEY "limber-backup-when"

static void reload (LimberBackupsPage *self);

/* ----- Words ----- */

/* When a backup was made, as a person says it: "Today at 09:15", "Monday at
 * 17:02", "November 3, 2026 at 08:30". */
static char *
describe_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                       g_date_time_get_month (now),
                                                       g_date_time_get_day_of_month (now),
                                                       0, 0, 0);
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (today, -1);
  g_autoptr (GDateTime) week_ago = g_date_time_add_days (today, -6);
  const char *format;

  if (g_date_time_compare (local, today) >= 0)
    /* Translators: when a backup was made, a format of g_date_time_format() */
    format = _("Today at %H:%M");
  else if (g_date_time_compare (local, yesterday) >= 0)
    /* Translators: when a backup was made, a format of g_date_time_format() */
    format = _("Yesterday at %H:%M");
  else if (g_date_time_compare (local, week_ago) >= 0)
    /* Translators: when a backup was made, a format of g_date_time_format(): the
     * day of the week and the time */
    format = _("%A at %H:%M");
  else
    /* Translators: when a backup was made, a format of g_date_time_format() */
    format = _("%B %-e, %Y at %H:%M");

  return g_date_time_format (local, format);
}

/* A folder as a person reads it: ~/… inside the home folder. */
static char *
display_folder (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_length = strlen (home);
  g_autofree char *display = g_filename_display_name (path);

  if (home_length > 1 && strncmp (path, home, home_length) == 0 && path[home_length] == '/')
    {
      g_autofree char *rest = g_filename_display_name (path + home_length);

      return g_strconcat ("~", rest, NULL);
    }
  return g_steal_pointer (&display);
}

/* ----- Messages ----- */

static GtkWindow *
page_window (LimberBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (LimberBackupsPage *self,
       const char        *title)
{
  GtkWindow *window = page_window (self);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- Back Up Now ----- */

/* In a thread: a connection of its own that cannot write the database. */
static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberStore) store = NULL;
  char *made = NULL;

  store = limber_store_open_full (task_data, LIMBER_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !limber_store_backup (store, NULL, &made, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, made, g_free);
}

static void
set_busy (LimberBackupsPage *self,
          gboolean           busy)
{
  gtk_widget_set_sensitive (self->back_up_button, !busy && self->refusal == NULL);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
on_back_up_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (source_object);
  g_autoptr (GError) error = NULL;
  g_autofree char *made = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  /* The page closed meanwhile: the backup is made or not, nothing to show. */
  if (self->store == NULL)
    return;

  set_busy (self, FALSE);
  reload (self);
  if (made == NULL)
    {
      show_message (page_window (self), _("No Backup Was Made"), error->message);
      return;
    }
  toast (self, _("Backup made"));
}

gboolean
limber_backups_page_back_up (LimberBackupsPage *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (LIMBER_IS_BACKUPS_PAGE (self), FALSE);

  if (self->refusal != NULL || self->cancellable != NULL || self->store == NULL)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_back_up_done_cb, NULL);
  g_task_set_source_tag (task, limber_backups_page_back_up);
  g_task_set_task_data (task, g_strdup (limber_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, back_up_thread);
  return TRUE;
}

static void
on_back_up_clicked_cb (LimberBackupsPage *self)
{
  limber_backups_page_back_up (self);
}

/* ----- Restore… ----- */

typedef struct
{
  LimberWindow *window;
  char         *path;
} RestoreRequest;

static void
restore_request_free (RestoreRequest *request)
{
  g_object_unref (request->window);
  g_free (request->path);
  g_free (request);
}

/* After the dialog has gone: restoring closes this page's window. */
static gboolean
restore_idle_cb (gpointer user_data)
{
  RestoreRequest *request = user_data;

  limber_window_restore_backup_async (request->window, request->path, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  RestoreRequest *request;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  request = g_object_steal_data (G_OBJECT (dialog), "limber-request");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_idle_cb, request,
                   (GDestroyNotify) restore_request_free);
}

static void
on_restore_clicked_cb (GtkButton         *button,
                       LimberBackupsPage *self)
{
  AdwActionRow *row = g_object_get_data (G_OBJECT (button), "limber-row");
  const char *path = g_object_get_data (G_OBJECT (row), ROW_PATH_KEY);
  const char *when = g_object_get_data (G_OBJECT (row), ROW_WHEN_KEY);
  GtkWindow *parent = page_window (self);
  GtkWindow *main_window = parent != NULL ? gtk_window_get_transient_for (parent) : NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *database = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  RestoreRequest *request;
  GtkWidget *dialog;

  if (!LIMBER_IS_WINDOW (main_window))
    return;

  refusal = limber_window_get_restore_refusal (LIMBER_WINDOW (main_window));
  if (refusal != NULL)
    {
      show_message (parent, _("The Backup Cannot Be Restored Now"), refusal);
      return;
    }

  database = g_filename_display_name (limber_store_get_path (self->store));
  folder_path = limber_store_get_backup_folder_for (limber_store_get_path (self->store));
  folder = display_folder (folder_path);
  body = g_strdup_printf (_("The clinic’s records in %s will be replaced by this backup "
                            "(%s). Everything recorded since then will be gone from them.\n\n"
                            "A copy of the records as they are now is kept in %s."),
                          database, when, folder);
  dialog = adw_message_dialog_new (parent, _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request = g_new0 (RestoreRequest, 1);
  request->window = g_object_ref (LIMBER_WINDOW (main_window));
  request->path = g_strdup (path);
  g_object_set_data_full (G_OBJECT (dialog), "limber-request", request,
                          (GDestroyNotify) restore_request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ----- The list ----- */

static GtkWidget *
make_row (LimberBackupsPage *self,
          GFileInfo         *info,
          gboolean           replaced)
{
  const char *path = g_file_info_get_attribute_byte_string (info, "limber::path");
  g_autoptr (GDateTime) modified = g_file_info_get_modification_date_time (info);
  g_autofree char *when = modified != NULL ? describe_time (modified) : g_strdup ("");
  g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
  g_autofree char *button_name = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, size);
  g_object_set_data_full (G_OBJECT (row), ROW_PATH_KEY, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_WHEN_KEY, g_strdup (when), g_free);

  button = gtk_button_new_with_mnemonic (_("_Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (replaced)
    /* Translators: a button's name for screen readers; %s is when a restore replaced
     * the records */
    button_name = g_strdup_printf (_("Restore the records as they were (%s)"), when);
  else
    /* Translators: a button's name for screen readers; %s is when the backup was made */
    button_name = g_strdup_printf (_("Restore the backup (%s)"), when);
  limber_button_set_accessible_name (button, button_name);
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_widget_set_sensitive (button, self->refusal == NULL);
  g_object_set_data (G_OBJECT (button), "limber-row", row);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
  adw_action_row_add_suffix (row, button);

  return GTK_WIDGET (row);
}

static void
fill_list (LimberBackupsPage *self,
           GtkListBox        *list,
           GPtrArray         *rows,
           GPtrArray         *files,
           gboolean           replaced)
{
  GtkWidget *child;

  g_ptr_array_set_size (rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (files, i), replaced);

      g_ptr_array_add (rows, g_object_ref (row));
      gtk_list_box_append (list, row);
    }
}

static void
reload (LimberBackupsPage *self)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GPtrArray) replaced = NULL;

  if (self->refusal == NULL)
    {
      backups = limber_store_list_backups (limber_store_get_path (self->store), NULL);
      replaced = limber_store_list_replaced (limber_store_get_path (self->store), NULL);
    }

  fill_list (self, self->list, self->rows, backups, FALSE);
  if (self->rows->len == 0)
    gtk_list_box_append (self->list, self->empty_row);

  fill_list (self, self->replaced_list, self->replaced_rows, replaced, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->replaced_group), self->replaced_rows->len > 0);
}

/* ----- Building ----- */

static char *
find_refusal (LimberStore *store)
{
  g_autofree char *demo_path = limber_window_get_demo_path ();

  if (g_strcmp0 (limber_store_get_path (store), demo_path) == 0)
    return g_strdup (_("The demo clinic is not backed up: its records are examples, made "
                       "again whenever they are missing."));
  if (limber_store_is_read_only (store))
    return g_strdup (_("This database is open read-only, so Limber neither backs it up "
                       "nor restores it here."));
  return NULL;
}

static void
build (LimberBackupsPage *self)
{
  g_autofree char *folder_path = limber_store_get_backup_folder_for (limber_store_get_path (self->store));
  g_autofree char *folder = display_folder (folder_path);
  g_autofree char *description = NULL;
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Backups"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "document-save-symbolic");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Backups"));
  if (self->refusal != NULL)
    description = g_strdup (self->refusal);
  else
    description = g_strdup_printf (_("Limber checks the clinic’s records and copies them "
                                     "each day it is opened, and keeps the copies of the "
                                     "last 7 days and of 4 weeks before, in %s."), folder);
  adw_preferences_group_set_description (self->group, description);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backing up"), -1);
  self->back_up_button = gtk_button_new_with_mnemonic (_("_Back Up Now"));
  gtk_widget_set_valign (self->back_up_button, GTK_ALIGN_CENTER);
  limber_button_set_accessible_name (self->back_up_button, _("Back Up Now"));
  gtk_widget_set_tooltip_text (self->back_up_button, _("Make a Checked Copy of the Records Now"));
  gtk_widget_set_sensitive (self->back_up_button, self->refusal == NULL);
  g_signal_connect_swapped (self->back_up_button, "clicked",
                            G_CALLBACK (on_back_up_clicked_cb), self);
  gtk_box_append (GTK_BOX (suffix), self->spinner);
  gtk_box_append (GTK_BOX (suffix), self->back_up_button);
  adw_preferences_group_set_header_suffix (self->group, suffix);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups, newest first"), -1);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list));

  self->empty_row = adw_action_row_new ();
  g_object_ref_sink (self->empty_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row),
                                 self->refusal != NULL ? _("No backups") : _("No backups yet"));
  gtk_widget_add_css_class (self->empty_row, "dim-label");

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);

  self->replaced_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->replaced_group, _("Replaced by a Restore"));
  adw_preferences_group_set_description (self->replaced_group,
                                         _("The records as they were just before each "
                                           "restore. Restoring one undoes that restore."));
  self->replaced_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->replaced_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->replaced_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->replaced_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Records replaced by a restore, newest first"), -1);
  adw_preferences_group_add (self->replaced_group, GTK_WIDGET (self->replaced_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->replaced_group);
}

static void
limber_backups_page_constructed (GObject *object)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (object);

  G_OBJECT_CLASS (limber_backups_page_parent_class)->constructed (object);

  g_return_if_fail (LIMBER_IS_STORE (self->store));

  self->refusal = find_refusal (self->store);
  build (self);
  reload (self);
}

static void
limber_backups_page_dispose (GObject *object)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (object);

  /* A backup running goes on in its thread; its result is then dropped. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->empty_row);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->replaced_rows != NULL)
    g_ptr_array_set_size (self->replaced_rows, 0);

  G_OBJECT_CLASS (limber_backups_page_parent_class)->dispose (object);
}

static void
limber_backups_page_finalize (GObject *object)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->replaced_rows, g_ptr_array_unref);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (limber_backups_page_parent_class)->finalize (object);
}

static void
limber_backups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_backups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LimberBackupsPage *self = LIMBER_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_backups_page_class_init (LimberBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = limber_backups_page_constructed;
  object_class->dispose = limber_backups_page_dispose;
  object_class->finalize = limber_backups_page_finalize;
  object_class->get_property = limber_backups_page_get_property;
  object_class->set_property = limber_backups_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_backups_page_init (LimberBackupsPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->replaced_rows = g_ptr_array_new_with_free_func (g_object_unref);
}

LimberBackupsPage *
limber_backups_page_new (LimberStore *store)
{
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);

  return g_object_new (LIMBER_TYPE_BACKUPS_PAGE, "store", store, NULL);
}

gboolean
limber_backups_page_is_busy (LimberBackupsPage *self)
{
  g_return_val_if_fail (LIMBER_IS_BACKUPS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

const char *
limber_backups_page_get_refusal (LimberBackupsPage *self)
{
  g_return_val_if_fail (LIMBER_IS_BACKUPS_PAGE (self), NULL);

  return self->refusal;
}

GPtrArray *
limber_backups_page_get_rows (LimberBackupsPage *self)
{
  g_return_val_if_fail (LIMBER_IS_BACKUPS_PAGE (self), NULL);

  return self->rows;
}

GPtrArray *
limber_backups_page_get_replaced_rows (LimberBackupsPage *self)
{
  g_return_val_if_fail (LIMBER_IS_BACKUPS_PAGE (self), NULL);

  return self->replaced_rows;
}
