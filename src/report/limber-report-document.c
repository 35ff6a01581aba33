/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "limber-file.h"
#include "limber-report-document.h"

/* Geometry in points (1/72 inch) and type sizes in points. */
#define MARGIN_SIDE        (18.0 / 25.4 * 72.0)
#define MARGIN_TOP         (14.0 / 25.4 * 72.0)
#define MARGIN_BOTTOM      (14.0 / 25.4 * 72.0)
#define LOGO_MAX_HEIGHT    48.0
#define LOGO_MAX_WIDTH     140.0
#define CELL_PAD_X         3.5
#define CELL_PAD_Y         2.5
#define BASE_SIZE          9.5
#define BASE_SIZE_LARGE    13.0

/* Cantarell is GNOME's own face and is installed with Limber; fontconfig falls back
 * to another face (WenQuanYi for Chinese, Japanese and Korean names) for any
 * character it lacks. */
#define FONT_FAMILY "Cantarell, DejaVu Sans, WenQuanYi Micro Hei, sans-serif"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_font_options_t, cairo_font_options_destroy)

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.13, 0.14, 0.16 };
static const Rgb ink_soft = { 0.38, 0.40, 0.44 };
static const Rgb accent = { 0.12, 0.32, 0.52 };
static const Rgb band = { 0.93, 0.95, 0.97 };
static const Rgb header_fill = { 0.88, 0.91, 0.94 };
static const Rgb zebra = { 0.965, 0.972, 0.98 };
static const Rgb rule = { 0.78, 0.81, 0.85 };

typedef enum
{
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_TEXT,
  BLOCK_FIELDS,
  BLOCK_TABLE,
  BLOCK_DRAWING,
  BLOCK_SIGNATURE,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  char              *title;
  char              *group;
  double             share;
  LimberReportAlign  align;
  /* laid out */
  double             x;
  double             width;
  PangoLayout       *layout;
} Column;

typedef struct
{
  char        **cells;
  gboolean      total;
  /* laid out */
  PangoLayout **layouts;
  double        height;
} Row;

/* One column group above the header: the columns [first, last] share its title. */
typedef struct
{
  guint        first;
  guint        last;
  PangoLayout *layout;
} Group;

typedef struct
{
  BlockKind             kind;

  /* heading, subheading, text: markup; signature: the signer */
  char                 *text;
  char                 *date_label;
  double                space;        /* BLOCK_SPACE, or the drawing's height */

  GPtrArray            *fields;       /* Row, two cells each */
  GArray               *columns;      /* Column */
  GPtrArray            *rows;         /* Row */
  char                 *caption;      /* the heading a continued table repeats */

  LimberReportDrawFunc  draw;
  gpointer              draw_data;
  GDestroyNotify        draw_destroy;

  /* laid out */
  PangoLayout          *layout;
  PangoLayout          *caption_layout;
  GArray               *line_tops;    /* double, one more than the lines: the bottom */
  GArray               *groups;       /* Group */
  double                header_height;
  double                group_height;
  double                label_width;
  /* What must follow the last line on its page: the signature after a text (a page
   * with the signature alone could be put with any other document). */
  double                keep_tail;
  /* What of the next block must start on this one's page: a drawing's words. */
  double                keep_next;
} Block;

/* What one page shows of a block: lines, fields or rows [first, last). */
typedef struct
{
  Block    *block;
  guint     first;
  guint     last;
  double    y;
  gboolean  continued;
} Piece;

struct _LimberReportDocument
{
  GObject       parent_instance;

  /* owned */
  LimberClinic *clinic;
  char         *title;
  char         *identification;
  char         *footer_note;
  GDateTime    *creation_date;
  GPtrArray    *blocks;          /* Block */
  double        base_size;

  /* laid out */
  PangoFontMap *font_map;
  PangoContext *context;
  GArray       *pages;           /* GArray of Piece, one per page */
  double        paper_width;
  double        paper_height;
  double        first_top;       /* where the flow starts on the first page */
  double        other_top;       /* … and on the others */
  double        bottom;
  cairo_surface_t *logo_png;
  RsvgHandle   *logo_svg;
  double        logo_width;
  double        logo_height;
  PangoLayout  *letterhead;
  PangoLayout  *title_layout;
  PangoLayout  *running_head;
  PangoLayout  *identification_layout;
};

G_DEFINE_FINAL_TYPE (LimberReportDocument, limber_report_document, G_TYPE_OBJECT)

static void
row_free (gpointer data)
{
  Row *row = data;

  if (row->layouts != NULL)
    for (guint i = 0; row->cells[i] != NULL; i++)
      g_clear_object (&row->layouts[i]);
  g_free (row->layouts);
  g_strfreev (row->cells);
  g_free (row);
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->title);
  g_free (column->group);
  g_clear_object (&column->layout);
}

static void
group_clear (gpointer data)
{
  Group *group = data;

  g_clear_object (&group->layout);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->date_label);
  g_free (block->caption);
  g_clear_pointer (&block->fields, g_ptr_array_unref);
  g_clear_pointer (&block->columns, g_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->line_tops, g_array_unref);
  g_clear_pointer (&block->groups, g_array_unref);
  g_clear_object (&block->layout);
  g_clear_object (&block->caption_layout);
  if (block->draw_destroy != NULL)
    block->draw_destroy (block->draw_data);
  g_free (block);
}

static void
limber_report_document_finalize (GObject *object)
{
  LimberReportDocument *self = (LimberReportDocument *)object;

  g_clear_object (&self->clinic);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->identification, g_free);
  g_clear_pointer (&self->footer_note, g_free);
  g_clear_pointer (&self->creation_date, g_date_time_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->logo_png, cairo_surface_destroy);
  g_clear_object (&self->logo_svg);
  g_clear_object (&self->letterhead);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->running_head);
  g_clear_object (&self->identification_layout);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (limber_report_document_parent_class)->finalize (object);
}

