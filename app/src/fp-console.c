/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-console.c: a read-only text view of the guest's serial output and a
 * key controller that turns keys into the bytes a terminal sends, enough
 * for a boot log and a Linux shell. It is no full terminal emulator, but it
 * keeps a cursor on the last line as a terminal does, so that a shell's line
 * editing reads right: CR goes to the line's start, backspace and ESC [ n D
 * move left, ESC [ n C right, text overwrites from the cursor, ESC [ K
 * erases to the line's end, LF starts a new line. Other escape sequences
 * (colours, screen moves) are dropped.
 *
 * Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes, as in
 * terminals; Ctrl+letter goes to the guest (the app's own shortcuts, Ctrl+B,
 * Ctrl+L…, are taken before the console sees them).
 */
#define G_LOG_DOMAIN "fp-console"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "fp-console-private.h"

typedef enum {
  TEXT,
  ESCAPE,                       /* after ESC */
  CSI,                          /* ESC [ … final byte */
  OSC,                          /* ESC ] … BEL or ESC \ */
  OSC_ESCAPE,
} FilterState;

struct _FpConsole
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkAdjustment *vadjustment;
  gboolean follow;              /* keep the end in view: the user has not scrolled up */
  guint follow_idle;            /* scrolls to the end, once the text view is done */
  FilterState state;
  GString *csi;                 /* the parameters of the CSI sequence being read */
  GString *carry;               /* the start of a UTF-8 character */
  GtkTextMark *cursor;          /* the guest's cursor, on the last line */
};

G_DEFINE_FINAL_TYPE (FpConsole, fp_console, GTK_TYPE_WIDGET)

enum {
  INPUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text grows, and is laid out, after the insertion (in idles): so
 * the view follows on the adjustment's changes, and the user's scrolling
 * decides whether it follows. */
static void
on_value_changed (GtkAdjustment *adj,
                  FpConsole     *self)
{
  self->follow = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
                 >= gtk_adjustment_get_upper (adj) - 1.0;
}

static gboolean
scroll_to_end (gpointer data)
{
  FpConsole *self = data;

  self->follow_idle = 0;
  if (self->follow)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_upper (self->vadjustment) -
                                                 gtk_adjustment_get_page_size (self->vadjustment));
  return G_SOURCE_REMOVE;
}

/* Not at once: the text view changes the adjustment, then sets the value
 * it computed before. Set here, the end would be undone, and the user's
 * scrolling seen (in ::value-changed) where there was none. */
static void
on_adjustment_changed (GtkAdjustment *adj,
                       FpConsole     *self)
{
  if (self->follow && self->follow_idle == 0)
    self->follow_idle = g_idle_add (scroll_to_end, self);
}

/* Writes @text at the cursor, over what is there up to the line's end,
 * then after it. An incomplete character at the end of @text waits in
 * carry for the rest, anything else invalid shows as U+FFFD. */
static void
flush (FpConsole *self,
       GString   *text)
{
  GtkTextIter at, over;
  const char *valid_end;
  g_autofree char *valid = NULL;
  glong n_chars;

  g_string_prepend_len (text, self->carry->str, self->carry->len);
  g_string_truncate (self->carry, 0);
  if (!g_utf8_validate_len (text->str, text->len, &valid_end))
    {
      gsize rest = text->str + text->len - valid_end;

      if (rest < 4 && g_utf8_get_char_validated (valid_end, rest) == (gunichar) -2)
        {
          g_string_append_len (self->carry, valid_end, rest);
          g_string_truncate (text, text->len - rest);
        }
    }
  if (text->len == 0)
    return;
  valid = g_utf8_make_valid (text->str, text->len);
  g_string_truncate (text, 0);
  n_chars = g_utf8_strlen (valid, -1);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
  over = at;
  for (glong i = 0; i < n_chars && !gtk_text_iter_ends_line (&over); i++)
    gtk_text_iter_forward_char (&over);
  if (!gtk_text_iter_equal (&at, &over))
    gtk_text_buffer_delete (self->buffer, &at, &over);
  gtk_text_buffer_insert (self->buffer, &at, valid, -1);
  gtk_text_buffer_move_mark (self->buffer, self->cursor, &at);
}

/* LF: a new line after the last (a serial line's CR LF, or a bare LF). */
static void
new_line (FpConsole *self)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_buffer_insert (self->buffer, &end, "\n", 1);
  gtk_text_buffer_move_mark (self->buffer, self->cursor, &end);
}

static void
cursor_to_line_start (FpConsole *self)
{
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
  gtk_text_iter_set_line_offset (&at, 0);
  gtk_text_buffer_move_mark (self->buffer, self->cursor, &at);
}

