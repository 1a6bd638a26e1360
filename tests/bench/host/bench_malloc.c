/*
 * Host benchmark backends "glibc malloc" and "jemalloc": plain malloc()/free() and
 * posix_memalign() for the page workload. The same file is built twice; the jemalloc
 * binary links -ljemalloc (Debian's is unprefixed, so its malloc() replaces glibc's for
 * the whole process) and, built with -DBENCH_JEMALLOC, checks at start that jemalloc
 * really serves malloc() before measuring anything.
 */
#include <stdio.h>
#include <stdlib.h>

#ifdef BENCH_JEMALLOC
#include <jemalloc/jemalloc.h>
#define BACKEND_NAME "jemalloc"
#else
#define BACKEND_NAME "glibc malloc"
#endif

#include "bench_workloads.h"

static void *libc_alloc(size_t size)
{
	return malloc(size);
}

static void libc_free(void *p, size_t size)
{
	free(p);
}

static void *libc_page_alloc(void)
{
	void *p;

	return posix_memalign(&p, 4096, 4096) ? NULL : p;
}

static void libc_page_free(void *p)
{
	free(p);
}

static const struct bench_allocator libc_allocator = {
	.name = BACKEND_NAME,
	.alloc = libc_alloc,
	.free = libc_free,
	.page_alloc = libc_page_alloc,
	.page_free = libc_page_free,
};

#ifdef BENCH_JEMALLOC
/* jemalloc's per-thread byte counter moves only if malloc() is jemalloc's. */
static int jemalloc_serves_malloc(void)
{
	unsigned long long before, after;
	size_t len = sizeof(before);
	void *volatile p;

	if (mallctl("thread.allocated", &before, &len, NULL, 0))
		return 0;
	p = malloc(1000);
	len = sizeof(after);
	if (mallctl("thread.allocated", &after, &len, NULL, 0))
		return 0;
	free(p);
	return after >= before + 1000;
}
#endif

int main(void)
{
#ifdef BENCH_JEMALLOC
	if (!jemalloc_serves_malloc()) {
		fprintf(stderr, "jemalloc: malloc() is not jemalloc's: check the link order\n");
		return 1;
	}
#endif
	return bench_main(&libc_allocator);
}