static void
limber_report_document_class_init (LimberReportDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = limber_report_document_finalize;
}

static void
limber_report_document_init (LimberReportDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->base_size = BASE_SIZE;
}

LimberReportDocument *
limber_report_document_new (LimberClinic *clinic,
                            const char   *title)
{
  LimberReportDocument *self;

  g_return_val_if_fail (clinic == NULL || LIMBER_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_REPORT_DOCUMENT, NULL);
  self->clinic = clinic != NULL ? g_object_ref (clinic) : limber_clinic_new ();
  self->title = g_strdup (title);
  limber_paper_get_size (limber_clinic_get_paper (self->clinic),
                         &self->paper_width, &self->paper_height);

  return self;
}

const char *
limber_report_document_get_title (LimberReportDocument *self)
{
  g_return_val_if_fail (LIMBER_IS_REPORT_DOCUMENT (self), NULL);

  return self->title;
}

void
limber_report_document_set_identification (LimberReportDocument *self,
                                           const char           *text)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  g_free (self->identification);
  self->identification = g_strdup (text);
}

void
limber_report_document_set_footer_note (LimberReportDocument *self,
                                        const char           *text)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  g_free (self->footer_note);
  self->footer_note = g_strdup (text);
}

void
limber_report_document_set_large_type (LimberReportDocument *self,
                                       gboolean              large_type)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  self->base_size = large_type ? BASE_SIZE_LARGE : BASE_SIZE;
}

void
limber_report_document_set_creation_date (LimberReportDocument *self,
                                          GDateTime            *date)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->creation_date, g_date_time_unref);
  self->creation_date = g_date_time_ref (date);
}

void
limber_report_document_get_paper_size (LimberReportDocument *self,
                                       double               *width,
                                       double               *height)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));

  if (width != NULL)
    *width = self->paper_width;
  if (height != NULL)
    *height = self->paper_height;
}

/* ----- Adding blocks ----- */

static Block *
add_block (LimberReportDocument *self,
           BlockKind             kind)
{
  Block *block = g_new0 (Block, 1);

  g_return_val_if_fail (self->pages == NULL, block);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Block *
last_block (LimberReportDocument *self)
{
  if (self->blocks->len == 0)
    return NULL;
  return g_ptr_array_index (self->blocks, self->blocks->len - 1);
}

void
limber_report_document_add_heading (LimberReportDocument *self,
                                    const char           *text)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_HEADING)->text = g_markup_escape_text (text, -1);
}

void
limber_report_document_add_subheading (LimberReportDocument *self,
                                       const char           *text)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_SUBHEADING)->text = g_markup_escape_text (text, -1);
}

void
limber_report_document_add_paragraph (LimberReportDocument *self,
                                      const char           *text)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_TEXT)->text = g_markup_escape_text (text, -1);
}

void
limber_report_document_add_markup (LimberReportDocument *self,
                                   const char           *markup)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  add_block (self, BLOCK_TEXT)->text = g_strdup (markup);
}

void
limber_report_document_add_field (LimberReportDocument *self,
                                  const char           *label,
                                  const char           *value)
{
  Block *block;
  Row *row;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (label != NULL);

  block = last_block (self);
  if (block == NULL || block->kind != BLOCK_FIELDS)
    {
      block = add_block (self, BLOCK_FIELDS);
      block->fields = g_ptr_array_new_with_free_func (row_free);
    }

  row = g_new0 (Row, 1);
  row->cells = g_new0 (char *, 3);
  row->cells[0] = g_strdup (label);
  row->cells[1] = g_strdup (value != NULL ? value : "");
  g_ptr_array_add (block->fields, row);
}

/* The text of the last heading or subheading, which a continued table repeats. */
static const char *
current_caption (LimberReportDocument *self)
{
  for (guint i = self->blocks->len; i > 0; i--)
    {
      Block *block = g_ptr_array_index (self->blocks, i - 1);

      if (block->kind == BLOCK_HEADING || block->kind == BLOCK_SUBHEADING)
        return block->text;
    }
  return NULL;
}

void
limber_report_document_add_table (LimberReportDocument     *self,
                                  const LimberReportColumn *columns,
                                  guint                     n_columns)
{
  const char *caption;
  Block *block;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (columns != NULL && n_columns > 0);

  caption = current_caption (self);
  block = add_block (self, BLOCK_TABLE);
  block->caption = g_strdup (caption);
  block->columns = g_array_sized_new (FALSE, TRUE, sizeof (Column), n_columns);
  g_array_set_clear_func (block->columns, column_clear);
  block->rows = g_ptr_array_new_with_free_func (row_free);

  for (guint i = 0; i < n_columns; i++)
    {
      Column column = { 0 };

      column.title = g_strdup (columns[i].title != NULL ? columns[i].title : "");
      column.group = g_strdup (columns[i].group);
      column.share = columns[i].width > 0 ? columns[i].width : 1.0;
      column.align = columns[i].align;
      g_array_append_val (block->columns, column);
    }
}

static void
add_table_row (LimberReportDocument *self,
               const char *const    *cells,
               gboolean              total)
{
  Block *block = last_block (self);
  Row *row;

  g_return_if_fail (block != NULL && block->kind == BLOCK_TABLE);

  row = g_new0 (Row, 1);
  row->total = total;
  row->cells = g_new0 (char *, block->columns->len + 1);
  for (guint i = 0; i < block->columns->len; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
}

void
limber_report_document_add_row (LimberReportDocument *self,
                                const char *const    *cells)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cells != NULL);

  add_table_row (self, cells, FALSE);
}

