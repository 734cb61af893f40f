/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-button.c: the push button and switch widget (FpButton), under Xvfb
 * (see meson.build).
 *
 * Most tests emit the widget's own controllers' signals (GTK 4 has no way
 * to synthesize events) and record what ::drive sends; the ctrl-click latch
 * and a plain press-hold-release go through the X server for real, with
 * xdotool. Bounce tests compare with fp_bounce_generate and check the wall
 * clock only from below (a loaded machine may be late, never early); the
 * bounce popover is worked through its own widgets, and opened for real
 * by right-click and Shift+F10. The
 * looks are compared with references/button-*.png.
 *
 * Waiting is always for a condition, with a deadline that fails the test.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "fp-bounce.h"
#include "fp-bounce-popover-private.h"
#include "fp-button-private.h"
#include "fp-find-controller.h"
#include "fp-peer-harness.h"
#include "fp-render-check.h"

/* ---- recording ::drive ---------------------------------------------------- */

typedef struct {
  GArray *levels;               /* int */
  GArray *times;                /* gint64, monotonic, when each was emitted */
} Drives;

static void
on_drive (FpButton *button, int level, Drives *drives)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (drives->levels, level);
  g_array_append_val (drives->times, now);
}

static void
drives_init (Drives *drives, GtkWidget *button)
{
  drives->levels = g_array_new (FALSE, FALSE, sizeof (int));
  drives->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (button, "drive", G_CALLBACK (on_drive), drives);
}

static void
drives_clear (Drives *drives)
{
  g_clear_pointer (&drives->levels, g_array_unref);
  g_clear_pointer (&drives->times, g_array_unref);
}

/* Fails unless exactly @n levels were driven, those given. */
static void
assert_levels (Drives *drives, guint n, ...)
{
  va_list args;

  g_assert_cmpuint (drives->levels->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (drives->levels, int, i), ==, va_arg (args, int));
  va_end (args);
}

typedef struct {
  Drives *drives;
  guint n;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *w = data;

  return w->drives->levels->len >= w->n;
}

static void
wait_for_count (Drives *drives, guint n)
{
  CountWait w = { drives, n };
  g_autofree char *what = g_strdup_printf ("%u drive edges", n);

  fp_test_wait_until (has_count, &w, what);
  g_assert_cmpuint (drives->levels->len, ==, n);
}

static GtkWidget *
new_button (FpButtonKind kind, gboolean active_low)
{
  return g_object_ref_sink (fp_button_new (kind, active_low));
}

/* ---- the widget's controllers --------------------------------------------- */

static void
click_press (GtkWidget *button, double x)
{
  g_signal_emit_by_name (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK), "pressed", 1, x, 10.0);
}

static void
click_release (GtkWidget *button, double x)
{
  g_signal_emit_by_name (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK), "released", 1, x, 10.0);
}

static gboolean
key_with (GtkWidget *button, const char *signal, guint keyval, GdkModifierType state)
{
  GtkEventController *controller = fp_test_find_controller (button, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  if (g_str_equal (signal, "key-pressed"))
    g_signal_emit_by_name (controller, signal, keyval, 0, state, &handled);
  else
    g_signal_emit_by_name (controller, signal, keyval, 0, state);
  return handled;
}

static gboolean
key (GtkWidget *button, const char *signal, guint keyval)
{
  return key_with (button, signal, keyval, 0);
}

static void
assert_pressed_state (GtkWidget *button, gboolean pressed)
{
  g_assert_cmpint (fp_button_get_pressed (FP_BUTTON (button)), ==, pressed);
  if (fp_button_get_kind (FP_BUTTON (button)) == FP_BUTTON_SWITCH)
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED, pressed);
  else
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                      pressed ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE);
}

/* ---- pointer and keys, through the signals ---------------------------------- */

static void
test_push_click (void)
{
  for (int active_low = 0; active_low <= 1; active_low++)
    {
      GtkWidget *button = new_button (FP_BUTTON_PUSH, active_low);
      GtkEventController *click = fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK);
      int down = active_low ? 0 : 1, up = !down;
      Drives drives;

      drives_init (&drives, button);
      g_assert_cmpint (fp_button_get_active_low (FP_BUTTON (button)), ==, active_low);
      g_assert_cmpint (fp_button_get_kind (FP_BUTTON (button)), ==, FP_BUTTON_PUSH);
      assert_pressed_state (button, FALSE);
      assert_levels (&drives, 0);

      click_press (button, 10);
      assert_levels (&drives, 1, down);
      assert_pressed_state (button, TRUE);
      /* ::stopped is a multi-click and threshold signal, not a release. */
      g_signal_emit_by_name (click, "stopped");
      assert_levels (&drives, 1, down);
      assert_pressed_state (button, TRUE);
      /* Released far outside the widget: released all the same. */
      click_release (button, -500);
      assert_levels (&drives, 2, down, up);
      assert_pressed_state (button, FALSE);
      /* A stray release changes nothing. */
      click_release (button, 10);
      assert_levels (&drives, 2, down, up);

      click_press (button, 10);
      click_release (button, 10);
      assert_levels (&drives, 4, down, up, down, up);
      g_assert_false (_fp_button_get_latched (FP_BUTTON (button)));

      g_object_unref (button);
      drives_clear (&drives);
    }
}

static void
test_push_cancel (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, TRUE);
  Drives drives;

  drives_init (&drives, button);
  click_press (button, 10);
  assert_levels (&drives, 1, 0);
  g_signal_emit_by_name (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK), "cancel", NULL);
  assert_levels (&drives, 2, 0, 1);
  assert_pressed_state (button, FALSE);
  /* The release that may still follow the cancel is not another edge. */
  click_release (button, 10);
  assert_levels (&drives, 2, 0, 1);

  g_object_unref (button);
  drives_clear (&drives);
}

