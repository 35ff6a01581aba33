/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-clinic-stats.h"
#include "limber-report-document.h"
#include "limber-store.h"

G_BEGIN_DECLS

/* The clinic outcomes report: how many courses of care of a period succeeded,
 * overall, by condition and by therapist, always with the counts, and the rules
 * used, so that a reader can check the clinic's advertised success rate. */

/* Called now and then while courses are read: done of total. */
typedef void (*LimberClinicReportProgress) (guint    done,
                                            guint    total,
                                            gpointer user_data);

/* Reads and analyses every course of care that started from from to to (YYYY-MM-DD,
 * NULL for no limit) in one pass over the store. Safe on a worker thread with a
 * store of its own; stops with G_IO_ERROR_CANCELLED when cancellable is cancelled. */
LimberClinicStats    *limber_clinic_report_collect (LimberStore                *store,
                                                    const char                 *from,
                                                    const char                 *to,
                                                    LimberClinicReportProgress  progress,
                                                    gpointer                    user_data,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);

/* The document; from and to as given to collect(), issue_date YYYY-MM-DD (NULL:
 * today). */
LimberReportDocument *limber_clinic_report_build   (LimberClinicStats          *stats,
                                                    LimberClinic               *clinic,
                                                    const char                 *from,
                                                    const char                 *to,
                                                    const char                 *issue_date);

G_END_DECLS
