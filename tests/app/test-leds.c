/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-leds.c: the LED widgets (FpLed, FpRgbLed, FpLedMatrix) under Xvfb
 * (see meson.build), fed made-up pin events in virtual time. What they draw
 * is compared with references/; what they report (look, brightness,
 * accessible label, tooltip) is checked frame by frame.
 *
 * Two ways to feed them. A test that checks one frame pushes its events
 * itself and then waits for one frame (wait_frame): the frame's tick sees
 * exactly those events. A picture of a steady PWM needs events in every
 * frame, as from a running guest: a Feeder, a tick callback on the window,
 * advances virtual time by a fixed step each frame and pushes the edges of
 * its signals up to there.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "fp-led-base-private.h"
#include "fp-led-matrix.h"
#include "fp-led.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-rgb-led.h"

#define US G_GINT64_CONSTANT (1000)
#define MS (1000 * US)

/* Per channel, against the references: rounding in the renderer only. */
#define TOLERANCE 8

/* Virtual time a Feeder adds each frame: a whole number of the 1 kHz
 * PWMs' periods, so that every frame sees the same share lit. */
#define STEP (16 * MS)

#define RED 0xe01b24
#define GREEN 0x2ec27e
#define YELLOW 0xf6d32d
#define BLUE 0x3584e4
#define WHITE 0xf6f5f4

static FpPinState
output (int    level,
        gint64 t)
{
  return (FpPinState) { .dir = FP_DIR_OUT, .drive = FP_DRIVE_GUEST, .level = level,
                        .pull = FP_PULL_NONE, .panel = FP_LEVEL_Z, .t = t };
}

/* An input: pulled up to 1, or floating (FP_LEVEL_Z). */
static FpPinState
input (int    level,
       gint64 t)
{
  return (FpPinState) { .dir = FP_DIR_IN, .drive = FP_DRIVE_NONE, .level = level,
                        .pull = level == FP_LEVEL_Z ? FP_PULL_NONE : FP_PULL_UP,
                        .panel = FP_LEVEL_Z, .t = t };
}

/* ---- windows and frames -------------------------------------------------- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkWidget *
present (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  fp_test_wait_until (is_mapped, child, "the window to show");
  return window;
}

typedef struct {
  guint count;
  guint until;
} Frames;

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->count++;
}

static gboolean
frames_reached (gpointer data)
{
  Frames *frames = data;

  return frames->count >= frames->until;
}

/* Waits for @n whole frames of @widget's window: every tick pending now has
 * run by then, and what it queued is drawn. */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Frames frames = { 0, n };
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);

  while (frames.count < n)
    {
      guint before = frames.count;

      frames.until = before + 1;
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      fp_test_wait_until (frames_reached, &frames, "a frame");
    }
  g_signal_handler_disconnect (clock, id);
}

static void
wait_frame (GtkWidget *widget)
{
  wait_frames (widget, 1);
}

/* ---- signals ---------------------------------------------------------------- */

typedef void (*PushFunc) (GtkWidget *widget, guint line, const FpPinState *state);

static void
push_led (GtkWidget *widget, guint line, const FpPinState *state)
{
  fp_led_push (FP_LED (widget), state);
}

static void
push_rgb (GtkWidget *widget, guint line, const FpPinState *state)
{
  fp_rgb_led_push (FP_RGB_LED (widget), line, state);
}

/* A PWM on one pin from t = 0: at 1 for @duty of each period. Duty 0 or 1
 * is a steady level: one event. */
typedef struct {
  PushFunc push;
  GtkWidget *widget;
  guint line;
  gint64 period;
  double duty;
  gint64 next;          /* the next edge */
  int level;            /* its level */
  gboolean done;
} Pwm;

static Pwm
pwm_new (PushFunc push, GtkWidget *widget, guint line, gint64 period, double duty)
{
  return (Pwm) { push, widget, line, period, duty, 0, duty > 0, FALSE };
}

