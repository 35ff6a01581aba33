/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "limber-store.h"

G_BEGIN_DECLS

/* 'LMBR' in PRAGMA application_id marks a SQLite file as a Limber database. */
#define LIMBER_STORE_APPLICATION_ID 0x4C4D4252

/* LimberStore is one type over several files that share this header:
 *
 *   limber-store.c               the type, opening, transactions, statements, errors
 *   limber-store-file.c          the checks before any write, the journal, migrations
 *   limber-store-audit.c         the SQL functions of the audit triggers and the JSON
 *                                they share with the answers columns
 *   limber-store-rows.c          the reads and writes every table shares
 *   limber-store-patients.c      one file a table: its columns, row ↔ object, public
 *   limber-store-episodes.c      API (episodes with their goals, measurements with
 *   limber-store-sessions.c      the export)
 *   limber-store-measurements.c
 *   limber-store-recording.c     a session with its measurements as one action (the
 *                                session editor's save, delete and Undo) and what
 *                                the editor suggests from earlier sessions
 *   limber-store-erasure.c       erasing a patient at their request, with the redaction
 *                                of their audit rows
 *   limber-store-therapists.c    the clinic's therapists (Preferences)
 */
struct _LimberStore
{
  GObject        parent_instance;

  /* owned */
  sqlite3       *db;
  GHashTable    *statements;        /* SQL text (static) → sqlite3_stmt, persistent */
  char          *path;
  char          *user_name;

  /* The transaction in progress: how deeply mutators are nested in it, the action
   * of the outermost one (what every audit row carries) and the change counter at
   * its start (to emit "changed" only when something changed). */
  guint          depth;
  char          *action;
  sqlite3_int64  changes_at_begin;
  /* Bit n: the level at depth n opened a savepoint. */
  guint64        savepoints;

  /* TRUE once the file is checked and migrated. */
  gboolean       ready;
  /* TRUE while limber_store_redact_audit() runs: the only time the audit log's
   * triggers let an entry's values be erased. */
  gboolean       redacting;
  /* Schema 10: TRUE while limber_store_add_measurement_values() inserts, which then
   * writes the measurements' audit entries itself; TRUE from
   * limber_store_defer_audit_chain() to the end of the transaction, which chains its
   * entries just before it commits. The triggers ask limber_audit_deferred (). */
  gboolean       auditing_measurements;
  gboolean       chain_deferred;
  /* TRUE from limber_store_set_all_or_nothing() to the end of the transaction:
   * nested levels open no savepoint, and the patients added meanwhile (their ids
   * in unindexed_patients) go into the search index just before the commit. */
  gboolean       all_or_nothing;
  GArray        *unindexed_patients;
  /* Test hook: an import's audit entries and links go through the triggers. */
  gboolean       audit_per_row;
  /* limber_store_pause_reads_with(): the file whose reads pause (its methods are
   * forgotten after the connection closes, which still calls them). */
  gpointer       read_pause;
  /* A shared flock() on the file while it is open, so that a restore (which takes
   * it exclusively) cannot replace the file under a running Limber; -1 if none. */
  int            lock_fd;
  /* TRUE when the connection cannot write (LIMBER_STORE_OPEN_READ_ONLY). */
  gboolean       read_only;
  /* TRUE when a read-only store's connection may have made the -wal and -shm
   * beside the file, which are removed after it closes. */
  gboolean       removes_companions;
};

/* A cached statement borrowed for one use; the cleanup resets it for the next. */
typedef sqlite3_stmt LimberStoreStatement;

