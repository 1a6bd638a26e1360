/*
 * Host tests for the GFP semantics of docs/design.md (mm/page_alloc.c slow path, mm/vmscan.c):
 * direct reclaim through shrinkers and its GFP_NOIO/GFP_NOFS limits, waiting for an
 * interrupt, __GFP_NORETRY/__GFP_REPEAT/__GFP_NOFAIL retry budgets, atomic callers that
 * never sleep, the atomic-context BUG report, __GFP_ZERO and the failure report.
 *
 * Most tests first drain ZONE_DMA to its min watermark with GFP_NOWAIT, so that a GFP_DMA
 * allocation that may sleep has to reclaim or wait.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mm/highmem.h>
#include <mm/mm.h>
#include <kernel/time.h>
#include <mm/shrinker.h>

#include "../../mm/internal.h"
#include "harness/mm_host.h"

#define DMA (&contig_page_data.node_zones[ZONE_DMA])

/* A cache of order-0 pages that a shrinker gives back. */
struct test_cache {
	struct shrinker shrinker;
	struct page *pages[64];
	int n;
	int count_calls, scan_calls;
	gfp_t alloc_in_scan; /* if set, scan_objects() allocates with it first */
	struct page *scan_alloc;
};

static struct test_cache caches[3];
static struct page *held[2048];
static unsigned long nheld;

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *c = s->private_data;

	c->count_calls++;
	return c->n ? (unsigned long)c->n : SHRINK_EMPTY;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *c = s->private_data;
	unsigned long freed = 0;

	c->scan_calls++;
	if (c->alloc_in_scan && !c->scan_alloc)
		c->scan_alloc = alloc_page(c->alloc_in_scan);
	while (c->n && freed < sc->nr_to_scan) {
		__free_page(c->pages[--c->n]);
		freed++;
	}
	return freed;
}

/* Register cache @i holding @pages DMA pages; its shrinker needs @needs. */
static struct test_cache *cache_make(int i, int pages, gfp_t needs)
{
	struct test_cache *c = &caches[i];

	memset(c, 0, sizeof(*c));
	c->shrinker.count_objects = cache_count;
	c->shrinker.scan_objects = cache_scan;
	c->shrinker.gfp_needs = needs;
	c->shrinker.private_data = c;
	for (c->n = 0; c->n < pages; c->n++) {
		c->pages[c->n] = alloc_page(GFP_DMA);
		assert_non_null(c->pages[c->n]);
	}
	assert_int_equal(register_shrinker(&c->shrinker), 0);
	return c;
}

/* Take ZONE_DMA down to its min watermark with allocations that never dip below it. */
static void exhaust_dma(void)
{
	struct page *page;

	while ((page = alloc_page(GFP_NOWAIT | GFP_DMA | __GFP_NOWARN)) != NULL)
		held[nheld++] = page;
	assert_int_equal(DMA->free_pages, min_wmark_pages(DMA));
	host_log_clear();
}

/* ...and then through the GFP_ATOMIC reserve too: only a free brings memory back. */
static void exhaust_dma_completely(void)
{
	struct page *page;

	exhaust_dma();
	while ((page = alloc_page(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN)) != NULL)
		held[nheld++] = page;
	host_log_clear();
}

/* The simulated interrupt handler frees @free_at_irq held pages on interrupt number N. */
static unsigned long irq_free_on, irq_free_count;

static void irq_frees_held_pages(void *arg)
{
	if (host_irq_count != irq_free_on)
		return;
	while (irq_free_count-- && nheld)
		__free_page(held[--nheld]);
}

static int setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	nheld = 0;
	return 0;
}

static int teardown(void **state)
{
	unsigned long errors;
	int i;

	for (i = 0; i < 3; i++)
		unregister_shrinker(&caches[i].shrinker);
	while (nheld)
		__free_page(held[--nheld]);
	errors = mm_host_check(NULL);
	assert_int_equal(host_wfi_masked_count, 0);
	mm_host_shutdown();
	return errors ? -1 : 0;
}

/* ---- direct reclaim ---- */

static void test_gfp_kernel_reclaims_through_shrinkers(void **state)
{
	struct test_cache *c = cache_make(0, 8, __GFP_IO | __GFP_FS);
	struct page *page;

	exhaust_dma();
	page = alloc_page(GFP_KERNEL | GFP_DMA);
	assert_non_null(page);
	assert_int_equal(c->scan_calls, 1);
	assert_int_equal(c->n, 0);
	assert_int_equal(host_wfi_count, 0);
	__free_page(page);
}

static void test_gfp_noio_skips_shrinkers_that_need_io(void **state)
{
	struct test_cache *io = cache_make(0, 8, __GFP_IO);
	struct test_cache *plain = cache_make(1, 0, 0);

	exhaust_dma();
	assert_null(alloc_page(GFP_NOIO | GFP_DMA | __GFP_NORETRY | __GFP_NOWARN));
	assert_int_equal(io->count_calls, 0);
	assert_int_equal(io->n, 8);
	assert_int_equal(plain->count_calls, 1);
}

