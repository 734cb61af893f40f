/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-window.c: the main window, one per connection. The header bar's
 * subtitle follows the client's state; the board view and the pin table
 * follow its cache. The window owns its client: connecting elsewhere
 * replaces it.
 *
 * The layout is chosen on each hello: the one the user asked for (a bundled
 * board, a file, or the automatic one), else the board that serves the
 * machine, else the automatic one. A layout that does not load or does not
 * fit the machine is reported in an error bar, with its FILE:LINE:COL, and
 * the automatic layout is shown instead, so every pin stays usable.
 *
 * "Start board…" runs a QEMU of the window's own (fp-qemu) and connects to
 * it; its serial console shows in a pane below the board. That QEMU ends
 * when the window closes, another board starts, or the window connects
 * elsewhere; when it ends by itself, the bar above the board says how.
 *
 * With nothing to show (no connection yet, no hello, the connection closed
 * or failed, QEMU gone) the board and table give way to an empty state that
 * says what happened and offers what to do next: start a board, start the
 * same one again, or connect. A stale cache while the client reconnects is
 * still shown, greyed out: it is what the board looked like.
 */
#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fp-board-view.h"
#include "fp-connect-dialog.h"
#include "fp-console.h"
#include "fp-file-choice.h"
#include "fp-guest.h"
#include "fp-layout.h"
#include "fp-qemu.h"
#include "fp-settings.h"
#include "fp-start-dialog.h"
#include "fp-window-private.h"

struct _FpWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkMenuButton *layout_button;
  GMenu *board_section;
  GtkInfoBar *layout_error_bar;
  GtkLabel *layout_error_label;
  FpBoardView *board_view;
  FpPinTable *pin_table;
  GtkInfoBar *qemu_bar;
  GtkLabel *qemu_label;
  GtkWidget *console_box;
  GtkLabel *console_title;
  FpConsole *console;
  GtkStack *main_stack;
  GtkWidget *empty_state;
  GtkImage *empty_icon;
  GtkLabel *empty_title;
  GtkLabel *empty_description;
  GtkWidget *restart_button;

  /* Owned references */
  FpClient *client;
  FpQemu *qemu;                 /* the board this window started, while it runs */
  GSettings *settings;          /* NULL when the schema is not installed */
  FpGuest *last_guest;          /* the board it started last, for "Start Again" */
  char *exit_message;           /* how that board's QEMU ended, or NULL */

  /* What the user asked for: "" (the machine's board), "auto",
   * "board:NAME" or "file:PATH". The state of win.layout. */
  char *layout_request;
  char *layout_error;           /* the one shown, even once dismissed */
};

G_DEFINE_FINAL_TYPE (FpWindow, fp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_LAYOUT_REQUEST,
  PROP_SHOW_PIN_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The status line, in the user's language; the reasons (the client's
 * status texts) come translated from the library. */
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
show_empty (FpWindow   *self,
            const char *icon,
            const char *title,
            const char *description,
            gboolean    restart)
{
  gtk_image_set_from_icon_name (self->empty_icon, icon);
  gtk_label_set_text (self->empty_title, title);
  gtk_label_set_text (self->empty_description, description);
  gtk_widget_set_visible (self->restart_button, restart);
  gtk_stack_set_visible_child (self->main_stack, self->empty_state);
}

