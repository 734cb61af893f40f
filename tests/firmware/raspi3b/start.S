/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S: reset code of the Raspberry Pi 3 demo.
 *
 * QEMU starts a bare ELF on all four cores at once, at its entry point, in
 * the CPU's highest exception level: EL3 (AArch64), MMU and caches off. A
 * real Pi's firmware starts kernel8.img at EL2 instead, with cores 1-3
 * held in its own spin loop. Either way, cores 1-3 sleep here for good,
 * and core 0 goes down to non-secure EL1, where the demo runs as on virt
 * (common/aarch64-el1.S): its vectors in VBAR_EL1, the generic timer's
 * virtual timer for timing.
 */
#define SCR_EL3_NS (1 << 0)             /* EL2 and EL1 are non-secure */
#define SCR_EL3_RES1 (3 << 4)
#define SCR_EL3_RW (1 << 10)            /* EL2 is AArch64 */
#define HCR_EL2_RW (1 << 31)            /* EL1 is AArch64 */
#define SPSR_EL2H_DAIF 0x3c9            /* EL2 on SP_EL2, interrupts masked */
#define SPSR_EL1H_DAIF 0x3c5            /* EL1 on SP_EL1, interrupts masked */

        .section .text.start, "ax"
        .global _start
_start:
        msr     daifset, #0xf           /* board_idle unmasks IRQs on core 0 */
        mrs     x0, mpidr_el1
        and     x0, x0, #3              /* Aff0: the core's number */
        cbnz    x0, park
        mrs     x0, CurrentEL
        cmp     x0, #(2 << 2)
        b.lo    el1
        b.eq    el2
        /* EL3: IRQs are left to the non-secure side, which is AArch64. */
        mov     x0, #(SCR_EL3_NS | SCR_EL3_RES1 | SCR_EL3_RW)
        msr     scr_el3, x0
        mov     x0, #SPSR_EL2H_DAIF
        msr     spsr_el3, x0
        adr     x0, el2
        msr     elr_el3, x0
        eret
el2:
        mov     x0, #HCR_EL2_RW
        msr     hcr_el2, x0
        /* The virtual count is the physical one (the offset resets to an UNKNOWN value). */
        msr     cntvoff_el2, xzr
        mov     x0, #SPSR_EL1H_DAIF
        msr     spsr_el2, x0
        adr     x0, el1
        msr     elr_el2, x0
        eret
el1:
        b       el1_start

        /* Cores 1-3: nothing routes an interrupt to them, so WFI sleeps for good. */
park:
        wfi
        b       park
