/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-rgb-led.c: an RGB LED on three guest pins (see fp-rgb-led.h).
 *
 * As FpLed, per channel: pushes feed one estimator each, and a one-shot
 * tick works out the frame. The colour drawn is the three channels'
 * perceived brightnesses; its hue is that colour at full strength, and how
 * lit the lens looks is its strongest channel, so red at 100 % with green
 * at 50 % is a fully lit orange, and all three at 10 % a dim white. Off,
 * the lens is grey, the way an RGB LED's milky package looks.
 */
#define G_LOG_DOMAIN "fp-rgb-led"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-paint.h"
#include "fp-rgb-led-private.h"
#include "fp-tooltip.h"

#define DEFAULT_DIAMETER 16
#define N_CHANNELS 3
/* As FpLed's. */
#define SETTLE_TICKS 3

typedef struct {
  gboolean connected;
  FpPinState state;
  FpDuty duty;
  double brightness;            /* shown: the lit fraction, or -1 when not driven */
} Channel;

struct _FpRgbLed
{
  GtkWidget parent_instance;

  gboolean active_low;
  char *label;
  int diameter;

  Channel channels[N_CHANNELS];
  gboolean pushed;
  guint tick_id;
  guint empty_ticks;

  /* What is shown: set by the tick */
  FpLedLook look;
  FpLedPaint paint;
  GdkRGBA ink;                  /* the theme's text colour */
  char accessible_label[160];

  guint n_snapshots;
};

G_DEFINE_FINAL_TYPE (FpRgbLed, fp_rgb_led, GTK_TYPE_WIDGET)

static gboolean
is_driven (const Channel *channel)
{
  return channel->connected && channel->state.drive == FP_DRIVE_GUEST
         && channel->state.level != FP_LEVEL_Z;
}

static const char *
label_or_default (FpRgbLed *self)
{
  return self->label ? self->label : _("RGB LED");
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
  if (strcmp (text, self->accessible_label) != 0)
    {
      g_strlcpy (self->accessible_label, text, sizeof self->accessible_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }

}

/* The label, then a line per channel: "red: output, level 1, 1.00 kHz, duty 30 %". */
static void
format_tooltip (FpRgbLed *self,
                char     *tooltip,
                gsize     size)
{
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

char *
_fp_rgb_led_get_tooltip (FpRgbLed *self)
{
  char text[768];

  g_return_val_if_fail (FP_IS_RGB_LED (self), NULL);
  format_tooltip (self, text, sizeof text);
  return g_strdup (text);
}

/* Worked out when shown, as FpLed's. */
static gboolean
fp_rgb_led_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip)
{
  char text[768];

  format_tooltip (FP_RGB_LED (widget), text, sizeof text);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
      fp_led_paint_set_undriven (&paint, floating, &self->ink);
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
measure_frame (FpRgbLed *self,
               gboolean  steady)
{
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      Channel *channel = &self->channels[i];

      if (steady)
        channel->brightness = fp_duty_get_lit (&channel->duty, self->active_low);
      else
        channel->brightness = fp_duty_brightness (&channel->duty, self->active_low);
      fp_duty_begin_window (&channel->duty, fp_duty_get_time (&channel->duty));
    }
}

/* As FpLed's. */
static gboolean
fp_rgb_led_tick (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  FpRgbLed *self = FP_RGB_LED (widget);

  if (self->pushed)
    {
      self->pushed = FALSE;
      self->empty_ticks = 0;
      measure_frame (self, FALSE);
      show (self);
      return G_SOURCE_CONTINUE;
    }
  if (++self->empty_ticks < SETTLE_TICKS)
    return G_SOURCE_CONTINUE;
  measure_frame (self, TRUE);
  show (self);
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
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
  self->pushed = TRUE;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fp_rgb_led_tick, NULL, NULL);
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
fp_rgb_led_set_label (FpRgbLed   *self,
                      const char *label)
{
  g_return_if_fail (FP_IS_RGB_LED (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  update_accessible_label (self);
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

guint
_fp_rgb_led_get_n_snapshots (FpRgbLed *self)
{
  g_return_val_if_fail (FP_IS_RGB_LED (self), 0);
  return self->n_snapshots;
}

gboolean
_fp_rgb_led_is_ticking (FpRgbLed *self)
{
  g_return_val_if_fail (FP_IS_RGB_LED (self), FALSE);
  return self->tick_id != 0;
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

  self->n_snapshots++;
  fp_led_paint_snapshot (&self->paint, snapshot, width / 2.f, height / 2.f, self->diameter * scale);
}

static void
fp_rgb_led_css_changed (GtkWidget         *widget,
                        GtkCssStyleChange *change)
{
  FpRgbLed *self = FP_RGB_LED (widget);

  GTK_WIDGET_CLASS (fp_rgb_led_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->ink);
  show (self);
}

static void
fp_rgb_led_dispose (GObject *object)
{
  FpRgbLed *self = (FpRgbLed *) object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  G_OBJECT_CLASS (fp_rgb_led_parent_class)->dispose (object);
}

static void
fp_rgb_led_finalize (GObject *object)
{
  FpRgbLed *self = (FpRgbLed *) object;

  g_free (self->label);
  G_OBJECT_CLASS (fp_rgb_led_parent_class)->finalize (object);
}

static void
fp_rgb_led_class_init (FpRgbLedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_rgb_led_dispose;
  object_class->finalize = fp_rgb_led_finalize;
  widget_class->measure = fp_rgb_led_measure;
  widget_class->snapshot = fp_rgb_led_snapshot;
  widget_class->css_changed = fp_rgb_led_css_changed;
  widget_class->query_tooltip = fp_rgb_led_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "led");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_rgb_led_init (FpRgbLed *self)
{
  self->diameter = DEFAULT_DIAMETER;
  self->ink = (GdkRGBA) { 0, 0, 0, 1 };
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
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
