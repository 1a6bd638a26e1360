/*
 * The vmap area allocator: first-fit allocation of kernel virtual address ranges, each
 * followed by an unmapped guard page (see <mm/vmap_area.h> for the data structures).
 *
 * Invariant of an instance, after every public call: the free ranges and the busy areas
 * with their guard pages tile [vstart, vend) exactly; no two free ranges touch (they are
 * merged); every free node's subtree_max_size is the largest free range in its subtree.
 *
 * First-fit with alignment: a free range of at least size + PAGE_SIZE bytes is needed
 * (the guard is reserved too), and when @align exceeds PAGE_SIZE a long enough range may
 * still fail for want of an aligned start. The search walks the free tree in address
 * order, skipping every subtree whose largest range is too short, and returns the first
 * range that fits. With @align == PAGE_SIZE the first range that is long enough fits, so
 * the search is a single descent: O(log n). With a larger alignment each
 * long-enough range that fails the alignment costs another O(log n) step; a range of at
 * least size + align bytes always fits, so the walk ends there.
 *
 * Everything else avoids a descent: the range list gives a new busy area its place in
 * the busy tree and a freed area its free neighbours; a free checks its area by the busy
 * tag, not by a lookup; a range that grows updates its ancestors with one comparison
 * each, and one that shrinks stops at the first ancestor whose largest range is elsewhere.
 *
 * Node memory comes from a private pool of order-0 lowmem pages, not from the slab
 * allocator: vmalloc sits above slab (docs/design.md, section 4) but this allocator must
 * also work before kmem_cache_init() and while slab is developed (and slab's large caches may
 * themselves one day want vmalloc space). Two nodes are enough for any allocation (the
 * busy area and the remainder when a free range is split in the middle); they are taken
 * before the search, with the lock dropped around the page allocator, so the search
 * itself never allocates and a free never needs memory. Pool pages stay with the instance
 * until vmap_space_destroy(): the pool follows the peak number of ranges (102 nodes per
 * page on the target).
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/vmap_area.h>

#define VA_NODES_PER_PAGE  (PAGE_SIZE / sizeof(struct vmap_area))
#define VA_NODES_PER_ALLOC 2

/* Node memory: the page allocator's answer to @gfp, restricted to directly mapped pages. */
#define VA_NODE_GFP_MASK (~(gfp_t)(__GFP_HIGHMEM | __GFP_DMA | __GFP_ZERO))

static inline struct vmap_area *va_of(const struct rb_node *n)
{
	return rb_entry_safe((struct rb_node *)n, struct vmap_area, rb_node);
}

static inline unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

/* ---- the free tree's augmentation: subtree_max_size ---- */

static inline unsigned long subtree_max(const struct rb_node *n)
{
	return n ? va_of(n)->subtree_max_size : 0;
}

static inline unsigned long compute_subtree_max(const struct vmap_area *va)
{
	unsigned long m = va_size(va);

	m = max(m, subtree_max(va->rb_node.rb_left));
	return max(m, subtree_max(va->rb_node.rb_right));
}

static void free_tree_propagate(struct rb_node *n, struct rb_node *stop)
{
	while (n != stop) {
		struct vmap_area *va = va_of(n);
		unsigned long m = compute_subtree_max(va);

		if (va->subtree_max_size == m)
			break; /* the ancestors already agree */
		va->subtree_max_size = m;
		n = rb_parent(n);
	}
}

static void free_tree_copy(struct rb_node *old, struct rb_node *new)
{
	va_of(new)->subtree_max_size = va_of(old)->subtree_max_size;
}

static void free_tree_rotate(struct rb_node *old, struct rb_node *new)
{
	va_of(new)->subtree_max_size = va_of(old)->subtree_max_size;
	va_of(old)->subtree_max_size = compute_subtree_max(va_of(old));
}

static const struct rb_augment_callbacks free_tree_augment = {
	.propagate = free_tree_propagate,
	.copy = free_tree_copy,
	.rotate = free_tree_rotate,
};

/*
 * @va's range grew in place: every ancestor's largest range is now at least @va's size,
 * one comparison a level, and the walk stops at the first that already holds as much.
 */
static inline void free_tree_grown(struct vmap_area *va)
{
	unsigned long m = va_size(va);
	struct rb_node *n = &va->rb_node;

	do {
		va = va_of(n);
		if (va->subtree_max_size >= m)
			break;
		va->subtree_max_size = m;
		n = rb_parent(n);
	} while (n);
}

