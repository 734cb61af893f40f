/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c: the front panel demo on the Raspberry Pi 3 Model B (BCM2837,
 * core 0 at non-secure EL1, MMU off), pins as on data/boards/raspi3b.json:
 * the LED on GPIO17 blinks, the button on GPIO23 (active low, the pad's
 * pull-up enabled) lights the LED on GPIO27 through its edge interrupt,
 * the DEBOUNCE switch is GPIO25 (high = on, the pad's pull-down enabled).
 * Banner on UART0, the PL011 on the header's pins 8 and 10.
 *
 * Interrupts go through two controllers: the GPIO's event detect raises
 * GPU interrupt 49 (pins 0-27) in the BCM2835's ARM interrupt controller,
 * whose output the BCM2836 per-core controller routes to core 0 (its
 * reset value), next to core 0's virtual timer interrupt, enabled there.
 */
#include "demo.h"
#include "pl011.h"

#define PERI 0x3F000000u

#define GPIO (PERI + 0x200000u)
#define GPFSEL(pin) (4 * ((pin) / 10))
#define GPSET0 0x1Cu
#define GPCLR0 0x28u
#define GPLEV0 0x34u
#define GPEDS0 0x40u
#define GPREN0 0x4Cu
#define GPFEN0 0x58u
#define GPPUD 0x94u
#define GPPUDCLK0 0x98u
#define FSEL_OUT 1u
#define FSEL_ALT0 4u
#define PUD_DOWN 1u
#define PUD_UP 2u

#define BLINK_PIN 17
#define LED_PIN 27
#define BUTTON_PIN 23
#define DEBOUNCE_PIN 25
#define SPARE_BUTTON_PIN 24             /* on the layout, unused here */
#define TXD0_PIN 14
#define RXD0_PIN 15

/* The ARM's view of the GPU's interrupt controller (ARMCTRL). */
#define IC (PERI + 0xB200u)
#define IC_PENDING_2 0x08u
#define IC_ENABLE_2 0x14u
#define GPU_IRQ_GPIO0 49                /* GPIO0-27 */
#define IC_BIT_2(irq) (1u << ((irq) - 32))

/* The BCM2836 per-core interrupt controller, core 0's registers. */
#define LOCAL 0x40000000u
#define LOCAL_TIMER_CNTL_CORE0 0x40u
#define LOCAL_IRQ_SOURCE_CORE0 0x60u
#define LOCAL_CNTV (1u << 3)            /* nCNTVIRQ: the virtual timer */
#define LOCAL_GPU (1u << 8)

#define UART0 (PERI + 0x201000u)


#define BIT(pin) (1u << (pin))

const struct demo_board board = {
  .name = "raspi3b",
  .blink_led = "GPIO17",
  .button = "GPIO23",
  .button_led = "GPIO27",
};

static void
gpio_function (unsigned pin, uint32_t fsel)
{
  uintptr_t reg = GPIO + GPFSEL (pin);
  unsigned shift = 3 * (pin % 10);

  mmio_write (reg, (mmio_read (reg) & ~(7u << shift)) | fsel << shift);
}

/* The 150 cycles the pull control needs to set up and hold. */
static void
pud_delay (void)
{
  for (int i = 0; i < 150; i++)
    __asm__ volatile ("nop");
}

/* The BCM2835's pull sequence: the control, then a clock on the pins. */
static void
gpio_pull (uint32_t pins, uint32_t pud)
{
  mmio_write (GPIO + GPPUD, pud);
  pud_delay ();
  mmio_write (GPIO + GPPUDCLK0, pins);
  pud_delay ();
  mmio_write (GPIO + GPPUD, 0);
  mmio_write (GPIO + GPPUDCLK0, 0);
}

static bool
gpio_get (unsigned pin)
{
  return (mmio_read (GPIO + GPLEV0) & BIT (pin)) != 0;
}

void
board_init (void)
{
  /* LEDs off, then outputs; the button and DEBOUNCE pins stay inputs. */
  mmio_write (GPIO + GPCLR0, BIT (BLINK_PIN) | BIT (LED_PIN));
  gpio_function (BLINK_PIN, FSEL_OUT);
  gpio_function (LED_PIN, FSEL_OUT);

  /*
   * The pads' own pulls give an open button and an open switch their
   * levels: released, and off. GPIO9-27 reset pulled down, so the
   * buttons (the layout's spare one too) need their pull-ups. The button
   * interrupts on both edges.
   */
  gpio_pull (BIT (BUTTON_PIN) | BIT (SPARE_BUTTON_PIN), PUD_UP);
  gpio_pull (BIT (DEBOUNCE_PIN), PUD_DOWN);
  board_button_irq_enable (true);

  /* UART0 on the header (ALT0), 115200 8N1 from its 48 MHz clock (QEMU ignores the rate). */
  gpio_function (TXD0_PIN, FSEL_ALT0);
  gpio_function (RXD0_PIN, FSEL_ALT0);
  pl011_init (UART0, 26, 3, false);

  /* The GPIO's interrupt into the ARMCTRL, whose output goes to core 0 by reset. */
  mmio_write (IC + IC_ENABLE_2, IC_BIT_2 (GPU_IRQ_GPIO0));
  mmio_write (LOCAL + LOCAL_TIMER_CNTL_CORE0, LOCAL_CNTV);
}

void
board_putc (char c)
{
  pl011_putc (UART0, c);
}

void
board_led_set (enum demo_led led, bool on)
{
  mmio_write (GPIO + (on ? GPSET0 : GPCLR0), BIT (led == DEMO_LED_BLINK ? BLINK_PIN : LED_PIN));
}

bool
board_button_pressed (void)
{
  return !gpio_get (BUTTON_PIN);
}

bool
board_debounce_on (void)
{
  return gpio_get (DEBOUNCE_PIN);
}

void
board_button_irq_enable (bool enable)
{
  if (!enable)
    {
      mmio_clear (GPIO + GPREN0, BIT (BUTTON_PIN));
      mmio_clear (GPIO + GPFEN0, BIT (BUTTON_PIN));
      return;
    }
  /* An event latched before the detection was turned off is stale. */
  mmio_write (GPIO + GPEDS0, BIT (BUTTON_PIN));
  mmio_set (GPIO + GPREN0, BIT (BUTTON_PIN));
  mmio_set (GPIO + GPFEN0, BIT (BUTTON_PIN));
}

/* Called by common/aarch64-el1.S's IRQ vector, with the caller-saved registers saved. */
void irq_handler (void);

void
irq_handler (void)
{
  uint32_t source = mmio_read (LOCAL + LOCAL_IRQ_SOURCE_CORE0);

  /* demo_timer_expired always sets a later compare, which clears it. */
  if (source & LOCAL_CNTV)
    demo_timer_expired ();
  if ((source & LOCAL_GPU) && (mmio_read (IC + IC_PENDING_2) & IC_BIT_2 (GPU_IRQ_GPIO0)) &&
      (mmio_read (GPIO + GPEDS0) & BIT (BUTTON_PIN)))
    {
      mmio_write (GPIO + GPEDS0, BIT (BUTTON_PIN));
      demo_button_edge ();
    }
}
