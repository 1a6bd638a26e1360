/*
 * Host tests for mm/page_alloc.c and mm/mm_init.c: boot accounting, buddy splitting and
 * coalescing, the per-CPU hot/cold list, zone fallback, watermarks, reference counts and
 * the /proc-format reports (bad frees: test_page_alloc_errors.c). Each test boots the mm
 * core on a fresh 32 MB arena (DMA 4 MB, Normal 12 MB, HighMem 16 MB) and checks the
 * allocator's invariants at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mm/kfence.h>
#include <mm/highmem.h>
#include <mm/mm.h>

#include "../../mm/internal.h"
#include "harness/mm_host.h"

#define ZONE(i) (&contig_page_data.node_zones[i])

/* Allocate until failure; returns the count, pages in @out (caller frees). */
static unsigned long alloc_all(gfp_t gfp, unsigned int order, struct page **out, unsigned long max)
{
	unsigned long n = 0;
	struct page *page;

	while (n < max && (page = alloc_pages(gfp | __GFP_NOWARN, order)) != NULL)
		out[n++] = page;
	return n;
}

static void free_all(struct page **pages, unsigned long n, unsigned int order)
{
	while (n--)
		__free_pages(pages[n], order);
}

static struct page *pool[8192];

/* ---- boot ---- */

static void test_boot_accounts_every_page(void **state)
{
	unsigned long reserved = (64 << 10) >> PAGE_SHIFT;
	unsigned long memmap = ((8192 * sizeof(struct page)) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long kfence = KFENCE_POOL_SIZE >> PAGE_SHIFT; /* the pool, below mem_map */
	struct sysinfo si;

	assert_int_equal(ZONE(ZONE_DMA)->zone_start_pfn, 0);
	assert_int_equal(ZONE(ZONE_DMA)->spanned_pages, 1024);
	assert_int_equal(ZONE(ZONE_DMA)->present_pages, 1024);
	assert_int_equal(ZONE(ZONE_DMA)->managed_pages, 1024 - reserved);
	assert_int_equal(ZONE(ZONE_NORMAL)->zone_start_pfn, 1024);
	assert_int_equal(ZONE(ZONE_NORMAL)->spanned_pages, 3072);
	/* mem_map comes from memblock, top-down in low memory: the end of Normal. */
	assert_int_equal(ZONE(ZONE_NORMAL)->managed_pages, 3072 - memmap - kfence);
	assert_int_equal(page_to_pfn(virt_to_page(__kfence_pool)), 4096 - memmap - kfence);
	assert_int_equal(page_to_pfn(virt_to_page(mem_map)), 4096 - memmap);
	assert_int_equal(ZONE(ZONE_HIGHMEM)->zone_start_pfn, 4096);
	assert_int_equal(ZONE(ZONE_HIGHMEM)->managed_pages, 4096);
	assert_int_equal(totalram_pages, 8192 - reserved - memmap - kfence);
	assert_int_equal(totalhigh_pages, 4096);
	assert_int_equal(nr_free_pages(), totalram_pages);
	si_meminfo(&si);
	assert_int_equal(si.freeram, totalram_pages);
	assert_true(PageReserved(pfn_to_page(0)));
	assert_false(PageReserved(pfn_to_page(reserved)));
	assert_true(PageHighMem(pfn_to_page(4096)));
	assert_false(PageHighMem(pfn_to_page(4095)));
}

static void test_zonelists_follow_the_fallback_order(void **state)
{
	struct zonelist *zl = contig_page_data.node_zonelists;

	assert_ptr_equal(zl[ZONE_HIGHMEM].zones[0], ZONE(ZONE_HIGHMEM));
	assert_ptr_equal(zl[ZONE_HIGHMEM].zones[1], ZONE(ZONE_NORMAL));
	assert_ptr_equal(zl[ZONE_HIGHMEM].zones[2], ZONE(ZONE_DMA));
	assert_null(zl[ZONE_HIGHMEM].zones[3]);
	assert_ptr_equal(zl[ZONE_NORMAL].zones[0], ZONE(ZONE_NORMAL));
	assert_ptr_equal(zl[ZONE_NORMAL].zones[1], ZONE(ZONE_DMA));
	assert_null(zl[ZONE_NORMAL].zones[2]);
	assert_ptr_equal(zl[ZONE_DMA].zones[0], ZONE(ZONE_DMA));
	assert_null(zl[ZONE_DMA].zones[1]);
}

static void test_target_layout_has_64mb_highmem(void **state)
{
	const struct mm_host_layout target = { .ram_mb = 256, .lowmem_mb = 192, .dma_mb = 16 };
	struct sysinfo si;

	mm_host_shutdown();
	mm_host_boot(&target);
	si_meminfo(&si);
	assert_int_equal(si.totalhigh << (PAGE_SHIFT - 10), 65536);
	assert_int_equal(ZONE(ZONE_DMA)->spanned_pages, 4096);
	assert_int_equal(ZONE(ZONE_NORMAL)->spanned_pages, 45056);
	/* Linux's sizing: Normal gets a 7-page batch, the 16 MB DMA zone none. */
	assert_int_equal(ZONE(ZONE_NORMAL)->pageset[0].pcp.batch, 7);
	assert_int_equal(ZONE(ZONE_NORMAL)->pageset[0].pcp.high, 42);
	assert_int_equal(ZONE(ZONE_DMA)->pageset[0].pcp.high, 0);
	/* min_free_kbytes = sqrt(lowmem KB * 16) */
	assert_in_range(min_free_kbytes, 1700, 1780);
}

/* ---- splitting and coalescing ---- */

static void test_alloc_splits_the_smallest_sufficient_block(void **state)
{
	struct zone *z = ZONE(ZONE_NORMAL);
	unsigned long before[MAX_ORDER];
	unsigned int o, smallest = MAX_ORDER;
	struct page *page;

	for (o = 0; o < MAX_ORDER; o++) {
		before[o] = z->free_area[o].nr_free;
		if (smallest == MAX_ORDER && o >= 2 && before[o])
			smallest = o;
	}
	assert_true(smallest < MAX_ORDER);
	for (o = 0; o < 2; o++)
		assert_int_equal(before[o], 0);
	page = alloc_pages(GFP_KERNEL, 2);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_NORMAL);
	assert_int_equal(z->free_area[smallest].nr_free, before[smallest] - 1);
	for (o = 2; o < smallest; o++)
		assert_int_equal(z->free_area[o].nr_free, before[o] + 1);
	assert_int_equal(z->free_area[0].nr_free, 0);
	assert_int_equal(z->free_area[1].nr_free, 0);
	__free_pages(page, 2);
	for (o = 0; o < MAX_ORDER; o++)
		assert_int_equal(z->free_area[o].nr_free, before[o]);
}

