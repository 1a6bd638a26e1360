/*
 * Host tests for mm/slab_debug.c: use-after-free writes caught by poisoning, overruns and
 * underruns caught by red zones, double frees and invalid frees (wrong cache, not an
 * object start, not a slab page) reported with cache, object and caller, and the free
 * lists left intact by every bad free.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <mm/init_on.h>

#include "harness/slab_host.h"

static void *objs[1024];

/* Allocate @n objects and check that none is handed out twice. */
static void assert_distinct_allocs(struct kmem_cache *c, unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(objs[i]);
		for (j = 0; j < i; j++)
			assert_ptr_not_equal(objs[i], objs[j]);
	}
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
}

static void test_poison_catches_a_write_after_free(void **state)
{
	struct kmem_cache *c = kmem_cache_create("poison", 64, 0, SLAB_POISON, NULL);
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	assert_int_equal(p[0], 0x6b);
	assert_int_equal(p[63], 0xa5);
	p[10] = 0;					      /* use after free */
	assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), p); /* LIFO: the same object */
	assert_true(
		host_log_contains("slab error: cache 'poison': use after free: byte 10 written"));
	assert_int_equal(c->errors, 1);
}

static void test_red_zone_catches_a_write_past_the_end_and_still_frees(void **state)
{
	struct kmem_cache *c = kmem_cache_create("rz", 40, 0, SLAB_RED_ZONE, NULL);
	char *p = kmem_cache_alloc(c, GFP_KERNEL);
	char msg[160];

	p[40] = 'x';
	kmem_cache_free(c, p);
	snprintf(msg, sizeof(msg),
		 "slab error: cache 'rz': red zone overwritten: write past the end of the "
		 "40-byte object at offset 40");
	assert_true(host_log_contains(msg));
	snprintf(msg, sizeof(msg), "object 0x%08lx, caller 0x", (unsigned long)p);
	assert_true(host_log_contains(msg));
	assert_int_equal(kmem_cache_active_objs(c), 0);
	assert_distinct_allocs(c, 3 * c->num);
	assert_int_equal(c->errors, 1); /* the red zone was repaired */
}

static void test_red_zone_catches_a_write_before_the_start(void **state)
{
	struct kmem_cache *c = kmem_cache_create("under", 40, 0, SLAB_RED_ZONE, NULL);
	char *p = kmem_cache_alloc(c, GFP_KERNEL);

	p[-1] = 'x';
	kmem_cache_free(c, p);
	assert_true(host_log_contains("red zone before the object overwritten"));
	assert_int_equal(kmem_cache_active_objs(c), 0);
}

static void test_double_free_is_refused_with_red_zones(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dfree", 100, 0, SLAB_RED_ZONE, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL), *q = kmem_cache_alloc(c, GFP_KERNEL);
	unsigned int avail;

	kmem_cache_free(c, p);
	avail = AC(c)->avail;
	kmem_cache_free(c, p);
	assert_true(host_log_contains("slab error: cache 'dfree': double free"));
	assert_int_equal(AC(c)->avail, avail);
	kmem_cache_free(c, q);
	assert_distinct_allocs(c, 2 * c->num);
}

static void test_double_free_is_refused_with_poison_only(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dpois", 100, 0, SLAB_POISON, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	drain_array(c); /* the object is back on its slab's free list */
	kmem_cache_free(c, p);
	assert_true(host_log_contains("double free"));
	assert_int_equal(AC(c)->avail, 0);
	assert_distinct_allocs(c, 2 * c->num);
}

static void test_free_to_the_wrong_cache_is_refused(void **state)
{
	struct kmem_cache *a = kmem_cache_create("cache-a", 64, 0, SLAB_RED_ZONE, NULL);
	struct kmem_cache *b = kmem_cache_create("cache-b", 64, 0, SLAB_RED_ZONE, NULL);
	void *p = kmem_cache_alloc(a, GFP_KERNEL);

	kmem_cache_free(b, p);
	assert_true(host_log_contains(
		"slab error: cache 'cache-b': invalid free: wrong cache, the object belongs to "
		"'cache-a'"));
	assert_int_equal(kmem_cache_active_objs(a), 1);
	assert_int_equal(AC(b)->avail, 0);
	kmem_cache_free(a, p);
	assert_int_equal(kmem_cache_active_objs(a), 0);
}

static void test_pointer_into_an_object_is_refused(void **state)
{
	struct kmem_cache *c = kmem_cache_create("mid", 64, 0, SLAB_POISON, NULL);
	char *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p + 8);
	assert_true(host_log_contains("invalid free: not the start of an object (8 bytes into"));
	assert_int_equal(kmem_cache_active_objs(c), 1);
	kmem_cache_free(c, p);
}

static void test_pointer_outside_any_slab_is_refused(void **state)
{
	struct kmem_cache *c = kmem_cache_create("notslab", 64, 0, SLAB_RED_ZONE, NULL);
	unsigned long page = __get_free_page(GFP_KERNEL);
	int local;

	kmem_cache_free(c, (void *)page);
	assert_true(host_log_contains("invalid free: not in a slab page"));
	kmem_cache_free(c, &local);
	assert_true(host_log_contains("invalid free: not a direct-mapped address"));
	assert_int_equal(c->errors, 2);
	free_page(page);
}

static void fill_ctor(void *p)
{
	memset(p, 0x42, 32);
}

static void test_poisoned_cache_runs_the_constructor_on_allocation(void **state)
{
	struct kmem_cache *c = kmem_cache_create("pctor", 32, 0, SLAB_POISON, fill_ctor);
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL);

	assert_int_equal(p[0], 0x42);
	kmem_cache_free(c, p);
	assert_int_equal(p[0], 0x6b);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(p[31], 0x42);
	assert_int_equal(c->errors, 0);
}

