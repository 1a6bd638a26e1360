/*
 * Host tests for mm/vmap_area.c: first-fit placement and fragmentation, alignment, the
 * guard page, exhaustion, merging on free, find_vmap_area() boundaries, the meminfo
 * numbers, node-memory exhaustion, destroy, and every bad call. The randomized test
 * against a model is test_vmap_area_random.c.
 *
 * Each test boots the mm core on the 32 MB host arena (the node pool takes its pages from
 * the page allocator) and runs a private instance over a range that is never mapped.
 * check_space() (vmap_area_check.c) verifies every structural invariant after each test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kernel/kernel.h>
#include <mm/mm.h>
#include <mm/vmap_area.h>

#include "harness/mm_host.h"
#include "harness/vmap_area_check.h"

#define BASE	 0x10000000UL /* 256 MB aligned: page-index and address alignment agree */
#define PG(n)	 ((unsigned long)(n)*PAGE_SIZE)
#define NPAGES	 1024
#define VA_AT(i) (BASE + PG(i))

static struct vmap_space vs;

static int setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	vmap_space_init(&vs, BASE, BASE + PG(NPAGES));
	return 0;
}

static int teardown(void **state)
{
	unsigned long errors;

	errors = check_space(&vs);
	vmap_space_destroy(&vs);
	errors += mm_host_check(NULL);
	mm_host_shutdown();
	return errors ? -1 : 0;
}

/* ---- placement ---- */

static struct vmap_area *alloc_ok(unsigned long size, unsigned long align)
{
	struct vmap_area *va = vmap_space_alloc(&vs, size, align, GFP_KERNEL);

	assert_non_null(va);
	assert_int_equal(va->va_end - va->va_start, size);
	return va;
}

static void test_init_is_one_free_range(void **state)
{
	unsigned long before = nr_free_pages();
	struct vmap_space s;

	vmap_space_init(&s, BASE, BASE + PG(16));
	assert_int_equal(s.nr_free, 1);
	assert_int_equal(vmap_space_largest_free(&s), PG(16));
	assert_int_equal(vmap_space_used(&s), 0);
	assert_int_equal(check_space(&s), 0);
	assert_int_equal(nr_free_pages(), before); /* init takes no memory */
	vmap_space_destroy(&s);
}

static void test_consecutive_areas_are_separated_by_a_guard_page(void **state)
{
	struct vmap_area *a = alloc_ok(PG(1), PAGE_SIZE);
	struct vmap_area *b = alloc_ok(PG(3), PAGE_SIZE);
	struct vmap_area *c = alloc_ok(PG(2), PAGE_SIZE);

	assert_int_equal(a->va_start, VA_AT(0));
	assert_int_equal(b->va_start, a->va_end + PAGE_SIZE);
	assert_int_equal(c->va_start, b->va_end + PAGE_SIZE);
	assert_null(vmap_space_find(&vs, a->va_end)); /* the guard belongs to no area */
	assert_null(vmap_space_find(&vs, b->va_end));
	assert_int_equal(check_space(&vs), 0);
}

static void test_first_fit_takes_the_lowest_hole_that_fits(void **state)
{
	struct vmap_area *va[8], *x;
	unsigned long hole1, hole4;
	unsigned int i;

	/* Areas of 1..8 pages back to back, then holes where areas 1 (2 pages) and 4 (5). */
	for (i = 0; i < 8; i++)
		va[i] = alloc_ok(PG(i + 1), PAGE_SIZE);
	hole1 = va[1]->va_start;
	hole4 = va[4]->va_start;

	vmap_space_free(&vs, va[1]);
	vmap_space_free(&vs, va[4]);
	assert_int_equal(vs.nr_free, 3);
	/* 3 pages + guard does not fit the 3-page hole 1 (2 + guard): it goes to hole 4. */
	va[4] = alloc_ok(PG(3), PAGE_SIZE);
	assert_int_equal(va[4]->va_start, hole4);
	/* 2 pages fit hole 1 exactly (with the guard): it disappears. */
	va[1] = alloc_ok(PG(2), PAGE_SIZE);
	assert_int_equal(va[1]->va_start, hole1);
	assert_int_equal(vs.nr_free, 2);
	/* 1 page fits the rest of hole 4 (2 pages with the guard), before the tail. */
	x = alloc_ok(PG(1), PAGE_SIZE);
	assert_int_equal(x->va_start, va[4]->va_end + PAGE_SIZE);
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(check_space(&vs), 0);
}

