/*
 * The per-CPU page lists outside the single-page hot path: the bulk allocator, draining
 * and resizing the lists, and the free counts that include them. The lists' fast push and
 * pop live in mm/page_alloc.c.
 */
#include <asm/irqflags.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <mm/init_on.h>
#include <mm/mm.h>
#include <mm/page_owner.h>

#include "internal.h"

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
unsigned long alloc_pages_bulk(gfp_t gfp, unsigned long nr_pages, struct page **page_array)
{
	const struct zonelist *zl =
		&contig_page_data.node_zonelists[gfp_zone_table[gfp & (__GFP_DMA | __GFP_HIGHMEM)]];
	unsigned long i, populated = 0, got = 0, flags;
	struct zone *zone = zl->zones[0];
	struct per_cpu_pages *pcp;
	struct page *page;
	long floor;

	if (static_branch_unlikely(&init_on_alloc))
		gfp |= __GFP_ZERO; /* mm/init_on.c */
	for (i = 0; i < nr_pages; i++)
		populated += page_array[i] != NULL;
	if (populated == nr_pages)
		return populated;
	/* Cases the bulk path does not serve (one page is not a bulk): one ordinary call. */
	if (unlikely(!zone || (gfp & __GFP_COLD) || populated + 1 == nr_pages))
		goto single;
	pcp = &zone->pageset[smp_processor_id()].pcp;
	if (unlikely(!pcp->high))
		goto single;
	floor = wmark_floor(zone, ALLOC_WMARK_LOW);
	local_irq_save(flags);
	if (unlikely((gfp & __GFP_WAIT) && (in_atomic() || arch_irqs_disabled_flags(flags)))) {
		local_irq_restore(flags); /* the single allocation reports it */
		goto single;
	}
	for (i = 0; i < nr_pages; i++) {
		if (page_array[i])
			continue;
		if (unlikely((long)zone->free_pages <= floor))
			break;
		if (unlikely(list_empty(&pcp->list)) && !pcp_refill(zone, pcp, floor))
			break;
		page = list_first_entry(&pcp->list, struct page, lru);
		__list_del_entry(&page->lru);
		pcp->limit++; /* one page fewer on the list */
		set_page_allocated(page, 0);
		if (unlikely(gfp & __GFP_ZERO))
			page_init_on_alloc(page, 0, gfp);
		page_array[i] = page;
		__set_page_owner(page, 0, gfp);
		got++;
	}
	local_irq_restore(flags);

	if (got)
		return populated + got;
single:
	for (i = 0; page_array[i]; i++)
		;
	page_array[i] = alloc_pages_caller(gfp, 0, __builtin_return_address(0));
	return populated + (page_array[i] != NULL);
}

/**
 * drain_all_pages - give every page on the per-CPU lists back to the buddy lists
 */
void drain_all_pages(void)
{
	struct zone *zone;
	unsigned long flags;

	for_each_populated_zone(zone) {
		struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()].pcp;

		spin_lock_irqsave(&zone->lock, flags);
		free_pcppages_bulk(zone, pcp_count(pcp), pcp);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

void pageset_set_high_and_batch(struct zone *zone, int high, int batch)
{
	struct per_cpu_pages *pcp = &zone->pageset[smp_processor_id()].pcp;
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	free_pcppages_bulk(zone, pcp_count(pcp), pcp);
	high = high < 0 ? 0 : high;
	pcp->limit += (unsigned int)(high - pcp->high); /* pcp_count() stays what it is */
	pcp->high = (short)high;
	pcp->batch = (short)(batch < 1 ? 1 : batch);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/**
 * zone_pcp_count - order-0 pages sitting on the zone's per-CPU lists
 * @zone: the zone
 * Return: the sum over CPUs of pcp_count().
 */
unsigned long zone_pcp_count(struct zone *zone)
{
	unsigned long n = 0;
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += (unsigned long)pcp_count(&zone->pageset[cpu].pcp);
	return n;
}

/**
 * nr_free_pages - pages on the buddy free lists of all zones (per-CPU lists excluded)
 * Return: the count, as Linux's NR_FREE_PAGES.
 */
unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone->free_pages;
	return n;
}
