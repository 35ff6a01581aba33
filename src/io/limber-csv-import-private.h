/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-csv.h"
#include "limber-csv-import.h"
#include "limber-date.h"

G_BEGIN_DECLS

/* The import runs in two phases. The first reads every row, checks each field, then
 * the rows against each other and against the store, collecting every problem with
 * its line; nothing is written. Only when there is none does the second phase write,
 * in one transaction and in a sorted order, so that the same rows in any order give
 * the same database. Rows are grouped as the database nests them:
 * patient → episode → session → measurement.
 *
 * The work is split over files by phase, sharing this header:
 * limber-csv-import.c (the import's state, problems, the public functions),
 * limber-csv-import-fields.c (the header and the checks of one row),
 * limber-csv-import-plan.c (grouping rows into patients, episodes and sessions and
 * comparing them with the store) and limber-csv-import-write.c (writing). */

/* Joins codes with a separator that cannot occur in them, for hash keys. */
#define KEY_SEPARATOR "\x1f"

typedef struct _ImportPatient ImportPatient;
typedef struct _ImportEpisode ImportEpisode;
typedef struct _ImportSession ImportSession;

typedef struct
{
  guint          line;
  /* The fields as the reader gave them, in one block (limber_csv_reader_read_row_block()). */
  char         **strv;
  /* Borrowed from strv, "" for columns the file does not have. */
  const char    *fields[LIMBER_CSV_N_COLUMNS];
  /* Every field passed its own checks: only such rows take part in the checks across
   * rows, so that one bad value does not cause a cascade of follow-up errors. */
  gboolean       valid;
  LimberCondition *condition;
  LimberMeasure *measure;
  LimberSide     side;
  double         value;
  /* The measure and side (limber_import_measurement_key()). */
  gpointer       measurement_key;
  ImportPatient *patient;
  ImportEpisode *episode;
  ImportSession *session;
  /* Already stored, or a repeat of an earlier row with the same value. */
  gboolean       unchanged;
} ImportRow;

struct _ImportSession
{
  const char    *date;            /* borrowed from its first row */
  const char    *therapist;       /* the first non-empty one, borrowed */
  guint          therapist_line;
  const char    *notes;
  guint          notes_line;
  LimberSession *stored;          /* NULL: new */
  gint64         stored_id;       /* key storage for lookups by id */
  gboolean       fill_therapist;  /* stored without one: the file supplies it */
  gboolean       fill_notes;
  GHashTable    *rows;            /* measurement key (direct) → first ImportRow */
};

struct _ImportEpisode
{
  const char    *condition;       /* catalog code */
  char          *start_date;
  LimberEpisode *stored;          /* NULL: new */
  GHashTable    *sessions;        /* date → ImportSession */
};

struct _ImportPatient
{
  const char    *mrn;             /* borrowed from its first row */
  const char    *name;
  guint          name_line;
  const char    *birth_date;      /* the first one given, or NULL */
  guint          birth_line;
  LimberPatient *stored;          /* NULL: new */
  gboolean       fill_birth_date; /* stored without one: the file supplies it */
  GPtrArray     *stored_episodes; /* LimberEpisode; NULL for a new patient */
  GHashTable    *episodes;        /* "condition␟start" → ImportEpisode */
  GHashTable    *unnamed_rows;    /* condition → GPtrArray of rows without episode_start */
};

typedef struct
{
  guint  line;
  guint  sequence;
  char  *message;
} ImportProblem;

typedef struct
{
  LimberStore        *store;
  const char         *display_name;
  char               *today;           /* read once: the clock is slow to ask */
  int                 field_index[LIMBER_CSV_N_COLUMNS];  /* -1: column absent */
  guint               n_fields;
  GPtrArray          *rows;
  /* The rows' memory, ROWS_PER_SLAB rows a piece: one allocation for many rows. */
  GPtrArray          *row_slabs;
  guint               n_slab_rows;
  GPtrArray          *problems;
  GHashTable         *patients;        /* mrn → ImportPatient */
  LimberImportCounts  counts;
  /* Borrowed, all three may be NULL: see limber_csv_import_data_full(). */
  GCancellable             *cancellable;
  LimberImportProgressFunc  progress;
  gpointer                  progress_data;
  gsize                     data_length;
} Import;

/* The share of the progress bar that reading and checking the rows fill; writing
 * them fills the rest. */
#define LIMBER_IMPORT_READ_SHARE 0.5

/* A measure of the catalog and a side as one key of a hash table with direct
 * hashing: catalog objects are never freed and are aligned, so that the side fits in
 * the pointer's low bits. */
static inline gpointer
limber_import_measurement_key (LimberMeasure *measure,
                               LimberSide     side)
{
  G_STATIC_ASSERT (LIMBER_SIDE_NONE < 4 && LIMBER_SIDE_LEFT < 4 && LIMBER_SIDE_RIGHT < 4);
  g_assert (((guintptr) measure & 3) == 0);

  return (gpointer) ((guintptr) measure | (guintptr) side);
}

ImportRow     *limber_import_row_new              (Import          *import);
ImportSession *limber_import_session_new          (const char      *date);
ImportEpisode *limber_import_episode_new          (const char      *condition,
                                                   const char      *start_date,
                                                   LimberEpisode   *stored);
ImportPatient *limber_import_patient_new          (ImportRow       *row);
void           limber_import_init                 (Import          *import,
                                                   LimberStore     *store,
                                                   const char      *display_name);
void           limber_import_clear                (Import          *import);
void           limber_import_add_problem          (Import          *import,
                                                   guint            line,
                                                   const char      *column,
                                                   const char      *format,
                                                   ...) G_GNUC_PRINTF (4, 5);
void           limber_import_set_invalid_error    (Import          *import,
                                                   GError         **error);
void           limber_import_report_progress      (Import          *import,
                                                   double           fraction);
const char    *limber_import_column_name          (LimberCsvColumn  column);
gboolean       limber_import_text_is_blank        (const char      *text);
gboolean       limber_import_row_is_blank         (const char * const *fields);

/* limber-csv-import-fields.c */
gboolean       limber_import_read_header          (Import          *import,
                                                   LimberCsvReader *reader);
void           limber_import_read_rows            (Import          *import,
                                                   LimberCsvReader *reader);

/* limber-csv-import-plan.c */
gboolean       limber_import_check_rows_together  (Import          *import,
                                                   GError         **error);

/* limber-csv-import-write.c */
gboolean       limber_import_write                (LimberStore     *store,
                                                   gpointer         user_data,
                                                   GError         **error);
gboolean       limber_import_has_changes          (Import          *import);
guint          limber_import_count_unchanged_rows (Import          *import);

G_END_DECLS
