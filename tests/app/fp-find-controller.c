/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "fp-find-controller.h"

GtkEventController *
fp_test_find_controller (GtkWidget *widget,
                         GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkEventController *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        found = controller;     /* the widget keeps it */
    }
  g_assert_nonnull (found);
  return found;
}
