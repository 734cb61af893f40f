/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "fp-framer.h"

typedef struct {
  GPtrArray *lines;             /* "TOO-LONG:<n>" for discarded lines */
  gsize max_pending;
} Collect;

static void
collect_cb (const char *line, gsize len, gpointer data)
{
  Collect *c = data;

  if (line == NULL)
    g_ptr_array_add (c->lines, g_strdup_printf ("TOO-LONG:%" G_GSIZE_FORMAT, len));
  else
    {
      g_assert_cmpuint (strlen (line), ==, len);
      g_ptr_array_add (c->lines, g_strndup (line, len));
    }
}

/* Feeds @input in pieces of @chunk bytes and returns what came out. */
static GPtrArray *
frame (const char *input, gsize input_len, gsize max_line, gsize chunk, gsize *max_pending)
{
  g_autoptr(FpFramer) framer = fp_framer_new (max_line);
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };

  for (gsize off = 0; off < input_len; off += chunk)
    {
      fp_framer_feed (framer, input + off, MIN (chunk, input_len - off), collect_cb, &c);
      c.max_pending = MAX (c.max_pending, fp_framer_pending (framer));
    }
  if (max_pending)
    *max_pending = c.max_pending;
  return c.lines;
}

static void
assert_lines (GPtrArray *got, const char *const *want)
{
  guint n = g_strv_length ((char **) want);

  for (guint i = 0; i < MIN (got->len, n); i++)
    g_assert_cmpstr (got->pdata[i], ==, want[i]);
  g_assert_cmpuint (got->len, ==, n);
}

static void
test_splitting (void)
{
  const char input[] = "{\"a\":1}\n\n  \t\r\n{\"b\":2}\r\nlast\n partial";
  const char *const want[] = { "{\"a\":1}", "{\"b\":2}", "last", NULL };

  /* Every chunk size must give the same lines: framing cannot depend on how reads split. */
  for (gsize chunk = 1; chunk <= sizeof input; chunk++)
    {
      g_autoptr(GPtrArray) lines = frame (input, sizeof input - 1, 100, chunk, NULL);
      assert_lines (lines, want);
    }
}

static void
test_limit (void)
{
  const gsize max = 16;
  g_autoptr(GString) input = g_string_new (NULL);
  gsize max_pending = 0;

  g_string_append (input, "0123456789abcdef\n");        /* exactly max: kept */
  g_string_append (input, "0123456789abcdef\r\n");      /* max plus CR: kept */
  g_string_append (input, "0123456789abcdefg\n");       /* max + 1: too long */
  for (int i = 0; i < 1000; i++)                        /* far too long, one report */
    g_string_append (input, "xxxxxxxxxx");
  g_string_append (input, "\nafter\n");

  for (gsize chunk = 1; chunk <= 40; chunk += 3)
    {
      g_autoptr(GPtrArray) lines = frame (input->str, input->len, max, chunk, &max_pending);
      const char *const want[] = { "0123456789abcdef", "0123456789abcdef", "TOO-LONG:17", "TOO-LONG:10000",
                                   "after", NULL };

      assert_lines (lines, want);
      /* The bound the header promises: one line plus one byte, whatever arrives. */
      g_assert_cmpuint (max_pending, <=, max + 1);
    }
}

static void
test_reset (void)
{
  g_autoptr(FpFramer) framer = fp_framer_new (8);
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  const char *const want[] = { "new", NULL };

  fp_framer_feed (framer, "half a li", 9, collect_cb, &c);
  fp_framer_reset (framer);
  g_assert_cmpuint (fp_framer_pending (framer), ==, 0);
  fp_framer_feed (framer, "new\n", 4, collect_cb, &c);
  assert_lines (c.lines, want);
  g_ptr_array_unref (c.lines);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/framer/splitting", test_splitting);
  g_test_add_func ("/framer/limit", test_limit);
  g_test_add_func ("/framer/reset", test_reset);
  return g_test_run ();
}
