/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led.c: an LED that follows a guest output pin (see fp-led.h).
 *
 * Pushing a pin event only feeds the estimator (fp-duty.c); FpLedBase's
 * tick then, once a frame, has it work out what the frame shows: the
 * brightness over the virtual time since the previous frame's latest event
 * up to this one's (made up to the eye's persistence with the frames
 * before, see fp_duty_brightness), the look, the paint and the accessible
 * label; it redraws only when the paint changed. Settled, it shows the
 * pin's steady level.
 */
#define G_LOG_DOMAIN "fp-led"

#include "config.h"


#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-base-private.h"
#include "fp-led-paint.h"
#include "fp-led.h"
#include "fp-tooltip.h"

#define DEFAULT_DIAMETER 16

struct _FpLed
{
  FpLedBase parent_instance;

  guint32 rgb;
  gboolean active_low;
  int diameter;
  FpLedColors colors;

  /* What was pushed */
  gboolean connected;           /* a state was pushed, and no NULL since */
  FpPinState state;             /* the latest, when connected */
  FpDuty duty;                  /* the level that lights it: hi-Z unless the guest drives it */

  /* What is shown: set by the tick */
  FpLedLook look;
  double brightness;
  FpLedPaint paint;
};

G_DEFINE_FINAL_TYPE (FpLed, fp_led, FP_TYPE_LED_BASE)

/* Whether the guest drives the pin: only then can the pin light the LED. */
static gboolean
is_driven (const FpPinState *state)
{
  return state->drive == FP_DRIVE_GUEST && state->level != FP_LEVEL_Z;
}

static const char *
label_or_default (FpLed *self)
{
  const char *label = fp_led_base_get_label (FP_LED_BASE (self));

  return label ? label : _("LED");
}

static void
update_accessible_label (FpLed *self)
{
  const char *label = label_or_default (self);
  char text[128];

  switch (self->look)
    {
    case FP_LED_LOOK_DISCONNECTED:
      /* Translators: an LED's accessible name; %s is its label ("LD1") */
      g_snprintf (text, sizeof text, _("%s: not connected"), label);
      break;
    case FP_LED_LOOK_UNDRIVEN:
      if (self->state.dir == FP_DIR_IN)
        /* Translators: the LED's pin is an input, so it cannot light it */
        g_snprintf (text, sizeof text, _("%s: input"), label);
      else
        /* Translators: nothing drives the LED's pin (it floats, or a pull holds it) */
        g_snprintf (text, sizeof text, _("%s: not driven"), label);
      break;
    case FP_LED_LOOK_DRIVEN:
    default:
      if (self->brightness >= 1)
        g_snprintf (text, sizeof text, _("%s: on"), label);
      else if (self->brightness <= 0)
        g_snprintf (text, sizeof text, _("%s: off"), label);
      else
        /* Translators: an LED lit part of the time: "LD1: 40 %" */
        g_snprintf (text, sizeof text, _("%s: %.0f %%"), label, self->brightness * 100);
      break;
    }
  fp_led_base_set_accessible_label (FP_LED_BASE (self), text);
}

/* The label, the pin's state, and its frequency and duty when it has them. */
static void
fp_led_format_tooltip (FpLedBase *base,
                       char      *buf,
                       gsize      size)
{
  FpLed *self = FP_LED (base);
  char pin[128], frequency[64] = "";
  double hz, duty;

  fp_led_describe_pin (pin, sizeof pin, self->connected ? &self->state : NULL);
  if (self->look == FP_LED_LOOK_DRIVEN
      && fp_duty_get_frequency (&self->duty, fp_duty_get_time (&self->duty), &hz, &duty))
    fp_led_describe_frequency (frequency, sizeof frequency, hz, duty);
  g_snprintf (buf, size, "%s\n%s%s%s", label_or_default (self), pin, *frequency ? "\n" : "", frequency);
}