static void test_kfree_checks_debug_kmalloc_like_caches_too(void **state)
{
	struct kmem_cache *c = kmem_cache_create("kf", 64, 0, SLAB_RED_ZONE, NULL);
	char *p = kmem_cache_alloc(c, GFP_KERNEL);

	kfree(p); /* kfree finds the cache by the page and runs its checks */
	kfree(p);
	assert_true(host_log_contains("slab error: cache 'kf': double free"));
	assert_int_equal(kmem_cache_active_objs(c), 0);
}

static void test_slub_debug_letters_parse_as_linux(void **state)
{
	unsigned int f;

	assert_int_equal(slub_debug_parse_flags("FZPU", 4, &f), 0);
	assert_int_equal(f, SLAB_DEBUG_FLAGS);
	assert_int_equal(slub_debug_parse_flags("zp", 2, &f), 0);
	assert_int_equal(f, SLAB_RED_ZONE | SLAB_POISON);
	assert_int_equal(slub_debug_parse_flags("-", 1, &f), 0);
	assert_int_equal(f, 0);
	assert_int_equal(slub_debug_parse_flags("FQ", 2, &f), -1);
}

static void test_validate_reports_every_damaged_object_then_repairs(void **state)
{
	struct kmem_cache *c = kmem_cache_create("val", 100, 0, 0, NULL);
	char *a, *b, *d;

	assert_int_equal(kmem_cache_set_debug(c, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER), 0);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	d = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(kmem_cache_set_debug(c, 0), -EBUSY); /* objects live */
	assert_int_equal(kmem_cache_validate(c), 0);
	a[100] = 'x'; /* one byte past the end */
	kmem_cache_free(c, b);
	b[5] = 0; /* a write after free */
	assert_int_equal(kmem_cache_validate(c), 2);
	assert_true(host_log_contains("BUG val (Not tainted): Right Redzone overwritten"));
	assert_true(host_log_contains("BUG val (Not tainted): Poison overwritten"));
	assert_true(host_log_contains("First byte 0x78 instead of 0xbb"));
	assert_int_equal(kmem_cache_validate(c), 0); /* repaired */
	kmem_cache_free(c, a);
	kmem_cache_free(c, d);
	assert_int_equal(c->errors, 2);
}

/* Red zones that push an object past the largest slab are refused, the cache intact. */
static void test_debug_flags_that_do_not_fit_are_refused(void **state)
{
	struct kmem_cache *c = kmalloc_caches[KMALLOC_SHIFT_HIGH];
	unsigned int size = c->buffer_size, num = c->num, flags = c->flags;
	void *p;

	kmem_cache_shrink(c);
	assert_int_equal(kmem_cache_set_debug(c, SLAB_RED_ZONE | SLAB_STORE_USER), -E2BIG);
	assert_int_equal(c->buffer_size, size);
	assert_int_equal(c->num, num);
	assert_int_equal(c->flags, flags);
	p = kmalloc(KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL);
	assert_non_null(p);
	kfree(p);
}

static void test_kmalloc_red_zone_starts_at_the_size_asked_for(void **state)
{
	struct kmem_cache *c = kmalloc_caches[5]; /* kmalloc-32 */
	volatile size_t size = 20; /* a size known at run time: __kmalloc() records it */
	char *p;

	kmem_cache_shrink(c);
	if (kmem_cache_set_debug(c, SLAB_RED_ZONE))
		skip();
	p = kmalloc(size, GFP_KERNEL);
	p[19] = 1;
	assert_int_equal(kmem_cache_validate(c), 0);
	p[20] = 1;
	kfree(p);
	assert_int_equal(c->errors, 1);
	assert_true(host_log_contains("BUG kmalloc-32 (Not tainted): Right Redzone overwritten"));
}

static void test_init_on_free_and_alloc_zero_objects_and_pages(void **state)
{
	struct page *page;
	char *p;

	set_init_on_free(true);
	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0xaa, 100);
	kfree(p);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[99], 0);
	page = alloc_pages(GFP_KERNEL, 2);
	memset(page_address(page), 0x55, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	assert_int_equal(((char *)page_address(page))[4 * PAGE_SIZE - 1], 0);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0); /* trusted: zero already */
	assert_int_equal(((char *)page_address(page))[100], 0);
	__free_pages(page, 0);
	set_init_on_free(false);
	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0xaa, 100);
	kfree(p);
	set_init_on_alloc(true);
	p = kmalloc(100, GFP_KERNEL);
	assert_int_equal(p[50], 0);
	kfree(p);
	set_init_on_alloc(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, slab_setup, slab_teardown)
		T(test_poison_catches_a_write_after_free),
		T(test_red_zone_catches_a_write_past_the_end_and_still_frees),
		T(test_red_zone_catches_a_write_before_the_start),
		T(test_double_free_is_refused_with_red_zones),
		T(test_double_free_is_refused_with_poison_only),
		T(test_free_to_the_wrong_cache_is_refused),
		T(test_pointer_into_an_object_is_refused),
		T(test_pointer_outside_any_slab_is_refused),
		T(test_poisoned_cache_runs_the_constructor_on_allocation),
		T(test_kfree_checks_debug_kmalloc_like_caches_too),
		T(test_slub_debug_letters_parse_as_linux),
		T(test_validate_reports_every_damaged_object_then_repairs),
		T(test_debug_flags_that_do_not_fit_are_refused),
		T(test_kmalloc_red_zone_starts_at_the_size_asked_for),
		T(test_init_on_free_and_alloc_zero_objects_and_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