static void
test_switch_click (void)
{
  for (int active_low = 0; active_low <= 1; active_low++)
    {
      GtkWidget *button = new_button (FP_BUTTON_SWITCH, active_low);
      int on = active_low ? 0 : 1, off = !on;
      Drives drives;

      drives_init (&drives, button);
      assert_pressed_state (button, FALSE);
      click_press (button, 10);
      assert_levels (&drives, 1, on);
      assert_pressed_state (button, TRUE);
      /* The switch stays where it was put. */
      click_release (button, 10);
      assert_levels (&drives, 1, on);
      assert_pressed_state (button, TRUE);

      click_press (button, 10);
      click_release (button, 10);
      assert_levels (&drives, 2, on, off);
      assert_pressed_state (button, FALSE);
      click_press (button, 10);
      g_signal_emit_by_name (fp_test_find_controller (button, GTK_TYPE_GESTURE_CLICK), "cancel", NULL);
      assert_levels (&drives, 3, on, off, on);
      assert_pressed_state (button, TRUE);

      g_object_unref (button);
      drives_clear (&drives);
    }
}

static void
test_push_keys (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, FALSE);
  Drives drives;

  drives_init (&drives, button);
  g_assert_true (gtk_widget_get_focusable (button));

  g_assert_true (key (button, "key-pressed", GDK_KEY_space));
  assert_levels (&drives, 1, 1);
  assert_pressed_state (button, TRUE);
  /* Auto-repeat: more presses, no release. Taken, but the same press. */
  for (int i = 0; i < 5; i++)
    g_assert_true (key (button, "key-pressed", GDK_KEY_space));
  /* Another activation key while Space is held, and its release: nothing. */
  g_assert_true (key (button, "key-pressed", GDK_KEY_Return));
  key (button, "key-released", GDK_KEY_Return);
  assert_levels (&drives, 1, 1);
  key (button, "key-released", GDK_KEY_space);
  assert_levels (&drives, 2, 1, 0);
  assert_pressed_state (button, FALSE);

  /* Other keys are left to others. */
  g_assert_false (key (button, "key-pressed", GDK_KEY_a));
  key (button, "key-released", GDK_KEY_a);
  assert_levels (&drives, 2, 1, 0);

  g_assert_true (key (button, "key-pressed", GDK_KEY_Return));
  assert_levels (&drives, 3, 1, 0, 1);
  key (button, "key-released", GDK_KEY_Return);
  assert_levels (&drives, 4, 1, 0, 1, 0);

  /* Focus leaves while the key is held: its release would go elsewhere. */
  g_assert_true (key (button, "key-pressed", GDK_KEY_KP_Enter));
  g_signal_emit_by_name (fp_test_find_controller (button, GTK_TYPE_EVENT_CONTROLLER_FOCUS), "leave");
  assert_levels (&drives, 6, 1, 0, 1, 0, 1, 0);
  key (button, "key-released", GDK_KEY_KP_Enter);
  assert_levels (&drives, 6, 1, 0, 1, 0, 1, 0);

  /* Ctrl+Space latches, as a ctrl-click does; the next press lets go. */
  g_assert_true (key_with (button, "key-pressed", GDK_KEY_space, GDK_CONTROL_MASK));
  key_with (button, "key-released", GDK_KEY_space, GDK_CONTROL_MASK);
  assert_levels (&drives, 7, 1, 0, 1, 0, 1, 0, 1);
  g_assert_true (_fp_button_get_latched (FP_BUTTON (button)));
  assert_pressed_state (button, TRUE);
  g_assert_true (key (button, "key-pressed", GDK_KEY_space));
  assert_levels (&drives, 7, 1, 0, 1, 0, 1, 0, 1);
  key (button, "key-released", GDK_KEY_space);
  assert_levels (&drives, 8, 1, 0, 1, 0, 1, 0, 1, 0);
  g_assert_false (_fp_button_get_latched (FP_BUTTON (button)));

  g_object_unref (button);
  drives_clear (&drives);
}

static void
test_switch_keys (void)
{
  GtkWidget *button = new_button (FP_BUTTON_SWITCH, FALSE);
  Drives drives;

  drives_init (&drives, button);
  g_assert_true (key (button, "key-pressed", GDK_KEY_space));
  g_assert_true (key (button, "key-pressed", GDK_KEY_space));     /* repeat */
  key (button, "key-released", GDK_KEY_space);
  assert_levels (&drives, 1, 1);
  assert_pressed_state (button, TRUE);
  g_assert_true (key (button, "key-pressed", GDK_KEY_Return));
  key (button, "key-released", GDK_KEY_Return);
  assert_levels (&drives, 2, 1, 0);
  assert_pressed_state (button, FALSE);

  g_object_unref (button);
  drives_clear (&drives);
}

static void
on_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_set_pressed (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, FALSE);
  GtkWidget *toggle = new_button (FP_BUTTON_SWITCH, TRUE);
  guint notifies = 0;
  Drives drives, toggle_drives;

  drives_init (&drives, button);
  drives_init (&toggle_drives, toggle);
  g_signal_connect (button, "notify::pressed", G_CALLBACK (on_notify), &notifies);

  /* Pressed from code stays pressed, like a latch... */
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  assert_levels (&drives, 1, 1);
  assert_pressed_state (button, TRUE);
  g_assert_true (_fp_button_get_latched (FP_BUTTON (button)));
  g_assert_cmpuint (notifies, ==, 1);
  /* ... until the next click, which lets go when it ends. */
  click_press (button, 10);
  assert_levels (&drives, 1, 1);
  click_release (button, 10);
  assert_levels (&drives, 2, 1, 0);
  g_assert_cmpuint (notifies, ==, 2);

  /* Unpressed from code while the pointer holds it: released now, and the
   * pointer's release later is no edge. */
  click_press (button, 10);
  fp_button_set_pressed (FP_BUTTON (button), FALSE);
  assert_levels (&drives, 4, 1, 0, 1, 0);
  click_release (button, 10);
  assert_levels (&drives, 4, 1, 0, 1, 0);
  g_object_set (button, "pressed", TRUE, NULL);
  assert_levels (&drives, 5, 1, 0, 1, 0, 1);
  g_assert_cmpuint (notifies, ==, 5);

  fp_button_set_pressed (FP_BUTTON (toggle), TRUE);
  assert_levels (&toggle_drives, 1, 0);
  assert_pressed_state (toggle, TRUE);
  click_press (toggle, 10);
  assert_levels (&toggle_drives, 2, 0, 1);
  assert_pressed_state (toggle, FALSE);

  g_object_unref (button);
  g_object_unref (toggle);
  drives_clear (&drives);
  drives_clear (&toggle_drives);
}

