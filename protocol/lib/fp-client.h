/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-client.h: the panel side of a protocol connection to QEMU.
 */
#pragma once

#include <gio/gio.h>

#include "fp-message.h"

G_BEGIN_DECLS

/**
 * SECTION:fp-client
 * @title: FpClient
 * @short_description: a panel's connection to QEMU
 *
 * #FpClient is what the app and fpctl are built on: it speaks the panel
 * side of the pin protocol over one connection, with the state of every pin
 * cached and every change signalled.
 */

/**
 * FpClientState:
 * @FP_CLIENT_STATE_IDLE: not started, or closed by fp_client_close()
 * @FP_CLIENT_STATE_CONNECTING: a connection attempt is under way
 * @FP_CLIENT_STATE_HANDSHAKE: connected; waiting for hello and the state dump
 * @FP_CLIENT_STATE_READY: the cache holds every controller and pin
 * @FP_CLIENT_STATE_WAITING: lost or failed; the next attempt is scheduled
 * @FP_CLIENT_STATE_FAILED: gave up (reconnecting is off, or QEMU speaks
 *   another protocol version); fp_client_get_status() says why
 *
 * Where an #FpClient's connection stands.
 */
typedef enum {
  FP_CLIENT_STATE_IDLE,
  FP_CLIENT_STATE_CONNECTING,
  FP_CLIENT_STATE_HANDSHAKE,
  FP_CLIENT_STATE_READY,
  FP_CLIENT_STATE_WAITING,
  FP_CLIENT_STATE_FAILED,
} FpClientState;

/**
 * FP_TYPE_CLIENT_STATE:
 *
 * The #GType of #FpClientState, the type of #FpClient:state.
 */
#define FP_TYPE_CLIENT_STATE (fp_client_state_get_type ())
GType fp_client_state_get_type (void);

/**
 * FpClient:
 *
 * The panel side of one connection to QEMU's gpio-panel device: it
 * connects (and reconnects), keeps a cache of the controllers and pin states
 * that QEMU announces, and sends commands. It is not thread-safe: use it
 * from the thread that runs the default main context, where it works and
 * emits its signals.
 */

/**
 * FP_TYPE_CLIENT:
 *
 * The #GType of #FpClient.
 */
#define FP_TYPE_CLIENT (fp_client_get_type ())
G_DECLARE_FINAL_TYPE (FpClient, fp_client, FP, CLIENT, GObject)

/**
 * fp_client_new:
 * @address: "unix:PATH" or "tcp:HOST:PORT", as fp_address_parse() takes it
 * @error: set when @address is malformed
 *
 * Creates an idle client; call fp_client_start() to connect. The client keeps
 * a cache of controllers and pin states, rebuilt from every hello and updated
 * by every event, and signals each change: #FpClient::controllers-changed,
 * #FpClient::pin-changed, #FpClient::dropped and #FpClient::guest-reset, the
 * answers #FpClient::synced, #FpClient::pong and #FpClient::server-error,
 * #FpClient::bad-line for a line it rejects, and notify::state on every
 * change of #FpClient:state.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error set.
 */
FpClient *fp_client_new (const char *address, GError **error);

/**
 * fp_client_set_reconnect:
 * @self: a client
 * @reconnect: whether to reconnect
 *
 * Whether a failed or lost connection is tried again, after a delay that
 * starts at 100 ms and doubles up to 5 s (each ±20 %), until QEMU answers
 * or fp_client_close() (the default); or left in %FP_CLIENT_STATE_FAILED.
 */
void fp_client_set_reconnect (FpClient *self, gboolean reconnect);

/**
 * fp_client_set_name:
 * @self: a client
 * @name: what the client calls itself, e.g. "fpctl 0.1.0"
 *
 * Sets the name sent in the client hello of the next connection (QEMU may
 * log it); the default is "libfrontpanel" and the version.
 */
void fp_client_set_name (FpClient *self, const char *name);

/**
 * fp_client_start:
 * @self: a client
 *
 * Starts connecting, at once; from %FP_CLIENT_STATE_WAITING too, where it
 * starts the backoff afresh.
 */
void fp_client_start (FpClient *self);

/**
 * fp_client_close:
 * @self: a client
 *
 * Closes the connection and cancels everything under way, including a
 * scheduled reconnect; the client goes to %FP_CLIENT_STATE_IDLE and emits no
 * signal afterwards. fp_client_start() connects it again. The cache stays.
 */
void fp_client_close (FpClient *self);

