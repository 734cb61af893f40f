/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c: the front panel demo on the B-L475E-IOT01A Discovery kit
 * (STM32L475VG, Cortex-M4): LD1 = PA5 blinks, user button B1 = PC13 (active
 * low) through EXTI13 lights LD2 = PB14, DEBOUNCE switch on PA0, banner on
 * USART1 (the ST-LINK virtual COM port, PB6/PB7).
 */
#include "demo.h"

/*
 * The timer is SysTick, counting the processor clock, HCLK. Out of reset
 * that is the MSI oscillator at 4 MHz, on the chip and in QEMU's RCC model
 * alike, and the demo leaves the clock tree alone. QEMU models no other
 * timer on this SoC (TIMx, LPTIM and the RTC are unimplemented).
 *
 * SysTick runs tickless: each countdown ends at the next deadline, and the
 * time is the sum of the countdowns so far plus the current count. A
 * periodic tick would be simpler, but a tick interrupt that is still
 * pending when the next tick comes is lost, and under QEMU's TCG the
 * emulated CPU often wakes from WFI milliseconds late: a 1 kHz tick ran
 * the blink 1.5 % slow, a 100 Hz one still up to 1.5 % on a loaded host.
 * Here a countdown can only be lost if the interrupt is a whole countdown
 * late (100 ms while it only blinks). Restarting the count for a deadline
 * elsewhere costs the cycles between reading it and restarting it.
 */
#define HCLK_HZ 4000000u

#define RCC_AHB2ENR 0x4002104Cu
#define RCC_APB2ENR 0x40021060u
#define RCC_AHB2ENR_GPIOAEN (1u << 0)
#define RCC_AHB2ENR_GPIOBEN (1u << 1)
#define RCC_AHB2ENR_GPIOCEN (1u << 2)
#define RCC_APB2ENR_SYSCFGEN (1u << 0)
#define RCC_APB2ENR_USART1EN (1u << 14)

#define GPIOA 0x48000000u
#define GPIOB 0x48000400u
#define GPIOC 0x48000800u
#define GPIO_MODER 0x00u
#define GPIO_PUPDR 0x0Cu
#define GPIO_IDR 0x10u
#define GPIO_BSRR 0x18u
#define GPIO_AFRL 0x20u
#define MODE_OUTPUT 1u
#define MODE_ALTERNATE 2u
#define PULL_UP 1u
#define PULL_DOWN 2u

#define LD1_PIN 5               /* on GPIOA */
#define LD2_PIN 14              /* on GPIOB */
#define B1_PIN 13               /* on GPIOC */
#define DEBOUNCE_PIN 0          /* on GPIOA */
#define USART1_TX_PIN 6         /* on GPIOB, alternate function 7 */
#define USART1_RX_PIN 7

#define SYSCFG_EXTICR4 0x40010014u
#define EXTI_IMR1 0x40010400u
#define EXTI_RTSR1 0x40010408u
#define EXTI_FTSR1 0x4001040Cu
#define EXTI_PR1 0x40010414u
#define EXTI15_10_IRQ 40

#define USART1 0x40013800u
#define USART_CR1 0x00u
#define USART_BRR 0x0Cu
#define USART_ISR 0x1Cu
#define USART_TDR 0x28u
#define USART_CR1_UE (1u << 0)
#define USART_CR1_TE (1u << 3)
#define USART_ISR_TXE (1u << 7)

#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)    /* the processor clock, not HCLK/8 */
#define SYST_MIN 100u                   /* cycles: shorter countdowns are rounded up */
#define SYST_MAX (1u << 24)             /* cycles: the counter has 24 bits */
#define SCB_ICSR 0xE000ED04u
#define SCB_ICSR_PENDSTSET (1u << 26)
#define SCB_ICSR_PENDSTCLR (1u << 25)

#define NVIC_ISER(n) (0xE000E100u + 4 * ((n) / 32))
#define NVIC_ICPR(n) (0xE000E280u + 4 * ((n) / 32))

const struct demo_board board = {
  .name = "b-l475e-iot01a",
  .blink_led = "LD1",
  .button = "B1",
  .button_led = "LD2",
};

/*
 * The current countdown began at cycle @origin and lasts @length cycles;
 * RVR holds @length - 1, so the one after it, reloaded by the hardware,
 * lasts as long unless board_timer_at restarts the count. Right after a
 * restart CVR reads 0 until the first reload (@restarted).
 */
static uint64_t origin;
static uint32_t length = SYST_MAX;
static bool restarted;

/* Sets the 2-bit field of @pin in a MODER or PUPDR-like register. */
static void
gpio_field (uintptr_t reg, unsigned pin, uint32_t value)
{
  mmio_write (reg, (mmio_read (reg) & ~(3u << 2 * pin)) | value << 2 * pin);
}

static void
gpio_put (uintptr_t port, unsigned pin, bool high)
{
  mmio_write (port + GPIO_BSRR, 1u << (high ? pin : pin + 16));
}

