/*
 * The memory report printed when an allocation fails (and by show_mem()): the request,
 * then per zone its free memory against the watermarks and its free blocks per order,
 * in the layout of Linux's warn_alloc() and show_free_areas().
 */
#include <kernel/printk.h>
#include <mm/mm.h>
#include <stdio.h>

#include "internal.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/**
 * show_free_areas - print free pages per zone and order, for failure reports
 */
void show_free_areas(void)
{
	unsigned long nr[MAX_ORDER], flags, free = 0, pcp = 0;
	struct zone *zone;
	char line[320];
	unsigned int o;
	int n;

	for_each_populated_zone(zone) {
		free += zone->free_pages;
		pcp += zone_pcp_count(zone);
	}
	printk("free:%lu free_pcp:%lu\n", free, pcp);

	for_each_populated_zone(zone) {
		printk("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB "
		       "present:%lukB managed:%lukB free_pcp:%lukB\n",
		       zone->name, K(zone->free_pages), K(min_wmark_pages(zone)),
		       K(low_wmark_pages(zone)), K(high_wmark_pages(zone)), K(zone->present_pages),
		       K(zone->managed_pages), K(zone_pcp_count(zone)));
	}
	for_each_populated_zone(zone) {
		unsigned long total = 0;

		/* A consistent snapshot, printed after the lock is dropped. */
		spin_lock_irqsave(&zone->lock, flags);
		for (o = 0; o < MAX_ORDER; o++)
			nr[o] = zone->free_area[o].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);

		n = snprintf(line, sizeof(line), "Node 0 %s: ", zone->name);
		for (o = 0; o < MAX_ORDER; o++) {
			n += snprintf(line + n, sizeof(line) - (size_t)n, "%lu*%lukB ", nr[o],
				      K(1UL) << o);
			total += nr[o] << o;
		}
		snprintf(line + n, sizeof(line) - (size_t)n, "= %lukB", K(total));
		printk("%s\n", line);
	}
	printk("%lu pages RAM\n", contig_page_data.node_present_pages);
	printk("%lu pages HighMem\n", contig_page_data.node_zones[ZONE_HIGHMEM].present_pages);
	printk("%lu pages reserved\n", contig_page_data.node_present_pages - totalram_pages);
}

/**
 * show_mem - print a memory summary after a failed allocation
 */
void show_mem(void)
{
	printk("Mem-Info:\n");
	show_free_areas();
}

void warn_alloc_stall(gfp_t gfp, unsigned int order, unsigned long ms, void *caller)
{
	char buf[192];

	printk(KERN_WARNING
	       "page allocation stalls for %lums, order:%u, mode:0x%x(%s), caller %pS\n",
	       ms, order, gfp, gfp_format(gfp, buf, sizeof(buf)), caller);
}

void warn_alloc_failed(gfp_t gfp, unsigned int order, void *caller)
{
	char buf[192];

	printk(KERN_WARNING "page allocation failure: order:%u, mode:0x%x(%s), caller %pS\n", order,
	       gfp, gfp_format(gfp, buf, sizeof(buf)), caller);
	show_mem();
}
