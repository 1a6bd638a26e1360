/*
 * memblock: the boot-time view of physical memory. The board adds its RAM banks, boot code
 * reserves what is in use (image, page tables, vectors), early code allocates from what is
 * left, then memblock_free_all() hands every unreserved page to the buddy allocator and
 * memblock retires. Regions are kept sorted, merged and non-overlapping.
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include <kernel/types.h>

#define INIT_MEMBLOCK_REGIONS 64

/* memblock_alloc*() limit meaning "the end of low memory" (mapped, so it can be zeroed). */
#define MEMBLOCK_ALLOC_ACCESSIBLE 0

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	phys_addr_t current_limit; /* allocations end below this (0: end of low memory) */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* add a range of RAM */
int memblock_add(phys_addr_t base, phys_addr_t size);

/* mark a range as in use: it is never given to the buddy allocator */
int memblock_reserve(phys_addr_t base, phys_addr_t size);

/* return a reserved range (the reverse of memblock_reserve()) */
int memblock_phys_free(phys_addr_t base, phys_addr_t size);

/* reserve and return the highest free aligned range below the limit */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);

/* memblock_phys_alloc() of zeroed low memory, by virtual address */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);

/* allocations end below @limit from now on */
void memblock_set_current_limit(phys_addr_t limit);

phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);
bool memblock_is_memory(phys_addr_t addr);
/* True if any byte of [base, base + size) is reserved. */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/* Visit every range of RAM that is not reserved */
void memblock_for_each_free_range(void (*fn)(unsigned long start_pfn, unsigned long end_pfn,
					     void *arg),
				  void *arg);

/* Release every unreserved page of RAM to the buddy allocator */
unsigned long memblock_free_all(void);

/* forget every region and reopen memblock (a fresh boot) */
void memblock_reset(void);

/* Prints both region tables (KERN_INFO). */
void memblock_dump_all(void);

#endif
