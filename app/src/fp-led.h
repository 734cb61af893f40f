/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led.h: an LED that follows a guest output pin.
 *
 * The owner pushes every pin event (cheap: no redraw, no notification);
 * the LED redraws at most once per frame, at the brightness the eye would
 * see: the fraction of the frame's virtual time it was lit.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-led-base.h"
#include "fp-message.h"

G_BEGIN_DECLS

#define FP_TYPE_LED (fp_led_get_type ())
G_DECLARE_FINAL_TYPE (FpLed, fp_led, FP, LED, FpLedBase)

GtkWidget *fp_led_new (guint32 rgb, gboolean active_low);

void fp_led_set_color (FpLed *self, guint32 rgb);
guint32 fp_led_get_color (FpLed *self);
void fp_led_set_active_low (FpLed *self, gboolean active_low);
gboolean fp_led_get_active_low (FpLed *self);
/* The lens's diameter in pixels (default 16); the widget is half as large
 * again, for the glow around it. */
void fp_led_set_diameter (FpLed *self, int diameter);
int fp_led_get_diameter (FpLed *self);

/* A pin event, or the pin's state from a hello or resync. NULL @state
 * means the pin is gone (not connected). */
void fp_led_push (FpLed *self, const FpPinState *state);

/* What is drawn now: the lit fraction, 0.0-1.0, or -1 when the pin is not
 * a driven output (input, hi-Z) or not connected (see fp_led_get_look). */
double fp_led_get_brightness (FpLed *self);

typedef enum {
  FP_LED_LOOK_DISCONNECTED,  /* no pin state at all */
  FP_LED_LOOK_UNDRIVEN,      /* input or hi-Z: the LED's own pin does not light it */
  FP_LED_LOOK_DRIVEN,        /* an output; brightness says how lit */
} FpLedLook;
FpLedLook fp_led_get_look (FpLed *self);

G_END_DECLS
