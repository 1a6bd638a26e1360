/*
 * The buddy allocator and the GFP semantics of docs/design.md.
 *
 * Free memory of a zone is kept as naturally aligned blocks of 2^order pages on
 * zone->free_area[order]; the first page of each carries PG_buddy and its order. Freeing
 * merges a block with its buddy (pfn ^ 2^order) while the buddy is free and of the same
 * order; allocating splits the smallest large-enough block. Order-0 pages pass through a
 * per-CPU list first: frees push at the hot head (cold ones at the tail), allocations pop
 * the head (__GFP_COLD: the tail), and the list is refilled from and drained to the buddy
 * lists @batch pages at a time.
 *
 * Every check on a free happens under the zone lock before anything changes, so a bad
 * free is reported and leaves the allocator exactly as it was.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <mm/highmem.h>
#include <mm/init_on.h>
#include <mm/mm.h>
#include <mm/page_owner.h>
#include <string.h>

#include "internal.h"

/* ---- buddy lists (zone->lock held) ---- */

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	__SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

static inline bool page_is_buddy(struct zone *zone, unsigned long buddy_pfn, unsigned int order)
{
	struct page *buddy;

	if (!zone_spans_pfn(zone, buddy_pfn))
		return false;
	buddy = pfn_to_page(buddy_pfn);
	return PageBuddy(buddy) && buddy->private == order;
}

/* Put a block on the free lists, merging with free buddies. Leaves free_pages alone. */
static void __free_one_page(unsigned long pfn, struct zone *zone, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		del_page_from_free_list(pfn_to_page(buddy_pfn), zone, order);
		pfn &= buddy_pfn; /* the lower of the two heads the merged block */
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), zone, order);
}

/* Return the upper halves of a 2^high block to the free lists until 2^low is left. */
static inline void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
	}
}

/* The smallest free block of at least 2^@order pages, split down and marked allocated. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		/*
		 * del_page_from_free_list() and set_page_allocated() in one: the page is
		 * owned from here, so its links are left as they were.
		 */
		__list_del_entry(&page->lru);
		area->nr_free--;
		page->flags = (page->flags & ~(1UL << PG_buddy)) | (1UL << PG_head);
		page->private = order;
		page->_refcount = 1;
		expand(zone, page, order, o);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* ---- per-CPU lists (zone->lock held) ---- */

/*
 * Move up to @count order-0 pages to the per-CPU list. Like @count calls of
 * __rmqueue_smallest(zone, 0), the smallest free block is used first, but a block larger
 * than one page is split once: its first 2^j pages (the largest power of two that both
 * the block and what is still wanted allow) go to the list directly, and expand() puts
 * the rest back as aligned blocks, instead of halving it down to order 0 for every page.
 */
static unsigned long rmqueue_bulk(struct zone *zone, struct per_cpu_pages *pcp, unsigned long count)
{
	unsigned long i = 0, k, n;
	unsigned int o, j;
	struct page *page;

	while (i < count) {
		for (o = 0; o < MAX_ORDER && list_empty(&zone->free_area[o].free_list); o++)
			;
		if (o == MAX_ORDER)
			break;
		page = list_first_entry(&zone->free_area[o].free_list, struct page, lru);
		/* del_page_from_free_list(), less the poison: relinked on @pcp below */
		__list_del_entry(&page->lru);
		__ClearPageBuddy(page);
		page->private = 0;
		zone->free_area[o].nr_free--;
		n = count - i;
		j = min(o, (unsigned int)(31 - __builtin_clz((unsigned int)n)));
		expand(zone, page, j, o);
		n = 1UL << j;
		for (k = 0; k < n; k++)
			list_add_tail(&page[k].lru, &pcp->list);
		zone->free_pages -= n;
		i += n;
	}
	pcp->in += (unsigned int)i;
	return i;
}

/* Move up to @count pages from the cold end of @pcp back to the buddy lists. */
__hookable void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	while (count-- > 0 && !list_empty(&pcp->list)) {
		struct page *page = list_last_entry(&pcp->list, struct page, lru);

		list_del(&page->lru);
		pcp->in--;
		__free_one_page(page_to_pfn(page), zone, 0);
		zone->free_pages++;
	}
}

/* The free path's drain: its address arguments computed here, off the hot path. */
static __noinline void free_pcppages_batch(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()].pcp;

	free_pcppages_bulk(zone, pcp->batch, pcp);
}

/* ---- watermarks ---- */

