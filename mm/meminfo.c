/*
 * Memory totals and /proc/meminfo. MemFree counts every free page: those on the buddy
 * lists and those on the per-CPU lists (Linux counts only the former; here the two sum
 * exactly to what the allocator could hand out). MemAvailable is Linux's estimate of what
 * can be allocated without trouble. The lines of concepts this system does not have (page
 * cache, swap, shared memory) are printed as 0, as tools such as procps `free` expect
 * them, and 0 is the truth.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <mm/vmap_area.h>

/**
 * si_meminfo - the totals behind MemTotal/MemFree/HighTotal/HighFree
 * @val: filled in, in pages
 */
void si_meminfo(struct sysinfo *val)
{
	struct zone *zone;
	unsigned long flags;

	val->totalram = totalram_pages;
	val->totalhigh = totalhigh_pages;
	val->freeram = 0;
	val->freehigh = 0;
	val->mem_unit = PAGE_SIZE;
	for_each_populated_zone(zone) {
		unsigned long free;

		spin_lock_irqsave(&zone->lock, flags);
		free = zone->free_pages + zone_pcp_count(zone);
		spin_unlock_irqrestore(&zone->lock, flags);
		val->freeram += free;
		if (is_highmem(zone))
			val->freehigh += free;
	}
}

/* AnonPages: pages mapped by processes, counted by mm/memory.c. */
unsigned long nr_anon_pages;

/**
 * si_mem_available - Linux's estimate of the memory available for new allocations
 *
 * The free pages less the zones' low watermarks (kept for the allocator's own use), plus
 * the reclaimable slab less what must stay (half of it, at most the low watermarks). There
 * is no page cache to add. Return: pages, never negative.
 */
unsigned long si_mem_available(void)
{
	unsigned long wmark_low = 0, reclaimable = nr_slab_reclaimable;
	struct sysinfo i;
	struct zone *zone;
	long available;

	for_each_populated_zone(zone)
		wmark_low += low_wmark_pages(zone);
	si_meminfo(&i);
	available = (long)i.freeram - (long)wmark_low;
	available += (long)(reclaimable - min(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : (unsigned long)available;
}

static void show_val_kb(const char *name, unsigned long pages)
{
	printk("%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

/**
 * show_meminfo - print /proc/meminfo
 */
void show_meminfo(void)
{
	struct sysinfo i;

	si_meminfo(&i);
	show_val_kb("MemTotal:", i.totalram);
	show_val_kb("MemFree:", i.freeram);
	show_val_kb("MemAvailable:", si_mem_available());
	show_val_kb("Buffers:", 0);
	show_val_kb("Cached:", nr_shmem_pages); /* shmem is page cache in Linux */
	show_val_kb("SwapCached:", 0);
	show_val_kb("HighTotal:", i.totalhigh);
	show_val_kb("HighFree:", i.freehigh);
	show_val_kb("LowTotal:", i.totalram - i.totalhigh);
	show_val_kb("LowFree:", i.freeram - i.freehigh);
	show_val_kb("SwapTotal:", 0);
	show_val_kb("SwapFree:", 0);
	show_val_kb("AnonPages:", nr_anon_pages);
	show_val_kb("Shmem:", nr_shmem_pages);
	show_val_kb("Slab:", nr_slab_reclaimable + nr_slab_unreclaimable);
	show_val_kb("SReclaimable:", nr_slab_reclaimable);
	show_val_kb("SUnreclaim:", nr_slab_unreclaimable);
	/* The vmalloc area: its size, the bytes areas use (guards not counted), the
	 * largest free range. */
	printk("%-16s%8lu kB\n", "VmallocTotal:", (VMALLOC_END - VMALLOC_START) >> 10);
	printk("%-16s%8lu kB\n", "VmallocUsed:", vmap_area_used() >> 10);
	printk("%-16s%8lu kB\n", "VmallocChunk:", vmap_area_largest_free() >> 10);
}
