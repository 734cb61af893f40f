/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c: the front panel demo on SiFive's HiFive1 (sifive_e, FE310,
 * RV32IMAC): the RGB LED is active low, its green (GPIO19) blinks, the
 * button on GPIO18 (active low) lights the red one (GPIO22) through the
 * PLIC's GPIO interrupts, DEBOUNCE switch on GPIO20, banner on UART0.
 * Timing comes from the CLINT's machine timer (mtime, mtimecmp).
 */
#include "demo.h"

/* mtime counts the 32768 Hz low-frequency clock, on the board and in QEMU. */
#define MTIME_HZ 32768u
#define CLINT_MTIMECMP 0x02004000u
#define CLINT_MTIME 0x0200BFF8u

#define PLIC_PRIORITY(source) (0x0C000000u + 4 * (source))
#define PLIC_ENABLE 0x0C002000u         /* hart 0, machine mode */
#define PLIC_THRESHOLD 0x0C200000u
#define PLIC_CLAIM 0x0C200004u
#define PLIC_GPIO0_SOURCE 8             /* GPIO n is source 8 + n */

#define GPIO0 0x10012000u
#define GPIO_VALUE 0x00u
#define GPIO_INPUT_EN 0x04u
#define GPIO_OUTPUT_EN 0x08u
#define GPIO_PORT 0x0Cu
#define GPIO_PUE 0x10u
#define GPIO_RISE_IE 0x18u
#define GPIO_RISE_IP 0x1Cu
#define GPIO_FALL_IE 0x20u
#define GPIO_FALL_IP 0x24u
#define GPIO_IOF_EN 0x38u
#define GPIO_IOF_SEL 0x3Cu

#define UART0_RX_PIN 16
#define UART0_TX_PIN 17
#define BUTTON_PIN 18
#define GREEN_PIN 19
#define DEBOUNCE_PIN 20
#define BLUE_PIN 21
#define RED_PIN 22

#define UART0 0x10013000u
#define UART_TXDATA 0x00u
#define UART_TXCTRL 0x08u
#define UART_TXDATA_FULL (1u << 31)
#define UART_TXCTRL_TXEN (1u << 0)

#define MSTATUS_MIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)
#define MCAUSE_INTERRUPT (1u << 31)
#define MCAUSE_MACHINE_TIMER 7
#define MCAUSE_MACHINE_EXTERNAL 11

#define BIT(pin) (1u << (pin))

const struct demo_board board = {
  .name = "sifive_e",
  .blink_led = "green LED",
  .button = "BTN",
  .button_led = "red LED",
};

void
board_init (void)
{
  const uint32_t leds = BIT (GREEN_PIN) | BIT (BLUE_PIN) | BIT (RED_PIN);

  /* The LEDs light when their pin is low: high first, then outputs. */
  mmio_set (GPIO0 + GPIO_PORT, leds);
  mmio_set (GPIO0 + GPIO_OUTPUT_EN, leds);

  /*
   * The button closes to ground and needs the pull-up. The FE310 has no
   * pull-down: an open DEBOUNCE switch floats (QEMU reads it as 0, off).
   */
  mmio_set (GPIO0 + GPIO_PUE, BIT (BUTTON_PIN));
  mmio_set (GPIO0 + GPIO_INPUT_EN, BIT (BUTTON_PIN) | BIT (DEBOUNCE_PIN));

  /*
   * UART0 on its pins (IOF0). The HiFive1's boot loader has set the clocks
   * and 115200 baud before it jumps here; QEMU ignores the baud rate.
   */
  mmio_clear (GPIO0 + GPIO_IOF_SEL, BIT (UART0_RX_PIN) | BIT (UART0_TX_PIN));
  mmio_set (GPIO0 + GPIO_IOF_EN, BIT (UART0_RX_PIN) | BIT (UART0_TX_PIN));
  mmio_write (UART0 + UART_TXCTRL, UART_TXCTRL_TXEN);

  /* The button's pin interrupt on both edges, through the PLIC. */
  board_button_irq_enable (true);
  mmio_write (PLIC_PRIORITY (PLIC_GPIO0_SOURCE + BUTTON_PIN), 1);
  mmio_write (PLIC_ENABLE, BIT (PLIC_GPIO0_SOURCE + BUTTON_PIN));
  mmio_write (PLIC_THRESHOLD, 0);

  board_timer_at (UINT64_MAX);
  __asm__ volatile ("csrw mie, %0" : : "r" (MIE_MTIE | MIE_MEIE));
}

