/*
 * KTAP suite "slab": caches, kmalloc and the debug checks on the real target, including
 * a timer interrupt allocating from the same kmalloc cache as this thread.
 */
#include <asm/irqflags.h>
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include <kernel/ktap.h>
#include <mm/init_on.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/slab_def.h>
#include <string.h>

#define NOBJS 200

static void *objs[NOBJS];
static struct kmem_cache *objs_cache; /* where objs[] came from: NULL for kmalloc */

/* Cleanup actions. */
static void destroy_cache(void *c)
{
	kmem_cache_destroy(c);
}

static void free_object(void *p)
{
	kfree(p);
}

/* Free what objs[] holds: to objs_cache, or with kfree() when it is NULL. */
static void free_objs(void *arg)
{
	unsigned int i;

	for (i = 0; i < NOBJS; i++) {
		if (objs[i] && objs_cache)
			kmem_cache_free(objs_cache, objs[i]);
		else
			kfree(objs[i]);
		objs[i] = NULL;
	}
}

/* Make objs[] the case's, with free_objs() (then @c's destruction) as its cleanup. */
static void own_objs(struct ktap_test *t, struct kmem_cache *c)
{
	memset(objs, 0, sizeof(objs));
	objs_cache = c;
	if (c)
		ktap_add_action(t, destroy_cache, c);
	ktap_add_action(t, free_objs, NULL);
}

/* Destroy @c as part of the case's checks; its cleanup action goes when that worked. */
static int destroy_now(struct ktap_test *t, struct kmem_cache *c)
{
	int ret = kmem_cache_destroy(c);

	if (ret == 0)
		ktap_remove_action(t, destroy_cache, c);
	return ret;
}

static void cache_objects_are_aligned_distinct_and_destroyable(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-100", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	unsigned int i, j;

	KTAP_ASSERT_TRUE(t, c != NULL);
	own_objs(t, c);
	for (i = 0; i < NOBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTAP_ASSERT_TRUE(t, objs[i] != NULL);
		KTAP_EXPECT_EQ(t, (unsigned long)objs[i] & 31, 0);
		memset(objs[i], (int)i, 100);
	}
	for (i = 0; i < NOBJS; i++)
		for (j = 0; j < 100; j += 33)
			KTAP_EXPECT_EQ(t, ((unsigned char *)objs[i])[j], i & 0xff);
	KTAP_EXPECT_EQ(t, kmem_cache_active_objs(c), NOBJS);
	ktap_expect_report(t, "kmem_cache_destroy of ktap-100 refused: %u objects live", NOBJS);
	KTAP_EXPECT_EQ(t, kmem_cache_destroy(c), -1); /* objects live: refused */
	ktap_release_action(t, free_objs, NULL);
	KTAP_EXPECT_EQ(t, kmem_cache_active_objs(c), 0);
	KTAP_EXPECT_EQ(t, destroy_now(t, c), 0);
	KTAP_EXPECT_TRUE(t, kmem_cache_find("ktap-100") == NULL);
}

