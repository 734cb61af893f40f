/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-client.c: connection, read loop, write queue, reconnect and state cache.
 *
 * Every asynchronous operation holds a reference on the client and belongs to
 * one connection "generation": fp_client_close() or a lost connection bumps
 * the generation and cancels, so a late callback never touches a newer
 * connection.
 */
#include "config.h"

#include <string.h>

/* The status texts are for people (the app shows them): translated with
 * the project's catalogue, see fp-address.c. The bad-line messages are
 * diagnostics about QEMU, in English like the protocol. */
#include <glib/gi18n-lib.h>

#include "fp-address.h"
#include "fp-client-private.h"
#include "fp-framer.h"

/* Reading this much at a time keeps syscalls low at high event rates. */
#define READ_CHUNK 65536
/* Commands are tiny; this much unsent means QEMU has stopped reading. */
#define MAX_QUEUED_OUTPUT (1024 * 1024)
#define BACKOFF_FIRST_MS 100
#define BACKOFF_MAX_MS 5000

struct _FpClient {
  GObject parent_instance;

  char *address;
  GSocketConnectable *connectable;
  char *name;
  gboolean reconnect;

  FpClientState state;
  char *status;
  guint generation;
  GCancellable *cancellable;
  GSocketConnection *connection;
  FpFramer *framer;
  guint8 *read_buffer;
  GString *queued;
  gboolean writing;
  guint retry_source;
  guint retry_delay;            /* ms, of the attempt retry_source makes */
  guint attempt;
  guint64 last_id;

  /* The cache, from the last hello. */
  char *machine;
  char *qemu;
  GPtrArray *controllers;       /* FpControllerInfo */
  GPtrArray *pins;              /* GArray of FpPinState, one per controller */
  GHashTable *index_by_id;      /* ctrl id -> index + 1 */
  gboolean initial_dump;
  /* This connection has delivered its hello: events before it mean nothing. */
  gboolean got_hello;

  /* Lines read but not yet handled (Line), and the idle that resumes them. */
  GQueue lines;
  guint resume_source;
  /* Writing failed: the peer is going; what it sent is still read, to EOF. */
  gboolean write_failed;
};

/* A line as the framer delivered it; @text NULL for an over-long one. */
typedef struct {
  char *text;
  gsize len;
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->text);
  g_free (line);
}

