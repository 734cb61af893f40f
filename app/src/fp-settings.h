/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-settings.h: the app's GSettings, when its schema is installed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* NULL when the schema is not installed (running from a build tree without
 * GSETTINGS_SCHEMA_DIR): the app then works, and remembers nothing. */
GSettings *fp_settings_new (void);

/* Puts @address first in recent-addresses (at most 8, no duplicates) and
 * makes it last-address. */
void fp_settings_remember_address (GSettings *settings, const char *address);

/* Where QEMU is looked for first: the qemu-bindir setting, else the
 * -Dqemu_bindir the app was built with; NULL: only on PATH. @settings may
 * be NULL. */
char *fp_settings_get_qemu_dir (GSettings *settings);

G_END_DECLS
