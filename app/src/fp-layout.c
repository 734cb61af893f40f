/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-layout.c: board layouts: the loader of layout files, the check of a
 * layout against the machine's controllers, and the automatic layout.
 *
 * A file is read in three passes. A strict JSON syntax check comes first:
 * json-glib 1.6 accepts single quotes, `var x =` assignments and trailing
 * values, and reports a trailing or missing comma at the wrong place, so
 * syntax errors are found here, at the character that is wrong. Then
 * json-glib builds the tree while its parser signals record where each
 * object, member and array element starts, since its nodes carry no
 * location (and duplicate members, which it silently merges, are caught
 * there). Then the tree is validated against the format of
 * data/boards/README.md.
 *
 * Every message is "FILE:LINE:COL: PATH: what is wrong", like a compiler's,
 * with columns counted in characters from 1. The app shows them in its
 * error bar, so "what is wrong" is in the user's language; the location,
 * the path and whatever the message quotes from the file (member names,
 * values, JSON's punctuation and literals) are the file's own words and
 * stay as they are.
 */
#define G_LOG_DOMAIN "fp-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fp-boards-resources.h"
#include "fp-layout.h"

#define BOARDS_PATH "/io/github/frontpanel/FrontPanel/boards/"

/* A layout nests five deep; anything near this is not a layout, and the
 * limit keeps the recursive checks' stack small. */
#define MAX_DEPTH 32
#define MAX_MATRIX_LINES 64   /* rows or columns of an LED matrix */
#define MAX_GRID 64           /* width or height of its drawn grid */
#define MAX_HEADER_PINS 100   /* rows or columns of a header */

#define DEFAULT_BOARD_COLOR 0x1f6f43
#define DEFAULT_LED_COLOR 0x33d17a
#define DEFAULT_LABEL_SIZE 8.0

G_DEFINE_QUARK (fp-layout-error-quark, fp_layout_error)

struct _FpLayout
{
  GObject parent_instance;

  char *name;
  char *board;
  char *title;
  GStrv machines;
  double width, height;
  guint32 color;
  GArray *widgets;      /* of FpLayoutWidget */
  GArray *headers;      /* of FpLayoutHeader */
  GArray *labels;       /* of FpLayoutLabel */
};

G_DEFINE_FINAL_TYPE (FpLayout, fp_layout, G_TYPE_OBJECT)

/* GNOME's palette, for LEDs named by colour. */
static const struct {
  const char *name;
  guint32 rgb;
} color_names[] = {
  { "red", 0xed333b },
  { "green", 0x33d17a },
  { "yellow", 0xf6d32d },
  { "amber", 0xf5c211 },
  { "orange", 0xff7800 },
  { "blue", 0x3584e4 },
  { "white", 0xf6f5f4 },
};

static const char *const top_members[] = {
  "$schema", "format", "board", "title", "machines", "size", "color",
  "headers", "labels", "widgets", NULL
};
static const char *const header_members[] = { "label", "x", "y", "rows", "cols", "pitch", NULL };
static const char *const label_members[] = { "text", "x", "y", "size", NULL };
static const char *const pin_members[] = { "ctrl", "pin", NULL };
static const char *const rgb_members[] = { "red", "green", "blue", NULL };
static const char *const bounce_members[] = { "edges", "ms", "seed", NULL };
static const char *const led_members[] = {
  "type", "id", "label", "x", "y", "size", "color", "active", "pin", NULL
};
static const char *const rgb_led_members[] = {
  "type", "id", "label", "x", "y", "size", "active", "pins", NULL
};
static const char *const matrix_members[] = {
  "type", "id", "label", "x", "y", "size", "color", "rows", "cols",
  "row-active", "col-active", "grid", "map", NULL
};
static const char *const button_members[] = {
  "type", "id", "label", "x", "y", "size", "active", "pin", "key", "bounce", "drive-released",
  NULL
};

/* Indexed by FpLayoutKind. */
static const struct {
  const char *name;
  double size;          /* default diameter, or a matrix's pitch */
  const char *const *members;
} kinds[] = {
  [FP_LAYOUT_LED] = { "led", 12, led_members },
  [FP_LAYOUT_RGB_LED] = { "rgb-led", 12, rgb_led_members },
  [FP_LAYOUT_LED_MATRIX] = { "led-matrix", 14, matrix_members },
  [FP_LAYOUT_BUTTON] = { "button", 16, button_members },
  [FP_LAYOUT_SWITCH] = { "switch", 16, button_members },
};

static void
clear_pin (gpointer data)
{
  FpLayoutPin *pin = data;

  g_free (pin->ctrl);
}

static void
clear_widget (gpointer data)
{
  FpLayoutWidget *w = data;

  g_free (w->id);
  g_free (w->label);
  g_clear_pointer (&w->pins, g_array_unref);
  g_free (w->map_x);
  g_free (w->map_y);
  g_free (w->key);
}

static void
clear_header (gpointer data)
{
  FpLayoutHeader *h = data;

  g_free (h->label);
}

static void
clear_label (gpointer data)
{
  FpLayoutLabel *l = data;

  g_free (l->text);
}

static void
fp_layout_finalize (GObject *object)
{
  FpLayout *self = FP_LAYOUT (object);

  g_free (self->name);
  g_free (self->board);
  g_free (self->title);
  g_strfreev (self->machines);
  g_array_unref (self->widgets);
  g_array_unref (self->headers);
  g_array_unref (self->labels);

  G_OBJECT_CLASS (fp_layout_parent_class)->finalize (object);
}

static void
fp_layout_class_init (FpLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_layout_finalize;
}

static void
fp_layout_init (FpLayout *self)
{
  self->color = DEFAULT_BOARD_COLOR;
  self->widgets = g_array_new (FALSE, TRUE, sizeof (FpLayoutWidget));
  g_array_set_clear_func (self->widgets, clear_widget);
  self->headers = g_array_new (FALSE, TRUE, sizeof (FpLayoutHeader));
  g_array_set_clear_func (self->headers, clear_header);
  self->labels = g_array_new (FALSE, TRUE, sizeof (FpLayoutLabel));
  g_array_set_clear_func (self->labels, clear_label);
}

static GArray *
pin_array_new (void)
{
  GArray *pins = g_array_new (FALSE, TRUE, sizeof (FpLayoutPin));

  g_array_set_clear_func (pins, clear_pin);
  return pins;
}

/* ---- locations ---------------------------------------------------------- */

/* Where a container sits in the text, recorded while json-glib parses it. */
typedef struct {
  gsize start;          /* its '{' or '[' */
  gsize last;           /* where json-glib last stood in it: the bracket, or
                         * the ',' after the member or element it just read */
  GHashTable *members;  /* objects: name -> offset of the member's name */
  GArray *elements;     /* arrays: gsize, the offset of each element */
} Loc;

static void
loc_free (gpointer data)
{
  Loc *loc = data;

  g_clear_pointer (&loc->members, g_hash_table_unref);
  g_clear_pointer (&loc->elements, g_array_unref);
  g_free (loc);
}

typedef struct {
  const char *name;     /* the file name in messages */
  const char *text;
  gsize len;
  GArray *lines;        /* gsize: the offset each line starts at */
  GPtrArray *open;      /* Loc: the containers json-glib is inside of */
  GHashTable *locs;     /* JsonObject or JsonArray -> Loc */
  char *duplicate;      /* the first member name given twice in an object */
  gsize duplicate_at, duplicate_first;
  GString *path;        /* where the validation is, for messages */
  GError **error;
} Reader;

static void
locate (Reader *r, gsize offset, guint *line, guint *col)
{
  guint lo = 0, hi = r->lines->len;

  /* The last line that starts at or before @offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (r->lines, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  *line = lo + 1;
  *col = g_utf8_strlen (r->text + g_array_index (r->lines, gsize, lo),
                        offset - g_array_index (r->lines, gsize, lo)) + 1;
}

static gboolean
fail (Reader *r, gsize at, FpLayoutError code, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Reader *r, gsize at, FpLayoutError code, const char *fmt, ...)
{
  va_list args;
  g_autofree char *what = NULL;
  guint line, col;

  va_start (args, fmt);
  what = g_strdup_vprintf (fmt, args);
  va_end (args);
  locate (r, at, &line, &col);
  g_set_error (r->error, FP_LAYOUT_ERROR, code, "%s:%u:%u: %s%s%s", r->name, line, col,
               r->path->str, r->path->len > 0 ? ": " : "", what);
  return FALSE;
}

/* ---- strict JSON syntax ----------------------------------------------- */

static gboolean syntax_value (Reader *r, gsize *p, guint depth);

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gsize
skip_space (Reader *r, gsize p)
{
  while (p < r->len && is_space (r->text[p]))
    p++;
  return p;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* Says what is at @p instead of @expected, and with a hint for the usual
 * mistakes of hand-written JSON. */
static gboolean
syntax_unexpected (Reader *r, gsize p, const char *expected)
{
  char c;

  if (p >= r->len)
    /* Translators: %s is what should have come, e.g. "a value" */
    return fail (r, p, FP_LAYOUT_ERROR_SYNTAX,
                 _("unexpected end of file, expected %s"), expected);
  c = r->text[p];
  if (c == '\'')
    return fail (r, p, FP_LAYOUT_ERROR_SYNTAX, _("strings must be in double quotes, not single quotes"));
  if (c == '/')
    return fail (r, p, FP_LAYOUT_ERROR_SYNTAX, _("comments are not allowed in JSON"));
  if (g_ascii_isalpha (c) || c == '_' || c == '$')
    {
      gsize end = p;
      int n;

      while (end < r->len && is_word_char (r->text[end]))
        end++;
      n = (int) (end - p);
      if ((n == 3 && strncmp (r->text + p, "var", 3) == 0) ||
          (n == 3 && strncmp (r->text + p, "let", 3) == 0) ||
          (n == 5 && strncmp (r->text + p, "const", 5) == 0))
        return fail (r, p, FP_LAYOUT_ERROR_SYNTAX,
                     /* Translators: %.*s is the word found, e.g. "var" */
                     _("unexpected `%.*s`: a layout is plain JSON, not a JavaScript assignment"),
                     n, r->text + p);
      return fail (r, p, FP_LAYOUT_ERROR_SYNTAX, _("unexpected `%.*s`, expected %s"),
                   n, r->text + p, expected);
    }
  /* Translators: %.*s is what was found (a word or a character), %s what
   * should have come, e.g. "`,` or `}` after the member" */
  return fail (r, p, FP_LAYOUT_ERROR_SYNTAX, _("unexpected `%.*s`, expected %s"),
               (int) (g_utf8_next_char (r->text + p) - (r->text + p)), r->text + p, expected);
}

static gboolean
read_hex4 (Reader *r, gsize p, gunichar *out)
{
  gunichar v = 0;

  if (r->len - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (r->text[p + i]);

      if (d < 0)
        return FALSE;
      v = v * 16 + (gunichar) d;
    }
  *out = v;
  return TRUE;
}

/* On entry r->text[*p] is the opening quote. */
static gboolean
syntax_string (Reader *r, gsize *p)
{
  gsize start = *p, q = *p + 1;

  for (;;)
    {
      guchar c;

      if (q >= r->len || r->text[q] == '\n')
        return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("unterminated string"));
      c = (guchar) r->text[q];
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (r, q, FP_LAYOUT_ERROR_SYNTAX,
                     _("control character in a string: write it as an escape such as \\t"));
      if (c != '\\')
        {
          q++;
          continue;
        }
      if (q + 1 < r->len && r->text[q + 1] != '\0' && strchr ("\"\\/bfnrt", r->text[q + 1]) != NULL)
        {
          q += 2;
          continue;
        }
      if (q + 1 < r->len && r->text[q + 1] == 'u')
        {
          gunichar u, low;

          if (!read_hex4 (r, q + 2, &u))
            return fail (r, q, FP_LAYOUT_ERROR_SYNTAX, _("`\\u` must be followed by four hex digits"));
          if (u == 0)
            return fail (r, q, FP_LAYOUT_ERROR_SYNTAX, _("`\\u0000` is not allowed in a string"));
          if (u >= 0xdc00 && u < 0xe000)
            /* Translators: \u%04X is the escape found, e.g. \uD800 */
            return fail (r, q, FP_LAYOUT_ERROR_SYNTAX, _("unpaired UTF-16 surrogate `\\u%04X`"), u);
          if (u >= 0xd800 && u < 0xdc00)
            {
              if (r->len - q < 12 || r->text[q + 6] != '\\' || r->text[q + 7] != 'u' ||
                  !read_hex4 (r, q + 8, &low) || low < 0xdc00 || low >= 0xe000)
                return fail (r, q, FP_LAYOUT_ERROR_SYNTAX, _("unpaired UTF-16 surrogate `\\u%04X`"), u);
              q += 6;
            }
          q += 6;
          continue;
        }
      if (q + 1 >= r->len)
        return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("unterminated string"));
      /* Translators: \%.*s is the escape found, e.g. \x */
      return fail (r, q, FP_LAYOUT_ERROR_SYNTAX, _("invalid escape `\\%.*s` in a string"),
                   (int) (g_utf8_next_char (r->text + q + 1) - (r->text + q + 1)), r->text + q + 1);
    }
  *p = q + 1;
  return TRUE;
}

static gboolean
syntax_number (Reader *r, gsize *p)
{
  gsize start = *p, q = *p;
  gboolean integer = TRUE;

  if (r->text[q] == '-')
    q++;
  if (q < r->len && r->text[q] == '0')
    q++;
  else if (q < r->len && r->text[q] >= '1' && r->text[q] <= '9')
    while (q < r->len && g_ascii_isdigit (r->text[q]))
      q++;
  else
    return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("invalid number"));
  if (q < r->len && r->text[q] == '.')
    {
      integer = FALSE;
      if (++q >= r->len || !g_ascii_isdigit (r->text[q]))
        return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("invalid number: a digit must follow `.`"));
      while (q < r->len && g_ascii_isdigit (r->text[q]))
        q++;
    }
  if (q < r->len && (r->text[q] == 'e' || r->text[q] == 'E'))
    {
      integer = FALSE;
      if (++q < r->len && (r->text[q] == '+' || r->text[q] == '-'))
        q++;
      if (q >= r->len || !g_ascii_isdigit (r->text[q]))
        return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("invalid number: a digit must follow the exponent's `e`"));
      while (q < r->len && g_ascii_isdigit (r->text[q]))
        q++;
    }
  /* "01", "1.2.3", "0x1f", "5px" */
  if (q < r->len && (is_word_char (r->text[q]) || r->text[q] == '.'))
    return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("invalid number"));
  /* json-glib wraps integers beyond 64 bits around, silently. */
  if (integer)
    {
      g_autofree char *digits = g_strndup (r->text + start, q - start);

      if (!g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, NULL, NULL))
        return fail (r, start, FP_LAYOUT_ERROR_SYNTAX, _("integer out of range"));
    }
  *p = q;
  return TRUE;
}

