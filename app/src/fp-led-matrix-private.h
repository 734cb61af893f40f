/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-matrix-private.h: for the tests.
 */
#pragma once

#include "fp-led-matrix.h"

G_BEGIN_DECLS

/* How many times the matrix was drawn (its snapshot() ran). */
guint _fp_led_matrix_get_n_snapshots (FpLedMatrix *self);
/* Whether a tick is pending: FALSE once it showed the steady level. */
gboolean _fp_led_matrix_is_ticking (FpLedMatrix *self);

G_END_DECLS
