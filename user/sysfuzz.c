/*
 * sysfuzz [rounds] [calls] [seed]: random system calls. Each round forks a child that
 * makes <calls> (default 200) system calls with random numbers and random arguments -
 * small numbers, user addresses of its own text, heap, mmap area and stack, kernel
 * addresses, the vectors page, -1, anything - and exits. A child may well die of its own
 * calls (munmap of its text, mprotect of its stack) or block (read of the console, a
 * long nanosleep): the parent kills one that is not done within a second. Whatever the
 * calls do, the kernel must not oops: the summary line then says how the children ended.
 * Never called: exit, exit_group, fork, clone and kill, which would end the round or
 * reach other processes.
 */
#include "syscall.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static unsigned int rnd_state;

static unsigned int rnd(void)
{
	unsigned int x = rnd_state; /* xorshift32 */

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rnd_state = x;
}

static const unsigned int known[] = { 3, 4, 20, 45, 91, 114, 125, 158, 162, 192 };

static unsigned int pick_nr(void)
{
	for (;;) {
		unsigned int nr, r = rnd() % 16;

		if (r < 11)
			nr = known[rnd() % (sizeof(known) / sizeof(known[0]))];
		else if (r < 15)
			nr = rnd() % 450;
		else
			nr = rnd(); /* ARM private numbers, or nothing at all */
		if (nr != __NR_exit && nr != __NR_exit_group && nr != __NR_fork &&
		    nr != __NR_clone && nr != __NR_kill)
			return nr;
	}
}

static long pick_arg(void)
{
	switch (rnd() % 11) {
	case 0:
		return 0;
	case 1:
		return rnd() % 16;
	case 2:
		return (long)rnd();
	case 3:
		return -(long)(rnd() % 4097);
	case 4:
		return 0x10000 + rnd() % 0x10000; /* text, data, heap */
	case 5:
		return 0x40000000 + (rnd() % 0x400) * 4096 + (rnd() % 4 ? 0 : rnd() % 4096);
	case 6:
		return 0x7ff00000 + rnd() % 0x100000; /* the stack */
	case 7:
		return (long)(0xc0000000u + rnd() % 0x10000000u); /* the kernel */
	case 8:
		return (long)(0xffff0000u + rnd() % 0x10000u); /* the vectors page */
	case 9:
		return (long)(rnd() % 64) * 4096;
	default:
		return 0x80000000 - (long)(rnd() % 8192); /* around TASK_SIZE */
	}
}

static void child(unsigned int seed, int calls)
{
	int i;

	rnd_state = seed ? seed : 1;
	for (i = 0; i < calls; i++) {
		unsigned int nr = pick_nr();
		long a[6];
		int j;

		for (j = 0; j < 6; j++)
			a[j] = pick_arg();
		if (nr == __NR_write) {
			/*
			 * Keep the console text (the test logs are read as text): short
			 * writes, to a bad fd from anywhere, or to the console from text
			 * or from addresses that must give -EFAULT.
			 */
			a[0] = rnd() % 8 ? 3 + rnd() % 4 : 1;
			a[2] = rnd() % 8;
			if (a[0] == 1 && (rnd() & 1))
				a[1] = (long)"fuzzing\n"; /* count < 8: text only */
			else if (a[0] == 1)
				a[1] = (long)(0xc0000000u + rnd() % 0x10000000u);
		}
		if (nr == __NR_read && a[0] == 0)
			a[0] = 5; /* the console is the shell's */
		syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 50, calls = argc > 2 ? atoi(argv[2]) : 200;
	unsigned int seed = argc > 3 ? (unsigned int)strtoul(argv[3], NULL, 0) : 12345;
	int r, exited = 0, signalled = 0, timed_out = 0;

	for (r = 0; r < rounds; r++) {
		struct timespec_linux {
			long sec, nsec;
		} tick = { 0, 10000000 };
		int status = -1, waited;
		long pid = syscall0(__NR_fork);

		if (pid == 0)
			child(seed + (unsigned int)r * 2654435761u, calls);
		if (pid < 0) {
			printf("sysfuzz: fork: error %ld\n", -pid);
			return 1;
		}
		for (waited = 0; waited < 100; waited++) {
			if (syscall6(__NR_wait4, pid, (long)&status, WNOHANG, 0, 0, 0) == pid)
				break;
			syscall2(__NR_nanosleep, &tick, NULL);
		}
		if (waited == 100) {
			syscall2(__NR_kill, pid, SIGKILL);
			syscall6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
			timed_out++;
		} else if (status & 0x7f) {
			signalled++;
		} else {
			exited++;
		}
	}
	printf("sysfuzz: %d rounds of %d calls, seed %u: %d exited, %d killed by a signal, "
	       "%d timed out\n",
	       rounds, calls, seed, exited, signalled, timed_out);
	return 0;
}