static gboolean
syntax_object (Reader *r, gsize *p, guint depth)
{
  gsize q = skip_space (r, *p + 1);
  gsize comma = 0;

  if (q < r->len && r->text[q] == '}')
    {
      *p = q + 1;
      return TRUE;
    }
  for (;;)
    {
      gsize end;

      if (comma > 0 && q < r->len && r->text[q] == '}')
        return fail (r, comma, FP_LAYOUT_ERROR_SYNTAX, _("trailing comma: JSON allows no `,` before `}`"));
      if (q >= r->len || r->text[q] != '"')
        /* Translators: what should have come, in "unexpected …, expected …" */
        return syntax_unexpected (r, q, _("a member name in double quotes"));
      if (!syntax_string (r, &q))
        return FALSE;
      q = skip_space (r, q);
      if (q >= r->len || r->text[q] != ':')
        return syntax_unexpected (r, q, _("`:` after the member name"));
      q = skip_space (r, q + 1);
      if (!syntax_value (r, &q, depth + 1))
        return FALSE;
      end = q;
      q = skip_space (r, q);
      if (q < r->len && r->text[q] == ',')
        {
          comma = q;
          q = skip_space (r, q + 1);
          continue;
        }
      if (q < r->len && r->text[q] == '}')
        break;
      /* Point where the comma belongs, not at the next line's member. */
      if (q < r->len && r->text[q] == '"')
        return fail (r, end, FP_LAYOUT_ERROR_SYNTAX, _("missing `,` between members"));
      return syntax_unexpected (r, q, _("`,` or `}` after the member"));
    }
  *p = q + 1;
  return TRUE;
}

