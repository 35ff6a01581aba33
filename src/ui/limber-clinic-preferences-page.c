/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clinic-preferences-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-clinic-preferences-page.h"

typedef enum
{
  FIELD_NAME,
  FIELD_ADDRESS,
  FIELD_PHONE,
  FIELD_EMAIL,
  N_FIELDS
} Field;

struct _LimberClinicPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* widgets */
  AdwEntryRow        *rows[N_FIELDS];
  AdwActionRow       *logo_row;
  GtkWidget          *remove_logo_button;
  AdwComboRow        *paper_row;
  GtkLabel           *error_label;

  /* owned */
  LimberStore        *store;
  LimberClinic       *clinic;     /* as saved */
  GtkFileChooserNative *chooser;
  gboolean            loading;
  gboolean            saving;
};

G_DEFINE_FINAL_TYPE (LimberClinicPreferencesPage, limber_clinic_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (LimberClinicPreferencesPage *self,
            const char                  *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
toast (LimberClinicPreferencesPage *self,
       const char                  *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static char *
describe_logo (GBytes *logo)
{
  g_autofree char *size = NULL;

  if (logo == NULL)
    return g_strdup (_("None: the letterhead shows the clinic’s name alone"));
  size = g_format_size (g_bytes_get_size (logo));
  if (limber_clinic_logo_is_svg (logo))
    /* Translators: the chosen logo, e.g. "SVG picture, 12.3 kB". */
    return g_strdup_printf (_("SVG picture, %s"), size);
  return g_strdup_printf (_("PNG picture, %s"), size);
}

static void
show_clinic (LimberClinicPreferencesPage *self)
{
  const char *texts[N_FIELDS] = {
    limber_clinic_get_name (self->clinic),
    limber_clinic_get_address (self->clinic),
    limber_clinic_get_phone (self->clinic),
    limber_clinic_get_email (self->clinic),
  };
  g_autofree char *logo = describe_logo (limber_clinic_get_logo (self->clinic));

  self->loading = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), texts[i] != NULL ? texts[i] : "");
  adw_action_row_set_subtitle (self->logo_row, logo);
  gtk_widget_set_visible (self->remove_logo_button, limber_clinic_get_logo (self->clinic) != NULL);
  adw_combo_row_set_selected (self->paper_row, limber_clinic_get_paper (self->clinic));
  self->loading = FALSE;
}

static void
reload (LimberClinicPreferencesPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClinic) clinic = limber_store_get_clinic (self->store, &error);

  if (clinic == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_set_object (&self->clinic, clinic);
  show_clinic (self);
}

/* A copy of the saved details with every row's text, so that applying one row
 * never loses what another holds. */
static LimberClinic *
clinic_from_rows (LimberClinicPreferencesPage *self)
{
  LimberClinic *clinic = limber_clinic_new ();

  limber_clinic_set_name (clinic, gtk_editable_get_text (GTK_EDITABLE (self->rows[FIELD_NAME])));
  limber_clinic_set_address (clinic,
                             gtk_editable_get_text (GTK_EDITABLE (self->rows[FIELD_ADDRESS])));
  limber_clinic_set_phone (clinic, gtk_editable_get_text (GTK_EDITABLE (self->rows[FIELD_PHONE])));
  limber_clinic_set_email (clinic, gtk_editable_get_text (GTK_EDITABLE (self->rows[FIELD_EMAIL])));
  limber_clinic_set_logo (clinic, limber_clinic_get_logo (self->clinic));
  limber_clinic_set_paper (clinic, adw_combo_row_get_selected (self->paper_row) == LIMBER_PAPER_LETTER
                                     ? LIMBER_PAPER_LETTER
                                     : LIMBER_PAPER_A4);
  return clinic;
}

static gboolean
save (LimberClinicPreferencesPage *self,
      LimberClinic                *clinic)
{
  g_autoptr (GError) error = NULL;

  self->saving = TRUE;
  if (!limber_store_save_clinic (self->store, clinic, &error))
    {
      self->saving = FALSE;
      show_error (self, error->message);
      return FALSE;
    }

  self->saving = FALSE;
  show_error (self, NULL);
  g_set_object (&self->clinic, clinic);
  toast (self, _("Clinic details saved"));
  return TRUE;
}

static void
on_row_apply_cb (AdwEntryRow                 *row,
                 LimberClinicPreferencesPage *self)
{
  g_autoptr (LimberClinic) clinic = clinic_from_rows (self);

  save (self, clinic);
}

static void
on_paper_selected_cb (AdwComboRow                 *row,
                      GParamSpec                  *pspec,
                      LimberClinicPreferencesPage *self)
{
  g_autoptr (LimberClinic) clinic = NULL;

  if (self->loading || self->clinic == NULL)
    return;
  clinic = limber_clinic_copy (self->clinic);
  limber_clinic_set_paper (clinic, adw_combo_row_get_selected (row) == LIMBER_PAPER_LETTER
                                     ? LIMBER_PAPER_LETTER
                                     : LIMBER_PAPER_A4);
  save (self, clinic);
}

static void
set_logo (LimberClinicPreferencesPage *self,
          GBytes                      *logo)
{
  g_autoptr (LimberClinic) clinic = limber_clinic_copy (self->clinic);

  limber_clinic_set_logo (clinic, logo);
  if (save (self, clinic))
    show_clinic (self);
}

static void
on_logo_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (LimberClinicPreferencesPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));
      /* Translators: the logo file could not be read; the reason follows. */
      g_autofree char *message = g_strdup_printf (_("Could not read %s: %s"), name, error->message);

      show_error (self, message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  if (self->store != NULL)
    set_logo (self, bytes);
}

