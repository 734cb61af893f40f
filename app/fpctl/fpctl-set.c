/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl-set.c: "set" and "release": drive pins the way a button or a wire
 * on the pad would, optionally bouncing and held for a while.
 */
#include "config.h"

#include "fp-bounce.h"
#include "fpctl.h"

typedef struct {
  gint64 at_us;                 /* from the start of the command */
  guint pin;
  int level;                    /* 0, 1 or FP_LEVEL_Z */
} Step;

typedef struct {
  Fpctl *ctl;
  const char *ctrl;
  GArray *steps;
  guint next;
  gint64 start_us;
  GSource *timer;
} Schedule;


static int
compare_steps (gconstpointer a, gconstpointer b)
{
  const Step *x = a, *y = b;

  return x->at_us < y->at_us ? -1 : x->at_us > y->at_us;
}

/*
 * Adds the transition of @pin from drive @from to drive @to, starting at
 * @at_us, bounced when @bounce_edges > 1. Returns when the last edge lands.
 */
static gint64
add_transition (GArray *steps, guint pin, int from, int to, gint64 at_us,
                guint bounce_edges, gint64 bounce_us, guint32 seed)
{
  g_autoptr(GArray) edges = NULL;

  if (bounce_edges <= 1)
    {
      Step step = { at_us, pin, to };
      g_array_append_val (steps, step);
      return at_us;
    }
  /* The generator speaks 0/1; 1 stands for the new drive, 0 for the old one. */
  edges = fp_bounce_generate (1, bounce_edges, bounce_us, seed);
  for (guint i = 0; i < edges->len; i++)
    {
      const FpBounceEdge *edge = &g_array_index (edges, FpBounceEdge, i);
      Step step = { at_us + edge->offset_us, pin, edge->level ? to : from };
      g_array_append_val (steps, step);
    }
  return at_us + bounce_us;
}

static gboolean
schedule_dispatch (GSource *source, GSourceFunc callback, gpointer data)
{
  return callback (data);
}

static GSourceFuncs schedule_funcs = { NULL, NULL, schedule_dispatch, NULL, NULL, NULL };

/*
 * GLib's main loop polls with millisecond timeouts, so a ready time wakes us
 * up to a millisecond late: bounce edges a few hundred microseconds apart
 * would leave together. So we wake SCHEDULE_EARLY_US early and sleep the
 * rest here.
 */
#define SCHEDULE_EARLY_US 1500

/*
 * Sends the steps that are due now, then returns to the main loop (at a low
 * priority, so that the write just started completes before the next step:
 * the client queues a message while a write is in flight) until the next.
 */
static gboolean
schedule_tick (gpointer data)
{
  Schedule *sched = data;
  const Step *first;
  gint64 wait;

  if (sched->next == sched->steps->len)
    {
      g_main_loop_quit (sched->ctl->loop);
      return G_SOURCE_REMOVE;
    }
  first = &g_array_index (sched->steps, Step, sched->next);
  wait = first->at_us - (g_get_monotonic_time () - sched->start_us);
  if (wait > SCHEDULE_EARLY_US)
    {
      g_source_set_ready_time (sched->timer, sched->start_us + first->at_us - SCHEDULE_EARLY_US);
      return G_SOURCE_CONTINUE;
    }
  if (wait > 0)
    g_usleep ((gulong) wait);
  while (sched->next < sched->steps->len)
    {
      const Step *step = &g_array_index (sched->steps, Step, sched->next);

      if (step->at_us > first->at_us)
        break;
      if (fp_client_drive (sched->ctl->client, sched->ctrl, step->pin, step->level) == 0)
        {
          fpctl_fail (sched->ctl, FPCTL_EXIT_CONNECTION, "%s", fp_client_get_status (sched->ctl->client));
          return G_SOURCE_REMOVE;
        }
      sched->next++;
    }
  g_source_set_ready_time (sched->timer, 0);
  return G_SOURCE_CONTINUE;
}

static void
run_schedule (Fpctl *ctl, const char *ctrl, GArray *steps)
{
  Schedule sched = { ctl, ctrl, steps, 0, g_get_monotonic_time (), NULL };

  g_array_sort (steps, compare_steps);
  sched.timer = g_source_new (&schedule_funcs, sizeof (GSource));
  g_source_set_callback (sched.timer, schedule_tick, &sched, NULL);
  g_source_set_priority (sched.timer, G_PRIORITY_LOW);
  g_source_set_ready_time (sched.timer, 0);
  g_source_attach (sched.timer, NULL);
  g_main_loop_run (ctl->loop);
  g_source_destroy (sched.timer);
  g_source_unref (sched.timer);
}

