/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-board-view.c: the board, drawn from its layout, with its widgets.
 *
 * The board itself (outline, headers, silkscreen) is drawn once per resize;
 * the widgets on it redraw on their own, at most once per frame, so a pin
 * event costs one lookup here: routes[offsets[ctrl] + pin] lists what the
 * pin feeds (an LED, an RGB channel, a matrix row or column, a button's
 * level dot). Routes are rebuilt from each hello, because a pin's index in
 * the client is only known from it.
 */
#define G_LOG_DOMAIN "fp-board-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-board-view-private.h"
#include "fp-button.h"
#include "fp-led-matrix.h"
#include "fp-led.h"
#include "fp-rgb-led.h"

/* The view's size at its natural and minimal size, per layout unit. */
#define NATURAL_SCALE 2.0
#define MIN_SCALE 0.75
/* Below this, silkscreen text is a smudge: the view keeps its smallest text
 * at least this many pixels high, and its window scrolls instead. */
#define MIN_TEXT_PX 9.0

typedef enum {
  TARGET_LED,
  TARGET_RGB_LED,
  TARGET_MATRIX_ROW,
  TARGET_MATRIX_COL,
  TARGET_BUTTON,
} TargetKind;

typedef struct {
  GtkWidget *widget;
  TargetKind kind;
  guint index;                  /* RGB channel, matrix row or column */
} Target;

typedef struct {
  FpBoardView *view;
  GtkWidget *widget;
  const FpLayoutWidget *spec;   /* owned by the view's layout */
} Item;

struct _FpBoardView
{
  GtkWidget parent_instance;

  FpClient *client;
  FpLayout *layout;
  GPtrArray *items;             /* of Item, in the layout's order */
  GHashTable *keys;             /* keyval -> Item */
  GHashTable *keys_down;        /* keyvals held, so auto-repeat is ignored */

  GPtrArray *routes;            /* per client pin: GArray of Target, or NULL */
  GArray *offsets;              /* guint per client controller: its first pin */

  /* Layout units to widget pixels, from the last allocation. */
  double scale, origin_x, origin_y;
  double smallest_text;         /* in layout units, of the layout's silkscreen */
};

