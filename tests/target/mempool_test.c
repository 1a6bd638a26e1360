/*
 * KTAP suite "mempool": the reserve, GFP_ATOMIC failing on an empty reserve, and a pool
 * driven from the timer interrupt and from this thread at once, the thread waiting (wfi)
 * for the elements the interrupt frees.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include <kernel/ktap.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <string.h>

/* An allocator that can be told to fail, to exercise the reserve. */
static volatile bool underlying_fails;
static volatile unsigned int underlying_live;

static void *test_alloc(gfp_t gfp, void *data)
{
	void *p;

	if (underlying_fails)
		return NULL;
	p = kmalloc((size_t)data, gfp);
	if (p)
		underlying_live++;
	return p;
}

static void test_free(void *e, void *data)
{
	underlying_live--;
	kfree(e);
}

/*
 * What a case holds, for its cleanup action: elements taken from pools (each with its
 * pool), then the pools, then a slab cache. Static: a case that faulted has no stack.
 */
#define HELD_MAX 8
static struct {
	void *element[HELD_MAX];
	mempool_t *from[HELD_MAX];
	mempool_t *pool[4];
	struct kmem_cache *cache;
} held;

/* Record @e, taken from @pool, at @slot of held.element[]. Return: @e. */
static void *hold(unsigned int slot, void *e, mempool_t *pool)
{
	held.element[slot] = e;
	held.from[slot] = pool;
	return e;
}

/* Give back the element at @slot of held.element[] (nothing when the slot is empty). */
static void give_back(unsigned int slot)
{
	mempool_free(held.element[slot], held.from[slot]);
	held.element[slot] = NULL;
}

/* Cleanup action: elements back to their pools, pools destroyed, then the cache. */
static void release_held(void *arg)
{
	unsigned int i;

	for (i = 0; i < HELD_MAX; i++)
		give_back(i);
	for (i = 0; i < ARRAY_SIZE(held.pool); i++) {
		mempool_destroy(held.pool[i]);
		held.pool[i] = NULL;
	}
	underlying_fails = false;
	kmem_cache_destroy(held.cache);
	held.cache = NULL;
}

static void hold_nothing(struct ktap_test *t)
{
	memset(&held, 0, sizeof(held));
	ktap_add_action(t, release_held, NULL);
}

static void reserve_serves_when_the_allocator_fails(struct ktap_test *t)
{
	mempool_t *pool;
	void *e;
	unsigned int i;

	hold_nothing(t);
	pool = held.pool[0] = mempool_create(3, test_alloc, test_free, (void *)128);
	KTAP_ASSERT_TRUE(t, pool != NULL);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 3);
	underlying_fails = true;
	for (i = 0; i < 3; i++)
		KTAP_EXPECT_TRUE(t, hold(i, mempool_alloc(pool, GFP_ATOMIC), pool) != NULL);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 0);
	e = hold(3, mempool_alloc(pool, GFP_ATOMIC), pool);
	KTAP_EXPECT_TRUE(t, e == NULL); /* empty reserve: atomic callers get NULL */
	for (i = 0; i < 4; i++)
		give_back(i);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 3);
	underlying_fails = false;
	KTAP_EXPECT_EQ(t, mempool_resize(pool, 5), 0);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 5);
	KTAP_EXPECT_EQ(t, mempool_resize(pool, 2), 0);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 2);
	ktap_release_action(t, release_held, NULL);
	KTAP_EXPECT_EQ(t, underlying_live, 0);
}

static mempool_t *irq_pool;
static void *volatile irq_held;
static volatile unsigned int irq_got, irq_null, irq_freed;

/* Each tick: give back what the last tick took, or take an element (GFP_ATOMIC). */
static void irq_pool_user(void *arg)
{
	if (irq_held) {
		mempool_free(irq_held, irq_pool);
		irq_held = NULL;
		irq_freed++;
		return;
	}
	irq_held = mempool_alloc(irq_pool, GFP_ATOMIC);
	if (irq_held)
		irq_got++;
	else
		irq_null++;
}

/* Cleanup action: stop the interrupt side and give back what it holds (before release_held). */
static void stop_irq_pool_user(void *arg)
{
	unregister_tick_hook(irq_pool_user, NULL);
	if (irq_held) {
		mempool_free(irq_held, irq_pool);
		irq_held = NULL;
	}
}

