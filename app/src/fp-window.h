/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.h: the main window: connection state in the header bar, and the
 * pin table.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-client.h"

G_BEGIN_DECLS

#define FP_TYPE_WINDOW (fp_window_get_type ())
G_DECLARE_FINAL_TYPE (FpWindow, fp_window, FP, WINDOW, GtkApplicationWindow)

/* @application may be %NULL (tests). The window shows @client; starting and
 * closing the client is up to the caller. */
FpWindow *fp_window_new (GtkApplication *application, FpClient *client);

FpClient *fp_window_get_client (FpWindow *self);

G_END_DECLS
