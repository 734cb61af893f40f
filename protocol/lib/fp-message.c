/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-message.c: strict decoding and canonical encoding of protocol v1 lines.
 *
 * The decoder follows the check order of PROTOCOL.md §5 literally (id, then
 * the kind, then each member in table order), because both implementations
 * must classify a line with several faults the same way.
 */
#include "config.h"

#include <string.h>

#include "fp-json-private.h"
#include "fp-message.h"

G_DEFINE_QUARK (fp-protocol-error-quark, fp_protocol_error)

static const char *const error_names[] = {
  [FP_PROTOCOL_ERROR_TOO_LONG] = "too-long",
  [FP_PROTOCOL_ERROR_SYNTAX] = "syntax",
  [FP_PROTOCOL_ERROR_NOT_OBJECT] = "not-object",
  [FP_PROTOCOL_ERROR_MISSING_FIELD] = "missing-field",
  [FP_PROTOCOL_ERROR_BAD_TYPE] = "bad-type",
  [FP_PROTOCOL_ERROR_BAD_VALUE] = "bad-value",
  [FP_PROTOCOL_ERROR_UNKNOWN_COMMAND] = "unknown-command",
  [FP_PROTOCOL_ERROR_UNKNOWN_EVENT] = "unknown-event",
  [FP_PROTOCOL_ERROR_UNKNOWN_CONTROLLER] = "unknown-controller",
  [FP_PROTOCOL_ERROR_UNKNOWN_PIN] = "unknown-pin",
  [FP_PROTOCOL_ERROR_VERSION] = "version",
};

static const char *const kind_names[] = {
  [FP_MESSAGE_HELLO] = "hello",
  [FP_MESSAGE_PIN] = "pin",
  [FP_MESSAGE_DROPPED] = "dropped",
  [FP_MESSAGE_RESET] = "reset",
  [FP_MESSAGE_PONG] = "pong",
  [FP_MESSAGE_SYNCED] = "synced",
  [FP_MESSAGE_ERROR] = "error",
  [FP_MESSAGE_CLIENT_HELLO] = "hello",
  [FP_MESSAGE_SET] = "set",
  [FP_MESSAGE_RELEASE] = "release",
  [FP_MESSAGE_SYNC] = "sync",
  [FP_MESSAGE_PING] = "ping",
};

static const char *const dir_names[] = { "in", "out", "alt", "analog", NULL };
static const char *const drive_names[] = { "none", "guest", "panel", NULL };
/* Indexed by FpPull; FP_PULL_UNKNOWN has no wire name. */
static const char *const pull_names[] = { "", "none", "up", "down", NULL };

const char *
fp_protocol_error_to_string (FpProtocolError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (error_names), NULL);
  return error_names[code];
}

int
fp_protocol_error_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
    if (g_strcmp0 (name, error_names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
fp_direction_to_string (FpDirection dir)
{
  return dir_names[dir];
}

const char *
fp_drive_to_string (FpDrive drive)
{
  return drive_names[drive];
}

const char *
fp_pull_to_string (FpPull pull)
{
  return pull == FP_PULL_UNKNOWN ? NULL : pull_names[pull];
}

const char *
fp_message_kind_to_string (FpMessageKind kind)
{
  return kind_names[kind];
}

FpRecipient
fp_message_kind_recipient (FpMessageKind kind)
{
  return kind >= FP_MESSAGE_CLIENT_HELLO ? FP_TO_QEMU : FP_TO_PANEL;
}

gboolean
fp_pin_state_equal (const FpPinState *a, const FpPinState *b)
{
  return a->dir == b->dir && a->drive == b->drive && a->level == b->level &&
         a->pull == b->pull && a->panel == b->panel;
}

FpControllerInfo *
fp_controller_info_new (const char *id, const char *type, const char *path, guint n_pins)
{
  FpControllerInfo *info = g_new0 (FpControllerInfo, 1);

  info->id = g_strdup (id);
  info->type = g_strdup (type);
  info->path = g_strdup (path);
  info->n_pins = n_pins;
  return info;
}

FpControllerInfo *
fp_controller_info_copy (const FpControllerInfo *info)
{
  FpControllerInfo *copy = fp_controller_info_new (info->id, info->type, info->path, info->n_pins);

  copy->names = g_strdupv (info->names);
  return copy;
}

void
fp_controller_info_free (FpControllerInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->type);
  g_free (info->path);
  g_strfreev (info->names);
  g_free (info);
}

const char *
fp_controller_info_pin_name (const FpControllerInfo *info, guint pin)
{
  if (info->names == NULL || pin >= info->n_pins || info->names[pin][0] == '\0')
    return NULL;
  return info->names[pin];
}

FpMessage *
fp_message_new (FpMessageKind kind)
{
  FpMessage *msg = g_new0 (FpMessage, 1);

  msg->kind = kind;
  msg->version = FP_PROTOCOL_VERSION;
  msg->state.level = FP_LEVEL_Z;
  msg->state.panel = FP_LEVEL_Z;
  if (kind == FP_MESSAGE_HELLO)
    msg->controllers = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_controller_info_free);
  return msg;
}