static void interrupt_and_thread_share_a_pool(struct ktap_test *t)
{
	unsigned long start = jiffies, waits;
	unsigned int i, rounds = 0, thread_got = 0;

	hold_nothing(t);
	underlying_fails = false;
	irq_pool = held.pool[0] = mempool_create(2, test_alloc, test_free, (void *)64);
	KTAP_ASSERT_TRUE(t, irq_pool != NULL);
	underlying_fails = true; /* from now on every element comes from the reserve of 2 */
	irq_held = NULL;
	irq_got = irq_null = irq_freed = 0;
	ktap_add_action(t, stop_irq_pool_user, NULL);
	KTAP_ASSERT_TRUE(t, register_tick_hook(irq_pool_user, NULL) == 0);
	while (rounds < 20 && jiffies - start < 10 * HZ) {
		/* Take the whole reserve: the interrupt sees it empty meanwhile. */
		for (i = 0; i < 2; i++) {
			/* May wait for the IRQ. */
			if (hold(i, mempool_alloc(irq_pool, GFP_KERNEL), irq_pool))
				thread_got++;
		}
		cpu_wait_for_interrupt(); /* a tick: the IRQ finds the reserve empty */
		for (i = 0; i < 2; i++)
			give_back(i);
		cpu_wait_for_interrupt(); /* a tick: the IRQ takes one, we wait for it next */
		rounds++;
	}
	ktap_release_action(t, stop_irq_pool_user, NULL);
	waits = irq_pool->waits;
	KTAP_EXPECT_EQ(t, rounds, 20);
	KTAP_EXPECT_EQ(t, thread_got, 40); /* GFP_KERNEL never fails */
	KTAP_EXPECT_TRUE(t, irq_got > 0);
	KTAP_EXPECT_TRUE(t, irq_null > 0); /* GFP_ATOMIC on an empty reserve */
	KTAP_EXPECT_TRUE(t, waits > 0);	   /* the thread waited for the IRQ's free */
	KTAP_EXPECT_EQ(t, irq_pool->curr_nr, 2);
	ktap_release_action(t, release_held, NULL);
	KTAP_EXPECT_EQ(t, underlying_live, 0);
}

static void helpers_make_slab_kmalloc_and_page_pools(struct ktap_test *t)
{
	struct kmem_cache *c;
	mempool_t *ps, *pk, *pp;
	struct page *pg;
	void *a, *b;

	hold_nothing(t);
	c = held.cache = kmem_cache_create("ktap-pool", 48, 0, 0, NULL);
	KTAP_ASSERT_TRUE(t, c != NULL);
	ps = held.pool[0] = mempool_create_slab_pool(2, c);
	pk = held.pool[1] = mempool_create_kmalloc_pool(2, 300);
	pp = held.pool[2] = mempool_create_page_pool(1, 2);
	KTAP_ASSERT_TRUE(t, ps && pk && pp);
	a = hold(0, mempool_alloc(ps, GFP_KERNEL), ps);
	b = hold(1, mempool_alloc(pk, GFP_KERNEL), pk);
	pg = hold(2, mempool_alloc(pp, GFP_KERNEL), pp);
	KTAP_EXPECT_TRUE(t, a && b && pg);
	KTAP_EXPECT_TRUE(t, virt_to_page(a)->slab_cache == c);
	KTAP_EXPECT_EQ(t, ksize(b), 512);
	KTAP_EXPECT_EQ(t, pg->private, 2);
	ktap_release_action(t, release_held, NULL); /* the pools, then the cache */
	KTAP_EXPECT_TRUE(t, kmem_cache_find("ktap-pool") == NULL);
	drop_slab(); /* leave no empty slab for a later suite's reclaim to find */
}

static const struct ktap_case mempool_cases[] = {
	KTAP_CASE(reserve_serves_when_the_allocator_fails),
	KTAP_CASE(interrupt_and_thread_share_a_pool),
	KTAP_CASE(helpers_make_slab_kmalloc_and_page_pools),
};
KTAP_SUITE(mempool, mempool_cases);
