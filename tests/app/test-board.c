/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-board.c: the window's board view against the protocol peer playing
 * each bundled board's machine (tests/peer/boards/board-*.json: the same
 * controllers and pin names as the patched QEMU's hello, and a "guest" that
 * blinks an LED and mirrors a button to another). Under Xvfb (meson.build).
 *
 * Each bundled board is chosen from the machine and saved as a screenshot;
 * on the STM32 board a press of B1 (pointer, key, bounce) reaches the guest
 * and the mirrored LED lights; layouts that are broken or for another
 * machine give an error bar with FILE:LINE:COL and the automatic layout.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-button-private.h"
#include "fp-find-controller.h"
#include "fp-led-matrix.h"
#include "fp-led.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"
#include "fp-window-private.h"

typedef struct {
  FpTestPeer *peer;
  FpClient *client;
  FpWindow *window;
  FpBoardView *view;
} Fixture;

static gboolean
is_ready (gpointer data)
{
  return fp_client_get_state (((Fixture *) data)->client) == FP_CLIENT_STATE_READY;
}

static void
fixture_open (Fixture *fx, const char *board_file, const char *layout_request)
{
  g_autoptr(GError) error = NULL;

  fx->peer = fp_test_peer_start (board_file);
  fx->client = fp_client_new (fx->peer->address, &error);
  g_assert_no_error (error);
  fx->window = fp_window_new (NULL, fx->client);
  fx->view = _fp_window_get_board_view (fx->window);
  if (layout_request != NULL)
    fp_window_set_layout_request (fx->window, layout_request);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 640);
  gtk_window_present (GTK_WINDOW (fx->window));
  fp_client_start (fx->client);
  fp_test_wait_until (is_ready, fx, "the client to be ready");
}

static void
fixture_close (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_object_unref (fx->client);
  if (fx->peer != NULL)
    fp_test_peer_stop (fx->peer);
}

/* ---- every bundled board, from its machine --------------------------------- */

static const struct {
  const char *machine;
  const char *board;
} bundled[] = {
  { "b-l475e-iot01a", "b-l475e-iot01a" },
  { "microbit", "microbit" },
  { "sifive_e", "sifive_e" },
  { "virt", "virt" },
  { "raspi2b", "raspi2b" },
  { "raspi3b", "raspi3b" },
  { "raspi4b", "raspi4b" },
};

typedef struct {
  FpLedMatrix *matrix;
  guint row, col;
  double brightness;
} MatrixWait;

static gboolean
matrix_shows (gpointer data)
{
  MatrixWait *w = data;

  return fp_led_matrix_get_brightness (w->matrix, w->row, w->col) == w->brightness;
}

static gboolean
pl061_2_held_high (gpointer data)
{
  const FpPinState *state = fp_client_get_pin (data, 0, 2);

  return state->panel == 1 && state->level == 1;
}

static void
test_bundled_board (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *peer_board = g_strdup_printf ("board-%s.json", bundled[i].machine);
  g_autofree char *shot = g_strdup_printf ("screenshot-board-%s", bundled[i].board);
  g_autoptr(GdkTexture) texture = NULL;
  Fixture fx = { 0 };
  FpLayout *layout;

  fixture_open (&fx, peer_board, NULL);
  layout = fp_board_view_get_layout (fx.view);
  g_assert_nonnull (layout);
  g_assert_cmpstr (fp_layout_get_board (layout), ==, bundled[i].board);
  g_assert_null (_fp_window_get_layout_error (fx.window));
  /* The micro:bit guest lights row 1's columns 1, 3 and 5: once the
   * display has settled, they are on and the one between is off. */
  if (g_str_equal (bundled[i].board, "microbit"))
    {
      MatrixWait lit = { FP_LED_MATRIX (_fp_board_view_get_widget (fx.view, "display")), 0, 0, 1.0 };
      MatrixWait dark = { lit.matrix, 0, 1, 0.0 };

      fp_test_wait_until (matrix_shows, &lit, "the display's pixel (0, 0) to light");
      fp_test_wait_until (matrix_shows, &dark, "the display's pixel (0, 1) to stay dark");
    }
  /* virt pulls its PL061 pins down; the panel holds BTN released (1). */
  if (g_str_equal (bundled[i].board, "virt"))
    fp_test_wait_until (pl061_2_held_high, fx.client, "the panel to hold BTN released");
  /* Every widget the layout has is on the board. */
  for (guint w = 0; w < fp_layout_get_n_widgets (layout); w++)
    g_assert_nonnull (_fp_board_view_get_widget (fx.view, fp_layout_get_widget (layout, w)->id));

  texture = fp_test_render (GTK_WIDGET (fx.window));
  g_free (fp_test_save_png (texture, shot));
  fixture_close (&fx);
}

