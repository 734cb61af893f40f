/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-button.c: a tactile push button or a slide switch, drawn in snapshot,
 * that emits ::drive with the levels the guest's input pin should see.
 *
 * What the user does (pointer, keys, ctrl-click latch, fp_button_set_pressed)
 * decides whether the part is pressed; every change of that becomes a burst
 * of edges: one edge, or with bounce a seeded burst (fp-bounce.h) played out
 * in wall time by a GSource whose ready time is set in microseconds. The
 * frame clock is not used: at 60 Hz it is far coarser than a 5 ms bounce.
 *
 * The bounce settings are also the user's: the context menu (right-click,
 * the Menu key, Shift+F10) opens an FpBouncePopover parented to the part,
 * which lives as long as the part does and so remembers its values, the
 * ones switched off included, for as long as the board is shown.
 */
#define G_LOG_DOMAIN "fp-button"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-bounce.h"
#include "fp-bounce-popover.h"
#include "fp-button-private.h"
#include "fp-tooltip.h"

typedef struct {
  gint64 due_us;                /* monotonic time */
  int level;
} PendingEdge;

struct _FpButton
{
  GtkWidget parent_instance;

  FpButtonKind kind;
  gboolean active_low;
  char *label;
  int pin_level;                /* what the guest sees: 0, 1, or -1 unknown */

  /* A push button is down while any of these holds; a switch uses only
   * latched, as its position. */
  gboolean pointer_down;
  guint key_down;               /* the keyval held down, or 0 */
  gboolean latched;
  gboolean latch_on_release;    /* this press began with Control held */
  gboolean pressed;             /* what is drawn and driven */
  gboolean adopting;            /* in fp_button_adopt_pressed(): draw, do not drive */

  guint bounce_edges;           /* 0: none */
  guint bounce_ms;
  guint32 bounce_seed;
  guint n_changes;              /* since fp_button_set_bounce: the burst's seed offset */
  GArray *last_burst;           /* FpBounceEdge, as planned; NULL without bounce */
  GtkWidget *bounce_popover;    /* FpBouncePopover, made when first opened */

  GArray *pending;              /* PendingEdge, oldest first */
  GSource *edge_source;         /* ready when the oldest pending edge is due */
};

