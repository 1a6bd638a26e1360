/*
 * Host tests for mm/kmalloc.c: size-class choice, DMA twins, ZERO_SIZE_PTR, whole-page
 * allocations told apart by the struct page, kzalloc/kcalloc/krealloc/ksize, and the
 * checked free used by the shell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "harness/slab_host.h"

static size_t expected_class(size_t size)
{
	size_t c = KMALLOC_MIN_SIZE;

	while (c < size)
		c <<= 1;
	return c;
}

static void test_kmalloc_picks_the_smallest_class_that_fits(void **state)
{
	static const size_t sizes[] = { 1,   8,	  31,	32,   33,   64,	  65,	 100,	 128,
					129, 500, 1000, 1025, 4096, 4097, 65536, 100000, 131072 };
	volatile size_t vs; /* a size the compiler cannot fold */
	char name[32];
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		void *p;

		vs = sizes[i];
		p = kmalloc(vs, GFP_KERNEL);
		assert_non_null(p);
		assert_true(PageSlab(virt_to_page(p)));
		snprintf(name, sizeof(name), "kmalloc-%zu", expected_class(sizes[i]));
		assert_string_equal(virt_to_page(p)->slab_cache->name, name);
		assert_int_equal(ksize(p), expected_class(sizes[i]));
		assert_int_equal((unsigned long)p & 31, 0);
		kfree(p);
	}
	/* A constant size takes the inline path to the same cache. */
	assert_ptr_equal(virt_to_page(kmalloc(100, GFP_KERNEL))->slab_cache, kmalloc_caches[7]);
}

static void test_gfp_dma_uses_the_dma_twin_in_zone_dma(void **state)
{
	void *p = kmalloc(100, GFP_KERNEL | __GFP_DMA);

	assert_ptr_equal(virt_to_page(p)->slab_cache, kmalloc_dma_caches[7]);
	assert_string_equal(kmalloc_dma_caches[7]->name, "dma-kmalloc-128");
	assert_int_equal(page_zonenum(virt_to_page(p)), ZONE_DMA);
	kfree(p);
}

static void test_kmalloc_zero_returns_zero_size_ptr_that_kfree_accepts(void **state)
{
	void *p = kmalloc(0, GFP_KERNEL);

	assert_ptr_equal(p, ZERO_SIZE_PTR);
	assert_non_null(p);
	assert_int_equal(ksize(p), 0);
	kfree(p);
	kfree(NULL);
	assert_string_equal(host_log(), "");
}

static void test_large_requests_come_from_the_page_allocator(void **state)
{
	struct sysinfo before, after;
	char *p;

	drain_all_pages();
	si_meminfo(&before);
	p = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	assert_non_null(p);
	assert_false(PageSlab(virt_to_page(p)));
	assert_true(PageHead(virt_to_page(p)));
	assert_int_equal((unsigned long)p & ~PAGE_MASK, 0);
	assert_int_equal(ksize(p), 256 * 1024);
	memset(p, 1, KMALLOC_MAX_CACHE_SIZE + 1);
	kfree(p);
	si_meminfo(&after);
	assert_int_equal(after.freeram, before.freeram);
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_true(host_log_contains("kmalloc: 4194305 bytes requested"));
}

static void test_kfree_of_a_bad_pointer_is_reported_and_ignored(void **state)
{
	char *big = kmalloc(8192, GFP_KERNEL);
	char *large = kmalloc(200000, GFP_KERNEL);
	int local;

	kfree(&local);
	assert_true(host_log_contains("kfree: invalid free of"));
	kfree(large + 100);
	assert_true(host_log_contains("not a slab object nor the start of a kmalloc()ed block"));
	kfree(large + PAGE_SIZE); /* a tail page: the page allocator refuses it */
	assert_true(host_log_contains("page_alloc: bad free"));
	kfree(large);
	kfree(big);
}

static void test_kzalloc_and_kcalloc_return_zeroed_memory(void **state)
{
	unsigned char *p = kmalloc(200, GFP_KERNEL);
	unsigned int i;

	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	for (i = 0; i < 256; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	p = kcalloc(10, 20, GFP_KERNEL);
	assert_int_equal(ksize(p), 256);
	for (i = 0; i < 200; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
}

static void test_kcalloc_refuses_an_overflowing_product(void **state)
{
	assert_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	assert_true(host_log_contains("kcalloc:"));
	host_log_clear();
	assert_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL | __GFP_NOWARN));
	assert_string_equal(host_log(), "");
}

static void test_krealloc_keeps_contents_and_reuses_when_it_fits(void **state)
{
	char *p = krealloc(NULL, 20, GFP_KERNEL), *q;

	strcpy(p, "slab allocator");
	assert_ptr_equal(krealloc(p, 30, GFP_KERNEL), p); /* still fits kmalloc-32 */
	q = krealloc(p, 1000, GFP_KERNEL);
	assert_ptr_not_equal(q, p);
	assert_string_equal(q, "slab allocator");
	assert_int_equal(ksize(q), 1024);
	q = krealloc(q, 300000, GFP_KERNEL);
	assert_string_equal(q, "slab allocator");
	assert_ptr_equal(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
}

static void test_kfree_checked_refuses_double_and_mid_object_frees(void **state)
{
	char *p = kmalloc(100, GFP_KERNEL);
	struct array_cache *ac = AC(kmalloc_caches[7]);
	unsigned int avail;

	assert_false(kmem_ptr_is_free(p));
	assert_int_equal(kfree_checked(p + 16), -1);
	assert_true(host_log_contains(
		"cache 'kmalloc-128': invalid free: not the start of an object (16 bytes into"));
	assert_int_equal(kfree_checked(p), 0);
	assert_true(kmem_ptr_is_free(p));
	avail = ac->avail;
	assert_int_equal(kfree_checked(p), -1);
	assert_true(host_log_contains("slab error: cache 'kmalloc-128': double free"));
	assert_int_equal(ac->avail, avail);
	/* The free lists are intact: the object comes back exactly once. */
	assert_ptr_equal(kmalloc(100, GFP_KERNEL), p);
	assert_ptr_not_equal(kmalloc(100, GFP_KERNEL), p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, slab_setup, slab_teardown)
		T(test_kmalloc_picks_the_smallest_class_that_fits),
		T(test_gfp_dma_uses_the_dma_twin_in_zone_dma),
		T(test_kmalloc_zero_returns_zero_size_ptr_that_kfree_accepts),
		T(test_large_requests_come_from_the_page_allocator),
		T(test_kfree_of_a_bad_pointer_is_reported_and_ignored),
		T(test_kzalloc_and_kcalloc_return_zeroed_memory),
		T(test_kcalloc_refuses_an_overflowing_product),
		T(test_krealloc_keeps_contents_and_reuses_when_it_fits),
		T(test_kfree_checked_refuses_double_and_mid_object_frees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
