/*
 * Boot-time set-up of the page allocator: mem_map, the three zones of docs/memory-map.md, their
 * zonelists, per-CPU list sizes and watermarks, then the hand-over of every unreserved
 * page from memblock to the buddy lists.
 *
 * Zone boundaries are parameters (mem_init()), not compile-time constants, so the same
 * code runs the firmware's 256 MB layout and the host tests' small arenas.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/highmem.h>
#include <mm/kfence.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/page_owner.h>
#include <string.h>

#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long min_low_pfn;
unsigned long max_low_pfn;
unsigned long max_pfn;
void *high_memory;
unsigned long totalram_pages;
unsigned long totalhigh_pages;
int min_free_kbytes;

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
};

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (sizeof(long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static unsigned long rounddown_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p <= n / 2)
		p <<= 1;
	return p;
}

/* Linux's zone_batchsize(): about a quarter of a 1/1024th of the zone, at most 512 KB. */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages / 1024;

	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* 2^n - 1: keeps refills from aliasing the same cache colours. */
	return (int)(rounddown_pow_of_two(batch + batch / 2) - 1);
}

static void zone_pcp_update(struct zone *zone)
{
	int batch = zone_batchsize(zone);

	/* A batch of 0 (zones under 32 MB) leaves the list off: high 0, every free drains. */
	pageset_set_high_and_batch(zone, 6 * batch, batch);
}

static void zone_init(struct zone *zone, enum zone_type idx, unsigned long start_pfn,
		      unsigned long end_pfn)
{
	unsigned int o;
	int cpu;

	zone->name = zone_names[idx];
	spin_lock_init(&zone->lock);
	for (o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
		zone->free_area[o].nr_free = 0;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		INIT_LIST_HEAD(&zone->pageset[cpu].pcp.list);
		zone->pageset[cpu].pcp.in = 0;
		zone->pageset[cpu].pcp.limit = 0;
		zone->pageset[cpu].pcp.high = 0;
		zone->pageset[cpu].pcp.batch = 1;
	}
	if (end_pfn < start_pfn)
		end_pfn = start_pfn;
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = memblock_count_memory_pages(start_pfn, end_pfn);
	zone->managed_pages = 0;
	zone->pgalloc_buddy = 0;
	zone->free_pages = 0;
}

/*
 * Zonelist i: zone i, then every populated zone below it, highest first
 * (docs/design.md, Zonelist fallback).
 */
/* Preferred zone for each combination of __GFP_DMA and __GFP_HIGHMEM (DMA wins). */
const unsigned char gfp_zone_table[4] = {
	[0] = ZONE_NORMAL,
	[__GFP_DMA] = ZONE_DMA,
	[__GFP_HIGHMEM] = ZONE_HIGHMEM,
	[__GFP_DMA | __GFP_HIGHMEM] = ZONE_DMA,
};

struct zone *gfp_first_zone[4];

static void build_zonelists(pg_data_t *pgdat)
{
	int i, j, n;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zonelist *zl = &pgdat->node_zonelists[i];

		n = 0;
		for (j = i; j >= 0; j--)
			if (populated_zone(&pgdat->node_zones[j]))
				zl->zones[n++] = &pgdat->node_zones[j];
		zl->zones[n] = NULL;
	}
	/*
	 * Never NULL: with no populated zone in the list, the empty zone itself, which the
	 * fast path always leaves (free_pages 0 is never above a watermark).
	 */
	for (i = 0; i < 4; i++) {
		j = gfp_zone_table[i];
		gfp_first_zone[i] = pgdat->node_zonelists[j].zones[0] ?: &pgdat->node_zones[j];
	}
}

/*
 * Put the struct pages of [start_pfn, end_pfn), zeroed by the caller, in the state
 * memblock_free_all() hands to __free_pages_core(): in @zone, not reserved, no users, not
 * on a list (lru NULL; every list operation on a page adds it first). One word per page:
 * the zeroing before is an STM-burst memset() of the whole mem_map.
 */
static void init_free_page_range(unsigned long start_pfn, unsigned long end_pfn,
				 enum zone_type zone)
{
	const unsigned long flags = (unsigned long)zone << ZONES_PGSHIFT;
	struct page *page = pfn_to_page(start_pfn), *end = pfn_to_page(end_pfn);

	if (flags)
		for (; page < end; page++)
			page->flags = flags;
}

static void reserve_page_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		page->flags |= 1UL << PG_reserved;
		page->_refcount = 1;
	}
}

/* memblock_for_each_free_range() callback: reserve the frames before the free range. */
static void reserve_up_to(unsigned long start_pfn, unsigned long end_pfn, void *cursor)
{
	reserve_page_range(*(unsigned long *)cursor, start_pfn);
	*(unsigned long *)cursor = end_pfn;
}

/**
 * free_area_init - allocate mem_map and set up the zones (every page still reserved)
 * @dma_end: physical end of ZONE_DMA
 * @lowmem_end: physical end of low memory
 */