static void
update_empty_state (FpWindow *self)
{
  FpClientState state = self->client ? fp_client_get_state (self->client) : FP_CLIENT_STATE_IDLE;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restart-board", self->last_guest != NULL);
  if (self->client != NULL && fp_client_get_n_controllers (self->client) > 0 &&
      state != FP_CLIENT_STATE_IDLE && state != FP_CLIENT_STATE_FAILED)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "board");
      return;
    }

  if (self->exit_message != NULL && state == FP_CLIENT_STATE_IDLE)
    {
      g_autofree char *how = g_strndup (self->exit_message, strcspn (self->exit_message, ":\n"));

      /* Translators: %s says how QEMU ended, e.g. "QEMU exited with status 1" */
      text = g_strdup_printf (_("%s. Start the board again, or start another one."), how);
      show_empty (self, "dialog-warning-symbolic", _("The Board Has Stopped"), text,
                  self->last_guest != NULL);
      return;
    }
  switch (state)
    {
    case FP_CLIENT_STATE_IDLE:
      show_empty (self, "network-offline-symbolic", _("Not Connected"),
                  _("Start a board in QEMU, or connect to a QEMU that runs one with a gpio-panel."),
                  FALSE);
      break;
    case FP_CLIENT_STATE_FAILED:
      text = status_text (self->client);
      show_empty (self, "dialog-error-symbolic", _("Cannot Connect"), text, FALSE);
      break;
    case FP_CLIENT_STATE_CONNECTING:
    case FP_CLIENT_STATE_HANDSHAKE:
    case FP_CLIENT_STATE_WAITING:
    case FP_CLIENT_STATE_READY:
    default:
      /* Ready without a hello cannot last: the hello comes first. */
      text = status_text (self->client);
      show_empty (self, "network-transmit-receive-symbolic", _("Connecting…"), text, FALSE);
      break;
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
  update_empty_state (self);
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

/* A new error is logged and shown; the same one again (a resync, a
 * reconnect) stays as the user left it: logged once, dismissed for good. */
static void
show_layout_error (FpWindow   *self,
                   const char *message)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (message, self->layout_error) == 0)
    return;
  g_free (self->layout_error);
  self->layout_error = g_strdup (message);
  /* Translators: %s is what is wrong with the layout, starting with FILE:LINE:COL */
  text = g_strdup_printf (_("%s\nShowing the automatic layout instead."), message);
  g_message ("layout: %s", message);
  gtk_label_set_text (self->layout_error_label, text);
  gtk_info_bar_set_revealed (self->layout_error_bar, TRUE);
}

static void
hide_layout_error (FpWindow *self)
{
  g_clear_pointer (&self->layout_error, g_free);
  gtk_info_bar_set_revealed (self->layout_error_bar, FALSE);
}

static void
on_layout_error_response (FpWindow *self,
                          int       response)
{
  gtk_info_bar_set_revealed (self->layout_error_bar, FALSE);
}

/* The layout the request names, or NULL (automatic) with @error set when it
 * does not load. */
static FpLayout *
load_requested_layout (FpWindow   *self,
                       GError    **error)
{
  const char *request = self->layout_request;
  const char *machine = self->client ? fp_client_get_machine (self->client) : NULL;
  const char *board;

  if (g_str_has_prefix (request, "board:"))
    return fp_layout_new_for_board (request + strlen ("board:"), error);
  if (g_str_has_prefix (request, "file:"))
    return fp_layout_new_from_file (request + strlen ("file:"), error);
  if (*request != '\0' || machine == NULL)
    return NULL;
  board = fp_layout_board_for_machine (machine);
  return board ? fp_layout_new_for_board (board, error) : NULL;
}

static void
apply_layout (FpWindow *self)
{
  g_autoptr(FpLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ctrl = self->client ? fp_client_get_n_controllers (self->client) : 0;
  g_autofree FpControllerInfo *infos = g_new0 (FpControllerInfo, MAX (n_ctrl, 1));

  for (guint c = 0; c < n_ctrl; c++)
    infos[c] = *fp_client_get_controller (self->client, c);

  layout = load_requested_layout (self, &error);
  /* Before the first hello there is nothing to check against. */
  if (layout != NULL && n_ctrl > 0 && !fp_layout_check (layout, infos, n_ctrl, &error))
    g_clear_object (&layout);
  if (error != NULL)
    show_layout_error (self, error->message);
  else
    hide_layout_error (self);
  if (layout == NULL && n_ctrl > 0)
    layout = fp_layout_new_automatic (fp_client_get_machine (self->client), infos, n_ctrl);

  fp_board_view_set_layout (self->board_view, layout);
  if (layout == NULL)
    gtk_menu_button_set_label (self->layout_button, _("Layout"));
  else if (g_str_equal (fp_layout_get_name (layout), "automatic"))
    /* Translators: the layout button's label when every pin is shown in rows */
    gtk_menu_button_set_label (self->layout_button, _("Automatic"));
  else
    gtk_menu_button_set_label (self->layout_button, fp_layout_get_title (layout));
}

static void
on_controllers_changed (FpClient *client,
                        FpWindow *self)
{
  apply_layout (self);
  update_empty_state (self);
}

void
fp_window_set_layout_request (FpWindow   *self,
                              const char *request)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (request != NULL);

  if (g_strcmp0 (self->layout_request, request) == 0)
    return;
  g_free (self->layout_request);
  self->layout_request = g_strdup (request);
  apply_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_REQUEST]);
}

