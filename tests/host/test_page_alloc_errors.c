/*
 * Host tests for the error paths of mm/page_alloc.c: every bad free (double, wrong order,
 * inside a block, order above 10, a reserved page, a pointer outside mem_map, a bad
 * address) and an impossible order are reported with the caller and change nothing. Each
 * test boots the mm core on a fresh 32 MB arena and checks the allocator's invariants at
 * the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <mm/mm.h>

#include "../../mm/internal.h"
#include "harness/mm_host.h"

#define ZONE(i) (&contig_page_data.node_zones[i])

/* ---- bad frees: reported, state unchanged ---- */

static void expect_refused(struct page *page, unsigned int order, const char *what)
{
	struct mm_host_snapshot before, after;

	mm_host_snapshot(&before);
	host_log_clear();
	__free_pages(page, order);
	mm_host_snapshot(&after);
	assert_true(mm_host_snapshot_equal(&before, &after));
	assert_true(host_log_contains(what));
	assert_true(host_log_contains("caller 0x"));
	assert_int_equal(host_log_count("\n"), 1);
}

static void test_double_free_is_reported(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	__free_pages(page, 3);
	expect_refused(page, 3, "double free");
	/* The block merged into a larger free one: still recognised as free. */
	expect_refused(page + 2, 0, "double free");
}

static void test_double_free_of_page_on_pcp_list_is_reported(void **state)
{
	struct page *page;

	pageset_set_high_and_batch(ZONE(ZONE_NORMAL), 16, 4);
	page = alloc_page(GFP_KERNEL);
	__free_page(page);
	expect_refused(page, 0, "double free");
}

static void test_double_free_in_a_zone_without_pcp_list_is_reported(void **state)
{
	struct page *page;

	pageset_set_high_and_batch(ZONE(ZONE_DMA), 0, 1);
	page = alloc_page(GFP_DMA);
	__free_page(page);
	expect_refused(page, 0, "double free");
	page = alloc_page(GFP_DMA);
	expect_refused(page, 1, "wrong order");
	__free_page(page);
}

static void test_free_wrong_order_is_reported(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	char pfn[32];

	snprintf(pfn, sizeof(pfn), "pfn %#lx", page_to_pfn(page));
	expect_refused(page, 1, "wrong order 1, it was allocated with order 2");
	assert_true(host_log_contains(pfn));
	expect_refused(page, 3, "wrong order");
	expect_refused(page, 0, "wrong order");
	assert_true(PageHead(page));
	__free_pages(page, 2);
}

static void test_free_inside_a_block_is_reported_as_not_its_start(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	expect_refused(page + 5, 0, "not the start of an allocated block");
	expect_refused(page + 4, 2, "not the start of an allocated block (inside the order-3");
	__free_pages(page, 3);
}

static void test_free_order_above_10_is_reported(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);

	expect_refused(page, 11, "order 11");
	expect_refused(page, 1000, "order 1000");
	__free_page(page);
}

static void test_free_of_reserved_page_is_reported(void **state)
{
	expect_refused(pfn_to_page(0), 0, "reserved page");
}

static void test_free_of_pointer_outside_mem_map_is_reported(void **state)
{
	struct page fake;

	memset(&fake, 0, sizeof(fake));
	expect_refused(&fake, 0, "not a struct page of mem_map");
	expect_refused((struct page *)((char *)mem_map + 8), 0, "not a struct page");
}

static void test_free_pages_of_a_bad_address_is_reported(void **state)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);
	struct mm_host_snapshot before, after;

	mm_host_snapshot(&before);
	host_log_clear();
	free_pages(addr + 8, 0);
	assert_true(host_log_contains("not the start of a page in the direct map"));
	free_pages(0x1000, 0);
	free_pages((unsigned long)high_memory, 0);
	assert_int_equal(host_log_count("bad free"), 3);
	free_pages(0, 0); /* ignored, as in Linux */
	assert_int_equal(host_log_count("bad free"), 3);
	mm_host_snapshot(&after);
	assert_true(mm_host_snapshot_equal(&before, &after));
	free_pages(addr, 0);
}

static void test_alloc_order_above_10_is_refused_and_reported(void **state)
{
	struct mm_host_snapshot before, after;

	mm_host_snapshot(&before);
	assert_null(alloc_pages(GFP_KERNEL, 11));
	assert_true(host_log_contains("order 11 requested"));
	host_log_clear();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 12));
	assert_false(host_log_contains("order"));
	mm_host_snapshot(&after);
	assert_true(mm_host_snapshot_equal(&before, &after));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, mm_host_setup, mm_host_teardown)
		T(test_double_free_is_reported),
		T(test_double_free_of_page_on_pcp_list_is_reported),
		T(test_double_free_in_a_zone_without_pcp_list_is_reported),
		T(test_free_wrong_order_is_reported),
		T(test_free_inside_a_block_is_reported_as_not_its_start),
		T(test_free_order_above_10_is_reported),
		T(test_free_of_reserved_page_is_reported),
		T(test_free_of_pointer_outside_mem_map_is_reported),
		T(test_free_pages_of_a_bad_address_is_reported),
		T(test_alloc_order_above_10_is_refused_and_reported),
#undef T
	};

	return cmocka_run_group_tests_name("page_alloc_errors", tests, NULL, NULL);
}
