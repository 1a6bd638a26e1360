/*
 * Host tests for mm/vmalloc.c on the fake MMU: what vmalloc/vzalloc/vmalloc_user/vfree,
 * vmap/vunmap and vmalloc_to_page leave in the page tables (walked with pt_walk()), that
 * memory behind a vmalloc address is the pages it names, that every page comes back, and
 * every refused call. vmalloc_check() verifies the whole area after each test.
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
#include <kernel/preempt.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "harness/mm_host.h"
#include "harness/vmalloc_check.h"

static bool mapped(const void *addr, struct pt_walk *w)
{
	struct pt_walk tmp;

	return pt_walk(swapper_pg_dir, (unsigned long)addr, w ? w : &tmp);
}

static void test_vmalloc_maps_every_page_and_leaves_the_guard_page_unmapped(void **state)
{
	char *p = vmalloc(3 * PAGE_SIZE);
	struct vm_struct *vm;
	struct pt_walk w;
	int i;

	assert_non_null(p);
	assert_true(is_vmalloc_addr(p));
	vm = find_vm_area(p);
	assert_non_null(vm);
	assert_int_equal(vm->flags, VM_ALLOC);
	assert_int_equal(vm->nr_pages, 3);
	for (i = 0; i < 3; i++) {
		assert_true(mapped(p + i * PAGE_SIZE, &w));
		assert_int_equal(w.l2.kind, DESC_SMALL);
		assert_int_equal(w.phys, page_to_phys(vm->pages[i]));
		assert_int_equal(w.leaf->attrs.type, MT_NORMAL);
		assert_true(w.leaf->attrs.xn);
		assert_false(w.leaf->attrs.ro);
		assert_ptr_equal(vmalloc_to_page(p + i * PAGE_SIZE + 5), vm->pages[i]);
	}
	assert_false(mapped(p + 3 * PAGE_SIZE, NULL));
	assert_null(vmalloc_to_page(p + 3 * PAGE_SIZE));
	assert_int_equal(vmalloc_check(), 0);
	vfree(p);
}

static void test_vmalloc_size_is_rounded_up_to_whole_pages(void **state)
{
	void *p = vmalloc(PAGE_SIZE + 1);

	assert_non_null(p);
	assert_int_equal(find_vm_area(p)->size, 2 * PAGE_SIZE);
	vfree(p);
}

static void test_vmalloc_takes_highmem_pages_first(void **state)
{
	void *p = vmalloc(4 * PAGE_SIZE);
	struct vm_struct *vm = find_vm_area(p);
	unsigned int i;

	for (i = 0; i < vm->nr_pages; i++)
		assert_true(PageHighMem(vm->pages[i]));
	vfree(p);
}

/* Data written through the vmalloc address is in the pages, read through kmap. */
static void test_vmalloc_memory_is_the_pages_it_maps(void **state)
{
	unsigned char *p = vmalloc(5 * PAGE_SIZE);
	unsigned int i;

	assert_non_null(p);
	for (i = 0; i < 5; i++)
		memset(p + i * PAGE_SIZE, 0x40 + i, PAGE_SIZE);
	for (i = 0; i < 5; i++) {
		unsigned char *k = kmap_atomic(vmalloc_to_page(p + i * PAGE_SIZE));

		assert_int_equal(k[0], 0x40 + i);
		assert_int_equal(k[PAGE_SIZE - 1], 0x40 + i);
		kunmap_atomic(k);
	}
	vfree(p);
}

static void dirty_free_memory(void)
{
	struct page *pages[64];
	int i;

	for (i = 0; i < 64; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		assert_non_null(pages[i]);
		void *k = kmap_atomic(pages[i]);

		memset(k, 0xa5, PAGE_SIZE);
		kunmap_atomic(k);
	}
	while (i--)
		__free_pages(pages[i], 0);
}

static void test_vzalloc_and_vmalloc_user_return_zeroed_memory(void **state)
{
	unsigned char *z, *u;
	unsigned long i;

	dirty_free_memory();
	z = vzalloc(16 * PAGE_SIZE);
	u = vmalloc_user(16 * PAGE_SIZE);
	assert_non_null(z);
	assert_non_null(u);
	for (i = 0; i < 16 * PAGE_SIZE; i++) {
		assert_int_equal(z[i], 0);
		assert_int_equal(u[i], 0);
	}
	assert_int_equal(find_vm_area(u)->flags, VM_ALLOC | VM_USERMAP);
	vfree(z);
	vfree(u);
}

