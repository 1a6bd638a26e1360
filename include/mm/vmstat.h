/*
 * Event counters of /proc/vmstat (mm/vmstat.c). The allocation and free counts of the
 * page allocator are not here: they are read from the per-CPU lists' running totals and
 * the zones (struct per_cpu_pages, struct zone), which the hot paths keep anyway.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include <mm/mmzone.h>

/* Counted on cold paths only (reclaim, faults): a plain increment. */
enum vm_event_item {
	ALLOCSTALL_DMA, /* direct reclaim entered, by the allocation's highest zone */
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_HIGH,
	PGFAULT,       /* user page faults handled */
	SLABS_SCANNED, /* objects the shrinkers were asked to scan */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_event_states[NR_VM_EVENT_ITEMS];

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_event_states[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_event_states[item]++;
}

/* Pages ever allocated from @zone, and pages ever freed to it (boot's hand-over excluded) */
void zone_alloc_free_events(struct zone *zone, unsigned long *pgalloc, unsigned long *pgfree);

/* Print /proc/vmstat: "name value" lines, Linux's names, only counters that are kept */
void show_vmstat(void);

#endif