const char *
fp_window_get_layout_request (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->layout_request;
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
    {
      g_signal_connect (client, "notify::state", G_CALLBACK (on_state_changed), self);
      g_signal_connect (client, "controllers-changed", G_CALLBACK (on_controllers_changed), self);
    }
  fp_board_view_set_client (self->board_view, client);
  fp_pin_table_set_client (self->pin_table, client);
  apply_layout (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
show_qemu_message (FpWindow       *self,
                   GtkMessageType  type,
                   const char     *message)
{
  gtk_info_bar_set_message_type (self->qemu_bar, type);
  /* Each line ellipsized (GTK 4.8 mismeasures a wrapped label of three
   * lines in an info bar); the tooltip has it whole. */
  gtk_label_set_text (self->qemu_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->qemu_label), message);
  gtk_info_bar_set_revealed (self->qemu_bar, TRUE);
}

static void
on_qemu_bar_response (FpWindow *self,
                      int       response)
{
  gtk_info_bar_set_revealed (self->qemu_bar, FALSE);
}

/* Ends the QEMU this window started, if any; the console keeps its text. */
static void
stop_qemu (FpWindow *self)
{
  if (self->qemu == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->qemu, self);
  fp_qemu_stop (self->qemu);
  g_clear_object (&self->qemu);
}

static void
on_qemu_output (FpQemu   *qemu,
                GBytes   *bytes,
                FpWindow *self)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  fp_console_append (self->console, data, size);
}

static void
on_qemu_exited (FpQemu     *qemu,
                const char *message,
                FpWindow   *self)
{
  g_signal_handlers_disconnect_by_data (qemu, self);
  g_clear_object (&self->qemu);
  g_free (self->exit_message);
  self->exit_message = g_strdup (message);
  /* Nothing to reconnect to: the client stops, and the bar says why. */
  if (self->client != NULL)
    fp_client_close (self->client);
  show_qemu_message (self, GTK_MESSAGE_ERROR, message);
  update_empty_state (self);
}

static void
on_console_input (FpConsole  *console,
                  const char *bytes,
                  FpWindow   *self)
{
  if (self->qemu != NULL)
    fp_qemu_send (self->qemu, bytes, strlen (bytes));
}

static void
connect_client (FpWindow *self,
                FpClient *client)
{
  fp_client_set_name (client, "frontpanel " PACKAGE_VERSION);
  fp_client_set_reconnect (client, TRUE);
  fp_window_set_client (self, client);
  fp_client_start (client);
}

