/*
 * memblock: two sorted tables of physical ranges, "memory" (RAM banks) and "reserved"
 * (in use since boot). Invariant: each table is sorted by base, with no two regions
 * overlapping or touching (they are merged on insertion). A table that cannot hold a new
 * region is left unchanged and the call fails.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <string.h>

#include "internal.h"

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.current_limit = MEMBLOCK_ALLOC_ACCESSIBLE,
	.memory = { .max = INIT_MEMBLOCK_REGIONS, .regions = memory_regions, .name = "memory" },
	.reserved = { .max = INIT_MEMBLOCK_REGIONS,
		      .regions = reserved_regions,
		      .name = "reserved" },
};

/* Set by memblock_free_all(): the buddy allocator owns the pages now. */
static bool memblock_retired;

static inline u64 region_end(const struct memblock_region *r)
{
	return (u64)r->base + r->size;
}

static bool memblock_check_open(const char *what, void *caller)
{
	if (!memblock_retired)
		return true;
	pr_err("memblock: %s after memblock_free_all(): the buddy allocator owns memory "
	       "(caller %pS)\n",
	       what, caller);
	return false;
}

static void memblock_update_total(struct memblock_type *type)
{
	unsigned long i;

	type->total_size = 0;
	for (i = 0; i < type->cnt; i++)
		type->total_size += type->regions[i].size;
}

/* Insert [base, base + size), merging every region it overlaps or touches. */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	u64 start = base, end = (u64)base + size;
	struct memblock_region *r = type->regions;
	unsigned long i, j, merged = 0;

	if (!size)
		return 0;
	if (end > 0x100000000ULL)
		end = 0x100000000ULL;
	for (i = 0; i < type->cnt; i++)
		if (region_end(&r[i]) >= start && r[i].base <= end)
			merged++;
	if (type->cnt - merged + 1 > type->max) {
		pr_err("memblock: %s table full (%lu regions)\n", type->name, type->max);
		return -1;
	}
	for (i = 0, j = 0; i < type->cnt; i++) {
		if (region_end(&r[i]) < start || r[i].base > end) {
			r[j++] = r[i];
			continue;
		}
		start = min(start, (u64)r[i].base);
		end = max(end, region_end(&r[i]));
	}
	type->cnt = j;
	for (i = type->cnt; i > 0 && r[i - 1].base > start; i--)
		r[i] = r[i - 1];
	r[i].base = (phys_addr_t)start;
	/* A region covering all 4 GB would not fit phys_addr_t: stop one page short. */
	r[i].size = (phys_addr_t)min(end - start, 0x100000000ULL - PAGE_SIZE);
	type->cnt++;
	memblock_update_total(type);
	return 0;
}

/* Remove [base, base + size) from every region, splitting one that straddles it. */
static int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	u64 start = base, end = (u64)base + size;
	struct memblock_region *r = type->regions;
	unsigned long i;

	for (i = 0; i < type->cnt; i++) {
		u64 rb = r[i].base, re = region_end(&r[i]);

		if (re <= start || rb >= end)
			continue;
		if (rb < start && re > end) {
			if (type->cnt >= type->max) {
				pr_err("memblock: %s table full (%lu regions)\n", type->name,
				       type->max);
				return -1;
			}
			memmove(&r[i + 2], &r[i + 1], (type->cnt - i - 1) * sizeof(*r));
			r[i].size = (phys_addr_t)(start - rb);
			r[i + 1].base = (phys_addr_t)end;
			r[i + 1].size = (phys_addr_t)(re - end);
			type->cnt++;
			break;
		}
		if (rb < start) {
			r[i].size = (phys_addr_t)(start - rb);
		} else if (re > end) {
			r[i].base = (phys_addr_t)end;
			r[i].size = (phys_addr_t)(re - end);
		} else {
			memmove(&r[i], &r[i + 1], (type->cnt - i - 1) * sizeof(*r));
			type->cnt--;
			i--;
		}
	}
	memblock_update_total(type);
	return 0;
}

