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

/* The switches as the case found them (the build settings may have them on). */
static bool saved_alloc, saved_free;

static void switches_restore(void *arg)
{
	set_init_on_alloc(saved_alloc);
	set_init_on_free(saved_free);
}

static void save_switches(struct ktap_test *t)
{
	saved_alloc = static_key_enabled(&init_on_alloc);
	saved_free = static_key_enabled(&init_on_free);
	ktap_add_action(t, switches_restore, NULL);
}

/* INIT_ON_ALLOC=1 / INIT_ON_FREE=1 builds boot with the switch on (init_on_setup()). */
static void boot_state_follows_the_build_settings(struct ktap_test *t)
{
#ifdef CONFIG_INIT_ON_ALLOC_DEFAULT_ON
	KTAP_EXPECT_TRUE(t, static_key_enabled(&init_on_alloc));
#else
	KTAP_EXPECT_TRUE(t, !static_key_enabled(&init_on_alloc));
#endif
#ifdef CONFIG_INIT_ON_FREE_DEFAULT_ON
	KTAP_EXPECT_TRUE(t, static_key_enabled(&init_on_free));
#else
	KTAP_EXPECT_TRUE(t, !static_key_enabled(&init_on_free));
#endif
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

	save_switches(t);
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
	set_init_on_alloc(false); /* the cleanup restores the state found */
	KTAP_EXPECT_TRUE(t, !static_key_enabled(&init_on_alloc));
}

static const struct ktap_case init_on_cases[] = {
	KTAP_CASE(boot_state_follows_the_build_settings),
	KTAP_CASE(allocations_are_zero_with_init_on_alloc),
};
KTAP_SUITE(init_on, init_on_cases);