/* ---- a board as it looks ----------------------------------------------------- */

static gboolean
view_settled (gpointer data)
{
  FpBoardView *view = data;
  FpLed *ld1 = FP_LED (_fp_board_view_get_widget (view, "ld1"));
  FpLed *ld2 = FP_LED (_fp_board_view_get_widget (view, "ld2"));

  return fp_led_get_look (ld1) == FP_LED_LOOK_DRIVEN && fp_led_get_brightness (ld1) == 1.0 &&
         fp_led_get_look (ld2) == FP_LED_LOOK_DRIVEN && fp_led_get_brightness (ld2) == 0.0 &&
         fp_led_get_look (FP_LED (_fp_board_view_get_widget (view, "ld3-ld4"))) == FP_LED_LOOK_DRIVEN;
}

/* The STM32 board at a fixed size, the guest still (LD1 on, LD2 and
 * LD3/LD4 off), against its reference: outline, headers, silkscreen,
 * parts. Its text is DejaVu from Debian's fonts-dejavu-core, which the
 * test dependencies install, so the pixels hold from one machine to the
 * next; the tolerance absorbs antialiasing. */
static void
test_reference (void)
{
  FpTestPeer *peer = fp_test_peer_start ("board-b-l475e-iot01a-still.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpClient) client = fp_client_new (peer->address, &error);
  g_autoptr(FpLayout) layout = fp_layout_new_for_board ("b-l475e-iot01a", &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = fp_board_view_new ();
  Fixture fx = { peer, client, NULL, NULL };

  g_assert_no_error (error);
  gtk_widget_set_size_request (view, 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  fp_board_view_set_layout (FP_BOARD_VIEW (view), layout);
  fp_board_view_set_client (FP_BOARD_VIEW (view), client);
  gtk_window_present (GTK_WINDOW (window));
  fp_client_start (client);
  fp_test_wait_until (is_ready, &fx, "the client to be ready");
  fp_test_wait_until (view_settled, view, "the LEDs to show the guest's levels");

  fp_test_assert_reference (view, "board-b-l475e-iot01a", 24);

  gtk_window_destroy (GTK_WINDOW (window));
  fp_client_close (client);
  fp_test_peer_stop (peer);
}

/* ---- B1 on the STM32 board ------------------------------------------------- */

typedef struct {
  FpLed *led;
  double brightness;
} LedWait;

static gboolean
led_shows (gpointer data)
{
  LedWait *w = data;

  return fp_led_get_look (w->led) == FP_LED_LOOK_DRIVEN &&
         fp_led_get_brightness (w->led) == w->brightness;
}

static void
wait_led (FpLed *led, double brightness, const char *what)
{
  LedWait w = { led, brightness };

  fp_test_wait_until (led_shows, &w, what);
}

typedef struct {
  FpTestPeer *peer;
  GString *history;             /* "LEVEL@T LEVEL@T ..." so far */
  guint want;
} HistoryWait;

/* The peer hands out a pin's history once; collect it until @want edges. */
static gboolean
history_has (gpointer data)
{
  HistoryWait *w = data;
  g_autofree char *more = fp_test_peer_query (w->peer, "history gpioc 13");
  g_auto(GStrv) edges = NULL;

  if (*more != '\0')
    g_string_append_printf (w->history, "%s%s", w->history->len ? " " : "", more);
  edges = g_strsplit (w->history->str, " ", -1);
  return w->history->len > 0 && g_strv_length (edges) >= w->want;
}

static void
test_stm32_button (void)
{
  Fixture fx = { 0 };
  FpLed *ld2;
  FpButton *b1;
  guint ms;
  guint32 seed;
  g_auto(GStrv) edges = NULL;
  HistoryWait history = { NULL, g_string_new (NULL), 0 };

  fixture_open (&fx, "board-b-l475e-iot01a.json", NULL);
  ld2 = FP_LED (_fp_board_view_get_widget (fx.view, "ld2"));
  b1 = FP_BUTTON (_fp_board_view_get_widget (fx.view, "b1"));
  g_assert_nonnull (ld2);
  g_assert_nonnull (b1);
  history.peer = fx.peer;
  wait_led (ld2, 0.0, "LD2 to be off");

  /* The bundled layout makes B1 bounce, for the demo's DEBOUNCE switch;
   * the first part counts clean edges, so it goes off until the last. */
  g_assert_cmpuint (fp_button_get_bounce (b1, &ms, &seed), ==, 3);
  g_assert_cmpuint (ms, ==, 16);
  g_assert_cmpuint (seed, ==, 43);
  fp_button_set_bounce (b1, 0, 0, 0);

  /* B1 is active low; the guest lights LD2 while PC13 reads 0. */
  fp_button_set_pressed (b1, TRUE);
  wait_led (ld2, 1.0, "LD2 to follow B1's press");
  fp_button_set_pressed (b1, FALSE);
  wait_led (ld2, 0.0, "LD2 to follow B1's release");

  /* Its key, held: auto-repeat is one press. */
  g_assert_true (fp_board_view_handle_key (fx.view, GDK_KEY_b, TRUE));
  g_assert_true (fp_board_view_handle_key (fx.view, GDK_KEY_b, TRUE));
  wait_led (ld2, 1.0, "LD2 to follow the B key");
  g_assert_true (fp_board_view_handle_key (fx.view, GDK_KEY_b, FALSE));
  wait_led (ld2, 0.0, "LD2 to follow the B key's release");
  g_assert_false (fp_board_view_handle_key (fx.view, GDK_KEY_z, TRUE));

  /* The four edges so far reached the guest in order: 0 1 0 1. */
  history.want = 4;
  fp_test_wait_until (history_has, &history, "PC13's four edges");
  edges = g_strsplit (history.history->str, " ", -1);
  g_assert_cmpuint (g_strv_length (edges), ==, 4);
  for (guint e = 0; e < 4; e++)
    g_assert_true (g_str_has_prefix (edges[e], e % 2 ? "1@" : "0@"));
  g_clear_pointer (&edges, g_strfreev);
  g_string_truncate (history.history, 0);

  /* With bounce, every edge of the burst reaches the guest, in order. */
  fp_button_set_bounce (b1, 7, 5, 42);
  fp_button_set_pressed (b1, TRUE);
  history.want = 7;
  fp_test_wait_until (history_has, &history, "PC13's seven bounce edges");
  edges = g_strsplit (history.history->str, " ", -1);
  g_assert_cmpuint (g_strv_length (edges), ==, 7);
  for (guint e = 0; e < 7; e++)
    g_assert_true (g_str_has_prefix (edges[e], e % 2 ? "1@" : "0@"));
  wait_led (ld2, 1.0, "LD2 to settle lit after the bounce");

  g_string_free (history.history, TRUE);
  fixture_close (&fx);
}

/* The pointer, as far as GTK 4.8 lets a test be the pointer: B1's own click
 * gesture, pressed then released, sends the panel's commands to the guest. */
static void
test_stm32_click (void)
{
  Fixture fx = { 0 };
  FpLed *ld2;
  GtkWidget *b1;
  GtkEventController *click;
  g_auto(GStrv) edges = NULL;
  HistoryWait history = { NULL, g_string_new (NULL), 2 };

  fixture_open (&fx, "board-b-l475e-iot01a.json", NULL);
  ld2 = FP_LED (_fp_board_view_get_widget (fx.view, "ld2"));
  b1 = _fp_board_view_get_widget (fx.view, "b1");
  history.peer = fx.peer;
  wait_led (ld2, 0.0, "LD2 to be off");
  click = fp_test_find_controller (b1, GTK_TYPE_GESTURE_CLICK);
  /* Without the layout's bounce: one edge per change. */
  fp_button_set_bounce (FP_BUTTON (b1), 0, 0, 0);

  g_signal_emit_by_name (click, "pressed", 1, 5.0, 5.0);
  wait_led (ld2, 1.0, "LD2 to follow the click's press");
  g_signal_emit_by_name (click, "released", 1, 5.0, 5.0);
  wait_led (ld2, 0.0, "LD2 to follow the click's release");

  /* B1 is active low: the guest saw PC13 go 0, then 1, and nothing else. */
  fp_test_wait_until (history_has, &history, "PC13's two edges");
  edges = g_strsplit (history.history->str, " ", -1);
  g_assert_cmpuint (g_strv_length (edges), ==, 2);
  g_assert_true (g_str_has_prefix (edges[0], "0@"));
  g_assert_true (g_str_has_prefix (edges[1], "1@"));

  g_string_free (history.history, TRUE);
  fixture_close (&fx);
}

/* ---- disconnect and reconnect ---------------------------------------------- */

static gboolean
led_disconnected (gpointer data)
{
  return fp_led_get_look (data) == FP_LED_LOOK_DISCONNECTED;
}

static gboolean
is_waiting (gpointer data)
{
  return fp_client_get_state (((Fixture *) data)->client) == FP_CLIENT_STATE_WAITING;
}

static void
test_disconnect (void)
{
  Fixture fx = { 0 };
  FpLed *ld2;

  fixture_open (&fx, "board-b-l475e-iot01a.json", NULL);
  ld2 = FP_LED (_fp_board_view_get_widget (fx.view, "ld2"));
  wait_led (ld2, 0.0, "LD2 to be off");

  /* QEMU goes away: nothing on the board claims to know a level. */
  fp_test_peer_stop (fx.peer);
  fx.peer = NULL;
  fp_test_wait_until (is_waiting, &fx, "the client to wait");
  fp_test_wait_until (led_disconnected, ld2, "LD2 to show it is not connected");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fx.view)));
  fixture_close (&fx);
}

