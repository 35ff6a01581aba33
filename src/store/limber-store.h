/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-clinic.h"
#include "limber-episode.h"
#include "limber-goal.h"
#include "limber-measurement.h"
#include "limber-patient.h"
#include "limber-session.h"
#include "limber-therapist.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_STORE (limber_store_get_type ())

G_DECLARE_FINAL_TYPE (LimberStore, limber_store, LIMBER, STORE, GObject)

/* The clinic's database: the only code that speaks SQL.
 *
 * Every public mutator is one transaction of its own, unless it runs inside
 * limber_store_run_transaction(), where it joins that transaction: a user action that
 * makes several changes (an import, a session with its measurements) commits all of
 * them or none. Every insert, update and delete writes an audit_log row (time, user
 * name, action, table, row id, old and new values) inside the same transaction.
 *
 * After a commit the store emits "changed" once, with the name of the action. */

#define LIMBER_STORE_ERROR (limber_store_error_quark ())

typedef enum
{
  LIMBER_STORE_ERROR_OPEN,          /* cannot open or create the file */
  LIMBER_STORE_ERROR_NOT_LIMBER,    /* the file is not a Limber database */
  LIMBER_STORE_ERROR_NEWER_VERSION, /* made by a newer Limber: refuse, touch nothing */
  LIMBER_STORE_ERROR_CORRUPT,       /* damaged */
  LIMBER_STORE_ERROR_FULL,          /* disk full: nothing was saved */
  LIMBER_STORE_ERROR_BUSY,          /* locked by another program */
  LIMBER_STORE_ERROR_CONSTRAINT,    /* a duplicate or invalid row */
  LIMBER_STORE_ERROR_NOT_FOUND,
  LIMBER_STORE_ERROR_FAILED,
  LIMBER_STORE_ERROR_IO,            /* the disk could not be written: nothing was saved */
  LIMBER_STORE_ERROR_TAMPERED,      /* its schema or triggers are not Limber's: refuse */
  LIMBER_STORE_ERROR_OLDER_VERSION, /* read-only, and of an older schema */
  LIMBER_STORE_ERROR_UNFINISHED,    /* read-only, and a change to it was interrupted */
  LIMBER_STORE_ERROR_READ,          /* the disk could not be read: nothing was saved */
} LimberStoreError;

typedef enum
{
  LIMBER_STORE_OPEN_DEFAULT = 0,
  /* Never write to the file, not even to upgrade it; a missing or empty file, or
   * one of an older schema, is refused. Works on read-only media. */
  LIMBER_STORE_OPEN_READ_ONLY = 1 << 0,
} LimberStoreOpenFlags;

GQuark limber_store_error_quark (void);

/* The newest schema version this build knows. */
#define LIMBER_STORE_SCHEMA_VERSION (limber_store_get_schema_version ())
guint limber_store_get_schema_version (void);

/* $LIMBER_DATABASE if set, else $XDG_DATA_HOME/limber/clinic.sqlite. */
char        *limber_store_get_default_path  (void);

/* Opens or creates the database at path (creating its folder, mode 0700, and the file
 * with mode 0600) and migrates it to the current schema. A file of a newer schema,
 * one whose header is damaged, one that is not a Limber database, or one whose
 * tables or triggers are not exactly Limber's is refused and left untouched. Opening
 * reads only the header and the schema: limber_store_verify() reads everything. */
LimberStore *limber_store_open              (const char   *path,
                                             GError      **error);
LimberStore *limber_store_open_full         (const char            *path,
                                             LimberStoreOpenFlags   flags,
                                             GError               **error);
/* Whether the file at path holds Limber records of an older schema, which opening
 * it upgrades: that can take a while on a large clinic. Reads the file's header
 * only, and never creates it. */
gboolean     limber_store_needs_upgrade     (const char   *path);
gboolean     limber_store_is_read_only      (LimberStore  *self);
const char  *limber_store_get_path          (LimberStore  *self);
/* The user name written to the audit log (default: g_get_user_name()). */
void         limber_store_set_user_name     (LimberStore  *self,
                                             const char   *user_name);

typedef gboolean (*LimberStoreTransactionFunc) (LimberStore  *store,
                                                gpointer      user_data,
                                                GError      **error);

/* Runs func in one transaction named action (written to the audit log, e.g.
 * "import visits.csv"). If func returns FALSE, everything it changed is rolled back
 * and its error returned. */
gboolean     limber_store_run_transaction   (LimberStore                *self,
                                             const char                 *action,
                                             LimberStoreTransactionFunc  func,
                                             gpointer                    user_data,
                                             GError                    **error);
