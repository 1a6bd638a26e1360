/*
 * Host tests for mm/mempool.c: the reserve behind a failing allocator, GFP_ATOMIC getting
 * NULL on an empty reserve, a sleeping caller waiting (wfi) for an interrupt that frees
 * an element, refilling the reserve on free, resizing, and the slab/kmalloc/page helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kernel/preempt.h>
#include <mm/mempool.h>

#include "harness/slab_host.h"

static bool fail_alloc;
static unsigned int live, alloc_calls;
static gfp_t last_gfp;

static void *pool_test_alloc(gfp_t gfp, void *data)
{
	alloc_calls++;
	last_gfp = gfp;
	if (fail_alloc)
		return NULL;
	live++;
	return kmalloc((size_t)data, gfp);
}

static void pool_test_free(void *e, void *data)
{
	live--;
	kfree(e);
}

static int setup(void **state)
{
	slab_setup(state);
	fail_alloc = false;
	live = alloc_calls = 0;
	return 0;
}

static void test_create_fills_the_reserve(void **state)
{
	mempool_t *pool = mempool_create(4, pool_test_alloc, pool_test_free, (void *)64);

	assert_non_null(pool);
	assert_int_equal(pool->curr_nr, 4);
	assert_int_equal(live, 4);
	mempool_destroy(pool);
	assert_int_equal(live, 0);
	assert_null(mempool_create(0, pool_test_alloc, pool_test_free, NULL));
}

static void test_alloc_tries_the_allocator_first_without_reclaim(void **state)
{
	mempool_t *pool = mempool_create(2, pool_test_alloc, pool_test_free, (void *)64);
	void *e = mempool_alloc(pool, GFP_KERNEL);

	assert_non_null(e);
	assert_int_equal(pool->curr_nr, 2);
	assert_false(last_gfp & __GFP_WAIT);
	assert_true(last_gfp & __GFP_NOWARN);
	mempool_free(e, pool); /* reserve full: back to the allocator */
	assert_int_equal(live, 2);
	mempool_destroy(pool);
}

static void test_reserve_serves_when_the_allocator_fails(void **state)
{
	mempool_t *pool = mempool_create(2, pool_test_alloc, pool_test_free, (void *)64);
	void *a, *b;

	fail_alloc = true;
	a = mempool_alloc(pool, GFP_ATOMIC);
	b = mempool_alloc(pool, GFP_ATOMIC);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(pool->curr_nr, 0);
	assert_null(mempool_alloc(pool, GFP_ATOMIC));
	assert_null(mempool_alloc(pool, GFP_NOWAIT));
	mempool_free(a, pool); /* refills the reserve first */
	assert_int_equal(pool->curr_nr, 1);
	mempool_free(b, pool);
	assert_int_equal(pool->curr_nr, 2);
	fail_alloc = false;
	mempool_destroy(pool);
	assert_int_equal(live, 0);
}

static mempool_t *irq_pool;
static void *irq_element;

static void irq_frees_an_element(void *arg)
{
	if (irq_element) {
		mempool_free(irq_element, irq_pool);
		irq_element = NULL;
	}
}

static void test_sleeping_caller_waits_for_an_interrupt_to_free(void **state)
{
	void *mine, *got;

	irq_pool = mempool_create(1, pool_test_alloc, pool_test_free, (void *)64);
	fail_alloc = true;
	mine = mempool_alloc(irq_pool, GFP_ATOMIC);
	assert_non_null(mine);
	irq_element = mine;
	host_irq_hook = irq_frees_an_element;
	got = mempool_alloc(irq_pool, GFP_KERNEL);
	assert_ptr_equal(got, mine);
	assert_true(host_wfi_count >= 1);
	assert_int_equal(host_wfi_masked_count, 0);
	assert_int_equal(irq_pool->waits, host_wfi_count);
	host_irq_hook = NULL;
	mempool_free(got, irq_pool);
	fail_alloc = false;
	mempool_destroy(irq_pool);
}

static void irq_kills(void *arg)
{
	host_fatal_signal = true;
}

static void test_wait_on_an_empty_pool_ends_on_a_fatal_signal(void **state)
{
	mempool_t *pool = mempool_create(1, pool_test_alloc, pool_test_free, (void *)64);
	void *mine;

	fail_alloc = true;
	mine = mempool_alloc(pool, GFP_ATOMIC);
	assert_non_null(mine);
	host_irq_hook = irq_kills;
	assert_null(mempool_alloc(pool, GFP_KERNEL));
	assert_int_equal(host_wfi_count, 1);
	assert_int_equal(pool->curr_nr, 0);
	host_irq_hook = NULL;
	mempool_free(mine, pool);
	assert_int_equal(pool->curr_nr, 1);
	fail_alloc = false;
	mempool_destroy(pool);
}

static void test_sleeping_alloc_in_interrupt_context_is_reported_not_slept(void **state)
{
	mempool_t *pool = mempool_create(1, pool_test_alloc, pool_test_free, (void *)64);
	void *a;

	fail_alloc = true;
	a = mempool_alloc(pool, GFP_ATOMIC);
	system_state = SYSTEM_RUNNING; /* during boot the report is suppressed */
	irq_enter();
	assert_null(mempool_alloc(pool, GFP_KERNEL));
	irq_exit();
	system_state = SYSTEM_BOOTING;
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	assert_int_equal(host_wfi_count, 0);
	mempool_free(a, pool);
	fail_alloc = false;
	mempool_destroy(pool);
}

static void test_resize_grows_and_shrinks_the_reserve(void **state)
{
	mempool_t *pool = mempool_create(2, pool_test_alloc, pool_test_free, (void *)64);

	assert_int_equal(mempool_resize(pool, 6), 0);
	assert_int_equal(pool->min_nr, 6);
	assert_int_equal(pool->curr_nr, 6);
	assert_int_equal(mempool_resize(pool, 3), 0);
	assert_int_equal(pool->curr_nr, 3);
	assert_int_equal(live, 3);
	assert_int_equal(mempool_resize(pool, 0), -1);
	mempool_destroy(pool);
	assert_int_equal(live, 0);
}

static void test_helpers_build_slab_kmalloc_and_page_pools(void **state)
{
	struct kmem_cache *c = kmem_cache_create("pool-objs", 48, 0, 0, NULL);
	mempool_t *ps = mempool_create_slab_pool(2, c);
	mempool_t *pk = mempool_create_kmalloc_pool(2, 300);
	mempool_t *pp = mempool_create_page_pool(2, 1);
	void *a = mempool_alloc(ps, GFP_KERNEL), *b = mempool_alloc(pk, GFP_KERNEL);
	struct page *pg = mempool_alloc(pp, GFP_KERNEL);

	assert_ptr_equal(virt_to_page(a)->slab_cache, c);
	assert_int_equal(ksize(b), 512);
	assert_true(PageHead(pg));
	assert_int_equal(pg->private, 1);
	mempool_free(a, ps);
	mempool_free(b, pk);
	mempool_free(pg, pp);
	mempool_destroy(ps);
	mempool_destroy(pk);
	mempool_destroy(pp);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, slab_teardown)
		T(test_create_fills_the_reserve),
		T(test_alloc_tries_the_allocator_first_without_reclaim),
		T(test_reserve_serves_when_the_allocator_fails),
		T(test_sleeping_caller_waits_for_an_interrupt_to_free),
		T(test_wait_on_an_empty_pool_ends_on_a_fatal_signal),
		T(test_sleeping_alloc_in_interrupt_context_is_reported_not_slept),
		T(test_resize_grows_and_shrinks_the_reserve),
		T(test_helpers_build_slab_kmalloc_and_page_pools),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
