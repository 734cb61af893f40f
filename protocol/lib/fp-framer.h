/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-framer.h: splits a byte stream into protocol lines (PROTOCOL.md §1)
 * without ever holding more than one maximum-length line.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FpFramer FpFramer;

/**
 * FpFramerFunc:
 * @line: (nullable): a complete line without "\n" or a trailing "\r", NUL-terminated;
 *   %NULL when the line was longer than the limit and has been discarded
 * @len: its length, or for an over-long line the number of bytes discarded
 *
 * Called once per non-blank line, in stream order.
 */
typedef void (*FpFramerFunc) (const char *line, gsize len, gpointer user_data);

FpFramer *fp_framer_new (gsize max_line);
void fp_framer_free (FpFramer *framer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpFramer, fp_framer_free)

/* Feeds @len bytes; calls @func for every line they complete. */
void fp_framer_feed (FpFramer *framer, const char *data, gsize len,
                     FpFramerFunc func, gpointer user_data);

/* Bytes of an unfinished line held now (at most max_line + 1). */
gsize fp_framer_pending (const FpFramer *framer);

/* Forgets an unfinished line (after a reconnect). */
void fp_framer_reset (FpFramer *framer);

G_END_DECLS