static void test_buddies_merge_only_when_both_are_free(void **state)
{
	struct zone *z = ZONE(ZONE_NORMAL);
	struct mm_host_snapshot boot, now;
	struct page *a, *b;

	mm_host_snapshot(&boot);
	a = alloc_page(GFP_KERNEL);
	b = alloc_page(GFP_KERNEL);
	assert_int_equal(page_to_pfn(b), page_to_pfn(a) ^ 1);
	__free_page(a);
	assert_true(PageBuddy(a));
	assert_int_equal(a->private, 0);
	assert_int_equal(z->free_area[0].nr_free, 1);
	__free_page(b);
	assert_false(PageBuddy(b));
	mm_host_snapshot(&now);
	assert_true(mm_host_snapshot_equal(&boot, &now));
}

static void test_every_order_is_naturally_aligned(void **state)
{
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_HIGHUSER, order);

		assert_non_null(page);
		assert_int_equal(page_to_pfn(page) & ((1UL << order) - 1), 0);
		assert_int_equal(page_count(page), 1);
		assert_true(PageHead(page));
		__free_pages(page, order);
	}
}

static void test_exhaustion_then_free_returns_to_boot_state(void **state)
{
	struct mm_host_snapshot boot, now;
	unsigned long n[4], total = 0;
	static const gfp_t gfps[] = { GFP_HIGHUSER, GFP_KERNEL, GFP_DMA, GFP_ATOMIC };
	int i;

	mm_host_snapshot(&boot);
	for (i = 0; i < 4; i++) {
		n[i] = alloc_all(gfps[i], (unsigned int)(3 - i), pool + total,
				 ARRAY_SIZE(pool) - total);
		total += n[i];
	}
	assert_true(n[0] > 0 && n[3] > 0);
	assert_int_equal(mm_host_check(NULL), 0);
	for (i = 3, total = 0; i >= 0; i--)
		total += n[i];
	for (i = 3; i >= 0; i--) {
		total -= n[i];
		free_all(pool + total, n[i], (unsigned int)(3 - i));
	}
	drain_all_pages();
	mm_host_snapshot(&now);
	assert_true(mm_host_snapshot_equal(&boot, &now));
}

