/*
 * cow <size> [seconds]: copy-on-write across fork(). The parent fills <size> bytes (K, M)
 * of anonymous memory with one pattern and forks. The child (after <seconds>, default 0,
 * while both still share every page) checks the parent's pattern, writes its own over
 * all of it and checks that; the parent waits for the child, checks its pattern is
 * intact, writes a third one and checks it. Exit status 0 when every word was right.
 */
#include "args.h"
#include "syscall.h"
#include <stdio.h>
#include <unistd.h>

static void fill(volatile unsigned long *p, unsigned long words, unsigned long seed)
{
	unsigned long i;

	for (i = 0; i < words; i++)
		p[i] = seed ^ (i * 2654435761u);
}

static unsigned long check(volatile unsigned long *p, unsigned long words, unsigned long seed)
{
	unsigned long i, bad = 0;

	for (i = 0; i < words; i++)
		if (p[i] != (seed ^ (i * 2654435761u)))
			bad++;
	return bad;
}

int main(int argc, char **argv)
{
	unsigned long size, words, bad_before, bad_after;
	volatile unsigned long *p;
	long r, pid, secs = 0;
	int status = -1;

	if (arg_count(argc, 2, 3, "cow <size> [seconds]") ||
	    arg_size("cow", "size", argv[1], &size) ||
	    (argc > 2 && arg_seconds("cow", argv[2], &secs)))
		return 1;
	words = size / sizeof(long);
	if (!words) {
		printf("cow: size must be at least %u bytes\n", (unsigned int)sizeof(long));
		return 1;
	}
	p = map_anon("cow", size, MAP_PRIVATE);
	if (!p)
		return 1;
	fill(p, words, 0xa5a5a5a5ul);
	fflush(stdout);
	pid = syscall0(__NR_fork);
	if (pid < 0) {
		printf("cow: fork: error %ld\n", -pid);
		return 1;
	}
	if (pid == 0) {
		sleep_seconds(secs);
		bad_before = check(p, words, 0xa5a5a5a5ul);
		fill(p, words, 0x5a5a5a5aul);
		bad_after = check(p, words, 0x5a5a5a5aul);
		printf("cow: child %ld: %lu bad before its writes, %lu after\n", sys_getpid(),
		       bad_before, bad_after);
		fflush(stdout);
		_exit(bad_before || bad_after ? 1 : 0);
	}
	r = syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
	bad_before = check(p, words, 0xa5a5a5a5ul);
	fill(p, words, 0x3c3c3c3cul);
	bad_after = check(p, words, 0x3c3c3c3cul);
	printf("cow: parent %ld: %lu bad after the child wrote, %lu after its own writes\n",
	       sys_getpid(), bad_before, bad_after);
	if (r != pid || status != 0 || bad_before || bad_after) {
		printf("cow: FAIL (child %ld status %d)\n", pid, status);
		return 1;
	}
	printf("cow: %lu pages ok in both processes\n", (size + 4095) / 4096);
	return 0;
}