static gboolean
starts_value (char c)
{
  return c == '"' || c == '{' || c == '[' || c == '-' || g_ascii_isalnum (c);
}

static gboolean
syntax_array (Reader *r, gsize *p, guint depth)
{
  gsize q = skip_space (r, *p + 1);
  gsize comma = 0;

  if (q < r->len && r->text[q] == ']')
    {
      *p = q + 1;
      return TRUE;
    }
  for (;;)
    {
      gsize end;

      if (comma > 0 && q < r->len && r->text[q] == ']')
        return fail (r, comma, FP_LAYOUT_ERROR_SYNTAX, _("trailing comma: JSON allows no `,` before `]`"));
      if (!syntax_value (r, &q, depth + 1))
        return FALSE;
      end = q;
      q = skip_space (r, q);
      if (q < r->len && r->text[q] == ',')
        {
          comma = q;
          q = skip_space (r, q + 1);
          continue;
        }
      if (q < r->len && r->text[q] == ']')
        break;
      if (q < r->len && starts_value (r->text[q]))
        return fail (r, end, FP_LAYOUT_ERROR_SYNTAX, _("missing `,` between elements"));
      return syntax_unexpected (r, q, _("`,` or `]` after the element"));
    }
  *p = q + 1;
  return TRUE;
}

static gboolean
syntax_literal (Reader *r, gsize *p)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (r->len - *p >= n && strncmp (r->text + *p, literals[i], n) == 0 &&
          (*p + n == r->len || !is_word_char (r->text[*p + n])))
        {
          *p += n;
          return TRUE;
        }
    }
  return syntax_unexpected (r, *p, _("a value"));
}

static gboolean
syntax_value (Reader *r, gsize *p, guint depth)
{
  if (depth > MAX_DEPTH)
    return fail (r, *p, FP_LAYOUT_ERROR_SYNTAX, _("nested more than %d deep"), MAX_DEPTH);
  if (*p >= r->len)
    return syntax_unexpected (r, *p, _("a value"));
  switch (r->text[*p])
    {
    case '{':
      return syntax_object (r, p, depth);
    case '[':
      return syntax_array (r, p, depth);
    case '"':
      return syntax_string (r, p);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return syntax_number (r, p);
    default:
      return syntax_literal (r, p);
    }
}

static gboolean
check_syntax (Reader *r)
{
  const char *bad;
  gsize p;

  if (!g_utf8_validate (r->text, (gssize) r->len, &bad))
    {
      gsize at = (gsize) (bad - r->text);

      return fail (r, at, FP_LAYOUT_ERROR_SYNTAX, "%s",
                   r->text[at] == '\0' ? _("NUL byte in the file") : _("invalid UTF-8: a layout file must be UTF-8"));
    }
  p = skip_space (r, 0);
  if (p >= r->len)
    return fail (r, p, FP_LAYOUT_ERROR_SYNTAX, _("the file is empty, expected a JSON object"));
  if (!syntax_value (r, &p, 1))
    return FALSE;
  p = skip_space (r, p);
  if (p < r->len)
    return syntax_unexpected (r, p, _("the end of the file after the JSON value"));
  return TRUE;
}

/* ---- locations from json-glib's parser signals ------------------------ */

/*
 * json-glib reports its scanner's position as a line and a byte position
 * from 1: at an object or array start, the bracket; after a member or
 * element, the ',' that follows it (or, after the last one, its last
 * character). So the next member's name, or the next element, is the first
 * thing after that position that is neither blank nor a comma.
 */
static gsize
parser_offset (Reader *r, JsonParser *parser)
{
  guint line = json_parser_get_current_line (parser);
  guint pos = json_parser_get_current_pos (parser);
  gsize offset;

  if (line == 0 || line > r->lines->len)
    return 0;
  offset = g_array_index (r->lines, gsize, line - 1) + (pos > 0 ? pos - 1 : 0);
  return MIN (offset, r->len);
}

static gsize
next_token (Reader *r, gsize from)
{
  while (from < r->len && (is_space (r->text[from]) || r->text[from] == ','))
    from++;
  return from;
}

static void
on_object_start (JsonParser *parser,
                 Reader     *r)
{
  Loc *loc = g_new0 (Loc, 1);

  loc->start = loc->last = parser_offset (r, parser);
  loc->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (r->open, loc);
}

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  Reader     *r)
{
  Loc *loc = g_ptr_array_index (r->open, r->open->len - 1);
  gsize at = next_token (r, loc->last + 1);
  gpointer first;

  if (g_hash_table_lookup_extended (loc->members, name, NULL, &first))
    {
      if (r->duplicate == NULL)
        {
          r->duplicate = g_strdup (name);
          r->duplicate_at = at;
          r->duplicate_first = GPOINTER_TO_SIZE (first);
        }
    }
  else
    g_hash_table_insert (loc->members, g_strdup (name), GSIZE_TO_POINTER (at));
  loc->last = parser_offset (r, parser);
}

static void
on_array_start (JsonParser *parser,
                Reader     *r)
{
  Loc *loc = g_new0 (Loc, 1);

  loc->start = loc->last = parser_offset (r, parser);
  loc->elements = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_ptr_array_add (r->open, loc);
}

static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index_,
                  Reader     *r)
{
  Loc *loc = g_ptr_array_index (r->open, r->open->len - 1);
  gsize at = next_token (r, loc->last + 1);

  g_array_append_val (loc->elements, at);
  loc->last = parser_offset (r, parser);
}

static void
on_container_end (JsonParser *parser,
                  gpointer    container,
                  Reader     *r)
{
  g_hash_table_insert (r->locs, container, g_ptr_array_steal_index (r->open, r->open->len - 1));
}

static gsize
object_at (Reader *r, JsonObject *obj)
{
  Loc *loc = g_hash_table_lookup (r->locs, obj);

  return loc != NULL ? loc->start : 0;
}

/* Where the member's name is, or the object when it has no such member. */
static gsize
member_at (Reader *r, JsonObject *obj, const char *name)
{
  Loc *loc = g_hash_table_lookup (r->locs, obj);
  gpointer at;

  if (loc != NULL && g_hash_table_lookup_extended (loc->members, name, NULL, &at))
    return GPOINTER_TO_SIZE (at);
  return object_at (r, obj);
}

static gsize
element_at (Reader *r, JsonArray *arr, guint i)
{
  Loc *loc = g_hash_table_lookup (r->locs, arr);

  if (loc == NULL)
    return 0;
  return i < loc->elements->len ? g_array_index (loc->elements, gsize, i) : loc->start;
}

static gsize
node_at (Reader *r, JsonNode *node, gsize fallback)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return object_at (r, json_node_get_object (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      Loc *loc = g_hash_table_lookup (r->locs, json_node_get_array (node));

      return loc != NULL ? loc->start : fallback;
    }
  return fallback;
}

/* ---- typed access with messages ---------------------------------------- */

