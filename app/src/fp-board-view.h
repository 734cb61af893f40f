/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-board-view.h: a board drawn from its layout, with live LEDs, buttons
 * and switches at the layout's places, scaled to the view.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-client.h"
#include "fp-layout.h"

G_BEGIN_DECLS

#define FP_TYPE_BOARD_VIEW (fp_board_view_get_type ())
G_DECLARE_FINAL_TYPE (FpBoardView, fp_board_view, FP, BOARD_VIEW, GtkWidget)

GtkWidget *fp_board_view_new (void);

/* The view follows @client's pins and drives them from its buttons. */
void fp_board_view_set_client (FpBoardView *self, FpClient *client);
FpClient *fp_board_view_get_client (FpBoardView *self);

/* Replaces the widgets with @layout's (may be NULL: an empty view). The
 * layout must have passed fp_layout_check() for the client's machine;
 * widgets whose pins the machine lacks stay "not connected". */
void fp_board_view_set_layout (FpBoardView *self, FpLayout *layout);
FpLayout *fp_board_view_get_layout (FpBoardView *self);

/* A key went down or up: presses (or flips) the button the layout binds
 * to it. TRUE when a button took it. */
gboolean fp_board_view_handle_key (FpBoardView *self, guint keyval, gboolean pressed);

G_END_DECLS
