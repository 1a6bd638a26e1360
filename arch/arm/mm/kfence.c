/*
 * The MMU side of KFENCE (include/asm/kfence.h, mm/kfence.c): the pool's megabytes of the
 * direct map, mapped with sections by paging_init(), get second-level tables so that each
 * page of the pool can be unmapped on its own. A guard page or a freed object's page is a
 * fault entry; a kernel access to it is a translation fault that arch/arm/kernel/traps.c
 * hands to kfence_handle_page_fault().
 */
#include <asm/kfence.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>

/* The pool is at most 2 MB (scripts/check-config.sh: 255 objects); not aligned: 3 MB. */
#define KFENCE_L2_TABLES 3

static pte_t kfence_l2[KFENCE_L2_TABLES][PTRS_PER_PTE] __aligned(L2_TABLE_SIZE);
static const struct pt_attrs attrs_pool = { .type = MT_NORMAL, .ro = false, .xn = true };

/* The second-level entry of @va, a direct-map address split by arch_kfence_init_pool(). */
static pte_t *pool_pte(unsigned long va)
{
	pmd_t d = swapper_pg_dir[pmd_index(va)];

	BUG_ON((d & PMD_TYPE_MASK) != PMD_TYPE_TABLE);
	return (pte_t *)__va(d & PMD_TABLE_BASE_MASK) + pte_index(va);
}

/**
 * arch_kfence_init_pool - map the megabytes of the direct map around a pool with pages
 * @start: page-aligned direct-map address of the pool
 * @size: its length
 *
 * The pool's own pages [@start, @start + @size) are left unmapped (kfence_protect_page()
 * maps them); the rest of their megabytes keep the direct map's attributes (normal
 * memory, read/write, execute-never). Called once at boot, before other users run.
 * Return: false when the range spans more megabytes than tables are reserved.
 */
bool arch_kfence_init_pool(unsigned long start, unsigned long size)
{
	unsigned long first = pmd_index(start), last = pmd_index(start + size - 1), mb, i, va;
	unsigned int used = 0;
	bool in_pool;
	pte_t pte;

	for (mb = first; mb <= last; mb++) {
		pmd_t d = swapper_pg_dir[mb];

		if ((d & PMD_TYPE_MASK) == PMD_TYPE_TABLE) {
			/* A megabyte of the image: mmu.c split it already. */
			for (va = max(start, mb << SECTION_SHIFT);
			     va < min(start + size, (mb + 1) << SECTION_SHIFT); va += PAGE_SIZE)
				set_pte(pool_pte(va), 0);
			continue;
		}
		if (used == KFENCE_L2_TABLES)
			return false;
		/* The small-page descriptor holds the frame in bits 31:12: one encoding, then add.
		 */
		pte = mk_pte_small(__pa(mb << SECTION_SHIFT), &attrs_pool);
		for (i = 0; i < PTRS_PER_PTE; i++) {
			va = (mb << SECTION_SHIFT) + i * PAGE_SIZE;
			in_pool = va >= start && va - start < size;
			kfence_l2[used][i] = in_pool ? 0 : pte + i * PAGE_SIZE;
		}
		/* The walker reads memory: the table must be there before the pmd points at it. */
		for (i = 0; i < PTRS_PER_PTE; i += 8)
			clean_dcache_line(&kfence_l2[used][i]);
		/* Same pages, same attributes: the section can be replaced while in use. */
		set_pmd(&swapper_pg_dir[mb], mk_pmd_table(__pa(kfence_l2[used])));
		used++;
	}
	local_flush_tlb_all();
	return true;
}

/**
 * kfence_protect_page - unmap or map again one page of the pool
 * @addr: an address in the page
 * @protect: true: any access faults from now on; false: the page is accessible again
 *
 * On return the TLB holds no stale entry for the page. Called with IRQs disabled.
 */
void kfence_protect_page(unsigned long addr, bool protect)
{
	addr &= PAGE_MASK;
	/* The D-cache is physically tagged: lines of the page stay valid while it is unmapped. */
	set_pte(pool_pte(addr), protect ? 0 : mk_pte_small(__pa(addr), &attrs_pool));
	local_flush_tlb_kernel_page(addr);
}