G_DEFINE_FINAL_TYPE (FpButton, fp_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRESSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DRIVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- edges ---------------------------------------------------------------- */

static void
rearm (FpButton *self)
{
  if (self->edge_source == NULL)
    return;
  g_source_set_ready_time (self->edge_source,
                           self->pending->len > 0 ? g_array_index (self->pending, PendingEdge, 0).due_us : -1);
}

/* Emits the pending edges due by @now (G_MAXINT64: all of them), oldest first. */
static void
emit_due (FpButton *self, gint64 now)
{
  /* A handler may destroy the widget; dispose empties the queue, which ends the loop. */
  g_object_ref (self);
  while (self->pending->len > 0)
    {
      PendingEdge edge = g_array_index (self->pending, PendingEdge, 0);

      if (edge.due_us > now)
        break;
      /* Off the queue before the signal, so that a handler that presses
       * the button (and so flushes the queue) cannot send it twice. */
      g_array_remove_index (self->pending, 0);
      g_signal_emit (self, signals[DRIVE], 0, edge.level);
    }
  rearm (self);
  g_object_unref (self);
}

static gboolean
on_edges_due (gpointer data)
{
  emit_due (data, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static gboolean
edge_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  return callback (user_data);
}

/* Only a ready time: no fds, no prepare or check. */
static GSourceFuncs edge_source_funcs = {
  .dispatch = edge_source_dispatch,
};

/* Sends the edges of one change to @level: one edge, or a bounce burst
 * whose first edge goes out now and the others at their offsets. */
static void
drive (FpButton *self, int level)
{
  g_autoptr(GArray) burst = NULL;

  g_object_ref (self);
  /* The previous change may still be bouncing. Its remaining edges go out
   * now, all of them and in order, before this change's first: dropping
   * them would leave the guest at whatever level the bounce had reached,
   * and interleaving the two bursts would show it the levels out of the
   * order they were made. A real contact, too, settles before it can be
   * moved again; only here the settling is hurried. */
  emit_due (self, G_MAXINT64);

  if (self->bounce_edges > 1)
    burst = fp_bounce_generate (level, self->bounce_edges, (gint64) self->bounce_ms * 1000,
                                self->bounce_seed + self->n_changes);
  self->n_changes++;
  g_signal_emit (self, signals[DRIVE], 0, level);
  if (burst != NULL && self->edge_source != NULL)
    {
      /* Measured after the first edge went out, so every later edge is at
       * least its offset after the first, however long the handlers took. */
      gint64 start = g_get_monotonic_time ();

      for (guint i = 1; i < burst->len; i++)
        {
          const FpBounceEdge *edge = &g_array_index (burst, FpBounceEdge, i);
          PendingEdge pending = { start + edge->offset_us, edge->level };

          g_array_append_val (self->pending, pending);
        }
      rearm (self);
    }
  g_clear_pointer (&self->last_burst, g_array_unref);
  self->last_burst = g_steal_pointer (&burst);
  g_object_unref (self);
}

/* ---- state ---------------------------------------------------------------- */

static int
level_of (FpButton *self, gboolean pressed)
{
  return pressed != self->active_low;
}

static const char *
state_text (FpButton *self)
{
  if (self->kind == FP_BUTTON_SWITCH)
    return self->pressed ? C_("switch", "on") : C_("switch", "off");
  return self->pressed ? C_("push button", "pressed") : C_("push button", "released");
}

/* Built when GTK shows it (query-tooltip), not on every change: setting a
 * tooltip costs a round trip to the display server, and the guest can
 * change the pin thousands of times a second. */
char *
_fp_button_get_tooltip (FpButton *self)
{
  g_autofree char *state = NULL;

  if (self->pin_level >= 0)
    /* Translators: a button's state ("pressed") and the level (0 or 1) the guest reads on its pin */
    state = g_strdup_printf (_("%s · guest sees %d"), state_text (self), self->pin_level);
  else
    state = g_strdup (state_text (self));
  if (self->label == NULL)
    return g_steal_pointer (&state);
  /* Translators: a button's tooltip: its name ("B1 (PC13)") and state ("released · guest sees 1") */
  return g_strdup_printf (_("%s: %s"), self->label, state);
}

static gboolean
fp_button_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip)
{
  g_autofree char *text = _fp_button_get_tooltip (FP_BUTTON (widget));

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_accessible_state (FpButton *self)
{
  if (self->kind == FP_BUTTON_SWITCH)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                 GTK_ACCESSIBLE_STATE_CHECKED, self->pressed,
                                 -1);
  else
    gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                 GTK_ACCESSIBLE_STATE_PRESSED,
                                 self->pressed ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                 -1);
}

/* Makes the part look, read and drive as the reasons it is held say. */
static void
update (FpButton *self)
{
  gboolean pressed = self->latched;

  if (self->kind == FP_BUTTON_PUSH)
    pressed |= self->pointer_down || self->key_down != 0;
  if (pressed == self->pressed)
    return;

  self->pressed = pressed;
  if (!self->adopting)
    drive (self, level_of (self, pressed));
  update_accessible_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  fp_tooltip_follow (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSED]);
}

/* A click or key press begins. On a push button it ends any latch (the
 * part stays down while held, so a latched button is released when this
 * press ends), and with Control held it latches instead, unless it was
 * latched already: ctrl-click toggles the latch. On a switch it flips. */
static void
begin_press (FpButton *self, gboolean control)
{
  if (self->kind == FP_BUTTON_SWITCH)
    {
      self->latched = !self->latched;
      return;
    }
  self->latch_on_release = control && !self->latched;
  self->latched = FALSE;
}

/* The press ends; @cancelled when GTK took it away (a grab, an unmap): then
 * it releases without latching, since the user did not finish the click. */
static void
end_press (FpButton *self, gboolean cancelled)
{
  if (self->kind == FP_BUTTON_PUSH && self->latch_on_release && !cancelled)
    self->latched = TRUE;
  self->latch_on_release = FALSE;
}

/* ---- bounce popover ------------------------------------------------------- */

/* The user changed the popover: from the next change on, the part bounces
 * so (or not at all); fp_button_set_bounce shows it back in the popover. */
static void
on_bounce_changed (FpBouncePopover *popover,
                   FpButton        *self)
{
  gboolean on;
  guint edges, ms;
  guint32 seed;

  fp_bounce_popover_get_values (popover, &on, &edges, &ms, &seed);
  fp_button_set_bounce (self, on ? edges : 0, ms, seed);
}

