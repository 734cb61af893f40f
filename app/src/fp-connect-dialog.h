/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-connect-dialog.h: asks where QEMU's gpio-panel listens.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_CONNECT_DIALOG (fp_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FpConnectDialog, fp_connect_dialog, FP, CONNECT_DIALOG, GtkWindow)

/* @recent: addresses to offer, most recent first (may be NULL); the entry
 * starts with the first. */
FpConnectDialog *fp_connect_dialog_new (GtkWindow *parent, const char * const *recent);

/* Signal ::connect (FpConnectDialog *self, const char *address): the user
 * chose a valid address; the dialog closes itself afterwards. */

G_END_DECLS
