/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-client.c: FpClient against a live server: the protocol peer from
 * tests/peer for behaviour (drive, mirror, reset, reconnect, resync), and a
 * scripted in-process server for what a correct peer never sends (bad lines,
 * another protocol version).
 *
 * Waiting is always for a condition, with a deadline that fails the test.
 */
#include "config.h"

#include <signal.h>

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "fp-client-private.h"
#include "fp-peer-harness.h"



/* ---- recording what the client signals ---------------------------------- */

typedef struct {
  FpClient *client;
  GPtrArray *log;               /* one string per signal, in order */
  GArray *states;               /* FpClientState, every notify */
  guint64 last_pong;
} Recorder;

static void
record (Recorder *rec, char *entry)
{
  g_test_message ("signal: %s", entry);
  g_ptr_array_add (rec->log, entry);
}

static void
on_state (FpClient *client, GParamSpec *pspec, Recorder *rec)
{
  FpClientState state = fp_client_get_state (client);

  g_array_append_val (rec->states, state);
  g_test_message ("state %d: %s", state, fp_client_get_status (client));
}

static void
on_controllers (FpClient *client, Recorder *rec)
{
  record (rec, g_strdup ("controllers"));
}

static void
on_pin (FpClient *client, guint ctrl, guint pin, gboolean initial, Recorder *rec)
{
  const FpPinState *st = fp_client_get_pin (client, ctrl, pin);

  if (!initial)
    record (rec, g_strdup_printf ("pin %s %u level=%d drive=%s panel=%d",
                                  fp_client_get_controller (client, ctrl)->id, pin, st->level,
                                  fp_drive_to_string (st->drive), st->panel));
}

static void
on_reset (FpClient *client, gint64 t, Recorder *rec)
{
  record (rec, g_strdup ("reset"));
}

static void
on_synced (FpClient *client, gboolean has_id, guint64 id, Recorder *rec)
{
  record (rec, has_id ? g_strdup_printf ("synced %" G_GUINT64_FORMAT, id) : g_strdup ("synced"));
}

static void
on_pong (FpClient *client, guint64 id, gint64 t, Recorder *rec)
{
  rec->last_pong = id;
}

static void
on_server_error (FpClient *client, int code, const char *message, gboolean has_id, guint64 id, Recorder *rec)
{
  record (rec, g_strdup_printf ("error %s %" G_GUINT64_FORMAT, fp_protocol_error_to_string (code),
                                has_id ? id : 0));
}

static void
on_bad_line (FpClient *client, const char *message, Recorder *rec)
{
  record (rec, g_strdup_printf ("bad-line %s", message));
}

static Recorder *
recorder_new (const char *address, gboolean reconnect)
{
  Recorder *rec = g_new0 (Recorder, 1);
  g_autoptr(GError) error = NULL;

  rec->client = fp_client_new (address, &error);
  g_assert_no_error (error);
  fp_client_set_reconnect (rec->client, reconnect);
  rec->log = g_ptr_array_new_with_free_func (g_free);
  rec->states = g_array_new (FALSE, FALSE, sizeof (FpClientState));
  g_signal_connect (rec->client, "notify::state", G_CALLBACK (on_state), rec);
  g_signal_connect (rec->client, "controllers-changed", G_CALLBACK (on_controllers), rec);
  g_signal_connect (rec->client, "pin-changed", G_CALLBACK (on_pin), rec);
  g_signal_connect (rec->client, "guest-reset", G_CALLBACK (on_reset), rec);
  g_signal_connect (rec->client, "synced", G_CALLBACK (on_synced), rec);
  g_signal_connect (rec->client, "pong", G_CALLBACK (on_pong), rec);
  g_signal_connect (rec->client, "server-error", G_CALLBACK (on_server_error), rec);
  g_signal_connect (rec->client, "bad-line", G_CALLBACK (on_bad_line), rec);
  return rec;
}

static void
recorder_free (Recorder *rec)
{
  fp_client_close (rec->client);
  g_object_unref (rec->client);
  g_ptr_array_unref (rec->log);
  g_array_unref (rec->states);
  g_free (rec);
}