static void test_alignment_gives_the_lowest_aligned_start(void **state)
{
	unsigned long align, expect;
	struct vmap_area *pad, *va, *fill;

	for (align = PAGE_SIZE; align <= (8UL << 20); align <<= 1) {
		vmap_space_destroy(&vs);
		vmap_space_init(&vs, BASE + PG(1), BASE + (64UL << 20)); /* starts misaligned */
		pad = alloc_ok(PG(1), PAGE_SIZE);
		assert_int_equal(pad->va_start, BASE + PG(1));
		va = alloc_ok(PG(2), align);
		expect = ALIGN(BASE + PG(3), align);
		assert_true(IS_ALIGNED(va->va_start, align));
		assert_int_equal(va->va_start, expect);
		/* The skipped gap stays free for the next request that fits it. */
		fill = alloc_ok(PG(1), PAGE_SIZE);
		if (expect > BASE + PG(4))
			assert_int_equal(fill->va_start, BASE + PG(3));
		else
			assert_int_equal(fill->va_start, va->va_end + PAGE_SIZE);
		assert_int_equal(check_space(&vs), 0);
	}
	/* An alignment no free range can meet. */
	assert_null(vmap_space_alloc(&vs, PG(1), 1UL << 30, GFP_KERNEL));
}

static void test_alignment_looks_past_holes_without_an_aligned_start(void **state)
{
	struct vmap_area *a, *b, *c;

	a = alloc_ok(PG(15), PAGE_SIZE); /* pages 0..14, guard 15 */
	b = alloc_ok(PG(7), PAGE_SIZE);	 /* 16..22, guard 23 */
	c = alloc_ok(PG(1), PAGE_SIZE);	 /* 24, guard 25 */
	assert_int_equal(c->va_start, VA_AT(24));
	/* Hole [16, 24): exactly 7 pages + guard at an 8-page aligned start. */
	vmap_space_free(&vs, b);
	b = alloc_ok(PG(7), PG(8));
	assert_int_equal(b->va_start, VA_AT(16));
	vmap_space_free(&vs, b);
	vmap_space_free(&vs, a);
	a = alloc_ok(PG(1), PAGE_SIZE); /* hole [2, 24) remains */
	/* 16-aligned: 16 is inside the hole, and 16 + 8 pages just fit. */
	b = alloc_ok(PG(7), PG(16));
	assert_int_equal(b->va_start, VA_AT(16));
	/* 32-aligned: hole [2, 16) is long enough but has no aligned start: the tail is used. */
	c = alloc_ok(PG(7), PG(32));
	assert_int_equal(c->va_start, VA_AT(32));
	/* The hole is still whole for an unaligned request. */
	c = alloc_ok(PG(13), PAGE_SIZE);
	assert_int_equal(c->va_start, VA_AT(2));
	assert_int_equal(check_space(&vs), 0);
}

static void test_exhaustion_returns_null_and_reports_nothing(void **state)
{
	struct vmap_area *va;
	unsigned int n = 0;

	host_log_clear();
	while ((va = vmap_space_alloc(&vs, PG(1), PAGE_SIZE, GFP_KERNEL)) != NULL)
		n++;
	assert_int_equal(n, NPAGES / 2); /* each area takes a page and its guard */
	assert_int_equal(vs.nr_free, 0);
	assert_int_equal(vmap_space_largest_free(&vs), 0);
	assert_null(vmap_space_alloc(&vs, PG(NPAGES + 1), PAGE_SIZE, GFP_KERNEL));
	assert_string_equal(host_log(), "");
	assert_int_equal(check_space(&vs), 0);
}

static void test_request_larger_than_the_space_fails(void **state)
{
	/* The whole space cannot be one area: the guard needs a page. */
	assert_null(vmap_space_alloc(&vs, PG(NPAGES), PAGE_SIZE, GFP_KERNEL));
	assert_non_null(vmap_space_alloc(&vs, PG(NPAGES - 1), PAGE_SIZE, GFP_KERNEL));
	assert_int_equal(vs.nr_free, 0);
	assert_int_equal(check_space(&vs), 0);
}

static void test_free_everything_merges_back_to_one_range(void **state)
{
	struct vmap_area *va[200];
	unsigned int i, j, n = 0;

	srand(7);
	while (n < 200 && (va[n] = vmap_space_alloc(&vs, PG(1 + rand() % 4), PG(1) << (rand() % 3),
						    GFP_KERNEL)) != NULL)
		n++;
	assert_true(n > 100);
	for (i = n; i > 1; i--) { /* shuffle, then free in that order */
		struct vmap_area *t;

		j = (unsigned int)rand() % i;
		t = va[i - 1];
		va[i - 1] = va[j];
		va[j] = t;
	}
	for (i = 0; i < n; i++) {
		vmap_space_free(&vs, va[i]);
		if (i % 16 == 0)
			assert_int_equal(check_space(&vs), 0);
	}
	assert_int_equal(vs.nr_free, 1);
	assert_int_equal(vs.nr_busy, 0);
	assert_int_equal(entry(vs.free_root.rb_node)->va_start, BASE);
	assert_int_equal(entry(vs.free_root.rb_node)->va_end, BASE + PG(NPAGES));
	assert_int_equal(check_space(&vs), 0);
}

