/*
 * KTAP suite "bulk": kmem_cache_alloc_bulk() / kmem_cache_free_bulk() and
 * alloc_pages_bulk() hand out distinct, live objects and pages of the right cache and
 * zone, across array-cache refills and per-CPU list refills, and give everything back.
 */
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/slab_def.h>
#include <string.h>

#define NR_OBJS 300 /* more than an array cache holds: refills and flushes happen */
static void *objs[NR_OBJS];
static struct kmem_cache *bulk_cache;

static void destroy_bulk_cache(void *arg)
{
	if (bulk_cache)
		kmem_cache_destroy(bulk_cache);
	bulk_cache = NULL;
}

/* Number of pairs i < j with v[i] == v[j], empty (NULL) slots not counted. */
static unsigned int duplicates(void **v, unsigned int n)
{
	unsigned int i, j, d = 0;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			d += v[i] && v[i] == v[j];
	return d;
}

static void check_cache_bulk(struct ktap_test *t, unsigned int flags)
{
	unsigned long before;
	unsigned int i, bad = 0;

	bulk_cache = kmem_cache_create("bulk-48", 48, 0, flags, NULL);
	KTAP_ASSERT_TRUE(t, bulk_cache);
	ktap_add_action(t, destroy_bulk_cache, NULL);
	before = kmem_cache_active_objs(bulk_cache);
	KTAP_ASSERT_TRUE(t, kmem_cache_alloc_bulk(bulk_cache, GFP_KERNEL | __GFP_ZERO, NR_OBJS,
						  objs) == NR_OBJS);
	KTAP_EXPECT_EQ(t, duplicates(objs, NR_OBJS), 0);
	for (i = 0; i < NR_OBJS; i++) {
		struct page *page = virt_to_page(objs[i]);
		const u8 *b = objs[i];
		unsigned int k;

		/* An object of this cache, zeroed, not free, then stamped. */
		if (!PageSlab(page) || page->slab_cache != bulk_cache || kmem_ptr_is_free(objs[i]))
			bad++;
		for (k = 0; k < 48; k++)
			bad += b[k] != 0;
		memset(objs[i], (int)i, 48);
	}
	KTAP_EXPECT_EQ(t, bad, 0);
	for (i = 0; i < NR_OBJS; i++)
		bad += ((u8 *)objs[i])[47] != (u8)i; /* no two objects overlap */
	KTAP_EXPECT_EQ(t, bad, 0);
	kmem_cache_free_bulk(bulk_cache, NR_OBJS, objs);
	/* Every one freed (slabs left empty may already be back with the page allocator). */
	KTAP_EXPECT_EQ(t, kmem_cache_active_objs(bulk_cache), before);
	ktap_release_action(t, destroy_bulk_cache, NULL);
}

static void cache_bulk_gives_distinct_live_objects_of_the_cache(struct ktap_test *t)
{
	check_cache_bulk(t, 0);
}

static void cache_bulk_on_a_debug_cache_is_checked_and_silent(struct ktap_test *t)
{
	check_cache_bulk(t, SLAB_RED_ZONE | SLAB_POISON);
}

static void cache_free_bulk_of_null_cache_frees_kmalloc_objects(struct ktap_test *t)
{
	unsigned int i;
	void *again;

	for (i = 0; i < 8; i++) {
		objs[i] = kmalloc(32 << i, GFP_KERNEL | __GFP_NOWARN);
		if (!objs[i]) {
			kmem_cache_free_bulk(NULL, i, objs); /* memory exhausted: leave nothing */
			KTAP_ASSERT_TRUE(t, objs[i]);
		}
	}
	kmem_cache_free_bulk(NULL, 8, objs);
	/* Sizes 32 .. 4096: eight caches. Each went back to its own cache's array: the next kmalloc
	 * of that size gets it. */
	for (i = 0; i < 8; i++) {
		again = kmalloc(32 << i, GFP_KERNEL);
		KTAP_EXPECT_TRUE(t, again == objs[i]);
		kfree(again);
	}
}

