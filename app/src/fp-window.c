/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.c: the main window. The header bar's subtitle follows the
 * client's state; the pin table follows its cache.
 */
#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-window-private.h"

struct _FpWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *status_label;
  FpPinTable *pin_table;

  /* Owned references */
  FpClient *client;
};

G_DEFINE_FINAL_TYPE (FpWindow, fp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The status line, in the user's language; the client's own status texts
 * (the reasons) come from the library and stay as they are. */
static char *
status_text (FpClient *client)
{
  const char *status = fp_client_get_status (client);

  switch (fp_client_get_state (client))
    {
    case FP_CLIENT_STATE_IDLE:
      return g_strdup (_("not connected"));
    case FP_CLIENT_STATE_CONNECTING:
      return g_strdup_printf (_("connecting to %s"), fp_client_get_address (client));
    case FP_CLIENT_STATE_HANDSHAKE:
      return g_strdup_printf (_("connected to %s, waiting for QEMU"), fp_client_get_address (client));
    case FP_CLIENT_STATE_READY:
      return g_strdup_printf (_("connected to %s"), fp_client_get_machine (client));
    case FP_CLIENT_STATE_WAITING:
      /* Translators: %s says why and when, e.g. "connection refused; retrying in 2.0 s" */
      return g_strdup_printf (_("waiting: %s"), status);
    case FP_CLIENT_STATE_FAILED:
    default:
      return g_strdup_printf (_("error: %s"), status);
    }
}

static void
update_state (FpWindow *self)
{
  GtkWidget *status = GTK_WIDGET (self->status_label);
  FpClientState state = fp_client_get_state (self->client);
  g_autofree char *text = status_text (self->client);
  g_autofree char *title = NULL;

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (status, text);
  if (state == FP_CLIENT_STATE_FAILED)
    gtk_widget_add_css_class (status, "error");
  else
    gtk_widget_remove_css_class (status, "error");
  if (state == FP_CLIENT_STATE_WAITING)
    gtk_widget_add_css_class (status, "warning");
  else
    gtk_widget_remove_css_class (status, "warning");
  /* The cache is stale unless ready: show it, but greyed out. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_table), state == FP_CLIENT_STATE_READY);

  if (fp_client_get_machine (self->client) != NULL)
    /* Translators: the window title, %s is the board, e.g. "netduinoplus2" */
    title = g_strdup_printf (_("%s — Front Panel"), fp_client_get_machine (self->client));
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Front Panel"));
  gtk_label_set_text (self->title_label, title ? title : _("Front Panel"));
}

static void
on_state_changed (FpClient   *client,
                  GParamSpec *pspec,
                  FpWindow   *self)
{
  update_state (self);
}

FpClient *
fp_window_get_client (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->client;
}

GtkLabel *
_fp_window_get_status_label (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->status_label;
}

FpPinTable *
_fp_window_get_pin_table (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->pin_table;
}

FpWindow *
fp_window_new (GtkApplication *application,
               FpClient       *client)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FP_IS_CLIENT (client), NULL);

  return g_object_new (FP_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       NULL);
}

static void
fp_window_constructed (GObject *object)
{
  FpWindow *self = (FpWindow *) object;

  G_OBJECT_CLASS (fp_window_parent_class)->constructed (object);

  g_assert (FP_IS_CLIENT (self->client));
  g_signal_connect (self->client, "notify::state", G_CALLBACK (on_state_changed), self);
  fp_pin_table_set_client (self->pin_table, self->client);
  update_state (self);
}

static void
fp_window_dispose (GObject *object)
{
  FpWindow *self = (FpWindow *) object;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (fp_window_parent_class)->dispose (object);
}

static void
fp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FpWindow *self = FP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FpWindow *self = FP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_window_class_init (FpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_window_constructed;
  object_class->dispose = fp_window_dispose;
  object_class->get_property = fp_window_get_property;
  object_class->set_property = fp_window_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_PIN_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, pin_table);
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