void
fp_message_free (FpMessage *msg)
{
  if (msg == NULL)
    return;
  g_free (msg->qemu);
  g_free (msg->machine);
  g_clear_pointer (&msg->controllers, g_ptr_array_unref);
  g_free (msg->client);
  g_free (msg->ctrl);
  g_free (msg->message);
  g_free (msg);
}

/* ---- decoding ---------------------------------------------------------- */

/*
 * A member lookup in one object; @prefix names the object for messages
 * ("controllers[2]."), so users see exactly which member was wrong.
 */
typedef struct {
  JsonObject *obj;
  const char *prefix;
  GError **error;
} Members;

static const char *
node_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: return "an integer";
    case G_TYPE_DOUBLE: return "a number with a fraction or exponent";
    case G_TYPE_BOOLEAN: return "a boolean";
    case G_TYPE_STRING: return "a string";
    default: return "a value";
    }
}

static gboolean
set_error (Members *m, FpProtocolError code, const char *name, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_error (Members *m, FpProtocolError code, const char *name, const char *fmt, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_set_error (m->error, FP_PROTOCOL_ERROR, code, "\"%s%s\": %s", m->prefix, name, text);
  return FALSE;
}

/* Looks a member up; a missing required one is an error, a missing optional one is NULL. */
static gboolean
lookup (Members *m, const char *name, gboolean required, JsonNode **out)
{
  *out = json_object_get_member (m->obj, name);
  if (*out == NULL && required)
    return set_error (m, FP_PROTOCOL_ERROR_MISSING_FIELD, name, "required member is missing");
  return TRUE;
}

static gboolean
is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
get_int (Members *m, const char *name, gboolean required, gint64 min, gint64 max,
         gboolean *present, gint64 *out)
{
  JsonNode *node;
  gint64 v;

  if (!lookup (m, name, required, &node))
    return FALSE;
  if (present)
    *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (!is_int (node))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_TYPE, name, "expected an integer, got %s",
                      node_type_name (node));
  v = json_node_get_int (node);
  if (v < min || v > max)
    return set_error (m, FP_PROTOCOL_ERROR_BAD_VALUE, name,
                      "%" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                      v, min, max);
  *out = v;
  return TRUE;
}

