/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdlib.h>

#include "fp-bounce.h"

static int
compare_offsets (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GArray *
fp_bounce_generate (int level, guint edges, gint64 duration_us, guint32 seed)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree gint64 *offsets = NULL;
  GArray *result;

  if (edges == 0 || edges % 2 == 0 || (level != 0 && level != 1) ||
      (edges > 1 && duration_us < (gint64) edges - 1))
    return NULL;

  result = g_array_sized_new (FALSE, FALSE, sizeof (FpBounceEdge), edges);
  offsets = g_new (gint64, edges);
  offsets[0] = 0;
  if (edges > 1)
    {
      /* GRand is a Mersenne Twister: the same seed gives the same sequence everywhere. */
      rand = g_rand_new_with_seed (seed);
      offsets[edges - 1] = duration_us;
      for (guint i = 1; i < edges - 1; i++)
        offsets[i] = (gint64) g_rand_double_range (rand, 1, (double) duration_us);
      qsort (offsets + 1, edges - 2, sizeof (gint64), compare_offsets);
      /* Pull collisions apart; the room was checked above, so this never passes the end. */
      for (guint i = 1; i < edges - 1; i++)
        if (offsets[i] <= offsets[i - 1])
          offsets[i] = offsets[i - 1] + 1;
      for (guint i = edges - 2; i >= 1 && offsets[i] >= offsets[i + 1]; i--)
        offsets[i] = offsets[i + 1] - 1;
    }
  for (guint i = 0; i < edges; i++)
    {
      /* Edge 0 shows the new level; after that the contact springs back and forth. */
      FpBounceEdge edge = { offsets[i], i % 2 == 0 ? level : !level };
      g_array_append_val (result, edge);
    }
  return result;
}
