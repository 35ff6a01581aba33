/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "limber-clinic.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_REPORT_DOCUMENT (limber_report_document_get_type ())

G_DECLARE_FINAL_TYPE (LimberReportDocument, limber_report_document, LIMBER, REPORT_DOCUMENT, GObject)

/* The page composer shared by every report: a document is a flow of blocks
 * (headings, paragraphs, label–value fields, tables, drawings, a signature line) laid
 * out once onto pages of the clinic's paper, then drawn page by page on any cairo_t
 * whose units are PostScript points with the origin at the paper's top-left corner:
 * a PDF surface, a print context or an image.
 *
 * Every page carries the letterhead (in full on the first page, the clinic's name
 * on the others), the identification line (the patient's name, chart number and
 * birth date, so that a loose page can be put back in the right file), and a
 * "Page N of M" footer; the layout is done before anything is drawn, so M is known.
 * Tables break between rows only and repeat their header on each page. */

typedef enum
{
  LIMBER_REPORT_ALIGN_START,
  LIMBER_REPORT_ALIGN_END,
  LIMBER_REPORT_ALIGN_CENTER,
} LimberReportAlign;

/* One column of a table: its title, its share of the table's width (any positive
 * numbers; they are scaled to the width), how its cells align, and optionally a group
 * title shown above consecutive columns with the same group (e.g. a sided measure's
 * name above its "Left" and "Right" columns). */
typedef struct
{
  const char        *title;
  double             width;
  LimberReportAlign  align;
  const char        *group;
} LimberReportColumn;

/* Draws into the rectangle (0, 0)–(width, height) of cr, in points. */
typedef void (*LimberReportDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  user_data);

LimberReportDocument *limber_report_document_new               (LimberClinic         *clinic,
                                                                const char           *title);
const char           *limber_report_document_get_title         (LimberReportDocument *self);
/* The line on every page that says whom the document is about; NULL for none. */
void                  limber_report_document_set_identification (LimberReportDocument *self,
                                                                const char           *text);
/* Words after "Page N of M" in the footer's start, e.g. "Issued 29 Nov 2026". */
void                  limber_report_document_set_footer_note   (LimberReportDocument *self,
                                                                const char           *text);
/* Large type for a document a patient reads (base size 13 pt instead of 9.5 pt);
 * set before adding blocks. */
void                  limber_report_document_set_large_type    (LimberReportDocument *self,
                                                                gboolean              large_type);
/* The PDF's creation date; the current time unless set (tests fix it). */
void                  limber_report_document_set_creation_date (LimberReportDocument *self,
                                                                GDateTime            *date);
void                  limber_report_document_get_paper_size    (LimberReportDocument *self,
                                                                double               *width,
                                                                double               *height);

/* ----- Blocks, in reading order ----- */
void                  limber_report_document_add_heading       (LimberReportDocument *self,
                                                                const char           *text);
void                  limber_report_document_add_subheading    (LimberReportDocument *self,
                                                                const char           *text);
/* Plain text (not markup); "\n" starts a new line. */
void                  limber_report_document_add_paragraph     (LimberReportDocument *self,
                                                                const char           *text);
/* Pango markup, for the odd bold word; escape any text from the database. */
void                  limber_report_document_add_markup        (LimberReportDocument *self,
                                                                const char           *markup);
/* A label and its value in two aligned columns; consecutive fields form one block. */
void                  limber_report_document_add_field         (LimberReportDocument *self,
                                                                const char           *label,
                                                                const char           *value);
/* Starts a table; its rows follow with add_row(). */
void                  limber_report_document_add_table         (LimberReportDocument *self,
                                                                const LimberReportColumn *columns,
                                                                guint                 n_columns);
/* A row of the table added last: n_columns cells of plain text (NULL is empty). */
void                  limber_report_document_add_row           (LimberReportDocument *self,
                                                                const char *const    *cells);
/* The same, in bold: a table's totals. */
void                  limber_report_document_add_total_row     (LimberReportDocument *self,
                                                                const char *const    *cells);
/* A drawing of the full text width and the given height (points), never split; a
 * chart (the caller says what it shows in words beside it: a paragraph added next
 * starts on the drawing's page). */
void                  limber_report_document_add_drawing       (LimberReportDocument *self,
                                                                double                height,
                                                                LimberReportDrawFunc  draw,
                                                                gpointer              user_data,
                                                                GDestroyNotify        destroy);
/* A signature line with the signer and a date under it. It never stands alone on a
 * page: a paragraph just before it ends on its page (a short one moves whole). */
void                  limber_report_document_add_signature     (LimberReportDocument *self,
                                                                const char           *signer,
                                                                const char           *date_label);
void                  limber_report_document_add_space         (LimberReportDocument *self,
                                                                double                points);
void                  limber_report_document_add_page_break    (LimberReportDocument *self);

/* ----- Output ----- */
/* Lays the document out (once) and returns its number of pages. */
guint                 limber_report_document_get_n_pages       (LimberReportDocument *self);
/* Draws page page_index (0-based) on cr, whose units are points with the origin at
 * the paper's top-left corner. */
void                  limber_report_document_draw_page         (LimberReportDocument *self,
                                                                cairo_t              *cr,
                                                                guint                 page_index);
/* Writes the document as a PDF (metadata: title, author = the clinic, creation
 * date) to a temporary file beside path, mode 0600, then renames it: path is
 * either the whole document or left as it was. Errors are G_IO_ERROR's, from the
 * system's (G_IO_ERROR_NO_SPACE for a full disk), with the file's name. */
gboolean              limber_report_document_write_pdf         (LimberReportDocument *self,
                                                                const char           *path,
                                                                GError              **error);

G_END_DECLS
