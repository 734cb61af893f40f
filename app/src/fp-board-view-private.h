/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "fp-board-view.h"

G_BEGIN_DECLS

/* The widget of the layout's widget @id, or NULL. */
GtkWidget *_fp_board_view_get_widget (FpBoardView *self, const char *id);

/* The height in pixels of the smallest silkscreen text, as last drawn. */
double _fp_board_view_get_smallest_text_px (FpBoardView *self);

G_END_DECLS
