/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl-vcd.h: Value Change Dump (IEEE 1364 §18) output, so that pin
 * recordings open in GTKWave, PulseView and sigrok-cli.
 */
#pragma once

#include "fp-client.h"

G_BEGIN_DECLS

typedef struct _FpctlVcd FpctlVcd;

/*
 * Creates @path and writes the header (one scope per controller, one wire per
 * pin in @pins, an array of (ctrl << 16 | pin) guint32 keys) and the current
 * levels from @client's cache as the values at time @t0 (ns).
 */
FpctlVcd *fpctl_vcd_new (const char *path, FpClient *client, GArray *pins, gint64 t0, GError **error);
/* Records that pin number @index of the @pins given at creation changed to @level at @t. */
void fpctl_vcd_change (FpctlVcd *vcd, guint index, gint64 t, int level);
/* Writes a final timestamp @t_end (so the last values have a length) and closes. */
gboolean fpctl_vcd_close (FpctlVcd *vcd, gint64 t_end, GError **error);

G_END_DECLS