static void test_gfp_nofs_skips_shrinkers_that_need_fs_but_runs_io_ones(void **state)
{
	struct test_cache *fs = cache_make(0, 8, __GFP_IO | __GFP_FS);
	struct test_cache *io = cache_make(1, 8, __GFP_IO);
	struct page *page;

	exhaust_dma();
	page = alloc_page(GFP_NOFS | GFP_DMA);
	assert_non_null(page);
	assert_int_equal(fs->count_calls, 0);
	assert_int_equal(io->scan_calls, 1);
	__free_page(page);
}

static void test_shrinker_allocating_during_reclaim_uses_reserves_without_recursing(void **state)
{
	struct test_cache *c = cache_make(0, 8, 0);
	struct page *page;

	exhaust_dma();
	c->alloc_in_scan = GFP_KERNEL | GFP_DMA;
	page = alloc_page(GFP_KERNEL | GFP_DMA);
	assert_non_null(page);
	assert_non_null(c->scan_alloc);
	assert_int_equal(c->count_calls, 1);
	__free_page(c->scan_alloc);
	__free_page(page);
}

static void test_shrinker_registration_rejects_incomplete_or_duplicate(void **state)
{
	struct shrinker bad = { 0 };
	struct test_cache *c = cache_make(0, 0, 0);

	assert_int_equal(register_shrinker(&bad), -1);
	assert_int_equal(register_shrinker(&c->shrinker), -1);
	assert_true(host_log_contains("already registered"));
	unregister_shrinker(&c->shrinker);
	unregister_shrinker(&c->shrinker); /* harmless */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0), 0);
	assert_int_equal(c->count_calls, 0);
}

/* ---- waiting and retry budgets ---- */

static void test_gfp_kernel_waits_for_an_interrupt_that_frees_memory(void **state)
{
	struct page *page;

	exhaust_dma();
	irq_free_on = 1;
	irq_free_count = 1;
	host_irq_hook = irq_frees_held_pages;
	page = alloc_page(GFP_KERNEL | GFP_DMA);
	assert_non_null(page);
	assert_int_equal(host_wfi_count, 1);
	assert_false(host_log_contains("BUG"));
	__free_page(page);
}

static void test_gfp_kernel_gives_up_after_bounded_reclaim_rounds(void **state)
{
	struct test_cache *c = cache_make(0, 0, 0);

	exhaust_dma();
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA));
	assert_int_equal(c->count_calls, MAX_RECLAIM_RETRIES);
	assert_int_equal(host_wfi_count, MAX_RECLAIM_RETRIES - 1);
	assert_true(host_log_contains("page allocation failure: order:0"));
}

static void test_gfp_noretry_reclaims_once_and_never_waits(void **state)
{
	struct test_cache *c = cache_make(0, 0, 0);

	exhaust_dma();
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NORETRY | __GFP_NOWARN));
	assert_int_equal(c->count_calls, 1);
	assert_int_equal(host_wfi_count, 0);
}

static void test_gfp_repeat_retries_harder_but_may_fail(void **state)
{
	struct test_cache *c = cache_make(0, 0, 0);

	exhaust_dma();
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_REPEAT | __GFP_NOWARN));
	assert_int_equal(c->count_calls, REPEAT_RECLAIM_RETRIES);
	assert_int_equal(host_wfi_count, REPEAT_RECLAIM_RETRIES - 1);
}

static void test_costly_order_reclaims_once_unless_repeat(void **state)
{
	struct test_cache *c = cache_make(0, 0, 0);

	exhaust_dma();
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, PAGE_ALLOC_COSTLY_ORDER + 1));
	assert_int_equal(c->count_calls, 1);
	assert_int_equal(host_wfi_count, 0);
}

static void test_gfp_nofail_waits_until_memory_appears(void **state)
{
	struct page *page;

	exhaust_dma_completely();
	/* Long after __GFP_REPEAT would have given up. */
	irq_free_on = 3 * REPEAT_RECLAIM_RETRIES;
	irq_free_count = 64;
	host_irq_hook = irq_frees_held_pages;
	page = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOFAIL);
	assert_non_null(page);
	assert_int_equal(host_wfi_count, 3 * REPEAT_RECLAIM_RETRIES);
	assert_false(host_log_contains("failure"));
	__free_page(page);
}

/* The n-th simulated interrupt plays the user's Ctrl-C; every one is a 10 ms tick. */
static unsigned long irq_kill_on;

static void irq_tick_then_kill(void *arg)
{
	jiffies++;
	if (host_irq_count == irq_kill_on)
		host_fatal_signal = true;
}

