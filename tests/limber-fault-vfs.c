/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-fault-vfs"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <sqlite3.h>

#include "limber-fault-vfs.h"

/* Each file of the shim is followed in memory by the real VFS's file it wraps. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
  int           last_errno;  /* of the last failure injected into this file */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

/* The tests are single-threaded, but a background thread of GLib may open a file:
 * the counts are kept with atomics. */
static gint counts[LIMBER_FAULT_N_KINDS];
static gint armed_kind = -1;
static guint armed_nth;
static gboolean armed_sticky;
static int armed_errno;
static gint n_failed;
static int last_errno;
/* Reads fail apart from the kinds above, which the sweeps of writes go through. */
static gint n_reads;
static guint read_nth;
static int read_code;
static gboolean read_sticky;

static const char *const kind_names[] = { "write", "sync", "truncate", "delete" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LIMBER_FAULT_N_KINDS);

/* Counts a call of kind on file (NULL: a call of the VFS); TRUE when it must
 * fail. */
static gboolean
fault_now (LimberFaultKind  kind,
           FaultFile       *file)
{
  guint n = (guint) g_atomic_int_add (&counts[kind], 1) + 1;

  if (armed_kind == (gint) kind && (n == armed_nth || (armed_sticky && n > armed_nth)))
    {
      g_atomic_int_inc (&n_failed);
      last_errno = armed_errno;
      if (file != NULL)
        file->last_errno = armed_errno;
      return TRUE;
    }

  /* Like errno, it stays until the next failure. */
  return FALSE;
}

static int
fault_code (int io_code)
{
  return armed_errno == ENOSPC && io_code == SQLITE_IOERR_WRITE ? SQLITE_FULL : io_code;
}

/* ----- Files ----- */

static int
fault_close (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xClose (self->real);
}

static int
fault_read (sqlite3_file *file,
            void         *buffer,
            int           amount,
            sqlite3_int64 offset)
{
  FaultFile *self = (FaultFile *) file;
  guint n = (guint) g_atomic_int_add (&n_reads, 1) + 1;

  if (read_nth != 0 && (n == read_nth || (read_sticky && n > read_nth)))
    {
      g_atomic_int_inc (&n_failed);
      last_errno = self->last_errno = EIO;
      /* SQLite wants the buffer zeroed on a short read. */
      memset (buffer, 0, (gsize) amount);
      return read_code;
    }
  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file,
             const void   *buffer,
             int           amount,
             sqlite3_int64 offset)
{
  FaultFile *self = (FaultFile *) file;

  if (fault_now (LIMBER_FAULT_WRITE, self))
    return fault_code (SQLITE_IOERR_WRITE);
  return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file,
                sqlite3_int64 size)
{
  FaultFile *self = (FaultFile *) file;

  if (fault_now (LIMBER_FAULT_TRUNCATE, self))
    return fault_code (SQLITE_IOERR_TRUNCATE);
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
fault_sync (sqlite3_file *file,
            int           flags)
{
  FaultFile *self = (FaultFile *) file;

  if (fault_now (LIMBER_FAULT_SYNC, self))
    return fault_code (SQLITE_IOERR_FSYNC);
  return self->real->pMethods->xSync (self->real, flags);
}

static int
fault_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
fault_lock (sqlite3_file *file,
            int           lock)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xLock (self->real, lock);
}

static int
fault_unlock (sqlite3_file *file,
              int           lock)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xUnlock (self->real, lock);
}

static int
fault_check_reserved_lock (sqlite3_file *file,
                           int          *result)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, result);
}

static int
fault_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  FaultFile *self = (FaultFile *) file;

  /* As the real VFS keeps the errno of a failed call on its file. */
  if (op == SQLITE_FCNTL_LAST_ERRNO && self->last_errno != 0)
    {
      *(int *) arg = self->last_errno;
      return SQLITE_OK;
    }
  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
fault_shm_map (sqlite3_file  *file,
               int            page,
               int            page_size,
               int            extend,
               void volatile **pointer)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xShmMap (self->real, page, page_size, extend, pointer);
}

static int
fault_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;

  self->real->pMethods->xShmBarrier (self->real);
}

static int
fault_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
fault_fetch (sqlite3_file  *file,
             sqlite3_int64  offset,
             int            amount,
             void         **pointer)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xFetch (self->real, offset, amount, pointer);
}

static int
fault_unfetch (sqlite3_file  *file,
               sqlite3_int64  offset,
               void          *pointer)
{
  FaultFile *self = (FaultFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, pointer);
}

static const sqlite3_io_methods fault_io_methods = {
  .iVersion = 3,
  .xClose = fault_close,
  .xRead = fault_read,
  .xWrite = fault_write,
  .xTruncate = fault_truncate,
  .xSync = fault_sync,
  .xFileSize = fault_file_size,
  .xLock = fault_lock,
  .xUnlock = fault_unlock,
  .xCheckReservedLock = fault_check_reserved_lock,
  .xFileControl = fault_file_control,
  .xSectorSize = fault_sector_size,
  .xDeviceCharacteristics = fault_device_characteristics,
  .xShmMap = fault_shm_map,
  .xShmLock = fault_shm_lock,
  .xShmBarrier = fault_shm_barrier,
  .xShmUnmap = fault_shm_unmap,
  .xFetch = fault_fetch,
  .xUnfetch = fault_unfetch,
};

