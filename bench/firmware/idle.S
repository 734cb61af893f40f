/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Latency firmware for b-l475e-iot01a: make PC13 (the user button B1) a
 * GPIO input with its pull-up, print "ready" through semihosting, and sleep
 * (WFI) for ever, so that the panel's set on PC13 reaches an input pin of
 * an idle guest. bench/run kills QEMU when it is done.
 */
    .syntax unified
    .cpu cortex-m4
    .thumb

    .equ RCC_AHB2ENR, 0x4002104c
    .equ GPIOC,       0x48000800
    .equ MODER,       0x00
    .equ PUPDR,       0x0c
    .equ SYS_WRITE0,  0x04

    .section .vectors, "a"
    .word 0x20018000
    .word reset + 1

    .text
    .global reset
    .thumb_func
reset:
    ldr r0, =RCC_AHB2ENR        /* clock GPIOC */
    ldr r1, [r0]
    orr r1, r1, #(1 << 2)
    str r1, [r0]

    ldr r0, =GPIOC
    ldr r1, [r0, #PUPDR]        /* PC13 pull-up: PUPDR bits 27:26 = 01 */
    bic r1, r1, #(3 << 26)
    orr r1, r1, #(1 << 26)
    str r1, [r0, #PUPDR]
    ldr r1, [r0, #MODER]        /* PC13 input: MODER bits 27:26 = 00 */
    bic r1, r1, #(3 << 26)
    str r1, [r0, #MODER]

    movs r0, #SYS_WRITE0
    adr r1, ready_msg
    bkpt 0xab
1:  wfi
    b 1b

    .align 2
ready_msg: .asciz "ready\n"
