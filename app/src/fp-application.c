/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-application.c: command line, actions shared by the windows, and their
 * keyboard shortcuts.
 *
 * The application is not unique: each instance shows the board at its own
 * address, so a second `frontpanel --connect …` must not be forwarded to the
 * first. The address is checked before GTK starts, so that a typo gives a
 * message and exit status 2 without needing a display. Without an address
 * the window asks for one. --start BOARD starts a bundled guest instead (QEMU
 * and the firmware are looked for before GTK starts, too).
 */
#define G_LOG_DOMAIN "fp-application"

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "fp-address.h"
#include "fp-application.h"
#include "fp-guest.h"
#include "fp-layout.h"
#include "fp-settings.h"
#include "fp-window.h"

/* Translatable messages spell it out: xgettext does not expand macros. */
#define ADDRESS_ENV "FRONTPANEL_ADDRESS"

/* Exit status for a usage error, as fpctl. */
#define EXIT_USAGE 2
/* Exit status when there is no display to open: build-aux/demo.sh then
 * runs the board headless. */
#define EXIT_NO_DISPLAY 3

struct _FpApplication
{
  GtkApplication parent_instance;

  char *address;                /* from --connect or the environment, or NULL */
  char *layout_request;         /* from --layout, as fp_window_set_layout_request() takes it */
  FpGuest *start;               /* from --start */
  char *start_help;             /* --start's line in --help: names the boards */
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, GTK_TYPE_APPLICATION)

/* --layout takes a bundled board's name, "auto", or a file. A file is only
 * looked for here; what is wrong inside it is shown in the window. */
static char *
layout_request_from_option (const char  *value,
                            GError     **error)
{
  const char * const *boards = fp_layout_list_boards ();
  g_autofree char *list = NULL;

  if (g_strv_contains (boards, value))
    return g_strconcat ("board:", value, NULL);
  if (g_str_equal (value, "auto"))
    return g_strdup ("auto");
  if (g_file_test (value, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *path = g_canonicalize_filename (value, NULL);

      return g_strconcat ("file:", path, NULL);
    }
  list = g_strjoinv (", ", (char **) boards);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s are the value given, then the list of bundled boards */
               _("--layout '%s': no such file, and not a bundled board (%s) or 'auto'"), value, list);
  return NULL;
}

/* The bundled guest --start names, checked down to its QEMU and firmware;
 * NULL with @error (G_OPTION_ERROR for a name that is not a bundled
 * guest). */
static FpGuest *
guest_from_option (const char  *value,
                   GError     **error)
{
  g_autoptr(FpGuest) guest = fp_guest_new_bundled (value);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *qemu_dir = NULL;
  g_auto(GStrv) argv = NULL;

  if (guest == NULL)
    {
      g_auto(GStrv) names = fp_guest_list_names ();
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s are the value given, then the list of bundled boards */
                   _("--start '%s': not a bundled board (%s)"), value, list);
      return NULL;
    }
  settings = fp_settings_new ();
  qemu_dir = fp_settings_get_qemu_dir (settings);
  argv = fp_guest_build_argv (guest, qemu_dir, error);
  if (argv == NULL)
    {
      g_prefix_error (error, "--start %s: ", value);
      return NULL;
    }
  return g_steal_pointer (&guest);
}

