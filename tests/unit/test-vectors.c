/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-vectors.c: the protocol/vectors files against the decoder and encoder.
 *
 * The decoded message is turned back into the vectors' "meaning" form here,
 * in the test, independently of the library's encoder, so that a bug in the
 * encoder cannot hide one in the decoder.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "fp-message.h"

typedef struct {
  char *file;
  guint lineno;
  JsonObject *vector;
} Vector;

static GBytes *
raw_line (JsonObject *v)
{
  if (json_object_has_member (v, "line"))
    {
      const char *s = json_object_get_string_member (v, "line");
      return g_bytes_new (s, strlen (s));
    }
  if (json_object_has_member (v, "line_hex"))
    {
      const char *hex = json_object_get_string_member (v, "line_hex");
      gsize n = strlen (hex) / 2;
      guint8 *buf = g_malloc (n + 1);

      for (gsize i = 0; i < n; i++)
        buf[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
      return g_bytes_new_take (buf, n);
    }
  {
    JsonObject *fill = json_object_get_object_member (v, "line_fill");
    GString *s = g_string_new (json_object_get_string_member (fill, "prefix"));
    const char *c = json_object_get_string_member (fill, "char");
    gint64 count = json_object_get_int_member (fill, "count");

    for (gint64 i = 0; i < count; i++)
      g_string_append (s, c);
    g_string_append (s, json_object_get_string_member_with_default (fill, "suffix", ""));
    return g_string_free_to_bytes (s);
  }
}

static JsonNode *
level_node (int level)
{
  return level == FP_LEVEL_Z ? json_node_new (JSON_NODE_NULL) : json_node_init_int (json_node_alloc (), level);
}

static void
add_str_or_null (JsonObject *o, const char *key, const char *value)
{
  if (value)
    json_object_set_string_member (o, key, value);
  else
    json_object_set_null_member (o, key);
}

/* The vectors' "meaning": every member of the message, optional ones as null. */
static JsonNode *
meaning_of (const FpMessage *msg)
{
  JsonObject *o = json_object_new ();
  gboolean event = fp_message_kind_recipient (msg->kind) == FP_TO_PANEL;

  json_object_set_string_member (o, event ? "event" : "cmd", fp_message_kind_to_string (msg->kind));
  switch (msg->kind)
    {
    case FP_MESSAGE_HELLO:
      {
        JsonArray *arr = json_array_new ();

        json_object_set_int_member (o, "version", msg->version);
        json_object_set_string_member (o, "qemu", msg->qemu);
        json_object_set_string_member (o, "machine", msg->machine);
        for (guint i = 0; i < msg->controllers->len; i++)
          {
            const FpControllerInfo *info = msg->controllers->pdata[i];
            JsonObject *c = json_object_new ();

            json_object_set_string_member (c, "id", info->id);
            json_object_set_string_member (c, "type", info->type);
            json_object_set_string_member (c, "path", info->path);
            json_object_set_int_member (c, "pins", info->n_pins);
            if (info->names)
              {
                JsonArray *names = json_array_new ();
                for (guint p = 0; info->names[p]; p++)
                  json_array_add_string_element (names, info->names[p]);
                json_object_set_array_member (c, "names", names);
              }
            else
              json_object_set_null_member (c, "names");
            json_array_add_object_element (arr, c);
          }
        json_object_set_array_member (o, "controllers", arr);
        json_object_set_int_member (o, "t", msg->t);
        break;
      }
    case FP_MESSAGE_PIN:
      json_object_set_string_member (o, "ctrl", msg->ctrl);
      json_object_set_int_member (o, "pin", msg->pin);
      json_object_set_string_member (o, "dir", fp_direction_to_string (msg->state.dir));
      json_object_set_string_member (o, "drive", fp_drive_to_string (msg->state.drive));
      json_object_set_member (o, "level", level_node (msg->state.level));
      add_str_or_null (o, "pull", fp_pull_to_string (msg->state.pull));
      json_object_set_member (o, "panel", level_node (msg->state.panel));
      json_object_set_int_member (o, "t", msg->t);
      g_assert_cmpint (msg->state.t, ==, msg->t);
      break;
    case FP_MESSAGE_DROPPED:
      json_object_set_string_member (o, "ctrl", msg->ctrl);
      json_object_set_int_member (o, "pin", msg->pin);
      json_object_set_int_member (o, "edges", (gint64) msg->edges);
      json_object_set_int_member (o, "t", msg->t);
      break;
    case FP_MESSAGE_RESET:
      json_object_set_int_member (o, "t", msg->t);
      break;
    case FP_MESSAGE_PONG:
    case FP_MESSAGE_SYNCED:
      json_object_set_int_member (o, "t", msg->t);
      break;
    case FP_MESSAGE_ERROR:
      json_object_set_string_member (o, "code", fp_protocol_error_to_string (msg->code));
      json_object_set_string_member (o, "message", msg->message);
      break;
    case FP_MESSAGE_CLIENT_HELLO:
      json_object_set_int_member (o, "version", msg->version);
      add_str_or_null (o, "client", msg->client);
      break;
    case FP_MESSAGE_SET:
      json_object_set_string_member (o, "ctrl", msg->ctrl);
      json_object_set_int_member (o, "pin", msg->pin);
      json_object_set_int_member (o, "level", msg->level);
      break;
    case FP_MESSAGE_RELEASE:
      json_object_set_string_member (o, "ctrl", msg->ctrl);
      json_object_set_int_member (o, "pin", msg->pin);
      break;
    case FP_MESSAGE_SYNC:
    case FP_MESSAGE_PING:
      break;
    }
  if (msg->kind == FP_MESSAGE_PONG || msg->kind == FP_MESSAGE_SYNCED ||
      msg->kind == FP_MESSAGE_ERROR || !event)
    {
      if (msg->has_id)
        json_object_set_int_member (o, "id", (gint64) msg->id);
      else
        json_object_set_null_member (o, "id");
    }
  return json_node_init_object (json_node_alloc (), o);
}

static GPtrArray *
served_controllers (void)
{
  GPtrArray *ctrls = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_controller_info_free);

  /* The server context vectors/README.md describes. */
  g_ptr_array_add (ctrls, fp_controller_info_new ("gpioa", "test-gpio", "/machine/gpioa", 16));
  return ctrls;
}