/* Inside a transaction that writes a great many audit entries (an import): the hash
 * chain of its entries is computed in one pass just before it commits, by the same
 * rule as the trigger that otherwise links each entry as it is written. Ends with
 * the transaction. */
void         limber_store_defer_audit_chain (LimberStore                *self);
/* Inside a transaction whose every failure undoes all of it (an import): the
 * mutators it calls open no savepoint of their own, each of which would otherwise
 * keep a copy of every page it changes. Ends with the transaction. */
void         limber_store_set_all_or_nothing (LimberStore               *self);

/* ----- Patients ----- */
/* Every patient, ordered by name then mrn; a new GListModel of LimberPatient. */
GListModel    *limber_store_list_patients     (LimberStore    *self,
                                               GError        **error);
/* The ids of the patients whose name or chart number contains search, ignoring case
 * and accents (NULL or "": every patient), in the order of
 * limber_store_list_patients(); a GArray of gint64. Answered from an index, so that
 * the search keeps pace with typing in a clinic of any size. */
GArray        *limber_store_search_patient_ids (LimberStore  *self,
                                                const char   *search,
                                                GError      **error);
/* The same, leaving out archived patients unless include_archived. */
GArray        *limber_store_search_listed_patient_ids (LimberStore  *self,
                                                       const char   *search,
                                                       gboolean      include_archived,
                                                       GError      **error);
/* The patients of n_ids ids, read a block at a time: a GPtrArray of as many
 * LimberPatient in the same order, NULL where no patient has the id. */
GPtrArray     *limber_store_get_patients      (LimberStore    *self,
                                               const gint64   *ids,
                                               guint           n_ids,
                                               GError        **error);
/* NULL without error when there is none. */
LimberPatient *limber_store_find_patient      (LimberStore    *self,
                                               const char     *mrn,
                                               GError        **error);
LimberPatient *limber_store_get_patient       (LimberStore    *self,
                                               gint64          patient_id,
                                               GError        **error);
guint          limber_store_count_patients    (LimberStore    *self,
                                               GError        **error);
/* Validates, inserts and sets the patient's id. */
gboolean       limber_store_add_patient       (LimberStore    *self,
                                               LimberPatient  *patient,
                                               GError        **error);
gboolean       limber_store_update_patient    (LimberStore    *self,
                                               LimberPatient  *patient,
                                               GError        **error);
/* Erases the patient at their request: deletes every row of theirs in every table,
 * writes one audit entry "erase patient" that counts what was erased without saying
 * whom, erases the old and new values of every audit entry about them (redacted_by
 * names the erasure's entry; the hash chain still verifies), and empties the WAL so
 * that the file keeps no copy. Not inside limber_store_run_transaction(). */
gboolean       limber_store_erase_patient     (LimberStore    *self,
                                               gint64          patient_id,
                                               GError        **error);
/* Deletes the patient with all episodes, sessions and measurements. */
gboolean       limber_store_delete_patient    (LimberStore    *self,
                                               gint64          patient_id,
                                               GError        **error);

/* ----- Episodes (courses of care) ----- */
/* The patient's episodes, ordered by start date then id; GPtrArray of LimberEpisode. */
GPtrArray     *limber_store_list_episodes     (LimberStore    *self,
                                               gint64          patient_id,
                                               GError        **error);
LimberEpisode *limber_store_get_episode       (LimberStore    *self,
                                               gint64          episode_id,
                                               GError        **error);
gboolean       limber_store_add_episode       (LimberStore    *self,
                                               LimberEpisode  *episode,
                                               GError        **error);
gboolean       limber_store_update_episode    (LimberStore    *self,
                                               LimberEpisode  *episode,
                                               GError        **error);
gboolean       limber_store_delete_episode    (LimberStore    *self,
                                               gint64          episode_id,
                                               GError        **error);
/* Goals of an episode; GPtrArray of LimberGoal ordered by measure, side. */
GPtrArray     *limber_store_list_goals        (LimberStore    *self,
                                               gint64          episode_id,
                                               GError        **error);
gboolean       limber_store_add_goal          (LimberStore    *self,
                                               LimberGoal     *goal,
                                               GError        **error);
gboolean       limber_store_delete_goal       (LimberStore    *self,
                                               gint64          goal_id,
                                               GError        **error);

/* ----- Sessions ----- */
/* The episode's sessions ordered by date; GPtrArray of LimberSession. */
GPtrArray     *limber_store_list_sessions     (LimberStore    *self,
                                               gint64          episode_id,
                                               GError        **error);
