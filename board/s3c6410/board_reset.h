/*
 * S3C6410 reset hook for boot/head.S (included when board.mk defines BOARD_RESET_HOOK).
 * Runs with the MMU and caches off, before anything touches a peripheral: the ARM1176's
 * peripheral port must be told where the SoC's registers are or every device access
 * goes to the wrong bus, and a watchdog a loader left running would reset us mid-boot.
 * May use r0-r3.
 */
/* GNU assembler macros, not C: the formatter leaves them alone. */
/* clang-format off */
#ifndef BOARD_S3C6410_BOARD_RESET_H
#define BOARD_S3C6410_BOARD_RESET_H

#include "map.h"

	.macro	board_reset_hook
	ldr	r0, =S3C_PERIPH_PORT_REMAP
	mcr	p15, 0, r0, c15, c2, 4		@ peripheral port remap
	ldr	r0, =S3C_PA_WATCHDOG
	mov	r1, #0
	str	r1, [r0, #S3C_WTCON]		@ watchdog off
	.endm

#endif
