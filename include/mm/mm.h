/*
 * The page allocator API (DESIGN §4) and the page <-> pfn <-> address conversions.
 *
 * Boot sequence (MMU on, low memory direct-mapped at PAGE_OFFSET):
 *
 *	memblock_add(PHYS_OFFSET, RAM_MB * SZ_1M);		every RAM bank
 *	memblock_reserve(__pa(_stext), _end - _stext);		image, page tables, vectors...
 *	(memblock_alloc() may be used here for early tables)
 *	mem_init(PHYS_OFFSET + DMA_ZONE_MB * SZ_1M, PHYS_OFFSET + LOWMEM_SIZE);
 *
 * After mem_init() the buddy allocator owns every unreserved page and memblock is retired.
 * alloc_pages() may then be called from any context, interrupt handlers included, with a
 * GFP mask that fits the context (<mm/gfp.h>).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <asm/memory.h>
#include <kernel/types.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page-flags.h>

/* FLATMEM: one struct page per frame from PHYS_OFFSET up to max_pfn. */
extern struct page *mem_map;
extern unsigned long min_low_pfn;     /* first RAM frame */
extern unsigned long max_low_pfn;     /* first frame above low memory */
extern unsigned long max_pfn;	      /* first frame above RAM */
extern void *high_memory;	      /* virtual end of the direct map */
extern unsigned long totalram_pages;  /* pages handed to the buddy allocator */
extern unsigned long totalhigh_pages; /* ... of which in ZONE_HIGHMEM */

#define ARCH_PFN_OFFSET ((unsigned long)(PHYS_OFFSET) >> PAGE_SHIFT)

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - ARCH_PFN_OFFSET);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + ARCH_PFN_OFFSET;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn - ARCH_PFN_OFFSET <
	       max_pfn - ARCH_PFN_OFFSET; /* unsigned: also rejects pfn < offset */
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

#define virt_to_pfn(v) (__pa(v) >> PAGE_SHIFT)
/* Only for direct-mapped (low memory) addresses. */
#define virt_to_page(v) pfn_to_page(virt_to_pfn(v))

/**
 * get_order - the smallest order whose block holds @size bytes
 * @size: bytes, at least 1
 * Return: 0 for up to PAGE_SIZE, 1 for up to 2 pages, and so on.
 */
static inline unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

/**
 * page_address - the kernel virtual address of a page
 * @page: the page
 * Return: the direct-map address of a low-memory page; for a highmem page its kmap()
 * address, or NULL when it is not kmap()ed (kmap_atomic() windows do not count).
 */
static inline void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return page->virtual;
}

static inline int page_count(const struct page *page)
{
	return page->_refcount;
}

/* Take one more reference on an allocated block (its first page). */
static inline void get_page(struct page *page)
{
	page->_refcount++;
}

/**
 * alloc_pages - allocate 2^@order physically contiguous pages
 * @gfp: GFP mask: zones allowed, whether the caller may sleep, reserves, __GFP_ZERO...
 * @order: 0..MAX_ORDER-1
 *
 * Tries the zones of the zonelist @gfp selects above their low watermark, then runs the
 * slow path: the min watermark (lowered for __GFP_HIGH), and for callers that may sleep
 * direct reclaim through the shrinkers and waiting for an interrupt to free memory.
 * Return: the first page of the block (refcount 1), or NULL with a failure report
 * (unless __GFP_NOWARN). Never NULL with __GFP_NOFAIL from a context that may sleep.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)

/**
 * alloc_pages_bulk - allocate order-0 pages into the empty slots of an array
 * @gfp: GFP mask, as for alloc_pages()
 * @nr_pages: slots in @page_array
 * @page_array: slots; a non-NULL slot is left alone, a NULL one gets a page
 *
 * Linux's bulk allocator (5.13): the pages come from the per-CPU list of the preferred
 * zone (the first of the zonelist @gfp selects), refilled from the buddy lists as it
 * runs dry, with interrupts masked once for the whole array. It stops early, without
 * falling back to another zone or reclaim, when that zone reaches its low watermark; if
 * it could give no page at all it makes one ordinary alloc_pages() call, so a caller
 * always makes progress or learns that memory is exhausted. Callers fill the rest one
 * page at a time (vmalloc does).
 * Return: the number of non-NULL slots in @page_array; the slots are filled in order,
 * so with an all-NULL array the first (return value) slots hold pages.
 */
unsigned long alloc_pages_bulk(gfp_t gfp, unsigned long nr_pages, struct page **page_array);

/**
 * __get_free_pages - allocate 2^@order low-memory pages and return their address
 * @gfp: GFP mask; __GFP_HIGHMEM is ignored, the result must be addressable
 * @order: 0..MAX_ORDER-1
 * Return: the direct-map virtual address, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)

/**
 * get_zeroed_page - allocate one zero-filled low-memory page
 * @gfp: GFP mask
 * Return: its virtual address, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp);

/**
 * __free_pages - drop a reference on a block; free it when the last one goes
 * @page: the first page of the block, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * A double free, a wrong @order, a page that does not start an allocated block, a
 * reserved page or @order >= MAX_ORDER is reported (KERN_ERR, pfn and caller) and
 * ignored: allocator state is never changed by a bad call.
 */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/**
 * free_cold_page - free an order-0 page to the cold end of the per-CPU list
 * @page: the page; same checks as __free_pages()
 */
void free_cold_page(struct page *page);

/**
 * free_pages - free a block by its direct-map address
 * @addr: what __get_free_pages() returned; 0 is ignored
 * @order: the order it was allocated with
 *
 * An address outside the direct map or not page-aligned is reported and ignored.
 */
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

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
void mem_init(phys_addr_t dma_end, phys_addr_t lowmem_end);

/**
 * drain_all_pages - give every page on the per-CPU lists back to the buddy lists
 */
void drain_all_pages(void);

/**
 * nr_free_pages - pages on the buddy free lists of all zones (per-CPU lists excluded)
 * Return: the count, as Linux's NR_FREE_PAGES.
 */
unsigned long nr_free_pages(void);

struct sysinfo {
	unsigned long totalram; /* managed pages */
	unsigned long freeram;	/* buddy free + per-CPU lists */
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit; /* bytes per unit: PAGE_SIZE */
};

/**
 * si_meminfo - the totals behind MemTotal/MemFree/HighTotal/HighFree
 * @val: filled in, in pages
 */
void si_meminfo(struct sysinfo *val);

/* Reports, in the formats of Linux's /proc files (mm/vmstat.c, mm/meminfo.c). */
void show_buddyinfo(void);  /* /proc/buddyinfo */
void show_zoneinfo(void);   /* /proc/zoneinfo */
void show_meminfo(void);    /* /proc/meminfo: MemTotal .. LowFree */
void show_free_areas(void); /* per-zone free summary, as in an allocation failure */
void show_mem(void);	    /* Mem-Info header + show_free_areas() */

#endif
