/*
 * Why a free was refused: the page allocator's checks (mm/page_alloc.c) find a bad
 * __free_pages() in a compare or two on the fast path and hand it here, out of line, to
 * be explained with the block it hit and the caller. Nothing here changes allocator state.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>

#include "internal.h"

/*
 * Explain why a free was refused. Blocks are aligned and disjoint, so the first head
 * found walking up the alignments whose order covers @pfn is the block containing it.
 */
void report_bad_free(struct page *page, unsigned int order, void *caller)
{
	enum {
		BAD_RESERVED,
		BAD_ORDER,
		BAD_DOUBLE,
		BAD_INSIDE
	} bad = BAD_DOUBLE;
	unsigned long pfn = page_to_pfn(page), flags, head_pfn = 0;
	struct zone *zone = page_zone(page);
	unsigned int o, head_order = 0;

	spin_lock_irqsave(&zone->lock, flags);
	if (PageReserved(page)) {
		bad = BAD_RESERVED;
	} else if (PageHead(page)) {
		bad = BAD_ORDER;
		head_order = (unsigned int)page->private;
	} else {
		for (o = 1; o < MAX_ORDER; o++) {
			unsigned long h = pfn & ~((1UL << o) - 1);
			struct page *p = pfn_to_page(h);

			if (!zone_spans_pfn(zone, h))
				break;
			if (PageHead(p) && p->private >= o) {
				bad = BAD_INSIDE;
				head_pfn = h;
				head_order = (unsigned int)p->private;
				break;
			}
			if (PageBuddy(p) && p->private >= o)
				break;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);

	switch (bad) {
	case BAD_RESERVED:
		pr_err("page_alloc: bad free of pfn %#lx order %u: reserved page, never "
		       "allocated (caller %pS)\n",
		       pfn, order, caller);
		break;
	case BAD_ORDER:
		pr_err("page_alloc: bad free of pfn %#lx: wrong order %u, it was allocated with "
		       "order %u (caller %pS)\n",
		       pfn, order, head_order, caller);
		break;
	case BAD_INSIDE:
		pr_err("page_alloc: bad free of pfn %#lx order %u: not the start of an allocated "
		       "block (inside the order-%u block at pfn %#lx) (caller %pS)\n",
		       pfn, order, head_order, head_pfn, caller);
		break;
	case BAD_DOUBLE:
		pr_err("page_alloc: bad free of pfn %#lx order %u: double free, the page is "
		       "already free (caller %pS)\n",
		       pfn, order, caller);
		break;
	}
}

void report_bad_free_args(struct page *page, unsigned int order, void *caller)
{
	if (order >= MAX_ORDER)
		pr_err("page_alloc: bad free of page %p: order %u, the largest is %d "
		       "(caller %pS)\n",
		       (void *)page, order, MAX_ORDER - 1, caller);
	else
		pr_err("page_alloc: bad free of %p: not a struct page of mem_map (caller %pS)\n",
		       (void *)page, caller);
}