/* ---- per-CPU lists ---- */

static void test_pcp_refill_moves_one_batch(void **state)
{
	struct zone *z = ZONE(ZONE_NORMAL);
	struct per_cpu_pages *pcp = &z->pageset[0].pcp;
	unsigned long free = z->free_pages;
	struct page *page;

	pageset_set_high_and_batch(z, 16, 4);
	page = alloc_page(GFP_KERNEL);
	assert_int_equal(pcp_count(pcp), 3);
	assert_int_equal(z->free_pages, free - 4);
	__free_page(page);
	assert_int_equal(pcp_count(pcp), 4);
	drain_all_pages();
	assert_int_equal(pcp_count(pcp), 0);
	assert_int_equal(z->free_pages, free);
}

static void test_pcp_hot_page_is_reused_first(void **state)
{
	struct page *a, *b;

	pageset_set_high_and_batch(ZONE(ZONE_NORMAL), 16, 4);
	a = alloc_page(GFP_KERNEL);
	__free_page(a);
	b = alloc_page(GFP_KERNEL);
	assert_ptr_equal(a, b);
	__free_page(b);
}

static void test_gfp_cold_takes_from_the_cold_end(void **state)
{
	struct per_cpu_pages *pcp = &ZONE(ZONE_NORMAL)->pageset[0].pcp;
	struct page *hot, *tail, *cold, *c;

	pageset_set_high_and_batch(ZONE(ZONE_NORMAL), 16, 4);
	hot = alloc_page(GFP_KERNEL);
	__free_page(hot);
	tail = list_last_entry(&pcp->list, struct page, lru);
	assert_ptr_not_equal(tail, hot);
	cold = alloc_page(GFP_KERNEL | __GFP_COLD);
	assert_ptr_equal(cold, tail);
	/* free_cold_page() puts it back at the cold end. */
	free_cold_page(cold);
	assert_ptr_equal(list_last_entry(&pcp->list, struct page, lru), cold);
	c = alloc_page(GFP_KERNEL | __GFP_COLD);
	assert_ptr_equal(c, cold);
	__free_page(c);
	assert_ptr_equal(list_first_entry(&pcp->list, struct page, lru), c);
}

/* A zone whose list is off (high 0) serves order 0 from, and frees it to, its buddy lists. */
static void test_pcp_off_zone_order0_goes_through_the_buddy_lists(void **state)
{
	struct zone *z = ZONE(ZONE_DMA);
	struct per_cpu_pages *pcp = &z->pageset[0].pcp;
	unsigned long free, buddy;
	struct page *page;

	pageset_set_high_and_batch(z, 0, 1);
	free = z->free_pages;
	buddy = z->pgalloc_buddy;
	page = alloc_page(GFP_DMA);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA);
	assert_true(PageHead(page));
	assert_false(PageBuddy(page));
	assert_int_equal(page_count(page), 1);
	assert_int_equal(z->free_pages, free - 1);
	assert_int_equal(z->pgalloc_buddy, buddy + 1);
	assert_int_equal(pcp_count(pcp), 0);
	/* A second user: the first free only drops the reference. */
	get_page(page);
	__free_page(page);
	assert_int_equal(z->free_pages, free - 1);
	assert_true(PageHead(page));
	__free_page(page);
	assert_int_equal(z->free_pages, free);
	assert_int_equal(pcp_count(pcp), 0);
	assert_false(PageHead(page));
}

static void test_pcp_drains_a_batch_when_it_reaches_high(void **state)
{
	struct zone *z = ZONE(ZONE_NORMAL);
	struct per_cpu_pages *pcp = &z->pageset[0].pcp;
	struct mm_host_snapshot boot, now;
	int i;

	mm_host_snapshot(&boot);
	pageset_set_high_and_batch(z, 8, 3);
	for (i = 0; i < 20; i++)
		pool[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < 20; i++) {
		__free_page(pool[i]);
		assert_true(pcp_count(pcp) < 8);
	}
	assert_int_equal(mm_host_check(NULL), 0);
	drain_all_pages();
	mm_host_snapshot(&now);
	assert_true(mm_host_snapshot_equal(&boot, &now));
}

