/*
 * KTAP suite "page_alloc": the buddy allocator on the real board: zones, GFP zone
 * selection, bad frees refused without changing the free lists, exhaustion and return
 * to the boot state, the emergency reserve, and highmem mappings.
 */
#include <asm/irqflags.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/ktap.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/pgtable.h>
#include <string.h>

struct free_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
};

/* Slabs shrunk and per-CPU lists drained first: the buddy lists alone describe free memory. */
static void snapshot(struct free_snapshot *s)
{
	unsigned int z, o;

	drop_slab(); /* empty slabs would come and go with reclaim otherwise */
	drain_all_pages();
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];

		s->free_pages[z] = zone->free_pages;
		for (o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = zone->free_area[o].nr_free;
	}
}

static bool snapshot_equal(const struct free_snapshot *a, const struct free_snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/*
 * What a case holds, for its cleanup action: blocks (page and order) and a page list.
 * Static: a case that faulted has no stack left when its actions run.
 */
#define HELD_MAX 4
static struct {
	struct page *page[HELD_MAX];
	unsigned int order[HELD_MAX];
	struct page *kmapped;
	struct list_head list;
} held;

/* Record @page, of @order, at @slot of held.page[]. Return: @page. */
static struct page *hold(unsigned int slot, struct page *page, unsigned int order)
{
	held.page[slot] = page;
	held.order[slot] = order;
	return page;
}

static void free_all(struct list_head *list);

/* Cleanup action: kunmap, then free every block and the list. */
static void release_held(void *arg)
{
	unsigned int i;

	if (held.kmapped)
		kunmap(held.kmapped);
	held.kmapped = NULL;
	for (i = 0; i < HELD_MAX; i++) {
		if (held.page[i])
			__free_pages(held.page[i], held.order[i]);
		held.page[i] = NULL;
	}
	free_all(&held.list);
}

static void hold_nothing(struct ktap_test *t)
{
	memset(&held, 0, sizeof(held));
	INIT_LIST_HEAD(&held.list);
	ktap_add_action(t, release_held, NULL);
}

/* LOWMEM_MB = RAM_MB builds have no ZONE_HIGHMEM at all (README, build settings). */
static bool have_highmem(void)
{
	return populated_zone(&contig_page_data.node_zones[ZONE_HIGHMEM]);
}

static void zones_dma_normal_highmem_are_populated(struct ktap_test *t)
{
	struct zone *z = contig_page_data.node_zones;

	KTAP_EXPECT_EQ(t, z[ZONE_DMA].spanned_pages, DMA_ZONE_MB * 256);
	KTAP_EXPECT_EQ(t, z[ZONE_NORMAL].spanned_pages, (LOWMEM_MB - DMA_ZONE_MB) * 256);
	KTAP_EXPECT_EQ(t, z[ZONE_HIGHMEM].spanned_pages, (RAM_MB - LOWMEM_MB) * 256);
	KTAP_EXPECT_TRUE(t, z[ZONE_HIGHMEM].managed_pages == (RAM_MB - LOWMEM_MB) * 256);
	KTAP_EXPECT_TRUE(t, z[ZONE_NORMAL].free_pages > 0 && z[ZONE_DMA].free_pages > 0);
}

static void memfree_is_buddy_plus_pcp(struct ktap_test *t)
{
	struct sysinfo si;
	unsigned long sum = 0;
	unsigned int zi;

	si_meminfo(&si);
	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		struct zone *z = &contig_page_data.node_zones[zi];

		sum += z->free_pages + zone_pcp_count(z);
	}
	KTAP_EXPECT_EQ(t, si.freeram, sum);
	/* HighTotal: every frame above low memory (nothing reserves highmem), or none at all. */
	KTAP_EXPECT_EQ(t, si.totalhigh, max_pfn - max_low_pfn);
	KTAP_EXPECT_EQ(t, si.totalhigh, contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages);
}

