/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-start-board.c: "Start board…" with the real patched QEMU and the
 * real demo firmware, under Xvfb (see meson.build): a bundled board
 * started from the dialog shows its banner in the console pane and its LED
 * follows a click; closing the window ends QEMU (by pid) and removes its
 * private folder; a missing kernel or QEMU is an error that changes
 * nothing; QEMU ending by itself is reported; typed keys reach the guest
 * (the virt demo echoes them); another board or another connection ends
 * the first QEMU; the Linux boards without the Linux guest are an error
 * that says how to get it; and the program's --start, with Ctrl-C
 * (SIGTERM) ending it cleanly. Screenshots are saved beside the test.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "fp-board-view-private.h"
#include "fp-console-private.h"
#include "fp-find-controller.h"
#include "fp-find-window.h"
#include "fp-led.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-start-dialog-private.h"
#include "fp-window-private.h"

static char *runtime_dir;

static gboolean
is_ready (gpointer data)
{
  FpClient *client = fp_window_get_client (data);

  return client != NULL && fp_client_get_state (client) == FP_CLIENT_STATE_READY;
}

typedef struct {
  FpWindow *window;
  const char *text;
} ConsoleWait;

static gboolean
console_has (gpointer data)
{
  ConsoleWait *wait = data;
  g_autofree char *text = _fp_console_get_text (_fp_window_get_console (wait->window));

  return strstr (text, wait->text) != NULL;
}

static void
wait_console (FpWindow   *window,
              const char *text)
{
  ConsoleWait wait = { window, text };
  g_autofree char *what = g_strdup_printf ("the console to show '%s'", text);

  fp_test_wait_until (console_has, &wait, what);
}

static gboolean
process_gone (gpointer data)
{
  return kill (GPOINTER_TO_INT (data), 0) != 0 && errno == ESRCH;
}

static gboolean
has_qemu (gpointer data)
{
  return _fp_window_get_qemu (data) != NULL;
}

static gboolean
has_qemu_message (gpointer data)
{
  return _fp_window_get_qemu_message (data) != NULL;
}

static int
qemu_pid (FpWindow *window)
{
  FpQemu *qemu = _fp_window_get_qemu (window);

  g_assert_nonnull (qemu);
  g_assert_nonnull (fp_qemu_get_pid (qemu));
  return atoi (fp_qemu_get_pid (qemu));
}

static FpWindow *
new_window (void)
{
  FpWindow *window = fp_window_new (NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The start dialog win.start-board opened over @window. */
static FpStartDialog *
find_start_dialog (FpWindow *window)
{
  return FP_START_DIALOG (fp_test_find_transient (GTK_WINDOW (window), FP_TYPE_START_DIALOG));
}

static void
start_bundled (FpWindow   *window,
               const char *name)
{
  g_autoptr(FpGuest) guest = fp_guest_new_bundled (name);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (guest);
  g_assert_true (fp_window_start_guest (window, guest, &error));
  g_assert_no_error (error);
}

static gboolean
is_lit (gpointer data)
{
  return fp_led_get_brightness (data) == 1.0;
}

static gboolean
is_dark (gpointer data)
{
  return fp_led_get_brightness (data) == 0.0;
}

static gboolean
has_blinked (gpointer data)
{
  return fp_led_get_brightness (data) > 0.0;
}

/* The whole path a user takes: Ctrl+B's action, a bundled board, Start. */
static void
test_dialog_bundled (void)
{
  FpWindow *window = new_window ();
  FpStartDialog *dialog;
  GtkWidget *start, *button, *led;
  FpBoardView *view;
  GtkGesture *click;
  g_autofree char *dir = NULL;
  int pid;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-board", NULL));
  dialog = find_start_dialog (window);
  start = GTK_WIDGET (_fp_start_dialog_get_start_button (dialog));
  /* The first time, the first bundled guest is offered, ready to start. */
  g_assert_true (gtk_widget_get_sensitive (start));
  _fp_start_dialog_select (dialog, "b-l475e-iot01a");
  g_assert_cmpstr (gtk_label_get_text (_fp_start_dialog_get_error_label (dialog)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (start));
  fp_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-start-dialog");
  g_signal_emit_by_name (start, "clicked");

  pid = qemu_pid (window);
  dir = g_strdup (fp_qemu_get_dir (_fp_window_get_qemu (window)));
  g_assert_true (g_str_has_prefix (dir, runtime_dir));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
  fp_test_wait_until (is_ready, window, "the window to connect to the QEMU it started");
  wait_console (window, "front panel demo: b-l475e-iot01a, blink LD1 5 Hz, B1 -> LD2");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (_fp_window_get_console (window))));

  /* The board's own layout, and its loop through the guest. */
  view = _fp_window_get_board_view (window);
  g_assert_cmpstr (fp_layout_get_board (fp_board_view_get_layout (view)), ==, "b-l475e-iot01a");
  button = _fp_board_view_get_widget (view, "b1");
  led = _fp_board_view_get_widget (view, "ld2");
  fp_test_wait_until (is_dark, led, "LD2 to be off");
  /* The banner comes before the firmware enables B1's interrupt; LD1's
   * first blink comes after. */
  fp_test_wait_until (has_blinked, _fp_board_view_get_widget (view, "ld1"), "LD1 to blink");
  click = GTK_GESTURE (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK));
  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  fp_test_wait_until (is_lit, led, "the guest to light LD2 from B1's interrupt");
  fp_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-board");
  g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
  fp_test_wait_until (is_dark, led, "the guest to put LD2 out");

  /* Closing the window ends QEMU, and its folder goes. */
  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_wait_until (process_gone, GINT_TO_POINTER (pid), "QEMU to end with its window");
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
set_entry (FpStartDialog *dialog,
           const char    *field,
           const char    *text)
{
  gtk_editable_set_text (_fp_start_dialog_get_entry (dialog, field), text);
}

static void
assert_dialog_error (FpStartDialog *dialog,
                     const char    *message)
{
  g_assert_cmpstr (gtk_label_get_text (_fp_start_dialog_get_error_label (dialog)), ==, message);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_fp_start_dialog_get_start_button (dialog))));
}

