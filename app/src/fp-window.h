/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.h: the main window: connection state in the header bar, and the
 * pin table.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-client.h"
#include "fp-connect-dialog.h"

G_BEGIN_DECLS

#define FP_TYPE_WINDOW (fp_window_get_type ())
G_DECLARE_FINAL_TYPE (FpWindow, fp_window, FP, WINDOW, GtkApplicationWindow)

/* @application may be %NULL (tests). The window shows @client (or nothing
 * yet) and owns it: it closes it when it is replaced or the window goes
 * away. Starting it is up to the caller. */
FpWindow *fp_window_new (GtkApplication *application, FpClient *client);

FpClient *fp_window_get_client (FpWindow *self);
/* Shows @client instead of the current one, which is closed. */
void fp_window_set_client (FpWindow *self, FpClient *client);
/* A new client for @address, started; FALSE if the address is not valid. */
gboolean fp_window_connect (FpWindow *self, const char *address, GError **error);

/* Which layout to show: "" (the board that serves the machine; the
 * default), "auto" (every pin), "board:NAME" (a bundled board) or
 * "file:PATH". */
void fp_window_set_layout_request (FpWindow *self, const char *request);
const char *fp_window_get_layout_request (FpWindow *self);

/* Asks where to connect (offering the recent addresses); connects this
 * window when the user chooses. */
FpConnectDialog *fp_window_show_connect_dialog (FpWindow *self);

G_END_DECLS
