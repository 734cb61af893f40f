/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * demo.c: Front Panel's demo firmware for the BBC micro:bit v1 (nRF51822,
 * Cortex-M0), for QEMU's microbit machine with the gpio-panel device.
 *
 *   LED matrix   rows P0.13-P0.15 (active high), columns P0.04-P0.12
 *                (active low), scanned one row every 2 ms; shows a picture
 *   button A     P0.17, active low: next picture
 *   button B     P0.26, active low: previous picture
 *   P0 (LED)     P0.03 blinks at BLINK_HZ
 *   P1 (LED)     P0.02 follows button A's level
 *   P2 (switch)  P0.01 DEBOUNCE: when high, a button's first edge masks
 *                its interrupt for 20 ms, then the settled level counts
 *
 * Everything happens in interrupt handlers: TIMER0 (blink, matrix scan),
 * TIMER1 (the debounce delays) and GPIOTE. Button A uses a GPIOTE channel in
 * event mode on both edges; button B uses the PORT event, with the pin's
 * SENSE flipped after each edge so that DETECT rises on the next one (the
 * usual nRF51 way to see both edges of many buttons with no channel).
 * Between interrupts the CPU sleeps in WFI.
 */
#include <stdbool.h>

#include "nrf51.h"

#define BLINK_HZ 5

#define BUTTON_A 17
#define BUTTON_B 26
#define LED_P0 3
#define LED_P1 2
#define SWITCH_DEBOUNCE 1
#define UART_TX 24
#define ROW(n) (13 + (n))
#define COL(n) (4 + (n))
#define ROWS 3
#define COLS 9
#define ROWS_MASK (0x7u << ROW (0))
#define COLS_MASK (0x1ffu << COL (0))

/*
 * The timers count 1 MHz ticks of the 16 MHz HFCLK: TIMER0 on 24 bits, free
 * running, for the periodic work; TIMER1 (16 bits at most) for the one-shot
 * debounce delays.
 */
#define PRESCALER 4
#define TIMER_HZ (16000000 >> PRESCALER)
#define TIMER0_MASK 0xffffffu
#define TIMER1_MASK 0xffffu
#define BLINK_HALF_PERIOD (TIMER_HZ / (2 * BLINK_HZ))
#define ROW_PERIOD (TIMER_HZ / 500)
#define DEBOUNCE_DELAY (TIMER_HZ / 50)
/* Time enough to write a compare register before the counter reaches it */
#define TIMER_MARGIN 50

/* TIMER0's compare channels; CC_NOW only takes captures of the counter */
enum { CC_BLINK, CC_SCAN, CC_NOW = 3 };
/* TIMER1's */
enum { CC_DEBOUNCE_A, CC_DEBOUNCE_B };

#define STR(x) STR_ (x)
#define STR_(x) #x

typedef void (*Handler) (void);

typedef struct {
  uint8_t x, y;                 /* NC: no LED at this row and column */
} Led;

#define NC { 5, 5 }

/* Which of the 5x5 LEDs each column lights in each row: the v1 board's wiring. */
static const Led matrix[COLS][ROWS] = {
  { { 0, 0 }, { 4, 2 }, { 2, 4 } },
  { { 2, 0 }, { 0, 2 }, { 4, 4 } },
  { { 4, 0 }, { 2, 2 }, { 0, 4 } },
  { { 4, 3 }, { 1, 0 }, { 0, 1 } },
  { { 3, 3 }, { 3, 0 }, { 1, 1 } },
  { { 2, 3 }, { 3, 4 }, { 2, 1 } },
  { { 1, 3 }, { 1, 4 }, { 3, 1 } },
  { { 0, 3 }, NC, { 4, 1 } },
  { { 1, 2 }, NC, { 3, 2 } },
};

/* One byte per line, top first; bit 4 is the leftmost LED. */
static const uint8_t pictures[][5] = {
  { 0x0a, 0x1f, 0x1f, 0x0e, 0x04 },     /* heart */
  { 0x04, 0x0e, 0x15, 0x04, 0x04 },     /* arrow up */
  { 0x1e, 0x10, 0x1c, 0x10, 0x10 },     /* the letter F */
};
#define N_PICTURES (sizeof pictures / sizeof pictures[0])

static unsigned picture;
static unsigned row;
static bool blink;
static uint32_t button_a, button_b;     /* last settled levels */

static void
set_pin (unsigned pin, uint32_t level)
{
  if (level)
    GPIO_OUTSET = 1u << pin;
  else
    GPIO_OUTCLR = 1u << pin;
}

static uint32_t
get_pin (unsigned pin)
{
  return GPIO_IN >> pin & 1;
}

