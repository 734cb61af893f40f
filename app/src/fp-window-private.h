/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window-private.h: for the tests.
 */
#pragma once

#include "fp-board-view.h"
#include "fp-console.h"
#include "fp-pin-table.h"
#include "fp-qemu.h"
#include "fp-window.h"

G_BEGIN_DECLS

/* The header bar's status line ("connected to test-board"). */
GtkLabel *_fp_window_get_title_label (FpWindow *self);
GtkLabel *_fp_window_get_status_label (FpWindow *self);
FpPinTable *_fp_window_get_pin_table (FpWindow *self);
FpBoardView *_fp_window_get_board_view (FpWindow *self);
FpConsole *_fp_window_get_console (FpWindow *self);
/* The QEMU the window started, while it runs, or NULL. */
FpQemu *_fp_window_get_qemu (FpWindow *self);
GtkWidget *_fp_window_get_qemu_bar (FpWindow *self);
/* The QEMU bar's text (why QEMU stopped or did not start), or NULL. */
const char *_fp_window_get_qemu_message (FpWindow *self);
/* The error bar's text, or NULL when it is hidden. */
const char *_fp_window_get_layout_error (FpWindow *self);
GtkInfoBar *_fp_window_get_layout_error_bar (FpWindow *self);
/* The empty state's title and text, or NULL while the board shows. */
const char *_fp_window_get_empty_title (FpWindow *self);
const char *_fp_window_get_empty_description (FpWindow *self);
/* Its "Start Again" button. */
GtkWidget *_fp_window_get_restart_button (FpWindow *self);

G_END_DECLS
