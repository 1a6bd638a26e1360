/* ARM SP804 dual timer: timer 1 of a block as the periodic HZ tick. */
#ifndef DRIVERS_SP804_H
#define DRIVERS_SP804_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* Start the tick at HZ from a @clk_hz input clock. Return: 0 or -1. */
int sp804_tick_init(void __iomem *base, unsigned int irq, u32 clk_hz);
/* A free-running down-counter on timer 2 of the same block (for benchmarks). */
void sp804_clocksource_init(void __iomem *base);
u32 sp804_clocksource_read(void __iomem *base);

#endif
