/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c: the front panel demo on QEMU's virt machine (AArch64, EL1, MMU
 * off) with the PL061 GPIO controller: LED0 = pin 0 blinks, the button on
 * pin 2 (active low) lights LED1 = pin 1 through the PL061's interrupt (GIC
 * SPI 7), DEBOUNCE switch on pin 4, banner on the PL011, which echoes what
 * it receives (its RX interrupt, GIC SPI 1). Timing comes from
 * the generic timer's virtual counter. Pin 3 is the power key QEMU wires
 * for Linux guests: the demo leaves it alone.
 */
#include "demo.h"
#include "pl011.h"

#define GICD 0x08000000u
#define GICD_CTLR 0x000u
#define GICD_ISENABLER(id) (0x100u + 4 * ((id) / 32))
#define GICD_IPRIORITYR(id) (0x400u + 4 * ((id) / 4))
#define GICD_ITARGETSR(id) (0x800u + 4 * ((id) / 4))
#define GICC 0x08010000u
#define GICC_CTLR 0x00u
#define GICC_PMR 0x04u
#define GICC_IAR 0x0Cu
#define GICC_EOIR 0x10u
#define GIC_SPURIOUS 1020u
#define TIMER_INTID 27                  /* virtual timer, PPI 11 */
#define PL061_INTID (32 + 7)            /* SPI 7 */
#define PL011_INTID (32 + 1)            /* SPI 1 */

#define PL061 0x09030000u
#define PL061_DATA(pins) ((pins) << 2)  /* address bits 9:2 mask the access */
#define PL061_DIR 0x400u
#define PL061_IS 0x404u
#define PL061_IBE 0x408u
#define PL061_IE 0x410u
#define PL061_MIS 0x418u
#define PL061_IC 0x41Cu

#define LED0_PIN 0
#define LED1_PIN 1
#define BUTTON_PIN 2
#define DEBOUNCE_PIN 4

#define PL011 0x09000000u


#define BIT(pin) (1u << (pin))

const struct demo_board board = {
  .name = "virt",
  .blink_led = "LED0",
  .button = "BTN",
  .button_led = "LED1",
};

static void
pl061_put (unsigned pin, bool high)
{
  mmio_write (PL061 + PL061_DATA (BIT (pin)), high ? BIT (pin) : 0);
}

static bool
pl061_get (unsigned pin)
{
  return mmio_read (PL061 + PL061_DATA (BIT (pin))) != 0;
}

/* Sets the byte of @id in a GIC register with a byte per interrupt. */
static void
gicd_byte (uintptr_t reg, unsigned id, uint8_t value)
{
  unsigned shift = 8 * (id % 4);

  mmio_write (reg, (mmio_read (reg) & ~(0xFFu << shift)) | (uint32_t) value << shift);
}

void
board_init (void)
{
  /* LEDs off, then outputs; the other pins stay inputs. */
  pl061_put (LED0_PIN, false);
  pl061_put (LED1_PIN, false);
  mmio_set (PL061 + PL061_DIR, BIT (LED0_PIN) | BIT (LED1_PIN));

  /*
   * The button interrupts on both edges. The PL061 has no pull-ups of its
   * own and QEMU's virt pulls every pin down, so an open button reads
   * "pressed" and an open DEBOUNCE switch off: whoever wires the button
   * (the panel) drives it high when released, as a pull-up resistor would.
   */
  mmio_clear (PL061 + PL061_IS, BIT (BUTTON_PIN));
  mmio_set (PL061 + PL061_IBE, BIT (BUTTON_PIN));
  board_button_irq_enable (true);

  /* PL011 at 115200 8N1 from its 24 MHz clock (QEMU ignores the rate). */
  pl011_init (PL011, 13, 1, true);
  /* Received, or the FIFO holds some and no more came: both interrupt. */
  mmio_write (PL011 + UART_IMSC, UART_IMSC_RXIM | UART_IMSC_RTIM);

  /* GICv2 (virt's default with one CPU): both interrupts to CPU 0. */
  gicd_byte (GICD + GICD_IPRIORITYR (TIMER_INTID), TIMER_INTID, 0x80);
  gicd_byte (GICD + GICD_IPRIORITYR (PL061_INTID), PL061_INTID, 0x80);
  gicd_byte (GICD + GICD_ITARGETSR (PL061_INTID), PL061_INTID, 0x01);
  gicd_byte (GICD + GICD_IPRIORITYR (PL011_INTID), PL011_INTID, 0x80);
  gicd_byte (GICD + GICD_ITARGETSR (PL011_INTID), PL011_INTID, 0x01);
  mmio_write (GICD + GICD_ISENABLER (TIMER_INTID), BIT (TIMER_INTID % 32));
  mmio_write (GICD + GICD_ISENABLER (PL061_INTID), BIT (PL061_INTID % 32));
  mmio_write (GICD + GICD_ISENABLER (PL011_INTID), BIT (PL011_INTID % 32));
  mmio_write (GICD + GICD_CTLR, 1);
  mmio_write (GICC + GICC_PMR, 0xFF);
  mmio_write (GICC + GICC_CTLR, 1);
}

void
board_putc (char c)
{
  pl011_putc (PL011, c);
}

void
board_led_set (enum demo_led led, bool on)
{
  pl061_put (led == DEMO_LED_BLINK ? LED0_PIN : LED1_PIN, on);
}

bool
board_button_pressed (void)
{
  return !pl061_get (BUTTON_PIN);
}

bool
board_debounce_on (void)
{
  return pl061_get (DEBOUNCE_PIN);
}

void
board_button_irq_enable (bool enable)
{
  if (!enable)
    {
      mmio_clear (PL061 + PL061_IE, BIT (BUTTON_PIN));
      return;
    }
  /* The raw status latches edges whether enabled or not. */
  mmio_write (PL061 + PL061_IC, BIT (BUTTON_PIN));
  mmio_set (PL061 + PL061_IE, BIT (BUTTON_PIN));
}

/* Called by common/aarch64-el1.S's IRQ vector, with the caller-saved registers saved. */
void irq_handler (void);

void
irq_handler (void)
{
  uint32_t iar = mmio_read (GICC + GICC_IAR);
  uint32_t id = iar & 0x3FF;

  if (id == TIMER_INTID)
    {
      /* demo_timer_expired always sets a later compare, which clears it. */
      demo_timer_expired ();
    }
  else if (id == PL061_INTID && (mmio_read (PL061 + PL061_MIS) & BIT (BUTTON_PIN)))
    {
      mmio_write (PL061 + PL061_IC, BIT (BUTTON_PIN));
      demo_button_edge ();
    }
  else if (id == PL011_INTID)
    {
      /* Reading the FIFO empty clears the interrupt. */
      while (!(mmio_read (PL011 + UART_FR) & UART_FR_RXFE))
        demo_serial_input ((char) mmio_read (PL011 + UART_DR));
    }
  if (id < GIC_SPURIOUS)
    mmio_write (GICC + GICC_EOIR, iar);
}
