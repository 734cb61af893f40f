/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-app.c: the GTK app against the protocol peer, under Xvfb (see
 * meson.build). An FpWindow shows a client of the peer; the test reads what
 * the widgets display (the header bar's status line, the labels of the pin
 * table's rows) while the peer's guest changes pins, and saves a screenshot.
 * It also runs the frontpanel program itself: a bad address, and a real
 * connection.
 *
 * Waiting is always for a condition, with a deadline that fails the test.
 */
#include "config.h"

#include <signal.h>

#include <gtk/gtk.h>

#include "fp-board-view-private.h"
#include "fp-client.h"
#include "fp-connect-dialog-private.h"
#include "fp-peer-harness.h"
#include "fp-pin-table-private.h"
#include "fp-render-check.h"
#include "fp-window-private.h"


/* The columns of the pin table, in order. */
enum { COL_PIN, COL_NAME, COL_DIR, COL_LEVEL, COL_DRIVE, COL_PULL, COL_PANEL, COL_RATE, N_COLS };



/* ---- what the widgets show ------------------------------------------------ */

/* The text cells' labels; the drive buttons' own labels are not cells. */
static void
collect_labels (GtkWidget *widget, GPtrArray *labels)
{
  if (GTK_IS_BUTTON (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The displayed row whose first cell reads @pin ("gpioa 7"): the innermost
 * widget holding exactly one label per column, the first of them @pin. NULL
 * when no such row is on screen. */
static GtkWidget *
find_row (GtkWidget *widget, const char *pin)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, pin);

      if (found != NULL)
        return found;
    }
  collect_labels (widget, labels);
  if (labels->len == N_COLS && g_str_equal (gtk_label_get_text (labels->pdata[COL_PIN]), pin))
    return widget;
  return NULL;
}

static GPtrArray *
find_row_labels (GtkWidget *widget, const char *pin)
{
  GtkWidget *row = find_row (widget, pin);
  GPtrArray *labels;

  if (row == NULL)
    return NULL;
  labels = g_ptr_array_new ();
  collect_labels (row, labels);
  return labels;
}

static GtkToggleButton *
find_toggle (GtkWidget *widget, const char *text)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0)
    return GTK_TOGGLE_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_toggle (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drive button labelled @text ("0", "1", "Z") in the row of @pin. */
static GtkToggleButton *
drive_button (FpWindow *window, const char *pin, const char *text)
{
  GtkWidget *row = find_row (GTK_WIDGET (_fp_window_get_pin_table (window)), pin);

  g_assert_nonnull (row);
  return find_toggle (row, text);
}

/* The text the table displays for @pin in column @col, or NULL. */
static char *
displayed (FpWindow *window, const char *pin, guint col)
{
  g_autoptr(GPtrArray) labels = find_row_labels (GTK_WIDGET (_fp_window_get_pin_table (window)), pin);

  return labels ? g_strdup (gtk_label_get_text (labels->pdata[col])) : NULL;
}

typedef struct {
  FpWindow *window;
  const char *pin;
  guint col;
  const char *text;
} ShowsWait;

static gboolean
shows (gpointer data)
{
  ShowsWait *w = data;
  g_autofree char *text = displayed (w->window, w->pin, w->col);

  return g_strcmp0 (text, w->text) == 0;
}

static void
assert_displayed (FpWindow *window, const char *pin, guint col, const char *text)
{
  g_autofree char *shown = displayed (window, pin, col);

  g_assert_cmpstr (shown, ==, text);
}

/* At the size a first start gets (GSETTINGS_BACKEND=memory: the schema's
 * defaults), the board and the table share the window: the board readable
 * in a pane of a useful size, the title whole, the drive buttons in view. */
static void
assert_default_size_usable (FpWindow *window)
{
  FpBoardView *view = _fp_window_get_board_view (window);
  GtkWidget *pane = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *table = GTK_WIDGET (_fp_window_get_pin_table (window));
  GtkWidget *z = GTK_WIDGET (drive_button (window, "gpioa 0", "Z"));
  graphene_rect_t bounds;

  g_assert_nonnull (pane);
  g_test_message ("board pane %dx%d, table %dx%d, smallest text %.1f px",
                  gtk_widget_get_width (pane), gtk_widget_get_height (pane),
                  gtk_widget_get_width (table), gtk_widget_get_height (table),
                  _fp_board_view_get_smallest_text_px (view));
  g_assert_cmpint (gtk_widget_get_width (pane), >=, 400);
  g_assert_cmpint (gtk_widget_get_height (pane), >=, 300);
  g_assert_cmpfloat (_fp_board_view_get_smallest_text_px (view), >=, 9.0);
  g_assert_true (gtk_widget_get_mapped (table));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (_fp_window_get_title_label (window))));
  g_assert_true (gtk_widget_compute_bounds (z, table, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (table));
}