/*
 * The busy tree takes a new area at its in-order place found from the range list: with
 * no busy area before it (the leftmost slot), right after a busy area, and past a free
 * prefix that an aligned start leaves (the predecessor two steps back).
 */
static void test_busy_tree_places_areas_found_from_the_list(void **state)
{
	struct vmap_area *va[16], *low, *mid, *al;
	unsigned int i;

	for (i = 0; i < 16; i++)
		va[i] = alloc_ok(PG(1), PAGE_SIZE);
	vmap_space_free(&vs, va[0]);
	low = alloc_ok(PG(1), PAGE_SIZE); /* no busy area before it */
	assert_int_equal(low->va_start, VA_AT(0));
	vmap_space_free(&vs, va[9]);
	mid = alloc_ok(PG(1), PAGE_SIZE); /* right after va[8] */
	assert_int_equal(mid->va_start, va[8]->va_end + PAGE_SIZE);
	al = alloc_ok(PG(1), PG(64)); /* leaves a free range between it and va[15] */
	assert_int_equal(al->va_start, VA_AT(64));
	assert_int_equal(vs.nr_free, 2);
	assert_int_equal(check_space(&vs), 0);
	for (i = 1; i < 16; i++)
		if (i != 9)
			assert_ptr_equal(vmap_space_find(&vs, va[i]->va_start), va[i]);
	assert_ptr_equal(vmap_space_find(&vs, low->va_start), low);
	assert_ptr_equal(vmap_space_find(&vs, mid->va_start), mid);
	assert_ptr_equal(vmap_space_find(&vs, al->va_start), al);
}

/* Shrinking one of two equally large free ranges leaves the largest at that size. */
static void test_shrinking_one_of_two_largest_ranges_keeps_the_largest(void **state)
{
	struct vmap_area *a, *c;

	vmap_space_destroy(&vs);
	vmap_space_init(&vs, BASE, BASE + PG(16));
	a = alloc_ok(PG(3), PAGE_SIZE);
	alloc_ok(PG(1), PAGE_SIZE);
	c = alloc_ok(PG(3), PAGE_SIZE);
	alloc_ok(PG(1), PAGE_SIZE);
	alloc_ok(PG(3), PAGE_SIZE); /* full */
	vmap_space_free(&vs, a);
	vmap_space_free(&vs, c);
	assert_int_equal(vmap_space_largest_free(&vs), PG(4));
	alloc_ok(PG(1), PAGE_SIZE); /* from the lower one */
	assert_int_equal(vmap_space_largest_free(&vs), PG(4));
	assert_int_equal(check_space(&vs), 0);
	alloc_ok(PG(1), PAGE_SIZE); /* the rest of the lower one */
	assert_int_equal(vmap_space_largest_free(&vs), PG(4));
	alloc_ok(PG(3), PAGE_SIZE);
	assert_int_equal(vmap_space_largest_free(&vs), 0);
	assert_int_equal(vs.nr_free, 0);
	assert_int_equal(check_space(&vs), 0);
}

static void test_find_vmap_area_boundaries(void **state)
{
	struct vmap_area *a = alloc_ok(PG(4), PAGE_SIZE);
	struct vmap_area *b = alloc_ok(PG(2), PAGE_SIZE);
	unsigned long start;

	assert_ptr_equal(vmap_space_find(&vs, a->va_start), a);
	assert_ptr_equal(vmap_space_find(&vs, a->va_start + 123), a);
	assert_ptr_equal(vmap_space_find(&vs, a->va_end - 1), a);
	assert_null(vmap_space_find(&vs, a->va_end));		      /* guard */
	assert_null(vmap_space_find(&vs, a->va_end + PAGE_SIZE - 1)); /* guard's last byte */
	assert_ptr_equal(vmap_space_find(&vs, b->va_start), b);
	assert_ptr_equal(vmap_space_find(&vs, b->va_end - 1), b);
	assert_null(vmap_space_find(&vs, b->va_end));
	assert_null(vmap_space_find(&vs, BASE - 1));
	assert_null(vmap_space_find(&vs, BASE + PG(NPAGES - 1)));
	assert_null(vmap_space_find(&vs, 0));
	assert_null(vmap_space_find(&vs, ~0UL));
	start = a->va_start;
	vmap_space_free(&vs, a);
	assert_null(vmap_space_find(&vs, start));
	assert_ptr_equal(vmap_space_find(&vs, b->va_start), b);
}

