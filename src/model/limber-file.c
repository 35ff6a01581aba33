/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "limber-file.h"

#define FILE_MODE 0600

/* GLib reports a GFileError; the words of the system's own error say more to a
 * clinic than GLib's sentence, which repeats the path. */
static int
errno_of_file_error (GFileError code)
{
  static const struct
  {
    GFileError code;
    int        errno_value;
  } codes[] = {
    { G_FILE_ERROR_EXIST, EEXIST }, { G_FILE_ERROR_ISDIR, EISDIR },
    { G_FILE_ERROR_ACCES, EACCES }, { G_FILE_ERROR_NAMETOOLONG, ENAMETOOLONG },
    { G_FILE_ERROR_NOENT, ENOENT }, { G_FILE_ERROR_NOTDIR, ENOTDIR },
    { G_FILE_ERROR_NXIO, ENXIO }, { G_FILE_ERROR_NODEV, ENODEV },
    { G_FILE_ERROR_ROFS, EROFS }, { G_FILE_ERROR_TXTBSY, ETXTBSY },
    { G_FILE_ERROR_LOOP, ELOOP }, { G_FILE_ERROR_NOSPC, ENOSPC },
    { G_FILE_ERROR_NOMEM, ENOMEM }, { G_FILE_ERROR_MFILE, EMFILE },
    { G_FILE_ERROR_NFILE, ENFILE }, { G_FILE_ERROR_INVAL, EINVAL },
    { G_FILE_ERROR_IO, EIO }, { G_FILE_ERROR_PERM, EPERM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i].code == code)
      return codes[i].errno_value;

  return 0;
}

static void
set_file_error (GError     **error,
                GError      *cause,
                const char  *path,
                gboolean     writing)
{
  g_autofree char *display = g_filename_display_name (path);
  int errno_value = cause->domain == G_FILE_ERROR ? errno_of_file_error (cause->code) : 0;
  GFileError code = cause->domain == G_FILE_ERROR ? cause->code : G_FILE_ERROR_FAILED;
  const char *reason = errno_value != 0 ? g_strerror (errno_value) : cause->message;

  if (writing && errno_value == ENOSPC)
    /* Translators: %s is a file */
    g_set_error (error, G_FILE_ERROR, code, _("Cannot write %s: the disk is full"), display);
  else if (writing)
    /* Translators: a file, then why, e.g. "Permission denied" */
    g_set_error (error, G_FILE_ERROR, code, _("Cannot write %s: %s"), display, reason);
  else
    /* Translators: a file, then why, e.g. "No such file or directory" */
    g_set_error (error, G_FILE_ERROR, code, _("Cannot read %s: %s"), display, reason);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autoptr(GError) cause = g_error_new_literal (G_FILE_ERROR,
                                                 g_file_error_from_errno (saved_errno),
                                                 g_strerror (saved_errno));

  set_file_error (error, cause, path, TRUE);
  return FALSE;
}

/* Makes a rename in the folder of path durable too; a failure here loses nothing
 * written. */
static void
sync_folder_of (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  g_close (fd, NULL);
}

/* ----- Writing a file in place of another ----- */

struct _LimberFileWriter
{
  char *path;
  char *temporary_path;
  int   fd;
};

LimberFileWriter *
limber_file_writer_new (const char  *path,
                        GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  LimberFileWriter *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Beside the target, so that the rename never crosses file systems; hidden, so
   * that a file left by a crash does not look like one of the clinic's. */
  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  self = g_new0 (LimberFileWriter, 1);
  self->path = g_strdup (path);
  self->temporary_path = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, base);
  self->fd = g_mkstemp_full (self->temporary_path, O_RDWR | O_CLOEXEC, FILE_MODE);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, path);
      g_clear_pointer (&self->temporary_path, g_free);
      limber_file_writer_abort (self);
      return NULL;
    }

  return self;
}

const char *
limber_file_writer_get_temporary_path (LimberFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temporary_path;
}

gboolean
limber_file_writer_write (LimberFileWriter  *self,
                          const void        *data,
                          gsize              length,
                          GError           **error)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (length > 0)
    {
      gssize written = write (self->fd, bytes, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return set_errno_error (error, written < 0 ? errno : ENOSPC, self->path);
      bytes += written;
      length -= (gsize) written;
    }

  return TRUE;
}

gboolean
limber_file_writer_commit (LimberFileWriter  *self,
                           GError           **error)
{
  int saved_errno = 0;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (fsync (self->fd) != 0 || g_close (self->fd, NULL) == FALSE)
    saved_errno = errno != 0 ? errno : EIO;
  self->fd = -1;
  if (saved_errno == 0 && g_rename (self->temporary_path, self->path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      set_errno_error (error, saved_errno, self->path);
      limber_file_writer_abort (self);
      return FALSE;
    }

  sync_folder_of (self->path);
  g_clear_pointer (&self->temporary_path, g_free);
  limber_file_writer_abort (self);
  return TRUE;
}

void
limber_file_writer_abort (LimberFileWriter *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    g_close (self->fd, NULL);
  if (self->temporary_path != NULL && g_unlink (self->temporary_path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", self->temporary_path, g_strerror (errno));
  g_free (self->temporary_path);
  g_free (self->path);
  g_free (self);
}

gboolean
limber_file_write (const char  *path,
                   const char  *data,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(LimberFileWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = limber_file_writer_new (path, error);
  if (writer == NULL
      || !limber_file_writer_write (writer, data, length < 0 ? strlen (data) : (gsize) length,
                                    error))
    return FALSE;

  return limber_file_writer_commit (g_steal_pointer (&writer), error);
}

static gboolean
set_read_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autoptr(GError) cause = g_error_new_literal (G_FILE_ERROR,
                                                 g_file_error_from_errno (saved_errno),
                                                 g_strerror (saved_errno));

  set_file_error (error, cause, path, FALSE);
  return FALSE;
}

gboolean
limber_file_writer_copy_from (LimberFileWriter  *self,
                              const char        *from,
                              GError           **error)
{
  char buffer[64 * 1024];
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  fd = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_read_error (error, errno, from);

  while (ok)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        ok = set_read_error (error, errno, from);
      else if (n == 0)
        break;
      else
        ok = limber_file_writer_write (self, buffer, (gsize) n, error);
    }

  g_close (fd, NULL);
  return ok;
}

gboolean
limber_file_copy (const char  *from,
                  const char  *to,
                  GError     **error)
{
  g_autoptr(LimberFileWriter) writer = NULL;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = limber_file_writer_new (to, error);
  if (writer == NULL || !limber_file_writer_copy_from (writer, from, error))
    return FALSE;

  return limber_file_writer_commit (g_steal_pointer (&writer), error);
}

gboolean
limber_file_read (const char  *path,
                  char       **contents,
                  gsize       *length,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      set_file_error (error, local_error, path, FALSE);
      return FALSE;
    }

  return TRUE;
}
