/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * peer-client.c: fp-test-peer's client connection: the protocol on the wire.
 *
 * Reads are fed to an FpFramer and handled line by line, strictly in order
 * (PROTOCOL.md §4); replies and events go through a queue with one write in
 * flight. When the client stops draining and the queue passes QUEUE_CAP, the
 * guest's pin changes are coalesced per pin and later reported with a
 * `dropped` (§3.3), and no more commands are read until the queue drains.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "fp-framer.h"
#include "peer.h"

/*
 * Back-pressure (PROTOCOL.md §3.3): once more than this is queued but unsent,
 * the guest's pin changes are coalesced per pin until the queue drains. QEMU
 * never lets a slow panel stall the guest; neither do we. The same cap stops
 * reading the client's commands, whose replies cannot be coalesced.
 */
#define QUEUE_CAP (256 * 1024)

/* Per read; the framer bounds what is kept of an unfinished line. */
#define READ_SIZE 65536

/* What a pin that is being coalesced has not told the client yet. */
typedef struct {
  gboolean coalescing;
  FpPinState seen;     /* the state the client last saw */
  guint64 edges;       /* level changes since the client's last pin event */
} PinBacklog;

struct _PeerClient {
  int ref_count;       /* the peer's, plus one per operation in flight */
  Peer *peer;
  GSocketConnection *conn;
  GCancellable *cancellable;
  gboolean closed;

  FpFramer *framer;
  char *read_buf;
  gboolean reading;

  /* One write in flight (inflight); everything after it waits in queue. */
  GString *queue;
  GString *inflight;
  gboolean writing;

  /* For `wait-client`: has the greeting (hello, dump, synced) left the queue? */
  guint64 written;
  guint64 greeting_end;
  gboolean greeted;

  gint64 last_t;       /* t never decreases on one connection (§3.2) */
  PinBacklog *backlog; /* indexed like peer_board_pin_index() */
  guint n_coalescing;
};

static void client_start_read (PeerClient *client);
static void client_start_write (PeerClient *client);

/* ------------------------------------------------------------------------ */
/* Sending                                                                  */
/* ------------------------------------------------------------------------ */

static gsize
client_queued (PeerClient *client)
{
  return client->queue->len + (client->writing ? client->inflight->len : 0);
}

static void
client_send (PeerClient *client,
             FpMessage  *msg)
{
  if (client->closed)
    return;

  /* Only a coalesced event can carry a time before one already sent; move
   * it up rather than break the "t never decreases" promise (§3.2). */
  if (msg->kind != FP_MESSAGE_ERROR)
    {
      msg->t = MAX (msg->t, client->last_t);
      client->last_t = msg->t;
      if (msg->kind == FP_MESSAGE_PIN)
        msg->state.t = msg->t;
    }
  fp_message_append_line (msg, client->queue);
  client_start_write (client);
}

static void
send_pin (PeerClient       *client,
          guint             ctrl,
          guint             pin,
          const FpPinState *state,
          gint64            t)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_PIN);

  msg->ctrl = g_strdup (peer_ctrl_id (client->peer, ctrl));
  msg->pin = pin;
  msg->state = *state;
  msg->t = t;
  client_send (client, msg);
}

static void
send_error (PeerClient      *client,
            FpProtocolError  code,
            const char      *message,
            gint64           id)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_ERROR);

  msg->code = code;
  msg->message = g_strdup (message);
  if (id >= 0)
    {
      msg->has_id = TRUE;
      msg->id = (guint64) id;
    }
  peer_trace (client->peer, "error %s: %s", fp_protocol_error_to_string (code), message);
  client_send (client, msg);
}

static void
send_gerror (PeerClient   *client,
             const GError *error,
             gint64        id)
{
  /* The library only reports its own domain; anything else is a bug in it,
   * but the client still deserves an answer. */
  FpProtocolError code = error->domain == FP_PROTOCOL_ERROR ?
                         (FpProtocolError) error->code : FP_PROTOCOL_ERROR_SYNTAX;

  send_error (client, code, error->message, id);
}

static void
send_synced (PeerClient *client,
             gboolean    has_id,
             guint64     id,
             gint64      t)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_SYNCED);

  msg->has_id = has_id;
  msg->id = id;
  msg->t = t;
  client_send (client, msg);
}