static inline void
limber_store_statement_release (LimberStoreStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberStoreStatement, limber_store_statement_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ----- limber-store.c ----- */

/* Sets error from a failed SQLite call and returns FALSE. */
gboolean              limber_store_fail    (LimberStore  *self,
                                            int           rc,
                                            GError      **error);
/* A statement prepared once per connection and reused: imports run the same few
 * statements thousands of times. sql must be a string literal (it is the key). */
LimberStoreStatement *limber_store_prepare (LimberStore  *self,
                                            const char   *sql,
                                            GError      **error);
gboolean              limber_store_exec    (LimberStore  *self,
                                            const char   *sql,
                                            GError      **error);
/* Starts a transaction named action, or a savepoint inside the one in progress. */
gboolean              limber_store_begin   (LimberStore  *self,
                                            const char   *action,
                                            GError      **error);
/* The same for work of a single statement, which joins a transaction in progress
 * without a savepoint (SQLite undoes a statement that fails). */
gboolean              limber_store_begin_statement (LimberStore  *self,
                                                    const char   *action,
                                                    GError      **error);
/* Ends what limber_store_begin() started: success commits (or releases the
 * savepoint), failure rolls back. Returns FALSE when the work failed or could not
 * be saved. */
gboolean              limber_store_end     (LimberStore  *self,
                                            gboolean      success,
                                            GError      **error);

/* The text of a message taken from SQLite or from the file, made valid UTF-8. */
char                 *limber_store_valid_text (const char *text);

/* ----- limber-store-file.c ----- */

/* Connects to self->path and, unless read_only, brings the file to the current
 * schema. A file that is refused is left exactly as it was. */
gboolean limber_store_open_file     (LimberStore  *self,
                                     gboolean      read_only,
                                     GError      **error);
/* After a read-only store's connection closed: removes the -wal and -shm it made,
 * unless another connection uses them. */
void     limber_store_remove_companions (LimberStore *self);
/* The first difference, in words, between the schema of the open file and Limber's
 * own of version; NULL (error unset) when they are the same. */
char    *limber_store_check_schema  (LimberStore  *self,
                                     guint         version,
                                     GError      **error);
/* Limber's own schema of version (>= 1) as the open check compares it: type "\t"
 * name → tbl_name "\n" sql. limber_store_schema_expected() is made once per
 * process and borrowed (the newest comes from the build);
 * limber_store_schema_from_migrations() applies the migrations in memory, new each
 * time. */
GHashTable *limber_store_schema_expected        (guint version);
GHashTable *limber_store_schema_from_migrations (guint version);
/* Steps a statement that selects one number; an SQLite result code. */
int      limber_store_read_int      (LimberStore  *self,
                                     const char   *sql,
                                     gint64       *value);

/* ----- limber-store-audit.c ----- */

/* Registers the functions that the audit triggers call. */
gboolean limber_store_register_functions (LimberStore  *self,
                                          GError      **error);
/* The JSON of the measurement's answers and item_names columns; an unanswered item
 * (NAN) is null. */
char    *limber_store_answers_to_json    (const double       *answers,
                                          guint               n_answers);
char    *limber_store_names_to_json      (const char *const  *names);
/* Append what the columns hold to answers (doubles, NAN for null) or to names
 * (strings and a terminating NULL); FALSE when the text is no JSON array. */
gboolean limber_store_answers_from_json  (const char         *text,
                                          GArray             *answers);
gboolean limber_store_names_from_json    (const char         *text,
                                          GPtrArray          *names);

/* The audit hash chain (schema 4). The chain hash hashes, in this order: the
 * previous entry's chain hash (NULL for the first), id, at, user_name, action,
 * table_name, row_id and the values hash. */
#define LIMBER_STORE_HASH_SIZE 32
#define LIMBER_STORE_CHAIN_N_COLUMNS 8
void     limber_store_audit_values_hash  (sqlite3_value     *old_values,
                                          sqlite3_value     *new_values,
                                          guint8             digest[LIMBER_STORE_HASH_SIZE]);
void     limber_store_audit_chain_hash   (sqlite3_value    **columns,
                                          guint8             digest[LIMBER_STORE_HASH_SIZE]);

/* Before the commit of a transaction that deferred the chain: links every entry
 * after the newest link, in order, by the rule above. */
gboolean limber_store_complete_audit_chain (LimberStore     *self,
                                            GError         **error);

/* Erasing a patient: inside the erasing transaction, replaces the old and new
 * values of every audit entry of row_id in table_name by NULL, and marks the
 * entries as erased by the entry redacted_by (one of the same transaction that
 * records the erasure, such as the row's own deletion). The hash chain stays
 * valid; limber check accepts the erased entries. */
gboolean limber_store_redact_audit       (LimberStore       *self,
                                          const char        *table_name,
                                          gint64             row_id,
                                          gint64             redacted_by,
                                          GError           **error);

/* The folder of the database's backups, beside it: clinic.sqlite → clinic-backups. */
char    *limber_store_get_backup_folder  (LimberStore       *self);
/* The newest entry of the chain in the database (audit_id 0 when there is none);
 * FALSE when the file has no chain. */
gboolean limber_store_read_chain_head    (LimberStore       *self,
                                          gint64            *audit_id,
                                          char             **hash_hex);
/* Records the newest entry of the chain beside the backups, so that cutting the
 * log short is noticed; after every commit and backup. */
void     limber_store_save_chain_head    (LimberStore       *self);
/* What was recorded: FALSE when nothing was; audit_id -1 when it is unreadable. */
gboolean limber_store_load_chain_head    (LimberStore       *self,
                                          gint64            *audit_id,
                                          char             **hash_hex);

/* ----- limber-store-search.c ----- */

/* Registers limber_search_text (name, mrn), which the search index holds. */
gboolean limber_store_register_search_functions (LimberStore  *self,
                                                 GError      **error);
/* Every write of a patient's name or chart number, and every deletion of a patient,
 * must update the search index in the same transaction: SQLite allows no trigger to
 * do it. */
gboolean limber_store_index_patient             (LimberStore  *self,
                                                 gint64        patient_id,
                                                 const char   *name,
                                                 const char   *mrn,
                                                 GError      **error);
/* The patients of self->unindexed_patients, added to the index by their stored name
 * and chart number. */
gboolean limber_store_index_added_patients      (LimberStore  *self,
                                                 GError      **error);
gboolean limber_store_unindex_patient           (LimberStore  *self,
                                                 gint64        patient_id,
                                                 GError      **error);
/* The text a search looks for: folded for case and accents as the index is. */
char    *limber_store_search_fold                (const char   *text);
/* Whether a search of that folded text reads the trigram index (three characters
 * or more); a shorter one looks in every patient's text. */
gboolean limber_store_search_is_indexed          (const char   *folded);
/* The ids of the patients whose search text the index finds folded in, in no
 * order, archived or not: for a search read in memory (LimberPatientIndex). */
GArray  *limber_store_search_match_ids           (LimberStore  *self,
                                                  const char   *folded,
                                                  GError      **error);

/* ----- limber-store-backup.c ----- */

/* Takes the shared lock of a store on its open file; FALSE (BUSY) while a restore
 * holds it. */
gboolean limber_store_lock_shared        (LimberStore       *self,
                                          GError           **error);

/* ----- limber-store-rows.c ----- */

/* Makes the object whose columns start at column of stmt. */
typedef gpointer (*LimberStoreRowFunc)   (sqlite3_stmt  *stmt,
                                          int            column,
                                          GError       **error);
/* Binds an object's columns to ?1… of stmt and steps it, turning a refused
 * duplicate or missing parent into a message about that object. */
typedef gboolean (*LimberStoreWriteFunc) (LimberStore   *self,
                                          sqlite3_stmt  *stmt,
                                          gpointer       object,
                                          GError       **error);

void        limber_store_bind_text        (sqlite3_stmt          *stmt,
                                           int                    index,
                                           const char            *text);
const char *limber_store_column_text      (sqlite3_stmt          *stmt,
                                           int                    column);
LimberSide  limber_store_column_side      (sqlite3_stmt          *stmt,
                                           int                    column);

/* Reads: every row of sql (?1, if any, bound to owner_id) in the query's order; the
 * one row that stmt or sql (?1 bound to id) selects, NULL without error when there
 * is none; the number that sql selects, -1 on error. */
GPtrArray  *limber_store_list             (LimberStore           *self,
                                           const char            *sql,
                                           gint64                 owner_id,
                                           LimberStoreRowFunc     from_row,
                                           GError               **error);
gpointer    limber_store_read_row         (LimberStore           *self,
                                           sqlite3_stmt          *stmt,
                                           LimberStoreRowFunc     from_row,
                                           GError               **error);
gpointer    limber_store_get_row          (LimberStore           *self,
                                           const char            *sql,
                                           gint64                 id,
                                           LimberStoreRowFunc     from_row,
                                           GError               **error);
gint64      limber_store_count            (LimberStore           *self,
                                           const char            *sql,
                                           GError               **error);

/* Writes, each a transaction of its own or a part of the one in progress (a single
 * statement, which SQLite undoes if it fails):
 * insert sets id to the new row's; update (row :id of sql) and delete (row ?1) set
 * found to whether the row was there. */
gboolean    limber_store_insert           (LimberStore           *self,
                                           const char            *action,
                                           const char            *sql,
                                           LimberStoreWriteFunc   write,
                                           gpointer               object,
                                           gint64                *id,
                                           GError               **error);
gboolean    limber_store_update           (LimberStore           *self,
                                           const char            *action,
                                           const char            *sql,
                                           LimberStoreWriteFunc   write,
                                           gpointer               object,
                                           gint64                 id,
                                           gboolean              *found,
                                           GError               **error);
gboolean    limber_store_delete           (LimberStore           *self,
                                           const char            *action,
                                           const char            *sql,
                                           gint64                 id,
                                           gboolean              *found,
                                           GError               **error);

/* Both set the error and return FALSE (limber_store_not_found_error() only when
 * found is FALSE; it returns TRUE otherwise). */
gboolean    limber_store_constraint_error (GError               **error,
                                           const char            *format,
                                           ...) G_GNUC_PRINTF (2, 3);
gboolean    limber_store_not_found_error  (GError               **error,
                                           gboolean               found,
                                           const char            *format,
                                           ...) G_GNUC_PRINTF (3, 4);
/* "pain.nprs" or "rom.shoulder.abduction (left)" for messages. */
char       *limber_store_describe_measure (const char            *code,
                                           LimberSide             side);

/* ----- The tables the export joins (limber-store-measurements.c) -----
 *
 * Every query of a table selects its column list, and the export selects the lists
 * one after another: the reader of each table takes the column where its list
 * starts, so that the export reuses it. */

#define LIMBER_STORE_PATIENT_COLUMNS \
  "p.id, p.mrn, p.name, p.birth_date, p.sex, p.phone, p.email, p.notes, p.archived_on"
#define LIMBER_STORE_PATIENT_N_COLUMNS 9
gpointer limber_store_patient_from_row (sqlite3_stmt  *stmt,
                                        int            column,
                                        GError       **error);

#define LIMBER_STORE_EPISODE_COLUMNS \
  "e.id, e.patient_id, e.condition, e.body_region, e.side, e.onset_date, e.start_date, " \
  "e.discharge_date, e.planned_sessions, e.sessions_per_week, e.notes, e.discharge_note"
#define LIMBER_STORE_EPISODE_N_COLUMNS 12
gpointer limber_store_episode_from_row (sqlite3_stmt  *stmt,
                                        int            column,
                                        GError       **error);

#define LIMBER_STORE_SESSION_COLUMNS \
  "s.id, s.episode_id, s.date, s.therapist, s.techniques, s.notes, s.soreness, " \
  "s.outcome_contact"
#define LIMBER_STORE_SESSION_N_COLUMNS 8
gpointer limber_store_session_from_row (sqlite3_stmt  *stmt,
                                        int            column,
                                        GError       **error);
/* Binds ?1…?7 of an INSERT or UPDATE of a session (episode_id, date, therapist,
 * techniques, notes, soreness, outcome_contact) and steps it. */
gboolean limber_store_session_write    (LimberStore   *self,
                                        sqlite3_stmt  *stmt,
                                        gpointer       object,
                                        GError       **error);

#define LIMBER_STORE_MEASUREMENT_COLUMNS \
  "m.id, m.session_id, m.measure, m.side, m.value, m.answers, m.item_names"
#define LIMBER_STORE_MEASUREMENT_N_COLUMNS 7
gpointer limber_store_measurement_from_row (sqlite3_stmt  *stmt,
                                            int            column,
                                            GError       **error);
/* Binds ?1…?6 of an INSERT or UPDATE of a measurement (session_id, measure, side,
 * value, answers, item_names) and steps it. */
gboolean limber_store_measurement_write    (LimberStore   *self,
                                            sqlite3_stmt  *stmt,
                                            gpointer       object,
                                            GError       **error);

/* ----- Hooks for tests; the application does not use them ----- */

/* Caps the database file at max_page_count pages (SQLite raises the cap to the
 * current size if it is smaller), so that the next write needing a new page fails
 * as it would on a full disk. Returns the cap now in effect. */
guint limber_store_set_max_page_count (LimberStore *self,
                                       guint        max_page_count);

/* With per_row, an import's audit entries and their links are written by the
 * triggers, one row at a time, as before schema 10: what the set-based path must
 * equal. */
void  limber_store_set_audit_per_row  (LimberStore *self,
                                       gboolean     per_row);

/* limber-store-check.c: frees what limber_store_pause_reads_with() made for file. */
void limber_store_forget_read_pause (gpointer file);

G_END_DECLS
