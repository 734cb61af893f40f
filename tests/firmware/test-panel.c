/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-panel.c: the whole loop, per bundled board: the real patched QEMU
 * runs the board's demo firmware, the app's window shows it (under Xvfb,
 * see meson.build), a click on the board's button goes through QEMU into
 * the guest's interrupt handler, and the LED the handler lights shows lit.
 * A screenshot of each board at that moment is saved beside the test.
 *
 * The click is the button's own gesture (its "pressed" and "released"
 * signals): GTK 4.8 has no public way to synthesise input, and real X input
 * is covered by the button's own test.
 *
 * /panel/bounce/BOARD, per board whose demo has a DEBOUNCE switch: the
 * button's bounce, set in its popover as a user would, against the real
 * firmware. The window's own client counts the pin events QEMU reports,
 * stamped in virtual time: without bounce one LED edge per press; with it
 * and DEBOUNCE off, the guest's handler mirrors every edge; with DEBOUNCE
 * on, one edge once the contact settled.
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-bounce-popover-private.h"
#include "fp-button-private.h"
#include "fp-find-controller.h"
#include "fp-led.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-rgb-led.h"
#include "fp-window-private.h"

typedef struct {
  const char *ctrl;
  guint pin;
} Pin;

typedef struct {
  const char *board;
  const char *arch;
  const char *args[4];          /* more QEMU arguments */
  const char *firmware;         /* in FIRMWARE_DIR */
  const char *button;           /* the layout's ids */
  const char *led;
  const char *blink;            /* the LED the timer blinks (an RGB LED's green) */
  const char *debounce;         /* the DEBOUNCE switch */
  Pin button_pin, led_pin, blink_pin, debounce_pin;
  int lit;                      /* the level of led_pin that lights the LED */
} Board;

static const Board boards[] = {
  { "b-l475e-iot01a", "arm", { NULL }, "b-l475e-iot01a.elf", "b1", "ld2", "ld1", "debounce",
    { "gpioc", 13 }, { "gpiob", 14 }, { "gpioa", 5 }, { "gpioa", 0 }, 1 },
  { "microbit", "arm", { NULL }, "microbit/microbit-demo.elf", "button-a", "p1", "p0", "debounce",
    { "gpio", 17 }, { "gpio", 2 }, { "gpio", 3 }, { "gpio", 1 }, 0 },
  { "sifive_e", "riscv32", { NULL }, "sifive_e.elf", "btn", "ld1", "ld1", "debounce",
    { "gpio0", 18 }, { "gpio0", 22 }, { "gpio0", 19 }, { "gpio0", 20 }, 0 },
  { "virt", "aarch64", { "-cpu", "cortex-a53", "-nic", "none" }, "virt.elf", "btn", "led1", "led0", "debounce",
    { "pl061", 2 }, { "pl061", 1 }, { "pl061", 0 }, { "pl061", 4 }, 1 },
  { "raspi3b", "aarch64", { NULL }, "raspi3b.elf", "gpio23", "gpio27", "gpio17", "gpio25",
    { "gpio", 23 }, { "gpio", 27 }, { "gpio", 17 }, { "gpio", 25 }, 1 },
};

typedef struct {
  GSubprocess *qemu;
  char *dir;
  FpClient *client;
  FpWindow *window;
} Fixture;

