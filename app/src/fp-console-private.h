/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-console-private.h: for the tests.
 */
#pragma once

#include "fp-console.h"

G_BEGIN_DECLS

/* Everything the console shows. */
char *_fp_console_get_text (FpConsole *self);
GtkTextView *_fp_console_get_view (FpConsole *self);

G_END_DECLS
