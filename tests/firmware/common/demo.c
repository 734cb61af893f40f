/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * demo.c: the board-independent part of the front panel demo: the banner,
 * the blink schedule and the button's debounce, on top of board.c.
 */
#include "demo.h"

#define STRINGIFY(x) #x
#define STR(x) STRINGIFY (x)

_Static_assert (1000 % DEMO_DEBOUNCE_MS == 0, "the debounce time divides a second");

/*
 * Blink toggles fall at n * hz / (2 * DEMO_BLINK_HZ) ticks from the start,
 * exactly, with no drift: a whole step per toggle and the remainder carried
 * over, as in Bresenham's line (a 32768 Hz timer has no whole number of
 * ticks in 100 ms). 32-bit division only: no libgcc needed.
 */
static uint64_t next_blink;
static uint32_t blink_step, blink_rest, blink_carry;
static bool blink_on;

static uint32_t debounce_ticks;
static bool debouncing;
static uint64_t debounce_end;

static void
put_string (const char *s)
{
  while (*s)
    board_putc (*s++);
}

static void
advance_blink (void)
{
  next_blink += blink_step;
  blink_carry += blink_rest;
  if (blink_carry >= 2 * DEMO_BLINK_HZ)
    {
      blink_carry -= 2 * DEMO_BLINK_HZ;
      next_blink++;
    }
}

static void
arm_timer (void)
{
  board_timer_at (debouncing && debounce_end < next_blink ? debounce_end : next_blink);
}

void
demo_button_edge (void)
{
  if (!board_debounce_on ())
    {
      board_led_set (DEMO_LED_BUTTON, board_button_pressed ());
      return;
    }
  /* The first edge of a bounce: ignore the rest until the contact settled. */
  board_button_irq_enable (false);
  debouncing = true;
  debounce_end = board_timer_now () + debounce_ticks;
  arm_timer ();
}

void
demo_timer_expired (void)
{
  uint64_t now = board_timer_now ();

  if (now >= next_blink)
    {
      blink_on = !blink_on;
      board_led_set (DEMO_LED_BLINK, blink_on);
      advance_blink ();
    }
  if (debouncing && now >= debounce_end)
    {
      debouncing = false;
      /* Listen again before reading the level, so that no later edge is lost. */
      board_button_irq_enable (true);
      board_led_set (DEMO_LED_BUTTON, board_button_pressed ());
    }
  arm_timer ();
}

void
demo_serial_input (char c)
{
  /* A terminal sends CR for Enter; echo the new line it means. */
  if (c == '\r')
    put_string ("\r\n");
  else
    board_putc (c);
}

int
main (void)
{
  uint32_t hz;

  board_init ();
  hz = board_timer_hz ();
  blink_step = hz / (2 * DEMO_BLINK_HZ);
  blink_rest = hz % (2 * DEMO_BLINK_HZ);
  /* Rounded up: never shorter than DEMO_DEBOUNCE_MS. */
  debounce_ticks = (hz + 1000 / DEMO_DEBOUNCE_MS - 1) / (1000 / DEMO_DEBOUNCE_MS);

  put_string ("front panel demo: ");
  put_string (board.name);
  put_string (", blink ");
  put_string (board.blink_led);
  put_string (" " STR (DEMO_BLINK_HZ) " Hz, ");
  put_string (board.button);
  put_string (" -> ");
  put_string (board.button_led);
  put_string ("\r\n");

  next_blink = board_timer_now ();
  advance_blink ();
  arm_timer ();
  board_idle ();
}