static gboolean
is_ready (gpointer data)
{
  return fp_client_get_state (((Fixture *) data)->client) == FP_CLIENT_STATE_READY;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
fixture_open (Fixture *fx, const Board *board)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *address = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  fx->dir = g_dir_make_tmp ("fp-panel-XXXXXX", &error);
  g_assert_no_error (error);
  g_ptr_array_add (argv, g_strdup_printf ("%s/qemu-system-%s", QEMU_BINDIR, board->arch));
  g_ptr_array_add (argv, g_strdup ("-M"));
  g_ptr_array_add (argv, g_strdup (board->board));
  for (guint i = 0; i < G_N_ELEMENTS (board->args) && board->args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (board->args[i]));
  g_ptr_array_add (argv, g_strdup ("-kernel"));
  g_ptr_array_add (argv, g_build_filename (FIRMWARE_DIR, board->firmware, NULL));
  g_ptr_array_add (argv, g_strdup ("-display"));
  g_ptr_array_add (argv, g_strdup ("none"));
  g_ptr_array_add (argv, g_strdup ("-monitor"));
  g_ptr_array_add (argv, g_strdup ("none"));
  /* A file, not null: QEMU's SiFive UART sometimes never drains into
   * null, and the firmware then hangs in its banner. */
  g_ptr_array_add (argv, g_strdup ("-serial"));
  g_ptr_array_add (argv, g_strdup_printf ("file:%s/serial.log", fx->dir));
  g_ptr_array_add (argv, g_strdup ("-chardev"));
  g_ptr_array_add (argv, g_strdup_printf ("socket,id=panel,path=%s/panel.sock,server=on,wait=on", fx->dir));
  g_ptr_array_add (argv, g_strdup ("-device"));
  g_ptr_array_add (argv, g_strdup ("gpio-panel,chardev=panel"));
  g_ptr_array_add (argv, NULL);
  /* wait=on: QEMU listens before the guest runs, so the panel sees it
   * from its first instruction. Its messages go to a log beside the
   * socket; it dies with the test, even when the test aborts. */
  log = g_build_filename (fx->dir, "qemu.log", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fx->qemu = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  address = g_strdup_printf ("unix:%s/panel.sock", fx->dir);
  fx->client = fp_client_new (address, &error);
  g_assert_no_error (error);
  /* QEMU may not listen yet: the client retries until it does. */
  fp_client_set_reconnect (fx->client, TRUE);
  fx->window = fp_window_new (NULL, fx->client);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 640);
  gtk_window_present (GTK_WINDOW (fx->window));
  fp_client_start (fx->client);
  fp_test_wait_until (is_ready, fx, "the window to connect to QEMU");
}