/* Shows @brightness (the lit fraction of the frame) in the pin's look. */
static void
show (FpLed  *self,
      double  brightness)
{
  FpLedPaint paint;

  if (!self->connected)
    {
      self->look = FP_LED_LOOK_DISCONNECTED;
      self->brightness = -1;
      fp_led_paint_set_disconnected (&paint);
    }
  else if (!is_driven (&self->state))
    {
      self->look = FP_LED_LOOK_UNDRIVEN;
      self->brightness = -1;
      fp_led_paint_set_undriven (&paint, self->state.level == FP_LEVEL_Z,
                                 fp_led_base_get_ink (FP_LED_BASE (self)));
    }
  else
    {
      self->look = FP_LED_LOOK_DRIVEN;
      self->brightness = brightness;
      fp_led_paint_set_driven (&paint, &self->colors, fp_led_perceived (brightness));
    }
  if (!fp_led_paint_equal (&paint, &self->paint))
    {
      self->paint = paint;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  update_accessible_label (self);
  fp_tooltip_follow (GTK_WIDGET (self));
}

static void
fp_led_show_frame (FpLedBase *base,
                   gboolean   settled)
{
  FpLed *self = FP_LED (base);

  if (settled)
    {
      show (self, fp_duty_get_lit (&self->duty, self->active_low));
      return;
    }
  show (self, fp_duty_brightness (&self->duty, self->active_low));
  fp_duty_begin_window (&self->duty, fp_duty_get_time (&self->duty));
}

static void
fp_led_restyle (FpLedBase *base)
{
  FpLed *self = FP_LED (base);

  show (self, self->brightness);
}

void
fp_led_push (FpLed            *self,
             const FpPinState *state)
{
  g_return_if_fail (FP_IS_LED (self));

  if (state == NULL)
    {
      self->connected = FALSE;
      fp_duty_reset (&self->duty);
    }
  else
    {
      gboolean driven = is_driven (state);

      /* A pin that stops being a driven output (which is what a guest reset
       * does to every GPIO) forgets its edges: a PWM from before must not
       * blend into the frequency of the next one. */
      if (!driven)
        fp_duty_reset (&self->duty);
      fp_duty_push (&self->duty, driven ? state->level : FP_LEVEL_Z, state->t);
      self->state = *state;
      self->connected = TRUE;
    }
  fp_led_base_pushed (FP_LED_BASE (self));
}

double
fp_led_get_brightness (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), -1);
  return self->brightness;
}

FpLedLook
fp_led_get_look (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), FP_LED_LOOK_DISCONNECTED);
  return self->look;
}

void
fp_led_set_color (FpLed   *self,
                  guint32  rgb)
{
  GdkRGBA color;

  g_return_if_fail (FP_IS_LED (self));

  self->rgb = rgb & 0xffffff;
  fp_led_rgba_from_hex (&color, self->rgb);
  fp_led_colors_init (&self->colors, &color, &color);
  show (self, self->brightness);
}

guint32
fp_led_get_color (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), 0);
  return self->rgb;
}

void
fp_led_set_active_low (FpLed    *self,
                       gboolean  active_low)
{
  g_return_if_fail (FP_IS_LED (self));

  if (self->active_low == !!active_low)
    return;
  self->active_low = !!active_low;
  show (self, fp_led_base_is_ticking (FP_LED_BASE (self)) ? fp_duty_brightness (&self->duty, self->active_low)
                                                          : fp_duty_get_lit (&self->duty, self->active_low));
}

gboolean
fp_led_get_active_low (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), FALSE);
  return self->active_low;
}

void
fp_led_set_diameter (FpLed *self,
                     int    diameter)
{
  g_return_if_fail (FP_IS_LED (self));
  g_return_if_fail (diameter > 0);

  if (self->diameter == diameter)
    return;
  self->diameter = diameter;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

int
fp_led_get_diameter (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), 0);
  return self->diameter;
}

static void
fp_led_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  FpLed *self = FP_LED (widget);

  *minimum = *natural = fp_led_paint_extent (self->diameter);
}

static void
fp_led_snapshot (GtkWidget   *widget,
                 GtkSnapshot *snapshot)
{
  FpLed *self = FP_LED (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int extent = fp_led_paint_extent (self->diameter);
  float scale = MIN (1.f, (float) MIN (width, height) / extent);

  GTK_WIDGET_CLASS (fp_led_parent_class)->snapshot (widget, snapshot);
  /* Centred; smaller if the allocation is, never larger than asked. */
  fp_led_paint_snapshot (&self->paint, snapshot, width / 2.f, height / 2.f, self->diameter * scale);
}

static void
fp_led_class_init (FpLedClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FpLedBaseClass *base_class = FP_LED_BASE_CLASS (klass);

  widget_class->measure = fp_led_measure;
  widget_class->snapshot = fp_led_snapshot;
  base_class->show_frame = fp_led_show_frame;
  base_class->restyle = fp_led_restyle;
  base_class->format_tooltip = fp_led_format_tooltip;

  gtk_widget_class_set_css_name (widget_class, "led");
}

static void
fp_led_init (FpLed *self)
{
  self->diameter = DEFAULT_DIAMETER;
  self->brightness = -1;
  fp_duty_reset (&self->duty);
}

GtkWidget *
fp_led_new (guint32  rgb,
            gboolean active_low)
{
  FpLed *self = g_object_new (FP_TYPE_LED, NULL);

  self->active_low = !!active_low;
  fp_led_set_color (self, rgb);
  return GTK_WIDGET (self);
}
