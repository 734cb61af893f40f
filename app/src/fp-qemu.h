/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-qemu.h: one QEMU process the app started ("Start board…"), with its
 * gpio-panel on a private socket and its serial console on pipes.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FP_TYPE_QEMU (fp_qemu_get_type ())
G_DECLARE_FINAL_TYPE (FpQemu, fp_qemu, FP, QEMU, GObject)

FpQemu *fp_qemu_new (void);

/* Starts @argv (QEMU and the guest's arguments, see fp_guest_build_argv())
 * with a gpio-panel on a socket in a new mode-0700 folder of
 * $XDG_RUNTIME_DIR, the first serial port on stdin/stdout, no display and
 * no monitor. QEMU dies with this process. FALSE with @error when it
 * cannot be started at all; once started, a failure is ::exited. */
gboolean fp_qemu_start (FpQemu *self, const char * const *argv, GError **error);

/* "unix:…/panel.sock", once started. */
const char *fp_qemu_get_address (FpQemu *self);
/* The process id, while it runs (NULL before and after). */
const char *fp_qemu_get_pid (FpQemu *self);
/* The private folder, until QEMU is stopped or has exited. */
const char *fp_qemu_get_dir (FpQemu *self);

/* Sends @data to the guest's serial console (queued, never blocks). */
void fp_qemu_send (FpQemu *self, const char *data, gsize length);

/* Asks QEMU to quit (SIGTERM; SIGKILL if it has not after a few seconds)
 * and removes its folder. No ::exited after this. */
void fp_qemu_stop (FpQemu *self);

/* Signals:
 * ::output (FpQemu *self, GBytes *bytes): the guest wrote to its console.
 * ::exited (FpQemu *self, const char *message): QEMU ended by itself;
 *   @message says how (status or signal) and what QEMU printed on stderr. */

G_END_DECLS
