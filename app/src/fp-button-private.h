/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-button-private.h: for the tests.
 */
#pragma once

#include "fp-button.h"

G_BEGIN_DECLS

/* Whether a push button stays pressed by a ctrl-click (or
 * fp_button_set_pressed) now that nothing holds it. */
gboolean _fp_button_get_latched (FpButton *self);
/* The last change's burst as planned (#FpBounceEdge, offsets from its
 * first edge), or %NULL when it did not bounce. */
GArray *_fp_button_get_last_burst (FpButton *self);
/* Edges planned but not emitted yet. */
guint _fp_button_get_n_pending (FpButton *self);
/* The bounce popover (an FpBouncePopover), or NULL until first opened. */
GtkPopover *_fp_button_get_bounce_popover (FpButton *self);

/* The tooltip GTK would show now. */
char *_fp_button_get_tooltip (FpButton *self);

G_END_DECLS
