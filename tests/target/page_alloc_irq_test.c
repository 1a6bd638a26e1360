/*
 * KTAP suite "page_alloc_irq": the timer interrupt allocates and frees GFP_ATOMIC pages
 * while this thread allocates and frees GFP_KERNEL pages. Every page carries a stamp
 * (owner, pfn) checked before it is freed: a page handed to both sides, or lost, shows
 * up as a broken stamp or as free counts that do not return exactly.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include <kernel/ktap.h>
#include <mm/mm.h>
#include <string.h>

#define IRQ_SLOTS    8
#define THREAD_SLOTS 64
#define OWNER_IRQ    0x1a1a0000u
#define OWNER_THREAD 0x7e7e0000u

static struct page *irq_pages[IRQ_SLOTS];
static volatile unsigned int irq_ops, irq_failures, irq_bad_stamps;
static unsigned int irq_next;

static void stamp(struct page *p, u32 owner)
{
	u32 *w = page_address(p);

	w[0] = owner | (page_to_pfn(p) & 0xffff);
	w[1023] = ~w[0];
}

static bool stamp_ok(struct page *p, u32 owner)
{
	u32 *w = page_address(p);

	return w[0] == (owner | (page_to_pfn(p) & 0xffff)) && w[1023] == ~w[0];
}

/* Tick hook, interrupt context: replace one slot per tick (free the old, allocate new). */
static void irq_user(void *arg)
{
	struct page *old = irq_pages[irq_next], *p;

	if (old) {
		if (!stamp_ok(old, OWNER_IRQ))
			irq_bad_stamps++;
		__free_pages(old, 0);
	}
	p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
	if (p)
		stamp(p, OWNER_IRQ);
	else
		irq_failures++;
	irq_pages[irq_next] = p;
	irq_next = (irq_next + 1) % IRQ_SLOTS;
	irq_ops++;
}

static unsigned long total_free(void)
{
	unsigned long sum = 0;
	unsigned int z;

	drain_all_pages();
	for (z = 0; z < MAX_NR_ZONES; z++)
		sum += contig_page_data.node_zones[z].free_pages;
	return sum;
}

static struct page *mine[THREAD_SLOTS];
static unsigned int thread_bad_stamps;

/*
 * Cleanup action: stop the interrupt side, then free what both sides hold, checking the
 * stamps on the way. Safe at any point of the case (unregistering an absent hook is a no-op).
 */
static void release_both_sides(void *arg)
{
	unsigned long flags;
	unsigned int i;

	unregister_tick_hook(irq_user, NULL);
	for (i = 0; i < THREAD_SLOTS; i++) {
		if (mine[i]) {
			thread_bad_stamps += !stamp_ok(mine[i], OWNER_THREAD);
			__free_pages(mine[i], 0);
			mine[i] = NULL;
		}
	}
	local_irq_save(flags);
	for (i = 0; i < IRQ_SLOTS; i++) {
		if (irq_pages[i]) {
			irq_bad_stamps += !stamp_ok(irq_pages[i], OWNER_IRQ);
			__free_pages(irq_pages[i], 0);
			irq_pages[i] = NULL;
		}
	}
	local_irq_restore(flags);
}

static void irq_and_thread_allocations_lose_and_duplicate_nothing(struct ktap_test *t)
{
	unsigned long before = total_free();
	unsigned int rounds = 0, slot;

	memset(irq_pages, 0, sizeof(irq_pages));
	memset(mine, 0, sizeof(mine));
	irq_ops = irq_failures = irq_bad_stamps = irq_next = 0;
	thread_bad_stamps = 0;
	ktap_add_action(t, release_both_sides, NULL);
	KTAP_ASSERT_TRUE(t, register_tick_hook(irq_user, NULL) == 0);
	/* Run until the interrupt side has done 60 operations (0.6 s of ticks). */
	while (irq_ops < 60) {
		slot = rounds++ % THREAD_SLOTS;
		if (mine[slot]) {
			thread_bad_stamps += !stamp_ok(mine[slot], OWNER_THREAD);
			__free_pages(mine[slot], 0);
		}
		mine[slot] = alloc_pages(GFP_KERNEL, 0);
		KTAP_ASSERT_TRUE(t, mine[slot]);
		stamp(mine[slot], OWNER_THREAD);
	}
	ktap_release_action(t, release_both_sides, NULL);
	KTAP_EXPECT_EQ(t, thread_bad_stamps, 0);
	KTAP_EXPECT_EQ(t, irq_bad_stamps, 0);
	KTAP_EXPECT_EQ(t, irq_failures, 0);
	KTAP_EXPECT_TRUE(t, rounds > 60);
	KTAP_EXPECT_EQ(t, total_free(), before);
}

static const struct ktap_case page_alloc_irq_cases[] = {
	KTAP_CASE(irq_and_thread_allocations_lose_and_duplicate_nothing),
};
KTAP_SUITE(page_alloc_irq, page_alloc_irq_cases);