static void
ensure_bounce_popover (FpButton *self)
{
  FpBouncePopover *popover;

  if (self->bounce_popover != NULL)
    return;
  self->bounce_popover = fp_bounce_popover_new ();
  popover = FP_BOUNCE_POPOVER (self->bounce_popover);
  gtk_widget_set_parent (self->bounce_popover, GTK_WIDGET (self));
  fp_bounce_popover_set_part (popover, self->label);
  /* A layout's bounce, or the defaults, switched off. */
  if (self->bounce_edges > 1)
    fp_bounce_popover_set_values (popover, TRUE, self->bounce_edges, self->bounce_ms, self->bounce_seed);
  g_signal_connect_object (popover, "changed", G_CALLBACK (on_bounce_changed), self, 0);
}

/* Opens the popover pointing at @x, @y, or at the whole part when @x < 0. */
static void
show_bounce_popover (FpButton *self, double x, double y)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  ensure_bounce_popover (self);
  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->bounce_popover), &at);
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->bounce_popover), NULL);
  gtk_popover_popup (GTK_POPOVER (self->bounce_popover));
}

static void
edit_bounce_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_bounce_popover (FP_BUTTON (widget), -1, -1);
}

/* ---- input ---------------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  FpButton        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* The middle button is not ours. 0 means no event to ask (a press
   * emitted without one, as the tests do): taken as the primary's. */
  if (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_SECONDARY && button != 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (button == GDK_BUTTON_SECONDARY)
    {
      /* Claimed, so that released does nothing: the popover, not a press. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      show_bounce_popover (self, x, y);
      return;
    }
  /* Ours: a parent's gesture (scrolling, drag and drop) must not take the
   * sequence and leave the button held. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->pointer_down)
    return;
  self->pointer_down = TRUE;
  begin_press (self, (state & GDK_CONTROL_MASK) != 0);
  update (self);
}

static void
release_pointer (FpButton *self, gboolean cancelled)
{
  if (!self->pointer_down)
    return;
  self->pointer_down = FALSE;
  end_press (self, cancelled);
  update (self);
}

/* Wherever the pointer is now: the button was let go (GtkButton's
 * ::clicked would check that it is still over the widget). */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   FpButton        *self)
{
  release_pointer (self, FALSE);
}

static void
on_click_cancel (GtkGesture       *gesture,
                 GdkEventSequence *sequence,
                 FpButton         *self)
{
  release_pointer (self, TRUE);
}

static gboolean
is_activate_key (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_KP_Enter:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FpButton              *self)
{
  if (!is_activate_key (keyval))
    return FALSE;
  /* Auto-repeat sends more presses without releases: still the same press. */
  if (self->key_down != 0)
    return TRUE;
  self->key_down = keyval;
  begin_press (self, (state & GDK_CONTROL_MASK) != 0);
  update (self);
  return TRUE;
}

static void
release_key (FpButton *self, gboolean cancelled)
{
  if (self->key_down == 0)
    return;
  self->key_down = 0;
  end_press (self, cancelled);
  update (self);
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 FpButton              *self)
{
  if (keyval == self->key_down)
    release_key (self, FALSE);
}

/* The key's release goes to wherever the focus went: release now, or the
 * button would stay held. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                FpButton                *self)
{
  release_key (self, TRUE);
}

/* ---- drawing -------------------------------------------------------------- */

static const GdkRGBA metal_light = { 0.85f, 0.85f, 0.84f, 1.0f };
static const GdkRGBA metal_dark = { 0.55f, 0.55f, 0.54f, 1.0f };
static const GdkRGBA rim = { 0.0f, 0.0f, 0.0f, 0.45f };
static const GdkRGBA plastic = { 0.13f, 0.13f, 0.14f, 1.0f };
static const GdkRGBA well = { 0.07f, 0.07f, 0.08f, 1.0f };
static const GdkRGBA shadow = { 0.0f, 0.0f, 0.0f, 0.4f };
static const GdkRGBA focus_ring = { 0.21f, 0.52f, 0.89f, 0.8f };
static const GdkRGBA knob_light = { 0.33f, 0.33f, 0.36f, 1.0f };
static const GdkRGBA ridge = { 0.45f, 0.45f, 0.48f, 1.0f };
static const GskColorStop well_stops[] = {
  { 0.0f, { 0.07f, 0.07f, 0.08f, 1.0f } },
  { 0.8f, { 0.07f, 0.07f, 0.08f, 1.0f } },
  { 1.0f, { 0.13f, 0.13f, 0.14f, 1.0f } },
};
static const GskColorStop drop_stops[] = {
  { 0.0f, { 0.0f, 0.0f, 0.0f, 0.4f } },
  { 1.0f, { 0.0f, 0.0f, 0.0f, 0.4f } },
};
static const GskColorStop cap_up[] = {
  { 0.0f, { 0.50f, 0.49f, 0.53f, 1.0f } },
  { 0.45f, { 0.20f, 0.19f, 0.22f, 1.0f } },
  { 1.0f, { 0.08f, 0.08f, 0.09f, 1.0f } },
};
static const GskColorStop cap_down[] = {
  { 0.0f, { 0.22f, 0.21f, 0.24f, 1.0f } },
  { 0.6f, { 0.10f, 0.10f, 0.11f, 1.0f } },
  { 1.0f, { 0.03f, 0.03f, 0.04f, 1.0f } },
};
static const GskColorStop dot_high[] = {
  { 0.0f, { 0.80f, 1.00f, 0.85f, 1.0f } },
  { 0.45f, { 0.20f, 0.82f, 0.48f, 1.0f } },
  { 1.0f, { 0.10f, 0.55f, 0.30f, 1.0f } },
};
static const GskColorStop dot_low[] = {
  { 0.0f, { 0.36f, 0.35f, 0.39f, 1.0f } },
  { 1.0f, { 0.12f, 0.12f, 0.14f, 1.0f } },
};

static void
append_rounded (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius, const GdkRGBA *color)
{
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_border (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius, float width,
               const GdkRGBA *color)
{
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

/* A rounded rectangle lit from the top left: a linear gradient. */
static void
append_shaded (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
               const GdkRGBA *light, const GdkRGBA *dark)
{
  GskRoundedRect outline;
  const GskColorStop stops[] = { { 0.0f, *light }, { 1.0f, *dark } };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_linear_gradient (snapshot, rect,
                                       &GRAPHENE_POINT_INIT (rect->origin.x, rect->origin.y),
                                       &GRAPHENE_POINT_INIT (rect->origin.x + rect->size.width,
                                                             rect->origin.y + rect->size.height),
                                       stops, G_N_ELEMENTS (stops));
  gtk_snapshot_pop (snapshot);
}

/* A disc of radius @r at (@cx, @cy), lit from (@lx, @ly) (a radial gradient). */
static void
append_disc (GtkSnapshot *snapshot, float cx, float cy, float r, float lx, float ly,
             const GskColorStop *stops, gsize n_stops)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r);
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, &bounds, r);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_radial_gradient (snapshot, &bounds, &GRAPHENE_POINT_INIT (lx, ly),
                                       2 * r, 2 * r, 0.0f, 1.0f, stops, n_stops);
  gtk_snapshot_pop (snapshot);
}

