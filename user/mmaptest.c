/*
 * mmaptest: mmap2/munmap/mprotect patterns, each checked by its contents and, for the
 * accesses that must fault, by a forked child that dies of SIGSEGV. Prints every failed
 * check and a summary; exit status 0 when all passed.
 */
#include "syscall.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGE	    4096ul
#define MAP_FAIL(r) ((unsigned long)(r) >= (unsigned long)-4096)

static int checks, failed;

static void check(int ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		printf("mmaptest: FAIL: %s\n", what);
	}
}

static unsigned char *map(unsigned long len, int prot, int flags)
{
	long r = sys_mmap(NULL, len, prot, flags | MAP_ANONYMOUS);

	return MAP_FAIL(r) ? NULL : (unsigned char *)r;
}

static void fill(unsigned char *p, unsigned long len, unsigned char seed)
{
	unsigned long i;

	for (i = 0; i < len; i += 64)
		p[i] = (unsigned char)(seed + i / 64);
}

static int same(const unsigned char *p, unsigned long len, unsigned char seed)
{
	unsigned long i;

	for (i = 0; i < len; i += 64)
		if (p[i] != (unsigned char)(seed + i / 64))
			return 0;
	return 1;
}

static int zero(const unsigned char *p, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The wait status of a child that reads (@write 0) or writes one byte at @p. */
static int child_touch(volatile unsigned char *p, int write)
{
	int status = -1;
	long pid = syscall0(__NR_fork);

	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		_exit(0);
	}
	if (pid < 0)
		return -1;
	syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
	return status;
}

