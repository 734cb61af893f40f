/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64-timer.c: the demo's timer on the AArch64 boards (virt, raspi3b):
 * the generic timer's virtual count and virtual timer, which each board
 * routes to its interrupt controller; and the idle loop.
 */
#include "demo.h"

#define CNTV_CTL_ENABLE 1u

uint32_t
board_timer_hz (void)
{
  uint64_t hz;

  __asm__ volatile ("mrs %0, cntfrq_el0" : "=r" (hz));
  return (uint32_t) hz;
}

uint64_t
board_timer_now (void)
{
  uint64_t count;

  __asm__ volatile ("isb; mrs %0, cntvct_el0" : "=r" (count));
  return count;
}

void
board_timer_at (uint64_t when)
{
  __asm__ volatile ("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
                    : : "r" (when), "r" ((uint64_t) CNTV_CTL_ENABLE));
}

void
board_idle (void)
{
  __asm__ volatile ("msr daifclr, #2");
  for (;;)
    __asm__ volatile ("wfi");
}
