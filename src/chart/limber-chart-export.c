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

typedef struct
{
  int  fd;
  int  saved_errno;
} Output;

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  Output *output = user_data;

  while (length > 0)
    {
      ssize_t written = write (output->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          output->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }

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

/* Writes the drawing to output; FALSE with errno in output->saved_errno (or 0 for a
 * failure of cairo's own). */
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

static gboolean
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the file and why it could not be written. */
               _("Could not write the chart to “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
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
  g_autofree char *directory = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *base = NULL;
  Output output = { -1, 0 };

  g_return_val_if_fail (LIMBER_IS_CHART (chart), FALSE);
  g_return_val_if_fail (renderer == NULL || LIMBER_IS_CHART_RENDERER (renderer), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (renderer == NULL)
    renderer = own_renderer = limber_chart_renderer_new ();

  /* Beside the target, so that the rename is atomic and never crosses file systems. */
  directory = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s%c.%s.XXXXXX", directory, G_DIR_SEPARATOR, base);
  output.fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (output.fd < 0)
    return set_error_from_errno (error, errno, path);

  if (!write_chart (chart, renderer, format, width, height, &output) ||
      fsync (output.fd) != 0)
    {
      int saved_errno = output.saved_errno != 0 ? output.saved_errno : errno != 0 ? errno : EIO;

      close (output.fd);
      g_unlink (temporary);
      return set_error_from_errno (error, saved_errno, path);
    }

  if (close (output.fd) != 0 || g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      return set_error_from_errno (error, saved_errno, path);
    }

  return TRUE;
}
