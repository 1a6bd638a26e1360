/*
 * Host tests for mm/shmem.c, the object behind a MAP_SHARED mapping: a page is allocated
 * zeroed on first use and the same page after, an index beyond the object is refused,
 * the object frees its pages (and Shmem) with its last reference and not before, and a
 * huge object costs its directory only until touched. Every test ends with the arena's
 * consistency check (slab_teardown()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <mm/highmem.h>
#include <mm/shmem.h>

#include "harness/slab_host.h"

static int setup(void **state)
{
	slab_setup(state);
	nr_shmem_pages = 0;
	return 0;
}

static bool page_is_zero(struct page *page)
{
	u8 *p = kmap_atomic(page);
	bool zero = true;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		zero &= !p[i];
	kunmap_atomic(p);
	return zero;
}

static void test_first_use_allocates_a_zeroed_page_then_returns_it(void **state)
{
	struct shmem_object *obj = shmem_create(8);
	struct page *a, *b;

	assert_non_null(obj);
	assert_int_equal(shmem_getpage(obj, 3, &a), 0);
	assert_true(page_is_zero(a));
	assert_int_equal(page_count(a), 1); /* the object's reference */
	assert_int_equal(a->_mapcount, 0);
	assert_int_equal(nr_shmem_pages, 1);
	assert_int_equal(shmem_getpage(obj, 3, &b), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(nr_shmem_pages, 1);
	shmem_put(obj);
	assert_int_equal(nr_shmem_pages, 0);
	assert_int_equal(page_count(a), 0); /* back in the buddy allocator */
}

static void test_index_beyond_the_object_is_refused(void **state)
{
	struct shmem_object *obj = shmem_create(2);
	struct page *page = NULL;

	assert_int_equal(shmem_getpage(obj, 2, &page), -EINVAL);
	assert_null(page);
	assert_int_equal(nr_shmem_pages, 0);
	shmem_put(obj);
	assert_null(shmem_create(0));
}

static void test_pages_stay_until_the_last_reference_goes(void **state)
{
	struct shmem_object *obj = shmem_create(2048); /* two directory blocks */
	struct page *lo, *hi;

	assert_int_equal(shmem_getpage(obj, 0, &lo), 0);
	assert_int_equal(shmem_getpage(obj, 2047, &hi), 0);
	assert_ptr_not_equal(lo, hi);
	shmem_get(obj); /* a second VMA: a split piece, or a fork's copy */
	shmem_put(obj);
	assert_int_equal(nr_shmem_pages, 2);
	assert_int_equal(page_count(lo), 1);
	shmem_put(obj);
	assert_int_equal(nr_shmem_pages, 0);
	assert_int_equal(page_count(lo), 0);
	assert_int_equal(page_count(hi), 0);
}

static void test_a_huge_object_costs_its_directory_until_touched(void **state)
{
	unsigned long free_before = nr_free_pages();
	struct shmem_object *obj = shmem_create(512UL << 10); /* 2 GB of pages */

	assert_non_null(obj);
	/* Its directory (2 KB on the target) from kmalloc, none of its 524288 pages. */
	assert_true(free_before - nr_free_pages() <= 4);
	assert_int_equal(nr_shmem_pages, 0);
	shmem_put(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, slab_teardown)
		T(test_first_use_allocates_a_zeroed_page_then_returns_it),
		T(test_index_beyond_the_object_is_refused),
		T(test_pages_stay_until_the_last_reference_goes),
		T(test_a_huge_object_costs_its_directory_until_touched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
