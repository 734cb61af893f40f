/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led.c: an LED that follows a guest output pin (see fp-led.h).
 *
 * Pushing a pin event only feeds the estimator (fp-duty.c) and, when none
 * is pending, adds a tick callback. The tick, once a frame, works out what
 * the frame shows: the brightness over the virtual time since the previous
 * tick's latest event up to this one's (made up to the eye's persistence
 * with the frames before, see fp_duty_brightness), the look, the paint and
 * the accessible label; it redraws only when the paint changed. The tooltip
 * is worked out only when GTK shows it: setting a tooltip's text asks the
 * X server where the pointer is, a round trip per LED and frame.
 * After SETTLE_TICKS ticks that find nothing new it shows the pin's steady
 * level and removes itself, so a PWM that stops shows its final level, not
 * a stale grey, and an idle LED costs nothing.
 */
#define G_LOG_DOMAIN "fp-led"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-paint.h"
#include "fp-led-private.h"
#include "fp-tooltip.h"

#define DEFAULT_DIAMETER 16

/* Ticks without events before the LED shows its steady level: a 50 Hz PWM
 * has an edge every other frame or so, more on a fast screen, and must
 * not drop to its level in between. Three frames (50 ms at 60 Hz) late,
 * a PWM that stopped shows its final level. */
#define SETTLE_TICKS 3

struct _FpLed
{
  GtkWidget parent_instance;

  guint32 rgb;
  gboolean active_low;
  char *label;                  /* NULL: "LED" */
  int diameter;
  FpLedColors colors;

  /* What was pushed */
  gboolean connected;           /* a state was pushed, and no NULL since */
  FpPinState state;             /* the latest, when connected */
  FpDuty duty;                  /* the level that lights it: hi-Z unless the guest drives it */
  gboolean pushed;              /* since the last tick */
  guint tick_id;
  guint empty_ticks;            /* in a row, up to SETTLE_TICKS */

  /* What is shown: set by the tick */
  FpLedLook look;
  double brightness;
  FpLedPaint paint;
  GdkRGBA ink;                  /* the theme's text colour */
  char accessible_label[128];

  guint n_snapshots;
};

G_DEFINE_FINAL_TYPE (FpLed, fp_led, GTK_TYPE_WIDGET)

/* Whether the guest drives the pin: only then can the pin light the LED. */
static gboolean
is_driven (const FpPinState *state)
{
  return state->drive == FP_DRIVE_GUEST && state->level != FP_LEVEL_Z;
}

static const char *
label_or_default (FpLed *self)
{
  return self->label ? self->label : _("LED");
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
  if (strcmp (text, self->accessible_label) != 0)
    {
      g_strlcpy (self->accessible_label, text, sizeof self->accessible_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
}

/* The label, the pin's state, and its frequency and duty when it has them. */
static void
format_tooltip (FpLed *self,
                char  *buf,
                gsize  size)
{
  char pin[128], frequency[64] = "";
  double hz, duty;

  fp_led_describe_pin (pin, sizeof pin, self->connected ? &self->state : NULL);
  if (self->look == FP_LED_LOOK_DRIVEN
      && fp_duty_get_frequency (&self->duty, fp_duty_get_time (&self->duty), &hz, &duty))
    fp_led_describe_frequency (frequency, sizeof frequency, hz, duty);
  g_snprintf (buf, size, "%s\n%s%s%s", label_or_default (self), pin, *frequency ? "\n" : "", frequency);
}

char *
_fp_led_get_tooltip (FpLed *self)
{
  char text[512];

  g_return_val_if_fail (FP_IS_LED (self), NULL);
  format_tooltip (self, text, sizeof text);
  return g_strdup (text);
}

static gboolean
fp_led_query_tooltip (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip)
{
  char text[512];

  format_tooltip (FP_LED (widget), text, sizeof text);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
      fp_led_paint_set_undriven (&paint, self->state.level == FP_LEVEL_Z, &self->ink);
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

static gboolean
fp_led_tick (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  FpLed *self = FP_LED (widget);

  if (self->pushed)
    {
      self->pushed = FALSE;
      self->empty_ticks = 0;
      show (self, fp_duty_brightness (&self->duty, self->active_low));
      fp_duty_begin_window (&self->duty, fp_duty_get_time (&self->duty));
      return G_SOURCE_CONTINUE;
    }
  if (++self->empty_ticks < SETTLE_TICKS)
    return G_SOURCE_CONTINUE;
  show (self, fp_duty_get_lit (&self->duty, self->active_low));
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
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
  self->pushed = TRUE;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fp_led_tick, NULL, NULL);
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
  show (self, self->tick_id ? fp_duty_brightness (&self->duty, self->active_low)
                            : fp_duty_get_lit (&self->duty, self->active_low));
}

gboolean
fp_led_get_active_low (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), FALSE);
  return self->active_low;
}

void
fp_led_set_label (FpLed      *self,
                  const char *label)
{
  g_return_if_fail (FP_IS_LED (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  update_accessible_label (self);
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

guint
_fp_led_get_n_snapshots (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), 0);
  return self->n_snapshots;
}

gboolean
_fp_led_is_ticking (FpLed *self)
{
  g_return_val_if_fail (FP_IS_LED (self), FALSE);
  return self->tick_id != 0;
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

  self->n_snapshots++;
  /* Centred; smaller if the allocation is, never larger than asked. */
  fp_led_paint_snapshot (&self->paint, snapshot, width / 2.f, height / 2.f, self->diameter * scale);
}

static void
fp_led_css_changed (GtkWidget         *widget,
                    GtkCssStyleChange *change)
{
  FpLed *self = FP_LED (widget);

  GTK_WIDGET_CLASS (fp_led_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &self->ink);
  show (self, self->brightness);
}

static void
fp_led_dispose (GObject *object)
{
  FpLed *self = (FpLed *) object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  G_OBJECT_CLASS (fp_led_parent_class)->dispose (object);
}

static void
fp_led_finalize (GObject *object)
{
  FpLed *self = (FpLed *) object;

  g_free (self->label);
  G_OBJECT_CLASS (fp_led_parent_class)->finalize (object);
}

static void
fp_led_class_init (FpLedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_led_dispose;
  object_class->finalize = fp_led_finalize;
  widget_class->measure = fp_led_measure;
  widget_class->snapshot = fp_led_snapshot;
  widget_class->css_changed = fp_led_css_changed;
  widget_class->query_tooltip = fp_led_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "led");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_led_init (FpLed *self)
{
  self->diameter = DEFAULT_DIAMETER;
  self->brightness = -1;
  self->ink = (GdkRGBA) { 0, 0, 0, 1 };
  fp_duty_reset (&self->duty);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
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