static void kmalloc_picks_the_smallest_class_and_pages_beyond(struct ktap_test *t)
{
	void *p = kmalloc(100, GFP_KERNEL), *big = kmalloc(200000, GFP_KERNEL);
	void *d = kmalloc(64, GFP_DMA);

	ktap_add_action(t, free_object, p);
	ktap_add_action(t, free_object, big);
	ktap_add_action(t, free_object, d);
	KTAP_ASSERT_TRUE(t, p && big && d);
	KTAP_EXPECT_EQ(t, ksize(p), 128);
	KTAP_EXPECT_TRUE(t, virt_to_page(p)->slab_cache == kmalloc_caches[7]);
	KTAP_EXPECT_TRUE(t, !PageSlab(virt_to_page(big)));
	KTAP_EXPECT_EQ(t, ksize(big), 256 * 1024);
	KTAP_EXPECT_EQ(t, page_zonenum(virt_to_page(d)), ZONE_DMA);
	KTAP_EXPECT_TRUE(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
}

static void red_zone_overrun_and_double_free_are_reported(struct ktap_test *t)
{
	struct kmem_cache *c =
		kmem_cache_create("ktap-rz", 40, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	unsigned long errors;
	char *p;

	KTAP_ASSERT_TRUE(t, c != NULL);
	own_objs(t, c);
	p = objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, p != NULL);
	errors = c->errors;
	p[40] = 'X'; /* one byte past the end */
	ktap_expect_report(t, "slab error: red zone overwritten (ktap-rz)");
	kmem_cache_free(c, p);
	objs[0] = NULL; /* freed, despite the report */
	KTAP_EXPECT_EQ(t, c->errors, errors + 1);
	ktap_expect_report(t, "slab error: double free (ktap-rz)");
	kmem_cache_free(c, p);
	KTAP_EXPECT_EQ(t, c->errors, errors + 2);
	ktap_expect_report(t, "slab error: invalid free, not the start of an object (ktap-rz)");
	kmem_cache_free(c, p + 8);
	KTAP_EXPECT_EQ(t, c->errors, errors + 3);
	KTAP_EXPECT_EQ(t, kmem_cache_active_objs(c), 0);
	KTAP_EXPECT_EQ(t, destroy_now(t, c), 0);
}

static void slub_debug_letters_parse_as_linux(struct ktap_test *t)
{
	unsigned int f = 0;

	KTAP_EXPECT_EQ(t, slub_debug_parse_flags("FZPU", 4, &f), 0);
	KTAP_EXPECT_EQ(t, f, SLAB_DEBUG_FLAGS);
	KTAP_EXPECT_EQ(t, slub_debug_parse_flags("Z", 1, &f), 0);
	KTAP_EXPECT_EQ(t, f, SLAB_RED_ZONE);
	KTAP_EXPECT_EQ(t, slub_debug_parse_flags("-", 1, &f), 0);
	KTAP_EXPECT_EQ(t, f, 0);
	KTAP_EXPECT_EQ(t, slub_debug_parse_flags("", 0, &f), 0);
	KTAP_EXPECT_EQ(t, f, SLAB_DEBUG_FLAGS);
	KTAP_EXPECT_EQ(t, slub_debug_parse_flags("FX", 2, &f), -1);
}

/* slub_debug switched on at run time: validate finds each damage once, then repairs it. */
static void validate_finds_red_zone_and_poison_damage(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-validate", 100, 0, 0, NULL);
	unsigned long errors;
	char *p;

	KTAP_ASSERT_TRUE(t, c != NULL);
	own_objs(t, c);
	KTAP_EXPECT_EQ(t, kmem_cache_set_debug(c, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER),
		       0);
	KTAP_EXPECT_TRUE(t, c->flags & SLAB_RED_ZONE);
	p = objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, p != NULL);
	KTAP_EXPECT_EQ(t, kmem_cache_set_debug(c, 0), -EBUSY); /* an object is live */
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 0);
	errors = c->errors;
	p[100] = 'X';
	ktap_expect_report(t, "BUG ktap-validate: Right Redzone overwritten");
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 1);
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 0); /* repaired */
	kmem_cache_free(c, p);
	objs[0] = NULL;
	KTAP_EXPECT_EQ(t, c->errors, errors + 1); /* the free saw a clean object */
	p[7] = 0;				  /* a write after free */
	ktap_expect_report(t, "BUG ktap-validate: Poison overwritten");
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 1);
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 0);
	KTAP_EXPECT_EQ(t, kmem_cache_set_debug(c, 0), 0);
	KTAP_EXPECT_EQ(t, c->flags & SLAB_DEBUG_FLAGS, 0);
	KTAP_EXPECT_EQ(t, destroy_now(t, c), 0);
}

/* Restore the flags of the kmalloc cache a case switched debugging on for. */
static void kmalloc_debug_off(void *c)
{
	kmem_cache_shrink(c);
	kmem_cache_set_debug(c, 0);
}

