/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-in-view"

#include "config.h"

#include "limber-in-view.h"

/* The scroll position a widget left undrawn watches, and whether it is undrawn. */
typedef struct
{
  GtkAdjustment *adjustment;
  gboolean       undrawn;
} InView;

static GQuark
in_view_quark (void)
{
  return g_quark_from_static_string ("limber-in-view");
}

static void
in_view_free (gpointer data)
{
  InView *in_view = data;

  g_clear_object (&in_view->adjustment);
  g_free (in_view);
}

/* Whether any of the widget is within the view, from the page's scroll position,
 * which is up to date before the page is laid out again. */
static gboolean
is_in_view (GtkWidget      *widget,
            GtkAdjustment **adjustment)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  GtkWidget *content = viewport != NULL ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;
  double top;

  *adjustment = NULL;
  if (content == NULL)
    return TRUE;

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  if (vadjustment == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return TRUE;

  *adjustment = vadjustment;
  top = gtk_adjustment_get_value (vadjustment);
  return bounds.origin.y < top + gtk_adjustment_get_page_size (vadjustment)
         && bounds.origin.y + bounds.size.height > top;
}

static void
on_view_moved_cb (GtkWidget *widget)
{
  InView *in_view = g_object_get_qdata (G_OBJECT (widget), in_view_quark ());
  GtkAdjustment *adjustment;

  if (in_view != NULL && in_view->undrawn && is_in_view (widget, &adjustment))
    gtk_widget_queue_draw (widget);
}

gboolean
limber_widget_draws_in_view (GtkWidget *widget)
{
  InView *in_view;
  GtkAdjustment *adjustment;
  gboolean shown;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), TRUE);

  shown = is_in_view (widget, &adjustment);
  in_view = g_object_get_qdata (G_OBJECT (widget), in_view_quark ());
  if (in_view == NULL && shown)
    return TRUE;

  if (in_view == NULL)
    {
      in_view = g_new0 (InView, 1);
      g_object_set_qdata_full (G_OBJECT (widget), in_view_quark (), in_view, in_view_free);
    }

  in_view->undrawn = !shown;
  if (adjustment != NULL && adjustment != in_view->adjustment)
    {
      g_set_object (&in_view->adjustment, adjustment);
      /* Scrolled, or the view grown; connected while the widget lives. */
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_view_moved_cb), widget,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_view_moved_cb), widget,
                               G_CONNECT_SWAPPED);
    }

  return shown;
}