/* ---- accessibility and tooltip ---------------------------------------------- */

static void
assert_tooltip (GtkWidget *button, const char *expected)
{
  g_autofree char *text = _fp_button_get_tooltip (FP_BUTTON (button));

  g_assert_true (gtk_widget_get_has_tooltip (button));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_accessible (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, TRUE);
  GtkWidget *toggle = new_button (FP_BUTTON_SWITCH, FALSE);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_ROLE_SWITCH);
  g_assert_true (gtk_widget_has_css_class (button, "push"));
  g_assert_true (gtk_widget_has_css_class (toggle, "switch"));
  g_assert_cmpstr (gtk_widget_get_css_name (button), ==, "panelbutton");

  fp_button_set_label (FP_BUTTON (button), "B1 (PC13)");
  fp_button_set_label (FP_BUTTON (toggle), "SW1 (PA0)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "B1 (PC13)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, "SW1 (PA0)");
  /* The bounce popover's keys, said to screen reader users. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Shift+F10 or the Menu key opens the switch bounce settings");

  assert_tooltip (button, "B1 (PC13): released");
  fp_button_set_pin_level (FP_BUTTON (button), 1);
  assert_tooltip (button, "B1 (PC13): released · guest sees 1");
  assert_pressed_state (button, FALSE);
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  fp_button_set_pin_level (FP_BUTTON (button), 0);
  assert_tooltip (button, "B1 (PC13): pressed · guest sees 0");
  assert_pressed_state (button, TRUE);
  fp_button_set_pin_level (FP_BUTTON (button), -1);
  assert_tooltip (button, "B1 (PC13): pressed");

  assert_tooltip (toggle, "SW1 (PA0): off");
  assert_pressed_state (toggle, FALSE);
  fp_button_set_pressed (FP_BUTTON (toggle), TRUE);
  fp_button_set_pin_level (FP_BUTTON (toggle), 1);
  assert_tooltip (toggle, "SW1 (PA0): on · guest sees 1");
  assert_pressed_state (toggle, TRUE);

  g_object_unref (button);
  g_object_unref (toggle);
}

/* ---- real input: xdotool under Xvfb ----------------------------------------- */

typedef struct {
  GtkWidget *window;
  GtkWidget *button;
  char *xid;
  int x, y;                     /* the button's centre, in X window coordinates */
} Stage;

static void
stage_init (Stage *stage)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  double cx, cy, sx, sy;
  GdkSurface *surface;

  stage->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (stage->window), 200, 120);
  stage->button = fp_button_new (FP_BUTTON_PUSH, FALSE);
  gtk_widget_set_halign (stage->button, GTK_ALIGN_START);
  gtk_widget_set_valign (stage->button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (stage->button, 20);
  gtk_widget_set_margin_top (stage->button, 20);
  gtk_box_append (GTK_BOX (box), stage->button);
  gtk_window_set_child (GTK_WINDOW (stage->window), box);
  gtk_window_present (GTK_WINDOW (stage->window));
  gtk_test_widget_wait_for_draw (stage->window);

  /* Client-side decorations may put a margin between the X window and
   * the GtkWindow's content: the surface transform says how much. */
  g_assert_true (gtk_widget_translate_coordinates (stage->button, stage->window,
                                                   gtk_widget_get_width (stage->button) / 2.0,
                                                   gtk_widget_get_height (stage->button) / 2.0,
                                                   &cx, &cy));
  gtk_native_get_surface_transform (GTK_NATIVE (stage->window), &sx, &sy);
  stage->x = (int) (cx + sx);
  stage->y = (int) (cy + sy);
  surface = gtk_native_get_surface (GTK_NATIVE (stage->window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  stage->xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  gdk_display_sync (gtk_widget_get_display (stage->window));
}

static void
stage_clear (Stage *stage)
{
  gtk_window_destroy (GTK_WINDOW (stage->window));
  g_clear_pointer (&stage->xid, g_free);
}

/* Runs xdotool with the arguments given (NULL-terminated). Its input
 * reaches the X server before it exits (closing the display syncs), so
 * the next call's comes after; GTK sees it as the main loop runs. */
static void
xdotool (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_error ("xdotool failed: %s: %s", error->message, err);
}

static void
move_pointer (Stage *stage, int x, int y)
{
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);

  /* Not --sync: it waits for a motion, and there is none when the pointer is already there. */
  xdotool ("mousemove", "--window", stage->xid, xs, ys, NULL);
}

static gboolean
need_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed (build-aux/install-deps.sh gtk)");
  return path != NULL;
}

static gboolean
is_latched (gpointer data)
{
  return _fp_button_get_latched (data);
}

static gboolean
is_released_and_unlatched (gpointer data)
{
  return !fp_button_get_pressed (data) && !_fp_button_get_latched (data);
}

static gboolean
is_pressed (gpointer data)
{
  return fp_button_get_pressed (data);
}

