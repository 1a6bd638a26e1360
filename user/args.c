/*
 * Argument parsing and the common calls of the user programs (user/args.h): every
 * argument is checked whole (no trailing characters, no overflow), and every refusal
 * prints one line and returns -1, so a program only has to exit with status 1.
 */
#include "args.h"
#include "syscall.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int arg_count(int argc, int min, int max, const char *usage)
{
	if (argc >= min && argc <= max)
		return 0;
	printf("usage: %s\n", usage);
	return -1;
}

int arg_size(const char *prog, const char *what, const char *s, unsigned long *out)
{
	unsigned long v, shift = 0;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	if (shift)
		end++;
	if (end == s || *end || *s == '-' || errno || !v || v > (~0ul >> shift)) {
		printf("%s: bad %s: %s (a positive number of bytes, K or M)\n", prog, what, s);
		return -1;
	}
	*out = v << shift;
	return 0;
}

int arg_seconds(const char *prog, const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0) {
		printf("%s: bad seconds: %s\n", prog, s);
		return -1;
	}
	*out = v;
	return 0;
}

void sleep_seconds(long secs)
{
	struct timespec ts = { secs, 0 };

	if (secs > 0)
		syscall2(__NR_nanosleep, &ts, NULL);
}

void *map_anon(const char *prog, unsigned long size, int flags)
{
	long r = sys_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS);

	if (r < 0 && r > -4096) {
		printf("%s: mmap %lu bytes: error %ld\n", prog, size, -r);
		return NULL;
	}
	return (void *)r;
}
