/*
 * /proc/buddyinfo and /proc/zoneinfo, printed in Linux's exact layout so the same tools
 * and eyes read them. Counts are snapshotted under the zone lock, printed outside it.
 */
#include <kernel/printk.h>
#include <mm/mm.h>
#include <stdio.h>

/**
 * show_buddyinfo - print free blocks per zone and order (/proc/buddyinfo format)
 */
void show_buddyinfo(void)
{
	unsigned long nr[MAX_ORDER], flags;
	struct zone *zone;
	char line[160];
	unsigned int o;
	int n;

	for_each_populated_zone(zone) {
		spin_lock_irqsave(&zone->lock, flags);
		for (o = 0; o < MAX_ORDER; o++)
			nr[o] = zone->free_area[o].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);

		n = snprintf(line, sizeof(line), "Node %d, zone %8s ", 0, zone->name);
		for (o = 0; o < MAX_ORDER; o++)
			n += snprintf(line + n, sizeof(line) - (size_t)n, "%6lu ", nr[o]);
		printk("%s\n", line);
	}
}

/**
 * show_zoneinfo - print per-zone counts and watermarks (/proc/zoneinfo style)
 */
void show_zoneinfo(void)
{
	struct zone *zone;
	int cpu;

	for_each_zone(zone) {
		const struct per_cpu_pages *pcp;

		if (!populated_zone(zone)) {
			printk("Node %d, zone %8s\n", 0, zone->name);
			continue;
		}
		printk("Node %d, zone %8s\n", 0, zone->name);
		printk("  pages free     %lu\n", zone->free_pages);
		printk("        min      %lu\n", min_wmark_pages(zone));
		printk("        low      %lu\n", low_wmark_pages(zone));
		printk("        high     %lu\n", high_wmark_pages(zone));
		printk("        spanned  %lu\n", zone->spanned_pages);
		printk("        present  %lu\n", zone->present_pages);
		printk("        managed  %lu\n", zone->managed_pages);
		printk("        protection: (0, 0, 0)\n");
		printk("      nr_free_pages %lu\n", zone->free_pages);
		printk("  pagesets\n");
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			pcp = &zone->pageset[cpu].pcp;
			printk("    cpu: %d\n", cpu);
			printk("              count: %d\n", pcp->count);
			printk("              high:  %d\n", pcp->high);
			printk("              batch: %d\n", pcp->batch);
		}
		printk("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}