G_DEFINE_FINAL_TYPE (FpClient, fp_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FpClientState, fp_client_state,
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_HANDSHAKE, "handshake"),
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (FP_CLIENT_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  CONTROLLERS_CHANGED,
  PIN_CHANGED,
  DROPPED,
  GUEST_RESET,
  SYNCED,
  PONG,
  SERVER_ERROR,
  BAD_LINE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_attempt (FpClient *self);
static void start_read (FpClient *self);

static void
set_state (FpClient *self, FpClientState state, const char *status)
{
  gboolean changed = self->state != state || g_strcmp0 (self->status, status) != 0;

  g_free (self->status);
  self->status = g_strdup (status);
  self->state = state;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Ends the current connection (if any) without deciding what comes next. */
static void
drop_connection (FpClient *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->connection)
    g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
  g_clear_object (&self->connection);
  fp_framer_reset (self->framer);
  g_queue_clear_full (&self->lines, line_free);
  g_clear_handle_id (&self->resume_source, g_source_remove);
  self->write_failed = FALSE;
  g_string_truncate (self->queued, 0);
  self->writing = FALSE;
}

static gboolean
retry_cb (gpointer data)
{
  FpClient *self = data;

  self->retry_source = 0;
  start_attempt (self);
  return G_SOURCE_REMOVE;
}

/* A connection failed or was lost: retry later, or give up. */
static void
connection_lost (FpClient *self, const char *reason)
{
  guint delay;

  drop_connection (self);
  if (!self->reconnect)
    {
      set_state (self, FP_CLIENT_STATE_FAILED, reason);
      return;
    }
  delay = MIN ((guint) BACKOFF_FIRST_MS << MIN (self->attempt, 6u), (guint) BACKOFF_MAX_MS);
  /* ±20 % jitter, so that several panels do not hammer a restarting QEMU in step. */
  delay = delay * (guint) g_random_int_range (80, 121) / 100;
  self->attempt++;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (delay, retry_cb, self);
  self->retry_delay = delay;
  {
    /* Translators: %s is why, e.g. "QEMU closed the connection"; %.1f the seconds until the next attempt */
    g_autofree char *status = g_strdup_printf (_("%s; retrying in %.1f s"), reason, delay / 1000.0);
    set_state (self, FP_CLIENT_STATE_WAITING, status);
  }
}

static void
give_up (FpClient *self, const char *reason)
{
  drop_connection (self);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  set_state (self, FP_CLIENT_STATE_FAILED, reason);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct {
  FpClient *self;
  guint generation;
  GBytes *bytes;
} WriteOp;

static void pump_writes (FpClient *self);

static void
write_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  WriteOp *op = data;
  FpClient *self = op->self;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  if (op->generation == self->generation)
    {
      self->writing = FALSE;
      if (error)
        {
          /*
           * The peer closed, but what it sent before (a guest's last events)
           * may still be unread: the read side ends the connection at EOF.
           */
          g_debug ("write to %s failed: %s", self->address, error->message);
          self->write_failed = TRUE;
          g_string_truncate (self->queued, 0);
        }
      else
        pump_writes (self);
    }
  g_bytes_unref (op->bytes);
  g_object_unref (op->self);
  g_free (op);
}

/* One write in flight; whatever queues meanwhile goes out in the next one. */
static void
pump_writes (FpClient *self)
{
  WriteOp *op;
  gsize len;

  if (self->writing || self->queued->len == 0 || self->connection == NULL)
    return;
  op = g_new0 (WriteOp, 1);
  op->self = g_object_ref (self);
  op->generation = self->generation;
  len = self->queued->len;
  op->bytes = g_bytes_new_take (g_string_free (self->queued, FALSE), len);
  self->queued = g_string_new (NULL);
  self->writing = TRUE;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (self->connection)),
                                   g_bytes_get_data (op->bytes, NULL), len, G_PRIORITY_DEFAULT,
                                   self->cancellable, write_done_cb, op);
}

static guint64
send_message (FpClient *self, FpMessage *msg)
{
  if (self->connection == NULL || self->write_failed)
    return 0;
  if (fp_message_kind_recipient (msg->kind) == FP_TO_QEMU && msg->kind != FP_MESSAGE_CLIENT_HELLO)
    {
      msg->has_id = TRUE;
      msg->id = ++self->last_id;
    }
  fp_message_append_line (msg, self->queued);
  if (self->queued->len > MAX_QUEUED_OUTPUT)
    {
      connection_lost (self, _("QEMU stopped reading commands"));
      return 0;
    }
  pump_writes (self);
  return msg->id;
}

/* ---- the cache --------------------------------------------------------- */

static void
adopt_hello (FpClient *self, FpMessage *msg)
{
  g_free (self->machine);
  self->machine = g_steal_pointer (&msg->machine);
  g_free (self->qemu);
  self->qemu = g_steal_pointer (&msg->qemu);
  g_clear_pointer (&self->controllers, g_ptr_array_unref);
  self->controllers = g_steal_pointer (&msg->controllers);
  g_ptr_array_set_size (self->pins, 0);
  g_hash_table_remove_all (self->index_by_id);
  for (guint i = 0; i < self->controllers->len; i++)
    {
      const FpControllerInfo *info = self->controllers->pdata[i];
      GArray *pins = g_array_sized_new (FALSE, TRUE, sizeof (FpPinState), info->n_pins);
      FpPinState unknown = { FP_DIR_IN, FP_DRIVE_NONE, FP_LEVEL_Z, FP_PULL_UNKNOWN, FP_LEVEL_Z, 0 };

      for (guint p = 0; p < info->n_pins; p++)
        g_array_append_val (pins, unknown);
      g_ptr_array_add (self->pins, pins);
      g_hash_table_insert (self->index_by_id, info->id, GUINT_TO_POINTER (i + 1));
    }
  self->initial_dump = TRUE;
}

