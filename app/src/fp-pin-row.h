/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-pin-row.h: one pin of one controller, as a row of the pin table.
 */
#pragma once

#include <glib-object.h>

#include "fp-message.h"

G_BEGIN_DECLS

#define FP_TYPE_PIN_ROW (fp_pin_row_get_type ())
G_DECLARE_FINAL_TYPE (FpPinRow, fp_pin_row, FP, PIN_ROW, GObject)

FpPinRow *fp_pin_row_new (const char *ctrl_id, guint pin, const char *name,
                          const FpPinState *state);

/* Takes the pin's new state; notifies only the properties that changed. */
void fp_pin_row_set_state (FpPinRow *self, const FpPinState *state);

/* Which pin this is, as the protocol names it: "gpioa" and 7. */
const char *fp_pin_row_get_ctrl_id (FpPinRow *self);
guint fp_pin_row_get_index (FpPinRow *self);
/* The level the panel drives, 0 or 1, or FP_LEVEL_Z when it drives none. */
int fp_pin_row_get_panel_level (FpPinRow *self);

/* The displayed texts: "gpioa 7", "PA7" (or ""), "out", "1" (or "z"),
 * "guest", "up" (or "" when unknown), "0" (or "" when the panel does not
 * drive the pin); dir, drive and pull in the user's language. All are
 * owned by the row or static. */
const char *fp_pin_row_get_pin (FpPinRow *self);
const char *fp_pin_row_get_name (FpPinRow *self);
const char *fp_pin_row_get_dir (FpPinRow *self);
const char *fp_pin_row_get_level (FpPinRow *self);
const char *fp_pin_row_get_drive (FpPinRow *self);
const char *fp_pin_row_get_pull (FpPinRow *self);
const char *fp_pin_row_get_panel (FpPinRow *self);

/* How often the pin toggles ("1.00 kHz"), from the virtual timestamps of
 * its recent edges, "" when it does not; as of virtual time @now (the
 * latest event's), so a pin that stopped toggling stops showing a rate. */
const char *fp_pin_row_get_rate (FpPinRow *self);
void fp_pin_row_update_rate (FpPinRow *self, gint64 now);

G_END_DECLS