gboolean       limber_store_add_session       (LimberStore    *self,
                                               LimberSession  *session,
                                               GError        **error);
gboolean       limber_store_update_session    (LimberStore    *self,
                                               LimberSession  *session,
                                               GError        **error);
gboolean       limber_store_delete_session    (LimberStore    *self,
                                               gint64          session_id,
                                               GError        **error);

/* ----- Measurements ----- */
/* The session's measurements ordered by measure code then side. */
GPtrArray     *limber_store_list_measurements (LimberStore    *self,
                                               gint64          session_id,
                                               GError        **error);
/* Every measurement of an episode, ordered by session date, measure, side: what the
 * analysis needs in one query. */
GPtrArray     *limber_store_list_episode_measurements (LimberStore *self,
                                                       gint64       episode_id,
                                                       GError     **error);
gboolean       limber_store_add_measurement   (LimberStore       *self,
                                               LimberMeasurement *measurement,
                                               GError           **error);
/* The same for a measurement without questionnaire answers, from plain values
 * (measure is a code of the catalog): no object is made. id (may be NULL) receives
 * the new row's. */
gboolean       limber_store_add_measurement_value (LimberStore  *self,
                                                   gint64        session_id,
                                                   const char   *measure,
                                                   LimberSide    side,
                                                   double        value,
                                                   gint64       *id,
                                                   GError      **error);
/* An import's measurements of one session, as plain values, with their audit entries
 * written by one INSERT … SELECT after them instead of by a trigger for each: the
 * same entries, in the same order. Only inside a transaction (the import's), whose
 * part they are: a failure may leave some of them written, and that transaction
 * must then be rolled back, as an import does on any failure. */
typedef struct
{
  const char *measure;
  LimberSide  side;
  double      value;
} LimberStoreValue;

gboolean       limber_store_add_measurement_values (LimberStore            *self,
                                                    gint64                  session_id,
                                                    const LimberStoreValue *values,
                                                    guint                   n_values,
                                                    GError                **error);
gboolean       limber_store_update_measurement (LimberStore      *self,
                                                LimberMeasurement *measurement,
                                                GError          **error);
gboolean       limber_store_delete_measurement (LimberStore      *self,
                                                gint64            measurement_id,
                                                GError          **error);

/* ----- Recording a session: the session editor's actions -----
 *
 * Each is one transaction with its audit rows: a session is saved, deleted or put
 * back together with its measurements, or not at all. */

/* NULL without error when there is none. */
LimberSession *limber_store_get_session       (LimberStore    *self,
                                               gint64          session_id,
                                               GError        **error);
/* Makes the store hold this session with exactly these measurements (LimberMeasurement;
 * their session id is set to the session's). A session whose id is 0 is added (and
 * gets its id); otherwise it must be stored and is updated. A measurement whose id is
 * 0 is added; one of this session is updated; one whose row was deleted is added back
 * with its id (Undo). Stored measurements of the session missing from the list are
 * deleted. */
gboolean       limber_store_save_session      (LimberStore    *self,
                                               LimberSession  *session,
                                               GPtrArray      *measurements,
                                               GError        **error);
/* Deletes the session with its measurements and hands back what was deleted (either
 * may be NULL), for limber_store_restore_session(). */
gboolean       limber_store_remove_session    (LimberStore    *self,
                                               gint64          session_id,
                                               LimberSession **session,
                                               GPtrArray     **measurements,
                                               GError        **error);
/* Puts back a session and measurements that limber_store_remove_session() handed
 * out, with the same values and ids (a new id only where another row has taken
 * one since). */
gboolean       limber_store_restore_session   (LimberStore    *self,
                                               LimberSession  *session,
                                               GPtrArray      *measurements,
                                               GError        **error);
/* Deletes one measurement and hands it back (may be NULL) for
 * limber_store_restore_measurement(). */
gboolean       limber_store_remove_measurement (LimberStore        *self,
                                                gint64              measurement_id,
                                                LimberMeasurement **measurement,
                                                GError            **error);
gboolean       limber_store_restore_measurement (LimberStore       *self,
                                                 LimberMeasurement *measurement,
                                                 GError           **error);
/* For each measure and side, the latest measurement of the episode's sessions
 * dated before before_date (YYYY-MM-DD or YYYY-MM-DDTHH:MM); ordered by measure,
 * side. What the editor shows as the previous value. */
GPtrArray     *limber_store_list_previous_measurements (LimberStore *self,
                                                        gint64       episode_id,
                                                        const char  *before_date,
                                                        GError     **error);