#define NR_PAGES 200 /* more than a per-CPU batch: refills happen */
static struct page *pages[NR_PAGES];

static void free_pages_array(void *arg)
{
	unsigned int i;

	for (i = 0; i < NR_PAGES; i++)
		if (pages[i])
			__free_pages(pages[i], 0);
	memset(pages, 0, sizeof(pages));
}

static void check_pages_bulk(struct ktap_test *t, gfp_t gfp, enum zone_type want)
{
	unsigned long n, i, bad = 0;
	struct page *keep;
	bool empty_seen;

	memset(pages, 0, sizeof(pages));
	ktap_add_action(t, free_pages_array, NULL);
	/* A filled slot is left alone and counted. */
	keep = alloc_pages(GFP_KERNEL, 0);
	KTAP_ASSERT_TRUE(t, keep);
	pages[5] = keep;
	n = alloc_pages_bulk(gfp | __GFP_ZERO, NR_PAGES, pages);
	KTAP_EXPECT_TRUE(t, n >= 2);
	KTAP_EXPECT_TRUE(t, pages[5] == keep);
	for (i = 0, empty_seen = false; i < NR_PAGES; i++) {
		if (!pages[i]) {
			empty_seen = true;
			continue;
		}
		if (i == 5)
			continue;
		bad += empty_seen; /* empty slots are filled in order from the start */
		/*
		 * The bulk path serves only the preferred zone; when it cannot (a zone whose
		 * per-CPU list is off), the one ordinary allocation may fall back down the
		 * zonelist.
		 */
		bad += n > 2 ? page_zonenum(pages[i]) != want : page_zonenum(pages[i]) > want;
		bad += page_count(pages[i]) != 1 || !PageHead(pages[i]);
		{
			u32 *a = kmap_atomic(pages[i]);
			unsigned int k;

			for (k = 0; k < PAGE_SIZE / 4; k++)
				bad += a[k] != 0;
			kunmap_atomic(a);
		}
	}
	KTAP_EXPECT_EQ(t, bad, 0);
	KTAP_EXPECT_EQ(t, duplicates((void **)pages, NR_PAGES), 0);
	/* The return value counts every filled slot, the pre-filled one included. */
	for (i = 0, bad = 0; i < NR_PAGES; i++)
		bad += pages[i] != NULL;
	KTAP_EXPECT_EQ(t, bad, n);
	ktap_release_action(t, free_pages_array, NULL);
}

static void pages_bulk_gives_distinct_zeroed_pages_of_the_preferred_zone(struct ktap_test *t)
{
	struct zone *high = &contig_page_data.node_zones[ZONE_HIGHMEM];

	check_pages_bulk(t, GFP_KERNEL, ZONE_NORMAL);
	if (populated_zone(high))
		check_pages_bulk(t, GFP_HIGHUSER, ZONE_HIGHMEM);
}

static void pages_bulk_with_everything_filled_allocates_nothing(struct ktap_test *t)
{
	struct page *two[2], *p;
	unsigned long free;

	p = two[0] = two[1] = alloc_pages(GFP_KERNEL, 0);
	KTAP_ASSERT_TRUE(t, p);
	free = nr_free_pages();
	KTAP_EXPECT_EQ(t, alloc_pages_bulk(GFP_KERNEL, 2, two), 2);
	KTAP_EXPECT_EQ(t, nr_free_pages(), free);
	KTAP_EXPECT_TRUE(t, two[0] == p && two[1] == p);
	__free_pages(p, 0);
}

static const struct ktap_case bulk_cases[] = {
	KTAP_CASE(cache_bulk_gives_distinct_live_objects_of_the_cache),
	KTAP_CASE(cache_bulk_on_a_debug_cache_is_checked_and_silent),
	KTAP_CASE(cache_free_bulk_of_null_cache_frees_kmalloc_objects),
	KTAP_CASE(pages_bulk_gives_distinct_zeroed_pages_of_the_preferred_zone),
	KTAP_CASE(pages_bulk_with_everything_filled_allocates_nothing),
};
KTAP_SUITE(bulk, bulk_cases);
