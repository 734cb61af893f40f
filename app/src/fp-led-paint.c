/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-paint.c: one LED's drawing in its three looks, and the tooltip
 * words the LED widgets share (see fp-led-paint.h).
 *
 * The looks have to tell apart at a glance, at 16 px, on a light or a dark
 * window:
 *   lit:          a bright lens, white-hot off centre, the colour at its
 *                 edge, and a glow around it that fades with the brightness;
 *   off:          the same lens in the colour darkened to a third, a dark rim;
 *   undriven:     an empty socket: a ring in the theme's text colour, dotted
 *                 when the pin floats (hi-Z), on a backing of its opposite
 *                 (light under dark ink), so it shows on a dark or coloured
 *                 board as on the window; no colour, no shine: nothing
 *                 about it says "off" or "lit";
 *   disconnected: a flat dark grey disc with a cross.
 * Partial brightness lies on the way from off to lit.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-paint.h"

/* The glow reaches a quarter of the diameter beyond the lens. */
#define GLOW_REACH 0.25f
/* The glow's opacity at the lens's edge, fully lit. */
#define GLOW_ALPHA 0.6f

static const GdkRGBA white = { 1, 1, 1, 1 };
static const GdkRGBA black = { 0, 0, 0, 1 };

static void
mix (GdkRGBA *out, const GdkRGBA *a, const GdkRGBA *b, float t)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

void
fp_led_rgba_from_hex (GdkRGBA *rgba,
                      guint32  rgb)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.f;
  rgba->green = ((rgb >> 8) & 0xff) / 255.f;
  rgba->blue = (rgb & 0xff) / 255.f;
  rgba->alpha = 1;
}

void
fp_led_colors_init (FpLedColors   *colors,
                    const GdkRGBA *rgb,
                    const GdkRGBA *off_rgb)
{
  GdkRGBA dark;

  /* Lit: white-hot at the centre, saturated at the edge. */
  mix (&colors->on[0], rgb, &white, 0.7f);
  mix (&colors->on[1], rgb, &white, 0.12f);
  colors->on[2] = *rgb;
  mix (&colors->on_rim, rgb, &black, 0.3f);

  /* Off: the colour at a third, with a dull highlight so it is still a
   * lens, not a hole. */
  mix (&dark, off_rgb, &black, 0.7f);
  mix (&colors->off[0], &dark, &white, 0.25f);
  colors->off[1] = dark;
  mix (&colors->off[2], &dark, &black, 0.25f);
  colors->off_rim = (GdkRGBA) { 0, 0, 0, 0.55f };

  colors->glow = *rgb;
  colors->glow.alpha = GLOW_ALPHA;
}

double
fp_led_perceived (double lit_fraction)
{
  if (lit_fraction <= 0)
    return 0;
  if (lit_fraction >= 1)
    return 1;
  /* Lightness goes roughly as luminance to the 1/2.2 (the sRGB curve). */
  return pow (lit_fraction, 1 / 2.2);
}

void
fp_led_paint_set_driven (FpLedPaint        *paint,
                         const FpLedColors *colors,
                         double             intensity)
{
  /* In steps a colour channel can show: a PWM whose share jitters by a
   * hair from frame to frame then paints the same, and is not redrawn. */
  float t = roundf (CLAMP (intensity, 0, 1) * 255) / 255;

  *paint = (FpLedPaint) { .look = FP_LED_LOOK_DRIVEN };
  for (guint i = 0; i < G_N_ELEMENTS (paint->lens); i++)
    mix (&paint->lens[i], &colors->off[i], &colors->on[i], t);
  mix (&paint->rim, &colors->off_rim, &colors->on_rim, t);
  paint->halo = colors->glow;
  paint->halo.alpha *= t;
}

void
fp_led_paint_set_undriven (FpLedPaint    *paint,
                           gboolean       floating,
                           const GdkRGBA *ink)
{
  *paint = (FpLedPaint) { .look = FP_LED_LOOK_UNDRIVEN, .floating = floating, .ink = *ink };
}

void
fp_led_paint_set_disconnected (FpLedPaint *paint)
{
  *paint = (FpLedPaint) { .look = FP_LED_LOOK_DISCONNECTED };
}

