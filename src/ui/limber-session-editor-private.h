/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-episode-analysis.h"
#include "limber-session-editor.h"

G_BEGIN_DECLS

/* The editor's parts, read by the UI tests. */
struct _LimberSessionEditor
{
  AdwWindow              parent_instance;

  /* template widgets */
  AdwToastOverlay       *toast_overlay;
  AdwWindowTitle        *window_title;
  GtkWidget             *cancel_button;
  GtkWidget             *save_button;
  AdwPreferencesGroup   *reassessment_group;
  AdwActionRow          *reassessment_row;
  GtkEntry              *date_entry;
  GtkEntry              *therapist_entry;
  GtkMenuButton         *therapist_menu_button;
  GtkLabel              *date_message_label;
  AdwPreferencesGroup   *pain_group;
  AdwPreferencesGroup   *motion_group;
  AdwPreferencesGroup   *flexibility_group;
  AdwPreferencesGroup   *questionnaire_group;
  GtkMenuButton         *add_measure_button;
  GtkPopover            *measure_popover;
  GtkSearchEntry        *measure_search_entry;
  GtkListBox            *measure_list;
  GtkEntry              *techniques_entry;
  GtkEntry              *soreness_entry;
  GtkLabel              *soreness_message_label;
  GtkTextView           *notes_view;
  AdwPreferencesGroup   *delete_group;
  GtkWidget             *delete_button;

  /* owned */
  LimberStore           *store;
  LimberEpisodeAnalysis *analysis;
  LimberSession         *session;               /* the stored session edited, or NULL */
  GPtrArray             *stored_measurements;   /* its measurements */
  GPtrArray             *rows;                  /* LimberMeasureRow in the form's order */
  char                  *reassessment;
  /* What the fields held when the editor opened, to know whether to ask on Cancel. */
  char                  *initial_date;
  char                  *initial_therapist;
  char                  *initial_techniques;
  char                  *initial_soreness;
  char                  *initial_notes;
  guint                  session_number;
  gboolean               date_valid;
  gboolean               soreness_valid;
};

G_END_DECLS
