/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-paint.h: what the LED widgets (FpLed, FpRgbLed, FpLedMatrix)
 * share: how one LED is drawn in each of its looks, and the words their
 * tooltips use for a pin.
 *
 * A widget works out an FpLedPaint when what it shows changes (at most once
 * a frame) and draws it in snapshot(): the colours are ready by then, and
 * drawing allocates nothing of its own. The glow is a radial gradient, not
 * a blurred shadow: blurring costs the cairo renderer ten times as much.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-led.h"

G_BEGIN_DECLS

/* A lit and an unlit LED of one colour: the gradient stops of its lens
 * (centre to edge), its rim, and the colour of its glow. */
typedef struct {
  GdkRGBA on[3], off[3];
  GdkRGBA on_rim, off_rim;
  GdkRGBA glow;
} FpLedColors;

/* What to draw for one LED. */
typedef struct {
  FpLedLook look;
  gboolean floating;        /* UNDRIVEN: hi-Z (a dotted ring), not held by a pull (a solid one) */
  GdkRGBA lens[3];          /* DRIVEN: between the off and on stops */
  GdkRGBA rim;
  GdkRGBA halo;             /* DRIVEN: the glow at the lens's edge; alpha 0 for none */
  GdkRGBA ink;              /* UNDRIVEN: the theme's text colour, for the ring */
} FpLedPaint;

/* @rgb lit; unlit, @off_rgb darkened (an RGB LED is a grey lens when off). */
void fp_led_colors_init (FpLedColors *colors, const GdkRGBA *rgb, const GdkRGBA *off_rgb);
/* 0xRRGGBB as a colour. */
void fp_led_rgba_from_hex (GdkRGBA *rgba, guint32 rgb);

/* How lit a lit fraction looks: the eye's response is far from linear (an
 * LED lit a tenth of the time looks a third as bright, not a tenth). */
double fp_led_perceived (double lit_fraction);

/* @intensity: 0.0 (off) to 1.0 (fully lit), as fp_led_perceived gives it. */
void fp_led_paint_set_driven (FpLedPaint *paint, const FpLedColors *colors, double intensity);
/* @ink: the widget's text colour, so that the empty ring shows on a light
 * theme and a dark one. */
void fp_led_paint_set_undriven (FpLedPaint *paint, gboolean floating, const GdkRGBA *ink);
void fp_led_paint_set_disconnected (FpLedPaint *paint);
gboolean fp_led_paint_equal (const FpLedPaint *a, const FpLedPaint *b);

/* Draws @paint with its lens of @diameter centred on (@cx, @cy); the glow
 * reaches out to fp_led_paint_extent (@diameter) / 2 from the centre. */
void fp_led_paint_snapshot (const FpLedPaint *paint, GtkSnapshot *snapshot,
                            float cx, float cy, float diameter);
/* The side of the square an LED of @diameter needs, glow included. */
int fp_led_paint_extent (int diameter);

/* Tooltip words. "output, level 1", "input, hi-Z", …; "not connected" for
 * a NULL @state. */
void fp_led_describe_pin (char *buf, gsize size, const FpPinState *state);
/* "1.00 kHz, duty 30 %". */
void fp_led_describe_frequency (char *buf, gsize size, double hz, double duty);

G_END_DECLS
