/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The paper a clinic prints on. */
typedef enum
{
  LIMBER_PAPER_A4,
  LIMBER_PAPER_LETTER,
} LimberPaper;

#define LIMBER_TYPE_PAPER (limber_paper_get_type ())
GType        limber_paper_get_type    (void) G_GNUC_CONST;

/* "a4" or "letter", as the database stores it. */
const char  *limber_paper_to_string   (LimberPaper  paper);
gboolean     limber_paper_from_string (const char  *text,
                                       LimberPaper *paper);
/* Letter where the locale's paper (LC_PAPER) is 8.5 × 11 inches, else A4. */
LimberPaper  limber_paper_from_locale (void);
/* Width and height in PostScript points (1/72 inch). */
void         limber_paper_get_size    (LimberPaper  paper,
                                       double      *width,
                                       double      *height);

#define LIMBER_TYPE_CLINIC (limber_clinic_get_type ())

G_DECLARE_FINAL_TYPE (LimberClinic, limber_clinic, LIMBER, CLINIC, GObject)

/* The clinic's own details, printed on the letterhead of every report. Properties:
 * "name", "address" (may hold several lines), "phone", "email" (NULL when not given),
 * "logo" (GBytes of a PNG or SVG file, or NULL) and "paper". A clinic whose details
 * were never entered has every text NULL and the locale's paper. */

/* Logos larger than this are refused: a letterhead needs no photograph. */
#define LIMBER_CLINIC_LOGO_MAX_SIZE (2 * 1024 * 1024)

LimberClinic *limber_clinic_new         (void);
/* A new clinic with the same details, for an edit that must not change this one. */
LimberClinic *limber_clinic_copy        (LimberClinic *self);
const char   *limber_clinic_get_name    (LimberClinic *self);
void          limber_clinic_set_name    (LimberClinic *self,
                                         const char   *name);
const char   *limber_clinic_get_address (LimberClinic *self);
void          limber_clinic_set_address (LimberClinic *self,
                                         const char   *address);
const char   *limber_clinic_get_phone   (LimberClinic *self);
void          limber_clinic_set_phone   (LimberClinic *self,
                                         const char   *phone);
const char   *limber_clinic_get_email   (LimberClinic *self);
void          limber_clinic_set_email   (LimberClinic *self,
                                         const char   *email);
GBytes       *limber_clinic_get_logo    (LimberClinic *self);
void          limber_clinic_set_logo    (LimberClinic *self,
                                         GBytes       *logo);
LimberPaper   limber_clinic_get_paper   (LimberClinic *self);
void          limber_clinic_set_paper   (LimberClinic *self,
                                         LimberPaper   paper);

/* TRUE when the bytes start as a PNG file or an SVG document. */
gboolean      limber_clinic_logo_is_png (GBytes       *logo);
gboolean      limber_clinic_logo_is_svg (GBytes       *logo);

/* Checks the e-mail address (one "@", no spaces) and the logo (PNG or SVG, at most
 * LIMBER_CLINIC_LOGO_MAX_SIZE); every field may be left empty. */
gboolean      limber_clinic_validate    (LimberClinic *self,
                                         GError      **error);

G_END_DECLS
