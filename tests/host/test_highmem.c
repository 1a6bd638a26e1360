/*
 * Host tests for mm/highmem.c. The host arch_kmap_*() maps windows onto the arena's memfd,
 * so a kmap() window really aliases the page: data written through one mapping is read
 * back through another, and an unmapped window faults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mm/highmem.h>
#include <mm/mm.h>

#include "harness/mm_host.h"

static struct page *pages[LAST_PKMAP + 8];

static int setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	return 0;
}

static int teardown(void **state)
{
	int errors = (int)mm_host_check(NULL);

	if (host_kmap_live() || host_kmap_errors || preempt_count || host_wfi_masked_count)
		errors++;
	mm_host_shutdown();
	return errors ? -1 : 0;
}

static struct page *high_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	assert_non_null(page);
	assert_true(PageHighMem(page));
	return page;
}

static void test_page_address_of_unmapped_highmem_page_is_null(void **state)
{
	struct page *page = high_page();

	assert_null(page_address(page));
	__free_page(page);
}

static void test_kmap_maps_the_page_and_kunmap_removes_it(void **state)
{
	struct page *page = high_page();
	unsigned char *k, *a;

	k = kmap(page);
	assert_non_null(k);
	assert_ptr_equal(page_address(page), k);
	assert_true((unsigned long)k >= PKMAP_BASE && (unsigned long)k < PKMAP_BASE + PKMAP_SIZE);
	assert_ptr_equal(kmap_to_page(k), page);
	memset(k, 0x3c, PAGE_SIZE);
	/* A second, independent mapping sees the same memory. */
	a = kmap_atomic(page);
	assert_ptr_not_equal(a, k);
	assert_int_equal(a[0], 0x3c);
	assert_int_equal(a[PAGE_SIZE - 1], 0x3c);
	a[7] = 0x11;
	kunmap_atomic(a);
	assert_int_equal(k[7], 0x11);
	kunmap(page);
	assert_null(page_address(page));
	assert_int_equal(host_kmap_live(), 0);
	assert_int_equal(host_kmap_set_count, 2);
	assert_int_equal(host_kmap_clear_count, 2);
	__free_page(page);
}

static void test_kmap_of_lowmem_page_returns_its_direct_address(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);

	assert_ptr_equal(kmap(page), page_address(page));
	kunmap(page);
	assert_ptr_equal(kmap_atomic(page), page_address(page));
	assert_int_equal(preempt_count, 1);
	kunmap_atomic(page_address(page));
	assert_int_equal(preempt_count, 0);
	assert_int_equal(host_kmap_set_count, 0);
	__free_page(page);
}

static void test_kmap_twice_shares_one_slot_until_the_last_kunmap(void **state)
{
	struct page *page = high_page();
	void *a = kmap(page), *b = kmap(page);

	assert_ptr_equal(a, b);
	assert_int_equal(host_kmap_set_count, 1);
	kunmap(page);
	assert_ptr_equal(page_address(page), a);
	kunmap(page);
	assert_null(page_address(page));
	__free_page(page);
}

static void test_kunmap_of_unmapped_page_is_reported(void **state)
{
	struct page *page = high_page();

	kunmap(page);
	assert_true(host_log_contains("kunmap: pfn"));
	assert_true(host_log_contains("is not kmap()ed"));
	assert_int_equal(host_kmap_clear_count, 0);
	__free_page(page);
}

static void test_kmap_atomic_windows_nest_lifo(void **state)
{
	struct page *p[3] = { high_page(), high_page(), high_page() };
	unsigned char *v[3];
	int i;

	for (i = 0; i < 3; i++) {
		v[i] = kmap_atomic(p[i]);
		assert_non_null(v[i]);
		memset(v[i], 'a' + i, PAGE_SIZE);
		assert_int_equal(preempt_count, i + 1);
		assert_null(page_address(p[i])); /* atomic windows are not page_address() */
	}
	assert_true(v[0] != v[1] && v[1] != v[2]);
	for (i = 2; i >= 0; i--) {
		assert_int_equal(v[i][100], 'a' + i);
		kunmap_atomic(v[i] + 100); /* any address in the window */
	}
	assert_int_equal(host_kmap_live(), 0);
	for (i = 0; i < 3; i++)
		__free_page(p[i]);
}

static void test_kunmap_atomic_out_of_order_is_reported(void **state)
{
	struct page *a = high_page(), *b = high_page();
	void *va = kmap_atomic(a), *vb = kmap_atomic(b);

	kunmap_atomic(va);
	assert_true(host_log_contains("is not the innermost kmap_atomic() window"));
	assert_int_equal(host_kmap_live(), 2);
	assert_int_equal(preempt_count, 2);
	kunmap_atomic(vb);
	kunmap_atomic(va);
	__free_page(a);
	__free_page(b);
}

static void test_kunmap_atomic_without_kmap_atomic_is_reported(void **state)
{
	int x;

	kunmap_atomic(&x);
	assert_true(host_log_contains("without kmap_atomic()"));
	assert_int_equal(preempt_count, 0);
}

static struct page *irq_map_page;
static unsigned char irq_seen;

static void irq_uses_kmap_atomic(void *arg)
{
	unsigned char *v = kmap_atomic(irq_map_page);

	irq_seen = v[0];
	memset(v, 0x77, PAGE_SIZE);
	kunmap_atomic(v);
}

