/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-led-matrix.c: a multiplexed LED matrix (see fp-led-matrix.h).
 *
 * Every pixel has an estimator (fp-duty.c) fed its lit state, 1 or 0:
 * a row or column event feeds those of the pixels it turns on or off, a
 * few additions each, no allocation, however fast the guest scans. The
 * tick, once a frame, brings every pixel's estimator to the latest event's
 * time and takes its brightness as FpLed does (the same persistence, the
 * same crisp slow blinks), and starts the next window; after SETTLE_TICKS
 * ticks without events it shows the steady picture and removes itself.
 *
 * A row-scanned matrix lights each row a 1/n_rows share of the time and is
 * built (driven harder) to look fully bright so: a pixel is drawn at its
 * lit fraction times n_rows, so that a guest that scans shows the picture
 * it means, not one a third as bright.
 */
#define G_LOG_DOMAIN "fp-led-matrix"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-led-base-private.h"
#include "fp-led-matrix.h"
#include "fp-led-paint.h"
#include "fp-tooltip.h"

#define DEFAULT_PITCH 24
/* The share of full brightness from which a pixel counts as lit. */
#define LIT_THRESHOLD 0.05

typedef struct {
  gboolean connected;
  FpPinState state;
  gboolean active;              /* the guest drives it at its active level */
} Line;

typedef struct {
  gboolean lit;                 /* its row and its column are active now */
  FpDuty duty;                  /* fed lit (1) and unlit (0) */
  double brightness;            /* shown: its lit fraction */
  FpLedPaint paint;
} Pixel;

struct _FpLedMatrix
{
  FpLedBase parent_instance;

  guint n_rows, n_cols;
  gboolean rows_active_low, cols_active_low;
  FpLedColors colors;
  int pitch;
  guint grid_w, grid_h;
  int *map_x, *map_y;           /* n_rows * n_cols each, row-major */

  Line *rows, *cols;
  Pixel *pixels;                /* n_rows * n_cols, row-major */
  gboolean timed;               /* an event came: t holds */
  gint64 t;                     /* the last event's virtual time */
  guint n_lit;                  /* shown lit, among the pixels on the grid */
};

G_DEFINE_FINAL_TYPE (FpLedMatrix, fp_led_matrix, FP_TYPE_LED_BASE)

static gboolean
is_driven (const Line *line)
{
  return line->connected && line->state.drive == FP_DRIVE_GUEST && line->state.level != FP_LEVEL_Z;
}

/* The accessible label, which is its tooltip too. */
static void
describe (FpLedMatrix *self,
          char        *text,
          gsize        size)
{
  const char *label = fp_led_base_get_label (FP_LED_BASE (self));
  gboolean any_connected = FALSE;

  for (guint r = 0; r < self->n_rows; r++)
    any_connected |= self->rows[r].connected;
  for (guint c = 0; c < self->n_cols; c++)
    any_connected |= self->cols[c].connected;

  if (!any_connected)
    /* Translators: a LED matrix's accessible name: its label, its size in LEDs */
    g_snprintf (text, size, _("%s: %ux%u LED matrix, not connected"),
                label ? label : _("Display"), self->grid_w, self->grid_h);
  else
    /* Translators: a LED matrix's accessible name: its label, its size in LEDs, how many are lit */
    g_snprintf (text, size, g_dngettext (GETTEXT_PACKAGE, "%s: %ux%u LED matrix, %u lit",
                                         "%s: %ux%u LED matrix, %u lit", self->n_lit),
                label ? label : _("Display"), self->grid_w, self->grid_h, self->n_lit);
}

static void
fp_led_matrix_format_tooltip (FpLedBase *base,
                              char      *buf,
                              gsize      size)
{
  describe (FP_LED_MATRIX (base), buf, size);
}

/* Works out every pixel's paint from its brightness and its lines. */
static void
show (FpLedMatrix *self)
{
  gboolean changed = FALSE;
  guint n_lit = 0;
  char text[160];

  for (guint r = 0; r < self->n_rows; r++)
    for (guint c = 0; c < self->n_cols; c++)
      {
        guint i = r * self->n_cols + c;
        Pixel *pixel = &self->pixels[i];
        const Line *row = &self->rows[r], *col = &self->cols[c];
        FpLedPaint paint;

        if (!row->connected || !col->connected)
          fp_led_paint_set_disconnected (&paint);
        else if (!is_driven (row) || !is_driven (col))
          fp_led_paint_set_undriven (&paint, row->state.level == FP_LEVEL_Z
                                             || col->state.level == FP_LEVEL_Z,
                                   fp_led_base_get_ink (FP_LED_BASE (self)));
        else
          {
            double drawn = MIN (1.0, pixel->brightness * self->n_rows);

            fp_led_paint_set_driven (&paint, &self->colors, fp_led_perceived (drawn));
            if (drawn >= LIT_THRESHOLD && self->map_x[i] >= 0)
              n_lit++;
          }
        if (!fp_led_paint_equal (&paint, &pixel->paint))
          {
            pixel->paint = paint;
            changed = TRUE;
          }
      }
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->n_lit = n_lit;
  describe (self, text, sizeof text);
  fp_led_base_set_accessible_label (FP_LED_BASE (self), text);
  fp_tooltip_follow (GTK_WIDGET (self));
}

