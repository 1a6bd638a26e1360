/*
 * Host tests for mm/dma-mapping.c on the fake MMU: coherent buffers (zeroed, their cached
 * alias written back and discarded once, remapped normal uncached, below the device's
 * mask, 64 KB pages from order 4), streaming mappings and the cache maintenance each
 * direction implies (recorded by the fake), and every refused call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "harness/mm_host.h"
#include "harness/vmalloc_check.h"

static struct device dev = {
	.name = "pl080",
	.dma_mask = 0xffffffff,
	.coherent_dma_mask = 0xffffffff,
};

static struct pt_walk walk(const void *addr)
{
	struct pt_walk w;

	pt_walk(swapper_pg_dir, (unsigned long)addr, &w);
	return w;
}

static unsigned long dma_zone_end(void)
{
	const struct zone *z = &contig_page_data.node_zones[ZONE_DMA];

	return zone_end_pfn(z) << PAGE_SHIFT;
}

static void test_coherent_buffer_is_zeroed_uncached_and_its_alias_flushed(void **state)
{
	struct page *dirty = alloc_pages(GFP_KERNEL, 1);
	dma_addr_t handle;
	unsigned char *cpu;
	unsigned long lowmem, i;

	memset(page_address(dirty), 0xee, 2 * PAGE_SIZE);
	__free_pages(dirty, 1);
	host_mmu_log_clear();
	cpu = dma_alloc_coherent(&dev, 5000, &handle, GFP_KERNEL);
	assert_non_null(cpu);
	assert_true(is_vmalloc_addr(cpu));
	assert_int_equal(find_vm_area(cpu)->flags, VM_DMA_COHERENT);
	lowmem = (unsigned long)__va(handle);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		assert_int_equal(cpu[i], 0);
	assert_true(host_mmu_find(HOST_MMU_DCACHE_FLUSH, lowmem, lowmem + 2 * PAGE_SIZE) >= 0);
	for (i = 0; i < 2; i++) {
		struct pt_walk w = walk(cpu + i * PAGE_SIZE);

		assert_int_equal(w.phys, handle + i * PAGE_SIZE);
		assert_int_equal(w.leaf->attrs.type, MT_NORMAL_NC);
		assert_true(w.leaf->attrs.xn);
	}
	/* The CPU's writes through the uncached alias are what the device reads. */
	cpu[100] = 0x5a;
	assert_int_equal(((unsigned char *)__va(handle))[100], 0x5a);
	assert_int_equal(vmalloc_check(), 0);
	dma_free_coherent(&dev, 5000, cpu, handle);
	assert_false(walk(cpu).mapped);
}

static void test_coherent_buffer_of_64kb_uses_large_pages(void **state)
{
	dma_addr_t handle;
	void *cpu = dma_alloc_coherent(&dev, SZ_64K, &handle, GFP_KERNEL);

	assert_non_null(cpu);
	assert_true(IS_ALIGNED((unsigned long)cpu - VMALLOC_START, SZ_64K));
	assert_int_equal(walk(cpu).l2.kind, DESC_LARGE);
	assert_int_equal(walk((char *)cpu + SZ_64K - 1).phys, handle + SZ_64K - 1);
	dma_free_coherent(&dev, SZ_64K, cpu, handle);
}

static void test_coherent_buffer_lies_below_a_mask_that_covers_only_zone_dma(void **state)
{
	struct device small = { .name = "isa",
				.dma_mask = dma_zone_end() - 1,
				.coherent_dma_mask = dma_zone_end() - 1 };
	dma_addr_t handle;
	void *cpu = dma_alloc_coherent(&small, PAGE_SIZE, &handle, GFP_KERNEL | __GFP_HIGHMEM);

	assert_non_null(cpu);
	assert_true(handle < dma_zone_end());
	dma_free_coherent(&small, PAGE_SIZE, cpu, handle);
}

