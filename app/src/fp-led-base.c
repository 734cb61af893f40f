/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-base.c: the LED widgets' common part (see fp-led-base.h).
 *
 * Pushing a pin event only marks the widget and, when none is pending,
 * adds a tick callback. The tick asks the widget for the frame that ended
 * (show_frame); after SETTLE_TICKS ticks that find nothing new it asks for
 * the steady state and removes itself, so that a PWM that stops shows its
 * final level, not a stale grey, and an idle LED costs nothing. The tooltip
 * is worked out only when GTK shows it: setting a tooltip's text asks the X
 * server where the pointer is, a round trip per LED and frame.
 */
#define G_LOG_DOMAIN "fp-led-base"

#include "config.h"

#include <string.h>

#include "fp-led-base-private.h"

/* Ticks without events before the steady state shows: a 50 Hz PWM has an
 * edge every other frame or so, more on a fast screen, and must not drop to
 * its level in between. Three frames (50 ms at 60 Hz) late, a PWM that
 * stopped shows its final level. */
#define SETTLE_TICKS 3

/* The longest tooltip the widgets write. */
#define TOOLTIP_SIZE 768

typedef struct
{
  char *label;
  GdkRGBA ink;
  char *accessible_label;

  gboolean pushed;              /* since the last tick */
  guint tick_id;
  guint empty_ticks;            /* in a row, up to SETTLE_TICKS */

  guint n_snapshots;
} FpLedBasePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FpLedBase, fp_led_base, GTK_TYPE_WIDGET)

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *frame_clock,
      gpointer       user_data)
{
  FpLedBase *self = FP_LED_BASE (widget);
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  if (priv->pushed)
    {
      priv->pushed = FALSE;
      priv->empty_ticks = 0;
      FP_LED_BASE_GET_CLASS (self)->show_frame (self, FALSE);
      return G_SOURCE_CONTINUE;
    }
  if (++priv->empty_ticks < SETTLE_TICKS)
    return G_SOURCE_CONTINUE;
  priv->tick_id = 0;
  FP_LED_BASE_GET_CLASS (self)->show_frame (self, TRUE);
  return G_SOURCE_REMOVE;
}

void
fp_led_base_pushed (FpLedBase *self)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  priv->pushed = TRUE;
  if (priv->tick_id == 0)
    priv->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
}

gboolean
fp_led_base_is_ticking (FpLedBase *self)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  return priv->tick_id != 0;
}

const GdkRGBA *
fp_led_base_get_ink (FpLedBase *self)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  return &priv->ink;
}

void
fp_led_base_set_accessible_label (FpLedBase  *self,
                                  const char *text)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  if (g_strcmp0 (text, priv->accessible_label) == 0)
    return;
  g_free (priv->accessible_label);
  priv->accessible_label = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

void
fp_led_base_set_label (FpLedBase  *self,
                       const char *label)
{
  FpLedBasePrivate *priv;

  g_return_if_fail (FP_IS_LED_BASE (self));
  priv = fp_led_base_get_instance_private (self);

  if (g_strcmp0 (priv->label, label) == 0)
    return;
  g_free (priv->label);
  priv->label = g_strdup (label);
  FP_LED_BASE_GET_CLASS (self)->restyle (self);
}

const char *
fp_led_base_get_label (FpLedBase *self)
{
  FpLedBasePrivate *priv;

  g_return_val_if_fail (FP_IS_LED_BASE (self), NULL);
  priv = fp_led_base_get_instance_private (self);
  return priv->label;
}

guint
_fp_led_base_get_n_snapshots (FpLedBase *self)
{
  FpLedBasePrivate *priv;

  g_return_val_if_fail (FP_IS_LED_BASE (self), 0);
  priv = fp_led_base_get_instance_private (self);
  return priv->n_snapshots;
}

char *
_fp_led_base_get_tooltip (FpLedBase *self)
{
  char text[TOOLTIP_SIZE];

  g_return_val_if_fail (FP_IS_LED_BASE (self), NULL);
  FP_LED_BASE_GET_CLASS (self)->format_tooltip (self, text, sizeof text);
  return g_strdup (text);
}

static gboolean
fp_led_base_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  FpLedBase *self = FP_LED_BASE (widget);
  char text[TOOLTIP_SIZE];

  FP_LED_BASE_GET_CLASS (self)->format_tooltip (self, text, sizeof text);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The widgets chain up first: this counts the frames drawn, for tests. */
static void
fp_led_base_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (FP_LED_BASE (widget));

  priv->n_snapshots++;
}

static void
fp_led_base_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  FpLedBase *self = FP_LED_BASE (widget);
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  GTK_WIDGET_CLASS (fp_led_base_parent_class)->css_changed (widget, change);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &priv->ink);
  FP_LED_BASE_GET_CLASS (self)->restyle (self);
}

static void
fp_led_base_dispose (GObject *object)
{
  FpLedBase *self = FP_LED_BASE (object);
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  if (priv->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
      priv->tick_id = 0;
    }
  G_OBJECT_CLASS (fp_led_base_parent_class)->dispose (object);
}

static void
fp_led_base_finalize (GObject *object)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (FP_LED_BASE (object));

  g_free (priv->label);
  g_free (priv->accessible_label);
  G_OBJECT_CLASS (fp_led_base_parent_class)->finalize (object);
}

static void
fp_led_base_class_init (FpLedBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_led_base_dispose;
  object_class->finalize = fp_led_base_finalize;
  widget_class->snapshot = fp_led_base_snapshot;
  widget_class->css_changed = fp_led_base_css_changed;
  widget_class->query_tooltip = fp_led_base_query_tooltip;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_led_base_init (FpLedBase *self)
{
  FpLedBasePrivate *priv = fp_led_base_get_instance_private (self);

  priv->ink = (GdkRGBA) { 0, 0, 0, 1 };
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
