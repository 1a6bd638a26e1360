/*
 * Page state bits. Every page of mem_map is in exactly one of these states:
 *   reserved        PG_reserved, never given to the buddy allocator (image, holes, mem_map)
 *   free block head PG_buddy, private = order, on zone->free_area[order]
 *   free, other     no state bit: a tail of a free block, or an order-0 page on a pcp list
 *   allocated head  PG_head, private = order, _refcount >= 1
 *   allocated tail  no state bit, _refcount 0
 * The zone number lives in the top bits of flags, as in Linux.
 */
#ifndef MM_PAGE_FLAGS_H
#define MM_PAGE_FLAGS_H

#include <mm/mm_types.h>

enum pageflags {
	PG_reserved, /* not managed by the buddy allocator */
	PG_buddy,    /* first page of a free block; private = order */
	PG_head,     /* first page of an allocated block; private = order */
	PG_slab,     /* owned by the slab allocator */
	__NR_PAGEFLAGS,
};

#define ZONES_WIDTH   2
#define ZONES_PGSHIFT 30
#define ZONES_MASK    ((1UL << ZONES_WIDTH) - 1)

/* The bits a page changes as it moves between the buddy lists and its owner. */
#define PAGE_FLAGS_STATE ((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_head))

#define PAGEFLAG(uname, lname)                                   \
	static inline bool Page##uname(const struct page *page)  \
	{                                                        \
		return (page->flags & (1UL << PG_##lname)) != 0; \
	}                                                        \
	static inline void __SetPage##uname(struct page *page)   \
	{                                                        \
		page->flags |= 1UL << PG_##lname;                \
	}                                                        \
	static inline void __ClearPage##uname(struct page *page) \
	{                                                        \
		page->flags &= ~(1UL << PG_##lname);             \
	}

/* Non-atomic: every writer holds the zone lock (or owns the page). */
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Head, head)
PAGEFLAG(Slab, slab)

#undef PAGEFLAG

static inline unsigned int page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline void set_page_zone(struct page *page, unsigned int zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

#endif
