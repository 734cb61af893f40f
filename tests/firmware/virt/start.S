/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S: reset code of the virt demo. QEMU starts an ELF at its entry
 * point in EL1 (virt has no EL2/EL3 unless asked), MMU and caches off, so
 * it goes straight on to what the AArch64 demos share (common/aarch64-el1.S).
 */
        .text
        .global _start
_start:
        msr     daifset, #0xf           /* board_idle unmasks IRQs */
        b       el1_start