static void test_gfp_nofail_wait_ends_on_a_fatal_signal(void **state)
{
	unsigned long free_before;

	exhaust_dma_completely();
	free_before = DMA->free_pages;
	irq_kill_on = 5;
	host_irq_hook = irq_tick_then_kill;
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOFAIL));
	assert_int_equal(host_wfi_count, 5);
	assert_int_equal(DMA->free_pages, free_before);
	assert_false(host_log_contains("failure")); /* the killed caller reports it */
}

static void test_fatal_signal_before_the_wait_fails_without_sleeping(void **state)
{
	exhaust_dma_completely();
	host_fatal_signal = true;
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOFAIL));
	assert_int_equal(host_wfi_count, 0);
}

static void test_long_wait_prints_the_stall_warning_every_10s(void **state)
{
	exhaust_dma_completely();
	irq_kill_on = 2 * 10 * HZ + 5; /* just past two warnings */
	host_irq_hook = irq_tick_then_kill;
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOFAIL));
	assert_int_equal(host_log_count("page allocation stalls for "), 2);
	assert_true(host_log_contains("page allocation stalls for 10000ms, order:0, "
				      "mode:0x8d1(GFP_KERNEL|GFP_DMA|__GFP_NOFAIL)"));
	assert_true(host_log_contains("page allocation stalls for 20000ms, order:0"));
}

static void test_nowarn_suppresses_the_stall_warning(void **state)
{
	exhaust_dma_completely();
	irq_kill_on = 10 * HZ + 5;
	host_irq_hook = irq_tick_then_kill;
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOFAIL | __GFP_NOWARN));
	assert_false(host_log_contains("stalls"));
}

static void test_gfp_atomic_never_reclaims_or_waits(void **state)
{
	struct test_cache *c = cache_make(0, 8, 0);
	unsigned long n = 0;
	struct page *page;

	exhaust_dma();
	while ((page = alloc_page(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN)) != NULL)
		held[nheld++] = page, n++;
	assert_true(n > 0);
	assert_int_equal(c->count_calls, 0);
	assert_int_equal(host_wfi_count, 0);
	assert_int_equal(c->n, 8);
}

static void test_gfp_nowait_never_reclaims_or_waits(void **state)
{
	struct test_cache *c = cache_make(0, 8, 0);

	exhaust_dma();
	assert_null(alloc_page(GFP_NOWAIT | GFP_DMA | __GFP_NOWARN));
	assert_int_equal(c->count_calls, 0);
	assert_int_equal(host_wfi_count, 0);
}

static void test_gfp_nofail_that_cannot_sleep_gets_the_atomic_reserve(void **state)
{
	struct page *page;

	exhaust_dma();
	page = alloc_page(GFP_NOWAIT | GFP_DMA | __GFP_NOFAIL);
	assert_non_null(page);
	assert_int_equal(host_wfi_count, 0);
	__free_page(page);
}

/* ---- atomic context ---- */

static void test_sleeping_alloc_in_atomic_context_is_reported_and_served(void **state)
{
	struct test_cache *c = cache_make(0, 8, 0);
	struct page *page;

	preempt_disable(); /* as with a spinlock held */
	page = alloc_page(GFP_KERNEL);
	assert_non_null(page);
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	assert_true(host_log_contains("caller: 0x"));
	__free_page(page);

	/* Served without sleeping: no reclaim, no wait, just a failure when memory is short. */
	exhaust_dma();
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN));
	assert_int_equal(c->count_calls, 0);
	assert_int_equal(host_wfi_count, 0);
	preempt_enable();
}

static void test_sleeping_alloc_with_irqs_disabled_is_reported(void **state)
{
	unsigned long flags;
	struct page *page;

	local_irq_save(flags);
	page = alloc_page(GFP_USER);
	local_irq_restore(flags);
	assert_non_null(page);
	assert_true(host_log_contains("irqs_disabled(): 1"));
	__free_page(page);
}

static struct page *irq_page;
static gfp_t irq_gfp;

static void irq_allocates(void *arg)
{
	irq_page = alloc_page(irq_gfp);
}

static void test_sleeping_alloc_in_irq_handler_is_reported(void **state)
{
	irq_gfp = GFP_KERNEL;
	host_irq_hook = irq_allocates;
	host_raise_irq();
	assert_non_null(irq_page);
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	__free_page(irq_page);
}

static void test_atomic_alloc_in_irq_handler_is_silent(void **state)
{
	irq_gfp = GFP_ATOMIC | __GFP_HIGHMEM;
	host_irq_hook = irq_allocates;
	host_raise_irq();
	assert_non_null(irq_page);
	assert_int_equal(page_zonenum(irq_page), ZONE_HIGHMEM);
	assert_int_equal(host_log()[0], '\0');
	__free_page(irq_page);
}

