/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-address.h: the "unix:PATH" / "tcp:HOST:PORT" addresses users type.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SECTION:fp-address
 * @title: Addresses
 * @short_description: the addresses of QEMU's panel sockets
 *
 * QEMU's gpio-panel device listens on a Unix socket or a TCP port; users
 * name it "unix:PATH" or "tcp:HOST:PORT", on the command line of fpctl and
 * the app and in the app's connect dialog.
 */

/**
 * fp_address_parse:
 * @address: "unix:PATH" or "tcp:HOST:PORT" ("tcp:[::1]:PORT" for IPv6)
 * @error: a %G_IO_ERROR_INVALID_ARGUMENT when @address is malformed
 *
 * Parses an address; the port of a TCP address must be given. The error
 * message, in the user's language, quotes @address and says what is wrong.
 *
 * Returns: (transfer full) (nullable): something to connect to, or %NULL
 *   with @error set
 */
GSocketConnectable *fp_address_parse (const char *address, GError **error);

G_END_DECLS
