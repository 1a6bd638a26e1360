/*
 * A picture of a zone's memory (mm/fragmap.c): its pages summed up in groups of 2^order
 * pages, each group counting its pages by what holds them, for the `fragmap` command; and
 * Linux's unusable free space index (/sys/kernel/debug/extfrag/unusable_index).
 */
#ifndef MM_FRAGMAP_H
#define MM_FRAGMAP_H

#include <kernel/types.h>
#include <mm/mmzone.h>

/* What holds a page. */
enum page_use {
	PU_FREE,     /* on the buddy lists */
	PU_PCP,	     /* free, on a per-CPU list */
	PU_SLAB,     /* a slab's page */
	PU_VMALLOC,  /* mapped by vmalloc or vmap */
	PU_KMAP,     /* a highmem page kmap()ed now */
	PU_ALLOC,    /* allocated otherwise (alloc_pages, kmalloc of whole pages, mem_map...) */
	PU_RESERVED, /* never given to the buddy allocator */
	NR_PAGE_USES
};

/* One group of pages: how many of each use, and the largest free block among them. */
struct page_group {
	u8 count[NR_PAGE_USES];
	s8 free_order; /* order of the largest free block the group's free pages belong to, or -1 */
};

/* Groups at most per zone: fragmap_group_order() picks groups big enough. */
#define FRAGMAP_MAX_GROUPS 1024

/* The group size for a zone's picture */
unsigned int fragmap_group_order(const struct zone *zone);

/* Sum a zone's pages up by group */
unsigned int fragmap_zone(struct zone *zone, unsigned int group_order, struct page_group *groups);

/* Linux's unusable free space index of a zone for an order */
unsigned int unusable_free_index(struct zone *zone, unsigned int order);

#endif