/* Lights the next row's LEDs. No row is on while the columns change, so no LED of another row flashes. */
static void
scan_next_row (void)
{
  const uint8_t *image = pictures[picture];
  uint32_t lit = 0;

  if (++row == ROWS)
    row = 0;
  for (unsigned col = 0; col < COLS; col++)
    {
      const Led *led = &matrix[col][row];

      if (led->x < 5 && (image[led->y] >> (4 - led->x) & 1))
        lit |= 1u << COL (col);
    }
  GPIO_OUTCLR = ROWS_MASK;
  GPIO_OUTSET = COLS_MASK & ~lit;
  GPIO_OUTCLR = lit;
  GPIO_OUTSET = 1u << ROW (row);
}

/*
 * Moves TIMER0's compare channel @cc on by @period from its last match, so
 * that the beat does not drift with the interrupt's latency. After a
 * latency of a period or more (a busy host), the matches already passed are
 * dropped: a compare value behind the counter would match only after the
 * counter wraps, 16 s later.
 */
static void
timer0_advance (unsigned cc, int32_t period)
{
  uint32_t next = TIMER_CC (TIMER0, cc) + period;
  int32_t ahead;

  TIMER_TASKS_CAPTURE (TIMER0, CC_NOW) = 1;
  /* Ticks from now to the next match; both are 24-bit counts, so this fits. */
  ahead = period - (int32_t) ((TIMER_CC (TIMER0, CC_NOW) - TIMER_CC (TIMER0, cc)) & TIMER0_MASK);
  while (ahead < TIMER_MARGIN)
    {
      next += period;
      ahead += period;
    }
  TIMER_CC (TIMER0, cc) = next & TIMER0_MASK;
}

/* Arms TIMER1's one-shot compare channel @cc, DEBOUNCE_DELAY from now. */
static void
debounce_start (unsigned cc)
{
  TIMER_TASKS_CAPTURE (TIMER1, cc) = 1;
  TIMER_CC (TIMER1, cc) = (TIMER_CC (TIMER1, cc) + DEBOUNCE_DELAY) & TIMER1_MASK;
  TIMER_EVENTS_COMPARE (TIMER1, cc) = 0;
  TIMER_INTENSET (TIMER1) = TIMER_INTEN_COMPARE (cc);
}

static void
button_a_changed (void)
{
  uint32_t level = get_pin (BUTTON_A);

  set_pin (LED_P1, level);
  if (button_a && !level)
    picture = picture + 1 == N_PICTURES ? 0 : picture + 1;
  button_a = level;
}

#define BUTTON_B_CNF (PIN_CNF_INPUT_CONNECT | PIN_CNF_PULLUP)

/* Senses the level opposite to the one just read: DETECT rises on the next edge. */
static void
button_b_sense (uint32_t level)
{
  GPIO_PIN_CNF (BUTTON_B) = BUTTON_B_CNF | (level ? PIN_CNF_SENSE_LOW : PIN_CNF_SENSE_HIGH);
}

static void
button_b_changed (void)
{
  uint32_t level = get_pin (BUTTON_B);

  button_b_sense (level);
  if (button_b && !level)
    picture = picture == 0 ? N_PICTURES - 1 : picture - 1;
  button_b = level;
}

/* Whether compare channel @cc of @timer matched while enabled; clears the event. */
static bool
timer_fired (uint32_t timer, unsigned cc)
{
  if (!TIMER_EVENTS_COMPARE (timer, cc) || !(TIMER_INTENSET (timer) & TIMER_INTEN_COMPARE (cc)))
    return false;
  TIMER_EVENTS_COMPARE (timer, cc) = 0;
  return true;
}

static void
timer0_irq (void)
{
  if (timer_fired (TIMER0, CC_BLINK))
    {
      timer0_advance (CC_BLINK, BLINK_HALF_PERIOD);
      blink = !blink;
      set_pin (LED_P0, blink);
    }
  if (timer_fired (TIMER0, CC_SCAN))
    {
      timer0_advance (CC_SCAN, ROW_PERIOD);
      scan_next_row ();
    }
}

static void
timer1_irq (void)
{
  if (timer_fired (TIMER1, CC_DEBOUNCE_A))
    {
      TIMER_INTENCLR (TIMER1) = TIMER_INTEN_COMPARE (CC_DEBOUNCE_A);
      /* Clear before reading the level: an edge after the read fires again. */
      GPIOTE_EVENTS_IN (0) = 0;
      button_a_changed ();
      GPIOTE_INTENSET = GPIOTE_INTEN_IN (0);
    }
  if (timer_fired (TIMER1, CC_DEBOUNCE_B))
    {
      TIMER_INTENCLR (TIMER1) = TIMER_INTEN_COMPARE (CC_DEBOUNCE_B);
      GPIOTE_EVENTS_PORT = 0;
      button_b_changed ();
      GPIOTE_INTENSET = GPIOTE_INTEN_PORT;
    }
}