int main(void)
{
	unsigned char *p, *q, *s;
	int status = -1;
	long r, pid;

	/* 1. A private mapping reads as zero, keeps what is written. */
	p = map(16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(p != NULL, "mmap 16 pages");
	if (!p)
		goto out;
	check(zero(p, 16 * PAGE), "new mapping reads as zero");
	fill(p, 16 * PAGE, 1);
	check(same(p, 16 * PAGE, 1), "written pattern reads back");

	/* 2. munmap a hole in the middle: the ends keep their data, the hole faults. */
	check(sys_munmap(p + 6 * PAGE, 4 * PAGE) == 0, "munmap pages 6-9");
	check(same(p, 6 * PAGE, 1), "pages 0-5 intact after munmap");
	check(same(p + 10 * PAGE, 6 * PAGE, (unsigned char)(1 + 10 * PAGE / 64)),
	      "pages 10-15 intact after munmap");
	check(child_touch(p + 7 * PAGE, 0) == SIGSEGV, "read of the hole is SIGSEGV");
	check(sys_munmap(p + 6 * PAGE, 4 * PAGE) == 0, "munmap of a hole is not an error");

	/* 3. MAP_FIXED fills the hole with fresh zero pages. */
	r = sys_mmap(p + 6 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
	check(r == (long)(p + 6 * PAGE), "MAP_FIXED into the hole");
	check(zero(p + 6 * PAGE, 4 * PAGE), "the refilled hole reads as zero");
	check(same(p, 6 * PAGE, 1), "pages 0-5 intact after MAP_FIXED");

	/* 4. mprotect read-only: reads work, writes fault; back to read-write. */
	check(sys_mprotect(p + 2 * PAGE, 2 * PAGE, PROT_READ) == 0, "mprotect pages 2-3 r--");
	check(same(p, 6 * PAGE, 1), "read-only pages still read");
	check(child_touch(p + 2 * PAGE, 1) == SIGSEGV, "write to a read-only page is SIGSEGV");
	check(child_touch(p + 4 * PAGE, 1) == 0, "write beside the read-only range works");
	check(sys_mprotect(p + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE) == 0,
	      "mprotect pages 2-3 rw-");
	p[2 * PAGE] = 0x77;
	check(p[2 * PAGE] == 0x77, "write after mprotect rw- works");
	p[2 * PAGE] = 1 + 2 * PAGE / 64;

	/* 5. PROT_NONE keeps the data but forbids every access. */
	check(sys_mprotect(p, PAGE, PROT_NONE) == 0, "mprotect page 0 ---");
	check(child_touch(p, 0) == SIGSEGV, "read of a PROT_NONE page is SIGSEGV");
	check(sys_mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect page 0 rw-");
	check(same(p, 6 * PAGE, 1), "data kept across PROT_NONE");

	/* 6. W^X: writable and executable at once is refused. */
	check(sys_mprotect(p, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC) == -EACCES,
	      "mprotect rwx is -EACCES");
	r = sys_mmap(NULL, PAGE, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS);
	check(r == -EACCES, "mmap rwx is -EACCES");
	check(sys_mprotect(p + 64 * PAGE, PAGE, PROT_READ) == -ENOMEM,
	      "mprotect of unmapped memory is -ENOMEM");

	/* 7. Private memory after fork: the child's writes stay in the child. */
	pid = syscall0(__NR_fork);
	if (pid == 0) {
		fill(p, 16 * PAGE, 9);
		_exit(same(p, 16 * PAGE, 9) ? 0 : 1);
	}
	syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
	check(status == 0, "child wrote its private copy");
	check(same(p, 6 * PAGE, 1), "parent's private data unchanged by the child");

	/* 8. MAP_SHARED pages touched before fork are shared: the child's writes show. */
	s = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	check(s != NULL, "mmap shared");
	if (s) {
		fill(s, 4 * PAGE, 3);
		pid = syscall0(__NR_fork);
		if (pid == 0) {
			fill(s, 4 * PAGE, 5);
			_exit(0);
		}
		syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
		check(same(s, 4 * PAGE, 5), "the child's writes to MAP_SHARED show in the parent");
		check(sys_munmap(s, 4 * PAGE) == 0, "munmap shared");
	}

	/*
	 * 9. MAP_SHARED pages first touched after fork are shared as well: the child writes
	 * pages 0-1, the parent writes page 3 while the child waits for it there, the child
	 * answers beside it. Then a hole split in the mapping: its two pieces still share.
	 */
	s = map(6 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	check(s != NULL, "mmap shared, untouched");
	if (s) {
		pid = syscall0(__NR_fork);
		if (pid == 0) {
			volatile unsigned char *flag = s + 3 * PAGE;
			long spins;

			fill(s, 2 * PAGE, 7);
			for (spins = 0; *flag != 0x42 && spins < 100000; spins++)
				syscall0(__NR_sched_yield);
			flag[1] = 0x43;
			_exit(*flag == 0x42 ? 0 : 1);
		}
		s[3 * PAGE] = 0x42;
		syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
		check(status == 0, "the child saw the parent's first write to a shared page");
		check(same(s, 2 * PAGE, 7),
		      "the child's first writes to MAP_SHARED show in the parent");
		check(s[3 * PAGE + 1] == 0x43, "the child's write beside the parent's shows");
		check(zero(s + 4 * PAGE, 2 * PAGE), "untouched shared pages read as zero");
		check(sys_munmap(s + 2 * PAGE, PAGE) == 0,
		      "munmap a page inside the shared mapping");
		pid = syscall0(__NR_fork);
		if (pid == 0) {
			fill(s + 5 * PAGE, PAGE, 11);
			s[0] = 0x99;
			_exit(0);
		}
		syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
		check(same(s + 5 * PAGE, PAGE, 11) && s[0] == 0x99,
		      "both pieces of a split shared mapping stay shared");
		check(sys_munmap(s, 6 * PAGE) == 0, "munmap the shared pieces");
	}

	/* 10. Many small mappings, unmapped in a different order. */
	q = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	s = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(q && s, "two more mappings");
	if (q && s) {
		memset(q, 0x11, PAGE);
		memset(s, 0x22, 3 * PAGE);
		check(sys_munmap(q, PAGE) == 0, "munmap the first");
		check(s[0] == 0x22 && s[3 * PAGE - 1] == 0x22, "the second intact");
		check(sys_munmap(s, 3 * PAGE) == 0, "munmap the second");
	}
	check(sys_munmap(p, 16 * PAGE) == 0, "munmap all 16 pages");
	check(child_touch(p, 0) == SIGSEGV, "unmapped memory faults");
out:
	printf("mmaptest: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
