/*
 * SP804 dual timer. Timer 1 runs periodic at HZ and drives timer_tick(); timer 2 runs
 * free (32-bit, wrapping, no interrupt) as a clock source. Under QEMU -icount the input
 * clock follows the instruction count, which makes both deterministic.
 */
#include <asm/io.h>
#include <drivers/sp804.h>
#include <kernel/irq.h>
#include <kernel/time.h>

#define TIMER_LOAD    0x00
#define TIMER_VALUE   0x04
#define TIMER_CTRL    0x08
#define TIMER_INTCLR  0x0c
#define TIMER2_OFFSET 0x20

#define CTRL_ENABLE   (1 << 7)
#define CTRL_PERIODIC (1 << 6)
#define CTRL_INTEN    (1 << 5)
#define CTRL_32BIT    (1 << 1)

static void sp804_tick_interrupt(unsigned int irq, void *dev)
{
	writel(1, (void __iomem *)dev + TIMER_INTCLR);
	timer_tick();
}

/**
 * sp804_tick_init - start timer 1 of an SP804 as the tick
 * @base: the mapped block
 * @irq: its interrupt line
 * @clk_hz: its input clock
 *
 * Runs periodic at HZ and calls timer_tick() from the interrupt.
 *
 * Return: 0, or -1 when the line cannot be taken.
 */
int sp804_tick_init(void __iomem *base, unsigned int irq, u32 clk_hz)
{
	writel(0, base + TIMER_CTRL);
	writel(clk_hz / HZ, base + TIMER_LOAD);
	writel(1, base + TIMER_INTCLR);
	if (request_irq(irq, sp804_tick_interrupt, "sp804", (void *)base))
		return -1;
	writel(CTRL_ENABLE | CTRL_PERIODIC | CTRL_INTEN | CTRL_32BIT, base + TIMER_CTRL);
	return 0;
}

/**
 * sp804_clocksource_init - start timer 2 of an SP804 free-running
 * @base: the mapped block
 *
 * 32 bits, wrapping, no interrupt (for benchmarks).
 */
void sp804_clocksource_init(void __iomem *base)
{
	writel(0, base + TIMER2_OFFSET + TIMER_CTRL);
	writel(0xffffffff, base + TIMER2_OFFSET + TIMER_LOAD);
	writel(CTRL_ENABLE | CTRL_32BIT, base + TIMER2_OFFSET + TIMER_CTRL); /* free-running */
}

/**
 * sp804_clocksource_read - read timer 2 of an SP804
 * @base: the mapped block
 *
 * Return: its count, which goes down.
 */
u32 sp804_clocksource_read(void __iomem *base)
{
	return readl(base + TIMER2_OFFSET + TIMER_VALUE);
}
