/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl.c: entry point, global options, and the helpers every command uses.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fpctl.h"

static char *opt_connect;
static char *opt_retry;
static gboolean opt_version;

static const GOptionEntry global_entries[] = {
  { "connect", 'c', 0, G_OPTION_ARG_STRING, &opt_connect,
    "QEMU's panel socket: unix:PATH or tcp:HOST:PORT (default: $" FPCTL_ADDRESS_ENV ")", "ADDR" },
  { "retry", 'r', 0, G_OPTION_ARG_STRING, &opt_retry,
    "Keep trying to connect for this long (e.g. 10s) instead of failing at once", "DURATION" },
  { "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
  { NULL }
};

static const struct {
  const char *name;
  int (*run) (Fpctl *, int, char **);
  const char *summary;
} commands[] = {
  { "info", fpctl_cmd_info, "list controllers and the state of every pin" },
  { "get", fpctl_cmd_get, "print pin levels" },
  { "set", fpctl_cmd_set, "drive input pins from the panel side" },
  { "release", fpctl_cmd_release, "stop driving pins (hi-Z)" },
  { "monitor", fpctl_cmd_monitor, "print pin changes as they happen; write VCD" },
  { "wait", fpctl_cmd_wait, "wait until pins reach levels (for test scripts)" },
  { "ping", fpctl_cmd_ping, "measure round trips to QEMU" },
};

static const char exit_codes_help[] =
  "Exit status:\n"
  "  0  success\n"
  "  1  timeout: wait did not see the levels, monitor not the --count events\n"
  "  2  usage error on the command line\n"
  "  3  cannot connect, connection lost, or incompatible QEMU\n"
  "  4  no such controller or pin, or QEMU rejected a command\n";

void
fpctl_finish (Fpctl *ctl, int code)
{
  if (ctl->exit_code < 0)
    ctl->exit_code = code;
  if (g_main_loop_is_running (ctl->loop))
    g_main_loop_quit (ctl->loop);
}

void
fpctl_fail (Fpctl *ctl, int code, const char *fmt, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (ctl->exit_code < 0)
    g_printerr ("fpctl: %s\n", text);
  fpctl_finish (ctl, code);
}

int
fpctl_run (Fpctl *ctl)
{
  if (ctl->exit_code < 0)
    g_main_loop_run (ctl->loop);
  return ctl->exit_code;
}

static void
state_changed_cb (FpClient *client, GParamSpec *pspec, Fpctl *ctl)
{
  switch (fp_client_get_state (client))
    {
    case FP_CLIENT_STATE_READY:
      ctl->was_ready = TRUE;
      break;
    case FP_CLIENT_STATE_FAILED:
      fpctl_fail (ctl, FPCTL_EXIT_CONNECTION, "%s", fp_client_get_status (client));
      break;
    case FP_CLIENT_STATE_WAITING:
      if (ctl->was_ready && !ctl->survive_loss)
        fpctl_fail (ctl, FPCTL_EXIT_CONNECTION, "%s", fp_client_get_status (client));
      break;
    default:
      break;
    }
}

static void
server_error_cb (FpClient *client, int code, const char *message, gboolean has_id, guint64 id,
                 Fpctl *ctl)
{
  fpctl_fail (ctl, FPCTL_EXIT_TARGET, "QEMU rejected a command (%s): %s",
              fp_protocol_error_to_string (code), message);
}

static void
bad_line_cb (FpClient *client, const char *message, Fpctl *ctl)
{
  g_printerr ("fpctl: warning: ignored a line from QEMU: %s\n", message);
}

static void
connected_cb (FpClient *client, gboolean has_id, guint64 id, Fpctl *ctl)
{
  if (!has_id && g_main_loop_is_running (ctl->loop))
    g_main_loop_quit (ctl->loop);
}

/* Sources like this one stay attached; whoever added them removes them after the loop. */
static gboolean
connect_deadline_cb (gpointer data)
{
  Fpctl *ctl = data;

  fpctl_fail (ctl, FPCTL_EXIT_CONNECTION, "gave up: %s", fp_client_get_status (ctl->client));
  return G_SOURCE_CONTINUE;
}

gboolean
fpctl_connect (Fpctl *ctl)
{
  g_autoptr(GError) error = NULL;
  gulong handler;
  guint deadline = 0;

  if (ctl->address == NULL)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE,
                  "no address: use --connect unix:PATH (or tcp:HOST:PORT), or set " FPCTL_ADDRESS_ENV);
      return FALSE;
    }
  ctl->client = fp_client_new (ctl->address, &error);
  if (ctl->client == NULL)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  fp_client_set_name (ctl->client, "fpctl " PACKAGE_VERSION);
  fp_client_set_reconnect (ctl->client, ctl->retry_us > 0);
  g_signal_connect (ctl->client, "notify::state", G_CALLBACK (state_changed_cb), ctl);
  g_signal_connect (ctl->client, "server-error", G_CALLBACK (server_error_cb), ctl);
  g_signal_connect (ctl->client, "bad-line", G_CALLBACK (bad_line_cb), ctl);
  handler = g_signal_connect (ctl->client, "synced", G_CALLBACK (connected_cb), ctl);
  if (ctl->retry_us > 0)
    deadline = g_timeout_add ((guint) MIN (ctl->retry_us / 1000, G_MAXUINT), connect_deadline_cb, ctl);

  fp_client_start (ctl->client);
  if (ctl->exit_code < 0)
    g_main_loop_run (ctl->loop);

  g_clear_handle_id (&deadline, g_source_remove);
  g_signal_handler_disconnect (ctl->client, handler);
  return ctl->exit_code < 0;
}

