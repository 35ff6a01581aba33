/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-episode-loader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-date.h"
#include "limber-episode-loader.h"

LimberEpisodeAnalysis *
limber_episode_loader_load_for_episode (LimberStore    *store,
                                        LimberPatient  *patient,
                                        LimberEpisode  *episode,
                                        GError        **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  gint64 episode_id;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (patient == NULL || LIMBER_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (LIMBER_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode_id = limber_episode_get_id (episode);

  if (!(sessions = limber_store_list_sessions (store, episode_id, error)) ||
      !(measurements = limber_store_list_episode_measurements (store, episode_id, error)) ||
      !(goals = limber_store_list_goals (store, episode_id, error)))
    return NULL;

  return limber_episode_analysis_new (patient, episode, sessions, measurements, goals);
}

LimberEpisodeAnalysis *
limber_episode_loader_load (LimberStore  *store,
                            gint64        episode_id,
                            GError      **error)
{
  g_autoptr(LimberEpisode) episode = NULL;
  g_autoptr(LimberPatient) patient = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  episode = limber_store_get_episode (store, episode_id, error);
  if (episode == NULL)
    return NULL;

  patient = limber_store_get_patient (store, limber_episode_get_patient_id (episode), error);
  if (patient == NULL)
    return NULL;

  return limber_episode_loader_load_for_episode (store, patient, episode, error);
}

/* The most recent by start date; of two started the same day, the one added last. */
static LimberEpisode *
find_current_episode (GPtrArray *episodes)
{
  LimberEpisode *current = NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      LimberEpisode *episode = g_ptr_array_index (episodes, i);
      int cmp;

      if (current == NULL)
        {
          current = episode;
          continue;
        }

      cmp = g_strcmp0 (limber_episode_get_start_date (episode),
                       limber_episode_get_start_date (current));
      if (cmp > 0 || (cmp == 0 && limber_episode_get_id (episode) > limber_episode_get_id (current)))
        current = episode;
    }

  return current;
}

LimberEpisodeAnalysis *
limber_episode_loader_load_current (LimberStore  *store,
                                    const char   *mrn,
                                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LimberPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patient = limber_store_find_patient (store, mrn, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (patient == NULL)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("No patient with chart number “%s”"), mrn);
      return NULL;
    }

  episodes = limber_store_list_episodes (store, limber_patient_get_id (patient), error);
  if (episodes == NULL)
    return NULL;

  if (episodes->len == 0)
    {
      g_set_error (error, LIMBER_STORE_ERROR, LIMBER_STORE_ERROR_NOT_FOUND,
                   _("The patient with chart number “%s” has no course of care yet"), mrn);
      return NULL;
    }

  return limber_episode_loader_load_for_episode (store, patient, find_current_episode (episodes),
                                                 error);
}

/* ----- Many courses at once ----- */

/* The course being read. Its arrays and strings are kept from one course to the next,
 * so that reading ten thousand courses allocates about as often as reading one. */
typedef struct
{
  LimberEpisodeLoaderCourseFunc  func;
  gpointer                       user_data;
  GCancellable                  *cancellable;

  gint64                         episode_id;    /* 0 before the first row */
  gint64                         session_id;    /* the last session read */
  gboolean                       in_contact;    /* and whether it is an outcome contact */
  char                          *condition;
  GArray                        *sessions;      /* LimberCourseSession: the visits */
  GArray                        *values;        /* LimberCourseValue of the visits */
  GArray                        *contacts;      /* LimberCourseSession: outcome contacts */
  GArray                        *contact_values; /* theirs, indexes into contacts */
  GStringChunk                  *strings;       /* dates and therapists of the course */
  const char                    *last_code;     /* the last measure code looked up */
  LimberMeasure                 *last_measure;  /* and its catalog entry */
} CourseReader;

