/*
 * Host tests for mm/slab.c and mm/slabinfo.c: object alignment, colouring, slab list
 * transitions, array-cache batching, constructors, on/off-slab management, shrinking,
 * destruction, the shrinker, ZONE_DMA caches and the slabinfo / meminfo reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <mm/shrinker.h>

#include "harness/slab_host.h"

static void *objs[4096];

static void test_objects_respect_requested_and_hwcache_alignment(void **state)
{
	struct kmem_cache *hw = kmem_cache_create("hw", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *a64 = kmem_cache_create("a64", 100, 64, 0, NULL);
	struct kmem_cache *tiny = kmem_cache_create("tiny", 10, 0, SLAB_HWCACHE_ALIGN, NULL);
	unsigned int i;

	assert_non_null(hw);
	assert_non_null(a64);
	assert_non_null(tiny);
	assert_int_equal(hw->align, 32);
	assert_int_equal(hw->buffer_size, 128);
	assert_int_equal(a64->buffer_size, 128);
	/* Small objects share a cache line: 16-byte alignment for 10 bytes. */
	assert_int_equal(tiny->align, 16);
	for (i = 0; i < 300; i++) {
		void *p = kmem_cache_alloc(hw, GFP_KERNEL), *q = kmem_cache_alloc(a64, GFP_KERNEL);
		void *r = kmem_cache_alloc(tiny, GFP_KERNEL);

		assert_int_equal((unsigned long)p & 31, 0);
		assert_int_equal((unsigned long)q & 63, 0);
		assert_int_equal((unsigned long)r & 15, 0);
	}
}

static void test_colour_offset_rotates_per_slab_by_cache_line(void **state)
{
	struct kmem_cache *c = kmem_cache_create("colour", 300, 0, 0, NULL);
	struct slab *seen[16];
	unsigned int nseen = 0, i;

	assert_non_null(c);
	assert_int_equal(c->colour_off, 32);
	assert_true(c->colour >= 2);
	for (i = 0; nseen < 16 && i < 4096; i++) {
		struct slab *s;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		s = virt_to_page(objs[i])->slab_page;
		if (nseen == 0 || seen[nseen - 1] != s)
			seen[nseen++] = s;
	}
	for (i = 0; i < nseen; i++) {
		unsigned long off = (unsigned long)seen[i]->s_mem & ~PAGE_MASK;

		/* On-slab: the descriptor sits at the colour offset, objects after it. */
		assert_int_equal(off, (i % c->colour) * 32 + c->slab_size);
		assert_ptr_equal((char *)seen[i], (char *)seen[i]->s_mem - c->slab_size);
	}
}

static void test_slabs_move_between_full_partial_and_free_lists(void **state)
{
	struct kmem_cache *c = kmem_cache_create("lists", 256, 0, 0, NULL);
	unsigned int i, n;

	assert_non_null(c);
	n = c->num;
	assert_true(n < AC(c)->batchcount); /* one refill empties a whole slab */
	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(NR_FULL(c), 1);
	assert_int_equal(NR_PARTIAL(c), 0);
	assert_int_equal(NR_FREE(c), 0);
	assert_int_equal(AC(c)->avail, 0);

	kmem_cache_free(c, objs[0]); /* into the array cache: lists unchanged */
	assert_int_equal(NR_FULL(c), 1);
	drain_array(c);
	assert_int_equal(NR_FULL(c), 0);
	assert_int_equal(NR_PARTIAL(c), 1);
	assert_int_equal(c->lists.free_objects, 1);

	for (i = 1; i < n; i++)
		kmem_cache_free(c, objs[i]);
	drain_array(c);
	assert_int_equal(NR_PARTIAL(c), 0);
	assert_int_equal(NR_FREE(c), 1);
	assert_int_equal(c->lists.free_objects, n);

	/* Refill prefers partial slabs to free ones. */
	for (i = 0; i < 2 * n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < n + 1; i++)
		kmem_cache_free(c, objs[i]);
	drain_array(c);
	assert_int_equal(NR_PARTIAL(c), 1);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(NR_PARTIAL(c) + NR_FULL(c), 2);
	assert_int_equal(kmem_cache_shrink(c), 0); /* nothing empty after the refill */
}

