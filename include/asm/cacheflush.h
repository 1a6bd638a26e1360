/*
 * ARM1176 data-cache maintenance by virtual address range, for DMA and for mappings that
 * change. ARMv6's block operations (MCRR p15, 0, <end>, <start>, c12 / c6 / c14) clean,
 * invalidate or clean+invalidate every 32-byte line from the line holding <start> to the
 * line holding <end>, both included, in one instruction: the core walks the lines itself
 * (and restarts the operation after an interrupt), so a 4 KB page costs one instruction
 * instead of a loop of 128 line operations. Each range function ends with a DSB so the
 * maintenance is complete before the caller hands memory to a device.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <asm/barrier.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

#define L1_CACHE_BYTES 32

/*
 * One block operation on [start, end): <end> names the last line, inclusive. An empty
 * range does nothing (the core ignores a start above the end, but the line holding
 * start - 1 must not be touched either).
 */
#define DCACHE_RANGE_OP(crm, start, end)                                                  \
	do {                                                                              \
		if (likely((end) > (start)))                                              \
			__asm__ __volatile__("mcrr p15, 0, %0, %1, " #crm ::"r"((end)-1), \
					     "r"(start)                                   \
					     : "memory");                                 \
		dsb();                                                                    \
	} while (0)

/* Write dirty lines back to memory (to-device DMA). */
static inline void dmac_clean_range(unsigned long start, unsigned long end)
{
	DCACHE_RANGE_OP(c12, start, end);
}

/* Discard lines without writing them back (from-device DMA): callers align the range. */
static inline void dmac_inv_range(unsigned long start, unsigned long end)
{
	DCACHE_RANGE_OP(c6, start, end);
}

/* Write back and discard (bidirectional DMA, memory leaving a cached mapping). */
static inline void dmac_flush_range(unsigned long start, unsigned long end)
{
	DCACHE_RANGE_OP(c14, start, end);
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
