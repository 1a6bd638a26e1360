/*
 * The OOM killer (include/mm/oom.h), Linux's mm/oom_kill.c in miniature. The fault path
 * (mm/memory.c) calls out_of_memory() when the page allocator could not find a page for a
 * process even after its reclaim rounds (mm/page_alloc_slowpath.c). The victim is the
 * task with the highest badness - its resident pages plus its page tables, as Linux's
 * oom_badness() counts them (there is no swap and every task has oom_score_adj 0) - and
 * it gets SIGKILL: it dies on its way back to user mode and its pages go back to the
 * allocator. While a victim is still dying nobody else is killed; the caller waits.
 * Only user allocations reach this: kernel allocations keep the reserves below the min
 * watermark (GFP_HIGHUSER never dips into them) and fail instead of killing.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/oom.h>

unsigned long nr_oom_kills;

static unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return (PAGE_SIZE << USER_PGD_ORDER) + mm->nr_ptes * PAGE_SIZE;
}

/**
 * oom_badness - how much memory the death of @t gives back, in pages
 * @t: a task
 *
 * Linux's heuristic without swap or oom_score_adj: RSS plus page-table pages.
 * Return: the points, 0 for a task without an address space (the shell) or exiting.
 */
unsigned long oom_badness(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm || t->state == TASK_UNUSED || t->state == EXIT_ZOMBIE)
		return 0;
	return mm->rss_anon + mm->rss_shmem + mm_pgtables_bytes(mm) / PAGE_SIZE;
}

static bool task_dying(const struct task_struct *t)
{
	return t->mm && t->state != EXIT_ZOMBIE && (t->pending & (1u << (SIGKILL - 1)));
}

/**
 * out_of_memory - kill the task whose death frees the most memory
 * @caller: the task whose allocation failed
 *
 * When a task is already dying from SIGKILL (an earlier victim) nothing more is killed:
 * its memory is on the way. Otherwise the task of highest oom_badness() gets SIGKILL and
 * Linux's report line. Return: true when memory is coming back (a victim was chosen, or
 * one is dying), false when there is no task to kill.
 */
bool out_of_memory(struct task_struct *caller)
{
	struct task_struct *t, *victim = NULL;
	unsigned long points, best = 0;
	struct mm_struct *mm;

	for_each_task(t)
	{
		if (task_dying(t))
			return true;
		points = oom_badness(t);
		if (points > best) {
			best = points;
			victim = t;
		}
	}
	if (!victim)
		return false;
	mm = victim->mm;
	printk(KERN_WARNING "%s invoked oom-killer: gfp_mask=(GFP_HIGHUSER), order=0, "
			    "oom_score_adj=0\n",
	       caller->comm);
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
			"file-rss:0kB, shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:0\n",
	       victim->pid, victim->comm, mm->total_vm << (PAGE_SHIFT - 10),
	       mm->rss_anon << (PAGE_SHIFT - 10), mm->rss_shmem << (PAGE_SHIFT - 10),
	       mm_pgtables_bytes(mm) >> 10);
	nr_oom_kills++;
	send_sig(victim, SIGKILL);
	return true;
}