/**
 * memblock_add - add a range of RAM
 * @base: physical start
 * @size: bytes
 * Return: 0, or -1 if the region table is full or memblock has retired.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_check_open("memblock_add", __builtin_return_address(0)))
		return -1;
	return memblock_add_range(&memblock.memory, base, size);
}

/**
 * memblock_reserve - mark a range as in use: it is never given to the buddy allocator
 * @base: physical start
 * @size: bytes
 * Return: 0, or -1 if the region table is full or memblock has retired.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_check_open("memblock_reserve", __builtin_return_address(0)))
		return -1;
	return memblock_add_range(&memblock.reserved, base, size);
}

/**
 * memblock_phys_free - return a reserved range (the reverse of memblock_reserve())
 * @base: physical start
 * @size: bytes
 * Return: 0, or -1 if the region table is full or memblock has retired.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_check_open("memblock_phys_free", __builtin_return_address(0)))
		return -1;
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_set_current_limit - allocations end below @limit from now on
 * @limit: physical address, or MEMBLOCK_ALLOC_ACCESSIBLE
 */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

static u64 memblock_limit(void)
{
	if (memblock.current_limit != MEMBLOCK_ALLOC_ACCESSIBLE)
		return memblock.current_limit;
	return (u64)PHYS_OFFSET + LOWMEM_SIZE;
}

/* The reserved region with the highest base overlapping [start, end), or NULL. */
static const struct memblock_region *reserved_overlap(u64 start, u64 end)
{
	const struct memblock_type *rt = &memblock.reserved;
	unsigned long i = rt->cnt;

	while (i-- > 0) {
		const struct memblock_region *r = &rt->regions[i];

		if (r->base < end && region_end(r) > start)
			return r;
	}
	return NULL;
}

/**
 * memblock_phys_alloc - reserve and return the highest free aligned range below the limit
 * @size: bytes
 * @align: power of two
 * Return: the physical address, or 0 when nothing fits (reported).
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	const struct memblock_type *mt = &memblock.memory;
	u64 limit = memblock_limit();
	unsigned long i = mt->cnt;

	if (!memblock_check_open("memblock_phys_alloc", __builtin_return_address(0)))
		return 0;
	if (!size)
		return 0;
	if (align < 1)
		align = 1;
	/* Top-down, like Linux: early tables end up out of the way of DMA-capable memory. */
	while (i-- > 0) {
		/* Address 0 means failure: never hand it out. */
		u64 rb = max((u64)mt->regions[i].base, (u64)align);
		u64 top = min(region_end(&mt->regions[i]), limit);

		while (top >= rb + size) {
			u64 cand = (top - size) & ~((u64)align - 1);
			const struct memblock_region *r;

			if (cand < rb)
				break;
			r = reserved_overlap(cand, cand + size);
			if (!r) {
				memblock_add_range(&memblock.reserved, (phys_addr_t)cand, size);
				return (phys_addr_t)cand;
			}
			top = r->base;
		}
	}
	pr_err("memblock: cannot allocate %#lx bytes aligned to %#lx below %#llx (caller %pS)\n",
	       (unsigned long)size, (unsigned long)align, (unsigned long long)limit,
	       __builtin_return_address(0));
	return 0;
}

/**
 * memblock_alloc - memblock_phys_alloc() of zeroed low memory, by virtual address
 * @size: bytes
 * @align: power of two
 * Return: the direct-map address, or NULL.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t phys = memblock_phys_alloc(size, align);
	void *virt;

	if (!phys)
		return NULL;
	virt = __va(phys);
	memset(virt, 0, size);
	return virt;
}

/**
 * memblock_start_of_DRAM - the start of the first memory region
 *
 * Return: its physical address.
 */
phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

/**
 * memblock_end_of_DRAM - the first address after the last memory region
 *
 * Return: that address.
 */
phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *mt = &memblock.memory;

	return mt->cnt ? (phys_addr_t)region_end(&mt->regions[mt->cnt - 1]) : 0;
}

/**
 * memblock_phys_mem_size - total size of the memory regions
 *
 * Return: bytes of RAM known to memblock.
 */
phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/**
 * memblock_is_memory - whether @addr is in a memory region
 * @addr: physical address
 *
 * Return: true when it is RAM known to memblock.
 */
bool memblock_is_memory(phys_addr_t addr)
{
	unsigned long i;

	for (i = 0; i < memblock.memory.cnt; i++)
		if (addr >= memblock.memory.regions[i].base &&
		    addr < region_end(&memblock.memory.regions[i]))
			return true;
	return false;
}

