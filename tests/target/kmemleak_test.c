/*
 * KTAP suite "kmemleak" (make KMEMLEAK=1 only): the leak detector of mm/kmemleak.c on the
 * running system. Blocks are tracked from allocation to free whatever the allocator; a
 * scan reports a block nothing points to, and not one that a static, another object or
 * a vm_struct plus its user reaches; an unreachable cycle is reported whole; the grace
 * period, not_leak, ignore, no_scan and clear behave as Linux's.
 *
 * The blocks under test are made by noinline helpers that keep their addresses only
 * bit-inverted (held[]), and the dead stack below is scrubbed, so that no register or
 * stack slot of this suite is a reference when it scans.
 */
#include <kernel/kernel.h>
#include <kernel/ktap.h>
#include <mm/kmemleak.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <string.h>

#ifdef CONFIG_DEBUG_KMEMLEAK

#define NR_HELD 4

static unsigned long held[NR_HELD]; /* ~address: no reference */
static void *volatile root;	    /* a reference from .bss */

static void *blk(unsigned int i)
{
	return (void *)~held[i];
}

static __noinline void scrub_stack(void)
{
	volatile unsigned long words[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		words[i] = 0;
}

/* kzalloc @n blocks of @size into held[]; block i points to block i + 1 when @chain. */
static __noinline bool make_blocks(unsigned int n, size_t size, bool chain)
{
	unsigned int i;

	memset(held, 0, sizeof(held));
	for (i = 0; i < n; i++) {
		void **p = kzalloc(size, GFP_KERNEL);

		if (!p)
			return false;
		held[i] = ~(unsigned long)p;
	}
	for (i = 0; chain && i < n; i++)
		*(void **)blk(i) = blk((i + 1) % n);
	return true;
}

static void free_blocks(void *arg)
{
	unsigned int i;

	root = NULL;
	for (i = 0; i < NR_HELD; i++) {
		if (held[i] && is_vmalloc_addr(blk(i)))
			vfree(blk(i));
		else if (held[i])
			kfree(blk(i));
		held[i] = 0;
	}
	kmemleak_set_min_age(5000);
}

/* Scan with no grace period; the blocks of this case are all older than "now". */
static __noinline int scan_now(void)
{
	kmemleak_set_min_age(0);
	scrub_stack();
	return kmemleak_scan();
}

static void blocks_are_tracked_from_allocation_to_free(struct ktap_test *t)
{
	unsigned long before, start;
	struct kmem_cache *c;
	size_t size;
	void *p[4];

	c = kmem_cache_create("kmemleak_ktap", 40, 0, 0, NULL);
	KTAP_ASSERT_TRUE(t, c != NULL);
	before = kmemleak_nr_objects();
	p[0] = kmalloc(20, GFP_KERNEL);
	p[1] = kmem_cache_alloc(c, GFP_KERNEL);
	p[2] = kmalloc(3 * KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL);
	p[3] = vmalloc(5000);
	KTAP_ASSERT_TRUE(t, p[0] && p[1] && p[2] && p[3]);
	/* One record each; the vmalloc area's vm_struct (its page array inside) is one more. */
	KTAP_EXPECT_EQ(t, kmemleak_nr_objects(), before + 5);
	KTAP_EXPECT_TRUE(t, kmemleak_find((char *)p[0] + 31, &start, &size) &&
				    start == (unsigned long)p[0] && size == 32);
	KTAP_EXPECT_TRUE(t, !kmemleak_find((char *)p[0] + 32, &start, &size) ||
				    start != (unsigned long)p[0]);
	KTAP_EXPECT_TRUE(t, kmemleak_find(p[1], &start, &size) && size == 40);
	KTAP_EXPECT_TRUE(t, kmemleak_find((char *)p[2] + 100000, &start, &size) &&
				    start == (unsigned long)p[2] &&
				    size == 3 * KMALLOC_MAX_CACHE_SIZE);
	KTAP_EXPECT_TRUE(t, kmemleak_find((char *)p[3] + 8191, &start, &size) &&
				    start == (unsigned long)p[3] && size == 8192);
	kfree(p[0]);
	kmem_cache_free(c, p[1]);
	kfree(p[2]);
	vfree(p[3]);
	KTAP_EXPECT_EQ(t, kmemleak_nr_objects(), before);
	KTAP_EXPECT_TRUE(t, !kmemleak_find(p[0], &start, &size));
	KTAP_EXPECT_TRUE(t, !kmemleak_find(p[3], &start, &size));
	KTAP_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

static void lost_block_is_reported_and_reached_ones_are_not(struct ktap_test *t)
{
	ktap_add_action(t, free_blocks, NULL);
	ktap_expect_report(t, "kmemleak: N new suspected memory leaks: this case's own");
	KTAP_ASSERT_TRUE(t, make_blocks(4, 64, false));
	root = blk(0);			       /* from .bss */
	*(void **)blk(0) = (char *)blk(1) + 8; /* through another object, into the middle */
	KTAP_ASSERT_TRUE(t, scan_now() >= 1);
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(0)));
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(1)));
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(2)));
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(3)));
	/* Reported once: a second scan counts them no more. */
	KTAP_EXPECT_EQ(t, scan_now(), 0);
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(2)));
}

