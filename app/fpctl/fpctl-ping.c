/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl-ping.c: "ping": round trips through QEMU's main loop, one in flight
 * at a time, with percentiles.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "fpctl.h"

typedef struct {
  Fpctl *ctl;
  int count;
  gint64 interval_us;
  gboolean quiet;
  GArray *rtts;                 /* gint64 µs */
  guint64 id;
  gint64 sent_at;
} Ping;

static void send_next (Ping *ping);

static gboolean
send_next_cb (gpointer data)
{
  send_next (data);
  return G_SOURCE_REMOVE;
}

static void
send_next (Ping *ping)
{
  ping->sent_at = g_get_monotonic_time ();
  ping->id = fp_client_ping (ping->ctl->client);
  if (ping->id == 0)
    fpctl_fail (ping->ctl, FPCTL_EXIT_CONNECTION, "%s", fp_client_get_status (ping->ctl->client));
}

static void
pong_cb (FpClient *client, guint64 id, gint64 t, Ping *ping)
{
  gint64 rtt = g_get_monotonic_time () - ping->sent_at;

  if (id != ping->id)
    return;
  g_array_append_val (ping->rtts, rtt);
  if (!ping->quiet)
    g_print ("pong %u: %" G_GINT64_FORMAT " us (virtual time %" G_GINT64_FORMAT " ns)\n",
             ping->rtts->len, rtt, t);
  if ((int) ping->rtts->len >= ping->count)
    fpctl_finish (ping->ctl, FPCTL_EXIT_OK);
  else if (ping->interval_us > 0)
    g_timeout_add ((guint) MAX (ping->interval_us / 1000, 1), send_next_cb, ping);
  else
    send_next (ping);
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted @v. */
static gint64
percentile (GArray *v, double p)
{
  guint rank = (guint) ceil (p / 100.0 * v->len);

  return g_array_index (v, gint64, MAX (rank, 1u) - 1);
}

int
fpctl_cmd_ping (Fpctl *ctl, int argc, char **argv)
{
  static int opt_count = 10;
  static char *opt_interval;
  static gboolean opt_quiet;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &opt_count, "Send N pings (default 10)", "N" },
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &opt_interval,
      "Pause between a pong and the next ping (default 0: back to back)", "DURATION" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print only the summary", NULL },
    { NULL }
  };
  g_autoptr(GArray) rtts = g_array_new (FALSE, FALSE, sizeof (gint64));
  Ping ping = { ctl, 0, 0, FALSE, rtts, 0, 0 };
  gint64 sum = 0;

  if (!fpctl_parse_options (ctl, "ping", "",
                            "Measure round trips through QEMU's main loop (the floor of every\n"
                            "set-to-event latency). Prints min, mean, p50, p99 and max in microseconds.",
                            entries, &argc, &argv))
    return ctl->exit_code;
  if (!fpctl_duration_option (ctl, "ping", "interval", opt_interval, &ping.interval_us))
    return ctl->exit_code;
  if (opt_count < 1 || argc > 1)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, argc > 1 ? "ping: takes no arguments" : "ping: --count must be at least 1");
      return ctl->exit_code;
    }
  ping.count = opt_count;
  ping.quiet = opt_quiet;
  if (!fpctl_connect (ctl))
    return ctl->exit_code;
  g_signal_connect (ctl->client, "pong", G_CALLBACK (pong_cb), &ping);
  send_next (&ping);
  fpctl_run (ctl);
  g_signal_handlers_disconnect_by_data (ctl->client, &ping);
  if (ctl->exit_code != FPCTL_EXIT_OK)
    return ctl->exit_code;

  g_array_sort (rtts, compare_int64);
  for (guint i = 0; i < rtts->len; i++)
    sum += g_array_index (rtts, gint64, i);
  g_print ("%u pings to %s: min %" G_GINT64_FORMAT " us, mean %" G_GINT64_FORMAT " us, p50 %" G_GINT64_FORMAT
           " us, p99 %" G_GINT64_FORMAT " us, max %" G_GINT64_FORMAT " us\n",
           rtts->len, fp_client_get_address (ctl->client), g_array_index (rtts, gint64, 0),
           sum / (gint64) rtts->len, percentile (rtts, 50), percentile (rtts, 99),
           g_array_index (rtts, gint64, rtts->len - 1));
  return FPCTL_EXIT_OK;
}
