/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S: vector table and reset code of the b-l475e-iot01a demo. The core
 * loads SP and PC from the table at 0 (an alias of flash at 0x08000000).
 */
        .syntax unified
        .thumb

        .section .vectors, "a"
        .word   _stack_top
        .word   reset_handler
        .rept   13                      /* NMI ... PendSV */
        .word   fault_handler
        .endr
        .word   SysTick_Handler
        .rept   40                      /* IRQ 0-39 */
        .word   fault_handler
        .endr
        .word   EXTI15_10_IRQHandler    /* IRQ 40 */
        .rept   41                      /* IRQ 41-81 */
        .word   fault_handler
        .endr

        .text
        .thumb_func
        .global reset_handler
reset_handler:
        cpsid   i                       /* board_idle enables interrupts */
        ldr     r0, =_sdata             /* .data from its copy in flash */
        ldr     r1, =_edata
        ldr     r2, =_sidata
1:      cmp     r0, r1
        bhs     2f
        ldr     r3, [r2], #4
        str     r3, [r0], #4
        b       1b
2:      ldr     r0, =_sbss              /* .bss zeroed */
        ldr     r1, =_ebss
        movs    r3, #0
3:      cmp     r0, r1
        bhs     4f
        str     r3, [r0], #4
        b       3b
4:      bl      main
        b       fault_handler

        /* An unexpected exception: stop here, asleep, for a debugger to look. */
        .thumb_func
fault_handler:
        cpsid   i
5:      wfi
        b       5b
