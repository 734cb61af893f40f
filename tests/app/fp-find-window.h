/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-find-window.h: a window the app opened over another (a dialog an
 * action showed), for tests that work it as a user would.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The toplevel of @type that is transient for @parent; fails the test if
 * there is none. */
GtkWindow *fp_test_find_transient (GtkWindow *parent, GType type);

G_END_DECLS