/* Each pixel's brightness over the frame, and the next frame's window;
 * or, @steady, its lit level. */
static void
fp_led_matrix_show_frame (FpLedBase *base,
                          gboolean   steady)
{
  FpLedMatrix *self = FP_LED_MATRIX (base);

  for (guint i = 0; i < self->n_rows * self->n_cols; i++)
    {
      Pixel *pixel = &self->pixels[i];

      /* A pixel's last change may be older than the last event: it stayed
       * as it was until then. */
      fp_duty_push (&pixel->duty, pixel->lit, self->t);
      pixel->brightness = steady ? pixel->lit : fp_duty_brightness (&pixel->duty, FALSE);
      fp_duty_begin_window (&pixel->duty, self->t);
    }
  show (self);
}

static void
fp_led_matrix_restyle (FpLedBase *base)
{
  show (FP_LED_MATRIX (base));
}

/* Virtual time reached @t. */
static void
advance (FpLedMatrix *self,
         gint64       t)
{
  /* The first event, or another QEMU's clock (t never goes back on one
   * connection, PROTOCOL.md): every pixel starts here, as it is. */
  if (!self->timed || t < self->t)
    for (guint i = 0; i < self->n_rows * self->n_cols; i++)
      {
        fp_duty_reset (&self->pixels[i].duty);
        fp_duty_push (&self->pixels[i].duty, self->pixels[i].lit, t);
      }
  self->timed = TRUE;
  self->t = t;
}

static void
update_line (Line             *line,
             const FpPinState *state,
             gboolean          active_low)
{
  line->connected = state != NULL;
  if (state != NULL)
    line->state = *state;
  line->active = is_driven (line) && line->state.level == (active_low ? 0 : 1);
}

static void
relight (FpLedMatrix *self,
         guint        r,
         guint        c)
{
  Pixel *pixel = &self->pixels[r * self->n_cols + c];
  gboolean lit = self->rows[r].active && self->cols[c].active;

  if (lit != pixel->lit)
    {
      pixel->lit = lit;
      fp_duty_push (&pixel->duty, lit, self->t);
    }
}

void
fp_led_matrix_push_row (FpLedMatrix      *self,
                        guint             row,
                        const FpPinState *state)
{
  g_return_if_fail (FP_IS_LED_MATRIX (self));
  g_return_if_fail (row < self->n_rows);

  /* A pin that went away has no time of its own: it goes at the last one. */
  advance (self, state ? state->t : self->t);
  update_line (&self->rows[row], state, self->rows_active_low);
  for (guint c = 0; c < self->n_cols; c++)
    relight (self, row, c);
  fp_led_base_pushed (FP_LED_BASE (self));
}

void
fp_led_matrix_push_col (FpLedMatrix      *self,
                        guint             col,
                        const FpPinState *state)
{
  g_return_if_fail (FP_IS_LED_MATRIX (self));
  g_return_if_fail (col < self->n_cols);

  advance (self, state ? state->t : self->t);
  update_line (&self->cols[col], state, self->cols_active_low);
  for (guint r = 0; r < self->n_rows; r++)
    relight (self, r, col);
  fp_led_base_pushed (FP_LED_BASE (self));
}

double
fp_led_matrix_get_brightness (FpLedMatrix *self,
                              guint        row,
                              guint        col)
{
  g_return_val_if_fail (FP_IS_LED_MATRIX (self), 0);
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, 0);
  return self->pixels[row * self->n_cols + col].brightness;
}

FpLedLook
fp_led_matrix_get_look (FpLedMatrix *self,
                        guint        row,
                        guint        col)
{
  g_return_val_if_fail (FP_IS_LED_MATRIX (self), FP_LED_LOOK_DISCONNECTED);
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, FP_LED_LOOK_DISCONNECTED);
  return self->pixels[row * self->n_cols + col].paint.look;
}

