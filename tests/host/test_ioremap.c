/*
 * Host tests for mm/ioremap.c on the fake MMU: device memory mapped execute-never with
 * the right type, 64 KB pages where phys and size allow, the offset of an unaligned
 * address kept, RAM and impossible ranges refused, iounmap of anything else reported.
 * The default arena has 32 MB of RAM from physical 0, so 0x10000000 is "a device".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <asm/io.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>

#include "harness/mm_host.h"
#include "harness/vmalloc_check.h"

#define DEV 0x10000000u

static struct pt_walk walk(const volatile void *addr)
{
	struct pt_walk w;

	pt_walk(swapper_pg_dir, (unsigned long)addr, &w);
	return w;
}

static void test_ioremap_maps_device_registers_uncached_and_execute_never(void **state)
{
	void __iomem *r = ioremap(DEV + 0x24, 8);
	struct vm_struct *vm;
	struct pt_walk w;

	assert_non_null(r);
	assert_int_equal((unsigned long)r & ~PAGE_MASK, 0x24);
	vm = find_vm_area((void *)((unsigned long)r & PAGE_MASK));
	assert_int_equal(vm->flags, VM_IOREMAP);
	assert_int_equal(vm->phys_addr, DEV);
	assert_int_equal(vm->size, PAGE_SIZE);
	w = walk(r);
	assert_true(w.mapped);
	assert_int_equal(w.l2.kind, DESC_SMALL);
	assert_int_equal(w.phys, DEV + 0x24);
	assert_int_equal(w.leaf->attrs.type, MT_DEVICE);
	assert_true(w.leaf->attrs.xn);
	assert_int_equal(vmalloc_check(), 0);
	iounmap(r);
	assert_false(walk(r).mapped);
}

static void test_ioremap_of_a_range_across_a_page_boundary_maps_both_pages(void **state)
{
	void __iomem *r = ioremap(DEV + PAGE_SIZE - 4, 8);

	assert_int_equal(find_vm_area((void *)((unsigned long)r & PAGE_MASK))->size, 2 * PAGE_SIZE);
	assert_int_equal(walk((char *)r + 4).phys, DEV + PAGE_SIZE);
	iounmap(r);
}

static void test_ioremap_uses_64kb_pages_where_phys_and_size_are_aligned(void **state)
{
	void __iomem *r = ioremap(DEV, 0x24000);
	unsigned long i;

	assert_true(IS_ALIGNED((unsigned long)r - VMALLOC_START, SZ_64K));
	for (i = 0; i < 0x24000; i += PAGE_SIZE) {
		struct pt_walk w = walk((char *)r + i);

		assert_int_equal(w.l2.kind, i < 0x20000 ? DESC_LARGE : DESC_SMALL);
		assert_int_equal(w.phys, DEV + i);
	}
	assert_int_equal(vmalloc_check(), 0);
	iounmap(r);
}

static void test_ioremap_of_unaligned_phys_uses_small_pages(void **state)
{
	void __iomem *r = ioremap(DEV + PAGE_SIZE, SZ_64K);
	unsigned long i;

	for (i = 0; i < SZ_64K; i += PAGE_SIZE)
		assert_int_equal(walk((char *)r + i).l2.kind, DESC_SMALL);
	iounmap(r);
}

static void test_ioremap_wc_maps_normal_uncached_memory(void **state)
{
	void __iomem *r = ioremap_wc(DEV, PAGE_SIZE), *n = ioremap_nocache(DEV, PAGE_SIZE);

	assert_int_equal(walk(r).leaf->attrs.type, MT_NORMAL_NC);
	assert_int_equal(walk(n).leaf->attrs.type, MT_DEVICE);
	iounmap(r);
	iounmap(n);
}

static void test_ioremap_of_ram_is_refused(void **state)
{
	unsigned long ram_end = max_pfn << PAGE_SHIFT;

	assert_null(ioremap(0, PAGE_SIZE));
	assert_null(ioremap(ram_end - PAGE_SIZE, PAGE_SIZE));	  /* highmem is RAM too */
	assert_null(ioremap(ram_end - PAGE_SIZE, 2 * PAGE_SIZE)); /* starts in RAM */
	assert_int_equal(host_log_count("ioremap: refusing to map RAM"), 3);
	assert_non_null(ioremap(ram_end, PAGE_SIZE)); /* the first page above RAM */
	assert_int_equal(vmalloc_nr_areas(), 1);
	iounmap((void __iomem *)find_vm_area((void *)VMALLOC_START)->addr);
}

