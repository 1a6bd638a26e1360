/*
 * Final kernel page tables. head.S mapped low memory with executable RW sections; here
 * the megabytes holding the image are split into 4 KB pages so that text is read-only
 * and executable, rodata read-only, and everything else execute-never. The vector page
 * and the FIXMAP window get their L2 table, and the boot identity map goes away.
 * Invariant: after paging_init() no writable kernel mapping is executable.
 */
#include <asm/cacheflush.h>
#include <asm/fixmap.h>
#include <asm/kmap.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <string.h>

#define KERNEL_L2_TABLES 4 /* the image may span 4 MB: linker.ld asserts it */

extern char _stext[], _etext[], __end_rodata[], _end[], stext[];
extern char __vectors_start[], __vectors_end[];

static pte_t kernel_l2[KERNEL_L2_TABLES][PTRS_PER_PTE] __aligned(L2_TABLE_SIZE);
static pte_t high_l2[PTRS_PER_PTE] __aligned(L2_TABLE_SIZE); /* 0xfff00000: fixmap + vectors */
#define PKMAP_L2_TABLES (PKMAP_SIZE >> SECTION_SHIFT)
static pte_t pkmap_l2[PKMAP_L2_TABLES][PTRS_PER_PTE] __aligned(L2_TABLE_SIZE);
static u8 vectors_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static const struct pt_attrs attrs_text = { .type = MT_NORMAL, .ro = true, .xn = false };
static const struct pt_attrs attrs_rodata = { .type = MT_NORMAL, .ro = true, .xn = true };
static const struct pt_attrs attrs_data = { .type = MT_NORMAL, .ro = false, .xn = true };
static const struct pt_attrs attrs_vectors = { .type = MT_NORMAL, .ro = true, .xn = false };
/* mk_pte_small(0, &attrs_data): a kmap window is the page's address ORed with it. */
static pte_t kmap_prot;

static const struct pt_attrs *kernel_page_attrs(unsigned long va)
{
	if (va >= (unsigned long)_stext && va < (unsigned long)_etext)
		return &attrs_text;
	if (va >= (unsigned long)_etext && va < (unsigned long)__end_rodata)
		return &attrs_rodata;
	return &attrs_data;
}

/* Map the megabytes of the image with exact per-page permissions. */
static void map_kernel_image(void)
{
	unsigned long mbs = DIV_ROUND_UP((unsigned long)_end - PAGE_OFFSET, SECTION_SIZE);
	unsigned long mb, i, va;

	BUG_ON(mbs > KERNEL_L2_TABLES);
	for (mb = 0; mb < mbs; mb++) {
		for (i = 0; i < PTRS_PER_PTE; i++) {
			va = PAGE_OFFSET + mb * SECTION_SIZE + i * PAGE_SIZE;
			kernel_l2[mb][i] = mk_pte_small(__pa(va), kernel_page_attrs(va));
		}
		/* The table must reach memory before the walker can be pointed at it. */
		for (i = 0; i < PTRS_PER_PTE; i += 8)
			clean_dcache_line(&kernel_l2[mb][i]);
		set_pmd(&swapper_pg_dir[pmd_index(PAGE_OFFSET) + mb],
			mk_pmd_table(__pa(kernel_l2[mb])));
	}
}

/* The rest of low memory stays in sections, now execute-never. */
static void protect_lowmem(void)
{
	unsigned long mbs = DIV_ROUND_UP((unsigned long)_end - PAGE_OFFSET, SECTION_SIZE);
	unsigned long mb;

	for (mb = mbs; mb < LOWMEM_MB; mb++)
		set_pmd(&swapper_pg_dir[pmd_index(PAGE_OFFSET) + mb],
			mk_pmd_section(PHYS_OFFSET + mb * SECTION_SIZE, &attrs_data));
}

static void map_vectors(void)
{
	size_t len = (size_t)(__vectors_end - __vectors_start);
	unsigned long i;

	memcpy(vectors_page, __vectors_start, len);
	for (i = 0; i < len; i += 32)
		clean_dcache_line(vectors_page + i);
	high_l2[pte_index(VECTORS_BASE)] = mk_pte_small(__pa(vectors_page), &attrs_vectors);
	for (i = 0; i < PTRS_PER_PTE; i += 8)
		clean_dcache_line(&high_l2[i]);
	set_pmd(&swapper_pg_dir[pmd_index(FIXADDR_START)], mk_pmd_table(__pa(high_l2)));
	__asm__ __volatile__("mcr p15, 0, %0, c7, c5, 0" ::"r"(0) : "memory"); /* I-cache */
}

