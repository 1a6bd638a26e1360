/*
 * The benchmarks' clock (see <kernel/bench.h>): the board's free-running counter in ns,
 * and when the first prompt appeared. Kept below the shell and the bench command, which
 * both use it.
 */
#include <kernel/bench.h>
#include <kernel/board.h>

u64 boot_to_prompt_ns;

/**
 * bench_ns - nanoseconds of (virtual) time from an arbitrary origin
 *
 * Derived from the board's cycle counter; wraps after minutes, so measure short intervals.
 *
 * Return: the current time in ns.
 */
u64 bench_ns(void)
{
	return (u64)board_cycle_counter() * 1000000000ull / board_cycle_counter_hz;
}
