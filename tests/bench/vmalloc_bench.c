/* In-target vmalloc benchmarks: guest instructions per page for vmalloc+vfree. */
#include <kernel/bench.h>
#include <kernel/printk.h>
#include <mm/vmalloc.h>

static void bench_vmalloc_pages(unsigned int pages, unsigned int loops)
{
	unsigned long total;
	unsigned int i;
	u64 t0;

	vfree(vmalloc(pages * PAGE_SIZE)); /* warm: slab caches, node pool, L2 tables */
	t0 = bench_ns();
	for (i = 0; i < loops; i++)
		vfree(vmalloc(pages * PAGE_SIZE));
	total = (unsigned long)(bench_ns() - t0);
	printk("vmalloc+vfree %3u pages %22lu instructions/page (%lu per call)\n", pages,
	       total / loops / pages, total / loops);
}

static void bench_vmalloc(void)
{
	bench_vmalloc_pages(1, 400);
	bench_vmalloc_pages(16, 100);
	bench_vmalloc_pages(256, 10);
}
BENCH(vmalloc, "vmalloc+vfree of 1, 16 and 256 pages, instructions per page", bench_vmalloc);
