/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-start-dialog-private.h: for the tests.
 */
#pragma once

#include "fp-start-dialog.h"

G_BEGIN_DECLS

/* Picks the bundled guest @name, or the user's own with NULL, as a click
 * on its row does. */
void _fp_start_dialog_select (FpStartDialog *self, const char *name);
GtkEditable *_fp_start_dialog_get_entry (FpStartDialog *self, const char *field);
GtkLabel *_fp_start_dialog_get_error_label (FpStartDialog *self);
GtkButton *_fp_start_dialog_get_start_button (FpStartDialog *self);

G_END_DECLS
