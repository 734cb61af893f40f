/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * peer-board.h: the tiny board fp-test-peer models in place of a QEMU
 * machine: its controllers and pins, read from a JSON board file, and a
 * "guest" that mirrors inputs to outputs and blinks LEDs.
 *
 * The model knows nothing about sockets: it reports every change of a pin's
 * effective state (PROTOCOL.md §3.2) to one listener, which decides what to
 * put on the wire.
 */
#pragma once

#include <glib.h>

#include "fp-message.h"

G_BEGIN_DECLS

typedef struct _PeerBoard PeerBoard;

/*
 * Who caused a change. The server may coalesce changes the guest makes when
 * the panel does not keep up (§3.3), but never the effects of a panel
 * command: those must be on the wire before the command's pong (§4).
 */
typedef enum {
  PEER_CAUSE_GUEST,
  PEER_CAUSE_PANEL,
} PeerCause;

/*
 * Called after the effective state of pin @pin of controller @ctrl changed;
 * @state->t is the virtual time of the change.
 */
typedef void (*PeerPinChangedFunc) (guint              ctrl,
                                    guint              pin,
                                    const FpPinState  *old_state,
                                    const FpPinState  *state,
                                    PeerCause          cause,
                                    gpointer           user_data);

PeerBoard *peer_board_load (const char *filename, GError **error);
void peer_board_free (PeerBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PeerBoard, peer_board_free)

void peer_board_set_listener (PeerBoard          *board,
                              PeerPinChangedFunc  func,
                              gpointer            user_data);

const char *peer_board_get_machine (const PeerBoard *board);
const char *peer_board_get_qemu (const PeerBoard *board);
/* The #FpControllerInfo of the board, in board file order. */
GPtrArray *peer_board_get_controllers (const PeerBoard *board);
/* Index of the controller called @id, or -1. */
int peer_board_find_controller (const PeerBoard *board, const char *id);

/* Pins are also numbered 0..n_pins-1 across all controllers, in dump order. */
guint peer_board_get_n_pins (const PeerBoard *board);
guint peer_board_pin_index (const PeerBoard *board, guint ctrl, guint pin);
const FpPinState *peer_board_get_pin (const PeerBoard *board, guint ctrl, guint pin);
gboolean peer_board_pin_is_output (const PeerBoard *board, guint ctrl, guint pin);

/* What the panel does (set / release: @level FP_LEVEL_Z). */
void peer_board_panel_drive (PeerBoard *board, guint ctrl, guint pin,
                             int level, gint64 t);

/* What the guest does. */
void peer_board_guest_output (PeerBoard *board, guint ctrl, guint pin,
                              int level, gint64 t);
void peer_board_guest_toggle (PeerBoard *board, guint ctrl, guint pin, gint64 t);
void peer_board_guest_input (PeerBoard *board, guint ctrl, guint pin, gint64 t);
void peer_board_guest_pull (PeerBoard *board, guint ctrl, guint pin,
                            FpPull pull, gint64 t);

/*
 * A guest reset: every pin goes back to its board file configuration, the
 * panel's drives stay (§3.4). Silent: the caller sends a state dump.
 */
void peer_board_reset (PeerBoard *board, gint64 t);

/* Virtual time of the next blink toggle, or -1 when nothing blinks. */
gint64 peer_board_next_blink (const PeerBoard *board);
/* Performs every blink toggle due at or before @now, each at its own time. */
void peer_board_run_blinks (PeerBoard *board, gint64 now);

G_END_DECLS