G_DEFINE_FINAL_TYPE (FpBoardView, fp_board_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_LAYOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_free (gpointer data)
{
  Item *item = data;

  gtk_widget_unparent (item->widget);
  g_free (item);
}

static void
route_free (gpointer route)
{
  if (route != NULL)
    g_array_unref (route);
}

static void
target_deliver (const Target     *target,
                const FpPinState *state)
{
  switch (target->kind)
    {
    case TARGET_LED:
      fp_led_push (FP_LED (target->widget), state);
      break;
    case TARGET_RGB_LED:
      fp_rgb_led_push (FP_RGB_LED (target->widget), target->index, state);
      break;
    case TARGET_MATRIX_ROW:
      fp_led_matrix_push_row (FP_LED_MATRIX (target->widget), target->index, state);
      break;
    case TARGET_MATRIX_COL:
      fp_led_matrix_push_col (FP_LED_MATRIX (target->widget), target->index, state);
      break;
    case TARGET_BUTTON:
      fp_button_set_pin_level (FP_BUTTON (target->widget), state ? state->level : FP_LEVEL_Z);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* What pin @index of @item feeds. */
static Target
item_target (const Item *item,
             guint       index)
{
  Target target = { item->widget, TARGET_LED, 0 };

  switch (item->spec->kind)
    {
    case FP_LAYOUT_LED:
      break;
    case FP_LAYOUT_RGB_LED:
      target.kind = TARGET_RGB_LED;
      target.index = index;
      break;
    case FP_LAYOUT_LED_MATRIX:
      target.kind = index < item->spec->n_rows ? TARGET_MATRIX_ROW : TARGET_MATRIX_COL;
      target.index = index < item->spec->n_rows ? index : index - item->spec->n_rows;
      break;
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
      target.kind = TARGET_BUTTON;
      break;
    default:
      g_assert_not_reached ();
    }
  return target;
}

static gboolean
client_ready (FpBoardView *self)
{
  return self->client != NULL && fp_client_get_state (self->client) == FP_CLIENT_STATE_READY;
}

/* "LD1 (PA5)": the layout's label and the pin as the SoC names it. */
static char *
item_description (FpBoardView *self,
                  const Item  *item)
{
  const FpLayoutPin *pin = &g_array_index (item->spec->pins, FpLayoutPin, 0);
  const char *name = NULL;
  int ctrl;

  if (item->spec->kind != FP_LAYOUT_LED && item->spec->kind != FP_LAYOUT_BUTTON &&
      item->spec->kind != FP_LAYOUT_SWITCH)
    return g_strdup (item->spec->label);
  ctrl = self->client ? fp_client_find_controller (self->client, pin->ctrl) : -1;
  if (ctrl >= 0)
    name = fp_controller_info_pin_name (fp_client_get_controller (self->client, ctrl), pin->pin);
  if (name != NULL)
    return g_strdup_printf ("%s (%s)", item->spec->label, name);
  return g_strdup_printf ("%s (%s %u)", item->spec->label, pin->ctrl, pin->pin);
}

static void
label_item (FpBoardView *self,
            const Item  *item)
{
  g_autofree char *text = item_description (self, item);

  switch (item->spec->kind)
    {
    case FP_LAYOUT_LED:
    case FP_LAYOUT_RGB_LED:
    case FP_LAYOUT_LED_MATRIX:
      fp_led_base_set_label (FP_LED_BASE (item->widget), text);
      break;
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
      fp_button_set_label (FP_BUTTON (item->widget), text);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
rebuild_routes (FpBoardView *self)
{
  guint n_ctrl = self->client ? fp_client_get_n_controllers (self->client) : 0;
  guint n_pins = 0;

  g_ptr_array_set_size (self->routes, 0);
  g_array_set_size (self->offsets, 0);
  for (guint c = 0; c < n_ctrl; c++)
    {
      g_array_append_val (self->offsets, n_pins);
      n_pins += fp_client_get_controller (self->client, c)->n_pins;
    }
  g_ptr_array_set_size (self->routes, n_pins);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];

      label_item (self, item);
      for (guint p = 0; p < item->spec->pins->len; p++)
        {
          const FpLayoutPin *pin = &g_array_index (item->spec->pins, FpLayoutPin, p);
          int ctrl = self->client ? fp_client_find_controller (self->client, pin->ctrl) : -1;
          Target target = item_target (item, p);
          GArray **route;

          if (ctrl < 0 || pin->pin >= fp_client_get_controller (self->client, ctrl)->n_pins)
            continue;
          route = (GArray **) &self->routes->pdata[g_array_index (self->offsets, guint, ctrl) + pin->pin];
          if (*route == NULL)
            *route = g_array_new (FALSE, FALSE, sizeof (Target));
          g_array_append_val (*route, target);
        }
    }
}

/* A button or switch whose pin the panel drives to its active level
 * already (the drive outlived a reconnect, or this layout replaced one
 * whose button held it) shows pressed, and one the panel does not drive
 * so shows released: the window tells the truth about the wires QEMU
 * keeps, and the next click changes them from there. */
static void
adopt_panel_drive (FpBoardView *self,
                   const Item  *item)
{
  const FpLayoutPin *pin;
  const FpPinState *state;
  int ctrl;

  if (item->spec->kind != FP_LAYOUT_BUTTON && item->spec->kind != FP_LAYOUT_SWITCH)
    return;
  if (!client_ready (self))
    return;
  pin = &g_array_index (item->spec->pins, FpLayoutPin, 0);
  ctrl = fp_client_find_controller (self->client, pin->ctrl);
  state = ctrl >= 0 ? fp_client_get_pin (self->client, ctrl, pin->pin) : NULL;
  if (state != NULL)
    fp_button_adopt_pressed (FP_BUTTON (item->widget),
                             state->panel == (item->spec->active_low ? 0 : 1));
}

/* Shows the client's whole cache (after a hello, a new layout, a
 * reconnect), or "not connected" where there is no state to show. */
static void
show_all (FpBoardView *self)
{
  gboolean ready = client_ready (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];

      for (guint p = 0; p < item->spec->pins->len; p++)
        {
          const FpLayoutPin *pin = &g_array_index (item->spec->pins, FpLayoutPin, p);
          int ctrl = ready ? fp_client_find_controller (self->client, pin->ctrl) : -1;
          Target target = item_target (item, p);

          target_deliver (&target, ctrl >= 0 ? fp_client_get_pin (self->client, ctrl, pin->pin) : NULL);
        }
      adopt_panel_drive (self, item);
    }
}

/* Buttons whose board has no pull resistor for them: the panel is it. */
static void
drive_released_levels (FpBoardView *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];
      const FpLayoutPin *pin;
      int ctrl, level;
      const FpPinState *state;

      if (!item->spec->drive_released || fp_button_get_pressed (FP_BUTTON (item->widget)))
        continue;
      pin = &g_array_index (item->spec->pins, FpLayoutPin, 0);
      ctrl = fp_client_find_controller (self->client, pin->ctrl);
      state = ctrl >= 0 ? fp_client_get_pin (self->client, ctrl, pin->pin) : NULL;
      level = item->spec->active_low ? 1 : 0;
      if (state != NULL && state->panel != level)
        fp_client_drive (self->client, pin->ctrl, pin->pin, level);
    }
}