static void
append_ring (GtkSnapshot *snapshot, float cx, float cy, float r, float width, const GdkRGBA *color)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r);

  append_border (snapshot, &bounds, r, width, color);
}

/* The level the guest sees: a lit green dot for 1, a dark one for 0, an
 * empty ring when unknown. */
static void
append_pin_dot (FpButton *self, GtkSnapshot *snapshot, float cx, float cy, float r)
{
  if (self->pin_level == 1)
    append_disc (snapshot, cx, cy, r, cx - r / 3, cy - r / 3, dot_high, G_N_ELEMENTS (dot_high));
  else if (self->pin_level == 0)
    append_disc (snapshot, cx, cy, r, cx - r / 3, cy - r / 3, dot_low, G_N_ELEMENTS (dot_low));
  append_ring (snapshot, cx, cy, r, MAX (1.0f, r / 4), &rim);
}

/* A 12 mm tactile switch seen from above: four legs, a black base, a
 * metal plate, and a round cap in a dark well. Pressed, the cap sinks:
 * smaller, darker, no shadow. */
static void
snapshot_push (FpButton *self, GtkSnapshot *snapshot, float w, float h)
{
  float s = MIN (w, h);
  float b = s * 0.84f;                          /* the body, without legs */
  float x = (w - b) / 2, y = (h - b) / 2;
  float cx = w / 2, cy = h / 2;
  float leg_w = (s - b) / 2 + b * 0.1f, leg_h = b * 0.1f;
  graphene_rect_t body = GRAPHENE_RECT_INIT (x, y, b, b);
  graphene_rect_t plate = GRAPHENE_RECT_INIT (x + b * 0.05f, y + b * 0.05f, b * 0.9f, b * 0.9f);
  float cap;

  for (int i = 0; i < 4; i++)
    {
      graphene_rect_t leg = GRAPHENE_RECT_INIT (i % 2 ? w / 2 + b / 2 - b * 0.1f : (w - s) / 2,
                                                y + b * (i / 2 ? 0.72f : 0.18f), leg_w, leg_h);

      append_shaded (snapshot, &leg, 0, &metal_light, &metal_dark);
      append_border (snapshot, &leg, 0, 1, &rim);
    }
  append_rounded (snapshot, &body, b * 0.08f, &plastic);
  append_shaded (snapshot, &plate, b * 0.06f, &metal_light, &metal_dark);
  append_border (snapshot, &plate, b * 0.06f, 1, &rim);

  append_disc (snapshot, cx, cy, b * 0.36f, cx, cy, well_stops, G_N_ELEMENTS (well_stops));
  if (!self->pressed)
    {
      cap = b * 0.30f;
      append_disc (snapshot, cx + b * 0.02f, cy + b * 0.04f, cap, cx, cy, drop_stops, G_N_ELEMENTS (drop_stops));
      append_disc (snapshot, cx, cy, cap, cx - cap * 0.4f, cy - cap * 0.45f, cap_up, G_N_ELEMENTS (cap_up));
    }
  else
    {
      cap = b * 0.27f;
      append_disc (snapshot, cx, cy, cap, cx - cap * 0.2f, cy - cap * 0.2f, cap_down, G_N_ELEMENTS (cap_down));
    }
  append_ring (snapshot, cx, cy, cap, 1, &rim);

  append_pin_dot (self, snapshot, x + b * 0.85f, y + b * 0.15f, b * 0.075f);
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    append_border (snapshot, &body, b * 0.08f, 2, &focus_ring);
}

