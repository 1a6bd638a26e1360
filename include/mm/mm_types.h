/*
 * struct page: one per physical page frame, in the mem_map array (FLATMEM). It says who
 * owns the frame and, for the first page of a block, the block's order. At most 32 bytes
 * on the 32-bit target so that mem_map costs under 1% of RAM (64 KB frames per 2 MB).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <kernel/types.h>
#include <lib/list.h>

struct kmem_cache;
struct slab;

struct page {
	/*
	 * free_area or per-CPU list linkage while free; the owner's list while allocated.
	 * First: a listed page's address is its list entry's, which the hot paths use.
	 */
	struct list_head lru;
	unsigned long flags; /* PG_* bits (<mm/page-flags.h>) and the zone number */
	int _refcount;	     /* users of an allocated block; 0 when free */
	/*
	 * Order of the block this page heads: a free block on a free_area list (PG_buddy)
	 * or an allocated block (PG_head). Zero on every other page.
	 */
	unsigned long private;
	union {
		struct { /* every page of a slab (PG_slab): mm/slab.h */
			struct kmem_cache *slab_cache;
			struct slab *slab_page;	 /* the slab's descriptor, on- or off-slab */
			unsigned int slab_index; /* this page's index within the slab */
		};
		struct { /* a page not owned by the slab allocator */
			/* a highmem page: its PKMAP address while kmap()ed, else NULL */
			void *virtual;
			/*
			 * A user page: how many PTEs map it (mm/memory.c), set when it is
			 * first mapped. 0 for the zero page, which is never counted.
			 */
			int _mapcount;
		};
	};
};

/* 32 bytes on the 32-bit target; the host (LP64) build is larger and not constrained. */
_Static_assert(sizeof(void *) != 4 || sizeof(struct page) <= 32,
	       "struct page must fit in 32 bytes on the target");
/* mem_map validity checks use a mask instead of a division. */
_Static_assert((sizeof(struct page) & (sizeof(struct page) - 1)) == 0,
	       "sizeof(struct page) must be a power of two");

#endif
