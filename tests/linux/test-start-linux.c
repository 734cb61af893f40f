/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-start-linux.c: what a student does, in the app under Xvfb with the
 * real patched QEMU and the real Linux guest (-Dguest_dir), on each Linux
 * board: Start board…, "Raspberry Pi 3 Model B — Linux", the busybox shell
 * in the console pane, gpiomon typed into it, GPIO23 clicked on the panel,
 * and gpiomon's lines for both edges in the console; Ctrl+C typed there
 * ends gpiomon. Screenshots are saved beside the test.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-button.h"
#include "fp-console-private.h"
#include "fp-find-controller.h"
#include "fp-find-window.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-start-dialog-private.h"
#include "fp-window-private.h"

/* From QEMU's start to the shell: 3 to 10 s here, more on a loaded host. */
#define BOOT_DEADLINE_S 120
/* busybox's prompt: the guest's hostname, and # for root. */
#define PROMPT "frontpanel# "

static gboolean
is_ready (gpointer data)
{
  FpClient *client = fp_window_get_client (data);

  return client != NULL && fp_client_get_state (client) == FP_CLIENT_STATE_READY;
}

static char *
console_text (FpWindow *window)
{
  return _fp_console_get_text (_fp_window_get_console (window));
}

typedef struct {
  FpWindow *window;
  const char *text;
  guint count;
} ConsoleWait;

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
console_has (gpointer data)
{
  ConsoleWait *wait = data;
  g_autofree char *text = console_text (wait->window);

  return count (text, wait->text) >= wait->count;
}

/* Waits until the console shows @text @n times in all. */
static void
wait_console (FpWindow   *window,
              const char *text,
              guint       n,
              guint       seconds)
{
  ConsoleWait wait = { window, text, n };
  g_autofree char *what = g_strdup_printf ("the console to show '%s' (%u times)", text, n);

  fp_test_wait_until_s (console_has, &wait, what, seconds);
}

static gboolean
last_line_is (gpointer data)
{
  ConsoleWait *wait = data;
  g_autofree char *text = console_text (wait->window);
  const char *newline = strrchr (text, '\n');

  return g_str_equal (newline ? newline + 1 : text, wait->text);
}

/* Waits until the guest's cursor line is @line: the shell echoed it. */
static void
wait_last_line (FpWindow   *window,
                const char *line)
{
  ConsoleWait wait = { window, line, 0 };
  g_autofree char *what = g_strdup_printf ("the console's last line to be '%s'", line);

  fp_test_wait_until (last_line_is, &wait, what);
}

static void
press_key (FpWindow        *window,
           guint            keyval,
           GdkModifierType  state)
{
  GtkWidget *console = GTK_WIDGET (_fp_window_get_console (window));
  GtkEventController *keys = fp_test_find_controller (console, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  g_assert_true (handled);
}

/* Types @command at the prompt as a user does, one key at a time, each
 * once the shell echoed the one before (busybox's line editor drops keys
 * that come faster than it reads them), then Enter. */
static void
type_command (FpWindow   *window,
              const char *command)
{
  g_autoptr(GString) line = g_string_new (PROMPT);

  for (const char *c = command; *c != '\0'; c++)
    {
      press_key (window, gdk_unicode_to_keyval ((guchar) *c), 0);
      g_string_append_c (line, *c);
      wait_last_line (window, line->str);
    }
  press_key (window, GDK_KEY_Return, 0);
}

/* A Linux board of guests.ini, and what its description tells to try. */
typedef struct {
  const char *name;
  const char *machine;
  const char *ctrl;             /* the panel's controller */
  const char *button;           /* the layout's button on @pin */
  guint pin;
  const char *gpiomon;          /* gpiomon on @pin */
  int pull_pin;                 /* a pin gpiomon -B pull-up can pull, or -1 (the PL061 has no pulls) */
} LinuxBoard;

static const LinuxBoard boards[] = {
  { "raspi3b-linux", "raspi3b", "gpio", "gpio23", 23, "gpiomon -B pull-up gpiochip0 23", 24 },
  { "raspi4b-linux", "raspi4b", "gpio", "gpio23", 23, "gpiomon -B pull-up gpiochip0 23", 24 },
  { "virt-linux", "virt", "pl061", "btn", 2, "gpiomon gpiochip0 2", -1 },
};

typedef struct {
  FpWindow *window;
  const char *ctrl;
  guint pin;
  FpPull pull;
} PinWait;

static gboolean
has_pull (gpointer data)
{
  PinWait *wait = data;
  FpClient *client = fp_window_get_client (wait->window);
  int ctrl = fp_client_find_controller (client, wait->ctrl);
  const FpPinState *state = ctrl >= 0 ? fp_client_get_pin (client, ctrl, wait->pin) : NULL;

  return state != NULL && state->pull == wait->pull;
}

/* Whether the console shows its end, as it does unless the user scrolls
 * up: the text view lays lines out in idles, and follows once it has. */
static gboolean
shows_end (gpointer data)
{
  GtkTextView *view = _fp_console_get_view (_fp_window_get_console (data));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, end;
  GtkTextIter iter;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &end);
  return end.y >= visible.y && end.y + end.height <= visible.y + visible.height;
}

static gboolean
process_gone (gpointer data)
{
  return kill (GPOINTER_TO_INT (data), 0) != 0 && errno == ESRCH;
}

/* The start dialog win.start-board opened over @window. */
static FpStartDialog *
find_start_dialog (FpWindow *window)
{
  return FP_START_DIALOG (fp_test_find_transient (GTK_WINDOW (window), FP_TYPE_START_DIALOG));
}

