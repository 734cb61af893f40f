/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-test-peer: stands in for the patched QEMU (the server side of
 * protocol/PROTOCOL.md) until the real one exists, and keeps serving the test
 * suite afterwards because it is scriptable and deterministic.
 *
 *   fp-test-peer --listen unix:PATH|tcp:HOST:PORT --board FILE [--control-fd N] [-v]
 *
 * It listens like `-chardev socket,server=on,wait=off`, prints one line
 * "listening ADDR" (with the real port when PORT was 0) once it does, and
 * models the board described by FILE (tests/peer/boards/): its controllers,
 * its pins and a "guest" that mirrors inputs to outputs and blinks LEDs.
 *
 * A test drives the guest through a control channel (stdin, or --control-fd):
 * one command per line, each answered on stdout with "ok" or "error: ..."
 * once everything it caused is queued for the client; `--help` lists them.
 * The end of the control input quits, as do SIGTERM and SIGINT.
 *
 * Like a QEMU chardev, it has one front end: while a client is connected it
 * does not accept, so a second client's connection waits in the kernel's
 * listen backlog and gets its hello when the first one goes away.
 *
 * Virtual time is nanoseconds since start-up (monotonic clock). Blink toggles
 * are stamped with their scheduled time, not the timer's wakeup, so periods
 * measured from `t` are exact.
 *
 * Parts: this file (listening, virtual time, control channel, main),
 * peer-client.c (the connection: framing, commands, events, back-pressure),
 * peer-board.c (board file and pin model).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixsocketaddress.h>
#include <glib-unix.h>

#include "peer.h"

/* Cancelled operations normally finish at once; do not hang on exit if one
 * does not. */
#define SHUTDOWN_GRACE_MS 2000

/* `wait-client` gives up after this, so that a broken test fails with a
 * message instead of hanging until the harness kills it. */
#define WAIT_CLIENT_TIMEOUT_S 20

/* `history` keeps this many level changes per pin: enough for any test,
 * bounded for a blinking board left running for hours. */
#define HISTORY_MAX 1024

#define FLOOD_MAX G_GUINT64_CONSTANT (1000000000)

typedef struct {
  int level;
  gint64 t;
} HistoryEntry;

static void peer_accept (Peer *peer);
static void control_read (Peer *peer);
static void control_reply (const char *format, ...) G_GNUC_PRINTF (1, 2);

void
peer_trace (Peer       *peer,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  if (!peer->verbose)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("fp-test-peer: %s\n", text);
}