static void unreachable_cycle_is_reported_whole(struct ktap_test *t)
{
	ktap_add_action(t, free_blocks, NULL);
	ktap_expect_report(t, "kmemleak: N new suspected memory leaks: this case's own");
	KTAP_ASSERT_TRUE(t, make_blocks(3, 32, true));
	KTAP_ASSERT_TRUE(t, scan_now() >= 3);
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(0)));
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(1)));
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(2)));
	root = blk(1); /* one reference into the cycle saves all of it */
	scan_now();
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(0)));
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(2)));
}

static void young_blocks_wait_for_the_grace_period(struct ktap_test *t)
{
	ktap_add_action(t, free_blocks, NULL);
	ktap_expect_report(t, "kmemleak: N new suspected memory leaks: this case's own");
	KTAP_ASSERT_TRUE(t, make_blocks(1, 32, false));
	kmemleak_set_min_age(60000);
	scrub_stack();
	KTAP_EXPECT_TRUE(t, kmemleak_scan() >= 0);
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(0)));
	KTAP_EXPECT_TRUE(t, scan_now() >= 1);
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(0)));
}

static void not_leak_ignore_no_scan_and_clear(struct ktap_test *t)
{
	ktap_add_action(t, free_blocks, NULL);
	ktap_expect_report(t, "kmemleak: N new suspected memory leaks: this case's own");
	KTAP_ASSERT_TRUE(t, make_blocks(4, 32, false));
	kmemleak_not_leak(blk(0));
	kmemleak_ignore(blk(1));
	kmemleak_no_scan(blk(2));
	*(void **)blk(0) = blk(3); /* not_leak objects are scanned: 3 is reached */
	*(void **)blk(1) = blk(3);
	KTAP_ASSERT_TRUE(t, scan_now() >= 1);
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(0)));
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(1)));
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(2))); /* no_scan: still reported */
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(3)));
	*(void **)blk(0) = NULL;
	*(void **)blk(2) = blk(3); /* not scanned: no reference */
	KTAP_EXPECT_TRUE(t, scan_now() >= 1);
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(3)));
	KTAP_EXPECT_TRUE(t, kmemleak_clear() >= 2);
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(2)) && !kmemleak_reported(blk(3)));
	scan_now();
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(2)) && !kmemleak_reported(blk(3)));
}

static void vmalloc_area_needs_a_reference_beside_its_vm_struct(struct ktap_test *t)
{
	void *p;

	ktap_add_action(t, free_blocks, NULL);
	ktap_expect_report(t, "kmemleak: N new suspected memory leaks: this case's own");
	p = vmalloc(3 * PAGE_SIZE);
	KTAP_ASSERT_TRUE(t, p != NULL);
	held[0] = ~(unsigned long)p;
	p = NULL;
	KTAP_ASSERT_TRUE(t, scan_now() >= 1);
	KTAP_EXPECT_TRUE(t, kmemleak_reported(blk(0)));
	root = (char *)blk(0) + PAGE_SIZE;
	scan_now();
	KTAP_EXPECT_TRUE(t, !kmemleak_reported(blk(0)));
}

static const struct ktap_case kmemleak_cases[] = {
	KTAP_CASE(blocks_are_tracked_from_allocation_to_free),
	KTAP_CASE(lost_block_is_reported_and_reached_ones_are_not),
	KTAP_CASE(unreachable_cycle_is_reported_whole),
	KTAP_CASE(young_blocks_wait_for_the_grace_period),
	KTAP_CASE(not_leak_ignore_no_scan_and_clear),
	KTAP_CASE(vmalloc_area_needs_a_reference_beside_its_vm_struct),
};
KTAP_SUITE(kmemleak, kmemleak_cases);

#endif /* CONFIG_DEBUG_KMEMLEAK */
