/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * peer.h: what the parts of fp-test-peer share: the peer itself
 * (fp-test-peer.c: listening, virtual time, control channel) and its client
 * connection (peer-client.c: the protocol on the wire).
 */
#pragma once

#include <gio/gio.h>

#include "fp-message.h"
#include "peer-board.h"

G_BEGIN_DECLS

typedef struct _PeerClient PeerClient;

typedef struct {
  PeerBoard *board;
  gint64 start_us;        /* virtual time 0, in g_get_monotonic_time() units */
  gboolean verbose;

  GMainLoop *loop;
  gboolean quitting;
  guint busy;             /* asynchronous operations in flight */

  GSocketListener *listener;
  GCancellable *accept_cancellable;
  char *unix_path;        /* removed on exit */
  PeerClient *client;     /* the one front end, or NULL */

  GDataInputStream *control;
  GCancellable *control_cancellable;
  guint wait_client_source;  /* a `wait-client` is pending */

  GArray **history;       /* per pin index: HistoryEntry, for `history` */

  guint blink_source;
  guint sigterm_source;
  guint sigint_source;
} Peer;

/* fp-test-peer.c */
gint64 peer_advance (Peer *peer);
void peer_trace (Peer *peer, const char *format, ...) G_GNUC_PRINTF (2, 3);
const char *peer_ctrl_id (Peer *peer, guint ctrl);
/* The client tells the peer that it went away, and when its hello and state
 * dump have left our queue. */
void peer_client_closed (Peer *peer, PeerClient *client);
void peer_client_greeted (Peer *peer, PeerClient *client);

/* peer-client.c */
PeerClient *peer_client_new (Peer *peer, GSocketConnection *conn);
/* Sends hello, state dump and synced, then starts reading commands. */
void peer_client_start (PeerClient *client, gint64 now);
/* Drops the connection now; also drops the peer's reference. */
void peer_client_close (PeerClient *client);
gboolean peer_client_is_greeted (PeerClient *client);
/* A guest reset: reset event, state dump, synced (§3.4). */
void peer_client_send_reset (PeerClient *client, gint64 now);
/* Forwards a change the board reported (see PeerPinChangedFunc). */
void peer_client_pin_changed (PeerClient       *client,
                              guint             ctrl,
                              guint             pin,
                              const FpPinState *old_state,
                              const FpPinState *state,
                              PeerCause         cause);

G_END_DECLS
