/*
 * The per-CPU page lists outside the hot path: draining them, resizing them, and the free
 * counts that include them. The lists' fast push and pop live in mm/page_alloc.c.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>

#include "internal.h"

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
