/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-layout.c: the layout loader, the bundled boards, the automatic
 * layout, and the errors of the bad files in tests/unit/layouts/.
 *
 * The machines' controllers are written out here as QEMU's hello lists
 * them (PROTOCOL.md §3.1), not derived from the layouts, so a layout that
 * names a pin its machine lacks fails.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "fp-layout.h"

/* ---- hello-shaped controller lists ------------------------------------- */

static void
clear_info (gpointer data)
{
  FpControllerInfo *info = data;

  g_free (info->id);
  g_free (info->type);
  g_free (info->path);
  g_strfreev (info->names);
}

/* Pins named @prefix and the number, @digits wide ("P0.05"); unnamed
 * when @prefix is NULL. */
static void
add_controller (GArray *list, const char *id, const char *type, guint n_pins, const char *prefix,
                int digits)
{
  FpControllerInfo info = {
    .id = g_strdup (id),
    .type = g_strdup (type),
    .path = g_strdup_printf ("/machine/soc/%s", id),
    .n_pins = n_pins,
  };

  if (prefix != NULL)
    {
      info.names = g_new0 (char *, n_pins + 1);
      for (guint p = 0; p < n_pins; p++)
        info.names[p] = g_strdup_printf ("%s%0*u", prefix, digits, p);
    }
  g_array_append_val (list, info);
}

static GArray *
machine_controllers (const char *machine)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (FpControllerInfo));

  g_array_set_clear_func (list, clear_info);
  if (g_str_equal (machine, "b-l475e-iot01a"))
    {
      static const char *const ids[] = { "gpioa", "gpiob", "gpioc", "gpiod", "gpioe", "gpiof", "gpiog", "gpioh" };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          char prefix[] = { 'P', (char) ('A' + i), '\0' };

          add_controller (list, ids[i], "stm32l4x5-gpio", 16, prefix, 0);
        }
    }
  else if (g_str_equal (machine, "microbit"))
    add_controller (list, "gpio", "nrf51_soc.gpio", 32, "P0.", 2);
  else if (g_str_equal (machine, "sifive_e"))
    add_controller (list, "gpio0", "sifive_soc.gpio", 32, NULL, 0);
  else if (g_str_equal (machine, "virt"))
    add_controller (list, "pl061", "pl061", 8, NULL, 0);
  else if (g_str_has_prefix (machine, "raspi"))
    add_controller (list, "gpio", "bcm2835_gpio", 54, "GPIO", 0);
  else
    g_assert_not_reached ();
  return list;
}

/* ---- the bundled boards ----------------------------------------------- */

typedef struct {
  const char *board;
  const char *title;
  const char *machines[3];
} Board;

static const Board boards[] = {
  { "b-l475e-iot01a", "B-L475E-IOT01A Discovery kit", { "b-l475e-iot01a" } },
  { "microbit", "BBC micro:bit", { "microbit" } },
  { "raspi2b", "Raspberry Pi 2 Model B", { "raspi2b" } },
  { "raspi3b", "Raspberry Pi 3 Model B", { "raspi3b", "raspi3ap" } },
  { "raspi4b", "Raspberry Pi 4 Model B", { "raspi4b" } },
  { "sifive_e", "SiFive HiFive1", { "sifive_e" } },
  { "virt", "QEMU virt (PL061)", { "virt" } },
};

static const FpLayoutWidget *
find_widget (FpLayout *layout, const char *id)
{
  for (guint i = 0; i < fp_layout_get_n_widgets (layout); i++)
    if (g_str_equal (fp_layout_get_widget (layout, i)->id, id))
      return fp_layout_get_widget (layout, i);
  g_error ("no widget %s", id);
}

static const FpLayoutPin *
pin_of (const FpLayoutWidget *w, guint i)
{
  g_assert_cmpuint (i, <, w->pins->len);
  return &g_array_index (w->pins, FpLayoutPin, i);
}

static void
assert_pin (const FpLayoutWidget *w, guint i, const char *ctrl, guint pin)
{
  g_assert_cmpstr (pin_of (w, i)->ctrl, ==, ctrl);
  g_assert_cmpuint (pin_of (w, i)->pin, ==, pin);
}

