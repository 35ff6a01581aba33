/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-instrument.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_QUESTIONNAIRE_DIALOG (limber_questionnaire_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberQuestionnaireDialog, limber_questionnaire_dialog, LIMBER, QUESTIONNAIRE_DIALOG, AdwWindow)

/* The item form of a questionnaire that Limber scores (ODI, NDI, QuickDASH, LEFS,
 * PSFS, HIT-6): one field per item, named by its short section name and answered by
 * number (never the licensed question text), and the score as the answers are
 * typed, with the instrument's rule for unanswered items. PSFS also names its
 * activities. "Done" emits "answered" and closes the form; it is enabled only while
 * the answers make a score.
 *
 * answers (n_answers, NAN for unanswered) and item_names (PSFS activities, "" for
 * none) fill the form; either may be NULL. */
GtkWidget         *limber_questionnaire_dialog_new              (GtkWindow                 *parent,
                                                                 LimberInstrument          *instrument,
                                                                 const double              *answers,
                                                                 guint                      n_answers,
                                                                 const char *const         *item_names);
LimberInstrument  *limber_questionnaire_dialog_get_instrument   (LimberQuestionnaireDialog *self);
/* The answers typed, one per item (NAN where none). */
const double      *limber_questionnaire_dialog_get_answers      (LimberQuestionnaireDialog *self,
                                                                 guint                     *n_answers);
/* The activity names (PSFS), one per item, or NULL. */
const char *const *limber_questionnaire_dialog_get_item_names   (LimberQuestionnaireDialog *self);
/* The answer field of an item (tests and keyboard focus). */
GtkWidget         *limber_questionnaire_dialog_get_answer_entry (LimberQuestionnaireDialog *self,
                                                                 guint                      index);
/* The activity name field of a PSFS item; NULL for other instruments. */
GtkWidget         *limber_questionnaire_dialog_get_name_entry   (LimberQuestionnaireDialog *self,
                                                                 guint                      index);
/* Whether the answers make a score, which "Done" would use. */
gboolean           limber_questionnaire_dialog_has_score        (LimberQuestionnaireDialog *self);
double             limber_questionnaire_dialog_get_score        (LimberQuestionnaireDialog *self);

G_END_DECLS