static void
test_real_latch (void)
{
  Stage stage;
  Drives drives;

  if (!need_xdotool ())
    return;
  stage_init (&stage);
  drives_init (&drives, stage.button);
  move_pointer (&stage, stage.x, stage.y);

  /* Ctrl-click: pressed, and it stays pressed once the click is over. */
  xdotool ("keydown", "ctrl", "mousedown", "1", "mouseup", "1", "keyup", "ctrl", NULL);
  fp_test_wait_until (is_latched, stage.button, "the ctrl-click to latch the button");
  assert_levels (&drives, 1, 1);
  assert_pressed_state (stage.button, TRUE);

  /* A plain click ends the latch: released when it ends. */
  xdotool ("mousedown", "1", "mouseup", "1", NULL);
  fp_test_wait_until (is_released_and_unlatched, stage.button, "the click to release the latch");
  assert_levels (&drives, 2, 1, 0);

  /* Ctrl-click toggles: a second one ends the latch too. */
  xdotool ("keydown", "ctrl", "mousedown", "1", "mouseup", "1", "keyup", "ctrl", NULL);
  fp_test_wait_until (is_latched, stage.button, "the ctrl-click to latch the button again");
  xdotool ("keydown", "ctrl", "mousedown", "1", "mouseup", "1", "keyup", "ctrl", NULL);
  fp_test_wait_until (is_released_and_unlatched, stage.button, "the second ctrl-click to release it");
  assert_levels (&drives, 4, 1, 0, 1, 0);

  stage_clear (&stage);
  drives_clear (&drives);
}

static void
test_real_hold (void)
{
  Stage stage;
  Drives drives;

  if (!need_xdotool ())
    return;
  stage_init (&stage);
  drives_init (&drives, stage.button);
  move_pointer (&stage, stage.x, stage.y);

  xdotool ("mousedown", "1", NULL);
  fp_test_wait_until (is_pressed, stage.button, "the press");
  assert_levels (&drives, 1, 1);
  /* Held: the pointer wanders off the button, and off the window. */
  move_pointer (&stage, stage.x + 100, stage.y + 60);
  move_pointer (&stage, stage.x + 400, stage.y + 300);
  g_assert_true (fp_button_get_pressed (FP_BUTTON (stage.button)));
  assert_levels (&drives, 1, 1);
  xdotool ("mouseup", "1", NULL);
  fp_test_wait_until (is_released_and_unlatched, stage.button, "the release off the button");
  assert_levels (&drives, 2, 1, 0);

  stage_clear (&stage);
  drives_clear (&drives);
}

/* A shown tooltip follows the pin: GTK asks the button again when what it
 * shows changes, though the pointer rests (left alone, GTK asks only as
 * the pointer moves and as the tooltip appears). */
typedef struct {
  guint queries;
  char *text;                   /* the button's tooltip at the last query */
} Queries;

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  Queries    *queries)
{
  queries->queries++;
  g_free (queries->text);
  queries->text = _fp_button_get_tooltip (FP_BUTTON (widget));
  return FALSE;                 /* the button's own handler sets the text */
}

typedef struct {
  Queries *queries;
  guint after;
  const char *text;
} QueryWait;

static gboolean
is_queried (gpointer data)
{
  QueryWait *w = data;

  return w->queries->queries > w->after && g_strcmp0 (w->queries->text, w->text) == 0;
}

/* GTK shows a tooltip in an override-redirect window of its own: one is
 * mapped on the X server (the test's own, under xvfb-run). */
static gboolean
is_tooltip_shown (gpointer data)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (data));
  Window root, parent, *children = NULL;
  unsigned int n = 0;
  gboolean shown = FALSE;

  if (!XQueryTree (xdisplay, DefaultRootWindow (xdisplay), &root, &parent, &children, &n))
    return FALSE;
  for (unsigned int i = 0; i < n && !shown; i++)
    {
      XWindowAttributes attributes;

      shown = XGetWindowAttributes (xdisplay, children[i], &attributes) &&
              attributes.override_redirect && attributes.map_state == IsViewable;
    }
  XFree (children);
  return shown;
}

static void
test_real_tooltip (void)
{
  Stage stage;
  Queries queries = { 0 };
  QueryWait wait = { &queries, 0, "B1: released · guest sees 1" };

  if (!need_xdotool ())
    return;
  stage_init (&stage);
  fp_button_set_label (FP_BUTTON (stage.button), "B1");
  fp_button_set_pin_level (FP_BUTTON (stage.button), 1);
  g_signal_connect (stage.button, "query-tooltip", G_CALLBACK (on_query_tooltip), &queries);
  move_pointer (&stage, stage.x, stage.y);
  fp_test_wait_until (is_tooltip_shown, stage.window, "the tooltip to show as the pointer rests");
  g_assert_cmpstr (queries.text, ==, "B1: released · guest sees 1");

  /* The guest's level changes; the pointer does not move. */
  wait.after = queries.queries;
  wait.text = "B1: released · guest sees 0";
  fp_button_set_pin_level (FP_BUTTON (stage.button), 0);
  fp_test_wait_until (is_queried, &wait, "the tooltip to be asked for again");

  /* Latched by the program, likewise. */
  wait.after = queries.queries;
  wait.text = "B1: pressed · guest sees 0";
  fp_button_set_pressed (FP_BUTTON (stage.button), TRUE);
  fp_test_wait_until (is_queried, &wait, "the tooltip to follow the press");

  stage_clear (&stage);
  g_free (queries.text);
}

/* ---- bounce ----------------------------------------------------------------- */

#define EDGES 7
#define MS 5
#define SEED 42

static void
assert_same_burst (GArray *a, GArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpint (g_array_index (a, FpBounceEdge, i).offset_us, ==, g_array_index (b, FpBounceEdge, i).offset_us);
      g_assert_cmpint (g_array_index (a, FpBounceEdge, i).level, ==, g_array_index (b, FpBounceEdge, i).level);
    }
}

