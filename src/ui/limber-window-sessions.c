/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-session-editor.h"
#include "limber-window-private.h"

/* The window's part in recording sessions: opening the session editor for the
 * selected course of care (Ctrl+N) or for a listed session, and the toasts whose
 * Undo puts back what a save or a delete removed. */

/* ----- Toasts with Undo ----- */

typedef struct
{
  LimberWindowUndoFunc undo;
  gpointer             data;
  GDestroyNotify       destroy;
} UndoEntry;

static void
undo_entry_free (gpointer pointer)
{
  UndoEntry *entry = pointer;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry);
}

static void
on_undo_toast_dismissed_cb (AdwToast     *toast,
                            LimberWindow *self)
{
  GVariant *target = adw_toast_get_action_target_value (toast);

  /* Undo, if chosen, has run: the toast's button activates it before dismissing. */
  if (target != NULL && self->undo_actions != NULL)
    g_hash_table_remove (self->undo_actions, GUINT_TO_POINTER (g_variant_get_uint32 (target)));
}

void
limber_window_add_undo_toast (LimberWindow         *self,
                              const char           *title,
                              LimberWindowUndoFunc  undo,
                              gpointer              data,
                              GDestroyNotify        destroy)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  UndoEntry *entry = g_new0 (UndoEntry, 1);
  AdwToast *toast = adw_toast_new (escaped);
  guint token;

  if (self->undo_actions == NULL)
    self->undo_actions = g_hash_table_new_full (NULL, NULL, NULL, undo_entry_free);

  entry->undo = undo;
  entry->data = data;
  entry->destroy = destroy;
  token = ++self->last_undo_token;
  g_hash_table_insert (self->undo_actions, GUINT_TO_POINTER (token), entry);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (token));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
limber_window_undo_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  gpointer token = GUINT_TO_POINTER (g_variant_get_uint32 (parameter));
  g_autoptr(GError) error = NULL;
  UndoEntry *entry;

  if (self->undo_actions == NULL
      || (entry = g_hash_table_lookup (self->undo_actions, token)) == NULL)
    return;

  if (self->store == NULL || !entry->undo (self, self->store, entry->data, &error))
    limber_window_add_toast (self, error != NULL ? error->message
                                                 : _("The clinic database is closed; nothing "
                                                     "was undone"));
  g_hash_table_remove (self->undo_actions, token);
}

/* ----- What Undo puts back ----- */

typedef struct
{
  LimberSession *session;
  GPtrArray     *measurements;
} SessionState;

static SessionState *
session_state_new (LimberSession *session,
                   GPtrArray     *measurements)
{
  SessionState *state = g_new0 (SessionState, 1);

  state->session = g_object_ref (session);
  state->measurements = g_ptr_array_ref (measurements);
  return state;
}

static void
session_state_free (gpointer pointer)
{
  SessionState *state = pointer;

  g_clear_object (&state->session);
  g_clear_pointer (&state->measurements, g_ptr_array_unref);
  g_free (state);
}

static gboolean
undo_delete_session (LimberWindow  *self,
                     LimberStore   *store,
                     gpointer       data,
                     GError       **error)
{
  SessionState *state = data;

  return limber_store_restore_session (store, state->session, state->measurements, error);
}

static gboolean
undo_edit_session (LimberWindow  *self,
                   LimberStore   *store,
                   gpointer       data,
                   GError       **error)
{
  SessionState *state = data;

  return limber_store_save_session (store, state->session, state->measurements, error);
}

/* ----- The session editor ----- */

static gboolean
undo_record_session (LimberWindow  *self,
                     LimberStore   *store,
                     gpointer       data,
                     GError       **error)
{
  LimberSession *session = data;

  return limber_store_remove_session (store, limber_session_get_id (session), NULL, NULL, error);
}

