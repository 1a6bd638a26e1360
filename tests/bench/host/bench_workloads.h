/*
 * Host allocator benchmarks (make bench-host): one workload driver shared by every
 * allocator, so the mm core (kmalloc on the host arena) and the user-space allocators
 * (glibc malloc, jemalloc, mimalloc) run the same loops with the same random numbers.
 * Each allocator is one binary that fills a struct bench_allocator and calls bench_main().
 *
 * The calls go through function pointers on purpose: the compiler cannot see a malloc()
 * paired with a free() and remove both, and every allocator pays the same indirect call.
 */
#ifndef TESTS_BENCH_HOST_BENCH_WORKLOADS_H
#define TESTS_BENCH_HOST_BENCH_WORKLOADS_H

#include <stddef.h>

struct bench_allocator {
	const char *name; /* column title in the combined table */
	void *(*alloc)(size_t size);
	void (*free)(void *ptr, size_t size);
	/* One 4 KB page-aligned block: an order-0 page for the kernel side. */
	void *(*page_alloc)(void);
	void (*page_free)(void *ptr);
};

/**
 * bench_main - run every workload on @a and print one result line per workload
 * @a: the allocator
 *
 * Prints "allocator<TAB>name", then per workload "result<TAB>workload<TAB>ns/op<TAB>
 * instructions/op" (the last "-" when the instruction counter cannot be read), best of 3
 * runs, for tests/bench/host/run_host_bench.py to combine.
 * Return: the process exit code: 0, or 1 if an allocation failed or an object was found
 * corrupted (reported on stderr).
 */
int bench_main(const struct bench_allocator *a);

#endif