static gboolean
is_ready (gpointer data)
{
  return fp_client_get_state (((Recorder *) data)->client) == FP_CLIENT_STATE_READY;
}

static gboolean
is_failed (gpointer data)
{
  return fp_client_get_state (((Recorder *) data)->client) == FP_CLIENT_STATE_FAILED;
}

static gboolean
is_waiting (gpointer data)
{
  return fp_client_get_state (((Recorder *) data)->client) == FP_CLIENT_STATE_WAITING;
}

static gboolean
is_gone (gpointer data)
{
  return *(FpClient **) data == NULL;
}

/* Drops the last reference to a closed client and waits for its end: the
 * operations it had under way hold references, so this returns once each
 * has come back (cancelled) and let go. Checks that none of them changed
 * the state or signalled anything after the close. */
static void
recorder_drop_closed (Recorder *rec)
{
  FpClient *client = g_steal_pointer (&rec->client);
  guint n_states = rec->states->len, n_signals = rec->log->len;

  g_assert_cmpint (fp_client_get_state (client), ==, FP_CLIENT_STATE_IDLE);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  g_object_unref (client);
  fp_test_wait_until (is_gone, &client, "the closed client's end");
  g_assert_cmpuint (rec->states->len, ==, n_states);
  g_assert_cmpuint (rec->log->len, ==, n_signals);
  g_ptr_array_unref (rec->log);
  g_array_unref (rec->states);
  g_free (rec);
}

typedef struct {
  Recorder *rec;
  guint64 id;
} PongWait;

static gboolean
got_pong (gpointer data)
{
  PongWait *w = data;

  return w->rec->last_pong >= w->id;
}

/* Everything sent before returns is applied, and its events received (PROTOCOL.md §4). */
static void
barrier (Recorder *rec)
{
  PongWait w = { rec, fp_client_ping (rec->client) };

  g_assert_cmpuint (w.id, >, 0);
  fp_test_wait_until (got_pong, &w, "pong");
}

static guint
log_index (Recorder *rec, const char *entry)
{
  for (guint i = 0; i < rec->log->len; i++)
    if (g_str_equal (rec->log->pdata[i], entry))
      return i;
  g_error ("no '%s' among the %u signals recorded", entry, rec->log->len);
}

static guint
log_count (Recorder *rec, const char *entry)
{
  guint n = 0;

  for (guint i = 0; i < rec->log->len; i++)
    n += g_str_equal (rec->log->pdata[i], entry);
  return n;
}


/* ---- tests against the peer ----------------------------------------------- */

static void
test_cache (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  Recorder *rec = recorder_new (peer->address, FALSE);
  const FpPinState *led, *button;
  const FpControllerInfo *gpioa;

  fp_client_start (rec->client);
  fp_test_wait_until (is_ready, rec, "ready");
  g_assert_cmpstr (fp_client_get_machine (rec->client), ==, "test-board");
  g_assert_cmpstr (fp_client_get_qemu_version (rec->client), ==, "10.0.2-test");
  g_assert_cmpuint (fp_client_get_n_controllers (rec->client), ==, 3);
  gpioa = fp_client_get_controller (rec->client, 0);
  g_assert_cmpstr (gpioa->id, ==, "gpioa");
  g_assert_cmpuint (gpioa->n_pins, ==, 16);
  g_assert_cmpstr (fp_controller_info_pin_name (gpioa, 5), ==, "PA5");
  g_assert_null (fp_controller_info_pin_name (fp_client_get_controller (rec->client, 1), 5));
  g_assert_cmpint (fp_client_find_pin (rec->client, 2, "pc13"), ==, 13);
  g_assert_cmpint (fp_client_find_pin (rec->client, 2, "13"), ==, 13);
  g_assert_cmpint (fp_client_find_pin (rec->client, 2, "16"), ==, -1);

  led = fp_client_get_pin (rec->client, 0, 5);
  g_assert_cmpint (led->dir, ==, FP_DIR_OUT);
  g_assert_cmpint (led->drive, ==, FP_DRIVE_GUEST);
  g_assert_cmpint (led->level, ==, 0);
  button = fp_client_get_pin (rec->client, 2, 13);
  g_assert_cmpint (button->dir, ==, FP_DIR_IN);
  g_assert_cmpint (button->drive, ==, FP_DRIVE_NONE);
  g_assert_cmpint (button->pull, ==, FP_PULL_UP);
  g_assert_cmpint (button->level, ==, 1);
  g_assert_cmpint (button->panel, ==, FP_LEVEL_Z);
  g_assert_cmpint (fp_client_get_pin (rec->client, 1, 0)->level, ==, FP_LEVEL_Z);
  g_assert_null (fp_client_get_pin (rec->client, 0, 16));
  /* The hello came once, and the dump was not reported as changes. */
  g_assert_cmpuint (log_count (rec, "controllers"), ==, 1);
  g_assert_cmpuint (log_count (rec, "synced"), ==, 1);

  recorder_free (rec);
  fp_test_peer_stop (peer);
}

