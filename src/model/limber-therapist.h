/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_THERAPIST (limber_therapist_get_type ())

G_DECLARE_FINAL_TYPE (LimberTherapist, limber_therapist, LIMBER, THERAPIST, GObject)

/* A therapist of the clinic, offered when a session is recorded. Properties: "id"
 * (gint64, 0 until stored), "name" and "retired" (a therapist who has left: kept so
 * that the clinic's list stays whole, no longer offered for new sessions). A session
 * keeps the name it was recorded with, so renaming a therapist leaves past sessions
 * as they were written. */

LimberTherapist *limber_therapist_new         (const char      *name);
gint64           limber_therapist_get_id      (LimberTherapist *self);
void             limber_therapist_set_id      (LimberTherapist *self,
                                               gint64           id);
const char      *limber_therapist_get_name    (LimberTherapist *self);
void             limber_therapist_set_name    (LimberTherapist *self,
                                               const char      *name);
gboolean         limber_therapist_get_retired (LimberTherapist *self);
void             limber_therapist_set_retired (LimberTherapist *self,
                                               gboolean         retired);
/* Checks the name: not blank, at most 100 characters, no tab or line break. */
gboolean         limber_therapist_validate    (LimberTherapist *self,
                                               GError         **error);

G_END_DECLS
