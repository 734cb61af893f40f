/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl-monitor.c: "monitor" (print and record pin changes) and "wait"
 * (block until pins reach levels: the primitive of firmware tests).
 */
#include "config.h"

#include <glib-unix.h>

#include "fpctl-vcd.h"
#include "fpctl.h"

#define PIN_KEY(ctrl, pin) (((guint32) (ctrl) << 16) | (pin))

typedef struct {
  Fpctl *ctl;
  GArray *pins;                 /* PIN_KEY of every watched pin */
  GHashTable *watched;          /* PIN_KEY -> index in pins + 1 */
  gboolean json;
  int count;                    /* stop after this many changes; 0 = never */
  int seen;
  FpctlVcd *vcd;
  gint64 last_t;
} Monitor;

/* Once the command has finished, the rest of a read chunk must not be reported. */
static gboolean
finished (Monitor *mon)
{
  return mon->ctl->exit_code >= 0;
}

static void
print_time (gint64 t)
{
  g_print ("%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT " ", t / 1000000000, t % 1000000000);
}

static void
print_json (FpMessage *msg)
{
  g_autofree char *line = fp_message_encode (msg);

  g_print ("%s\n", line);
}

static void
pin_changed_cb (FpClient *client, guint ctrl, guint pin, gboolean initial, Monitor *mon)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (mon->watched, GUINT_TO_POINTER (PIN_KEY (ctrl, pin))));
  const FpControllerInfo *info = fp_client_get_controller (client, ctrl);
  const FpPinState *st = fp_client_get_pin (client, ctrl, pin);

  if (initial || index == 0 || finished (mon))
    return;
  mon->last_t = MAX (mon->last_t, st->t);
  if (mon->json)
    {
      g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_PIN);

      msg->ctrl = g_strdup (info->id);
      msg->pin = pin;
      msg->state = *st;
      msg->t = st->t;
      print_json (msg);
    }
  else
    {
      const char *name = fp_controller_info_pin_name (info, pin);
      const char *pull = fp_pull_to_string (st->pull);

      print_time (st->t);
      g_print ("%s %u %s %s dir=%s drive=%s pull=%s panel=%s\n", info->id, pin, name ? name : "-",
               fpctl_level_string (st->level), fp_direction_to_string (st->dir),
               fp_drive_to_string (st->drive), pull ? pull : "?",
               st->panel == FP_LEVEL_Z ? "-" : fpctl_level_string (st->panel));
    }
  if (mon->vcd)
    fpctl_vcd_change (mon->vcd, index - 1, st->t, st->level);
  if (mon->count > 0 && ++mon->seen >= mon->count)
    fpctl_finish (mon->ctl, FPCTL_EXIT_OK);
}

static void
dropped_cb (FpClient *client, guint ctrl, guint pin, guint64 edges, gint64 t, Monitor *mon)
{
  const FpControllerInfo *info = fp_client_get_controller (client, ctrl);

  if (!g_hash_table_contains (mon->watched, GUINT_TO_POINTER (PIN_KEY (ctrl, pin))) || finished (mon))
    return;
  if (mon->json)
    {
      g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_DROPPED);

      msg->ctrl = g_strdup (info->id);
      msg->pin = pin;
      msg->edges = edges;
      msg->t = t;
      print_json (msg);
      return;
    }
  print_time (t);
  g_print ("%s %u dropped %" G_GUINT64_FORMAT " edges (QEMU coalesced them: the panel read too slowly)\n",
           info->id, pin, edges);
}

static void
reset_cb (FpClient *client, gint64 t, Monitor *mon)
{
  if (finished (mon))
    return;
  if (mon->json)
    {
      g_autoptr(FpMessage) msg = fp_message_new (FP_MESSAGE_RESET);

      msg->t = t;
      print_json (msg);
      return;
    }
  print_time (t);
  g_print ("reset\n");
}

static void
controllers_changed_cb (FpClient *client, Monitor *mon)
{
  /* Only a reconnect brings a new hello; the watched pins may not exist any more. */
  fpctl_fail (mon->ctl, FPCTL_EXIT_CONNECTION, "QEMU restarted; stopping");
}

static gboolean
stop_cb (gpointer data)
{
  Monitor *mon = data;

  fpctl_finish (mon->ctl, mon->count > 0 && mon->seen < mon->count ? FPCTL_EXIT_TIMEOUT : FPCTL_EXIT_OK);
  return G_SOURCE_CONTINUE;     /* removed by fpctl_cmd_monitor() */
}