void
board_putc (char c)
{
  while (mmio_read (UART0 + UART_TXDATA) & UART_TXDATA_FULL)
    ;
  mmio_write (UART0 + UART_TXDATA, (uint8_t) c);
}

void
board_led_set (enum demo_led led, bool on)
{
  uint32_t pin = BIT (led == DEMO_LED_BLINK ? GREEN_PIN : RED_PIN);

  if (on)
    mmio_clear (GPIO0 + GPIO_PORT, pin);
  else
    mmio_set (GPIO0 + GPIO_PORT, pin);
}

bool
board_button_pressed (void)
{
  return !(mmio_read (GPIO0 + GPIO_VALUE) & BIT (BUTTON_PIN));
}

bool
board_debounce_on (void)
{
  return mmio_read (GPIO0 + GPIO_VALUE) & BIT (DEBOUNCE_PIN);
}

void
board_button_irq_enable (bool enable)
{
  if (!enable)
    {
      mmio_clear (GPIO0 + GPIO_RISE_IE, BIT (BUTTON_PIN));
      mmio_clear (GPIO0 + GPIO_FALL_IE, BIT (BUTTON_PIN));
      return;
    }
  /* The pending bits latch edges whether enabled or not. */
  mmio_write (GPIO0 + GPIO_RISE_IP, BIT (BUTTON_PIN));
  mmio_write (GPIO0 + GPIO_FALL_IP, BIT (BUTTON_PIN));
  mmio_set (GPIO0 + GPIO_RISE_IE, BIT (BUTTON_PIN));
  mmio_set (GPIO0 + GPIO_FALL_IE, BIT (BUTTON_PIN));
}

uint32_t
board_timer_hz (void)
{
  return MTIME_HZ;
}

uint64_t
board_timer_now (void)
{
  uint32_t hi, lo;

  /* Two 32-bit halves: read again if the low half carried in between. */
  do
    {
      hi = mmio_read (CLINT_MTIME + 4);
      lo = mmio_read (CLINT_MTIME);
    }
  while (hi != mmio_read (CLINT_MTIME + 4));
  return (uint64_t) hi << 32 | lo;
}

void
board_timer_at (uint64_t when)
{
  /* High half at its maximum first, so that no half-written compare fires. */
  mmio_write (CLINT_MTIMECMP + 4, UINT32_MAX);
  mmio_write (CLINT_MTIMECMP, (uint32_t) when);
  mmio_write (CLINT_MTIMECMP + 4, (uint32_t) (when >> 32));
}

void
board_idle (void)
{
  __asm__ volatile ("csrs mstatus, %0" : : "r" (MSTATUS_MIE));
  for (;;)
    __asm__ volatile ("wfi");
}

/* mtvec points here (direct mode: 4-byte aligned); GCC saves the registers. */
void trap_entry (void) __attribute__ ((interrupt ("machine"), aligned (4)));

void
trap_entry (void)
{
  uint32_t cause, source;

  __asm__ volatile ("csrr %0, mcause" : "=r" (cause));
  if (cause == (MCAUSE_INTERRUPT | MCAUSE_MACHINE_TIMER))
    {
      /* demo_timer_expired always sets a later compare, which clears it. */
      demo_timer_expired ();
    }
  else if (cause == (MCAUSE_INTERRUPT | MCAUSE_MACHINE_EXTERNAL))
    {
      source = mmio_read (PLIC_CLAIM);
      if (source == PLIC_GPIO0_SOURCE + BUTTON_PIN)
        {
          mmio_write (GPIO0 + GPIO_RISE_IP, BIT (BUTTON_PIN));
          mmio_write (GPIO0 + GPIO_FALL_IP, BIT (BUTTON_PIN));
          demo_button_edge ();
        }
      if (source)
        mmio_write (PLIC_CLAIM, source);
    }
  else
    {
      /* An exception: stop here, asleep, for a debugger to look. */
      for (;;)
        __asm__ volatile ("wfi");
    }
}
