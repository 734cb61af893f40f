/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * leds.c: what the LED widgets cost the panel (bench/README.md): a pin
 * event pushed into an FpLed and into an FpLedMatrix, and a whole frame
 * of a window of 256 FpLeds whose brightness all change every frame,
 * rendered by the window's own renderer. Prints a Markdown table.
 *
 * A frame is timed twice: on the wall clock, from its update phase until
 * the X server has drawn it, and in this thread's CPU time, which the
 * other processes of a busy machine do not inflate.
 *
 * Needs a display; GSK_RENDERER picks the renderer, as for the app.
 */
#include "config.h"

#include <time.h>

#include <gtk/gtk.h>

#include "fp-led-matrix.h"
#include "fp-led.h"

#define N_PUSHES 1000000
#define GRID 16                 /* GRID x GRID LEDs */
#define WARMUP_FRAMES 20
#define N_FRAMES 100
#define PWM_PERIOD_NS 100000    /* 10 kHz */
#define FRAME_NS 16000000       /* virtual time per frame */

static FpPinState
output (int    level,
        gint64 t)
{
  return (FpPinState) { .dir = FP_DIR_OUT, .drive = FP_DRIVE_GUEST, .level = level,
                        .pull = FP_PULL_NONE, .panel = FP_LEVEL_Z, .t = t };
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
wait_until (gboolean (*pred) (gpointer), gpointer data)
{
  while (!pred (data))
    g_main_context_iteration (NULL, TRUE);
}

/* µs per push, over N_PUSHES alternating levels 500 ns apart. */
static double
time_led_pushes (FpLed *led)
{
  gint64 start = g_get_monotonic_time ();

  for (gint64 i = 0; i < N_PUSHES; i++)
    {
      FpPinState state = output (i & 1, i * 500);

      fp_led_push (led, &state);
    }
  return (double) (g_get_monotonic_time () - start) / N_PUSHES;
}

/* µs per column event of a 3x9 matrix with its row 0 active, the columns
 * taking turns to light. */
static double
time_matrix_pushes (FpLedMatrix *matrix)
{
  FpPinState row = output (1, 0);
  gint64 start;

  fp_led_matrix_push_row (matrix, 0, &row);
  start = g_get_monotonic_time ();
  for (gint64 i = 0; i < N_PUSHES; i++)
    {
      FpPinState state = output ((i / 9) & 1, i * 500);

      fp_led_matrix_push_col (matrix, i % 9, &state);
    }
  return (double) (g_get_monotonic_time () - start) / N_PUSHES;
}

typedef struct {
  GtkWidget *window;
  GtkWidget *leds[GRID * GRID];
  gint64 t;             /* virtual time fed so far */
  guint frame;
  gint64 started;       /* this frame's start, monotonic µs */
  gint64 started_cpu;   /* ... and in this thread's CPU time, µs */
  gint64 total, total_cpu;  /* over the measured frames */
  gint64 worst;
  guint measured;
} Frames;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
print_loadavg (const char *when)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_print ("Load average %s: %.14s\n", when, loadavg);
}

/* Each frame, every LED gets a frame's worth of a 10 kHz PWM whose duty
 * differs from the last frame's, so that every LED is drawn anew. The clock
 * starts once the events are in: this is the frame's own cost. */
static gboolean
feed (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       data)
{
  Frames *frames = data;
  gint64 until = frames->t + FRAME_NS;

  frames->frame++;
  for (guint i = 0; i < GRID * GRID; i++)
    {
      double duty = 0.05 + 0.1 * ((frames->frame + i) % 10);
      gint64 high = (gint64) (duty * PWM_PERIOD_NS);

      for (gint64 t = frames->t; t < until; t += PWM_PERIOD_NS)
        {
          FpPinState rise = output (1, t), fall = output (0, t + high);

          fp_led_push (FP_LED (frames->leds[i]), &rise);
          fp_led_push (FP_LED (frames->leds[i]), &fall);
        }
    }
  frames->t = until;
  frames->started = g_get_monotonic_time ();
  frames->started_cpu = thread_cpu_us ();
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 took, took_cpu = thread_cpu_us () - frames->started_cpu;

  /* The X server has drawn it too. */
  gdk_display_sync (gtk_widget_get_display (frames->window));
  took = g_get_monotonic_time () - frames->started;
  if (frames->frame > WARMUP_FRAMES && frames->measured < N_FRAMES)
    {
      frames->total += took;
      frames->total_cpu += took_cpu;
      frames->worst = MAX (frames->worst, took);
      frames->measured++;
    }
}

static gboolean
all_measured (gpointer data)
{
  return ((Frames *) data)->measured >= N_FRAMES;
}

int
main (int argc, char **argv)
{
  Frames frames = { 0 };
  GtkWidget *grid, *window, *led, *matrix, *box;
  GdkFrameClock *clock;
  double led_us, matrix_us;
  guint tick;

  gtk_init ();
  print_loadavg ("at start");

  /* The pushes, into widgets that are on screen. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  led = fp_led_new (0xe01b24, FALSE);
  matrix = fp_led_matrix_new (3, 9, FALSE, TRUE, 0xe01b24);
  gtk_box_append (GTK_BOX (box), led);
  gtk_box_append (GTK_BOX (box), matrix);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, led);
  led_us = time_led_pushes (FP_LED (led));
  matrix_us = time_matrix_pushes (FP_LED_MATRIX (matrix));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The frames. */
  grid = gtk_grid_new ();
  for (guint i = 0; i < GRID * GRID; i++)
    {
      frames.leds[i] = fp_led_new (0x33d17a, FALSE);
      gtk_grid_attach (GTK_GRID (grid), frames.leds[i], i % GRID, i / GRID, 1, 1);
    }
  frames.window = window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), grid);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, grid);
  clock = gtk_widget_get_frame_clock (window);
  /* Connected first, so it runs before the LEDs' ticks in each frame. */
  tick = gtk_widget_add_tick_callback (window, feed, &frames, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  wait_until (all_measured, &frames);
  gtk_widget_remove_tick_callback (window, tick);

  g_print ("\n| LED widgets, %s | cost |\n| --- | ---: |\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("| `fp_led_push`, mean of %d | %.3f µs |\n", N_PUSHES, led_us);
  g_print ("| `fp_led_matrix_push_col` (3x9), mean of %d | %.3f µs |\n", N_PUSHES, matrix_us);
  g_print ("| frame of %d FpLeds all changing, CPU time of the app's thread, mean of %d | %.2f ms |\n",
           GRID * GRID, N_FRAMES, frames.total_cpu / 1000.0 / frames.measured);
  g_print ("| the same, wall time until the X server drew it, mean | %.2f ms |\n",
           frames.total / 1000.0 / frames.measured);
  g_print ("| the same, wall time, slowest frame | %.2f ms |\n\n", frames.worst / 1000.0);
  print_loadavg ("at the end");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
