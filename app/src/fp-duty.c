/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-duty.c: a pin's lit fraction, frequency and duty cycle from the
 * virtual timestamps of its events (see fp-duty.h).
 *
 * Everything is a running total: the time spent at 1 and at 0 up to the
 * last event, and the same totals at the window's start and at each of the
 * last few rising edges. A fraction is a difference of totals divided by a
 * length, so an event costs a few additions however many there are.
 */
#include "config.h"

#include "fp-duty.h"
#include "fp-message.h"

void
fp_duty_reset (FpDuty *self)
{
  g_return_if_fail (self != NULL);

  *self = (FpDuty) { .level = FP_LEVEL_Z };
}

int
fp_duty_get_level (const FpDuty *self)
{
  g_return_val_if_fail (self != NULL, FP_LEVEL_Z);
  return self->level;
}

gint64
fp_duty_get_time (const FpDuty *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->t;
}

static void
open_window (FpDuty *self,
             gint64  from)
{
  gint64 extra = from - self->t;

  self->window_open = TRUE;
  self->from = from;
  self->from_high = self->high + (self->level == 1 ? extra : 0);
  self->from_low = self->low + (self->level == 0 ? extra : 0);
  self->high_changes = 0;
  self->low_changes = 0;
}

void
fp_duty_push (FpDuty *self,
              int     level,
              gint64  t)
{
  gboolean first;
  gint64 dt;

  g_return_if_fail (self != NULL);
  g_return_if_fail (level == 0 || level == 1 || level == FP_LEVEL_Z);

  /* PROTOCOL.md: t never decreases on one connection. An earlier t is a
   * new connection to a QEMU whose clock started again: the totals and
   * edges measured belong to the old clock, and mixing them in would give
   * negative lengths. An equal t is fine: several changes at one instant,
   * the last one holding. */
  if (self->timed && t < self->t)
    fp_duty_reset (self);

  first = !self->timed;
  if (first)
    {
      self->timed = TRUE;
      self->t = t;
      if (!self->window_open)
        open_window (self, t);
    }
  /* An event before an open window's start (the caller opened it ahead of
   * the last event) happened, as far as the window knows, at its start:
   * the window assumed the level held until then. */
  if (self->window_open && t < self->from)
    t = self->from;

  dt = t - self->t;
  if (self->level == 1)
    self->high += dt;
  else if (self->level == 0)
    self->low += dt;
  self->t = t;

  /* The first level seen was reached at some unknown time: it is not a
   * change to count or an edge to time. */
  if (first)
    {
      self->level = level;
      return;
    }
  if (level == self->level)
    return;
  if (level == 1 || self->level == 1)
    self->high_changes++;
  if (level == 0 || self->level == 0)
    self->low_changes++;
  if (level == 1)
    {
      guint last = (self->next_rise + FP_DUTY_RISES - 1) % FP_DUTY_RISES;

      /* Two rises at one instant would make a period of length 0: keep one. */
      if (self->n_rises > 0 && self->rise_t[last] == t)
        self->next_rise = last;
      else
        self->n_rises = MIN (self->n_rises + 1, FP_DUTY_RISES);
      self->rise_t[self->next_rise] = t;
      self->rise_high[self->next_rise] = self->high;
      self->rise_low[self->next_rise] = self->low;
      self->next_rise = (self->next_rise + 1) % FP_DUTY_RISES;
    }
  self->level = level;
}

void
fp_duty_begin_window (FpDuty *self,
                      gint64  from)
{
  FpDutyWindow *closed;
  gint64 extra;

  g_return_if_fail (self != NULL);

  if (!self->timed)
    {
      self->window_open = FALSE;
      return;
    }
  from = MAX (from, self->t);
  extra = from - self->t;
  closed = &self->past[self->next_past];
  closed->length = from - self->from;
  closed->high = self->high + (self->level == 1 ? extra : 0) - self->from_high;
  closed->low = self->low + (self->level == 0 ? extra : 0) - self->from_low;
  closed->high_changes = self->high_changes;
  closed->low_changes = self->low_changes;
  self->next_past = (self->next_past + 1) % FP_DUTY_PAST;
  self->n_past = MIN (self->n_past + 1, FP_DUTY_PAST);
  open_window (self, from);
}

/* The ring index of the @i-th newest rising edge (0: the newest). */
static guint
rise (const FpDuty *self,
      guint         i)
{
  return (self->next_rise + 2 * FP_DUTY_RISES - 1 - i) % FP_DUTY_RISES;
}