/* PKMAP's tables exist from boot so that kmap() never allocates. */
static void map_pkmap_tables(void)
{
	unsigned long i;

	for (i = 0; i < PKMAP_L2_TABLES; i++)
		set_pmd(&swapper_pg_dir[pmd_index(PKMAP_BASE) + i],
			mk_pmd_table(__pa(pkmap_l2[i])));
}

/**
 * paging_init - exact kernel permissions, vectors, fixmap; drop the identity map
 *
 * Runs first in start_kernel(), with interrupts masked.
 */
void paging_init(void)
{
	unsigned long boot_mb = ((unsigned long)stext - PAGE_OFFSET + PHYS_OFFSET) >> SECTION_SHIFT;

	map_kernel_image();
	protect_lowmem();
	map_vectors();
	map_pkmap_tables();
	kmap_prot = mk_pte_small(0, &attrs_data);
	/* The identity map never overlaps the direct map or the kernel's high half. */
	if (boot_mb < pmd_index(PAGE_OFFSET))
		set_pmd(&swapper_pg_dir[boot_mb], 0);
	local_flush_tlb_all();
}

/**
 * paging_drop_early_io - remove head.S's console section at EARLY_IO_VIRT
 *
 * Called once the console goes through its FIXMAP slot (after board_init()).
 */
void paging_drop_early_io(void)
{
	set_pmd(&swapper_pg_dir[pmd_index(EARLY_IO_VIRT)], 0);
	local_flush_tlb_all();
}

/**
 * __set_fixmap - install or remove the page behind a FIXMAP slot
 * @idx: the slot, below __end_of_fixed_addresses
 * @phys: page-aligned physical address to map; ignored when @a is NULL
 * @a: attributes of the mapping, or NULL to remove it
 *
 * The TLB entry of the slot is invalidated before returning.
 */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, const struct pt_attrs *a)
{
	unsigned long va = __fix_to_virt(idx);

	BUG_ON(idx >= __end_of_fixed_addresses);
	set_pte(&high_l2[pte_index(va)], a ? mk_pte_small(phys, a) : 0);
	local_flush_tlb_kernel_page(va);
}

static pte_t *kmap_pte_slot(unsigned long va)
{
	if (va >= PKMAP_BASE && va < PKMAP_BASE + PKMAP_SIZE)
		return &pkmap_l2[(va - PKMAP_BASE) >> SECTION_SHIFT][pte_index(va)];
	BUG_ON(va < FIXADDR_START || va >= FIXADDR_END);
	return &high_l2[pte_index(va)];
}

/**
 * arch_kmap_set_pte - map one page, kernel read/write, normal cached, execute-never
 * @vaddr: page-aligned address inside PKMAP or FIXMAP (its L2 table exists since boot)
 * @phys: page-aligned physical address
 *
 * On return the mapping is usable: the PTE is written and made visible to the table
 * walker and any stale TLB entry for @vaddr is invalidated. Called with IRQs disabled.
 */
void arch_kmap_set_pte(unsigned long vaddr, phys_addr_t phys)
{
	set_pte(kmap_pte_slot(vaddr), phys | kmap_prot);
	local_flush_tlb_kernel_page(vaddr);
}

/**
 * arch_kmap_clear_pte - unmap one page mapped by arch_kmap_set_pte()
 * @vaddr: the same address
 *
 * On return the window is gone: the data written through it has reached memory or an
 * alias-free cache line, the PTE is a fault entry and the TLB entry for @vaddr is
 * invalidated. Called with IRQs disabled.
 *
 * The S3C6410's 16 KB 4-way D-cache has 4 KB per way and cannot alias, so usually only
 * the TLB entry has to go.
 */
void arch_kmap_clear_pte(unsigned long vaddr)
{
	if (cpu_dcache_is_aliasing())
		dmac_flush_range(vaddr, vaddr + PAGE_SIZE);
	set_pte(kmap_pte_slot(vaddr), 0);
	local_flush_tlb_kernel_page(vaddr);
}

/**
 * fixmap_console - map the console's device page at FIX_EARLYCON
 * @phys: physical address of the console's registers
 *
 * Return: the virtual address of @phys in the slot.
 */
void __iomem *fixmap_console(phys_addr_t phys)
{
	static const struct pt_attrs dev = { .type = MT_DEVICE, .xn = true };

	__set_fixmap(FIX_EARLYCON, phys & PAGE_MASK, &dev);
	return (void __iomem *)(__fix_to_virt(FIX_EARLYCON) + (phys & ~PAGE_MASK));
}