void
limber_report_document_add_total_row (LimberReportDocument *self,
                                      const char *const    *cells)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cells != NULL);

  add_table_row (self, cells, TRUE);
}

void
limber_report_document_add_drawing (LimberReportDocument *self,
                                    double                height,
                                    LimberReportDrawFunc  draw,
                                    gpointer              user_data,
                                    GDestroyNotify        destroy)
{
  Block *block;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (draw != NULL);
  g_return_if_fail (height > 0);

  block = add_block (self, BLOCK_DRAWING);
  block->space = height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_destroy = destroy;
}

void
limber_report_document_add_signature (LimberReportDocument *self,
                                      const char           *signer,
                                      const char           *date_label)
{
  Block *block;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));

  block = add_block (self, BLOCK_SIGNATURE);
  block->text = g_markup_escape_text (signer != NULL ? signer : "", -1);
  block->date_label = g_markup_escape_text (date_label != NULL ? date_label : "", -1);
}

void
limber_report_document_add_space (LimberReportDocument *self,
                                  double                points)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));

  add_block (self, BLOCK_SPACE)->space = points;
}

void
limber_report_document_add_page_break (LimberReportDocument *self)
{
  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));

  add_block (self, BLOCK_PAGE_BREAK);
}

/* ----- Text ----- */

static double
text_width (LimberReportDocument *self)
{
  return self->paper_width - 2 * MARGIN_SIDE;
}

/* A layout of markup at size (points), wrapped at width (none when width <= 0). */
static PangoLayout *
make_layout (LimberReportDocument *self,
             const char           *markup,
             double                size,
             gboolean              bold,
             double                width,
             LimberReportAlign     align)
{
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  PangoLayout *layout = pango_layout_new (self->context);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (align)
    {
    case LIMBER_REPORT_ALIGN_END:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case LIMBER_REPORT_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case LIMBER_REPORT_ALIGN_START:
    default:
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      break;
    }
  pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);

  return layout;
}