static void test_vfree_unmaps_and_gives_back_every_page_and_table(void **state)
{
	unsigned long before = vmalloc_settled_free(), l2 = kernel_l2_pages();
	char *p = vmalloc(10 * PAGE_SIZE);
	unsigned long i;

	assert_non_null(p);
	assert_int_equal(kernel_l2_pages(), l2 + 1);
	host_mmu_log_clear();
	vfree(p);
	for (i = 0; i < 10; i++) {
		assert_false(mapped(p + i * PAGE_SIZE, NULL));
		assert_true(host_mmu_find(HOST_MMU_TLB_FLUSH_PAGE, (unsigned long)p + i * PAGE_SIZE,
					  (unsigned long)p + (i + 1) * PAGE_SIZE) >= 0);
	}
	assert_null(find_vm_area(p));
	assert_int_equal(kernel_l2_pages(), l2);
	assert_int_equal(host_mmu_tlb_stale(), 0);
	assert_int_equal(vmalloc_settled_free(), before);
	assert_int_equal(vmalloc_nr_areas(), 0);
}

static void test_vfree_of_more_than_32_pages_flushes_the_whole_tlb_once(void **state)
{
	void *p = vmalloc(33 * PAGE_SIZE);

	host_mmu_log_clear();
	vfree(p);
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_PAGE), 0);
	/* One for the entries, one after the emptied L2 table page is taken out. */
	assert_int_equal(host_mmu_log_count(HOST_MMU_TLB_FLUSH_ALL), 2);
}

static void test_vfree_writes_back_the_area_first_on_an_aliasing_dcache(void **state)
{
	void *p = vmalloc(2 * PAGE_SIZE), *q = vmalloc(PAGE_SIZE);
	unsigned long a = (unsigned long)p;

	host_mmu_log_clear();
	vfree(q);
	assert_int_equal(host_mmu_log_count(HOST_MMU_DCACHE_FLUSH), 0);
	host_dcache_aliasing = true;
	vfree(p);
	assert_true(host_mmu_find(HOST_MMU_DCACHE_FLUSH, a, a + 2 * PAGE_SIZE) >= 0);
	/* ... before the entries go */
	assert_true(host_mmu_find(HOST_MMU_DCACHE_FLUSH, a, a + 2 * PAGE_SIZE) <
		    host_mmu_find(HOST_MMU_SET_PTE, a, a + PAGE_SIZE));
}

static void test_vmalloc_of_zero_or_too_many_bytes_is_refused(void **state)
{
	unsigned long before = vmalloc_settled_free();

	assert_null(vmalloc(0));
	assert_null(vmalloc(VMALLOC_TOTAL + 1));
	assert_int_equal(host_log_count("is out of range"), 2);
	host_log_clear();
	assert_null(vmalloc(~0UL - 5)); /* PAGE_ALIGN wraps to 0: the size asked is named */
	assert_true(host_log_contains("size 18446744073709551610 is out of range"));
	assert_null(vmalloc(VMALLOC_TOTAL)); /* no room for the guard page */
	assert_true(host_log_contains("vmalloc: allocation failure"));
	assert_int_equal(vmalloc_settled_free(), before);
	assert_int_equal(vmalloc_nr_areas(), 0);
}

static void test_vmalloc_from_atomic_context_is_refused_with_a_report(void **state)
{
	preempt_disable();
	assert_null(vmalloc(PAGE_SIZE));
	preempt_enable();
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	host_log_clear();
	local_irq_disable();
	assert_null(vmap(NULL, 1, 0, &PAGE_KERNEL));
	local_irq_enable();
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	assert_int_equal(vmalloc_nr_areas(), 0);
}

/* Hold every free page but @keep; Return: the list to give back with release(). */
static void hold_all_but(struct list_head *held, unsigned long keep, gfp_t gfp)
{
	struct page *page;

	INIT_LIST_HEAD(held);
	drain_all_pages();
	while (nr_free_pages() > keep && (page = alloc_page(gfp | __GFP_NOWARN)))
		list_add(&page->lru, held);
}

static void release(struct list_head *held)
{
	struct page *page, *n;

	list_for_each_entry_safe(page, n, held, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
	}
}

