/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-connect-dialog.c: the address entry, checked as it is typed with the
 * same parser the client uses, so the Connect button only ever sends an
 * address the client accepts; and the recent addresses, one click each.
 */
#define G_LOG_DOMAIN "fp-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-address.h"
#include "fp-connect-dialog-private.h"

struct _FpConnectDialog
{
  GtkWindow parent_instance;

  /* Template widgets */
  GtkEditable *entry;
  GtkLabel *error_label;
  GtkWidget *recent_heading;
  GtkListBox *recent_list;
  GtkButton *connect_button;
};

G_DEFINE_FINAL_TYPE (FpConnectDialog, fp_connect_dialog, GTK_TYPE_WINDOW)

enum {
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* TRUE when the entry holds an address the client accepts; otherwise the
 * error label says why (nothing for an empty entry: not yet an error). */
static gboolean
check_address (FpConnectDialog *self)
{
  const char *address = gtk_editable_get_text (self->entry);
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GError) error = NULL;

  if (*address != '\0')
    connectable = fp_address_parse (address, &error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  return connectable != NULL;
}

static void
on_entry_changed (FpConnectDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), check_address (self));
}

static void
on_connect_clicked (FpConnectDialog *self)
{
  g_autofree char *address = NULL;

  if (!check_address (self))
    return;
  address = g_strdup (gtk_editable_get_text (self->entry));
  g_signal_emit (self, signals[CONNECT], 0, address);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_recent_activated (FpConnectDialog *self,
                     GtkListBoxRow   *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  gtk_editable_set_text (self->entry, gtk_label_get_text (GTK_LABEL (label)));
  on_connect_clicked (self);
}

static void
add_recent (FpConnectDialog *self,
            const char      *address)
{
  GtkWidget *label = gtk_label_new (address);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_list_box_append (self->recent_list, label);
}

FpConnectDialog *
fp_connect_dialog_new (GtkWindow          *parent,
                       const char * const *recent)
{
  FpConnectDialog *self;
  guint n = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (FP_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
  for (; recent != NULL && recent[n] != NULL; n++)
    add_recent (self, recent[n]);
  gtk_widget_set_visible (self->recent_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
  if (n > 0)
    {
      gtk_editable_set_text (self->entry, recent[0]);
      gtk_editable_select_region (self->entry, 0, -1);
    }
  return self;
}

GtkEditable *
_fp_connect_dialog_get_entry (FpConnectDialog *self)
{
  return self->entry;
}

GtkLabel *
_fp_connect_dialog_get_error_label (FpConnectDialog *self)
{
  return self->error_label;
}

GtkListBox *
_fp_connect_dialog_get_recent_list (FpConnectDialog *self)
{
  return self->recent_list;
}

GtkButton *
_fp_connect_dialog_get_connect_button (FpConnectDialog *self)
{
  return self->connect_button;
}

static void
fp_connect_dialog_class_init (FpConnectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FpConnectDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, FpConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FpConnectDialog, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, FpConnectDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, FpConnectDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fp_connect_dialog_init (FpConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