gboolean
fp_window_start_guest (FpWindow       *self,
                       const FpGuest  *guest,
                       GError        **error)
{
  g_autofree char *qemu_dir = NULL;
  g_autofree char *request = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(FpQemu) qemu = NULL;
  g_autoptr(FpClient) client = NULL;

  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (guest != NULL, FALSE);

  /* Everything that can fail comes first: a guest that cannot start
   * leaves the running one, and the connection, as they are. */
  qemu_dir = fp_settings_get_qemu_dir (self->settings);
  argv = fp_guest_build_argv (guest, qemu_dir, error);
  if (argv == NULL)
    return FALSE;
  qemu = fp_qemu_new ();
  if (!fp_qemu_start (qemu, (const char * const *) argv, error))
    return FALSE;
  client = fp_client_new (fp_qemu_get_address (qemu), error);
  if (client == NULL)
    {
      fp_qemu_stop (qemu);
      return FALSE;
    }

  stop_qemu (self);
  self->qemu = g_steal_pointer (&qemu);
  g_signal_connect (self->qemu, "output", G_CALLBACK (on_qemu_output), self);
  g_signal_connect (self->qemu, "exited", G_CALLBACK (on_qemu_exited), self);
  gtk_info_bar_set_revealed (self->qemu_bar, FALSE);
  fp_console_clear (self->console);
  /* Translators: above the console pane; %s is the board, %s QEMU's process id */
  title = g_strdup_printf (_("Serial console: %s (QEMU process %s)"), guest->title,
                           fp_qemu_get_pid (self->qemu));
  gtk_label_set_text (self->console_title, title);
  gtk_widget_set_visible (self->console_box, TRUE);
  request = guest->layout ? g_strconcat ("board:", guest->layout, NULL) : g_strdup ("");
  fp_window_set_layout_request (self, request);
  g_message ("started %s: QEMU %s on %s", guest->title, fp_qemu_get_pid (self->qemu),
             fp_qemu_get_address (self->qemu));
  /* @guest may be the last one, being started again. */
  if (guest != self->last_guest)
    {
      g_clear_pointer (&self->last_guest, fp_guest_free);
      self->last_guest = fp_guest_copy (guest);
    }
  g_clear_pointer (&self->exit_message, g_free);
  connect_client (self, client);
  return TRUE;
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
  /* Elsewhere: the board this window started has no one to show it. */
  stop_qemu (self);
  gtk_widget_set_visible (self->console_box, FALSE);
  gtk_info_bar_set_revealed (self->qemu_bar, FALSE);
  g_clear_pointer (&self->last_guest, fp_guest_free);
  g_clear_pointer (&self->exit_message, g_free);
  connect_client (self, client);
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
on_dialog_start (FpStartDialog *dialog,
                 const FpGuest *guest,
                 FpWindow      *self)
{
  g_autoptr(GError) error = NULL;

  if (!fp_window_start_guest (self, guest, &error))
    show_qemu_message (self, GTK_MESSAGE_ERROR, error->message);
}

FpStartDialog *
fp_window_show_start_dialog (FpWindow *self)
{
  g_autofree char *qemu_dir = NULL;
  FpStartDialog *dialog;

  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);

  qemu_dir = fp_settings_get_qemu_dir (self->settings);
  dialog = fp_start_dialog_new (GTK_WINDOW (self), qemu_dir, self->settings);
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_dialog_start), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
start_board_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  fp_window_show_start_dialog (FP_WINDOW (widget));
}

static void
restart_board_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->last_guest != NULL && !fp_window_start_guest (self, self->last_guest, &error))
    show_qemu_message (self, GTK_MESSAGE_ERROR, error->message);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_window_show_connect_dialog (FP_WINDOW (widget));
}

static void
on_layout_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       FpWindow        *self)
{
  g_autofree char *path = fp_file_choice_take_path (chooser, response);

  if (path != NULL)
    {
      g_autofree char *request = g_strconcat ("file:", path, NULL);

      fp_window_set_layout_request (self, request);
    }
}

static void
open_layout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Layout"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  /* Translators: name of a file type in the file chooser */
  gtk_file_filter_set_name (filter, _("Board layouts (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_layout_file_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FpWindow              *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Shortcuts (Ctrl+L, …) are not button keys, and typing in the console
   * is for the guest. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->console)))
    return FALSE;
  return fp_board_view_handle_key (self->board_view, keyval, TRUE);
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 FpWindow              *self)
{
  fp_board_view_handle_key (self->board_view, keyval, FALSE);
}