/* QEMU drops the connection and takes it again. The window builds the board
 * anew from the new hello: its LEDs show "not connected" meanwhile, then the
 * guest's levels, and B1, whose drive QEMU kept (a wire, as the protocol
 * says), shows pressed without sending anything, and lets go on a click. */
static void
test_reconnect_resync (void)
{
  Fixture fx = { 0 };
  FpLed *ld1, *ld2;
  FpButton *b1;
  g_auto(GStrv) edges = NULL;
  HistoryWait history = { NULL, g_string_new (NULL), 2 };

  fixture_open (&fx, "board-b-l475e-iot01a.json", NULL);
  history.peer = fx.peer;
  ld1 = FP_LED (_fp_board_view_get_widget (fx.view, "ld1"));
  ld2 = FP_LED (_fp_board_view_get_widget (fx.view, "ld2"));
  b1 = FP_BUTTON (_fp_board_view_get_widget (fx.view, "b1"));
  fp_button_set_bounce (b1, 0, 0, 0);
  wait_led (ld2, 0.0, "LD2 to be off");
  fp_button_set_pressed (b1, TRUE);
  wait_led (ld2, 1.0, "LD2 to follow B1");

  fp_client_set_reconnect (fx.client, TRUE);
  fp_test_peer_command (fx.peer, "kick");
  /* The client waits at least 100 ms before it tries again. */
  fp_test_wait_until (led_disconnected, ld2, "LD2 to show it is not connected");
  g_assert_cmpint (fp_led_get_look (ld1), ==, FP_LED_LOOK_DISCONNECTED);
  fp_test_wait_until (is_ready, &fx, "the client to be ready again");

  ld2 = FP_LED (_fp_board_view_get_widget (fx.view, "ld2"));
  b1 = FP_BUTTON (_fp_board_view_get_widget (fx.view, "b1"));
  wait_led (ld2, 1.0, "LD2 lit from the new hello");
  g_assert_true (fp_button_get_pressed (b1));
  g_assert_true (_fp_button_get_latched (b1));

  /* One change for the guest in all that: B1's release, now. */
  fp_button_set_bounce (b1, 0, 0, 0);
  fp_button_set_pressed (b1, FALSE);
  wait_led (ld2, 0.0, "LD2 to follow B1's release after the reconnect");
  fp_test_wait_until (history_has, &history, "PC13's two edges");
  edges = g_strsplit (history.history->str, " ", -1);
  g_assert_cmpuint (g_strv_length (edges), ==, 2);
  g_assert_true (g_str_has_prefix (edges[0], "0@"));
  g_assert_true (g_str_has_prefix (edges[1], "1@"));

  g_string_free (history.history, TRUE);
  fixture_close (&fx);
}

