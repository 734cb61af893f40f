/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-console.c: the console pane on its own: what the guest writes (escape
 * sequences dropped, backspace erasing, UTF-8 split between reads, invalid
 * bytes, the bounded scrollback, following the end) and what keys send.
 * The real guest behind it is in tests/firmware/test-start-board.c.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "fp-console-private.h"
#include "fp-find-controller.h"
#include "fp-peer-harness.h"

static void
append (GtkWidget  *console,
        const char *bytes)
{
  fp_console_append (FP_CONSOLE (console), (const guint8 *) bytes, strlen (bytes));
}

static void
assert_text (GtkWidget  *console,
             const char *expected)
{
  g_autofree char *text = _fp_console_get_text (FP_CONSOLE (console));

  g_assert_cmpstr (text, ==, expected);
}

static void
test_output (void)
{
  GtkWidget *console = g_object_ref_sink (fp_console_new ());

  /* Colours and a window title (OSC) go; CR LF starts a line. */
  append (console, "a\x1b[1;31mred\x1b[0m\r\n\x1b]0;title\x07ok\r\n");
  assert_text (console, "ared\nok\n");
  /* A shell's backspace ("\b \b") blanks the character, and what comes
   * next overwrites the blank. */
  append (console, "abc\b \b");
  assert_text (console, "ared\nok\nab ");
  append (console, "x");
  assert_text (console, "ared\nok\nabx");
  /* CR: back to the line's start, to overwrite (a progress line). */
  append (console, "\n10%\r20%\r\n");
  assert_text (console, "ared\nok\nabx\n20%\n");
  /* Left and right, and erasing to the end: readline editing a line. */
  append (console, "$ lx -l\x1b[4Ds\x1b[3C -a");
  assert_text (console, "ared\nok\nabx\n20%\n$ ls -l -a");
  append (console, "\x1b[3D\x1b[K\r\n");
  assert_text (console, "ared\nok\nabx\n20%\n$ ls -l\n");
  /* Never left of the line's start; right of its end is blank cells. */
  append (console, "\b\bx\x1b[2Cy");
  assert_text (console, "ared\nok\nabx\n20%\n$ ls -l\nx  y");
  /* A character split over two reads, and a byte that is no UTF-8. */
  fp_console_clear (FP_CONSOLE (console));
  append (console, "\xd0");
  assert_text (console, "");
  append (console, "\xb6 \xff!");
  assert_text (console, "ж \xef\xbf\xbd!");
  /* An escape sequence split over two reads. */
  append (console, "\x1b[");
  append (console, "2Dz");
  assert_text (console, "ж z!");
  /* The view's cursor is the guest's. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (_fp_console_get_view (FP_CONSOLE (console)));
    GtkTextIter insert;

    gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&insert), ==, 3);
  }
  g_object_unref (console);
}

static void
test_scrollback (void)
{
  GtkWidget *console = g_object_ref_sink (fp_console_new ());
  GString *lines = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) split = NULL;

  for (guint i = 0; i < FP_CONSOLE_MAX_LINES + 10; i++)
    g_string_append_printf (lines, "%u\n", i);
  append (console, lines->str);
  text = _fp_console_get_text (FP_CONSOLE (console));
  split = g_strsplit (text, "\n", -1);
  /* The last line is the empty one after the final LF. */
  g_assert_cmpuint (g_strv_length (split), ==, FP_CONSOLE_MAX_LINES);
  g_assert_cmpstr (split[0], ==, "11");
  g_assert_cmpstr (split[FP_CONSOLE_MAX_LINES - 2], ==, "5009");
  g_string_free (lines, TRUE);
  g_object_unref (console);
}

static gboolean
at_end (gpointer data)
{
  GtkAdjustment *adj = data;

  return gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) &&
         gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >= gtk_adjustment_get_upper (adj) - 1;
}

