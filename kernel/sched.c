/*
 * Tasks and the round-robin scheduler (include/kernel/task.h). Slot 0 is the shell, the
 * task start_kernel() becomes; every other slot is a user process. schedule() scans the
 * slots after the current one for a runnable task; when there is none it waits for an
 * interrupt (the idle loop) until one becomes runnable. The tick takes a tick from the
 * running task's slice and wakes sleepers whose time has come; a user task whose slice
 * is spent is switched out on its way back to user mode (ret_to_user_work()).
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <errno.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <string.h>

#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)

/* With the boot stacks in .bss.stacks (<asm/sections.h>): kmemleak scans their live part. */
static u8 task_stacks[NR_TASKS][THREAD_SIZE] __aligned(8) __section(".bss.stacks");
struct task_struct task_table[NR_TASKS];
struct task_struct *current = &task_table[0];
volatile bool need_resched;
unsigned long nr_context_switches;
static int last_pid;

static void sched_tick(void *unused)
{
	struct task_struct *t;

	for_each_task(t) if (t->state == TASK_INTERRUPTIBLE && t->wake_at &&
			     time_after_eq(jiffies, t->wake_at)) t->state = TASK_RUNNING;
	if (current->slice && --current->slice == 0)
		need_resched = true;
}

/**
 * sched_init - start the scheduler
 *
 * Makes the running shell the task in slot 0 (pid 0), switches the MMU to the user/kernel
 * split (TTBCR.N = 1) and registers the tick that preempts user mode.
 */
void sched_init(void)
{
	struct task_struct *shell = &task_table[0];

	shell->state = TASK_RUNNING;
	shell->pid = 0;
	strcpy(shell->comm, "shell");
	shell->stack = task_stacks[0]; /* unused: the shell runs on the boot SVC stack */
	cpu_init_user_split();
	console_idle_wait = sched_idle_wait;
	register_tick_hook(sched_tick, NULL);
}

extern char svc_stack_base[], svc_stack_top[];

/**
 * for_each_live_stack - visit the live part of every task's kernel stack
 * @fn: called with [lo, hi) of each stack: lo its stack pointer, hi its top
 * @arg: passed to @fn
 * @sp: the running task's stack pointer (the caller's)
 *
 * For kmemleak's roots (mm/kmemleak.c). Only the part above the stack pointer is live: a
 * sleeping task's from the sp __switch_to() saved, the running one's from @sp. The shell
 * runs on the boot SVC stack, every other task on its own. Zombies and free slots have
 * no live frames and are skipped, as is a stack pointer outside its stack.
 */
void for_each_live_stack(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg,
			 unsigned long sp)
{
	struct task_struct *t;

	for_each_task(t)
	{
		unsigned long lo = t == current ? sp : t->ctx.sp, base, top;

		if (t->state == TASK_UNUSED || t->state == EXIT_ZOMBIE)
			continue;
		if (lo >= (unsigned long)svc_stack_base && lo < (unsigned long)svc_stack_top) {
			base = (unsigned long)svc_stack_base;
			top = (unsigned long)svc_stack_top;
		} else {
			base = (unsigned long)t->stack;
			top = base + THREAD_SIZE;
		}
		if (lo >= base && lo < top)
			fn(lo, top, arg);
	}
}

/**
 * find_task_by_pid - the live task with pid @pid
 * @pid: the process id (0 is the shell)
 *
 * Return: the task, or NULL when no task has that pid.
 */
struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	for_each_task(t) if (t->state != TASK_UNUSED && t->pid == pid) return t;
	return NULL;
}

/**
 * task_create - a new task that runs @fn(@arg) in the kernel, then user mode
 * @name: its comm
 * @fn: fills task_pt_regs(current) for the first return to user mode (or calls do_exit())
 * @arg: its argument
 *
 * The task is a child of the caller and runnable when this returns.
 * Return: the task, or NULL when all NR_TASKS slots are taken.
 */