/* A kmalloc cache with red zones guards the bytes after the size asked for. */
static void kmalloc_overrun_is_caught_past_the_requested_size(struct ktap_test *t)
{
	struct kmem_cache *c = kmalloc_caches[16]; /* kmalloc-65536: empty in the suites */
	unsigned long errors;
	char *p;

	KTAP_ASSERT_TRUE(t, c != NULL);
	if (kmem_cache_set_debug(c, SLAB_RED_ZONE | SLAB_STORE_USER)) {
		KTAP_SKIP(t, "kmalloc-65536 holds objects");
	}
	ktap_add_action(t, kmalloc_debug_off, c);
	p = kmalloc(40000, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, p != NULL);
	ktap_add_action(t, free_object, p);
	errors = c->errors;
	p = krealloc(p, 40010, GFP_KERNEL); /* in place: the red zone moves along */
	p[40009] = 1;
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 0);
	p[40010] = 'X';
	ktap_expect_report(t, "BUG kmalloc-65536: Right Redzone overwritten at kfree");
	ktap_remove_action(t, free_object, p);
	kfree(p);
	KTAP_EXPECT_EQ(t, c->errors, errors + 1);
	p = kzalloc(36000, GFP_KERNEL); /* __GFP_ZERO clears the request, not the red zone */
	KTAP_ASSERT_TRUE(t, p != NULL);
	KTAP_EXPECT_EQ(t, p[35999], 0);
	kfree(p);
	KTAP_EXPECT_EQ(t, c->errors, errors + 1);
	/* A size known at compile time (kmalloc_trace()) is guarded from that size too. */
	p = kmalloc(34000, GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, p != NULL);
	ktap_add_action(t, free_object, p);
	p[34000] = 'X';
	ktap_expect_report(t, "BUG kmalloc-65536: Right Redzone overwritten");
	KTAP_EXPECT_EQ(t, kmem_cache_validate(c), 1);
	KTAP_EXPECT_EQ(t, c->errors, errors + 2);
}

static void *volatile irq_objs[8];
static volatile unsigned int irq_allocs, irq_fails, irq_bad;
static unsigned int irq_slot;

static void irq_kmalloc(void *arg)
{
	unsigned int *old = irq_objs[irq_slot];

	if (old) {
		if (old[0] != 0x1a1a0000u + irq_slot)
			irq_bad++;
		kfree(old);
	}
	old = kmalloc(64, GFP_ATOMIC);
	if (old) {
		old[0] = 0x1a1a0000u + irq_slot;
		irq_allocs++;
	} else {
		irq_fails++;
	}
	irq_objs[irq_slot] = old;
	irq_slot = (irq_slot + 1) % 8;
}

/* Cleanup action: stop the interrupt side, then free what it holds. */
static void stop_irq_kmalloc(void *arg)
{
	unsigned int i;

	unregister_tick_hook(irq_kmalloc, NULL);
	for (i = 0; i < 8; i++) {
		kfree(irq_objs[i]);
		irq_objs[i] = NULL;
	}
}

static void interrupt_and_thread_share_a_kmalloc_cache(struct ktap_test *t)
{
	unsigned long start = jiffies;
	unsigned int i, round = 0, bad = 0;

	irq_allocs = irq_fails = irq_bad = 0;
	irq_slot = 0;
	memset((void *)irq_objs, 0, sizeof(irq_objs));
	own_objs(t, NULL);
	ktap_add_action(t, stop_irq_kmalloc, NULL);
	KTAP_ASSERT_TRUE(t, register_tick_hook(irq_kmalloc, NULL) == 0);
	while (irq_allocs < 30 && jiffies - start < 5 * HZ) {
		for (i = 0; i < 64; i++) {
			objs[i] = kmalloc(64, GFP_KERNEL);
			if (objs[i])
				*(unsigned int *)objs[i] = 0x7e7e0000u + i + round;
		}
		for (i = 0; i < 64; i++) {
			if (objs[i] && *(unsigned int *)objs[i] != 0x7e7e0000u + i + round)
				bad++;
			kfree(objs[i]);
			objs[i] = NULL;
		}
		round++;
	}
	ktap_release_action(t, stop_irq_kmalloc, NULL);
	KTAP_EXPECT_TRUE(t, irq_allocs >= 30);
	KTAP_EXPECT_EQ(t, irq_fails, 0);
	KTAP_EXPECT_EQ(t, irq_bad, 0);
	KTAP_EXPECT_EQ(t, bad, 0);
}