static void
test_follows (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *console = fp_console_new ();
  GtkTextView *view = _fp_console_get_view (FP_CONSOLE (console));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 120);
  gtk_window_set_child (GTK_WINDOW (window), console);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200; i++)
    append (console, "more output\n");
  fp_test_wait_until (at_end, adj, "the console to show its last line");

  /* Scrolled up by the user, it stays there as output comes. */
  gtk_adjustment_set_value (adj, 0);
  append (console, "and more\n");
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Output that comes a line at a time, as a guest boots, each drawn before
 * the next: the view keeps up with the end through the text view's own
 * changes to the scroll position as it lays the lines out. */
static void
test_follows_trickle (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *console = fp_console_new ();
  GtkTextView *view = _fp_console_get_view (FP_CONSOLE (console));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 120);
  gtk_window_set_child (GTK_WINDOW (window), console);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 40; i++)
    {
      append (console, "[    1.548031] raspberrypi-exp-gpio soc:firmware:gpio: Failed to get GPIO 5 config\n");
      gtk_test_widget_wait_for_draw (window);
    }
  fp_test_wait_until (at_end, adj, "the console to show its last line");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_input (FpConsole  *console,
          const char *bytes,
          GString    *sent)
{
  g_string_append (sent, bytes);
}

static gboolean
press (GtkWidget       *console,
       guint            keyval,
       GdkModifierType  state)
{
  GtkEventController *keys = fp_test_find_controller (console, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_keys (void)
{
  GtkWidget *console = g_object_ref_sink (fp_console_new ());
  GString *sent = g_string_new (NULL);

  g_signal_connect (console, "input", G_CALLBACK (on_input), sent);
  g_assert_true (press (console, GDK_KEY_l, 0));
  g_assert_true (press (console, GDK_KEY_S, GDK_SHIFT_MASK));
  g_assert_true (press (console, GDK_KEY_Return, 0));
  g_assert_true (press (console, GDK_KEY_BackSpace, 0));
  g_assert_true (press (console, GDK_KEY_c, GDK_CONTROL_MASK));
  g_assert_true (press (console, GDK_KEY_Up, 0));
  g_assert_true (press (console, GDK_KEY_x, GDK_ALT_MASK));
  g_assert_true (press (console, GDK_KEY_Cyrillic_zhe, 0));
  g_assert_cmpstr (sent->str, ==, "lS\r\x7f\x03\x1b[A\x1bxж");
  /* Keys that are no characters are not the console's. */
  g_assert_false (press (console, GDK_KEY_Shift_L, 0));
  g_assert_false (press (console, GDK_KEY_F5, 0));
  g_string_free (sent, TRUE);
  g_object_unref (console);
}

static gboolean
has_text (gpointer data)
{
  return ((GString *) data)->len > 0;
}

/* Ctrl+Shift+V pastes, lines ending in CR as typed; Ctrl+Shift+C copies. */
static void
test_clipboard (void)
{
  GtkWidget *console = g_object_ref_sink (fp_console_new ());
  GdkClipboard *clipboard = gtk_widget_get_clipboard (console);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (_fp_console_get_view (FP_CONSOLE (console)));
  GString *sent = g_string_new (NULL);
  GtkTextIter start, end;

  g_signal_connect (console, "input", G_CALLBACK (on_input), sent);
  gdk_clipboard_set_text (clipboard, "ls -l\nuname -a");
  g_assert_true (press (console, GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  fp_test_wait_until (has_text, sent, "the pasted text to be sent");
  g_assert_cmpstr (sent->str, ==, "ls -l\runame -a");

  append (console, "boot log\n");
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 4);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_string_truncate (sent, 0);
  g_assert_true (press (console, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (sent->len, ==, 0);
  /* Copying replaced "ls -l…": paste it back to see what is there. */
  g_assert_true (press (console, GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  fp_test_wait_until (has_text, sent, "the copied text to be pasted");
  g_assert_cmpstr (sent->str, ==, "boot");
  g_string_free (sent, TRUE);
  g_object_unref (console);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/console/output", test_output);
  g_test_add_func ("/console/scrollback", test_scrollback);
  g_test_add_func ("/console/follows", test_follows);
  g_test_add_func ("/console/follows-trickle", test_follows_trickle);
  g_test_add_func ("/console/keys", test_keys);
  g_test_add_func ("/console/clipboard", test_clipboard);
  return g_test_run ();
}
