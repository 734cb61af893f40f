/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-private.h: for the tests.
 */
#pragma once

#include "fp-led.h"

G_BEGIN_DECLS

/* How many times the LED was drawn (its snapshot() ran). */
guint _fp_led_get_n_snapshots (FpLed *self);
/* Whether a tick is pending: FALSE once it showed the steady level. */
gboolean _fp_led_is_ticking (FpLed *self);

/* The tooltip GTK would show now. */
char *_fp_led_get_tooltip (FpLed *self);

G_END_DECLS
