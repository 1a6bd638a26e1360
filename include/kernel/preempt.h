/*
 * Atomic-context tracking, as Linux does it on a uniprocessor: one nesting counter with
 * a preempt-disable byte and a hardirq field. in_atomic() is true inside an interrupt
 * handler, with a spinlock held or preemption disabled; sleeping there is a bug.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include <asm/irqflags.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

#define PREEMPT_OFFSET 1u
#define PREEMPT_MASK   0x000000ffu
#define HARDIRQ_OFFSET 0x00010000u
#define HARDIRQ_MASK   0x03ff0000u

extern volatile unsigned int preempt_count;

#define preempt_disable()                        \
	do {                                     \
		preempt_count += PREEMPT_OFFSET; \
		barrier();                       \
	} while (0)
#define preempt_enable()                         \
	do {                                     \
		barrier();                       \
		preempt_count -= PREEMPT_OFFSET; \
	} while (0)

#define irq_enter() (preempt_count += HARDIRQ_OFFSET)
#define irq_exit()  (preempt_count -= HARDIRQ_OFFSET)

#define hardirq_count() (preempt_count & HARDIRQ_MASK)
#define in_irq()	(hardirq_count() != 0)
#define in_interrupt()	(hardirq_count() != 0)
#define in_atomic()	(preempt_count != 0)

#define local_irq_save(flags)	 ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_enable()	 arch_local_irq_enable()
#define local_irq_disable()	 arch_local_irq_disable()
#define irqs_disabled()		 arch_irqs_disabled_flags(arch_local_save_flags())

/* Like Linux: sleeping-context checks stay quiet until the system is up. */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_RUNNING
};
extern enum system_states system_state;

/* report a sleeping call made from atomic context */
bool __might_sleep(const char *file, int line, void *caller);
#define might_sleep() __might_sleep(__FILE__, __LINE__, __builtin_return_address(0))

#endif
