/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-json.c: strict JSON for protocol lines (see fp-json-private.h for why).
 */
#include "config.h"

#include <string.h>

#include "fp-json-private.h"

typedef struct {
  const char *p;
  const char *start;
  const char *end;
  GError **error;
} Parser;

static gboolean
fail (Parser *ps, const char *what)
{
  g_set_error (ps->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s at byte %" G_GSIZE_FORMAT, what, (gsize) (ps->p - ps->start) + 1);
  return FALSE;
}

static void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end &&
         (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

static JsonNode *parse_value (Parser *ps, guint depth);

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
parse_hex4 (Parser *ps, gunichar *out)
{
  gunichar v = 0;

  if (ps->end - ps->p < 4)
    return fail (ps, "truncated \\u escape");
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (ps->p[i]);
      if (d < 0)
        return fail (ps, "bad hex digit in \\u escape");
      v = v * 16 + (gunichar) d;
    }
  ps->p += 4;
  *out = v;
  return TRUE;
}

/* On entry ps->p is just past the opening quote. */
static char *
parse_string (Parser *ps)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (;;)
    {
      const char *run = ps->p;

      while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (guchar) *ps->p >= 0x20)
        ps->p++;
      g_string_append_len (s, run, ps->p - run);
      if (ps->p >= ps->end)
        {
          fail (ps, "unterminated string");
          return NULL;
        }
      if (*ps->p == '"')
        {
          ps->p++;
          return g_string_free (g_steal_pointer (&s), FALSE);
        }
      if (*ps->p != '\\')
        {
          fail (ps, "control character in string");
          return NULL;
        }
      ps->p++;
      if (ps->p >= ps->end)
        {
          fail (ps, "unterminated escape");
          return NULL;
        }
      switch (*ps->p++)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!parse_hex4 (ps, &c))
              return NULL;
            if (c >= 0xdc00 && c <= 0xdfff)
              {
                fail (ps, "lone low surrogate in \\u escape");
                return NULL;
              }
            if (c >= 0xd800 && c <= 0xdbff)
              {
                if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
                  {
                    fail (ps, "lone high surrogate in \\u escape");
                    return NULL;
                  }
                ps->p += 2;
                if (!parse_hex4 (ps, &low))
                  return NULL;
                if (low < 0xdc00 || low > 0xdfff)
                  {
                    fail (ps, "bad surrogate pair in \\u escape");
                    return NULL;
                  }
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              }
            if (c == 0)
              {
                fail (ps, "NUL character (\\u0000) in string");
                return NULL;
              }
            g_string_append_unichar (s, c);
            break;
          }
        default:
          ps->p--;
          fail (ps, "unknown escape");
          return NULL;
        }
    }
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *begin = ps->p;
  gboolean integral = TRUE;
  JsonNode *node;

  if (ps->p < ps->end && *ps->p == '-')
    ps->p++;
  if (ps->p >= ps->end || !g_ascii_isdigit (*ps->p))
    {
      fail (ps, "bad number");
      return NULL;
    }
  if (*ps->p == '0')
    ps->p++;
  else
    while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
      ps->p++;
  if (ps->p < ps->end && *ps->p == '.')
    {
      integral = FALSE;
      ps->p++;
      if (ps->p >= ps->end || !g_ascii_isdigit (*ps->p))
        {
          fail (ps, "bad number: digit expected after '.'");
          return NULL;
        }
      while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
        ps->p++;
    }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
    {
      integral = FALSE;
      ps->p++;
      if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
        ps->p++;
      if (ps->p >= ps->end || !g_ascii_isdigit (*ps->p))
        {
          fail (ps, "bad number: digit expected in exponent");
          return NULL;
        }
      while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
        ps->p++;
    }

  {
    g_autofree char *text = g_strndup (begin, ps->p - begin);

    node = json_node_alloc ();
    if (integral)
      {
        /* Overflow saturates at G_MAXINT64/G_MININT64: still out of every range. */
        json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));
      }
    else
      json_node_init_double (node, g_ascii_strtod (text, NULL));
  }
  return node;
}

