/*
 * Host tests for mm/pgtable_kernel.c and mm/pgtable.c on the fake MMU: L2 tables allocated
 * four to a page on first use (zeroed and cleaned before the first level points at them)
 * and freed when all four are empty, busy slots and bad ranges refused with nothing left
 * half-mapped, 64 KB pages, TLB flushes, and pt_walk() of every descriptor kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <asm/mmu.h>
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>

#include "harness/mm_host.h"
#include "harness/vmalloc_check.h"

#define DEV    0x10000000u
#define V(off) (VMALLOC_START + (off))

static bool is_mapped(unsigned long va)
{
	struct pt_walk w;

	return pt_walk(swapper_pg_dir, va, &w);
}

static void test_first_mapping_allocates_a_cleaned_page_of_four_tables(void **state)
{
	unsigned long free = vmalloc_settled_free();
	unsigned int first = pmd_index(V(0)), i;
	phys_addr_t table;
	long clean, pmd;

	host_mmu_log_clear();
	assert_int_equal(map_kernel_phys(V(0), DEV, PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL), 0);
	assert_int_equal(kernel_l2_pages(), 1);
	assert_int_equal(vmalloc_settled_free(), free - 1);
	table = swapper_pg_dir[first] & PMD_TABLE_BASE_MASK;
	for (i = 0; i < 4; i++)
		assert_int_equal(swapper_pg_dir[first + i],
				 mk_pmd_table(table + i * L2_TABLE_SIZE));
	/* The zeroed tables reach memory before the walker is told where they are. */
	clean = host_mmu_find(HOST_MMU_DCACHE_CLEAN, (unsigned long)__va(table),
			      (unsigned long)__va(table) + PAGE_SIZE);
	pmd = host_mmu_find(HOST_MMU_SET_PMD, first, 0);
	assert_true(clean >= 0 && pmd > clean);
	/* A mapping in another MB of the same four shares the page. */
	assert_int_equal(
		map_kernel_phys(V(3 * SECTION_SIZE), DEV, PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL), 0);
	assert_int_equal(kernel_l2_pages(), 1);
	unmap_kernel_range(V(0), PAGE_SIZE);
	assert_int_equal(kernel_l2_pages(), 1); /* MB 3 still uses its table */
	assert_false(is_mapped(V(0)));
	host_mmu_log_clear();
	unmap_kernel_range(V(3 * SECTION_SIZE), PAGE_SIZE);
	assert_int_equal(kernel_l2_pages(), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(swapper_pg_dir[first + i], 0);
	assert_true(host_mmu_log_count(HOST_MMU_TLB_FLUSH_ALL) >= 1);
	assert_int_equal(host_mmu_tlb_stale(), 0);
	assert_int_equal(vmalloc_settled_free(), free);
}

static void test_mapping_over_a_mapped_slot_is_busy_and_leaves_nothing_new(void **state)
{
	struct page *pages[3];
	int i;

	for (i = 0; i < 3; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	assert_int_equal(map_kernel_pages(V(2 * PAGE_SIZE), pages, 1, &PAGE_KERNEL, GFP_KERNEL), 0);
	/* Pages 0 and 1 map, page 2 is taken: both are undone. */
	assert_int_equal(map_kernel_pages(V(0), pages, 3, &PAGE_KERNEL, GFP_KERNEL), -EBUSY);
	assert_false(is_mapped(V(0)));
	assert_false(is_mapped(V(PAGE_SIZE)));
	assert_true(is_mapped(V(2 * PAGE_SIZE)));
	assert_int_equal(map_kernel_phys(V(0), DEV, 3 * PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL),
			 -EBUSY);
	assert_false(is_mapped(V(0)));
	assert_int_equal(host_mmu_tlb_stale(), 0);
	unmap_kernel_range(V(2 * PAGE_SIZE), PAGE_SIZE);
	assert_int_equal(kernel_l2_pages(), 0);
	for (i = 0; i < 3; i++)
		__free_pages(pages[i], 0);
}

/*
 * Each call's attributes reach its descriptors, whatever the previous call asked for,
 * and a caller's own struct is read by value: changed contents at the same address count.
 */
static void test_each_mapping_gets_its_own_attributes(void **state)
{
	struct pt_attrs mine = PAGE_KERNEL;
	const struct pt_attrs *prot[] = { &PAGE_KERNEL,	   &PAGE_KERNEL_NC,
					  &PAGE_KERNEL,	   &PAGE_KERNEL_RO,
					  &PAGE_KERNEL_RO, &PAGE_DEVICE,
					  &mine,	   &mine };
	struct page *page = alloc_page(GFP_KERNEL);
	pte_t *l2;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(prot); i++) {
		if (i == ARRAY_SIZE(prot) - 1)
			mine.xn = false;
		assert_int_equal(map_kernel_pages(V(0), &page, 1, prot[i], GFP_KERNEL), 0);
		l2 = (pte_t *)__va(swapper_pg_dir[pmd_index(V(0))] & PMD_TABLE_BASE_MASK);
		assert_int_equal(l2[pte_index(V(0))], mk_pte_small(page_to_phys(page), prot[i]));
		unmap_kernel_range(V(0), PAGE_SIZE);
	}
	assert_int_not_equal(mk_pte_small(0, &mine), mk_pte_small(0, &PAGE_KERNEL));
	__free_pages(page, 0);
}

