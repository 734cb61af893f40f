/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-rgb-led.c: an RGB LED on three guest pins (see fp-rgb-led.h).
 *
 * As FpLed, per channel: pushes feed one estimator each, and FpLedBase's
 * tick has it work out the frame. The colour drawn is the three channels'
 * perceived brightnesses; its hue is that colour at full strength, and how
 * lit the lens looks is its strongest channel, so red at 100 % with green
 * at 50 % is a fully lit orange, and all three at 10 % a dim white. Off,
 * the lens is grey, the way an RGB LED's milky package looks.
 */
#define G_LOG_DOMAIN "fp-rgb-led"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-base-private.h"
#include "fp-led-paint.h"
#include "fp-rgb-led.h"
#include "fp-tooltip.h"

#define DEFAULT_DIAMETER 16
#define N_CHANNELS 3

typedef struct {
  gboolean connected;
  FpPinState state;
  FpDuty duty;
  double brightness;            /* shown: the lit fraction, or -1 when not driven */
} Channel;

struct _FpRgbLed
{
  FpLedBase parent_instance;

  gboolean active_low;
  int diameter;

  Channel channels[N_CHANNELS];

  /* What is shown: set by the tick */
  FpLedLook look;
  FpLedPaint paint;
};

G_DEFINE_FINAL_TYPE (FpRgbLed, fp_rgb_led, FP_TYPE_LED_BASE)

static gboolean
is_driven (const Channel *channel)
{
  return channel->connected && channel->state.drive == FP_DRIVE_GUEST
         && channel->state.level != FP_LEVEL_Z;
}

static const char *
label_or_default (FpRgbLed *self)
{
  const char *label = fp_led_base_get_label (FP_LED_BASE (self));

  return label ? label : _("RGB LED");
}

static const char *
channel_name (FpRgbChannel channel)
{
  switch (channel)
    {
    case FP_RGB_RED:
      return _("red");
    case FP_RGB_GREEN:
      return _("green");
    case FP_RGB_BLUE:
    default:
      return _("blue");
    }
}

static void
update_accessible_label (FpRgbLed *self)
{
  const char *label = label_or_default (self);
  char text[160];
  int percent[N_CHANNELS];

  for (guint i = 0; i < N_CHANNELS; i++)
    percent[i] = (int) (MAX (self->channels[i].brightness, 0) * 100 + 0.5);
  switch (self->look)
    {
    case FP_LED_LOOK_DISCONNECTED:
      g_snprintf (text, sizeof text, _("%s: not connected"), label);
      break;
    case FP_LED_LOOK_UNDRIVEN:
      g_snprintf (text, sizeof text, _("%s: not driven"), label);
      break;
    case FP_LED_LOOK_DRIVEN:
    default:
      if (percent[0] == 0 && percent[1] == 0 && percent[2] == 0)
        g_snprintf (text, sizeof text, _("%s: off"), label);
      else
        /* Translators: an RGB LED's accessible name: how much of the time each colour is lit */
        g_snprintf (text, sizeof text, _("%s: red %d %%, green %d %%, blue %d %%"),
                    label, percent[0], percent[1], percent[2]);
      break;
    }
  fp_led_base_set_accessible_label (FP_LED_BASE (self), text);
}

/* The label, then a line per channel: "red: output, level 1, 1.00 kHz, duty 30 %". */
static void
fp_rgb_led_format_tooltip (FpLedBase *base,
                           char      *tooltip,
                           gsize      size)
{
  FpRgbLed *self = FP_RGB_LED (base);

  g_strlcpy (tooltip, label_or_default (self), size);
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      Channel *channel = &self->channels[i];
      char pin[128], frequency[64], line[256];
      double hz, duty;

      fp_led_describe_pin (pin, sizeof pin, channel->connected ? &channel->state : NULL);
      /* Translators: one line of an RGB LED's tooltip: a colour, then its pin ("red: output, level 1") */
      g_snprintf (line, sizeof line, _("%s: %s"), channel_name (i), pin);
      g_strlcat (tooltip, "\n", size);
      g_strlcat (tooltip, line, size);
      if (is_driven (channel)
          && fp_duty_get_frequency (&channel->duty, fp_duty_get_time (&channel->duty), &hz, &duty))
        {
          fp_led_describe_frequency (frequency, sizeof frequency, hz, duty);
          g_strlcat (tooltip, ", ", size);
          g_strlcat (tooltip, frequency, size);
        }
    }
}