/* The outcome contacts go after the visits (LimberCourse), their values with them. */
static gboolean
finish_course (CourseReader  *reader,
               GError       **error)
{
  guint n_visits = reader->sessions->len;
  LimberCourse course;

  if (reader->episode_id == 0)
    return TRUE;

  for (guint i = 0; i < reader->contact_values->len; i++)
    {
      LimberCourseValue value = g_array_index (reader->contact_values, LimberCourseValue, i);

      value.session += n_visits;
      g_array_append_val (reader->values, value);
    }
  g_array_append_vals (reader->sessions, reader->contacts->data, reader->contacts->len);

  course = (LimberCourse) {
    reader->episode_id,
    reader->condition,
    (const LimberCourseSession *) reader->sessions->data,
    reader->sessions->len,
    (const LimberCourseValue *) reader->values->data,
    reader->values->len,
    n_visits,
  };

  if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
    return FALSE;
  return reader->func (&course, reader->user_data, error);
}

/* Measures repeat from row to row: a code is looked up in the catalog only when it
 * differs from the last one. */
static LimberMeasure *
lookup_measure (CourseReader *reader,
                const char   *code)
{
  if (reader->last_code == NULL || !g_str_equal (reader->last_code, code))
    {
      reader->last_measure = limber_measure_lookup (code);
      reader->last_code = reader->last_measure != NULL
                          ? limber_measure_get_code (reader->last_measure)
                          : NULL;
    }
  return reader->last_measure;
}

static gboolean
read_course_row (const LimberStoreCourseRow  *row,
                 gpointer                     user_data,
                 GError                     **error)
{
  CourseReader *reader = user_data;

  if (row->episode_id != reader->episode_id)
    {
      if (!finish_course (reader, error))
        return FALSE;
      reader->episode_id = row->episode_id;
      reader->session_id = 0;
      g_free (reader->condition);
      reader->condition = g_strdup (row->condition);
      g_array_set_size (reader->sessions, 0);
      g_array_set_size (reader->values, 0);
      g_array_set_size (reader->contacts, 0);
      g_array_set_size (reader->contact_values, 0);
      g_string_chunk_clear (reader->strings);
    }

  if (row->session_id == 0)
    return TRUE;

  if (row->session_id != reader->session_id)
    {
      LimberCourseSession session;

      reader->session_id = row->session_id;
      reader->in_contact = row->outcome_contact;
      session.date = g_string_chunk_insert (reader->strings, row->session_date);
      session.julian = limber_date_to_julian (row->session_date);
      session.therapist = row->therapist != NULL
                          ? g_string_chunk_insert_const (reader->strings, row->therapist)
                          : NULL;
      g_array_append_val (reader->in_contact ? reader->contacts : reader->sessions, session);
    }

  if (row->measure != NULL)
    {
      LimberCourseValue value;

      value.session = (reader->in_contact ? reader->contacts : reader->sessions)->len - 1;
      value.measure = lookup_measure (reader, row->measure);
      value.side = row->side;
      value.value = row->value;
      if (value.measure == NULL)
        g_debug ("Leaving out unknown measure %s", row->measure);
      else
        g_array_append_val (reader->in_contact ? reader->contact_values : reader->values, value);
    }

  return TRUE;
}

gboolean
limber_episode_loader_foreach_course (LimberStore                    *store,
                                      const char                     *from,
                                      const char                     *to,
                                      LimberEpisodeLoaderCourseFunc   func,
                                      gpointer                        user_data,
                                      GCancellable                   *cancellable,
                                      GError                        **error)
{
  CourseReader reader = { func, user_data, cancellable, 0, 0, FALSE, NULL, NULL, NULL, NULL, NULL,
                          NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader.sessions = g_array_new (FALSE, FALSE, sizeof (LimberCourseSession));
  reader.values = g_array_new (FALSE, FALSE, sizeof (LimberCourseValue));
  reader.contacts = g_array_new (FALSE, FALSE, sizeof (LimberCourseSession));
  reader.contact_values = g_array_new (FALSE, FALSE, sizeof (LimberCourseValue));
  reader.strings = g_string_chunk_new (1024);

  ok = limber_store_foreach_course_row (store, from, to, read_course_row, &reader, error)
       && finish_course (&reader, error);

  g_free (reader.condition);
  g_array_unref (reader.sessions);
  g_array_unref (reader.values);
  g_array_unref (reader.contacts);
  g_array_unref (reader.contact_values);
  g_string_chunk_free (reader.strings);
  return ok;
}
