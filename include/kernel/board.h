/* What the kernel asks of a board (board/<name>/board.c implements it). */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include <kernel/types.h>

struct board_info {
	const char *name;    /* "qemu" */
	const char *machine; /* human description */
	phys_addr_t ram_base;
	u32 ram_size;
};

extern const struct board_info board_info;

/* Polled console through head.S's boot window: printk works from here on. */
void board_early_init(void);
/* Map the devices, start the interrupt controller, tick timer and console interrupts. */
void board_init(void);
/* A free-running counter for benchmarks (instructions under -icount), and its rate. */
u32 board_cycle_counter(void);
extern u32 board_cycle_counter_hz;

#endif