static void test_ioremap_of_an_empty_or_wrapping_range_is_refused(void **state)
{
	unsigned long before = vmalloc_settled_free();

	assert_null(ioremap(DEV, 0));
	/* Past 4 GB: the second page would be physical 0, RAM. */
	assert_null(ioremap(0xfffff000u, 2 * PAGE_SIZE));
	assert_null(ioremap(0xffffff00u, 0x200));
	assert_int_equal(host_log_count("ioremap: bad range"), 3);
	assert_int_equal(vmalloc_nr_areas(), 0);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_ioremap_of_the_last_page_below_4gb_is_mapped(void **state)
{
	void __iomem *r = ioremap(0xfffff000u, PAGE_SIZE);

	assert_non_null(r);
	assert_int_equal(walk(r).phys, 0xfffff000u);
	iounmap(r);
}

static void test_ioremap_larger_than_the_vmalloc_area_is_refused(void **state)
{
	assert_null(ioremap(DEV, VMALLOC_TOTAL));
	assert_true(host_log_contains("ioremap: no room for"));
}

static void test_ioremap_without_memory_for_its_table_is_refused_cleanly(void **state)
{
	unsigned long before = vmalloc_settled_free();
	struct list_head held;
	struct page *page, *n;

	/* The area's node pool first, then take every lowmem page. */
	iounmap(ioremap(DEV, PAGE_SIZE));
	INIT_LIST_HEAD(&held);
	drain_all_pages();
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		list_add(&page->lru, &held);
	host_log_clear();
	assert_null(ioremap(DEV, PAGE_SIZE));
	assert_true(host_log_contains("ioremap: no memory for the page tables"));
	assert_int_equal(vmalloc_nr_areas(), 0);
	list_for_each_entry_safe(page, n, &held, lru)
		__free_pages(page, 0);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_iounmap_of_anything_but_an_ioremap_address_is_reported(void **state)
{
	void __iomem *r = ioremap(DEV, PAGE_SIZE);
	void *v = vmalloc(PAGE_SIZE);

	iounmap(v);
	iounmap((char *)r + PAGE_SIZE);
	iounmap(NULL);
	assert_int_equal(host_log_count("is not an ioremap address"), 3);
	assert_true(walk(v).mapped);
	assert_true(walk(r).mapped);
	iounmap((char *)r + 0x10); /* any address inside the first page will do */
	assert_false(walk(r).mapped);
	host_log_clear();
	iounmap(r);
	assert_int_equal(host_log_count("is not an ioremap address"), 1);
	vfree(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, vmalloc_host_setup, vmalloc_host_teardown)
		T(test_ioremap_maps_device_registers_uncached_and_execute_never),
		T(test_ioremap_of_a_range_across_a_page_boundary_maps_both_pages),
		T(test_ioremap_uses_64kb_pages_where_phys_and_size_are_aligned),
		T(test_ioremap_of_unaligned_phys_uses_small_pages),
		T(test_ioremap_wc_maps_normal_uncached_memory),
		T(test_ioremap_of_ram_is_refused),
		T(test_ioremap_of_an_empty_or_wrapping_range_is_refused),
		T(test_ioremap_of_the_last_page_below_4gb_is_mapped),
		T(test_ioremap_larger_than_the_vmalloc_area_is_refused),
		T(test_ioremap_without_memory_for_its_table_is_refused_cleanly),
		T(test_iounmap_of_anything_but_an_ioremap_address_is_reported),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
