/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "fp-board-view.h"

G_BEGIN_DECLS

/* The widget of the layout's widget @id, or NULL. */
GtkWidget *_fp_board_view_get_widget (FpBoardView *self, const char *id);

G_END_DECLS
