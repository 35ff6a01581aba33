/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
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

/* Makes the rename into place durable too; a failure here loses nothing written. */
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

gboolean
limber_file_write (const char  *path,
                   const char  *data,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_set_contents_full (path, data != NULL ? data : "", length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 FILE_MODE, &local_error))
    {
      set_file_error (error, local_error, path, TRUE);
      return FALSE;
    }

  sync_folder_of (path);
  return TRUE;
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