/* Pushes the edges up to and including @until; returns how many. */
static guint
pwm_feed (Pwm    *pwm,
          gint64  until)
{
  gint64 high = (gint64) (pwm->duty * pwm->period);
  guint n = 0;

  while (!pwm->done && pwm->next <= until)
    {
      FpPinState state = output (pwm->level, pwm->next);

      pwm->push (pwm->widget, pwm->line, &state);
      n++;
      if (pwm->duty <= 0 || pwm->duty >= 1)
        pwm->done = TRUE;
      pwm->next += pwm->level ? high : pwm->period - high;
      pwm->level = !pwm->level;
    }
  return n;
}

/* A micro:bit-like display: 3 rows (active high) by 9 columns (active
 * low) drawn on a 5x5 grid; electrical pixels (2, 7) and (2, 8) have no
 * LED. The map is a shuffle, so that drawing by it is tested: electrical
 * pixel i (row-major) is LED (7 i mod 25) in reading order. */
#define SCAN_ROWS 3
#define SCAN_COLS 9
#define GRID 5

static const char *const heart[GRID] = {
  ".X.X.",
  "XXXXX",
  "XXXXX",
  ".XXX.",
  "..X..",
};
#define HEART_LIT 16

static void
scan_map (int *x,
          int *y)
{
  for (int i = 0; i < SCAN_ROWS * SCAN_COLS; i++)
    {
      int p = (7 * i) % (GRID * GRID);

      x[i] = i < GRID * GRID ? p % GRID : -1;
      y[i] = i < GRID * GRID ? p / GRID : -1;
    }
}

/* Whether electrical pixel (@r, @c) is part of the heart. */
static gboolean
heart_at (int r,
          int c)
{
  int x[SCAN_ROWS * SCAN_COLS], y[SCAN_ROWS * SCAN_COLS], i = r * SCAN_COLS + c;

  scan_map (x, y);
  return x[i] >= 0 && heart[y[i]][x[i]] == 'X';
}

/* The guest's display driver, as the micro:bit runtime's: every slot (6 ms)
 * it blanks the columns, moves to the next row, and lights that row's
 * columns, each a register write a microsecond after the last. Like QEMU,
 * it sends only the pins that change. */
typedef struct {
  FpLedMatrix *matrix;
  gint64 slot;
  gint64 next;          /* the next slot's start */
  guint row;            /* the row it is for */
  int rows[SCAN_ROWS], cols[SCAN_COLS];   /* levels sent, -2 before any */
} Scan;

static void
scan_init (Scan *scan, FpLedMatrix *matrix)
{
  *scan = (Scan) { .matrix = matrix, .slot = 6 * MS };
  for (guint r = 0; r < SCAN_ROWS; r++)
    scan->rows[r] = -2;
  for (guint c = 0; c < SCAN_COLS; c++)
    scan->cols[c] = -2;
}

static void
scan_set (Scan *scan, gboolean row, guint i, int level, gint64 t)
{
  int *sent = row ? &scan->rows[i] : &scan->cols[i];
  FpPinState state = output (level, t);

  if (*sent == level)
    return;
  *sent = level;
  if (row)
    fp_led_matrix_push_row (scan->matrix, i, &state);
  else
    fp_led_matrix_push_col (scan->matrix, i, &state);
}

static void
scan_feed (Scan   *scan,
           gint64  until)
{
  while (scan->next <= until)
    {
      gint64 t = scan->next;

      for (guint c = 0; c < SCAN_COLS; c++)
        scan_set (scan, FALSE, c, 1, t);
      for (guint r = 0; r < SCAN_ROWS; r++)
        scan_set (scan, TRUE, r, r == scan->row, t + 1 * US);
      for (guint c = 0; c < SCAN_COLS; c++)
        scan_set (scan, FALSE, c, heart_at (scan->row, c) ? 0 : 1, t + 2 * US);
      scan->row = (scan->row + 1) % SCAN_ROWS;
      scan->next += scan->slot;
    }
}

/* Runs signals in virtual time, STEP per frame of @window's clock. */
typedef struct {
  GtkWidget *window;
  guint tick_id;
  gint64 t;
  GArray *pwms;         /* of Pwm */
  Scan *scan;
} Feeder;

