/*
 * The running task and its stack on the host, for page_owner, KFENCE and kmemleak: the
 * shell is task 0 and always current; the stack savers of arch/arm/kernel/stacktrace.c
 * give one frame, the caller's return address (no frame-pointer walk here).
 */
#include <asm/stacktrace.h>
#include <kernel/task.h>

struct task_struct task_table[NR_TASKS] = { [0] = { .state = TASK_RUNNING, .comm = "shell" } };
struct task_struct *current = &task_table[0];

unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	if (!size)
		return 0;
	store[0] = (unsigned long)__builtin_return_address(0);
	return 1;
}

unsigned int stack_trace_save_regs(const struct pt_regs *regs, unsigned long *store,
				   unsigned int size)
{
	if (!size)
		return 0;
	store[0] = regs->pc;
	return 1;
}
