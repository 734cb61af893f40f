/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S: reset code of the sifive_e demo. The mask ROM jumps to the
 * start of the application flash, 0x20400000, where .text.start is linked.
 */
        .section .text.start, "ax"
        .global _start
_start:
        csrw    mie, zero               /* board_init and board_idle enable them */
        la      sp, _stack_top
        la      t0, trap_entry
        csrw    mtvec, t0
        la      t0, _sdata              /* .data from its copy in flash */
        la      t1, _edata
        la      t2, _sidata
1:      bgeu    t0, t1, 2f
        lw      t3, 0(t2)
        sw      t3, 0(t0)
        addi    t0, t0, 4
        addi    t2, t2, 4
        j       1b
2:      la      t0, _sbss               /* .bss zeroed */
        la      t1, _ebss
3:      bgeu    t0, t1, 4f
        sw      zero, 0(t0)
        addi    t0, t0, 4
        j       3b
4:      call    main
5:      wfi
        j       5b
