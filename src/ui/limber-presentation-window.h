/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-episode-analysis.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PRESENTATION_WINDOW (limber_presentation_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberPresentationWindow, limber_presentation_window, LIMBER, PRESENTATION_WINDOW, AdwWindow)

/* A course of care shown to the patient beside the therapist, full screen: only this
 * course's data (no patient list, no other name), in large type and plain sentences
 * ("Your pain is down from 8 to 2 points — 75% better."), with the key charts and the
 * goals and how close they are. Escape or F11 leaves it. */
GtkWidget *limber_presentation_window_new (LimberEpisodeAnalysis *analysis);

G_END_DECLS
