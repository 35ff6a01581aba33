/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-chart-renderer.h"

G_BEGIN_DECLS

/* A chart written to a PNG, SVG or PDF file, drawn by the same renderer as the
 * screen. The file appears whole or not at all (written beside it under another
 * name, then renamed), readable by its owner only (0600): a chart is health data. */

typedef enum
{
  LIMBER_CHART_FORMAT_PNG,
  LIMBER_CHART_FORMAT_SVG,
  LIMBER_CHART_FORMAT_PDF,
} LimberChartFormat;

/* The format named by the file's extension (.png, .svg, .pdf, any case); FALSE for
 * any other. */
gboolean limber_chart_format_from_path (const char          *path,
                                        LimberChartFormat   *format);

/* Draws chart at width × height (pixels for PNG, points for SVG and PDF: one page)
 * with renderer, or with a default renderer (light palette, 13-unit text) where
 * renderer is NULL. Errors are G_IO_ERROR with a message naming the file. */
gboolean limber_chart_export         (LimberChart          *chart,
                                      LimberChartRenderer  *renderer,
                                      const char           *path,
                                      LimberChartFormat     format,
                                      double                width,
                                      double                height,
                                      GError              **error);

G_END_DECLS