/*
 * Ends coalescing for one pin: a `dropped` when edges were lost, then (with
 * @send_state) the pin's current state when the client's view is stale.
 * Callers that send the state themselves pass FALSE.
 */
static void
client_flush_backlog (PeerClient *client,
                      guint       ctrl,
                      guint       pin,
                      gboolean    send_state)
{
  Peer *peer = client->peer;
  PinBacklog *b = &client->backlog[peer_board_pin_index (peer->board, ctrl, pin)];
  const FpPinState *state = peer_board_get_pin (peer->board, ctrl, pin);
  guint64 dropped;

  if (!b->coalescing)
    return;
  b->coalescing = FALSE;
  client->n_coalescing--;

  /* The state sent next shows one edge itself, when its level differs. */
  dropped = b->edges - (b->seen.level != state->level);
  if (dropped > 0)
    {
      g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_DROPPED);

      msg->ctrl = g_strdup (peer_ctrl_id (peer, ctrl));
      msg->pin = pin;
      msg->edges = dropped;
      msg->t = state->t;      /* PROTOCOL.md §3.3: the t of the state that follows */
      peer_trace (peer, "dropped %" G_GUINT64_FORMAT " edges of %s %u",
                  dropped, peer_ctrl_id (peer, ctrl), pin);
      client_send (client, msg);
    }
  if (send_state && (b->edges > 0 || !fp_pin_state_equal (&b->seen, state)))
    send_pin (client, ctrl, pin, state, state->t);
  b->edges = 0;
}

static void
client_flush_all_backlogs (PeerClient *client)
{
  GPtrArray *controllers = peer_board_get_controllers (client->peer->board);

  for (guint c = 0; c < controllers->len && client->n_coalescing > 0; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (controllers, c);

      for (guint p = 0; p < info->n_pins; p++)
        client_flush_backlog (client, c, p, TRUE);
    }
}

/* Every pin, in controller then pin order, stamped with the dump's time. */
static void
client_send_dump (PeerClient *client,
                  gboolean    has_id,
                  guint64     id,
                  gint64      now)
{
  PeerBoard *board = client->peer->board;
  GPtrArray *controllers = peer_board_get_controllers (board);

  for (guint c = 0; c < controllers->len; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (controllers, c);

      for (guint p = 0; p < info->n_pins; p++)
        {
          client_flush_backlog (client, c, p, FALSE);
          send_pin (client, c, p, peer_board_get_pin (board, c, p), now);
        }
    }
  send_synced (client, has_id, id, now);
}

static void
client_send_hello (PeerClient *client,
                   gint64      now)
{
  PeerBoard *board = client->peer->board;
  GPtrArray *controllers = peer_board_get_controllers (board);
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_HELLO);

  msg->version = FP_PROTOCOL_VERSION;
  msg->qemu = g_strdup (peer_board_get_qemu (board));
  msg->machine = g_strdup (peer_board_get_machine (board));
  /* Copies: the message owns its array and frees it with itself. */
  if (msg->controllers == NULL)
    msg->controllers = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_controller_info_free);
  for (guint c = 0; c < controllers->len; c++)
    g_ptr_array_add (msg->controllers, fp_controller_info_copy (g_ptr_array_index (controllers, c)));
  msg->t = now;
  client_send (client, msg);
}

/*
 * Changes the guest makes are coalesced when the client is not draining its
 * socket; changes the panel caused never are (the pong barrier of §4 covers
 * them).
 */
void
peer_client_pin_changed (PeerClient       *client,
                         guint             ctrl,
                         guint             pin,
                         const FpPinState *old_state,
                         const FpPinState *state,
                         PeerCause         cause)
{
  Peer *peer = client->peer;
  PinBacklog *b = &client->backlog[peer_board_pin_index (peer->board, ctrl, pin)];

  if (cause == PEER_CAUSE_GUEST && (b->coalescing || client_queued (client) > QUEUE_CAP))
    {
      if (!b->coalescing)
        {
          peer_trace (peer, "client not draining: coalescing %s %u", peer_ctrl_id (peer, ctrl), pin);
          b->coalescing = TRUE;
          b->seen = *old_state;
          client->n_coalescing++;
        }
      if (old_state->level != state->level)
        b->edges++;
      return;
    }

  client_flush_backlog (client, ctrl, pin, FALSE);
  send_pin (client, ctrl, pin, state, state->t);
}

