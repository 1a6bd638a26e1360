/*
 * ARM1176 data-cache maintenance by virtual address, one 32-byte line at a time (CP15
 * c7 MVA operations), for DMA and for mappings that change. Each range function ends with
 * a DSB so the maintenance is complete before the caller hands memory to a device.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <asm/barrier.h>
#include <kernel/types.h>

#define L1_CACHE_BYTES 32

/* Write dirty lines back to memory (to-device DMA). */
static inline void dmac_clean_range(unsigned long start, unsigned long end)
{
	for (start &= ~(unsigned long)(L1_CACHE_BYTES - 1); start < end; start += L1_CACHE_BYTES)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" ::"r"(start) : "memory");
	dsb();
}

/* Discard lines without writing them back (from-device DMA): callers align the range. */
static inline void dmac_inv_range(unsigned long start, unsigned long end)
{
	for (start &= ~(unsigned long)(L1_CACHE_BYTES - 1); start < end; start += L1_CACHE_BYTES)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c6, 1" ::"r"(start) : "memory");
	dsb();
}

/* Write back and discard (bidirectional DMA, memory leaving a cached mapping). */
static inline void dmac_flush_range(unsigned long start, unsigned long end)
{
	for (start &= ~(unsigned long)(L1_CACHE_BYTES - 1); start < end; start += L1_CACHE_BYTES)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c14, 1" ::"r"(start) : "memory");
	dsb();
}

/*
 * True when the D-cache is virtually indexed across more than a page (Cache Type
 * Register Dsize.P, bit 23): then lines of a mapping that goes away must be written back
 * first, or another virtual alias of the same page could read stale data.
 */
static inline bool cpu_dcache_is_aliasing(void)
{
	unsigned long ctr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
	return (ctr >> 23) & 1;
}

#endif
