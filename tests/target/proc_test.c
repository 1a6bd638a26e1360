/*
 * KTAP suite "proc": user processes on demand-paged memory. Each case runs programs
 * built into the image (user/) from the shell task and checks what they leave behind:
 * every page (after drain_all_pages()) and AnonPages come back when a process exits, a
 * bad access kills only the process, a bad user pointer makes copy_to_user() return the
 * bytes it could not copy, and ASIDs roll over to a new generation with one TLB flush.
 * fork() shares pages copy-on-write (cow); when memory runs out the OOM killer kills the
 * biggest process and its memory comes back. A MAP_SHARED mapping's pages belong to its
 * shared object: a page first touched after fork() is the same in parent and child.
 */
#include <asm/irqflags.h>
#include <asm/mmu.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <kernel/ktap.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/oom.h>
#include <mm/shmem.h>
#include <mm/shrinker.h>
#include <stdio.h>

static int run_program(const char *name, int argc, char **argv, int *status)
{
	const struct user_program *prog = find_user_program(name);
	int pid;

	if (!prog)
		return -1;
	pid = process_spawn(prog, argc, argv);
	if (pid < 0)
		return pid;
	return kernel_wait(pid, status, false) == pid ? 0 : -1;
}

static unsigned long free_pages_drained(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void hello_exits_with_its_status_and_returns_every_page(struct ktap_test *t)
{
	char *argv[] = { "hello", "a", "b" };
	unsigned long before;
	int status = -1;

	ktap_expect_report(t, "hello prints its pid and arguments (twice)");
	KTAP_ASSERT_TRUE(t, run_program("hello", 3, argv, &status) == 0); /* warms the caches */
	before = free_pages_drained();
	KTAP_ASSERT_TRUE(t, run_program("hello", 3, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 2 << 8); /* exit(argc - 1) */
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static void hog_touches_highmem_first_and_gives_it_back(struct ktap_test *t)
{
	char *argv[] = { "hog", "2M" };
	unsigned long before;
	int status = -1;

	ktap_expect_report(t, "hog reports what it touched");
	before = free_pages_drained();
	KTAP_ASSERT_TRUE(t, run_program("hog", 2, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static void bad_access_kills_only_the_process(struct ktap_test *t)
{
	static char *cases[] = { "null-write", "kernel-read", "text-write", "stack-exec" };
	unsigned long before;
	unsigned int i;

	ktap_expect_report(t, "segv prints each case and the kernel its segfault line");
	before = free_pages_drained();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *argv[] = { "segv", cases[i] };
		int status = -1;

		KTAP_ASSERT_TRUE(t, run_program("segv", 2, argv, &status) == 0);
		KTAP_EXPECT_EQ(t, status, SIGSEGV);
	}
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
}

static void bad_user_pointer_gives_efault_not_an_oops(struct ktap_test *t)
{
	char *argv[] = { "segv", "badptr" };
	char buf[16] = "0123456789abcde";
	int status = -1;

	/* From the shell, which has no user mappings: the fault is fixed up. */
	KTAP_EXPECT_EQ(t, copy_to_user((void *)0x10000, buf, sizeof(buf)), sizeof(buf));
	KTAP_EXPECT_EQ(t, copy_from_user(buf, (void *)0x10000, sizeof(buf)), sizeof(buf));
	/* Kernel addresses are refused before any access. */
	KTAP_EXPECT_EQ(t, copy_to_user((void *)PAGE_OFFSET, buf, sizeof(buf)), sizeof(buf));
	KTAP_EXPECT_EQ(t, copy_from_user(buf, (void *)(TASK_SIZE - 8), sizeof(buf)), sizeof(buf));
	ktap_expect_report(t, "segv badptr prints the two -EFAULT results");
	KTAP_ASSERT_TRUE(t, run_program("segv", 2, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
}

static void asid_rollover_starts_a_generation(struct ktap_test *t)
{
	unsigned long rollovers = asid_rollovers(), flags;
	u32 generation = asid_generation();
	mm_context_t a = { 0 }, b = { 0 };
	unsigned int i;

	local_irq_save(flags);
	check_and_switch_context(&a, __pa(swapper_pg_dir));
	check_and_switch_context(&b, __pa(swapper_pg_dir));
	KTAP_EXPECT_TRUE(t, (a.id & ASID_MASK) != 0 && (a.id & ASID_MASK) != (b.id & ASID_MASK));
	i = a.id;
	check_and_switch_context(&a, __pa(swapper_pg_dir));
	KTAP_EXPECT_EQ(t, a.id, i); /* same generation: same ASID, nothing flushed */
	for (i = 0; i < 300; i++) {
		mm_context_t c = { 0 };

		check_and_switch_context(&c, __pa(swapper_pg_dir));
		KTAP_EXPECT_TRUE(t, (c.id & ASID_MASK) != 0);
	}
	KTAP_EXPECT_TRUE(t, asid_rollovers() >= rollovers + 1);
	KTAP_EXPECT_TRUE(t, asid_generation() > generation);
	check_and_switch_context(&a, __pa(swapper_pg_dir)); /* old generation: a fresh ASID */
	KTAP_EXPECT_EQ(t, a.id >> ASID_BITS, asid_generation());
	cpu_switch_to_kernel_mm();
	local_irq_restore(flags);
}

static void cow_shares_pages_and_copies_on_write(struct ktap_test *t)
{
	char *argv[] = { "cow", "1M" };
	unsigned long before, shared, copies, reuses;
	int status = -1;

	ktap_expect_report(t, "cow prints what the child and the parent checked");
	before = free_pages_drained();
	shared = nr_fork_shared;
	copies = nr_cow_copies;
	reuses = nr_cow_reuses;
	KTAP_ASSERT_TRUE(t, run_program("cow", 2, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
	/* fork() shares the 256 buffer pages and a few of text, data and stack. */
	KTAP_EXPECT_TRUE(t, nr_fork_shared - shared >= 256 && nr_fork_shared - shared <= 256 + 32);
	/* The child's writes copy each buffer page once; the parent's come after its exit. */
	KTAP_EXPECT_TRUE(t, nr_cow_copies - copies >= 256 && nr_cow_copies - copies <= 256 + 16);
	KTAP_EXPECT_TRUE(t, nr_cow_reuses - reuses >= 256);
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static void oom_kills_the_biggest_and_memory_comes_back(struct ktap_test *t)
{
	unsigned long before, kills = nr_oom_kills;
	char size[16], *big[] = { "hog", size, "4096", "2" }, *small[] = { "hog", size };
	int pid_big, pid_small, st_big = -1, st_small = -1;

	/* The hogs' allocations reclaim: let the caches shrink first, so "before" holds. */
	try_to_free_pages(GFP_KERNEL, 0);
	before = free_pages_drained();
	/* Each asks for 5/8 of free memory: the two together cannot both have it. */
	snprintf(size, sizeof(size), "%luK", before / 8 * 5 * (PAGE_SIZE / 1024));
	ktap_expect_report(t, "the hogs report, the OOM killer reports one of them");
	pid_big = process_spawn(find_user_program("hog"), 4, big);
	KTAP_ASSERT_TRUE(t, pid_big > 0);
	pid_small = process_spawn(find_user_program("hog"), 2, small);
	KTAP_ASSERT_TRUE(t, pid_small > 0);
	KTAP_EXPECT_EQ(t, kernel_wait(pid_small, &st_small, false), pid_small);
	KTAP_EXPECT_EQ(t, kernel_wait(pid_big, &st_big, false), pid_big);
	KTAP_EXPECT_EQ(t, nr_oom_kills - kills, 1);
	/* One was killed, the other finished with every byte right. */
	KTAP_EXPECT_TRUE(t, (st_big == SIGKILL && st_small == 0) ||
				    (st_small == SIGKILL && st_big == 0));
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static void mmaptest_passes_and_gives_everything_back(struct ktap_test *t)
{
	char *argv[] = { "mmaptest" };
	unsigned long before;
	int status = -1;

	ktap_expect_report(t, "mmaptest's children segfault where they must; it prints a summary");
	KTAP_ASSERT_TRUE(t, run_program("mmaptest", 1, argv, &status) == 0); /* warm-up */
	before = free_pages_drained();
	KTAP_ASSERT_TRUE(t, run_program("mmaptest", 1, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
	KTAP_EXPECT_EQ(t, nr_shmem_pages, 0); /* every shared object went with its VMAs */
}

static void shared_pages_are_shmem_and_go_with_the_last_mapping(struct ktap_test *t)
{
	char *argv[] = { "hog", "1M", "4096", "0", "shared" };
	unsigned long before, shmem = nr_shmem_pages;
	int status = -1;

	ktap_expect_report(t, "hog reports what it touched");
	before = free_pages_drained();
	KTAP_ASSERT_TRUE(t, run_program("hog", 5, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, nr_shmem_pages, shmem);
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static void random_syscalls_never_oops(struct ktap_test *t)
{
	char *argv[] = { "sysfuzz", "20", "200", "99" };
	unsigned long before;
	int status = -1;

	ktap_expect_report(t, "sysfuzz children segfault and write short garbage");
	before = free_pages_drained();
	KTAP_ASSERT_TRUE(t, run_program("sysfuzz", 4, argv, &status) == 0);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, free_pages_drained(), before);
	KTAP_EXPECT_EQ(t, nr_anon_pages, 0);
}

static const struct ktap_case proc_cases[] = {
	KTAP_CASE(hello_exits_with_its_status_and_returns_every_page),
	KTAP_CASE(hog_touches_highmem_first_and_gives_it_back),
	KTAP_CASE(bad_access_kills_only_the_process),
	KTAP_CASE(bad_user_pointer_gives_efault_not_an_oops),
	KTAP_CASE(asid_rollover_starts_a_generation),
	KTAP_CASE(cow_shares_pages_and_copies_on_write),
	KTAP_CASE(oom_kills_the_biggest_and_memory_comes_back),
	KTAP_CASE(mmaptest_passes_and_gives_everything_back),
	KTAP_CASE(shared_pages_are_shmem_and_go_with_the_last_mapping),
	KTAP_CASE(random_syscalls_never_oops),
};
KTAP_SUITE(proc, proc_cases);