void
peer_client_send_reset (PeerClient *client,
                        gint64      now)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_RESET);

  msg->t = now;
  client_send (client, msg);
  client_send_dump (client, FALSE, 0, now);
}

/* ------------------------------------------------------------------------ */
/* The client connection                                                    */
/* ------------------------------------------------------------------------ */

static PeerClient *
client_ref (PeerClient *client)
{
  client->ref_count++;
  return client;
}

static void
client_unref (PeerClient *client)
{
  if (--client->ref_count > 0)
    return;

  /* Nothing is in flight any more, so closing cannot fail with "pending". */
  g_io_stream_close (G_IO_STREAM (client->conn), NULL, NULL);
  g_object_unref (client->conn);
  g_object_unref (client->cancellable);
  fp_framer_free (client->framer);
  g_free (client->read_buf);
  g_string_free (client->queue, TRUE);
  g_string_free (client->inflight, TRUE);
  g_free (client->backlog);
  g_free (client);
}

PeerClient *
peer_client_new (Peer              *peer,
                 GSocketConnection *conn)
{
  GSocket *socket = g_socket_connection_get_socket (conn);
  PeerClient *client = g_new0 (PeerClient, 1);

  client->ref_count = 1;
  client->peer = peer;
  client->conn = g_object_ref (conn);
  client->cancellable = g_cancellable_new ();
  client->framer = fp_framer_new (FP_MAX_LINE);
  client->read_buf = g_malloc (READ_SIZE);
  client->queue = g_string_new (NULL);
  client->inflight = g_string_new (NULL);
  client->backlog = g_new0 (PinBacklog, MAX (peer_board_get_n_pins (peer->board), 1));

  /* Pings measure round trips; do not let Nagle hold replies back. */
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  return client;
}

void
peer_client_start (PeerClient *client,
                   gint64      now)
{
  client_send_hello (client, now);
  client_send_dump (client, FALSE, 0, now);
  /* Nothing has been written yet: all that is queued is the greeting. */
  client->greeting_end = client_queued (client);
  client_start_read (client);
}

gboolean
peer_client_is_greeted (PeerClient *client)
{
  return client->greeted;
}

/*
 * Drops the connection at once (also what `kick` does). The socket is shut
 * down rather than closed: operations still in flight refer to it, and it is
 * closed when the last of them lets go of the client.
 */
void
peer_client_close (PeerClient *client)
{
  Peer *peer = client->peer;

  if (client->closed)
    return;
  client->closed = TRUE;
  peer_trace (peer, "client disconnected");
  g_cancellable_cancel (client->cancellable);
  g_socket_shutdown (g_socket_connection_get_socket (client->conn), TRUE, TRUE, NULL);

  peer_client_closed (peer, client);
  client_unref (client);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PeerClient *client = user_data;
  g_autoptr(GError) error = NULL;

  client->peer->busy--;
  client->writing = FALSE;
  client->written += client->inflight->len;
  g_string_truncate (client->inflight, 0);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      if (!client->closed)
        {
          peer_trace (client->peer, "write failed: %s", error->message);
          peer_client_close (client);
        }
    }
  else if (!client->closed)
    {
      /* Draining again: the coalesced pins can catch up (§3.3). Half the
       * cap rather than empty, so that a steady trickle of other events
       * cannot postpone the catch-up forever. */
      if (client->n_coalescing > 0 && client_queued (client) <= QUEUE_CAP / 2)
        client_flush_all_backlogs (client);
      client_start_write (client);
      client_start_read (client);  /* in case back-pressure paused it */

      if (!client->greeted && client->written >= client->greeting_end)
        {
          client->greeted = TRUE;
          peer_client_greeted (client->peer, client);
        }
    }
  client_unref (client);
}

static void
client_start_write (PeerClient *client)
{
  GString *swap;

  if (client->closed || client->writing || client->queue->len == 0)
    return;

  swap = client->inflight;
  client->inflight = client->queue;
  client->queue = swap;
  client->writing = TRUE;
  client->peer->busy++;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (client->conn)),
                                   client->inflight->str, client->inflight->len,
                                   G_PRIORITY_DEFAULT, client->cancellable,
                                   on_written, client_ref (client));
}