static int
lit_level (const FpDuty *self,
           gboolean      active_low)
{
  return self->level == (active_low ? 0 : 1);
}

gboolean
fp_duty_get_lit (const FpDuty *self,
                 gboolean      active_low)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return lit_level (self, active_low);
}

double
fp_duty_lit_fraction (const FpDuty *self,
                      gint64        to,
                      gboolean      active_low)
{
  gint64 extra, lit, length;

  g_return_val_if_fail (self != NULL, 0.0);

  if (!self->timed)
    return 0.0;
  to = MAX (to, self->t);
  length = to - self->from;
  if (length <= 0)
    return lit_level (self, active_low);
  extra = lit_level (self, active_low) ? to - self->t : 0;
  if (active_low)
    lit = self->low + extra - self->from_low;
  else
    lit = self->high + extra - self->from_high;
  return CLAMP ((double) lit / (double) length, 0.0, 1.0);
}

double
fp_duty_brightness (const FpDuty *self,
                    gboolean      active_low)
{
  gint64 length;
  double lit;
  guint changes;

  g_return_val_if_fail (self != NULL, 0.0);

  if (!self->timed)
    return 0.0;
  length = self->t - self->from;
  lit = active_low ? self->low - self->from_low : self->high - self->from_high;
  changes = active_low ? self->low_changes : self->high_changes;
  for (guint i = 0; i < self->n_past && length < FP_DUTY_PERSISTENCE_NS; i++)
    {
      const FpDutyWindow *w = &self->past[(self->next_past + FP_DUTY_PAST - 1 - i) % FP_DUTY_PAST];
      gint64 take = MIN (w->length, FP_DUTY_PERSISTENCE_NS - length);

      /* Only the end of a longer window is in reach: it counts at its
       * average, and its changes count, wherever in it they were. */
      if (take > 0)
        lit += (double) (active_low ? w->low : w->high) * take / w->length;
      length += take;
      changes += active_low ? w->low_changes : w->high_changes;
    }
  if (changes < 2 || length <= 0)
    return lit_level (self, active_low);

  /* A PWM whose period is more than an eighth of the window: a window
   * that holds 1.5 periods or 2.5 has a third more or less of its pulses,
   * and the brightness would jump from frame to frame. Its whole periods
   * do not, back to the persistence or two periods, from its latest rise
   * (one period ago at most: else it is not that PWM any more). */
  if (self->n_rises >= 2)
    {
      guint newest = rise (self, 0), oldest = rise (self, 1);
      gint64 period = self->rise_t[newest] - self->rise_t[oldest];
      gint64 span = MAX (FP_DUTY_PERSISTENCE_NS, 2 * period);

      if (8 * period > length && self->t - self->rise_t[newest] <= period)
        {
          for (guint i = 2; i < self->n_rises; i++)
            {
              if (self->rise_t[newest] - self->rise_t[rise (self, i)] > span)
                break;
              oldest = rise (self, i);
            }
          lit = active_low ? self->rise_low[newest] - self->rise_low[oldest]
                           : self->rise_high[newest] - self->rise_high[oldest];
          length = self->rise_t[newest] - self->rise_t[oldest];
        }
    }
  return CLAMP (lit / length, 0.0, 1.0);
}

gboolean
fp_duty_get_frequency (const FpDuty *self,
                       gint64        now,
                       double       *hz,
                       double       *duty)
{
  guint newest, oldest, count = 0;
  gint64 span;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_rises; i++)
    {
      if (self->rise_t[rise (self, i)] < now - FP_DUTY_HORIZON_NS)
        break;
      count++;
    }
  if (count < 2)
    return FALSE;

  newest = rise (self, 0);
  oldest = rise (self, count - 1);
  span = self->rise_t[newest] - self->rise_t[oldest];
  if (hz != NULL)
    *hz = (count - 1) * 1e9 / (double) span;
  if (duty != NULL)
    *duty = (double) (self->rise_high[newest] - self->rise_high[oldest]) / (double) span;
  return TRUE;
}

void
fp_duty_format_frequency (char   *buf,
                          gsize   size,
                          double  hz)
{
  const char *unit = "Hz";

  if (hz >= 1e6)
    {
      hz /= 1e6;
      unit = "MHz";
    }
  else if (hz >= 1e3)
    {
      hz /= 1e3;
      unit = "kHz";
    }
  g_snprintf (buf, size, hz < 10 ? "%.2f %s" : hz < 100 ? "%.1f %s" : "%.0f %s", hz, unit);
}