/* Answers on stdout, flushed at once: tests block on these lines. */
static void
control_reply (const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

const char *
peer_ctrl_id (Peer  *peer,
              guint  ctrl)
{
  const FpControllerInfo *info = g_ptr_array_index (peer_board_get_controllers (peer->board), ctrl);

  return info->id;
}

/* ------------------------------------------------------------------------ */
/* Virtual time                                                             */
/* ------------------------------------------------------------------------ */

static gint64
peer_virtual_time (Peer *peer)
{
  return (g_get_monotonic_time () - peer->start_us) * 1000;
}

/*
 * The current virtual time, after performing every blink toggle due by then.
 * Everything that stamps an event calls this first: a toggle stamped with its
 * scheduled time must not reach the wire after an event stamped later, which
 * could happen if only the (late) timer performed it.
 */
gint64
peer_advance (Peer *peer)
{
  gint64 now = peer_virtual_time (peer);

  peer_board_run_blinks (peer->board, now);
  return now;
}

static gboolean on_blink_timeout (gpointer user_data);

static void
peer_schedule_blink (Peer *peer)
{
  gint64 next = peer_board_next_blink (peer->board);
  gint64 now = peer_virtual_time (peer);
  gint64 delay_ms;

  if (next < 0)
    return;
  /* Round up: waking early would only mean waking again. */
  delay_ms = next <= now ? 0 : (next - now + 999999) / 1000000;
  peer->blink_source = g_timeout_add ((guint) MIN (delay_ms, G_MAXUINT), on_blink_timeout, peer);
}

static gboolean
on_blink_timeout (gpointer user_data)
{
  Peer *peer = user_data;

  peer->blink_source = 0;
  peer_advance (peer);
  peer_schedule_blink (peer);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* The board and the client                                                 */
/* ------------------------------------------------------------------------ */

static void
history_record (Peer   *peer,
                guint   index,
                int     level,
                gint64  t)
{
  GArray *history = peer->history[index];
  HistoryEntry entry = { level, t };

  g_array_append_val (history, entry);
  /* Trimmed in batches, so that a flood costs O(1) per edge. */
  if (history->len >= 2 * HISTORY_MAX)
    g_array_remove_range (history, 0, history->len - HISTORY_MAX);
}

/* The board's listener: every change of a pin's effective state. */
static void
on_pin_changed (guint             ctrl,
                guint             pin,
                const FpPinState *old_state,
                const FpPinState *state,
                PeerCause         cause,
                gpointer          user_data)
{
  Peer *peer = user_data;

  if (old_state->level != state->level)
    history_record (peer, peer_board_pin_index (peer->board, ctrl, pin), state->level, state->t);

  /* Without a client, the next one learns the state from its hello's dump. */
  if (peer->client != NULL)
    peer_client_pin_changed (peer->client, ctrl, pin, old_state, state, cause);
}

void
peer_client_closed (Peer       *peer,
                    PeerClient *client)
{
  if (peer->client != client)
    return;
  peer->client = NULL;
  /* Only now take the next connection: one front end, like a chardev. */
  if (!peer->quitting)
    peer_accept (peer);
}

/* Ends a pending `wait-client` (see control_command()). */
void
peer_client_greeted (Peer       *peer,
                     PeerClient *client)
{
  if (peer->wait_client_source == 0 || client != peer->client)
    return;
  g_clear_handle_id (&peer->wait_client_source, g_source_remove);
  control_reply ("ok");
  if (!peer->quitting)
    control_read (peer);
}

/* ------------------------------------------------------------------------ */
/* Listening                                                                */
/* ------------------------------------------------------------------------ */

static void
on_accepted (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Peer *peer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = NULL;

  peer->busy--;
  conn = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);
  if (conn == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("fp-test-peer: accepting a connection failed: %s\n", error->message);
          peer_accept (peer);
        }
      return;
    }
  if (peer->quitting)
    return;  /* accepted just before the shutdown cancelled it */

  peer_trace (peer, "client connected");
  peer->client = peer_client_new (peer, conn);
  peer_client_start (peer->client, peer_advance (peer));
}

static void
peer_accept (Peer *peer)
{
  peer->busy++;
  g_socket_listener_accept_async (peer->listener, peer->accept_cancellable, on_accepted, peer);
}

