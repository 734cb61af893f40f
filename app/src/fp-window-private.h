/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window-private.h: for the tests.
 */
#pragma once

#include "fp-board-view.h"
#include "fp-pin-table.h"
#include "fp-window.h"

G_BEGIN_DECLS

/* The header bar's status line ("connected to test-board"). */
GtkLabel *_fp_window_get_status_label (FpWindow *self);
FpPinTable *_fp_window_get_pin_table (FpWindow *self);
FpBoardView *_fp_window_get_board_view (FpWindow *self);
/* The error bar's text, or NULL when it is hidden. */
const char *_fp_window_get_layout_error (FpWindow *self);
GtkInfoBar *_fp_window_get_layout_error_bar (FpWindow *self);

G_END_DECLS
