/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S: reset code and exception vectors of the Raspberry Pi 3 demo.
 *
 * QEMU starts a bare ELF on all four cores at once, at its entry point, in
 * the CPU's highest exception level: EL3 (AArch64), MMU and caches off. A
 * real Pi's firmware starts kernel8.img at EL2 instead, with cores 1-3
 * held in its own spin loop. Either way, cores 1-3 sleep here for good,
 * and core 0 goes down to non-secure EL1, where the demo runs as on virt:
 * its vectors in VBAR_EL1, the generic timer's virtual timer for timing.
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
        ldr     x0, =_stack_top
        mov     sp, x0
        ldr     x0, =vectors
        msr     vbar_el1, x0
        isb
        ldr     x0, =_sbss              /* .bss zeroed; .data is loaded in place */
        ldr     x1, =_ebss
1:      cmp     x0, x1
        b.hs    2f
        str     xzr, [x0], #8
        b       1b
2:      bl      main
        b       fault

        /* Cores 1-3: nothing routes an interrupt to them, so WFI sleeps for good. */
park:
        wfi
        b       park

        /* 16 vectors of 0x80 bytes; only an IRQ taken at EL1 on SP_EL1 is expected. */
        .macro  vector, target
        .balign 0x80
        b       \target
        .endm

        .section .text.vectors, "ax"   /* 2 KiB aligned */
        .balign 0x800
vectors:
        .rept   5                       /* EL1 with SP_EL0; sync at EL1 with SP_EL1 */
        vector  fault
        .endr
        vector  irq_entry
        .rept   10                      /* FIQ, SError; lower ELs */
        vector  fault
        .endr

irq_entry:
        sub     sp, sp, #176            /* the registers a C call may clobber */
        stp     x0, x1, [sp, #0]
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        stp     x18, x29, [sp, #144]
        str     x30, [sp, #160]
        bl      irq_handler
        ldp     x0, x1, [sp, #0]
        ldp     x2, x3, [sp, #16]
        ldp     x4, x5, [sp, #32]
        ldp     x6, x7, [sp, #48]
        ldp     x8, x9, [sp, #64]
        ldp     x10, x11, [sp, #80]
        ldp     x12, x13, [sp, #96]
        ldp     x14, x15, [sp, #112]
        ldp     x16, x17, [sp, #128]
        ldp     x18, x29, [sp, #144]
        ldr     x30, [sp, #160]
        add     sp, sp, #176
        eret

        /* An unexpected exception: stop here, asleep, for a debugger to look. */
fault:
        msr     daifset, #0xf
3:      wfi
        b       3b
