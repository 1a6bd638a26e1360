/*
 * local_clock(): nanoseconds since reset from the board's free-running 32-bit counter,
 * extended to 64 bits. Every reader notes the last value it saw and a tick hook does the
 * same every tick, so a wrap (179 s at QEMU's 24 MHz) is never missed. printk stamps its
 * records with it.
 */
#include <asm/irqflags.h>
#include <kernel/board.h>
#include <kernel/printk.h>
#include <kernel/time.h>

static bool clock_ready;
static u32 clock_last; /* the counter's last value seen */
static u64 clock_high; /* its wraps so far, times 2^32 */

/* The counter extended to 64 bits; IRQs masked by the caller. */
static u64 clock_cycles(void)
{
	u32 now = board_cycle_counter();

	if (now < clock_last)
		clock_high += 1ull << 32;
	clock_last = now;
	return clock_high + now;
}

static void clock_tick(void *unused)
{
	clock_cycles();
}

/**
 * time_init - start local_clock() (kernel/clock.c), once the board's counter runs
 *
 * Called by start_kernel() after board_init(); until then local_clock() reads 0.
 */
void time_init(void)
{
	clock_last = board_cycle_counter();
	clock_ready = true;
	if (register_tick_hook(clock_tick, NULL))
		panic("time_init: no tick hook left for the clock");
}

/**
 * local_clock - nanoseconds since reset, from the board's free-running counter
 *
 * Monotonic, at the counter's resolution (42 ns on QEMU): printk's timestamps.
 * Return: the time, or 0 before time_init().
 */
u64 local_clock(void)
{
	unsigned long flags;
	u64 cycles, hz = board_cycle_counter_hz;

	if (!clock_ready)
		return 0;
	flags = arch_local_irq_save();
	cycles = clock_cycles();
	arch_local_irq_restore(flags);
	/* Split so that cycles * 10^9 cannot overflow 64 bits. */
	return cycles / hz * 1000000000ull + cycles % hz * 1000000000ull / hz;
}