static void test_array_cache_refills_and_flushes_a_batch_at_a_time(void **state)
{
	struct kmem_cache *c = kmem_cache_create("batch", 32, 0, 0, NULL);
	struct array_cache *ac;
	unsigned int i;

	assert_non_null(c);
	ac = AC(c);
	assert_int_equal(ac->limit, 120);
	assert_int_equal(ac->batchcount, 60);
	assert_true(c->num >= 60);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ac->avail, 59); /* one batch moved, one object returned */
	assert_int_equal(c->lists.free_objects, c->num - 60);
	for (i = 1; i < 200; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	drain_array(c);
	for (i = 0; i < 120; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(ac->avail, 120);
	kmem_cache_free(c, objs[120]); /* full: the oldest 60 go back to the slabs */
	assert_int_equal(ac->avail, 61);
	/* LIFO: the last object freed is the first allocated. */
	assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), objs[120]);
}

static unsigned int ctor_calls;

static void count_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5a, 24);
}

static void test_constructor_runs_for_every_object_when_the_slab_is_created(void **state)
{
	struct kmem_cache *c = kmem_cache_create("ctor", 24, 0, 0, count_ctor);
	unsigned char *p;

	assert_non_null(c);
	ctor_calls = 0;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, c->num);
	assert_int_equal(p[0], 0x5a);
	kmem_cache_free(c, p);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, c->num); /* not again on reuse */
}

static void test_large_objects_keep_slab_management_off_slab(void **state)
{
	struct kmem_cache *big = kmem_cache_create("big", 1024, 0, 0, NULL);
	struct kmem_cache *small = kmem_cache_create("small", 64, 0, 0, NULL);
	void *b = kmem_cache_alloc(big, GFP_KERNEL), *s = kmem_cache_alloc(small, GFP_KERNEL);
	struct slab *bs = virt_to_page(b)->slab_page, *ss = virt_to_page(s)->slab_page;

	assert_true(big->flags & CFLGS_OFF_SLAB);
	assert_non_null(big->slabp_cache);
	assert_false(small->flags & CFLGS_OFF_SLAB);
	assert_int_equal(big->num, 4); /* the whole page holds objects */
	assert_int_equal(PageSlab(virt_to_page(bs)), true);
	assert_ptr_equal(virt_to_page(bs)->slab_cache, big->slabp_cache);
	assert_ptr_equal(virt_to_page(ss), virt_to_page(s)); /* on-slab: same page */
}

