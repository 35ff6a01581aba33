/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "limber-csv.h"
#include "limber-csv-export.h"

typedef struct
{
  GString *out;
  guint    n_rows;
} ExportState;

static void
append_header (GString *out)
{
  const char *names[LIMBER_CSV_N_COLUMNS];

  for (guint i = 0; i < LIMBER_CSV_N_COLUMNS; i++)
    names[i] = limber_csv_column_get_name (i);
  limber_csv_append_row (out, names, LIMBER_CSV_N_COLUMNS);
}

static gboolean
append_measurement_row (LimberPatient     *patient,
                        LimberEpisode     *episode,
                        LimberSession     *session,
                        LimberMeasurement *measurement,
                        gpointer           user_data,
                        GError           **error)
{
  ExportState *state = user_data;
  LimberMeasure *measure = limber_measurement_get_measure_info (measurement);
  g_autofree char *value = limber_format_number (limber_measurement_get_value (measurement));
  const char *fields[LIMBER_CSV_N_COLUMNS] = {
    [LIMBER_CSV_COLUMN_MRN]           = limber_patient_get_mrn (patient),
    [LIMBER_CSV_COLUMN_PATIENT_NAME]  = limber_patient_get_name (patient),
    [LIMBER_CSV_COLUMN_BIRTH_DATE]    = limber_patient_get_birth_date (patient),
    [LIMBER_CSV_COLUMN_CONDITION]     = limber_episode_get_condition (episode),
    [LIMBER_CSV_COLUMN_EPISODE_START] = limber_episode_get_start_date (episode),
    [LIMBER_CSV_COLUMN_SESSION_DATE]  = limber_session_get_date (session),
    [LIMBER_CSV_COLUMN_THERAPIST]     = limber_session_get_therapist (session),
    [LIMBER_CSV_COLUMN_MEASURE]       = limber_measurement_get_measure (measurement),
    [LIMBER_CSV_COLUMN_SIDE]          = limber_side_to_string (limber_measurement_get_side (measurement)),
    [LIMBER_CSV_COLUMN_VALUE]         = value,
    [LIMBER_CSV_COLUMN_UNIT]          = measure != NULL ? limber_measure_get_unit (measure) : NULL,
    [LIMBER_CSV_COLUMN_NOTES]         = limber_session_get_notes (session),
  };

  limber_csv_append_row (state->out, fields, LIMBER_CSV_N_COLUMNS);
  state->n_rows++;

  return TRUE;
}

static GString *
export_to_string (LimberStore  *store,
                  guint        *n_rows,
                  GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ExportState state = { out, 0 };

  append_header (out);
  if (!limber_store_foreach_measurement (store, append_measurement_row, &state, error))
    return NULL;

  if (n_rows != NULL)
    *n_rows = state.n_rows;

  return g_steal_pointer (&out);
}

char *
limber_csv_export_data (LimberStore  *store,
                        GError      **error)
{
  GString *out;

  g_return_val_if_fail (LIMBER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = export_to_string (store, NULL, error);
  if (out == NULL)
    return NULL;

  return g_string_free (out, FALSE);
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Cannot write %s: the disk is full"), display);
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Cannot write %s: %s"), display, g_strerror (saved_errno));
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      length -= written;
    }

  return TRUE;
}

/* Makes the rename itself durable; a failure here loses nothing already written. */
static void
sync_folder_of (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  g_close (fd, NULL);
}

/* The temporary file sits beside path (not in /tmp) so that rename() stays on one
 * file system and is atomic; the reader of path sees the old file or the new one,
 * never half of one. */
static gboolean
write_file_atomically (const char  *path,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  int fd;
  int saved_errno;

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }

  if (close (fd) != 0 || g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }

  sync_folder_of (path);
  return TRUE;
}

gboolean
limber_csv_export_file (LimberStore  *store,
                        const char   *path,
                        guint        *n_rows,
                        GError      **error)
{
  g_autoptr(GString) out = NULL;
  guint rows = 0;

  g_return_val_if_fail (LIMBER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = export_to_string (store, &rows, error);
  if (out == NULL)
    return FALSE;

  if (!write_file_atomically (path, out->str, out->len, error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = rows;

  return TRUE;
}