static bool __zone_watermark_ok(struct zone *zone, unsigned int order, long min)
{
	long free = (long)zone->free_pages - (1L << order) + 1;
	unsigned int o;

	if (free <= min)
		return false;
	for (o = 0; o < order; o++) {
		/* Pages in blocks too small for this order do not count... */
		free -= (long)(zone->free_area[o].nr_free << o);
		/* ...and the larger blocks need only keep a smaller reserve. */
		min >>= 1;
		if (free <= min)
			return false;
	}
	return true;
}

/**
 * zone_watermark_ok - may an allocation of 2^@order pages be taken from @zone?
 * @zone: the zone
 * @order: block order
 * @mark: the watermark, in pages
 * @alloc_flags: ALLOC_HIGH lowers @mark by half, ALLOC_HARDER by a further quarter
 *
 * Also requires, for every order below @order, that enough of the free memory is in
 * blocks large enough, so that a high-order request does not eat the small-page reserve.
 * Return: true when the zone's buddy free pages stay above the (lowered) mark.
 */
bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark, int alloc_flags)
{
	if (alloc_flags & ALLOC_NO_WATERMARKS)
		return true;
	return __zone_watermark_ok(zone, order, wmark_with_reserves((long)mark, alloc_flags));
}

/* ---- allocation ---- */

/*
 * Order > 0 straight from the buddy lists, if the watermark allows. Like the per-CPU
 * paths, the allocation and free hot paths only mask interrupts: on a uniprocessor that
 * excludes every other user of the zone, and nothing in them can sleep, so the zone
 * lock's preempt-count and recursion bookkeeping (which nothing reads) is skipped.
 */
__hookable struct page *rmqueue_buddy(struct zone *zone, unsigned int order, long floor)
{
	struct page *page = NULL;
	unsigned long flags;

	local_irq_save(flags);
	if (floor < 0 || __zone_watermark_ok(zone, order, floor)) {
		page = __rmqueue_smallest(zone, order);
		if (page)
			zone->pgalloc_buddy += 1UL << order;
	}
	local_irq_restore(flags);
	return page;
}

/*
 * Refill an empty per-CPU list (zone->lock held). The refill never takes the buddy free
 * count below the caller's floor, so GFP_NOWAIT never eats into the reserve that
 * GFP_ATOMIC may use.
 */
__hookable bool pcp_refill(struct zone *zone, struct per_cpu_pages *pcp, long floor)
{
	unsigned long room = (unsigned long)((long)zone->free_pages - floor);

	return rmqueue_bulk(zone, pcp, min(room, (unsigned long)pcp->batch)) != 0;
}

/* Order 0 from the per-CPU list: the hot path. */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone, gfp_t gfp, long floor)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()].pcp;
	struct page *page = NULL;
	unsigned long flags;

	/*
	 * On a uniprocessor, masking interrupts excludes every other user of the zone; the
	 * per-CPU paths skip the spinlock's nesting bookkeeping, as Linux's pcp paths do.
	 */
	local_irq_save(flags);
	if (unlikely((long)zone->free_pages <= floor))
		goto out;
	if (unlikely(list_empty(&pcp->list)) && !pcp_refill(zone, pcp, floor))
		goto out;
	if (gfp & __GFP_COLD)
		page = list_last_entry(&pcp->list, struct page, lru);
	else
		page = list_first_entry(&pcp->list, struct page, lru);
	__list_del_entry(&page->lru); /* relinked or owned right after */
	pcp->limit++;		      /* one page fewer on the list */
	set_page_allocated(page, 0);
out:
	local_irq_restore(flags);
	return page;
}

/* Take a block from @zone if its watermark allows, and mark it allocated. */
static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order, gfp_t gfp,
					    int alloc_flags)
{
	long floor = wmark_floor(zone, alloc_flags);

	/* A zone whose per-CPU list is off (high 0: under 32 MB) uses the buddy lists. */
	if (likely(order == 0) && likely(zone->pageset[smp_processor_id()].pcp.high))
		return rmqueue_pcplist(zone, gfp, floor);
	return rmqueue_buddy(zone, order, floor);
}

static __always_inline struct page *
get_page_from_freelist(gfp_t gfp, unsigned int order, int alloc_flags, const struct zonelist *zl)
{
	struct zone *const *z;

	for (z = zl->zones; *z; z++) {
		struct page *page = rmqueue(*z, order, gfp, alloc_flags);

		if (page)
			return page;
	}
	return NULL;
}