/* One menu item per bundled board, titled as the board is. */
static void
fill_board_menu (FpWindow *self)
{
  const char * const *boards = fp_layout_list_boards ();

  for (guint i = 0; boards[i] != NULL; i++)
    {
      g_autoptr(FpLayout) layout = fp_layout_new_for_board (boards[i], NULL);
      g_autofree char *target = g_strconcat ("board:", boards[i], NULL);
      g_autoptr(GMenuItem) item = NULL;

      /* The bundled layouts are tested; one that fails is a build bug. */
      g_return_if_fail (layout != NULL);
      item = g_menu_item_new (fp_layout_get_title (layout), NULL);
      g_menu_item_set_action_and_target (item, "win.layout", "s", target);
      g_menu_append_item (self->board_section, item);
    }
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
_fp_window_get_title_label (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->title_label;
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

FpBoardView *
_fp_window_get_board_view (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->board_view;
}

FpConsole *
_fp_window_get_console (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->console;
}

FpQemu *
_fp_window_get_qemu (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->qemu;
}

GtkWidget *
_fp_window_get_qemu_bar (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->qemu_bar);
}

const char *
_fp_window_get_qemu_message (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  if (!gtk_info_bar_get_revealed (self->qemu_bar))
    return NULL;
  return gtk_label_get_text (self->qemu_label);
}

const char *
_fp_window_get_layout_error (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  if (!gtk_info_bar_get_revealed (self->layout_error_bar))
    return NULL;
  return gtk_label_get_text (self->layout_error_label);
}

GtkInfoBar *
_fp_window_get_layout_error_bar (FpWindow *self)
{
  return self->layout_error_bar;
}

const char *
_fp_window_get_empty_title (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  if (gtk_stack_get_visible_child (self->main_stack) != self->empty_state)
    return NULL;
  return gtk_label_get_text (self->empty_title);
}

const char *
_fp_window_get_empty_description (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  if (gtk_stack_get_visible_child (self->main_stack) != self->empty_state)
    return NULL;
  return gtk_label_get_text (self->empty_description);
}

GtkWidget *
_fp_window_get_restart_button (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->restart_button;
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

  stop_qemu (self);
  fp_window_set_client (self, NULL);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->layout_request, g_free);
  g_clear_pointer (&self->layout_error, g_free);
  g_clear_pointer (&self->last_guest, fp_guest_free);
  g_clear_pointer (&self->exit_message, g_free);
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
    case PROP_LAYOUT_REQUEST:
      g_value_set_string (value, self->layout_request);
      break;
    case PROP_SHOW_PIN_TABLE:
      /* Read by the action muxer before the template is built, too. */
      g_value_set_boolean (value, self->pin_table == NULL ||
                                  gtk_widget_get_visible (GTK_WIDGET (self->pin_table)));
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
    case PROP_LAYOUT_REQUEST:
      fp_window_set_layout_request (self, g_value_get_string (value));
      break;
    case PROP_SHOW_PIN_TABLE:
      gtk_widget_set_visible (GTK_WIDGET (self->pin_table), g_value_get_boolean (value));
      g_object_notify_by_pspec (object, pspec);
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
  properties[PROP_LAYOUT_REQUEST] =
    g_param_spec_string ("layout-request", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PIN_TABLE] =
    g_param_spec_boolean ("show-pin-table", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_BOARD_VIEW);
  g_type_ensure (FP_TYPE_PIN_TABLE);
  g_type_ensure (FP_TYPE_CONSOLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, layout_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, board_section);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, layout_error_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, layout_error_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, board_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, pin_table);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, qemu_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, qemu_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, console_box);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, console_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, console);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, empty_state);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, empty_icon);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, empty_description);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, restart_button);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_error_response);
  gtk_widget_class_bind_template_callback (widget_class, on_qemu_bar_response);

  gtk_widget_class_install_action (widget_class, "win.start-board", NULL, start_board_action);
  gtk_widget_class_install_action (widget_class, "win.restart-board", NULL, restart_board_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.resync", NULL, resync_action);
  gtk_widget_class_install_action (widget_class, "win.open-layout", NULL, open_layout_action);
  gtk_widget_class_install_property_action (widget_class, "win.layout", "layout-request");
  gtk_widget_class_install_property_action (widget_class, "win.show-pin-table", "show-pin-table");
}

static void
fp_window_init (FpWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->layout_request = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_board_menu (self);

  /* Captured before the focused widget sees them: the board's keys work
   * wherever the focus is (the window has no text entry). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self->console, "input", G_CALLBACK (on_console_input), self);

  self->settings = fp_settings_new ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-pin-table", self, "show-pin-table", G_SETTINGS_BIND_DEFAULT);
}