static void
test_gpiomon (gconstpointer data)
{
  const LinuxBoard *board = data;
  FpWindow *window = fp_window_new (NULL, NULL);
  PinWait pulled_up = { window, board->ctrl, board->pin, FP_PULL_UP };
  PinWait pulled_up_other = { window, board->ctrl, board->pull_pin, FP_PULL_UP };
  FpStartDialog *dialog;
  GtkWidget *start;
  GtkGesture *click;
  GtkWidget *button;
  g_autofree char *text = NULL;
  g_autofree char *background = g_strconcat (board->gpiomon, " &", NULL);
  g_autofree char *falling = g_strdup_printf ("FALLING EDGE offset: %u ", board->pin);
  g_autofree char *rising = g_strdup_printf ("RISING EDGE offset: %u ", board->pin);
  g_autofree char *edge = g_strdup_printf ("EDGE offset: %u ", board->pin);
  g_autofree char *screenshot = g_strdup_printf ("screenshot-start-linux-%s", board->machine);
  int pid;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-board", NULL));
  dialog = find_start_dialog (window);
  _fp_start_dialog_select (dialog, board->name);
  g_assert_cmpstr (gtk_label_get_text (_fp_start_dialog_get_error_label (dialog)), ==, "");
  start = GTK_WIDGET (_fp_start_dialog_get_start_button (dialog));
  g_assert_true (gtk_widget_get_sensitive (start));
  if (board == &boards[0])
    fp_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-start-linux-dialog");
  g_signal_emit_by_name (start, "clicked");

  g_assert_nonnull (_fp_window_get_qemu (window));
  pid = atoi (fp_qemu_get_pid (_fp_window_get_qemu (window)));
  fp_test_wait_until (is_ready, window, "the window to connect to the QEMU it started");
  g_assert_cmpstr (fp_client_get_machine (fp_window_get_client (window)), ==, board->machine);
  g_assert_cmpstr (fp_layout_get_board (fp_board_view_get_layout (_fp_window_get_board_view (window))),
                   ==, board->machine);
  /* The console is the kernel's (on the Pis the mini UART, the second). */
  wait_console (window, "frontpanel-guest: ready\n", 1, BOOT_DEADLINE_S);
  wait_console (window, "\n" PROMPT, 1, BOOT_DEADLINE_S);
  wait_last_line (window, PROMPT);

  gtk_widget_grab_focus (GTK_WIDGET (_fp_console_get_view (_fp_window_get_console (window))));
  /* In the background, for the shell to say when gpiomon is ready: it
   * requests the line (and its pull-up) before it enables the edges'
   * interrupt, which /proc/interrupts then names. A click before that
   * would be no event. A user is slower than that. */
  type_command (window, background);
  wait_last_line (window, PROMPT);
  /* Short enough for one line of busybox's line editor (80 columns). */
  type_command (window, "until grep -q gpiomon /proc/interrupts;do sleep 1;done;echo armed");
  wait_console (window, "\narmed\n", 1, FP_TEST_DEADLINE_S);
  /* The guest's pull-up, on the panel. */
  if (board->pull_pin >= 0)
    fp_test_wait_until (has_pull, &pulled_up, "gpiomon to pull its pin up");

  button = _fp_board_view_get_widget (_fp_window_get_board_view (window), board->button);
  /* The layout's bounce off, as the README tells a student who wants one
   * line per change. */
  fp_button_set_bounce (FP_BUTTON (button), 0, 0, 0);
  click = GTK_GESTURE (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK));
  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  wait_console (window, falling, 1, FP_TEST_DEADLINE_S);
  g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
  wait_console (window, rising, 1, FP_TEST_DEADLINE_S);
  /* One line per edge, and no more. */
  text = console_text (window);
  g_assert_cmpuint (count (text, edge), ==, 2);
  fp_test_wait_until (shows_end, window, "the console to show its end");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  fp_test_save_screenshot (GTK_WIDGET (window), screenshot);

  /* In the foreground, as the description says, and Ctrl+C ends it. Its
   * pull-up on another pin (pulled down before) says it runs: on the
   * Pis. gpiomon's lines came after the prompt: Enter for a new one. */
  if (board->pull_pin >= 0)
    {
      g_autofree char *other = g_strdup_printf ("gpiomon -B pull-up gpiochip0 %d", board->pull_pin);

      press_key (window, GDK_KEY_Return, 0);
      wait_last_line (window, PROMPT);
      type_command (window, "kill %1");
      wait_last_line (window, PROMPT);
      type_command (window, other);
      fp_test_wait_until (has_pull, &pulled_up_other, "the second gpiomon to pull its pin up");
      press_key (window, GDK_KEY_c, GDK_CONTROL_MASK);
      wait_last_line (window, PROMPT);
      type_command (window, "pidof gpiomon || echo no gpiomon");
      wait_console (window, "\nno gpiomon\n", 1, FP_TEST_DEADLINE_S);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_wait_until (process_gone, GINT_TO_POINTER (pid), "QEMU to end with its window");
}

int
main (int argc, char **argv)
{
  /* The folder the app was built with (-Dguest_dir), as a user has it. */
  g_unsetenv ("FRONTPANEL_GUEST_DIR");
  gtk_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      g_autofree char *path = g_strdup_printf ("/start-linux/%s", boards[i].name);

      g_test_add_data_func (path, &boards[i], test_gpiomon);
    }
  return g_test_run ();
}
