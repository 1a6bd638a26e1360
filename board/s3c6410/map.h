/*
 * Samsung S3C6410 memory map and interrupt lines (docs/boards.md, section 7; S3C6410
 * user manual): the only place that names this SoC's addresses. Plain #defines, so that
 * the reset hook (assembler, MMU off) and board.c share them.
 */
#ifndef BOARD_S3C6410_MAP_H
#define BOARD_S3C6410_MAP_H

/* ARM1176 peripheral port: base 0x70000000, size 256 MB (SIZE field 0x13). */
#define S3C_PERIPH_PORT_REMAP 0x70000013

#define S3C_PA_DMAC0	0x75000000
#define S3C_PA_VIC0	0x71200000
#define S3C_PA_VIC1	0x71300000
#define S3C_PA_WATCHDOG 0x7e004000
#define S3C_PA_SYSCON	0x7e00f000
#define S3C_PA_UART0	0x7f005000
#define S3C_PA_PWM	0x7f006000
#define S3C_PA_GPIO	0x7f008000

/* Watchdog: WTCON at +0; 0 stops it (and its reset). */
#define S3C_WTCON 0x00

/* Interrupt numbers: VIC0 lines are irqs 0-31, VIC1 lines irqs 32-63. */
#define S3C_IRQ_VIC0_BASE 0
#define S3C_IRQ_VIC1_BASE 32
#define S3C_IRQ_TIMER4	  (S3C_IRQ_VIC0_BASE + 28)
#define S3C_IRQ_UART0	  (S3C_IRQ_VIC1_BASE + 5)
#define S3C_IRQ_DMA0	  (S3C_IRQ_VIC1_BASE + 9)

#endif