/* ---- __GFP_ZERO ---- */

static void test_gfp_zero_returns_zeroed_lowmem_pages(void **state)
{
	unsigned int order;

	for (order = 0; order <= 3; order++) {
		unsigned char *p = (unsigned char *)__get_free_pages(GFP_KERNEL, order);
		unsigned long i;

		memset(p, 0xa5, PAGE_SIZE << order);
		free_pages((unsigned long)p, order);
		p = (unsigned char *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
		for (i = 0; i < (PAGE_SIZE << order); i++)
			assert_int_equal(p[i], 0);
		free_pages((unsigned long)p, order);
	}
	{
		unsigned char *p = (unsigned char *)get_zeroed_page(GFP_KERNEL);
		unsigned long i;

		for (i = 0; i < PAGE_SIZE; i++)
			assert_int_equal(p[i], 0);
		free_page((unsigned long)p);
	}
}

static void test_gfp_zero_clears_highmem_pages_through_kmap_atomic(void **state)
{
	struct page *page = alloc_pages(GFP_HIGHUSER, 2);
	unsigned long i, j;

	assert_true(PageHighMem(page));
	for (i = 0; i < 4; i++) {
		unsigned char *p = kmap_atomic(page + i);

		memset(p, 0x5a, PAGE_SIZE);
		kunmap_atomic(p);
	}
	__free_pages(page, 2);
	page = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 2);
	for (i = 0; i < 4; i++) {
		unsigned char *p = kmap(page + i);

		for (j = 0; j < PAGE_SIZE; j++)
			assert_int_equal(p[j], 0);
		kunmap(page + i);
	}
	assert_int_equal(host_kmap_live(), 0);
	assert_int_equal(preempt_count, 0);
	__free_pages(page, 2);
}

/* ---- failure report ---- */

static void test_failure_report_names_order_gfp_and_zones(void **state)
{
	exhaust_dma();
	assert_null(alloc_pages(GFP_DMA, 0));
	assert_true(host_log_contains("page allocation failure: order:0, mode:0x1(GFP_DMA)"));
	assert_true(host_log_contains("Node 0 DMA free:"));
	assert_true(host_log_contains("Node 0 DMA: "));
	assert_true(host_log_contains("Node 0 Normal: "));
	assert_true(host_log_contains("*4096kB = "));
	host_log_clear();
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NORETRY | __GFP_ZERO, 1));
	assert_true(host_log_contains(
		"order:1, mode:0x90d1(GFP_KERNEL|GFP_DMA|__GFP_NORETRY|__GFP_ZERO)"));
}

static void test_nowarn_suppresses_the_failure_report(void **state)
{
	exhaust_dma();
	assert_null(alloc_pages(GFP_DMA | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 5));
	assert_int_equal(host_log()[0], '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_gfp_kernel_reclaims_through_shrinkers),
		T(test_gfp_noio_skips_shrinkers_that_need_io),
		T(test_gfp_nofs_skips_shrinkers_that_need_fs_but_runs_io_ones),
		T(test_shrinker_allocating_during_reclaim_uses_reserves_without_recursing),
		T(test_shrinker_registration_rejects_incomplete_or_duplicate),
		T(test_gfp_kernel_waits_for_an_interrupt_that_frees_memory),
		T(test_gfp_kernel_gives_up_after_bounded_reclaim_rounds),
		T(test_gfp_noretry_reclaims_once_and_never_waits),
		T(test_gfp_repeat_retries_harder_but_may_fail),
		T(test_costly_order_reclaims_once_unless_repeat),
		T(test_gfp_nofail_waits_until_memory_appears),
		T(test_gfp_nofail_wait_ends_on_a_fatal_signal),
		T(test_fatal_signal_before_the_wait_fails_without_sleeping),
		T(test_long_wait_prints_the_stall_warning_every_10s),
		T(test_nowarn_suppresses_the_stall_warning),
		T(test_gfp_atomic_never_reclaims_or_waits),
		T(test_gfp_nowait_never_reclaims_or_waits),
		T(test_gfp_nofail_that_cannot_sleep_gets_the_atomic_reserve),
		T(test_sleeping_alloc_in_atomic_context_is_reported_and_served),
		T(test_sleeping_alloc_with_irqs_disabled_is_reported),
		T(test_sleeping_alloc_in_irq_handler_is_reported),
		T(test_atomic_alloc_in_irq_handler_is_silent),
		T(test_gfp_zero_returns_zeroed_lowmem_pages),
		T(test_gfp_zero_clears_highmem_pages_through_kmap_atomic),
		T(test_failure_report_names_order_gfp_and_zones),
		T(test_nowarn_suppresses_the_failure_report),
#undef T
	};

	return cmocka_run_group_tests_name("page_alloc_gfp", tests, NULL, NULL);
}
