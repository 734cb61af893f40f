/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-rgb-led.h: an RGB LED with three guest pins (HiFive1's LD1). Each
 * channel's brightness is its lit fraction of the frame, so a guest that
 * mixes colours with PWM shows the mixed colour.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-led.h"
#include "fp-message.h"

G_BEGIN_DECLS

typedef enum { FP_RGB_RED, FP_RGB_GREEN, FP_RGB_BLUE } FpRgbChannel;

#define FP_TYPE_RGB_LED (fp_rgb_led_get_type ())
G_DECLARE_FINAL_TYPE (FpRgbLed, fp_rgb_led, FP, RGB_LED, FpLedBase)

GtkWidget *fp_rgb_led_new (gboolean active_low);
/* As fp_led_set_diameter. */
void fp_rgb_led_set_diameter (FpRgbLed *self, int diameter);
/* As fp_led_push, per channel. */
void fp_rgb_led_push (FpRgbLed *self, FpRgbChannel channel, const FpPinState *state);
/* Drawn brightness of a channel, 0.0-1.0, or -1 when not a driven output. */
double fp_rgb_led_get_brightness (FpRgbLed *self, FpRgbChannel channel);
/* Disconnected while no channel has a pin state, undriven while none is a
 * driven output, else driven. */
FpLedLook fp_rgb_led_get_look (FpRgbLed *self);

G_END_DECLS