/* Finds the cache slot of an event's pin; a server naming a pin it never announced is a bug there. */
static FpPinState *
event_pin (FpClient *self, const FpMessage *msg, int *ctrl_out)
{
  int ctrl = fp_client_find_controller (self, msg->ctrl);
  GArray *pins;

  if (ctrl < 0)
    {
      g_autofree char *text = g_strdup_printf ("%s event for controller \"%s\", which the hello did not list",
                                               fp_message_kind_to_string (msg->kind), msg->ctrl);
      g_signal_emit (self, signals[BAD_LINE], 0, text);
      return NULL;
    }
  pins = self->pins->pdata[ctrl];
  if (msg->pin >= pins->len)
    {
      g_autofree char *text = g_strdup_printf ("%s event for pin %u of \"%s\", which has %u pins",
                                               fp_message_kind_to_string (msg->kind), msg->pin,
                                               msg->ctrl, pins->len);
      g_signal_emit (self, signals[BAD_LINE], 0, text);
      return NULL;
    }
  *ctrl_out = ctrl;
  return &g_array_index (pins, FpPinState, msg->pin);
}

static void
handle_message (FpClient *self, FpMessage *msg)
{
  FpPinState *pin;
  int ctrl;

  if (!self->got_hello && msg->kind != FP_MESSAGE_HELLO)
    return;

  switch (msg->kind)
    {
    case FP_MESSAGE_HELLO:
      self->got_hello = TRUE;
      adopt_hello (self, msg);
      g_signal_emit (self, signals[CONTROLLERS_CHANGED], 0);
      break;
    case FP_MESSAGE_PIN:
      if ((pin = event_pin (self, msg, &ctrl)))
        {
          gboolean changed = self->initial_dump || !fp_pin_state_equal (pin, &msg->state);

          *pin = msg->state;
          if (changed)
            g_signal_emit (self, signals[PIN_CHANGED], 0, (guint) ctrl, msg->pin, self->initial_dump);
        }
      break;
    case FP_MESSAGE_DROPPED:
      if (event_pin (self, msg, &ctrl))
        g_signal_emit (self, signals[DROPPED], 0, (guint) ctrl, msg->pin, msg->edges, msg->t);
      break;
    case FP_MESSAGE_RESET:
      g_signal_emit (self, signals[GUEST_RESET], 0, msg->t);
      break;
    case FP_MESSAGE_SYNCED:
      self->initial_dump = FALSE;
      if (self->state == FP_CLIENT_STATE_HANDSHAKE)
        {
          /* Translators: %s is the QEMU machine, e.g. "microbit" */
          g_autofree char *status = g_strdup_printf (_("connected to %s"), self->machine);
          self->attempt = 0;
          set_state (self, FP_CLIENT_STATE_READY, status);
        }
      g_signal_emit (self, signals[SYNCED], 0, msg->has_id, msg->id);
      break;
    case FP_MESSAGE_PONG:
      g_signal_emit (self, signals[PONG], 0, msg->has_id ? msg->id : 0, msg->t);
      break;
    case FP_MESSAGE_ERROR:
      g_signal_emit (self, signals[SERVER_ERROR], 0, (int) msg->code, msg->message,
                     msg->has_id, msg->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- reading ----------------------------------------------------------- */

/* Handles one line; returns the kind handled, or -1 for a line that was not a message. */
static int
handle_line (FpClient *self, const Line *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpMessage) msg = NULL;
  int kind;

  if (line->text == NULL)
    {
      g_autofree char *text = g_strdup_printf ("line of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d bytes",
                                               line->len, FP_MAX_LINE);
      g_signal_emit (self, signals[BAD_LINE], 0, text);
      return -1;
    }
  msg = fp_message_decode (line->text, line->len, FP_TO_PANEL, NULL, &error);
  if (msg == NULL)
    {
      if (g_error_matches (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_VERSION))
        {
          /* Translators: %s says how, e.g. "protocol version 2, expected 1" (in English) */
          g_autofree char *reason = g_strdup_printf (_("incompatible QEMU: %s"), error->message);
          give_up (self, reason);
          return -1;
        }
      g_signal_emit (self, signals[BAD_LINE], 0, error->message);
      return -1;
    }
  kind = msg->kind;
  handle_message (self, msg);
  return kind;
}

static gboolean resume_cb (gpointer data);

/*
 * Handles the lines read so far, then reads on. After a "synced" the rest
 * waits for the next main-loop iteration: whoever waited for the cache to be
 * complete (and quit a loop on it) gets to connect its handlers before the
 * changes that follow are signalled.
 */
static void
dispatch_lines (FpClient *self)
{
  guint generation = self->generation;
  Line *line;

  while ((line = g_queue_pop_head (&self->lines)))
    {
      int kind = handle_line (self, line);

      line_free (line);
      /* A signal handler may have closed or failed the connection. */
      if (generation != self->generation)
        return;
      if (kind == FP_MESSAGE_SYNCED && !g_queue_is_empty (&self->lines))
        {
          self->resume_source = g_idle_add (resume_cb, self);
          return;
        }
    }
  start_read (self);
}

static gboolean
resume_cb (gpointer data)
{
  FpClient *self = data;

  self->resume_source = 0;
  dispatch_lines (self);
  return G_SOURCE_REMOVE;
}

static void
line_cb (const char *text, gsize len, gpointer data)
{
  FpClient *self = data;
  Line *line = g_new (Line, 1);

  line->text = text ? g_strndup (text, len) : NULL;
  line->len = len;
  g_queue_push_tail (&self->lines, line);
}

typedef struct {
  FpClient *self;
  guint generation;
} ReadOp;

static void
read_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ReadOp *op = data;
  g_autoptr(FpClient) self = op->self;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (op->generation != self->generation)
    {
      g_free (op);
      return;
    }
  g_free (op);
  /* A reset is QEMU closing with our last lines unread (it quit): gone all the same. */
  if (n == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    {
      connection_lost (self, _("QEMU closed the connection"));
      return;
    }
  if (n < 0)
    {
      /* Translators: %s is the system's reason */
      g_autofree char *reason = g_strdup_printf (_("connection lost: %s"), error->message);
      connection_lost (self, reason);
      return;
    }
  /* At most one read's worth of lines waits in the queue. */
  fp_framer_feed (self->framer, (const char *) self->read_buffer, (gsize) n, line_cb, self);
  dispatch_lines (self);
}

static void
start_read (FpClient *self)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->self = g_object_ref (self);
  op->generation = self->generation;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (self->connection)),
                             self->read_buffer, READ_CHUNK, G_PRIORITY_DEFAULT,
                             self->cancellable, read_cb, op);
}