/*
 * @va's range shrank in place from @old bytes. Only the nodes whose largest range was
 * @old may change; the walk stops at the first one that held more (the largest is
 * elsewhere) or that still finds @old below it (a range of equal size).
 */
static inline void free_tree_shrunk(struct vmap_area *va, unsigned long old)
{
	struct rb_node *n = &va->rb_node;
	unsigned long m;

	do {
		va = va_of(n);
		if (va->subtree_max_size != old)
			break;
		m = compute_subtree_max(va);
		if (m == old)
			break;
		va->subtree_max_size = m;
		n = rb_parent(n);
	} while (n);
}

static void free_tree_insert(struct vmap_space *vs, struct vmap_area *va)
{
	struct rb_node **link = &vs->free_root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (va->va_start < va_of(parent)->va_start)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	va->subtree_max_size = va_size(va);
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_augmented(&va->rb_node, &vs->free_root, &free_tree_augment);
	vs->nr_free++;
}

/* Insert @va, which follows free range @prev in address order, with no descent. */
static void free_tree_insert_after(struct vmap_space *vs, struct vmap_area *prev,
				   struct vmap_area *va)
{
	struct rb_node *parent = &prev->rb_node, **link = &parent->rb_right;

	/* The in-order successor's slot: @prev's right child, or the leftmost below it. */
	while (*link) {
		parent = *link;
		link = &parent->rb_left;
	}
	va->subtree_max_size = va_size(va);
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_augmented(&va->rb_node, &vs->free_root, &free_tree_augment);
	vs->nr_free++;
}

static void free_tree_erase(struct vmap_space *vs, struct vmap_area *va)
{
	rb_erase_augmented(&va->rb_node, &vs->free_root, &free_tree_augment);
	vs->nr_free--;
}

/* ---- the busy tree ---- */

static inline unsigned long busy_tag(const struct vmap_space *vs)
{
	return (unsigned long)vs | 1;
}

/* @va is on @vs's range list: is it a busy area (else a free range)? */
static inline bool va_is_busy(const struct vmap_space *vs, const struct vmap_area *va)
{
	return va->busy_tag == busy_tag(vs);
}

/*
 * Enter @va, already on the range list, in the busy tree. No descent from the root: the
 * busy area before it on the list (one step back, or two past a free range, which never
 * touches another) is its in-order predecessor, and the successor's slot hangs below
 * that: its right child, or the leftmost below the right child. With no predecessor, the
 * slot is the leftmost.
 */
static void busy_insert(struct vmap_space *vs, struct vmap_area *va)
{
	struct rb_node **link = &vs->busy_root.rb_node, *parent = NULL;
	struct list_head *p = va->list.prev;

	if (p != &vs->ranges && !va_is_busy(vs, list_entry(p, struct vmap_area, list)))
		p = p->prev;
	if (p != &vs->ranges) {
		parent = &list_entry(p, struct vmap_area, list)->rb_node;
		link = &parent->rb_right;
	}
	while (*link) {
		parent = *link;
		link = &parent->rb_left;
	}
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_color(&va->rb_node, &vs->busy_root);
	va->busy_tag = busy_tag(vs);
	vs->nr_busy++;
	vs->used += va_size(va);
}

static struct vmap_area *busy_lookup(struct vmap_space *vs, unsigned long addr)
{
	struct rb_node *n = vs->busy_root.rb_node;