static PangoLayout *
make_text_layout (LimberReportDocument *self,
                  const char           *text,
                  double                size,
                  gboolean              bold,
                  double                width,
                  LimberReportAlign     align)
{
  g_autofree char *markup = g_markup_escape_text (text != NULL ? text : "", -1);

  return make_layout (self, markup, size, bold, width, align);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

static void
set_source (cairo_t   *cr,
            const Rgb *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             const Rgb   *colour)
{
  cairo_save (cr);
  set_source (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_rule (cairo_t   *cr,
           double     x0,
           double     x1,
           double     y,
           double     line_width,
           const Rgb *colour)
{
  cairo_save (cr);
  set_source (cr, colour);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ----- The logo ----- */

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  GInputStream *stream = closure;
  gsize n_read = 0;

  if (!g_input_stream_read_all (stream, data, length, &n_read, NULL, NULL) || n_read != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Loads the clinic's logo and scales it into the letterhead's box. A logo that
 * cannot be read is left out rather than stopping the report. */
static void
load_logo (LimberReportDocument *self)
{
  GBytes *logo = limber_clinic_get_logo (self->clinic);
  double width = 0, height = 0, scale;

  if (limber_clinic_logo_is_png (logo))
    {
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (logo);
      cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, stream);

      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_message ("The clinic's logo is not a readable PNG picture; it is left out");
          cairo_surface_destroy (surface);
          return;
        }
      self->logo_png = surface;
      width = cairo_image_surface_get_width (surface);
      height = cairo_image_surface_get_height (surface);
    }
  else if (limber_clinic_logo_is_svg (logo))
    {
      g_autoptr (GError) error = NULL;
      gsize size;
      const guint8 *data = g_bytes_get_data (logo, &size);

      self->logo_svg = rsvg_handle_new_from_data (data, size, &error);
      if (self->logo_svg == NULL)
        {
          g_message ("The clinic's logo is not a readable SVG picture; it is left out");
          return;
        }
      /* A logo sized in percent has only its viewBox to say its proportions. */
      if (!rsvg_handle_get_intrinsic_size_in_pixels (self->logo_svg, &width, &height))
        {
          gboolean has_width, has_height, has_viewbox;
          RsvgLength length_w, length_h;
          RsvgRectangle viewbox;

          rsvg_handle_get_intrinsic_dimensions (self->logo_svg, &has_width, &length_w,
                                                &has_height, &length_h, &has_viewbox, &viewbox);
          if (has_viewbox)
            {
              width = viewbox.width;
              height = viewbox.height;
            }
        }
    }

  if (width <= 0 || height <= 0)
    return;

  scale = MIN (LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
  self->logo_width = width * scale;
  self->logo_height = height * scale;
}

static void
draw_logo (LimberReportDocument *self,
           cairo_t              *cr,
           double                x,
           double                y)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);

  if (self->logo_png != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo_png);
      double h = cairo_image_surface_get_height (self->logo_png);

      cairo_scale (cr, self->logo_width / w, self->logo_height / h);
      cairo_set_source_surface (cr, self->logo_png, 0, 0);
      cairo_paint (cr);
    }
  else if (self->logo_svg != NULL)
    {
      RsvgRectangle viewport = { 0, 0, self->logo_width, self->logo_height };

      rsvg_handle_render_document (self->logo_svg, cr, &viewport, NULL);
    }

  cairo_restore (cr);
}

/* ----- Page frame: letterhead, identification, footer ----- */

static void
append_span (GString    *markup,
             double      size,
             gboolean    bold,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append_printf (markup, "<span size='%d'%s>%s</span>", (int) (size * PANGO_SCALE),
                          bold ? " weight='bold'" : "", escaped);
}

static char *
letterhead_markup (LimberClinic *clinic,
                   double        base_size)
{
  GString *markup = g_string_new (NULL);
  const char *name = limber_clinic_get_name (clinic);
  const char *address = limber_clinic_get_address (clinic);
  const char *phone = limber_clinic_get_phone (clinic);
  const char *email = limber_clinic_get_email (clinic);

  if (name != NULL)
    append_span (markup, base_size * 1.5, TRUE, name);
  if (address != NULL)
    append_span (markup, base_size * 0.9, FALSE, address);
  if (phone != NULL || email != NULL)
    {
      g_autofree char *contact = NULL;

      if (phone != NULL && email != NULL)
        /* Translators: the clinic's phone number and e-mail address on the letterhead. */
        contact = g_strdup_printf (_("%s · %s"), phone, email);
      else
        contact = g_strdup (phone != NULL ? phone : email);
      append_span (markup, base_size * 0.9, FALSE, contact);
    }

  return g_string_free (markup, FALSE);
}

static double
identification_height (LimberReportDocument *self)
{
  if (self->identification_layout == NULL)
    return 0;
  return layout_height (self->identification_layout) + 2 * 4.0;
}

static void
layout_frame (LimberReportDocument *self)
{
  g_autofree char *letterhead = letterhead_markup (self->clinic, self->base_size);
  g_autofree char *title = g_markup_escape_text (self->title, -1);
  g_autofree char *head = NULL;
  double width = text_width (self);
  double letterhead_x = self->logo_width > 0 ? self->logo_width + 12 : 0;
  double top;

  self->letterhead = make_layout (self, letterhead, self->base_size, FALSE,
                                  width - letterhead_x, LIMBER_REPORT_ALIGN_START);
  self->title_layout = make_layout (self, title, self->base_size * 1.8, TRUE, width,
                                    LIMBER_REPORT_ALIGN_START);
  if (limber_clinic_get_name (self->clinic) != NULL)
    /* Translators: the running head of a report's later pages: clinic — document. */
    head = g_strdup_printf (_("%s — %s"), limber_clinic_get_name (self->clinic), self->title);
  else
    head = g_strdup (self->title);
  self->running_head = make_text_layout (self, head, self->base_size * 0.8, FALSE, width,
                                         LIMBER_REPORT_ALIGN_START);
  if (self->identification != NULL)
    self->identification_layout = make_text_layout (self, self->identification,
                                                    self->base_size, TRUE, width - 12,
                                                    LIMBER_REPORT_ALIGN_START);

  /* First page: letterhead (if any), rule, title, identification. */
  top = MARGIN_TOP;
  if (pango_layout_get_character_count (self->letterhead) > 0 || self->logo_height > 0)
    top += MAX (self->logo_height, layout_height (self->letterhead)) + 8;
  top += 6 + layout_height (self->title_layout) + 4;
  top += identification_height (self) + 12;
  self->first_top = top;

  /* Later pages: running head, rule, identification. */
  self->other_top = MARGIN_TOP + layout_height (self->running_head) + 6
                    + identification_height (self) + 12;

  /* Footer: a rule and one line of small type. */
  self->bottom = self->paper_height - MARGIN_BOTTOM - self->base_size * 0.8 * 1.6 - 8;
}

static void
draw_identification (LimberReportDocument *self,
                     cairo_t              *cr,
                     double                y)
{
  double height = identification_height (self);

  if (self->identification_layout == NULL)
    return;

  cairo_save (cr);
  set_source (cr, &band);
  cairo_rectangle (cr, MARGIN_SIDE, y, text_width (self), height);
  cairo_fill (cr);
  cairo_restore (cr);
  show_layout (cr, self->identification_layout, MARGIN_SIDE + 6, y + 4, &ink);
}

static void
draw_frame (LimberReportDocument *self,
            cairo_t              *cr,
            guint                 page_index)
{
  double width = text_width (self);
  double y = MARGIN_TOP;
  g_autofree char *page_text = NULL;
  g_autoptr (PangoLayout) page_layout = NULL;
  g_autoptr (PangoLayout) note_layout = NULL;
  double footer_y;

  if (page_index == 0)
    {
      if (pango_layout_get_character_count (self->letterhead) > 0 || self->logo_height > 0)
        {
          double letterhead_x = self->logo_width > 0 ? self->logo_width + 12 : 0;
          double height = MAX (self->logo_height, layout_height (self->letterhead));

          draw_logo (self, cr, MARGIN_SIDE, y);
          show_layout (cr, self->letterhead, MARGIN_SIDE + letterhead_x, y, &ink);
          y += height + 8;
          draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, y - 4, 1.2, &accent);
        }
      y += 6;
      show_layout (cr, self->title_layout, MARGIN_SIDE, y, &accent);
      y += layout_height (self->title_layout) + 4;
    }
  else
    {
      show_layout (cr, self->running_head, MARGIN_SIDE, y, &ink_soft);
      y += layout_height (self->running_head) + 2;
      draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, y, 0.6, &rule);
      y += 4;
    }
  draw_identification (self, cr, y);

  /* Footer */
  /* Translators: the footer of every page of a report. */
  page_text = g_strdup_printf (_("Page %u of %u"), page_index + 1, self->pages->len);
  page_layout = make_text_layout (self, page_text, self->base_size * 0.8, FALSE, width,
                                  LIMBER_REPORT_ALIGN_END);
  footer_y = self->paper_height - MARGIN_BOTTOM - layout_height (page_layout);
  draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, footer_y - 4, 0.6, &rule);
  show_layout (cr, page_layout, MARGIN_SIDE, footer_y, &ink_soft);
  if (self->footer_note != NULL)
    {
      note_layout = make_text_layout (self, self->footer_note, self->base_size * 0.8, FALSE,
                                      width * 0.75, LIMBER_REPORT_ALIGN_START);
      show_layout (cr, note_layout, MARGIN_SIDE, footer_y, &ink_soft);
    }
}

