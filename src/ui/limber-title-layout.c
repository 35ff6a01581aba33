/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-title-layout"

#include "config.h"

#include "limber-title-layout.h"

/* What the style sheet puts between a preferences group's title and description
 * (`preferencesgroup > box .labels { border-spacing: 6px }`), which only GtkBoxLayout
 * reads. */
#define GROUP_LABELS_SPACING 6

struct _LimberTitleLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (LimberTitleLayout, limber_title_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
limber_title_layout_get_request_mode (GtkLayoutManager *manager,
                                      GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
limber_title_layout_measure (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             GtkOrientation    orientation,
                             int               for_size,
                             int              *minimum,
                             int              *natural,
                             int              *minimum_baseline,
                             int              *natural_baseline)
{
  LimberTitleLayout *self = LIMBER_TITLE_LAYOUT (manager);
  guint n_children = 0;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The widest child, whatever the height. */
          gtk_widget_measure (child, orientation, -1, &child_minimum, &child_natural, NULL, NULL);
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      else
        {
          int child_minimum_baseline, child_natural_baseline;

          gtk_widget_measure (child, orientation, for_size, &child_minimum, &child_natural,
                              &child_minimum_baseline, &child_natural_baseline);
          if (n_children == 0)
            {
              *minimum_baseline = child_minimum_baseline;
              *natural_baseline = child_natural_baseline;
            }
          *minimum += child_minimum;
          *natural += child_natural;
        }
      n_children++;
    }

  /* A single child's baseline is the column's, so that it can stand in for the
   * child in a row aligned on baselines; a vertical GtkBox has none either. */
  if (n_children != 1)
    *minimum_baseline = *natural_baseline = -1;

  if (orientation == GTK_ORIENTATION_VERTICAL && n_children > 1)
    {
      *minimum += (n_children - 1) * self->spacing;
      *natural += (n_children - 1) * self->spacing;
    }
}

static void
limber_title_layout_allocate (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              int               width,
                              int               height,
                              int               baseline)
{
  LimberTitleLayout *self = LIMBER_TITLE_LAYOUT (manager);
  GtkWidget *first = gtk_widget_get_first_child (widget);
  int y = 0;

  /* A single child has all the space, as in a bin, and aligns itself in it. */
  if (first != NULL && gtk_widget_get_next_sibling (first) == NULL)
    {
      if (gtk_widget_should_layout (first))
        gtk_widget_size_allocate (first, &(GtkAllocation) { 0, 0, width, height }, baseline);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height + self->spacing;
    }
}

static void
limber_title_layout_class_init (LimberTitleLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = limber_title_layout_get_request_mode;
  manager_class->measure = limber_title_layout_measure;
  manager_class->allocate = limber_title_layout_allocate;
}

static void
limber_title_layout_init (LimberTitleLayout *self)
{
}

GtkLayoutManager *
limber_title_layout_new (int spacing)
{
  LimberTitleLayout *self = g_object_new (LIMBER_TYPE_TITLE_LAYOUT, NULL);

  self->spacing = MAX (spacing, 0);
  return GTK_LAYOUT_MANAGER (self);
}

void
limber_title_layout_apply_to_group (AdwPreferencesGroup *group)
{
  GtkWidget *box;
  GtkWidget *header;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  /* The nodes the group documents: box > box.header, which holds box.labels (the
   * title and the description) and the header suffix. */
  box = gtk_widget_get_first_child (GTK_WIDGET (group));
  header = box != NULL ? gtk_widget_get_first_child (box) : NULL;
  if (header == NULL || !gtk_widget_has_css_class (header, "header"))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (header); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "labels"))
      {
        gtk_widget_set_layout_manager (child, limber_title_layout_new (GROUP_LABELS_SPACING));
        return;
      }
}
