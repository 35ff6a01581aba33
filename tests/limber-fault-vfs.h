/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A SQLite VFS for tests that passes every call to the real one (the default VFS
 * when it is installed) and can make the Nth call of one kind fail, as a full or
 * failing disk would: SQLITE_FULL or SQLITE_IOERR_* with the system error ENOSPC
 * or EIO. Calls are counted over every file SQLite opens (the database, its -wal
 * and -shm, journals, the file a VACUUM INTO writes). Its clock is fixed, so that
 * what an action writes is the same in every run. */

typedef enum
{
  LIMBER_FAULT_WRITE,
  LIMBER_FAULT_SYNC,
  LIMBER_FAULT_TRUNCATE,
  LIMBER_FAULT_DELETE,
  LIMBER_FAULT_N_KINDS,
} LimberFaultKind;

/* Registers the shim and makes it the default VFS; the real one stays registered
 * under its own name ("unix"). Call once. */
void        limber_fault_vfs_install   (void);
/* Which VFS connections opened from now on use: the shim, or the real one. */
void        limber_fault_vfs_use       (gboolean           use_shim);
/* Zeroes the counts and forgets any fault. */
void        limber_fault_vfs_reset     (void);
/* From now on, the nth call (1-based) of kind fails with errno_value (ENOSPC: the
 * disk is full; EIO: it failed). sticky: every later call of kind fails too, as
 * on a disk that stays full; otherwise only that one. */
void        limber_fault_vfs_arm       (LimberFaultKind    kind,
                                        guint              nth,
                                        int                errno_value,
                                        gboolean           sticky);
/* From now on, the nth read (1-based) of any file fails with io_code, an extended
 * SQLITE_IOERR code (SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ), and the system
 * error EIO, as on a failing disk; sticky: every later read too. Reads are not
 * among the kinds above. */
void        limber_fault_vfs_arm_read  (guint              nth,
                                        int                io_code,
                                        gboolean           sticky);
/* Reads since the last reset. */
guint       limber_fault_vfs_count_reads (void);
/* Calls of kind since the last reset. */
guint       limber_fault_vfs_count     (LimberFaultKind    kind);
/* How many calls failed since the last reset. */
guint       limber_fault_vfs_n_failed  (void);
const char *limber_fault_kind_to_string (LimberFaultKind   kind);

G_END_DECLS
