/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-duty.h: what a pin's recent levels look like to the eye, from its
 * events' virtual timestamps: the fraction of a window of virtual time it
 * was lit (a frame's brightness), and its frequency and duty cycle.
 *
 * Plain GLib, no GTK, so that it is unit-tested without a display. O(1)
 * per event and a fixed size: an LED can be fed a million events a second.
 * Virtual time only: the guest's timing, not the host's, decides what the
 * LED shows, however fast or slow QEMU runs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rising edges kept for the frequency: FP_DUTY_RISES - 1 whole periods. */
#define FP_DUTY_RISES 9

/* How far back the frequency looks, in virtual ns: two seconds, so that the
 * classic 1 Hz blink still has two rising edges in it. */
#define FP_DUTY_HORIZON_NS (2 * G_GINT64_CONSTANT (1000000000))

/* The least virtual time a brightness is measured over, in ns: about the
 * eye's flicker fusion. A frame (16.7 ms at 60 Hz, less on faster screens)
 * is shorter than a period of the 50 Hz PWM of the micro:bit's
 * write_analog(), which would flicker between frames; a 10 Hz blink still
 * blinks. */
#define FP_DUTY_PERSISTENCE_NS (30 * G_GINT64_CONSTANT (1000000))

/* Past windows kept to make up FP_DUTY_PERSISTENCE_NS: enough for 4 ms
 * frames. */
#define FP_DUTY_PAST 8

/* A closed window's totals. */
typedef struct {
  gint64 length, high, low;
  guint high_changes, low_changes;
} FpDutyWindow;

/* The state of one pin's estimator; an open struct so that it can live
 * inside a widget without an allocation. Only the functions touch it. */
typedef struct {
  int level;                    /* last level fed: 0, 1 or FP_LEVEL_Z */
  gboolean timed;               /* an event was fed since the reset: t holds */
  gint64 t;                     /* the last event's virtual time */
  gint64 high, low;             /* total time at 1 and at 0, up to t */

  gboolean window_open;         /* from is set (else it is the next event's t) */
  gint64 from;                  /* the window's start */
  gint64 from_high, from_low;   /* high and low at from */
  guint high_changes;           /* level changes into or out of 1 since from */
  guint low_changes;            /* ... into or out of 0 */
  FpDutyWindow past[FP_DUTY_PAST];  /* the windows before, a ring */
  guint n_past, next_past;

  gint64 rise_t[FP_DUTY_RISES];     /* the latest rising edges, a ring */
  gint64 rise_high[FP_DUTY_RISES];  /* high at each of them */
  gint64 rise_low[FP_DUTY_RISES];   /* low at each of them */
  guint n_rises, next_rise;
} FpDuty;

/* Sets up @self, or forgets everything: the level is unknown (not lit)
 * until the next event. For a guest reset, a new connection, a pin that
 * went away. */
void fp_duty_reset (FpDuty *self);

/* The pin reached @level (0, 1 or FP_LEVEL_Z) at virtual time @t. */
void fp_duty_push (FpDuty *self, int level, gint64 t);

/* The last level fed, FP_LEVEL_Z before any. */
int fp_duty_get_level (const FpDuty *self);
/* Whether the pin is lit now: at 1, or at 0 with @active_low. */
gboolean fp_duty_get_lit (const FpDuty *self, gboolean active_low);
/* The last event's virtual time, 0 before any. */
gint64 fp_duty_get_time (const FpDuty *self);

/* Closes the window at @from and starts the next one there (@from is
 * clamped to the last event's time: the past before it is not kept).
 * Before any event, the window starts at the first one. */
void fp_duty_begin_window (FpDuty *self, gint64 from);

/* The fraction of the window [from, @to] the pin was lit: at 1, or at 0
 * with @active_low; hi-Z is never lit. @to is clamped to the last event's
 * time; an empty window gives the current lit level, 0 or 1. */
double fp_duty_lit_fraction (const FpDuty *self, gint64 to, gboolean active_low);

/* The brightness to draw for the window [from, last event], made up to
 * FP_DUTY_PERSISTENCE_NS with the end of the windows before it (a share of
 * a longer one). When the pin was lit and unlit within that at least twice
 * (it blinks faster than the eye follows), its lit fraction: over the
 * last whole periods if it is a PWM too slow for the window to hold many
 * periods (so that where the window's ends fall does not make it shimmer),
 * else over the window. Otherwise its current lit level, 0 or 1: a slow
 * blink is crisp, never a grey average of a window that happens to
 * straddle its edge; a short pulse still shows, dimmed. */
double fp_duty_brightness (const FpDuty *self, gboolean active_low);

/* Frequency (Hz) and duty cycle (share of the period at 1, 0.0-1.0) over
 * the last whole periods, measured from rising edges that happened in the
 * last FP_DUTY_HORIZON_NS before @now (the latest virtual time the caller
 * knows). FALSE, and nothing set, with fewer than two such edges. */
gboolean fp_duty_get_frequency (const FpDuty *self, gint64 now, double *hz, double *duty);

/* "1.00 kHz", "50.0 Hz", "250 Hz": three significant digits. */
void fp_duty_format_frequency (char *buf, gsize size, double hz);

G_END_DECLS