static void
fixture_close (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket = g_build_filename (fx->dir, "panel.sock", NULL);
  g_autofree char *log = g_build_filename (fx->dir, "qemu.log", NULL);
  g_autofree char *serial = g_build_filename (fx->dir, "serial.log", NULL);

  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_object_unref (fx->client);
  g_subprocess_force_exit (fx->qemu);
  g_subprocess_wait (fx->qemu, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (fx->qemu);
  g_unlink (socket);
  g_unlink (log);
  g_unlink (serial);
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

/* Lit as the guest's handler lights it: a plain LED, or the RGB LED's red. */
static double
brightness (GtkWidget *led)
{
  if (FP_IS_RGB_LED (led))
    return fp_rgb_led_get_brightness (FP_RGB_LED (led), FP_RGB_RED);
  return fp_led_get_brightness (FP_LED (led));
}

static gboolean
is_lit (gpointer data)
{
  return brightness (data) == 1.0;
}

static gboolean
is_dark (gpointer data)
{
  return brightness (data) == 0.0;
}

/* The blink LED has lit: the firmware is past its setup, the button's
 * interrupt enabled (it arms the timer last). */
static gboolean
has_blinked (gpointer data)
{
  if (FP_IS_RGB_LED (data))
    return fp_rgb_led_get_brightness (FP_RGB_LED (data), FP_RGB_GREEN) > 0.0;
  return fp_led_get_brightness (FP_LED (data)) > 0.0;
}

static void
test_board (gconstpointer data)
{
  const Board *board = data;
  g_autofree char *shot = g_strdup_printf ("screenshot-panel-%s", board->board);
  g_autoptr(GdkTexture) texture = NULL;
  Fixture fx = { 0 };
  FpBoardView *view;
  GtkWidget *button, *led, *blink;
  GtkGesture *click;

  fixture_open (&fx, board);
  view = _fp_window_get_board_view (fx.window);
  g_assert_cmpstr (fp_layout_get_board (fp_board_view_get_layout (view)), ==, board->board);
  button = _fp_board_view_get_widget (view, board->button);
  led = _fp_board_view_get_widget (view, board->led);
  blink = _fp_board_view_get_widget (view, board->blink);
  g_assert_nonnull (button);
  g_assert_nonnull (led);
  g_assert_nonnull (blink);
  fp_test_wait_until (is_dark, led, "the button's LED to be off");
  /* QEMU runs the guest from the moment the window connects: a press
   * before the firmware enabled the button's interrupt would be lost. */
  fp_test_wait_until (has_blinked, blink, "the firmware to blink its LED");

  /* Press: the guest's interrupt handler lights the LED. */
  click = GTK_GESTURE (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK));
  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  fp_test_wait_until (is_lit, led, "the guest to light the LED from the button's interrupt");
  texture = fp_test_render (GTK_WIDGET (fx.window));
  g_free (fp_test_save_png (texture, shot));

  /* Release: it goes out. */
  g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
  fp_test_wait_until (is_dark, led, "the guest to put the LED out on release");

  fixture_close (&fx);
}

/* ---- bounce and DEBOUNCE ---------------------------------------------------- */

/* The firmware's DEMO_DEBOUNCE_MS (the micro:bit's DEBOUNCE_DELAY too). */
#define DEBOUNCE_NS G_GINT64_CONSTANT (20000000)
/* The panel times its edges on the host, in its main loop, and QEMU
 * applies them when its own main loop reads them (qemu-patches/README.md):
 * on a loaded host, edges meant to be milliseconds apart can reach the
 * guest together or late. Here the app's loop is the slower one: on a
 * 2-core host at a load average of 10, with the window drawing, its edges
 * went out up to 30 ms after their time (never early; in the ASan build
 * up to 450 ms), and QEMU applied them as they came. QEMU's timestamps show that; a bounce that did not arrive
 * as sent is pressed again, up to ATTEMPTS times, as test_firmware.py does,
 * and what the guest made of it is never judged. */
#define MIN_GAP_NS G_GINT64_CONSTANT (2000000)
#define ATTEMPTS 5

typedef struct {
  guint ctrl;
  guint pin;
} PinId;

typedef struct {
  PinId pin;
  int level;
  gint64 t;                     /* virtual ns */
} PinEvent;

typedef struct {
  FpClient *client;
  PinId button, led, blink, debounce;
  GArray *events;               /* PinEvent, as the window's client got them */
  guint64 dropped;              /* edges of the button or LED lost */
  /* For the waits. */
  guint want;
  gint64 after;
} Recorder;

static PinId
pin_id (FpClient *client, const Pin *pin)
{
  int ctrl = fp_client_find_controller (client, pin->ctrl);

  g_assert_cmpint (ctrl, >=, 0);
  return (PinId) { (guint) ctrl, pin->pin };
}

static gboolean
is_pin (const PinEvent *event, PinId id)
{
  return event->pin.ctrl == id.ctrl && event->pin.pin == id.pin;
}

static void
on_pin_changed (FpClient *client,
                guint     ctrl,
                guint     pin,
                gboolean  initial,
                Recorder *rec)
{
  const FpPinState *state = fp_client_get_pin (client, ctrl, pin);
  PinEvent event = { { ctrl, pin }, state->level, state->t };

  if (!initial)
    g_array_append_val (rec->events, event);
}

static void
on_dropped (FpClient *client,
            guint     ctrl,
            guint     pin,
            guint64   edges,
            gint64    t,
            Recorder *rec)
{
  PinId id = { ctrl, pin };
  PinEvent event = { id, 0, t };

  /* Only these: the micro:bit's matrix scan may lose edges to back-pressure
   * without harm. */
  if (is_pin (&event, rec->button) || is_pin (&event, rec->led))
    rec->dropped += edges;
}

/* The events of @id so far, in a new array. */
static GArray *
events_of (Recorder *rec, PinId id)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (PinEvent));

  for (guint i = 0; i < rec->events->len; i++)
    if (is_pin (&g_array_index (rec->events, PinEvent, i), id))
      g_array_append_val (found, g_array_index (rec->events, PinEvent, i));
  return found;
}