static gboolean
get_string (Members *m, const char *name, gboolean required, char **out)
{
  JsonNode *node;

  if (!lookup (m, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_string (node))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_TYPE, name, "expected a string, got %s",
                      node_type_name (node));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_enum (Members *m, const char *name, gboolean required, const char *const *values,
          int first, int *out)
{
  JsonNode *node;
  const char *s;

  if (!lookup (m, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_string (node))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_TYPE, name, "expected a string, got %s",
                      node_type_name (node));
  s = json_node_get_string (node);
  for (int i = first; values[i]; i++)
    if (strcmp (s, values[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  {
    g_autofree char *allowed = g_strjoinv ("\", \"", (char **) values + first);
    return set_error (m, FP_PROTOCOL_ERROR_BAD_VALUE, name, "\"%s\" is not one of \"%s\"",
                      s, allowed);
  }
}

/* 0, 1, or (when @nullable) null as FP_LEVEL_Z. */
static gboolean
get_level (Members *m, const char *name, gboolean nullable, int *out)
{
  JsonNode *node;
  gint64 v;

  if (!lookup (m, name, TRUE, &node))
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = FP_LEVEL_Z;
      return TRUE;
    }
  if (!is_int (node))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_TYPE, name, "expected 0, 1%s, got %s",
                      nullable ? " or null" : "", node_type_name (node));
  v = json_node_get_int (node);
  if (v != 0 && v != 1)
    return set_error (m, FP_PROTOCOL_ERROR_BAD_VALUE, name, "%" G_GINT64_FORMAT " is not 0 or 1", v);
  *out = (int) v;
  return TRUE;
}

static gboolean
valid_ctrl_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > 64)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '_' && *s != '.' && *s != '-')
      return FALSE;
  return TRUE;
}

static gboolean
get_ctrl (Members *m, const char *name, char **out)
{
  if (!get_string (m, name, TRUE, out))
    return FALSE;
  if (!valid_ctrl_id (*out))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_VALUE, name,
                      "controller ids are 1-64 characters of A-Z a-z 0-9 _ . -");
  return TRUE;
}

static gboolean
get_pin (Members *m, guint *out)
{
  gint64 v;

  if (!get_int (m, "pin", TRUE, 0, FP_MAX_PINS - 1, NULL, &v))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
get_t (Members *m, gint64 *out)
{
  return get_int (m, "t", TRUE, 0, FP_MAX_ID, NULL, out);
}

static gboolean
decode_controller (Members *parent, JsonNode *node, guint index, GPtrArray *seen,
                   FpControllerInfo **out)
{
  g_autofree char *prefix = g_strdup_printf ("controllers[%u]", index);
  g_autoptr(FpControllerInfo) info = g_new0 (FpControllerInfo, 1);
  g_autofree char *member_prefix = NULL;
  Members m;
  JsonNode *names;
  gint64 pins;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      Members outer = { parent->obj, "", parent->error };
      return set_error (&outer, FP_PROTOCOL_ERROR_BAD_TYPE, prefix, "expected an object, got %s",
                        node_type_name (node));
    }
  member_prefix = g_strconcat (prefix, ".", NULL);
  m = (Members) { json_node_get_object (node), member_prefix, parent->error };

  if (!get_ctrl (&m, "id", &info->id))
    return FALSE;
  for (guint i = 0; i < seen->len; i++)
    if (strcmp (((FpControllerInfo *) seen->pdata[i])->id, info->id) == 0)
      return set_error (&m, FP_PROTOCOL_ERROR_BAD_VALUE, "id",
                        "\"%s\" is also the id of controllers[%u]", info->id, i);
  if (!get_string (&m, "type", TRUE, &info->type) ||
      !get_string (&m, "path", TRUE, &info->path) ||
      !get_int (&m, "pins", TRUE, 1, FP_MAX_PINS, NULL, &pins) ||
      !lookup (&m, "names", FALSE, &names))
    return FALSE;
  info->n_pins = (guint) pins;
  if (names != NULL)
    {
      JsonArray *arr;

      if (!JSON_NODE_HOLDS_ARRAY (names))
        return set_error (&m, FP_PROTOCOL_ERROR_BAD_TYPE, "names", "expected an array, got %s",
                          node_type_name (names));
      arr = json_node_get_array (names);
      info->names = g_new0 (char *, json_array_get_length (arr) + 1);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);

          if (!is_string (el))
            {
              g_autofree char *el_name = g_strdup_printf ("names[%u]", i);
              return set_error (&m, FP_PROTOCOL_ERROR_BAD_TYPE, el_name,
                                "expected a string, got %s", node_type_name (el));
            }
          info->names[i] = g_strdup (json_node_get_string (el));
        }
      if (json_array_get_length (arr) != info->n_pins)
        return set_error (&m, FP_PROTOCOL_ERROR_BAD_VALUE, "names",
                          "has %u entries for %u pins", json_array_get_length (arr), info->n_pins);
    }
  *out = g_steal_pointer (&info);
  return TRUE;
}