static void
on_controllers_changed (FpClient    *client,
                        FpBoardView *self)
{
  rebuild_routes (self);
  show_all (self);
}

static void
on_pin_changed (FpClient    *client,
                guint        ctrl,
                guint        pin,
                gboolean     initial,
                FpBoardView *self)
{
  GArray *route;

  if (ctrl >= self->offsets->len)
    return;
  route = self->routes->pdata[g_array_index (self->offsets, guint, ctrl) + pin];
  for (guint t = 0; route != NULL && t < route->len; t++)
    target_deliver (&g_array_index (route, Target, t), fp_client_get_pin (client, ctrl, pin));
}

static void
on_state_changed (FpClient    *client,
                  GParamSpec  *pspec,
                  FpBoardView *self)
{
  show_all (self);
  if (client_ready (self))
    drive_released_levels (self);
}

static void
on_drive (FpButton *button,
          int       level,
          Item     *item)
{
  FpBoardView *self = item->view;
  const FpLayoutPin *pin = &g_array_index (item->spec->pins, FpLayoutPin, 0);

  if (client_ready (self))
    fp_client_drive (self->client, pin->ctrl, pin->pin, level);
}

static GtkWidget *
create_widget (const FpLayoutWidget *spec)
{
  GtkWidget *widget;

  switch (spec->kind)
    {
    case FP_LAYOUT_LED:
      return fp_led_new (spec->color, spec->active_low);
    case FP_LAYOUT_RGB_LED:
      return fp_rgb_led_new (spec->active_low);
    case FP_LAYOUT_LED_MATRIX:
      widget = fp_led_matrix_new (spec->n_rows, spec->n_cols, spec->active_low,
                                  spec->cols_active_low, spec->color);
      if (spec->map_x != NULL)
        fp_led_matrix_set_map (FP_LED_MATRIX (widget), spec->grid_w, spec->grid_h,
                               spec->map_x, spec->map_y);
      return widget;
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
      widget = fp_button_new (spec->kind == FP_LAYOUT_BUTTON ? FP_BUTTON_PUSH : FP_BUTTON_SWITCH,
                              spec->active_low);
      if (spec->bounce_edges > 1)
        fp_button_set_bounce (FP_BUTTON (widget), spec->bounce_edges, spec->bounce_ms,
                              spec->bounce_seed);
      return widget;
    default:
      g_assert_not_reached ();
    }
}

/* The silkscreen's text sizes, in layout units, as the snapshot draws them. */
static double
header_text_size (const FpLayoutHeader *header)
{
  return header->pitch * 0.8;
}

static double
item_text_size (const FpLayoutWidget *spec)
{
  return MAX (5.0, spec->size * 0.5);
}

static double
layout_smallest_text (FpLayout *layout)
{
  double smallest = G_MAXDOUBLE;

  for (guint i = 0; i < fp_layout_get_n_headers (layout); i++)
    if (fp_layout_get_header (layout, i)->label != NULL)
      smallest = MIN (smallest, header_text_size (fp_layout_get_header (layout, i)));
  for (guint i = 0; i < fp_layout_get_n_labels (layout); i++)
    smallest = MIN (smallest, fp_layout_get_label (layout, i)->size);
  for (guint i = 0; i < fp_layout_get_n_widgets (layout); i++)
    {
      const FpLayoutWidget *spec = fp_layout_get_widget (layout, i);

      if (spec->label != NULL && *spec->label != '\0')
        smallest = MIN (smallest, item_text_size (spec));
    }
  return smallest;
}

/* The smallest scale that keeps every text readable (and the board not
 * tiny when it has none). */
static double
min_scale (FpBoardView *self)
{
  if (self->smallest_text == G_MAXDOUBLE)
    return MIN_SCALE;
  return MAX (MIN_SCALE, MIN_TEXT_PX / self->smallest_text);
}