/* ----- Laying out blocks ----- */

static double
heading_space_before (LimberReportDocument *self,
                      Block                *block)
{
  return block->kind == BLOCK_HEADING ? self->base_size * 1.3 : self->base_size * 0.9;
}

static void
layout_text_lines (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
  double bottom = 0;

  block->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      PangoRectangle logical;
      double top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      g_array_append_val (block->line_tops, top);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_array_append_val (block->line_tops, bottom);
}

static void
layout_row (LimberReportDocument *self,
            Block                *block,
            Row                  *row,
            double                size)
{
  double height = 0;

  row->layouts = g_new0 (PangoLayout *, block->columns->len + 1);
  for (guint i = 0; i < block->columns->len; i++)
    {
      Column *column = &g_array_index (block->columns, Column, i);

      row->layouts[i] = make_text_layout (self, row->cells[i], size, row->total,
                                          column->width - 2 * CELL_PAD_X, column->align);
      height = MAX (height, layout_height (row->layouts[i]));
    }
  row->height = height + 2 * CELL_PAD_Y;
}

static void
layout_table (LimberReportDocument *self,
              Block                *block)
{
  double size = self->base_size * 0.9;
  double total_share = 0, x = MARGIN_SIDE, header = 0;
  double width = text_width (self);

  for (guint i = 0; i < block->columns->len; i++)
    total_share += g_array_index (block->columns, Column, i).share;

  for (guint i = 0; i < block->columns->len; i++)
    {
      Column *column = &g_array_index (block->columns, Column, i);

      column->x = x;
      column->width = width * column->share / total_share;
      x += column->width;
      column->layout = make_text_layout (self, column->title, size, TRUE,
                                         column->width - 2 * CELL_PAD_X, column->align);
      header = MAX (header, layout_height (column->layout));
    }
  block->header_height = header + 2 * CELL_PAD_Y;

  /* Group titles over runs of columns that share one. */
  block->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (block->groups, group_clear);
  for (guint i = 0; i < block->columns->len;)
    {
      Column *column = &g_array_index (block->columns, Column, i);
      guint last = i;
      Group group = { 0 };
      double group_width;

      if (column->group == NULL)
        {
          i++;
          continue;
        }
      while (last + 1 < block->columns->len
             && g_strcmp0 (g_array_index (block->columns, Column, last + 1).group, column->group) == 0)
        last++;

      group_width = g_array_index (block->columns, Column, last).x
                    + g_array_index (block->columns, Column, last).width - column->x;
      group.first = i;
      group.last = last;
      group.layout = make_text_layout (self, column->group, size, TRUE,
                                       group_width - 2 * CELL_PAD_X, LIMBER_REPORT_ALIGN_CENTER);
      block->group_height = MAX (block->group_height,
                                 layout_height (group.layout) + 2 * CELL_PAD_Y);
      g_array_append_val (block->groups, group);
      i = last + 1;
    }
  block->header_height += block->group_height;

  if (block->caption != NULL)
    {
      /* Translators: above a table that goes on from the previous page. */
      g_autofree char *markup = g_strdup_printf (_("<i>%s (continued)</i>"), block->caption);

      block->caption_layout = make_layout (self, markup, self->base_size * 0.85, FALSE, width,
                                           LIMBER_REPORT_ALIGN_START);
    }

  for (guint i = 0; i < block->rows->len; i++)
    layout_row (self, block, g_ptr_array_index (block->rows, i), size);
}

static void
layout_fields (LimberReportDocument *self,
               Block                *block)
{
  double width = text_width (self);
  double label_width = 0;

  for (guint i = 0; i < block->fields->len; i++)
    {
      Row *row = g_ptr_array_index (block->fields, i);
      g_autoptr (PangoLayout) probe = make_text_layout (self, row->cells[0], self->base_size,
                                                        TRUE, -1, LIMBER_REPORT_ALIGN_START);

      label_width = MAX (label_width, layout_width (probe));
    }
  block->label_width = MIN (label_width + 12, width * 0.4);

  for (guint i = 0; i < block->fields->len; i++)
    {
      Row *row = g_ptr_array_index (block->fields, i);

      row->layouts = g_new0 (PangoLayout *, 3);
      row->layouts[0] = make_text_layout (self, row->cells[0], self->base_size, TRUE,
                                          block->label_width - 8, LIMBER_REPORT_ALIGN_START);
      row->layouts[1] = make_text_layout (self, row->cells[1], self->base_size, FALSE,
                                          width - block->label_width, LIMBER_REPORT_ALIGN_START);
      row->height = MAX (layout_height (row->layouts[0]), layout_height (row->layouts[1])) + 2;
    }
}