/* "tcp:HOST:PORT", HOST possibly an [IPv6] literal or a name. */
static gboolean
listen_tcp (Peer        *peer,
            const char  *spec,
            char       **actual,
            GError     **error)
{
  const char *colon = strrchr (spec, ':');
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *host_string = NULL;
  guint64 port;

  if (colon == NULL || colon == spec ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "\"tcp:%s\" is not tcp:HOST:PORT with PORT 0-65535", spec);
      return FALSE;
    }
  host = g_strndup (spec, colon - spec);
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }

  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      GList *addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);

      if (addresses == NULL)
        return FALSE;
      inet = g_object_ref (addresses->data);
      g_resolver_free_addresses (addresses);
    }

  address = g_inet_socket_address_new (inet, (guint16) port);
  if (!g_socket_listener_add_address (peer->listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    return FALSE;

  host_string = g_inet_address_to_string (inet);
  *actual = g_strdup_printf (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ?
                             "tcp:[%s]:%u" : "tcp:%s:%u", host_string,
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return TRUE;
}

static gboolean
listen_unix (Peer        *peer,
             const char  *path,
             char       **actual,
             GError     **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  struct stat st;

  if (path[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "\"unix:\" needs a path");
      return FALSE;
    }

  /* A socket file left by a killed run would make bind() fail; QEMU removes
   * it too. Anything that is not a socket is left alone. */
  if (lstat (path, &st) == 0)
    {
      if (!S_ISSOCK (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       "%s exists and is not a socket", path);
          return FALSE;
        }
      unlink (path);
    }

  address = g_unix_socket_address_new (path);
  if (!g_socket_listener_add_address (peer->listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, error))
    return FALSE;

  peer->unix_path = g_strdup (path);
  *actual = g_strdup_printf ("unix:%s", path);
  return TRUE;
}

static gboolean
peer_listen (Peer        *peer,
             const char  *spec,
             char       **actual,
             GError     **error)
{
  if (g_str_has_prefix (spec, "unix:"))
    return listen_unix (peer, spec + strlen ("unix:"), actual, error);
  if (g_str_has_prefix (spec, "tcp:"))
    return listen_tcp (peer, spec + strlen ("tcp:"), actual, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "\"%s\" is neither unix:PATH nor tcp:HOST:PORT", spec);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Control channel                                                          */
/* ------------------------------------------------------------------------ */

static void
peer_quit (Peer *peer)
{
  peer->quitting = TRUE;
  g_main_loop_quit (peer->loop);
}

/* Parses "CTRL PIN" arguments of a control command. */
static gboolean
parse_pin_args (Peer        *peer,
                char       **args,
                guint       *ctrl,
                guint       *pin,
                GError     **error)
{
  int index = peer_board_find_controller (peer->board, args[0]);
  const FpControllerInfo *info;
  guint64 number;

  if (index < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown controller '%s'", args[0]);
      return FALSE;
    }
  info = g_ptr_array_index (peer_board_get_controllers (peer->board), index);
  if (!g_ascii_string_to_unsigned (args[1], 10, 0, info->n_pins - 1, &number, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "controller '%s' has pins 0-%u, not '%s'", info->id, info->n_pins - 1, args[1]);
      return FALSE;
    }
  *ctrl = (guint) index;
  *pin = (guint) number;
  return TRUE;
}

static gboolean
require_output (Peer     *peer,
                guint     ctrl,
                guint     pin,
                GError  **error)
{
  if (peer_board_pin_is_output (peer->board, ctrl, pin))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "%s %u is not an output", peer_ctrl_id (peer, ctrl), pin);
  return FALSE;
}

/* Reset in the model is silent; the client learns the new state from the
 * dump that §3.4 prescribes, and `history` from the comparison here. */
static void
control_reset (Peer   *peer,
               gint64  now)
{
  GPtrArray *controllers = peer_board_get_controllers (peer->board);
  g_autofree int *before = g_new (int, MAX (peer_board_get_n_pins (peer->board), 1));

  for (guint c = 0; c < controllers->len; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (controllers, c);

      for (guint p = 0; p < info->n_pins; p++)
        before[peer_board_pin_index (peer->board, c, p)] = peer_board_get_pin (peer->board, c, p)->level;
    }

  peer_board_reset (peer->board, now);

  for (guint c = 0; c < controllers->len; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (controllers, c);

      for (guint p = 0; p < info->n_pins; p++)
        {
          guint index = peer_board_pin_index (peer->board, c, p);
          int level = peer_board_get_pin (peer->board, c, p)->level;

          if (level != before[index])
            history_record (peer, index, level, now);
        }
    }

  if (peer->client != NULL)
    peer_client_send_reset (peer->client, now);
}

/* "LEVEL@T ..." of the pin's level changes since the last `history` of it. */
static void
control_history (Peer    *peer,
                 guint    ctrl,
                 guint    pin,
                 GString *answer)
{
  GArray *history = peer->history[peer_board_pin_index (peer->board, ctrl, pin)];
  guint first = history->len > HISTORY_MAX ? history->len - HISTORY_MAX : 0;

  for (guint i = first; i < history->len; i++)
    {
      const HistoryEntry *e = &g_array_index (history, HistoryEntry, i);

      if (answer->len > 0)
        g_string_append_c (answer, ' ');
      if (e->level == FP_LEVEL_Z)
        g_string_append_c (answer, 'z');
      else
        g_string_append_printf (answer, "%d", e->level);
      g_string_append_printf (answer, "@%" G_GINT64_FORMAT, e->t);
    }
  g_array_set_size (history, 0);
}

static gboolean
on_wait_client_timeout (gpointer user_data)
{
  Peer *peer = user_data;

  peer->wait_client_source = 0;
  control_reply ("error: no client connected within %d s", WAIT_CLIENT_TIMEOUT_S);
  control_read (peer);
  return G_SOURCE_REMOVE;
}

static gboolean
control_flood (Peer        *peer,
               guint        ctrl,
               guint        pin,
               const char  *count_arg,
               gint64       now,
               GError     **error)
{
  guint64 count;

  if (!require_output (peer, ctrl, pin, error))
    return FALSE;
  if (!g_ascii_string_to_unsigned (count_arg, 10, 1, FLOOD_MAX, &count, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "N must be 1-%" G_GUINT64_FORMAT ", not '%s'", FLOOD_MAX, count_arg);
      return FALSE;
    }

  /* All at once, without returning to the main loop: the socket cannot
   * drain meanwhile, which is the point (§3.3). Each toggle still gets its
   * own time. */
  peer_board_guest_toggle (peer->board, ctrl, pin, now);
  for (guint64 n = 1; n < count; n++)
    peer_board_guest_toggle (peer->board, ctrl, pin, peer_advance (peer));
  return TRUE;
}

/*
 * Runs one control command. On success, what goes after "ok" is in @answer;
 * `wait-client` may instead leave the answer for later (wait_client_source
 * set), and no further command is read until it comes.
 */
static gboolean
control_command (Peer     *peer,
                 char    **argv,
                 GString  *answer,
                 GError  **error)
{
  static const struct { const char *name; guint n_args; const char *usage; } commands[] = {
    { "reset", 0, "reset" },
    { "kick", 0, "kick" },
    { "wait-client", 0, "wait-client" },
    { "quit", 0, "quit" },
    { "toggle", 2, "toggle CTRL PIN" },
    { "input", 2, "input CTRL PIN" },
    { "history", 2, "history CTRL PIN" },
    { "output", 3, "output CTRL PIN 0|1" },
    { "pull", 3, "pull CTRL PIN up|down|none" },
    { "flood", 3, "flood CTRL PIN N" },
  };
  const char *name = argv[0];
  guint n_args = g_strv_length (argv) - 1;
  guint ctrl = 0, pin = 0;
  gsize i;
  gint64 now;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        break;
    }
  if (i == G_N_ELEMENTS (commands))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown command '%s' (see fp-test-peer --help)", name);
      return FALSE;
    }
  if (n_args != commands[i].n_args)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "usage: %s", commands[i].usage);
      return FALSE;
    }
  if (n_args >= 2 && !parse_pin_args (peer, argv + 1, &ctrl, &pin, error))
    return FALSE;

  now = peer_advance (peer);

  if (g_str_equal (name, "quit"))
    peer_quit (peer);
  else if (g_str_equal (name, "kick"))
    {
      if (peer->client == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no client is connected");
          return FALSE;
        }
      peer_client_close (peer->client);
    }
  else if (g_str_equal (name, "wait-client"))
    {
      /* "Greeted": the hello and state dump have left our queue, so a test
       * can count on the client having them before anything it does next. */
      if (peer->client == NULL || !peer_client_is_greeted (peer->client))
        peer->wait_client_source = g_timeout_add_seconds (WAIT_CLIENT_TIMEOUT_S,
                                                          on_wait_client_timeout, peer);
    }
  else if (g_str_equal (name, "reset"))
    control_reset (peer, now);
  else if (g_str_equal (name, "history"))
    control_history (peer, ctrl, pin, answer);
  else if (g_str_equal (name, "toggle"))
    {
      if (!require_output (peer, ctrl, pin, error))
        return FALSE;
      peer_board_guest_toggle (peer->board, ctrl, pin, now);
    }
  else if (g_str_equal (name, "input"))
    peer_board_guest_input (peer->board, ctrl, pin, now);
  else if (g_str_equal (name, "output"))
    {
      if (!g_str_equal (argv[3], "0") && !g_str_equal (argv[3], "1"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "level must be 0 or 1, not '%s'", argv[3]);
          return FALSE;
        }
      peer_board_guest_output (peer->board, ctrl, pin, argv[3][0] - '0', now);
    }
  else if (g_str_equal (name, "pull"))
    {
      FpPull pull;

      if (g_str_equal (argv[3], "up"))
        pull = FP_PULL_UP;
      else if (g_str_equal (argv[3], "down"))
        pull = FP_PULL_DOWN;
      else if (g_str_equal (argv[3], "none"))
        pull = FP_PULL_NONE;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "pull must be up, down or none, not '%s'", argv[3]);
          return FALSE;
        }
      peer_board_guest_pull (peer->board, ctrl, pin, pull, now);
    }
  else if (g_str_equal (name, "flood"))
    return control_flood (peer, ctrl, pin, argv[3], now, error);
  else
    g_assert_not_reached ();

  return TRUE;
}