/* ---- connecting -------------------------------------------------------- */

static void
connect_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ReadOp *op = data;
  g_autoptr(FpClient) self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(FpMessage) hello = NULL;
  guint generation = op->generation;

  g_free (op);
  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  if (generation != self->generation)
    return;
  if (connection == NULL)
    {
      /* Translators: the first %s is the address, e.g. "unix:/tmp/panel.sock", the second the system's reason */
      g_autofree char *reason = g_strdup_printf (_("cannot connect to %s: %s"), self->address, error->message);
      connection_lost (self, reason);
      return;
    }
  self->connection = g_steal_pointer (&connection);
  self->got_hello = FALSE;
  set_state (self, FP_CLIENT_STATE_HANDSHAKE, _("waiting for QEMU's hello"));

  hello = fp_message_new (FP_MESSAGE_CLIENT_HELLO);
  hello->client = g_strdup (self->name);
  send_message (self, hello);
  start_read (self);
}

static void
start_attempt (FpClient *self)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  /* Translators: %s is the address, e.g. "unix:/tmp/panel.sock" */
  g_autofree char *status = g_strdup_printf (_("connecting to %s"), self->address);
  ReadOp *op = g_new0 (ReadOp, 1);

  drop_connection (self);
  self->cancellable = g_cancellable_new ();
  set_state (self, FP_CLIENT_STATE_CONNECTING, status);
  op->self = g_object_ref (self);
  op->generation = self->generation;
  g_socket_client_connect_async (socket_client, self->connectable, self->cancellable, connect_cb, op);
}

/* ---- public API -------------------------------------------------------- */

FpClient *
fp_client_new (const char *address, GError **error)
{
  g_autoptr(GSocketConnectable) connectable = fp_address_parse (address, error);
  FpClient *self;

  if (connectable == NULL)
    return NULL;
  self = g_object_new (FP_TYPE_CLIENT, NULL);
  self->address = g_strdup (address);
  self->connectable = g_steal_pointer (&connectable);
  return self;
}

