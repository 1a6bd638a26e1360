/* The kernel's page tables and the CP15 operations that maintain them (ARM1176). */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <asm/barrier.h>
#include <asm/cacheflush.h>
#include <asm/memory.h>
#include <asm/pgtable.h>

extern pmd_t swapper_pg_dir[PTRS_PER_PMD];

/* Clean one D-cache line so the table walker, which reads memory, sees the entry. */
static inline void clean_dcache_line(const void *p)
{
	__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" ::"r"(p) : "memory");
}

static inline void local_flush_tlb_all(void)
{
	dsb();
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0" ::"r"(0) : "memory");
	dsb();
	isb();
}

static inline void local_flush_tlb_kernel_page(unsigned long va)
{
	dsb();
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 1" ::"r"(va & PAGE_MASK) : "memory");
	dsb();
	isb();
}

static inline void set_pmd(pmd_t *p, pmd_t v)
{
	*p = v;
	clean_dcache_line(p);
	dsb();
}

static inline void set_pte(pte_t *p, pte_t v)
{
	*p = v;
	clean_dcache_line(p);
	dsb();
}

/*
 * A run of entries of one second-level table: __set_pte_nosync() for each, then
 * sync_ptes() once, so the table walker sees them after one range clean instead of a
 * clean per entry (mm/pgtable_kernel.c's mapping loops).
 */
static inline void __set_pte_nosync(pte_t *p, pte_t v)
{
	*p = v;
}

static inline void sync_ptes(pte_t *p, unsigned int n)
{
	dmac_clean_range((unsigned long)p, (unsigned long)(p + n));
}

/* Write back and invalidate the whole D-cache, invalidate the I-cache (ARM1176 ops). */
static inline void flush_cache_all(void)
{
	__asm__ __volatile__("mcr p15, 0, %0, c7, c14, 0\n\t"
			     "mcr p15, 0, %0, c7, c5, 0\n\t"
			     "mcr p15, 0, %0, c7, c10, 4" ::"r"(0)
			     : "memory");
}

/* One reader per CP15 register: mrc p15, 0, <reg>, <crn>, <crm>, <opc2>. */
#define DEFINE_CP15_READ(name, crn, crm, opc2)                                                \
	static inline u32 name(void)                                                          \
	{                                                                                     \
		u32 v;                                                                        \
                                                                                              \
		__asm__ __volatile__("mrc p15, 0, %0, " #crn ", " #crm ", " #opc2 : "=r"(v)); \
		return v;                                                                     \
	}

DEFINE_CP15_READ(read_cpuid_id, c0, c0, 0) /* MIDR */
DEFINE_CP15_READ(read_sctlr, c1, c0, 0)
DEFINE_CP15_READ(read_dfsr, c5, c0, 0) /* data fault status */
DEFINE_CP15_READ(read_ifsr, c5, c0, 1) /* instruction fault status */
DEFINE_CP15_READ(read_dfar, c6, c0, 0) /* data fault address */
DEFINE_CP15_READ(read_ifar, c6, c0, 2) /* instruction fault address */

void paging_init(void);
void paging_drop_early_io(void);

#endif