struct task_struct *task_create(const char *name, void (*fn)(void *), void *arg)
{
	struct task_struct *t;
	unsigned long flags;

	local_irq_save(flags);
	for (t = task_table + 1; t < task_table + NR_TASKS; t++)
		if (t->state == TASK_UNUSED)
			break;
	if (t == task_table + NR_TASKS) {
		local_irq_restore(flags);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->stack = task_stacks[t - task_table];
	do {
		last_pid = last_pid >= 32767 ? 1 : last_pid + 1;
	} while (find_task_by_pid(last_pid));
	t->pid = last_pid;
	strncpy(t->comm, name, TASK_COMM_LEN - 1);
	t->parent = current;
	memset(task_pt_regs(t), 0, sizeof(struct pt_regs));
	t->ctx.sp = (u32)(unsigned long)task_pt_regs(t);
	t->ctx.pc = (u32)(unsigned long)ret_from_kernel_thread;
	t->ctx.r4 = (u32)(unsigned long)fn;
	t->ctx.r5 = (u32)(unsigned long)arg;
	t->state = TASK_RUNNING;
	local_irq_restore(flags);
	return t;
}

static struct task_struct *pick_next_task(struct task_struct *prev)
{
	unsigned int i, start = (unsigned int)(prev - task_table);

	for (i = 1; i <= NR_TASKS; i++) {
		struct task_struct *t = &task_table[(start + i) % NR_TASKS];

		if (t->state == TASK_RUNNING)
			return t;
	}
	return NULL;
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm_context)
		check_and_switch_context(next->mm_context, next->pgd_phys);
	else if (prev->mm_context)
		cpu_switch_to_kernel_mm();
	nr_context_switches++;
	current = next;
	__switch_to(&prev->ctx, &next->ctx);
}

/**
 * schedule - give up the CPU to the next runnable task, round robin
 *
 * Switches address space without a TLB flush (ASIDs), or idles until a task is runnable.
 * Callable with IRQs in any state.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	local_irq_save(flags);
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	for (;;) {
		need_resched = false;
		next = pick_next_task(prev);
		if (next)
			break;
		/* Idle: nothing runnable. Let the interrupt that changes that in. */
		cpu_wait_for_interrupt();
		arch_local_irq_enable();
		arch_local_irq_disable();
	}
	next->slice = next->mm ? TIMESLICE_TICKS : 0;
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

/**
 * sched_idle_wait - the shell's wait for console input once processes exist
 *
 * IRQs are masked: while a process is runnable it sleeps one tick so the process runs,
 * otherwise it waits for an interrupt (kernel/console.c calls it).
 */
void sched_idle_wait(void)
{
	struct task_struct *t;

	for (t = task_table + 1; t < task_table + NR_TASKS; t++) {
		if (t->state == TASK_RUNNING && current == &task_table[0]) {
			schedule_timeout(1);
			return;
		}
	}
	cpu_wait_for_interrupt();
}

/**
 * schedule_timeout - sleep until woken, signalled, or @ticks pass
 * @ticks: the longest sleep in jiffies; 0 for no timeout
 *
 * Return: the ticks left when woken early, 0 when the time ran out.
 */