static void
gpiote_irq (void)
{
  bool debounce = get_pin (SWITCH_DEBOUNCE);

  if (GPIOTE_EVENTS_IN (0))
    {
      GPIOTE_EVENTS_IN (0) = 0;
      if (debounce)
        {
          GPIOTE_INTENCLR = GPIOTE_INTEN_IN (0);
          debounce_start (CC_DEBOUNCE_A);
        }
      else
        button_a_changed ();
    }
  if (GPIOTE_EVENTS_PORT)
    {
      GPIOTE_EVENTS_PORT = 0;
      if (debounce)
        {
          GPIOTE_INTENCLR = GPIOTE_INTEN_PORT;
          debounce_start (CC_DEBOUNCE_B);
        }
      else
        button_b_changed ();
    }
}

static void
uart_puts (const char *s)
{
  UART0_PSELTXD = UART_TX;
  UART0_BAUDRATE = UART_BAUDRATE_115200;
  UART0_ENABLE = 4;
  UART0_TASKS_STARTTX = 1;
  for (; *s; s++)
    {
      UART0_EVENTS_TXDRDY = 0;
      UART0_TXD = (uint8_t) *s;
      /* No UART interrupt: the scan timer wakes us at least every 2 ms to look. */
      while (!UART0_EVENTS_TXDRDY)
        wfi ();
    }
}

static void
start (void)
{
  GPIO_DIRSET = ROWS_MASK | COLS_MASK | 1u << LED_P0 | 1u << LED_P1;
  GPIO_OUTSET = COLS_MASK;
  /* The board has external pull-ups on the buttons; ours keep them defined without one. */
  GPIO_PIN_CNF (BUTTON_A) = PIN_CNF_INPUT_CONNECT | PIN_CNF_PULLUP;
  GPIO_PIN_CNF (SWITCH_DEBOUNCE) = PIN_CNF_INPUT_CONNECT | PIN_CNF_PULLDOWN;

  /* Configure the events before reading the levels, so that no edge is lost in between. */
  GPIOTE_CONFIG (0) = GPIOTE_MODE_EVENT | GPIOTE_PSEL (BUTTON_A) | GPIOTE_POLARITY_TOGGLE;
  button_a = get_pin (BUTTON_A);
  set_pin (LED_P1, button_a);
  GPIO_PIN_CNF (BUTTON_B) = BUTTON_B_CNF;
  button_b = get_pin (BUTTON_B);
  button_b_sense (button_b);
  GPIOTE_EVENTS_PORT = 0;
  GPIOTE_INTENSET = GPIOTE_INTEN_IN (0) | GPIOTE_INTEN_PORT;

  TIMER_MODE (TIMER0) = TIMER_MODE_TIMER;
  TIMER_BITMODE (TIMER0) = TIMER_BITMODE_24BIT;
  TIMER_PRESCALER (TIMER0) = PRESCALER;
  TIMER_CC (TIMER0, CC_BLINK) = BLINK_HALF_PERIOD;
  TIMER_CC (TIMER0, CC_SCAN) = ROW_PERIOD;
  TIMER_INTENSET (TIMER0) = TIMER_INTEN_COMPARE (CC_BLINK) | TIMER_INTEN_COMPARE (CC_SCAN);
  TIMER_TASKS_START (TIMER0) = 1;
  TIMER_MODE (TIMER1) = TIMER_MODE_TIMER;
  TIMER_BITMODE (TIMER1) = TIMER_BITMODE_16BIT;
  TIMER_PRESCALER (TIMER1) = PRESCALER;
  TIMER_TASKS_START (TIMER1) = 1;

  NVIC_ISER = 1u << IRQ_GPIOTE | 1u << IRQ_TIMER0 | 1u << IRQ_TIMER1;

  uart_puts ("front panel demo: microbit, P0 blinks at " STR (BLINK_HZ) " Hz, buttons A and B "
             "change the picture, P1 follows A, P2 high debounces the buttons\r\n");
  for (;;)
    wfi ();
}

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];

/* The entry point (global for the linker script's ENTRY, and debuggers). */
void reset (void);

void
reset (void)
{
  uint32_t *from = _sidata;

  for (uint32_t *to = _sdata; to < _edata; to++)
    *to = *from++;
  for (uint32_t *to = _sbss; to < _ebss; to++)
    *to = 0;
  start ();
}

static void
hang (void)
{
  for (;;)
    wfi ();
}

/* The initial stack pointer, then the exception and interrupt handlers (32 IRQs). */
__attribute__ ((section (".vectors"), used))
static const Handler vectors[16 + 32] = {
  [0] = (Handler) _estack,
  [1] = reset,
  [2 ... 15] = hang,
  [16 ... 16 + IRQ_GPIOTE - 1] = hang,
  [16 + IRQ_GPIOTE] = gpiote_irq,
  [16 + IRQ_GPIOTE + 1 ... 16 + IRQ_TIMER0 - 1] = hang,
  [16 + IRQ_TIMER0] = timer0_irq,
  [16 + IRQ_TIMER1] = timer1_irq,
  [16 + IRQ_TIMER1 + 1 ... 16 + 31] = hang,
};