void
board_init (void)
{
  mmio_set (RCC_AHB2ENR, RCC_AHB2ENR_GPIOAEN | RCC_AHB2ENR_GPIOBEN | RCC_AHB2ENR_GPIOCEN);
  mmio_set (RCC_APB2ENR, RCC_APB2ENR_SYSCFGEN | RCC_APB2ENR_USART1EN);

  /* LEDs: off first, so that they never flash on as they become outputs. */
  gpio_put (GPIOA, LD1_PIN, false);
  gpio_put (GPIOB, LD2_PIN, false);
  gpio_field (GPIOA + GPIO_MODER, LD1_PIN, MODE_OUTPUT);
  gpio_field (GPIOB + GPIO_MODER, LD2_PIN, MODE_OUTPUT);

  /*
   * Inputs. B1 gets the internal pull-up besides the board's own, so that an
   * unwired panel reads "released"; the DEBOUNCE switch reads off when open.
   */
  gpio_field (GPIOC + GPIO_MODER, B1_PIN, 0);
  gpio_field (GPIOC + GPIO_PUPDR, B1_PIN, PULL_UP);
  gpio_field (GPIOA + GPIO_MODER, DEBOUNCE_PIN, 0);
  gpio_field (GPIOA + GPIO_PUPDR, DEBOUNCE_PIN, PULL_DOWN);

  /* USART1 at 115200 8N1 on PB6/PB7. */
  mmio_write (GPIOB + GPIO_AFRL, (mmio_read (GPIOB + GPIO_AFRL) & ~0xFF000000u) | 0x77000000u);
  gpio_field (GPIOB + GPIO_MODER, USART1_TX_PIN, MODE_ALTERNATE);
  gpio_field (GPIOB + GPIO_MODER, USART1_RX_PIN, MODE_ALTERNATE);
  mmio_write (USART1 + USART_BRR, (HCLK_HZ + 115200 / 2) / 115200);
  mmio_write (USART1 + USART_CR1, USART_CR1_UE | USART_CR1_TE);

  /* EXTI13 from port C, both edges: a press and a release. */
  mmio_write (SYSCFG_EXTICR4, (mmio_read (SYSCFG_EXTICR4) & ~0xF0u) | 2u << 4);
  mmio_set (EXTI_RTSR1, 1u << B1_PIN);
  mmio_set (EXTI_FTSR1, 1u << B1_PIN);
  board_button_irq_enable (true);
  mmio_write (NVIC_ISER (EXTI15_10_IRQ), 1u << EXTI15_10_IRQ % 32);

  mmio_write (SYST_RVR, length - 1);
  mmio_write (SYST_CVR, 0);
  restarted = true;
  mmio_write (SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE);
}

void
board_putc (char c)
{
  while (!(mmio_read (USART1 + USART_ISR) & USART_ISR_TXE))
    ;
  mmio_write (USART1 + USART_TDR, (uint8_t) c);
}

void
board_led_set (enum demo_led led, bool on)
{
  if (led == DEMO_LED_BLINK)
    gpio_put (GPIOA, LD1_PIN, on);
  else
    gpio_put (GPIOB, LD2_PIN, on);
}

bool
board_button_pressed (void)
{
  return !(mmio_read (GPIOC + GPIO_IDR) & 1u << B1_PIN);
}

bool
board_debounce_on (void)
{
  return mmio_read (GPIOA + GPIO_IDR) & 1u << DEBOUNCE_PIN;
}

void
board_button_irq_enable (bool enable)
{
  if (!enable)
    {
      mmio_clear (EXTI_IMR1, 1u << B1_PIN);
      return;
    }
  mmio_write (EXTI_PR1, 1u << B1_PIN);
  mmio_write (NVIC_ICPR (EXTI15_10_IRQ), 1u << EXTI15_10_IRQ % 32);
  mmio_set (EXTI_IMR1, 1u << B1_PIN);
}

uint32_t
board_timer_hz (void)
{
  return HCLK_HZ;
}

uint64_t
board_timer_now (void)
{
  uint32_t pending, count;

  /* A countdown that ended while its interrupt waits counts whole. */
  do
    {
      pending = mmio_read (SCB_ICSR) & SCB_ICSR_PENDSTSET;
      count = mmio_read (SYST_CVR);
    }
  while (pending != (mmio_read (SCB_ICSR) & SCB_ICSR_PENDSTSET));
  if (count != 0)
    restarted = false;
  if (restarted)
    return origin;
  return origin + (pending ? length : 0) + (length - 1 - count);
}

void
board_timer_at (uint64_t when)
{
  uint64_t now;

  /* Already counting down to it: the periodic case, left alone to stay exact. */
  if (origin + length == when)
    return;
  now = board_timer_now ();
  if (when < now + SYST_MIN)
    length = SYST_MIN;
  else if (when - now < SYST_MAX)
    length = (uint32_t) (when - now);
  else
    length = SYST_MAX;
  origin = now;
  mmio_write (SYST_RVR, length - 1);
  mmio_write (SYST_CVR, 0);
  mmio_write (SCB_ICSR, SCB_ICSR_PENDSTCLR);
  restarted = true;
}

void
board_idle (void)
{
  __asm__ volatile ("cpsie i");
  for (;;)
    __asm__ volatile ("wfi");
}

void SysTick_Handler (void);
void EXTI15_10_IRQHandler (void);

void
SysTick_Handler (void)
{
  /* The hardware already reloaded: the next countdown began as this one ended. */
  origin += length;
  restarted = false;
  demo_timer_expired ();
}

void
EXTI15_10_IRQHandler (void)
{
  if (!(mmio_read (EXTI_PR1) & 1u << B1_PIN))
    return;
  mmio_write (EXTI_PR1, 1u << B1_PIN);
  demo_button_edge ();
}
