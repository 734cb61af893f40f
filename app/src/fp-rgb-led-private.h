/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-rgb-led-private.h: for the tests.
 */
#pragma once

#include "fp-rgb-led.h"

G_BEGIN_DECLS

/* How many times the LED was drawn (its snapshot() ran). */
guint _fp_rgb_led_get_n_snapshots (FpRgbLed *self);
/* Whether a tick is pending: FALSE once it showed the steady level. */
gboolean _fp_rgb_led_is_ticking (FpRgbLed *self);

/* The tooltip GTK would show now. */
char *_fp_rgb_led_get_tooltip (FpRgbLed *self);

G_END_DECLS