/* ---- layouts that do not fit ----------------------------------------------- */

static void
assert_error_at (FpWindow *window, const char *file, const char *words)
{
  const char *error = _fp_window_get_layout_error (window);
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: ", file ? file : "[^:]+");

  g_assert_nonnull (error);
  g_assert_true (g_regex_match_simple (pattern, error, 0, 0));
  g_assert_nonnull (strstr (error, words));
  g_assert_cmpstr (fp_layout_get_name (fp_board_view_get_layout (_fp_window_get_board_view (window))),
                   ==, "automatic");
}

static void
count_hello (FpClient *client,
             guint    *hellos)
{
  (*hellos)++;
}

static gboolean
is_counted (gpointer data)
{
  return *(guint *) data > 0;
}

/* QEMU drops the connection, the client reconnects: a new hello, and the
 * window applies its layout again. */
static void
reconnect_and_wait (Fixture *fx)
{
  guint hellos = 0;
  gulong id = g_signal_connect (fx->client, "controllers-changed", G_CALLBACK (count_hello), &hellos);

  fp_client_set_reconnect (fx->client, TRUE);
  fp_test_peer_command (fx->peer, "kick");
  fp_test_wait_until (is_counted, &hellos, "the hello after reconnecting");
  g_signal_handler_disconnect (fx->client, id);
}

