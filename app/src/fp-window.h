/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.h: the main window: connection state in the header bar, and the
 * pin table.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-client.h"
#include "fp-connect-dialog.h"
#include "fp-guest.h"
#include "fp-start-dialog.h"

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
/* A new client for @address, started; FALSE if the address is not valid.
 * A board this window started is stopped. */
gboolean fp_window_connect (FpWindow *self, const char *address, GError **error);

/* Starts QEMU on @guest and shows it, its console in a pane, instead of
 * what the window showed (a board it started before is stopped). FALSE
 * with @error, and nothing changed, when QEMU or a file is missing or QEMU
 * cannot be started. QEMU is found as the qemu-bindir setting says. */
gboolean fp_window_start_guest (FpWindow *self, const FpGuest *guest, GError **error);

/* Asks which board to start (win.start-board); starts it when the user
 * chooses, an error showing in the window's bar. */
FpStartDialog *fp_window_show_start_dialog (FpWindow *self);

/* Which layout to show: "" (the board that serves the machine; the
 * default), "auto" (every pin), "board:NAME" (a bundled board) or
 * "file:PATH". */
void fp_window_set_layout_request (FpWindow *self, const char *request);
const char *fp_window_get_layout_request (FpWindow *self);

/* Asks where to connect (offering the recent addresses); connects this
 * window when the user chooses. */
FpConnectDialog *fp_window_show_connect_dialog (FpWindow *self);

G_END_DECLS
