/*
 * Allocation of kernel virtual address ranges (the vmalloc / vmap / ioremap area).
 *
 * A struct vmap_space owns the addresses [vstart, vend). Every range in it is either free
 * or one busy vmap_area followed by its one-page guard, which stays unmapped so that an
 * overrun faults instead of corrupting the next area. Allocation is first-fit: the lowest
 * address that satisfies size and alignment.
 *
 * Free ranges sit in a red-black tree keyed by address, each node augmented with the
 * largest free range in its subtree (Linux's free_vmap_area_root and subtree_max_size),
 * so the first-fit search descends in O(log n) and VmallocChunk is read at the root.
 * Busy areas sit in a second tree keyed by address (lookup in O(log n)). Every range, free
 * or busy, is also on one list in address order, so a freed area finds its free
 * neighbours to merge with in O(1), as Linux's free list lets merge_or_add_vmap_area()
 * do, and /proc/vmallocinfo walks it. Neighbouring free ranges are always merged.
 *
 * The kernel's vmalloc area is one instance, driven by the vmap_area_*() / *_vmap_area()
 * functions; tests and benchmarks may run private instances over ranges that are never
 * mapped. Not for atomic context unless @gfp says so (node memory may have to be
 * allocated); the per-instance spinlock keeps the trees consistent regardless.
 */
#ifndef MM_VMAP_AREA_H
#define MM_VMAP_AREA_H

#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <lib/rbtree.h>
#include <mm/gfp.h>

/**
 * struct vmap_area - one busy (or, inside the allocator, free) range of addresses
 * @va_start: first address
 * @va_end: one past the last address; the guard page of a busy area is NOT included
 * @rb_node: linkage in the busy tree or the free tree
 * @subtree_max_size: free ranges: the largest free range in this node's subtree
 * @busy_tag: busy areas: the address of their instance with bit 0 set, an odd value no
 *	free range's size (a page multiple) can take: it tells a busy area of this instance
 *	from anything else in O(1) when it is freed
 * @list: ranges of an instance: the address-ordered list; spare nodes: the pool list
 * @vm: the owner's data (a struct vm_struct *), opaque here
 * @flags: the owner's flags, untouched here
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct rb_node rb_node;
	union {
		unsigned long subtree_max_size;
		unsigned long busy_tag;
	};
	struct list_head list;
	void *vm;
	unsigned long flags;
};

/**
 * struct vmap_space - an allocator instance over [vstart, vend)
 * @vstart: first address managed
 * @vend: one past the last address managed
 * @lock: protects everything below
 * @free_root: free ranges by address, augmented with subtree_max_size
 * @busy_root: busy areas by address
 * @ranges: every range, free and busy, in address order
 * @nr_busy: busy areas
 * @nr_free: free ranges
 * @used: sum of busy sizes, guard pages excluded
 * @pool_free: spare nodes
 * @pool_pages: the pages the nodes were carved from (linked through page->lru)
 * @pool_nr_free: nodes on @pool_free
 * @pool_nr_pages: pages on @pool_pages
 * @first_free: the node of the initial free range, so that init needs no memory
 */
struct vmap_space {
	unsigned long vstart;
	unsigned long vend;
	spinlock_t lock;
	struct rb_root free_root;
	struct rb_root busy_root;
	struct list_head ranges;
	unsigned long nr_busy;
	unsigned long nr_free;
	unsigned long used;
	struct list_head pool_free;
	struct list_head pool_pages;
	unsigned long pool_nr_free;
	unsigned long pool_nr_pages;
	struct vmap_area first_free;
};

/* ---- any instance ---- */

/* make all of [@vstart, @vend) one free range */
void vmap_space_init(struct vmap_space *vs, unsigned long vstart, unsigned long vend);

/* give every node page back to the page allocator */
void vmap_space_destroy(struct vmap_space *vs);

/* reserve the lowest range that fits */
struct vmap_area *vmap_space_alloc(struct vmap_space *vs, unsigned long size, unsigned long align,
				   gfp_t gfp);

/* release an area and its guard page, merging with free neighbours */
void vmap_space_free(struct vmap_space *vs, struct vmap_area *va);

/* the busy area containing an address */
struct vmap_area *vmap_space_find(struct vmap_space *vs, unsigned long addr);

/* call @fn on every busy area in address order */
void vmap_space_for_each(struct vmap_space *vs, int (*fn)(struct vmap_area *va, void *arg),
			 void *arg);

/* Sum of busy sizes, guard pages excluded (meminfo VmallocUsed). */
unsigned long vmap_space_used(struct vmap_space *vs);
/*
 * The largest free range, guard pages counted as free (meminfo VmallocChunk). The
 * largest area that can still be allocated is one page less.
 */
unsigned long vmap_space_largest_free(struct vmap_space *vs);

/* ---- the kernel's vmalloc area ---- */

extern struct vmap_space vmap_area_space;

/* The whole range becomes free (see vmap_space_init()). */
void vmap_area_init(unsigned long vstart, unsigned long vend);
/*
 * The three calls of every vmalloc and vfree, inline so that they cost no call of their
 * own: reserve an area and its guard page (NULL when nothing fits, not reported: the
 * caller reports), release one (NULL or an area not allocated is reported and ignored),
 * and find the busy area holding @addr.
 */
static inline struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align, gfp_t gfp)
{
	return vmap_space_alloc(&vmap_area_space, size, align, gfp);
}

static inline void free_vmap_area(struct vmap_area *va)
{
	vmap_space_free(&vmap_area_space, va);
}

static inline struct vmap_area *find_vmap_area(unsigned long addr)
{
	return vmap_space_find(&vmap_area_space, addr);
}

void vmap_area_for_each(int (*fn)(struct vmap_area *va, void *arg), void *arg);
unsigned long vmap_area_used(void);
unsigned long vmap_area_largest_free(void);

#endif
