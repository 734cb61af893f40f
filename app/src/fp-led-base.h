/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-base.h: what every LED widget does alike (FpLed, FpRgbLed,
 * FpLedMatrix): a label for its accessible name and tooltip, the theme's
 * text colour, and the frame tick that turns pushed pin events into what
 * the eye would see, once a frame and never more.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_LED_BASE (fp_led_base_get_type ())
G_DECLARE_DERIVABLE_TYPE (FpLedBase, fp_led_base, FP, LED_BASE, GtkWidget)

struct _FpLedBaseClass
{
  GtkWidgetClass parent_class;

  /* Works out and shows a frame: the one that just ended, which had
   * events, when @settled is FALSE; the pins' steady state when TRUE, after
   * a few frames without events (no tick follows until the next push). */
  void (*show_frame) (FpLedBase *self, gboolean settled);
  /* Shows what it shows again: the label or the theme's colours changed. */
  void (*restyle) (FpLedBase *self);
  /* The tooltip's text; worked out only when GTK shows the tooltip. */
  void (*format_tooltip) (FpLedBase *self, char *buf, gsize size);
};

/* The accessible name's and the tooltip's first line ("LD1 (PA5)"); NULL
 * gives the widget's own default ("LED"). */
void fp_led_base_set_label (FpLedBase *self, const char *label);
const char *fp_led_base_get_label (FpLedBase *self);

G_END_DECLS
