/* The periodic tick: HZ interrupts a second advance jiffies and run tick hooks. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

#include <kernel/types.h>

#define HZ 100

extern volatile unsigned long jiffies;

/**
 * time_init - start local_clock(), once the board's free-running counter runs
 *
 * Called by start_kernel() after board_init(); until then local_clock() reads 0.
 */
void time_init(void);

/**
 * local_clock - nanoseconds since reset, from the board's free-running counter
 *
 * Monotonic, at the counter's resolution (42 ns on QEMU); printk's timestamps.
 * Return: the time, or 0 before time_init().
 */
u64 local_clock(void);

/**
 * time_init - start local_clock() (kernel/clock.c), once the board's counter runs
 *
 * Called by start_kernel() after board_init(); until then local_clock() reads 0.
 */
void time_init(void);

/**
 * local_clock - nanoseconds since reset, from the board's free-running counter
 *
 * Monotonic, at the counter's resolution (42 ns on QEMU): printk's timestamps.
 * Return: the time, or 0 before time_init().
 */
u64 local_clock(void);

/* Called by the board's tick timer driver from its interrupt handler. */
void timer_tick(void);

/*
 * A function run on every tick, in interrupt context. Return: 0, or -1 when the table of
 * hooks is full.
 */
int register_tick_hook(void (*fn)(void *), void *arg);
void unregister_tick_hook(void (*fn)(void *), void *arg);

#endif