double
_fp_board_view_get_smallest_text_px (FpBoardView *self)
{
  g_return_val_if_fail (FP_IS_BOARD_VIEW (self), 0);
  return self->smallest_text * self->scale;
}

void
fp_board_view_set_layout (FpBoardView *self,
                          FpLayout    *layout)
{
  g_return_if_fail (FP_IS_BOARD_VIEW (self));
  g_return_if_fail (layout == NULL || FP_IS_LAYOUT (layout));

  if (self->layout == layout)
    return;
  /* The items point into the old layout: drop them first. */
  g_hash_table_remove_all (self->keys);
  g_hash_table_remove_all (self->keys_down);
  g_ptr_array_set_size (self->items, 0);
  g_set_object (&self->layout, layout);
  self->smallest_text = layout ? layout_smallest_text (layout) : G_MAXDOUBLE;

  for (guint i = 0; layout != NULL && i < fp_layout_get_n_widgets (layout); i++)
    {
      Item *item = g_new0 (Item, 1);

      item->view = self;
      item->spec = fp_layout_get_widget (layout, i);
      item->widget = create_widget (item->spec);
      gtk_widget_set_parent (item->widget, GTK_WIDGET (self));
      if (FP_IS_BUTTON (item->widget))
        g_signal_connect (item->widget, "drive", G_CALLBACK (on_drive), item);
      if (item->spec->key != NULL)
        g_hash_table_insert (self->keys, GUINT_TO_POINTER (gdk_keyval_from_name (item->spec->key)), item);
      g_ptr_array_add (self->items, item);
    }
  rebuild_routes (self);
  show_all (self);
  if (client_ready (self))
    drive_released_levels (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  layout ? fp_layout_get_title (layout) : _("No board"), -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

FpLayout *
fp_board_view_get_layout (FpBoardView *self)
{
  g_return_val_if_fail (FP_IS_BOARD_VIEW (self), NULL);
  return self->layout;
}

void
fp_board_view_set_client (FpBoardView *self,
                          FpClient    *client)
{
  g_return_if_fail (FP_IS_BOARD_VIEW (self));
  g_return_if_fail (client == NULL || FP_IS_CLIENT (client));

  if (self->client == client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      g_signal_connect (client, "controllers-changed", G_CALLBACK (on_controllers_changed), self);
      g_signal_connect (client, "pin-changed", G_CALLBACK (on_pin_changed), self);
      g_signal_connect (client, "notify::state", G_CALLBACK (on_state_changed), self);
    }
  rebuild_routes (self);
  show_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

FpClient *
fp_board_view_get_client (FpBoardView *self)
{
  g_return_val_if_fail (FP_IS_BOARD_VIEW (self), NULL);
  return self->client;
}

gboolean
fp_board_view_handle_key (FpBoardView *self,
                          guint        keyval,
                          gboolean     pressed)
{
  gpointer key = GUINT_TO_POINTER (gdk_keyval_to_lower (keyval));
  Item *item;
  FpButton *button;

  g_return_val_if_fail (FP_IS_BOARD_VIEW (self), FALSE);

  item = g_hash_table_lookup (self->keys, key);
  if (item == NULL)
    return FALSE;
  button = FP_BUTTON (item->widget);
  if (pressed)
    {
      /* Auto-repeat sends presses without releases: only the first counts. */
      if (!g_hash_table_add (self->keys_down, key))
        return TRUE;
      if (fp_button_get_kind (button) == FP_BUTTON_SWITCH)
        fp_button_set_pressed (button, !fp_button_get_pressed (button));
      else
        fp_button_set_pressed (button, TRUE);
    }
  else
    {
      g_hash_table_remove (self->keys_down, key);
      if (fp_button_get_kind (button) == FP_BUTTON_PUSH)
        fp_button_set_pressed (button, FALSE);
    }
  return TRUE;
}

GtkWidget *
_fp_board_view_get_widget (FpBoardView *self,
                           const char  *id)
{
  g_return_val_if_fail (FP_IS_BOARD_VIEW (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];

      if (g_str_equal (item->spec->id, id))
        return item->widget;
    }
  return NULL;
}

GtkWidget *
fp_board_view_new (void)
{
  return g_object_new (FP_TYPE_BOARD_VIEW, NULL);
}

/* ---- size and drawing ---------------------------------------------------- */

static void
layout_size (FpBoardView *self,
             double      *width,
             double      *height)
{
  *width = *height = 100;
  if (self->layout != NULL)
    fp_layout_get_size (self->layout, width, height);
}

static void
fp_board_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  FpBoardView *self = FP_BOARD_VIEW (widget);
  double width, height, length;

  layout_size (self, &width, &height);
  length = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
  *minimum = (int) ceil (length * min_scale (self));
  *natural = (int) ceil (length * MAX (NATURAL_SCALE, min_scale (self)));
}

/* The widget's box on the board, in layout units, centred on (x, y). */
static void
item_extent (const FpLayoutWidget *spec,
             double               *width,
             double               *height)
{
  switch (spec->kind)
    {
    case FP_LAYOUT_LED_MATRIX:
      *width = spec->size * (spec->map_x ? spec->grid_w : spec->n_cols);
      *height = spec->size * (spec->map_x ? spec->grid_h : spec->n_rows);
      break;
    case FP_LAYOUT_SWITCH:
      /* A slide switch is twice as long as it is wide. */
      *width = spec->size * 2;
      *height = spec->size;
      break;
    default:
      *width = *height = spec->size;
    }
}

/* LEDs draw at their own size (a glow around it): scale it with the board. */
static void
scale_item (const Item *item,
            double      scale)
{
  int size = MAX (4, (int) round (item->spec->size * scale));

  switch (item->spec->kind)
    {
    case FP_LAYOUT_LED:
      fp_led_set_diameter (FP_LED (item->widget), size);
      break;
    case FP_LAYOUT_RGB_LED:
      fp_rgb_led_set_diameter (FP_RGB_LED (item->widget), size);
      break;
    case FP_LAYOUT_LED_MATRIX:
      fp_led_matrix_set_pitch (FP_LED_MATRIX (item->widget), size);
      break;
    case FP_LAYOUT_BUTTON:
    case FP_LAYOUT_SWITCH:
      break;                    /* drawn to fit their allocation */
    default:
      g_assert_not_reached ();
    }
}

static void
fp_board_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  FpBoardView *self = FP_BOARD_VIEW (widget);
  double board_w, board_h;

  layout_size (self, &board_w, &board_h);
  /* Given less than its minimum, it is cut off rather than unreadable. */
  self->scale = MAX (min_scale (self), MIN (width / board_w, height / board_h));
  self->origin_x = MAX (0, (width - board_w * self->scale) / 2);
  self->origin_y = MAX (0, (height - board_h * self->scale) / 2);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];
      double w, h;
      int min_w, min_h;
      GtkAllocation box;

      scale_item (item, self->scale);
      item_extent (item->spec, &w, &h);
      gtk_widget_measure (item->widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (item->widget, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
      box.width = MAX (min_w, (int) round (w * self->scale));
      box.height = MAX (min_h, (int) round (h * self->scale));
      box.x = (int) round (self->origin_x + item->spec->x * self->scale - box.width / 2.0);
      box.y = (int) round (self->origin_y + item->spec->y * self->scale - box.height / 2.0);
      gtk_widget_size_allocate (item->widget, &box, -1);
    }
}

static GdkRGBA
rgba_from_rgb (guint32 rgb,
               double  alpha)
{
  return (GdkRGBA) { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f,
                     (rgb & 0xff) / 255.f, alpha };
}

/* Silkscreen text, centred on (x, y) in layout units. */
static void
draw_text (FpBoardView *self,
           GtkSnapshot *snapshot,
           const char  *text,
           double       x,
           double       y,
           double       size)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  static const GdkRGBA silkscreen = { 0.96, 0.96, 0.94, 0.92 };
  int width, height;

  pango_font_description_set_absolute_size (font, MAX (1.0, size * self->scale) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->origin_x + x * self->scale - width / 2.0,
                                                          self->origin_y + y * self->scale - height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &silkscreen);
  gtk_snapshot_restore (snapshot);
}

