/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-base-private.h: for the LED widgets built on FpLedBase, and for
 * the tests.
 */
#pragma once

#include "fp-led-base.h"

G_BEGIN_DECLS

/* A pin event was pushed: the next frame's tick shows it (show_frame). */
void fp_led_base_pushed (FpLedBase *self);
/* Whether a tick is pending: FALSE once it showed the steady state. */
gboolean fp_led_base_is_ticking (FpLedBase *self);
/* The theme's text colour, for the undriven looks. */
const GdkRGBA *fp_led_base_get_ink (FpLedBase *self);
/* Gives @text to assistive technologies, when it is news. */
void fp_led_base_set_accessible_label (FpLedBase *self, const char *text);

/* How many times the widget was drawn (its snapshot() chained up). */
guint _fp_led_base_get_n_snapshots (FpLedBase *self);
/* The tooltip GTK would show now. */
char *_fp_led_base_get_tooltip (FpLedBase *self);

G_END_DECLS