/* Edges @first.. of @drives are @expected's levels, and none came earlier
 * after the first than its planned offset. */
static void
assert_burst_driven (Drives *drives, guint first, GArray *expected)
{
  gint64 t0 = g_array_index (drives->times, gint64, first);

  g_assert_cmpuint (drives->levels->len, >=, first + expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const FpBounceEdge *edge = &g_array_index (expected, FpBounceEdge, i);
      gint64 t = g_array_index (drives->times, gint64, first + i);

      g_assert_cmpint (g_array_index (drives->levels, int, first + i), ==, edge->level);
      g_assert_cmpint (t - t0, >=, edge->offset_us);
      if (i > 0)
        g_assert_cmpint (t, >=, g_array_index (drives->times, gint64, first + i - 1));
    }
}

static void
test_bounce_press (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, FALSE);
  GtkWidget *low = new_button (FP_BUTTON_PUSH, TRUE);
  g_autoptr(GArray) expected = fp_bounce_generate (1, EDGES, MS * 1000, SEED);
  g_autoptr(GArray) expected_low = fp_bounce_generate (0, EDGES, MS * 1000, SEED);
  Drives drives, low_drives;
  gint64 spread;

  drives_init (&drives, button);
  drives_init (&low_drives, low);
  fp_button_set_bounce (FP_BUTTON (button), EDGES, MS, SEED);
  fp_button_set_bounce (FP_BUTTON (low), EDGES, MS, SEED);

  click_press (button, 10);
  /* The first edge at once, the others later. */
  assert_levels (&drives, 1, 1);
  g_assert_cmpuint (_fp_button_get_n_pending (FP_BUTTON (button)), ==, EDGES - 1);
  assert_pressed_state (button, TRUE);
  assert_same_burst (_fp_button_get_last_burst (FP_BUTTON (button)), expected);
  wait_for_count (&drives, EDGES);
  assert_burst_driven (&drives, 0, expected);
  spread = g_array_index (drives.times, gint64, EDGES - 1) - g_array_index (drives.times, gint64, 0);
  g_assert_cmpint (spread, >=, MS * 1000);
  g_test_message ("press burst: %d edges over %" G_GINT64_FORMAT " us (planned %d us)", EDGES, spread, MS * 1000);

  /* The main loop held up past the whole burst: one dispatch sends every
   * edge that is due, in order. (Not a sleep that hopes for something to
   * happen: it only makes sure that the edges are all due.) */
  click_release (button, 10);
  g_assert_cmpuint (drives.levels->len, ==, EDGES + 1);
  g_usleep (MS * 1000 + 1000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (drives.levels->len, ==, 2 * EDGES);
  g_assert_cmpint (g_array_index (drives.levels, int, 2 * EDGES - 1), ==, 0);

  click_press (low, 10);
  wait_for_count (&low_drives, EDGES);
  assert_burst_driven (&low_drives, 0, expected_low);
  g_assert_cmpint (g_array_index (low_drives.levels, int, EDGES - 1), ==, 0);

  g_object_unref (button);
  g_object_unref (low);
  drives_clear (&drives);
  drives_clear (&low_drives);
}

static void
test_bounce_reproducible (void)
{
  GtkWidget *a = new_button (FP_BUTTON_PUSH, FALSE);
  GtkWidget *b = new_button (FP_BUTTON_PUSH, FALSE);
  g_autoptr(GPtrArray) bursts_a = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) bursts_b = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Drives drives_a, drives_b;
  gboolean differs = FALSE;

  drives_init (&drives_a, a);
  drives_init (&drives_b, b);
  fp_button_set_bounce (FP_BUTTON (a), EDGES, MS, SEED);
  fp_button_set_bounce (FP_BUTTON (b), EDGES, MS, SEED);

  /* Press, release, press: the n-th change bounces with SEED + n. */
  for (guint n = 0; n < 3; n++)
    {
      int level = n % 2 == 0;
      g_autoptr(GArray) expected = fp_bounce_generate (level, EDGES, MS * 1000, SEED + n);

      fp_button_set_pressed (FP_BUTTON (a), level);
      wait_for_count (&drives_a, EDGES * (n + 1));
      g_ptr_array_add (bursts_a, g_array_ref (_fp_button_get_last_burst (FP_BUTTON (a))));
      fp_button_set_pressed (FP_BUTTON (b), level);
      wait_for_count (&drives_b, EDGES * (n + 1));
      g_ptr_array_add (bursts_b, g_array_ref (_fp_button_get_last_burst (FP_BUTTON (b))));

      assert_same_burst (bursts_a->pdata[n], expected);
      assert_same_burst (bursts_b->pdata[n], bursts_a->pdata[n]);
      assert_burst_driven (&drives_a, EDGES * n, expected);
      assert_burst_driven (&drives_b, EDGES * n, expected);
    }
  for (guint i = 0; i < drives_a.levels->len; i++)
    g_assert_cmpint (g_array_index (drives_a.levels, int, i), ==, g_array_index (drives_b.levels, int, i));

  /* The second press is not a replay of the first: another seed. */
  for (guint i = 0; i < EDGES; i++)
    differs |= g_array_index ((GArray *) bursts_a->pdata[0], FpBounceEdge, i).offset_us !=
               g_array_index ((GArray *) bursts_a->pdata[2], FpBounceEdge, i).offset_us;
  g_assert_true (differs);

  /* New settings start counting again. */
  fp_button_set_bounce (FP_BUTTON (a), EDGES, MS, SEED);
  fp_button_set_pressed (FP_BUTTON (a), FALSE);
  {
    g_autoptr(GArray) expected = fp_bounce_generate (0, EDGES, MS * 1000, SEED);

    assert_same_burst (_fp_button_get_last_burst (FP_BUTTON (a)), expected);
  }
  wait_for_count (&drives_a, EDGES * 4);

  g_object_unref (a);
  g_object_unref (b);
  drives_clear (&drives_a);
  drives_clear (&drives_b);
}

