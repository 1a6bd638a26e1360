/*
 * In-target page-allocator benchmarks: guest instructions per operation under
 * `-icount shift=0` (bench_ns() deltas), each averaged over a fixed loop, plus the
 * unusable-free-space index for order 3 after a fixed random workload.
 */
#include <kernel/bench.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <lib/prandom.h>
#include <mm/highmem.h>
#include <mm/init_on.h>
#include <mm/mm.h>

#define LOOPS 2000

static void report(const char *name, u64 t0, unsigned int loops)
{
	unsigned long total = (unsigned long)(bench_ns() - t0);

	printk("%-34s %6lu instructions/op\n", name, (total + loops / 2) / loops);
}

/* Loop overhead is part of each figure: a few instructions, the same in every line. */
static void bench_alloc_free(const char *name, gfp_t gfp, unsigned int order, unsigned int loops)
{
	struct page *p;
	unsigned int i;
	u64 t0;

	p = alloc_pages(gfp, order); /* warm: the per-CPU list is filled */
	__free_pages(p, order);
	t0 = bench_ns();
	for (i = 0; i < loops; i++) {
		p = alloc_pages(gfp, order);
		__free_pages(p, order);
	}
	report(name, t0, loops);
}

#define LIVE 1000
static struct page *live[LIVE];

/*
 * 1000 order-0 pages allocated, then the 1000 freed, per pair: the per-CPU list is
 * refilled from the buddy lists and drained back to them, pcp->batch pages at a time.
 */
static void bench_order0_live(void)
{
	unsigned int i, r;
	u64 t0;

	for (i = 0; i < LIVE; i++) /* warm: the buddy blocks are split the same way */
		live[i] = alloc_pages(GFP_KERNEL, 0);
	for (i = 0; i < LIVE; i++)
		__free_pages(live[i], 0);
	t0 = bench_ns();
	for (r = 0; r < 4; r++) {
		for (i = 0; i < LIVE; i++)
			live[i] = alloc_pages(GFP_KERNEL, 0);
		for (i = 0; i < LIVE; i++)
			__free_pages(live[i], 0);
	}
	report("order-0 alloc+free, 1000 live", t0, 4 * LIVE);
}

/* alloc_pages_bulk() of 16 pages + 16 __free_pages(): per call and page. */
static void bench_pages_bulk(void)
{
	unsigned long total;
	unsigned int i, r;
	u64 t0;

	t0 = bench_ns();
	for (r = 0; r < LOOPS / 4; r++) {
		for (i = 0; i < 16; i++)
			live[i] = NULL;
		alloc_pages_bulk(GFP_KERNEL, 16, live);
		for (i = 0; i < 16; i++)
			__free_pages(live[i], 0);
	}
	total = (unsigned long)(bench_ns() - t0);
	printk("%-34s %6lu instructions/call (%lu.%lu per page)\n",
	       "alloc_pages_bulk+free, 16 pages", (total + LOOPS / 8) / (LOOPS / 4),
	       total / (LOOPS / 4) / 16, total * 10 / (LOOPS / 4) / 16 % 10);
}

/*
 * ZONE_DMA (16 MB) gets a per-CPU batch of 0, as in Linux, so its list is off (high 0)
 * and order 0 comes from the buddy lists. The lone order-0 blocks the boot left (where
 * the kernel image ends: it moves with the image size) are held, then one page more
 * split from a larger block, so that its buddy is a free order-0 block: the figure is
 * the buddy-list path itself, not a split of a large block and its merge back.
 */
static void bench_dma_pcp_off(void)
{
	struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	struct page *held[8];
	unsigned int n = 0;

	while (n < ARRAY_SIZE(held) - 1 && dma->free_area[0].nr_free)
		held[n++] = alloc_pages(GFP_DMA, 0);
	held[n++] = alloc_pages(GFP_DMA, 0);
	bench_alloc_free("order-0 alloc+free ZONE_DMA, pcp off", GFP_DMA, 0, LOOPS);
	while (n)
		__free_pages(held[--n], 0);
}

static void bench_page_alloc(void)
{
	struct page *hp;
	unsigned long z;
	unsigned int i;
	u64 t0;

	bench_alloc_free("order-0 alloc+free (per-CPU hot)", GFP_KERNEL, 0, LOOPS);
	bench_dma_pcp_off();
	bench_order0_live();
	bench_pages_bulk();
	bench_alloc_free("order-3 alloc+free", GFP_KERNEL, 3, LOOPS);
	bench_alloc_free("order-10 alloc+free", GFP_KERNEL, 10, LOOPS / 4);
	/* The cost of the switches (mm/init_on.c), on for these rows only. */
	set_init_on_alloc(true);
	bench_alloc_free("order-0 alloc+free, init_on_alloc", GFP_KERNEL, 0, LOOPS);
	set_init_on_alloc(false);
	set_init_on_free(true);
	bench_alloc_free("order-0 alloc+free, init_on_free", GFP_KERNEL, 0, LOOPS);
	set_init_on_free(false);

	t0 = bench_ns();
	for (i = 0; i < LOOPS / 4; i++) {
		z = get_zeroed_page(GFP_KERNEL);
		free_pages(z, 0);
	}
	report("get_zeroed_page+free_page", t0, LOOPS / 4);

	hp = alloc_pages(GFP_HIGHUSER, 0);
	t0 = bench_ns();
	for (i = 0; i < LOOPS; i++)
		kunmap_atomic(kmap_atomic(hp));
	report("kmap_atomic+kunmap_atomic", t0, LOOPS);
	__free_pages(hp, 0);
}
BENCH(page_alloc, "page allocator paths, instructions per operation", bench_page_alloc);

#define FRAG_SLOTS 4096

/*
 * Unusable free space index (Gorman): the fraction of free memory in blocks too small for
 * an order-@order request: (free - sum over j >= order of 2^j * nr_free[j]) / free.
 */
static unsigned int unusable_index_permille(struct zone *z, unsigned int order)
{
	unsigned long usable = 0, j;

	drain_all_pages();
	for (j = order; j < MAX_ORDER; j++)
		usable += z->free_area[j].nr_free << j;
	if (!z->free_pages)
		return 1000;
	return (unsigned int)((z->free_pages - usable) * 1000 / z->free_pages);
}

static void bench_fragmentation(void)
{
	static struct page *slot_page[FRAG_SLOTS];
	static u8 slot_order[FRAG_SLOTS];
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	unsigned int i, s, before, after;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, 0x2545f491); /* the same "random" workload on every run */
	before = unusable_index_permille(normal, 3);
	/* 40000 random steps over 4096 slots of order 0..3 blocks, GFP_KERNEL (Normal). */
	for (i = 0; i < 40000; i++) {
		s = prandom_u32_state(&rnd) % FRAG_SLOTS;
		if (slot_page[s]) {
			__free_pages(slot_page[s], slot_order[s]);
			slot_page[s] = NULL;
		} else {
			slot_order[s] = (u8)(prandom_u32_state(&rnd) % 4);
			slot_page[s] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, slot_order[s]);
		}
	}
	after = unusable_index_permille(normal, 3);
	printk("%-34s %u.%03u (at boot %u.%03u)\n", "unusable free space index, order 3",
	       after / 1000, after % 1000, before / 1000, before % 1000);
	for (s = 0; s < FRAG_SLOTS; s++)
		if (slot_page[s]) {
			__free_pages(slot_page[s], slot_order[s]);
			slot_page[s] = NULL;
		}
}
BENCH(fragmentation, "unusable free space index (order 3) after a fixed random workload",
      bench_fragmentation);