static gsize
path_push (Reader *r, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static gsize
path_push (Reader *r, const char *fmt, ...)
{
  gsize old = r->path->len;
  va_list args;

  va_start (args, fmt);
  g_string_append_vprintf (r->path, fmt, args);
  va_end (args);
  return old;
}

static void
path_pop (Reader *r, gsize old)
{
  g_string_truncate (r->path, old);
}

/* Numbers in messages, in JSON's notation whatever the locale. */
static const char *
num (char buf[G_ASCII_DTOSTR_BUF_SIZE], double v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%g", v);
}

static void
append_quoted (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s != '\0'; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_printf (out, "\\%c", *s);
      else if ((guchar) *s < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *s);
      else
        g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

/* The value itself for scalars ("lo", 12.5, true), its kind otherwise. */
static char *
describe (JsonNode *node)
{
  GString *out = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      /* Translators: what a value is, in "… must be …, got an object" */
      g_string_append (out, _("an object"));
      break;
    case JSON_NODE_ARRAY:
      {
        guint n = json_array_get_length (json_node_get_array (node));

        /* Translators: what a value is, in "… must be …, got an array of 3 elements" */
        g_string_append_printf (out, ngettext ("an array of %u element", "an array of %u elements", n), n);
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_quoted (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_DOUBLE:
        default:
          g_string_append (out, num (buf, json_node_get_double (node)));
          break;
        }
      break;
    }
  return g_string_free (out, FALSE);
}

static gboolean
wrong (Reader *r, gsize at, const char *what, const char *expected, JsonNode *node)
{
  g_autofree char *got = describe (node);

  /* Translators: the first %s is what is wrong ("x", a widget), the second
   * what it must be (a number), the third what it is (an object, "abc", 5) */
  return fail (r, at, FP_LAYOUT_ERROR_INVALID, _("%s must be %s, got %s"), what, expected, got);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* An integer as JSON Schema sees one: 5 and 5.0 alike. */
static gboolean
get_integer (JsonNode *node, gint64 *out)
{
  double d;

  if (!is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  d = json_node_get_double (node);
  /* Within ±2^53 a double is an integer or not exactly; NaN fails too. */
  if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0) || d != (double) (gint64) d)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

static gboolean
want_int (Reader *r, JsonNode *node, gsize at, const char *what, gint64 min, gint64 max, gint64 *out)
{
  /* Translators: what a value must be, in "… must be …, got …" */
  g_autofree char *expected = g_strdup_printf (_("an integer from %lld to %lld"),
                                               (long long) min, (long long) max);

  if (!get_integer (node, out) || *out < min || *out > max)
    return wrong (r, at, what, expected, node);
  return TRUE;
}

static gboolean
want_number (Reader *r, JsonNode *node, gsize at, const char *what, gboolean positive, double *out)
{
  if (!is_number (node) || !isfinite (json_node_get_double (node)) ||
      (positive && json_node_get_double (node) <= 0))
    /* Translators: what a value must be, in "… must be …, got …" */
    return wrong (r, at, what, positive ? _("a number greater than 0") : _("a number"), node);
  *out = json_node_get_double (node);
  return TRUE;
}

/* 1 to @max characters of [a-z0-9] and @punct, and [A-Z] when @upper. */
static gboolean
is_name (const char *s, const char *punct, gboolean upper, gsize max)
{
  gsize n = strlen (s);

  if (n == 0 || n > max)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!(g_ascii_islower (*s) || g_ascii_isdigit (*s) ||
          (upper && g_ascii_isupper (*s)) || strchr (punct, *s) != NULL))
      return FALSE;
  return TRUE;
}

static gboolean
is_id (const char *s)
{
  return is_name (s, "_.-", TRUE, 64);
}

/* What a GDK key name of a letter, a digit or a function key looks like. */
static gboolean
is_key (const char *s)
{
  if (s[0] != '\0' && s[1] == '\0')
    return g_ascii_islower (s[0]) || g_ascii_isdigit (s[0]);
  if (s[0] != 'F')
    return FALSE;
  for (guint i = 1; i <= 12; i++)
    {
      char name[4];

      g_snprintf (name, sizeof name, "F%u", i);
      if (strcmp (s, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The member's node; NULL when it is absent (an error when @required). */
static gboolean
lookup (Reader *r, JsonObject *obj, const char *name, gboolean required, JsonNode **out)
{
  *out = json_object_get_member (obj, name);
  if (*out == NULL && required)
    /* Translators: %s is a member name, e.g. "label" */
    return fail (r, object_at (r, obj), FP_LAYOUT_ERROR_INVALID,
                 _("missing member \"%s\""), name);
  return TRUE;
}

/* Typos must not pass silently: a member not in @known is an error. */
static gboolean
check_members (Reader *r, JsonObject *obj, const char *const *known)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) known);

        return fail (r, member_at (r, obj, l->data), FP_LAYOUT_ERROR_INVALID,
                     /* Translators: %s is the member name, then the list of those allowed */
                     _("unknown member \"%s\" (expected %s)"), (const char *) l->data, list);
      }
  return TRUE;
}

static gboolean
get_string (Reader *r, JsonObject *obj, const char *name, gboolean required, const char **out)
{
  JsonNode *node;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, obj, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_string (node) || json_node_get_string (node)[0] == '\0')
    return wrong (r, member_at (r, obj, name), what, _("a non-empty string"), node);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_boolean (Reader *r, JsonObject *obj, const char *name, gboolean *out)
{
  JsonNode *node;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, obj, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong (r, member_at (r, obj, name), what, _("true or false"), node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_number (Reader *r, JsonObject *obj, const char *name, gboolean required, gboolean positive,
            double *out)
{
  JsonNode *node;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, obj, name, required, &node))
    return FALSE;
  return node == NULL || want_number (r, node, member_at (r, obj, name), what, positive, out);
}

static gboolean
get_int (Reader *r, JsonObject *obj, const char *name, gboolean required, gint64 min, gint64 max,
         gint64 *out)
{
  JsonNode *node;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, obj, name, required, &node))
    return FALSE;
  return node == NULL || want_int (r, node, member_at (r, obj, name), what, min, max, out);
}

