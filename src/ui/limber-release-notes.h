/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LIMBER_RELEASE_NOTES_ERROR (limber_release_notes_error_quark ())

typedef enum
{
  LIMBER_RELEASE_NOTES_ERROR_INVALID,
  LIMBER_RELEASE_NOTES_ERROR_NO_RELEASE,
} LimberReleaseNotesError;

GQuark limber_release_notes_error_quark (void);

/* The notes of one release in AppStream metainfo, as the markup AdwAboutWindow shows
 * (<p>, <ul>, <ol>, <li>, <em>, <code>), each paragraph and list item translated
 * through the program's catalog, where the metainfo's own strings are. NULL with
 * LIMBER_RELEASE_NOTES_ERROR_NO_RELEASE when the metainfo lists no such version. */
char *limber_release_notes_from_metainfo (const char  *metainfo,
                                          gssize       length,
                                          const char  *version,
                                          GError     **error);

/* The notes of this version of Limber, from the metainfo compiled into the program:
 * the one place release notes are written. */
char *limber_release_notes_get_current  (GError     **error);

G_END_DECLS