/* A slide switch seen from above: a metal frame with a slot, and a black
 * ridged knob at the left (off) or the right (on). */
static void
snapshot_switch (FpButton *self, GtkSnapshot *snapshot, float w, float h)
{
  float u = MIN (w / 1.75f, h);                 /* the part fits in 1.75 u × u */
  float fw = 1.75f * u, fh = u * 0.8f;
  float x = (w - fw) / 2, y = (h - fh) / 2;
  graphene_rect_t frame = GRAPHENE_RECT_INIT (x, y, fw, fh);
  graphene_rect_t slot = GRAPHENE_RECT_INIT (x + u * 0.16f, y + fh / 2 - u * 0.17f,
                                             fw - u * 0.32f, u * 0.34f);
  float kw = slot.size.width * 0.5f, kh = u * 0.48f;
  float kx = self->pressed ? slot.origin.x + slot.size.width - kw : slot.origin.x;
  graphene_rect_t knob = GRAPHENE_RECT_INIT (kx, y + fh / 2 - kh / 2, kw, kh);
  graphene_rect_t knob_shadow = GRAPHENE_RECT_INIT (kx + u * 0.02f, knob.origin.y + u * 0.04f, kw, kh);

  append_shaded (snapshot, &frame, u * 0.1f, &metal_light, &metal_dark);
  append_border (snapshot, &frame, u * 0.1f, 1, &rim);
  append_rounded (snapshot, &slot, u * 0.05f, &well);

  append_rounded (snapshot, &knob_shadow, u * 0.06f, &shadow);
  append_shaded (snapshot, &knob, u * 0.06f, &knob_light, &plastic);
  append_border (snapshot, &knob, u * 0.06f, 1, &rim);
  for (int i = 1; i <= 3; i++)
    {
      graphene_rect_t line = GRAPHENE_RECT_INIT (kx + kw * i / 4 - 0.5f, knob.origin.y + kh * 0.2f,
                                                 MAX (1.0f, u * 0.03f), kh * 0.6f);

      gtk_snapshot_append_color (snapshot, &ridge, &line);
    }

  append_pin_dot (self, snapshot, x + fw - u * 0.12f, y + u * 0.12f, u * 0.06f);
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    append_border (snapshot, &frame, u * 0.1f, 2, &focus_ring);
}