static gboolean
feeder_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Feeder *feeder = data;

  feeder->t += STEP;
  for (guint i = 0; i < feeder->pwms->len; i++)
    pwm_feed (&g_array_index (feeder->pwms, Pwm, i), feeder->t);
  if (feeder->scan)
    scan_feed (feeder->scan, feeder->t);
  return G_SOURCE_CONTINUE;
}

static Feeder *
feeder_new (GtkWidget *window)
{
  Feeder *feeder = g_new0 (Feeder, 1);

  feeder->window = window;
  feeder->pwms = g_array_new (FALSE, FALSE, sizeof (Pwm));
  return feeder;
}

static void
feeder_add (Feeder *feeder, Pwm pwm)
{
  g_array_append_val (feeder->pwms, pwm);
}

/* Feeds t = 0, then STEP more each frame. */
static void
feeder_start (Feeder *feeder)
{
  for (guint i = 0; i < feeder->pwms->len; i++)
    pwm_feed (&g_array_index (feeder->pwms, Pwm, i), 0);
  if (feeder->scan)
    scan_feed (feeder->scan, 0);
  feeder->tick_id = gtk_widget_add_tick_callback (feeder->window, feeder_tick, feeder, NULL);
}

static void
feeder_free (Feeder *feeder)
{
  gtk_widget_remove_tick_callback (feeder->window, feeder->tick_id);
  g_array_unref (feeder->pwms);
  g_free (feeder);
}

/* ---- what a widget says ------------------------------------------------------ */

static void
assert_label (GtkWidget  *widget,
              const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
assert_led_tooltip (GtkWidget  *led,
                    const char *text)
{
  g_autofree char *tooltip = _fp_led_base_get_tooltip (FP_LED_BASE (led));

  g_assert_true (gtk_widget_get_has_tooltip (led));
  g_assert_cmpstr (tooltip, ==, text);
}

static void
assert_rgb_led_tooltip (GtkWidget  *led,
                        const char *text)
{
  g_autofree char *tooltip = _fp_led_base_get_tooltip (FP_LED_BASE (led));

  g_assert_true (gtk_widget_get_has_tooltip (led));
  g_assert_cmpstr (tooltip, ==, text);
}

static gboolean
led_is_idle (gpointer data)
{
  return !fp_led_base_is_ticking (data);
}

/* ---- FpLed ------------------------------------------------------------------ */

/* Every look, and what it reports, against the references. */
static void
test_led_looks (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *on = fp_led_new (RED, FALSE), *off = fp_led_new (RED, FALSE);
  GtkWidget *pwm = fp_led_new (RED, FALSE), *in = fp_led_new (RED, FALSE);
  GtkWidget *hiz = fp_led_new (RED, FALSE), *none = fp_led_new (RED, FALSE);
  GtkWidget *low = fp_led_new (GREEN, TRUE);
  GtkWidget *leds[] = { on, off, pwm, in, hiz, none, low };
  GtkWidget *window;
  Feeder *feeder;
  FpPinState state;

  for (guint i = 0; i < G_N_ELEMENTS (leds); i++)
    gtk_box_append (GTK_BOX (box), leds[i]);
  window = present (box);

  feeder = feeder_new (window);
  feeder_add (feeder, pwm_new (push_led, on, 0, 1 * MS, 1));
  feeder_add (feeder, pwm_new (push_led, off, 0, 1 * MS, 0));
  feeder_add (feeder, pwm_new (push_led, pwm, 0, 1 * MS, 0.5));
  feeder_add (feeder, pwm_new (push_led, low, 0, 1 * MS, 0));    /* active low: lit */
  state = input (1, 0);
  fp_led_push (FP_LED (in), &state);
  state = input (FP_LEVEL_Z, 0);
  fp_led_push (FP_LED (hiz), &state);
  feeder_start (feeder);
  wait_frames (window, 3);

  g_assert_cmpint (fp_led_get_look (FP_LED (on)), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (on)), ==, 1.0);
  g_assert_cmpint (fp_led_get_look (FP_LED (off)), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (off)), ==, 0.0);
  g_assert_cmpint (fp_led_get_look (FP_LED (pwm)), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat_with_epsilon (fp_led_get_brightness (FP_LED (pwm)), 0.5, 1e-9);
  g_assert_cmpint (fp_led_get_look (FP_LED (in)), ==, FP_LED_LOOK_UNDRIVEN);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (in)), ==, -1.0);
  g_assert_cmpint (fp_led_get_look (FP_LED (hiz)), ==, FP_LED_LOOK_UNDRIVEN);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (hiz)), ==, -1.0);
  g_assert_cmpint (fp_led_get_look (FP_LED (none)), ==, FP_LED_LOOK_DISCONNECTED);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (none)), ==, -1.0);
  g_assert_cmpint (fp_led_get_look (FP_LED (low)), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (low)), ==, 1.0);

  fp_test_assert_reference (on, "led-on", TOLERANCE);
  fp_test_assert_reference (off, "led-off", TOLERANCE);
  fp_test_assert_reference (pwm, "led-pwm50", TOLERANCE);
  fp_test_assert_reference (in, "led-input", TOLERANCE);
  fp_test_assert_reference (hiz, "led-hiz", TOLERANCE);
  fp_test_assert_reference (none, "led-disconnected", TOLERANCE);
  fp_test_assert_reference (low, "led-active-low-on", TOLERANCE);
  /* Still a steady PWM while the references were drawn. */
  g_assert_cmpfloat_with_epsilon (fp_led_get_brightness (FP_LED (pwm)), 0.5, 1e-9);

  /* A pin that goes away. */
  fp_led_push (FP_LED (on), NULL);
  wait_frame (window);
  g_assert_cmpint (fp_led_get_look (FP_LED (on)), ==, FP_LED_LOOK_DISCONNECTED);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (on)), ==, -1.0);

  feeder_free (feeder);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 10,000 events between two frames: one redraw, at their lit fraction;
 * then, a few frames without events later, one more at the level they
 * ended on, then none. */
