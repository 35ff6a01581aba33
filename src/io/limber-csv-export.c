/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-csv-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "limber-csv.h"
#include "limber-csv-export.h"
#include "limber-file.h"

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

  if (!limber_file_write (path, out->str, out->len, error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = rows;

  return TRUE;
}
