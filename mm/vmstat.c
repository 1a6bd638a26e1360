/*
 * /proc/buddyinfo and /proc/zoneinfo, printed in Linux's exact layout so the same tools
 * and eyes read them. Counts are snapshotted under the zone lock, printed outside it.
 */
#include <asm/irqflags.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include <stdio.h>

unsigned long vm_event_states[NR_VM_EVENT_ITEMS];

/**
 * zone_alloc_free_events - pages ever allocated from and freed to a zone
 * @zone: the zone
 * @pgalloc: pages handed out by the allocator, per-CPU lists and buddy lists alike
 * @pgfree: pages given back (reaching a zero refcount), the boot's hand-over excluded
 *
 * Folded at read time from totals the hot paths keep anyway (include/mm/mmzone.h), so
 * counting costs them nothing: a per-CPU list's @limit - @high is its allocations, and
 * its @in (frees + refills - drains) plus the buddy free count (managed + buddy frees -
 * buddy allocations - refills + drains) gives all frees once the buddy allocations,
 * the one counted figure, are added back. Modulo 2^32 pages.
 */
void zone_alloc_free_events(struct zone *zone, unsigned long *pgalloc, unsigned long *pgfree)
{
	unsigned long alloc, freed, flags;
	int cpu;

	local_irq_save(flags);
	alloc = zone->pgalloc_buddy;
	freed = zone->free_pages - zone->managed_pages + zone->pgalloc_buddy;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

		alloc += pcp->limit - (unsigned int)pcp->high;
		freed += pcp->in;
	}
	local_irq_restore(flags);
	*pgalloc = alloc;
	*pgfree = freed;
}

/**
 * show_vmstat - print the kept counters in /proc/vmstat's "name value" format
 *
 * Linux's names and order; a counter this kernel does not maintain is not printed
 * (no pgmajfault: no fault does I/O; no pgscan/pgsteal: reclaim is shrinkers only).
 */
void show_vmstat(void)
{
	static const char *const zone_suffix[MAX_NR_ZONES] = { "dma", "normal", "high" };
	unsigned long pgalloc[MAX_NR_ZONES], pgfree = 0, f;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		zone_alloc_free_events(&contig_page_data.node_zones[i], &pgalloc[i], &f);
		pgfree += f;
	}
	printk("nr_free_pages %lu\n", nr_free_pages());
	for (i = 0; i < MAX_NR_ZONES; i++)
		printk("pgalloc_%s %lu\n", zone_suffix[i], pgalloc[i]);
	for (i = 0; i < MAX_NR_ZONES; i++)
		printk("allocstall_%s %lu\n", zone_suffix[i], vm_event_states[ALLOCSTALL_DMA + i]);
	printk("pgfree %lu\n", pgfree);
	printk("pgfault %lu\n", vm_event_states[PGFAULT]);
	printk("slabs_scanned %lu\n", vm_event_states[SLABS_SCANNED]);
}

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
			printk("              count: %d\n", pcp_count(pcp));
			printk("              high:  %d\n", pcp->high);
			printk("              batch: %d\n", pcp->batch);
		}
		printk("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}