/* "high" or "low"; absent is "high". */
static gboolean
get_active_low (Reader *r, JsonObject *obj, const char *name, gboolean *low)
{
  JsonNode *node;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  *low = FALSE;
  if (!lookup (r, obj, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (is_string (node) && strcmp (json_node_get_string (node), "low") == 0)
    *low = TRUE;
  else if (!is_string (node) || strcmp (json_node_get_string (node), "high") != 0)
    return wrong (r, member_at (r, obj, name), what, _("\"high\" or \"low\""), node);
  return TRUE;
}

static gboolean
parse_color (const char *s, guint32 *out)
{
  if (s[0] == '#' && strlen (s) == 7)
    {
      guint32 v = 0;

      for (int i = 1; i < 7; i++)
        {
          int d = g_ascii_xdigit_value (s[i]);

          if (d < 0)
            return FALSE;
          v = v * 16 + (guint32) d;
        }
      *out = v;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (color_names); i++)
    if (strcmp (s, color_names[i].name) == 0)
      {
        *out = color_names[i].rgb;
        return TRUE;
      }
  return FALSE;
}

static gboolean
get_color (Reader *r, JsonObject *obj, const char *name, guint32 *out)
{
  JsonNode *node;

  if (!lookup (r, obj, name, FALSE, &node))
    return FALSE;
  if (node != NULL && !(is_string (node) && parse_color (json_node_get_string (node), out)))
    {
      g_autofree char *what = g_strdup_printf ("\"%s\"", name);

      return wrong (r, member_at (r, obj, name), what,
                    /* Translators: the colour names are the file's words: keep them */
                    _("\"#rrggbb\" or one of red, green, yellow, amber, orange, blue, white"), node);
    }
  return TRUE;
}

/* [a, b]: two numbers (or integers in @min..@max when @integers). */
static gboolean
get_pair (Reader *r, JsonObject *obj, const char *name, const char *expected, gboolean integers,
          gint64 min, gint64 max, double out[2])
{
  JsonNode *node;
  JsonArray *arr;
  gsize at = member_at (r, obj, name);
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, obj, name, TRUE, &node))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 2)
    return wrong (r, at, what, expected, node);
  arr = json_node_get_array (node);
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      g_autofree char *ewhat = g_strdup_printf ("\"%s\"[%u]", name, i);
      gint64 v;

      if (integers)
        {
          if (!want_int (r, e, element_at (r, arr, i), ewhat, min, max, &v))
            return FALSE;
          out[i] = (double) v;
        }
      else if (!want_number (r, e, element_at (r, arr, i), ewhat, TRUE, &out[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_inside (Reader *r, FpLayout *self, gsize at, double x0, double y0, double x1, double y1)
{
  char b[6][G_ASCII_DTOSTR_BUF_SIZE];
  const double eps = 1e-9;   /* rounding of pitch arithmetic */

  if (x0 >= -eps && y0 >= -eps && x1 <= self->width + eps && y1 <= self->height + eps)
    return TRUE;
  /* Translators: after the path of a widget, header or label: "widgets[2] (\"led1\"): is
   * outside the board: it spans x 10 to 22, y -6 to 6, the board is 100 x 80" */
  return fail (r, at, FP_LAYOUT_ERROR_INVALID,
               _("is outside the board: it spans x %s to %s, y %s to %s, the board is %s x %s"),
               num (b[0], x0), num (b[1], x1), num (b[2], y0), num (b[3], y1),
               num (b[4], self->width), num (b[5], self->height));
}

/* ---- the layout ---------------------------------------------------------- */

/* {"ctrl": "gpioa", "pin": 5}, its path segment (".pin", ".rows[2]") @seg. */
static gboolean
parse_pin (Reader *r, JsonNode *node, gsize at, const char *seg, GArray *pins)
{
  gsize old = path_push (r, "%s", seg);
  FpLayoutPin pin = { 0 };
  JsonObject *obj;
  const char *ctrl = NULL;
  gint64 n = 0;
  guint line, col;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: in "… must be …, got …"; keep {"ctrl": ID, "pin": N} as it is */
    return wrong (r, at, _("the pin"), _("an object {\"ctrl\": ID, \"pin\": N}"), node);
  obj = json_node_get_object (node);
  if (!check_members (r, obj, pin_members) ||
      !get_string (r, obj, "ctrl", TRUE, &ctrl) ||
      !get_int (r, obj, "pin", TRUE, 0, FP_MAX_PINS - 1, &n))
    return FALSE;
  if (!is_name (ctrl, "_.-", TRUE, 64))
    return fail (r, member_at (r, obj, "ctrl"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %s is the value in the file */
                 _("\"ctrl\" must be 1 to 64 of A-Z a-z 0-9 _ . -, got \"%s\""), ctrl);
  locate (r, object_at (r, obj), &line, &col);
  pin.ctrl = g_strdup (ctrl);
  pin.pin = (guint) n;
  pin.line = line;
  pin.col = col;
  g_array_append_val (pins, pin);
  path_pop (r, old);
  return TRUE;
}

static gboolean
parse_pin_list (Reader *r, JsonObject *obj, const char *name, GArray *pins, guint *count)
{
  JsonNode *node;
  JsonArray *arr;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);
  /* Translators: what a value must be, in "… must be …, got …" */
  g_autofree char *expected = g_strdup_printf (_("an array of 1 to %d pins"), MAX_MATRIX_LINES);

  if (!lookup (r, obj, name, TRUE, &node))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) < 1 ||
      json_array_get_length (json_node_get_array (node)) > MAX_MATRIX_LINES)
    return wrong (r, member_at (r, obj, name), what, expected, node);
  arr = json_node_get_array (node);
  *count = json_array_get_length (arr);
  for (guint i = 0; i < *count; i++)
    {
      g_autofree char *seg = g_strdup_printf (".%s[%u]", name, i);

      if (!parse_pin (r, json_array_get_element (arr, i), element_at (r, arr, i), seg, pins))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_matrix (Reader *r, JsonObject *obj, FpLayoutWidget *w)
{
  JsonNode *grid, *map_node;
  JsonArray *map;
  double size[2];
  guint n;
  gsize map_at = member_at (r, obj, "map");

  if (!parse_pin_list (r, obj, "rows", w->pins, &w->n_rows) ||
      !parse_pin_list (r, obj, "cols", w->pins, &w->n_cols) ||
      !get_active_low (r, obj, "row-active", &w->active_low) ||
      !get_active_low (r, obj, "col-active", &w->cols_active_low) ||
      !lookup (r, obj, "grid", FALSE, &grid) ||
      !lookup (r, obj, "map", FALSE, &map_node))
    return FALSE;
  if ((grid == NULL) != (map_node == NULL))
    return fail (r, member_at (r, obj, grid != NULL ? "grid" : "map"), FP_LAYOUT_ERROR_INVALID,
                 _("\"grid\" and \"map\" go together: give both or neither"));
  if (grid == NULL)
    {
      w->grid_w = w->n_cols;
      w->grid_h = w->n_rows;
      return TRUE;
    }
  /* Translators: what a value must be, in "… must be …, got …" */
  if (!get_pair (r, obj, "grid", _("[width, height], two integers from 1 to 64"), TRUE, 1, MAX_GRID, size))
    return FALSE;
  w->grid_w = (guint) size[0];
  w->grid_h = (guint) size[1];

  n = w->n_rows * w->n_cols;
  if (!JSON_NODE_HOLDS_ARRAY (map_node))
    /* Translators: keep [x, y] and null as they are */
    return wrong (r, map_at, "\"map\"", _("an array of [x, y] or null for each pixel"), map_node);
  map = json_node_get_array (map_node);
  if (json_array_get_length (map) != n)
    return fail (r, map_at, FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %u are numbers of entries, rows, columns and entries */
                 _("\"map\" has %u entries, but %u rows x %u cols need %u (one per pixel, row by row)"),
                 json_array_get_length (map), w->n_rows, w->n_cols, n);
  w->map_x = g_new (int, n);
  w->map_y = g_new (int, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (map, i);
      g_autofree char *what = g_strdup_printf ("\"map\"[%u]", i);
      gsize at = element_at (r, map, i);
      JsonArray *xy;
      gint64 x, y;

      w->map_x[i] = w->map_y[i] = -1;
      if (JSON_NODE_HOLDS_NULL (e))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (e) || json_array_get_length (json_node_get_array (e)) != 2)
        return wrong (r, at, what, _("[x, y] or null"), e);
      xy = json_node_get_array (e);
      if (!get_integer (json_array_get_element (xy, 0), &x) ||
          !get_integer (json_array_get_element (xy, 1), &y) || x < 0 || y < 0)
        return wrong (r, at, what, _("[x, y], two integers from 0, or null"), e);
      if (x >= w->grid_w || y >= w->grid_h)
        return fail (r, at, FP_LAYOUT_ERROR_INVALID,
                     /* Translators: %s is the entry, e.g. "map"[3]; then its x and y, and the grid's size */
                     _("%s is [%lld, %lld], outside the %u x %u grid"),
                     what, (long long) x, (long long) y, w->grid_w, w->grid_h);
      for (guint j = 0; j < i; j++)
        if (w->map_x[j] == x && w->map_y[j] == y)
          return fail (r, at, FP_LAYOUT_ERROR_INVALID,
                       /* Translators: %s is the entry, e.g. "map"[3]; then its x and y, and the earlier entry's index */
                       _("%s is [%lld, %lld] again, as \"map\"[%u] is"),
                       what, (long long) x, (long long) y, j);
      w->map_x[i] = (int) x;
      w->map_y[i] = (int) y;
    }
  return TRUE;
}

static gboolean
parse_bounce (Reader *r, JsonObject *obj, FpLayoutWidget *w)
{
  JsonNode *node;
  JsonObject *bounce;
  gint64 edges = 0, ms = 0, seed = 0;
  gsize old;

  if (!lookup (r, obj, "bounce", FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong (r, member_at (r, obj, "bounce"), "\"bounce\"",
                  /* Translators: keep {"edges": N, "ms": N, "seed": N} as it is */
                  _("an object {\"edges\": N, \"ms\": N, \"seed\": N}"), node);
  bounce = json_node_get_object (node);
  old = path_push (r, ".bounce");
  if (!check_members (r, bounce, bounce_members) ||
      !get_int (r, bounce, "edges", TRUE, 3, 101, &edges) ||
      !get_int (r, bounce, "ms", TRUE, 1, 1000, &ms) ||
      !get_int (r, bounce, "seed", FALSE, 0, G_MAXUINT32, &seed))
    return FALSE;
  if (edges % 2 == 0)
    return fail (r, member_at (r, bounce, "edges"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %d is the value in the file */
                 _("\"edges\" must be odd, so that the last edge settles at the new level, got %d"),
                 (int) edges);
  path_pop (r, old);
  w->bounce_edges = (guint) edges;
  w->bounce_ms = (guint) ms;
  w->bounce_seed = (guint32) seed;
  return TRUE;
}

static gboolean
parse_widget (Reader *r, FpLayout *self, JsonArray *widgets, guint i, GHashTable *ids, GHashTable *keys)
{
  JsonNode *node = json_array_get_element (widgets, i);
  JsonNode *id_node, *pin_node;
  JsonObject *obj;
  FpLayoutWidget *w;
  const char *type = NULL, *id = NULL, *label = NULL, *key = NULL;
  double x = 0, y = 0, half_w, half_h;
  gpointer other;
  int kind = -1;
  gsize old = path_push (r, "widgets[%u]", i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong (r, element_at (r, widgets, i), _("a widget"), _("an object"), node);
  obj = json_node_get_object (node);
  id_node = json_object_get_member (obj, "id");
  if (id_node != NULL && is_string (id_node))
    path_push (r, " (\"%s\")", json_node_get_string (id_node));

  if (!get_string (r, obj, "type", TRUE, &type))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (strcmp (type, kinds[k].name) == 0)
      kind = (int) k;
  if (kind < 0)
    return fail (r, member_at (r, obj, "type"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %s is the value in the file; keep the type names as they are */
                 _("unknown widget type \"%s\" (expected led, rgb-led, led-matrix, button or switch)"), type);
  if (!check_members (r, obj, kinds[kind].members) ||
      !get_string (r, obj, "id", TRUE, &id))
    return FALSE;
  if (!is_id (id))
    return fail (r, member_at (r, obj, "id"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %s is the value in the file */
                 _("\"id\" must be 1 to 64 of A-Z a-z 0-9 _ . -, got \"%s\""), id);
  if (g_hash_table_lookup_extended (ids, id, NULL, &other))
    return fail (r, member_at (r, obj, "id"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %s is the id, %u the index of the other widget */
                 _("duplicate id \"%s\": widgets[%u] has it too"), id, GPOINTER_TO_UINT (other));
  g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (i));

  g_array_set_size (self->widgets, self->widgets->len + 1);
  w = &g_array_index (self->widgets, FpLayoutWidget, self->widgets->len - 1);
  w->kind = (FpLayoutKind) kind;
  w->id = g_strdup (id);
  w->size = kinds[kind].size;
  w->pins = pin_array_new ();
  locate (r, object_at (r, obj), &w->line, &w->col);
  if (!get_string (r, obj, "label", TRUE, &label) ||
      !get_number (r, obj, "x", TRUE, FALSE, &x) ||
      !get_number (r, obj, "y", TRUE, FALSE, &y) ||
      !get_number (r, obj, "size", FALSE, TRUE, &w->size))
    return FALSE;
  w->label = g_strdup (label);
  w->x = x;
  w->y = y;

  switch (w->kind)
    {
    case FP_LAYOUT_LED:
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
      if (!get_active_low (r, obj, "active", &w->active_low) ||
          !lookup (r, obj, "pin", TRUE, &pin_node) ||
          !parse_pin (r, pin_node, member_at (r, obj, "pin"), ".pin", w->pins))
        return FALSE;
      break;
    case FP_LAYOUT_RGB_LED:
      {
        JsonObject *pins;

        if (!get_active_low (r, obj, "active", &w->active_low) ||
            !lookup (r, obj, "pins", TRUE, &pin_node))
          return FALSE;
        if (!JSON_NODE_HOLDS_OBJECT (pin_node))
          return wrong (r, member_at (r, obj, "pins"), "\"pins\"",
                        /* Translators: keep {"red": PIN, "green": PIN, "blue": PIN} as it is */
                        _("an object {\"red\": PIN, \"green\": PIN, \"blue\": PIN}"), pin_node);
        pins = json_node_get_object (pin_node);
        if (!check_members (r, pins, rgb_members))
          return FALSE;
        for (guint c = 0; c < 3; c++)
          {
            g_autofree char *seg = g_strdup_printf (".pins.%s", rgb_members[c]);
            JsonNode *one;
            gsize old_pins = path_push (r, ".pins");

            if (!lookup (r, pins, rgb_members[c], TRUE, &one))
              return FALSE;
            path_pop (r, old_pins);
            if (!parse_pin (r, one, member_at (r, pins, rgb_members[c]), seg, w->pins))
              return FALSE;
          }
        break;
      }
    case FP_LAYOUT_LED_MATRIX:
      if (!parse_matrix (r, obj, w))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }

  if (w->kind == FP_LAYOUT_LED || w->kind == FP_LAYOUT_LED_MATRIX)
    {
      w->color = DEFAULT_LED_COLOR;
      if (!get_color (r, obj, "color", &w->color))
        return FALSE;
    }
  if (w->kind == FP_LAYOUT_BUTTON || w->kind == FP_LAYOUT_SWITCH)
    {
      if (!get_string (r, obj, "key", FALSE, &key) || !parse_bounce (r, obj, w) ||
          !get_boolean (r, obj, "drive-released", &w->drive_released))
        return FALSE;
      if (key != NULL && !is_key (key))
        return fail (r, member_at (r, obj, "key"), FP_LAYOUT_ERROR_INVALID,
                     /* Translators: %s is the value in the file */
                     _("\"key\" must be one of a-z, 0-9 or F1 to F12, got \"%s\""), key);
      if (key != NULL && g_hash_table_lookup_extended (keys, key, NULL, &other))
        return fail (r, member_at (r, obj, "key"), FP_LAYOUT_ERROR_INVALID,
                     /* Translators: the key, then the index and id of the widget that has it */
                     _("key \"%s\" is already used by widgets[%u] (\"%s\")"), key, GPOINTER_TO_UINT (other),
                     g_array_index (self->widgets, FpLayoutWidget, GPOINTER_TO_UINT (other)).id);
      if (key != NULL)
        g_hash_table_insert (keys, (gpointer) key, GUINT_TO_POINTER (i));
      w->key = g_strdup (key);
    }

  /* A matrix is centred on (x, y) too: its grid, at a pitch of "size". */
  half_w = w->kind == FP_LAYOUT_LED_MATRIX ? w->grid_w * w->size / 2 : w->size / 2;
  half_h = w->kind == FP_LAYOUT_LED_MATRIX ? w->grid_h * w->size / 2 : w->size / 2;
  if (!check_inside (r, self, object_at (r, obj), x - half_w, y - half_h, x + half_w, y + half_h))
    return FALSE;
  path_pop (r, old);
  return TRUE;
}

static gboolean
parse_header (Reader *r, FpLayout *self, JsonArray *headers, guint i)
{
  JsonNode *node = json_array_get_element (headers, i);
  JsonObject *obj;
  FpLayoutHeader h = { 0 };
  const char *label = NULL;
  gint64 rows = 0, cols = 0;
  gsize old = path_push (r, "headers[%u]", i);
  double half;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong (r, element_at (r, headers, i), _("a header"), _("an object"), node);
  obj = json_node_get_object (node);
  if (!check_members (r, obj, header_members) ||
      !get_string (r, obj, "label", FALSE, &label) ||
      !get_number (r, obj, "x", TRUE, FALSE, &h.x) ||
      !get_number (r, obj, "y", TRUE, FALSE, &h.y) ||
      !get_int (r, obj, "rows", TRUE, 1, MAX_HEADER_PINS, &rows) ||
      !get_int (r, obj, "cols", TRUE, 1, MAX_HEADER_PINS, &cols) ||
      !get_number (r, obj, "pitch", TRUE, TRUE, &h.pitch))
    return FALSE;
  h.rows = (guint) rows;
  h.cols = (guint) cols;
  half = h.pitch / 2;
  if (!check_inside (r, self, object_at (r, obj), h.x - half, h.y - half,
                     h.x + (h.cols - 1) * h.pitch + half, h.y + (h.rows - 1) * h.pitch + half))
    return FALSE;
  h.label = g_strdup (label);
  g_array_append_val (self->headers, h);
  path_pop (r, old);
  return TRUE;
}

static gboolean
parse_label (Reader *r, FpLayout *self, JsonArray *labels, guint i)
{
  JsonNode *node = json_array_get_element (labels, i);
  JsonObject *obj;
  FpLayoutLabel l = { .size = DEFAULT_LABEL_SIZE };
  const char *text = NULL;
  gsize old = path_push (r, "labels[%u]", i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong (r, element_at (r, labels, i), _("a label"), _("an object"), node);
  obj = json_node_get_object (node);
  if (!check_members (r, obj, label_members) ||
      !get_string (r, obj, "text", TRUE, &text) ||
      !get_number (r, obj, "x", TRUE, FALSE, &l.x) ||
      !get_number (r, obj, "y", TRUE, FALSE, &l.y) ||
      !get_number (r, obj, "size", FALSE, TRUE, &l.size) ||
      !check_inside (r, self, object_at (r, obj), l.x, l.y, l.x, l.y))
    return FALSE;
  l.text = g_strdup (text);
  g_array_append_val (self->labels, l);
  path_pop (r, old);
  return TRUE;
}

/* An optional array of objects, each parsed by @parse. */
static gboolean
parse_list (Reader *r, FpLayout *self, JsonObject *root, const char *name, gboolean required,
            gboolean (*parse) (Reader *, FpLayout *, JsonArray *, guint))
{
  JsonNode *node;
  JsonArray *arr;
  g_autofree char *what = g_strdup_printf ("\"%s\"", name);

  if (!lookup (r, root, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong (r, member_at (r, root, name), what, _("an array"), node);
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    if (!parse (r, self, arr, i))
      return FALSE;
  return TRUE;
}

static gboolean
parse_widgets (Reader *r, FpLayout *self, JsonObject *root)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node;
  JsonArray *arr;

  if (!lookup (r, root, "widgets", TRUE, &node))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return wrong (r, member_at (r, root, "widgets"), "\"widgets\"", _("an array of at least one widget"), node);
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    if (!parse_widget (r, self, arr, i, ids, keys))
      return FALSE;
  return TRUE;
}

static gboolean
parse_machines (Reader *r, FpLayout *self, JsonObject *root)
{
  JsonNode *node;
  JsonArray *arr;
  guint n;

  if (!lookup (r, root, "machines", TRUE, &node))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return wrong (r, member_at (r, root, "machines"), "\"machines\"",
                  _("an array of at least one QEMU machine type"), node);
  arr = json_node_get_array (node);
  n = json_array_get_length (arr);
  self->machines = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      g_autofree char *what = g_strdup_printf ("\"machines\"[%u]", i);
      const char *m;

      if (!is_string (e) || !is_name (json_node_get_string (e), "_.-", TRUE, 64))
        return wrong (r, element_at (r, arr, i), what, _("a machine type, 1 to 64 of A-Z a-z 0-9 _ . -"), e);
      m = json_node_get_string (e);
      if (g_strv_contains ((const char * const *) self->machines, m))
        /* Translators: %s is the entry, e.g. "machines"[2], then its value */
        return fail (r, element_at (r, arr, i), FP_LAYOUT_ERROR_INVALID, _("%s: \"%s\" is listed twice"), what, m);
      self->machines[i] = g_strdup (m);
    }
  return TRUE;
}

static gboolean
parse_layout (Reader *r, FpLayout *self, JsonNode *root_node)
{
  JsonObject *root;
  JsonNode *format_node;
  const char *schema = NULL, *board = NULL, *title = NULL;
  gint64 format = 0;
  double size[2];
  g_autofree char *base = g_path_get_basename (r->name);

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return wrong (r, node_at (r, root_node, 0), _("a layout"), _("a JSON object"), root_node);
  root = json_node_get_object (root_node);
  if (!check_members (r, root, top_members) ||
      !get_string (r, root, "$schema", FALSE, &schema) ||
      !lookup (r, root, "format", TRUE, &format_node))
    return FALSE;
  if (!get_integer (format_node, &format) || format != 1)
    return wrong (r, member_at (r, root, "format"), "\"format\"", _("1 (the only format there is so far)"),
                  format_node);

  if (!get_string (r, root, "board", TRUE, &board))
    return FALSE;
  if (!is_name (board, "_-", FALSE, 64))
    return fail (r, member_at (r, root, "board"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: %s is the value in the file */
                 _("\"board\" must be 1 to 64 of a-z 0-9 _ -, got \"%s\""), board);
  /* The file name is what the app looks the board up by. */
  if (g_str_has_suffix (base, ".json") &&
      (strlen (base) != strlen (board) + 5 || strncmp (base, board, strlen (board)) != 0))
    return fail (r, member_at (r, root, "board"), FP_LAYOUT_ERROR_INVALID,
                 /* Translators: both %s are the board, e.g. microbit */
                 _("\"board\" is \"%s\", so the file must be named %s.json"), board, board);
  if (!get_string (r, root, "title", TRUE, &title) ||
      !parse_machines (r, self, root) ||
      /* Translators: what a value must be, in "… must be …, got …" */
      !get_pair (r, root, "size", _("[width, height], two numbers greater than 0"), FALSE, 0, 0, size) ||
      !get_color (r, root, "color", &self->color))
    return FALSE;
  self->board = g_strdup (board);
  self->title = g_strdup (title);
  self->width = size[0];
  self->height = size[1];

  return parse_list (r, self, root, "headers", FALSE, parse_header) &&
         parse_list (r, self, root, "labels", FALSE, parse_label) &&
         parse_widgets (r, self, root);
}

FpLayout *
fp_layout_new_from_bytes (GBytes      *bytes,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(FpLayout) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (loc_free);
  g_autoptr(GHashTable) locs = g_hash_table_new_full (NULL, NULL, NULL, loc_free);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *duplicate = NULL;
  gboolean loaded;
  gsize len = 0;
  const char *text;
  gsize start = 0;
  Reader r = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &len);
  if (text == NULL)
    text = "";
  g_array_append_val (lines, start);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        start = i + 1;
        g_array_append_val (lines, start);
      }
  r.name = name;
  r.text = text;
  r.len = len;
  r.lines = lines;
  r.open = open;
  r.locs = locs;
  r.path = path;
  r.error = error;
  if (!check_syntax (&r))
    return NULL;

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &r);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &r);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_container_end), &r);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_array_start), &r);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), &r);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_container_end), &r);
  /* The syntax is checked, so json-glib failing is a bug in one of us;
   * still, say what it said. */
  loaded = json_parser_load_from_data (parser, text, (gssize) len, &local_error);
  duplicate = g_steal_pointer (&r.duplicate);
  if (!loaded)
    {
      fail (&r, 0, FP_LAYOUT_ERROR_SYNTAX, "%s", local_error->message);
      return NULL;
    }
  if (duplicate != NULL)
    {
      guint line, col;

      locate (&r, r.duplicate_first, &line, &col);
      fail (&r, r.duplicate_at, FP_LAYOUT_ERROR_SYNTAX,
            /* Translators: %s is the member name; %u:%u the line and column of its first use */
            _("duplicate member \"%s\" (the first is at %u:%u)"), duplicate, line, col);
      return NULL;
    }

  self = g_object_new (FP_TYPE_LAYOUT, NULL);
  self->name = g_strdup (name);
  if (!parse_layout (&r, self, json_parser_get_root (parser)))
    return NULL;
  return g_steal_pointer (&self);
}