static void
on_chooser_response_cb (GtkNativeDialog             *chooser,
                        int                          response,
                        LimberClinicPreferencesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_load_contents_async (file, NULL, on_logo_loaded_cb, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_logo_clicked_cb (GtkButton                   *button,
                           LimberClinicPreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Clinic’s Logo"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("PNG or SVG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove_logo_clicked_cb (GtkButton                   *button,
                           LimberClinicPreferencesPage *self)
{
  set_logo (self, NULL);
}

static void
on_store_changed_cb (LimberClinicPreferencesPage *self,
                     const char                  *action)
{
  /* Another window saved the details: show them. This page's own saves leave the
   * rows as they are, with any text not applied yet. */
  if (self->saving || g_strcmp0 (action, "save clinic details") != 0)
    return;
  reload (self);
}

static AdwEntryRow *
add_entry_row (LimberClinicPreferencesPage *self,
               AdwPreferencesGroup         *group,
               const char                  *title,
               GtkInputPurpose              purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  adw_entry_row_set_input_purpose (row, purpose);
  g_signal_connect (row, "apply", G_CALLBACK (on_row_apply_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
build (LimberClinicPreferencesPage *self)
{
  AdwPreferencesGroup *letterhead = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *paper = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr (GtkStringList) papers = gtk_string_list_new (NULL);
  GtkWidget *choose, *box;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Clinic"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "user-home-symbolic");

  adw_preferences_group_set_title (letterhead, _("Letterhead"));
  adw_preferences_group_set_description (letterhead,
                                         _("Printed at the top of every report. Reports "
                                           "work without them; the clinic’s name is then "
                                           "left out."));
  self->rows[FIELD_NAME] = add_entry_row (self, letterhead, _("Clinic Name"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->rows[FIELD_ADDRESS] = add_entry_row (self, letterhead, _("Address"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->rows[FIELD_PHONE] = add_entry_row (self, letterhead, _("Phone"), GTK_INPUT_PURPOSE_PHONE);
  self->rows[FIELD_EMAIL] = add_entry_row (self, letterhead, _("E-mail"), GTK_INPUT_PURPOSE_EMAIL);

  self->logo_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->logo_row), _("Logo"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->remove_logo_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->remove_logo_button, _("Remove the Logo"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_logo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the logo"), -1);
  g_signal_connect (self->remove_logo_button, "clicked", G_CALLBACK (on_remove_logo_clicked_cb), self);
  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_tooltip_text (choose, _("Choose a PNG or SVG Picture"));
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_logo_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->remove_logo_button);
  gtk_box_append (GTK_BOX (box), choose);
  adw_action_row_add_suffix (self->logo_row, box);
  adw_preferences_group_add (letterhead, GTK_WIDGET (self->logo_row));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Why the details were not saved"),
                                  -1);
  adw_preferences_group_add (letterhead, GTK_WIDGET (self->error_label));

  adw_preferences_group_set_title (paper, _("Printing"));
  /* In the order of LimberPaper. */
  gtk_string_list_append (papers, _("A4"));
  gtk_string_list_append (papers, _("Letter"));
  self->paper_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->paper_row), _("Paper Size"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->paper_row),
                               _("For reports saved as PDF and for printing"));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  g_signal_connect (self->paper_row, "notify::selected", G_CALLBACK (on_paper_selected_cb), self);
  adw_preferences_group_add (paper, GTK_WIDGET (self->paper_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), letterhead);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), paper);
}

static void
limber_clinic_preferences_page_constructed (GObject *object)
{
  LimberClinicPreferencesPage *self = LIMBER_CLINIC_PREFERENCES_PAGE (object);

  G_OBJECT_CLASS (limber_clinic_preferences_page_parent_class)->constructed (object);

  g_return_if_fail (LIMBER_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
limber_clinic_preferences_page_dispose (GObject *object)
{
  LimberClinicPreferencesPage *self = LIMBER_CLINIC_PREFERENCES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->clinic);

  G_OBJECT_CLASS (limber_clinic_preferences_page_parent_class)->dispose (object);
}

static void
limber_clinic_preferences_page_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  LimberClinicPreferencesPage *self = LIMBER_CLINIC_PREFERENCES_PAGE (object);

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
limber_clinic_preferences_page_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  LimberClinicPreferencesPage *self = LIMBER_CLINIC_PREFERENCES_PAGE (object);

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
limber_clinic_preferences_page_class_init (LimberClinicPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = limber_clinic_preferences_page_constructed;
  object_class->dispose = limber_clinic_preferences_page_dispose;
  object_class->get_property = limber_clinic_preferences_page_get_property;
  object_class->set_property = limber_clinic_preferences_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_clinic_preferences_page_init (LimberClinicPreferencesPage *self)
{
  build (self);
}

AdwPreferencesPage *
limber_clinic_preferences_page_new (LimberStore *store)
{
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);

  return g_object_new (LIMBER_TYPE_CLINIC_PREFERENCES_PAGE, "store", store, NULL);
}