static void
test_led_coalescing (void)
{
  GtkWidget *led = fp_led_new (RED, FALSE);
  GtkWidget *window = present (led);
  FpPinState state = output (0, 0);
  Pwm pwm = pwm_new (push_led, led, 0, 10 * US, 0.5);   /* 100 kHz */
  guint before;

  fp_led_base_set_label (FP_LED_BASE (led), "LD1");
  fp_led_push (FP_LED (led), &state);
  fp_test_wait_until (led_is_idle, led, "the LED to settle");
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (led)), ==, 0.0);

  before = _fp_led_base_get_n_snapshots (FP_LED_BASE (led));
  /* 5,000 periods: rises at 0, 10, … µs, the last fall at 49,995 µs. */
  g_assert_cmpuint (pwm_feed (&pwm, 49995 * US), ==, 10000);
  wait_frame (led);
  g_assert_cmpuint (_fp_led_base_get_n_snapshots (FP_LED_BASE (led)), ==, before + 1);
  g_assert_cmpfloat_with_epsilon (fp_led_get_brightness (FP_LED (led)), 0.5, 1e-3);
  assert_label (led, "LD1: 50 %");

  fp_test_wait_until (led_is_idle, led, "the LED to settle");
  g_assert_cmpuint (_fp_led_base_get_n_snapshots (FP_LED_BASE (led)), ==, before + 2);
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (led)), ==, 0.0);
  assert_label (led, "LD1: off");

  wait_frames (led, 3);
  g_assert_cmpuint (_fp_led_base_get_n_snapshots (FP_LED_BASE (led)), ==, before + 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A 2 Hz blink, fed frame by frame (25 ms of virtual time each): every
 * frame fully on or fully off, at the level the pin has now. */
static void
test_led_slow_blink (void)
{
  GtkWidget *led = fp_led_new (GREEN, FALSE);
  GtkWidget *window = present (led);
  Pwm pwm = pwm_new (push_led, led, 0, 500 * MS, 0.5);
  guint on = 0, off = 0;

  for (gint64 t = 0; t <= 1500 * MS; t += 25 * MS)
    {
      double brightness;

      pwm_feed (&pwm, t);
      wait_frame (led);
      brightness = fp_led_get_brightness (FP_LED (led));
      g_assert_true (brightness == 0.0 || brightness == 1.0);
      /* The level of the last edge fed (pwm.level is the next one's). */
      g_assert_cmpfloat (brightness, ==, !pwm.level);
      if (brightness == 1.0)
        on++;
      else
        off++;
    }
  /* Half of the 61 frames each, to within an edge. */
  g_assert_cmpuint (on, >=, 29);
  g_assert_cmpuint (off, >=, 29);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The accessible label through every state, and the tooltip's frequency. */
static void
test_led_texts (void)
{
  GtkWidget *led = fp_led_new (YELLOW, FALSE);
  GtkWidget *window = present (led);
  Pwm pwm = pwm_new (push_led, led, 0, 1 * MS, 0.3);
  FpPinState state;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (led), GTK_ACCESSIBLE_ROLE_IMG);
  assert_label (led, "LED: not connected");
  fp_led_base_set_label (FP_LED_BASE (led), "LD1 (PA5)");
  assert_label (led, "LD1 (PA5): not connected");
  assert_led_tooltip (led, "LD1 (PA5)\nnot connected");

  state = input (1, 0);
  fp_led_push (FP_LED (led), &state);
  wait_frame (led);
  assert_label (led, "LD1 (PA5): input");
  assert_led_tooltip (led, "LD1 (PA5)\ninput, level 1");

  state = output (1, 1 * MS);
  fp_led_push (FP_LED (led), &state);
  wait_frame (led);
  assert_label (led, "LD1 (PA5): on");

  /* 1 kHz, 30 %: 40 periods from t = 1 ms, ending on a rise. */
  pwm.next = 1 * MS;
  g_assert_cmpuint (pwm_feed (&pwm, 41 * MS), ==, 81);
  wait_frame (led);
  assert_label (led, "LD1 (PA5): 30 %");
  assert_led_tooltip (led,
                   "LD1 (PA5)\noutput, level 1\n1.00 kHz, duty 30 %");

  state = (FpPinState) { .dir = FP_DIR_OUT, .drive = FP_DRIVE_NONE, .level = FP_LEVEL_Z,
                         .pull = FP_PULL_NONE, .panel = FP_LEVEL_Z, .t = 50 * MS };
  fp_led_push (FP_LED (led), &state);
  wait_frame (led);
  assert_label (led, "LD1 (PA5): not driven");
  assert_led_tooltip (led, "LD1 (PA5)\noutput, hi-Z");

  fp_led_push (FP_LED (led), NULL);
  wait_frame (led);
  assert_label (led, "LD1 (PA5): not connected");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- FpRgbLed --------------------------------------------------------------- */

static void
test_rgb_led (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *red = fp_rgb_led_new (FALSE), *mix = fp_rgb_led_new (FALSE);
  GtkWidget *window;
  Feeder *feeder;

  gtk_box_append (GTK_BOX (box), red);
  gtk_box_append (GTK_BOX (box), mix);
  window = present (box);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (red), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpint (fp_rgb_led_get_look (FP_RGB_LED (red)), ==, FP_LED_LOOK_DISCONNECTED);
  assert_label (red, "RGB LED: not connected");
  fp_led_base_set_label (FP_LED_BASE (mix), "LD1");

  feeder = feeder_new (window);
  feeder_add (feeder, pwm_new (push_rgb, red, FP_RGB_RED, 1 * MS, 1));
  feeder_add (feeder, pwm_new (push_rgb, red, FP_RGB_GREEN, 1 * MS, 0));
  feeder_add (feeder, pwm_new (push_rgb, red, FP_RGB_BLUE, 1 * MS, 0));
  feeder_add (feeder, pwm_new (push_rgb, mix, FP_RGB_RED, 1 * MS, 0.5));
  feeder_add (feeder, pwm_new (push_rgb, mix, FP_RGB_GREEN, 1 * MS, 1));
  feeder_add (feeder, pwm_new (push_rgb, mix, FP_RGB_BLUE, 1 * MS, 0));
  feeder_start (feeder);
  wait_frames (window, 3);

  g_assert_cmpint (fp_rgb_led_get_look (FP_RGB_LED (red)), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (red), FP_RGB_RED), ==, 1.0);
  g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (red), FP_RGB_GREEN), ==, 0.0);
  g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (red), FP_RGB_BLUE), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (fp_rgb_led_get_brightness (FP_RGB_LED (mix), FP_RGB_RED), 0.5, 1e-9);
  g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (mix), FP_RGB_GREEN), ==, 1.0);
  g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (mix), FP_RGB_BLUE), ==, 0.0);
  assert_label (red, "RGB LED: red 100 %, green 0 %, blue 0 %");
  assert_label (mix, "LD1: red 50 %, green 100 %, blue 0 %");
  assert_rgb_led_tooltip (mix,
                   "LD1\nred: output, level 1, 1.00 kHz, duty 50 %\n"
                   "green: output, level 1\nblue: output, level 0");

  fp_test_assert_reference (red, "rgb-led-red", TOLERANCE);
  fp_test_assert_reference (mix, "rgb-led-mix", TOLERANCE);

  /* A channel that stops being driven reads -1; with none driven the
   * LED is undriven. */
  feeder_free (feeder);
  for (guint c = FP_RGB_RED; c <= FP_RGB_BLUE; c++)
    {
      FpPinState state = input (FP_LEVEL_Z, 1000 * MS);

      fp_rgb_led_push (FP_RGB_LED (red), c, &state);
      wait_frame (window);
      g_assert_cmpfloat (fp_rgb_led_get_brightness (FP_RGB_LED (red), c), ==, -1.0);
      g_assert_cmpint (fp_rgb_led_get_look (FP_RGB_LED (red)), ==,
                       c == FP_RGB_BLUE ? FP_LED_LOOK_UNDRIVEN : FP_LED_LOOK_DRIVEN);
    }
  assert_label (red, "RGB LED: not driven");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- FpLedMatrix ------------------------------------------------------------ */

