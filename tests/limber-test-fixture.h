/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-store.h"

G_BEGIN_DECLS

/* The fixture most suites share: a temporary folder of their own and, in it, a new
 * clinic database. Use with g_test_add (path, LimberTestFixture, NULL,
 * limber_test_fixture_set_up, test_func, limber_test_fixture_tear_down). */
typedef struct
{
  char        *dir;    /* the temporary folder */
  char        *path;   /* dir/clinic.sqlite */
  LimberStore *store;  /* open on path; NULL with limber_test_fixture_set_up_folder() */
} LimberTestFixture;

/* Creates the folder and opens a new database in it. */
void  limber_test_fixture_set_up        (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* Creates the folder only (path is set, nothing opened). */
void  limber_test_fixture_set_up_folder (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* Checks that the store is freed (no reference leaked), then removes the folder
 * with everything in it (journals, backups, exports). */
void  limber_test_fixture_tear_down     (LimberTestFixture *fixture,
                                         gconstpointer      data);
/* A path inside the fixture's folder. */
char *limber_test_fixture_build_path    (LimberTestFixture *fixture,
                                         const char        *name);
/* Removes a folder and everything in it. */
void  limber_test_remove_tree           (const char        *path);

G_END_DECLS
