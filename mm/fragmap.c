/*
 * Page groups for the fragmentation picture, and the unusable free space index.
 *
 * A zone's pages are read in one pass over its struct pages, under the zone lock, by the
 * states of <mm/page-flags.h>: a PG_buddy head starts a free block of 2^private pages, a
 * PG_head starts an allocated block (a slab's if PG_slab; a kmap()ed one if it is highmem
 * with a PKMAP address), PG_reserved is reserved. A page with no state bit that is not
 * inside one of those blocks can only be an order-0 page on a per-CPU list. vmalloc
 * pages look like any allocated page: the vmalloc areas are walked afterwards and their
 * pages moved to their own use.
 */
#include <kernel/kernel.h>
#include <kernel/spinlock.h>
#include <mm/fragmap.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>
#include <string.h>

/**
 * fragmap_group_order - the group size for a zone's picture
 * @zone: a populated zone
 *
 * Return: the smallest order >= 4 (16 pages) that draws @zone in at most
 * FRAGMAP_MAX_GROUPS groups.
 */
unsigned int fragmap_group_order(const struct zone *zone)
{
	unsigned int order = 4;

	while ((zone->spanned_pages >> order) >= FRAGMAP_MAX_GROUPS)
		order++;
	return order;
}

static void count_pages(struct page_group *groups, unsigned long first, unsigned long nr,
			unsigned int group_order, enum page_use use, int free_order)
{
	unsigned long i;

	for (i = first; i < first + nr; i++) {
		struct page_group *g = &groups[i >> group_order];

		g->count[use]++;
		if (free_order > g->free_order)
			g->free_order = (s8)free_order;
	}
}

struct vmalloc_walk {
	struct zone *zone;
	struct page_group *groups;
	unsigned int group_order;
};

static int move_vmalloc_pages(struct vmap_area *va, void *arg)
{
	struct vmalloc_walk *w = arg;
	struct vm_struct *vm = va->vm;
	unsigned int i;

	if (!vm || !(vm->flags & (VM_ALLOC | VM_MAP)) || !vm->pages)
		return 0;
	for (i = 0; i < vm->nr_pages; i++) {
		unsigned long pfn = page_to_pfn(vm->pages[i]);
		struct page_group *g;

		if (pfn < w->zone->zone_start_pfn || pfn >= zone_end_pfn(w->zone))
			continue;
		g = &w->groups[(pfn - w->zone->zone_start_pfn) >> w->group_order];
		/* Counted as allocated (or kmapped) in the scan: it is the area's. */
		if (g->count[PU_ALLOC]) {
			g->count[PU_ALLOC]--;
			g->count[PU_VMALLOC]++;
		} else if (g->count[PU_KMAP]) {
			g->count[PU_KMAP]--;
			g->count[PU_VMALLOC]++;
		}
	}
	return 0;
}

/**
 * fragmap_zone - sum a zone's pages up by group
 * @zone: a populated zone
 * @group_order: pages per group, log2 (fragmap_group_order(); at most 7)
 * @groups: FRAGMAP_MAX_GROUPS entries, filled from the zone's first page
 *
 * A snapshot under the zone lock (free, per-CPU, slab, allocated, reserved), then the
 * vmalloc areas' pages are moved from allocated to vmalloc.
 * Return: the number of groups filled.
 */
unsigned int fragmap_zone(struct zone *zone, unsigned int group_order, struct page_group *groups)
{
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone), pfn, flags;
	unsigned int nr = (unsigned int)DIV_ROUND_UP(end - start, 1UL << group_order), i;
	struct vmalloc_walk w = { zone, groups, group_order };

	if (nr > FRAGMAP_MAX_GROUPS)
		nr = FRAGMAP_MAX_GROUPS;
	for (i = 0; i < nr; i++) {
		memset(groups[i].count, 0, sizeof(groups[i].count));
		groups[i].free_order = -1;
	}
	spin_lock_irqsave(&zone->lock, flags);
	for (pfn = start; pfn < end && ((pfn - start) >> group_order) < nr;) {
		struct page *page = pfn_to_page(pfn);
		unsigned long n = 1;
		enum page_use use = PU_PCP;
		int free_order = -1;

		if (PageBuddy(page)) {
			n = 1UL << page->private;
			use = PU_FREE;
			free_order = (int)page->private;
		} else if (PageHead(page)) {
			n = 1UL << page->private;
			use = PageSlab(page)			     ? PU_SLAB
			      : (PageHighMem(page) && page->virtual) ? PU_KMAP
								     : PU_ALLOC;
		} else if (PageReserved(page)) {
			use = PU_RESERVED;
		}
		n = min(n, end - pfn);
		count_pages(groups, pfn - start, n, group_order, use, free_order);
		pfn += n;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	vmap_area_for_each(move_vmalloc_pages, &w);
	return nr;
}

/**
 * unusable_free_index - Linux's unusable free space index of a zone for an order
 * @zone: the zone
 * @order: the allocation order
 *
 * The share of the zone's free pages (buddy lists) that lie in blocks smaller than
 * 2^@order pages, so cannot serve such an allocation: 0 (all usable) to 1000 (none).
 * Return: the index, in thousandths.
 */
unsigned int unusable_free_index(struct zone *zone, unsigned int order)
{
	unsigned long free_pages = 0, suitable = 0, flags;
	unsigned int o;

	spin_lock_irqsave(&zone->lock, flags);
	for (o = 0; o < MAX_ORDER; o++) {
		free_pages += zone->free_area[o].nr_free << o;
		if (o >= order)
			suitable += zone->free_area[o].nr_free << (o - order);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	if (!free_pages)
		return 0;
	/* Linux's unusable_free_index(): (free - suitable blocks' pages) * 1000 / free. */
	return (unsigned int)((u64)(free_pages - (suitable << order)) * 1000 / free_pages);
}
