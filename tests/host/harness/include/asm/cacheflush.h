/*
 * Host stand-in for <asm/cacheflush.h>: the same interface, implemented by the fake MMU
 * (tests/host/harness/host_mmu.c), which records every maintenance operation with its
 * range so that a test can check what a DMA mapping or an unmap did to the caches.
 * Whether the D-cache aliases is a switch (host_dcache_aliasing) rather than the Cache
 * Type Register, so both of the ARM1176's configurations can be tested.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <asm/barrier.h>
#include <kernel/types.h>

#define L1_CACHE_BYTES 32

void dmac_clean_range(unsigned long start, unsigned long end);
void dmac_inv_range(unsigned long start, unsigned long end);
void dmac_flush_range(unsigned long start, unsigned long end);

extern bool host_dcache_aliasing;

static inline bool cpu_dcache_is_aliasing(void)
{
	return host_dcache_aliasing;
}

#endif