static gboolean
has_button_edges (gpointer data)
{
  Recorder *rec = data;
  g_autoptr(GArray) presses = events_of (rec, rec->button);

  return presses->len >= rec->want;
}

/* The blink LED toggled twice after rec->after: QEMU reports in virtual-time
 * order, so every LED edge the guest made before then is in. */
static gboolean
blinked_after (gpointer data)
{
  Recorder *rec = data;
  g_autoptr(GArray) blinks = events_of (rec, rec->blink);
  guint n = 0;

  for (guint i = 0; i < blinks->len; i++)
    n += g_array_index (blinks, PinEvent, i).t > rec->after;
  return n >= 2;
}

typedef struct {
  FpClient *client;
  PinId pin;
  int level;
  GtkWidget *button;            /* not bouncing any more, or NULL */
} LevelWait;

static gboolean
has_level (gpointer data)
{
  LevelWait *w = data;

  return fp_client_get_pin (w->client, w->pin.ctrl, w->pin.pin)->level == w->level &&
         (w->button == NULL || _fp_button_get_n_pending (FP_BUTTON (w->button)) == 0);
}

static void
wait_level (FpClient *client, PinId pin, int level, GtkWidget *button, const char *what)
{
  LevelWait w = { client, pin, level, button };

  fp_test_wait_until (has_level, &w, what);
}

static void
click (GtkWidget *widget, const char *signal)
{
  g_signal_emit_by_name (fp_test_find_controller (widget, GTK_TYPE_GESTURE_CLICK), signal, 1, 10.0, 10.0);
}

/* Presses the button, waits for its @n edges and what the guest did about
 * them; returns the button's and the LED's events. The release follows,
 * and the LED goes out, before the next press. */
static void
press_and_record (Recorder *rec, GtkWidget *button, const Board *board, guint n,
                  GArray **presses, GArray **leds)
{
  g_array_set_size (rec->events, 0);
  click (button, "pressed");
  rec->want = n;
  fp_test_wait_until (has_button_edges, rec, "the button's edges to reach QEMU");
  *presses = events_of (rec, rec->button);
  rec->after = g_array_index (*presses, PinEvent, n - 1).t + 5 * DEBOUNCE_NS;
  fp_test_wait_until (blinked_after, rec, "the blink LED, after the press settled");
  *leds = events_of (rec, rec->led);

  g_assert_cmpuint (rec->dropped, ==, 0);
  /* Active low: the press starts at 0, and the bounce alternates. */
  g_assert_cmpuint ((*presses)->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (*presses, PinEvent, i).level, ==, i % 2);
  g_assert_cmpuint ((*leds)->len, >=, 1);
  g_assert_cmpint (g_array_index (*leds, PinEvent, (*leds)->len - 1).level, ==, board->lit);

  click (button, "released");
  wait_level (rec->client, rec->led, !board->lit, button, "the LED to go out on release");
}

static gboolean
edges_apart (GArray *presses)
{
  for (guint i = 1; i < presses->len; i++)
    if (g_array_index (presses, PinEvent, i).t - g_array_index (presses, PinEvent, i - 1).t < MIN_GAP_NS)
      return FALSE;
  return TRUE;
}

static gboolean
edges_within_debounce (GArray *presses)
{
  return g_array_index (presses, PinEvent, presses->len - 1).t - g_array_index (presses, PinEvent, 0).t
         < DEBOUNCE_NS;
}

static void
print_late (const Board *board, guint attempt, GArray *presses)
{
  g_autoptr(GString) at = g_string_new (NULL);

  for (guint i = 0; i < presses->len; i++)
    g_string_append_printf (at, " %.3f", (g_array_index (presses, PinEvent, i).t -
                                          g_array_index (presses, PinEvent, 0).t) / 1e6);
  g_test_message ("%s: attempt %u: the host delivered the bounce late, edges at%s ms",
                  board->board, attempt + 1, at->str);
}

static void
flip (GtkWidget *sw)
{
  click (sw, "pressed");
  click (sw, "released");
}