static gboolean
match_word (Parser *ps, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (ps->end - ps->p) < n || memcmp (ps->p, word, n) != 0)
    return FALSE;
  ps->p += n;
  return TRUE;
}

static JsonNode *
parse_object (Parser *ps, guint depth)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonNode *node;

  ps->p++;                      /* '{' */
  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == '}')
    ps->p++;
  else
    for (;;)
      {
        g_autofree char *key = NULL;
        JsonNode *value;

        skip_ws (ps);
        if (ps->p >= ps->end || *ps->p != '"')
          {
            fail (ps, "member name (a string) expected");
            return NULL;
          }
        ps->p++;
        if (!(key = parse_string (ps)))
          return NULL;
        if (json_object_has_member (obj, key))
          {
            fail (ps, "duplicate member name");
            return NULL;
          }
        skip_ws (ps);
        if (ps->p >= ps->end || *ps->p != ':')
          {
            fail (ps, "':' expected");
            return NULL;
          }
        ps->p++;
        if (!(value = parse_value (ps, depth + 1)))
          return NULL;
        json_object_set_member (obj, key, value);
        skip_ws (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            continue;
          }
        if (ps->p < ps->end && *ps->p == '}')
          {
            ps->p++;
            break;
          }
        fail (ps, "',' or '}' expected");
        return NULL;
      }
  node = json_node_alloc ();
  json_node_init_object (node, obj);
  return node;
}

static JsonNode *
parse_array (Parser *ps, guint depth)
{
  g_autoptr(JsonArray) arr = json_array_new ();
  JsonNode *node;

  ps->p++;                      /* '[' */
  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == ']')
    ps->p++;
  else
    for (;;)
      {
        JsonNode *value = parse_value (ps, depth + 1);

        if (value == NULL)
          return NULL;
        json_array_add_element (arr, value);
        skip_ws (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            continue;
          }
        if (ps->p < ps->end && *ps->p == ']')
          {
            ps->p++;
            break;
          }
        fail (ps, "',' or ']' expected");
        return NULL;
      }
  node = json_node_alloc ();
  json_node_init_array (node, arr);
  return node;
}

static JsonNode *
parse_value (Parser *ps, guint depth)
{
  skip_ws (ps);
  if (ps->p >= ps->end)
    {
      fail (ps, "value expected");
      return NULL;
    }
  /* @depth counts the containers around this value; this one would be number depth + 1. */
  if ((*ps->p == '{' || *ps->p == '[') && depth >= FP_JSON_MAX_DEPTH)
    {
      fail (ps, "nested more than " G_STRINGIFY (FP_JSON_MAX_DEPTH) " deep");
      return NULL;
    }
  switch (*ps->p)
    {
    case '{':
      return parse_object (ps, depth);
    case '[':
      return parse_array (ps, depth);
    case '"':
      {
        g_autofree char *s = NULL;

        ps->p++;
        if (!(s = parse_string (ps)))
          return NULL;
        return json_node_init_string (json_node_alloc (), s);
      }
    default:
      break;
    }
  if (*ps->p == '-' || g_ascii_isdigit (*ps->p))
    return parse_number (ps);
  if (match_word (ps, "true"))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (match_word (ps, "false"))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  if (match_word (ps, "null"))
    return json_node_init_null (json_node_alloc ());
  fail (ps, "value expected");
  return NULL;
}

JsonNode *
fp_json_parse (const char *text, gsize len, GError **error)
{
  Parser ps = { text, text, text + len, error };
  const char *bad;
  JsonNode *root;

  if (!g_utf8_validate_len (text, len, &bad))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s at byte %" G_GSIZE_FORMAT,
                   *bad == '\0' ? "NUL byte" : "invalid UTF-8", (gsize) (bad - text) + 1);
      return NULL;
    }
  if (!(root = parse_value (&ps, 0)))
    return NULL;
  skip_ws (&ps);
  if (ps.p != ps.end)
    {
      json_node_unref (root);
      fail (&ps, "unexpected text after the JSON value");
      return NULL;
    }
  return root;
}

void
fp_json_append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      guchar c = (guchar) *s;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}
