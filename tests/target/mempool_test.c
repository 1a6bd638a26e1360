/*
 * KTAP suite "mempool": the reserve, GFP_ATOMIC failing on an empty reserve, and a pool
 * driven from the timer interrupt and from this thread at once, the thread waiting (wfi)
 * for the elements the interrupt frees.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include <lib/ktap.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>

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

static void reserve_serves_when_the_allocator_fails(struct ktap_test *t)
{
	mempool_t *pool = mempool_create(3, test_alloc, test_free, (void *)128);
	void *e[4];
	unsigned int i;

	KTAP_ASSERT_TRUE(t, pool != NULL);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 3);
	underlying_fails = true;
	for (i = 0; i < 3; i++) {
		e[i] = mempool_alloc(pool, GFP_ATOMIC);
		KTAP_EXPECT_TRUE(t, e[i] != NULL);
	}
	KTAP_EXPECT_EQ(t, pool->curr_nr, 0);
	e[3] = mempool_alloc(pool, GFP_ATOMIC);
	KTAP_EXPECT_TRUE(t, e[3] == NULL); /* empty reserve: atomic callers get NULL */
	for (i = 0; i < 3; i++)
		mempool_free(e[i], pool);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 3);
	underlying_fails = false;
	KTAP_EXPECT_EQ(t, mempool_resize(pool, 5), 0);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 5);
	KTAP_EXPECT_EQ(t, mempool_resize(pool, 2), 0);
	KTAP_EXPECT_EQ(t, pool->curr_nr, 2);
	mempool_destroy(pool);
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

static void interrupt_and_thread_share_a_pool(struct ktap_test *t)
{
	unsigned long start = jiffies, waits;
	unsigned int i, rounds = 0, thread_got = 0;
	void *mine[2];

	underlying_fails = false;
	irq_pool = mempool_create(2, test_alloc, test_free, (void *)64);
	KTAP_ASSERT_TRUE(t, irq_pool != NULL);
	underlying_fails = true; /* from now on every element comes from the reserve of 2 */
	irq_held = NULL;
	irq_got = irq_null = irq_freed = 0;
	KTAP_ASSERT_TRUE(t, register_tick_hook(irq_pool_user, NULL) == 0);
	while (rounds < 20 && jiffies - start < 10 * HZ) {
		/* Take the whole reserve: the interrupt sees it empty meanwhile. */
		for (i = 0; i < 2; i++) {
			mine[i] = mempool_alloc(irq_pool, GFP_KERNEL); /* may wait for the IRQ */
			if (mine[i])
				thread_got++;
		}
		cpu_wait_for_interrupt(); /* a tick: the IRQ finds the reserve empty */
		for (i = 0; i < 2; i++)
			mempool_free(mine[i], irq_pool);
		cpu_wait_for_interrupt(); /* a tick: the IRQ takes one, we wait for it next */
		rounds++;
	}
	unregister_tick_hook(irq_pool_user, NULL);
	if (irq_held) {
		mempool_free(irq_held, irq_pool);
		irq_held = NULL;
	}
	waits = irq_pool->waits;
	KTAP_EXPECT_EQ(t, rounds, 20);
	KTAP_EXPECT_EQ(t, thread_got, 40); /* GFP_KERNEL never fails */
	KTAP_EXPECT_TRUE(t, irq_got > 0);
	KTAP_EXPECT_TRUE(t, irq_null > 0); /* GFP_ATOMIC on an empty reserve */
	KTAP_EXPECT_TRUE(t, waits > 0);	   /* the thread waited for the IRQ's free */
	KTAP_EXPECT_EQ(t, irq_pool->curr_nr, 2);
	underlying_fails = false;
	mempool_destroy(irq_pool);
	KTAP_EXPECT_EQ(t, underlying_live, 0);
}

static void helpers_make_slab_kmalloc_and_page_pools(struct ktap_test *t)
{
	struct kmem_cache *c = kmem_cache_create("ktap-pool", 48, 0, 0, NULL);
	mempool_t *ps, *pk, *pp;
	struct page *pg;
	void *a, *b;

	KTAP_ASSERT_TRUE(t, c != NULL);
	ps = mempool_create_slab_pool(2, c);
	pk = mempool_create_kmalloc_pool(2, 300);
	pp = mempool_create_page_pool(1, 2);
	KTAP_ASSERT_TRUE(t, ps && pk && pp);
	a = mempool_alloc(ps, GFP_KERNEL);
	b = mempool_alloc(pk, GFP_KERNEL);
	pg = mempool_alloc(pp, GFP_KERNEL);
	KTAP_EXPECT_TRUE(t, a && b && pg);
	KTAP_EXPECT_TRUE(t, virt_to_page(a)->slab_cache == c);
	KTAP_EXPECT_EQ(t, ksize(b), 512);
	KTAP_EXPECT_EQ(t, pg->private, 2);
	mempool_free(a, ps);
	mempool_free(b, pk);
	mempool_free(pg, pp);
	mempool_destroy(ps);
	mempool_destroy(pk);
	mempool_destroy(pp);
	KTAP_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	drop_slab(); /* leave no empty slab for a later suite's reclaim to find */
}

static const struct ktap_case mempool_cases[] = {
    KTAP_CASE(reserve_serves_when_the_allocator_fails),
    KTAP_CASE(interrupt_and_thread_share_a_pool),
    KTAP_CASE(helpers_make_slab_kmalloc_and_page_pools),
};
KTAP_SUITE(mempool, mempool_cases);
