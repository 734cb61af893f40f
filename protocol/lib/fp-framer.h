/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-framer.h: splits a byte stream into protocol lines (PROTOCOL.md §1)
 * without ever holding more than one maximum-length line.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:fp-framer
 * @title: FpFramer
 * @short_description: splitting a byte stream into protocol lines
 *
 * An #FpFramer takes the bytes of a connection as they come, in reads of
 * any size, and hands out each complete line. It never holds more than one
 * line of the maximum length (plus one byte), so a peer that never sends a
 * newline cannot make it buffer without end: the rest of an over-long line
 * is skipped, and reported once.
 */

/**
 * FpFramer:
 *
 * An opaque line splitter; create it with fp_framer_new().
 */
typedef struct _FpFramer FpFramer;

/**
 * FpFramerFunc:
 * @line: (nullable): a complete line without "\n" or a trailing "\r", NUL-terminated;
 *   %NULL when the line was longer than the limit and has been discarded
 * @len: its length, or for an over-long line the number of bytes discarded
 * @user_data: what was given to fp_framer_feed()
 *
 * Called once per non-blank line, in stream order. A line of only spaces
 * and tabs is blank.
 */
typedef void (*FpFramerFunc) (const char *line, gsize len, gpointer user_data);

/**
 * fp_framer_new:
 * @max_line: the longest line in bytes, without its newline, that is
 *   handed out (%FP_MAX_LINE for the protocol); must be greater than 0
 *
 * Creates a framer for one stream.
 *
 * Returns: (transfer full): a new framer; free it with fp_framer_free()
 */
FpFramer *fp_framer_new (gsize max_line);

/**
 * fp_framer_free:
 * @framer: (nullable): a framer
 *
 * Frees @framer and an unfinished line it holds.
 */
void fp_framer_free (FpFramer *framer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpFramer, fp_framer_free)

/**
 * fp_framer_feed:
 * @framer: a framer
 * @data: (array length=len): bytes read from the stream
 * @len: how many
 * @func: (scope call): called for every line that @data completes
 * @user_data: passed to @func
 *
 * Feeds @len bytes, which may end anywhere in a line: what follows the last
 * newline is kept for the next call.
 */
void fp_framer_feed (FpFramer *framer, const char *data, gsize len,
                     FpFramerFunc func, gpointer user_data);

/**
 * fp_framer_pending:
 * @framer: a framer
 *
 * Tells how much of an unfinished line the framer holds.
 *
 * Returns: the bytes of an unfinished line held now, at most max_line + 1
 */
gsize fp_framer_pending (const FpFramer *framer);

/**
 * fp_framer_reset:
 * @framer: a framer
 *
 * Forgets an unfinished line, e.g. after a reconnect, whose stream starts
 * afresh.
 */
void fp_framer_reset (FpFramer *framer);

G_END_DECLS