unsigned long schedule_timeout(unsigned long ticks)
{
	unsigned long flags, end = jiffies + ticks;

	local_irq_save(flags);
	if (!signal_pending(current)) {
		current->wake_at = ticks ? (end ? end : 1) : 0;
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	current->state = TASK_RUNNING;
	current->wake_at = 0;
	local_irq_restore(flags);
	if (!ticks || time_after_eq(jiffies, end))
		return 0;
	return end - jiffies;
}

/**
 * wake_up_process - make a sleeping task runnable
 * @t: the task; nothing happens when it is already running or runnable
 */
void wake_up_process(struct task_struct *t)
{
	unsigned long flags;

	local_irq_save(flags);
	if (t->state == TASK_INTERRUPTIBLE)
		t->state = TASK_RUNNING;
	local_irq_restore(flags);
}

/**
 * send_sig - send signal @sig to @t
 * @t: the task
 * @sig: SIGINT, SIGKILL, SIGSEGV...
 *
 * Marks the signal pending and wakes the task; it dies on its way back to user mode.
 */
void send_sig(struct task_struct *t, int sig)
{
	unsigned long flags;

	local_irq_save(flags);
	if (t->state != TASK_UNUSED && t->state != EXIT_ZOMBIE && t != &task_table[0]) {
		t->pending |= 1u << (sig - 1);
		wake_up_process(t);
	}
	local_irq_restore(flags);
}

/**
 * signal_name - the name of a signal, for messages ("SIGSEGV")
 * @sig: the signal number
 *
 * Return: the name, or "signal" for a number without one.
 */
const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT";
	case SIGILL:
		return "SIGILL";
	case SIGBUS:
		return "SIGBUS";
	case SIGKILL:
		return "SIGKILL";
	case SIGSEGV:
		return "SIGSEGV";
	case SIGTERM:
		return "SIGTERM";
	default:
		return "signal";
	}
}

/**
 * do_exit - terminate the current task
 * @status: the wait status its parent collects (exit code << 8, or the signal)
 *
 * Releases the address space, marks the task a zombie for wait4(), wakes the waiter and
 * schedules away; never returns.
 */
void do_exit(int status)
{
	struct task_struct *t = current, *c;

	BUG_ON(t == &task_table[0]);
	if (t->release_mm)
		t->release_mm(t); /* switches TTBR0 away before the tables go */
	local_irq_disable();
	for_each_task(c) if (c->state != TASK_UNUSED && c->parent == t) c->parent =
		&task_table[0]; /* orphans: the shell reaps them */
	t->exit_code = status;
	t->state = EXIT_ZOMBIE;
	wake_up_process(t->parent);
	schedule();
	panic("do_exit: zombie %d ran again", t->pid);
}

/**
 * kernel_wait - wait for child @pid (or any child, -1) of the current task to exit
 * @pid: the child, or -1
 * @status: its wait status, or NULL
 * @nohang: return 0 at once when no child has exited
 * Return: the pid reaped, 0 (@nohang, none yet), -ECHILD, or -EINTR (a signal came).
 */
int kernel_wait(int pid, int *status, bool nohang)
{
	struct task_struct *t;
	unsigned long flags;

	for (;;) {
		bool have_child = false;

		local_irq_save(flags);
		for_each_task(t)
		{
			if (t->state == TASK_UNUSED || t->parent != current || t == current)
				continue;
			if (pid != -1 && t->pid != pid)
				continue;
			have_child = true;
			if (t->state == EXIT_ZOMBIE) {
				int reaped = t->pid;

				if (status)
					*status = t->exit_code;
				t->state = TASK_UNUSED;
				local_irq_restore(flags);
				return reaped;
			}
		}
		if (!have_child) {
			local_irq_restore(flags);
			return -ECHILD;
		}
		if (nohang) {
			local_irq_restore(flags);
			return 0;
		}
		if (signal_pending(current)) {
			local_irq_restore(flags);
			return -EINTR;
		}
		current->state = TASK_INTERRUPTIBLE;
		schedule();
		local_irq_restore(flags);
	}
}

/**
 * ret_to_user_work - the work due before every return to user mode
 * @regs: the task's saved user registers
 *
 * Called by entry-user.S with IRQs masked: delivers a pending fatal signal (the task
 * exits) and reschedules when the tick asked for it.
 */
void ret_to_user_work(struct pt_regs *regs)
{
	for (;;) {
		if (signal_pending(current)) {
			int sig = __builtin_ctz(current->pending) + 1;

			if (current->pending & (1u << (SIGKILL - 1)))
				sig = SIGKILL;
			arch_local_irq_enable();
			do_exit(sig);
		}
		if (!need_resched)
			return;
		schedule();
	}
}
