/*
 * KTAP suite "fastpath": the routines that issue 12's fast paths rest on, each checked
 * where a wrong implementation would still look fast: memset() (STM bursts) writes
 * exactly the bytes asked for at every alignment and length, __GFP_ZERO zeroes every
 * byte of every order in every zone, and the ARMv6 block cache operations are accepted
 * by the core for any range (an unsupported encoding is an undefined instruction).
 */
#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>
#include <string.h>

#define GUARD 64
static u8 buf[GUARD + 4096 + 256 + GUARD] __aligned(32);

/* First byte in [from, to) of buf that is not @v, or -1. */
static long first_not(unsigned long from, unsigned long to, u8 v)
{
	unsigned long i;

	for (i = from; i < to; i++)
		if (buf[i] != v)
			return (long)i;
	return -1;
}

static void memset_writes_exactly_the_range(struct ktap_test *t)
{
	static const size_t lens[] = { 4096, 4096 + 31, 4096 + 129, 1000, 255, 128, 127 };
	unsigned long off, len, bad = 0;
	unsigned int i;

	/* Every start alignment within a line, every length up to 200, then long ones. */
	for (off = 0; off < 36; off++) {
		for (len = 0; len < 200 + ARRAY_SIZE(lens); len++) {
			size_t n = len < 200 ? len : lens[len - 200];
			u8 v = (u8)(len * 7 + off + 1);
			void *r;

			unsigned long end = GUARD + off + n + GUARD; /* the guards and the range */

			memset(buf, 0xee, end);
			r = memset(buf + GUARD + off, v, n);
			if (r != buf + GUARD + off || first_not(0, GUARD + off, 0xee) >= 0 ||
			    first_not(GUARD + off, GUARD + off + n, v) >= 0 ||
			    first_not(GUARD + off + n, end, 0xee) >= 0) {
				if (!bad++)
					ktap_fail(t, __FILE__, __LINE__,
						  "memset(buf + %lu, %#x, %u) wrong", off, v,
						  (unsigned int)n);
			}
		}
	}
	KTAP_EXPECT_EQ(t, bad, 0);
	/* The value is one byte: the upper bits of c are ignored. */
	memset(buf, 0, sizeof(buf));
	memset(buf + GUARD, 0x1234, 100);
	KTAP_EXPECT_EQ(t, first_not(GUARD, GUARD + 100, 0x34), -1);
	for (i = 0; i < GUARD; i++)
		KTAP_EXPECT_EQ(t, buf[i], 0);
}

/* Fill the pages of a block with @v (highmem pages through kmap_atomic). */
static void fill_block(struct page *p, unsigned int order, u8 v)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		void *a = kmap_atomic(p + i);

		memset(a, v, PAGE_SIZE);
		kunmap_atomic(a);
	}
}

/* Number of pages of the block that hold a nonzero word. */
static unsigned long nonzero_pages(struct page *p, unsigned int order)
{
	unsigned long i, j, n = 0;

	for (i = 0; i < (1UL << order); i++) {
		u32 *a = kmap_atomic(p + i);

		for (j = 0; j < PAGE_SIZE / 4; j++)
			if (a[j])
				break;
		n += j != PAGE_SIZE / 4;
		kunmap_atomic(a);
	}
	return n;
}

static void gfp_zero_zeroes_every_byte_of_every_order(struct ktap_test *t)
{
	static const gfp_t zones[] = { GFP_KERNEL, GFP_KERNEL | __GFP_DMA, GFP_HIGHUSER };
	unsigned int z, order;
	struct page *p;

	for (z = 0; z < ARRAY_SIZE(zones); z++) {
		for (order = 0; order < MAX_ORDER; order++) {
			/* Dirty a block, free it: LIFO lists hand the same one back, dirty. */
			p = alloc_pages(zones[z] | __GFP_NOWARN, order);
			if (!p)
				continue; /* a small zone (DMA_ZONE_MB=1) has no such block */
			fill_block(p, order, 0xa5);
			__free_pages(p, order);
			p = alloc_pages(zones[z] | __GFP_ZERO | __GFP_NOWARN, order);
			KTAP_ASSERT_TRUE(t, p);
			if (nonzero_pages(p, order))
				ktap_fail(t, __FILE__, __LINE__,
					  "gfp %#x order %u: %lu of %lu pages not zero",
					  (unsigned int)zones[z], order, nonzero_pages(p, order),
					  1UL << order);
			__free_pages(p, order);
		}
	}
}

/*
 * mem_map is written as free-to-be in one pass at boot (mm/mm_init.c): every page of the
 * HighMem zone must be allocatable afterwards, each once, down to the zone's watermark.
 */
