/*
 * hog <size> [stride] [seconds] [private|shared]: map <size> bytes of anonymous memory
 * (MAP_PRIVATE by default, or MAP_SHARED), write one byte every <stride> bytes (default
 * 4096: every page), check what it wrote, then hold the memory for <seconds> (default 0)
 * before exiting. Sizes take K and M.
 */
#include "args.h"
#include "syscall.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	unsigned long size, stride = 4096, i, bad = 0;
	int flags = MAP_PRIVATE;
	volatile unsigned char *p;
	long secs = 0;

	if (arg_count(argc, 2, 5, "hog <size> [stride] [seconds] [private|shared]") ||
	    arg_size("hog", "size", argv[1], &size) ||
	    (argc > 2 && arg_size("hog", "stride", argv[2], &stride)) ||
	    (argc > 3 && arg_seconds("hog", argv[3], &secs)))
		return 1;
	if (argc > 4 && !strcmp(argv[4], "shared")) {
		flags = MAP_SHARED;
	} else if (argc > 4 && strcmp(argv[4], "private")) {
		printf("hog: %s: neither private nor shared\n", argv[4]);
		return 1;
	}
	p = map_anon("hog", size, flags);
	if (!p)
		return 1;
	for (i = 0; i < size; i += stride)
		p[i] = (unsigned char)(i / stride + 1);
	for (i = 0; i < size; i += stride)
		if (p[i] != (unsigned char)(i / stride + 1))
			bad++;
	printf("hog: touched %lu bytes at %p, stride %lu, %lu bad\n", size, (void *)p, stride, bad);
	fflush(stdout);
	sleep_seconds(secs);
	return bad ? 1 : 0;
}
