/*
 * ASIDs and the TTBR0 switch (include/asm/processor.h). Linux's ARMv6 scheme for one CPU:
 * mm_context_t.id carries the generation above ASID_BITS and the ASID below. A context
 * whose generation is the current one keeps its ASID: switching to it writes TTBR0 and
 * CONTEXTIDR and nothing else, because every user mapping is non-global (nG) and TLB
 * entries of other address spaces carry other ASIDs. When the 255 ASIDs of a generation
 * are used up, a new generation starts with one full TLB flush; every address space then
 * gets a fresh ASID the next time it is switched to. ASID 0 is never handed out: it tags
 * "no user address space" (TTBR0 = swapper_pg_dir, whose user half is empty).
 */
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/mmu.h>
#include <asm/processor.h>

#define ASID_FIRST_VERSION (1u << ASID_BITS)
#define TTB_FLAGS	   0x09 /* inner cacheable, outer write-back write-allocate (head.S) */

static u32 cpu_last_asid = ASID_FIRST_VERSION;
static unsigned long nr_rollovers;

static void cpu_set_ttbr0_asid(phys_addr_t ttb, unsigned int asid)
{
	u32 zero = 0;

	/*
	 * Linux's cpu_v6_switch_mm: flush the branch target cache (it is indexed by virtual
	 * address), drain the write buffer, then TTBR0 and the ASID, then flush the prefetch
	 * buffer so the next instruction is fetched through the new tables.
	 */
	__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 6\n\t"
			     "mcr p15, 0, %0, c7, c10, 4\n\t"
			     "mcr p15, 0, %1, c2, c0, 0\n\t"
			     "mcr p15, 0, %2, c13, c0, 1\n\t"
			     "mcr p15, 0, %0, c7, c5, 4" ::"r"(zero),
			     "r"(ttb | TTB_FLAGS), "r"(asid)
			     : "memory");
}

/**
 * cpu_init_user_split - switch the MMU to the TTBR0/TTBR1 split (TTBCR.N = 1)
 *
 * TTBR1 = swapper_pg_dir, TTBR0 = swapper_pg_dir too (its lower half is empty once the
 * boot identity map is gone), ASID 0 (reserved for "no user address space"); the TLB is
 * flushed. Called once at boot, before any process exists.
 */
void cpu_init_user_split(void)
{
	unsigned long flags = arch_local_irq_save();

	__asm__ __volatile__("mcr p15, 0, %0, c2, c0, 2" ::"r"(TTBCR_N_USER) : "memory");
	__asm__ __volatile__("mcr p15, 0, %0, c2, c0, 1" ::"r"(__pa(swapper_pg_dir) | TTB_FLAGS)
			     : "memory");
	cpu_set_ttbr0_asid(__pa(swapper_pg_dir), 0);
	local_flush_tlb_all();
	arch_local_irq_restore(flags);
}

/**
 * cpu_switch_to_kernel_mm - load the kernel-only TTBR0 (swapper_pg_dir, ASID 0)
 *
 * For a task that leaves user space for good (exit); IRQs must be disabled.
 */
void cpu_switch_to_kernel_mm(void)
{
	cpu_set_ttbr0_asid(__pa(swapper_pg_dir), 0);
}

static void new_context(mm_context_t *ctx)
{
	u32 asid = ++cpu_last_asid;

	if ((asid & ASID_MASK) == 0) {
		/* Roll-over: a new generation, no stale entry of any old ASID may survive. */
		nr_rollovers++;
		local_flush_tlb_all();
		__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 0" ::"r"(0) : "memory");
		asid = ++cpu_last_asid; /* skip ASID 0 */
	}
	ctx->id = asid;
}

/**
 * check_and_switch_context - load an address space: TTBR0 = @pgd_phys with its ASID
 * @ctx: the address space's context; a fresh ASID is assigned when it has none of the
 *	current generation (all 255 used: a new generation and one full TLB flush)
 * @pgd_phys: physical address of its 8 KB first-level table
 *
 * No TLB maintenance on the ordinary path: user entries are non-global and tagged with
 * the ASID. Called with IRQs disabled.
 */
void check_and_switch_context(mm_context_t *ctx, phys_addr_t pgd_phys)
{
	if ((ctx->id ^ cpu_last_asid) >> ASID_BITS)
		new_context(ctx);
	cpu_set_ttbr0_asid(pgd_phys, ctx->id & ASID_MASK);
}

/**
 * asid_generation - the ASID allocator's current generation (for ps and tests)
 *
 * Return: how many times the 8-bit ASID space has been used up and restarted.
 */
u32 asid_generation(void)
{
	return cpu_last_asid >> ASID_BITS;
}

/**
 * asid_rollovers - how many ASID roll-overs (full TLB flushes) have happened
 *
 * Return: the count since boot.
 */
unsigned long asid_rollovers(void)
{
	return nr_rollovers;
}

/**
 * flush_tlb_user_page - drop the TLB entry of one user page of the address space @asid
 * @va: the user address
 * @asid: the ASID the entry is tagged with
 */
void flush_tlb_user_page(unsigned long va, unsigned int asid)
{
	dsb();
	__asm__ __volatile__(
		"mcr p15, 0, %0, c8, c7, 1" ::"r"((va & PAGE_MASK) | (asid & ASID_MASK))
		: "memory");
	dsb();
	isb();
}

/**
 * flush_tlb_user_asid - drop every TLB entry of the address space @asid
 * @asid: the ASID its entries are tagged with
 *
 * One "invalidate unified TLB on ASID match": what fork() does once after write-protecting
 * the parent's pages, instead of one invalidation per page. Global (kernel) entries stay.
 */
void flush_tlb_user_asid(unsigned int asid)
{
	dsb();
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 2" ::"r"(asid & ASID_MASK) : "memory");
	dsb();
	isb();
}

/* Above this many pages a range costs more by address than the refills after one ASID flush. */
#define TLB_RANGE_PAGES 16

/**
 * flush_tlb_user_range - drop the TLB entries of [@start, @end) of the address space @asid
 * @start: first user address, page aligned
 * @end: end of the range, page aligned
 * @asid: the ASID its entries are tagged with
 *
 * Entry by entry for a short range, else every entry of @asid (flush_tlb_user_asid()).
 */
void flush_tlb_user_range(unsigned long start, unsigned long end, unsigned int asid)
{
	unsigned long va;

	if (end - start > TLB_RANGE_PAGES * PAGE_SIZE) {
		flush_tlb_user_asid(asid);
		return;
	}
	dsb();
	for (va = start; va < end; va += PAGE_SIZE)
		__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 1" ::"r"(va | (asid & ASID_MASK))
				     : "memory");
	dsb();
	isb();
}

/**
 * flush_icache_user_page - make instructions written through a kernel alias executable
 * @kaddr: the kernel mapping of the user page just written
 *
 * Cleans the page from the D-cache and invalidates the I-cache, so the user mapping of the
 * same frame fetches what was written.
 */
void flush_icache_user_page(void *kaddr)
{
	unsigned long a = (unsigned long)kaddr & PAGE_MASK, end = a + PAGE_SIZE;

	for (; a < end; a += 32)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" ::"r"(a) : "memory");
	dsb();
	/* The I-cache and branch predictor, whole: cheaper than by line for a full page. */
	__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 0\n\t"
			     "mcr p15, 0, %0, c7, c5, 6" ::"r"(0)
			     : "memory");
	isb();
}