/* Wrong input is an error that says what and where, and the board that
 * runs keeps running, connected. */
static void
test_bad_input (void)
{
  FpWindow *window = new_window ();
  g_autofree char *virt_elf = g_build_filename (FIRMWARE_DIR, "virt.elf", NULL);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGuest) guest = g_new0 (FpGuest, 1);
  FpStartDialog *dialog;
  FpQemu *running;
  int pid;

  start_bundled (window, "virt");
  running = _fp_window_get_qemu (window);
  pid = qemu_pid (window);
  fp_test_wait_until (is_ready, window, "the window to connect to virt");
  wait_console (window, "front panel demo: virt");

  dialog = fp_window_show_start_dialog (window);
  _fp_start_dialog_select (dialog, NULL);
  assert_dialog_error (dialog, "QEMU: none given; name a qemu-system-ARCH program, an architecture "
                               "(arm, aarch64, riscv32…) or a path");
  set_entry (dialog, "qemu", "aarch64");
  assert_dialog_error (dialog, "Machine: none given, e.g. virt (qemu-system-… -M help lists them)");
  set_entry (dialog, "machine", "virt");
  assert_dialog_error (dialog, "Kernel or firmware: no file given");
  set_entry (dialog, "kernel", "/nonexistent/kernel.elf");
  assert_dialog_error (dialog, "Kernel or firmware: '/nonexistent/kernel.elf': no such file");
  set_entry (dialog, "kernel", virt_elf);
  set_entry (dialog, "dtb", FIRMWARE_DIR);
  message = g_strdup_printf ("Device tree: '%s' is not a file", FIRMWARE_DIR);
  assert_dialog_error (dialog, message);
  set_entry (dialog, "dtb", "");
  set_entry (dialog, "args", "-cpu 'cortex-a53");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (_fp_start_dialog_get_error_label (dialog)),
                                   "More QEMU arguments: "));
  set_entry (dialog, "args", "-cpu cortex-a53 -nic none");
  set_entry (dialog, "qemu", "nosuch-arch");
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("QEMU: no qemu-system-nosuch-arch in %s or on PATH", QEMU_BINDIR);
  assert_dialog_error (dialog, message);
  /* Put right, it may start. */
  set_entry (dialog, "qemu", "aarch64");
  g_assert_cmpstr (gtk_label_get_text (_fp_start_dialog_get_error_label (dialog)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_fp_start_dialog_get_start_button (dialog))));
  fp_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-start-dialog-own");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The window's own check, for callers without the dialog. */
  guest->qemu = g_strdup ("aarch64");
  guest->machine = g_strdup ("virt");
  guest->kernel = g_strdup ("/nonexistent/kernel.elf");
  guest->args = g_new0 (char *, 1);
  g_assert_false (fp_window_start_guest (window, guest, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Kernel or firmware: '/nonexistent/kernel.elf': no such file");
  g_clear_error (&error);
  g_free (guest->kernel);
  guest->kernel = g_strdup (virt_elf);
  g_free (guest->qemu);
  guest->qemu = g_strdup ("/nonexistent/qemu-system-aarch64");
  g_assert_false (fp_window_start_guest (window, guest, &error));
  g_assert_cmpstr (error->message, ==, "QEMU: '/nonexistent/qemu-system-aarch64' is not an executable file");

  /* Nothing lost: the same QEMU, connected, its console as it was. */
  g_assert_true (_fp_window_get_qemu (window) == running);
  g_assert_false (process_gone (GINT_TO_POINTER (pid)));
  g_assert_true (is_ready (window));
  wait_console (window, "front panel demo: virt");
  g_assert_null (_fp_window_get_qemu_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_wait_until (process_gone, GINT_TO_POINTER (pid), "QEMU to end with its window");
}

/* QEMU that fails at once, and QEMU killed from outside: the bar says so. */
static void
test_qemu_exits (void)
{
  FpWindow *window = new_window ();
  g_autoptr(FpGuest) guest = g_new0 (FpGuest, 1);
  g_autoptr(GError) error = NULL;
  const char *message;
  int pid;

  guest->title = g_strdup ("no such machine");
  guest->qemu = g_strdup ("aarch64");
  guest->machine = g_strdup ("nosuch");
  guest->kernel = g_build_filename (FIRMWARE_DIR, "virt.elf", NULL);
  guest->args = g_new0 (char *, 1);
  g_assert_true (fp_window_start_guest (window, guest, &error));
  g_assert_no_error (error);
  fp_test_wait_until (has_qemu_message, window, "the window to report QEMU's exit");
  message = _fp_window_get_qemu_message (window);
  g_test_message ("reported: %s", message);
  g_assert_true (g_str_has_prefix (message, "QEMU exited with status 1:\n"));
  g_assert_nonnull (strstr (message, "nosuch"));
  g_assert_null (_fp_window_get_qemu (window));
  /* The client stopped retrying a socket that will never come. */
  g_assert_cmpint (fp_client_get_state (fp_window_get_client (window)), ==, FP_CLIENT_STATE_IDLE);
  g_assert_true (gtk_widget_is_visible (_fp_window_get_qemu_bar (window)));
  /* The board area says so too, and offers to start it again. */
  g_assert_cmpstr (_fp_window_get_empty_title (window), ==, "The Board Has Stopped");
  g_assert_true (g_str_has_prefix (_fp_window_get_empty_description (window),
                                   "QEMU exited with status 1. Start the board again"));
  g_assert_true (gtk_widget_get_visible (_fp_window_get_restart_button (window)));
  fp_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-board-exited");

  start_bundled (window, "sifive_e");
  g_assert_null (_fp_window_get_qemu_message (window));
  pid = qemu_pid (window);
  fp_test_wait_until (is_ready, window, "the window to connect to sifive_e");
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  fp_test_wait_until (has_qemu_message, window, "the window to report QEMU's death");
  g_assert_cmpstr (_fp_window_get_qemu_message (window), ==, "QEMU was killed by signal 9 (Killed)");
  g_assert_cmpstr (_fp_window_get_empty_description (window), ==,
                   "QEMU was killed by signal 9 (Killed). Start the board again, or start another one.");

  /* "Start Again": the same board, a new QEMU, connected. */
  gtk_widget_activate (_fp_window_get_restart_button (window));
  fp_test_wait_until (has_qemu, window, "the window to start QEMU again");
  g_assert_cmpint (qemu_pid (window), !=, pid);
  fp_test_wait_until (is_ready, window, "the window to connect to sifive_e again");
  g_assert_null (_fp_window_get_empty_title (window));
  g_assert_null (_fp_window_get_qemu_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Typed keys go to the guest; the virt demo echoes them back. Real key
 * presses (xdotool, through the X server), so that the window's own key
 * handling is in the path: "b" is also the key of virt's button, and must
 * go to the console instead while it has the focus. */
static void
test_console_input (void)
{
  FpWindow *window = new_window ();
  GtkWidget *led;
  g_autofree char *xid = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int pid, status;

  start_bundled (window, "virt");
  pid = qemu_pid (window);
  fp_test_wait_until (is_ready, window, "the window to connect to virt");
  wait_console (window, "front panel demo: virt");
  led = _fp_board_view_get_widget (_fp_window_get_board_view (window), "led1");
  fp_test_wait_until (is_dark, led, "LED1 to be off");
  gtk_widget_grab_focus (GTK_WIDGET (_fp_console_get_view (_fp_window_get_console (window))));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }
  fp_test_wait_until (is_active, window, "the window to have the keyboard focus");
  {
    const char *argv[] = { "xdotool", "key", "--delay", "30", "b", "y", "e", "space", "p", "a", "n",
                           "e", "l", "Return", NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }
  /* The echo, and Enter's new line after it. */
  wait_console (window, "\nbye panel\n");
  /* "b" went to the guest, not to the button. */
  g_assert_cmpfloat (fp_led_get_brightness (FP_LED (led)), ==, 0.0);
  /* The text view lays new lines out in an idle after the paint that
   * follows the insertion: let one frame pass. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  fp_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-board-console");
  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_wait_until (process_gone, GINT_TO_POINTER (pid), "QEMU to end with its window");
}

/* The dialog offers what was started last: the user's own guest, with its
 * fields, or a bundled one. */
static void
test_remembers (void)
{
  FpWindow *window = new_window ();
  g_autofree char *virt_elf = g_build_filename (FIRMWARE_DIR, "virt.elf", NULL);
  FpStartDialog *dialog;
  int pid;

  dialog = fp_window_show_start_dialog (window);
  _fp_start_dialog_select (dialog, NULL);
  set_entry (dialog, "qemu", "aarch64");
  set_entry (dialog, "machine", "virt");
  set_entry (dialog, "kernel", virt_elf);
  set_entry (dialog, "args", "-cpu cortex-a53 -nic none");
  g_signal_emit_by_name (_fp_start_dialog_get_start_button (dialog), "clicked");
  pid = qemu_pid (window);
  fp_test_wait_until (is_ready, window, "the window to connect to the user's own guest");
  /* The machine's layout: virt has one. */
  g_assert_cmpstr (fp_layout_get_board (fp_board_view_get_layout (_fp_window_get_board_view (window))),
                   ==, "virt");
  wait_console (window, "front panel demo: virt");

  dialog = fp_window_show_start_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (_fp_start_dialog_get_entry (dialog, "kernel")), ==, virt_elf);
  g_assert_cmpstr (gtk_editable_get_text (_fp_start_dialog_get_entry (dialog, "args")), ==,
                   "-cpu cortex-a53 -nic none");
  /* Own is chosen: its fields are the ones in use. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_fp_start_dialog_get_entry (dialog, "kernel"))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_fp_start_dialog_get_start_button (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_wait_until (process_gone, GINT_TO_POINTER (pid), "QEMU to end with its window");
}

/* Another board, then another connection: each ends the QEMU before. */
static void
test_replace (void)
{
  FpWindow *window = new_window ();
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  g_autoptr(GError) error = NULL;
  int first, second;

  start_bundled (window, "virt");
  first = qemu_pid (window);
  fp_test_wait_until (is_ready, window, "the window to connect to virt");
  start_bundled (window, "microbit");
  second = qemu_pid (window);
  g_assert_cmpint (first, !=, second);
  fp_test_wait_until (process_gone, GINT_TO_POINTER (first), "the first QEMU to end");
  fp_test_wait_until (is_ready, window, "the window to connect to microbit");
  g_assert_cmpstr (fp_client_get_machine (fp_window_get_client (window)), ==, "microbit");
  wait_console (window, "front panel demo: microbit");

  g_assert_true (fp_window_connect (window, peer->address, &error));
  g_assert_no_error (error);
  fp_test_wait_until (process_gone, GINT_TO_POINTER (second), "the QEMU to end on connecting elsewhere");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (_fp_window_get_console (window))));
  fp_test_wait_until (is_ready, window, "the window to connect to the peer");

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_peer_stop (peer);
}

/* A Linux board where the guest is not: listed, and an error that says how
 * to build it, in the dialog (Start stays off), from the window and from
 * --start. Here $FRONTPANEL_GUEST_DIR names an empty folder. */
static void
test_linux_missing (void)
{
  FpWindow *window = new_window ();
  g_autofree char *empty = g_dir_make_tmp ("fp-no-guest-XXXXXX", NULL);
  g_autofree char *message = NULL;
  g_autofree char *err = NULL;
  g_autoptr(FpGuest) guest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  FpStartDialog *dialog;

  g_assert_nonnull (empty);
  g_setenv ("FRONTPANEL_GUEST_DIR", empty, TRUE);
  message = g_strdup_printf ("Linux guest: %s has no vmlinuz. Build it with build-aux/build-guest.sh, "
                             "then reconfigure with -Dguest_dir=\"$(build-aux/build-guest.sh --print-dir)\" "
                             "or set FRONTPANEL_GUEST_DIR to that folder.", empty);

  dialog = fp_window_show_start_dialog (window);
  _fp_start_dialog_select (dialog, "raspi3b-linux");
  assert_dialog_error (dialog, message);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  fp_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-start-dialog-no-guest");
  gtk_window_destroy (GTK_WINDOW (dialog));

  guest = fp_guest_new_bundled ("virt-linux");
  g_assert_nonnull (guest);
  g_assert_false (fp_window_start_guest (window, guest, &error));
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (_fp_window_get_qemu (window));
  g_clear_error (&error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, "--start", "raspi4b-linux", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("frontpanel: --start raspi4b-linux: Linux guest: %s has no vmlinuz. "
                             "Build it with build-aux/build-guest.sh, then reconfigure with "
                             "-Dguest_dir=\"$(build-aux/build-guest.sh --print-dir)\" "
                             "or set FRONTPANEL_GUEST_DIR to that folder.\n", empty);
  g_assert_cmpstr (err, ==, message);

  g_unsetenv ("FRONTPANEL_GUEST_DIR");
  g_assert_cmpint (g_rmdir (empty), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_entry (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (runtime_dir, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) != NULL;
}

static gboolean
has_no_entry (gpointer data)
{
  return !has_entry (data);
}

/* @data: the /proc file that lists a process's children; TRUE once it
 * names one. */
static gboolean
has_child (gpointer data)
{
  g_autofree char *children = NULL;

  return g_file_get_contents (data, &children, NULL, NULL) && atoi (children) > 0;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* The program: a bad --start is exit 2 before GTK; a good one runs QEMU
 * until SIGTERM (Ctrl-C alike) ends both cleanly. */
static void
test_program (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *children_path = NULL;
  g_autofree char *children = NULL;
  int qemu;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, "--start", "nosuch", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (err, ==, "frontpanel: --start 'nosuch': not a bundled board "
                            "(b-l475e-iot01a, microbit, sifive_e, virt, raspi3b, "
                            "raspi3b-linux, raspi4b-linux, virt-linux)\n");
  g_clear_object (&process);
  g_clear_object (&launcher);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, "--start", "virt", NULL);
  g_assert_no_error (error);
  fp_test_wait_until (has_entry, NULL, "frontpanel --start to make its QEMU folder");
  children_path = g_strdup_printf ("/proc/%s/task/%s/children", g_subprocess_get_identifier (process),
                                   g_subprocess_get_identifier (process));
  /* The folder comes first, QEMU a moment after. */
  fp_test_wait_until (has_child, children_path, "frontpanel --start to start QEMU");
  g_assert_true (g_file_get_contents (children_path, &children, NULL, &error));
  g_assert_no_error (error);
  qemu = atoi (children);
  g_assert_cmpint (qemu, >, 0);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  fp_test_wait_until (process_gone, GINT_TO_POINTER (qemu), "frontpanel's QEMU to end with it");
  fp_test_wait_until (has_no_entry, NULL, "frontpanel's QEMU folder to go");
}

int
main (int argc, char **argv)
{
  int status;

  /* A runtime folder of the test's own, to see what the app leaves in it. */
  runtime_dir = g_dir_make_tmp ("fp-start-board-XXXXXX", NULL);
  g_assert_nonnull (runtime_dir);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* Info bars appear at once: a screenshot shows them whole. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_add_func ("/start-board/dialog-bundled", test_dialog_bundled);
  g_test_add_func ("/start-board/bad-input", test_bad_input);
  g_test_add_func ("/start-board/qemu-exits", test_qemu_exits);
  g_test_add_func ("/start-board/console-input", test_console_input);
  g_test_add_func ("/start-board/remembers", test_remembers);
  g_test_add_func ("/start-board/replace", test_replace);
  g_test_add_func ("/start-board/linux-missing", test_linux_missing);
  g_test_add_func ("/start-board/program", test_program);
  status = g_test_run ();
  g_assert_cmpint (g_rmdir (runtime_dir), ==, 0);
  g_free (runtime_dir);
  return status;
}