static void shrink_returns_empty_slabs(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-shrink", 512, 0, 0, NULL);
	unsigned long free_before;
	unsigned int i;

	KTAP_ASSERT_TRUE(t, c != NULL);
	own_objs(t, c);
	free_before = nr_free_pages();
	for (i = 0; i < NOBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTAP_ASSERT_TRUE(t, objs[i] != NULL); /* out of memory: 200 failures are slow */
	}
	ktap_release_action(t, free_objs, NULL);
	KTAP_EXPECT_TRUE(t, kmem_cache_shrink(c) > 0);
	KTAP_EXPECT_EQ(t, c->lists.num_slabs, 0);
	drain_all_pages();
	KTAP_EXPECT_TRUE(t, nr_free_pages() + 2 >= free_before);
	KTAP_EXPECT_EQ(t, destroy_now(t, c), 0);
	drop_slab(); /* leave no empty slab for a later suite's reclaim to find */
	KTAP_EXPECT_EQ(t, kmem_cache_shrink(kmalloc_caches[7]), 0);
}

/*
 * A cache with SLAB_HOOK_FLAGS points its fast paths at an empty array cache (limit 0) so
 * that they fall out of line without testing the flags (mm/slab.h): each switch must
 * move the pointer both ways, and the hooked path must still do its work (zeroing).
 */
static void hooked_caches_leave_the_fast_paths(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-fastpath", 64, 0, 0, NULL);
	bool was_on = static_key_enabled(&init_on_alloc);
	unsigned int i, j, dirty = 0;
	struct array_cache *fast;

	KTAP_ASSERT_TRUE(t, c != NULL);
	own_objs(t, c);
	KTAP_EXPECT_TRUE(t, (c->fastpath_ac[0] == c->array[0]) == !was_on);
	set_init_on_alloc(true);
	fast = c->fastpath_ac[0];
	KTAP_EXPECT_TRUE(t, fast != c->array[0] && fast->avail == 0 && fast->limit == 0);
	for (i = 0; i < NOBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (objs[i])
			memset(objs[i], 0xaa, 64);
	}
	free_objs(NULL);
	for (i = 0; i < NOBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		for (j = 0; objs[i] && j < 64; j++)
			dirty += ((u8 *)objs[i])[j] != 0;
	}
	free_objs(NULL);
	KTAP_EXPECT_EQ(t, dirty, 0);
	KTAP_EXPECT_TRUE(t, fast->avail == 0 && fast->limit == 0);
	set_init_on_alloc(was_on);
	KTAP_EXPECT_TRUE(t, (c->fastpath_ac[0] == c->array[0]) == !was_on);
	KTAP_EXPECT_EQ(t, kmem_cache_set_debug(c, SLAB_RED_ZONE), 0);
	KTAP_EXPECT_TRUE(t, c->fastpath_ac[0] == fast);
	KTAP_EXPECT_EQ(t, kmem_cache_set_debug(c, 0), 0);
	KTAP_EXPECT_TRUE(t, (c->fastpath_ac[0] == c->array[0]) == !was_on);
}

static const struct ktap_case slab_cases[] = {
	KTAP_CASE(cache_objects_are_aligned_distinct_and_destroyable),
	KTAP_CASE(kmalloc_picks_the_smallest_class_and_pages_beyond),
	KTAP_CASE(red_zone_overrun_and_double_free_are_reported),
	KTAP_CASE(slub_debug_letters_parse_as_linux),
	KTAP_CASE(validate_finds_red_zone_and_poison_damage),
	KTAP_CASE(kmalloc_overrun_is_caught_past_the_requested_size),
	KTAP_CASE(interrupt_and_thread_share_a_kmalloc_cache),
	KTAP_CASE(shrink_returns_empty_slabs),
	KTAP_CASE(hooked_caches_leave_the_fast_paths),
};
KTAP_SUITE(slab, slab_cases);