static void test_vmalloc_without_enough_pages_gives_back_what_it_took(void **state)
{
	unsigned long before = vmalloc_settled_free();
	struct list_head held;

	hold_all_but(&held, 40, GFP_HIGHUSER);
	host_log_clear();
	assert_null(vmalloc(200 * PAGE_SIZE));
	assert_true(host_log_contains("vmalloc: allocation failure: 819200 bytes"));
	assert_null(__vmalloc(200 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN, &PAGE_KERNEL));
	assert_int_equal(host_log_count("vmalloc: allocation failure"), 1);
	assert_int_equal(vmalloc_nr_areas(), 0);
	release(&held);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_vmalloc_without_a_page_for_its_l2_table_fails_cleanly(void **state)
{
	unsigned long before = vmalloc_settled_free();
	struct list_head held;

	/* Only highmem pages left: the area's pages come, its table (low memory) cannot. */
	hold_all_but(&held, 0, GFP_KERNEL);
	assert_null(vmalloc(2 * PAGE_SIZE));
	assert_true(host_log_contains("vmalloc: allocation failure"));
	assert_int_equal(vmalloc_nr_areas(), 0);
	assert_int_equal(kernel_l2_pages(), 0);
	release(&held);
	assert_int_equal(vmalloc_settled_free(), before);
}

static void test_vfree_of_anything_but_a_vmalloc_start_is_reported_and_ignored(void **state)
{
	char *p = vmalloc(2 * PAGE_SIZE);
	struct page *page = alloc_page(GFP_KERNEL);
	void *m = vmap(&page, 1, 0, &PAGE_KERNEL);
	int x = 0;

	vfree(NULL);
	assert_string_equal(host_log(), "");
	vfree(p + PAGE_SIZE);
	vfree(m);
	vfree(&x);
	assert_int_equal(host_log_count("vfree: bad address"), 3);
	assert_true(host_log_contains("not the start of a vmalloc area"));
	assert_true(mapped(p, NULL) && mapped(p + PAGE_SIZE, NULL) && mapped(m, NULL));
	vfree(p);
	host_log_clear();
	vfree(p); /* a second vfree */
	assert_int_equal(host_log_count("vfree: bad address"), 1);
	vunmap(m);
	__free_pages(page, 0);
}

static void test_vfree_from_interrupt_context_is_refused(void **state)
{
	void *p = vmalloc(PAGE_SIZE);

	irq_enter();
	vfree(p);
	irq_exit();
	assert_true(host_log_contains("vfree: called from interrupt context"));
	assert_true(mapped(p, NULL));
	vfree(p);
}

static void test_vmap_maps_the_callers_pages_in_order(void **state)
{
	struct page *pages[3];
	unsigned char *m;
	int i;

	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		memset(page_address(pages[i]), 0x10 + i, PAGE_SIZE);
	}
	/* The same page twice is allowed: two virtual aliases of one frame. */
	pages[2] = pages[0];
	m = vmap(pages, 3, 0, &PAGE_KERNEL_RO);
	assert_non_null(m);
	assert_int_equal(find_vm_area(m)->flags, VM_MAP);
	for (i = 0; i < 3; i++) {
		struct pt_walk w;

		assert_ptr_equal(vmalloc_to_page(m + i * PAGE_SIZE), pages[i]);
		assert_true(mapped(m + i * PAGE_SIZE, &w));
		assert_true(w.leaf->attrs.ro);
		assert_int_equal(m[i * PAGE_SIZE + 7], i == 2 ? 0x10 : 0x10 + i);
	}
	assert_int_equal(vmalloc_check(), 0);
	vunmap(m);
	for (i = 0; i < 2; i++)
		__free_pages(pages[i], 0);
}

static void test_vunmap_leaves_the_pages_to_the_caller(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long before;
	void *m;

	m = vmap(&page, 1, 0, &PAGE_KERNEL);
	before = vmalloc_settled_free();
	vunmap(m);
	assert_false(mapped(m, NULL));
	assert_int_equal(page_count(page), 1);
	/* The vm_struct goes back to kmalloc and the table page to the buddy lists. */
	assert_int_equal(vmalloc_settled_free(), before + 1);
	__free_pages(page, 0);
}