static void test_kmap_atomic_in_irq_handler_leaves_the_interrupted_window_intact(void **state)
{
	struct page *task = high_page();
	unsigned char *v;

	irq_map_page = high_page();
	v = kmap_atomic(task);
	memset(v, 0x42, PAGE_SIZE);
	host_irq_hook = irq_uses_kmap_atomic;
	host_raise_irq();
	/* The handler used the next window and gave it back; ours still maps our page. */
	assert_int_equal(v[0], 0x42);
	assert_int_equal(v[PAGE_SIZE - 1], 0x42);
	assert_int_equal(host_kmap_live(), 1);
	kunmap_atomic(v);
	v = kmap_atomic(irq_map_page);
	assert_int_equal(v[123], 0x77);
	kunmap_atomic(v);
	assert_false(host_log_contains("BUG"));
	__free_page(task);
	__free_page(irq_map_page);
}

static void test_kmap_atomic_stack_overflow_is_reported(void **state)
{
	struct page *page = high_page();
	void *v[KM_TYPE_NR];
	int i;

	for (i = 0; i < KM_TYPE_NR; i++)
		v[i] = kmap_atomic(page);
	assert_null(kmap_atomic(page));
	assert_true(host_log_contains("kmap_atomic: all 16 windows in use"));
	assert_int_equal(preempt_count, KM_TYPE_NR);
	for (i = KM_TYPE_NR - 1; i >= 0; i--)
		kunmap_atomic(v[i]);
	__free_page(page);
}

static void irq_kunmaps_one(void *arg)
{
	kunmap(pages[0]);
}

static void test_kmap_waits_for_a_slot_when_all_are_used(void **state)
{
	unsigned int i;
	void *v;

	for (i = 0; i <= LAST_PKMAP; i++)
		pages[i] = high_page();
	for (i = 0; i < LAST_PKMAP; i++)
		assert_non_null(kmap(pages[i]));
	assert_int_equal(host_kmap_live(), LAST_PKMAP);
	host_irq_hook = irq_kunmaps_one;
	v = kmap(pages[LAST_PKMAP]);
	assert_non_null(v);
	assert_int_equal(host_wfi_count, 1);
	assert_null(page_address(pages[0]));
	for (i = 1; i <= LAST_PKMAP; i++)
		kunmap(pages[i]);
	for (i = 0; i <= LAST_PKMAP; i++)
		__free_page(pages[i]);
}

static void irq_kills(void *arg)
{
	host_fatal_signal = true;
}

static void test_kmap_slot_wait_ends_on_a_fatal_signal(void **state)
{
	unsigned int i;

	for (i = 0; i <= LAST_PKMAP; i++)
		pages[i] = high_page();
	for (i = 0; i < LAST_PKMAP; i++)
		assert_non_null(kmap(pages[i]));
	host_irq_hook = irq_kills;
	assert_null(kmap(pages[LAST_PKMAP]));
	assert_int_equal(host_wfi_count, 1);
	assert_int_equal(host_kmap_live(), LAST_PKMAP);
	assert_false(host_log_contains("PKMAP slots in use")); /* the killed caller says why */
	for (i = 0; i < LAST_PKMAP; i++)
		kunmap(pages[i]);
	for (i = 0; i <= LAST_PKMAP; i++)
		__free_page(pages[i]);
}

static void test_kmap_in_atomic_context_is_reported_and_never_waits(void **state)
{
	unsigned int i;

	for (i = 0; i <= LAST_PKMAP; i++)
		pages[i] = high_page();
	for (i = 0; i < LAST_PKMAP; i++)
		kmap(pages[i]);
	preempt_disable();
	assert_null(kmap(pages[LAST_PKMAP]));
	preempt_enable();
	assert_true(host_log_contains("BUG: sleeping function called from invalid context"));
	assert_true(host_log_contains("all 512 PKMAP slots in use"));
	assert_int_equal(host_wfi_count, 0);
	for (i = 0; i < LAST_PKMAP; i++)
		kunmap(pages[i]);
	for (i = 0; i <= LAST_PKMAP; i++)
		__free_page(pages[i]);
}

static void test_kmap_to_page_rejects_other_addresses(void **state)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);
	int x;

	assert_ptr_equal(kmap_to_page((void *)addr), virt_to_page(addr));
	assert_null(kmap_to_page(&x));
	assert_null(kmap_to_page((void *)PKMAP_BASE)); /* a free slot */
	free_page(addr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_page_address_of_unmapped_highmem_page_is_null),
		T(test_kmap_maps_the_page_and_kunmap_removes_it),
		T(test_kmap_of_lowmem_page_returns_its_direct_address),
		T(test_kmap_twice_shares_one_slot_until_the_last_kunmap),
		T(test_kunmap_of_unmapped_page_is_reported),
		T(test_kmap_atomic_windows_nest_lifo),
		T(test_kunmap_atomic_out_of_order_is_reported),
		T(test_kunmap_atomic_without_kmap_atomic_is_reported),
		T(test_kmap_atomic_in_irq_handler_leaves_the_interrupted_window_intact),
		T(test_kmap_atomic_stack_overflow_is_reported),
		T(test_kmap_waits_for_a_slot_when_all_are_used),
		T(test_kmap_slot_wait_ends_on_a_fatal_signal),
		T(test_kmap_in_atomic_context_is_reported_and_never_waits),
		T(test_kmap_to_page_rejects_other_addresses),
#undef T
	};

	return cmocka_run_group_tests_name("highmem", tests, NULL, NULL);
}
