/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-file-choice.h: what a GtkFileChooserNative's answer chose, for its
 * "response" handlers.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The local path of the file @chooser's @response accepted, or NULL (the
 * user cancelled, or the file has no local path); drops @chooser, which
 * the handler owns. */
char *fp_file_choice_take_path (GtkNativeDialog *chooser, int response);

G_END_DECLS
