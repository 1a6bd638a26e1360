/*
 * Randomized test of the page allocator against an independent model of free memory.
 *
 * 1e6 operations (MM_RANDOM_OPS overrides) on the 32 MB arena with per-CPU lists enabled:
 * allocations of random order and GFP mask, frees in random order, allocations from a
 * simulated interrupt handler, and now and then a deliberate bad free. The model is a
 * per-page owner map kept by the test alone. After every operation the allocator's free
 * count must equal managed pages minus the model's allocated pages; every returned block
 * must be aligned, in a zone its mask allows and disjoint from everything allocated; an
 * order-0 failure is only allowed when every allowed zone is at or below the caller's
 * watermark floor by the model's count. The seed is printed (MM_RANDOM_SEED sets it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <lib/prandom.h>
#include <mm/highmem.h>
#include <mm/mm.h>

#include "../../mm/internal.h"
#include "harness/mm_host.h"

#define MAX_HELD 6000

struct held {
	struct page *page;
	unsigned int order;
};

static struct held held[MAX_HELD];
static unsigned long nheld;
static unsigned char *owned;		       /* per pfn: 1 if allocated in the model */
static unsigned long model_used[MAX_NR_ZONES]; /* allocated pages per zone */
static struct rnd_state rnd;

static unsigned long rand_below(unsigned long n)
{
	return (unsigned long)(prandom_u32_state(&rnd) % n);
}

static unsigned int rand_order(void)
{
	unsigned long r = rand_below(100);

	if (r < 70)
		return 0;
	if (r < 80)
		return 1;
	if (r < 88)
		return 2;
	if (r < 93)
		return 3;
	return 4 + (unsigned int)rand_below(MAX_ORDER - 4);
}

static const gfp_t gfp_choices[] = {
	GFP_KERNEL,
	GFP_KERNEL,
	GFP_ATOMIC,
	GFP_NOWAIT,
	GFP_DMA,
	GFP_DMA | GFP_ATOMIC,
	GFP_HIGHUSER,
	GFP_HIGHUSER,
	GFP_HIGHUSER | __GFP_COLD,
	GFP_NOIO | __GFP_NORETRY,
	GFP_KERNEL | __GFP_COLD,
	GFP_ATOMIC | __GFP_HIGHMEM,
};

static long floor_for(const struct zone *z, gfp_t gfp)
{
	long min = (long)min_wmark_pages(z);

	if (gfp & __GFP_HIGH) {
		min -= min / 2;
		if (!(gfp & __GFP_WAIT))
			min -= min / 4;
	}
	return min;
}

static bool zone_allowed(unsigned int zone, gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return zone == ZONE_DMA;
	if (!(gfp & __GFP_HIGHMEM))
		return zone != ZONE_HIGHMEM;
	return true;
}

static void model_check_totals(void)
{
	unsigned long z, free = 0, used = 0;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];

		free += zone->free_pages + zone_pcp_count(zone);
		used += model_used[z];
	}
	assert_int_equal(free, totalram_pages - used);
}

static void record_alloc(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long pfn = page_to_pfn(page), i;
	unsigned int zone = page_zonenum(page);

	assert_int_equal(pfn & ((1UL << order) - 1), 0);
	assert_true(zone_allowed(zone, gfp));
	assert_true(PageHead(page));
	assert_int_equal(page->private, order);
	for (i = 0; i < (1UL << order); i++) {
		assert_int_equal(owned[pfn + i], 0);
		assert_int_equal(page_zonenum(page + i), zone);
		assert_false(PageReserved(page + i));
		owned[pfn + i] = 1;
	}
	model_used[zone] += 1UL << order;
	assert_true(nheld < MAX_HELD);
	held[nheld].page = page;
	held[nheld].order = order;
	nheld++;
}

static void release(unsigned long idx)
{
	struct page *page = held[idx].page;
	unsigned int order = held[idx].order;
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++)
		owned[pfn + i] = 0;
	model_used[page_zonenum(page)] -= 1UL << order;
	held[idx] = held[--nheld];
	__free_pages(page, order);
}

static void check_failure(gfp_t gfp, unsigned int order)
{
	unsigned int z;

	if (order)
		return; /* fragmentation may refuse a large block: nothing to pin */
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];
		long model_free = (long)(zone->managed_pages - model_used[z]);

		if (!zone_allowed(z, gfp) || !populated_zone(zone))
			continue;
		/* The slow path drained the per-CPU lists before it gave up. */
		assert_int_equal(zone_pcp_count(zone), 0);
		if (model_free > floor_for(zone, gfp)) {
			fprintf(stderr, "order-0 %#x failed with %ld free in %s, floor %ld\n", gfp,
				model_free, zone->name, floor_for(zone, gfp));
			fail();
		}
	}
}

