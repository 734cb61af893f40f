/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-pin-table.h: every controller and pin a client knows, as a table.
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-client.h"

G_BEGIN_DECLS

#define FP_TYPE_PIN_TABLE (fp_pin_table_get_type ())
G_DECLARE_FINAL_TYPE (FpPinTable, fp_pin_table, FP, PIN_TABLE, GtkWidget)

GtkWidget *fp_pin_table_new (void);

FpClient *fp_pin_table_get_client (FpPinTable *self);
/* Shows @client's cache from now on; %NULL empties the table. */
void fp_pin_table_set_client (FpPinTable *self, FpClient *client);

G_END_DECLS