/**
 * memblock_is_region_reserved - whether any byte of a range is reserved
 * @base: physical start
 * @size: bytes
 *
 * Return: true if any byte of [@base, @base + @size) is reserved.
 */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return reserved_overlap(base, (u64)base + size) != NULL;
}

unsigned long memblock_count_memory_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long i, n = 0;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = (unsigned long)PFN_UP((u64)r->base);
		unsigned long e = (unsigned long)PFN_DOWN(region_end(r));

		s = max(s, start_pfn);
		e = min(e, end_pfn);
		if (e > s)
			n += e - s;
	}
	return n;
}

/* Free [start_pfn, end_pfn) zone by zone in the largest aligned blocks. */
static unsigned long free_pages_memory(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long freed = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long s = max(start_pfn, zone->zone_start_pfn);
		unsigned long e = min(end_pfn, zone_end_pfn(zone));

		while (s < e) {
			unsigned int order = MAX_ORDER - 1;

			if (s)
				order = min(order, (unsigned int)__builtin_ctzl(s));
			while (s + (1UL << order) > e)
				order--;
			__free_pages_core(pfn_to_page(s), order);
			s += 1UL << order;
			freed += 1UL << order;
		}
	}
	return freed;
}

/**
 * memblock_for_each_free_range - visit every range of RAM that is not reserved
 * @fn: called with [@start_pfn, @end_pfn) (whole pages, never empty), in ascending order
 * @arg: passed to @fn
 *
 * The ranges memblock_free_all() releases; every other page frame is reserved.
 */
void memblock_for_each_free_range(void (*fn)(unsigned long start_pfn, unsigned long end_pfn,
					     void *arg),
				  void *arg)
{
	const struct memblock_type *mt = &memblock.memory, *rt = &memblock.reserved;
	unsigned long i, j;

	for (i = 0; i < mt->cnt; i++) {
		u64 start = mt->regions[i].base, end = region_end(&mt->regions[i]);

		/* The free ranges of this bank are the gaps between reserved regions. */
		for (j = 0; j < rt->cnt && start < end; j++) {
			u64 rb = rt->regions[j].base, re = region_end(&rt->regions[j]);

			if (re <= start)
				continue;
			if (rb >= end)
				break;
			if (rb > start && PFN_DOWN(rb) > PFN_UP(start))
				fn((unsigned long)PFN_UP(start), (unsigned long)PFN_DOWN(rb), arg);
			start = re;
		}
		if (start < end && PFN_DOWN(end) > PFN_UP(start))
			fn((unsigned long)PFN_UP(start), (unsigned long)PFN_DOWN(end), arg);
	}
}

static void free_range(unsigned long start_pfn, unsigned long end_pfn, void *freed)
{
	*(unsigned long *)freed += free_pages_memory(start_pfn, end_pfn);
}

/**
 * memblock_free_all - release every unreserved page of RAM to the buddy allocator
 *
 * Called by mem_init() once the zones exist. memblock retires: later memblock calls
 * fail with a report.
 * Return: the number of pages released.
 */
unsigned long memblock_free_all(void)
{
	unsigned long freed = 0;

	if (!memblock_check_open("memblock_free_all", __builtin_return_address(0)))
		return 0;
	memblock_for_each_free_range(free_range, &freed);
	memblock_retired = true;
	return freed;
}

/**
 * memblock_reset - forget every region and reopen memblock (a fresh boot)
 *
 * Used by the host tests, which boot the mm core many times in one process.
 */
void memblock_reset(void)
{
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.current_limit = MEMBLOCK_ALLOC_ACCESSIBLE;
	memblock_retired = false;
}

static void memblock_dump(const struct memblock_type *type)
{
	unsigned long i;

	pr_info(" %s.cnt  = %#lx\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		pr_info(" %s[%#lx]\t[%#010lx-%#010lx], %#lx bytes\n", type->name, i,
			(unsigned long)r->base, (unsigned long)(region_end(r) - 1),
			(unsigned long)r->size);
	}
}

/**
 * memblock_dump_all - print the memory and reserved region tables (KERN_INFO)
 */
void memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %#lx reserved size = %#lx\n",
		(unsigned long)memblock.memory.total_size,
		(unsigned long)memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}