static void
test_bounce_overlap (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, FALSE);
  g_autoptr(GArray) press = fp_bounce_generate (1, EDGES, MS * 1000, SEED);
  g_autoptr(GArray) release = fp_bounce_generate (0, EDGES, MS * 1000, SEED + 1);
  g_autoptr(GArray) press2 = fp_bounce_generate (1, EDGES, MS * 1000, SEED + 2);
  g_autoptr(GArray) release2 = fp_bounce_generate (0, EDGES, MS * 1000, SEED + 3);
  g_autoptr(GArray) press3 = fp_bounce_generate (1, EDGES, MS * 1000, SEED + 4);
  Drives drives;

  drives_init (&drives, button);
  fp_button_set_bounce (FP_BUTTON (button), EDGES, MS, SEED);

  /* Released while the press still bounces: the rest of the press at
   * once, then the release's first edge; the release bounces on. */
  click_press (button, 10);
  click_release (button, 10);
  g_assert_cmpuint (drives.levels->len, ==, EDGES + 1);
  g_assert_cmpuint (_fp_button_get_n_pending (FP_BUTTON (button)), ==, EDGES - 1);
  for (guint i = 0; i < EDGES; i++)
    g_assert_cmpint (g_array_index (drives.levels, int, i), ==, g_array_index (press, FpBounceEdge, i).level);
  wait_for_count (&drives, 2 * EDGES);
  assert_burst_driven (&drives, EDGES, release);
  g_assert_cmpint (g_array_index (drives.levels, int, 2 * EDGES - 1), ==, 0);
  assert_pressed_state (button, FALSE);

  /* Pressed, released and pressed again in a hurry: three whole bursts, in
   * order, settled pressed. */
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  fp_button_set_pressed (FP_BUTTON (button), FALSE);
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  g_assert_cmpuint (drives.levels->len, ==, 4 * EDGES + 1);
  wait_for_count (&drives, 5 * EDGES);
  for (guint i = 0; i < EDGES; i++)
    {
      g_assert_cmpint (g_array_index (drives.levels, int, 2 * EDGES + i), ==, g_array_index (press2, FpBounceEdge, i).level);
      g_assert_cmpint (g_array_index (drives.levels, int, 3 * EDGES + i), ==, g_array_index (release2, FpBounceEdge, i).level);
    }
  assert_burst_driven (&drives, 4 * EDGES, press3);
  g_assert_cmpint (g_array_index (drives.levels, int, 5 * EDGES - 1), ==, 1);
  assert_pressed_state (button, TRUE);

  g_object_unref (button);
  drives_clear (&drives);
}

static void
test_bounce_dispose (void)
{
  GtkWidget *doomed = new_button (FP_BUTTON_PUSH, FALSE);
  GtkWidget *witness = new_button (FP_BUTTON_PUSH, FALSE);
  Drives doomed_drives, witness_drives;

  drives_init (&doomed_drives, doomed);
  drives_init (&witness_drives, witness);
  fp_button_set_bounce (FP_BUTTON (doomed), EDGES, MS, SEED);
  fp_button_set_bounce (FP_BUTTON (witness), EDGES, MS, SEED);
  fp_button_set_pressed (FP_BUTTON (doomed), TRUE);
  fp_button_set_pressed (FP_BUTTON (witness), TRUE);
  g_assert_finalize_object (doomed);
  /* By the time the witness's burst is over, the doomed one's would be too. */
  wait_for_count (&witness_drives, EDGES);
  assert_levels (&doomed_drives, 1, 1);

  g_object_unref (witness);
  drives_clear (&doomed_drives);
  drives_clear (&witness_drives);
}

/* Informational: how far past the 5 ms the last edge lands here. */
static void
test_bounce_spread (void)
{
  GtkWidget *button = new_button (FP_BUTTON_PUSH, FALSE);
  gint64 min = G_MAXINT64, max = 0;
  Drives drives;

  drives_init (&drives, button);
  fp_button_set_bounce (FP_BUTTON (button), EDGES, MS, SEED);
  for (guint n = 0; n < 20; n++)
    {
      g_autoptr(GArray) expected = fp_bounce_generate (n % 2 == 0, EDGES, MS * 1000, SEED + n);
      gint64 spread;

      fp_button_set_pressed (FP_BUTTON (button), n % 2 == 0);
      wait_for_count (&drives, EDGES * (n + 1));
      assert_burst_driven (&drives, EDGES * n, expected);
      spread = g_array_index (drives.times, gint64, EDGES * (n + 1) - 1) -
               g_array_index (drives.times, gint64, EDGES * n);
      g_assert_cmpint (spread, >=, MS * 1000);
      min = MIN (min, spread);
      max = MAX (max, spread);
    }
  g_test_message ("20 bursts of %d edges over %d ms: first to last edge took %" G_GINT64_FORMAT
                  "-%" G_GINT64_FORMAT " us", EDGES, MS, min, max);

  g_object_unref (button);
  drives_clear (&drives);
}

/* ---- the bounce popover ----------------------------------------------------- */

static gboolean
popover_is_shown (gpointer data)
{
  GtkPopover *popover = _fp_button_get_bounce_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static GtkWidget *
button_in_window (GtkWidget **window)
{
  GtkWidget *button = fp_button_new (FP_BUTTON_PUSH, FALSE);

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 200, 120);
  gtk_window_set_child (GTK_WINDOW (*window), button);
  gtk_window_present (GTK_WINDOW (*window));
  return button;
}

static void
set_spin (FpBouncePopover *popover, const char *name, double value)
{
  gtk_spin_button_set_value (_fp_bounce_popover_get_spin (popover, name), value);
}

