/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The entry points of a libFuzzer harness: each harness defines both. fuzz-replay.c
 * calls them for every file of a corpus, without libFuzzer. */
int   LLVMFuzzerInitialize          (int            *argc,
                                     char         ***argv);
int   LLVMFuzzerTestOneInput        (const uint8_t  *data,
                                     size_t          size);

/* Aborts (a finding for libFuzzer and a failure for the replay) with the message. */
G_NORETURN void limber_fuzz_fail   (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* Tells what happened to an input on stderr when LIMBER_FUZZ_VERBOSE is set (to
 * see which paths the seeds take). */
void            limber_fuzz_note   (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* Once per process: quiet debug and info messages, abort on warnings and criticals
 * (a failed g_return_if_fail() is a bug), set the C locale, and make a private
 * temporary folder that is removed at exit. Returns that folder. */
const char *limber_fuzz_init        (void);

/* A path in the temporary folder. */
char       *limber_fuzz_build_path  (const char     *name);
/* Writes the file (mode 0600), replacing it. */
void        limber_fuzz_write_file  (const char     *path,
                                     GBytes         *contents);
/* The file's bytes, or NULL when it does not exist. */
GBytes     *limber_fuzz_read_file   (const char     *path);
/* Removes path, the -wal, -shm and -journal beside it and its backups folder. */
void        limber_fuzz_remove_database (const char *path);
/* Fails unless the file holds exactly before (NULL: does not exist). */
void        limber_fuzz_assert_unchanged (const char *path,
                                          GBytes     *before,
                                          const char *what);
/* Fails unless the error is set, in domain, with a message in valid UTF-8. */
void        limber_fuzz_assert_error (const GError *error,
                                      GQuark        domain,
                                      const char   *what);

G_END_DECLS
