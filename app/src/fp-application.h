/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-application.h: the frontpanel application: one window on one board.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_APPLICATION (fp_application_get_type ())
G_DECLARE_FINAL_TYPE (FpApplication, fp_application, FP, APPLICATION, GtkApplication)

FpApplication *fp_application_new (void);

G_END_DECLS
