/*
 * fork() and clone() without threads (Linux's kernel/fork.c in miniature): the child is
 * a new task with a copy of the parent's address space (dup_mm(), mm/mmap.c) whose pages
 * are shared copy-on-write (copy_page_range(), mm/memory.c), and a copy of the parent's
 * user registers, so it returns from the same system call with 0 in r0. Its mm gets an
 * ASID of its own when it first runs (check_and_switch_context()).
 */
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <uapi/asm/unistd.h>

#define CSIGNAL 0x000000ffu /* clone(): the signal sent to the parent at exit */

/* The child's first kernel code: task_pt_regs() already holds its user registers. */
static void fork_child_entry(void *unused)
{
}

/**
 * do_fork - a child of the current process, sharing its memory copy-on-write
 * @regs: the parent's user registers; the child resumes with the same, r0 = 0
 *
 * Return: the child's pid, -ENOMEM when its address space cannot be copied, or -EAGAIN
 * when every task slot is taken.
 */
long do_fork(struct pt_regs *regs)
{
	struct mm_struct *mm;
	struct task_struct *t;
	struct pt_regs *child_regs;

	if (!current->mm)
		return -EINVAL;
	mm = dup_mm(current->mm);
	if (!mm)
		return -ENOMEM;
	t = task_create(current->comm, fork_child_entry, NULL);
	if (!t) {
		mmput(mm);
		return -EAGAIN;
	}
	/* The kernel is not preemptible: t cannot run before it is complete. */
	child_regs = task_pt_regs(t);
	*child_regs = *regs;
	child_regs->uregs[0] = 0;
	t->mm = mm;
	t->mm_context = &mm->context;
	t->pgd_phys = __pa(mm->pgd);
	t->release_mm = current->release_mm;
	return t->pid;
}

static long sys_fork(struct pt_regs *regs)
{
	return do_fork(regs);
}
SYSCALL_DEFINE(__NR_fork, fork, sys_fork);

/* clone(flags, stack, ...): only what fork() is - no CLONE_* flag, no new stack. */
static long sys_clone(struct pt_regs *regs)
{
	if ((regs->uregs[0] & ~CSIGNAL) || regs->uregs[1])
		return -EINVAL;
	return do_fork(regs);
}
SYSCALL_DEFINE(__NR_clone, clone, sys_clone);
