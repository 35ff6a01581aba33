/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "limber-chart-export.h"
#include "limber-file.h"

typedef struct
{
  LimberFileWriter *writer;
  GError           *error;   /* of the first write that failed */
} Output;

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  Output *output = user_data;

  if (output->error != NULL
      || !limber_file_writer_write (output->writer, data, length, &output->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

gboolean
limber_chart_format_from_path (const char        *path,
                               LimberChartFormat *format)
{
  static const struct
  {
    const char        *extension;
    LimberChartFormat  format;
  } formats[] = {
    { ".png", LIMBER_CHART_FORMAT_PNG },
    { ".svg", LIMBER_CHART_FORMAT_SVG },
    { ".pdf", LIMBER_CHART_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        if (format != NULL)
          *format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

static void
draw_chart (LimberChart         *chart,
            LimberChartRenderer *renderer,
            cairo_surface_t     *surface,
            double               width,
            double               height)
{
  cairo_t *cr = cairo_create (surface);

  limber_chart_renderer_draw (renderer, chart, cr, &(cairo_rectangle_t) { 0, 0, width, height });
  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_PDF)
    cairo_show_page (cr);
  cairo_destroy (cr);
}

/* Writes the drawing to output; FALSE with output->error set if a write failed
 * (unset for a failure of cairo's own). */
static gboolean
write_chart (LimberChart         *chart,
             LimberChartRenderer *renderer,
             LimberChartFormat    format,
             double               width,
             double               height,
             Output              *output)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  switch (format)
    {
    case LIMBER_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                            (int) ceil (height));
      draw_chart (chart, renderer, surface, width, height);
      status = cairo_surface_write_to_png_stream (surface, write_cb, output);
      break;

    case LIMBER_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, output, width, height);
      draw_chart (chart, renderer, surface, width, height);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;

    case LIMBER_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, output, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Limber");
      draw_chart (chart, renderer, surface, width, height);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;

    default:
      g_assert_not_reached ();
    }

  cairo_surface_destroy (surface);

  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
limber_chart_export (LimberChart          *chart,
                     LimberChartRenderer  *renderer,
                     const char           *path,
                     LimberChartFormat     format,
                     double                width,
                     double                height,
                     GError              **error)
{
  g_autoptr(LimberChartRenderer) own_renderer = NULL;
  g_autoptr(LimberFileWriter) writer = NULL;
  Output output = { NULL, NULL };

  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (renderer == NULL || LIMBER_IS_CHART_RENDERER (renderer), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (renderer == NULL)
    renderer = own_renderer = limber_chart_renderer_new ();

  writer = limber_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  output.writer = writer;
  if (!write_chart (chart, renderer, format, width, height, &output))
    {
      if (output.error != NULL)
        g_propagate_error (error, output.error);
      else
        {
          g_autofree char *display = g_filename_display_name (path);

          /* Translators: a file, then why, e.g. "Permission denied" */
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Cannot write %s: %s"), display,
                       g_strerror (EIO));
        }
      return FALSE;
    }

  return limber_file_writer_commit (g_steal_pointer (&writer), error);
}
