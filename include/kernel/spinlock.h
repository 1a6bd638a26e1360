/*
 * Spinlocks on a uniprocessor: masking interrupts and counting the nesting is all the
 * exclusion needed, and it keeps in_atomic() truthful while a lock is held.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <kernel/preempt.h>

typedef struct {
	unsigned int locked; /* debug aid: catches recursion */
} spinlock_t;

#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }
#define spin_lock_init(l)  ((l)->locked = 0)

#define spin_lock_irqsave(l, flags)    \
	do {                           \
		local_irq_save(flags); \
		preempt_disable();     \
		(l)->locked++;         \
	} while (0)
#define spin_unlock_irqrestore(l, flags)  \
	do {                              \
		(l)->locked--;            \
		preempt_enable();         \
		local_irq_restore(flags); \
	} while (0)

#endif