gboolean
fpctl_parse_duration (const char *text, gint64 *out_us, GError **error)
{
  static const struct { const char *suffix; double scale; } units[] = {
    { "us", 1 }, { "ms", 1e3 }, { "s", 1e6 }, { "min", 60e6 }, { "", 1e6 },
  };
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end != text && isfinite (v) && v >= 0)
    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      if (strcmp (end, units[i].suffix) == 0 && v * units[i].scale < 1e15)
        {
          *out_us = (gint64) llround (v * units[i].scale);
          return TRUE;
        }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "'%s' is not a duration (examples: 2s, 150ms, 500us; a bare number is seconds)", text);
  return FALSE;
}

gboolean
fpctl_duration_option (Fpctl *ctl, const char *command, const char *option, const char *text,
                       gint64 *out_us)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL || fpctl_parse_duration (text, out_us, &error))
    return TRUE;
  fpctl_fail (ctl, FPCTL_EXIT_USAGE, "%s: --%s: %s", command, option, error->message);
  return FALSE;
}

gboolean
fpctl_parse_level (const char *text, gboolean allow_z, int *out)
{
  if (!g_ascii_strcasecmp (text, "1") || !g_ascii_strcasecmp (text, "high"))
    *out = 1;
  else if (!g_ascii_strcasecmp (text, "0") || !g_ascii_strcasecmp (text, "low"))
    *out = 0;
  else if (allow_z && (!g_ascii_strcasecmp (text, "z") || !g_ascii_strcasecmp (text, "hi-z")))
    *out = FP_LEVEL_Z;
  else
    return FALSE;
  return TRUE;
}

const char *
fpctl_level_string (int level)
{
  return level == FP_LEVEL_Z ? "z" : level ? "1" : "0";
}

static void
clear_pin (gpointer data)
{
  g_free (((FpctlPin *) data)->token);
}

void
fpctl_no_controller (Fpctl *ctl, const char *id)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < fp_client_get_n_controllers (ctl->client); i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", fp_client_get_controller (ctl->client, i)->id);
  fpctl_fail (ctl, FPCTL_EXIT_TARGET, "no controller '%s' on %s (it has: %s)", id,
              fp_client_get_machine (ctl->client), known->len ? known->str : "none");
}

