/*
 * Interfaces shared by the files of mm/ and by the host tests; not for the rest of the
 * firmware.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <mm/mm.h>

/* alloc_flags: which watermark to check and how far below it a caller may go. */
#define ALLOC_WMARK_MIN	    WMARK_MIN
#define ALLOC_WMARK_LOW	    WMARK_LOW
#define ALLOC_WMARK_HIGH    WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 /* ignore watermarks: reclaim's own allocations */
#define ALLOC_WMARK_MASK    (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER	    0x10 /* GFP_ATOMIC: a further quarter below */
#define ALLOC_HIGH	    0x20 /* __GFP_HIGH: half of the min watermark */

/* @min lowered by the reserve this caller may use: half for __GFP_HIGH, a quarter more atomic. */
static inline long wmark_with_reserves(long min, int alloc_flags)
{
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	return min;
}

/* The level the zone's buddy free pages must stay above for this caller; -1: none. */
static inline long wmark_floor(const struct zone *zone, int alloc_flags)
{
	if (alloc_flags & ALLOC_NO_WATERMARKS)
		return -1;
	return wmark_with_reserves((long)zone->watermark[alloc_flags & ALLOC_WMARK_MASK],
				   alloc_flags);
}

/* An allocated block's head: PG_head, its order, one user. */
static inline void set_page_allocated(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	page->private = order;
	page->_refcount = 1;
}

/* Direct-reclaim rounds (reclaim, then wait for an interrupt) before giving up. */
#define MAX_RECLAIM_RETRIES    16
#define REPEAT_RECLAIM_RETRIES (4 * MAX_RECLAIM_RETRIES) /* __GFP_REPEAT */

/* mm_init.c */
/* The zonelist index for each combination of __GFP_DMA and __GFP_HIGHMEM (DMA wins). */
extern const unsigned char gfp_zone_table[4];
/* The first zone of that zonelist (if none is populated, that empty zone): the fast path's. */
extern struct zone *gfp_first_zone[4];
void free_area_init(phys_addr_t dma_end, phys_addr_t lowmem_end);
void init_per_zone_wmark_min(void);

/* page_alloc.c */
void __free_pages_core(struct page *page, unsigned int order);
/* alloc_pages() for @caller, every case included: out of line */
struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, void *caller);
/* Try every zone of @zl in order; the slow path's entry into the buddy lists. */
/* page_alloc.c's internals that mm/kmem_trace.c hooks (the zone-locked and drain events) */
struct page *rmqueue_buddy(struct zone *zone, unsigned int order, long floor);
bool pcp_refill(struct zone *zone, struct per_cpu_pages *pcp, long floor);
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp);

struct page *get_page_slowpath(gfp_t gfp, unsigned int order, int alloc_flags,
			       const struct zonelist *zl);

/* page_alloc_slowpath.c */
struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, const struct zonelist *zl,
				    void *caller);
/**
 * pageset_set_high_and_batch - resize a zone's per-CPU list (drains it first)
 * @zone: the zone
 * @high: drain when the list reaches this many pages (0: every free goes to the buddy)
 * @batch: pages moved per refill or drain, at least 1
 */
void pageset_set_high_and_batch(struct zone *zone, int high, int batch);

/* memblock.c */
unsigned long memblock_count_memory_pages(unsigned long start_pfn, unsigned long end_pfn);

/* page_alloc_report.c: explain a refused free (out of line, cold) */
void report_bad_free(struct page *page, unsigned int order, void *caller);
void report_bad_free_args(struct page *page, unsigned int order, void *caller);

/* show_mem.c */
void warn_alloc_failed(gfp_t gfp, unsigned int order, void *caller);
/* "page allocation stalls for <ms>ms, order:N, mode:0x…(…)", Linux's periodic warning. */
void warn_alloc_stall(gfp_t gfp, unsigned int order, unsigned long ms, void *caller);

#define PFN_UP(x)   (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)

#endif
