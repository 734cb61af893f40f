/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nrf51.h: the nRF51822 registers the micro:bit demo uses (nRF51 Series
 * Reference Manual v3.0), and the Cortex-M0 instructions it needs.
 */
#pragma once

#include <stdint.h>

#define REG(addr) (*(volatile uint32_t *) (addr))

/* GPIO (chapter 14) */
#define GPIO_BASE               0x50000000u
#define GPIO_OUTSET             REG (GPIO_BASE + 0x508)
#define GPIO_OUTCLR             REG (GPIO_BASE + 0x50c)
#define GPIO_IN                 REG (GPIO_BASE + 0x510)
#define GPIO_DIRSET             REG (GPIO_BASE + 0x518)
#define GPIO_PIN_CNF(n)         REG (GPIO_BASE + 0x700 + 4 * (n))
#define PIN_CNF_INPUT_CONNECT   (0u << 1)
#define PIN_CNF_PULLDOWN        (1u << 2)
#define PIN_CNF_PULLUP          (3u << 2)
#define PIN_CNF_SENSE_HIGH      (2u << 16)
#define PIN_CNF_SENSE_LOW       (3u << 16)

/* GPIOTE (chapter 15) */
#define GPIOTE_BASE             0x40006000u
#define GPIOTE_EVENTS_IN(n)     REG (GPIOTE_BASE + 0x100 + 4 * (n))
#define GPIOTE_EVENTS_PORT      REG (GPIOTE_BASE + 0x17c)
#define GPIOTE_INTENSET         REG (GPIOTE_BASE + 0x304)
#define GPIOTE_INTENCLR         REG (GPIOTE_BASE + 0x308)
#define GPIOTE_INTEN_IN(n)      (1u << (n))
#define GPIOTE_INTEN_PORT       (1u << 31)
#define GPIOTE_CONFIG(n)        REG (GPIOTE_BASE + 0x510 + 4 * (n))
#define GPIOTE_MODE_EVENT       1u
#define GPIOTE_PSEL(pin)        ((uint32_t) (pin) << 8)
#define GPIOTE_POLARITY_TOGGLE  (3u << 16)

/* TIMER0, TIMER1 (chapter 18) */
#define TIMER0                  0x40008000u
#define TIMER1                  0x40009000u
#define TIMER_TASKS_START(t)    REG ((t) + 0x000)
#define TIMER_TASKS_CAPTURE(t, n) REG ((t) + 0x040 + 4 * (n))
#define TIMER_EVENTS_COMPARE(t, n) REG ((t) + 0x140 + 4 * (n))
#define TIMER_INTENSET(t)       REG ((t) + 0x304)
#define TIMER_INTENCLR(t)       REG ((t) + 0x308)
#define TIMER_INTEN_COMPARE(n)  (1u << (16 + (n)))
#define TIMER_MODE(t)           REG ((t) + 0x504)
#define TIMER_MODE_TIMER        0u
#define TIMER_BITMODE(t)        REG ((t) + 0x508)
#define TIMER_BITMODE_16BIT     0u
#define TIMER_BITMODE_24BIT     2u
#define TIMER_PRESCALER(t)      REG ((t) + 0x510)
#define TIMER_CC(t, n)          REG ((t) + 0x540 + 4 * (n))

/* UART0 (chapter 29) */
#define UART0_BASE              0x40002000u
#define UART0_TASKS_STARTTX     REG (UART0_BASE + 0x008)
#define UART0_EVENTS_TXDRDY     REG (UART0_BASE + 0x11c)
#define UART0_ENABLE            REG (UART0_BASE + 0x500)
#define UART0_PSELTXD           REG (UART0_BASE + 0x50c)
#define UART0_TXD               REG (UART0_BASE + 0x51c)
#define UART0_BAUDRATE          REG (UART0_BASE + 0x524)
#define UART_BAUDRATE_115200    0x01d7e000u

/* NVIC lines: the peripheral's ID, bits 12-17 of its base address */
#define IRQ_GPIOTE              6
#define IRQ_TIMER0              8
#define IRQ_TIMER1              9
#define NVIC_ISER               REG (0xe000e100u)

static inline void
wfi (void)
{
  __asm__ volatile ("wfi" ::: "memory");
}