static void
test_bad_layouts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-layout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *request = g_strconcat ("file:", path, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkAdjustment *adjustment;
  Fixture fx = { 0 };

  static const char broken[] =
    "{\n"
    "  \"format\": 1, \"board\": \"broken\", \"title\": \"Broken\",\n"
    "  \"machines\": [\"b-l475e-iot01a\"], \"size\": [100, 100],\n"
    "  \"widgets\": [\n"
    "    {\"type\": \"lamp\", \"id\": \"l\", \"label\": \"L\", \"x\": 10, \"y\": 10,\n"
    "     \"pin\": {\"ctrl\": \"gpioa\", \"pin\": 5}}\n"
    "  ]\n"
    "}\n";

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  fixture_open (&fx, "board-b-l475e-iot01a.json", request);
  assert_error_at (fx.window, path, "lamp");
  texture = fp_test_render (GTK_WIDGET (fx.window));
  g_free (fp_test_save_png (texture, "screenshot-layout-error"));
  /* 128 pins: the labels stay readable, and the board scrolls. */
  g_assert_cmpfloat (_fp_board_view_get_smallest_text_px (fx.view), >=, 9.0);
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (fx.view), GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  /* Every pin is still usable: the automatic layout has PC13's switch. */
  g_assert_nonnull (_fp_board_view_get_widget (fx.view, "gpioc-13-sw"));

  /* The same error after a reconnect: still shown, still the automatic
   * layout; dismissed, it stays dismissed. */
  reconnect_and_wait (&fx);
  assert_error_at (fx.window, path, "lamp");
  gtk_info_bar_response (_fp_window_get_layout_error_bar (fx.window), GTK_RESPONSE_CLOSE);
  g_assert_null (_fp_window_get_layout_error (fx.window));
  reconnect_and_wait (&fx);
  g_assert_null (_fp_window_get_layout_error (fx.window));
  g_assert_cmpstr (fp_layout_get_name (fp_board_view_get_layout (fx.view)), ==, "automatic");

  /* A good layout, for another machine. */
  fp_window_set_layout_request (fx.window, "board:microbit");
  assert_error_at (fx.window, "microbit.json", "\"gpio\"");

  /* Back to the machine's own: no error. */
  fp_window_set_layout_request (fx.window, "");
  g_assert_null (_fp_window_get_layout_error (fx.window));
  g_assert_cmpstr (fp_layout_get_board (fp_board_view_get_layout (fx.view)), ==, "b-l475e-iot01a");

  fixture_close (&fx);
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- the program's --layout ----------------------------------------------- */

static void
test_program_bad_layout (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  /* Checked before GTK starts: no display needed. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH,
                                         "--connect", "unix:/nowhere", "--layout", "nosuchboard", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_true (g_str_has_prefix (err, "frontpanel: --layout 'nosuchboard': no such file"));
  g_assert_nonnull (strstr (err, "microbit"));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bundled); i++)
    {
      g_autofree char *name = g_strdup_printf ("/board/bundled/%s", bundled[i].machine);

      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_bundled_board);
    }
  g_test_add_func ("/board/reference", test_reference);
  g_test_add_func ("/board/stm32-button", test_stm32_button);
  g_test_add_func ("/board/stm32-click", test_stm32_click);
  g_test_add_func ("/board/disconnect", test_disconnect);
  g_test_add_func ("/board/reconnect-resync", test_reconnect_resync);
  g_test_add_func ("/board/bad-layouts", test_bad_layouts);
  g_test_add_func ("/board/program-bad-layout", test_program_bad_layout);
  return g_test_run ();
}
