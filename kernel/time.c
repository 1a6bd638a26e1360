/* jiffies and the per-tick hooks (see <kernel/time.h>). */
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/time.h>

#define MAX_TICK_HOOKS 8

struct tick_hook {
	void (*fn)(void *);
	void *arg;
};

volatile unsigned long jiffies;
static struct tick_hook tick_hooks[MAX_TICK_HOOKS];

/**
 * timer_tick - account one tick and run the tick hooks
 *
 * Called by the board's tick timer driver from its interrupt handler.
 */
void timer_tick(void)
{
	unsigned int i;

	jiffies++;
	for (i = 0; i < MAX_TICK_HOOKS; i++)
		if (tick_hooks[i].fn)
			tick_hooks[i].fn(tick_hooks[i].arg);
}

/**
 * register_tick_hook - run a function on every tick, in interrupt context
 * @fn: the function
 * @arg: its argument
 *
 * Return: 0, or -1 when the table of hooks is full.
 */
int register_tick_hook(void (*fn)(void *), void *arg)
{
	unsigned long flags;
	unsigned int i;
	int ret = -1;

	local_irq_save(flags);
	for (i = 0; i < MAX_TICK_HOOKS; i++) {
		if (!tick_hooks[i].fn) {
			tick_hooks[i].arg = arg;
			tick_hooks[i].fn = fn;
			ret = 0;
			break;
		}
	}
	local_irq_restore(flags);
	return ret;
}

/**
 * unregister_tick_hook - remove a hook added by register_tick_hook()
 * @fn: the function
 * @arg: the argument it was registered with
 */
void unregister_tick_hook(void (*fn)(void *), void *arg)
{
	unsigned long flags;
	unsigned int i;

	local_irq_save(flags);
	for (i = 0; i < MAX_TICK_HOOKS; i++)
		if (tick_hooks[i].fn == fn && tick_hooks[i].arg == arg)
			tick_hooks[i].fn = NULL;
	local_irq_restore(flags);
}
