/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * demo.h: the front panel demo firmware, shared by every board, and what
 * each board's board.c provides it.
 *
 * The demo blinks one LED at DEMO_BLINK_HZ and mirrors a button (active
 * low) onto a second LED through the button's edge interrupt. A DEBOUNCE
 * switch, read at each first edge, chooses between mirroring every edge and
 * waiting DEMO_DEBOUNCE_MS for the contact to settle. Everything runs in
 * interrupt handlers; between interrupts the CPU sleeps in WFI.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define DEMO_BLINK_HZ 5
#define DEMO_DEBOUNCE_MS 20

enum demo_led {
  DEMO_LED_BLINK,
  DEMO_LED_BUTTON,
};

/* What the banner calls the board and its parts. */
struct demo_board {
  const char *name;
  const char *blink_led;
  const char *button;
  const char *button_led;
};

extern const struct demo_board board;

/*
 * Called once, with interrupts off: clocks, the UART, the LEDs as outputs
 * and off, the button and DEBOUNCE inputs, the button's edge interrupt
 * (enabled) and the timer (not yet armed).
 */
void board_init (void);
void board_putc (char c);
void board_led_set (enum demo_led led, bool on);
bool board_button_pressed (void);
bool board_debounce_on (void);
/* Turning the button interrupt back on forgets edges seen while it was off. */
void board_button_irq_enable (bool enable);
/* The timer's frequency, and its count: it never wraps in practice. */
uint32_t board_timer_hz (void);
uint64_t board_timer_now (void);
/* Raise the timer interrupt once the count reaches @deadline. */
void board_timer_at (uint64_t deadline);
/* Enable interrupts, then sleep in WFI for ever. */
void board_idle (void) __attribute__ ((noreturn));

/* Called by the board's interrupt handlers, after they acknowledged the source. */
void demo_button_edge (void);
void demo_timer_expired (void);
/* A character came in on the UART (boards whose UART interrupts on input:
 * virt): the demo echoes it, so a console shows that typing reaches it. */
void demo_serial_input (char c);

/* The board's reset code calls this. */
int main (void);

static inline uint32_t
mmio_read (uintptr_t addr)
{
  return *(volatile uint32_t *) addr;
}

static inline void
mmio_write (uintptr_t addr, uint32_t value)
{
  *(volatile uint32_t *) addr = value;
}

static inline void
mmio_set (uintptr_t addr, uint32_t bits)
{
  mmio_write (addr, mmio_read (addr) | bits);
}

static inline void
mmio_clear (uintptr_t addr, uint32_t bits)
{
  mmio_write (addr, mmio_read (addr) & ~bits);
}
