/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "fp-file-choice.h"

char *
fp_file_choice_take_path (GtkNativeDialog *chooser,
                          int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_object_unref (chooser);
  return path;
}
