/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks before a window that holds typed values closes without saving them: "Keep
 * Editing" (the default, also Escape) or "Discard", which destroys window. Returns
 * the dialog, already presented. */
GtkWidget *limber_discard_dialog_present (GtkWindow  *window,
                                          const char *heading,
                                          const char *body);

/* The one save, cancel and discard flow of the windows that edit a record (a
 * patient, a course of care, a discharge). A window type describes itself once: */
typedef struct
{
  /* "course" names the window's actions course.save and course.cancel. */
  const char  *action_prefix;
  /* Stores what the fields hold; when stored, emits the window's "saved" signal
   * and destroys the window. FALSE leaves it open with the reason shown. */
  gboolean   (*save)            (GtkWindow *window);
  /* Whether the fields differ from what the window opened with. */
  gboolean   (*is_modified)     (GtkWindow *window);
  /* The question before discarding; NULL for "Discard Your Changes?". */
  const char *(*discard_heading) (GtkWindow *window);
} LimberEditFlow;

/* For the class_init of a GtkWindow type: installs PREFIX.save (the Save button,
 * Ctrl+S, Ctrl+Return, Ctrl+Enter on the keypad) and PREFIX.cancel (the Cancel button, Escape), and makes
 * closing the window (PREFIX.cancel too) close it at once when nothing was changed
 * and ask with limber_discard_dialog_present() otherwise. flow must stay valid
 * (a static). */
void       limber_edit_flow_install      (GtkWidgetClass       *widget_class,
                                          const LimberEditFlow *flow);
/* What PREFIX.cancel does. */
void       limber_edit_flow_cancel       (GtkWindow            *window);
/* The text of a note field, without the spaces and blank lines around it. */
char      *limber_edit_flow_dup_note     (GtkTextView          *view);
/* The message the window shows above its fields, or NULL while it shows none. */
const char *limber_edit_flow_get_message (GtkLabel             *error_label);

G_END_DECLS