gboolean
fp_led_paint_equal (const FpLedPaint *a,
                    const FpLedPaint *b)
{
  if (a->look != b->look || a->floating != b->floating)
    return FALSE;
  if (a->look == FP_LED_LOOK_UNDRIVEN)
    return gdk_rgba_equal (&a->ink, &b->ink);
  if (a->look != FP_LED_LOOK_DRIVEN)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (a->lens); i++)
    if (!gdk_rgba_equal (&a->lens[i], &b->lens[i]))
      return FALSE;
  return gdk_rgba_equal (&a->rim, &b->rim) && gdk_rgba_equal (&a->halo, &b->halo);
}

int
fp_led_paint_extent (int diameter)
{
  return diameter + 2 * (int) ceilf (diameter * GLOW_REACH);
}

static void
append_disc (GtkSnapshot   *snapshot,
             float          cx,
             float          cy,
             float          diameter,
             const GdkRGBA *color)
{
  float r = diameter / 2;
  GskRoundedRect disc;
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  /* A circle's border as wide as its radius is a filled disc, without the
   * clip a filled rectangle would need. */
  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (cx - r, cy - r, diameter, diameter), r);
  gtk_snapshot_append_border (snapshot, &disc, (float[4]) { r, r, r, r }, colors);
}

static void
append_ring (GtkSnapshot          *snapshot,
             const GskRoundedRect *outline,
             float                 width,
             const GdkRGBA        *color)
{
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, outline, (float[4]) { width, width, width, width }, colors);
}

static void
snapshot_driven (const FpLedPaint     *paint,
                 GtkSnapshot          *snapshot,
                 const GskRoundedRect *outline,
                 float                 cx,
                 float                 cy,
                 float                 d)
{
  const graphene_rect_t *lens = &outline->bounds;

  if (paint->halo.alpha > 0)
    {
      float reach = d / 2 + d * GLOW_REACH;
      GskColorStop stops[2] = {
        { 0, paint->halo },
        { 1, paint->halo },
      };

      stops[1].color.alpha = 0;
      /* From just inside the lens (no gap at its anti-aliased edge) out. */
      gtk_snapshot_append_radial_gradient (snapshot,
                                           &GRAPHENE_RECT_INIT (cx - reach, cy - reach, 2 * reach, 2 * reach),
                                           &GRAPHENE_POINT_INIT (cx, cy), reach, reach,
                                           (d / 2 - 1) / reach, 1, stops, 2);
    }

  gtk_snapshot_push_rounded_clip (snapshot, outline);
  {
    /* The highlight sits up and left, as under a light from there. */
    const GskColorStop stops[3] = {
      { 0, paint->lens[0] },
      { 0.25f, paint->lens[1] },
      { 0.8f, paint->lens[2] },
    };

    gtk_snapshot_append_radial_gradient (snapshot, lens,
                                         &GRAPHENE_POINT_INIT (cx - 0.2f * d, cy - 0.22f * d),
                                         0.95f * d, 0.95f * d, 0, 1, stops, 3);
  }
  gtk_snapshot_pop (snapshot);
  append_ring (snapshot, outline, MAX (1.f, d / 16), &paint->rim);
}

/* Unit vectors to twelve points on a circle, 30° apart. */
static const float ring_points[12][2] = {
  { 1, 0 }, { 0.8660254f, 0.5f }, { 0.5f, 0.8660254f },
  { 0, 1 }, { -0.5f, 0.8660254f }, { -0.8660254f, 0.5f },
  { -1, 0 }, { -0.8660254f, -0.5f }, { -0.5f, -0.8660254f },
  { 0, -1 }, { 0.5f, -0.8660254f }, { 0.8660254f, -0.5f },
};