/**
 * fp_client_get_address:
 * @self: a client
 *
 * Gets the address the client connects to.
 *
 * Returns: the address given to fp_client_new()
 */
const char *fp_client_get_address (FpClient *self);

/**
 * fp_client_get_state:
 * @self: a client
 *
 * Gets the client's state.
 *
 * Returns: the client's state, #FpClient:state
 */
FpClientState fp_client_get_state (FpClient *self);

/**
 * fp_client_get_status:
 * @self: a client
 *
 * Gets the client's status text, which the app shows in its header bar.
 *
 * Returns: why the client is in its state, for people and in their
 *   language, e.g. "cannot connect to unix:/tmp/panel.sock: No such file or
 *   directory; retrying in 0.4 s" or "connected to microbit"
 */
const char *fp_client_get_status (FpClient *self);

/**
 * fp_client_get_machine:
 * @self: a client
 *
 * Gets the machine QEMU emulates.
 *
 * Returns: (nullable): the QEMU machine type of the last hello, e.g.
 *   "microbit"; %NULL before the first
 */
const char *fp_client_get_machine (FpClient *self);

/**
 * fp_client_get_qemu_version:
 * @self: a client
 *
 * Gets the version of the QEMU at the other end.
 *
 * Returns: (nullable): QEMU's version from the last hello, e.g. "10.0.2";
 *   %NULL before the first
 */
const char *fp_client_get_qemu_version (FpClient *self);

/**
 * fp_client_get_n_controllers:
 * @self: a client
 *
 * Gets the number of controllers QEMU serves.
 *
 * Returns: how many controllers the last hello listed; 0 before the first
 */
guint fp_client_get_n_controllers (FpClient *self);

/**
 * fp_client_get_controller:
 * @self: a client
 * @index: a controller's index, in the order of the hello
 *
 * Gets a controller of the last hello.
 *
 * Returns: (transfer none) (nullable): the controller, or %NULL when
 *   @index is out of range; valid until the next #FpClient::controllers-changed
 */
const FpControllerInfo *fp_client_get_controller (FpClient *self, guint index);

/**
 * fp_client_find_controller:
 * @self: a client
 * @id: a controller's id, e.g. "gpioa"
 *
 * Looks a controller up by its id.
 *
 * Returns: the index of the controller with @id, or -1
 */
int fp_client_find_controller (FpClient *self, const char *id);

/**
 * fp_client_find_pin:
 * @self: a client
 * @ctrl: a controller's index
 * @name: a pin's number ("5") or name ("PA5", in any case)
 *
 * Looks a pin up by its number or name.
 *
 * Returns: the number of the pin, or -1 when @ctrl has no such pin
 */
int fp_client_find_pin (FpClient *self, guint ctrl, const char *name);

/**
 * fp_client_get_pin:
 * @self: a client
 * @ctrl: a controller's index
 * @pin: a pin's number
 *
 * Gets a pin's state from the cache.
 *
 * Returns: (transfer none) (nullable): the cached state of the pin, or
 *   %NULL when out of range; valid until the next
 *   #FpClient::controllers-changed. Before the state dump that follows a
 *   hello, a pin's levels are %FP_LEVEL_Z.
 */
const FpPinState *fp_client_get_pin (FpClient *self, guint ctrl, guint pin);

/**
 * fp_client_drive:
 * @self: a client
 * @ctrl: the controller's id
 * @pin: the pin's number
 * @level: 0 or 1 to drive the pin (set), or %FP_LEVEL_Z to release it
 *
 * Sends a set or release command. QEMU answers with a `pin` event when the
 * pin changes (#FpClient::pin-changed), or an error (#FpClient::server-error)
 * with the command's id.
 *
 * Returns: the request id the command carries (ids start at 1), or 0 when
 *   there is no connection to send on
 */
guint64 fp_client_drive (FpClient *self, const char *ctrl, guint pin, int level);

/**
 * fp_client_sync:
 * @self: a client
 *
 * Asks QEMU for the state of every pin; the dump ends with
 * #FpClient::synced carrying this request's id.
 *
 * Returns: the request id, or 0 when there is no connection to send on
 */
guint64 fp_client_sync (FpClient *self);

/**
 * fp_client_ping:
 * @self: a client
 *
 * Sends a ping; #FpClient::pong answers it with QEMU's virtual time, after
 * every event that the commands sent before it caused (PROTOCOL.md §4).
 *
 * Returns: the request id, or 0 when there is no connection to send on
 */
guint64 fp_client_ping (FpClient *self);

G_END_DECLS