static void test_coherent_buffer_for_a_mask_below_zone_dma_is_refused(void **state)
{
	struct device tiny = { .name = "tiny", .dma_mask = 0xfffff, .coherent_dma_mask = 0xfffff };
	dma_addr_t handle;

	assert_null(dma_alloc_coherent(&tiny, PAGE_SIZE, &handle, GFP_KERNEL));
	assert_true(host_log_contains("dma: tiny: mask 0x000fffff cannot reach ZONE_DMA"));
}

static void test_coherent_buffer_of_zero_or_too_many_bytes_is_refused(void **state)
{
	unsigned long before = vmalloc_settled_free();
	dma_addr_t handle;

	assert_null(dma_alloc_coherent(&dev, 0, &handle, GFP_KERNEL));
	assert_null(
		dma_alloc_coherent(&dev, (PAGE_SIZE << (MAX_ORDER - 1)) + 1, &handle, GFP_KERNEL));
	assert_null(dma_alloc_coherent(&dev, SIZE_MAX, &handle, GFP_KERNEL));
	assert_int_equal(vmalloc_nr_areas(), 0);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_coherent_buffer_without_memory_gives_everything_back(void **state)
{
	unsigned long before = vmalloc_settled_free();
	struct list_head held;
	struct page *page, *n;
	dma_addr_t handle;
	void *cpu;

	/* No page for the L2 table: the buffer itself must go back too. */
	INIT_LIST_HEAD(&held);
	drain_all_pages();
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		list_add(&page->lru, &held);
	page = list_first_entry(&held, struct page, lru);
	list_del(&page->lru);
	__free_pages(page, 0);
	assert_null(dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL));
	assert_null(dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(vmalloc_nr_areas(), 0);
	list_for_each_entry_safe(page, n, &held, lru)
		__free_pages(page, 0);
	cpu = dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL);
	dma_free_coherent(&dev, PAGE_SIZE, cpu, handle);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_dma_free_coherent_of_a_wrong_buffer_is_reported_and_ignored(void **state)
{
	dma_addr_t handle;
	void *cpu = dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL);
	void *v = vmalloc(PAGE_SIZE);

	dma_free_coherent(&dev, PAGE_SIZE, cpu, handle + PAGE_SIZE);  /* wrong handle */
	dma_free_coherent(&dev, 2 * PAGE_SIZE, cpu, handle);	      /* wrong size */
	dma_free_coherent(&dev, PAGE_SIZE, (char *)cpu + 32, handle); /* not the start */
	dma_free_coherent(&dev, PAGE_SIZE, v, handle);		      /* a vmalloc area */
	dma_free_coherent(&dev, SIZE_MAX, cpu, handle);		      /* no such size */
	assert_int_equal(host_log_count("is not a coherent buffer"), 5);
	assert_true(walk(cpu).mapped);
	dma_free_coherent(&dev, PAGE_SIZE, cpu, handle);
	vfree(v);
}

static void test_dma_map_single_cleans_invalidates_or_flushes_by_direction(void **state)
{
	char *buf = kmalloc(256, GFP_KERNEL);
	unsigned long a = (unsigned long)buf;

	host_mmu_log_clear();
	assert_int_equal(dma_map_single(&dev, buf, 256, DMA_TO_DEVICE), __pa(buf));
	assert_int_equal(dma_map_single(&dev, buf, 256, DMA_FROM_DEVICE), __pa(buf));
	assert_int_equal(dma_map_single(&dev, buf, 256, DMA_BIDIRECTIONAL), __pa(buf));
	assert_int_equal(host_mmu_find(HOST_MMU_DCACHE_CLEAN, a, a + 256), 0);
	assert_int_equal(host_mmu_find(HOST_MMU_DCACHE_INV, a, a + 256), 1);
	assert_int_equal(host_mmu_find(HOST_MMU_DCACHE_FLUSH, a, a + 256), 2);
	host_mmu_log_clear();
	/* Unmapping drops what the CPU may have fetched while the device wrote. */
	dma_unmap_single(&dev, __pa(buf), 256, DMA_TO_DEVICE);
	assert_int_equal(host_mmu_log_count(HOST_MMU_DCACHE_INV), 0);
	dma_unmap_single(&dev, __pa(buf), 256, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, __pa(buf), 256, DMA_BIDIRECTIONAL);
	assert_int_equal(host_mmu_log_count(HOST_MMU_DCACHE_INV), 2);
	assert_int_equal(host_mmu_find(HOST_MMU_DCACHE_INV, a, a + 256), 0);
	kfree(buf);
}