/* An exit status, or -1 to go on. */
static int
parse_local_options (FpApplication *self,
                     GVariantDict  *options)
{
  g_autoptr(GError) error = NULL;
  const char *address = NULL;
  const char *layout = NULL;
  const char *start = NULL;

  if (g_variant_dict_lookup (options, "layout", "^&ay", &layout))
    {
      self->layout_request = layout_request_from_option (layout, &error);
      if (self->layout_request == NULL)
        {
          g_printerr ("frontpanel: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  if (g_variant_dict_lookup (options, "start", "&s", &start))
    {
      if (g_variant_dict_contains (options, "connect"))
        {
          g_printerr ("frontpanel: %s\n", _("--start and --connect: one or the other"));
          return EXIT_USAGE;
        }
      self->start = guest_from_option (start, &error);
      if (self->start == NULL)
        {
          g_printerr ("frontpanel: %s\n", error->message);
          return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE
                                                                                   : EXIT_FAILURE;
        }
      /* The board it starts is what the window shows, whatever
       * FRONTPANEL_ADDRESS says. */
      return -1;
    }
  if (!g_variant_dict_lookup (options, "connect", "&s", &address))
    address = g_getenv (ADDRESS_ENV);
  if (address != NULL && *address != '\0')
    {
      g_autoptr(GSocketConnectable) connectable = fp_address_parse (address, &error);

      if (connectable == NULL)
        {
          g_printerr ("frontpanel: %s\n", error->message);
          return EXIT_USAGE;
        }
      self->address = g_strdup (address);
    }
  return -1;
}

/* GTK's own failure is a warning and exit (1) deep in startup: say what is
 * wrong, and what to do, before it gets there. */
static gboolean
check_display (void)
{
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *x11 = g_getenv ("DISPLAY");

  if (gtk_init_check ())
    return TRUE;
  if ((wayland == NULL || *wayland == '\0') && (x11 == NULL || *x11 == '\0'))
    g_printerr ("frontpanel: %s\n",
                _("no display: neither WAYLAND_DISPLAY nor DISPLAY is set. Run it in a desktop "
                  "session, or use fpctl to play the board without a window"));
  else
    {
      /* Translators: %s is a display name, e.g. ":0" or "wayland-0" */
      g_autofree char *message = g_strdup_printf (_("cannot open the display %s: is its session "
                                                    "running, and may this user use it? (root, "
                                                    "for one, may not use another user's "
                                                    "desktop: run the panel as that user)"),
                                                  wayland != NULL && *wayland != '\0' ? wayland : x11);

      g_printerr ("frontpanel: %s\n", message);
    }
  return FALSE;
}

static int
fp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  int status = parse_local_options (FP_APPLICATION (app), options);

  if (status >= 0)
    return status;
  if (!check_display ())
    return EXIT_NO_DISPLAY;
  return G_APPLICATION_CLASS (fp_application_parent_class)->handle_local_options (app, options);
}

/* A window for @address, or asking for one when NULL. */
static void
open_window (FpApplication *self,
             const char    *address)
{
  FpWindow *window = fp_window_new (GTK_APPLICATION (self), NULL);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  if (self->start != NULL)
    {
      /* Once: a new window asks. */
      g_autoptr(FpGuest) guest = g_steal_pointer (&self->start);

      if (!fp_window_start_guest (window, guest, &error))
        g_printerr ("frontpanel: %s\n", error->message);
    }
  /* After starting: --layout wins over the guest's own. */
  if (self->layout_request != NULL)
    fp_window_set_layout_request (window, self->layout_request);
  if (fp_window_get_client (window) != NULL)
    return;
  if (address == NULL)
    fp_window_show_connect_dialog (window);
  else if (!fp_window_connect (window, address, &error))
    g_critical ("%s", error->message);    /* checked in handle_local_options */
}

static void
fp_application_activate (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    open_window (self, self->address);
  else
    gtk_window_present (window);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  open_window (FP_APPLICATION (user_data), NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window saves its size and closes its connection. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* SIGINT (Ctrl-C in the terminal), SIGTERM, SIGHUP: quit as Ctrl+Q does, so
 * that the boards the windows started stop and leave no folder behind. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} shortcuts[] = {
  { "app.new-window", { "<Control>n", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.start-board", { "<Control>b", NULL } },
  { "win.connect", { "<Control>l", NULL } },
  { "win.resync", { "<Control>r", NULL } },
  { "win.open-layout", { "<Control>o", NULL } },
  { "win.show-pin-table", { "F9", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
fp_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (fp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  g_unix_signal_add (SIGINT, on_quit_signal, app);
  g_unix_signal_add (SIGTERM, on_quit_signal, app);
  g_unix_signal_add (SIGHUP, on_quit_signal, app);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), shortcuts[i].action,
                                           shortcuts[i].accels);
}

static void
fp_application_finalize (GObject *object)
{
  FpApplication *self = (FpApplication *) object;

  g_free (self->address);
  g_free (self->layout_request);
  g_clear_pointer (&self->start, fp_guest_free);
  g_free (self->start_help);
  G_OBJECT_CLASS (fp_application_parent_class)->finalize (object);
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fp_application_finalize;
  app_class->handle_local_options = fp_application_handle_local_options;
  app_class->startup = fp_application_startup;
  app_class->activate = fp_application_activate;
}

static void
fp_application_init (FpApplication *self)
{
  g_auto(GStrv) guests = fp_guest_list_names ();
  g_autofree char *list = g_strjoinv (", ", guests);

  g_application_add_main_option (G_APPLICATION (self), "connect", 'c', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Where QEMU's gpio-panel listens: unix:PATH or tcp:HOST:PORT "
                                   "(default: $FRONTPANEL_ADDRESS)"),
                                 _("ADDRESS"));
  g_application_add_main_option (G_APPLICATION (self), "layout", 'l', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("The panel layout: a bundled board (e.g. microbit), 'auto', "
                                   "or a layout file (default: the board that serves the machine)"),
                                 _("BOARD|FILE"));
  /* Translators: %s is the list of bundled boards */
  self->start_help = g_strdup_printf (_("Start QEMU on a bundled board (%s) with its demo "
                                        "firmware, and show it"), list);
  g_application_add_main_option (G_APPLICATION (self), "start", 's', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING, self->start_help, _("BOARD"));
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