typedef struct {
  Fpctl *ctl;
  guint64 id;
  gint64 t;
  gboolean done;
} Barrier;

static void
barrier_pong_cb (FpClient *client, guint64 id, gint64 t, Barrier *barrier)
{
  if (id != barrier->id)
    return;
  barrier->t = t;
  barrier->done = TRUE;
  if (g_main_loop_is_running (barrier->ctl->loop))
    g_main_loop_quit (barrier->ctl->loop);
}

gint64
fpctl_virtual_now (Fpctl *ctl)
{
  Barrier barrier = { ctl, 0, -1, FALSE };
  gulong handler;

  if (fp_client_get_state (ctl->client) != FP_CLIENT_STATE_READY)
    return -1;
  handler = g_signal_connect (ctl->client, "pong", G_CALLBACK (barrier_pong_cb), &barrier);
  /* The main loop may already have been told to end: iterate by hand, until the pong or a loss. */
  barrier.id = fp_client_ping (ctl->client);
  while (barrier.id && !barrier.done && fp_client_get_state (ctl->client) == FP_CLIENT_STATE_READY)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (ctl->client, handler);
  return barrier.t;
}

gboolean
fpctl_barrier (Fpctl *ctl)
{
  Barrier barrier = { ctl, 0, -1, FALSE };
  gulong handler = g_signal_connect (ctl->client, "pong", G_CALLBACK (barrier_pong_cb), &barrier);

  barrier.id = fp_client_ping (ctl->client);
  if (barrier.id == 0)
    fpctl_fail (ctl, FPCTL_EXIT_CONNECTION, "%s", fp_client_get_status (ctl->client));
  else if (ctl->exit_code < 0)
    g_main_loop_run (ctl->loop);
  g_signal_handler_disconnect (ctl->client, handler);
  return ctl->exit_code < 0;
}

/* "gpioa has pins 0-15 (PA0-PA15)" */
static char *
describe_pins (const FpControllerInfo *info)
{
  const char *first = fp_controller_info_pin_name (info, 0);
  const char *last = fp_controller_info_pin_name (info, info->n_pins - 1);

  if (first && last)
    return g_strdup_printf ("%s has pins 0-%u (%s-%s)", info->id, info->n_pins - 1, first, last);
  return g_strdup_printf ("%s has pins 0-%u", info->id, info->n_pins - 1);
}

int
fpctl_resolve_pins (Fpctl *ctl, const char *ctrl, char **args, gboolean want_value,
                    gboolean allow_z, GArray **pins_out)
{
  g_autoptr(GArray) pins = g_array_new (FALSE, TRUE, sizeof (FpctlPin));
  int index = fp_client_find_controller (ctl->client, ctrl);
  const FpControllerInfo *info;

  g_array_set_clear_func (pins, clear_pin);
  if (index < 0)
    {
      fpctl_no_controller (ctl, ctrl);
      return -1;
    }
  info = fp_client_get_controller (ctl->client, index);
  for (guint i = 0; args[i]; i++)
    {
      FpctlPin pin = { NULL, 0, -2 };
      const char *eq = strchr (args[i], '=');
      int p;

      if (want_value != (eq != NULL))
        {
          fpctl_fail (ctl, FPCTL_EXIT_USAGE, want_value ? "'%s': expected PIN=VALUE" : "'%s': expected a pin, without '='",
                      args[i]);
          return -1;
        }
      pin.token = eq ? g_strndup (args[i], eq - args[i]) : g_strdup (args[i]);
      g_array_append_val (pins, pin);
      if (eq && !fpctl_parse_level (eq + 1, allow_z, &g_array_index (pins, FpctlPin, i).level))
        {
          fpctl_fail (ctl, FPCTL_EXIT_USAGE, "'%s': the value must be 0, 1, low or high%s",
                      args[i], allow_z ? ", or z" : "");
          return -1;
        }
      if ((p = fp_client_find_pin (ctl->client, index, pin.token)) < 0)
        {
          g_autofree char *range = describe_pins (info);
          fpctl_fail (ctl, FPCTL_EXIT_TARGET, "no pin '%s': %s", pin.token, range);
          return -1;
        }
      g_array_index (pins, FpctlPin, i).pin = (guint) p;
    }
  *pins_out = g_steal_pointer (&pins);
  return index;
}

