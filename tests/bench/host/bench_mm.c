/*
 * Host benchmark backend "mm-arm11 kmalloc": the mm core's kmalloc()/kfree() and
 * alloc_pages()/__free_pages() on the host arena (tests/host/harness/mm_host.c), booted with the
 * qemu board's layout: 256 MB, 192 MB low memory, 16 MB ZONE_DMA. Built at -O2 without
 * sanitizers, from the same sources as the unit tests. After the workloads the allocator's
 * invariants are checked (mm_host_check()), so a run that corrupted it fails.
 */
#include <mm/mm.h>
#include <mm/slab.h>
#include <stdio.h>

#include "../../host/harness/mm_host.h"
#include "bench_workloads.h"

static void *mm_alloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

static void mm_free(void *p, size_t size)
{
	kfree(p);
}

static void *mm_page_alloc(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	return page ? page_address(page) : NULL;
}

static void mm_page_free(void *p)
{
	__free_pages(virt_to_page(p), 0);
}

static const struct mm_host_layout bench_layout = {
	.ram_mb = 256,
	.lowmem_mb = 192,
	.dma_mb = 16,
	.reserved_kb = 64,
};

static const struct bench_allocator mm_allocator = {
	.name = "mm-arm11 kmalloc",
	.alloc = mm_alloc,
	.free = mm_free,
	.page_alloc = mm_page_alloc,
	.page_free = mm_page_free,
};

int main(void)
{
	int ret;

	mm_host_boot(&bench_layout);
	kmem_cache_init();
	ret = bench_main(&mm_allocator);
	if (mm_host_check(NULL)) {
		fprintf(stderr, "mm-arm11 kmalloc: page allocator invariants broken\n");
		ret = 1;
	}
	if (host_log()[0])
		fprintf(stderr, "mm-arm11 kmalloc: kernel log:\n%s", host_log());
	mm_host_shutdown();
	return ret;
}