static void test_dma_map_single_to_a_device_needs_no_whole_cache_lines(void **state)
{
	char *buf = kmalloc(256, GFP_KERNEL);

	assert_int_equal(dma_map_single(&dev, buf + 3, 10, DMA_TO_DEVICE), __pa(buf) + 3);
	dma_unmap_single(&dev, __pa(buf) + 3, 10, DMA_TO_DEVICE);
	kfree(buf);
}

static void test_dma_map_single_refuses_what_cannot_be_mapped_safely(void **state)
{
	struct device low = { .name = "low", .dma_mask = 0xfffff, .coherent_dma_mask = 0xfffff };
	char *buf = kmalloc(256, GFP_KERNEL);
	void *v = vmalloc(PAGE_SIZE);

	host_mmu_log_clear();
	assert_int_equal(dma_map_single(&dev, buf, 0, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, buf, 256, DMA_NONE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, v, 256, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, buf, LOWMEM_SIZE, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(host_log_count("bad buffer"), 4);
	assert_int_equal(dma_map_single(&dev, buf + 8, 64, DMA_FROM_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, buf, 40, DMA_BIDIRECTIONAL), DMA_MAPPING_ERROR);
	assert_int_equal(host_log_count("is not cache-line (32 byte) aligned"), 2);
	assert_int_equal(dma_map_single(&low, buf, 256, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_true(host_log_contains("is beyond the device's mask 0x000fffff"));
	/* Nothing was cleaned or invalidated for a refused buffer. */
	assert_int_equal(host_mmu_log_count(HOST_MMU_DCACHE_CLEAN) +
				 host_mmu_log_count(HOST_MMU_DCACHE_INV) +
				 host_mmu_log_count(HOST_MMU_DCACHE_FLUSH),
			 0);
	vfree(v);
	kfree(buf);
}

static void test_dma_unmap_single_of_a_bad_buffer_invalidates_nothing(void **state)
{
	char *buf = kmalloc(256, GFP_KERNEL);

	host_mmu_log_clear();
	/* Partial lines: the invalidate would throw away the neighbours' data. */
	dma_unmap_single(&dev, __pa(buf) + 8, 64, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, __pa(buf), 40, DMA_BIDIRECTIONAL);
	dma_unmap_single(&dev, DMA_MAPPING_ERROR, 256, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, __pa(buf), 0, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, __pa(buf), 256, DMA_NONE);
	assert_int_equal(host_mmu_log_count(HOST_MMU_DCACHE_INV), 0);
	assert_int_equal(host_log_count("dma_unmap_single: pl080: "), 5);
	kfree(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, vmalloc_host_setup, vmalloc_host_teardown)
		T(test_coherent_buffer_is_zeroed_uncached_and_its_alias_flushed),
		T(test_coherent_buffer_of_64kb_uses_large_pages),
		T(test_coherent_buffer_lies_below_a_mask_that_covers_only_zone_dma),
		T(test_coherent_buffer_for_a_mask_below_zone_dma_is_refused),
		T(test_coherent_buffer_of_zero_or_too_many_bytes_is_refused),
		T(test_coherent_buffer_without_memory_gives_everything_back),
		T(test_dma_free_coherent_of_a_wrong_buffer_is_reported_and_ignored),
		T(test_dma_map_single_cleans_invalidates_or_flushes_by_direction),
		T(test_dma_map_single_to_a_device_needs_no_whole_cache_lines),
		T(test_dma_map_single_refuses_what_cannot_be_mapped_safely),
		T(test_dma_unmap_single_of_a_bad_buffer_invalidates_nothing),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
