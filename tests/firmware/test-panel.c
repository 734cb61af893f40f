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
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-button.h"
#include "fp-find-controller.h"
#include "fp-led.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-rgb-led.h"
#include "fp-window-private.h"

typedef struct {
  const char *board;
  const char *arch;
  const char *args[4];          /* more QEMU arguments */
  const char *firmware;         /* in FIRMWARE_DIR */
  const char *button;           /* the layout's ids */
  const char *led;
  const char *blink;            /* the LED the timer blinks (an RGB LED's green) */
} Board;

static const Board boards[] = {
  { "b-l475e-iot01a", "arm", { NULL }, "b-l475e-iot01a.elf", "b1", "ld2", "ld1" },
  { "microbit", "arm", { NULL }, "microbit/microbit-demo.elf", "button-a", "p1", "p0" },
  { "sifive_e", "riscv32", { NULL }, "sifive_e.elf", "btn", "ld1", "ld1" },
  { "virt", "aarch64", { "-cpu", "cortex-a53", "-nic", "none" }, "virt.elf", "btn", "led1", "led0" },
  { "raspi3b", "aarch64", { NULL }, "raspi3b.elf", "gpio23", "gpio27", "gpio17" },
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

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      g_autofree char *name = g_strdup_printf ("/panel/%s", boards[i].board);

      g_test_add_data_func (name, &boards[i], test_board);
    }
  return g_test_run ();
}
