/*
 * Host tests for mm/memblock.c and the memblock -> buddy hand-over in mem_init(): region
 * merging and splitting, top-down early allocation, holes between RAM banks, partial
 * pages and the retirement of memblock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mm/kfence.h>
#include <mm/memblock.h>
#include <mm/mm.h>

#include "harness/mm_host.h"

#define MB (1UL << 20)

static int setup(void **state)
{
	host_irq_reset();
	host_mem_init(16 * MB, 16 * MB);
	memblock_reset();
	host_log_clear();
	return 0;
}

static int teardown(void **state)
{
	mm_host_shutdown();
	return 0;
}

static void expect_region(const struct memblock_type *t, unsigned long i, phys_addr_t base,
			  phys_addr_t size)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
}

static void test_memblock_add_merges_overlapping_and_adjacent_regions(void **state)
{
	assert_int_equal(memblock_add(8 * MB, 4 * MB), 0);
	assert_int_equal(memblock_add(0, 2 * MB), 0);
	assert_int_equal(memblock_add(2 * MB, MB), 0);	    /* touches the first */
	assert_int_equal(memblock_add(10 * MB, 4 * MB), 0); /* overlaps the second */
	assert_int_equal(memblock.memory.cnt, 2);
	expect_region(&memblock.memory, 0, 0, 3 * MB);
	expect_region(&memblock.memory, 1, 8 * MB, 6 * MB);
	assert_int_equal(memblock_phys_mem_size(), 9 * MB);
	assert_int_equal(memblock_start_of_DRAM(), 0);
	assert_int_equal(memblock_end_of_DRAM(), 14 * MB);
	assert_true(memblock_is_memory(9 * MB));
	assert_false(memblock_is_memory(5 * MB));
	assert_int_equal(memblock_add(0, 16 * MB), 0);
	assert_int_equal(memblock.memory.cnt, 1);
}

static void test_memblock_phys_free_splits_a_reserved_region(void **state)
{
	memblock_add(0, 16 * MB);
	memblock_reserve(MB, 4 * MB);
	assert_int_equal(memblock_phys_free(2 * MB, MB), 0);
	assert_int_equal(memblock.reserved.cnt, 2);
	expect_region(&memblock.reserved, 0, MB, MB);
	expect_region(&memblock.reserved, 1, 3 * MB, 2 * MB);
	assert_true(memblock_is_region_reserved(MB, 1));
	assert_false(memblock_is_region_reserved(2 * MB, MB));
	assert_int_equal(memblock_phys_free(0, 16 * MB), 0);
	assert_int_equal(memblock.reserved.cnt, 0);
}

static void test_memblock_alloc_is_top_down_aligned_zeroed_and_reserved(void **state)
{
	phys_addr_t phys;
	unsigned char *p;
	unsigned long i;

	memblock_add(0, 16 * MB);
	memset(__va(15 * MB), 0xff, MB);
	p = memblock_alloc(8192, 16384);
	assert_non_null(p);
	phys = __pa(p);
	assert_int_equal(phys, 16 * MB - 16384);
	for (i = 0; i < 8192; i++)
		assert_int_equal(p[i], 0);
	assert_true(memblock_is_region_reserved(phys, 8192));
	/* Alignment left a gap above it: the next page fills that, the one after goes below. */
	assert_int_equal(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), 16 * MB - PAGE_SIZE);
	assert_int_equal(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), 16 * MB - 2 * PAGE_SIZE);
	assert_int_equal(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), 16 * MB - 16384 - PAGE_SIZE);
}

static void test_memblock_alloc_skips_reserved_ranges_and_respects_the_limit(void **state)
{
	memblock_add(0, 16 * MB);
	memblock_reserve(12 * MB, 4 * MB);
	memblock_reserve(10 * MB, MB);
	assert_int_equal(memblock_phys_alloc(2 * MB, MB), 8 * MB);
	memblock_set_current_limit(4 * MB);
	assert_int_equal(memblock_phys_alloc(MB, MB), 3 * MB);
}

static void test_memblock_alloc_failure_is_reported_and_returns_null(void **state)
{
	memblock_add(0, 16 * MB);
	assert_null(memblock_alloc(32 * MB, PAGE_SIZE));
	assert_true(host_log_contains("memblock: cannot allocate"));
	assert_int_equal(memblock.reserved.cnt, 0);
}

static void test_memblock_table_full_is_refused_unchanged(void **state)
{
	unsigned long i;

	memblock_add(0, 16 * MB);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_reserve((phys_addr_t)(i * 2 * PAGE_SIZE), PAGE_SIZE), 0);
	assert_int_equal(memblock_reserve(15 * MB, PAGE_SIZE), -1);
	assert_true(host_log_contains("reserved table full"));
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	/* Merging into existing regions still works when the table is full. */
	assert_int_equal(memblock_reserve(PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS - 1);
}

static void test_mem_init_frees_every_unreserved_page_and_retires_memblock(void **state)
{
	unsigned long memmap_pages, reserved_pages = 2, hole = 1024;
	struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];

	/* Two banks with a 4 MB hole; a reservation that ends inside a page. */
	memblock_add(0, 8 * MB);
	memblock_add(12 * MB, 4 * MB);
	memblock_reserve(MB, 5000);
	mem_init(2 * MB, 16 * MB);
	memmap_pages = (4096 * sizeof(struct page) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	memmap_pages += KFENCE_POOL_SIZE >> PAGE_SHIFT; /* the KFENCE pool, from memblock too */

	assert_int_equal(dma->spanned_pages, 512);
	assert_int_equal(dma->managed_pages, 512 - reserved_pages);
	assert_int_equal(normal->spanned_pages, 3584);
	assert_int_equal(normal->present_pages, 3584 - hole);
	assert_int_equal(normal->managed_pages, 3584 - hole - memmap_pages);
	assert_int_equal(totalram_pages, 4096 - hole - reserved_pages - memmap_pages);
	assert_int_equal(totalhigh_pages, 0);
	assert_true(PageReserved(pfn_to_page(256)));
	assert_true(PageReserved(pfn_to_page(257)));
	assert_false(PageReserved(pfn_to_page(258)));
	assert_true(PageReserved(pfn_to_page(2048))); /* the hole */
	assert_int_equal(nr_free_pages(), totalram_pages);
	assert_int_equal(mm_host_check(NULL), 0);

	/* No highmem: __GFP_HIGHMEM falls back to Normal. */
	{
		struct page *page = alloc_page(GFP_HIGHUSER);

		assert_int_equal(page_zonenum(page), ZONE_NORMAL);
		__free_page(page);
	}

	host_log_clear();
	assert_int_equal(memblock_add(0, MB), -1);
	assert_int_equal(memblock_reserve(0, MB), -1);
	assert_null(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	assert_int_equal(host_log_count("after memblock_free_all()"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_memblock_add_merges_overlapping_and_adjacent_regions),
		T(test_memblock_phys_free_splits_a_reserved_region),
		T(test_memblock_alloc_is_top_down_aligned_zeroed_and_reserved),
		T(test_memblock_alloc_skips_reserved_ranges_and_respects_the_limit),
		T(test_memblock_alloc_failure_is_reported_and_returns_null),
		T(test_memblock_table_full_is_refused_unchanged),
		T(test_mem_init_frees_every_unreserved_page_and_retires_memblock),
#undef T
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