static void
layout_block (LimberReportDocument *self,
              Block                *block)
{
  double width = text_width (self);

  switch (block->kind)
    {
    case BLOCK_HEADING:
      block->layout = make_layout (self, block->text, self->base_size * 1.35, TRUE, width,
                                   LIMBER_REPORT_ALIGN_START);
      break;
    case BLOCK_SUBHEADING:
      block->layout = make_layout (self, block->text, self->base_size * 1.1, TRUE, width,
                                   LIMBER_REPORT_ALIGN_START);
      break;
    case BLOCK_TEXT:
      block->layout = make_layout (self, block->text, self->base_size, FALSE, width,
                                   LIMBER_REPORT_ALIGN_START);
      pango_layout_set_spacing (block->layout, (int) (self->base_size * 0.2 * PANGO_SCALE));
      layout_text_lines (block);
      break;
    case BLOCK_FIELDS:
      layout_fields (self, block);
      break;
    case BLOCK_TABLE:
      layout_table (self, block);
      break;
    case BLOCK_SIGNATURE:
      {
        g_autofree char *markup = g_strdup_printf ("%s\n%s", block->text, block->date_label);

        block->layout = make_layout (self, markup, self->base_size, FALSE, width / 2,
                                     LIMBER_REPORT_ALIGN_START);
      }
      break;
    case BLOCK_DRAWING:
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* A text of at most this many lines moves whole to the signature's page. */
#define KEEP_WITH_TAIL_LINES 4

/* The height a block needs at the least on the page where it starts: a heading is
 * kept with it. */
static double
block_min_height (LimberReportDocument *self,
                  Block                *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
    case BLOCK_SUBHEADING:
      return layout_height (block->layout) + 4;
    case BLOCK_TEXT:
      {
        guint n_lines = block->line_tops->len - 1;
        guint keep = MIN (n_lines, 2);

        /* A short text goes with the signature after it; a longer one leaves at least
         * two lines behind when the last two go with the signature. */
        if (block->keep_tail > 0)
          return n_lines <= KEEP_WITH_TAIL_LINES
                   ? g_array_index (block->line_tops, double, n_lines) + block->keep_tail
                   : g_array_index (block->line_tops, double, KEEP_WITH_TAIL_LINES);

        return g_array_index (block->line_tops, double, keep);
      }
    case BLOCK_FIELDS:
      return block->fields->len > 0 ? ((Row *) g_ptr_array_index (block->fields, 0))->height : 0;
    case BLOCK_TABLE:
      return block->header_height
             + (block->rows->len > 0 ? ((Row *) g_ptr_array_index (block->rows, 0))->height : 0);
    case BLOCK_DRAWING:
      return block->space + block->keep_next;
    case BLOCK_SIGNATURE:
      return 36 + layout_height (block->layout);
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

typedef struct
{
  LimberReportDocument *self;
  GArray               *page;   /* Piece */
  double                y;
  double                top;
} Flow;

static void
flow_new_page (Flow *flow)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Piece));

  g_array_append_val (flow->self->pages, page);
  flow->page = page;
  flow->top = flow->self->pages->len == 1 ? flow->self->first_top : flow->self->other_top;
  flow->y = flow->top;
}

static gboolean
flow_at_top (Flow *flow)
{
  return flow->y <= flow->top;
}

/* Starts a new page unless height fits below y, or the page is still empty. */
static void
flow_reserve (Flow   *flow,
              double  height)
{
  if (flow->y + height > flow->self->bottom && !flow_at_top (flow))
    flow_new_page (flow);
}

static void
flow_add (Flow     *flow,
          Block    *block,
          guint     first,
          guint     last,
          gboolean  continued)
{
  Piece piece = { block, first, last, flow->y, continued };

  g_array_append_val (flow->page, piece);
}

static void
flow_text (Flow  *flow,
           Block *block)
{
  guint n_lines = block->line_tops->len - 1;
  guint first = 0;

  while (first < n_lines)
    {
      double start = g_array_index (block->line_tops, double, first);
      guint last = first;

      while (last < n_lines
             && flow->y + g_array_index (block->line_tops, double, last + 1) - start <= flow->self->bottom)
        last++;
      if (last == first)
        {
          if (flow_at_top (flow))
            last = first + 1;  /* a line taller than a page: let it overflow */
          else
            {
              flow_new_page (flow);
              continue;
            }
        }
      /* No last line left alone at the top of the next page. */
      if (last + 1 == n_lines && last - first >= 3)
        last--;
      /* Nor a signature: its last two lines go with it. */
      if (last == n_lines && block->keep_tail > 0 && last - first >= KEEP_WITH_TAIL_LINES
          && flow->y + g_array_index (block->line_tops, double, last) - start + block->keep_tail
               > flow->self->bottom)
        last -= 2;
      flow_add (flow, block, first, last, first > 0);
      flow->y += g_array_index (block->line_tops, double, last) - start;
      first = last;
      if (first < n_lines)
        flow_new_page (flow);
    }
  flow->y += flow->self->base_size * 0.6;
}

static void
flow_rows (Flow      *flow,
           Block     *block,
           GPtrArray *rows,
           double     header)
{
  guint first = 0;

  while (first < rows->len)
    {
      double y = flow->y + header;
      guint last = first;

      while (last < rows->len
             && y + ((Row *) g_ptr_array_index (rows, last))->height <= flow->self->bottom)
        y += ((Row *) g_ptr_array_index (rows, last++))->height;
      if (last == first)
        {
          if (flow_at_top (flow))
            y += ((Row *) g_ptr_array_index (rows, last++))->height;
          else
            {
              flow_new_page (flow);
              if (block->caption_layout != NULL)
                flow->y += layout_height (block->caption_layout) + 3;
              continue;
            }
        }
      flow_add (flow, block, first, last, first > 0);
      flow->y = y;
      first = last;
      if (first < rows->len)
        {
          flow_new_page (flow);
          if (block->kind == BLOCK_TABLE && block->caption_layout != NULL)
            flow->y += layout_height (block->caption_layout) + 3;
        }
    }
}