static void
on_session_saved_cb (LimberWindow        *self,
                     LimberSession       *session,
                     LimberSession       *before,
                     GPtrArray           *before_measurements,
                     guint                n_deleted,
                     LimberSessionEditor *editor)
{
  g_autofree char *title = NULL;

  /* A session recorded by mistake (the wrong patient, twice) goes again with Undo,
   * with all its values. */
  if (before == NULL)
    {
      limber_window_add_undo_toast (self, _("Session recorded"), undo_record_session,
                                    g_object_ref (session), g_object_unref);
      return;
    }

  if (n_deleted == 0)
    {
      limber_window_add_toast (self, _("Session saved"));
      return;
    }

  /* Values cleared in the editor are deleted: Undo brings the session back as it
   * was before the save. */
  title = g_strdup_printf (ngettext ("Session saved; %u value deleted",
                                    "Session saved; %u values deleted", n_deleted),
                           n_deleted);
  limber_window_add_undo_toast (self, title, undo_edit_session,
                                session_state_new (before, before_measurements),
                                session_state_free);
}

static void
on_session_deleted_cb (LimberWindow        *self,
                       LimberSession       *session,
                       GPtrArray           *measurements,
                       LimberSessionEditor *editor)
{
  limber_window_add_undo_toast (self, _("Session deleted"), undo_delete_session,
                                session_state_new (session, measurements),
                                session_state_free);
}

LimberSessionEditor *
limber_window_open_session_editor (LimberWindow *self,
                                   gint64        episode_id,
                                   gint64        session_id)
{
  g_autoptr(GError) error = NULL;
  LimberSessionEditor *editor;

  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  /* One session at a time: a second Ctrl+N brings back the one being typed. */
  if (self->session_editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->session_editor));
      return LIMBER_SESSION_EDITOR (self->session_editor);
    }

  editor = limber_session_editor_new (GTK_WINDOW (self), self->store, episode_id, session_id,
                                      &error);
  if (editor == NULL)
    {
      limber_window_add_toast (self, error->message);
      return NULL;
    }

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_session_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_session_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->session_editor, GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/* win.new-session (x): the course of care with that id, or with 0 the current one
 * of the patient shown. */
static void
limber_window_new_session_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  gint64 episode_id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;

  if (episode_id == 0)
    {
      LimberPatient *patient = limber_patient_view_get_patient (self->patient_view);
      LimberEpisode *episode = limber_patient_view_get_shown_episode (self->patient_view);
      g_autofree char *message = NULL;

      if (patient == NULL)
        {
          limber_window_add_toast (self, _("Choose a patient to record a session for"));
          return;
        }

      if (episode == NULL)
        {
          g_autofree char *escaped = NULL;
          AdwToast *toast;

          /* Translators: %s is a patient's name. */
          message = g_strdup_printf (_("%s has no course of care to record a session in"),
                                     limber_patient_get_name (patient));
          escaped = g_markup_escape_text (message, -1);
          toast = adw_toast_new (escaped);
          adw_toast_set_button_label (toast, _("_Start Course of Care"));
          adw_toast_set_action_name (toast, "win.start-course");
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
          return;
        }

      /* Sessions go into the course shown, never silently into another. */
      if (!limber_episode_is_open (episode))
        {
          limber_window_add_toast (self, _("This course of care was discharged: reopen it to "
                                           "record a session"));
          return;
        }

      episode_id = limber_episode_get_id (episode);
    }

  limber_window_open_session_editor (self, episode_id, 0);
}

/* win.edit-session (x): a stored session. */
static void
limber_window_edit_session_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  g_autoptr(LimberSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  session = limber_store_get_session (self->store, g_variant_get_int64 (parameter), &error);
  if (session == NULL)
    {
      limber_window_add_toast (self, error != NULL ? error->message
                                                   : _("This session no longer exists"));
      return;
    }

  limber_window_open_session_editor (self, limber_session_get_episode_id (session),
                                     limber_session_get_id (session));
}

void
limber_window_class_add_session_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-session", "x",
                                   limber_window_new_session_action);
  gtk_widget_class_install_action (widget_class, "win.edit-session", "x",
                                   limber_window_edit_session_action);
  gtk_widget_class_install_action (widget_class, "win.undo", "u",
                                   limber_window_undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-session", "x", (gint64) 0);
}