static void
snapshot_undriven (const FpLedPaint     *paint,
                   GtkSnapshot          *snapshot,
                   const GskRoundedRect *outline,
                   float                 cx,
                   float                 cy,
                   float                 d)
{
  /* Roughly the ink's luminance: dark ink gets a light socket. */
  float luma = 0.2126f * paint->ink.red + 0.7152f * paint->ink.green + 0.0722f * paint->ink.blue;
  GdkRGBA socket = luma < 0.5f ? white : black, ring = paint->ink;

  socket.alpha = 0.5f;
  append_disc (snapshot, cx, cy, d, &socket);
  if (paint->floating)
    {
      float dot = MAX (1.5f, d / 8);
      float r = d / 2 - dot / 2;

      ring.alpha *= 0.85f;
      for (guint i = 0; i < G_N_ELEMENTS (ring_points); i++)
        append_disc (snapshot, cx + r * ring_points[i][0], cy + r * ring_points[i][1], dot, &ring);
    }
  else
    {
      ring.alpha *= 0.7f;
      append_ring (snapshot, outline, MAX (1.f, d / 12), &ring);
    }
}

static void
snapshot_disconnected (GtkSnapshot *snapshot,
                       float        cx,
                       float        cy,
                       float        d)
{
  static const GdkRGBA flat = { 0.37f, 0.36f, 0.39f, 1 };
  static const GdkRGBA cross = { 0.75f, 0.75f, 0.75f, 0.8f };
  float arm = 0.56f * d, width = MAX (1.f, d / 10);

  append_disc (snapshot, cx, cy, d, &flat);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (cx, cy));
  gtk_snapshot_rotate (snapshot, 45);
  gtk_snapshot_append_color (snapshot, &cross, &GRAPHENE_RECT_INIT (-arm / 2, -width / 2, arm, width));
  gtk_snapshot_append_color (snapshot, &cross, &GRAPHENE_RECT_INIT (-width / 2, -arm / 2, width, arm));
  gtk_snapshot_restore (snapshot);
}

void
fp_led_paint_snapshot (const FpLedPaint *paint,
                       GtkSnapshot      *snapshot,
                       float             cx,
                       float             cy,
                       float             diameter)
{
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (cx - diameter / 2, cy - diameter / 2,
                                                        diameter, diameter),
                                   diameter / 2);
  switch (paint->look)
    {
    case FP_LED_LOOK_DRIVEN:
      snapshot_driven (paint, snapshot, &outline, cx, cy, diameter);
      break;
    case FP_LED_LOOK_UNDRIVEN:
      snapshot_undriven (paint, snapshot, &outline, cx, cy, diameter);
      break;
    case FP_LED_LOOK_DISCONNECTED:
    default:
      snapshot_disconnected (snapshot, cx, cy, diameter);
      break;
    }
}

static const char *
direction_text (FpDirection dir)
{
  switch (dir)
    {
    case FP_DIR_OUT:
      /* Translators: a pin's direction, in an LED's tooltip */
      return _("output");
    case FP_DIR_ALT:
      /* Translators: a pin muxed to a peripheral (a timer's PWM, a UART) */
      return _("alternate function");
    case FP_DIR_ANALOG:
      return _("analog");
    case FP_DIR_IN:
    default:
      return _("input");
    }
}

void
fp_led_describe_pin (char             *buf,
                     gsize             size,
                     const FpPinState *state)
{
  if (state == NULL)
    g_strlcpy (buf, _("not connected"), size);
  else if (state->level == FP_LEVEL_Z)
    /* Translators: %s is the pin's direction ("input"); hi-Z: nothing drives it, no pull holds it */
    g_snprintf (buf, size, _("%s, hi-Z"), direction_text (state->dir));
  else if (state->drive == FP_DRIVE_PANEL)
    /* Translators: %s is the pin's direction, %d its level, 0 or 1 */
    g_snprintf (buf, size, _("%s, level %d from the panel"), direction_text (state->dir), state->level);
  else
    /* Translators: %s is the pin's direction, %d its level, 0 or 1 */
    g_snprintf (buf, size, _("%s, level %d"), direction_text (state->dir), state->level);
}

void
fp_led_describe_frequency (char   *buf,
                           gsize   size,
                           double  hz,
                           double  duty)
{
  char value[32];

  fp_duty_format_frequency (value, sizeof value, hz);
  /* Translators: %s is a frequency ("1.00 kHz"), then the share of the period the pin is at 1 */
  g_snprintf (buf, size, _("%s, duty %.0f %%"), value, duty * 100);
}