/* The press bounced as fp_bounce_generate says for @edges, @ms and @seed. */
static void
assert_pressed_with (GtkWidget *button, Drives *drives, guint edges, guint ms, guint32 seed)
{
  g_autoptr(GArray) expected = fp_bounce_generate (1, edges, ms * 1000, seed);
  guint first = drives->levels->len;

  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  assert_same_burst (_fp_button_get_last_burst (FP_BUTTON (button)), expected);
  wait_for_count (drives, first + edges);
  assert_burst_driven (drives, first, expected);
  fp_button_set_pressed (FP_BUTTON (button), FALSE);
  wait_for_count (drives, first + 2 * edges);
}

/* The popover starts from what the layout set, and what the user sets in
 * it reaches the bounce generator, from the next press on, seed and all. */
static void
test_bounce_popover_values (void)
{
  GtkWidget *window, *button = button_in_window (&window);
  FpBouncePopover *popover;
  GtkSpinButton *edges;
  guint ms;
  guint32 seed;
  Drives drives;

  drives_init (&drives, button);
  fp_button_set_label (FP_BUTTON (button), "B1 (PC13)");
  fp_button_set_bounce (FP_BUTTON (button), EDGES, MS, SEED);
  g_assert_null (_fp_button_get_bounce_popover (FP_BUTTON (button)));
  g_assert_true (gtk_widget_activate_action (button, "button.edit-bounce", NULL));
  fp_test_wait_until (popover_is_shown, button, "the bounce popover to show");
  popover = FP_BOUNCE_POPOVER (_fp_button_get_bounce_popover (FP_BUTTON (button)));
  g_assert_true (gtk_switch_get_active (_fp_bounce_popover_get_switch (popover)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (_fp_bounce_popover_get_spin (popover, "edges")), ==, EDGES);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (_fp_bounce_popover_get_spin (popover, "ms")), ==, MS);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (_fp_bounce_popover_get_spin (popover, "seed")), ==, SEED);

  /* Each widget's change applies at once. */
  set_spin (popover, "edges", 5);
  set_spin (popover, "ms", 15);
  set_spin (popover, "seed", 4000000000.0);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), &ms, &seed), ==, 5);
  g_assert_cmpuint (ms, ==, 15);
  g_assert_cmpuint (seed, ==, 4000000000u);
  assert_pressed_with (button, &drives, 5, 15, 4000000000u);

  /* Off: one clean edge per change. */
  gtk_switch_set_active (_fp_bounce_popover_get_switch (popover), FALSE);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), NULL, NULL), ==, 0);
  fp_button_set_pressed (FP_BUTTON (button), TRUE);
  g_assert_null (_fp_button_get_last_burst (FP_BUTTON (button)));
  wait_for_count (&drives, 11);
  fp_button_set_pressed (FP_BUTTON (button), FALSE);
  wait_for_count (&drives, 12);

  /* On again: the values it kept, and the seed starts over, so the press
   * bounces exactly as the first one did. */
  gtk_switch_set_active (_fp_bounce_popover_get_switch (popover), TRUE);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), &ms, &seed), ==, 5);
  assert_pressed_with (button, &drives, 5, 15, 4000000000u);

  /* A typed even count snaps to an odd one: the last edge must settle. */
  edges = _fp_bounce_popover_get_spin (popover, "edges");
  gtk_editable_set_text (GTK_EDITABLE (edges), "8");
  gtk_spin_button_update (edges);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (edges) % 2, ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (edges), !=, 5);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), NULL, NULL), ==,
                    (guint) gtk_spin_button_get_value_as_int (edges));

  /* Set from code (a layout), the popover shows it. */
  fp_button_set_bounce (FP_BUTTON (button), 0, 1, 0);
  g_assert_false (gtk_switch_get_active (_fp_bounce_popover_get_switch (popover)));
  fp_button_set_bounce (FP_BUTTON (button), 3, 2, 1);
  g_assert_true (gtk_switch_get_active (_fp_bounce_popover_get_switch (popover)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (_fp_bounce_popover_get_spin (popover, "edges")), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  drives_clear (&drives);
}

/* Without a layout's bounce: off, at the defaults, which switching on uses. */
static void
test_bounce_popover_defaults (void)
{
  GtkWidget *window, *button = button_in_window (&window);
  FpBouncePopover *popover;
  guint ms;
  guint32 seed;
  Drives drives;

  drives_init (&drives, button);
  g_assert_true (gtk_widget_activate_action (button, "button.edit-bounce", NULL));
  fp_test_wait_until (popover_is_shown, button, "the bounce popover to show");
  popover = FP_BOUNCE_POPOVER (_fp_button_get_bounce_popover (FP_BUTTON (button)));
  g_assert_false (gtk_switch_get_active (_fp_bounce_popover_get_switch (popover)));
  gtk_switch_set_active (_fp_bounce_popover_get_switch (popover), TRUE);
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (button), &ms, &seed), ==, FP_BOUNCE_DEFAULT_EDGES);
  g_assert_cmpuint (ms, ==, FP_BOUNCE_DEFAULT_MS);
  g_assert_cmpuint (seed, ==, 0);
  assert_pressed_with (button, &drives, FP_BOUNCE_DEFAULT_EDGES, FP_BOUNCE_DEFAULT_MS, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  drives_clear (&drives);
}

static gboolean
popover_is_hidden (gpointer data)
{
  return !popover_is_shown (data);
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

/* A real click at the middle of @widget, in the popover's own X window. */
static void
click_in_popover (FpBouncePopover *popover, GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autofree char *xs = NULL, *ys = NULL;
  double x, y, sx, sy;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (popover),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0, &x, &y));
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &sx, &sy);
  xs = g_strdup_printf ("%d", (int) (x + sx));
  ys = g_strdup_printf ("%d", (int) (y + sy));
  xdotool ("mousemove", "--window", xid, xs, ys, "click", "1", NULL);
}

