/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-date-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "limber-date-input.h"
#include "limber-date-row.h"

struct _LimberDateRow
{
  AdwEntryRow     parent_instance;

  /* child widgets */
  GtkLabel       *words_label;
  GtkMenuButton  *calendar_button;
  GtkCalendar    *calendar;

  /* owned */
  char           *date;
  gboolean        valid;

  /* set while the calendar writes the text, so that the calendar is not moved back */
  gboolean        picking;
};

G_DEFINE_FINAL_TYPE (LimberDateRow, limber_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limber_date_row_update (LimberDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *date = limber_date_parse_input (text, limber_date_get_locale_order ());
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean valid = date != NULL || stripped[0] == '\0';

  if (date != NULL)
    {
      g_autofree char *words = limber_date_format_in_words (date);

      gtk_label_set_label (self->words_label, words);
    }
  else if (stripped[0] != '\0')
    {
      g_autofree char *hint = limber_date_get_locale_hint ();
      g_autofree char *message = NULL;

      /* Translators: %s is what to type, e.g. DD/MM/YYYY. */
      message = g_strdup_printf (_("Not a date: type %s"), hint);
      gtk_label_set_label (self->words_label, message);
    }
  else
    gtk_label_set_label (self->words_label, "");

  gtk_widget_set_visible (GTK_WIDGET (self->words_label), stripped[0] != '\0');

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");

  if (g_strcmp0 (self->date, date) != 0)
    {
      g_free (self->date);
      self->date = g_steal_pointer (&date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
on_changed_cb (LimberDateRow *self)
{
  limber_date_row_update (self);
}

static void
on_day_selected_cb (LimberDateRow *self,
                    GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (picked, "%Y-%m-%d");

  if (self->picking)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_menu_button_popdown (self->calendar_button);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The calendar opens on the day typed, or today. */
static void
on_calendar_shown_cb (LimberDateRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  int year, month, dom;

  if (self->date != NULL && sscanf (self->date, "%4d-%2d-%2d", &year, &month, &dom) == 3)
    day = g_date_time_new_local (year, month, dom, 12, 0, 0);
  if (day == NULL)
    day = g_date_time_new_now_local ();

  self->picking = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->picking = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* Escape in the calendar: typing goes on in the field, as the button takes no
 * focus; a click elsewhere keeps the focus where it went. */
static void
on_calendar_closed_cb (LimberDateRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->calendar_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Alt+Down, as a drop-down opens: the calendar without a Tab stop of its own. */
static void
limber_date_row_calendar_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LimberDateRow *self = LIMBER_DATE_ROW (widget);

  gtk_menu_button_popup (self->calendar_button);
}

static void
limber_date_row_finalize (GObject *object)
{
  LimberDateRow *self = LIMBER_DATE_ROW (object);

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (limber_date_row_parent_class)->finalize (object);
}

static void
limber_date_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LimberDateRow *self = LIMBER_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_date_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LimberDateRow *self = LIMBER_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      limber_date_row_set_date (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_date_row_class_init (LimberDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = limber_date_row_finalize;
  object_class->get_property = limber_date_row_get_property;
  object_class->set_property = limber_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "date-row.calendar", NULL,
                                   limber_date_row_calendar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "date-row.calendar", NULL);
}

static void
limber_date_row_init (LimberDateRow *self)
{
  g_autofree char *keys = gtk_accelerator_get_label (GDK_KEY_Down, GDK_ALT_MASK);
  g_autofree char *tooltip = NULL;
  GtkWidget *popover;

  self->valid = TRUE;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->words_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->words_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->words_label, 20);
  gtk_widget_set_visible (GTK_WIDGET (self->words_label), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->words_label), "date-words");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->words_label));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_object (popover, "show", G_CALLBACK (on_calendar_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_calendar_closed_cb), self,
                           G_CONNECT_SWAPPED);

  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  /* Tab goes from field to field; the calendar opens with Alt+Down or a click. */
  gtk_widget_set_focusable (gtk_widget_get_first_child (GTK_WIDGET (self->calendar_button)),
                            FALSE);
  gtk_widget_set_focus_on_click (gtk_widget_get_first_child (GTK_WIDGET (self->calendar_button)),
                                 FALSE);
  /* Translators: %s is the key that opens the calendar, e.g. "Alt+Down". */
  tooltip = g_strdup_printf (_("Choose From a Calendar (%s)"), keys);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose from a calendar"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down",
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->calendar_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Down",
                                  -1);

  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);

}

GtkWidget *
limber_date_row_new (void)
{
  return g_object_new (LIMBER_TYPE_DATE_ROW, NULL);
}

const char *
limber_date_row_get_date (LimberDateRow *self)
{
  g_return_val_if_fail (LIMBER_IS_DATE_ROW (self), NULL);

  return self->date;
}

void
limber_date_row_set_date (LimberDateRow *self,
                          const char    *date)
{
  g_return_if_fail (LIMBER_IS_DATE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self), date != NULL ? date : "");
}

gboolean
limber_date_row_get_valid (LimberDateRow *self)
{
  g_return_val_if_fail (LIMBER_IS_DATE_ROW (self), FALSE);

  return self->valid;
}

const char *
limber_date_row_get_words (LimberDateRow *self)
{
  g_return_val_if_fail (LIMBER_IS_DATE_ROW (self), NULL);

  return gtk_label_get_label (self->words_label);
}