/* Therapist names written on sessions, the most recently seen first. */
GStrv          limber_store_list_session_therapists (LimberStore  *self,
                                                     GError      **error);
/* Treated areas and techniques written on sessions: the episode's own first, each
 * group the most recent first; at most limit. */
GStrv          limber_store_list_session_techniques (LimberStore  *self,
                                                     gint64        episode_id,
                                                     guint         limit,
                                                     GError      **error);

/* ----- Therapists ----- */
/* The clinic's therapists, ordered by name (with include_retired, the retired ones
 * after the active ones); GPtrArray of LimberTherapist. */
GPtrArray     *limber_store_list_therapists   (LimberStore      *self,
                                               gboolean          include_retired,
                                               GError          **error);
/* Names are unique regardless of case. */
gboolean       limber_store_add_therapist     (LimberStore      *self,
                                               LimberTherapist  *therapist,
                                               GError          **error);
/* Renames, retires or reinstates: sessions keep the name they were recorded with. */
gboolean       limber_store_update_therapist  (LimberStore      *self,
                                               LimberTherapist  *therapist,
                                               GError          **error);

/* ----- Export ----- */
/* Calls func for every measurement of the clinic, ordered as the CSV export wants it:
 * mrn, episode start, session date, measure, side. Objects are borrowed for the call. */
typedef gboolean (*LimberStoreMeasurementFunc) (LimberPatient     *patient,
                                                LimberEpisode     *episode,
                                                LimberSession     *session,
                                                LimberMeasurement *measurement,
                                                gpointer           user_data,
                                                GError           **error);
gboolean       limber_store_foreach_measurement (LimberStore               *self,
                                                 LimberStoreMeasurementFunc func,
                                                 gpointer                   user_data,
                                                 GError                   **error);

/* ----- Courses of care in bulk (clinic statistics) ----- */
/* One row of limber_store_foreach_course_row(): a course of care, one of its sessions
 * and one measurement of that session (the score alone, without questionnaire item
 * answers). A session without measurements comes as one row with measure NULL, a
 * course without sessions as one row with session_id 0. The strings are borrowed
 * for the call. */
typedef struct
{
  gint64      episode_id;
  const char *condition;
  gint64      session_id;     /* 0: the course has no session */
  const char *session_date;   /* NULL with session_id 0 */
  const char *therapist;      /* NULL when not recorded */
  const char *measure;        /* NULL: the session has no measurement */
  LimberSide  side;
  double      value;
  gboolean    outcome_contact; /* the session is an outcome contact, not a visit */
} LimberStoreCourseRow;

/* Return FALSE with error set to stop. */
typedef gboolean (*LimberStoreCourseRowFunc) (const LimberStoreCourseRow  *row,
                                              gpointer                     user_data,
                                              GError                     **error);
/* Every course of care that started from from to to (YYYY-MM-DD, both included; NULL
 * for no limit), in the order they were added, each course's rows together and its
 * sessions by date: one query read in one pass, so that a clinic of any size is read
 * without holding it in memory. */
gboolean       limber_store_foreach_course_row (LimberStore              *self,
                                                const char               *from,
                                                const char               *to,
                                                LimberStoreCourseRowFunc  func,
                                                gpointer                  user_data,
                                                GError                  **error);
guint          limber_store_count_courses     (LimberStore    *self,
                                               const char     *from,
                                               const char     *to,
                                               GError        **error);

/* ----- Clinic details ----- */
/* The clinic's details; a new LimberClinic with nothing but the locale's paper when
 * they were never saved. */
LimberClinic  *limber_store_get_clinic        (LimberStore    *self,
                                               GError        **error);
/* Validates and saves the details (one row, replaced as a whole). */
gboolean       limber_store_save_clinic       (LimberStore    *self,
                                               LimberClinic   *clinic,
                                               GError        **error);

/* ----- Checking ----- */
/* Reads the whole file: SQLite's integrity check and the schema. Returns the
 * problems found, in words (empty when all is well), or NULL with error when the
 * check could not run. */
GPtrArray     *limber_store_verify            (LimberStore    *self,
                                               GError        **error);
/* Called before each read of the database file by this connection, from the thread
 * that reads: a long read in the background (a check of the whole file) may wait
 * there while the user works. */
typedef void (*LimberStoreReadPauseFunc) (gpointer user_data);
/* Calls func before every read of the main database file from now until the store
 * is finalized; FALSE (and nothing changes) where the file cannot be watched. Once
 * per store. */
