/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-duty.c: the LEDs' estimator (app/src/fp-duty.c), fed made-up
 * signals in virtual time, no display.
 */
#include "config.h"

#include "fp-duty.h"
#include "fp-message.h"

#define US G_GINT64_CONSTANT (1000)
#define MS (1000 * US)
#define S (1000 * MS)
/* One frame at 60 Hz, in ns. */
#define FRAME (16667 * US)

/* A PWM signal: high for the first @duty of each @period, from t = 0. */
typedef struct {
  gint64 period;
  double duty;
  gint64 next;          /* time of the next edge */
  int level;            /* the level it sets */
} Pwm;

static void
pwm_init (Pwm *pwm, gint64 period, double duty)
{
  *pwm = (Pwm) { .period = period, .duty = duty, .next = 0, .level = 1 };
}

/* Feeds @duty every edge of @pwm up to and including @until; returns the
 * time of the last edge fed, or -1 if none. */
static gint64
pwm_feed (Pwm *pwm, FpDuty *duty, gint64 until)
{
  gint64 last = -1;

  while (pwm->next <= until)
    {
      gint64 start = pwm->next - (pwm->level ? 0 : (gint64) (pwm->duty * pwm->period));

      fp_duty_push (duty, pwm->level, pwm->next);
      last = pwm->next;
      if (pwm->level)
        pwm->next = start + (gint64) (pwm->duty * pwm->period);
      else
        pwm->next = start + pwm->period;
      pwm->level = !pwm->level;
    }
  return last;
}

static void
test_steady (void)
{
  FpDuty d;

  fp_duty_reset (&d);
  /* Nothing fed: not lit, whatever the polarity, and no frequency. */
  g_assert_cmpint (fp_duty_get_level (&d), ==, FP_LEVEL_Z);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, FRAME, FALSE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, FRAME, TRUE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 0.0);
  g_assert_false (fp_duty_get_frequency (&d, FRAME, NULL, NULL));

  /* One event, then nothing: the level holds for as long as one asks. */
  fp_duty_push (&d, 1, 5 * MS);
  fp_duty_begin_window (&d, 5 * MS);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 5 * MS + FRAME, FALSE), ==, 1.0);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 5 * S, FALSE), ==, 1.0);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 5 * S, TRUE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 1.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, TRUE), ==, 0.0);

  fp_duty_push (&d, 0, 1 * S);
  fp_duty_begin_window (&d, 1 * S);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 1 * S + FRAME, FALSE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 1 * S + FRAME, TRUE), ==, 1.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, TRUE), ==, 1.0);
  /* An empty window is the level now. */
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, 1 * S, TRUE), ==, 1.0);
}

static void
check_pwm_window (gint64 period, double duty_cycle)
{
  FpDuty d;
  Pwm pwm;
  double share = (double) period / FRAME;

  /* One frame's window from the first edge, closed at the frame's end. */
  fp_duty_reset (&d);
  pwm_init (&pwm, period, duty_cycle);
  pwm_feed (&pwm, &d, 0);
  fp_duty_begin_window (&d, 0);
  pwm_feed (&pwm, &d, FRAME);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, FRAME, FALSE), duty_cycle, share);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, FRAME, TRUE), 1.0 - duty_cycle, share);

  /* Frame after frame, each window from the last event the previous one
   * saw to the last event of this one, as an LED does. */
  for (int frame = 2; frame < 10; frame++)
    {
      gint64 last;

      fp_duty_begin_window (&d, d.t);
      last = pwm_feed (&pwm, &d, frame * FRAME);
      g_assert_cmpint (last, >, (frame - 1) * FRAME);
      g_assert_cmpfloat_with_epsilon (fp_duty_brightness (&d, FALSE), duty_cycle, share);
      g_assert_cmpfloat_with_epsilon (fp_duty_brightness (&d, TRUE), 1.0 - duty_cycle, share);
    }
}

static void
test_pwm (void)
{
  const double duties[] = { 0.25, 0.5, 0.75 };

  for (guint i = 0; i < G_N_ELEMENTS (duties); i++)
    {
      check_pwm_window (1 * MS, duties[i]);     /* 1 kHz */
      check_pwm_window (10 * US, duties[i]);    /* 100 kHz */
    }
}

/* 2 Hz, 50 %: 250 ms on, 250 ms off. Frames of 16.7 ms see one edge at
 * most: each must be fully on or fully off, never a grey average, and
 * show the level the pin has now. */
static void
test_slow_blink (void)
{
  FpDuty d;
  Pwm pwm;
  guint on = 0, off = 0;

  fp_duty_reset (&d);
  pwm_init (&pwm, 500 * MS, 0.5);
  pwm_feed (&pwm, &d, 0);
  for (int frame = 1; frame <= 120; frame++)       /* two seconds */
    {
      double b;

      fp_duty_begin_window (&d, d.t);
      pwm_feed (&pwm, &d, frame * FRAME);
      b = fp_duty_brightness (&d, FALSE);
      g_assert_true (b == 0.0 || b == 1.0);
      g_assert_cmpfloat (b, ==, fp_duty_get_level (&d));
      if (b == 1.0)
        on++;
      else
        off++;
    }
  /* Half the time each, to within the frames that hold an edge. */
  g_assert_cmpuint (on, >=, 56);
  g_assert_cmpuint (off, >=, 56);
}