static gboolean
matrix_is_idle (gpointer data)
{
  return !fp_led_base_is_ticking (data);
}

static FpLedMatrix *
scan_matrix_new (void)
{
  GtkWidget *matrix = fp_led_matrix_new (SCAN_ROWS, SCAN_COLS, FALSE, TRUE, RED);
  int x[SCAN_ROWS * SCAN_COLS], y[SCAN_ROWS * SCAN_COLS];

  scan_map (x, y);
  fp_led_matrix_set_map (FP_LED_MATRIX (matrix), GRID, GRID, x, y);
  return FP_LED_MATRIX (matrix);
}

/* The heart under a 6 ms-per-row scan, many frames of it. */
static void
test_matrix_scan (void)
{
  FpLedMatrix *matrix = scan_matrix_new ();
  GtkWidget *window = present (GTK_WIDGET (matrix));
  Feeder *feeder = feeder_new (window);
  Scan scan;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_ROLE_IMG);
  assert_label (GTK_WIDGET (matrix), "Display: 5x5 LED matrix, not connected");
  g_assert_cmpint (fp_led_matrix_get_look (matrix, 0, 0), ==, FP_LED_LOOK_DISCONNECTED);

  scan_init (&scan, matrix);
  feeder->scan = &scan;
  feeder_start (feeder);
  wait_frames (window, 10);

  for (int r = 0; r < SCAN_ROWS; r++)
    for (int c = 0; c < SCAN_COLS; c++)
      {
        double brightness = fp_led_matrix_get_brightness (matrix, r, c);

        g_assert_cmpint (fp_led_matrix_get_look (matrix, r, c), ==, FP_LED_LOOK_DRIVEN);
        /* Lit its row's share of the time or more (a frame may hold two
         * of its row's slots out of five). */
        if (heart_at (r, c))
          g_assert_cmpfloat (brightness, >=, 0.33);
        else
          g_assert_cmpfloat (brightness, ==, 0.0);
      }
  assert_label (GTK_WIDGET (matrix), "Display: 5x5 LED matrix, 16 lit");
  fp_test_assert_reference (GTK_WIDGET (matrix), "led-matrix-heart", TOLERANCE);

  fp_led_base_set_label (FP_LED_BASE (matrix), "Screen");
  assert_label (GTK_WIDGET (matrix), "Screen: 5x5 LED matrix, 16 lit");

  feeder_free (feeder);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One lit pixel, no scan: its row and column steady. Then a row that is
 * not driven makes its pixels undriven. */