static void
draw_header (FpBoardView          *self,
             GtkSnapshot          *snapshot,
             const FpLayoutHeader *header)
{
  static const GdkRGBA plastic = { 0.08, 0.08, 0.09, 1 };
  static const GdkRGBA gold = { 0.85, 0.70, 0.35, 1 };
  double pitch = header->pitch * self->scale;
  double x0 = self->origin_x + header->x * self->scale;
  double y0 = self->origin_y + header->y * self->scale;

  gtk_snapshot_append_color (snapshot, &plastic,
                             &GRAPHENE_RECT_INIT (x0 - pitch / 2, y0 - pitch / 2,
                                                  header->cols * pitch, header->rows * pitch));
  for (guint r = 0; r < header->rows; r++)
    for (guint c = 0; c < header->cols; c++)
      {
        double size = pitch * 0.4;

        gtk_snapshot_append_color (snapshot, &gold,
                                   &GRAPHENE_RECT_INIT (x0 + c * pitch - size / 2,
                                                        y0 + r * pitch - size / 2, size, size));
      }
  if (header->label != NULL)
    {
      /* Above the header, as silkscreens do, unless that is off the board. */
      double above = header->y - header->pitch * 1.4;
      double below = header->y + (header->rows - 1) * header->pitch + header->pitch * 1.4;

      draw_text (self, snapshot, header->label, header->x + (header->cols - 1) * header->pitch / 2,
                 above - header->pitch * 0.5 >= 0 ? above : below, header_text_size (header));
    }
}

