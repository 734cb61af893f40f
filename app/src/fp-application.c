/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-application.c: command line, and one window per process.
 *
 * The application is not unique: each instance shows the board at its own
 * address, so a second `frontpanel --connect …` must not be forwarded to the
 * first. The address is checked before GTK starts, so that a typo gives a
 * message and exit status 2 without needing a display.
 */
#define G_LOG_DOMAIN "fp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-application.h"
#include "fp-client.h"
#include "fp-window.h"

/* Translatable messages spell it out: xgettext does not expand macros. */
#define ADDRESS_ENV "FRONTPANEL_ADDRESS"

/* Exit status for a usage error, as fpctl. */
#define EXIT_USAGE 2

struct _FpApplication
{
  GtkApplication parent_instance;

  FpClient *client;
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, GTK_TYPE_APPLICATION)

static int
fp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  FpApplication *self = FP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *address = NULL;

  if (!g_variant_dict_lookup (options, "connect", "&s", &address))
    address = g_getenv (ADDRESS_ENV);
  if (address == NULL || *address == '\0')
    {
      g_printerr ("frontpanel: %s\n",
                  /* Translators: FRONTPANEL_ADDRESS is an environment variable; keep it as is */
                  _("no address: use --connect unix:PATH (or tcp:HOST:PORT), or set FRONTPANEL_ADDRESS"));
      return EXIT_USAGE;
    }

  self->client = fp_client_new (address, &error);
  if (self->client == NULL)
    {
      g_printerr ("frontpanel: %s\n", error->message);
      return EXIT_USAGE;
    }
  fp_client_set_name (self->client, "frontpanel " PACKAGE_VERSION);
  fp_client_set_reconnect (self->client, TRUE);

  return G_APPLICATION_CLASS (fp_application_parent_class)->handle_local_options (app, options);
}

static void
fp_application_activate (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (fp_window_new (GTK_APPLICATION (app), self->client));
      fp_client_start (self->client);
    }
  gtk_window_present (window);
}

static void
fp_application_shutdown (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);

  if (self->client != NULL)
    fp_client_close (self->client);
  G_APPLICATION_CLASS (fp_application_parent_class)->shutdown (app);
}

static void
fp_application_dispose (GObject *object)
{
  FpApplication *self = (FpApplication *) object;

  g_clear_object (&self->client);
  G_OBJECT_CLASS (fp_application_parent_class)->dispose (object);
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = fp_application_dispose;
  app_class->handle_local_options = fp_application_handle_local_options;
  app_class->activate = fp_application_activate;
  app_class->shutdown = fp_application_shutdown;
}

static void
fp_application_init (FpApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "connect", 'c', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Where QEMU's gpio-panel listens: unix:PATH or tcp:HOST:PORT "
                                   "(default: $FRONTPANEL_ADDRESS)"),
                                 _("ADDRESS"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show the GPIO pins of a QEMU board."));
}

FpApplication *
fp_application_new (void)
{
  return g_object_new (FP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/frontpanel/FrontPanel",
                       NULL);
}
