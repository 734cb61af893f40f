/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-client.h: the panel side of a protocol connection to QEMU.
 */
#pragma once

#include <gio/gio.h>

#include "fp-message.h"

G_BEGIN_DECLS

/**
 * FpClientState:
 * @FP_CLIENT_STATE_IDLE: not started, or closed by fp_client_close()
 * @FP_CLIENT_STATE_CONNECTING: a connection attempt is under way
 * @FP_CLIENT_STATE_HANDSHAKE: connected; waiting for hello and the state dump
 * @FP_CLIENT_STATE_READY: the cache holds every controller and pin
 * @FP_CLIENT_STATE_WAITING: lost or failed; the next attempt is scheduled
 * @FP_CLIENT_STATE_FAILED: gave up (reconnecting is off, or QEMU speaks
 *   another protocol version); fp_client_get_status() says why
 */
typedef enum {
  FP_CLIENT_STATE_IDLE,
  FP_CLIENT_STATE_CONNECTING,
  FP_CLIENT_STATE_HANDSHAKE,
  FP_CLIENT_STATE_READY,
  FP_CLIENT_STATE_WAITING,
  FP_CLIENT_STATE_FAILED,
} FpClientState;

#define FP_TYPE_CLIENT_STATE (fp_client_state_get_type ())
GType fp_client_state_get_type (void);

#define FP_TYPE_CLIENT (fp_client_get_type ())
G_DECLARE_FINAL_TYPE (FpClient, fp_client, FP, CLIENT, GObject)

/**
 * fp_client_new:
 * @address: "unix:PATH" or "tcp:HOST:PORT"
 * @error: set when @address is malformed
 *
 * Creates an idle client; call fp_client_start() to connect. The client keeps
 * a cache of controllers and pin states, rebuilt from every hello and updated
 * by every event, and signals each change:
 *
 * - #FpClient::controllers-changed: a hello arrived; controllers may differ.
 * - #FpClient::pin-changed (ctrl index, pin, initial): a pin's state differs
 *   from the cache; @initial is TRUE during the dump that follows a hello.
 * - #FpClient::dropped (ctrl index, pin, edges, t): edges lost to back-pressure.
 * - #FpClient::guest-reset (t), #FpClient::synced (has id, id),
 *   #FpClient::pong (id, t).
 * - #FpClient::server-error (code, message, has id, id): QEMU rejected a line.
 * - #FpClient::bad-line (message): QEMU sent a line this library rejects;
 *   it is ignored and the connection stays up.
 * - notify::state on every state change.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error set.
 */
FpClient *fp_client_new (const char *address, GError **error);

/* Reconnect with backoff after a loss (default TRUE). */
void fp_client_set_reconnect (FpClient *self, gboolean reconnect);
/* Name sent in the client hello, e.g. "fpctl 0.1.0". */
void fp_client_set_name (FpClient *self, const char *name);

void fp_client_start (FpClient *self);
/* Cancels everything; no signal is emitted afterwards. */
void fp_client_close (FpClient *self);

const char *fp_client_get_address (FpClient *self);
FpClientState fp_client_get_state (FpClient *self);
/* Why the client is in its state ("connection refused", "connected to raspi3b"). */
const char *fp_client_get_status (FpClient *self);

/* From the last hello; NULL before the first. */
const char *fp_client_get_machine (FpClient *self);
const char *fp_client_get_qemu_version (FpClient *self);
guint fp_client_get_n_controllers (FpClient *self);
const FpControllerInfo *fp_client_get_controller (FpClient *self, guint index);
/* Index of the controller with @id, or -1. */
int fp_client_find_controller (FpClient *self, const char *id);
/* Index of the pin named @name ("PA5") or numbered @name ("5"), or -1. */
int fp_client_find_pin (FpClient *self, guint ctrl, const char *name);
/* Cached state; NULL when out of range. */
const FpPinState *fp_client_get_pin (FpClient *self, guint ctrl, guint pin);

/*
 * Commands. Each returns the request id it used (ids start at 1), or 0 when
 * there is no connection to send on. @level is 0, 1, or FP_LEVEL_Z to release.
 */
guint64 fp_client_drive (FpClient *self, const char *ctrl, guint pin, int level);
guint64 fp_client_sync (FpClient *self);
guint64 fp_client_ping (FpClient *self);

G_END_DECLS
