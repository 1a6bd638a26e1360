/*
 * KTAP suite "init_on": Linux's init_on_alloc (mm/init_on.c) for pages and slab objects,
 * the static key patched in the running text. init_on_free is tested by the host tests
 * and tests/e2e/test_init_on.py: turning it on zeroes all free memory, which the board
 * model (an instruction emulator) takes minutes over.
 */
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/init_on.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <string.h>

static void switches_off(void *arg)
{
	set_init_on_alloc(false);
	set_init_on_free(false);
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

static void allocations_are_zero_with_init_on_alloc(struct ktap_test *t)
{
	struct page *page;
	char *p;

	ktap_add_action(t, switches_off, NULL);
	p = kmalloc(200, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, p != NULL);
	memset(p, 0xaa, 200);
	kfree(p);
	page = alloc_page(GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, page != NULL);
	memset(page_address(page), 0xaa, PAGE_SIZE);
	__free_page(page);
	set_init_on_alloc(true);
	p = kmalloc(200, GFP_KERNEL); /* the hottest object: the one just dirtied */
	KTAP_ASSERT_TRUE(t, p != NULL);
	KTAP_EXPECT_TRUE(t, all_zero(p, 200));
	kfree(p);
	page = alloc_page(GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, page != NULL);
	KTAP_EXPECT_TRUE(t, all_zero(page_address(page), PAGE_SIZE));
	__free_page(page);
	set_init_on_alloc(false);
	KTAP_EXPECT_TRUE(t, !static_key_enabled(&init_on_alloc));
}

static const struct ktap_case init_on_cases[] = {
	KTAP_CASE(allocations_are_zero_with_init_on_alloc),
};
KTAP_SUITE(init_on, init_on_cases);