static void
show (FpRgbLed *self)
{
  gboolean any_connected = FALSE, any_driven = FALSE, floating = TRUE;
  FpLedPaint paint;

  for (guint i = 0; i < N_CHANNELS; i++)
    {
      Channel *channel = &self->channels[i];

      any_connected |= channel->connected;
      any_driven |= is_driven (channel);
      if (channel->connected && channel->state.level != FP_LEVEL_Z)
        floating = FALSE;
      if (!is_driven (channel))
        channel->brightness = -1;
    }

  if (!any_connected)
    {
      self->look = FP_LED_LOOK_DISCONNECTED;
      fp_led_paint_set_disconnected (&paint);
    }
  else if (!any_driven)
    {
      self->look = FP_LED_LOOK_UNDRIVEN;
      fp_led_paint_set_undriven (&paint, floating, fp_led_base_get_ink (FP_LED_BASE (self)));
    }
  else
    {
      /* Off, all three colours at once: a grey lens. */
      static const GdkRGBA neutral = { 1, 1, 1, 1 };
      float perceived[N_CHANNELS], strongest = 0;
      FpLedColors colors;
      GdkRGBA hue;

      self->look = FP_LED_LOOK_DRIVEN;
      for (guint i = 0; i < N_CHANNELS; i++)
        {
          perceived[i] = fp_led_perceived (self->channels[i].brightness);
          strongest = MAX (strongest, perceived[i]);
        }
      if (strongest > 0)
        hue = (GdkRGBA) { perceived[0] / strongest, perceived[1] / strongest,
                          perceived[2] / strongest, 1 };
      else
        hue = neutral;
      fp_led_colors_init (&colors, &hue, &neutral);
      fp_led_paint_set_driven (&paint, &colors, strongest);
    }
  if (!fp_led_paint_equal (&paint, &self->paint))
    {
      self->paint = paint;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  update_accessible_label (self);
  fp_tooltip_follow (GTK_WIDGET (self));
}

/* Each channel's brightness over the frame from its estimator, and the
 * next frame's window; or, @steady, its lit level. */
static void
fp_rgb_led_show_frame (FpLedBase *base,
                       gboolean   steady)
{
  FpRgbLed *self = FP_RGB_LED (base);

  for (guint i = 0; i < N_CHANNELS; i++)
    {
      Channel *channel = &self->channels[i];

      if (steady)
        channel->brightness = fp_duty_get_lit (&channel->duty, self->active_low);
      else
        channel->brightness = fp_duty_brightness (&channel->duty, self->active_low);
      fp_duty_begin_window (&channel->duty, fp_duty_get_time (&channel->duty));
    }
  show (self);
}

static void
fp_rgb_led_restyle (FpLedBase *base)
{
  show (FP_RGB_LED (base));
}

void
fp_rgb_led_push (FpRgbLed         *self,
                 FpRgbChannel      which,
                 const FpPinState *state)
{
  Channel *channel;

  g_return_if_fail (FP_IS_RGB_LED (self));
  g_return_if_fail (which < N_CHANNELS);

  channel = &self->channels[which];
  if (state == NULL)
    {
      channel->connected = FALSE;
      fp_duty_reset (&channel->duty);
    }
  else
    {
      gboolean driven = state->drive == FP_DRIVE_GUEST && state->level != FP_LEVEL_Z;

      /* As FpLed: a pin that stops being driven forgets its edges. */
      if (!driven)
        fp_duty_reset (&channel->duty);
      fp_duty_push (&channel->duty, driven ? state->level : FP_LEVEL_Z, state->t);
      channel->state = *state;
      channel->connected = TRUE;
    }
  fp_led_base_pushed (FP_LED_BASE (self));
}

double
fp_rgb_led_get_brightness (FpRgbLed     *self,
                           FpRgbChannel  channel)
{
  g_return_val_if_fail (FP_IS_RGB_LED (self), -1);
  g_return_val_if_fail (channel < N_CHANNELS, -1);
  return self->channels[channel].brightness;
}

FpLedLook
fp_rgb_led_get_look (FpRgbLed *self)
{
  g_return_val_if_fail (FP_IS_RGB_LED (self), FP_LED_LOOK_DISCONNECTED);
  return self->look;
}

void
fp_rgb_led_set_diameter (FpRgbLed *self,
                         int       diameter)
{
  g_return_if_fail (FP_IS_RGB_LED (self));
  g_return_if_fail (diameter > 0);

  if (self->diameter == diameter)
    return;
  self->diameter = diameter;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
fp_rgb_led_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  FpRgbLed *self = FP_RGB_LED (widget);

  *minimum = *natural = fp_led_paint_extent (self->diameter);
}

static void
fp_rgb_led_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  FpRgbLed *self = FP_RGB_LED (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int extent = fp_led_paint_extent (self->diameter);
  float scale = MIN (1.f, (float) MIN (width, height) / extent);

  GTK_WIDGET_CLASS (fp_rgb_led_parent_class)->snapshot (widget, snapshot);
  fp_led_paint_snapshot (&self->paint, snapshot, width / 2.f, height / 2.f, self->diameter * scale);
}

static void
fp_rgb_led_class_init (FpRgbLedClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FpLedBaseClass *base_class = FP_LED_BASE_CLASS (klass);

  widget_class->measure = fp_rgb_led_measure;
  widget_class->snapshot = fp_rgb_led_snapshot;
  base_class->show_frame = fp_rgb_led_show_frame;
  base_class->restyle = fp_rgb_led_restyle;
  base_class->format_tooltip = fp_rgb_led_format_tooltip;

  gtk_widget_class_set_css_name (widget_class, "led");
}

static void
fp_rgb_led_init (FpRgbLed *self)
{
  self->diameter = DEFAULT_DIAMETER;
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      fp_duty_reset (&self->channels[i].duty);
      self->channels[i].brightness = -1;
    }
  show (self);
}

GtkWidget *
fp_rgb_led_new (gboolean active_low)
{
  FpRgbLed *self = g_object_new (FP_TYPE_RGB_LED, NULL);

  self->active_low = !!active_low;
  return GTK_WIDGET (self);
}