/* Sets DEBOUNCE with clicks on its switch, as a user would, and waits for
 * the guest's pin to read @on. A switch shown off has not driven its pin
 * yet, which may float: flipped on and off, it drives it. */
static void
set_debounce (Recorder *rec, GtkWidget *debounce, gboolean on)
{
  const FpPinState *state = fp_client_get_pin (rec->client, rec->debounce.ctrl, rec->debounce.pin);

  if (fp_button_get_pressed (FP_BUTTON (debounce)) != on)
    flip (debounce);
  else if (state->level != on)
    {
      flip (debounce);
      flip (debounce);
    }
  g_assert_true (fp_button_get_pressed (FP_BUTTON (debounce)) == on);
  wait_level (rec->client, rec->debounce, on, NULL, "QEMU to apply DEBOUNCE");
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
switch_is_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

/* The popover's switch, activated as Space or a click does (it flips at
 * the end of its animation); switching it off and on again starts the
 * seed over, so every attempt bounces alike. */
static void
bounce_switch (FpBouncePopover *popover, gboolean on)
{
  GtkSwitch *sw = _fp_bounce_popover_get_switch (popover);

  if (gtk_switch_get_active (sw) != on)
    gtk_widget_activate (GTK_WIDGET (sw));
  fp_test_wait_until (on ? switch_is_on : switch_is_off, sw, "the bounce switch to flip");
}

/* Switches the bounce on and sets it in the popover's spin buttons, as a
 * user types it; each value applies at once. */
static void
set_bounce_spins (GtkWidget *button, FpBouncePopover *popover, guint edges, guint ms, guint32 seed)
{
  guint got_ms;
  guint32 got_seed;

  bounce_switch (popover, TRUE);
  gtk_spin_button_set_value (_fp_bounce_popover_get_spin (popover, "edges"), edges);
  gtk_spin_button_set_value (_fp_bounce_popover_get_spin (popover, "ms"), ms);
  gtk_spin_button_set_value (_fp_bounce_popover_get_spin (popover, "seed"), seed);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), &got_ms, &got_seed), ==, edges);
  g_assert_cmpuint (got_ms, ==, ms);
  g_assert_cmpuint (got_seed, ==, seed);
}

/* Presses with the popover's bounce until QEMU got its edges as
 * @arrived requires; returns them and the LED's edges. */
static void
press_bouncing (Recorder *rec, GtkWidget *button, FpBouncePopover *popover, const Board *board,
                guint edges, gboolean (*arrived) (GArray *), GArray **presses, GArray **leds)
{
  for (guint attempt = 0; attempt < ATTEMPTS; attempt++)
    {
      bounce_switch (popover, FALSE);
      bounce_switch (popover, TRUE);
      press_and_record (rec, button, board, edges, presses, leds);
      if (arrived (*presses))
        return;
      print_late (board, attempt, *presses);
      g_clear_pointer (presses, g_array_unref);
      g_clear_pointer (leds, g_array_unref);
    }
  g_error ("QEMU got no bounce as sent in %d attempts: the host is too busy", ATTEMPTS);
}

