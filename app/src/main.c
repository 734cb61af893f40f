/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c: the frontpanel program.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FpApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = fp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
