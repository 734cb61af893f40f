/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-matrix.h: a multiplexed LED matrix (micro:bit): row and column
 * pins, a pixel lit while its row and its column are both active. The guest
 * scans it faster than a frame, so each pixel is drawn at the fraction of
 * the frame's virtual time it was lit, as the eye sees a scanned display
 * (times the number of rows: a matrix whose rows take turns is built to
 * look fully bright when each is lit its 1/n_rows share of the time).
 *
 * The micro:bit's 3x9 electrical matrix is shown as its 5x5 physical grid:
 * a pixel map says where each (row, col) pixel sits, and which of the 27
 * have no LED at all.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-led.h"
#include "fp-message.h"

G_BEGIN_DECLS

#define FP_TYPE_LED_MATRIX (fp_led_matrix_get_type ())
G_DECLARE_FINAL_TYPE (FpLedMatrix, fp_led_matrix, FP, LED_MATRIX, FpLedBase)

GtkWidget *fp_led_matrix_new (guint n_rows, guint n_cols,
                              gboolean rows_active_low, gboolean cols_active_low,
                              guint32 rgb);
/* The side of a grid cell in pixels (default 24): the LED in it is as an
 * FpLed whose widget is that wide. */
void fp_led_matrix_set_pitch (FpLedMatrix *self, int pitch);
/* Where electrical pixel (row, col) is drawn, in a grid_w x grid_h grid;
 * without a map, the grid is n_rows x n_cols and pixel (r, c) at (c, r). */
void fp_led_matrix_set_map (FpLedMatrix *self, guint grid_w, guint grid_h,
                            const int *x, const int *y); /* n_rows * n_cols each, row-major; -1: no LED */
void fp_led_matrix_push_row (FpLedMatrix *self, guint row, const FpPinState *state);
void fp_led_matrix_push_col (FpLedMatrix *self, guint col, const FpPinState *state);
/* Drawn brightness of electrical pixel (row, col), 0.0-1.0: the share of
 * the time it was lit, as FpLed measures it (before the rows' scaling). */
double fp_led_matrix_get_brightness (FpLedMatrix *self, guint row, guint col);
/* The look of electrical pixel (row, col), from its row's and column's
 * pins: disconnected unless both have a state, driven if the guest drives
 * both, else undriven. */
FpLedLook fp_led_matrix_get_look (FpLedMatrix *self, guint row, guint col);

G_END_DECLS
