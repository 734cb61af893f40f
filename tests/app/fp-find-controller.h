/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-find-controller.h: a widget's own event controller, for tests that
 * emit its signals (GTK 4.8 has no public way to synthesise input).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget's first controller of @type (the widget keeps it); fails the
 * test if it has none. */
GtkEventController *fp_test_find_controller (GtkWidget *widget, GType type);

G_END_DECLS