/* The drive buttons of @pin: one linked group, focusable, each named for
 * the pin and what it does. */
static void
assert_drive_buttons (FpWindow *window, const char *pin, const char *name)
{
  static const struct { const char *text, *before, *after; } buttons[] = {
    { "0", "Drive ", " low" }, { "1", "Drive ", " high" }, { "Z", "Release ", " (stop driving it)" },
  };
  GtkWidget *group = gtk_widget_get_parent (GTK_WIDGET (drive_button (window, pin, "0")));

  g_assert_true (gtk_widget_has_css_class (group, "linked"));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = GTK_WIDGET (drive_button (window, pin, buttons[i].text));
      g_autofree char *label = g_strconcat (buttons[i].before, name, buttons[i].after, NULL);

      g_assert_true (gtk_widget_get_parent (button) == group);
      g_assert_false (gtk_widget_has_css_class (button, "flat"));
      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_true (gtk_widget_grab_focus (button));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, label);
    }
}

static const char *
status_line (FpWindow *window)
{
  return gtk_label_get_text (_fp_window_get_status_label (window));
}

/* ---- the window against the peer ------------------------------------------ */

typedef struct {
  FpClient *client;
  guint hellos;
} Watch;

static void
on_controllers_changed (FpClient *client, Watch *watch)
{
  watch->hellos++;
}

static gboolean
is_ready (gpointer data)
{
  return fp_client_get_state (((Watch *) data)->client) == FP_CLIENT_STATE_READY;
}

static gboolean
is_ready_again (gpointer data)
{
  return ((Watch *) data)->hellos == 2 && is_ready (data);
}

static gboolean
is_waiting (gpointer data)
{
  return fp_client_get_state (((Watch *) data)->client) == FP_CLIENT_STATE_WAITING;
}