static void
test_drive (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  Recorder *rec = recorder_new (peer->address, FALSE);

  fp_client_start (rec->client);
  fp_test_wait_until (is_ready, rec, "ready");

  /* Press: the button pin shows the panel's drive, and the guest's mirror lights the LED. */
  g_assert_cmpuint (fp_client_drive (rec->client, "gpioc", 13, 0), >, 0);
  barrier (rec);
  g_assert_cmpuint (log_index (rec, "pin gpioc 13 level=0 drive=panel panel=0"), <,
                    log_index (rec, "pin gpioa 5 level=1 drive=guest panel=-1"));

  /* Release: the pull-up takes the pin back, the LED goes out. */
  fp_client_drive (rec->client, "gpioc", 13, FP_LEVEL_Z);
  barrier (rec);
  log_index (rec, "pin gpioc 13 level=1 drive=none panel=-1");
  log_index (rec, "pin gpioa 5 level=0 drive=guest panel=-1");

  /* Driving an unchanged level reports nothing. */
  g_ptr_array_set_size (rec->log, 0);
  fp_client_drive (rec->client, "gpioc", 13, 1);
  barrier (rec);
  fp_client_drive (rec->client, "gpioc", 13, 1);
  barrier (rec);
  g_assert_cmpuint (rec->log->len, ==, 1);

  /* An explicit sync is answered with its id and changes nothing. */
  {
    guint64 id = fp_client_sync (rec->client);
    g_autofree char *entry = g_strdup_printf ("synced %" G_GUINT64_FORMAT, id);

    barrier (rec);
    log_index (rec, entry);
    g_assert_cmpuint (rec->log->len, ==, 2);
  }

  recorder_free (rec);
  fp_test_peer_stop (peer);
}

static void
test_server_errors (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  Recorder *rec = recorder_new (peer->address, FALSE);
  guint64 id1, id2;
  g_autofree char *e1 = NULL, *e2 = NULL;

  fp_client_start (rec->client);
  fp_test_wait_until (is_ready, rec, "ready");
  id1 = fp_client_drive (rec->client, "gpioz", 0, 1);
  id2 = fp_client_drive (rec->client, "gpioa", 99, 1);
  barrier (rec);
  e1 = g_strdup_printf ("error unknown-controller %" G_GUINT64_FORMAT, id1);
  e2 = g_strdup_printf ("error unknown-pin %" G_GUINT64_FORMAT, id2);
  g_assert_cmpuint (log_index (rec, e1), <, log_index (rec, e2));
  /* Errors lose nothing: the connection is up and the state is untouched. */
  g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_READY);
  g_assert_cmpint (fp_client_get_pin (rec->client, 0, 5)->level, ==, 0);

  recorder_free (rec);
  fp_test_peer_stop (peer);
}

typedef struct {
  Recorder *rec;
  guint controllers;
} HelloWait;

static gboolean
hello_count_reached (gpointer data)
{
  HelloWait *w = data;

  return log_count (w->rec, "controllers") >= w->controllers && is_ready (w->rec);
}