static gboolean
decode_hello (Members *m, FpMessage *msg)
{
  JsonNode *node;
  JsonArray *arr;
  gint64 version;

  if (!get_int (m, "version", TRUE, 1, G_MAXINT32, NULL, &version) ||
      !get_string (m, "qemu", TRUE, &msg->qemu) ||
      !get_string (m, "machine", TRUE, &msg->machine) ||
      !lookup (m, "controllers", TRUE, &node))
    return FALSE;
  msg->version = (guint) version;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_error (m, FP_PROTOCOL_ERROR_BAD_TYPE, "controllers", "expected an array, got %s",
                      node_type_name (node));
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      FpControllerInfo *info = NULL;

      if (!decode_controller (m, json_array_get_element (arr, i), i, msg->controllers, &info))
        return FALSE;
      g_ptr_array_add (msg->controllers, info);
    }
  return get_t (m, &msg->t);
}

static gboolean
decode_pin_event (Members *m, FpMessage *msg)
{
  int dir, drive, pull = FP_PULL_UNKNOWN;

  if (!get_ctrl (m, "ctrl", &msg->ctrl) ||
      !get_pin (m, &msg->pin) ||
      !get_enum (m, "dir", TRUE, dir_names, 0, &dir) ||
      !get_enum (m, "drive", TRUE, drive_names, 0, &drive) ||
      !get_level (m, "level", TRUE, &msg->state.level) ||
      !get_enum (m, "pull", FALSE, pull_names, FP_PULL_NONE, &pull) ||
      !get_level (m, "panel", TRUE, &msg->state.panel) ||
      !get_t (m, &msg->t))
    return FALSE;
  msg->state.dir = dir;
  msg->state.drive = drive;
  msg->state.pull = pull;
  msg->state.t = msg->t;
  return TRUE;
}

static gboolean
decode_error_event (Members *m, FpMessage *msg)
{
  g_autofree char *code = NULL;
  int c;

  if (!get_string (m, "code", TRUE, &code))
    return FALSE;
  if ((c = fp_protocol_error_from_string (code)) < 0)
    return set_error (m, FP_PROTOCOL_ERROR_BAD_VALUE, "code", "\"%s\" is not an error class", code);
  msg->code = c;
  return get_string (m, "message", TRUE, &msg->message);
}

static gboolean
decode_body (Members *m, FpMessage *msg)
{
  gint64 v;

  switch (msg->kind)
    {
    case FP_MESSAGE_HELLO:
      return decode_hello (m, msg);
    case FP_MESSAGE_PIN:
      return decode_pin_event (m, msg);
    case FP_MESSAGE_DROPPED:
      if (!get_ctrl (m, "ctrl", &msg->ctrl) || !get_pin (m, &msg->pin) ||
          !get_int (m, "edges", TRUE, 1, FP_MAX_ID, NULL, &v))
        return FALSE;
      msg->edges = (guint64) v;
      return get_t (m, &msg->t);
    case FP_MESSAGE_RESET:
    case FP_MESSAGE_PONG:
    case FP_MESSAGE_SYNCED:
      return get_t (m, &msg->t);
    case FP_MESSAGE_ERROR:
      return decode_error_event (m, msg);
    case FP_MESSAGE_CLIENT_HELLO:
      if (!get_int (m, "version", TRUE, 1, G_MAXINT32, NULL, &v))
        return FALSE;
      msg->version = (guint) v;
      return get_string (m, "client", FALSE, &msg->client);
    case FP_MESSAGE_SET:
      return get_ctrl (m, "ctrl", &msg->ctrl) && get_pin (m, &msg->pin) &&
             get_level (m, "level", FALSE, &msg->level);
    case FP_MESSAGE_RELEASE:
      return get_ctrl (m, "ctrl", &msg->ctrl) && get_pin (m, &msg->pin);
    case FP_MESSAGE_SYNC:
    case FP_MESSAGE_PING:
    default:
      return TRUE;
    }
}

