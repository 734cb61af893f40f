/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-address.h: the "unix:PATH" / "tcp:HOST:PORT" addresses users type.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * fp_address_parse:
 * @address: "unix:PATH" or "tcp:HOST:PORT" ("tcp:[::1]:PORT" for IPv6)
 *
 * Returns: (transfer full) (nullable): something to connect to, or %NULL with
 *   a G_IO_ERROR_INVALID_ARGUMENT that quotes @address and says what is wrong.
 */
GSocketConnectable *fp_address_parse (const char *address, GError **error);

G_END_DECLS