static void
test_reconnect (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  Recorder *rec = recorder_new (peer->address, TRUE);
  HelloWait w = { rec, 2 };
  gboolean waited = FALSE;

  fp_client_start (rec->client);
  fp_test_wait_until (is_ready, rec, "ready");
  fp_client_drive (rec->client, "gpioc", 13, 0);
  barrier (rec);

  /* The server drops us; the client must come back on its own and rebuild its cache. */
  fp_test_peer_command (peer, "kick");
  fp_test_wait_until (hello_count_reached, &w, "a second hello");
  for (guint i = 0; i < rec->states->len; i++)
    waited |= g_array_index (rec->states, FpClientState, i) == FP_CLIENT_STATE_WAITING;
  g_assert_true (waited);
  /* The panel's drive survived on the server and shows in the new dump. */
  g_assert_cmpint (fp_client_get_pin (rec->client, 2, 13)->panel, ==, 0);
  g_assert_cmpint (fp_client_get_pin (rec->client, 0, 5)->level, ==, 1);

  /* A guest reset: the event, then a fresh dump ending in synced, drive re-applied. */
  g_ptr_array_set_size (rec->log, 0);
  fp_test_peer_command (peer, "reset");
  barrier (rec);
  g_assert_cmpuint (log_index (rec, "reset"), <, log_index (rec, "synced"));
  g_assert_cmpint (fp_client_get_pin (rec->client, 2, 13)->level, ==, 0);

  recorder_free (rec);
  fp_test_peer_stop (peer);
}

static void
test_lost_without_reconnect (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  Recorder *rec = recorder_new (peer->address, FALSE);

  fp_client_start (rec->client);
  fp_test_wait_until (is_ready, rec, "ready");
  fp_test_peer_stop (peer);
  fp_test_wait_until (is_failed, rec, "failure");
  g_assert_nonnull (strstr (fp_client_get_status (rec->client), "closed the connection"));
  g_assert_cmpuint (fp_client_ping (rec->client), ==, 0);
  recorder_free (rec);
}

/* ---- connection failures and backoff ------------------------------------ */

typedef struct {
  Recorder *rec;
  GPtrArray *delays;            /* "retrying in X s" values, as doubles */
} Backoff;

static void
on_backoff_state (FpClient *client, GParamSpec *pspec, Backoff *b)
{
  const char *status = fp_client_get_status (client);
  const char *in = strstr (status, "retrying in ");

  if (fp_client_get_state (client) == FP_CLIENT_STATE_WAITING && in)
    {
      double *d = g_new (double, 1);
      *d = g_ascii_strtod (in + strlen ("retrying in "), NULL);
      g_ptr_array_add (b->delays, d);
    }
}

static gboolean
three_retries (gpointer data)
{
  return ((Backoff *) data)->delays->len >= 3;
}

static void
test_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-client-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:%s/nobody.sock", dir);
  Recorder *once = recorder_new (address, FALSE);
  Recorder *retrying = recorder_new (address, TRUE);
  Backoff b = { retrying, g_ptr_array_new_with_free_func (g_free) };

  fp_client_start (once->client);
  fp_test_wait_until (is_failed, once, "failure");
  g_assert_nonnull (strstr (fp_client_get_status (once->client), "cannot connect"));
  g_assert_nonnull (strstr (fp_client_get_status (once->client), "nobody.sock"));

  g_signal_connect (retrying->client, "notify::state", G_CALLBACK (on_backoff_state), &b);
  fp_client_start (retrying->client);
  fp_test_wait_until (three_retries, &b, "three retries");
  /* 100 ms doubling, ±20 % jitter: each delay is strictly longer than the one before. */
  for (guint i = 0; i < 3; i++)
    {
      double d = *(double *) b.delays->pdata[i], nominal = 0.1 * (1 << i);
      g_assert_cmpfloat (d, >=, nominal * 0.8 - 0.05);
      g_assert_cmpfloat (d, <=, nominal * 1.2 + 0.05);
    }
  g_ptr_array_unref (b.delays);
  recorder_free (once);
  recorder_free (retrying);
  g_rmdir (dir);
}