FpLayout *
fp_layout_new_from_file (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

    return fp_layout_new_from_bytes (bytes, path, error);
  }
}

FpLayout *
fp_layout_new_for_board (const char  *board,
                         GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (board != NULL, NULL);

  path = g_strdup_printf (BOARDS_PATH "%s.json", board);
  bytes = g_resource_lookup_data (fp_boards_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND,
                   _("no bundled layout for board \"%s\""), board);
      return NULL;
    }
  name = g_strdup_printf ("%s.json", board);
  return fp_layout_new_from_bytes (bytes, name, error);
}

/* ---- the bundled boards ------------------------------------------------ */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char * const *
fp_layout_list_boards (void)
{
  static char **boards;

  if (g_once_init_enter (&boards))
    {
      g_auto(GStrv) files = g_resource_enumerate_children (fp_boards_get_resource (), BOARDS_PATH,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; files != NULL && files[i] != NULL; i++)
        if (g_str_has_suffix (files[i], ".json"))
          g_ptr_array_add (list, g_strndup (files[i], strlen (files[i]) - strlen (".json")));
      g_ptr_array_sort (list, compare_strings);
      g_ptr_array_add (list, NULL);
      g_once_init_leave (&boards, (char **) g_ptr_array_free (list, FALSE));
    }
  return (const char * const *) boards;
}