/* The slow path's copy (page_alloc_slowpath.c): one out-of-line instance. */
__noinline struct page *get_page_slowpath(gfp_t gfp, unsigned int order, int alloc_flags,
					  const struct zonelist *zl)
{
	return get_page_from_freelist(gfp, order, alloc_flags, zl);
}

static __always_inline struct page *__alloc_pages(gfp_t gfp, unsigned int order, void *caller)
{
	const struct zonelist *zl;
	struct page *page;

	if (unlikely(order >= MAX_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			pr_err("page_alloc: order %u requested, the largest is %d (caller %pS)\n",
			       order, MAX_ORDER - 1, caller);
		return NULL;
	}
	if ((gfp & __GFP_WAIT) && unlikely(in_atomic() || irqs_disabled())) {
		/* Reported like Linux, then served as an allocation that cannot sleep. */
		__might_sleep(__FILE__, __LINE__, caller);
		gfp &= ~__GFP_WAIT;
	}
	zl = &contig_page_data.node_zonelists[gfp_zone_table[gfp & (__GFP_DMA | __GFP_HIGHMEM)]];
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, zl);
	if (unlikely(!page)) {
		page = __alloc_pages_slowpath(gfp, order, zl, caller);
		if (!page)
			return NULL;
	}
	if (unlikely(gfp & __GFP_ZERO))
		page_init_on_alloc(page, order, gfp);
	__set_page_owner(page, order, gfp);
	return page;
}

/**
 * alloc_pages_caller - alloc_pages() for @caller: every case alloc_page_fast() leaves
 * @gfp: GFP mask
 * @order: block order
 * @caller: reported as the caller in warnings
 *
 * One out-of-line instance of the whole path.
 * Return: the first page of the block, or NULL.
 */
__noinline struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, void *caller)
{
	return __alloc_pages(gfp, order, caller);
}

/*
 * Order 0 from the buddy lists of a zone whose per-CPU list is off (high 0: under 32 MB),
 * as rmqueue() takes it, without the full path's second look at gfp and the zonelist.
 * Out of line, so that the per-CPU hot path keeps its registers.
 */
static __noinline struct page *alloc_page_buddy(struct zone *zone, gfp_t gfp, long floor,
						void *caller)
{
	struct page *page = rmqueue_buddy(zone, 0, floor);

	if (unlikely(!page))
		return alloc_pages_caller(gfp, 0, caller);
	__set_page_owner(page, 0, gfp);
	return page;
}

/*
 * The order-0 hot path: a page from the per-CPU list of the zonelist's first zone, when
 * that zone is above its low watermark and the caller needs no report (a sleeping
 * allocation in atomic context). With @final, every other case goes on to
 * alloc_pages_caller(), which serves them all, and a zone whose list is off to its buddy
 * lists (alloc_page_buddy()); without, they give NULL and the caller runs the full path.
 * Either way the result is the one the full path gives. The interrupt state for the
 * might-sleep check is the one local_irq_save() reads anyway.
 */
static __always_inline struct page *alloc_page_fast(gfp_t gfp, void *caller, bool final)
{
	struct zone *zone = gfp_first_zone[gfp & (__GFP_DMA | __GFP_HIGHMEM)];
	struct list_head *list, *next;
	struct page *page;
	unsigned long flags;
	long floor;

	list = &zone->pageset[smp_processor_id()].pcp.list;
	local_irq_save(flags);
	/* Atomic context first: rare, and only a caller that may sleep cares. */
	if (unlikely(in_atomic() | arch_irqs_disabled_flags(flags)) && (gfp & __GFP_WAIT))
		goto full;
	floor = wmark_floor(zone, ALLOC_WMARK_LOW);
	if (unlikely((long)zone->free_pages <= floor))
		goto full;
	if (unlikely(list_empty(list))) {
		if (!final || zone->pageset[smp_processor_id()].pcp.high)
			goto full; /* refilled there */
		local_irq_restore(flags);
		return alloc_page_buddy(zone, gfp, floor, caller);
	}
	/* The head's successor is unlinked against the head itself: no load of its prev. */
	page = list_first_entry(list, struct page, lru);
	next = page->lru.next;
	next->prev = list;
	list->next = next;
	zone->pageset[smp_processor_id()].pcp.limit++; /* one page fewer on the list */
	/* set_page_allocated(page, 0), less the store of private: 0 on every listed page */
	__SetPageHead(page);
	page->_refcount = 1;
	local_irq_restore(flags);
	__set_page_owner(page, 0, gfp);
	return page;
full:
	local_irq_restore(flags);
	return final ? alloc_pages_caller(gfp, 0, caller) : NULL;
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
__hookable struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	/* init_on_alloc: every allocation zeroed, as with __GFP_ZERO (mm/init_on.c). */
	if (static_branch_unlikely(&init_on_alloc))
		return alloc_pages_caller(gfp | __GFP_ZERO, order, __builtin_return_address(0));
	if (likely(order == 0 && !(gfp & (__GFP_ZERO | __GFP_COLD))))
		return alloc_page_fast(gfp, __builtin_return_address(0), true);
	return alloc_pages_caller(gfp, order, __builtin_return_address(0));
}