/* Real input: a right-click and Shift+F10 open it; keys and clicks in it
 * work its widgets (Space too) and never press the button it belongs to. */
static void
test_real_bounce_popover (void)
{
  Stage stage;
  Drives drives;
  FpBouncePopover *popover;

  if (!need_xdotool ())
    return;
  stage_init (&stage);
  drives_init (&drives, stage.button);
  move_pointer (&stage, stage.x, stage.y);

  xdotool ("click", "3", NULL);
  fp_test_wait_until (popover_is_shown, stage.button, "a right-click to open the bounce popover");
  popover = FP_BOUNCE_POPOVER (_fp_button_get_bounce_popover (FP_BUTTON (stage.button)));
  g_assert_false (fp_button_get_pressed (FP_BUTTON (stage.button)));
  xdotool ("key", "Escape", NULL);
  fp_test_wait_until (popover_is_hidden, stage.button, "Escape to close it");

  gtk_widget_grab_focus (stage.button);
  xdotool ("key", "shift+F10", NULL);
  fp_test_wait_until (popover_is_shown, stage.button, "Shift+F10 to open it");
  /* The focus is on its switch: Space turns the bounce on, and is no press. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (_fp_bounce_popover_get_switch (popover))));
  xdotool ("key", "space", NULL);
  fp_test_wait_until (switch_is_on, _fp_bounce_popover_get_switch (popover), "Space to switch the bounce on");
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (stage.button), NULL, NULL), ==, FP_BOUNCE_DEFAULT_EDGES);
  g_assert_false (fp_button_get_pressed (FP_BUTTON (stage.button)));
  assert_levels (&drives, 0);
  /* A click on the switch turns it off again, and is no press either. */
  click_in_popover (popover, GTK_WIDGET (_fp_bounce_popover_get_switch (popover)));
  fp_test_wait_until (switch_is_off, _fp_bounce_popover_get_switch (popover), "a click to switch the bounce off");
  g_assert_cmpuint (fp_button_get_bounce (FP_BUTTON (stage.button), NULL, NULL), ==, 0);
  g_assert_false (fp_button_get_pressed (FP_BUTTON (stage.button)));
  assert_levels (&drives, 0);
  xdotool ("key", "space", NULL);
  fp_test_wait_until (switch_is_on, _fp_bounce_popover_get_switch (popover), "Space to switch it on again");
  xdotool ("key", "Escape", NULL);
  fp_test_wait_until (popover_is_hidden, stage.button, "Escape to close it");

  /* And the button itself still presses, now bouncing. */
  move_pointer (&stage, stage.x, stage.y);
  xdotool ("mousedown", "1", NULL);
  fp_test_wait_until (is_pressed, stage.button, "the press");
  xdotool ("mouseup", "1", NULL);
  wait_for_count (&drives, 2 * FP_BOUNCE_DEFAULT_EDGES);

  stage_clear (&stage);
  drives_clear (&drives);
}

/* ---- looks ------------------------------------------------------------------ */

static void
check_look (const char *name, FpButtonKind kind, gboolean pressed, int pin_level)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = fp_button_new (kind, FALSE);

  if (kind == FP_BUTTON_SWITCH)
    gtk_widget_set_size_request (button, 96, 56);
  else
    gtk_widget_set_size_request (button, 64, 64);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* No focus ring in the references. */
  gtk_widget_set_focusable (button, FALSE);
  fp_button_set_pressed (FP_BUTTON (button), pressed);
  fp_button_set_pin_level (FP_BUTTON (button), pin_level);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  fp_test_assert_reference (button, name, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_looks (void)
{
  check_look ("button-push-released-pin1", FP_BUTTON_PUSH, FALSE, 1);
  check_look ("button-push-released-pin0", FP_BUTTON_PUSH, FALSE, 0);
  check_look ("button-push-released-unknown", FP_BUTTON_PUSH, FALSE, -1);
  check_look ("button-push-pressed-pin0", FP_BUTTON_PUSH, TRUE, 0);
  check_look ("button-push-pressed-pin1", FP_BUTTON_PUSH, TRUE, 1);
  check_look ("button-switch-off-pin0", FP_BUTTON_SWITCH, FALSE, 0);
  check_look ("button-switch-off-pin1", FP_BUTTON_SWITCH, FALSE, 1);
  check_look ("button-switch-on-pin1", FP_BUTTON_SWITCH, TRUE, 1);
  check_look ("button-switch-on-pin0", FP_BUTTON_SWITCH, TRUE, 0);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/button/push/click", test_push_click);
  g_test_add_func ("/button/push/cancel", test_push_cancel);
  g_test_add_func ("/button/push/keys", test_push_keys);
  g_test_add_func ("/button/switch/click", test_switch_click);
  g_test_add_func ("/button/switch/keys", test_switch_keys);
  g_test_add_func ("/button/set-pressed", test_set_pressed);
  g_test_add_func ("/button/accessible", test_accessible);
  g_test_add_func ("/button/real/latch", test_real_latch);
  g_test_add_func ("/button/real/hold", test_real_hold);
  g_test_add_func ("/button/real/tooltip", test_real_tooltip);
  g_test_add_func ("/button/bounce/press", test_bounce_press);
  g_test_add_func ("/button/bounce/reproducible", test_bounce_reproducible);
  g_test_add_func ("/button/bounce/overlap", test_bounce_overlap);
  g_test_add_func ("/button/bounce/dispose", test_bounce_dispose);
  g_test_add_func ("/button/bounce/spread", test_bounce_spread);
  g_test_add_func ("/button/bounce/popover/values", test_bounce_popover_values);
  g_test_add_func ("/button/bounce/popover/defaults", test_bounce_popover_defaults);
  g_test_add_func ("/button/real/bounce-popover", test_real_bounce_popover);
  g_test_add_func ("/button/looks", test_looks);
  return g_test_run ();
}