/* ---- zone fallback ---- */

static void test_gfp_dma_uses_only_the_dma_zone(void **state)
{
	unsigned long n, i, normal_free = ZONE(ZONE_NORMAL)->free_pages;

	n = alloc_all(GFP_ATOMIC | GFP_DMA, 0, pool, ARRAY_SIZE(pool));
	assert_true(n > 900);
	for (i = 0; i < n; i++)
		assert_int_equal(page_zonenum(pool[i]), ZONE_DMA);
	assert_int_equal(ZONE(ZONE_NORMAL)->free_pages, normal_free);
	assert_null(alloc_page(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN));
	free_all(pool, n, 0);
}

static void test_gfp_kernel_falls_back_from_normal_to_dma_never_highmem(void **state)
{
	struct zone *normal = ZONE(ZONE_NORMAL);
	unsigned long n = 0;
	struct page *page;

	for (;;) {
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		assert_non_null(page);
		pool[n++] = page;
		assert_int_not_equal(page_zonenum(page), ZONE_HIGHMEM);
		if (page_zonenum(page) == ZONE_DMA)
			break;
	}
	/* Normal was passed over only once it was down to its low watermark. */
	assert_true(normal->free_pages <= low_wmark_pages(normal));
	free_all(pool, n, 0);
}

static void test_gfp_highuser_prefers_highmem_then_normal_then_dma(void **state)
{
	unsigned long n = 0, seen[MAX_NR_ZONES] = { 0 };
	struct page *page;

	while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL) {
		int z = (int)page_zonenum(page);

		/* A lower zone is used only once every higher one is at its low watermark. */
		if (!seen[z] && z < ZONE_HIGHMEM) {
			assert_true(ZONE(ZONE_HIGHMEM)->free_pages <=
				    low_wmark_pages(ZONE(ZONE_HIGHMEM)));
			if (z == ZONE_DMA)
				assert_true(ZONE(ZONE_NORMAL)->free_pages <=
					    low_wmark_pages(ZONE(ZONE_NORMAL)));
		}
		if (n == 0)
			assert_int_equal(z, ZONE_HIGHMEM);
		pool[n++] = page;
		seen[z]++;
		assert_true(n < ARRAY_SIZE(pool));
	}
	assert_true(seen[ZONE_HIGHMEM] > 4000);
	assert_true(seen[ZONE_NORMAL] > 2800 - (KFENCE_POOL_SIZE >> PAGE_SHIFT));
	assert_true(seen[ZONE_DMA] > 900);
	free_all(pool, n, 0);
}

/* ---- watermarks ---- */

static void test_watermarks_follow_min_free_kbytes(void **state)
{
	unsigned long lowmin = 0;
	struct zone *z;

	for_each_populated_zone(z) {
		assert_true(min_wmark_pages(z) > 0);
		assert_int_equal(low_wmark_pages(z), min_wmark_pages(z) + min_wmark_pages(z) / 4);
		assert_int_equal(high_wmark_pages(z), min_wmark_pages(z) + min_wmark_pages(z) / 2);
		if (!is_highmem(z))
			lowmin += min_wmark_pages(z);
	}
	/* Low memory shares min_free_kbytes; highmem keeps the 32-page floor. */
	assert_in_range(lowmin, (unsigned long)(min_free_kbytes / 4) - 2,
			(unsigned long)min_free_kbytes / 4);
	assert_int_equal(min_wmark_pages(ZONE(ZONE_HIGHMEM)), 32);

	min_free_kbytes = 4096;
	setup_per_zone_wmarks();
	assert_int_equal(min_wmark_pages(ZONE(ZONE_DMA)) + min_wmark_pages(ZONE(ZONE_NORMAL)),
			 1024 - 1);
}

static void test_zone_watermark_ok_lowers_the_mark_for_high_and_harder(void **state)
{
	struct zone *z = ZONE(ZONE_DMA);
	unsigned long f = z->free_pages;

	assert_true(zone_watermark_ok(z, 0, f - 1, 0));
	assert_false(zone_watermark_ok(z, 0, f, 0));
	assert_true(zone_watermark_ok(z, 0, 2 * f - 2, ALLOC_HIGH));
	assert_false(zone_watermark_ok(z, 0, 2 * f - 1, ALLOC_HIGH));
	assert_true(zone_watermark_ok(z, 0, 100 * f, ALLOC_NO_WATERMARKS));
	/* An order-10 request needs its size on top of the mark. */
	assert_false(zone_watermark_ok(z, 10, f - 1, 0));
}