static void
on_control_line (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Peer *peer = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);

  peer->busy--;
  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (line == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (error != NULL)
        g_printerr ("fp-test-peer: reading the control channel failed: %s\n", error->message);
      /* EOF: whoever was driving us is gone. */
      peer_quit (peer);
      return;
    }

  g_strstrip (line);
  if (line[0] != '\0' && line[0] != '#')
    {
      peer_trace (peer, "control: %s", line);
      argv = g_strsplit_set (line, " \t", -1);
      /* Collapse runs of blanks, which g_strsplit_set() turns into "". */
      {
        guint j = 0;

        for (guint k = 0; argv[k] != NULL; k++)
          {
            if (argv[k][0] != '\0')
              argv[j++] = argv[k];
            else
              g_free (argv[k]);
          }
        argv[j] = NULL;
      }

      if (!control_command (peer, argv, answer, &error))
        control_reply ("error: %s", error->message);
      else if (peer->wait_client_source != 0)
        return;  /* answered, and reading resumed, by peer_client_greeted() */
      else if (answer->len > 0)
        control_reply ("ok %s", answer->str);
      else
        control_reply ("ok");
    }

  if (!peer->quitting)
    control_read (peer);
}

static void
control_read (Peer *peer)
{
  peer->busy++;
  g_data_input_stream_read_line_async (peer->control, G_PRIORITY_DEFAULT,
                                       peer->control_cancellable, on_control_line, peer);
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

/* g_printerr() would transliterate json-glib's and GIO's UTF-8 quotes into
 * "?" in the C locale tests run in; the bytes are more useful as they are. */
static void
print_raw (const char *string)
{
  fputs (string, stderr);
}

static gboolean
on_signal (gpointer user_data)
{
  peer_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_grace_expired (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets every cancelled operation deliver its callback, so that all memory is
 * freed before exit (the sanitizer builds check for leaks). */
static void
peer_shutdown (Peer *peer)
{
  gboolean expired = FALSE;
  guint grace;

  peer->quitting = TRUE;
  if (peer->client != NULL)
    peer_client_close (peer->client);
  g_cancellable_cancel (peer->accept_cancellable);
  g_cancellable_cancel (peer->control_cancellable);
  g_clear_handle_id (&peer->blink_source, g_source_remove);
  g_clear_handle_id (&peer->wait_client_source, g_source_remove);
  g_clear_handle_id (&peer->sigterm_source, g_source_remove);
  g_clear_handle_id (&peer->sigint_source, g_source_remove);

  grace = g_timeout_add (SHUTDOWN_GRACE_MS, on_grace_expired, &expired);
  while (peer->busy > 0 && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_printerr ("fp-test-peer: %u operations did not finish on exit\n", peer->busy);
  else
    g_source_remove (grace);

  if (peer->listener != NULL)
    g_socket_listener_close (peer->listener);
  if (peer->unix_path != NULL)
    unlink (peer->unix_path);
}

static void
peer_free (Peer *peer)
{
  g_clear_object (&peer->listener);
  g_clear_object (&peer->accept_cancellable);
  g_clear_object (&peer->control);
  g_clear_object (&peer->control_cancellable);
  g_clear_pointer (&peer->loop, g_main_loop_unref);
  if (peer->history != NULL)
    {
      for (guint i = 0; i < peer_board_get_n_pins (peer->board); i++)
        g_array_unref (peer->history[i]);
      g_clear_pointer (&peer->history, g_free);
    }
  g_clear_pointer (&peer->board, peer_board_free);
  g_free (peer->unix_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *listen_spec = NULL;
  g_autofree char *board_file = NULL;
  g_autofree char *actual = NULL;
  int control_fd = -1;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_spec,
      "Where to listen: unix:PATH or tcp:HOST:PORT (PORT 0: any free port)", "ADDR" },
    { "board", 'b', 0, G_OPTION_ARG_FILENAME, &board_file,
      "The board to model (JSON, see tests/peer/boards/)", "FILE" },
    { "control-fd", 0, 0, G_OPTION_ARG_INT, &control_fd,
      "Read control commands from this file descriptor instead of stdin", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "Trace connections, commands and errors on stderr", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) control_stream = NULL;
  Peer peer = { 0, };

  /* Writes to a test that went away must fail, not kill us mid-cleanup. */
  signal (SIGPIPE, SIG_IGN);
  g_set_printerr_handler (print_raw);

  context = g_option_context_new ("- stand-in for QEMU's gpio-panel device");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Control commands (one per line; each is answered \"ok\" or \"error: ...\"):\n"
    "  reset                    guest reset: reset event, state dump, synced\n"
    "  kick                     drop the client connection\n"
    "  toggle CTRL PIN          the guest flips an output\n"
    "  output CTRL PIN 0|1      the guest makes the pin an output at that level\n"
    "  input CTRL PIN           the guest makes the pin an input\n"
    "  pull CTRL PIN up|down|none\n"
    "  flood CTRL PIN N         the guest toggles an output N times at once\n"
    "  history CTRL PIN         \"ok LEVEL@T ...\": the pin's level changes since the\n"
    "                           last history of it (at most the last 1024)\n"
    "  wait-client              answer once a client has been sent its state dump\n"
    "  quit                     exit (so does the end of the control input)\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("fp-test-peer: %s\nTry --help.\n", error->message);
      return 2;
    }
  if (argc > 1 || listen_spec == NULL || board_file == NULL)
    {
      g_printerr ("fp-test-peer: usage: fp-test-peer --listen ADDR --board FILE [--control-fd N]\n");
      return 2;
    }
  if (control_fd >= 0 && fcntl (control_fd, F_GETFD) < 0)
    {
      g_printerr ("fp-test-peer: --control-fd %d: %s\n", control_fd, g_strerror (errno));
      return 2;
    }

  peer.verbose = verbose;
  peer.board = peer_board_load (board_file, &error);
  if (peer.board == NULL)
    {
      g_printerr ("fp-test-peer: %s\n", error->message);
      return 2;
    }
  peer_board_set_listener (peer.board, on_pin_changed, &peer);
  peer.history = g_new0 (GArray *, MAX (peer_board_get_n_pins (peer.board), 1));
  for (guint i = 0; i < peer_board_get_n_pins (peer.board); i++)
    peer.history[i] = g_array_new (FALSE, FALSE, sizeof (HistoryEntry));

  peer.loop = g_main_loop_new (NULL, FALSE);
  peer.listener = g_socket_listener_new ();
  peer.accept_cancellable = g_cancellable_new ();
  peer.control_cancellable = g_cancellable_new ();
  if (!peer_listen (&peer, listen_spec, &actual, &error))
    {
      g_printerr ("fp-test-peer: cannot listen on %s: %s\n", listen_spec, error->message);
      peer_free (&peer);
      return 1;
    }

  /* Virtual time starts now, so the first hello of a run is stamped near 0. */
  peer.start_us = g_get_monotonic_time ();

  control_stream = g_unix_input_stream_new (control_fd >= 0 ? control_fd : STDIN_FILENO,
                                            control_fd >= 0);
  peer.control = g_data_input_stream_new (control_stream);
  g_data_input_stream_set_newline_type (peer.control, G_DATA_STREAM_NEWLINE_TYPE_LF);
  peer.sigterm_source = g_unix_signal_add (SIGTERM, on_signal, &peer);
  peer.sigint_source = g_unix_signal_add (SIGINT, on_signal, &peer);

  peer_accept (&peer);
  control_read (&peer);
  peer_schedule_blink (&peer);

  control_reply ("listening %s", actual);
  g_main_loop_run (peer.loop);

  peer_shutdown (&peer);
  peer_free (&peer);
  return 0;
}