static void test_multi_page_slabs_mark_every_page(void **state)
{
	struct kmem_cache *c = kmem_cache_create("multi", 3000, 0, 0, NULL);
	struct page *page;
	unsigned int i;
	char *p;

	assert_non_null(c);
	assert_true(c->gfporder > 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	page = virt_to_page(virt_to_page(p)->slab_page->s_mem);
	for (i = 0; i < (1u << c->gfporder); i++) {
		assert_true(PageSlab(page + i));
		assert_ptr_equal(page[i].slab_cache, c);
		assert_int_equal(page[i].slab_index, i);
	}
	/* An object whose start lies in a later page of the slab is found from it. */
	for (i = 0; i < c->num; i++)
		objs[i] = i ? kmem_cache_alloc(c, GFP_KERNEL) : p;
	for (i = 0; i < c->num; i++)
		kmem_cache_free(c, objs[i]);
	drain_array(c);
	assert_int_equal(c->lists.free_objects, c->lists.num_slabs * c->num);
}

static void test_destroy_is_refused_while_objects_live(void **state)
{
	struct kmem_cache *c = kmem_cache_create("live", 128, 0, 0, NULL);
	unsigned long before = nr_slab_unreclaimable;
	unsigned int i;

	for (i = 0; i < 100; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(kmem_cache_destroy(c), -1);
	assert_true(host_log_contains("kmem_cache_destroy live: slab cache still has 100 objects"));
	assert_ptr_equal(kmem_cache_find("live"), c);
	for (i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_null(kmem_cache_find("live"));
	assert_int_equal(nr_slab_unreclaimable, before);
}

static void test_empty_slabs_beyond_the_free_limit_go_back(void **state)
{
	struct kmem_cache *c = kmem_cache_create("limit", 512, 0, 0, NULL);
	unsigned int i, n = 40 * c->num;

	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(c->lists.num_slabs, 40);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	drain_array(c);
	assert_true(c->lists.free_objects <= c->lists.free_limit + c->num);
	assert_true(c->reaped > 0);
	assert_true(kmem_cache_shrink(c) > 0);
	assert_int_equal(c->lists.num_slabs, 0);
}

static void test_shrinker_frees_empty_slabs_under_reclaim(void **state)
{
	struct kmem_cache *c = kmem_cache_create("shrinkme", 64, 0, 0, NULL);
	unsigned long slabs, freed;
	unsigned int i;

	for (i = 0; i < 1000; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < 1000; i++)
		kmem_cache_free(c, objs[i]);
	slabs = c->lists.num_slabs;
	assert_true(slabs > 0);
	freed = shrink_slab(GFP_NOIO, 0); /* needs neither I/O nor a filesystem */
	assert_true(freed > 0);
	assert_true(c->lists.num_slabs < slabs);
	assert_int_equal(AC(c)->avail, 0);
	drop_slab();
	assert_int_equal(c->lists.num_slabs, 0);
	assert_int_equal(AC(kmalloc_caches[9])->avail, 0);
}

static void test_dma_cache_slabs_come_from_zone_dma(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dma", 100, 0, SLAB_CACHE_DMA, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	assert_non_null(p);
	assert_int_equal(page_zonenum(virt_to_page(p)), ZONE_DMA);
	assert_int_equal(c->gfpflags, __GFP_DMA);
}

static void test_create_rejects_bad_arguments(void **state)
{
	assert_null(kmem_cache_create(NULL, 10, 0, 0, NULL));
	assert_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	assert_null(kmem_cache_create("huge", KMALLOC_MAX_CACHE_SIZE + 1, 0, 0, NULL));
	assert_null(kmem_cache_create("align3", 10, 3, 0, NULL));
	assert_null(kmem_cache_create("flags", 10, 0, 0x1, NULL));
	assert_null(kmem_cache_create("a-name-that-is-far-too-long", 10, 0, 0, NULL));
	assert_null(kmem_cache_create("kmalloc-64", 10, 0, 0, NULL));
	assert_true(host_log_contains("a cache of that name exists"));
	assert_int_equal(host_log_count("kmem_cache_create("), 7);
}

static unsigned long slabinfo_active(const char *name)
{
	char key[40];
	const char *line;
	unsigned long active = ~0UL;

	snprintf(key, sizeof(key), "\n%-17s ", name);
	line = strstr(host_log(), key);
	if (line)
		sscanf(line + strlen(key), "%lu", &active);
	return active;
}

static void test_slabinfo_prints_the_2_1_header_and_a_line_per_cache(void **state)
{
	unsigned long before;
	void *p;

	show_slabinfo();
	assert_true(host_log_contains(
		"slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		"slabdata <active_slabs> <num_slabs> <sharedavail>\n"));
	assert_int_equal(host_log_count("\nkmalloc-"), 13);
	assert_int_equal(host_log_count("\ndma-kmalloc-"), 13);
	assert_true(host_log_contains("\nkmem_cache "));
	assert_true(host_log_contains("\nkmalloc-128            0      0    128   31    1 : "
				      "tunables  120   60    0 : "
				      "slabdata      0      0      0\n") ||
		    sizeof(void *) == 8);
	before = slabinfo_active("kmalloc-128");
	host_log_clear();
	p = kmalloc(100, GFP_KERNEL);
	show_slabinfo();
	assert_int_equal(slabinfo_active("kmalloc-128"), before + 1);
	host_log_clear();
	kfree(p);
	show_slabinfo();
	assert_int_equal(slabinfo_active("kmalloc-128"), before);
}

static void test_meminfo_shows_slab_reclaimable_and_unreclaimable(void **state)
{
	struct kmem_cache *r = kmem_cache_create("reclaim", 100, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	unsigned long un = nr_slab_unreclaimable;

	assert_int_equal(nr_slab_reclaimable, 0);
	kmem_cache_alloc(r, GFP_KERNEL);
	assert_int_equal(nr_slab_reclaimable, 1);
	assert_int_equal(nr_slab_unreclaimable, un);
	show_meminfo();
	assert_true(host_log_contains("Slab:"));
	assert_true(host_log_contains("SReclaimable:          4 kB\n"));
	assert_true(host_log_contains("SUnreclaim:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, slab_setup, slab_teardown)
		T(test_objects_respect_requested_and_hwcache_alignment),
		T(test_colour_offset_rotates_per_slab_by_cache_line),
		T(test_slabs_move_between_full_partial_and_free_lists),
		T(test_array_cache_refills_and_flushes_a_batch_at_a_time),
		T(test_constructor_runs_for_every_object_when_the_slab_is_created),
		T(test_large_objects_keep_slab_management_off_slab),
		T(test_multi_page_slabs_mark_every_page),
		T(test_destroy_is_refused_while_objects_live),
		T(test_empty_slabs_beyond_the_free_limit_go_back),
		T(test_shrinker_frees_empty_slabs_under_reclaim),
		T(test_dma_cache_slabs_come_from_zone_dma),
		T(test_create_rejects_bad_arguments),
		T(test_slabinfo_prints_the_2_1_header_and_a_line_per_cache),
		T(test_meminfo_shows_slab_reclaimable_and_unreclaimable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
