/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-patient-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-patient-row.h"

/* A row of the patient list. A list view of GTK 4.8 keeps about two hundred rows,
 * makes one for every patient that comes into them as the user types, and binds
 * each: so a row is one widget without children, which draws its two lines itself
 * and lays their text out only when it is drawn. Its size comes from the fonts
 * alone, as GtkInscription's does. The fonts are those of Adwaita's .heading and
 * .caption styles, the second line dimmed as style.css and style-hc.css dim
 * .dim-label text (for 4.5:1 contrast). */

#define NAME_POINTS      11
#define SUBTITLE_POINTS  9
#define DIM_OPACITY      0.72
#define DIM_OPACITY_HC   0.9
#define LINE_SPACING     2
/* What a long name needs, so that the sidebar keeps its width. */
#define NATURAL_CHARS    28
#define MINIMUM_CHARS    3

struct _LimberPatientRow
{
  GtkWidget      parent_instance;

  /* owned */
  LimberPatient *patient;
  gulong         notify_handler;
  LimberPatientSlot *slot;
  gulong         slot_handler;
  char          *subtitle;
  PangoLayout   *name_layout;      /* NULL until drawn after a change */
  PangoLayout   *subtitle_layout;
};

G_DEFINE_FINAL_TYPE (LimberPatientRow, limber_patient_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sizes of the two fonts, the same for every row: measured once per font of
 * the widgets (the desktop's font and its scaling). */
typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   name_height;
  int                   subtitle_height;
  int                   char_width;
} RowMetrics;

static RowMetrics row_metrics;

static PangoFontDescription *
limber_patient_row_create_font (GtkWidget *widget,
                                gboolean   name)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_size (font, (name ? NAME_POINTS : SUBTITLE_POINTS) * PANGO_SCALE);
  pango_font_description_set_weight (font, name ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

/* Compared, not printed: a list view measures every row it makes. */
static const RowMetrics *
limber_patient_row_get_metrics (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (row_metrics.font == NULL || row_metrics.resolution != resolution
      || !pango_font_description_equal (row_metrics.font, font))
    {
      g_autoptr(PangoFontDescription) name_font = limber_patient_row_create_font (widget, TRUE);
      g_autoptr(PangoFontDescription) subtitle_font = limber_patient_row_create_font (widget, FALSE);
      PangoFontMetrics *name_metrics = pango_context_get_metrics (context, name_font, NULL);
      PangoFontMetrics *subtitle_metrics = pango_context_get_metrics (context, subtitle_font, NULL);

      g_clear_pointer (&row_metrics.font, pango_font_description_free);
      row_metrics.font = pango_font_description_copy (font);
      row_metrics.resolution = resolution;
      row_metrics.name_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (name_metrics));
      row_metrics.subtitle_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (subtitle_metrics));
      row_metrics.char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (name_metrics));
      pango_font_metrics_unref (name_metrics);
      pango_font_metrics_unref (subtitle_metrics);
    }
  return &row_metrics;
}

static void
limber_patient_row_drop_layouts (LimberPatientRow *self)
{
  g_clear_object (&self->name_layout);
  g_clear_object (&self->subtitle_layout);
}

static PangoLayout *
limber_patient_row_create_layout (LimberPatientRow *self,
                                  const char       *text,
                                  gboolean          name)
{
  g_autoptr(PangoFontDescription) font = limber_patient_row_create_font (GTK_WIDGET (self), name);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  return layout;
}

static void
limber_patient_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  const RowMetrics *metrics = limber_patient_row_get_metrics (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MINIMUM_CHARS * metrics->char_width;
      *natural = NATURAL_CHARS * metrics->char_width;
    }
  else
    {
      *minimum = *natural = metrics->name_height + LINE_SPACING + metrics->subtitle_height;
    }
}

static void
limber_patient_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (widget);

  if (self->name_layout != NULL)
    pango_layout_set_width (self->name_layout, width * PANGO_SCALE);
  if (self->subtitle_layout != NULL)
    pango_layout_set_width (self->subtitle_layout, width * PANGO_SCALE);
}

static void
limber_patient_row_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (widget);
  const RowMetrics *metrics = limber_patient_row_get_metrics (widget);
  GdkRGBA color;
  GdkRGBA dim;

  if (self->patient == NULL)
    return;

  if (self->name_layout == NULL)
    self->name_layout = limber_patient_row_create_layout (self, limber_patient_get_name (self->patient),
                                                          TRUE);
  if (self->subtitle_layout == NULL)
    self->subtitle_layout = limber_patient_row_create_layout (self, self->subtitle, FALSE);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
                 ? DIM_OPACITY_HC : DIM_OPACITY;

  gtk_snapshot_append_layout (snapshot, self->name_layout, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (0, metrics->name_height + LINE_SPACING));
  gtk_snapshot_append_layout (snapshot, self->subtitle_layout, &dim);
  gtk_snapshot_restore (snapshot);
}