/* Fills @mon->pins from "[CTRL [PIN…]]". */
static gboolean
select_pins (Monitor *mon, int argc, char **argv)
{
  FpClient *client = mon->ctl->client;

  if (argc >= 3)
    {
      g_autoptr(GArray) pins = NULL;
      int ctrl = fpctl_resolve_pins (mon->ctl, argv[1], argv + 2, FALSE, FALSE, &pins);

      if (ctrl < 0)
        return FALSE;
      for (guint i = 0; i < pins->len; i++)
        {
          guint32 key = PIN_KEY (ctrl, g_array_index (pins, FpctlPin, i).pin);

          if (g_hash_table_contains (mon->watched, GUINT_TO_POINTER (key)))
            continue;           /* named twice: one wire */
          g_array_append_val (mon->pins, key);
          g_hash_table_insert (mon->watched, GUINT_TO_POINTER (key), GUINT_TO_POINTER (mon->pins->len));
        }
      return TRUE;
    }
  for (guint c = 0; c < fp_client_get_n_controllers (client); c++)
    {
      if (argc == 2 && g_strcmp0 (argv[1], fp_client_get_controller (client, c)->id) != 0)
        continue;
      for (guint p = 0; p < fp_client_get_controller (client, c)->n_pins; p++)
        {
          guint32 key = PIN_KEY (c, p);
          g_array_append_val (mon->pins, key);
          g_hash_table_insert (mon->watched, GUINT_TO_POINTER (key), GUINT_TO_POINTER (mon->pins->len));
        }
    }
  if (mon->pins->len == 0)
    {
      if (argc == 2)
        fpctl_no_controller (mon->ctl, argv[1]);
      else
        fpctl_fail (mon->ctl, FPCTL_EXIT_TARGET, "%s has no GPIO controllers", fp_client_get_machine (client));
      return FALSE;
    }
  return TRUE;
}

/* The latest virtual time the cache knows of, for the start of a recording. */
static gint64
latest_time (FpClient *client)
{
  gint64 t = 0;

  for (guint c = 0; c < fp_client_get_n_controllers (client); c++)
    for (guint p = 0; p < fp_client_get_controller (client, c)->n_pins; p++)
      t = MAX (t, fp_client_get_pin (client, c, p)->t);
  return t;
}

int
fpctl_cmd_monitor (Fpctl *ctl, int argc, char **argv)
{
  static char *opt_timeout, *opt_vcd;
  static int opt_count;
  static gboolean opt_json;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &opt_count, "Exit after N pin changes", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_STRING, &opt_timeout,
      "Exit after this long (wall-clock time); with --count, exit 1 if fewer changes came", "DURATION" },
    { "vcd", 0, 0, G_OPTION_ARG_FILENAME, &opt_vcd, "Also record the levels to FILE as a Value Change Dump", "FILE" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &opt_json, "Print protocol events (JSON lines) instead of text", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) watched = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (guint32));
  Monitor mon = { ctl, pins, watched, FALSE, 0, 0, NULL, 0 };
  gint64 timeout_us = 0;
  guint sigint, sigterm, timer = 0;

  if (!fpctl_parse_options (ctl, "monitor", "[CTRL [PIN…]]",
                            "Print one line per pin change, stamped with QEMU's virtual time in seconds:\n"
                            "  T CTRL PIN NAME LEVEL dir=… drive=… pull=… panel=…\n"
                            "Without arguments every pin of every controller is watched.\n"
                            "Ctrl-C ends the recording cleanly.", entries, &argc, &argv))
    return ctl->exit_code;
  if (!fpctl_duration_option (ctl, "monitor", "timeout", opt_timeout, &timeout_us))
    return ctl->exit_code;
  if (opt_count < 0)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "monitor: --count must not be negative");
      return ctl->exit_code;
    }
  mon.json = opt_json;
  mon.count = opt_count;
  if (!fpctl_connect (ctl) || !select_pins (&mon, argc, argv))
    return ctl->exit_code;

  mon.last_t = latest_time (ctl->client);
  if (opt_vcd && !(mon.vcd = fpctl_vcd_new (opt_vcd, ctl->client, pins, mon.last_t, &error)))
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "monitor: %s", error->message);
      return ctl->exit_code;
    }
  g_signal_connect (ctl->client, "pin-changed", G_CALLBACK (pin_changed_cb), &mon);
  g_signal_connect (ctl->client, "dropped", G_CALLBACK (dropped_cb), &mon);
  g_signal_connect (ctl->client, "guest-reset", G_CALLBACK (reset_cb), &mon);
  g_signal_connect (ctl->client, "controllers-changed", G_CALLBACK (controllers_changed_cb), &mon);
  sigint = g_unix_signal_add (SIGINT, stop_cb, &mon);
  sigterm = g_unix_signal_add (SIGTERM, stop_cb, &mon);
  if (timeout_us > 0)
    timer = g_timeout_add ((guint) MIN (timeout_us / 1000, G_MAXUINT), stop_cb, &mon);

  fpctl_run (ctl);

  g_clear_handle_id (&timer, g_source_remove);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (ctl->client, &mon);
  if (mon.vcd)
    {
      /* End the recording at QEMU's present, so that the last levels have
       * their length; 1 ns at least when virtual time stands still (a
       * stopped or qtest-stepped QEMU), or readers such as sigrok drop the
       * last change. */
      gint64 now = fpctl_virtual_now (ctl);

      if (!fpctl_vcd_close (mon.vcd, MAX (now, mon.last_t + 1), &error))
        {
          g_printerr ("fpctl: monitor: %s\n", error->message);
          return FPCTL_EXIT_USAGE;
        }
    }
  return ctl->exit_code;
}

