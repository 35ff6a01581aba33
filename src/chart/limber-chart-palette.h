/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The colours a chart is drawn with, handed to the renderer as data: the widget
 * resolves them from the theme, a PDF or an image file takes the light palette. The
 * series colours are Okabe and Ito's colour-blind-safe set (blue, vermilion, bluish
 * green, reddish purple): never red against green. */

#define LIMBER_CHART_N_SERIES_COLORS 4

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} LimberChartColor;

typedef struct
{
  /* Painted under the whole chart; alpha 0 leaves what is there (a widget's card). */
  LimberChartColor background;
  LimberChartColor text;
  /* Tick labels, band labels, the empty state. */
  LimberChartColor muted_text;
  LimberChartColor grid;
  LimberChartColor axis;
  LimberChartColor normal_band;
  LimberChartColor goal;
  LimberChartColor annotation;
  LimberChartColor series[LIMBER_CHART_N_SERIES_COLORS];
} LimberChartPalette;

/* For light backgrounds, paper and image files. */
const LimberChartPalette *limber_chart_palette_get_light (void);
/* For dark backgrounds (libadwaita's dark style). */
const LimberChartPalette *limber_chart_palette_get_dark  (void);

G_END_DECLS
