/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-render-check.h: render a widget the way it is on screen, save it as a
 * PNG, and compare it with a stored reference (tests/app/references/) with
 * a per-channel tolerance. GSK_RENDERER=cairo keeps the pixels the same
 * from one machine to the next; references hold no text, since fonts do not.
 *
 * FP_UPDATE_REFERENCES=1 in the environment writes the references instead
 * of comparing (then look at them before committing them).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget's next paint, as a texture of its allocation's size. */
GdkTexture *fp_test_render (GtkWidget *widget);

/* Saves @texture as OUTPUT_DIR/@name.png (OUTPUT_DIR: the test's build
 * directory), returns the path. */
char *fp_test_save_png (GdkTexture *texture, const char *name);
/* Renders @widget and saves it so, for a test's artifacts. */
void fp_test_save_screenshot (GtkWidget *widget, const char *name);

/* Fails the test unless @widget renders like references/@name.png: the
 * same size, and no channel of any pixel further than @tolerance (0-255)
 * from it. On failure NAME.out.png and NAME.diff.png are saved beside. */
void fp_test_assert_reference (GtkWidget *widget, const char *name, guint tolerance);

G_END_DECLS
