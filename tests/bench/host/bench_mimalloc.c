/*
 * Host benchmark backend "mimalloc": its own API (mi_malloc/mi_free, mi_malloc_aligned
 * for the page workload); glibc malloc stays in place for everything else.
 */
#include <mimalloc.h>

#include "bench_workloads.h"

static void *mimalloc_alloc(size_t size)
{
	return mi_malloc(size);
}

static void mimalloc_free(void *p, size_t size)
{
	mi_free(p);
}

static void *mimalloc_page_alloc(void)
{
	return mi_malloc_aligned(4096, 4096);
}

static void mimalloc_page_free(void *p)
{
	mi_free(p);
}

static const struct bench_allocator mimalloc_allocator = {
	.name = "mimalloc",
	.alloc = mimalloc_alloc,
	.free = mimalloc_free,
	.page_alloc = mimalloc_page_alloc,
	.page_free = mimalloc_page_free,
};

int main(void)
{
	return bench_main(&mimalloc_allocator);
}
