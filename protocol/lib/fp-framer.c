/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-framer.c: line framing with a hard bound on buffered bytes.
 *
 * GDataInputStream's read_line has no length limit, so a peer that never
 * sends "\n" could make us buffer without end. This framer keeps at most one
 * line (plus one byte, for a "\r" before the "\n") and skips the remainder of
 * an over-long line, reporting it once.
 */
#include "config.h"

#include <string.h>

#include "fp-framer.h"

struct _FpFramer {
  gsize max_line;
  GString *line;
  /* Inside an over-long line: bytes are dropped until the next "\n". */
  gboolean discarding;
  gsize discarded;
};

FpFramer *
fp_framer_new (gsize max_line)
{
  FpFramer *framer = g_new0 (FpFramer, 1);

  g_return_val_if_fail (max_line > 0, NULL);

  framer->max_line = max_line;
  framer->line = g_string_sized_new (MIN (max_line + 2, 4096));
  return framer;
}

void
fp_framer_free (FpFramer *framer)
{
  if (framer == NULL)
    return;
  g_string_free (framer->line, TRUE);
  g_free (framer);
}

void
fp_framer_reset (FpFramer *framer)
{
  g_string_truncate (framer->line, 0);
  framer->discarding = FALSE;
  framer->discarded = 0;
}

gsize
fp_framer_pending (const FpFramer *framer)
{
  return framer->line->len;
}

static gboolean
is_blank (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

static void
finish_line (FpFramer *framer, FpFramerFunc func, gpointer user_data)
{
  GString *line = framer->line;

  if (framer->discarding)
    {
      func (NULL, framer->discarded, user_data);
      framer->discarding = FALSE;
      framer->discarded = 0;
      return;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (line->len > framer->max_line)
    func (NULL, line->len, user_data);
  else if (!is_blank (line->str, line->len))
    func (line->str, line->len, user_data);
  g_string_truncate (line, 0);
}

void
fp_framer_feed (FpFramer *framer, const char *data, gsize len,
                FpFramerFunc func, gpointer user_data)
{
  while (len > 0)
    {
      const char *nl = memchr (data, '\n', len);
      gsize chunk = nl ? (gsize) (nl - data) : len;

      if (framer->discarding)
        framer->discarded += chunk;
      else if (framer->line->len + chunk > framer->max_line + 1)
        {
          /* One byte of slack so that a "\r" ending a maximal line still fits. */
          framer->discarding = TRUE;
          framer->discarded = framer->line->len + chunk;
          g_string_truncate (framer->line, 0);
        }
      else
        g_string_append_len (framer->line, data, chunk);

      if (nl == NULL)
        return;
      finish_line (framer, func, user_data);
      data += chunk + 1;
      len -= chunk + 1;
    }
}