/* Everything drawn lies on the board: what the loader promises. */
static void
assert_inside (FpLayout *layout)
{
  double width, height;

  fp_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  for (guint i = 0; i < fp_layout_get_n_widgets (layout); i++)
    {
      const FpLayoutWidget *w = fp_layout_get_widget (layout, i);
      double hw = w->kind == FP_LAYOUT_LED_MATRIX ? w->grid_w * w->size / 2 : w->size / 2;
      double hh = w->kind == FP_LAYOUT_LED_MATRIX ? w->grid_h * w->size / 2 : w->size / 2;

      g_assert_cmpfloat (w->size, >, 0);
      g_assert_cmpfloat (w->x - hw, >=, 0);
      g_assert_cmpfloat (w->y - hh, >=, 0);
      g_assert_cmpfloat (w->x + hw, <=, width);
      g_assert_cmpfloat (w->y + hh, <=, height);
    }
  for (guint i = 0; i < fp_layout_get_n_headers (layout); i++)
    {
      const FpLayoutHeader *h = fp_layout_get_header (layout, i);

      g_assert_cmpfloat (h->x - h->pitch / 2, >=, 0);
      g_assert_cmpfloat (h->y - h->pitch / 2, >=, 0);
      g_assert_cmpfloat (h->x + (h->cols - 0.5) * h->pitch, <=, width + 1e-9);
      g_assert_cmpfloat (h->y + (h->rows - 0.5) * h->pitch, <=, height + 1e-9);
    }
  for (guint i = 0; i < fp_layout_get_n_labels (layout); i++)
    {
      const FpLayoutLabel *l = fp_layout_get_label (layout, i);

      g_assert_cmpfloat (l->x, >=, 0);
      g_assert_cmpfloat (l->x, <=, width);
      g_assert_cmpfloat (l->y, >=, 0);
      g_assert_cmpfloat (l->y, <=, height);
    }
}

/* The text at LINE:COL of an ASCII file. */
static const char *
text_at (const char *text, guint line, guint col)
{
  for (guint l = 1; l < line; l++)
    {
      text = strchr (text, '\n');
      g_assert_nonnull (text);
      text++;
    }
  g_assert_cmpuint (strcspn (text, "\n"), >=, col);
  return text + col - 1;
}

static void
test_list_boards (void)
{
  const char * const *list = fp_layout_list_boards ();

  g_assert_cmpuint (g_strv_length ((char **) list), ==, G_N_ELEMENTS (boards));
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    g_assert_cmpstr (list[i], ==, boards[i].board);
  g_assert_true (fp_layout_list_boards () == list);
}

static void
test_bundled (gconstpointer data)
{
  const Board *board = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLayout) layout = fp_layout_new_for_board (board->board, &error);
  g_autofree char *name = g_strdup_printf ("%s.json", board->board);
  g_autofree char *path = g_strdup_printf ("/io/github/frontpanel/FrontPanel/boards/%s", name);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpstr (fp_layout_get_name (layout), ==, name);
  g_assert_cmpstr (fp_layout_get_board (layout), ==, board->board);
  g_assert_cmpstr (fp_layout_get_title (layout), ==, board->title);
  g_assert_cmpuint (fp_layout_get_n_widgets (layout), >, 0);
  g_assert_cmpuint (fp_layout_get_n_headers (layout), >, 0);
  assert_inside (layout);
  /* Where the loader says each widget and pin is, the file has it. */
  text = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fp_layout_get_n_widgets (layout); i++)
    {
      const FpLayoutWidget *w = fp_layout_get_widget (layout, i);

      g_assert_true (g_hash_table_add (ids, w->id));
      g_assert_true (g_str_has_prefix (text_at (g_bytes_get_data (text, NULL), w->line, w->col), "{\"type\""));
      for (guint j = 0; j < w->pins->len; j++)
        {
          const FpLayoutPin *pin = pin_of (w, j);
          g_autofree char *spelled = g_strdup_printf ("{\"ctrl\": \"%s\", \"pin\": %u}", pin->ctrl, pin->pin);

          g_assert_true (g_str_has_prefix (text_at (g_bytes_get_data (text, NULL), pin->line, pin->col), spelled));
        }
    }

  for (guint m = 0; m < G_N_ELEMENTS (board->machines) && board->machines[m] != NULL; m++)
    {
      g_autoptr(GArray) controllers = machine_controllers (board->machines[m]);

      fp_layout_check (layout, (FpControllerInfo *) controllers->data, controllers->len, &error);
      g_assert_no_error (error);
    }
  /* And the check is no formality: virt's PL061 serves none of the others. */
  if (!g_str_equal (board->board, "virt"))
    {
      g_autoptr(GArray) controllers = machine_controllers ("virt");

      g_assert_false (fp_layout_check (layout, (FpControllerInfo *) controllers->data,
                                       controllers->len, &error));
      g_assert_error (error, FP_LAYOUT_ERROR, FP_LAYOUT_ERROR_MISMATCH);
      g_assert_true (g_str_has_prefix (error->message, name));
    }
}

static void
test_board_for_machine (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    for (guint m = 0; m < G_N_ELEMENTS (boards[i].machines) && boards[i].machines[m] != NULL; m++)
      g_assert_cmpstr (fp_layout_board_for_machine (boards[i].machines[m]), ==, boards[i].board);
  g_assert_null (fp_layout_board_for_machine ("raspi0"));
  g_assert_null (fp_layout_board_for_machine ("netduino2"));
  g_assert_null (fp_layout_board_for_machine (""));
}

