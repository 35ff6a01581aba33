/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-preferences-window.h"
#include "limber-backups-page.h"
#include "limber-clinic-preferences-page.h"
#include "limber-therapists-page.h"

struct _LimberPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* owned */
  LimberStore          *store;
};

G_DEFINE_FINAL_TYPE (LimberPreferencesWindow, limber_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pages in the order they are shown. Each is an AdwPreferencesPage with a
 * construct-only "store" property. */
static void
limber_preferences_window_add_pages (LimberPreferencesWindow *self)
{
  GType page_types[] = {
    LIMBER_TYPE_THERAPISTS_PAGE,
    LIMBER_TYPE_CLINIC_PREFERENCES_PAGE,
    LIMBER_TYPE_BACKUPS_PAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      AdwPreferencesPage *page = g_object_new (page_types[i], "store", self->store, NULL);

      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
    }
}

/* libadwaita 1.2 builds the search field and its list of results without names;
 * the results are the lists of its own page, a plain AdwPreferencesPage beside ours. */
static void
limber_preferences_window_name_search (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_PAGE (widget) && G_OBJECT_TYPE (widget) != ADW_TYPE_PREFERENCES_PAGE)
    return;

  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search preferences"), -1);
  else if (GTK_IS_LIST_BOX (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Preferences found"), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    limber_preferences_window_name_search (child);
}

static void
limber_preferences_window_constructed (GObject *object)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (limber_preferences_window_parent_class)->constructed (object);

  limber_preferences_window_add_pages (self);
  limber_preferences_window_name_search (GTK_WIDGET (self));
}

static void
limber_preferences_window_dispose (GObject *object)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (limber_preferences_window_parent_class)->dispose (object);
}

static void
limber_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

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
limber_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

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
limber_preferences_window_class_init (LimberPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_preferences_window_constructed;
  object_class->dispose = limber_preferences_window_dispose;
  object_class->get_property = limber_preferences_window_get_property;
  object_class->set_property = limber_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIMBER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/limberapp/Limber/limber-preferences-window.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
limber_preferences_window_init (LimberPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LimberPreferencesWindow *
limber_preferences_window_new (GtkWindow   *parent,
                               LimberStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);

  return g_object_new (LIMBER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

LimberStore *
limber_preferences_window_get_store (LimberPreferencesWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}