/**
 * __get_free_pages - allocate 2^@order low-memory pages and return their address
 * @gfp: GFP mask; __GFP_HIGHMEM is ignored, the result must be addressable
 * @order: 0..MAX_ORDER-1
 * Return: the direct-map virtual address, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page =
		alloc_pages_caller(gfp & ~__GFP_HIGHMEM, order, __builtin_return_address(0));

	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page - allocate one zero-filled low-memory page
 * @gfp: GFP mask
 * Return: its virtual address, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	struct page *page = NULL;
	void *addr;

	gfp &= ~__GFP_HIGHMEM;
	if (likely(!(gfp & __GFP_COLD)))
		page = alloc_page_fast(gfp, NULL, false);
	if (unlikely(!page))
		page = alloc_pages_caller(gfp, 0, __builtin_return_address(0));
	if (unlikely(!page))
		return 0;
	addr = page_address(page);
	memset(addr, 0, PAGE_SIZE);
	return (unsigned long)addr;
}

/* ---- freeing ---- */

#define STRUCT_PAGE_SHIFT __builtin_ctz(sizeof(struct page))

/* Order > 0: straight back to the buddy lists, merging. Checks as free_pages_caller(). */
static __noinline void free_pages_buddy(struct page *page, unsigned int order, void *caller)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	local_irq_save(flags); /* see rmqueue_buddy() */
	if (unlikely((page->flags & PAGE_FLAGS_STATE) != (1UL << PG_head) ||
		     page->private != order)) {
		local_irq_restore(flags);
		report_bad_free(page, order, caller);
		return;
	}
	if (--page->_refcount == 0) {
		__reset_page_owner(page, order);
		__ClearPageHead(page);
		page->private = 0;
		__free_one_page(page_to_pfn(page), zone, order);
		zone->free_pages += 1UL << order;
	}
	local_irq_restore(flags);
}

/* A checked, released order-0 page of a zone whose per-CPU list is off (irqs masked). */
static __noinline void free_page_to_buddy(struct zone *zone, struct page *page)
{
	__free_one_page(page_to_pfn(page), zone, 0);
	zone->free_pages++;
}

/*
 * free_pages_buddy() with init_on_free on (mm/init_on.c): a block whose last reference
 * goes is zeroed first. Reached by a separate tail call so that the path with the switch
 * off keeps its registers.
 */
static __noinline void free_pages_buddy_init(struct page *page, unsigned int order, void *caller)
{
	if ((page->flags & PAGE_FLAGS_STATE) == (1UL << PG_head) && page->private == order &&
	    page->_refcount == 1)
		page_init_on_free(page, order);
	free_pages_buddy(page, order, caller);
}

/*
 * One compare for "inside mem_map and on a struct page boundary": rotated right by
 * log2(sizeof(struct page)), a misaligned offset has high bits set and is never below the
 * page count.
 */
static __always_inline bool page_in_mem_map(const struct page *page)
{
	/* The node's copies of mem_map and its size: one base address with the zones. */
	const pg_data_t *pgdat = NODE_DATA(0);
	unsigned long off = (unsigned long)((const char *)page - (const char *)pgdat->node_mem_map);

	off = (off >> STRUCT_PAGE_SHIFT) | (off << (8 * sizeof(long) - STRUCT_PAGE_SHIFT));
	return off < pgdat->node_spanned_pages;
}

/* Order > 0, with every check of the order-0 path: out of line. */
static __noinline void free_pages_order(struct page *page, unsigned int order, void *caller)
{
	if (unlikely(order >= MAX_ORDER || !page_in_mem_map(page))) {
		report_bad_free_args(page, order, caller);
		return;
	}
	/* init_on_free: straight to the buddy lists, zeroed (mm/init_on.c). */
	if (static_branch_unlikely(&init_on_free))
		free_pages_buddy_init(page, order, caller);
	else
		free_pages_buddy(page, order, caller);
}

