/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-console.h: a guest's serial console: its output, and what is typed
 * into it sent back as a terminal would send it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_CONSOLE (fp_console_get_type ())
G_DECLARE_FINAL_TYPE (FpConsole, fp_console, FP, CONSOLE, GtkWidget)

/* How many lines the console keeps; older ones are dropped. */
#define FP_CONSOLE_MAX_LINES 5000

GtkWidget *fp_console_new (void);

/* Appends what the guest wrote: UTF-8 (or not; a character split between
 * two calls is put together), written at the guest's cursor on the last
 * line as a terminal would (CR, backspace, ESC [ C/D/K; other escape
 * sequences dropped). Follows the end unless the user scrolled up. */
void fp_console_append (FpConsole *self, const guint8 *data, gsize length);
void fp_console_clear (FpConsole *self);

/* Signal ::input (FpConsole *self, const char *bytes): the user typed or
 * pasted; @bytes as a terminal sends them (Enter is CR, Backspace DEL,
 * Ctrl+C 0x03, arrows ESC [ A…). */

G_END_DECLS