/* 100 ms doubling up to the cap of 5 s, with ±20 % jitter, however long QEMU
 * stays away; each attempt is made at once rather than after its delay. */
static void
test_backoff_cap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-client-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:%s/nobody.sock", dir);
  Recorder *rec = recorder_new (address, TRUE);
  guint nominal = 100;

  fp_client_start (rec->client);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *seconds = NULL;
      guint delay;

      fp_test_wait_until (is_waiting, rec, "a scheduled retry");
      delay = _fp_client_get_retry_delay (rec->client);
      g_test_message ("attempt %u failed; nominal %u ms, scheduled %u ms", i + 1, nominal, delay);
      g_assert_cmpuint (delay, >=, nominal * 8 / 10);
      g_assert_cmpuint (delay, <=, nominal * 12 / 10);
      /* What the status line promises is what is scheduled. */
      seconds = g_strdup_printf ("retrying in %.1f s", delay / 1000.0);
      g_assert_nonnull (strstr (fp_client_get_status (rec->client), seconds));
      nominal = MIN (nominal * 2, 5000);
      g_assert_true (_fp_client_retry_now (rec->client));
      g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_CONNECTING);
      g_assert_cmpuint (_fp_client_get_retry_delay (rec->client), ==, 0);
    }
  fp_client_close (rec->client);
  /* A close leaves nothing scheduled. */
  g_assert_false (_fp_client_retry_now (rec->client));
  recorder_free (rec);
  g_rmdir (dir);
}

/* ---- a scripted server for what a good peer never sends ------------------ */

typedef struct {
  GSocketService *service;
  char *dir;
  char *address;
  const char *const *script;
  gboolean close_after_script;
  GSocketConnection *connection;
} Scripted;

static gboolean
scripted_incoming (GSocketService *service, GSocketConnection *connection, GObject *source, Scripted *s)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  for (guint i = 0; s->script[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      g_output_stream_write_all (out, s->script[i], strlen (s->script[i]), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  if (s->close_after_script)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  g_set_object (&s->connection, connection);
  return TRUE;
}

static Scripted *
scripted_start (const char *const *script)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) addr = NULL;
  g_autofree char *path = NULL;

  s->dir = g_dir_make_tmp ("fp-test-client-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (s->dir, "scripted.sock", NULL);
  s->address = g_strconcat ("unix:", path, NULL);
  s->script = script;
  s->service = g_socket_service_new ();
  addr = g_unix_socket_address_new (path);
  g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (s->service, "incoming", G_CALLBACK (scripted_incoming), s);
  g_socket_service_start (s->service);
  return s;
}

static void
scripted_stop (Scripted *s)
{
  g_autofree char *path = g_build_filename (s->dir, "scripted.sock", NULL);

  g_socket_service_stop (s->service);
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_clear_object (&s->connection);
  g_object_unref (s->service);
  g_unlink (path);
  g_rmdir (s->dir);
  g_free (s->dir);
  g_free (s->address);
  g_free (s);
}

#define HELLO_1 "{\"event\":\"hello\",\"version\":1,\"qemu\":\"q\",\"machine\":\"m\"," \
                "\"controllers\":[{\"id\":\"g\",\"type\":\"t\",\"path\":\"/g\",\"pins\":2}],\"t\":0}\n"

static gboolean
saw_pin_1 (gpointer data)
{
  Recorder *rec = data;

  return is_ready (rec) && fp_client_get_pin (rec->client, 0, 1)->level == 1;
}

static void
test_bad_server_lines (void)
{
  g_autofree char *huge = g_strnfill (70000, 'x');
  g_autofree char *huge_line = g_strconcat (huge, "\n", NULL);
  const char *script[] = {
    HELLO_1,
    "{\"event\":\"synced\",\"t\":1}\n",
    "{bogus\n",
    huge_line,
    "{\"event\":\"pin\",\"ctrl\":\"nope\",\"pin\":0,\"dir\":\"in\",\"drive\":\"none\",\"level\":null,\"panel\":null,\"t\":2}\n",
    "{\"event\":\"pin\",\"ctrl\":\"g\",\"pin\":7,\"dir\":\"in\",\"drive\":\"none\",\"level\":null,\"panel\":null,\"t\":2}\n",
    "{\"event\":\"teleport\",\"t\":2}\n",
    "{\"event\":\"pin\",\"ctrl\":\"g\",\"pin\":1,\"dir\":\"out\",\"drive\":\"guest\",\"level\":1,\"panel\":null,\"t\":3}\n",
    NULL
  };
  Scripted *s = scripted_start (script);
  Recorder *rec = recorder_new (s->address, FALSE);
  guint bad = 0;

  fp_client_start (rec->client);
  fp_test_wait_until (saw_pin_1, rec, "the good pin event after the bad lines");
  for (guint i = 0; i < rec->log->len; i++)
    bad += g_str_has_prefix (rec->log->pdata[i], "bad-line ");
  g_assert_cmpuint (bad, ==, 5);
  g_assert_nonnull (strstr (rec->log->pdata[log_index (rec, "synced") + 2], "70000 bytes"));
  g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_READY);

  recorder_free (rec);
  scripted_stop (s);
}

