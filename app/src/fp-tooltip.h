/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-tooltip.h: tooltips that follow a changing pin while they are shown.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void fp_tooltip_follow (GtkWidget *widget);

G_END_DECLS
