/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-bounce-popover-private.h: for the tests.
 */
#pragma once

#include "fp-bounce-popover.h"

G_BEGIN_DECLS

GtkSwitch *_fp_bounce_popover_get_switch (FpBouncePopover *self);
/* "ms", "edges" or "seed". */
GtkSpinButton *_fp_bounce_popover_get_spin (FpBouncePopover *self, const char *name);

G_END_DECLS