static void
fp_button_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  FpButton *self = FP_BUTTON (widget);
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  gboolean sensitive = gtk_widget_is_sensitive (widget);

  if (!sensitive)
    gtk_snapshot_push_opacity (snapshot, 0.5);
  if (self->kind == FP_BUTTON_SWITCH)
    snapshot_switch (self, snapshot, w, h);
  else
    snapshot_push (self, snapshot, w, h);
  if (!sensitive)
    gtk_snapshot_pop (snapshot);
}

static void
fp_button_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  FpButton *self = FP_BUTTON (widget);

  if (self->kind == FP_BUTTON_SWITCH && orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 35, *natural = 56;
  else if (self->kind == FP_BUTTON_SWITCH)
    *minimum = 20, *natural = 32;
  else
    *minimum = 24, *natural = 40;
}

/* Focus rings and the insensitive look are drawn here, so redraw when
 * those states change (a plain press changes no state flag). */
static void
fp_button_state_flags_changed (GtkWidget     *widget,
                               GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_INSENSITIVE))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (fp_button_parent_class)->state_flags_changed (widget, previous);
}

/* A popover is placed by its parent, at every allocation. */
static void
fp_button_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  FpButton *self = FP_BUTTON (widget);

  if (self->bounce_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->bounce_popover));
}

/* ---- API ------------------------------------------------------------------ */

GtkWidget *
fp_button_new (FpButtonKind kind,
               gboolean     active_low)
{
  FpButton *self;

  g_return_val_if_fail (kind == FP_BUTTON_PUSH || kind == FP_BUTTON_SWITCH, NULL);

  self = g_object_new (FP_TYPE_BUTTON,
                       "accessible-role", kind == FP_BUTTON_SWITCH ? GTK_ACCESSIBLE_ROLE_SWITCH
                                                                   : GTK_ACCESSIBLE_ROLE_BUTTON,
                       NULL);
  self->kind = kind;
  self->active_low = !!active_low;
  gtk_widget_add_css_class (GTK_WIDGET (self), kind == FP_BUTTON_SWITCH ? "switch" : "push");
  update_accessible_state (self);
  return GTK_WIDGET (self);
}

FpButtonKind
fp_button_get_kind (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), FP_BUTTON_PUSH);
  return self->kind;
}

gboolean
fp_button_get_active_low (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), FALSE);
  return self->active_low;
}

void
fp_button_set_label (FpButton   *self,
                     const char *label)
{
  g_return_if_fail (FP_IS_BUTTON (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (self->bounce_popover != NULL)
    fp_bounce_popover_set_part (FP_BOUNCE_POPOVER (self->bounce_popover), label);
}

void
fp_button_set_bounce (FpButton *self,
                      guint     edges,
                      guint     ms,
                      guint32   seed)
{
  g_return_if_fail (FP_IS_BUTTON (self));
  g_return_if_fail (edges == 0 || edges % 2 == 1);
  g_return_if_fail (edges <= 1 || (gint64) ms * 1000 >= (gint64) edges - 1);

  /* What the old settings still owe is sent first: the new ones start
   * from a settled level, at n = 0. */
  emit_due (self, G_MAXINT64);
  self->bounce_edges = edges;
  self->bounce_ms = ms;
  self->bounce_seed = seed;
  self->n_changes = 0;
  /* The popover shows what the part does, whoever set it; switched off,
   * it keeps the values it had, for switching on again. */
  if (self->bounce_popover != NULL && edges > 1)
    fp_bounce_popover_set_values (FP_BOUNCE_POPOVER (self->bounce_popover), TRUE, edges, ms, seed);
  else if (self->bounce_popover != NULL)
    fp_bounce_popover_set_on (FP_BOUNCE_POPOVER (self->bounce_popover), FALSE);
}

guint
fp_button_get_bounce (FpButton *self,
                      guint    *ms,
                      guint32  *seed)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), 0);

  if (ms != NULL)
    *ms = self->bounce_ms;
  if (seed != NULL)
    *seed = self->bounce_seed;
  return self->bounce_edges;
}

gboolean
fp_button_get_pressed (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), FALSE);
  return self->pressed;
}

/* On a push button, pressed here stays pressed, like a latch, until
 * unpressed here or by the next click; unpressed lets go of everything,
 * a pointer or key still held included (their release then does nothing). */
