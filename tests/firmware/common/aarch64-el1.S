/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64-el1.S: what the AArch64 demos (virt, raspi3b) share once their
 * reset code has brought the core to EL1 with IRQs masked: the stack, the
 * exception vectors, .bss, main; and the vectors themselves. Only an IRQ
 * taken at EL1 on SP_EL1 is expected: it calls the board's irq_handler
 * with the caller-saved registers saved. Anything else stops in fault.
 */
        .text
        .global el1_start
el1_start:
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

        /* 16 vectors of 0x80 bytes */
        .macro  vector, target
        .balign 0x80
        b       \target
        .endm

        .section .text.vectors, "ax"   /* the link script keeps it; 2 KiB aligned */
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
        .global fault
fault:
        msr     daifset, #0xf
3:      wfi
        b       3b
