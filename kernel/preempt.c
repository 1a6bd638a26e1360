/* The atomic-context counter and the might_sleep() check (see <kernel/preempt.h>). */
#include <kernel/preempt.h>
#include <kernel/printk.h>

volatile unsigned int preempt_count;
enum system_states system_state;

/**
 * __might_sleep - report a sleeping call made from atomic context
 * @file: source file of the call, for the report
 * @line: its line
 * @caller: the return address shown as the caller
 *
 * Return: true when sleeping is allowed here; false after printing "BUG: sleeping function
 * called from invalid context" with @file, @line and @caller.
 */
bool __might_sleep(const char *file, int line, void *caller)
{
	int disabled = irqs_disabled();

	if (!in_atomic() && !disabled)
		return true;
	if (system_state == SYSTEM_BOOTING)
		return false; /* init runs with IRQs off on purpose: not a bug, still no sleep */
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n", file,
	       line);
	printk(KERN_ERR
	       "in_atomic(): %d, irqs_disabled(): %d, preempt_count: 0x%08x, caller: %pS\n",
	       in_atomic() ? 1 : 0, disabled, preempt_count, caller);
	dump_stack();
	return false;
}
