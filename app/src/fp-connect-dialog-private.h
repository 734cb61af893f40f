/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "fp-connect-dialog.h"

G_BEGIN_DECLS

GtkEditable *_fp_connect_dialog_get_entry (FpConnectDialog *self);
GtkLabel *_fp_connect_dialog_get_error_label (FpConnectDialog *self);
GtkListBox *_fp_connect_dialog_get_recent_list (FpConnectDialog *self);
GtkButton *_fp_connect_dialog_get_connect_button (FpConnectDialog *self);

G_END_DECLS