/*
 * Free a block the caller owns. Order 0 goes to the per-CPU list (the hot path); when the
 * list reaches pcp->high, its coldest pcp->batch pages go back to the buddy lists.
 */
static __always_inline void free_pages_caller(struct page *page, unsigned int order, bool cold,
					      void *caller)
{
	struct per_cpu_pages *pcp;
	unsigned long flags, pflags, private;
	struct zone *zone;
	int refcount;

	if (unlikely(order)) {
		free_pages_order(page, order, caller);
		return;
	}
	if (unlikely(!page_in_mem_map(page))) {
		report_bad_free_args(page, 0, caller);
		return;
	}
	if (static_branch_unlikely(&init_on_free)) {
		free_pages_buddy_init(page, 0, caller);
		return;
	}
	local_irq_save(flags); /* see rmqueue_pcplist() */
	/* The flags word read once: the zone, then the state. */
	pflags = page->flags;
	refcount = page->_refcount;
	private = page->private;
	zone = &contig_page_data.node_zones[(pflags >> ZONES_PGSHIFT) & ZONES_MASK];
	OPTIMIZER_HIDE_VAR(zone); /* one address for every field, not one per field */
	pcp = &zone->pageset[smp_processor_id()].pcp;
	/*
	 * The common case in one test: an allocated order-0 head (PG_head alone, private 0)
	 * with its last user going.
	 */
	if (unlikely((((pflags & PAGE_FLAGS_STATE) ^ (1UL << PG_head)) | private |
		      (unsigned long)(refcount ^ 1)) != 0)) {
		if ((pflags & PAGE_FLAGS_STATE) != (1UL << PG_head) || private) {
			local_irq_restore(flags);
			report_bad_free(page, 0, caller);
			return;
		}
		if (--page->_refcount > 0)
			goto out;
	} else {
		page->_refcount = 0;
	}
	__reset_page_owner(page, 0);
	page->flags = pflags & ~(1UL << PG_head);
	/* A zone whose per-CPU list is off (high 0: under 32 MB) uses the buddy lists. */
	if (unlikely(!pcp->high)) {
		free_page_to_buddy(zone, page);
		goto out;
	}
	if (cold)
		list_add_tail(&page->lru, &pcp->list);
	else
		list_add(&page->lru, &pcp->list);
	/* pcp_count() == high: frees add one at a time, refills only to an empty list */
	if (unlikely(++pcp->in == pcp->limit))
		free_pcppages_batch(zone);
out:
	local_irq_restore(flags);
}

/**
 * __free_pages - drop a reference on a block; free it when the last one goes
 * @page: the first page of the block, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * A double free, a wrong @order, a page that does not start an allocated block, a
 * reserved page or @order >= MAX_ORDER is reported (KERN_ERR, pfn and caller) and
 * ignored: allocator state is never changed by a bad call.
 */
__hookable void __free_pages(struct page *page, unsigned int order)
{
	free_pages_caller(page, order, false, __builtin_return_address(0));
}

/**
 * free_cold_page - free an order-0 page to the cold end of the per-CPU list
 * @page: the page; same checks as __free_pages()
 */
void free_cold_page(struct page *page)
{
	free_pages_caller(page, 0, true, __builtin_return_address(0));
}

/**
 * free_pages - free a block by its direct-map address
 * @addr: what __get_free_pages() returned; 0 is ignored
 * @order: the order it was allocated with
 *
 * An address outside the direct map or not page-aligned is reported and ignored.
 */
void free_pages(unsigned long addr, unsigned int order)
{
	void *caller = __builtin_return_address(0);

	if (addr == 0)
		return;
	if ((addr & ~PAGE_MASK) || addr < PAGE_OFFSET || addr >= (unsigned long)high_memory) {
		pr_err("page_alloc: bad free of %#lx order %u: not the start of a page in the "
		       "direct map (caller %pS)\n",
		       addr, order, caller);
		return;
	}
	free_pages_caller(virt_to_page(addr), order, false, caller);
}

/*
 * Boot: hand a block of free RAM (from memblock) to the buddy allocator. free_area_init()
 * wrote its struct pages in the free state already (no PG_reserved, no users).
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order, flags;
	struct zone *zone = page_zone(page);

	spin_lock_irqsave(&zone->lock, flags);
	zone->managed_pages += nr;
	__free_one_page(page_to_pfn(page), zone, order);
	zone->free_pages += nr;
	spin_unlock_irqrestore(&zone->lock, flags);
	totalram_pages += nr;
	if (is_highmem(zone))
		totalhigh_pages += nr;
}
