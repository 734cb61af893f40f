/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.c: the main window, one per connection. The header bar's
 * subtitle follows the client's state; the pin table follows its cache.
 * The window owns its client: connecting elsewhere replaces it.
 */
#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-connect-dialog.h"
#include "fp-settings.h"
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
  GSettings *settings;          /* NULL when the schema is not installed */
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
  const char *status;

  if (client == NULL)
    return g_strdup (_("not connected"));
  status = fp_client_get_status (client);
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
  FpClientState state = self->client ? fp_client_get_state (self->client) : FP_CLIENT_STATE_IDLE;
  const char *machine = self->client ? fp_client_get_machine (self->client) : NULL;
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

  if (machine != NULL)
    /* Translators: the window title, %s is the board, e.g. "netduinoplus2" */
    title = g_strdup_printf (_("%s — Front Panel"), machine);
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Front Panel"));
  gtk_label_set_text (self->title_label, title ? title : _("Front Panel"));
}

static void
on_state_changed (FpClient   *client,
                  GParamSpec *pspec,
                  FpWindow   *self)
{
  /* Remembered once it worked, so a typo does not crowd the recent list. */
  if (fp_client_get_state (client) == FP_CLIENT_STATE_READY && self->settings != NULL)
    fp_settings_remember_address (self->settings, fp_client_get_address (client));
  update_state (self);
}

void
fp_window_set_client (FpWindow *self,
                      FpClient *client)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (client == NULL || FP_IS_CLIENT (client));

  if (self->client == client)
    return;
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      fp_client_close (self->client);
    }
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect (client, "notify::state", G_CALLBACK (on_state_changed), self);
  fp_pin_table_set_client (self->pin_table, client);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

gboolean
fp_window_connect (FpWindow    *self,
                   const char  *address,
                   GError     **error)
{
  g_autoptr(FpClient) client = NULL;

  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  client = fp_client_new (address, error);
  if (client == NULL)
    return FALSE;
  fp_client_set_name (client, "frontpanel " PACKAGE_VERSION);
  fp_client_set_reconnect (client, TRUE);
  fp_window_set_client (self, client);
  fp_client_start (client);
  return TRUE;
}

static void
on_dialog_connect (FpConnectDialog *dialog,
                   const char      *address,
                   FpWindow        *self)
{
  g_autoptr(GError) error = NULL;

  /* The dialog only offers addresses the client accepts. */
  if (!fp_window_connect (self, address, &error))
    g_critical ("%s", error->message);
}

FpConnectDialog *
fp_window_show_connect_dialog (FpWindow *self)
{
  g_auto(GStrv) recent = NULL;
  FpConnectDialog *dialog;

  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-addresses");
  dialog = fp_connect_dialog_new (GTK_WINDOW (self), (const char * const *) recent);
  g_signal_connect_object (dialog, "connect", G_CALLBACK (on_dialog_connect), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_window_show_connect_dialog (FP_WINDOW (widget));
}

static void
resync_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  if (self->client != NULL)
    fp_client_sync (self->client);
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
  g_return_val_if_fail (client == NULL || FP_IS_CLIENT (client), NULL);

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

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  update_state (self);
}

static gboolean
fp_window_close_request (GtkWindow *window)
{
  FpWindow *self = FP_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (fp_window_parent_class)->close_request (window);
}

static void
fp_window_dispose (GObject *object)
{
  FpWindow *self = (FpWindow *) object;

  fp_window_set_client (self, NULL);
  g_clear_object (&self->settings);
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
      fp_window_set_client (self, g_value_get_object (value));
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = fp_window_constructed;
  object_class->dispose = fp_window_dispose;
  object_class->get_property = fp_window_get_property;
  object_class->set_property = fp_window_set_property;
  window_class->close_request = fp_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_PIN_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, pin_table);

  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.resync", NULL, resync_action);
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = fp_settings_new ();
}
