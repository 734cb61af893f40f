/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-pin-table-private.h: for the tests.
 */
#pragma once

#include "fp-pin-row.h"
#include "fp-pin-table.h"

G_BEGIN_DECLS

/* The rows, one #FpPinRow per pin, controller after controller. */
GListModel *_fp_pin_table_get_model (FpPinTable *self);
/* The row of pin @pin of controller @ctrl (indices as in #FpClient), or %NULL. */
FpPinRow *_fp_pin_table_get_row (FpPinTable *self, guint ctrl, guint pin);

G_END_DECLS