/* ----- The VFS ----- */

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *self = (FaultFile *) file;
  int rc;

  self->real = (sqlite3_file *) &self[1];
  self->last_errno = 0;
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set. */
  self->base.pMethods = self->real->pMethods != NULL ? &fault_io_methods : NULL;
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs,
              const char  *name,
              int          sync_dir)
{
  if (fault_now (LIMBER_FAULT_DELETE, NULL))
    return SQLITE_IOERR_DELETE;
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs,
              const char  *name,
              int          flags,
              int         *result)
{
  return real_vfs->xAccess (real_vfs, name, flags, result);
}

static int
fault_full_pathname (sqlite3_vfs *vfs,
                     const char  *name,
                     int          size,
                     char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs,
               const char  *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs,
                int          size,
                char        *message)
{
  real_vfs->xDlError (real_vfs, size, message);
}

static void (*fault_dl_sym (sqlite3_vfs *vfs,
                            void        *handle,
                            const char  *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs,
                void        *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs,
                  int          size,
                  char        *out)
{
  return real_vfs->xRandomness (real_vfs, size, out);
}

static int
fault_sleep (sqlite3_vfs *vfs,
             int          microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

/* 2026-01-15T10:00:00Z as SQLite counts time (milliseconds since the Julian
 * epoch): what the database records as "now" is the same in every run, so that
 * two runs of an action can be compared row by row. */
#define FIXED_NOW ((sqlite3_int64) 1768471200 * 1000 + (sqlite3_int64) 210866760000000)

static int
fault_current_time (sqlite3_vfs *vfs,
                    double      *now)
{
  *now = FIXED_NOW / 86400000.0;
  return SQLITE_OK;
}

/* What sqlite3_system_errno() reports: the injected error, as the real VFS
 * reports errno. */
static int
fault_get_last_error (sqlite3_vfs *vfs,
                      int          size,
                      char        *message)
{
  if (last_errno != 0)
    return last_errno;
  return real_vfs->xGetLastError (real_vfs, size, message);
}

static int
fault_current_time_int64 (sqlite3_vfs   *vfs,
                          sqlite3_int64 *now)
{
  *now = FIXED_NOW;
  return SQLITE_OK;
}

void
limber_fault_vfs_install (void)
{
  g_assert (real_vfs == NULL);

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert (real_vfs != NULL && real_vfs->iVersion >= 2);

  fault_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "limber-fault",
    .xOpen = fault_open,
    .xDelete = fault_delete,
    .xAccess = fault_access,
    .xFullPathname = fault_full_pathname,
    .xDlOpen = fault_dl_open,
    .xDlError = fault_dl_error,
    .xDlSym = fault_dl_sym,
    .xDlClose = fault_dl_close,
    .xRandomness = fault_randomness,
    .xSleep = fault_sleep,
    .xCurrentTime = fault_current_time,
    .xGetLastError = fault_get_last_error,
    .xCurrentTimeInt64 = fault_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

void
limber_fault_vfs_use (gboolean use_shim)
{
  g_assert (real_vfs != NULL);
  g_assert_cmpint (sqlite3_vfs_register (use_shim ? &fault_vfs : real_vfs, 1), ==, SQLITE_OK);
}

void
limber_fault_vfs_reset (void)
{
  for (guint i = 0; i < LIMBER_FAULT_N_KINDS; i++)
    g_atomic_int_set (&counts[i], 0);
  armed_kind = -1;
  armed_nth = 0;
  armed_sticky = FALSE;
  armed_errno = 0;
  last_errno = 0;
  g_atomic_int_set (&n_failed, 0);
  g_atomic_int_set (&n_reads, 0);
  read_nth = 0;
  read_code = SQLITE_OK;
  read_sticky = FALSE;
}

void
limber_fault_vfs_arm (LimberFaultKind kind,
                      guint           nth,
                      int             errno_value,
                      gboolean        sticky)
{
  g_assert (kind < LIMBER_FAULT_N_KINDS && nth > 0);

  limber_fault_vfs_reset ();
  armed_kind = (gint) kind;
  armed_nth = nth;
  armed_errno = errno_value;
  armed_sticky = sticky;
}

void
limber_fault_vfs_arm_read (guint    nth,
                           int      io_code,
                           gboolean sticky)
{
  g_assert (nth > 0 && (io_code & 0xff) == SQLITE_IOERR);

  limber_fault_vfs_reset ();
  read_nth = nth;
  read_code = io_code;
  read_sticky = sticky;
}

guint
limber_fault_vfs_count_reads (void)
{
  return (guint) g_atomic_int_get (&n_reads);
}

guint
limber_fault_vfs_count (LimberFaultKind kind)
{
  return (guint) g_atomic_int_get (&counts[kind]);
}

guint
limber_fault_vfs_n_failed (void)
{
  return (guint) g_atomic_int_get (&n_failed);
}

const char *
limber_fault_kind_to_string (LimberFaultKind kind)
{
  return kind_names[kind];
}