typedef struct {
  Recorder *rec;
  gboolean synced;
  guint changes_at_synced;
} SyncedWait;

static void
note_synced (FpClient *client, gboolean has_id, guint64 id, SyncedWait *w)
{
  w->synced = TRUE;
  w->changes_at_synced = w->rec->log->len;
}

static gboolean
saw_synced (gpointer data)
{
  return ((SyncedWait *) data)->synced;
}

static void
test_events_after_dump_and_close (void)
{
  /* One write: the dump's end, a change, and then the server is gone. */
  const char *script[] = {
    HELLO_1
    "{\"event\":\"synced\",\"t\":1}\n"
    "{\"event\":\"pin\",\"ctrl\":\"g\",\"pin\":1,\"dir\":\"out\",\"drive\":\"guest\",\"level\":1,\"panel\":null,\"t\":3}\n",
    NULL
  };
  Scripted *s = scripted_start (script);
  Recorder *rec = recorder_new (s->address, FALSE);
  SyncedWait w = { rec, FALSE, 0 };

  s->close_after_script = TRUE;
  g_signal_connect (rec->client, "synced", G_CALLBACK (note_synced), &w);
  fp_client_start (rec->client);
  fp_test_wait_until (saw_synced, &w, "synced");
  /* Whoever waited for the dump sees the change only after it got control back. */
  g_assert_cmpuint (w.changes_at_synced, ==, rec->log->len);
  g_assert_cmpuint (log_count (rec, "pin g 1 level=1 drive=guest panel=-1"), ==, 0);
  fp_test_wait_until (is_failed, rec, "the end of the connection");
  /* The client's hello hit a closed socket; what the server sent still arrived. */
  g_assert_cmpuint (log_count (rec, "pin g 1 level=1 drive=guest panel=-1"), ==, 1);
  g_assert_nonnull (strstr (fp_client_get_status (rec->client), "closed the connection"));
  recorder_free (rec);
  scripted_stop (s);
}

static void
test_version_mismatch (void)
{
  const char *script[] = {
    "{\"event\":\"hello\",\"version\":2,\"qemu\":\"q\",\"machine\":\"m\",\"controllers\":[],\"t\":0}\n",
    NULL
  };
  Scripted *s = scripted_start (script);
  Recorder *rec = recorder_new (s->address, TRUE);

  fp_client_start (rec->client);
  fp_test_wait_until (is_failed, rec, "failure");
  /* Incompatible is final even with reconnect on: retrying cannot help. */
  g_assert_nonnull (strstr (fp_client_get_status (rec->client), "incompatible"));
  g_assert_nonnull (strstr (fp_client_get_status (rec->client), "version 2"));
  recorder_free (rec);
  scripted_stop (s);
}

