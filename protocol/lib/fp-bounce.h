/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-bounce.h: reproducible switch-bounce edge sequences.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:fp-bounce
 * @title: Switch bounce
 * @short_description: reproducible switch-bounce edge sequences
 *
 * A real contact does not close once: it bounces a few times within
 * milliseconds. fp_bounce_generate() makes such a sequence of edges from a
 * seed, so that a test that presses a bouncing button sees the same edges
 * on every run and every machine.
 */

/**
 * FpBounceEdge:
 * @offset_us: time from the first edge, in microseconds
 * @level: the level the contact shows from then on
 *
 * One edge of a bouncing contact.
 */
typedef struct {
  gint64 offset_us;
  int level;
} FpBounceEdge;

/**
 * fp_bounce_generate:
 * @level: the level the contact settles on (0 or 1)
 * @edges: how many transitions in all, odd so that the last one lands on
 *   @level; 1 is a clean switch
 * @duration_us: time from the first to the last edge; at least @edges - 1
 * @seed: the same seed always gives the same sequence, on every machine
 *
 * The first edge is at offset 0 and already shows @level (the contact
 * touches), the last at @duration_us; the ones between fall at seeded
 * random, strictly increasing offsets, alternating between the two levels.
 *
 * Returns: (transfer full): a #GArray of @edges #FpBounceEdge, or %NULL when
 *   @edges is even or zero or @duration_us too short for them.
 */
GArray *fp_bounce_generate (int level, guint edges, gint64 duration_us, guint32 seed);

G_END_DECLS