void
fp_client_set_reconnect (FpClient *self, gboolean reconnect)
{
  g_return_if_fail (FP_IS_CLIENT (self));
  self->reconnect = reconnect;
}

void
fp_client_set_name (FpClient *self, const char *name)
{
  g_return_if_fail (FP_IS_CLIENT (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

void
fp_client_start (FpClient *self)
{
  g_return_if_fail (FP_IS_CLIENT (self));
  self->attempt = 0;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  start_attempt (self);
}

void
fp_client_close (FpClient *self)
{
  g_return_if_fail (FP_IS_CLIENT (self));
  g_clear_handle_id (&self->retry_source, g_source_remove);
  drop_connection (self);
  set_state (self, FP_CLIENT_STATE_IDLE, _("closed"));
}

const char *
fp_client_get_address (FpClient *self)
{
  return self->address;
}

FpClientState
fp_client_get_state (FpClient *self)
{
  return self->state;
}

const char *
fp_client_get_status (FpClient *self)
{
  return self->status;
}

const char *
fp_client_get_machine (FpClient *self)
{
  return self->machine;
}

const char *
fp_client_get_qemu_version (FpClient *self)
{
  return self->qemu;
}

guint
fp_client_get_n_controllers (FpClient *self)
{
  return self->controllers ? self->controllers->len : 0;
}

const FpControllerInfo *
fp_client_get_controller (FpClient *self, guint index)
{
  if (index >= fp_client_get_n_controllers (self))
    return NULL;
  return self->controllers->pdata[index];
}

int
fp_client_find_controller (FpClient *self, const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->index_by_id, id)) - 1;
}

int
fp_client_find_pin (FpClient *self, guint ctrl, const char *name)
{
  const FpControllerInfo *info = fp_client_get_controller (self, ctrl);
  guint64 n;

  if (info == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (name, 10, 0, info->n_pins - 1, &n, NULL))
    return (int) n;
  for (guint p = 0; info->names && p < info->n_pins; p++)
    if (info->names[p][0] != '\0' && g_ascii_strcasecmp (info->names[p], name) == 0)
      return (int) p;
  return -1;
}

const FpPinState *
fp_client_get_pin (FpClient *self, guint ctrl, guint pin)
{
  GArray *pins;

  if (ctrl >= self->pins->len)
    return NULL;
  pins = self->pins->pdata[ctrl];
  if (pin >= pins->len)
    return NULL;
  return &g_array_index (pins, FpPinState, pin);
}

guint64
fp_client_drive (FpClient *self, const char *ctrl, guint pin, int level)
{
  g_autoptr(FpMessage) msg = fp_message_new (level == FP_LEVEL_Z ? FP_MESSAGE_RELEASE : FP_MESSAGE_SET);

  g_return_val_if_fail (level == 0 || level == 1 || level == FP_LEVEL_Z, 0);
  msg->ctrl = g_strdup (ctrl);
  msg->pin = pin;
  msg->level = level;
  return send_message (self, msg);
}

guint64
fp_client_sync (FpClient *self)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_SYNC);

  return send_message (self, msg);
}

guint64
fp_client_ping (FpClient *self)
{
  g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_PING);

  return send_message (self, msg);
}

/* ---- for the tests ------------------------------------------------------- */

guint
_fp_client_get_retry_delay (FpClient *self)
{
  g_return_val_if_fail (FP_IS_CLIENT (self), 0);
  return self->retry_source ? self->retry_delay : 0;
}

