/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * peer-board.c: the board fp-test-peer models. See peer-board.h.
 */
#include "peer-board.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

/*
 * Mirrors may feed each other (an output mirrored onto another pin that is
 * itself mirrored); a board file can even make a loop. Real firmware would
 * spin; we stop propagating after this many hops.
 */
#define MIRROR_MAX_DEPTH 32

/* The guest's configuration of a pin: what the board file sets up, what a
 * reset restores and what the control channel changes. */
typedef struct {
  FpDirection dir;
  int latch;   /* the output register: 0 or 1, visible when dir is out */
  FpPull pull;
} PinConfig;

typedef struct {
  PinConfig initial;
  PinConfig config;
  int panel;         /* 0, 1, or FP_LEVEL_Z: survives resets (§4.2) */
  FpPinState state;  /* effective state, as last reported */
} PeerPin;

typedef struct {
  guint from_ctrl, from_pin;
  guint to_ctrl, to_pin;
  gboolean invert;
} Mirror;

typedef struct {
  guint ctrl, pin;
  gint64 period_ns;
  /* Toggles done so far. The next one is due at (count + 1) * period / 2,
   * computed from scratch each time so that odd periods do not drift. */
  guint64 count;
} Blink;

struct _PeerBoard {
  char *machine;
  char *qemu;
  GPtrArray *controllers;  /* FpControllerInfo */
  guint *first_pin;        /* per controller: its first index into pins */
  guint n_pins;
  PeerPin *pins;
  GArray *mirrors;         /* Mirror */
  GArray *blinks;          /* Blink */

  PeerPinChangedFunc func;
  gpointer user_data;
};

/* ------------------------------------------------------------------------ */
/* Board file parsing                                                       */
/* ------------------------------------------------------------------------ */

static gboolean parse_error (GError    **error,
                             const char *where,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);

/* Sets @error to "WHERE: problem" and returns FALSE, for "return parse_error". */
static gboolean
parse_error (GError     **error,
             const char  *where,
             const char  *format,
             ...)
{
  va_list args;
  g_autofree char *problem = NULL;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", where, problem);
  return FALSE;
}

/*
 * Unknown members are rejected rather than ignored: a misspelt "blinks" would
 * otherwise silently give a board that does not blink, and a confused test.
 */
static gboolean
check_members (JsonObject          *obj,
               const char * const  *allowed,
               const char          *where,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return parse_error (error, where, "unknown member \"%s\"", (const char *) l->data);
    }
  return TRUE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
get_object (JsonNode    *node,
            const char  *where,
            JsonObject **out,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return parse_error (error, where, "must be an object");
  *out = json_node_get_object (node);
  return TRUE;
}

