/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-text-row"

#include "config.h"

#include "limber-text-row.h"
#include "limber-text.h"
#include "limber-title-layout.h"

/* What the style sheet puts between an action row's title and subtitle
 * (`box.title { border-spacing: 3px }`), which only GtkBoxLayout reads. */
#define ROW_TITLE_SPACING 3

struct _LimberTextRow
{
  AdwPreferencesRow parent_instance;

  /* borrowed: children */
  GtkWidget    *prefixes;
  GtkWidget    *title;
  GtkWidget    *subtitle;
  GtkWidget    *suffixes;
};

G_DEFINE_FINAL_TYPE (LimberTextRow, limber_text_row, ADW_TYPE_PREFERENCES_ROW)

static GtkWidget *
create_text (const char *css_class)
{
  GtkWidget *text = limber_text_new (NULL);

  limber_text_set_wrap (LIMBER_TEXT (text), TRUE);
  limber_text_set_xalign (LIMBER_TEXT (text), 0);
  gtk_widget_add_css_class (text, css_class);
  return text;
}

static void
limber_text_row_class_init (LimberTextRowClass *klass)
{
}

/* AdwActionRow's nodes: row > box.header > box.prefixes, box.title (label.title,
 * label.subtitle), box.suffixes. */
static void
limber_text_row_init (LimberTextRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (header, FALSE);
  gtk_widget_add_css_class (header, "header");

  self->prefixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->prefixes, "prefixes");
  gtk_widget_set_visible (self->prefixes, FALSE);
  gtk_box_append (GTK_BOX (header), self->prefixes);

  /* A column that never asks its texts their width for a height (see
   * LimberTitleLayout). */
  gtk_widget_set_layout_manager (title_box, limber_title_layout_new (ROW_TITLE_SPACING));
  gtk_widget_set_valign (title_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_widget_add_css_class (title_box, "title");
  self->title = create_text ("title");
  self->subtitle = create_text ("subtitle");
  gtk_box_append (GTK_BOX (title_box), self->title);
  gtk_box_append (GTK_BOX (title_box), self->subtitle);
  gtk_box_append (GTK_BOX (header), title_box);

  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->suffixes, "suffixes");
  gtk_widget_set_visible (self->suffixes, FALSE);
  gtk_box_append (GTK_BOX (header), self->suffixes);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);

  /* Read as the title, then the subtitle, as an action row is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);
}

GtkWidget *
limber_text_row_new (const char *title,
                     const char *subtitle)
{
  LimberTextRow *self = g_object_new (LIMBER_TYPE_TEXT_ROW, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  limber_text_set_text (LIMBER_TEXT (self->title), title);
  gtk_widget_set_visible (self->title, title != NULL && title[0] != '\0');
  limber_text_set_text (LIMBER_TEXT (self->subtitle), subtitle);
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && subtitle[0] != '\0');

  return GTK_WIDGET (self);
}

const char *
limber_text_row_get_subtitle (LimberTextRow *self)
{
  g_return_val_if_fail (LIMBER_IS_TEXT_ROW (self), NULL);

  return limber_text_get_text (LIMBER_TEXT (self->subtitle));
}

void
limber_text_row_add_prefix (LimberTextRow *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (LIMBER_IS_TEXT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_prepend (GTK_BOX (self->prefixes), widget);
  gtk_widget_set_visible (self->prefixes, TRUE);
}

void
limber_text_row_add_suffix (LimberTextRow *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (LIMBER_IS_TEXT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
  gtk_widget_set_visible (self->suffixes, TRUE);
}