static void
test_b_l475e (void)
{
  g_autoptr(FpLayout) layout = fp_layout_new_for_board ("b-l475e-iot01a", NULL);
  const FpLayoutWidget *w;

  g_assert_cmphex (fp_layout_get_color (layout), ==, 0x1d4f91);
  w = find_widget (layout, "ld1");
  g_assert_cmpint (w->kind, ==, FP_LAYOUT_LED);
  g_assert_cmphex (w->color, ==, 0x33d17a);
  g_assert_false (w->active_low);
  g_assert_cmpfloat (w->size, ==, 12);
  assert_pin (w, 0, "gpioa", 5);
  assert_pin (find_widget (layout, "ld2"), 0, "gpiob", 14);
  w = find_widget (layout, "ld3-ld4");
  g_assert_cmphex (w->color, ==, 0xf5c211);
  g_assert_cmpstr (w->label, ==, "LD3/LD4 Wi-Fi/BLE");
  assert_pin (w, 0, "gpioc", 9);
  w = find_widget (layout, "b1");
  g_assert_cmpint (w->kind, ==, FP_LAYOUT_BUTTON);
  g_assert_true (w->active_low);
  g_assert_cmpstr (w->key, ==, "b");
  /* It bounces, for the demo's DEBOUNCE switch to have something to do. */
  g_assert_cmpuint (w->bounce_edges, ==, 3);
  g_assert_cmpuint (w->bounce_ms, ==, 16);
  g_assert_cmpuint (w->bounce_seed, ==, 43);
  assert_pin (w, 0, "gpioc", 13);
  w = find_widget (layout, "debounce");
  g_assert_cmpint (w->kind, ==, FP_LAYOUT_SWITCH);
  g_assert_false (w->active_low);
  g_assert_cmpstr (w->key, ==, "d");
  assert_pin (w, 0, "gpioa", 0);
}

static void
test_microbit (void)
{
  g_autoptr(FpLayout) layout = fp_layout_new_for_board ("microbit", NULL);
  const FpLayoutWidget *w = find_widget (layout, "display");
  guint seen[5][5] = { { 0 } };
  guint none = 0;

  g_assert_cmpint (w->kind, ==, FP_LAYOUT_LED_MATRIX);
  g_assert_cmpuint (w->n_rows, ==, 3);
  g_assert_cmpuint (w->n_cols, ==, 9);
  g_assert_false (w->active_low);
  g_assert_true (w->cols_active_low);
  g_assert_cmpuint (w->grid_w, ==, 5);
  g_assert_cmpuint (w->grid_h, ==, 5);
  g_assert_cmphex (w->color, ==, 0xed333b);
  for (guint r = 0; r < 3; r++)
    assert_pin (w, r, "gpio", 13 + r);
  for (guint c = 0; c < 9; c++)
    assert_pin (w, 3 + c, "gpio", 4 + c);

  /* Every LED of the 5x5 display exactly once; two of the 27 have none. */
  for (guint i = 0; i < 27; i++)
    {
      if (w->map_x[i] < 0)
        {
          g_assert_cmpint (w->map_y[i], ==, -1);
          none++;
          continue;
        }
      g_assert_cmpint (w->map_x[i], <, 5);
      g_assert_cmpint (w->map_y[i], <, 5);
      seen[w->map_y[i]][w->map_x[i]]++;
    }
  g_assert_cmpuint (none, ==, 2);
  for (guint y = 0; y < 5; y++)
    for (guint x = 0; x < 5; x++)
      g_assert_cmpuint (seen[y][x], ==, 1);
  /* The corners, from the v1 schematic: ROW1/COL1 top left, ROW1/COL3 top
   * right, ROW3/COL3 bottom left, ROW2/COL6 bottom right... */
  g_assert_cmpint (w->map_x[0 * 9 + 0], ==, 0);
  g_assert_cmpint (w->map_y[0 * 9 + 0], ==, 0);
  g_assert_cmpint (w->map_x[0 * 9 + 2], ==, 4);
  g_assert_cmpint (w->map_y[0 * 9 + 2], ==, 0);
  g_assert_cmpint (w->map_x[2 * 9 + 2], ==, 0);
  g_assert_cmpint (w->map_y[2 * 9 + 2], ==, 4);
  g_assert_cmpint (w->map_x[2 * 9 + 1], ==, 4);
  g_assert_cmpint (w->map_y[2 * 9 + 1], ==, 4);
  /* ...and ROW2 has no LED on COL8 and COL9. */
  g_assert_cmpint (w->map_x[1 * 9 + 7], ==, -1);
  g_assert_cmpint (w->map_x[1 * 9 + 8], ==, -1);

  w = find_widget (layout, "button-a");
  g_assert_true (w->active_low);
  g_assert_cmpstr (w->key, ==, "a");
  assert_pin (w, 0, "gpio", 17);
  w = find_widget (layout, "button-b");
  g_assert_cmpstr (w->key, ==, "b");
  assert_pin (w, 0, "gpio", 26);
  assert_pin (find_widget (layout, "p0"), 0, "gpio", 3);
  assert_pin (find_widget (layout, "p1"), 0, "gpio", 2);
  assert_pin (find_widget (layout, "debounce"), 0, "gpio", 1);
}

