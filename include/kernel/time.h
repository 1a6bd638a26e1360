/* The periodic tick: HZ interrupts a second advance jiffies and run tick hooks. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

#include <kernel/types.h>

#define HZ 100

extern volatile unsigned long jiffies;

/* Start local_clock(), once the board's free-running counter runs */
void time_init(void);

/* Nanoseconds since reset, from the board's free-running counter */
u64 local_clock(void);

/* Start local_clock() (kernel/clock.c), once the board's counter runs */
void time_init(void);

/* Nanoseconds since reset, from the board's free-running counter */
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