static void test_bad_ranges_are_refused_with_a_report(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);

	assert_int_equal(map_kernel_phys(V(0) + 8, DEV, PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL),
			 -EINVAL);
	assert_int_equal(map_kernel_phys(V(0), DEV, 100, &PAGE_DEVICE, GFP_KERNEL), -EINVAL);
	assert_int_equal(map_kernel_phys(V(0), DEV, 0, &PAGE_DEVICE, GFP_KERNEL), -EINVAL);
	assert_int_equal(map_kernel_phys(VMALLOC_END - PAGE_SIZE, DEV, 2 * PAGE_SIZE, &PAGE_DEVICE,
					 GFP_KERNEL),
			 -EINVAL);
	assert_int_equal(map_kernel_phys(VMALLOC_START - PAGE_SIZE, DEV, PAGE_SIZE, &PAGE_DEVICE,
					 GFP_KERNEL),
			 -EINVAL);
	assert_int_equal(map_kernel_pages(V(0), &page, 0, &PAGE_KERNEL, GFP_KERNEL), -EINVAL);
	assert_int_equal(host_log_count("pgtable: bad kernel range"), 6);
	/* An unaligned physical address is refused without a report. */
	assert_int_equal(map_kernel_phys(V(0), DEV + 4, PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL),
			 -EINVAL);
	unmap_kernel_range(V(0) + 1, PAGE_SIZE);
	assert_int_equal(host_log_count("pgtable: bad kernel range"), 7);
	assert_int_equal(kernel_l2_pages(), 0);
	__free_pages(page, 0);
}

static void test_mapping_changes_from_interrupt_context_are_refused(void **state)
{
	irq_enter();
	assert_int_equal(map_kernel_phys(V(0), DEV, PAGE_SIZE, &PAGE_DEVICE, GFP_ATOMIC), -EINVAL);
	irq_exit();
	assert_true(host_log_contains("vmalloc-area mapping change from interrupt context"));
	assert_int_equal(kernel_l2_pages(), 0);
}

static void test_no_page_for_a_table_is_enomem_with_nothing_mapped(void **state)
{
	unsigned long free = vmalloc_settled_free();
	struct list_head held;
	struct page *page, *n;

	INIT_LIST_HEAD(&held);
	drain_all_pages();
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		list_add(&page->lru, &held);
	assert_int_equal(map_kernel_phys(V(0), DEV, PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL), -ENOMEM);
	page = list_first_entry(&held, struct page, lru);
	list_del(&page->lru);
	__free_pages(page, 0);
	drain_all_pages();
	/* One table page for the first 4 MB, none left for the next: all undone. */
	assert_int_equal(map_kernel_phys(V(4 * SECTION_SIZE - PAGE_SIZE), DEV, 2 * PAGE_SIZE,
					 &PAGE_DEVICE, GFP_KERNEL),
			 -ENOMEM);
	assert_false(is_mapped(V(4 * SECTION_SIZE - PAGE_SIZE)));
	assert_int_equal(kernel_l2_pages(), 0);
	list_for_each_entry_safe(page, n, &held, lru)
		__free_pages(page, 0);
	assert_int_equal(vmalloc_settled_free(), free);
}