static void test_nowait_stops_exactly_at_the_min_watermark(void **state)
{
	struct zone *dma = ZONE(ZONE_DMA);
	unsigned long n;

	n = alloc_all(GFP_NOWAIT | GFP_DMA, 0, pool, ARRAY_SIZE(pool));
	assert_true(n > 0);
	assert_int_equal(dma->free_pages, min_wmark_pages(dma));
	assert_int_equal(zone_pcp_count(dma), 0);
	free_all(pool, n, 0);
}

static void test_nowait_refill_never_dips_below_min(void **state)
{
	struct zone *normal = ZONE(ZONE_NORMAL);
	unsigned long n = 0;
	struct page *page;

	/* A big batch: refills would overshoot the mark if they were not bounded. */
	pageset_set_high_and_batch(normal, 600, 100);
	while ((page = alloc_page(GFP_NOWAIT | __GFP_NOWARN)) != NULL &&
	       page_zonenum(page) == ZONE_NORMAL) {
		pool[n++] = page;
		assert_true(normal->free_pages >= min_wmark_pages(normal));
	}
	if (page)
		pool[n++] = page;
	free_all(pool, n, 0);
}

static void test_atomic_goes_below_min_into_the_reserve(void **state)
{
	struct zone *dma = ZONE(ZONE_DMA);
	long min = (long)min_wmark_pages(dma), floor = min - min / 2;
	unsigned long n, m;

	floor -= floor / 4;
	n = alloc_all(GFP_NOWAIT | GFP_DMA, 0, pool, ARRAY_SIZE(pool));
	assert_int_equal(dma->free_pages, min);
	m = alloc_all(GFP_ATOMIC | GFP_DMA, 0, pool + n, ARRAY_SIZE(pool) - n);
	assert_int_equal(m, min - floor);
	assert_int_equal(dma->free_pages, floor);
	free_all(pool, n + m, 0);
}

static void test_gfp_high_may_sleep_and_gets_half_the_reserve(void **state)
{
	struct zone *dma = ZONE(ZONE_DMA);
	long min = (long)min_wmark_pages(dma);
	unsigned long n, m;

	n = alloc_all(GFP_NOWAIT | GFP_DMA, 0, pool, ARRAY_SIZE(pool));
	m = alloc_all(GFP_NOIO | __GFP_HIGH | __GFP_NORETRY | GFP_DMA, 0, pool + n,
		      ARRAY_SIZE(pool) - n);
	assert_int_equal(m, min / 2);
	assert_int_equal(dma->free_pages, min - min / 2);
	free_all(pool, n + m, 0);
}

/* ---- reference counts ---- */

static void test_get_page_keeps_the_block_until_the_last_free(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	unsigned long free = nr_free_pages();

	get_page(page);
	assert_int_equal(page_count(page), 2);
	__free_pages(page, 1);
	assert_true(PageHead(page));
	assert_int_equal(nr_free_pages(), free);
	__free_pages(page, 1);
	assert_int_equal(nr_free_pages(), free + 2);
}

/* ---- addresses ---- */

static void test_page_address_conversions_round_trip(void **state)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL | __GFP_HIGHMEM, 2);
	struct page *page = virt_to_page(addr);

	assert_true(addr != 0);
	assert_int_equal(addr & ~PAGE_MASK, 0);
	assert_false(PageHighMem(page));
	assert_ptr_equal(page_address(page), (void *)addr);
	assert_ptr_equal(pfn_to_page(page_to_pfn(page)), page);
	assert_int_equal(page_to_phys(page), __pa(addr));
	assert_true(pfn_valid(page_to_pfn(page)));
	assert_false(pfn_valid(max_pfn));
	memset((void *)addr, 0x5a, 4 * PAGE_SIZE);
	free_pages(addr, 2);
}

/* ---- reports ---- */