static void do_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp | __GFP_NOWARN, order);

	if (!page) {
		check_failure(gfp, order);
		return;
	}
	record_alloc(page, order, gfp);
	if (gfp & __GFP_ZERO) {
		unsigned char *p = kmap_atomic(page);
		unsigned long i;

		for (i = 0; i < PAGE_SIZE; i += 64)
			assert_int_equal(p[i], 0);
		kunmap_atomic(p);
	}
}

/* The simulated interrupt: an atomic allocation the task frees later, as a driver would. */
static void irq_handler(void *arg)
{
	if (nheld < MAX_HELD - 1)
		do_alloc(rand_below(2) ? GFP_ATOMIC : GFP_ATOMIC | __GFP_HIGHMEM,
			 (unsigned int)rand_below(3));
}

static void bad_free(void)
{
	struct mm_host_snapshot before, after;
	struct held *h = &held[rand_below(nheld)];

	mm_host_snapshot(&before);
	host_log_clear();
	if (h->order > 0 && rand_below(2))
		__free_pages(h->page + 1, 0); /* not the start */
	else
		__free_pages(h->page, h->order + 1); /* wrong order (or > 10) */
	mm_host_snapshot(&after);
	assert_true(mm_host_snapshot_equal(&before, &after));
	assert_true(host_log_contains("bad free"));
}

static void test_random_alloc_free_matches_the_model(void **state)
{
	const char *env_seed = getenv("MM_RANDOM_SEED"), *env_ops = getenv("MM_RANDOM_OPS");
	unsigned long ops = env_ops ? strtoul(env_ops, NULL, 0) : 1000000UL, op, fails = 0;
	unsigned long seed = env_seed ? strtoul(env_seed, NULL, 0) : (unsigned long)time(NULL);
	struct mm_host_snapshot boot, now;
	unsigned long free_per_zone[MAX_NR_ZONES];
	unsigned int z;

	printf("test_page_alloc_random: seed %lu (MM_RANDOM_SEED=%lu reproduces), %lu ops\n", seed,
	       seed, ops);
	prandom_seed_state(&rnd, seed);

	mm_host_boot(&mm_host_default_layout);
	pageset_set_high_and_batch(&contig_page_data.node_zones[ZONE_DMA], 12, 3);
	pageset_set_high_and_batch(&contig_page_data.node_zones[ZONE_NORMAL], 24, 7);
	pageset_set_high_and_batch(&contig_page_data.node_zones[ZONE_HIGHMEM], 24, 7);
	mm_host_snapshot(&boot);
	owned = calloc(max_pfn, 1);
	memset(model_used, 0, sizeof(model_used));
	nheld = 0;
	host_irq_hook = irq_handler;

	for (op = 0; op < ops; op++) {
		/* Phases: fill towards exhaustion, then drain, so both ends are exercised. */
		bool filling = (op / 40000) % 2 == 0;
		unsigned long r = rand_below(1000);

		if (r < 5 && nheld) {
			bad_free();
		} else if (r < 15) {
			host_raise_irq();
		} else if (nheld &&
			   (nheld == MAX_HELD - 1 || rand_below(100) < (filling ? 45u : 70u))) {
			release(rand_below(nheld));
		} else {
			gfp_t gfp = gfp_choices[rand_below(ARRAY_SIZE(gfp_choices))];
			unsigned long before = nheld;

			if (rand_below(50) == 0)
				gfp |= __GFP_ZERO;
			do_alloc(gfp, rand_order());
			fails += nheld == before;
		}
		model_check_totals();
		if (op % 20000 == 0) {
			assert_int_equal(mm_host_check(free_per_zone), 0);
			for (z = 0; z < MAX_NR_ZONES; z++)
				assert_int_equal(free_per_zone[z],
						 contig_page_data.node_zones[z].managed_pages -
							 model_used[z]);
		}
	}
	printf("test_page_alloc_random: %lu failed allocations, %lu interrupts, %lu waits\n", fails,
	       host_irq_count, host_wfi_count);
	assert_true(fails > 0); /* exhaustion was reached */
	host_irq_hook = NULL;
	while (nheld)
		release(nheld - 1);
	drain_all_pages();
	assert_int_equal(mm_host_check(NULL), 0);
	mm_host_snapshot(&now);
	/* The per-CPU lists were empty at the boot snapshot too. */
	assert_true(mm_host_snapshot_equal(&boot, &now));
	assert_int_equal(host_wfi_masked_count, 0);
	assert_int_equal(preempt_count, 0);
	free(owned);
	mm_host_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_alloc_free_matches_the_model),
	};

	return cmocka_run_group_tests_name("page_alloc_random", tests, NULL, NULL);
}