int
fpctl_cmd_set (Fpctl *ctl, int argc, char **argv)
{
  static char *opt_hold, *opt_bounce;
  /* G_MININT: not given on the command line. */
  static int opt_edges = G_MININT, opt_seed = G_MININT;
  const GOptionEntry entries[] = {
    { "hold", 'p', 0, G_OPTION_ARG_STRING, &opt_hold,
      "Hold the levels this long (e.g. 100ms), then restore what the panel drove before", "DURATION" },
    { "bounce", 'b', 0, G_OPTION_ARG_STRING, &opt_bounce,
      "Bounce like a mechanical contact for this long on every change (e.g. 5ms)", "DURATION" },
    { "bounce-edges", 'e', 0, G_OPTION_ARG_INT, &opt_edges,
      "Transitions per bouncing change, odd (default 5)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the bounce timing (default 1)", "N" },
    { NULL }
  };
  g_autoptr(GArray) pins = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  gint64 hold_us = 0, bounce_us = 0;
  guint edges = 1;
  int ctrl;

  if (!fpctl_parse_options (ctl, "set", "CTRL PIN=VALUE…",
                            "Drive each PIN (a number or a name such as PC13) to VALUE (0, 1, low, high),\n"
                            "as a button or wire on the pad would; the guest sees it through the model's\n"
                            "input path, interrupts included. The drive stays after fpctl exits, until\n"
                            "the next set or release (unless --hold is given).", entries, &argc, &argv))
    return ctl->exit_code;
  if (!fpctl_duration_option (ctl, "set", "hold", opt_hold, &hold_us) ||
      !fpctl_duration_option (ctl, "set", "bounce", opt_bounce, &bounce_us))
    return ctl->exit_code;
  if (!opt_bounce && (opt_edges != G_MININT || opt_seed != G_MININT))
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "set: --bounce-edges and --seed only make sense with --bounce");
      return ctl->exit_code;
    }
  if (opt_edges == G_MININT)
    opt_edges = 5;
  if (opt_seed == G_MININT)
    opt_seed = 1;
  if (opt_bounce)
    {
      if (opt_edges < 1 || opt_edges % 2 == 0 || opt_edges > 1001)
        {
          fpctl_fail (ctl, FPCTL_EXIT_USAGE, "set: --bounce-edges must be odd, 1-1001 (the last edge settles), not %d", opt_edges);
          return ctl->exit_code;
        }
      if (bounce_us < opt_edges - 1)
        {
          fpctl_fail (ctl, FPCTL_EXIT_USAGE, "set: --bounce of %s is too short for %d edges (1 us apart at least)",
                      opt_bounce, opt_edges);
          return ctl->exit_code;
        }
      edges = (guint) opt_edges;
    }
  if (argc < 3)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "set: expected CTRL and at least one PIN=VALUE");
      return ctl->exit_code;
    }
  if (!fpctl_connect (ctl))
    return ctl->exit_code;
  if ((ctrl = fpctl_resolve_pins (ctl, argv[1], argv + 2, TRUE, FALSE, &pins)) < 0)
    return ctl->exit_code;

  for (guint i = 0; i < pins->len; i++)
    {
      const FpctlPin *pin = &g_array_index (pins, FpctlPin, i);
      int before = fp_client_get_pin (ctl->client, ctrl, pin->pin)->panel;
      /* Each pin bounces on its own; seeds stay reproducible per position. */
      guint32 seed = (guint32) opt_seed + 2 * i;
      gint64 settled = add_transition (steps, pin->pin, before, pin->level, 0, edges, bounce_us, seed);

      if (opt_hold)
        add_transition (steps, pin->pin, pin->level, before, settled + hold_us, edges, bounce_us, seed + 1);
    }
  run_schedule (ctl, argv[1], steps);
  if (ctl->exit_code < 0)
    fpctl_barrier (ctl);
  return ctl->exit_code < 0 ? FPCTL_EXIT_OK : ctl->exit_code;
}

int
fpctl_cmd_release (Fpctl *ctl, int argc, char **argv)
{
  g_autoptr(GArray) pins = NULL;

  if (!fpctl_parse_options (ctl, "release", "CTRL PIN…",
                            "Stop driving each PIN from the panel: it floats, or follows its pull\n"
                            "or the guest's output.", NULL, &argc, &argv))
    return ctl->exit_code;
  if (argc < 3)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "release: expected CTRL and at least one PIN");
      return ctl->exit_code;
    }
  if (!fpctl_connect (ctl))
    return ctl->exit_code;
  if (fpctl_resolve_pins (ctl, argv[1], argv + 2, FALSE, FALSE, &pins) < 0)
    return ctl->exit_code;
  for (guint i = 0; i < pins->len; i++)
    fp_client_drive (ctl->client, argv[1], g_array_index (pins, FpctlPin, i).pin, FP_LEVEL_Z);
  fpctl_barrier (ctl);
  return ctl->exit_code < 0 ? FPCTL_EXIT_OK : ctl->exit_code;
}