static void
fp_board_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FpBoardView *self = FP_BOARD_VIEW (widget);
  double board_w, board_h, radius;
  GskRoundedRect outline;
  GdkRGBA pcb, edge;

  if (self->layout == NULL)
    return;
  layout_size (self, &board_w, &board_h);
  radius = MIN (board_w, board_h) * 0.04 * self->scale;
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (self->origin_x, self->origin_y,
                                                        board_w * self->scale, board_h * self->scale),
                                   radius);
  pcb = rgba_from_rgb (fp_layout_get_color (self->layout), 1);
  edge = (GdkRGBA) { pcb.red * 0.6f, pcb.green * 0.6f, pcb.blue * 0.6f, 1 };
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &pcb, &outline.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { edge, edge, edge, edge });

  for (guint i = 0; i < fp_layout_get_n_headers (self->layout); i++)
    draw_header (self, snapshot, fp_layout_get_header (self->layout, i));
  for (guint i = 0; i < fp_layout_get_n_labels (self->layout); i++)
    {
      const FpLayoutLabel *label = fp_layout_get_label (self->layout, i);

      draw_text (self, snapshot, label->text, label->x, label->y, label->size);
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = self->items->pdata[i];
      double w, h;

      if (item->spec->label == NULL || *item->spec->label == '\0')
        continue;
      item_extent (item->spec, &w, &h);
      /* Under the part, as the silkscreen names it. */
      draw_text (self, snapshot, item->spec->label, item->spec->x,
                 item->spec->y + h / 2 + MAX (4.0, item->spec->size * 0.45),
                 item_text_size (item->spec));
    }
  for (guint i = 0; i < self->items->len; i++)
    gtk_widget_snapshot_child (widget, ((Item *) self->items->pdata[i])->widget, snapshot);
}

/* ---- GObject ------------------------------------------------------------- */

static void
fp_board_view_dispose (GObject *object)
{
  FpBoardView *self = (FpBoardView *) object;

  fp_board_view_set_client (self, NULL);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (fp_board_view_parent_class)->dispose (object);
}

static void
fp_board_view_finalize (GObject *object)
{
  FpBoardView *self = (FpBoardView *) object;

  g_hash_table_unref (self->keys);
  g_hash_table_unref (self->keys_down);
  g_ptr_array_unref (self->routes);
  g_array_unref (self->offsets);
  G_OBJECT_CLASS (fp_board_view_parent_class)->finalize (object);
}

static void
fp_board_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpBoardView *self = FP_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LAYOUT:
      g_value_set_object (value, self->layout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_board_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FpBoardView *self = FP_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      fp_board_view_set_client (self, g_value_get_object (value));
      break;
    case PROP_LAYOUT:
      fp_board_view_set_layout (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_board_view_class_init (FpBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_board_view_dispose;
  object_class->finalize = fp_board_view_finalize;
  object_class->get_property = fp_board_view_get_property;
  object_class->set_property = fp_board_view_set_property;
  widget_class->measure = fp_board_view_measure;
  widget_class->size_allocate = fp_board_view_size_allocate;
  widget_class->snapshot = fp_board_view_snapshot;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYOUT] =
    g_param_spec_object ("layout", NULL, NULL, FP_TYPE_LAYOUT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "boardview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_board_view_init (FpBoardView *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->keys = g_hash_table_new (NULL, NULL);
  self->keys_down = g_hash_table_new (NULL, NULL);
  self->routes = g_ptr_array_new_with_free_func (route_free);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scale = 1;
  self->smallest_text = G_MAXDOUBLE;
}