gboolean
fpctl_parse_options (Fpctl *ctl, const char *command, const char *args_help, const char *summary,
                     const GOptionEntry *entries, int *argc, char ***argv)
{
  g_autofree char *usage = g_strdup_printf ("%s %s", command, args_help);
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;
  GOptionGroup *globals = g_option_group_new ("global", "Global options", "Show global options", NULL, NULL);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, exit_codes_help);
  if (entries)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_group_add_entries (globals, global_entries);
  g_option_context_add_group (context, globals);
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "%s: %s (see 'fpctl %s --help')", command, error->message, command);
      return FALSE;
    }
  *argc = (int) g_strv_length (*argv);
  /* Global options may come after the command too. */
  if (opt_version)
    {
      g_print ("fpctl %s (protocol version %d)\n", PACKAGE_VERSION, FP_PROTOCOL_VERSION);
      fpctl_finish (ctl, FPCTL_EXIT_OK);
      return FALSE;
    }
  if (opt_connect)
    {
      g_free (ctl->address);
      ctl->address = g_strdup (opt_connect);
    }
  return fpctl_duration_option (ctl, command, "retry", opt_retry, &ctl->retry_us);
}

static int
usage_error (const char *problem)
{
  g_printerr ("fpctl: %s (see 'fpctl --help')\n", problem);
  return FPCTL_EXIT_USAGE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) description = g_string_new ("Commands:\n");
  g_auto(GStrv) args = NULL;
  Fpctl ctl = { 0 };
  int code = FPCTL_EXIT_USAGE;
  int n_args;

  setlocale (LC_ALL, "");
  /* fpctl speaks English, but what it passes on from the library (a bad
   * address, why a connection failed) comes in the user's language, as
   * GLib's own messages do. No textdomain(): fpctl has no strings of its own
   * in the catalogue, and the library asks for its domain by name. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (description, "  %-9s %s\n", commands[i].name, commands[i].summary);
  g_string_append_printf (description, "\nRun 'fpctl COMMAND --help' for a command's options.\n\n%s",
                          exit_codes_help);
  context = g_option_context_new ("COMMAND [ARGS…]");
  g_option_context_set_summary (context, "Drive and watch the GPIO pins of a QEMU board served by gpio-panel.");
  g_option_context_set_description (context, description->str);
  g_option_context_add_main_entries (context, global_entries, NULL);
  /* Stop at the command: its own options are parsed by the command. */
  g_option_context_set_strict_posix (context, TRUE);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (error->message);
  n_args = (int) g_strv_length (args);
  if (opt_version)
    {
      g_print ("fpctl %s (protocol version %d)\n", PACKAGE_VERSION, FP_PROTOCOL_VERSION);
      return FPCTL_EXIT_OK;
    }
  if (n_args < 2)
    return usage_error ("no command given");

  ctl.exit_code = -1;
  ctl.address = g_strdup (opt_connect ? opt_connect : g_getenv (FPCTL_ADDRESS_ENV));
  ctl.loop = g_main_loop_new (NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (args[1], commands[i].name) == 0)
      {
        /* The command sees itself as argv[0], like a program of its own. */
        code = commands[i].run (&ctl, n_args - 1, args + 1);
        goto out;
      }
  {
    g_autofree char *problem = g_strdup_printf ("unknown command '%s'", args[1]);
    usage_error (problem);
  }

out:
  if (ctl.client)
    fp_client_close (ctl.client);
  g_clear_object (&ctl.client);
  g_main_loop_unref (ctl.loop);
  g_free (ctl.address);
  g_free (opt_connect);
  g_free (opt_retry);
  return code;
}