/* Left (@n < 0) or right, within the line; right of its end pads with
 * spaces, as the cells of a terminal are there. */
static void
cursor_move (FpConsole *self,
             int        n)
{
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
  for (; n < 0 && gtk_text_iter_get_line_offset (&at) > 0; n++)
    gtk_text_iter_backward_char (&at);
  for (; n > 0 && !gtk_text_iter_ends_line (&at); n--)
    gtk_text_iter_forward_char (&at);
  if (n > 0)
    {
      g_autofree char *spaces = g_strnfill (n, ' ');

      gtk_text_buffer_insert (self->buffer, &at, spaces, -1);
    }
  gtk_text_buffer_move_mark (self->buffer, self->cursor, &at);
}

/* ESC [ K: from the cursor to the line's end (0), the line's start to the
 * cursor (1, as spaces: the cursor keeps its column), or the line (2). */
static void
erase_in_line (FpConsole *self,
               int        mode)
{
  GtkTextIter at, end, start;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
  start = end = at;
  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (mode == 0 || mode == 2)
    gtk_text_buffer_delete (self->buffer, &at, &end);
  if (mode == 1 || mode == 2)
    {
      int column = gtk_text_iter_get_line_offset (&at);
      g_autofree char *spaces = g_strnfill (column, ' ');

      gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
      start = at;
      gtk_text_iter_set_line_offset (&start, 0);
      gtk_text_buffer_delete (self->buffer, &start, &at);
      gtk_text_buffer_insert (self->buffer, &start, spaces, -1);
      gtk_text_buffer_move_mark (self->buffer, self->cursor, &start);
    }
}

/* A CSI sequence ended with @final; the others are dropped. */
static void
run_csi (FpConsole *self,
         char       final)
{
  int n = atoi (self->csi->str);

  switch (final)
    {
    case 'C':
      cursor_move (self, MAX (n, 1));
      break;
    case 'D':
      cursor_move (self, -MAX (n, 1));
      break;
    case 'K':
      erase_in_line (self, n);
      break;
    default:
      break;
    }
}

static void
trim (FpConsole *self)
{
  int lines = gtk_text_buffer_get_line_count (self->buffer);
  GtkTextIter start, cut;

  if (lines <= FP_CONSOLE_MAX_LINES)
    return;
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_get_iter_at_line (self->buffer, &cut, lines - FP_CONSOLE_MAX_LINES);
  gtk_text_buffer_delete (self->buffer, &start, &cut);
}

/* The view's cursor where the guest's is, unless the user is selecting. */
static void
show_cursor (FpConsole *self)
{
  GtkTextIter at;

  if (gtk_text_buffer_get_has_selection (self->buffer))
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->cursor);
  gtk_text_buffer_place_cursor (self->buffer, &at);
}

