/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-button.h: a push button or a toggle switch that drives a guest input.
 *
 * A push button is momentary: pressed while the pointer (or its key) is
 * down; ctrl-click (or Ctrl+Space) latches it until the next click. A
 * switch flips on each click. Either way the widget emits ::drive with
 * the level to put on the pin (active_low decides which level "pressed"
 * is), once per edge, in order: with bounce on, a press or release is a
 * burst of edges spread over bounce_ms milliseconds of wall time, the last
 * one settling at the new level, reproducible from the seed. The user sets
 * the bounce in the part's context menu (right-click, Menu, Shift+F10: the
 * action "button.edit-bounce"), a layout with fp_button_set_bounce.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  FP_BUTTON_PUSH,
  FP_BUTTON_SWITCH,
} FpButtonKind;

#define FP_TYPE_BUTTON (fp_button_get_type ())
G_DECLARE_FINAL_TYPE (FpButton, fp_button, FP, BUTTON, GtkWidget)

GtkWidget *fp_button_new (FpButtonKind kind, gboolean active_low);

FpButtonKind fp_button_get_kind (FpButton *self);
gboolean fp_button_get_active_low (FpButton *self);
/* Accessible name and tooltip ("B1 (PC13)"). */
void fp_button_set_label (FpButton *self, const char *label);
/* 0 edges: no bounce. Else odd (the last edge settles), spread over @ms.
 *
 * Reproducible: the n-th change after this call (n = 0, 1, 2…, presses and
 * releases alike) bounces at the offsets of fp_bounce_generate (level,
 * @edges, @ms * 1000, @seed + n), from its first edge; so a session
 * recorded with its seed replays identically, and a press and release
 * bounce as `fpctl set --hold … --bounce-edges @edges --seed @seed` does
 * on one pin (seed, then seed + 1). A change that comes while the previous
 * one still bounces first sends that one's remaining edges at once. */
void fp_button_set_bounce (FpButton *self, guint edges, guint ms, guint32 seed);
/* The bounce as set: the edge count (0: none), and @ms and @seed. */
guint fp_button_get_bounce (FpButton *self, guint *ms, guint32 *seed);

/* Pressed (push button held or latched; switch on). Setting it drives the
 * pin as a click would, bounce included; a push button set pressed stays
 * so, like a latch, until set released or clicked. Also the "pressed"
 * property. */
gboolean fp_button_get_pressed (FpButton *self);
void fp_button_set_pressed (FpButton *self, gboolean pressed);

/* The level the guest currently sees on the pin (from pin events): drawn as
 * a small indicator, so a button the guest overrides is visible. */
void fp_button_set_pin_level (FpButton *self, int level);

/* Shows @pressed (a push button latched) without driving the pin: for a
 * drive the panel already holds, such as one that outlived a reconnect
 * (QEMU keeps the panel's drives across connections, as wires). */
void fp_button_adopt_pressed (FpButton *self, gboolean pressed);

/* Signal ::drive (FpButton *self, int level, gpointer user_data): put
 * @level (0 or 1) on the pin, now. */

G_END_DECLS