static void gfp_selects_the_zone(struct ktap_test *t)
{
	struct page *dma, *high, *norm;

	hold_nothing(t);
	dma = hold(0, alloc_pages(GFP_DMA, 0), 0);
	high = hold(1, alloc_pages(GFP_HIGHUSER, 0), 0);
	norm = hold(2, alloc_pages(GFP_KERNEL, 2), 2);
	KTAP_ASSERT_TRUE(t, dma && high && norm);
	KTAP_EXPECT_TRUE(t, page_to_phys(dma) < PHYS_OFFSET + DMA_ZONE_MB * SZ_1M);
	if (have_highmem()) {
		KTAP_EXPECT_TRUE(t, page_to_phys(high) >= PHYS_OFFSET + LOWMEM_SIZE);
		KTAP_EXPECT_TRUE(t, page_address(high) == NULL);
	} else {
		/* No HighMem zone: __GFP_HIGHMEM falls back to Normal (docs/design.md, Zonelist
		 * fallback). */
		KTAP_EXPECT_EQ(t, page_zonenum(high), ZONE_NORMAL);
		KTAP_EXPECT_TRUE(t, page_address(high) == __va(page_to_phys(high)));
	}
	KTAP_EXPECT_EQ(t, page_zonenum(norm), ZONE_NORMAL);
	KTAP_EXPECT_TRUE(t, page_address(norm) == __va(page_to_phys(norm)));
}

static void bad_frees_are_refused_and_change_nothing(struct ktap_test *t)
{
	struct free_snapshot before, after;
	struct page *p;

	hold_nothing(t);
	p = hold(0, alloc_pages(GFP_KERNEL, 2), 2);
	KTAP_ASSERT_TRUE(t, p);
	snapshot(&before);
	ktap_expect_report(t,
			   "page_alloc: bad free of pfn 0x%lx: wrong order, not the start, "
			   "order too large",
			   page_to_pfn(p));
	__free_pages(p, 1);	/* wrong order */
	__free_pages(p + 1, 0); /* not the start of the block */
	__free_pages(p, 11);	/* order too large */
	snapshot(&after);
	KTAP_EXPECT_TRUE(t, snapshot_equal(&before, &after));
	KTAP_EXPECT_EQ(t, page_count(p), 1);
	ktap_release_action(t, release_held, NULL);
	snapshot(&before);
	ktap_expect_report(t, "page_alloc: bad free of pfn 0x%lx: double free", page_to_pfn(p));
	__free_pages(p, 2); /* double free */
	snapshot(&after);
	KTAP_EXPECT_TRUE(t, snapshot_equal(&before, &after));
	KTAP_EXPECT_TRUE(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 11) == NULL);
}

/* Allocate order-0 pages with @gfp until it fails, chaining them on @list. */
static unsigned long allocate_all(gfp_t gfp, struct list_head *list)
{
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_pages(gfp | __GFP_NOWARN, 0))) {
		list_add(&p->lru, list);
		n++;
	}
	return n;
}

static void free_all(struct list_head *list)
{
	struct page *p, *tmp;

	list_for_each_entry_safe(p, tmp, list, lru) {
		list_del(&p->lru);
		__free_pages(p, 0);
	}
}

static void exhaustion_then_free_returns_to_the_boot_state(struct ktap_test *t)
{
	struct free_snapshot boot, after;
	unsigned long n;

	hold_nothing(t);
	snapshot(&boot);
	n = allocate_all(GFP_HIGHUSER | __GFP_HIGH, &held.list);
	n += allocate_all(GFP_ATOMIC, &held.list);
	KTAP_EXPECT_TRUE(t, n > (RAM_MB * 256) * 9 / 10);
	ktap_release_action(t, release_held, NULL);
	snapshot(&after);
	KTAP_EXPECT_TRUE(t, snapshot_equal(&boot, &after));
}

static void atomic_takes_pages_below_min_and_nowait_cannot(struct ktap_test *t)
{
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	struct free_snapshot boot, after;
	unsigned long nowait, atomic;

	hold_nothing(t);
	snapshot(&boot);
	nowait = allocate_all(GFP_NOWAIT, &held.list);
	drain_all_pages();
	/* GFP_NOWAIT stopped at the min watermark... */
	KTAP_EXPECT_TRUE(t, normal->free_pages >= min_wmark_pages(normal) - 1);
	atomic = allocate_all(GFP_ATOMIC, &held.list);
	drain_all_pages();
	/* ...GFP_ATOMIC went below it, into the reserve. */
	KTAP_EXPECT_TRUE(t, atomic > 0);
	KTAP_EXPECT_TRUE(t, normal->free_pages < min_wmark_pages(normal));
	KTAP_EXPECT_TRUE(t, nowait > 0);
	ktap_release_action(t, release_held, NULL);
	snapshot(&after);
	KTAP_EXPECT_TRUE(t, snapshot_equal(&boot, &after));
}

