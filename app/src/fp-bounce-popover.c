/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-bounce-popover.c: a switch and three spin buttons for a button's
 * bounce. It only holds the values and says when the user changed one;
 * the button (fp-button.c) applies them, so that a layout's bounce and
 * this popover go through the same fp_button_set_bounce.
 */
#define G_LOG_DOMAIN "fp-bounce-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-bounce-popover-private.h"

struct _FpBouncePopover
{
  GtkPopover parent_instance;

  GtkLabel *heading;
  GtkSwitch *on_switch;
  GtkSpinButton *ms_spin;
  GtkSpinButton *edges_spin;
  GtkSpinButton *seed_spin;

  gboolean setting;             /* values set by code: not the user's change */
};

G_DEFINE_FINAL_TYPE (FpBouncePopover, fp_bounce_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_value_changed (FpBouncePopover *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

GtkWidget *
fp_bounce_popover_new (void)
{
  return g_object_new (FP_TYPE_BOUNCE_POPOVER, NULL);
}

void
fp_bounce_popover_set_part (FpBouncePopover *self,
                            const char      *part)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (FP_IS_BOUNCE_POPOVER (self));

  if (part != NULL)
    /* Translators: the bounce popover's heading; %s is the button ("B1 (PC13)") */
    heading = g_strdup_printf (_("Switch bounce: %s"), part);
  gtk_label_set_text (self->heading, heading != NULL ? heading : _("Switch bounce"));
}

void
fp_bounce_popover_set_values (FpBouncePopover *self,
                              gboolean         on,
                              guint            edges,
                              guint            ms,
                              guint32          seed)
{
  g_return_if_fail (FP_IS_BOUNCE_POPOVER (self));
  g_return_if_fail (edges % 2 == 1 && edges >= 3 && edges <= 101);
  g_return_if_fail (ms >= 1 && ms <= 1000);

  self->setting = TRUE;
  gtk_switch_set_active (self->on_switch, on);
  gtk_spin_button_set_value (self->ms_spin, ms);
  gtk_spin_button_set_value (self->edges_spin, edges);
  gtk_spin_button_set_value (self->seed_spin, seed);
  self->setting = FALSE;
}

void
fp_bounce_popover_set_on (FpBouncePopover *self,
                          gboolean         on)
{
  g_return_if_fail (FP_IS_BOUNCE_POPOVER (self));

  self->setting = TRUE;
  gtk_switch_set_active (self->on_switch, on);
  self->setting = FALSE;
}

void
fp_bounce_popover_get_values (FpBouncePopover *self,
                              gboolean        *on,
                              guint           *edges,
                              guint           *ms,
                              guint32         *seed)
{
  g_return_if_fail (FP_IS_BOUNCE_POPOVER (self));

  *on = gtk_switch_get_active (self->on_switch);
  /* The adjustments keep the values in range; snap-to-ticks keeps the
   * count odd. */
  *edges = (guint) gtk_spin_button_get_value_as_int (self->edges_spin);
  *ms = (guint) gtk_spin_button_get_value_as_int (self->ms_spin);
  /* Not _as_int: seeds go past G_MAXINT. */
  *seed = (guint32) gtk_spin_button_get_value (self->seed_spin);
}

GtkSwitch *
_fp_bounce_popover_get_switch (FpBouncePopover *self)
{
  return self->on_switch;
}

GtkSpinButton *
_fp_bounce_popover_get_spin (FpBouncePopover *self,
                             const char      *name)
{
  if (g_str_equal (name, "ms"))
    return self->ms_spin;
  if (g_str_equal (name, "edges"))
    return self->edges_spin;
  g_return_val_if_fail (g_str_equal (name, "seed"), NULL);
  return self->seed_spin;
}

/* Space works the focused switch, as in a window: a GTK 4.8 popover binds
 * only Return to that. A spin button's text takes Space itself first. */
static void
activate_focus_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    gtk_widget_activate (focus);
}

static void
fp_bounce_popover_class_init (FpBouncePopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-bounce-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, FpBouncePopover, heading);
  gtk_widget_class_bind_template_child (widget_class, FpBouncePopover, on_switch);
  gtk_widget_class_bind_template_child (widget_class, FpBouncePopover, ms_spin);
  gtk_widget_class_bind_template_child (widget_class, FpBouncePopover, edges_spin);
  gtk_widget_class_bind_template_child (widget_class, FpBouncePopover, seed_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_install_action (widget_class, "bounce.activate-focus", NULL, activate_focus_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "bounce.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "bounce.activate-focus", NULL);
}

static void
fp_bounce_popover_init (FpBouncePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_bounce_popover_set_part (self, NULL);
  fp_bounce_popover_set_values (self, FALSE, FP_BOUNCE_DEFAULT_EDGES, FP_BOUNCE_DEFAULT_MS, 0);
}
