/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-chart-palette"

#include "config.h"

#include "limber-chart-palette.h"

#define RGB(r, g, b) { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0 }
#define RGBA(r, g, b, a) { (r) / 255.0, (g) / 255.0, (b) / 255.0, (a) }

/* Light: Okabe-Ito at full strength; each series colour has a contrast of at least
 * 3:1 against white, as WCAG asks of graphics. */
static const LimberChartPalette light_palette = {
  .background = RGB (255, 255, 255),
  .text = RGBA (0, 0, 0, 0.85),
  .muted_text = RGBA (0, 0, 0, 0.62),
  .grid = RGBA (0, 0, 0, 0.09),
  .axis = RGBA (0, 0, 0, 0.45),
  .normal_band = RGBA (0, 158, 115, 0.14),
  .goal = RGB (40, 40, 40),
  .annotation = RGBA (0, 0, 0, 0.55),
  .series = {
    RGB (0, 114, 178),   /* blue */
    RGB (213, 94, 0),    /* vermilion */
    RGB (0, 128, 94),    /* bluish green, darkened for 3:1 on white */
    RGB (176, 80, 140),  /* reddish purple, darkened likewise */
  },
};

/* Dark: the lighter members of the same set, for 3:1 against Adwaita's dark card. */
static const LimberChartPalette dark_palette = {
  .background = RGB (36, 36, 36),
  .text = RGB (255, 255, 255),
  .muted_text = RGBA (255, 255, 255, 0.7),
  .grid = RGBA (255, 255, 255, 0.10),
  .axis = RGBA (255, 255, 255, 0.45),
  .normal_band = RGBA (0, 158, 115, 0.25),
  .goal = RGB (235, 235, 235),
  .annotation = RGBA (255, 255, 255, 0.6),
  .series = {
    RGB (86, 180, 233),  /* sky blue */
    RGB (230, 159, 0),   /* orange */
    RGB (46, 196, 160),  /* bluish green, lightened */
    RGB (224, 150, 196), /* reddish purple, lightened */
  },
};

const LimberChartPalette *
limber_chart_palette_get_light (void)
{
  return &light_palette;
}

const LimberChartPalette *
limber_chart_palette_get_dark (void)
{
  return &dark_palette;
}