static void
test_window (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpClient) client = fp_client_new (peer->address, &error);
  Watch watch = { client, 0 };
  ShowsWait level_1 = { NULL, "gpioa 7", COL_LEVEL, "1" };
  ShowsWait pc13_panel_0 = { NULL, "gpioc 13", COL_PANEL, "0" };
  ShowsWait pc13_panel_none = { NULL, "gpioc 13", COL_PANEL, "" };
  ShowsWait pa5_level_1 = { NULL, "gpioa 5", COL_LEVEL, "1" };
  ShowsWait pa5_level_0 = { NULL, "gpioa 5", COL_LEVEL, "0" };
  FpWindow *window;
  FpPinTable *table;
  FpPinRow *row;
  g_autofree char *level = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_no_error (error);
  g_signal_connect (client, "controllers-changed", G_CALLBACK (on_controllers_changed), &watch);
  window = fp_window_new (NULL, client);
  level_1.window = pc13_panel_0.window = pc13_panel_none.window = window;
  pa5_level_1.window = pa5_level_0.window = window;
  table = _fp_window_get_pin_table (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (status_line (window), ==, "not connected");
  g_assert_cmpstr (_fp_window_get_empty_title (window), ==, "Not Connected");

  fp_client_start (client);
  fp_test_wait_until (is_ready, &watch, "the client to be ready");
  g_assert_cmpstr (status_line (window), ==, "connected to test-board");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "test-board — Front Panel");
  g_assert_null (_fp_window_get_empty_title (window));

  /* Every pin of every controller, in order: 3 × 16. */
  g_assert_cmpuint (g_list_model_get_n_items (_fp_pin_table_get_model (table)), ==, 48);
  row = _fp_pin_table_get_row (table, 0, 7);
  g_assert_true (g_list_model_get_item (_fp_pin_table_get_model (table), 7) == (gpointer) row);
  g_object_unref (row);         /* the model keeps it */
  g_assert_null (_fp_pin_table_get_row (table, 0, 16));
  g_assert_null (_fp_pin_table_get_row (table, 3, 0));

  /* What is on screen matches the cache. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  assert_displayed (window, "gpioa 5", COL_NAME, "PA5");
  assert_displayed (window, "gpioa 5", COL_DIR, "out");
  assert_displayed (window, "gpioa 5", COL_DRIVE, "guest");
  assert_displayed (window, "gpioa 5", COL_LEVEL, "0");
  assert_displayed (window, "gpioa 5", COL_PULL, "none");
  assert_displayed (window, "gpioa 5", COL_PANEL, "");
  level = displayed (window, "gpioa 7", COL_LEVEL);
  g_assert_nonnull (level);
  g_assert_cmpstr (level, !=, "1");
  g_assert_cmpstr (level, ==, fp_pin_row_get_level (row));

  /* The guest drives PA7 high: the row changes in place. */
  fp_test_peer_command (peer, "output gpioa 7 1");
  fp_test_wait_until (shows, &level_1, "gpioa 7 to show level 1");
  assert_displayed (window, "gpioa 7", COL_NAME, "PA7");
  assert_displayed (window, "gpioa 7", COL_DIR, "out");
  assert_displayed (window, "gpioa 7", COL_DRIVE, "guest");
  g_assert_true (_fp_pin_table_get_row (table, 0, 7) == row);

  /* The table drives an input: the guest mirrors PC13, inverted, to PA5. */
  g_assert_false (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "0")));
  g_assert_true (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "Z")));
  gtk_widget_activate (GTK_WIDGET (drive_button (window, "gpioc 13", "0")));
  fp_test_wait_until (shows, &pc13_panel_0, "gpioc 13 to show the panel driving 0");
  fp_test_wait_until (shows, &pa5_level_1, "the guest to mirror PC13 to PA5");
  g_assert_true (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "0")));
  g_assert_false (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "1")));
  g_assert_false (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "Z")));
  assert_displayed (window, "gpioc 13", COL_DRIVE, "panel");
  assert_drive_buttons (window, "gpioc 13", "PC13");

  /* This window was never resized: it is at the default size. */
  assert_default_size_usable (window);
  texture = fp_test_render (GTK_WIDGET (window));
  g_free (fp_test_save_png (texture, "screenshot-pin-table"));

  gtk_widget_activate (GTK_WIDGET (drive_button (window, "gpioc 13", "Z")));
  fp_test_wait_until (shows, &pc13_panel_none, "gpioc 13 to show the panel released it");
  fp_test_wait_until (shows, &pa5_level_0, "the guest to mirror the released PC13 to PA5");
  g_assert_true (gtk_toggle_button_get_active (drive_button (window, "gpioc 13", "Z")));

  /* A new connection brings a new hello: the rows are rebuilt from it. */
  fp_test_peer_command (peer, "kick");
  fp_test_wait_until (is_ready_again, &watch, "the client to reconnect");
  g_assert_cmpstr (status_line (window), ==, "connected to test-board");
  g_assert_cmpuint (g_list_model_get_n_items (_fp_pin_table_get_model (table)), ==, 48);
  g_assert_true (_fp_pin_table_get_row (table, 0, 7) != row);
  fp_test_wait_until (shows, &level_1, "gpioa 7 to show level 1 after the reconnect");

  /* QEMU goes away: the client waits, and says so. */
  fp_test_peer_stop (peer);
  fp_test_wait_until (is_waiting, &watch, "the client to wait");
  g_assert_true (g_str_has_prefix (status_line (window), "waiting: "));
  g_assert_nonnull (strstr (status_line (window), "retrying in"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (table)));
  /* What it showed last stays, greyed out, until the client gives up. */
  g_assert_null (_fp_window_get_empty_title (window));

  fp_client_close (client);
  g_assert_cmpstr (_fp_window_get_empty_title (window), ==, "Not Connected");
  gtk_window_destroy (GTK_WINDOW (window));
  g_signal_handlers_disconnect_by_data (client, &watch);
}

/* ---- the toggle rate ------------------------------------------------------- */

static void
test_rate (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board-blink.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpClient) client = fp_client_new (peer->address, &error);
  Watch watch = { client, 0 };
  /* The guest toggles PB14 every 1 ms of virtual time: 500 Hz. */
  ShowsWait blinking = { NULL, "gpiob 14", COL_RATE, "500 Hz" };
  FpWindow *window;

  g_assert_no_error (error);
  window = fp_window_new (NULL, client);
  blinking.window = window;
  gtk_window_present (GTK_WINDOW (window));
  fp_client_start (client);
  fp_test_wait_until (is_ready, &watch, "the client to be ready");
  fp_test_wait_until (shows, &blinking, "PB14's rate to show 500 Hz");
  /* A pin that does not toggle shows none. */
  assert_displayed (window, "gpioa 5", COL_RATE, "");

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_peer_stop (peer);
}

/* ---- the connect dialog --------------------------------------------------- */