const char *
fp_layout_board_for_machine (const char *machine)
{
  /* machine -> board, from the bundled files' "machines": they are the
   * one place that says which board serves which machine. */
  static GHashTable *machine_boards;

  g_return_val_if_fail (machine != NULL, NULL);

  if (g_once_init_enter (&machine_boards))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char * const *boards = fp_layout_list_boards ();

      for (guint i = 0; boards[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(FpLayout) layout = fp_layout_new_for_board (boards[i], &error);

          if (layout == NULL)
            {
              g_critical ("bundled layout %s", error->message);
              continue;
            }
          for (guint m = 0; layout->machines[m] != NULL; m++)
            if (g_hash_table_contains (table, layout->machines[m]))
              g_critical ("bundled layouts %s and %s both serve machine %s",
                          (const char *) g_hash_table_lookup (table, layout->machines[m]),
                          boards[i], layout->machines[m]);
            else
              g_hash_table_insert (table, g_strdup (layout->machines[m]), (gpointer) boards[i]);
        }
      g_once_init_leave (&machine_boards, table);
    }
  return g_hash_table_lookup (machine_boards, machine);
}

/* ---- the automatic layout ---------------------------------------------- */

/* In layout units: a pin is a column AUTO_PITCH wide holding a header pin,
 * the LED and under it the switch, each with room for its label below.
 * Rows of eight (a port's byte) keep the board narrow enough to sit beside
 * the pin table with its labels readable (the view keeps them at least
 * 9 px high, and scrolls a long board); the LED is as large as the switch
 * so its label is too. */