static void test_vmap_of_no_pages_and_vunmap_of_a_vmalloc_area_are_refused(void **state)
{
	void *p = vmalloc(PAGE_SIZE);

	assert_null(vmap(NULL, 0, 0, &PAGE_KERNEL));
	vunmap(NULL);
	vunmap(p);
	assert_true(host_log_contains("vunmap: bad address"));
	assert_true(host_log_contains("not the start of a vmap area"));
	assert_true(mapped(p, NULL));
	vfree(p);
}

static void test_vmap_without_a_page_for_its_l2_table_fails_cleanly(void **state)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct list_head held;

	hold_all_but(&held, 0, GFP_KERNEL);
	assert_null(vmap(&page, 1, 0, &PAGE_KERNEL));
	assert_int_equal(vmalloc_nr_areas(), 0);
	release(&held);
	__free_pages(page, 0);
}

static void test_vmalloc_to_page_outside_the_area_is_null(void **state)
{
	int x = 0;

	assert_null(vmalloc_to_page(&x));
	assert_null(vmalloc_to_page((void *)VMALLOC_START));
	assert_null(vmalloc_to_page((void *)(VMALLOC_END - 1)));
}

static void test_get_vm_area_refuses_zero_and_oversized_requests(void **state)
{
	char *p = vmalloc(2 * PAGE_SIZE);

	assert_null(get_vm_area_caller(0, PAGE_SIZE, VM_IOREMAP, NULL));
	assert_null(get_vm_area_caller(VMALLOC_TOTAL + PAGE_SIZE, PAGE_SIZE, VM_IOREMAP, NULL));
	assert_null(remove_vm_area(p + PAGE_SIZE));
	assert_null(remove_vm_area(NULL));
	assert_true(mapped(p + PAGE_SIZE, NULL));
	vfree(p);
}

static void test_vmallocinfo_lists_each_area_with_its_kind(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *a = vmalloc(2 * PAGE_SIZE), *u = vmalloc_user(PAGE_SIZE);
	void *m = vmap(&page, 1, 0, &PAGE_KERNEL);
	unsigned long used, largest;
	char line[128];

	host_log_clear();
	show_vmallocinfo();
	snprintf(line, sizeof(line), "0x%08lx-0x%08lx    12288 ", (unsigned long)a,
		 (unsigned long)a + 3 * PAGE_SIZE);
	assert_true(host_log_contains(line));
	assert_true(host_log_contains(" pages=2 vmalloc\n"));
	assert_true(host_log_contains(" pages=1 vmalloc user\n"));
	assert_true(host_log_contains(" pages=1 vmap\n"));
	vmalloc_usage(&used, &largest);
	assert_int_equal(used, 4 * PAGE_SIZE);
	assert_true(largest < VMALLOC_TOTAL);
	vunmap(m);
	vfree(u);
	vfree(a);
	__free_pages(page, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, vmalloc_host_setup, vmalloc_host_teardown)
		T(test_vmalloc_maps_every_page_and_leaves_the_guard_page_unmapped),
		T(test_vmalloc_size_is_rounded_up_to_whole_pages),
		T(test_vmalloc_takes_highmem_pages_first),
		T(test_vmalloc_memory_is_the_pages_it_maps),
		T(test_vzalloc_and_vmalloc_user_return_zeroed_memory),
		T(test_vfree_unmaps_and_gives_back_every_page_and_table),
		T(test_vfree_of_more_than_32_pages_flushes_the_whole_tlb_once),
		T(test_vfree_writes_back_the_area_first_on_an_aliasing_dcache),
		T(test_vmalloc_of_zero_or_too_many_bytes_is_refused),
		T(test_vmalloc_from_atomic_context_is_refused_with_a_report),
		T(test_vmalloc_without_enough_pages_gives_back_what_it_took),
		T(test_vmalloc_without_a_page_for_its_l2_table_fails_cleanly),
		T(test_vfree_of_anything_but_a_vmalloc_start_is_reported_and_ignored),
		T(test_vfree_from_interrupt_context_is_refused),
		T(test_vmap_maps_the_callers_pages_in_order),
		T(test_vunmap_leaves_the_pages_to_the_caller),
		T(test_vmap_of_no_pages_and_vunmap_of_a_vmalloc_area_are_refused),
		T(test_vmap_without_a_page_for_its_l2_table_fails_cleanly),
		T(test_vmalloc_to_page_outside_the_area_is_null),
		T(test_get_vm_area_refuses_zero_and_oversized_requests),
		T(test_vmallocinfo_lists_each_area_with_its_kind),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