static void
test_sifive_virt (void)
{
  g_autoptr(FpLayout) sifive = fp_layout_new_for_board ("sifive_e", NULL);
  g_autoptr(FpLayout) virt = fp_layout_new_for_board ("virt", NULL);
  const FpLayoutWidget *w = find_widget (sifive, "ld1");

  g_assert_cmpint (w->kind, ==, FP_LAYOUT_RGB_LED);
  g_assert_true (w->active_low);
  assert_pin (w, 0, "gpio0", 22);
  assert_pin (w, 1, "gpio0", 19);
  assert_pin (w, 2, "gpio0", 21);
  w = find_widget (sifive, "btn");
  g_assert_true (w->active_low);
  assert_pin (w, 0, "gpio0", 18);
  assert_pin (find_widget (sifive, "debounce"), 0, "gpio0", 20);

  for (guint pin = 0; pin < 8; pin++)
    {
      static const char *const ids[] = { "led0", "led1", "btn", "power", "debounce", "led5", "led6", "led7" };

      assert_pin (find_widget (virt, ids[pin]), 0, "pl061", pin);
    }
  g_assert_true (find_widget (virt, "btn")->active_low);
  /* virt pulls its PL061 pins down: the panel holds the button released. */
  g_assert_true (find_widget (virt, "btn")->drive_released);
  g_assert_false (find_widget (virt, "power")->drive_released);
  g_assert_false (find_widget (sifive, "btn")->drive_released);
  g_assert_false (find_widget (virt, "power")->active_low);
  g_assert_cmpstr (find_widget (virt, "power")->key, ==, "p");
}

static void
test_raspi (void)
{
  static const struct {
    const char *board;
    int act;            /* the ACT LED's GPIO, -1 when it is not on one */
  } pis[] = {
    { "raspi2b", 47 },
    { "raspi3b", -1 },
    { "raspi4b", 42 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pis); i++)
    {
      g_autoptr(FpLayout) layout = fp_layout_new_for_board (pis[i].board, NULL);
      const FpLayoutHeader *h = fp_layout_get_header (layout, 0);
      gboolean has_act = FALSE;
      double width, height;

      g_assert_cmphex (fp_layout_get_color (layout), ==, 0x1f6f43);
      fp_layout_get_size (layout, &width, &height);
      g_assert_cmpfloat (width / height, >, 1.45);   /* 85 x 56 mm */
      g_assert_cmpfloat (width / height, <, 1.6);
      g_assert_cmpuint (h->rows * h->cols, ==, 40);
      g_assert_cmphex (find_widget (layout, "gpio17")->color, ==, 0xed333b);
      g_assert_cmphex (find_widget (layout, "gpio27")->color, ==, 0xf5c211);
      g_assert_cmphex (find_widget (layout, "gpio22")->color, ==, 0x33d17a);
      g_assert_cmpstr (find_widget (layout, "gpio23")->key, ==, "1");
      g_assert_cmpstr (find_widget (layout, "gpio24")->key, ==, "2");
      g_assert_true (find_widget (layout, "gpio24")->active_low);
      g_assert_cmpint (find_widget (layout, "gpio25")->kind, ==, FP_LAYOUT_SWITCH);
      for (guint j = 0; j < fp_layout_get_n_widgets (layout); j++)
        {
          const FpLayoutWidget *w = fp_layout_get_widget (layout, j);

          if (g_str_equal (w->id, "act"))
            {
              has_act = TRUE;
              assert_pin (w, 0, "gpio", (guint) pis[i].act);
              g_assert_false (w->active_low);
            }
        }
      g_assert_true (has_act == (pis[i].act >= 0));
    }
}