static void test_large_pages_are_sixteen_copies_where_va_and_phys_are_64kb_aligned(void **state)
{
	unsigned int i;
	pte_t *t;

	assert_int_equal(map_kernel_phys(V(0), DEV, SZ_64K + PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL),
			 0);
	t = __va(swapper_pg_dir[pmd_index(V(0))] & PMD_TABLE_BASE_MASK);
	for (i = 0; i < 16; i++)
		assert_int_equal(t[i], mk_pte_large(DEV, &PAGE_DEVICE));
	assert_int_equal(t[16], mk_pte_small(DEV + SZ_64K, &PAGE_DEVICE));
	unmap_kernel_range(V(0), SZ_64K + PAGE_SIZE);
	assert_int_equal(kernel_l2_pages(), 0);
}

static void test_unmap_flushes_each_page_up_to_32_then_the_whole_tlb(void **state)
{
	assert_int_equal(map_kernel_phys(V(0), DEV, 65 * PAGE_SIZE, &PAGE_DEVICE, GFP_KERNEL), 0);
	host_mmu_log_clear();
	unmap_kernel_range(V(0), 32 * PAGE_SIZE);
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_PAGE), 32);
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_ALL), 0);
	host_mmu_log_clear();
	unmap_kernel_range(V(32 * PAGE_SIZE), 33 * PAGE_SIZE);
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_PAGE), 0);
	/* One for the 33 entries, one for the table page taken out after them. */
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_ALL), 2);
	assert_int_equal(kernel_l2_pages(), 0);
	assert_int_equal(host_mmu_tlb_stale(), 0);
}

static void test_pt_walk_decodes_every_first_and_second_level_kind(void **state)
{
	static pmd_t pgd[PTRS_PER_PMD];
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	pte_t *l2 = page_address(page);
	unsigned long base = PAGE_OFFSET + 0x20000000; /* ARM 0xe0000000, 16 MB aligned */
	struct pt_walk w;
	unsigned int i;

	memset(pgd, 0, sizeof(pgd));
	pgd[pmd_index(base)] = mk_pmd_section(0x12300000, &PAGE_KERNEL);
	assert_true(pt_walk(pgd, base + 0x45678, &w));
	assert_int_equal(w.l1.kind, DESC_SECTION);
	assert_int_equal(w.phys, 0x12345678);
	assert_false(w.has_l2);
	/* A supersection: 16 MB, its base in bits 31:24, in 16 consecutive entries. */
	for (i = 16; i < 32; i++)
		pgd[pmd_index(base) + i] = mk_pmd_section(0x2000000, &PAGE_KERNEL) | PMD_SECT_SUPER;
	assert_true(pt_walk(pgd, base + 0x1abcdef, &w));
	assert_int_equal(w.l1.kind, DESC_SUPERSECTION);
	assert_int_equal(w.phys, 0x2abcdef);
	pgd[pmd_index(base) + 32] = mk_pmd_table(page_to_phys(page));
	l2[1] = mk_pte_small(0x7000, &PAGE_KERNEL_RO);
	for (i = 16; i < 32; i++) /* a large page: 16 copies */
		l2[i] = mk_pte_large(0x50000, &PAGE_DEVICE);
	assert_true(pt_walk(pgd, base + 0x2001234, &w));
	assert_int_equal(w.l2.kind, DESC_SMALL);
	assert_int_equal(w.phys, 0x7234);
	assert_true(w.leaf->attrs.ro);
	assert_true(pt_walk(pgd, base + 0x2012345, &w));
	assert_int_equal(w.l2.kind, DESC_LARGE);
	assert_int_equal(w.phys, 0x52345);
	assert_false(pt_walk(pgd, base + 0x2002000, &w)); /* a fault entry in the table */
	assert_true(w.has_l2);
	assert_false(w.mapped);
	assert_false(pt_walk(pgd, base + 0x3000000, &w)); /* a fault first-level entry */
	assert_false(w.has_l2);
	__free_pages(page, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, vmalloc_host_setup, vmalloc_host_teardown)
		T(test_first_mapping_allocates_a_cleaned_page_of_four_tables),
		T(test_mapping_over_a_mapped_slot_is_busy_and_leaves_nothing_new),
		T(test_each_mapping_gets_its_own_attributes),
		T(test_bad_ranges_are_refused_with_a_report),
		T(test_mapping_changes_from_interrupt_context_are_refused),
		T(test_no_page_for_a_table_is_enomem_with_nothing_mapped),
		T(test_large_pages_are_sixteen_copies_where_va_and_phys_are_64kb_aligned),
		T(test_unmap_flushes_each_page_up_to_32_then_the_whole_tlb),
		T(test_pt_walk_decodes_every_first_and_second_level_kind),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
