/*
 * What mm/kmemleak.c needs from below mm on the host: the roots it scans (an array a test
 * fills stands for .data; one optional "stack" range stands for the tasks' live stacks;
 * the running task and stack_trace_save() are in host_task.c).
 */
#include <asm/sections.h>
#include <asm/stacktrace.h>
#include <kernel/task.h>

unsigned long host_kmemleak_roots[HOST_KMEMLEAK_ROOTS];
unsigned long host_stack_lo, host_stack_hi; /* [lo, hi): scanned as the live stacks */

void for_each_live_stack(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg,
			 unsigned long sp)
{
	if (host_stack_lo < host_stack_hi)
		fn(host_stack_lo, host_stack_hi, arg);
}
