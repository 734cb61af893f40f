/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-client-private.h: for the tests, which check the reconnect backoff
 * without waiting it out.
 */
#pragma once

#include "fp-client.h"

G_BEGIN_DECLS

/* The delay of the reconnect attempt now scheduled, in ms; 0 when none is. */
guint _fp_client_get_retry_delay (FpClient *self);
/* Makes the scheduled attempt at once; FALSE when none is scheduled. */
gboolean _fp_client_retry_now (FpClient *self);

G_END_DECLS
