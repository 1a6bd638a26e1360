/*
 * The OOM killer (mm/oom_kill.c): when a page for a process cannot be had after reclaim,
 * kill the process whose death frees the most memory, as Linux's mm/oom_kill.c does.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <kernel/types.h>

struct task_struct;

/* Linux's oom_badness(): pages the task's death would free (RSS + page tables). */
unsigned long oom_badness(struct task_struct *t);

/* Kill the task of highest badness (or wait for one already dying). Return: false if none */
bool out_of_memory(struct task_struct *caller);

/* Tasks the OOM killer has killed since boot. */
extern unsigned long nr_oom_kills;

#endif