static void
test_no_such_board (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fp_layout_new_for_board ("pdp11", &error));
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (fp_layout_new_from_file (LAYOUTS_DIR "/no-such-file.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* ---- locations and defaults -------------------------------------------- */

static void
test_locations (void)
{
  /* A tab and non-ASCII text before the pin: columns count characters. */
  static const char text[] =
    "{\"format\": 1, \"board\": \"loc\", \"title\": \"Größe\",\n"
    " \"machines\": [\"virt\"], \"size\": [100, 50],\n"
    " \"widgets\": [\n"
    "\t{\"type\": \"led\", \"id\": \"a\", \"label\": \"Ä€\", \"x\": 10, \"y\": 10, \"pin\": {\"ctrl\": \"pl061\", \"pin\": 0}},\n"
    "  {\"type\": \"rgb-led\", \"id\": \"b\", \"label\": \"B\", \"x\": 40, \"y\": 10,\n"
    "   \"pins\": {\"red\": {\"ctrl\": \"pl061\", \"pin\": 1},\n"
    "            \"green\": {\"ctrl\": \"pl061\", \"pin\": 2}, \"blue\": {\"ctrl\": \"pl061\", \"pin\": 9}}}\n"
    " ]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLayout) layout = fp_layout_new_from_bytes (bytes, "dir/loc.json", &error);
  g_autoptr(GArray) controllers = machine_controllers ("virt");
  const FpLayoutWidget *a, *b;

  g_assert_no_error (error);
  g_assert_cmpstr (fp_layout_get_title (layout), ==, "Größe");
  g_assert_cmphex (fp_layout_get_color (layout), ==, 0x1f6f43);
  a = fp_layout_get_widget (layout, 0);
  g_assert_cmpuint (a->line, ==, 4);
  g_assert_cmpuint (a->col, ==, 2);
  g_assert_cmpuint (pin_of (a, 0)->line, ==, 4);
  g_assert_cmpuint (pin_of (a, 0)->col, ==, 69);
  g_assert_cmphex (a->color, ==, 0x33d17a);
  g_assert_cmpfloat (a->size, ==, 12);
  b = fp_layout_get_widget (layout, 1);
  g_assert_cmpuint (b->line, ==, 5);
  g_assert_cmpuint (b->col, ==, 3);
  g_assert_cmpuint (pin_of (b, 0)->line, ==, 6);
  g_assert_cmpuint (pin_of (b, 0)->col, ==, 20);
  g_assert_cmpuint (pin_of (b, 2)->line, ==, 7);
  g_assert_cmpuint (pin_of (b, 2)->col, ==, 59);

  g_assert_false (fp_layout_check (layout, (FpControllerInfo *) controllers->data, controllers->len, &error));
  g_assert_error (error, FP_LAYOUT_ERROR, FP_LAYOUT_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==,
                   "dir/loc.json:7:59: widgets[1] (\"b\").pins.blue: pin 9 is out of range (pl061 has 8 pins)");
}

/* ---- the automatic layout ---------------------------------------------- */

static void
test_automatic (void)
{
  g_autoptr(GArray) controllers = g_array_new (FALSE, TRUE, sizeof (FpControllerInfo));
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FpLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  guint w_index = 0;

  g_array_set_clear_func (controllers, clear_info);
  add_controller (controllers, "gpioa", "test-gpio", 16, "PA", 0);
  add_controller (controllers, "gpiob", "test-gpio", 5, NULL, 0);
  add_controller (controllers, "gpio", "test-gpio", 54, "GPIO", 0);
  layout = fp_layout_new_automatic ("test-board", (FpControllerInfo *) controllers->data, controllers->len);

  g_assert_cmpstr (fp_layout_get_name (layout), ==, "automatic");
  g_assert_cmpstr (fp_layout_get_board (layout), ==, "test-board");
  g_assert_cmpuint (fp_layout_get_n_widgets (layout), ==, 2 * (16 + 5 + 54));
  /* One header per row of at most 8 pins: 2 + 1 + 7. */
  g_assert_cmpuint (fp_layout_get_n_headers (layout), ==, 10);
  for (guint i = 0; i < fp_layout_get_n_headers (layout); i++)
    g_assert_cmpuint (fp_layout_get_header (layout, i)->cols, <=, 8);
  g_assert_cmpuint (fp_layout_get_header (layout, 9)->cols, ==, 54 - 6 * 8);
  g_assert_cmpuint (fp_layout_get_n_labels (layout), ==, 3);
  for (guint c = 0; c < controllers->len; c++)
    g_assert_cmpstr (fp_layout_get_label (layout, c)->text, ==,
                     g_array_index (controllers, FpControllerInfo, c).id);
  assert_inside (layout);

  for (guint c = 0; c < controllers->len; c++)
    {
      const FpControllerInfo *info = &g_array_index (controllers, FpControllerInfo, c);

      for (guint p = 0; p < info->n_pins; p++)
        {
          const FpLayoutWidget *led = fp_layout_get_widget (layout, w_index++);
          const FpLayoutWidget *sw = fp_layout_get_widget (layout, w_index++);
          g_autofree char *number = g_strdup_printf ("%u", p);
          const char *name = info->names != NULL ? info->names[p] : number;
          g_autofree char *led_id = g_strdup_printf ("%s-%u-led", info->id, p);
          g_autofree char *sw_id = g_strdup_printf ("%s-%u-sw", info->id, p);

          g_assert_cmpint (led->kind, ==, FP_LAYOUT_LED);
          g_assert_cmpint (sw->kind, ==, FP_LAYOUT_SWITCH);
          g_assert_cmpstr (led->id, ==, led_id);
          g_assert_cmpstr (sw->id, ==, sw_id);
          g_assert_cmpstr (led->label, ==, name);
          assert_pin (led, 0, info->id, p);
          assert_pin (sw, 0, info->id, p);
          /* The switch sits under its LED. */
          g_assert_cmpfloat (sw->x, ==, led->x);
          g_assert_cmpfloat (sw->y, >, led->y + (led->size + sw->size) / 2);
          g_assert_true (g_hash_table_add (ids, led->id));
          g_assert_true (g_hash_table_add (ids, sw->id));
        }
    }

  fp_layout_check (layout, (FpControllerInfo *) controllers->data, controllers->len, &error);
  g_assert_no_error (error);
  /* Without its last controller, the layout does not fit the machine. */
  g_assert_false (fp_layout_check (layout, (FpControllerInfo *) controllers->data, controllers->len - 1, &error));
  g_assert_error (error, FP_LAYOUT_ERROR, FP_LAYOUT_ERROR_MISMATCH);
}

static void
test_automatic_empty (void)
{
  g_autoptr(FpLayout) layout = fp_layout_new_automatic ("none", NULL, 0);
  double width, height;

  g_assert_cmpuint (fp_layout_get_n_widgets (layout), ==, 0);
  fp_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  g_assert_true (fp_layout_check (layout, NULL, 0, NULL));
}

/* ---- the bad files ----------------------------------------------------- */

typedef struct {
  const char *file;
  FpLayoutError code;
  const char *where;            /* the exact "FILE:LINE:COL: " prefix */
  const char *words[4];         /* and what the message must say */
  const char *machine;          /* MISMATCH: the machine it is checked against */
} Bad;

static const Bad bad_files[] = {
  /* not JSON */
  { "syntax-trailing-comma.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-trailing-comma.json:9:41: ",
    { "trailing comma", "`]`" } },
  { "syntax-missing-comma.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-missing-comma.json:4:24: ",
    { "missing `,`", "members" } },
  { "syntax-empty.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-empty.json:1:1: ",
    { "empty", "JSON object" } },
  { "syntax-duplicate-member.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-duplicate-member.json:9:6: ",
    { "duplicate member \"x\"", "8:50" } },
  { "syntax-single-quotes.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-single-quotes.json:8:6: ",
    { "double quotes", "single quotes" } },
  { "syntax-comment.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-comment.json:8:5: ",
    { "comments" } },
  { "syntax-assignment.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-assignment.json:1:1: ",
    { "`var`", "assignment" } },
  { "syntax-bare-word.json", FP_LAYOUT_ERROR_SYNTAX, "syntax-bare-word.json:8:78: ",
    { "unexpected `low`", "value" } },
  /* JSON, but not a layout */
  { "schema-not-object.json", FP_LAYOUT_ERROR_INVALID, "schema-not-object.json:1:1: ",
    { "must be a JSON object", "got an array" } },
  { "schema-unknown-type.json", FP_LAYOUT_ERROR_INVALID, "schema-unknown-type.json:8:6: ",
    { "widgets[0] (\"k1\")", "unknown widget type \"knob\"" } },
  { "schema-unknown-member.json", FP_LAYOUT_ERROR_INVALID, "schema-unknown-member.json:9:6: ",
    { "widgets[0] (\"ld1\")", "unknown member \"colour\"", "color" } },
  { "schema-wrong-type.json", FP_LAYOUT_ERROR_INVALID, "schema-wrong-type.json:8:50: ",
    { "\"x\" must be a number", "got \"20\"" } },
  { "schema-bad-color.json", FP_LAYOUT_ERROR_INVALID, "schema-bad-color.json:8:68: ",
    { "\"color\" must be", "#rrggbb", "got \"#12345\"" } },
  { "schema-even-bounce.json", FP_LAYOUT_ERROR_INVALID, "schema-even-bounce.json:9:54: ",
    { "widgets[0] (\"b1\").bounce", "\"edges\" must be odd", "got 4" } },
  { "schema-bad-key.json", FP_LAYOUT_ERROR_INVALID, "schema-bad-key.json:9:43: ",
    { "\"key\" must be", "F1 to F12", "got \"B\"" } },
  { "schema-bad-drive-released.json", FP_LAYOUT_ERROR_INVALID, "schema-bad-drive-released.json:9:42: ",
    { "widgets[0] (\"btn\")", "\"drive-released\" must be true or false, got \"yes\"" } },
  { "schema-bad-active.json", FP_LAYOUT_ERROR_INVALID, "schema-bad-active.json:8:69: ",
    { "widgets[0] (\"b1\")", "\"active\" must be \"high\" or \"low\", got \"lo\"" } },
  { "schema-missing-pin.json", FP_LAYOUT_ERROR_INVALID, "schema-missing-pin.json:8:5: ",
    { "widgets[0] (\"sw1\")", "missing member \"pin\"" } },
  { "schema-negative-pin.json", FP_LAYOUT_ERROR_INVALID, "schema-negative-pin.json:9:31: ",
    { ".pin: \"pin\" must be an integer from 0 to 1023", "got -1" } },
  { "schema-bounce-on-led.json", FP_LAYOUT_ERROR_INVALID, "schema-bounce-on-led.json:9:42: ",
    { "unknown member \"bounce\"" } },
  { "schema-format.json", FP_LAYOUT_ERROR_INVALID, "schema-format.json:2:3: ",
    { "\"format\" must be 1", "got 2" } },
  { "schema-zero-size.json", FP_LAYOUT_ERROR_INVALID, "schema-zero-size.json:6:17: ",
    { "\"size\"[1] must be a number greater than 0", "got 0" } },
  /* a layout by the schema, but its members disagree */
  { "check-duplicate-id.json", FP_LAYOUT_ERROR_INVALID, "check-duplicate-id.json:10:24: ",
    { "widgets[1] (\"ld1\")", "duplicate id \"ld1\"", "widgets[0]" } },
  { "check-duplicate-key.json", FP_LAYOUT_ERROR_INVALID, "check-duplicate-key.json:10:71: ",
    { "widgets[1] (\"sw1\")", "key \"b\" is already used by widgets[0] (\"b1\")" } },
  { "check-outside-board.json", FP_LAYOUT_ERROR_INVALID, "check-outside-board.json:8:5: ",
    { "widgets[0] (\"ld1\")", "outside the board", "x 89 to 101", "100 x 60" } },
  { "check-map-length.json", FP_LAYOUT_ERROR_INVALID, "check-map-length.json:12:6: ",
    { "\"map\" has 3 entries", "2 rows x 2 cols need 4" } },
  { "check-map-outside-grid.json", FP_LAYOUT_ERROR_INVALID, "check-map-outside-grid.json:12:38: ",
    { "\"map\"[3] is [2, 1]", "outside the 2 x 2 grid" } },
  { "check-board-name.json", FP_LAYOUT_ERROR_INVALID, "check-board-name.json:3:3: ",
    { "\"board\" is \"microbit\"", "microbit.json" } },
  /* a layout, but for another machine */
  { "mismatch-controller.json", FP_LAYOUT_ERROR_MISMATCH, "mismatch-controller.json:9:13: ",
    { "widgets[0] (\"ld1\")", "controller \"gpioz\" is not on this machine",
      "(it has gpioa, gpiob, gpioc, gpiod, gpioe, gpiof, gpiog, gpioh)" }, "b-l475e-iot01a" },
  { "mismatch-pin-range.json", FP_LAYOUT_ERROR_MISMATCH, "mismatch-pin-range.json:9:13: ",
    { "widgets[0] (\"ld1\")", "pin 40 is out of range (gpioa has 16 pins)" }, "b-l475e-iot01a" },
  { "mismatch-matrix-col.json", FP_LAYOUT_ERROR_MISMATCH, "mismatch-matrix-col.json:10:44: ",
    { "widgets[0] (\"m\").cols[1]", "pin 16 is out of range (gpiob has 16 pins)" }, "b-l475e-iot01a" },
};

static void
test_bad_file (gconstpointer data)
{
  const Bad *bad = data;
  g_autofree char *path = g_build_filename (LAYOUTS_DIR, bad->file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FpLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new (contents, len);
  layout = fp_layout_new_from_bytes (bytes, bad->file, &error);
  if (bad->code == FP_LAYOUT_ERROR_MISMATCH)
    {
      g_autoptr(GArray) controllers = machine_controllers (bad->machine);

      g_assert_no_error (error);
      g_assert_false (fp_layout_check (layout, (FpControllerInfo *) controllers->data,
                                       controllers->len, &error));
    }
  else
    g_assert_null (layout);

  g_test_message ("%s", error->message);
  g_assert_error (error, FP_LAYOUT_ERROR, (int) bad->code);
  g_assert_true (g_str_has_prefix (error->message, bad->where));
  for (guint i = 0; i < G_N_ELEMENTS (bad->words) && bad->words[i] != NULL; i++)
    if (strstr (error->message, bad->words[i]) == NULL)
      g_error ("%s: \"%s\" does not say \"%s\"", bad->file, error->message, bad->words[i]);
}

/* Every file in layouts/ is in the table, so none goes untested. */
static void
test_bad_files_listed (void)
{
  g_autoptr(GDir) dir = g_dir_open (LAYOUTS_DIR, 0, NULL);
  const char *file;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
        listed |= g_str_equal (bad_files[i].file, file);
      if (!listed)
        g_error ("%s is not in the test's table", file);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_files));
}

/* From a file, the error names the path as given. */
static void
test_bad_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s/schema-bad-active.json:8:69: ", LAYOUTS_DIR);

  g_assert_null (fp_layout_new_from_file (LAYOUTS_DIR "/schema-bad-active.json", &error));
  g_assert_error (error, FP_LAYOUT_ERROR, FP_LAYOUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

/* The messages come in the user's language, from the catalogues the build
 * made (po/); the location, the path and the file's own words stay as they
 * are. */
typedef struct {
  const char *language;
  const char *file;
  const char *message;
  const char *machine;          /* for the check against a machine */
} Translated;

static const Translated translated[] = {
  { "de", "syntax-trailing-comma.json",
    "syntax-trailing-comma.json:9:41: überzähliges Komma: JSON erlaubt kein `,` vor `]`", NULL },
  { "de", "schema-bad-active.json",
    "schema-bad-active.json:8:69: widgets[0] (\"b1\"): \"active\" muss \"high\" oder \"low\" sein, "
    "ist aber \"lo\"", NULL },
  { "de", "mismatch-pin-range.json",
    "mismatch-pin-range.json:9:13: widgets[0] (\"ld1\"): Pin 40 liegt außerhalb des Bereichs "
    "(gpioa hat 16 Pins)", "b-l475e-iot01a" },
  { "ru", "syntax-trailing-comma.json",
    "syntax-trailing-comma.json:9:41: лишняя запятая: JSON не допускает `,` перед `]`", NULL },
  { "ru", "schema-bad-active.json",
    "schema-bad-active.json:8:69: widgets[0] (\"b1\"): \"active\": ожидается \"high\" или \"low\", "
    "получено: \"lo\"", NULL },
  /* Russian has three plural forms; 16 takes the third. */
  { "ru", "mismatch-pin-range.json",
    "mismatch-pin-range.json:9:13: widgets[0] (\"ld1\"): вывод 40 вне диапазона (у gpioa 16 выводов)",
    "b-l475e-iot01a" },
};

static void
test_translated (gconstpointer data)
{
  const Translated *t = data;
  g_autofree char *path = g_build_filename (LAYOUTS_DIR, t->file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FpLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new (contents, len);
  /* A new LANGUAGE counts once setlocale() has dropped gettext's cache. */
  g_setenv ("LANGUAGE", t->language, TRUE);
  setlocale (LC_ALL, "");
  layout = fp_layout_new_from_bytes (bytes, t->file, &error);
  if (t->machine != NULL)
    {
      g_autoptr(GArray) controllers = machine_controllers (t->machine);

      g_assert_no_error (error);
      g_assert_false (fp_layout_check (layout, (FpControllerInfo *) controllers->data,
                                       controllers->len, &error));
    }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, t->message);
}

int
main (int argc, char **argv)
{
  /* The catalogues of the build tree; without LANGUAGE (and in the tests'
   * C.UTF-8 locale) the messages stay English. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALE_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/list-boards", test_list_boards);
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      g_autofree char *name = g_strdup_printf ("/layout/bundled/%s", boards[i].board);

      g_test_add_data_func (name, &boards[i], test_bundled);
    }
  g_test_add_func ("/layout/board-for-machine", test_board_for_machine);
  g_test_add_func ("/layout/b-l475e-iot01a", test_b_l475e);
  g_test_add_func ("/layout/microbit", test_microbit);
  g_test_add_func ("/layout/sifive-virt", test_sifive_virt);
  g_test_add_func ("/layout/raspi", test_raspi);
  g_test_add_func ("/layout/no-such-board", test_no_such_board);
  g_test_add_func ("/layout/locations", test_locations);
  g_test_add_func ("/layout/automatic", test_automatic);
  g_test_add_func ("/layout/automatic-empty", test_automatic_empty);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/layout/bad/%s", bad_files[i].file);

      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/layout/bad-files-listed", test_bad_files_listed);
  g_test_add_func ("/layout/bad-path", test_bad_path);
  for (guint i = 0; i < G_N_ELEMENTS (translated); i++)
    {
      g_autofree char *name = g_strdup_printf ("/layout/translated/%s/%s", translated[i].language,
                                               translated[i].file);

      g_test_add_data_func (name, &translated[i], test_translated);
    }
  return g_test_run ();
}
