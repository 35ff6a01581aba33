/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-therapists-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-therapists-page.h"

struct _LimberTherapistsPage
{
  AdwPreferencesPage    parent_instance;

  /* template widgets */
  AdwEntryRow          *add_row;
  GtkWidget            *add_button;
  GtkLabel             *error_label;
  GtkListBox           *active_list;
  AdwPreferencesGroup  *retired_group;
  GtkListBox           *retired_list;

  /* owned */
  LimberStore          *store;
};

G_DEFINE_FINAL_TYPE (LimberTherapistsPage, limber_therapists_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The row's therapist, a copy of the stored one that edits may change. */
#define ROW_THERAPIST_KEY "limber-therapist"

static void
limber_therapists_page_toast (LimberTherapistsPage *self,
                              const char           *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static void
limber_therapists_page_show_error (LimberTherapistsPage *self,
                                   const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* gtk_list_box_remove_all() is newer than GTK 4.8; the placeholder stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static gboolean
limber_therapists_page_update (LimberTherapistsPage *self,
                               LimberTherapist      *therapist,
                               const char           *done_message)
{
  g_autoptr(GError) error = NULL;

  if (!limber_store_update_therapist (self->store, therapist, &error))
    {
      limber_therapists_page_show_error (self, error->message);
      return FALSE;
    }

  limber_therapists_page_show_error (self, NULL);
  limber_therapists_page_toast (self, done_message);
  return TRUE;
}

static void
on_rename_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       LimberTherapistsPage *self)
{
  LimberTherapist *stored = g_object_get_data (G_OBJECT (dialog), ROW_THERAPIST_KEY);
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(LimberTherapist) renamed = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  renamed = limber_therapist_new (gtk_editable_get_text (entry));
  limber_therapist_set_id (renamed, limber_therapist_get_id (stored));
  limber_therapist_set_retired (renamed, limber_therapist_get_retired (stored));

  message = g_strdup_printf (_("Renamed “%s” to “%s”"), limber_therapist_get_name (stored),
                             limber_therapist_get_name (renamed) != NULL
                               ? limber_therapist_get_name (renamed) : "");
  limber_therapists_page_update (self, renamed, message);
}

static void
on_rename_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", text[0] != '\0');
}

static void
on_rename_clicked_cb (GtkButton            *button,
                      LimberTherapistsPage *self)
{
  LimberTherapist *therapist = g_object_get_data (G_OBJECT (button), ROW_THERAPIST_KEY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  body = g_strdup_printf (_("Sessions already recorded keep the name “%s”."),
                          limber_therapist_get_name (therapist));
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Rename Therapist"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), limber_therapist_get_name (therapist));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), ROW_THERAPIST_KEY, g_object_ref (therapist),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_retire_clicked_cb (GtkButton            *button,
                      LimberTherapistsPage *self)
{
  LimberTherapist *stored = g_object_get_data (G_OBJECT (button), ROW_THERAPIST_KEY);
  g_autoptr(LimberTherapist) changed = limber_therapist_new (limber_therapist_get_name (stored));
  gboolean retire = !limber_therapist_get_retired (stored);
  g_autofree char *message = NULL;

  limber_therapist_set_id (changed, limber_therapist_get_id (stored));
  limber_therapist_set_retired (changed, retire);

  if (retire)
    message = g_strdup_printf (_("%s retired"), limber_therapist_get_name (stored));
  else
    message = g_strdup_printf (_("%s reinstated"), limber_therapist_get_name (stored));
  limber_therapists_page_update (self, changed, message);
}

static GtkWidget *
limber_therapists_page_create_button (LimberTherapistsPage *self,
                                      LimberTherapist      *therapist,
                                      const char           *label,
                                      const char           *tooltip,
                                      GCallback             callback)
{
  GtkWidget *button = gtk_button_new ();

  if (label != NULL)
    gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), ROW_THERAPIST_KEY, g_object_ref (therapist),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);

  return button;
}