/* Closed while connecting to a server that would accept: nothing follows. */
static void
test_close_while_connecting (void)
{
  const char *silent[] = { NULL };
  Scripted *s = scripted_start (silent);
  Recorder *rec = recorder_new (s->address, TRUE);

  fp_client_start (rec->client);
  g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_CONNECTING);
  fp_client_close (rec->client);
  g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_IDLE);
  g_assert_false (_fp_client_retry_now (rec->client));
  recorder_drop_closed (rec);
  scripted_stop (s);
}

static gboolean
handshake_accepted (gpointer data)
{
  Scripted *s = ((gpointer *) data)[0];
  Recorder *rec = ((gpointer *) data)[1];

  return s->connection != NULL && fp_client_get_state (rec->client) == FP_CLIENT_STATE_HANDSHAKE;
}

/* Closed while waiting for QEMU's hello: the socket is closed at once (the
 * server reads the client's hello, then the end), and nothing follows. */
static void
test_close_during_handshake (void)
{
  const char *silent[] = { NULL };
  Scripted *s = scripted_start (silent);
  Recorder *rec = recorder_new (s->address, TRUE);
  gpointer both[] = { s, rec };
  g_autoptr(GError) error = NULL;
  char buf[4096];
  gsize got = 0;

  fp_client_start (rec->client);
  fp_test_wait_until (handshake_accepted, both, "the handshake");
  fp_client_close (rec->client);
  g_assert_cmpint (fp_client_get_state (rec->client), ==, FP_CLIENT_STATE_IDLE);
  g_assert_cmpuint (fp_client_ping (rec->client), ==, 0);

  /* A timeout, not a hang, if the client left its end open. */
  g_socket_set_timeout (g_socket_connection_get_socket (s->connection), FP_TEST_DEADLINE_S);
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (s->connection)),
                           buf, sizeof buf - 1, &got, NULL, &error);
  g_assert_no_error (error);
  buf[got] = '\0';
  g_assert_true (g_str_has_prefix (buf, "{\"cmd\":\"hello\""));
  g_assert_cmpuint (got, <, sizeof buf - 1);

  recorder_drop_closed (rec);
  scripted_stop (s);
}

static gboolean
hello_unread (gpointer data)
{
  Scripted *s = data;

  return s->connection != NULL &&
         g_socket_get_available_bytes (g_socket_connection_get_socket (s->connection)) > 0;
}

/* QEMU quitting with the client's last lines unread resets the connection
 * rather than closing it: the client says the same as for a close. */
static void
test_reset_by_server (void)
{
  const char *silent[] = { NULL };
  Scripted *s = scripted_start (silent);
  Recorder *rec = recorder_new (s->address, FALSE);

  fp_client_start (rec->client);
  fp_test_wait_until (hello_unread, s, "the client's hello, unread");
  g_io_stream_close (G_IO_STREAM (s->connection), NULL, NULL);
  fp_test_wait_until (is_failed, rec, "failure");
  g_assert_cmpstr (fp_client_get_status (rec->client), ==, "QEMU closed the connection");
  recorder_free (rec);
  scripted_stop (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/client/cache", test_cache);
  g_test_add_func ("/client/drive", test_drive);
  g_test_add_func ("/client/server-errors", test_server_errors);
  g_test_add_func ("/client/reconnect", test_reconnect);
  g_test_add_func ("/client/lost-without-reconnect", test_lost_without_reconnect);
  g_test_add_func ("/client/refused", test_refused);
  g_test_add_func ("/client/backoff-cap", test_backoff_cap);
  g_test_add_func ("/client/close-while-connecting", test_close_while_connecting);
  g_test_add_func ("/client/close-during-handshake", test_close_during_handshake);
  g_test_add_func ("/client/reset-by-server", test_reset_by_server);
  g_test_add_func ("/client/bad-server-lines", test_bad_server_lines);
  g_test_add_func ("/client/events-after-dump-and-close", test_events_after_dump_and_close);
  g_test_add_func ("/client/version-mismatch", test_version_mismatch);
  return g_test_run ();
}
