/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-bounce-popover.h: the settings of one button's switch bounce, on or
 * off, duration, edge count and seed, as a popover the button opens from
 * its context menu (right-click, the Menu key or Shift+F10).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_BOUNCE_POPOVER (fp_bounce_popover_get_type ())
G_DECLARE_FINAL_TYPE (FpBouncePopover, fp_bounce_popover, FP, BOUNCE_POPOVER, GtkPopover)

/* The values a button without a layout's bounce starts from: a short,
 * typical tactile-switch bounce. */
#define FP_BOUNCE_DEFAULT_EDGES 7
#define FP_BOUNCE_DEFAULT_MS 5

GtkWidget *fp_bounce_popover_new (void);

/* The heading's part name ("B1 (PC13)"), or NULL for none. */
void fp_bounce_popover_set_part (FpBouncePopover *self, const char *part);

/* Shows these values without emitting ::changed. @edges is odd, 3–101;
 * @ms 1–1000. */
void fp_bounce_popover_set_values (FpBouncePopover *self, gboolean on, guint edges, guint ms,
                                   guint32 seed);
/* Sets only the switch, keeping the other values (also no ::changed). */
void fp_bounce_popover_set_on (FpBouncePopover *self, gboolean on);
void fp_bounce_popover_get_values (FpBouncePopover *self, gboolean *on, guint *edges, guint *ms,
                                   guint32 *seed);

/* Signal ::changed (FpBouncePopover *self, gpointer user_data): the user
 * changed a value; read them all with fp_bounce_popover_get_values. */

G_END_DECLS