	while (n) {
		struct vmap_area *va = va_of(n);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* ---- the node pool ---- */

static struct vmap_area *pool_get(struct vmap_space *vs)
{
	struct vmap_area *va = list_first_entry(&vs->pool_free, struct vmap_area, list);

	list_del(&va->list);
	vs->pool_nr_free--;
	return va;
}

static void pool_put(struct vmap_space *vs, struct vmap_area *va)
{
	va->va_start = va->va_end = 0;
	va->subtree_max_size = 0; /* no busy tag */
	va->vm = NULL;
	list_add(&va->list, &vs->pool_free);
	vs->pool_nr_free++;
}

static void pool_add_page(struct vmap_space *vs, struct page *page)
{
	struct vmap_area *va = page_address(page);
	unsigned long i;

	list_add(&page->lru, &vs->pool_pages);
	vs->pool_nr_pages++;
	for (i = 0; i < VA_NODES_PER_PAGE; i++)
		pool_put(vs, &va[i]);
}

/*
 * Called and returns with @vs->lock held; drops it around the page allocator, which may
 * sleep under @gfp. Return: false when a page could not be had.
 */
static bool pool_reserve(struct vmap_space *vs, gfp_t gfp, unsigned long *irqflags)
{
	struct page *page;

	while (vs->pool_nr_free < VA_NODES_PER_ALLOC) {
		spin_unlock_irqrestore(&vs->lock, *irqflags);
		page = alloc_page(gfp & VA_NODE_GFP_MASK);
		spin_lock_irqsave(&vs->lock, *irqflags);
		if (!page)
			return false;
		pool_add_page(vs, page);
	}
	return true;
}

/* ---- allocation ---- */

/* Can @va hold @need bytes starting at an @align-aligned address? Sets *@start if so. */
static inline bool va_fits(const struct vmap_area *va, unsigned long need, unsigned long align,
			   unsigned long *start)
{
	unsigned long s = ALIGN(va->va_start, align);

	if (s < va->va_start || s >= va->va_end || va->va_end - s < need)
		return false; /* the first test catches ALIGN() wrapping past the top */
	*start = s;
	return true;
}

/*
 * The lowest free range that can hold @need bytes at an @align-aligned start: an in-order
 * walk of the free tree that never enters a subtree whose largest range is below @need.
 */
static struct vmap_area *find_lowest_fit(struct vmap_space *vs, unsigned long need,
					 unsigned long align, unsigned long *start)
{
	struct rb_node *n = vs->free_root.rb_node, *parent;

	if (subtree_max(n) < need)
		return NULL;
	if (align == PAGE_SIZE) {
		/* Every start is page aligned: the first range long enough fits, one descent. */
		for (;;) {
			if (subtree_max(n->rb_left) >= need) {
				n = n->rb_left;
			} else if (va_size(va_of(n)) >= need) {
				*start = va_of(n)->va_start;
				return va_of(n);
			} else {
				n = n->rb_right; /* the long enough range is there */
			}
		}
	}
	for (;;) {
		/* Here @n's subtree holds a long enough range: go to the lowest one. */
		if (subtree_max(n->rb_left) >= need) {
			n = n->rb_left;
			continue;
		}
		if (va_fits(va_of(n), need, align, start))
			return va_of(n);
		if (subtree_max(n->rb_right) >= need) {
			n = n->rb_right;
			continue;
		}
		/* Nothing fits in @n's subtree: climb to the next ancestor not yet tried. */
		for (;;) {
			parent = rb_parent(n);
			if (!parent)
				return NULL;
			if (n == parent->rb_left) {
				if (va_fits(va_of(parent), need, align, start))
					return va_of(parent);
				if (subtree_max(parent->rb_right) >= need) {
					n = parent->rb_right;
					break;
				}
			}
			n = parent;
		}
	}
}

/*
 * Take [@start, @start + @need) out of free range @fr. Return: the node for the busy area,
 * with va_start set and already at its place on the range list.
 */
static struct vmap_area *free_range_take(struct vmap_space *vs, struct vmap_area *fr,
					 unsigned long start, unsigned long need)
{
	unsigned long end = start + need, old = va_size(fr);
	struct vmap_area *va, *rest;

	if (start == fr->va_start && end == fr->va_end) {
		free_tree_erase(vs, fr); /* the whole range: its node becomes the area */
		return fr;
	}
	va = pool_get(vs);
	va->va_start = start;
	if (start == fr->va_start) {
		fr->va_start = end;
		list_add_tail(&va->list, &fr->list);
		free_tree_shrunk(fr, old);
		return va;
	}
	rest = NULL;
	if (end != fr->va_end) {
		rest = pool_get(vs);
		rest->va_start = end;
		rest->va_end = fr->va_end;
		list_add(&rest->list, &fr->list);
	}
	fr->va_end = start;
	list_add(&va->list, &fr->list);
	free_tree_shrunk(fr, old);
	if (rest)
		free_tree_insert_after(vs, fr, rest);
	return va;
}

/**
 * vmap_space_alloc - reserve the lowest range that fits
 * @vs: the instance
 * @size: bytes, a non-zero multiple of PAGE_SIZE
 * @align: a power of two, at least PAGE_SIZE
 * @gfp: how node memory may be allocated (page allocator GFP; highmem is never used)
 *
 * Reserves @size + PAGE_SIZE bytes: the area and its guard page.
 * Return: the area, with va_end = va_start + @size and @vm, @flags zero; NULL when no
 * free range fits, the arguments are invalid or node memory is exhausted. Nothing is
 * printed for a range that does not fit: the caller reports.
 */
struct vmap_area *vmap_space_alloc(struct vmap_space *vs, unsigned long size, unsigned long align,
				   gfp_t gfp)
{
	unsigned long need = size + PAGE_SIZE, irqflags, start;
	struct vmap_area *free, *va = NULL;

	if (unlikely(!size || !IS_ALIGNED(size, PAGE_SIZE) || need < size || align < PAGE_SIZE ||
		     (align & (align - 1)))) {
		pr_err("vmap_area: bad request size %#lx align %#lx (caller %pS)\n", size, align,
		       __builtin_return_address(0));
		return NULL;
	}

	spin_lock_irqsave(&vs->lock, irqflags);
	if (!pool_reserve(vs, gfp, &irqflags))
		goto out;
	free = find_lowest_fit(vs, need, align, &start);
	if (!free)
		goto out;
	va = free_range_take(vs, free, start, need);
	va->va_end = start + size;
	va->vm = NULL;
	va->flags = 0;
	busy_insert(vs, va);
out:
	spin_unlock_irqrestore(&vs->lock, irqflags);
	return va;
}

/* ---- free ---- */

/*
 * Make the range of @va, on the range list and out of the busy tree, free: merged into a
 * free neighbour when it has one (the list gives both; the ranges tile the instance, so
 * a free neighbour on the list touches @va), else entered in the free tree itself.
 */
static void free_range_insert(struct vmap_space *vs, struct vmap_area *va)
{
	struct vmap_area *prev = NULL, *next = NULL;

	if (va->list.prev != &vs->ranges) {
		prev = list_entry(va->list.prev, struct vmap_area, list);
		if (va_is_busy(vs, prev))
			prev = NULL;
	}
	if (va->list.next != &vs->ranges) {
		next = list_entry(va->list.next, struct vmap_area, list);
		if (va_is_busy(vs, next))
			next = NULL;
	}
	if (!prev && !next) {
		free_tree_insert(vs, va);
		return;
	}
	list_del(&va->list);
	if (prev && next) {
		free_tree_erase(vs, next);
		list_del(&next->list);
		prev->va_end = next->va_end;
		free_tree_grown(prev);
		pool_put(vs, next);
	} else if (prev) {
		prev->va_end = va->va_end;
		free_tree_grown(prev);
	} else {
		next->va_start = va->va_start;
		free_tree_grown(next);
	}
	pool_put(vs, va);
}

/**
 * vmap_space_free - release an area and its guard page, merging with free neighbours
 * @vs: the instance
 * @va: an area returned by vmap_space_alloc() on @vs; NULL or an area that is not busy
 *	in @vs is reported (KERN_ERR) and ignored
 */
void vmap_space_free(struct vmap_space *vs, struct vmap_area *va)
{
	unsigned long irqflags;

	if (unlikely(!va)) {
		pr_err("vmap_area: free of a NULL area (caller %pS)\n",
		       __builtin_return_address(0));
		return;
	}
	spin_lock_irqsave(&vs->lock, irqflags);
	if (unlikely(!va_is_busy(vs, va))) {
		spin_unlock_irqrestore(&vs->lock, irqflags);
		pr_err("vmap_area: free of %p [%#lx-%#lx), not an allocated area (caller %pS)\n",
		       va, va->va_start, va->va_end, __builtin_return_address(0));
		return;
	}
	rb_erase(&va->rb_node, &vs->busy_root);
	vs->nr_busy--;
	vs->used -= va_size(va);
	va->va_end += PAGE_SIZE; /* the guard page is freed with the area */
	free_range_insert(vs, va);
	spin_unlock_irqrestore(&vs->lock, irqflags);
}

/* ---- lookups, reports, set-up ---- */

/**
 * vmap_space_find - the busy area containing an address
 * @vs: the instance
 * @addr: any address
 * Return: the area whose [va_start, va_end) holds @addr (a guard page belongs to none),
 * or NULL.
 */
struct vmap_area *vmap_space_find(struct vmap_space *vs, unsigned long addr)
{
	unsigned long irqflags;
	struct vmap_area *va;

	spin_lock_irqsave(&vs->lock, irqflags);
	va = busy_lookup(vs, addr);
	spin_unlock_irqrestore(&vs->lock, irqflags);
	return va;
}

/**
 * vmap_space_for_each - call @fn on every busy area in address order
 * @vs: the instance
 * @fn: called with the lock held and interrupts off: it must not allocate or free areas
 *	of @vs nor sleep; a non-zero return stops the walk
 * @arg: passed to @fn
 */
void vmap_space_for_each(struct vmap_space *vs, int (*fn)(struct vmap_area *va, void *arg),
			 void *arg)
{
	unsigned long irqflags;
	struct vmap_area *va;

	spin_lock_irqsave(&vs->lock, irqflags);
	list_for_each_entry(va, &vs->ranges, list) {
		if (va_is_busy(vs, va) && fn(va, arg))
			break;
	}
	spin_unlock_irqrestore(&vs->lock, irqflags);
}

/**
 * vmap_space_used - bytes in busy areas of a space, guard pages excluded
 * @vs: the space
 *
 * Return: the sum.
 */
unsigned long vmap_space_used(struct vmap_space *vs)
{
	return READ_ONCE(vs->used);
}

/**
 * vmap_space_largest_free - the largest free range of a space
 * @vs: the space
 *
 * Guard pages count as free, so the largest area that can still be allocated is one page
 * less.
 *
 * Return: its size in bytes.
 */
unsigned long vmap_space_largest_free(struct vmap_space *vs)
{
	unsigned long irqflags, m;

	spin_lock_irqsave(&vs->lock, irqflags);
	m = subtree_max(vs->free_root.rb_node);
	spin_unlock_irqrestore(&vs->lock, irqflags);
	return m;
}

/* Empty trees, lists, counters and node pool (the pool's pages are the caller's business). */
static void vmap_space_reset(struct vmap_space *vs)
{
	vs->free_root = RB_ROOT;
	vs->busy_root = RB_ROOT;
	INIT_LIST_HEAD(&vs->ranges);
	vs->nr_busy = vs->nr_free = vs->used = 0;
	INIT_LIST_HEAD(&vs->pool_free);
	INIT_LIST_HEAD(&vs->pool_pages);
	vs->pool_nr_free = vs->pool_nr_pages = 0;
}

/**
 * vmap_space_init - make all of [@vstart, @vend) one free range
 * @vs: the instance (its previous contents, if any, are forgotten, not freed)
 * @vstart: page-aligned start
 * @vend: page-aligned end, above @vstart
 *
 * Allocates nothing: node memory is taken on the first allocation, so this may run
 * before the page allocator is up.
 */
void vmap_space_init(struct vmap_space *vs, unsigned long vstart, unsigned long vend)
{
	BUG_ON(!IS_ALIGNED(vstart, PAGE_SIZE) || !IS_ALIGNED(vend, PAGE_SIZE) || vend <= vstart);
	vs->vstart = vstart;
	vs->vend = vend;
	spin_lock_init(&vs->lock);
	vmap_space_reset(vs);
	/*
	 * The first free range needs a node, and there is no page allocator yet: it lives
	 * in the instance until it is merged away or split.
	 */
	vs->first_free.va_start = vstart;
	vs->first_free.va_end = vend;
	list_add(&vs->first_free.list, &vs->ranges);
	free_tree_insert(vs, &vs->first_free);
}

/**
 * vmap_space_destroy - give every node page back to the page allocator
 * @vs: the instance; areas still busy are reported and forgotten
 */
void vmap_space_destroy(struct vmap_space *vs)
{
	struct page *page, *tmp;
	unsigned long irqflags;
	LIST_HEAD(pages);

	spin_lock_irqsave(&vs->lock, irqflags);
	if (vs->nr_busy)
		pr_err("vmap_area: destroying [%#lx-%#lx) with %lu areas still allocated\n",
		       vs->vstart, vs->vend, vs->nr_busy);
	list_for_each_entry_safe(page, tmp, &vs->pool_pages, lru) {
		list_move(&page->lru, &pages);
	}
	vmap_space_reset(vs);
	spin_unlock_irqrestore(&vs->lock, irqflags);

	list_for_each_entry_safe(page, tmp, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}
