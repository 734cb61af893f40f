/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * panel.c: the app's window under a storm (bench/README.md). The protocol
 * peer serves a board of 256 output pins, 16 controllers of 16, each
 * blinking so that together they toggle 10,000 times a second of virtual
 * time; the window shows them on the automatic layout (256 LEDs, 256
 * switches) with the pin table beside. Over a few seconds of wall time it
 * measures what the user would feel: frames drawn, the main loop's
 * lateness (a 10 ms timer's delay, the time any click or key waits), a
 * drive's round trip through the peer (command out, the pin's event
 * back), and the process's CPU time. Prints a Markdown table.
 *
 * Needs a display (xvfb-run) and the peer: run from the build tree.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-peer-harness.h"
#include "fp-window-private.h"

#define N_CTRL 16
#define N_PIN 16
#define TOGGLES_PER_S (g_getenv ("BENCH_TOGGLES") ? atoi (g_getenv ("BENCH_TOGGLES")) : 10000)
#define SECONDS 5
#define TIMER_MS 10

typedef struct {
  FpClient *client;
  guint64 events;
  guint frames;
  GArray *lateness;             /* double, µs */
  gint64 timer_due;
  GArray *round_trips;          /* double, µs */
  gint64 drive_sent;            /* 0: none in flight */
  int drive_level;
  gboolean done;
} Bench;

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values, double p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static char *
write_board (const char *dir)
{
  /* Each pin toggles twice a period: 256 pins * 2 / period = 10,000/s. */
  gint64 period_ns = (gint64) N_CTRL * N_PIN * 2 * G_GINT64_CONSTANT (1000000000) / TOGGLES_PER_S;
  g_autoptr(GString) json = g_string_new ("{\"machine\": \"storm\", \"qemu\": \"bench\", \"controllers\": [");
  char *path = g_build_filename (dir, "storm.json", NULL);

  for (guint c = 0; c < N_CTRL; c++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"type\": \"bench\", \"path\": \"/c%u\", \"pins\": %u}",
                            c ? ", " : "", c, c, N_PIN);
  g_string_append (json, "], \"pins\": [");
  for (guint c = 0; c < N_CTRL; c++)
    for (guint p = 0; p < N_PIN; p++)
      g_string_append_printf (json, "%s{\"ctrl\": \"c%u\", \"pin\": %u, \"dir\": \"out\", \"level\": 0}",
                              c || p ? ", " : "", c, p);
  g_string_append (json, "], \"blink\": [");
  for (guint c = 0; c < N_CTRL; c++)
    for (guint p = 0; p < N_PIN; p++)
      g_string_append_printf (json, "%s{\"pin\": [\"c%u\", %u], \"period_ns\": %" G_GINT64_FORMAT "}",
                              c || p ? ", " : "", c, p,
                              /* Staggered, so that the toggles spread over the period. */
                              period_ns + (c * N_PIN + p) * 2);
  g_string_append (json, "]}\n");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  return path;
}

static void
on_pin_changed (FpClient *client, guint ctrl, guint pin, gboolean initial, Bench *b)
{
  const FpPinState *state = fp_client_get_pin (client, ctrl, pin);

  b->events++;
  /* The drive's echo: the peer reports the panel's level on c0 pin 0. */
  if (b->drive_sent != 0 && ctrl == 0 && pin == 0 && state->panel == b->drive_level)
    {
      double us = (double) (g_get_monotonic_time () - b->drive_sent);

      g_array_append_val (b->round_trips, us);
      b->drive_sent = 0;
    }
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ((Bench *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

/* Every 10 ms: how late the main loop ran us, and a drive every 100 ms. */
static gboolean
on_timer (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();
  double late = (double) (now - b->timer_due);

  g_array_append_val (b->lateness, late);
  b->timer_due = now + TIMER_MS * 1000;
  if (b->lateness->len % 10 == 0 && b->drive_sent == 0)
    {
      b->drive_level = !b->drive_level;
      b->drive_sent = g_get_monotonic_time ();
      fp_client_drive (b->client, "c0", 0, b->drive_level);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
stop (gpointer data)
{
  ((Bench *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_ready (gpointer data)
{
  return fp_client_get_state (data) == FP_CLIENT_STATE_READY;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-panel-XXXXXX", NULL);
  g_autofree char *board = NULL;
  g_autoptr(GError) error = NULL;
  Bench b = { 0 };
  FpTestPeer *peer;
  FpWindow *window;
  FpBoardView *view;
  gint64 start;
  double cpu;
  guint n_leds = 0;

  gtk_init ();
  board = write_board (dir);
  peer = fp_test_peer_start (board);
  b.client = fp_client_new (peer->address, &error);
  g_assert_no_error (error);
  b.lateness = g_array_new (FALSE, FALSE, sizeof (double));
  b.round_trips = g_array_new (FALSE, FALSE, sizeof (double));
  window = fp_window_new (NULL, b.client);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  if (g_getenv ("BENCH_NO_TABLE"))
    g_object_set (window, "show-pin-table", FALSE, NULL);
  gtk_window_present (GTK_WINDOW (window));
  fp_client_start (b.client);
  fp_test_wait_until (is_ready, b.client, "the peer");
  view = _fp_window_get_board_view (window);
  for (guint i = 0; i < fp_layout_get_n_widgets (fp_board_view_get_layout (view)); i++)
    n_leds += fp_layout_get_widget (fp_board_view_get_layout (view), i)->kind == FP_LAYOUT_LED;

  /* Settle, then measure. */
  g_signal_connect (b.client, "pin-changed", G_CALLBACK (on_pin_changed), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &b, NULL);
  b.timer_due = g_get_monotonic_time () + TIMER_MS * 1000;
  g_timeout_add (TIMER_MS, on_timer, &b);
  g_timeout_add_seconds (SECONDS, stop, &b);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  cpu = cpu_seconds () - cpu;

  {
    double wall = (g_get_monotonic_time () - start) / 1e6;

    g_print ("| %u LEDs + %u switches, pin table %s | value |\n| --- | ---: |\n", n_leds, n_leds,
             g_getenv ("BENCH_NO_TABLE") ? "hidden" : "shown");
    g_print ("| pin events received per second | %.0f |\n", b.events / wall);
    g_print ("| frames drawn per second | %.1f |\n", b.frames / wall);
    g_print ("| main loop lateness (10 ms timer), p50 / p99 / max | %.2f / %.2f / %.2f ms |\n",
             percentile (b.lateness, 0.5) / 1000, percentile (b.lateness, 0.99) / 1000,
             percentile (b.lateness, 1.0) / 1000);
    g_print ("| drive → pin event round trip, p50 / p99 (%u) | %.2f / %.2f ms |\n", b.round_trips->len,
             percentile (b.round_trips, 0.5) / 1000, percentile (b.round_trips, 0.99) / 1000);
    g_print ("| app CPU (user + system), share of one core | %.0f %% |\n", 100 * cpu / wall);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  fp_client_close (b.client);
  g_object_unref (b.client);
  fp_test_peer_stop (peer);
  g_unlink (board);
  g_rmdir (dir);
  g_array_unref (b.lateness);
  g_array_unref (b.round_trips);
  return 0;
}