gboolean
_fp_client_retry_now (FpClient *self)
{
  g_return_val_if_fail (FP_IS_CLIENT (self), FALSE);
  if (self->retry_source == 0)
    return FALSE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  start_attempt (self);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
fp_client_dispose (GObject *object)
{
  FpClient *self = FP_CLIENT (object);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  drop_connection (self);
  G_OBJECT_CLASS (fp_client_parent_class)->dispose (object);
}

static void
fp_client_finalize (GObject *object)
{
  FpClient *self = FP_CLIENT (object);

  g_free (self->address);
  g_clear_object (&self->connectable);
  g_free (self->name);
  g_free (self->status);
  fp_framer_free (self->framer);
  g_free (self->read_buffer);
  g_string_free (self->queued, TRUE);
  g_free (self->machine);
  g_free (self->qemu);
  g_clear_pointer (&self->controllers, g_ptr_array_unref);
  g_ptr_array_unref (self->pins);
  g_hash_table_unref (self->index_by_id);
  G_OBJECT_CLASS (fp_client_parent_class)->finalize (object);
}

static void
fp_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FpClient *self = FP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_client_class_init (FpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_client_dispose;
  object_class->finalize = fp_client_finalize;
  object_class->get_property = fp_client_get_property;

  /**
   * FpClient:state:
   *
   * Where the connection stands; fp_client_get_status() says why. Every
   * change is notified, and so is a new status in the same state (the next
   * retry's delay, say).
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FP_TYPE_CLIENT_STATE, FP_CLIENT_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpClient::controllers-changed:
   * @self: the client
   *
   * A hello arrived, on a new connection: the controllers may differ from
   * the last ones, and every pin's state is unknown until the dump that
   * follows (#FpClient::pin-changed with @initial, then #FpClient::synced).
   */
  signals[CONTROLLERS_CHANGED] =
    g_signal_new ("controllers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FpClient::pin-changed:
   * @self: the client
   * @ctrl: the controller's index
   * @pin: the pin's number
   * @initial: %TRUE during the state dump that follows a hello, when every
   *   pin is signalled whether it changed or not
   *
   * A pin's state differs from the cache, which holds the new state already
   * (fp_client_get_pin()).
   */
  signals[PIN_CHANGED] =
    g_signal_new ("pin-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_BOOLEAN);
  /**
   * FpClient::dropped:
   * @self: the client
   * @ctrl: the controller's index
   * @pin: the pin's number
   * @edges: how many level changes of the pin no `pin` event shows
   * @t: the virtual time the pin reached its current state, in ns
   *
   * The pin toggled faster than the connection carried its events, so QEMU
   * coalesced them (back-pressure, PROTOCOL.md §3.3); the `pin` event with
   * the current state, also at @t, follows.
   */
  signals[DROPPED] =
    g_signal_new ("dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT64, G_TYPE_INT64);
  /**
   * FpClient::guest-reset:
   * @self: the client
   * @t: the virtual time of the reset, in ns
   *
   * The guest was reset. A state dump follows: #FpClient::pin-changed for
   * every pin the reset changed, then #FpClient::synced.
   */
  signals[GUEST_RESET] =
    g_signal_new ("guest-reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * FpClient::synced:
   * @self: the client
   * @has_id: %FALSE for the dump that follows a hello or a reset, %TRUE for
   *   the answer to fp_client_sync()
   * @id: the request id of that fp_client_sync()
   *
   * A state dump is complete: the cache holds every pin. The first one of a
   * connection makes the client %FP_CLIENT_STATE_READY.
   */
  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT64);
  /**
   * FpClient::pong:
   * @self: the client
   * @id: the request id of the fp_client_ping() answered, or 0
   * @t: QEMU's virtual time, in ns
   *
   * QEMU answered a ping, after the events of every command sent before it.
   */
  signals[PONG] =
    g_signal_new ("pong", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
  /**
   * FpClient::server-error:
   * @self: the client
   * @code: the #FpProtocolError class
   * @message: what QEMU said was wrong
   * @has_id: whether QEMU could tell which command it was
   * @id: the request id of that command
   *
   * QEMU rejected a command, e.g. a pin it does not have. The connection
   * stays up.
   */
  signals[SERVER_ERROR] =
    g_signal_new ("server-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_UINT64);
  /**
   * FpClient::bad-line:
   * @self: the client
   * @message: what is wrong with the line, in English
   *
   * QEMU sent a line this library rejects (malformed, or about a
   * controller or pin its hello did not list). The line is ignored and the
   * connection stays up.
   */
  signals[BAD_LINE] =
    g_signal_new ("bad-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fp_client_init (FpClient *self)
{
  self->reconnect = TRUE;
  self->name = g_strdup ("libfrontpanel " PACKAGE_VERSION);
  self->framer = fp_framer_new (FP_MAX_LINE);
  self->read_buffer = g_malloc (READ_CHUNK);
  self->queued = g_string_new (NULL);
  self->pins = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->index_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lines);
  self->status = g_strdup (_("not started"));
}