static void
test_vector (gconstpointer data)
{
  const Vector *vec = data;
  JsonObject *v = vec->vector;
  g_autoptr(GBytes) line = raw_line (v);
  FpRecipient to = g_str_equal (json_object_get_string_member (v, "to"), "panel") ? FP_TO_PANEL : FP_TO_QEMU;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpMessage) msg = NULL;
  gint64 error_id = -2;
  gsize len;
  const char *bytes = g_bytes_get_data (line, &len);

  g_test_message ("%s:%u: %s", vec->file, vec->lineno,
                  json_object_get_string_member_with_default (v, "note", ""));
  msg = fp_message_decode (bytes, len, to, &error_id, &error);

  if (json_object_has_member (v, "error"))
    {
      const char *expected = json_object_get_string_member (v, "error");
      int code = fp_protocol_error_from_string (expected);
      gint64 expected_id = json_object_get_int_member_with_default (v, "error_id", -1);

      g_assert_cmpint (code, >=, 0);
      if (msg != NULL && to == FP_TO_QEMU)
        {
          /* unknown-controller / unknown-pin are the server's checks, after decoding. */
          g_autoptr(GPtrArray) ctrls = served_controllers ();
          g_assert_cmpint (fp_message_check_target (msg, ctrls, &error), ==, -2);
          error_id = msg->has_id ? (gint64) msg->id : -1;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == FP_PROTOCOL_ERROR);
      if (error->code != code)
        g_error ("%s:%u: expected %s, got %s: %s", vec->file, vec->lineno, expected,
                 fp_protocol_error_to_string (error->code), error->message);
      g_assert_cmpint (error_id, ==, expected_id);
      return;
    }

  if (msg == NULL)
    g_error ("%s:%u: valid line rejected: %s", vec->file, vec->lineno, error->message);
  {
    g_autoptr(JsonNode) meaning = meaning_of (msg);
    g_autofree char *encoded = fp_message_encode (msg);
    g_autofree char *got = json_to_string (meaning, FALSE);
    g_autofree char *want = json_to_string (json_object_get_member (v, "meaning"), FALSE);

    if (!json_node_equal (meaning, json_object_get_member (v, "meaning")))
      g_error ("%s:%u: meaning differs\n got: %s\nwant: %s", vec->file, vec->lineno, got, want);
    g_assert_cmpstr (encoded, ==, json_object_get_string_member (v, "canonical"));
  }
  /* The canonical form decodes to the same message (a fixed point). */
  {
    g_autofree char *encoded = fp_message_encode (msg);
    g_autoptr(FpMessage) again = fp_message_decode (encoded, strlen (encoded), to, NULL, &error);
    g_autofree char *reencoded = NULL;

    g_assert_no_error (error);
    reencoded = fp_message_encode (again);
    g_assert_cmpstr (reencoded, ==, encoded);
  }
}

static void
vector_free (gpointer data)
{
  Vector *vec = data;

  g_free (vec->file);
  json_object_unref (vec->vector);
  g_free (vec);
}

int
main (int argc, char **argv)
{
  const char *dir = g_getenv ("FP_VECTORS_DIR") ? g_getenv ("FP_VECTORS_DIR") : VECTORS_DIR;
  const char *files[] = { "events-valid.jsonl", "events-invalid.jsonl",
                          "commands-valid.jsonl", "commands-invalid.jsonl" };
  g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func (vector_free);
  int ret;

  g_test_init (&argc, &argv, NULL);
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_build_filename (dir, files[f], NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &contents, NULL, &error))
        g_error ("%s", error->message);
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          Vector *vec;
          g_autofree char *name = NULL;

          if (lines[i][0] == '\0')
            continue;
          if (!json_parser_load_from_data (parser, lines[i], -1, &error))
            g_error ("%s:%u: %s", path, i + 1, error->message);
          vec = g_new0 (Vector, 1);
          vec->file = g_strdup (files[f]);
          vec->lineno = i + 1;
          vec->vector = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
          g_ptr_array_add (vectors, vec);
          name = g_strdup_printf ("/vectors/%s/%u", files[f], i + 1);
          g_test_add_data_func (name, vec, test_vector);
        }
    }
  g_assert_cmpuint (vectors->len, >, 100);
  ret = g_test_run ();
  return ret;
}