static void all_of_highmem_is_allocatable_after_boot(struct ktap_test *t)
{
	struct zone *high = &contig_page_data.node_zones[ZONE_HIGHMEM];
	unsigned long n = 0, left;
	struct page *p, *tmp;
	LIST_HEAD(got);

	if (!populated_zone(high))
		KTAP_SKIP(t, "no HighMem zone (LOWMEM_MB = RAM_MB)");
	while ((p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0)) && PageHighMem(p)) {
		list_add(&p->lru, &got);
		n++;
	}
	if (p)
		__free_pages(p, 0); /* the first fallback page, from Normal */
	drain_all_pages();
	left = high->free_pages;
	/* Only the watermark (and the refused last one) stays: the rest was handed out. */
	KTAP_EXPECT_TRUE(t, left <= high_wmark_pages(high) + 1);
	KTAP_EXPECT_EQ(t, n + left, high->managed_pages);
	list_for_each_entry_safe(p, tmp, &got, lru) {
		list_del(&p->lru);
		__free_pages(p, 0);
	}
	drain_all_pages();
	KTAP_EXPECT_EQ(t, high->free_pages, high->managed_pages);
}

/*
 * map_kernel_pages() computes the attribute bits once per call and writes each table's
 * run at once: every entry of a mapping that spans several tables must still be the
 * exact descriptor of its own page with the attributes asked for, for every type.
 */
static void vmalloc_ptes_are_exact_for_every_attribute_set(struct ktap_test *t)
{
	static const struct pt_attrs *const prots[] = { &PAGE_KERNEL, &PAGE_KERNEL_RO,
							&PAGE_KERNEL_EXEC, &PAGE_KERNEL_NC };
	const unsigned long n = 300; /* 1.2 MB: at least two second-level tables */
	unsigned long i, bad;
	unsigned int k;
	struct pt_walk w;

	for (k = 0; k < ARRAY_SIZE(prots); k++) {
		u8 *v = __vmalloc(n * PAGE_SIZE, GFP_KERNEL | __GFP_HIGHMEM, prots[k]);
		struct vm_struct *area = v ? find_vm_area(v) : NULL;

		KTAP_ASSERT_TRUE(t, area && area->nr_pages == n);
		for (i = 0, bad = 0; i < n; i++) {
			/* The page vmalloc allocated for slot i, not what the tables say. */
			struct page *p = area->pages[i];

			if (!p || !pt_walk(swapper_pg_dir, (unsigned long)v + i * PAGE_SIZE, &w) ||
			    w.pte != mk_pte_small(page_to_phys(p), prots[k]) ||
			    w.l2.attrs.type != prots[k]->type || w.l2.attrs.ro != prots[k]->ro ||
			    w.l2.attrs.xn != prots[k]->xn)
				bad++;
		}
		KTAP_EXPECT_EQ(t, bad, 0);
		/* The guard page after the area stays unmapped. */
		KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, (unsigned long)v + n * PAGE_SIZE, &w));
		vfree(v);
		for (i = 0, bad = 0; i < n; i++)
			bad += pt_walk(swapper_pg_dir, (unsigned long)v + i * PAGE_SIZE, &w);
		KTAP_EXPECT_EQ(t, bad, 0);
	}
}

static void dcache_block_operations_accept_any_range(struct ktap_test *t)
{
	unsigned long a = (unsigned long)buf;
	unsigned int i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 13);
	/* Clean and clean+invalidate keep the data: unaligned ends, one byte, empty. */
	dmac_clean_range(a + 3, a + 4000);
	dmac_flush_range(a + 33, a + 34);
	dmac_flush_range(a + 100, a + 100);
	dmac_clean_range(a, a + sizeof(buf));
	dmac_flush_range(a, a + sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		if (buf[i] != (u8)(i * 13))
			break;
	KTAP_EXPECT_EQ(t, i, sizeof(buf));
	/* Invalidate of whole lines, rewritten afterwards (as a from-device DMA buffer). */
	dmac_inv_range(a + 32, a + 96);
	memset(buf + 32, 0x5a, 64);
	KTAP_EXPECT_EQ(t, buf[32], 0x5a);
	KTAP_EXPECT_EQ(t, buf[95], 0x5a);
}

static const struct ktap_case fastpath_cases[] = {
	KTAP_CASE(memset_writes_exactly_the_range),
	KTAP_CASE(gfp_zero_zeroes_every_byte_of_every_order),
	KTAP_CASE(all_of_highmem_is_allocatable_after_boot),
	KTAP_CASE(vmalloc_ptes_are_exact_for_every_attribute_set),
	KTAP_CASE(dcache_block_operations_accept_any_range),
};
KTAP_SUITE(fastpath, fastpath_cases);
