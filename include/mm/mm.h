/*
 * The page allocator API (docs/design.md, Pages and zones) and the page <-> pfn <-> address
 * conversions.
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

/*
 * Drop a reference that is known not to be the last (another holder keeps the block):
 * no free path, no checks. Anything else goes through __free_pages().
 */
static inline void page_ref_dec(struct page *page)
{
	page->_refcount--;
}

/* allocate 2^@order physically contiguous pages */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)

/* Allocate order-0 pages into the empty slots of an array */
unsigned long alloc_pages_bulk(gfp_t gfp, unsigned long nr_pages, struct page **page_array);

/* Allocate 2^@order low-memory pages and return their address */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)

/* allocate one zero-filled low-memory page */
unsigned long get_zeroed_page(gfp_t gfp);

/* drop a reference on a block; free it when the last one goes */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/* free an order-0 page to the cold end of the per-CPU list */
void free_cold_page(struct page *page);

/* free a block by its direct-map address */
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/* build the zones and hand every unreserved page to the buddy allocator */
void mem_init(phys_addr_t dma_end, phys_addr_t lowmem_end);

/* give every page on the per-CPU lists back to the buddy lists */
void drain_all_pages(void);

/* pages on the buddy free lists of all zones (per-CPU lists excluded) */
unsigned long nr_free_pages(void);

struct sysinfo {
	unsigned long totalram; /* managed pages */
	unsigned long freeram;	/* buddy free + per-CPU lists */
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit; /* bytes per unit: PAGE_SIZE */
};

/* the totals behind MemTotal/MemFree/HighTotal/HighFree */
void si_meminfo(struct sysinfo *val);
/* MemAvailable: Linux's estimate of the pages allocatable without trouble (mm/meminfo.c). */
unsigned long si_mem_available(void);

/* Reports, in the formats of Linux's /proc files (mm/vmstat.c, mm/meminfo.c). */
void show_buddyinfo(void);  /* /proc/buddyinfo */
void show_zoneinfo(void);   /* /proc/zoneinfo */
void show_vmstat(void);	    /* /proc/vmstat */
void show_meminfo(void);    /* /proc/meminfo: MemTotal .. LowFree */
void show_free_areas(void); /* per-zone free summary, as in an allocation failure */
void show_mem(void);	    /* Mem-Info header + show_free_areas() */

#endif