static void test_buddyinfo_has_linux_format(void **state)
{
	char expect[160];
	int n, o;

	show_buddyinfo();
	n = snprintf(expect, sizeof(expect), "Node 0, zone      DMA ");
	for (o = 0; o < MAX_ORDER; o++)
		n += snprintf(expect + n, sizeof(expect) - (size_t)n, "%6lu ",
			      ZONE(ZONE_DMA)->free_area[o].nr_free);
	assert_true(host_log_contains(expect));
	assert_true(host_log_contains("Node 0, zone   Normal "));
	assert_true(host_log_contains("Node 0, zone  HighMem "));
	assert_int_equal(host_log_count("\n"), 3);
}

static unsigned long meminfo_kb(const char *name)
{
	const char *p = strstr(host_log(), name);

	assert_non_null(p);
	/* "%-16s%8lu kB": the value ends in column 24 */
	assert_int_equal(p[24], ' ');
	assert_int_equal(p[25], 'k');
	return strtoul(p + 16, NULL, 10);
}

static void test_meminfo_memfree_counts_buddy_and_pcp_pages(void **state)
{
	unsigned long pcp = 0, buddy = 0;
	struct zone *z;
	int i;

	pageset_set_high_and_batch(ZONE(ZONE_NORMAL), 32, 8);
	pageset_set_high_and_batch(ZONE(ZONE_HIGHMEM), 32, 8);
	for (i = 0; i < 10; i++)
		pool[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);
	for (i = 0; i < 5; i++)
		__free_page(pool[i]);
	for_each_zone(z) {
		pcp += zone_pcp_count(z);
		buddy += z->free_pages;
	}
	assert_true(pcp > 0);
	show_meminfo();
	assert_int_equal(meminfo_kb("MemFree:"), (buddy + pcp) * 4);
	assert_int_equal(meminfo_kb("MemTotal:"), totalram_pages * 4);
	assert_int_equal(meminfo_kb("HighTotal:"), 16384);
	assert_int_equal(meminfo_kb("LowTotal:"), (totalram_pages - 4096) * 4);
	assert_int_equal(meminfo_kb("HighFree:") + meminfo_kb("LowFree:"), (buddy + pcp) * 4);
	assert_true(host_log_contains("MemTotal:          "));
	for (i = 5; i < 10; i++)
		__free_page(pool[i]);
}

static void test_zoneinfo_lists_watermarks_and_sizes(void **state)
{
	char line[64];

	show_zoneinfo();
	assert_true(host_log_contains("Node 0, zone      DMA\n  pages free     "));
	snprintf(line, sizeof(line), "        min      %lu\n", min_wmark_pages(ZONE(ZONE_DMA)));
	assert_true(host_log_contains(line));
	assert_true(host_log_contains("        spanned  3072\n"));
	assert_true(host_log_contains("        managed  4096\n"));
	assert_true(host_log_contains("  start_pfn:           4096\n"));
	assert_true(host_log_contains("              batch: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, mm_host_setup, mm_host_teardown)
		T(test_boot_accounts_every_page),
		T(test_zonelists_follow_the_fallback_order),
		T(test_target_layout_has_64mb_highmem),
		T(test_alloc_splits_the_smallest_sufficient_block),
		T(test_buddies_merge_only_when_both_are_free),
		T(test_every_order_is_naturally_aligned),
		T(test_exhaustion_then_free_returns_to_boot_state),
		T(test_pcp_refill_moves_one_batch),
		T(test_pcp_hot_page_is_reused_first),
		T(test_gfp_cold_takes_from_the_cold_end),
		T(test_pcp_off_zone_order0_goes_through_the_buddy_lists),
		T(test_pcp_drains_a_batch_when_it_reaches_high),
		T(test_gfp_dma_uses_only_the_dma_zone),
		T(test_gfp_kernel_falls_back_from_normal_to_dma_never_highmem),
		T(test_gfp_highuser_prefers_highmem_then_normal_then_dma),
		T(test_watermarks_follow_min_free_kbytes),
		T(test_zone_watermark_ok_lowers_the_mark_for_high_and_harder),
		T(test_nowait_stops_exactly_at_the_min_watermark),
		T(test_nowait_refill_never_dips_below_min),
		T(test_atomic_goes_below_min_into_the_reserve),
		T(test_gfp_high_may_sleep_and_gets_half_the_reserve),
		T(test_get_page_keeps_the_block_until_the_last_free),
		T(test_page_address_conversions_round_trip),
		T(test_buddyinfo_has_linux_format),
		T(test_meminfo_memfree_counts_buddy_and_pcp_pages),
		T(test_zoneinfo_lists_watermarks_and_sizes),
#undef T
	};

	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