/* An optional array member: *out stays NULL when it is absent. */
static gboolean
get_array (JsonObject  *obj,
           const char  *member,
           const char  *where,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return parse_error (error, where, "\"%s\" must be an array", member);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_string (JsonObject  *obj,
            const char  *member,
            const char  *where,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    return parse_error (error, where, "missing member \"%s\"", member);
  if (!node_is_string (node))
    return parse_error (error, where, "\"%s\" must be a string", member);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject  *obj,
         const char  *member,
         gint64       min,
         gint64       max,
         const char  *where,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  gint64 value;

  if (node == NULL)
    return parse_error (error, where, "missing member \"%s\"", member);
  if (!node_is_int (node))
    return parse_error (error, where, "\"%s\" must be an integer", member);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return parse_error (error, where,
                        "\"%s\" must be %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                        ", not %" G_GINT64_FORMAT,
                        member, min, max, value);
  *out = value;
  return TRUE;
}

/* The same rule as the protocol's *ctrl* type (PROTOCOL.md §2), so that a
 * board file cannot make the peer send ids a client must reject. */
static gboolean
ctrl_id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len < 1 || len > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_controller (PeerBoard   *board,
                  JsonNode    *node,
                  const char  *where,
                  GError     **error)
{
  static const char * const allowed[] = { "id", "type", "path", "pins", "names", NULL };
  JsonObject *obj = NULL;
  const char *id = NULL, *type = NULL, *path = NULL;
  gint64 n_pins = 0;
  JsonArray *names = NULL;
  g_autoptr(FpControllerInfo) info = NULL;

  if (!get_object (node, where, &obj, error) ||
      !check_members (obj, allowed, where, error) ||
      !get_string (obj, "id", where, &id, error) ||
      !get_string (obj, "type", where, &type, error) ||
      !get_string (obj, "path", where, &path, error) ||
      !get_int (obj, "pins", 1, FP_MAX_PINS, where, &n_pins, error) ||
      !get_array (obj, "names", where, &names, error))
    return FALSE;

  if (!ctrl_id_is_valid (id))
    return parse_error (error, where,
                        "\"id\" must be 1-64 characters of A-Z a-z 0-9 _ . -, not \"%s\"", id);
  if (peer_board_find_controller (board, id) >= 0)
    return parse_error (error, where, "a controller \"%s\" already exists", id);

  info = fp_controller_info_new (id, type, path, (guint) n_pins);
  if (names != NULL)
    {
      if (json_array_get_length (names) != (guint) n_pins)
        return parse_error (error, where, "\"names\" has %u entries, but the controller has %u pins",
                            json_array_get_length (names), (guint) n_pins);
      info->names = g_new0 (char *, n_pins + 1);
      for (guint i = 0; i < n_pins; i++)
        {
          JsonNode *name = json_array_get_element (names, i);

          if (!node_is_string (name))
            return parse_error (error, where, "\"names\"[%u] must be a string", i);
          info->names[i] = g_strdup (json_node_get_string (name));
        }
    }

  g_ptr_array_add (board->controllers, g_steal_pointer (&info));
  return TRUE;
}

/* A pin reference in a mirror or blink: ["gpioa", 5]. */
static gboolean
parse_pin_ref (PeerBoard   *board,
               JsonObject  *obj,
               const char  *member,
               const char  *where,
               guint       *ctrl,
               guint       *pin,
               GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  JsonArray *array = NULL;
  JsonNode *ctrl_node, *pin_node;
  const FpControllerInfo *info;
  int index;
  gint64 number = 0;

  if (node == NULL)
    return parse_error (error, where, "missing member \"%s\"", member);
  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) != 2 ||
      !node_is_string (ctrl_node = json_array_get_element (array, 0)) ||
      !node_is_int (pin_node = json_array_get_element (array, 1)))
    return parse_error (error, where, "\"%s\" must be [\"controller\", pin]", member);

  index = peer_board_find_controller (board, json_node_get_string (ctrl_node));
  if (index < 0)
    return parse_error (error, where, "\"%s\" names an unknown controller \"%s\"",
                        member, json_node_get_string (ctrl_node));
  info = g_ptr_array_index (board->controllers, index);
  number = json_node_get_int (pin_node);
  if (number < 0 || number >= info->n_pins)
    return parse_error (error, where, "\"%s\": controller \"%s\" has pins 0-%u, not %" G_GINT64_FORMAT,
                        member, info->id, info->n_pins - 1, number);
  *ctrl = (guint) index;
  *pin = (guint) number;
  return TRUE;
}

