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

  if (level == self->level)
    return;
  if (level == 1 || self->level == 1)
    self->high_changes++;
  if (level == 0 || self->level == 0)
    self->low_changes++;
  /* The first level seen rose at some unknown time: not an edge to time. */
  if (level == 1 && !first)
    {
      guint last = (self->next_rise + FP_DUTY_RISES - 1) % FP_DUTY_RISES;

      /* Two rises at one instant would make a period of length 0: keep one. */
      if (self->n_rises > 0 && self->rise_t[last] == t)
        self->next_rise = last;
      else
        self->n_rises = MIN (self->n_rises + 1, FP_DUTY_RISES);
      self->rise_t[self->next_rise] = t;
      self->rise_high[self->next_rise] = self->high;
      self->next_rise = (self->next_rise + 1) % FP_DUTY_RISES;
    }
  self->level = level;
}

void
fp_duty_begin_window (FpDuty *self,
                      gint64  from)
{
  g_return_if_fail (self != NULL);

  if (!self->timed)
    {
      self->window_open = FALSE;
      return;
    }
  open_window (self, MAX (from, self->t));
}

static int
lit_level (const FpDuty *self,
           gboolean      active_low)
{
  return self->level == (active_low ? 0 : 1);
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
  guint changes;

  g_return_val_if_fail (self != NULL, 0.0);

  changes = active_low ? self->low_changes : self->high_changes;
  if (changes >= 2)
    return fp_duty_lit_fraction (self, self->t, active_low);
  return lit_level (self, active_low);
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

  newest = (self->next_rise + FP_DUTY_RISES - 1) % FP_DUTY_RISES;
  for (guint i = 0; i < self->n_rises; i++)
    {
      guint k = (newest + FP_DUTY_RISES - i) % FP_DUTY_RISES;

      if (self->rise_t[k] < now - FP_DUTY_HORIZON_NS)
        break;
      count++;
    }
  if (count < 2)
    return FALSE;

  oldest = (newest + FP_DUTY_RISES - (count - 1)) % FP_DUTY_RISES;
  span = self->rise_t[newest] - self->rise_t[oldest];
  if (hz != NULL)
    *hz = (count - 1) * 1e9 / (double) span;
  if (duty != NULL)
    *duty = (double) (self->rise_high[newest] - self->rise_high[oldest]) / (double) span;
  return TRUE;
}