/* A new font or text direction: the text is laid out again. */
static void
limber_patient_row_system_setting_changed (GtkWidget         *widget,
                                           GtkSystemSetting   setting)
{
  limber_patient_row_drop_layouts (LIMBER_PATIENT_ROW (widget));
  GTK_WIDGET_CLASS (limber_patient_row_parent_class)->system_setting_changed (widget, setting);
}

static void
limber_patient_row_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous_direction)
{
  limber_patient_row_drop_layouts (LIMBER_PATIENT_ROW (widget));
  GTK_WIDGET_CLASS (limber_patient_row_parent_class)->direction_changed (widget, previous_direction);
}

char *
limber_patient_row_format_subtitle (LimberPatient *patient)
{
  const char *birth_date;
  g_autofree char *birth_display = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), NULL);

  birth_date = limber_patient_get_birth_date (patient);
  if (birth_date == NULL || birth_date[0] == '\0')
    /* Translators: MRN is the chart number (medical record number). */
    subtitle = g_strdup_printf (_("MRN %s"), limber_patient_get_mrn (patient));
  else
    {
      birth_display = limber_date_format_for_display (birth_date);
      /* Translators: chart number and birth date, e.g. "MRN 1001 · born 12 Mar 1980". */
      subtitle = g_strdup_printf (_("MRN %s · born %s"), limber_patient_get_mrn (patient),
                                  birth_display);
    }

  if (!limber_patient_get_archived (patient))
    return g_steal_pointer (&subtitle);

  /* Translators: a patient's subtitle when they are archived (out of the list). */
  return g_strdup_printf (_("%s · archived"), subtitle);
}

char *
limber_patient_row_format_accessible_label (LimberPatient *patient)
{
  const char *birth_date;
  g_autofree char *birth_display = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (LIMBER_IS_PATIENT (patient), NULL);

  /* Words rather than the abbreviations and dots of the row, which a screen reader
   * would spell out. */
  birth_date = limber_patient_get_birth_date (patient);
  if (birth_date == NULL || birth_date[0] == '\0')
    /* Translators: what a screen reader says for a patient in the list: the name and
     * the chart number, e.g. "Anna Müller, chart number 1001". */
    label = g_strdup_printf (_("%s, chart number %s"), limber_patient_get_name (patient),
                             limber_patient_get_mrn (patient));
  else
    {
      birth_display = limber_date_format_for_display (birth_date);
      /* Translators: what a screen reader says for a patient in the list, e.g.
       * "Anna Müller, chart number 1001, born 12 Mar 1980". */
      label = g_strdup_printf (_("%s, chart number %s, born %s"),
                               limber_patient_get_name (patient),
                               limber_patient_get_mrn (patient), birth_display);
    }

  if (!limber_patient_get_archived (patient))
    return g_steal_pointer (&label);

  /* Translators: what a screen reader adds for an archived patient in the list. */
  return g_strdup_printf (_("%s, archived"), label);
}

/* The texts of a patient as last formatted, with what they were formatted from: a
 * patient who comes back into the list as the user types is not formatted again. */
typedef struct
{
  char     *name;
  char     *mrn;
  char     *birth_date;
  gboolean  archived;
  char     *subtitle;
  char     *accessible_label;
} TextCache;

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_free (cache->name);
  g_free (cache->mrn);
  g_free (cache->birth_date);
  g_free (cache->subtitle);
  g_free (cache->accessible_label);
  g_free (cache);
}

static const TextCache *
limber_patient_row_get_texts (LimberPatient *patient)
{
  static GQuark quark;
  TextCache *cache;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("limber-patient-row-texts");

  cache = g_object_get_qdata (G_OBJECT (patient), quark);
  if (cache == NULL || g_strcmp0 (cache->name, limber_patient_get_name (patient)) != 0
      || g_strcmp0 (cache->mrn, limber_patient_get_mrn (patient)) != 0
      || g_strcmp0 (cache->birth_date, limber_patient_get_birth_date (patient)) != 0
      || cache->archived != limber_patient_get_archived (patient))
    {
      cache = g_new0 (TextCache, 1);
      cache->name = g_strdup (limber_patient_get_name (patient));
      cache->mrn = g_strdup (limber_patient_get_mrn (patient));
      cache->birth_date = g_strdup (limber_patient_get_birth_date (patient));
      cache->archived = limber_patient_get_archived (patient);
      cache->subtitle = limber_patient_row_format_subtitle (patient);
      cache->accessible_label = limber_patient_row_format_accessible_label (patient);
      g_object_set_qdata_full (G_OBJECT (patient), quark, cache, text_cache_free);
    }
  return cache;
}

