/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "fp-find-window.h"

GtkWindow *
fp_test_find_transient (GtkWindow *parent,
                        GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == parent)
        return GTK_WINDOW (toplevel);   /* GTK keeps it */
    }
  g_assert_not_reached ();
}
