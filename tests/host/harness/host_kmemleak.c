/*
 * What mm/kmemleak.c needs from below mm on the host: the roots it scans (an array a test
 * fills stands for .data; one optional "stack" range stands for the tasks' live stacks),
 * the running task, and a one-frame stack_trace_save().
 */
#include <asm/sections.h>
#include <asm/stacktrace.h>
#include <kernel/task.h>

unsigned long host_kmemleak_roots[HOST_KMEMLEAK_ROOTS];
unsigned long host_stack_lo, host_stack_hi; /* [lo, hi): scanned as the live stacks */

struct task_struct task_table[NR_TASKS] = { [0] = { .state = TASK_RUNNING, .comm = "host" } };
struct task_struct *current = &task_table[0];

void for_each_live_stack(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg,
			 unsigned long sp)
{
	if (host_stack_lo < host_stack_hi)
		fn(host_stack_lo, host_stack_hi, arg);
}

unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	if (!size)
		return 0;
	store[0] = (unsigned long)__builtin_return_address(0);
	return 1;
}