/* A list item of GTK 4.8 has no name of its own, and a screen reader names it by
 * its label alone: the row names the item it is in with everything it shows. */
static void
limber_patient_row_name_list_item (LimberPatientRow *self,
                                   const char       *label)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent == NULL
      || gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    return;

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
limber_patient_row_update (LimberPatientRow *self)
{
  g_clear_pointer (&self->subtitle, g_free);
  limber_patient_row_drop_layouts (self);

  if (self->patient != NULL)
    {
      const TextCache *texts = limber_patient_row_get_texts (self->patient);

      self->subtitle = g_strdup (texts->subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      limber_patient_get_name (self->patient),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->subtitle,
                                      -1);
      limber_patient_row_name_list_item (self, texts->accessible_label);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      limber_patient_row_name_list_item (self, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A reload gives the patient new values in place. */
static void
on_patient_notify_cb (LimberPatientRow *self,
                      GParamSpec       *pspec,
                      LimberPatient    *patient)
{
  limber_patient_row_update (self);
}

LimberPatient *
limber_patient_row_get_patient (LimberPatientRow *self)
{
  g_return_val_if_fail (LIMBER_IS_PATIENT_ROW (self), NULL);

  return self->patient;
}

void
limber_patient_row_set_patient (LimberPatientRow *self,
                                LimberPatient    *patient)
{
  g_return_if_fail (LIMBER_IS_PATIENT_ROW (self));
  g_return_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient));

  if (self->patient == patient)
    return;

  if (self->patient != NULL)
    g_clear_signal_handler (&self->notify_handler, self->patient);
  g_set_object (&self->patient, patient);
  /* The row holds the patient and lets go of the handler before it. */
  if (patient != NULL)
    self->notify_handler = g_signal_connect_swapped (patient, "notify",
                                                     G_CALLBACK (on_patient_notify_cb), self);

  limber_patient_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

static void
on_slot_patient_cb (LimberPatientRow  *self,
                    GParamSpec        *pspec,
                    LimberPatientSlot *slot)
{
  limber_patient_row_set_patient (self, limber_patient_slot_get_patient (slot));
}

void
limber_patient_row_set_slot (LimberPatientRow  *self,
                             LimberPatientSlot *slot)
{
  g_return_if_fail (LIMBER_IS_PATIENT_ROW (self));
  g_return_if_fail (slot == NULL || LIMBER_IS_PATIENT_SLOT (slot));

  if (self->slot == slot)
    return;

  if (self->slot != NULL)
    g_clear_signal_handler (&self->slot_handler, self->slot);
  g_set_object (&self->slot, slot);
  if (slot != NULL)
    self->slot_handler = g_signal_connect_swapped (slot, "notify::patient",
                                                   G_CALLBACK (on_slot_patient_cb), self);

  limber_patient_row_set_patient (self, slot != NULL ? limber_patient_slot_get_patient (slot) : NULL);
}

static void
limber_patient_row_dispose (GObject *object)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  if (self->slot != NULL)
    g_clear_signal_handler (&self->slot_handler, self->slot);
  g_clear_object (&self->slot);

  if (self->patient != NULL)
    g_clear_signal_handler (&self->notify_handler, self->patient);
  g_clear_object (&self->patient);
  limber_patient_row_drop_layouts (self);

  G_OBJECT_CLASS (limber_patient_row_parent_class)->dispose (object);
}

static void
limber_patient_row_finalize (GObject *object)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (limber_patient_row_parent_class)->finalize (object);
}

static void
limber_patient_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LimberPatientRow *self = LIMBER_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      limber_patient_row_set_patient (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_patient_row_class_init (LimberPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_patient_row_dispose;
  object_class->finalize = limber_patient_row_finalize;
  object_class->get_property = limber_patient_row_get_property;
  object_class->set_property = limber_patient_row_set_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL,
                         LIMBER_TYPE_PATIENT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = limber_patient_row_measure;
  widget_class->size_allocate = limber_patient_row_size_allocate;
  widget_class->snapshot = limber_patient_row_snapshot;
  widget_class->system_setting_changed = limber_patient_row_system_setting_changed;
  widget_class->direction_changed = limber_patient_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "patient-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
limber_patient_row_init (LimberPatientRow *self)
{
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
}

GtkWidget *
limber_patient_row_new (void)
{
  return g_object_new (LIMBER_TYPE_PATIENT_ROW, NULL);
}