static void
test_bounce (gconstpointer data)
{
  const Board *board = data;
  Fixture fx = { 0 };
  Recorder rec = { 0 };
  FpBoardView *view;
  GtkWidget *button, *debounce;
  FpBouncePopover *popover;
  GArray *presses = NULL, *leds = NULL;
  gboolean on;
  guint edges, ms;
  guint32 seed;

  fixture_open (&fx, board);
  view = _fp_window_get_board_view (fx.window);
  button = _fp_board_view_get_widget (view, board->button);
  debounce = _fp_board_view_get_widget (view, board->debounce);
  g_assert_nonnull (button);
  g_assert_nonnull (debounce);
  rec.client = fx.client;
  rec.events = g_array_new (FALSE, FALSE, sizeof (PinEvent));
  rec.button = pin_id (fx.client, &board->button_pin);
  rec.led = pin_id (fx.client, &board->led_pin);
  rec.blink = pin_id (fx.client, &board->blink_pin);
  rec.debounce = pin_id (fx.client, &board->debounce_pin);
  g_signal_connect (fx.client, "pin-changed", G_CALLBACK (on_pin_changed), &rec);
  g_signal_connect (fx.client, "dropped", G_CALLBACK (on_dropped), &rec);
  fp_test_wait_until (has_blinked, _fp_board_view_get_widget (view, board->blink),
                      "the firmware to blink its LED");

  /* The popover, as the context menu opens it, shows the bundled layouts'
   * bounce (test_firmware.py presses the firmware with it). */
  g_assert_true (gtk_widget_activate_action (button, "button.edit-bounce", NULL));
  popover = FP_BOUNCE_POPOVER (_fp_button_get_bounce_popover (FP_BUTTON (button)));
  g_assert_nonnull (popover);
  fp_bounce_popover_get_values (popover, &on, &edges, &ms, &seed);
  g_assert_true (on);
  g_assert_cmpuint (edges, ==, 3);
  g_assert_cmpuint (ms, ==, 16);
  g_assert_cmpuint (seed, ==, 43);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), NULL, NULL), ==, edges);

  /* Bounce off in the popover: one edge, one LED edge, DEBOUNCE off. */
  set_debounce (&rec, debounce, FALSE);
  bounce_switch (popover, FALSE);
  press_and_record (&rec, button, board, 1, &presses, &leds);
  g_assert_cmpuint (leds->len, ==, 1);
  g_clear_pointer (&presses, g_array_unref);
  g_clear_pointer (&leds, g_array_unref);

  /* On, DEBOUNCE off: the handler mirrors every edge before the next came.
   * Each edge must reach QEMU on its own: the spin buttons make it 5 edges
   * over 100 ms, which seed 566 puts at least 21 ms apart, more than the
   * app's edges are late (above) but for rare stalls. */
  set_bounce_spins (button, popover, 5, 100, 566);
  press_bouncing (&rec, button, popover, board, 5, edges_apart, &presses, &leds);
  g_assert_cmpuint (leds->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const PinEvent *press = &g_array_index (presses, PinEvent, i);
      const PinEvent *led = &g_array_index (leds, PinEvent, i);

      g_assert_cmpint (led->level, ==, press->level == 0 ? board->lit : !board->lit);
      g_assert_cmpint (led->t, >, press->t);
      if (i + 1 < 5)
        g_assert_cmpint (led->t, <, g_array_index (presses, PinEvent, i + 1).t);
    }
  g_clear_pointer (&presses, g_array_unref);
  g_clear_pointer (&leds, g_array_unref);

  /* DEBOUNCE on: one LED edge, once the contact settled for 20 ms. The
   * bounce must reach QEMU inside those 20 ms: the app's default, 7 edges
   * over 5 ms, which a late edge of the app's (above) pushes past them far
   * less often than the layout's 16 ms. */
  set_debounce (&rec, debounce, TRUE);
  set_bounce_spins (button, popover, FP_BOUNCE_DEFAULT_EDGES, FP_BOUNCE_DEFAULT_MS, 0);
  press_bouncing (&rec, button, popover, board, FP_BOUNCE_DEFAULT_EDGES, edges_within_debounce,
                  &presses, &leds);
  g_assert_cmpuint (leds->len, ==, 1);
  g_assert_cmpint (g_array_index (leds, PinEvent, 0).t - g_array_index (presses, PinEvent, 0).t, >=, DEBOUNCE_NS);
  g_clear_pointer (&presses, g_array_unref);
  g_clear_pointer (&leds, g_array_unref);

  g_signal_handlers_disconnect_by_data (fx.client, &rec);
  g_array_unref (rec.events);
  fixture_close (&fx);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      g_autofree char *name = g_strdup_printf ("/panel/%s", boards[i].board);
      g_autofree char *bounce = g_strdup_printf ("/panel/bounce/%s", boards[i].board);

      g_test_add_data_func (name, &boards[i], test_board);
      g_test_add_data_func (bounce, &boards[i], test_bounce);
    }
  return g_test_run ();
}