static gboolean
is_destroyed (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_connect_dialog (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.frontpanel.FrontPanel");
  g_auto(GStrv) recent = NULL;
  FpWindow *window = fp_window_new (NULL, NULL);
  FpConnectDialog *dialog;
  Watch watch = { NULL, 0 };
  g_autoptr(GdkTexture) texture = NULL;

  /* GSETTINGS_BACKEND=memory: each test run starts from the defaults. */
  g_settings_set_strv (settings, "recent-addresses", (const char *[]) { "unix:/nowhere", NULL });
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (fp_window_get_client (window));
  g_assert_cmpstr (status_line (window), ==, "not connected");
  /* Not a blank window: it says what is wrong and what to do. */
  g_assert_cmpstr (_fp_window_get_empty_title (window), ==, "Not Connected");
  g_assert_nonnull (strstr (_fp_window_get_empty_description (window), "Start a board"));
  g_assert_false (gtk_widget_get_visible (_fp_window_get_restart_button (window)));
  texture = fp_test_render (GTK_WIDGET (window));
  g_free (fp_test_save_png (texture, "screenshot-not-connected"));
  g_clear_object (&texture);

  dialog = fp_window_show_connect_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* It starts with the most recent address, and lists it. */
  g_assert_cmpstr (gtk_editable_get_text (_fp_connect_dialog_get_entry (dialog)), ==, "unix:/nowhere");
  g_assert_nonnull (gtk_list_box_get_row_at_index (_fp_connect_dialog_get_recent_list (dialog), 0));
  g_assert_null (gtk_list_box_get_row_at_index (_fp_connect_dialog_get_recent_list (dialog), 1));

  /* A bad address says why, and cannot be sent. */
  gtk_editable_set_text (_fp_connect_dialog_get_entry (dialog), "udp:x");
  g_assert_cmpstr (gtk_label_get_text (_fp_connect_dialog_get_error_label (dialog)), ==,
                   "address 'udp:x': expected unix:PATH or tcp:HOST:PORT");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_fp_connect_dialog_get_connect_button (dialog))));
  texture = fp_test_render (GTK_WIDGET (dialog));
  g_free (fp_test_save_png (texture, "screenshot-connect-dialog"));
  gtk_widget_activate (GTK_WIDGET (_fp_connect_dialog_get_entry (dialog)));
  g_assert_nonnull (dialog);
  g_assert_null (fp_window_get_client (window));

  /* A good one connects the window, and is remembered once it worked. */
  gtk_editable_set_text (_fp_connect_dialog_get_entry (dialog), peer->address);
  g_assert_cmpstr (gtk_label_get_text (_fp_connect_dialog_get_error_label (dialog)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_fp_connect_dialog_get_connect_button (dialog))));
  gtk_widget_activate (GTK_WIDGET (_fp_connect_dialog_get_connect_button (dialog)));
  fp_test_wait_until (is_destroyed, &dialog, "the dialog to close");
  watch.client = fp_window_get_client (window);
  g_assert_nonnull (watch.client);
  g_assert_cmpstr (fp_client_get_address (watch.client), ==, peer->address);
  fp_test_wait_until (is_ready, &watch, "the window's client to be ready");
  g_assert_cmpstr (status_line (window), ==, "connected to test-board");
  recent = g_settings_get_strv (settings, "recent-addresses");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, peer->address);
  g_assert_cmpstr (recent[1], ==, "unix:/nowhere");

  gtk_window_destroy (GTK_WINDOW (window));
  fp_test_peer_stop (peer);
}

/* ---- the program ---------------------------------------------------------- */

static void
test_program_bad_address (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Checked before GTK starts: no display needed. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "FRONTPANEL_ADDRESS");
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, "--connect", "udp:x", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "frontpanel: address 'udp:x': expected unix:PATH or tcp:HOST:PORT\n");
  g_clear_object (&process);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --start too, and it goes with no other address. */
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, "--start", "virt",
                                         "--connect", "unix:/x", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "frontpanel: --start and --connect: one or the other\n");
}

static void
test_program_connects (void)
{
  FpTestPeer *peer = fp_test_peer_start ("test-board.json");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* From the environment, as fpctl. */
  g_subprocess_launcher_setenv (launcher, "FRONTPANEL_ADDRESS", peer->address, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, FRONTPANEL_PATH, NULL);
  g_assert_no_error (error);
  /* The peer answers once the program has its state dump (or fails the
   * test after its own 20 s). */
  fp_test_peer_command (peer, "wait-client");
  /* Killed by this signal, so it was still running (SIGTERM would make it
   * quit cleanly, see test-start-board). */
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  fp_test_peer_stop (peer);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/window", test_window);
  g_test_add_func ("/app/connect-dialog", test_connect_dialog);
  g_test_add_func ("/app/rate", test_rate);
  g_test_add_func ("/app/program/bad-address", test_program_bad_address);
  g_test_add_func ("/app/program/connects", test_program_connects);
  return g_test_run ();
}