gboolean       limber_store_pause_reads_with  (LimberStore              *self,
                                               LimberStoreReadPauseFunc  func,
                                               gpointer                  user_data);

/* ----- Backups -----
 * Backups are verified copies kept in a private folder beside the database
 * (clinic.sqlite → clinic-backups, mode 0700, files 0600). */

/* The folder of the backups of the database at database_path. */
char          *limber_store_get_backup_folder_for (const char  *database_path);
/* Checks the database (limber_store_verify()) and copies it to path, or when path
 * is NULL into the backups folder, rotating it (7 daily, 4 weekly); the copy counts
 * only once it is re-opened and passes SQLite's integrity check. Works on a
 * read-only store. made_path (optional) receives where it went. */
gboolean       limber_store_backup            (LimberStore    *self,
                                               const char     *path,
                                               char          **made_path,
                                               GError        **error);
/* Makes a backup into the folder unless one was made today; made_path receives
 * NULL when none was needed. */
gboolean       limber_store_backup_daily      (LimberStore    *self,
                                               char          **made_path,
                                               GError        **error);
/* The backups in the folder, newest first: GFileInfo with name, size and
 * modification time, and the full path as the byte string "limber::path". */
GPtrArray     *limber_store_list_backups      (const char     *database_path,
                                               GError        **error);
/* The copies that restores kept of the database they replaced
 * (clinic-before-restore-….sqlite), newest first, as limber_store_list_backups()
 * gives them; restoring one undoes that restore. */
GPtrArray     *limber_store_list_replaced     (const char     *database_path,
                                               GError        **error);
/* Replaces the database at database_path by the backup: the backup is verified
 * first; the current file is kept in the backups folder (kept_path); the -wal and
 * -shm of the current file are merged or set aside, never replayed into the
 * restored one. Refused (BUSY) while any Limber has the database open. */
gboolean       limber_store_restore           (const char     *database_path,
                                               const char     *backup_path,
                                               char          **kept_path,
                                               GError        **error);

/* The steps of a restore, in order, as limber_store_restore_full() reports them. */
typedef enum
{
  LIMBER_STORE_RESTORE_VERIFYING, /* reading the whole backup; may be cancelled */
  LIMBER_STORE_RESTORE_WAITING,   /* only if another connection has the file open: */
                                  /* waiting for it to close; may be cancelled */
  LIMBER_STORE_RESTORE_KEEPING,   /* copying the current file aside; may be cancelled */
  LIMBER_STORE_RESTORE_REPLACING, /* putting the backup in place: no longer cancelled */
  LIMBER_STORE_RESTORE_OPENING,   /* opening it once (upgrading an older backup) */
} LimberStoreRestoreStep;

#define LIMBER_STORE_N_RESTORE_STEPS (LIMBER_STORE_RESTORE_OPENING + 1)

/* Called from the thread that restores, at the start of each step with fraction 0,
 * and while it checks the backup (LIMBER_STORE_RESTORE_VERIFYING) again each time
 * another hundredth of the check is done: fraction is how much of the step is done
 * (0 to 1). */
typedef void (*LimberStoreRestoreProgress) (LimberStoreRestoreStep  step,
                                            double                  fraction,
                                            gpointer                user_data);

/* How many copies of the records replaced by a restore are kept: older ones go
 * after a restore succeeds, never the one it just made. */
#define LIMBER_STORE_KEPT_REPLACED 3

/* limber_store_restore() that says which step it is at and stops, with
 * G_IO_ERROR_CANCELLED and nothing changed, when cancellable is cancelled before
 * the backup starts to replace the file. With a cancellable, it waits (up to five
 * minutes) for other connections to close the file instead of refusing at once, as
 * the window's own background check may be reading it. After a restore that
 * succeeds, only the newest LIMBER_STORE_KEPT_REPLACED copies of replaced records
 * are kept. The backup is opened (an older one upgraded) in a private folder before
 * anything is replaced; should the file in place still fail to open afterwards, the
 * error says it was restored and kept_path is set all the same. For a thread: it
 * touches no object but its own. */
gboolean       limber_store_restore_full      (const char                  *database_path,
                                               const char                  *backup_path,
                                               LimberStoreRestoreProgress   progress,
                                               gpointer                     progress_data,
                                               GCancellable                *cancellable,
                                               char                       **kept_path,
                                               GError                     **error);

/* ----- Audit ----- */
/* Number of audit rows, for tests and the about dialog's troubleshooting. */
gint64         limber_store_count_audit_rows  (LimberStore    *self,
                                               GError        **error);

G_END_DECLS
