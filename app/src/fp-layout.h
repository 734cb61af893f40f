/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-layout.h: a board's panel layout, loaded from a JSON file
 * (data/boards/README.md has the format, layout.schema.json its schema), or
 * made up from a hello for a board without one.
 *
 * Plain GLib and json-glib, no GTK: the loader is unit-tested without a
 * display. Every error names the place it comes from as FILE:LINE:COL, the
 * way a compiler does, so the user can go and fix it.
 */
#pragma once

#include <glib-object.h>

#include "fp-message.h"

G_BEGIN_DECLS

#define FP_LAYOUT_ERROR (fp_layout_error_quark ())
GQuark fp_layout_error_quark (void);

typedef enum {
  FP_LAYOUT_ERROR_SYNTAX,    /* not JSON */
  FP_LAYOUT_ERROR_INVALID,   /* JSON, but not a layout: wrong type, missing member, bad value */
  FP_LAYOUT_ERROR_MISMATCH,  /* a layout, but not for this machine: no such controller or pin */
} FpLayoutError;

typedef enum {
  FP_LAYOUT_LED,
  FP_LAYOUT_RGB_LED,
  FP_LAYOUT_LED_MATRIX,
  FP_LAYOUT_BUTTON,
  FP_LAYOUT_SWITCH,
} FpLayoutKind;

/* One pin as the layout names it, and where in the file it does (line and
 * column from 1, columns counted in characters; 0 in automatic layouts). */
typedef struct {
  char *ctrl;
  guint pin;
  guint line, col;
} FpLayoutPin;

/* A widget on the board. Coordinates are in layout units (the board's
 * "size"), the widget's centre at (x, y); the view scales them all alike. */
typedef struct {
  FpLayoutKind kind;
  char *id;             /* unique in the layout */
  char *label;          /* shown next to the widget, and its accessible name */
  double x, y;
  double size;          /* diameter (LEDs, buttons) or cell pitch (matrix) */
  guint32 color;        /* 0xRRGGBB; LEDs only */
  gboolean active_low;  /* LED lit / button pressed at level 0 */

  /* LED, button, switch: pins[0]. RGB LED: red, green, blue.
   * LED matrix: the rows, then the columns. */
  GArray *pins;         /* of FpLayoutPin */
  guint n_rows, n_cols; /* LED matrix only */
  gboolean cols_active_low; /* LED matrix: a pixel is lit when its row is
                             * active (active_low says which level) and its
                             * column is active (this says which level) */
  guint grid_w, grid_h; /* LED matrix: the physical grid it is drawn as */
  int *map_x, *map_y;   /* LED matrix: n_rows * n_cols each, row-major: where
                         * pixel (row, col) is drawn, -1 for none; NULL when
                         * the grid is n_rows x n_cols, pixel (r, c) at (c, r) */

  char *key;            /* buttons and switches: keyboard key name, or NULL */
  guint bounce_edges;   /* 0: no bounce; else odd, ≥ 3 */
  guint bounce_ms;
  guint32 bounce_seed;
  gboolean drive_released;  /* buttons and switches: the board has no pull
                             * resistor for the pin, so the panel drives the
                             * released level whenever it is connected */

  guint line, col;      /* where the widget's object starts */
} FpLayoutWidget;

/* Decoration: a row or block of header pins, drawn as squares on a pitch. */
typedef struct {
  char *label;          /* or NULL */
  double x, y;          /* top-left pin's centre */
  guint rows, cols;
  double pitch;
} FpLayoutHeader;

/* Decoration: a text label. */
typedef struct {
  char *text;
  double x, y;          /* the text's centre */
  double size;          /* font height in layout units */
} FpLayoutLabel;

#define FP_TYPE_LAYOUT (fp_layout_get_type ())
G_DECLARE_FINAL_TYPE (FpLayout, fp_layout, FP, LAYOUT, GObject)

/* Parses and validates a layout. @name is the file name used in errors. */
FpLayout *fp_layout_new_from_file (const char *path, GError **error);
FpLayout *fp_layout_new_from_bytes (GBytes *bytes, const char *name, GError **error);
/* One of the bundled layouts (data/boards/BOARD.json, in the GResource);
 * G_RESOURCE_ERROR_NOT_FOUND when there is no such board. */
FpLayout *fp_layout_new_for_board (const char *board, GError **error);
/* A layout for any machine: per controller a row of pins, each an LED that
 * follows the pin and a switch that drives it. */
FpLayout *fp_layout_new_automatic (const char *machine,
                                   const FpControllerInfo *controllers,
                                   guint n_controllers);

/* The bundled board whose layout serves @machine (a board may serve
 * several machines, e.g. raspi3b and raspi3ap), or NULL. */
const char *fp_layout_board_for_machine (const char *machine);
/* NULL-terminated list of the bundled boards, sorted. */
const char * const *fp_layout_list_boards (void);

/* Checks that every pin the layout names exists on this machine. The error
 * points at the first pin that does not (FP_LAYOUT_ERROR_MISMATCH). */
gboolean fp_layout_check (FpLayout *self,
                          const FpControllerInfo *controllers,
                          guint n_controllers,
                          GError **error);

const char *fp_layout_get_name (FpLayout *self);   /* file name, or "automatic" */
const char *fp_layout_get_board (FpLayout *self);  /* "microbit"; the machine for automatic ones */
const char *fp_layout_get_title (FpLayout *self);  /* "BBC micro:bit" */
void fp_layout_get_size (FpLayout *self, double *width, double *height);
guint32 fp_layout_get_color (FpLayout *self);      /* the board's PCB colour, 0xRRGGBB */

guint fp_layout_get_n_widgets (FpLayout *self);
const FpLayoutWidget *fp_layout_get_widget (FpLayout *self, guint index);
guint fp_layout_get_n_headers (FpLayout *self);
const FpLayoutHeader *fp_layout_get_header (FpLayout *self, guint index);
guint fp_layout_get_n_labels (FpLayout *self);
const FpLayoutLabel *fp_layout_get_label (FpLayout *self, guint index);

G_END_DECLS
