/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pl011.h: the Arm PL011 UART, as the virt and raspi3b demos use it (the
 * Pi's UART0 is one too): 8N1 with FIFOs, transmit by polling.
 */
#pragma once

#include "demo.h"

#define UART_DR 0x00u
#define UART_FR 0x18u
#define UART_IBRD 0x24u
#define UART_FBRD 0x28u
#define UART_LCR_H 0x2Cu
#define UART_CR 0x30u
#define UART_IMSC 0x38u
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_IMSC_RXIM (1u << 4)
#define UART_IMSC_RTIM (1u << 6)
#define UART_LCR_H_8N1_FIFO 0x70u
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)
#define UART_CR_RXE (1u << 9)

/* 8N1 with FIFOs at the divisor @ibrd + @fbrd/64 of its clock (QEMU
 * ignores the rate), transmitting, and receiving too when @rx. */
static inline void
pl011_init (uintptr_t base, uint32_t ibrd, uint32_t fbrd, bool rx)
{
  mmio_write (base + UART_CR, 0);
  mmio_write (base + UART_IBRD, ibrd);
  mmio_write (base + UART_FBRD, fbrd);
  mmio_write (base + UART_LCR_H, UART_LCR_H_8N1_FIFO);
  mmio_write (base + UART_CR, UART_CR_UARTEN | UART_CR_TXE | (rx ? UART_CR_RXE : 0));
}

static inline void
pl011_putc (uintptr_t base, char c)
{
  while (mmio_read (base + UART_FR) & UART_FR_TXFF)
    ;
  mmio_write (base + UART_DR, (uint8_t) c);
}