static void
handle_command (PeerClient *client,
                FpMessage  *msg,
                int         ctrl,
                gint64      now)
{
  Peer *peer = client->peer;

  switch (msg->kind)
    {
    case FP_MESSAGE_CLIENT_HELLO:
      if (msg->version != FP_PROTOCOL_VERSION)
        {
          g_autofree char *text =
            g_strdup_printf ("the client speaks protocol version %u, this server speaks version %d",
                             msg->version, FP_PROTOCOL_VERSION);

          send_error (client, FP_PROTOCOL_ERROR_VERSION, text, msg->has_id ? (gint64) msg->id : -1);
        }
      else
        peer_trace (peer, "client is \"%s\"", msg->client != NULL ? msg->client : "(unnamed)");
      break;

    case FP_MESSAGE_SET:
      peer_board_panel_drive (peer->board, ctrl, msg->pin, msg->level, now);
      break;

    case FP_MESSAGE_RELEASE:
      peer_board_panel_drive (peer->board, ctrl, msg->pin, FP_LEVEL_Z, now);
      break;

    case FP_MESSAGE_SYNC:
      client_send_dump (client, msg->has_id, msg->id, now);
      break;

    case FP_MESSAGE_PING:
      {
        g_autoptr(FpMessage) pong = fp_message_new (FP_MESSAGE_PONG);

        /* Coalesced pins catch up before the pong, so that it is a barrier
         * for the guest's changes too: a test that floods and then pings
         * sees the `dropped` and the final state before the pong. This
         * costs at most two lines per pin, so coalescing still bounds the
         * queue. */
        client_flush_all_backlogs (client);

        pong->has_id = msg->has_id;
        pong->id = msg->id;
        pong->t = now;
        client_send (client, pong);
      }
      break;

    case FP_MESSAGE_HELLO:
    case FP_MESSAGE_PIN:
    case FP_MESSAGE_DROPPED:
    case FP_MESSAGE_RESET:
    case FP_MESSAGE_PONG:
    case FP_MESSAGE_SYNCED:
    case FP_MESSAGE_ERROR:
    default:
      /* Decoding with FP_TO_QEMU yields commands only. */
      g_warn_if_reached ();
      break;
    }
}

/* One line from the client; lines are handled strictly in order (§4). */
static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  PeerClient *client = user_data;
  Peer *peer = client->peer;
  g_autoptr(FpMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  gint64 error_id = -1;
  gint64 now;
  int ctrl;

  if (client->closed)
    return;
  now = peer_advance (peer);

  if (line == NULL)
    {
      g_autofree char *text =
        g_strdup_printf ("line longer than %d bytes (%" G_GSIZE_FORMAT " bytes discarded)",
                         FP_MAX_LINE, len);

      send_error (client, FP_PROTOCOL_ERROR_TOO_LONG, text, -1);
      return;
    }

  peer_trace (peer, "<- %s", line);
  msg = fp_message_decode (line, len, FP_TO_QEMU, &error_id, &error);
  if (msg == NULL)
    {
      send_gerror (client, error, error_id);
      return;
    }

  ctrl = fp_message_check_target (msg, peer_board_get_controllers (peer->board), &error);
  if (ctrl == -2)
    {
      send_gerror (client, error, msg->has_id ? (gint64) msg->id : -1);
      return;
    }

  handle_command (client, msg, ctrl, now);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PeerClient *client = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  client->peer->busy--;
  client->reading = FALSE;
  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (client->closed)
    ;  /* cancelled by peer_client_close(), or raced with it */
  else if (n < 0)
    {
      peer_trace (client->peer, "read failed: %s", error->message);
      peer_client_close (client);
    }
  else if (n == 0)
    peer_client_close (client);
  else
    {
      fp_framer_feed (client->framer, client->read_buf, (gsize) n, on_line, client);
      client_start_read (client);
    }
  client_unref (client);
}

static void
client_start_read (PeerClient *client)
{
  /* Over the cap, stop taking commands until the client reads its replies,
   * as QEMU's chardev does when its front end cannot take more. */
  if (client->closed || client->reading || client_queued (client) > QUEUE_CAP)
    return;

  client->reading = TRUE;
  client->peer->busy++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (client->conn)),
                             client->read_buf, READ_SIZE, G_PRIORITY_DEFAULT,
                             client->cancellable, on_read, client_ref (client));
}

