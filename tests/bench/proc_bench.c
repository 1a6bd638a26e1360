/*
 * In-target benchmarks of user memory, guest instructions per operation: an anonymous
 * fault (allocation and zeroing included) and a copy-on-write fault (the copy included),
 * both taken by a kernel access through copy_to_user() in a scratch address space the
 * shell borrows; fork's copy of a 4 MB resident address space (dup_mm()); and a
 * sched_yield() round trip that switches between two user processes (programs `yield`).
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <kernel/bench.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>

#define BENCH_BASE  0x40000000UL
#define BENCH_PAGES 1024 /* 4 MB */

static void report(const char *name, unsigned long total, unsigned int loops)
{
	printk("%-34s %6lu instructions/op\n", name, (total + loops / 2) / loops);
}

/* The shell borrows @mm as its address space (NULL: back to none). */
static void use_mm(struct mm_struct *mm)
{
	unsigned long flags;

	local_irq_save(flags);
	current->mm = mm;
	current->mm_context = mm ? &mm->context : NULL;
	current->pgd_phys = mm ? __pa(mm->pgd) : 0;
	if (mm)
		check_and_switch_context(&mm->context, current->pgd_phys);
	else
		cpu_switch_to_kernel_mm();
	local_irq_restore(flags);
}

static unsigned long touch_pages(unsigned int pages)
{
	unsigned int i;
	u8 byte = 1;
	u64 t0 = bench_ns();

	for (i = 0; i < pages; i++)
		if (copy_to_user((void *)(BENCH_BASE + i * PAGE_SIZE), &byte, 1))
			return 0;
	return (unsigned long)(bench_ns() - t0);
}

static void bench_user_faults(void)
{
	struct mm_struct *mm = mm_alloc(), *child;
	unsigned long t;
	u64 t0;

	if (!mm || !vma_add(mm, BENCH_BASE, BENCH_BASE + BENCH_PAGES * PAGE_SIZE,
			    VM_READ | VM_WRITE, NULL)) {
		printk("bench: no memory for the scratch address space\n");
		if (mm)
			mmput(mm);
		return;
	}
	use_mm(mm);
	/* Every page faults in: a GFP_HIGHUSER page, zeroed through kmap_atomic(). */
	t = touch_pages(BENCH_PAGES);
	report("anonymous fault (alloc + zero)", t, BENCH_PAGES);
	/* fork()'s share of the work: 1024 pages shared read-only with a copy. */
	t0 = bench_ns();
	child = dup_mm(mm);
	t = (unsigned long)(bench_ns() - t0);
	if (!child) {
		use_mm(NULL);
		mmput(mm);
		return;
	}
	report("fork (dup_mm) of 4 MB resident", t, 1);
	/* Each write copies: the child still maps every page. */
	t = touch_pages(BENCH_PAGES);
	report("copy-on-write fault (copy)", t, BENCH_PAGES);
	use_mm(NULL);
	mmput(child);
	mmput(mm);
}
BENCH(user_faults, "anonymous and copy-on-write faults, fork of 4 MB, instructions per op",
      bench_user_faults);

/* Two `yield <n>` processes, spawned and reaped: instructions from spawn to reap. */
static unsigned long yield_pair(char *n)
{
	const struct user_program *prog = find_user_program("yield");
	char *argv[] = { "yield", n };
	int a, b;
	u64 t0 = bench_ns();

	if (!prog)
		return 0;
	a = process_spawn(prog, 2, argv);
	b = process_spawn(prog, 2, argv);
	if (a < 0 || b < 0)
		return 0;
	kernel_wait(a, NULL, false);
	kernel_wait(b, NULL, false);
	return (unsigned long)(bench_ns() - t0);
}

static void bench_context_switch(void)
{
	unsigned long t1, t2;

	yield_pair("1000"); /* warm: caches and slabs of the process structures */
	t1 = yield_pair("1000");
	t2 = yield_pair("3000");
	/* The difference is 4000 sched_yield() calls, each switching to the other. */
	if (t1 && t2 > t1)
		report("sched_yield + process switch", t2 - t1, 4000);
}
BENCH(user_switch, "sched_yield() between two user processes, instructions per switch",
      bench_context_switch);