static GtkWidget *
limber_therapists_page_create_row (LimberTherapistsPage *self,
                                   LimberTherapist      *therapist)
{
  const char *name = limber_therapist_get_name (therapist);
  gboolean retired = limber_therapist_get_retired (therapist);
  g_autofree char *rename_tooltip = g_strdup_printf (_("Rename %s"), name);
  g_autofree char *retire_tooltip = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), ROW_THERAPIST_KEY, g_object_ref (therapist),
                          g_object_unref);

  button = limber_therapists_page_create_button (self, therapist, NULL, rename_tooltip,
                                                 G_CALLBACK (on_rename_clicked_cb));
  gtk_button_set_icon_name (GTK_BUTTON (button), "document-edit-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rename_tooltip,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (retired)
    retire_tooltip = g_strdup_printf (_("Offer %s for new sessions again"), name);
  else
    retire_tooltip = g_strdup_printf (_("Stop offering %s for new sessions"), name);
  button = limber_therapists_page_create_button (self, therapist,
                                                 retired ? _("Reinstate") : _("Retire"),
                                                 retire_tooltip,
                                                 G_CALLBACK (on_retire_clicked_cb));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
limber_therapists_page_reload (LimberTherapistsPage *self)
{
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_retired = FALSE;

  clear_list (self->active_list);
  clear_list (self->retired_list);

  therapists = limber_store_list_therapists (self->store, TRUE, &error);
  if (therapists == NULL)
    {
      limber_therapists_page_show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < therapists->len; i++)
    {
      LimberTherapist *therapist = g_ptr_array_index (therapists, i);
      gboolean retired = limber_therapist_get_retired (therapist);

      gtk_list_box_append (retired ? self->retired_list : self->active_list,
                           limber_therapists_page_create_row (self, therapist));
      any_retired |= retired;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->retired_group), any_retired);
}

static void
on_store_changed_cb (LimberTherapistsPage *self,
                     const char           *action,
                     LimberStore          *store)
{
  limber_therapists_page_reload (self);
}

gboolean
limber_therapists_page_add (LimberTherapistsPage *self)
{
  g_autoptr(LimberTherapist) therapist = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (LIMBER_IS_THERAPISTS_PAGE (self), FALSE);

  therapist = limber_therapist_new (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  if (!limber_store_add_therapist (self->store, therapist, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      limber_therapists_page_show_error (self, error->message);
      return FALSE;
    }

  message = g_strdup_printf (_("Added %s"), limber_therapist_get_name (therapist));
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  limber_therapists_page_show_error (self, NULL);
  limber_therapists_page_toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
  return TRUE;
}

const char *
limber_therapists_page_get_error (LimberTherapistsPage *self)
{
  g_return_val_if_fail (LIMBER_IS_THERAPISTS_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

static void
on_add_activated_cb (LimberTherapistsPage *self)
{
  limber_therapists_page_add (self);
}

static void
on_add_changed_cb (LimberTherapistsPage *self,
                   GtkEditable          *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
  gtk_widget_set_sensitive (self->add_button, text[0] != '\0');
}

static void
limber_therapists_page_constructed (GObject *object)
{
  LimberTherapistsPage *self = LIMBER_THERAPISTS_PAGE (object);

  G_OBJECT_CLASS (limber_therapists_page_parent_class)->constructed (object);

  g_return_if_fail (LIMBER_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  limber_therapists_page_reload (self);
}

static void
limber_therapists_page_dispose (GObject *object)
{
  LimberTherapistsPage *self = LIMBER_THERAPISTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_THERAPISTS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (limber_therapists_page_parent_class)->dispose (object);
}

static void
limber_therapists_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LimberTherapistsPage *self = LIMBER_THERAPISTS_PAGE (object);

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
limber_therapists_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LimberTherapistsPage *self = LIMBER_THERAPISTS_PAGE (object);

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
limber_therapists_page_class_init (LimberTherapistsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_therapists_page_constructed;
  object_class->dispose = limber_therapists_page_dispose;
  object_class->get_property = limber_therapists_page_get_property;
  object_class->set_property = limber_therapists_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-therapists-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, add_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, active_list);
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, retired_group);
  gtk_widget_class_bind_template_child (widget_class, LimberTherapistsPage, retired_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_changed_cb);
}

static void
limber_therapists_page_init (LimberTherapistsPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No therapists yet. Type a name above to add one."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->active_list, placeholder);
}

LimberTherapistsPage *
limber_therapists_page_new (LimberStore *store)
{
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);

  return g_object_new (LIMBER_TYPE_THERAPISTS_PAGE, "store", store, NULL);
}
