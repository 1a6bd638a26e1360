/*
 * Zones: the physical memory of the one node, split by what the memory can be used for
 * (docs/memory-map.md). Each zone has buddy free lists for orders 0..MAX_ORDER-1, a per-CPU list of
 * order-0 pages (hot at the head, cold at the tail) and min/low/high watermarks.
 * Invariant: zone->free_pages == sum over orders of free_area[order].nr_free << order;
 * pages on the per-CPU list are free but not counted there.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <mm/mm_types.h>

#define MAX_ORDER	   11 /* orders 0..10: blocks of 4 KB .. 4 MB */
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
/* Above this order the allocator does not retry reclaim unless told to (__GFP_REPEAT). */
#define PAGE_ALLOC_COSTLY_ORDER 3

#ifndef NR_CPUS
#define NR_CPUS 1
#endif
#define smp_processor_id() 0

enum zone_type {
	ZONE_DMA,     /* first DMA_ZONE_MB of RAM: any bus master reaches it */
	ZONE_NORMAL,  /* the rest of low memory: permanently mapped at PAGE_OFFSET */
	ZONE_HIGHMEM, /* RAM above low memory: mapped only on demand (kmap) */
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,  /* below: only __GFP_HIGH / GFP_ATOMIC callers, into the reserve */
	WMARK_LOW,  /* below: the fast path gives up and the slow path runs */
	WMARK_HIGH, /* comfortable */
	NR_WMARK
};

struct free_area {
	struct list_head free_list; /* heads of free blocks of this order (PG_buddy) */
	unsigned long nr_free;	    /* blocks, not pages */
};

/* The per-CPU cache of order-0 pages: hot (recently freed) at the head, cold at the tail. */
/*
 * The number of pages on the list is not kept as such but as two running totals, so that
 * the hot paths count allocations and frees for vmstat (mm/vmstat.c) with the very
 * instructions that kept the count: an allocation adds one to @limit, a free one to @in,
 * and a free drains when @in reaches @limit. pcp_count() = @in - (@limit - @high).
 * @high and @batch are short so that struct zone keeps its size (and page_zone() its
 * cost) with pgalloc_buddy added.
 */
struct per_cpu_pages {
	struct list_head list; /* first: the zone's address is its list head's */
	unsigned int in;       /* frees and refills, less drains, ever */
	unsigned int limit;    /* @high plus the pages ever allocated from the list */
	short high;	       /* drain @batch pages back to the buddy lists at this count */
	short batch;	       /* pages moved per refill or drain */
};

/* Pages on the list. */
static inline int pcp_count(const struct per_cpu_pages *pcp)
{
	return (int)(pcp->in - (pcp->limit - (unsigned int)pcp->high));
}

struct per_cpu_pageset {
	struct per_cpu_pages pcp;
};

struct zone {
	/*
	 * Read by every allocation: first, and the per-CPU list at offset 0, so that the
	 * hot paths use the zone's address as the list head's.
	 */
	struct per_cpu_pageset pageset[NR_CPUS];
	unsigned long watermark[NR_WMARK];
	unsigned long free_pages; /* pages on the free_area lists */
	spinlock_t lock;	  /* free_area, free_pages and the pagesets */
	struct free_area free_area[MAX_ORDER];

	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages; /* RAM pages in the span */
	unsigned long managed_pages; /* present pages handed to the buddy allocator */
	unsigned long pgalloc_buddy; /* pages ever allocated straight from free_area */
	const char *name;
	/*
	 * A power-of-two size (196 bytes of fields): page_zone() of every free is then one
	 * shift and add, where 192 bytes took two.
	 */
} __aligned(256);

/* Zones an allocation may use, preferred first, NULL-terminated. */
struct zonelist {
	struct zone *zones[MAX_NR_ZONES + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	/* node_zonelists[i]: zone i and every populated zone below it, highest first */
	struct zonelist node_zonelists[MAX_NR_ZONES];
	/* The frames mem_map describes: from ARCH_PFN_OFFSET (RAM's first) to max_pfn. */
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
	struct page *node_mem_map; /* == mem_map: beside the zones for the free path */
	int node_id;
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

/* Tunable like /proc/sys/vm/min_free_kbytes; setup_per_zone_wmarks() applies it. */
extern int min_free_kbytes;

#define min_wmark_pages(z)  ((z)->watermark[WMARK_MIN])
#define low_wmark_pages(z)  ((z)->watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->watermark[WMARK_HIGH])

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn - zone->zone_start_pfn < zone->spanned_pages; /* one unsigned compare */
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline enum zone_type zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - contig_page_data.node_zones);
}

static inline bool is_highmem(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_HIGHMEM;
}

#define for_each_zone(zone)                      \
	for (zone = contig_page_data.node_zones; \
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

#define for_each_populated_zone(zone)      \
	for_each_zone(zone)                \
		if (!populated_zone(zone)) \
			;                  \
		else

/* recompute every zone's min/low/high from min_free_kbytes */
void setup_per_zone_wmarks(void);

/* may an allocation of 2^@order pages be taken from @zone? */
bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark, int alloc_flags);

/* order-0 pages sitting on the zone's per-CPU lists */
unsigned long zone_pcp_count(struct zone *zone);

#endif