static void test_used_and_largest_free_numbers(void **state)
{
	struct vmap_area *a, *b, *c;

	assert_int_equal(vmap_space_used(&vs), 0);
	assert_int_equal(vmap_space_largest_free(&vs), PG(NPAGES));
	a = alloc_ok(PG(100), PAGE_SIZE);
	b = alloc_ok(PG(10), PAGE_SIZE);
	c = alloc_ok(PG(1), PAGE_SIZE);
	assert_int_equal(vmap_space_used(&vs), PG(111)); /* guards excluded */
	assert_int_equal(vmap_space_largest_free(&vs), PG(NPAGES - 114));
	vmap_space_free(&vs, c);
	vmap_space_free(&vs, a);
	assert_int_equal(vmap_space_used(&vs), PG(10));
	/* Free: a's 101 pages, and 912 pages after b's guard. */
	assert_int_equal(vmap_space_largest_free(&vs), PG(NPAGES - 112));
	vmap_space_free(&vs, b);
	assert_int_equal(vmap_space_used(&vs), 0);
	assert_int_equal(vmap_space_largest_free(&vs), PG(NPAGES));
}

static int count_cb(struct vmap_area *va, void *arg)
{
	unsigned long *last = arg;

	assert_true(va->va_start > last[0] || last[1] == 0);
	last[0] = va->va_start;
	return ++last[1] == 3; /* stop after three */
}

static void test_for_each_walks_in_address_order_and_stops(void **state)
{
	unsigned long last[2] = { 0, 0 };
	struct vmap_area *va[5];
	unsigned int i;

	for (i = 0; i < 5; i++)
		va[i] = alloc_ok(PG(1), PAGE_SIZE);
	vmap_space_free(&vs, va[0]);
	va[0] = alloc_ok(PG(1), PAGE_SIZE); /* re-allocated at the lowest address */
	vmap_space_for_each(&vs, count_cb, last);
	assert_int_equal(last[1], 3);
	assert_int_equal(last[0], va[2]->va_start);
}

/* ---- bad calls ---- */

static void test_bad_requests_are_reported_and_fail(void **state)
{
	host_log_clear();
	assert_null(vmap_space_alloc(&vs, 0, PAGE_SIZE, GFP_KERNEL));
	assert_null(vmap_space_alloc(&vs, PAGE_SIZE + 1, PAGE_SIZE, GFP_KERNEL));
	assert_null(vmap_space_alloc(&vs, PAGE_SIZE, PAGE_SIZE / 2, GFP_KERNEL));
	assert_null(vmap_space_alloc(&vs, PAGE_SIZE, 3 * PAGE_SIZE, GFP_KERNEL));
	assert_null(vmap_space_alloc(&vs, ~0UL & PAGE_MASK, PAGE_SIZE, GFP_KERNEL));
	assert_int_equal(host_log_count("vmap_area: bad request"), 5);
	assert_int_equal(vs.nr_busy, 0);
	assert_int_equal(check_space(&vs), 0);
}

static void test_bad_frees_are_reported_and_ignored(void **state)
{
	struct vmap_area *a = alloc_ok(PG(2), PAGE_SIZE);
	struct vmap_area *b = alloc_ok(PG(2), PAGE_SIZE);
	struct vmap_area fake = { .va_start = b->va_start, .va_end = b->va_end };
	struct vmap_space other;
	struct vmap_area *o;

	host_log_clear();
	vmap_space_free(&vs, NULL);
	assert_true(host_log_contains("vmap_area: free of a NULL area"));
	vmap_space_free(&vs, &fake); /* same range, not the allocator's node */
	vmap_space_free(&vs, a);
	vmap_space_free(&vs, a); /* double free */
	assert_int_equal(host_log_count("not an allocated area"), 2);
	/* A free-tree node is no busy area either. */
	vmap_space_free(&vs, entry(rb_first(&vs.free_root)));
	assert_int_equal(host_log_count("not an allocated area"), 3);

	vmap_space_init(&other, BASE, BASE + PG(16));
	o = vmap_space_alloc(&other, PG(1), PAGE_SIZE, GFP_KERNEL);
	vmap_space_free(&vs, o); /* an area of another instance */
	assert_int_equal(host_log_count("not an allocated area"), 4);
	assert_ptr_equal(vmap_space_find(&vs, b->va_start), b);
	assert_int_equal(vs.nr_busy, 1);
	assert_int_equal(check_space(&vs), 0);
	assert_int_equal(check_space(&other), 0);
	vmap_space_free(&other, o);
	vmap_space_destroy(&other);
}