static gboolean
parse_direction (const char *s, FpDirection *dir)
{
  static const struct { const char *name; FpDirection dir; } table[] = {
    { "in", FP_DIR_IN }, { "out", FP_DIR_OUT }, { "alt", FP_DIR_ALT }, { "analog", FP_DIR_ANALOG },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (g_str_equal (s, table[i].name))
        {
          *dir = table[i].dir;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_pin (PeerBoard   *board,
           JsonNode    *node,
           const char  *where,
           gboolean    *seen,
           GError     **error)
{
  static const char * const allowed[] = { "ctrl", "pin", "dir", "level", "pull", NULL };
  JsonObject *obj = NULL;
  const char *ctrl_id = NULL;
  int ctrl;
  gint64 number = 0;
  const FpControllerInfo *info;
  JsonNode *member;
  PinConfig config = { FP_DIR_IN, 0, FP_PULL_NONE };
  guint index;

  if (!get_object (node, where, &obj, error) ||
      !check_members (obj, allowed, where, error) ||
      !get_string (obj, "ctrl", where, &ctrl_id, error))
    return FALSE;
  ctrl = peer_board_find_controller (board, ctrl_id);
  if (ctrl < 0)
    return parse_error (error, where, "unknown controller \"%s\"", ctrl_id);
  info = g_ptr_array_index (board->controllers, ctrl);
  if (!get_int (obj, "pin", 0, info->n_pins - 1, where, &number, error))
    return FALSE;

  index = peer_board_pin_index (board, ctrl, number);
  if (seen[index])
    return parse_error (error, where, "pin %s %" G_GINT64_FORMAT " is configured twice",
                        ctrl_id, number);
  seen[index] = TRUE;

  member = json_object_get_member (obj, "dir");
  if (member != NULL &&
      (!node_is_string (member) || !parse_direction (json_node_get_string (member), &config.dir)))
    return parse_error (error, where, "\"dir\" must be \"in\", \"out\", \"alt\" or \"analog\"");

  /* For an output "level" is what it drives; for other pins it only presets
   * the output register, which shows once the guest makes the pin an output. */
  member = json_object_get_member (obj, "level");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!node_is_int (member) ||
          (json_node_get_int (member) != 0 && json_node_get_int (member) != 1))
        return parse_error (error, where, "\"level\" must be 0, 1 or null");
      config.latch = (int) json_node_get_int (member);
    }
  else if (member != NULL && config.dir == FP_DIR_OUT)
    return parse_error (error, where, "an output's \"level\" must be 0 or 1");

  /* null means "the model cannot tell", which omits "pull" on the wire: handy
   * for testing clients against that optional member. */
  member = json_object_get_member (obj, "pull");
  if (member != NULL)
    {
      const char *pull = node_is_string (member) ? json_node_get_string (member) : NULL;

      if (JSON_NODE_HOLDS_NULL (member))
        config.pull = FP_PULL_UNKNOWN;
      else if (g_strcmp0 (pull, "none") == 0)
        config.pull = FP_PULL_NONE;
      else if (g_strcmp0 (pull, "up") == 0)
        config.pull = FP_PULL_UP;
      else if (g_strcmp0 (pull, "down") == 0)
        config.pull = FP_PULL_DOWN;
      else
        return parse_error (error, where, "\"pull\" must be \"none\", \"up\", \"down\" or null");
    }

  board->pins[index].initial = config;
  return TRUE;
}

static gboolean
parse_mirror (PeerBoard   *board,
              JsonNode    *node,
              const char  *where,
              GError     **error)
{
  static const char * const allowed[] = { "from", "to", "invert", NULL };
  JsonObject *obj = NULL;
  JsonNode *invert;
  Mirror mirror = { 0, };

  if (!get_object (node, where, &obj, error) ||
      !check_members (obj, allowed, where, error) ||
      !parse_pin_ref (board, obj, "from", where, &mirror.from_ctrl, &mirror.from_pin, error) ||
      !parse_pin_ref (board, obj, "to", where, &mirror.to_ctrl, &mirror.to_pin, error))
    return FALSE;

  invert = json_object_get_member (obj, "invert");
  if (invert != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (invert) || json_node_get_value_type (invert) != G_TYPE_BOOLEAN)
        return parse_error (error, where, "\"invert\" must be true or false");
      mirror.invert = json_node_get_boolean (invert);
    }
  if (mirror.from_ctrl == mirror.to_ctrl && mirror.from_pin == mirror.to_pin)
    return parse_error (error, where, "a pin cannot mirror itself");

  g_array_append_val (board->mirrors, mirror);
  return TRUE;
}

static gboolean
parse_blink (PeerBoard   *board,
             JsonNode    *node,
             const char  *where,
             GError     **error)
{
  static const char * const allowed[] = { "pin", "period_ns", NULL };
  JsonObject *obj = NULL;
  Blink blink = { 0, };

  /* The lower bound keeps a typo from turning into a busy loop: each toggle
   * is a pin event, and a panel can only take so many. */
  if (!get_object (node, where, &obj, error) ||
      !check_members (obj, allowed, where, error) ||
      !parse_pin_ref (board, obj, "pin", where, &blink.ctrl, &blink.pin, error) ||
      !get_int (obj, "period_ns", 2000, G_GINT64_CONSTANT (1) << 50, where, &blink.period_ns, error))
    return FALSE;

  g_array_append_val (board->blinks, blink);
  return TRUE;
}