static void
flow_block (Flow  *flow,
            Block *block,
            Block *next)
{
  LimberReportDocument *self = flow->self;

  switch (block->kind)
    {
    case BLOCK_PAGE_BREAK:
      if (!flow_at_top (flow))
        flow_new_page (flow);
      break;

    case BLOCK_SPACE:
      if (!flow_at_top (flow))
        flow->y += block->space;
      break;

    case BLOCK_HEADING:
    case BLOCK_SUBHEADING:
      {
        double before = flow_at_top (flow) ? 0 : heading_space_before (self, block);
        double height = layout_height (block->layout) + 4;
        double with_next = next != NULL ? block_min_height (self, next) : 0;

        flow_reserve (flow, before + height + with_next);
        if (!flow_at_top (flow))
          flow->y += before;
        flow_add (flow, block, 0, 0, FALSE);
        flow->y += height;
      }
      break;

    case BLOCK_TEXT:
      flow_reserve (flow, block_min_height (self, block));
      flow_text (flow, block);
      break;

    case BLOCK_FIELDS:
      flow_reserve (flow, block_min_height (self, block));
      flow_rows (flow, block, block->fields, 0);
      flow->y += self->base_size * 0.6;
      break;

    case BLOCK_TABLE:
      flow_reserve (flow, block_min_height (self, block));
      flow_rows (flow, block, block->rows, block->header_height);
      flow->y += self->base_size * 0.8;
      break;

    case BLOCK_DRAWING:
    case BLOCK_SIGNATURE:
      {
        double height = block_min_height (self, block) - block->keep_next;

        flow_reserve (flow, block_min_height (self, block));
        flow_add (flow, block, 0, 0, FALSE);
        flow->y += height + self->base_size * 0.8;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Gives each text that a signature follows (after some space) the height of that
 * space and signature, which must follow its last line on the same page; then each
 * drawing that a text follows (its description in words) the height of that
 * text's start. */
static void
keep_blocks_together (LimberReportDocument *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double tail = 0;
      guint j = i + 1;

      if (block->kind != BLOCK_TEXT)
        continue;

      while (j < self->blocks->len && ((Block *) g_ptr_array_index (self->blocks, j))->kind
                                        == BLOCK_SPACE)
        tail += ((Block *) g_ptr_array_index (self->blocks, j++))->space;
      if (j < self->blocks->len && ((Block *) g_ptr_array_index (self->blocks, j))->kind
                                     == BLOCK_SIGNATURE)
        block->keep_tail = tail + block_min_height (self, g_ptr_array_index (self->blocks, j));
    }

  for (guint i = 0; i + 1 < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      Block *next = g_ptr_array_index (self->blocks, i + 1);

      if (block->kind == BLOCK_DRAWING && next->kind == BLOCK_TEXT)
        block->keep_next = self->base_size * 0.8 + block_min_height (self, next);
    }
}

static void
pages_free (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

static void
ensure_layout (LimberReportDocument *self)
{
  g_autoptr (cairo_font_options_t) options = NULL;
  Flow flow = { self, NULL, 0, 0 };

  if (self->pages != NULL)
    return;

  /* A font map of its own, so that a report can be built on a worker thread, and
   * unhinted metrics at 72 units an inch, so that the PDF, the printer and the screen
   * break lines and pages in the same places. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  load_logo (self);
  layout_frame (self);

  self->pages = g_array_new (FALSE, FALSE, sizeof (GArray *));
  g_array_set_clear_func (self->pages, pages_free);
  flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    layout_block (self, g_ptr_array_index (self->blocks, i));
  keep_blocks_together (self);
  for (guint i = 0; i < self->blocks->len; i++)
    flow_block (&flow, g_ptr_array_index (self->blocks, i),
                i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL);
}

guint
limber_report_document_get_n_pages (LimberReportDocument *self)
{
  g_return_val_if_fail (LIMBER_IS_REPORT_DOCUMENT (self), 0);

  ensure_layout (self);
  return self->pages->len;
}

/* ----- Drawing pieces ----- */

static void
draw_text_piece (LimberReportDocument *self,
                 cairo_t              *cr,
                 const Piece          *piece)
{
  Block *block = piece->block;
  double start = g_array_index (block->line_tops, double, piece->first);
  double end = g_array_index (block->line_tops, double, piece->last);

  cairo_save (cr);
  cairo_rectangle (cr, MARGIN_SIDE - 2, piece->y, text_width (self) + 4, end - start);
  cairo_clip (cr);
  show_layout (cr, block->layout, MARGIN_SIDE, piece->y - start, &ink);
  cairo_restore (cr);
}

static void
draw_fields_piece (LimberReportDocument *self,
                   cairo_t              *cr,
                   const Piece          *piece)
{
  Block *block = piece->block;
  double y = piece->y;

  for (guint i = piece->first; i < piece->last; i++)
    {
      Row *row = g_ptr_array_index (block->fields, i);

      show_layout (cr, row->layouts[0], MARGIN_SIDE, y, &ink_soft);
      show_layout (cr, row->layouts[1], MARGIN_SIDE + block->label_width, y, &ink);
      y += row->height;
    }
}

static void
draw_cell (cairo_t     *cr,
           Column      *column,
           PangoLayout *layout,
           double       y,
           const Rgb   *colour)
{
  show_layout (cr, layout, column->x + CELL_PAD_X, y + CELL_PAD_Y, colour);
}

static void
draw_table_header (LimberReportDocument *self,
                   cairo_t              *cr,
                   Block                *block,
                   double                y)
{
  double width = text_width (self);

  cairo_save (cr);
  set_source (cr, &header_fill);
  cairo_rectangle (cr, MARGIN_SIDE, y, width, block->header_height);
  cairo_fill (cr);
  cairo_restore (cr);

  for (guint i = 0; i < block->groups->len; i++)
    {
      Group *group = &g_array_index (block->groups, Group, i);
      Column *first = &g_array_index (block->columns, Column, group->first);
      Column *last = &g_array_index (block->columns, Column, group->last);

      show_layout (cr, group->layout, first->x + CELL_PAD_X, y + CELL_PAD_Y, &ink);
      draw_rule (cr, first->x + CELL_PAD_X, last->x + last->width - CELL_PAD_X,
                 y + block->group_height - 1, 0.5, &ink_soft);
    }

  for (guint i = 0; i < block->columns->len; i++)
    {
      Column *column = &g_array_index (block->columns, Column, i);
      double column_y = y + block->group_height;

      /* Titles sit at the bottom of the header, next to the first row. */
      column_y += block->header_height - block->group_height - 2 * CELL_PAD_Y
                  - layout_height (column->layout);
      draw_cell (cr, column, column->layout, column_y, &ink);
    }

  draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, y + block->header_height, 0.8, &ink_soft);
}

static void
draw_table_piece (LimberReportDocument *self,
                  cairo_t              *cr,
                  const Piece          *piece)
{
  Block *block = piece->block;
  double width = text_width (self);
  double y = piece->y;

  if (piece->continued && block->caption_layout != NULL)
    show_layout (cr, block->caption_layout, MARGIN_SIDE,
                 y - layout_height (block->caption_layout) - 3, &ink_soft);

  draw_table_header (self, cr, block, y);
  y += block->header_height;

  for (guint i = piece->first; i < piece->last; i++)
    {
      Row *row = g_ptr_array_index (block->rows, i);

      if (i % 2 == 1 && !row->total)
        {
          cairo_save (cr);
          set_source (cr, &zebra);
          cairo_rectangle (cr, MARGIN_SIDE, y, width, row->height);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      if (row->total)
        draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, y, 0.8, &ink_soft);

      for (guint c = 0; c < block->columns->len; c++)
        draw_cell (cr, &g_array_index (block->columns, Column, c), row->layouts[c], y, &ink);

      y += row->height;
      draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width, y, 0.3, &rule);
    }
}

static void
draw_piece (LimberReportDocument *self,
            cairo_t              *cr,
            const Piece          *piece)
{
  Block *block = piece->block;
  double width = text_width (self);

  switch (block->kind)
    {
    case BLOCK_HEADING:
      show_layout (cr, block->layout, MARGIN_SIDE, piece->y, &accent);
      break;
    case BLOCK_SUBHEADING:
      show_layout (cr, block->layout, MARGIN_SIDE, piece->y, &ink);
      break;
    case BLOCK_TEXT:
      draw_text_piece (self, cr, piece);
      break;
    case BLOCK_FIELDS:
      draw_fields_piece (self, cr, piece);
      break;
    case BLOCK_TABLE:
      draw_table_piece (self, cr, piece);
      break;
    case BLOCK_DRAWING:
      cairo_save (cr);
      cairo_translate (cr, MARGIN_SIDE, piece->y);
      cairo_rectangle (cr, 0, 0, width, block->space);
      cairo_clip (cr);
      block->draw (cr, width, block->space, block->draw_data);
      cairo_restore (cr);
      break;
    case BLOCK_SIGNATURE:
      draw_rule (cr, MARGIN_SIDE, MARGIN_SIDE + width / 2 - 20, piece->y + 30, 0.8, &ink);
      show_layout (cr, block->layout, MARGIN_SIDE, piece->y + 34, &ink);
      break;
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

void
limber_report_document_draw_page (LimberReportDocument *self,
                                  cairo_t              *cr,
                                  guint                 page_index)
{
  GArray *page;

  g_return_if_fail (LIMBER_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  ensure_layout (self);
  g_return_if_fail (page_index < self->pages->len);

  page = g_array_index (self->pages, GArray *, page_index);

  cairo_save (cr);
  draw_frame (self, cr, page_index);
  for (guint i = 0; i < page->len; i++)
    draw_piece (self, cr, &g_array_index (page, Piece, i));
  cairo_restore (cr);
}

/* ----- PDF ----- */

/* The PDF's bytes go to a file that replaces the target only once it is whole. */
typedef struct
{
  LimberFileWriter *writer;
  GError           *error;   /* of the first write that failed */
} PdfSink;

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL || !limber_file_writer_write (sink->writer, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (LimberReportDocument *self,
              cairo_surface_t      *surface)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *creator = g_strdup_printf ("Limber %s", PACKAGE_VERSION);
  const char *clinic_name = limber_clinic_get_name (self->clinic);
  GDateTime *when = self->creation_date;

  if (when == NULL)
    when = now = g_date_time_new_now_local ();
  date = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (clinic_name != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, clinic_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

gboolean
limber_report_document_write_pdf (LimberReportDocument  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_autoptr (LimberFileWriter) writer = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  PdfSink sink = { NULL, NULL };

  g_return_val_if_fail (LIMBER_IS_REPORT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_layout (self);

  writer = limber_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  sink.writer = writer;

  surface = cairo_pdf_surface_create_for_stream (write_to_file, &sink,
                                                 self->paper_width, self->paper_height);
  set_metadata (self, surface);
  {
    cairo_t *cr = cairo_create (surface);

    for (guint i = 0; i < self->pages->len; i++)
      {
        limber_report_document_draw_page (self, cr, i);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (sink.error != NULL)
        {
          g_propagate_error (error, sink.error);
          return FALSE;
        }
      /* Translators: a file, then why, e.g. "Permission denied" */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Cannot write %s: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return limber_file_writer_commit (g_steal_pointer (&writer), error);
}
