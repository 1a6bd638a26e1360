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

void timer_tick(void)
{
	unsigned int i;

	jiffies++;
	for (i = 0; i < MAX_TICK_HOOKS; i++)
		if (tick_hooks[i].fn)
			tick_hooks[i].fn(tick_hooks[i].arg);
}

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
