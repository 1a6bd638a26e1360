/*
 * Host stand-in for <asm/mmu.h>: the kernel's first-level table and the operations that
 * maintain it, implemented by the fake MMU (tests/host/harness/host_mmu.c). The table is
 * in the host arena at the physical address the target uses (mm_host_boot() puts it
 * there), so mm/pgtable.c walks it and mm/pgtable_kernel.c writes it exactly as on the
 * target; every descriptor write, D-cache clean and TLB flush is recorded, and a valid
 * vmalloc-area entry also maps its page at the host address so that memory behind a
 * vmalloc()/vmap() address really is the page.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <asm/barrier.h>
#include <asm/memory.h>
#include <asm/pgtable.h>

/* The first-level table (16 KB, in the arena); a pointer on the host, an array there. */
extern pmd_t *host_swapper_pg_dir;
#define swapper_pg_dir host_swapper_pg_dir

void clean_dcache_line(const void *p);
void local_flush_tlb_all(void);
void local_flush_tlb_kernel_page(unsigned long va);
void set_pmd(pmd_t *p, pmd_t v);
void set_pte(pte_t *p, pte_t v);
void __set_pte_nosync(pte_t *p, pte_t v);
void sync_ptes(pte_t *p, unsigned int n);
void flush_cache_all(void);

/* An ARM1176JZF-S r0p7 and the control register the firmware runs with. */
static inline u32 read_cpuid_id(void)
{
	return 0x410fb767;
}

static inline u32 read_sctlr(void)
{
	return CR_XP | CR_I | CR_Z | CR_C | CR_M | CR_V | CR_U;
}

#endif
