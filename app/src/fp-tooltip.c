/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-tooltip.c: the parts build their tooltip text only when GTK asks
 * (query-tooltip), because setting a text costs a round trip to the
 * display server and a pin may change thousands of times a second. GTK
 * asks again only when the pointer moves, so a tooltip shown over a part
 * would keep the state from when it appeared. The parts call this once per
 * frame that changed them.
 */
#include "config.h"

#include "fp-tooltip.h"

/* Asks GTK again for @widget's tooltip if the pointer rests on it: a
 * shown tooltip then reads what the part shows now. Cheap otherwise. */
void
fp_tooltip_follow (GtkWidget *widget)
{
  if (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT)
    gtk_widget_trigger_tooltip_query (widget);
}