static void test_node_memory_exhaustion_fails_cleanly(void **state)
{
	struct page *pages[8192];
	unsigned long n = 0, got, before;
	struct vmap_area *va;

	before = nr_free_pages();
	while (n < 8192 && (pages[n] = alloc_page(GFP_ATOMIC | __GFP_NOWARN)) != NULL)
		n++;
	/* The pool is empty and no lowmem page is left: the allocation fails, consistently. */
	va = vmap_space_alloc(&vs, PG(1), PAGE_SIZE, GFP_NOWAIT | __GFP_NOWARN);
	assert_null(va);
	assert_int_equal(check_space(&vs), 0);
	for (got = n; n > got / 2;)
		__free_page(pages[--n]); /* back above the watermarks */
	va = vmap_space_alloc(&vs, PG(1), PAGE_SIZE, GFP_NOWAIT | __GFP_NOWARN);
	assert_non_null(va);
	assert_int_equal(vs.pool_nr_pages, 1);
	while (n)
		__free_page(pages[--n]);
	vmap_space_free(&vs, va);
	vmap_space_destroy(&vs);
	assert_int_equal(nr_free_pages(), before);
	vmap_space_init(&vs, BASE, BASE + PG(NPAGES));
}

static void test_destroy_returns_node_pages(void **state)
{
	unsigned long before = nr_free_pages();
	struct vmap_area *va[600];
	unsigned int i;

	vmap_space_destroy(&vs);
	vmap_space_init(&vs, BASE, BASE + PG(4096));
	for (i = 0; i < 600; i++)
		va[i] = alloc_ok(PG(1), PAGE_SIZE);
	for (i = 0; i < 600; i += 2)
		vmap_space_free(&vs, va[i]); /* 300 holes: 600 nodes live */
	assert_true(vs.pool_nr_pages >= 2);
	assert_int_equal(check_space(&vs), 0);
	host_log_clear();
	vmap_space_destroy(&vs);
	assert_true(host_log_contains("with 300 areas still allocated"));
	assert_int_equal(nr_free_pages(), before);
	vmap_space_init(&vs, BASE, BASE + PG(NPAGES));
}

static void test_global_vmalloc_instance(void **state)
{
	struct vmap_area *va;
	unsigned long start;

	vmap_area_init(VMALLOC_START, VMALLOC_END);
	assert_int_equal(vmap_area_largest_free(), VMALLOC_END - VMALLOC_START);
	va = alloc_vmap_area(SZ_1M, PAGE_SIZE, GFP_KERNEL);
	assert_non_null(va);
	assert_int_equal(va->va_start, VMALLOC_START);
	assert_ptr_equal(find_vmap_area(va->va_start + 5), va);
	assert_int_equal(vmap_area_used(), SZ_1M);
	start = va->va_start;
	free_vmap_area(va);
	assert_null(find_vmap_area(start));
	assert_int_equal(vmap_area_used(), 0);
	assert_int_equal(vmap_area_largest_free(), VMALLOC_END - VMALLOC_START);
	assert_int_equal(check_space(&vmap_area_space), 0);
	vmap_space_destroy(&vmap_area_space);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_is_one_free_range),
		T(test_consecutive_areas_are_separated_by_a_guard_page),
		T(test_first_fit_takes_the_lowest_hole_that_fits),
		T(test_alignment_gives_the_lowest_aligned_start),
		T(test_alignment_looks_past_holes_without_an_aligned_start),
		T(test_exhaustion_returns_null_and_reports_nothing),
		T(test_request_larger_than_the_space_fails),
		T(test_free_everything_merges_back_to_one_range),
		T(test_busy_tree_places_areas_found_from_the_list),
		T(test_shrinking_one_of_two_largest_ranges_keeps_the_largest),
		T(test_find_vmap_area_boundaries),
		T(test_used_and_largest_free_numbers),
		T(test_for_each_walks_in_address_order_and_stops),
		T(test_bad_requests_are_reported_and_fail),
		T(test_bad_frees_are_reported_and_ignored),
		T(test_node_memory_exhaustion_fails_cleanly),
		T(test_destroy_returns_node_pages),
		T(test_global_vmalloc_instance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