/* Frame after frame as an LED does, from the previous frame's last event
 * to this frame's; returns the brightness of each of @n frames. */
static void
run_frames (Pwm *pwm, FpDuty *d, gint64 frame, guint n, double *brightness)
{
  fp_duty_reset (d);
  pwm_feed (pwm, d, 0);
  for (guint i = 0; i < n; i++)
    {
      fp_duty_begin_window (d, fp_duty_get_time (d));
      pwm_feed (pwm, d, (i + 1) * frame);
      brightness[i] = fp_duty_brightness (d, FALSE);
    }
}

/* The micro:bit's write_analog() is a 50 Hz PWM: longer than a frame, yet
 * steady to the eye. Every frame, at 60 Hz or 144 Hz, shows its duty. */
static void
test_slow_pwm (void)
{
  const gint64 frames[] = { FRAME, 6944 * US };
  double brightness[120];

  for (guint f = 0; f < G_N_ELEMENTS (frames); f++)
    {
      FpDuty d;
      Pwm pwm;
      double lo = 1, hi = 0;

      pwm_init (&pwm, 20 * MS, 0.3);
      run_frames (&pwm, &d, frames[f], G_N_ELEMENTS (brightness), brightness);
      /* Once two periods were seen (no rising edge comes before the
       * first one's end, at 20 ms, and the next, at 40 ms). */
      for (guint i = 40 * MS / frames[f]; i < G_N_ELEMENTS (brightness); i++)
        {
          lo = MIN (lo, brightness[i]);
          hi = MAX (hi, brightness[i]);
        }
      g_test_message ("50 Hz, 30 %%, %" G_GINT64_FORMAT " us frames: %.3f-%.3f",
                      frames[f] / US, lo, hi);
      g_assert_cmpfloat_with_epsilon (lo, 0.3, 1e-9);
      g_assert_cmpfloat_with_epsilon (hi, 0.3, 1e-9);
    }
}

/* A 10 Hz blink blinks: every frame fully on or off. */
static void
test_fast_blink (void)
{
  double brightness[120];
  FpDuty d;
  Pwm pwm;
  guint on = 0;

  pwm_init (&pwm, 100 * MS, 0.5);
  run_frames (&pwm, &d, FRAME, G_N_ELEMENTS (brightness), brightness);
  for (guint i = 0; i < G_N_ELEMENTS (brightness); i++)
    {
      g_assert_true (brightness[i] == 0.0 || brightness[i] == 1.0);
      on += brightness[i] == 1.0;
    }
  g_assert_cmpuint (on, >=, 50);
  g_assert_cmpuint (on, <=, 70);
}

/* A window that straddles one edge: the exact fraction is its share, and
 * the brightness is the level after the edge. */
static void
test_straddle (void)
{
  FpDuty d;

  fp_duty_reset (&d);
  fp_duty_push (&d, 1, 0);
  fp_duty_begin_window (&d, 5 * MS);
  fp_duty_push (&d, 0, 10 * MS);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 15 * MS, FALSE), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 25 * MS, FALSE), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 25 * MS, TRUE), 0.75, 1e-9);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 0.0);

  /* A short pulse inside a window is not lost: it shows, dimmed. */
  fp_duty_begin_window (&d, 20 * MS);
  fp_duty_push (&d, 1, 30 * MS);
  fp_duty_push (&d, 0, 32 * MS);
  fp_duty_push (&d, 0, 60 * MS);        /* another member changed, not the level */
  g_assert_cmpfloat_with_epsilon (fp_duty_brightness (&d, FALSE), 0.05, 1e-9);

  /* An event older than the window's start counts from the start. */
  fp_duty_begin_window (&d, 70 * MS);
  fp_duty_push (&d, 1, 65 * MS);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 80 * MS, FALSE), 1.0, 1e-9);
}

static void
check_frequency (gint64 period, double duty_cycle, double expect_hz)
{
  FpDuty d;
  Pwm pwm;
  double hz = 0, duty = 0;
  gint64 last;

  fp_duty_reset (&d);
  pwm_init (&pwm, period, duty_cycle);
  last = pwm_feed (&pwm, &d, 3 * S);
  g_assert_true (fp_duty_get_frequency (&d, last, &hz, &duty));
  g_assert_cmpfloat_with_epsilon (hz, expect_hz, expect_hz * 1e-6);
  g_assert_cmpfloat_with_epsilon (duty, duty_cycle, 1e-6);
  /* Long after the last edge, the frequency is history. */
  g_assert_false (fp_duty_get_frequency (&d, last + FP_DUTY_HORIZON_NS + 1 * S, NULL, NULL));
}