static int
kind_from_name (const char *name, FpRecipient to)
{
  int first = to == FP_TO_PANEL ? FP_MESSAGE_HELLO : FP_MESSAGE_CLIENT_HELLO;
  int last = to == FP_TO_PANEL ? FP_MESSAGE_ERROR : FP_MESSAGE_PING;

  for (int k = first; k <= last; k++)
    if (strcmp (name, kind_names[k]) == 0)
      return k;
  return -1;
}

FpMessage *
fp_message_decode (const char *line, gsize len, FpRecipient to, gint64 *error_id, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FpMessage) msg = NULL;
  g_autofree char *kind_name = NULL;
  const char *kind_member = to == FP_TO_PANEL ? "event" : "cmd";
  Members m = { NULL, "", error };
  gboolean has_id;
  gint64 id = -1;
  int kind;

  if (error_id)
    *error_id = -1;
  if (len > FP_MAX_LINE)
    {
      g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_TOO_LONG,
                   "line of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d", len, FP_MAX_LINE);
      return NULL;
    }
  if (!(root = fp_json_parse (line, len, &local_error)))
    {
      g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_SYNTAX,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_NOT_OBJECT,
                   "expected a JSON object, got %s", node_type_name (root));
      return NULL;
    }
  m.obj = json_node_get_object (root);

  if (!get_int (&m, "id", FALSE, 0, FP_MAX_ID, &has_id, &id))
    return NULL;
  if (has_id && error_id)
    *error_id = id;

  if (!get_string (&m, kind_member, TRUE, &kind_name))
    return NULL;
  if ((kind = kind_from_name (kind_name, to)) < 0)
    {
      g_set_error (error, FP_PROTOCOL_ERROR,
                   to == FP_TO_PANEL ? FP_PROTOCOL_ERROR_UNKNOWN_EVENT : FP_PROTOCOL_ERROR_UNKNOWN_COMMAND,
                   "unknown %s \"%s\"", to == FP_TO_PANEL ? "event" : "command", kind_name);
      return NULL;
    }

  msg = fp_message_new (kind);
  /* Kinds without an id ignore a valid one (PROTOCOL.md §5). */
  msg->has_id = has_id && (kind == FP_MESSAGE_PONG || kind == FP_MESSAGE_SYNCED ||
                           kind == FP_MESSAGE_ERROR || to == FP_TO_QEMU);
  msg->id = has_id ? (guint64) id : 0;
  if (!decode_body (&m, msg))
    return NULL;

  if ((kind == FP_MESSAGE_HELLO || kind == FP_MESSAGE_CLIENT_HELLO) &&
      msg->version != FP_PROTOCOL_VERSION)
    {
      g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_VERSION,
                   "protocol version %u is not supported; this side speaks version %d",
                   msg->version, FP_PROTOCOL_VERSION);
      return NULL;
    }
  return g_steal_pointer (&msg);
}

int
fp_message_check_target (const FpMessage *msg, GPtrArray *controllers, GError **error)
{
  if (msg->kind != FP_MESSAGE_SET && msg->kind != FP_MESSAGE_RELEASE)
    return -1;
  for (guint i = 0; i < controllers->len; i++)
    {
      const FpControllerInfo *info = controllers->pdata[i];

      if (strcmp (info->id, msg->ctrl) != 0)
        continue;
      if (msg->pin >= info->n_pins)
        {
          g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_UNKNOWN_PIN,
                       "\"pin\": controller \"%s\" has pins 0-%u, not %u",
                       info->id, info->n_pins - 1, msg->pin);
          return -2;
        }
      return (int) i;
    }
  g_set_error (error, FP_PROTOCOL_ERROR, FP_PROTOCOL_ERROR_UNKNOWN_CONTROLLER,
               "\"ctrl\": no controller \"%s\" here", msg->ctrl);
  return -2;
}