#define AUTO_MARGIN 12.0
#define AUTO_PITCH 36.0
#define AUTO_PER_ROW 8
#define AUTO_LED_SIZE 16.0
#define AUTO_TITLE 24.0       /* the controller's label above its rows */
#define AUTO_HEADER_Y 6.0     /* within a row: the header pins, */
#define AUTO_LED_Y 26.0       /* the LED, */
#define AUTO_SWITCH_Y 60.0    /* and the switch */
#define AUTO_ROW 88.0

static void
add_auto_widget (FpLayout *self, FpLayoutKind kind, const FpControllerInfo *info, guint pin,
                 const char *label, double x, double y)
{
  FpLayoutWidget w = { 0 };
  FpLayoutPin p = { .ctrl = g_strdup (info->id), .pin = pin };

  w.kind = kind;
  w.id = g_strdup_printf ("%s-%u-%s", info->id, pin, kind == FP_LAYOUT_LED ? "led" : "sw");
  w.label = g_strdup (label);
  w.x = x;
  w.y = y;
  w.size = kind == FP_LAYOUT_LED ? AUTO_LED_SIZE : kinds[kind].size;
  w.color = kind == FP_LAYOUT_LED ? DEFAULT_LED_COLOR : 0;
  w.pins = pin_array_new ();
  g_array_append_val (w.pins, p);
  g_array_append_val (self->widgets, w);
}

FpLayout *
fp_layout_new_automatic (const char             *machine,
                         const FpControllerInfo *controllers,
                         guint                   n_controllers)
{
  FpLayout *self;
  guint widest = 1;
  double y = AUTO_MARGIN;

  g_return_val_if_fail (machine != NULL, NULL);
  g_return_val_if_fail (controllers != NULL || n_controllers == 0, NULL);

  self = g_object_new (FP_TYPE_LAYOUT, NULL);
  self->name = g_strdup ("automatic");
  self->board = g_strdup (machine);
  self->title = g_strdup (machine);
  self->machines = g_new0 (char *, 2);
  self->machines[0] = g_strdup (machine);

  for (guint c = 0; c < n_controllers; c++)
    {
      const FpControllerInfo *info = &controllers[c];
      guint first_row = MIN (info->n_pins, AUTO_PER_ROW);
      FpLayoutLabel title = {
        .text = g_strdup (info->id),
        .x = AUTO_MARGIN + MAX (first_row, 1) * AUTO_PITCH / 2,
        .y = y + AUTO_TITLE / 2,
        .size = 10,
      };

      g_array_append_val (self->labels, title);
      y += AUTO_TITLE;
      widest = MAX (widest, first_row);
      for (guint start = 0; start < info->n_pins; start += AUTO_PER_ROW)
        {
          guint n = MIN (info->n_pins - start, AUTO_PER_ROW);
          FpLayoutHeader header = {
            .x = AUTO_MARGIN + AUTO_PITCH / 2,
            .y = y + AUTO_HEADER_Y,
            .rows = 1,
            .cols = n,
            .pitch = AUTO_PITCH,
          };

          g_array_append_val (self->headers, header);
          for (guint i = 0; i < n; i++)
            {
              guint pin = start + i;
              double x = AUTO_MARGIN + (i + 0.5) * AUTO_PITCH;
              const char *name = fp_controller_info_pin_name (info, pin);
              g_autofree char *number = g_strdup_printf ("%u", pin);

              add_auto_widget (self, FP_LAYOUT_LED, info, pin, name ? name : number, x, y + AUTO_LED_Y);
              add_auto_widget (self, FP_LAYOUT_SWITCH, info, pin, name ? name : number, x, y + AUTO_SWITCH_Y);
            }
          y += AUTO_ROW;
        }
    }
  self->width = 2 * AUTO_MARGIN + widest * AUTO_PITCH;
  self->height = y + AUTO_MARGIN;
  return self;
}

/* ---- checking against the machine -------------------------------------- */

/* The pin's place in the widget, for messages: "" for a widget's only pin. */
static char *
pin_role (const FpLayoutWidget *w, guint j)
{
  switch (w->kind)
    {
    case FP_LAYOUT_RGB_LED:
      return g_strdup_printf (".pins.%s", rgb_members[j]);
    case FP_LAYOUT_LED_MATRIX:
      return j < w->n_rows ? g_strdup_printf (".rows[%u]", j) : g_strdup_printf (".cols[%u]", j - w->n_rows);
    case FP_LAYOUT_LED:
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
    default:
      return g_strdup ("");
    }
}

gboolean
fp_layout_check (FpLayout                *self,
                 const FpControllerInfo  *controllers,
                 guint                    n_controllers,
                 GError                 **error)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (controllers != NULL || n_controllers == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->widgets->len; i++)
    {
      const FpLayoutWidget *w = &g_array_index (self->widgets, FpLayoutWidget, i);

      for (guint j = 0; j < w->pins->len; j++)
        {
          const FpLayoutPin *pin = &g_array_index (w->pins, FpLayoutPin, j);
          const FpControllerInfo *info = NULL;
          g_autofree char *role = NULL;
          g_autofree char *what = NULL;

          for (guint c = 0; c < n_controllers && info == NULL; c++)
            if (strcmp (controllers[c].id, pin->ctrl) == 0)
              info = &controllers[c];
          if (info != NULL && pin->pin < info->n_pins)
            continue;

          role = pin_role (w, j);
          if (info == NULL)
            {
              g_autoptr(GString) have = g_string_new (NULL);

              for (guint c = 0; c < n_controllers; c++)
                g_string_append_printf (have, "%s%s", c > 0 ? ", " : "", controllers[c].id);
              /* Translators: the controller named in the file, then those the machine has
               * ("gpioa, gpiob"), or "none" */
              what = g_strdup_printf (_("controller \"%s\" is not on this machine (it has %s)"), pin->ctrl,
                                      /* Translators: no controllers, in "(it has none)" */
                                      n_controllers > 0 ? have->str : _("none"));
            }
          else
            /* Translators: the pin number, then the controller and its number of pins */
            what = g_strdup_printf (ngettext ("pin %u is out of range (%s has %u pin)",
                                              "pin %u is out of range (%s has %u pins)", info->n_pins),
                                    pin->pin, info->id, info->n_pins);
          g_set_error (error, FP_LAYOUT_ERROR, FP_LAYOUT_ERROR_MISMATCH, "%s:%u:%u: widgets[%u] (\"%s\")%s: %s",
                       self->name, pin->line, pin->col, i, w->id, role, what);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- getters ------------------------------------------------------------ */

const char *
fp_layout_get_name (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  return self->name;
}

const char *
fp_layout_get_board (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  return self->board;
}

const char *
fp_layout_get_title (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  return self->title;
}

void
fp_layout_get_size (FpLayout *self,
                    double   *width,
                    double   *height)
{
  g_return_if_fail (FP_IS_LAYOUT (self));
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

guint32
fp_layout_get_color (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), 0);
  return self->color;
}

guint
fp_layout_get_n_widgets (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), 0);
  return self->widgets->len;
}

const FpLayoutWidget *
fp_layout_get_widget (FpLayout *self,
                      guint     index_)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (index_ < self->widgets->len, NULL);
  return &g_array_index (self->widgets, FpLayoutWidget, index_);
}

guint
fp_layout_get_n_headers (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), 0);
  return self->headers->len;
}

const FpLayoutHeader *
fp_layout_get_header (FpLayout *self,
                      guint     index_)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (index_ < self->headers->len, NULL);
  return &g_array_index (self->headers, FpLayoutHeader, index_);
}

guint
fp_layout_get_n_labels (FpLayout *self)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), 0);
  return self->labels->len;
}

const FpLayoutLabel *
fp_layout_get_label (FpLayout *self,
                     guint     index_)
{
  g_return_val_if_fail (FP_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (index_ < self->labels->len, NULL);
  return &g_array_index (self->labels, FpLayoutLabel, index_);
}