static void zeroed_page_is_zero(struct ktap_test *t)
{
	struct page *p;
	unsigned long z;
	unsigned int i;
	u32 *w;

	hold_nothing(t);
	p = alloc_pages(GFP_KERNEL, 0);
	KTAP_ASSERT_TRUE(t, p);
	memset(page_address(p), 0xa5, PAGE_SIZE);
	__free_pages(p, 0);
	z = get_zeroed_page(GFP_KERNEL);
	KTAP_ASSERT_TRUE(t, z);
	hold(0, virt_to_page((void *)z), 0);
	w = (u32 *)z;
	for (i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i])
			break;
	KTAP_EXPECT_EQ(t, i, PAGE_SIZE / 4);
}

static void sleeping_alloc_in_atomic_context_is_served(struct ktap_test *t)
{
	unsigned long flags;
	struct page *p;

	hold_nothing(t);
	ktap_expect_report(t, "BUG: sleeping function called from invalid context "
			      "(GFP_KERNEL with interrupts disabled)");
	local_irq_save(flags);
	p = alloc_pages(GFP_KERNEL, 0); /* prints the BUG line, must not sleep */
	local_irq_restore(flags);
	KTAP_EXPECT_TRUE(t, hold(0, p, 0));
}

static void kmap_maps_highmem_and_page_address_follows(struct ktap_test *t)
{
	struct page *p;
	struct pt_walk w;
	u32 *a, *k;

	hold_nothing(t);
	p = hold(0, alloc_pages(GFP_HIGHUSER, 0), 0);
	if (!have_highmem())
		KTAP_SKIP(t, "no HighMem zone (LOWMEM_MB = RAM_MB): PKMAP and the fixmap unused");
	KTAP_ASSERT_TRUE(t, p && PageHighMem(p));
	a = kmap_atomic(p);
	KTAP_ASSERT_TRUE(t, a);
	KTAP_EXPECT_TRUE(t, pt_walk(swapper_pg_dir, (unsigned long)a, &w));
	KTAP_EXPECT_EQ(t, w.phys, page_to_phys(p));
	KTAP_EXPECT_TRUE(t, w.leaf->attrs.xn && !w.leaf->attrs.ro);
	a[0] = 0x12345678;
	a[1023] = 0x9abcdef0;
	kunmap_atomic(a);
	KTAP_EXPECT_TRUE(t, !pt_walk(swapper_pg_dir, (unsigned long)a, &w));
	KTAP_EXPECT_TRUE(t, page_address(p) == NULL);
	k = kmap(p);
	KTAP_ASSERT_TRUE(t, k);
	held.kmapped = p;
	KTAP_EXPECT_TRUE(t, (unsigned long)k >= PKMAP_BASE &&
				    (unsigned long)k < PKMAP_BASE + PKMAP_SIZE);
	KTAP_EXPECT_TRUE(t, page_address(p) == k);
	KTAP_EXPECT_EQ(t, k[0], 0x12345678);
	KTAP_EXPECT_EQ(t, k[1023], 0x9abcdef0);
	kunmap(p);
	held.kmapped = NULL;
	KTAP_EXPECT_TRUE(t, page_address(p) == NULL);
}

static void kmap_atomic_nests(struct ktap_test *t)
{
	struct page *p[4];
	u32 *v[4];
	unsigned int i;

	hold_nothing(t);
	for (i = 0; i < 4; i++) {
		p[i] = hold(i, alloc_pages(GFP_HIGHUSER, 0), 0);
		KTAP_ASSERT_TRUE(t, p[i]);
	}
	for (i = 0; i < 4; i++) {
		v[i] = kmap_atomic(p[i]);
		v[i][0] = i;
	}
	KTAP_EXPECT_TRUE(t, in_atomic());
	for (i = 4; i-- > 0;) {
		KTAP_EXPECT_EQ(t, v[i][0], i);
		kunmap_atomic(v[i]);
	}
	KTAP_EXPECT_TRUE(t, !in_atomic());
}

static const struct ktap_case page_alloc_cases[] = {
	KTAP_CASE(zones_dma_normal_highmem_are_populated),
	KTAP_CASE(memfree_is_buddy_plus_pcp),
	KTAP_CASE(gfp_selects_the_zone),
	KTAP_CASE(bad_frees_are_refused_and_change_nothing),
	KTAP_CASE(exhaustion_then_free_returns_to_the_boot_state),
	KTAP_CASE(atomic_takes_pages_below_min_and_nowait_cannot),
	KTAP_CASE(zeroed_page_is_zero),
	KTAP_CASE(sleeping_alloc_in_atomic_context_is_served),
	KTAP_CASE(kmap_maps_highmem_and_page_address_follows),
	KTAP_CASE(kmap_atomic_nests),
};
KTAP_SUITE(page_alloc, page_alloc_cases);
