/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark firmware for b-l475e-iot01a (STM32L475, Cortex-M4): make PA5
 * (LED LD1) a push-pull output, then toggle it N times by writing GPIOA's
 * ODR, and exit QEMU.
 *
 * The guest times nothing itself: it prints "start" and "done" through
 * semihosting (QEMU writes them to its stderr) right before and after the
 * toggles, and bench/run timestamps those lines. After "done" it spins TAIL
 * loop iterations, so that a panel client still has time to receive the
 * last events (QEMU drops what it has not sent when it exits), then ends
 * QEMU with SYS_EXIT.
 *
 *   arm-none-eabi-as -mcpu=cortex-m4 -mthumb --defsym N=2000000 \
 *       --defsym TAIL=200000000 toggle.S -o toggle.o
 *   arm-none-eabi-ld -T board.ld toggle.o -o toggle.elf
 *
 * N must be even: each loop iteration toggles twice.
 */
    .syntax unified
    .cpu cortex-m4
    .thumb

    .equ RCC_AHB2ENR, 0x4002104c
    .equ GPIOA,       0x48000000
    .equ MODER,       0x00
    .equ ODR,         0x14
    .equ SYS_WRITE0,  0x04
    .equ SYS_EXIT,    0x18
    .equ ADP_Stopped_ApplicationExit, 0x20026

    .section .vectors, "a"
    .word 0x20018000            /* initial SP: top of SRAM1 */
    .word reset + 1             /* reset handler, Thumb */

    .text
    .global reset
    .thumb_func
reset:
    ldr r0, =RCC_AHB2ENR        /* clock GPIOA, as the real chip needs */
    ldr r1, [r0]
    orr r1, r1, #1
    str r1, [r0]

    ldr r0, =GPIOA
    ldr r1, [r0, #MODER]        /* PA5 output: MODER bits 11:10 = 01 */
    bic r1, r1, #(3 << 10)
    orr r1, r1, #(1 << 10)
    str r1, [r0, #MODER]

    adr r1, start_msg
    bl write0
    ldr r0, =GPIOA
    movs r2, #(1 << 5)          /* ODR value with PA5 high */
    movs r3, #0                 /* ... and low */
    ldr r4, =(N / 2)
    cbz r4, 2f
1:  str r2, [r0, #ODR]
    str r3, [r0, #ODR]
    subs r4, r4, #1
    bne 1b
2:  adr r1, done_msg
    bl write0

    ldr r4, =TAIL
    cbz r4, 4f
3:  subs r4, r4, #1
    bne 3b
4:  movs r0, #SYS_EXIT
    ldr r1, =ADP_Stopped_ApplicationExit
    bkpt 0xab
    b .

/* Semihosting SYS_WRITE0 of the string at r1. */
    .thumb_func
write0:
    movs r0, #SYS_WRITE0
    bkpt 0xab
    bx lr

    .align 2
start_msg: .asciz "start\n"
    .align 2
done_msg:  .asciz "done\n"