void
fp_led_matrix_set_map (FpLedMatrix *self,
                       guint        grid_w,
                       guint        grid_h,
                       const int   *x,
                       const int   *y)
{
  guint n;

  g_return_if_fail (FP_IS_LED_MATRIX (self));
  g_return_if_fail (grid_w > 0 && grid_h > 0);
  g_return_if_fail (x != NULL && y != NULL);

  n = self->n_rows * self->n_cols;
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail ((x[i] < 0) == (y[i] < 0));
      g_return_if_fail (x[i] < (int) grid_w && y[i] < (int) grid_h);
    }
  self->grid_w = grid_w;
  self->grid_h = grid_h;
  memcpy (self->map_x, x, n * sizeof *x);
  memcpy (self->map_y, y, n * sizeof *y);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  show (self);
}

void
fp_led_matrix_set_pitch (FpLedMatrix *self,
                         int          pitch)
{
  g_return_if_fail (FP_IS_LED_MATRIX (self));
  g_return_if_fail (pitch > 0);

  if (self->pitch == pitch)
    return;
  self->pitch = pitch;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
fp_led_matrix_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  FpLedMatrix *self = FP_LED_MATRIX (widget);
  guint cells = orientation == GTK_ORIENTATION_HORIZONTAL ? self->grid_w : self->grid_h;

  *minimum = *natural = cells * self->pitch;
}

static void
fp_led_matrix_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FpLedMatrix *self = FP_LED_MATRIX (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  float pitch = MIN ((float) self->pitch,
                     MIN ((float) width / self->grid_w, (float) height / self->grid_h));
  float x0 = (width - pitch * self->grid_w) / 2, y0 = (height - pitch * self->grid_h) / 2;
  /* The lens fills the cell but for its glow, as FpLed's does its widget. */
  float diameter = pitch * 16 / fp_led_paint_extent (16);

  GTK_WIDGET_CLASS (fp_led_matrix_parent_class)->snapshot (widget, snapshot);
  for (guint i = 0; i < self->n_rows * self->n_cols; i++)
    if (self->map_x[i] >= 0)
      fp_led_paint_snapshot (&self->pixels[i].paint, snapshot,
                             x0 + (self->map_x[i] + 0.5f) * pitch,
                             y0 + (self->map_y[i] + 0.5f) * pitch, diameter);
}

static void
fp_led_matrix_finalize (GObject *object)
{
  FpLedMatrix *self = (FpLedMatrix *) object;

  g_free (self->map_x);
  g_free (self->map_y);
  g_free (self->rows);
  g_free (self->cols);
  g_free (self->pixels);
  G_OBJECT_CLASS (fp_led_matrix_parent_class)->finalize (object);
}

static void
fp_led_matrix_class_init (FpLedMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FpLedBaseClass *base_class = FP_LED_BASE_CLASS (klass);

  object_class->finalize = fp_led_matrix_finalize;
  widget_class->measure = fp_led_matrix_measure;
  widget_class->snapshot = fp_led_matrix_snapshot;
  base_class->show_frame = fp_led_matrix_show_frame;
  base_class->restyle = fp_led_matrix_restyle;
  base_class->format_tooltip = fp_led_matrix_format_tooltip;

  gtk_widget_class_set_css_name (widget_class, "ledmatrix");
}

static void
fp_led_matrix_init (FpLedMatrix *self)
{
  self->pitch = DEFAULT_PITCH;
}

GtkWidget *
fp_led_matrix_new (guint    n_rows,
                   guint    n_cols,
                   gboolean rows_active_low,
                   gboolean cols_active_low,
                   guint32  rgb)
{
  FpLedMatrix *self;
  GdkRGBA color;
  guint n;

  g_return_val_if_fail (n_rows > 0 && n_cols > 0, NULL);
  g_return_val_if_fail (n_rows <= FP_MAX_PINS && n_cols <= FP_MAX_PINS, NULL);

  self = g_object_new (FP_TYPE_LED_MATRIX, NULL);
  n = n_rows * n_cols;
  self->n_rows = n_rows;
  self->n_cols = n_cols;
  self->rows_active_low = !!rows_active_low;
  self->cols_active_low = !!cols_active_low;
  fp_led_rgba_from_hex (&color, rgb);
  fp_led_colors_init (&self->colors, &color, &color);
  self->rows = g_new0 (Line, n_rows);
  self->cols = g_new0 (Line, n_cols);
  self->pixels = g_new0 (Pixel, n);
  for (guint i = 0; i < n; i++)
    fp_duty_reset (&self->pixels[i].duty);
  self->map_x = g_new (int, n);
  self->map_y = g_new (int, n);
  self->grid_w = n_cols;
  self->grid_h = n_rows;
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        self->map_x[r * n_cols + c] = c;
        self->map_y[r * n_cols + c] = r;
      }
  show (self);
  return GTK_WIDGET (self);
}