void
fp_console_append (FpConsole    *self,
                   const guint8 *data,
                   gsize         length)
{
  g_autoptr(GString) text = g_string_sized_new (length);

  g_return_if_fail (FP_IS_CONSOLE (self));

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      switch (self->state)
        {
        case TEXT:
          if (c >= 0x20 || c == '\t')
            {
              g_string_append_c (text, c);
              break;
            }
          flush (self, text);
          if (c == 0x1b)
            self->state = ESCAPE;
          else if (c == '\n')
            new_line (self);
          else if (c == '\r')
            cursor_to_line_start (self);
          else if (c == '\b')
            cursor_move (self, -1);
          /* BEL and the other controls: nothing to show. */
          break;
        case ESCAPE:
          self->state = c == '[' ? CSI : c == ']' ? OSC : TEXT;
          g_string_truncate (self->csi, 0);
          break;
        case CSI:
          if (c >= 0x40 && c <= 0x7e)
            {
              run_csi (self, c);
              self->state = TEXT;
            }
          else if (self->csi->len < 32)
            g_string_append_c (self->csi, c);
          break;
        case OSC:
          if (c == 0x07)
            self->state = TEXT;
          else if (c == 0x1b)
            self->state = OSC_ESCAPE;
          break;
        case OSC_ESCAPE:
          self->state = c == '\\' ? TEXT : OSC;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  flush (self, text);
  trim (self);
  show_cursor (self);
}

void
fp_console_clear (FpConsole *self)
{
  g_return_if_fail (FP_IS_CONSOLE (self));

  gtk_text_buffer_set_text (self->buffer, "", 0);
  g_string_truncate (self->carry, 0);
  g_string_truncate (self->csi, 0);
  self->state = TEXT;
  self->follow = TRUE;
}

/* What a terminal sends for keys that are not characters. */
static const struct {
  guint keyval;
  const char *bytes;
} special_keys[] = {
  { GDK_KEY_Return, "\r" },
  { GDK_KEY_KP_Enter, "\r" },
  { GDK_KEY_BackSpace, "\x7f" },
  { GDK_KEY_Tab, "\t" },
  { GDK_KEY_Escape, "\x1b" },
  { GDK_KEY_Up, "\x1b[A" },
  { GDK_KEY_Down, "\x1b[B" },
  { GDK_KEY_Right, "\x1b[C" },
  { GDK_KEY_Left, "\x1b[D" },
  { GDK_KEY_Home, "\x1b[H" },
  { GDK_KEY_End, "\x1b[F" },
  { GDK_KEY_Delete, "\x1b[3~" },
  { GDK_KEY_Page_Up, "\x1b[5~" },
  { GDK_KEY_Page_Down, "\x1b[6~" },
};

static void
send (FpConsole  *self,
      const char *bytes)
{
  g_signal_emit (self, signals[INPUT], 0, bytes);
}

static void
on_paste (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FpConsole) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text == NULL)
    return;
  /* Lines end in CR, as typed. */
  g_strdelimit (text, "\n", '\r');
  send (self, text);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FpConsole             *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  guint lower = gdk_keyval_to_lower (keyval);
  gunichar c;
  char utf8[8] = { 0 };

  if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK) && lower == GDK_KEY_c)
    {
      gtk_text_buffer_copy_clipboard (self->buffer, gtk_widget_get_clipboard (GTK_WIDGET (self)));
      return TRUE;
    }
  if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK) && lower == GDK_KEY_v)
    {
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                     on_paste, g_object_ref (self));
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (special_keys); i++)
    if (special_keys[i].keyval == keyval)
      {
        send (self, special_keys[i].bytes);
        return TRUE;
      }
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0)
    return FALSE;               /* Shift alone, F-keys…: not for the guest */
  if (state & GDK_CONTROL_MASK)
    {
      /* Ctrl+A … Ctrl+Z, Ctrl+[ … Ctrl+_: the control characters. */
      c = g_unichar_toupper (c);
      if (c < '@' || c > '_')
        return FALSE;
      utf8[0] = (char) (c & 0x1f);
      if (utf8[0] != '\0')      /* Ctrl+@ (NUL) cannot be a string: dropped */
        send (self, utf8);
      return TRUE;
    }
  if (state & GDK_ALT_MASK)
    {
      /* Meta sends ESC first, as xterm does. */
      utf8[0] = 0x1b;
      g_unichar_to_utf8 (c, utf8 + 1);
    }
  else
    g_unichar_to_utf8 (c, utf8);
  send (self, utf8);
  return TRUE;
}

char *
_fp_console_get_text (FpConsole *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (FP_IS_CONSOLE (self), NULL);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

GtkTextView *
_fp_console_get_view (FpConsole *self)
{
  g_return_val_if_fail (FP_IS_CONSOLE (self), NULL);
  return self->view;
}

GtkWidget *
fp_console_new (void)
{
  return g_object_new (FP_TYPE_CONSOLE, NULL);
}

static void
fp_console_dispose (GObject *object)
{
  FpConsole *self = (FpConsole *) object;

  g_clear_handle_id (&self->follow_idle, g_source_remove);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (fp_console_parent_class)->dispose (object);
}

static void
fp_console_finalize (GObject *object)
{
  FpConsole *self = (FpConsole *) object;

  g_string_free (self->carry, TRUE);
  g_string_free (self->csi, TRUE);
  G_OBJECT_CLASS (fp_console_parent_class)->finalize (object);
}

static void
fp_console_class_init (FpConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_console_dispose;
  object_class->finalize = fp_console_finalize;

  signals[INPUT] =
    g_signal_new ("input", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "console");
}

static void
fp_console_init (FpConsole *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkTextIter end;

  self->carry = g_string_new (NULL);
  self->csi = g_string_new (NULL);
  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->view, FALSE);
  gtk_text_view_set_monospace (self->view, TRUE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_CHAR);
  gtk_text_view_set_left_margin (self->view, 6);
  gtk_text_view_set_right_margin (self->view, 6);
  gtk_text_view_set_top_margin (self->view, 4);
  gtk_text_view_set_bottom_margin (self->view, 4);
  self->buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  /* Right gravity: what is inserted at the cursor goes before it. */
  self->cursor = gtk_text_buffer_create_mark (self->buffer, "guest-cursor", &end, FALSE);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  self->follow = TRUE;
  self->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (on_value_changed), self, 0);
  g_signal_connect_object (self->vadjustment, "changed", G_CALLBACK (on_adjustment_changed), self, 0);

  /* Before the text view's own key bindings (Ctrl+A selects all, …). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Serial console"), -1);
}