void free_area_init(phys_addr_t dma_end, phys_addr_t lowmem_end)
{
	pg_data_t *pgdat = &contig_page_data;
	u64 start = memblock_start_of_DRAM(), end = memblock_end_of_DRAM();
	unsigned long pfn, dma_pfn, nr;

	if (end <= start)
		panic("mem_init: no RAM registered with memblock_add()");
	if (lowmem_end > end)
		lowmem_end = (phys_addr_t)end;
	if (dma_end > lowmem_end)
		dma_end = lowmem_end;

	min_low_pfn = max((unsigned long)PFN_UP(start), ARCH_PFN_OFFSET);
	max_pfn = (unsigned long)PFN_DOWN(end);
	max_low_pfn = (unsigned long)PFN_DOWN((u64)lowmem_end);
	if (max_low_pfn < min_low_pfn)
		max_low_pfn = min_low_pfn;
	dma_pfn = (unsigned long)PFN_DOWN((u64)dma_end);
	if (dma_pfn < min_low_pfn)
		dma_pfn = min_low_pfn;
	high_memory = (void *)((unsigned long)__va(PFN_PHYS(max_low_pfn - 1)) + PAGE_SIZE);
	totalram_pages = 0;
	totalhigh_pages = 0;

	/* Low memory only: mem_map is reached through the direct map. */
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
	nr = max_pfn - ARCH_PFN_OFFSET;
	mem_map = memblock_alloc(nr * sizeof(struct page), sizeof(struct page));
	if (!mem_map)
		panic("mem_init: no low memory for mem_map (%lu bytes)", nr * sizeof(struct page));
	/*
	 * Every frame is made free-to-be (zeroed by memblock_alloc(), then its zone), then the
	 * frames memblock_free_all() will not release (reserved regions, holes, partial pages:
	 * a few hundred) become PG_reserved with one user. memblock must not change until
	 * memblock_free_all().
	 */
	init_free_page_range(ARCH_PFN_OFFSET, dma_pfn, ZONE_DMA);
	init_free_page_range(dma_pfn, max_low_pfn, ZONE_NORMAL);
	init_free_page_range(max_low_pfn, max_pfn, ZONE_HIGHMEM);
	pfn = ARCH_PFN_OFFSET;
	memblock_for_each_free_range(reserve_up_to, &pfn);
	reserve_page_range(pfn, max_pfn);

	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_id = 0;
	pgdat->node_start_pfn = ARCH_PFN_OFFSET;
	pgdat->node_spanned_pages = max_pfn - ARCH_PFN_OFFSET;
	pgdat->node_mem_map = mem_map;
	pgdat->node_present_pages = memblock_count_memory_pages(min_low_pfn, max_pfn);
	zone_init(&pgdat->node_zones[ZONE_DMA], ZONE_DMA, min_low_pfn, dma_pfn);
	zone_init(&pgdat->node_zones[ZONE_NORMAL], ZONE_NORMAL, dma_pfn, max_low_pfn);
	zone_init(&pgdat->node_zones[ZONE_HIGHMEM], ZONE_HIGHMEM, max_low_pfn, max_pfn);
	build_zonelists(pgdat);
}

/**
 * setup_per_zone_wmarks - recompute every zone's min/low/high from min_free_kbytes
 *
 * Low-memory zones share min_free_kbytes in proportion to their managed pages; highmem
 * gets a small fixed reserve (Linux: managed/1024, clamped to 32..128 pages).
 * low = min + min/4, high = min + min/2.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0, flags;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_pages += zone->managed_pages;

	for_each_zone(zone) {
		unsigned long min;

		if (is_highmem(zone)) {
			/* Highmem cannot serve kernel data: keep only a small reserve there. */
			min = zone->managed_pages / 1024;
			min = min < 32 ? 32 : (min > 128 ? 128 : min);
			if (min > zone->managed_pages)
				min = zone->managed_pages;
		} else if (lowmem_pages) {
			min = (unsigned long)((u64)pages_min * zone->managed_pages / lowmem_pages);
		} else {
			min = 0;
		}
		spin_lock_irqsave(&zone->lock, flags);
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + min / 4;
		zone->watermark[WMARK_HIGH] = min + min / 2;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/**
 * init_per_zone_wmark_min - Linux's default: min_free_kbytes = sqrt(lowmem KB * 16)
 *
 * Clamped to 128 KB .. 64 MB, then applied with setup_per_zone_wmarks().
 */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = 0, v;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_kbytes += zone->managed_pages << (PAGE_SHIFT - 10);
	v = int_sqrt(lowmem_kbytes * 16);
	if (v < 128)
		v = 128;
	if (v > 65536)
		v = 65536;
	min_free_kbytes = (int)v;
	setup_per_zone_wmarks();
}

/**
 * mem_init - build the zones and hand every unreserved page to the buddy allocator
 * @dma_end: physical end of ZONE_DMA (PHYS_OFFSET + DMA_ZONE_MB MB)
 * @lowmem_end: physical end of low memory (PHYS_OFFSET + LOWMEM_SIZE); RAM above it is
 *	ZONE_HIGHMEM
 *
 * Call once, after every memblock_add() and memblock_reserve(). Allocates mem_map from
 * memblock, sets up zones, zonelists, watermarks and per-CPU lists, frees the unreserved
 * RAM into the buddy lists, retires memblock and initialises kmap.
 */
void mem_init(phys_addr_t dma_end, phys_addr_t lowmem_end)
{
	struct zone *zone;

	free_area_init(dma_end, lowmem_end);
	page_owner_init();
	kfence_alloc_pool();
	memblock_free_all();
	for_each_zone(zone)
		zone_pcp_update(zone);
	init_per_zone_wmark_min();
	kmap_init();
	pr_info("Memory: %luK/%luK available (%luK highmem), mem_map %luK at %p\n",
		totalram_pages << (PAGE_SHIFT - 10),
		contig_page_data.node_present_pages << (PAGE_SHIFT - 10),
		totalhigh_pages << (PAGE_SHIFT - 10),
		((max_pfn - ARCH_PFN_OFFSET) * sizeof(struct page)) >> 10, (void *)mem_map);
}