void
fp_button_set_pressed (FpButton *self,
                       gboolean  pressed)
{
  g_return_if_fail (FP_IS_BUTTON (self));

  self->latched = !!pressed;
  if (!pressed)
    {
      self->pointer_down = FALSE;
      self->key_down = 0;
    }
  self->latch_on_release = FALSE;
  update (self);
}

void
fp_button_set_pin_level (FpButton *self,
                         int       level)
{
  g_return_if_fail (FP_IS_BUTTON (self));

  level = level == 0 || level == 1 ? level : -1;
  if (self->pin_level == level)
    return;
  self->pin_level = level;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  fp_tooltip_follow (GTK_WIDGET (self));
}

void
fp_button_adopt_pressed (FpButton *self,
                         gboolean  pressed)
{
  g_return_if_fail (FP_IS_BUTTON (self));

  /* A hand on the part, or a bounce still going out, knows better than a
   * state that may not show it yet. */
  if (!!pressed == self->pressed || self->pointer_down || self->key_down != 0 || self->pending->len > 0)
    return;
  self->adopting = TRUE;
  fp_button_set_pressed (self, pressed);
  self->adopting = FALSE;
}

gboolean
_fp_button_get_latched (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), FALSE);
  return self->kind == FP_BUTTON_PUSH && self->latched;
}

GArray *
_fp_button_get_last_burst (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), NULL);
  return self->last_burst;
}

guint
_fp_button_get_n_pending (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), 0);
  return self->pending->len;
}

GtkPopover *
_fp_button_get_bounce_popover (FpButton *self)
{
  g_return_val_if_fail (FP_IS_BUTTON (self), NULL);
  return (GtkPopover *) self->bounce_popover;
}

/* ---- GObject -------------------------------------------------------------- */

static void
fp_button_dispose (GObject *object)
{
  FpButton *self = (FpButton *) object;

  /* Edges still pending are dropped, not sent: nobody listens any more. */
  g_array_set_size (self->pending, 0);
  g_clear_pointer (&self->bounce_popover, gtk_widget_unparent);
  if (self->edge_source != NULL)
    g_source_destroy (self->edge_source);
  g_clear_pointer (&self->edge_source, g_source_unref);
  G_OBJECT_CLASS (fp_button_parent_class)->dispose (object);
}

static void
fp_button_finalize (GObject *object)
{
  FpButton *self = (FpButton *) object;

  g_free (self->label);
  g_clear_pointer (&self->last_burst, g_array_unref);
  g_array_unref (self->pending);
  G_OBJECT_CLASS (fp_button_parent_class)->finalize (object);
}

static void
fp_button_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FpButton *self = FP_BUTTON (object);

  switch (prop_id)
    {
    case PROP_PRESSED:
      g_value_set_boolean (value, self->pressed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_button_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FpButton *self = FP_BUTTON (object);

  switch (prop_id)
    {
    case PROP_PRESSED:
      fp_button_set_pressed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_button_class_init (FpButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_button_dispose;
  object_class->finalize = fp_button_finalize;
  object_class->get_property = fp_button_get_property;
  object_class->set_property = fp_button_set_property;

  widget_class->snapshot = fp_button_snapshot;
  widget_class->measure = fp_button_measure;
  widget_class->state_flags_changed = fp_button_state_flags_changed;
  widget_class->query_tooltip = fp_button_query_tooltip;
  widget_class->size_allocate = fp_button_size_allocate;

  properties[PROP_PRESSED] =
    g_param_spec_boolean ("pressed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DRIVE] =
    g_signal_new ("drive", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "button.edit-bounce", NULL, edit_bounce_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "button.edit-bounce", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "button.edit-bounce", NULL);

  gtk_widget_class_set_css_name (widget_class, "panelbutton");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
fp_button_init (FpButton *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->pin_level = -1;
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingEdge));
  self->edge_source = g_source_new (&edge_source_funcs, sizeof (GSource));
  g_source_set_static_name (self->edge_source, "[fp-button] bounce edges");
  /* Ahead of redraws and relayouts, which would otherwise delay edges by a frame. */
  g_source_set_priority (self->edge_source, G_PRIORITY_HIGH);
  g_source_set_callback (self->edge_source, on_edges_due, self, NULL);
  g_source_attach (self->edge_source, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Shift+F10 or the Menu key opens the switch bounce settings"),
                                  -1);

  /* Every button: the secondary one opens the bounce popover. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  g_signal_connect (click, "cancel", G_CALLBACK (on_click_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
