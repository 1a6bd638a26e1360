/*
 * hog <size> [stride] [seconds] [private|shared]: map <size> bytes of anonymous memory
 * (MAP_PRIVATE by default, or MAP_SHARED), write one byte every <stride> bytes (default
 * 4096: every page), check what it wrote, then hold the memory for <seconds> (default 0)
 * before exiting. Sizes take K and M.
 */
#include <string.h>
#include "syscall.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*end == 'K' || *end == 'k')
		v <<= 10;
	else if (*end == 'M' || *end == 'm')
		v <<= 20;
	return v;
}

int main(int argc, char **argv)
{
	unsigned long size, stride = 4096, i, bad = 0;
	long secs = 0;
	volatile unsigned char *p;
	int flags = MAP_PRIVATE;
	long r;

	if (argc < 2 || argc > 5) {
		printf("usage: hog <size> [stride] [seconds] [private|shared]\n");
		return 1;
	}
	size = parse_size(argv[1]);
	if (argc > 2)
		stride = parse_size(argv[2]);
	if (argc > 3)
		secs = strtol(argv[3], NULL, 0);
	if (argc > 4 && !strcmp(argv[4], "shared"))
		flags = MAP_SHARED;
	else if (argc > 4 && strcmp(argv[4], "private")) {
		printf("hog: %s: neither private nor shared\n", argv[4]);
		return 1;
	}
	if (!size || !stride) {
		printf("hog: size and stride must be positive\n");
		return 1;
	}
	r = sys_mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS);
	if (r < 0 && r > -4096) {
		printf("hog: mmap %lu bytes: error %ld\n", size, -r);
		return 1;
	}
	p = (volatile unsigned char *)r;
	for (i = 0; i < size; i += stride)
		p[i] = (unsigned char)(i / stride + 1);
	for (i = 0; i < size; i += stride)
		if (p[i] != (unsigned char)(i / stride + 1))
			bad++;
	printf("hog: touched %lu bytes at %p, stride %lu, %lu bad\n", size, (void *)p, stride, bad);
	fflush(stdout);
	if (secs > 0) {
		struct timespec ts = { secs, 0 };

		syscall2(__NR_nanosleep, &ts, NULL);
	}
	return bad ? 1 : 0;
}
