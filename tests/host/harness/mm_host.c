/* Boot the mm core on a fresh host arena, as start_kernel() does on the target. */
#include <asm/mmu.h>
#include <kernel/preempt.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm_host.h"

/* Physical 0x4000 from the start of RAM, as on the target (README: Memory map). */
#define SWAPPER_PG_DIR_OFFSET 0x4000

const struct mm_host_layout mm_host_default_layout = {
	.ram_mb = 32,
	.lowmem_mb = 16,
	.dma_mb = 4,
	.reserved_kb = 64,
};

void mm_host_boot(const struct mm_host_layout *l)
{
	unsigned long ram = l->ram_mb << 20;

	host_irq_reset();
	host_fatal_signal = false;
	host_mem_init(ram, l->lowmem_mb << 20);
	memblock_reset();
	memblock_add(PHYS_OFFSET, (phys_addr_t)ram);
	if (l->reserved_kb)
		memblock_reserve(PHYS_OFFSET, (phys_addr_t)(l->reserved_kb << 10));
	/* The first-level table where the target has it, empty as paging_init() leaves it. */
	memblock_reserve(PHYS_OFFSET + SWAPPER_PG_DIR_OFFSET, PTRS_PER_PMD * sizeof(pmd_t));
	host_swapper_pg_dir = __va(PHYS_OFFSET + SWAPPER_PG_DIR_OFFSET);
	host_mmu_reset();
	mem_init(PHYS_OFFSET + (phys_addr_t)(l->dma_mb << 20),
		 PHYS_OFFSET + (phys_addr_t)(l->lowmem_mb << 20));
	vmalloc_init();
	system_state = SYSTEM_RUNNING; /* as start_kernel does before the shell */
	host_log_clear();
}

void mm_host_shutdown(void)
{
	host_irq_reset();
	host_mem_exit();
}

int mm_host_setup(void **state)
{
	mm_host_boot(&mm_host_default_layout);
	return 0;
}

/* Fails the test (after it ran) when mm_host_check() finds a broken invariant. */
int mm_host_teardown(void **state)
{
	unsigned long errors = mm_host_check(NULL);

	mm_host_shutdown();
	return errors ? -1 : 0;
}

unsigned long mm_host_check(unsigned long *free_out)
{
	unsigned long errors = 0, npages = max_pfn - ARCH_PFN_OFFSET;
	unsigned char *seen = calloc(npages, 1);
	struct zone *zone;

#define FAIL(...)                                               \
	do {                                                    \
		fprintf(stderr, "mm_host_check: " __VA_ARGS__); \
		errors++;                                       \
	} while (0)

	for_each_zone(zone) {
		unsigned long free = 0, pcp_free = 0, zi = zone_idx(zone);
		struct per_cpu_pages *pcp = &zone->pageset[0].pcp;
		struct page *page;
		unsigned int o;
		long n;

		for (o = 0; o < MAX_ORDER; o++) {
			unsigned long blocks = 0;

			list_for_each_entry(page, &zone->free_area[o].free_list, lru) {
				unsigned long pfn = page_to_pfn(page), i;

				blocks++;
				if (!PageBuddy(page) || page->private != o || PageHead(page) ||
				    PageReserved(page))
					FAIL("%s order %u pfn %#lx: bad head state %#lx/%lu\n",
					     zone->name, o, pfn, page->flags, page->private);
				if (pfn & ((1UL << o) - 1))
					FAIL("%s pfn %#lx misaligned for order %u\n", zone->name,
					     pfn, o);
				if (!zone_spans_pfn(zone, pfn) ||
				    !zone_spans_pfn(zone, pfn + (1UL << o) - 1))
					FAIL("%s pfn %#lx order %u outside zone\n", zone->name, pfn,
					     o);
				for (i = 0; i < (1UL << o) && pfn + i < max_pfn; i++) {
					struct page *p = pfn_to_page(pfn + i);

					if (seen[pfn + i - ARCH_PFN_OFFSET]++)
						FAIL("pfn %#lx listed twice\n", pfn + i);
					if (page_zonenum(p) != zi)
						FAIL("pfn %#lx zone bits %u in zone %s\n", pfn + i,
						     page_zonenum(p), zone->name);
					if (i && (p->flags & PAGE_FLAGS_STATE))
						FAIL("pfn %#lx tail of free block has state %#lx\n",
						     pfn + i, p->flags);
					if (p->_refcount)
						FAIL("free pfn %#lx has refcount %d\n", pfn + i,
						     p->_refcount);
				}
			}
			if (blocks != zone->free_area[o].nr_free)
				FAIL("%s order %u: %lu blocks listed, nr_free %lu\n", zone->name, o,
				     blocks, zone->free_area[o].nr_free);
			free += blocks << o;
		}
		if (free != zone->free_pages)
			FAIL("%s: free_pages %lu, lists hold %lu\n", zone->name, zone->free_pages,
			     free);
		n = 0;
		list_for_each_entry(page, &pcp->list, lru) {
			unsigned long pfn = page_to_pfn(page);

			n++;
			if (page->flags & PAGE_FLAGS_STATE || page->_refcount || page->private)
				FAIL("pcp pfn %#lx bad state %#lx\n", pfn, page->flags);
			if (!zone_spans_pfn(zone, pfn))
				FAIL("pcp pfn %#lx outside %s\n", pfn, zone->name);
			else if (seen[pfn - ARCH_PFN_OFFSET]++)
				FAIL("pcp pfn %#lx listed twice\n", pfn);
		}
		if (n != pcp_count(pcp))
			FAIL("%s pcp: %ld listed, count %d\n", zone->name, n, pcp_count(pcp));
		pcp_free = (unsigned long)n;
		if (free_out)
			free_out[zi] = free + pcp_free;
	}
#undef FAIL
	free(seen);
	return errors;
}

void mm_host_snapshot(struct mm_host_snapshot *s)
{
	int z, o;

	memset(s, 0, sizeof(*s));
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];

		for (o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = zone->free_area[o].nr_free;
		s->free_pages[z] = zone->free_pages;
		s->pcp_count[z] = pcp_count(&zone->pageset[0].pcp);
	}
}

bool mm_host_snapshot_equal(const struct mm_host_snapshot *a, const struct mm_host_snapshot *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}