typedef struct {
  Fpctl *ctl;
  char **args;                  /* CTRL PIN=LEVEL… as given */
  int ctrl;
  GArray *pins;
  gboolean any;
} Wait;

/* Matches the arguments against the current hello: after a reconnect, indexes may differ. */
static gboolean
resolve_wait (Wait *w)
{
  g_clear_pointer (&w->pins, g_array_unref);
  w->ctrl = fpctl_resolve_pins (w->ctl, w->args[1], w->args + 2, TRUE, TRUE, &w->pins);
  return w->ctrl >= 0;
}

static void
check_wait (Wait *w)
{
  guint met = 0;

  /* Only a complete cache counts: during a dump, pins not yet sent read as z. */
  if (fp_client_get_state (w->ctl->client) != FP_CLIENT_STATE_READY || w->pins == NULL)
    return;
  for (guint i = 0; i < w->pins->len; i++)
    {
      const FpctlPin *pin = &g_array_index (w->pins, FpctlPin, i);
      const FpPinState *st = fp_client_get_pin (w->ctl->client, w->ctrl, pin->pin);

      if (st && st->level == pin->level)
        met++;
    }
  if (met == w->pins->len || (w->any && met > 0))
    fpctl_finish (w->ctl, FPCTL_EXIT_OK);
}

static void
wait_pin_changed_cb (FpClient *client, guint ctrl, guint pin, gboolean initial, Wait *w)
{
  if ((int) ctrl == w->ctrl)
    check_wait (w);
}

static void
wait_state_cb (FpClient *client, GParamSpec *pspec, Wait *w)
{
  if (fp_client_get_state (client) == FP_CLIENT_STATE_READY && resolve_wait (w))
    check_wait (w);
}

static gboolean
wait_timeout_cb (gpointer data)
{
  Wait *w = data;

  fpctl_finish (w->ctl, FPCTL_EXIT_TIMEOUT);
  return G_SOURCE_CONTINUE;     /* removed by fpctl_cmd_wait() */
}

int
fpctl_cmd_wait (Fpctl *ctl, int argc, char **argv)
{
  static char *opt_timeout;
  static gboolean opt_any;
  const GOptionEntry entries[] = {
    { "timeout", 't', 0, G_OPTION_ARG_STRING, &opt_timeout,
      "Give up after this long (wall-clock time) and exit 1", "DURATION" },
    { "any", 'a', 0, G_OPTION_ARG_NONE, &opt_any, "Succeed when any one pin has its level, not all", NULL },
    { NULL }
  };
  Wait w = { ctl, NULL, -1, NULL, FALSE };
  gint64 timeout_us = 0;
  guint timer = 0;

  if (!fpctl_parse_options (ctl, "wait", "CTRL PIN=LEVEL…",
                            "Wait until every PIN shows LEVEL (0, 1 or z), then exit 0; exit 1 on --timeout.\n"
                            "Levels already reached count at once. With --retry, a QEMU that is not up yet\n"
                            "or restarts meanwhile is waited for too.", entries, &argc, &argv))
    return ctl->exit_code;
  if (!fpctl_duration_option (ctl, "wait", "timeout", opt_timeout, &timeout_us))
    return ctl->exit_code;
  if (argc < 3)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "wait: expected CTRL and at least one PIN=LEVEL");
      return ctl->exit_code;
    }
  /* The timeout covers connecting too: a test wants one bound on the whole wait. */
  if (timeout_us > 0)
    timer = g_timeout_add ((guint) MIN (timeout_us / 1000, G_MAXUINT), wait_timeout_cb, &w);
  ctl->survive_loss = TRUE;
  w.args = argv;
  w.any = opt_any;
  if (fpctl_connect (ctl) && resolve_wait (&w))
    {
      g_signal_connect (ctl->client, "pin-changed", G_CALLBACK (wait_pin_changed_cb), &w);
      g_signal_connect (ctl->client, "notify::state", G_CALLBACK (wait_state_cb), &w);
      check_wait (&w);
      fpctl_run (ctl);
      g_signal_handlers_disconnect_by_data (ctl->client, &w);
    }
  g_clear_handle_id (&timer, g_source_remove);
  g_clear_pointer (&w.pins, g_array_unref);
  return ctl->exit_code;
}