/* ---- encoding ---------------------------------------------------------- */

static void
add_key (GString *out, const char *key)
{
  g_string_append_printf (out, ",\"%s\":", key);
}

static void
add_string (GString *out, const char *key, const char *value)
{
  add_key (out, key);
  fp_json_append_string (out, value);
}

static void
add_int (GString *out, const char *key, gint64 value)
{
  add_key (out, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

static void
add_level (GString *out, const char *key, int level)
{
  add_key (out, key);
  if (level == FP_LEVEL_Z)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", level);
}

static void
add_controller (GString *out, const FpControllerInfo *info)
{
  g_string_append (out, "{\"id\":");
  fp_json_append_string (out, info->id);
  add_string (out, "type", info->type);
  add_string (out, "path", info->path);
  add_int (out, "pins", info->n_pins);
  if (info->names)
    {
      add_key (out, "names");
      g_string_append_c (out, '[');
      for (guint i = 0; info->names[i]; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          fp_json_append_string (out, info->names[i]);
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

void
fp_message_append_line (const FpMessage *msg, GString *out)
{
  gboolean event = fp_message_kind_recipient (msg->kind) == FP_TO_PANEL;

  g_string_append_printf (out, "{\"%s\":\"%s\"", event ? "event" : "cmd", kind_names[msg->kind]);
  if (msg->has_id)
    add_int (out, "id", (gint64) msg->id);

  switch (msg->kind)
    {
    case FP_MESSAGE_HELLO:
      add_int (out, "version", msg->version);
      add_string (out, "qemu", msg->qemu);
      add_string (out, "machine", msg->machine);
      add_key (out, "controllers");
      g_string_append_c (out, '[');
      for (guint i = 0; i < msg->controllers->len; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          add_controller (out, msg->controllers->pdata[i]);
        }
      g_string_append_c (out, ']');
      add_int (out, "t", msg->t);
      break;
    case FP_MESSAGE_PIN:
      add_string (out, "ctrl", msg->ctrl);
      add_int (out, "pin", msg->pin);
      add_string (out, "dir", dir_names[msg->state.dir]);
      add_string (out, "drive", drive_names[msg->state.drive]);
      add_level (out, "level", msg->state.level);
      if (msg->state.pull != FP_PULL_UNKNOWN)
        add_string (out, "pull", pull_names[msg->state.pull]);
      add_level (out, "panel", msg->state.panel);
      add_int (out, "t", msg->t);
      break;
    case FP_MESSAGE_DROPPED:
      add_string (out, "ctrl", msg->ctrl);
      add_int (out, "pin", msg->pin);
      add_int (out, "edges", (gint64) msg->edges);
      add_int (out, "t", msg->t);
      break;
    case FP_MESSAGE_RESET:
    case FP_MESSAGE_PONG:
    case FP_MESSAGE_SYNCED:
      add_int (out, "t", msg->t);
      break;
    case FP_MESSAGE_ERROR:
      add_string (out, "code", error_names[msg->code]);
      add_string (out, "message", msg->message ? msg->message : "");
      break;
    case FP_MESSAGE_CLIENT_HELLO:
      add_int (out, "version", msg->version);
      if (msg->client)
        add_string (out, "client", msg->client);
      break;
    case FP_MESSAGE_SET:
      add_string (out, "ctrl", msg->ctrl);
      add_int (out, "pin", msg->pin);
      add_int (out, "level", msg->level);
      break;
    case FP_MESSAGE_RELEASE:
      add_string (out, "ctrl", msg->ctrl);
      add_int (out, "pin", msg->pin);
      break;
    case FP_MESSAGE_SYNC:
    case FP_MESSAGE_PING:
    default:
      break;
    }
  g_string_append (out, "}\n");
}

char *
fp_message_encode (const FpMessage *msg)
{
  GString *out = g_string_new (NULL);

  fp_message_append_line (msg, out);
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