static void
test_matrix_steady (void)
{
  FpLedMatrix *matrix = FP_LED_MATRIX (fp_led_matrix_new (2, 3, TRUE, FALSE, GREEN));
  GtkWidget *window = present (GTK_WIDGET (matrix));
  FpPinState state;

  for (guint r = 0; r < 2; r++)
    {
      state = output (r == 1 ? 0 : 1, 0);       /* rows active low: row 1 on */
      fp_led_matrix_push_row (matrix, r, &state);
    }
  for (guint c = 0; c < 3; c++)
    {
      state = output (c == 2, 0);               /* column 2 on */
      fp_led_matrix_push_col (matrix, c, &state);
    }
  wait_frame (window);
  for (guint r = 0; r < 2; r++)
    for (guint c = 0; c < 3; c++)
      g_assert_cmpfloat (fp_led_matrix_get_brightness (matrix, r, c), ==, r == 1 && c == 2);
  assert_label (GTK_WIDGET (matrix), "Display: 3x2 LED matrix, 1 lit");

  state = input (FP_LEVEL_Z, 5 * MS);
  fp_led_matrix_push_row (matrix, 1, &state);
  fp_test_wait_until (matrix_is_idle, matrix, "the matrix to settle");
  g_assert_cmpint (fp_led_matrix_get_look (matrix, 1, 2), ==, FP_LED_LOOK_UNDRIVEN);
  g_assert_cmpint (fp_led_matrix_get_look (matrix, 0, 2), ==, FP_LED_LOOK_DRIVEN);
  g_assert_cmpfloat (fp_led_matrix_get_brightness (matrix, 1, 2), ==, 0.0);
  assert_label (GTK_WIDGET (matrix), "Display: 3x2 LED matrix, 0 lit");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- on a board ------------------------------------------------------------- */

static double
luma (const guchar *pixel)
{
  /* GDK_MEMORY_DEFAULT: B, G, R, A, premultiplied; opaque here. */
  return (0.0722 * pixel[0] + 0.7152 * pixel[1] + 0.2126 * pixel[2]) / 255;
}

/* A hi-Z LED stands out from a dark blue board (the STM32's) as from the
 * window: somewhere in it the luminance differs from the board's a lot. */
static void
test_led_hiz_on_board (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *hiz = fp_led_new (GREEN, FALSE);
  FpPinState state = input (FP_LEVEL_Z, 0);
  GtkWidget *window;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width, height;
  double board, contrast = 0;

  gtk_css_provider_load_from_data (css, ".board { background: #1d4f91; padding: 8px; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (box, "board");
  gtk_box_append (GTK_BOX (box), hiz);
  window = present (box);
  fp_led_push (FP_LED (hiz), &state);
  wait_frames (window, 3);
  g_assert_cmpint (fp_led_get_look (FP_LED (hiz)), ==, FP_LED_LOOK_UNDRIVEN);
  texture = fp_test_render (box);
  g_free (fp_test_save_png (texture, "led-hiz-on-board"));
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  board = luma (pixels);
  for (gsize i = 0; i < (gsize) width * height; i++)
    contrast = MAX (contrast, ABS (luma (pixels + 4 * i) - board));
  g_test_message ("hi-Z on the board: luminance differs by up to %.2f from the board's %.2f",
                  contrast, board);
  g_assert_cmpfloat (contrast, >=, 0.3);
}

/* ---- all of them side by side ---------------------------------------------- */

/* Not a reference: a picture of every look, to look at (light and dark). */
static void
test_gallery (void)
{
  static const guint32 colors[] = { RED, GREEN, YELLOW, BLUE, WHITE };
  static const double duties[] = { 1, 0.75, 0.5, 0.25, 0.1, 0 };
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *window;
  Feeder *feeder;
  FpLedMatrix *matrix;
  GtkWidget *big[4];
  Scan scan;
  int row = 0;

  gtk_widget_set_margin_start (grid, 8);
  gtk_widget_set_margin_end (grid, 8);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  window = present (grid);
  feeder = feeder_new (window);

  /* A row per colour: 100, 75, 50, 25, 10 %, off, input, hi-Z, disconnected. */
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++, row++)
    {
      guint col = 0;

      for (guint d = 0; d < G_N_ELEMENTS (duties); d++, col++)
        {
          GtkWidget *led = fp_led_new (colors[i], FALSE);

          gtk_grid_attach (GTK_GRID (grid), led, col, row, 1, 1);
          feeder_add (feeder, pwm_new (push_led, led, 0, 1 * MS, duties[d]));
        }
      for (guint k = 0; k < 3; k++, col++)
        {
          GtkWidget *led = fp_led_new (colors[i], FALSE);
          FpPinState state = input (k == 0 ? 1 : FP_LEVEL_Z, 0);

          gtk_grid_attach (GTK_GRID (grid), led, col, row, 1, 1);
          if (k < 2)
            fp_led_push (FP_LED (led), &state);
        }
    }

  /* RGB: red, orange (red 100, green 50), the PWM mix, white, purple, dim white, off. */
  {
    static const double mixes[][3] = {
      { 1, 0, 0 }, { 1, 0.5, 0 }, { 0.5, 1, 0 }, { 1, 1, 1 }, { 1, 0, 1 }, { 0.1, 0.1, 0.1 }, { 0, 0, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (mixes); i++)
      {
        GtkWidget *led = fp_rgb_led_new (FALSE);

        gtk_grid_attach (GTK_GRID (grid), led, i, row, 1, 1);
        for (guint c = 0; c < 3; c++)
          feeder_add (feeder, pwm_new (push_rgb, led, c, 1 * MS, mixes[i][c]));
      }
    row++;
  }

  /* Large: lit, half, off, undriven; and the matrix. */
  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    {
      big[i] = fp_led_new (RED, FALSE);
      fp_led_set_diameter (FP_LED (big[i]), 40);
      gtk_grid_attach (GTK_GRID (grid), big[i], 2 * i, row, 2, 2);
      if (i < 3)
        feeder_add (feeder, pwm_new (push_led, big[i], 0, 1 * MS, 1 - i * 0.5));
      else
        {
          FpPinState state = input (FP_LEVEL_Z, 0);

          fp_led_push (FP_LED (big[i]), &state);
        }
    }
  row += 2;
  matrix = scan_matrix_new ();
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (matrix), 0, row, 6, 1);
  scan_init (&scan, matrix);
  feeder->scan = &scan;

  feeder_start (feeder);
  wait_frames (window, 5);
  g_free (fp_test_save_png (fp_test_render (window), "gallery-leds"));

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  wait_frames (window, 2);
  g_free (fp_test_save_png (fp_test_render (window), "gallery-leds-dark"));
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);

  feeder_free (feeder);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/leds/led/looks", test_led_looks);
  g_test_add_func ("/leds/led/coalescing", test_led_coalescing);
  g_test_add_func ("/leds/led/slow-blink", test_led_slow_blink);
  g_test_add_func ("/leds/led/texts", test_led_texts);
  g_test_add_func ("/leds/rgb-led", test_rgb_led);
  g_test_add_func ("/leds/matrix/scan", test_matrix_scan);
  g_test_add_func ("/leds/matrix/steady", test_matrix_steady);
  g_test_add_func ("/leds/hiz-on-board", test_led_hiz_on_board);
  g_test_add_func ("/leds/gallery", test_gallery);
  return g_test_run ();
}
