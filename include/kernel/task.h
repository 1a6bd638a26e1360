/*
 * Tasks: the shell (pid 0, always slot 0, a kernel task) and user processes. A fixed
 * table of NR_TASKS slots, each with its own 8 KB kernel stack in .bss, so creating and
 * reaping a task never touches an allocator. The scheduler (kernel/sched.c) is
 * round-robin over the slots: a task runs until it sleeps, exits, or - in user mode - its
 * time slice ends on the tick. The kernel is not preemptible: a task in the kernel keeps
 * the CPU until it returns to user mode or sleeps.
 *
 * The address space is the mm core's (include/mm/mmap.h); this layer sees it only
 * through the fields below that the switch needs (the MMU context and the table) and
 * the release hook the mm core installs.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <uapi/asm/signal.h>

#define NR_TASKS	16
#define THREAD_SIZE	8192
#define TASK_COMM_LEN	16
#define TIMESLICE_TICKS 2 /* 20 ms at HZ = 100 */

/* Signals: Linux's numbers (the uapi header). Only the fatal default action exists. */

/* Error numbers of the Linux system-call ABI (newlib's <errno.h> differs for some). */
#define LINUX_ENOSYS 38

enum task_state {
	TASK_UNUSED,	    /* free slot */
	TASK_RUNNING,	    /* runnable or running */
	TASK_INTERRUPTIBLE, /* sleeping; a signal or wake_up_process() wakes it */
	EXIT_ZOMBIE,	    /* exited; its parent's wait reaps it */
};

struct mm_struct;

struct task_struct {
	struct cpu_context ctx; /* saved by __switch_to() */
	enum task_state state;
	int pid;
	char comm[TASK_COMM_LEN];
	struct task_struct *parent;
	unsigned int pending;	     /* signals sent, bit (sig - 1) */
	int exit_code;		     /* wait status: (code << 8) or the signal */
	unsigned long wake_at;	     /* jiffies; 0 = no timeout */
	unsigned int slice;	     /* ticks left in this time slice */
	unsigned long nvcsw, nivcsw; /* voluntary and involuntary switches */
	/* The address space: NULL for the shell. mm_context and pgd_phys feed the switch. */
	struct mm_struct *mm;
	mm_context_t *mm_context;
	phys_addr_t pgd_phys;
	void (*release_mm)(struct task_struct *t); /* do_exit(): give the mm back */
	u8 *stack;				   /* THREAD_SIZE bytes */
};

extern struct task_struct *current;
extern struct task_struct task_table[NR_TASKS];
extern volatile bool need_resched;

#define for_each_task(t) for ((t) = task_table; (t) < task_table + NR_TASKS; (t)++)

/* The user registers at the top of @t's kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)(t->stack + THREAD_SIZE) - 1;
}

/* Make the running shell slot 0 (pid 0) and switch the MMU to the user/kernel split. */
void sched_init(void);

/* A new task that runs @fn(@arg) in the kernel, then user mode */
struct task_struct *task_create(const char *name, void (*fn)(void *), void *arg);
struct task_struct *find_task_by_pid(int pid);

/* Give up the CPU: run the next runnable task (or idle until one is). IRQs any state. */
void schedule(void);
/* Sleep until woken, signalled, or @ticks pass (0: no timeout). Return: ticks left. */
unsigned long schedule_timeout(unsigned long ticks);
void wake_up_process(struct task_struct *t);
/*
 * The shell's wait for console input (kernel/console.c), IRQs masked: sleep one tick
 * while a process is runnable, so it runs; otherwise wait for an interrupt.
 */
void sched_idle_wait(void);

/*
 * Call @fn(lo, hi, @arg) on the live part of every running or sleeping task's kernel
 * stack: from its saved stack pointer (the running task: @sp) up to the top.
 */
void for_each_live_stack(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg,
			 unsigned long sp);

/* Send @sig to @t: marks it pending and wakes it; it dies on its way back to user mode. */
void send_sig(struct task_struct *t, int sig);
static inline bool signal_pending(const struct task_struct *t)
{
	return t->pending != 0;
}
const char *signal_name(int sig);

/* Terminate the current task with wait status @status; never returns. */
void __noreturn do_exit(int status);

/* Wait for child @pid (or any child, -1) of the current task to exit */
int kernel_wait(int pid, int *status, bool nohang);

/* Called by entry-user.S with IRQs masked before every return to user mode. */
void ret_to_user_work(struct pt_regs *regs);

/* System calls: entries in the .syscalls table, dispatched by r7 (EABI). */
typedef long (*syscall_fn_t)(struct pt_regs *regs);
struct syscall_entry {
	unsigned int nr;
	const char *name;
	syscall_fn_t fn;
};
#define SYSCALL_DEFINE(_nr, _name, _fn)                                                     \
	static const struct syscall_entry __syscall_##_name __used __table_entry(syscalls,  \
										 _name) = { \
		.nr = (_nr),                                                                \
		.name = #_name,                                                             \
		.fn = (_fn),                                                                \
	}
void do_syscall(struct pt_regs *regs);

/* Counters: context switches and syscalls since boot. */
extern unsigned long nr_context_switches, nr_syscalls;

#endif