static void
test_frequency (void)
{
  FpDuty d;

  check_frequency (1 * MS, 0.3, 1000.0);
  check_frequency (333333333, 0.5, 3.00000003);
  check_frequency (1 * S, 0.5, 1.0);           /* the classic blink */

  /* One rising edge is no frequency. The first level seen is no edge:
   * nobody saw it rise. */
  fp_duty_reset (&d);
  fp_duty_push (&d, 1, 0);
  fp_duty_push (&d, 0, 1 * MS);
  fp_duty_push (&d, 1, 2 * MS);
  g_assert_false (fp_duty_get_frequency (&d, 2 * MS, NULL, NULL));
  fp_duty_push (&d, 0, 3 * MS);
  fp_duty_push (&d, 1, 4 * MS);
  g_assert_true (fp_duty_get_frequency (&d, 4 * MS, NULL, NULL));
}

/* Hi-Z is not lit, whichever level lights the LED. */
static void
test_hi_z (void)
{
  FpDuty d;

  fp_duty_reset (&d);
  fp_duty_push (&d, 1, 0);
  fp_duty_begin_window (&d, 0);
  fp_duty_push (&d, FP_LEVEL_Z, 4 * MS);
  fp_duty_push (&d, 0, 8 * MS);
  fp_duty_push (&d, FP_LEVEL_Z, 16 * MS);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 16 * MS, FALSE), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 16 * MS, TRUE), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 32 * MS, TRUE), 0.25, 1e-9);
  /* A frame later, its window longer than the persistence: hi-Z all along. */
  fp_duty_begin_window (&d, 16 * MS);
  fp_duty_push (&d, FP_LEVEL_Z, 50 * MS);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 0.0);
  g_assert_cmpfloat (fp_duty_brightness (&d, TRUE), ==, 0.0);
  g_assert_cmpint (fp_duty_get_level (&d), ==, FP_LEVEL_Z);
}

static void
test_time (void)
{
  FpDuty d;
  double hz;

  /* Several changes at one instant: the last one holds, no time passes,
   * and no period of length 0 appears. */
  fp_duty_reset (&d);
  fp_duty_push (&d, 0, 0);
  fp_duty_push (&d, 1, 1 * MS);
  fp_duty_push (&d, 0, 2 * MS);
  fp_duty_push (&d, 1, 3 * MS);
  fp_duty_push (&d, 0, 3 * MS);
  fp_duty_push (&d, 1, 3 * MS);
  g_assert_cmpint (fp_duty_get_level (&d), ==, 1);
  g_assert_true (fp_duty_get_frequency (&d, 3 * MS, &hz, NULL));
  g_assert_cmpfloat_with_epsilon (hz, 500.0, 1e-6);

  /* Time going back is another QEMU's clock: start over from there. */
  fp_duty_begin_window (&d, 3 * MS);
  fp_duty_push (&d, 0, 1 * MS);
  g_assert_cmpint (fp_duty_get_level (&d), ==, 0);
  g_assert_false (fp_duty_get_frequency (&d, 1 * MS, NULL, NULL));
  fp_duty_push (&d, 1, 2 * MS);
  fp_duty_push (&d, 0, 4 * MS);
  g_assert_cmpfloat_with_epsilon (fp_duty_lit_fraction (&d, 5 * MS, FALSE), 0.5, 1e-9);
}

/* A guest reset: everything measured before is forgotten. */
static void
test_reset (void)
{
  FpDuty d;
  Pwm pwm;
  gint64 last;

  fp_duty_reset (&d);
  pwm_init (&pwm, 1 * MS, 0.3);
  last = pwm_feed (&pwm, &d, 20 * MS);
  g_assert_true (fp_duty_get_frequency (&d, last, NULL, NULL));
  fp_duty_reset (&d);
  g_assert_false (fp_duty_get_frequency (&d, last, NULL, NULL));
  g_assert_cmpint (fp_duty_get_level (&d), ==, FP_LEVEL_Z);
  g_assert_cmpfloat (fp_duty_brightness (&d, FALSE), ==, 0.0);
  fp_duty_push (&d, 1, last + 1 * MS);
  fp_duty_begin_window (&d, last + 1 * MS);
  g_assert_cmpfloat (fp_duty_lit_fraction (&d, last + 2 * MS, FALSE), ==, 1.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duty/steady", test_steady);
  g_test_add_func ("/duty/pwm", test_pwm);
  g_test_add_func ("/duty/slow-blink", test_slow_blink);
  g_test_add_func ("/duty/slow-pwm", test_slow_pwm);
  g_test_add_func ("/duty/fast-blink", test_fast_blink);
  g_test_add_func ("/duty/straddle", test_straddle);
  g_test_add_func ("/duty/frequency", test_frequency);
  g_test_add_func ("/duty/hi-z", test_hi_z);
  g_test_add_func ("/duty/time", test_time);
  g_test_add_func ("/duty/reset", test_reset);
  return g_test_run ();
}
