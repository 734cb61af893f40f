/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-start-dialog.h: asks which board to start: a bundled guest, or the
 * user's own kernel or firmware on a machine of their choice.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_START_DIALOG (fp_start_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FpStartDialog, fp_start_dialog, FP, START_DIALOG, GtkWindow)

/* @qemu_dir: where QEMU is looked for first (NULL: only on PATH).
 * @settings (may be NULL): the choice offered first, and where it is
 * remembered once started. */
FpStartDialog *fp_start_dialog_new (GtkWindow  *parent,
                                    const char *qemu_dir,
                                    GSettings  *settings);

/* Signal ::start (FpStartDialog *self, FpGuest *guest): the user chose a
 * guest that passed fp_guest_build_argv(); the guest belongs to the dialog,
 * which closes itself afterwards. */

G_END_DECLS