/* Runs @parse on every element of the optional array member @member. */
static gboolean
parse_list (PeerBoard   *board,
            JsonObject  *root,
            const char  *member,
            gboolean   (*parse) (PeerBoard *, JsonNode *, const char *, GError **),
            GError     **error)
{
  JsonArray *array = NULL;

  if (!get_array (root, member, "top level", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s[%u]", member, i);

      if (!parse (board, json_array_get_element (array, i), where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_board (PeerBoard   *board,
             JsonNode    *root_node,
             GError     **error)
{
  static const char * const allowed[] = {
    "machine", "qemu", "controllers", "pins", "mirror", "blink", NULL
  };
  JsonObject *root = NULL;
  const char *machine = NULL, *qemu = NULL;
  JsonArray *pins = NULL;
  g_autofree gboolean *seen = NULL;
  guint index = 0;

  if (root_node == NULL)
    return parse_error (error, "top level", "the file holds no JSON value");
  if (!get_object (root_node, "top level", &root, error) ||
      !check_members (root, allowed, "top level", error) ||
      !get_string (root, "machine", "top level", &machine, error) ||
      !get_string (root, "qemu", "top level", &qemu, error))
    return FALSE;
  board->machine = g_strdup (machine);
  board->qemu = g_strdup (qemu);

  if (json_object_get_member (root, "controllers") == NULL)
    return parse_error (error, "top level", "missing member \"controllers\"");
  if (!parse_list (board, root, "controllers", parse_controller, error))
    return FALSE;

  /* Now that the controllers are known, lay out the pins. */
  board->first_pin = g_new0 (guint, board->controllers->len + 1);
  for (guint c = 0; c < board->controllers->len; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (board->controllers, c);

      board->first_pin[c] = index;
      index += info->n_pins;
    }
  board->first_pin[board->controllers->len] = index;
  board->n_pins = index;
  board->pins = g_new0 (PeerPin, MAX (index, 1));
  for (guint i = 0; i < board->n_pins; i++)
    {
      board->pins[i].initial = (PinConfig) { FP_DIR_IN, 0, FP_PULL_NONE };
      board->pins[i].panel = FP_LEVEL_Z;
    }

  /* parse_list() cannot pass the duplicate tracker, so walk "pins" here. */
  seen = g_new0 (gboolean, MAX (index, 1));
  if (!get_array (root, "pins", "top level", &pins, error))
    return FALSE;
  for (guint i = 0; pins != NULL && i < json_array_get_length (pins); i++)
    {
      g_autofree char *where = g_strdup_printf ("pins[%u]", i);

      if (!parse_pin (board, json_array_get_element (pins, i), where, seen, error))
        return FALSE;
    }

  return parse_list (board, root, "mirror", parse_mirror, error) &&
         parse_list (board, root, "blink", parse_blink, error);
}

/* ------------------------------------------------------------------------ */
/* Pin model                                                                */
/* ------------------------------------------------------------------------ */

static PeerPin *
get_pin (const PeerBoard *board, guint ctrl, guint pin)
{
  return &board->pins[peer_board_pin_index (board, ctrl, pin)];
}

/* PROTOCOL.md §3.2: the guest's output wins over the panel, the panel over
 * the pull. Alternate and analog pins are treated like inputs: nothing in
 * this board drives them. */
static void
compute_state (const PeerPin *p, gint64 t, FpPinState *out)
{
  out->dir = p->config.dir;
  out->pull = p->config.pull;
  out->panel = p->panel;
  out->t = t;
  if (p->config.dir == FP_DIR_OUT)
    {
      out->drive = FP_DRIVE_GUEST;
      out->level = p->config.latch;
    }
  else if (p->panel != FP_LEVEL_Z)
    {
      out->drive = FP_DRIVE_PANEL;
      out->level = p->panel;
    }
  else
    {
      out->drive = FP_DRIVE_NONE;
      out->level = p->config.pull == FP_PULL_UP ? 1 :
                   p->config.pull == FP_PULL_DOWN ? 0 : FP_LEVEL_Z;
    }
}

static void update_pin (PeerBoard *board, guint ctrl, guint pin, gint64 t,
                        PeerCause cause, guint depth);

/* The guest's reaction to an input edge, done synchronously so that its pin
 * events precede anything caused by the panel's next command (§4). */
static void
run_mirrors (PeerBoard *board,
             guint      ctrl,
             guint      pin,
             int        level,
             gint64     t,
             PeerCause  cause,
             guint      depth)
{
  if (level == FP_LEVEL_Z)
    return;  /* a floating input reads as garbage; the guest ignores it */

  for (guint i = 0; i < board->mirrors->len; i++)
    {
      const Mirror *m = &g_array_index (board->mirrors, Mirror, i);
      PeerPin *to;

      if (m->from_ctrl != ctrl || m->from_pin != pin)
        continue;
      if (depth >= MIRROR_MAX_DEPTH)
        {
          g_printerr ("fp-test-peer: mirror loop through %s %u, not propagating further\n",
                      ((FpControllerInfo *) g_ptr_array_index (board->controllers, ctrl))->id, pin);
          return;
        }
      to = get_pin (board, m->to_ctrl, m->to_pin);
      to->config.latch = m->invert ? !level : level;
      update_pin (board, m->to_ctrl, m->to_pin, t, cause, depth + 1);
    }
}

/* Recomputes a pin after its configuration or drive changed and reports the
 * change, if there is one. */
static void
update_pin (PeerBoard *board,
            guint      ctrl,
            guint      pin,
            gint64     t,
            PeerCause  cause,
            guint      depth)
{
  PeerPin *p = get_pin (board, ctrl, pin);
  FpPinState old = p->state;
  FpPinState state;

  compute_state (p, t, &state);
  if (fp_pin_state_equal (&old, &state))
    return;
  p->state = state;

  if (board->func != NULL)
    board->func (ctrl, pin, &old, &state, cause, board->user_data);
  if (old.level != state.level)
    run_mirrors (board, ctrl, pin, state.level, t, cause, depth);
}

/*
 * Brings the whole board into a consistent state without reporting anything:
 * at start-up and after a reset, where a state dump follows. The mirrors are
 * applied as the guest's start-up code would, repeatedly, so chains settle.
 */
static void
settle (PeerBoard *board, gint64 t)
{
  for (guint i = 0; i < board->n_pins; i++)
    compute_state (&board->pins[i], t, &board->pins[i].state);

  for (guint pass = 0; pass <= board->mirrors->len; pass++)
    {
      gboolean changed = FALSE;

      for (guint i = 0; i < board->mirrors->len; i++)
        {
          const Mirror *m = &g_array_index (board->mirrors, Mirror, i);
          int level = get_pin (board, m->from_ctrl, m->from_pin)->state.level;
          PeerPin *to = get_pin (board, m->to_ctrl, m->to_pin);
          int latch = m->invert ? !level : level;

          if (level == FP_LEVEL_Z || to->config.latch == latch)
            continue;
          to->config.latch = latch;
          compute_state (to, t, &to->state);
          changed = TRUE;
        }
      if (!changed)
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

PeerBoard *
peer_board_load (const char  *filename,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PeerBoard) board = g_new0 (PeerBoard, 1);
  g_autoptr(GError) local_error = NULL;

  board->controllers = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_controller_info_free);
  board->mirrors = g_array_new (FALSE, TRUE, sizeof (Mirror));
  board->blinks = g_array_new (FALSE, TRUE, sizeof (Blink));

  if (!json_parser_load_from_file (parser, filename, &local_error) ||
      !parse_board (board, json_parser_get_root (parser), &local_error))
    {
      /* json-glib already names the file in its syntax errors. */
      if (g_str_has_prefix (local_error->message, filename))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", filename);
      return NULL;
    }

  for (guint i = 0; i < board->n_pins; i++)
    board->pins[i].config = board->pins[i].initial;
  settle (board, 0);
  return g_steal_pointer (&board);
}

void
peer_board_free (PeerBoard *board)
{
  if (board == NULL)
    return;
  g_free (board->machine);
  g_free (board->qemu);
  g_ptr_array_unref (board->controllers);
  g_free (board->first_pin);
  g_free (board->pins);
  g_array_unref (board->mirrors);
  g_array_unref (board->blinks);
  g_free (board);
}

void
peer_board_set_listener (PeerBoard          *board,
                         PeerPinChangedFunc  func,
                         gpointer            user_data)
{
  board->func = func;
  board->user_data = user_data;
}

const char *
peer_board_get_machine (const PeerBoard *board)
{
  return board->machine;
}

const char *
peer_board_get_qemu (const PeerBoard *board)
{
  return board->qemu;
}

GPtrArray *
peer_board_get_controllers (const PeerBoard *board)
{
  return board->controllers;
}

int
peer_board_find_controller (const PeerBoard *board,
                            const char      *id)
{
  for (guint c = 0; c < board->controllers->len; c++)
    {
      const FpControllerInfo *info = g_ptr_array_index (board->controllers, c);

      if (g_str_equal (info->id, id))
        return (int) c;
    }
  return -1;
}

guint
peer_board_get_n_pins (const PeerBoard *board)
{
  return board->n_pins;
}

guint
peer_board_pin_index (const PeerBoard *board,
                      guint            ctrl,
                      guint            pin)
{
  g_assert (ctrl < board->controllers->len);
  g_assert (board->first_pin[ctrl] + pin < board->first_pin[ctrl + 1]);
  return board->first_pin[ctrl] + pin;
}

const FpPinState *
peer_board_get_pin (const PeerBoard *board,
                    guint            ctrl,
                    guint            pin)
{
  return &get_pin (board, ctrl, pin)->state;
}

gboolean
peer_board_pin_is_output (const PeerBoard *board,
                          guint            ctrl,
                          guint            pin)
{
  return get_pin (board, ctrl, pin)->config.dir == FP_DIR_OUT;
}

void
peer_board_panel_drive (PeerBoard *board,
                        guint      ctrl,
                        guint      pin,
                        int        level,
                        gint64     t)
{
  get_pin (board, ctrl, pin)->panel = level;
  update_pin (board, ctrl, pin, t, PEER_CAUSE_PANEL, 0);
}

void
peer_board_guest_output (PeerBoard *board,
                         guint      ctrl,
                         guint      pin,
                         int        level,
                         gint64     t)
{
  PeerPin *p = get_pin (board, ctrl, pin);

  p->config.dir = FP_DIR_OUT;
  p->config.latch = level;
  update_pin (board, ctrl, pin, t, PEER_CAUSE_GUEST, 0);
}

void
peer_board_guest_toggle (PeerBoard *board,
                         guint      ctrl,
                         guint      pin,
                         gint64     t)
{
  PeerPin *p = get_pin (board, ctrl, pin);

  p->config.latch = !p->config.latch;
  update_pin (board, ctrl, pin, t, PEER_CAUSE_GUEST, 0);
}

void
peer_board_guest_input (PeerBoard *board,
                        guint      ctrl,
                        guint      pin,
                        gint64     t)
{
  get_pin (board, ctrl, pin)->config.dir = FP_DIR_IN;
  update_pin (board, ctrl, pin, t, PEER_CAUSE_GUEST, 0);
}

void
peer_board_guest_pull (PeerBoard *board,
                       guint      ctrl,
                       guint      pin,
                       FpPull     pull,
                       gint64     t)
{
  get_pin (board, ctrl, pin)->config.pull = pull;
  update_pin (board, ctrl, pin, t, PEER_CAUSE_GUEST, 0);
}

void
peer_board_reset (PeerBoard *board,
                  gint64     t)
{
  for (guint i = 0; i < board->n_pins; i++)
    board->pins[i].config = board->pins[i].initial;
  settle (board, t);
}

static gint64
blink_due (const Blink *blink)
{
  return (gint64) (((blink->count + 1) * (guint64) blink->period_ns) / 2);
}

gint64
peer_board_next_blink (const PeerBoard *board)
{
  gint64 next = -1;

  for (guint i = 0; i < board->blinks->len; i++)
    {
      gint64 due = blink_due (&g_array_index (board->blinks, Blink, i));

      if (next < 0 || due < next)
        next = due;
    }
  return next;
}

void
peer_board_run_blinks (PeerBoard *board,
                       gint64     now)
{
  /* Earliest first across all blinkers, so that timestamps never go back
   * even when a late wakeup has several toggles to catch up on. */
  for (;;)
    {
      Blink *first = NULL;

      for (guint i = 0; i < board->blinks->len; i++)
        {
          Blink *blink = &g_array_index (board->blinks, Blink, i);

          if (first == NULL || blink_due (blink) < blink_due (first))
            first = blink;
        }
      if (first == NULL || blink_due (first) > now)
        return;

      {
        gint64 due = blink_due (first);

        first->count++;
        peer_board_guest_toggle (board, first->ctrl, first->pin, due);
      }
    }
}
