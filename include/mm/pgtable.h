/* Software walk of the kernel's live page tables (what `pt` prints). */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <asm/pgtable.h>

struct pt_walk {
	unsigned long va;
	pmd_t pmd; /* first-level descriptor */
	struct desc_info l1;
	bool has_l2;
	pte_t pte; /* second-level descriptor, when has_l2 */
	struct desc_info l2;
	bool mapped;
	phys_addr_t phys;	      /* translation of va, when mapped */
	const struct desc_info *leaf; /* the descriptor that maps va */
};

/* Walk @pgd (4096 first-level entries) for @va. Return: true when @va is mapped. */
bool pt_walk(const pmd_t *pgd, unsigned long va, struct pt_walk *w);

#endif

/*
 * Kernel-half mappings in the vmalloc area. Second-level tables are allocated on demand
 * from the page allocator, four 1 KB tables per page covering four consecutive MB, and
 * freed when all four are empty. Errors: -EINVAL (outside the area, misaligned),
 * -EBUSY (a slot is already mapped), -ENOMEM (no page for a table); nothing stays
 * half-mapped on error.
 */
struct page;

int map_kernel_pages(unsigned long va, struct page **pages, unsigned int nr,
		     const struct pt_attrs *a, unsigned int gfp);
/* A physically contiguous run; 64 KB large pages where va and phys allow. */
int map_kernel_phys(unsigned long va, phys_addr_t phys, unsigned long size,
		    const struct pt_attrs *a, unsigned int gfp);
/* Remove the mappings of [va, va + size): TLB entries and, on aliasing caches, lines. */
void unmap_kernel_range(unsigned long va, unsigned long size);
/* The vmalloc area has no L2 table yet (vmalloc_init(), at boot). */
void kernel_pgtable_init(void);
/* Second-level tables in use for the vmalloc area (meminfo's PageTables). */
unsigned long kernel_l2_pages(void);

extern const struct pt_attrs PAGE_KERNEL; /* normal cached, RW, XN */
extern const struct pt_attrs PAGE_KERNEL_RO;
extern const struct pt_attrs PAGE_KERNEL_EXEC;
extern const struct pt_attrs PAGE_KERNEL_NC; /* normal uncached (coherent DMA, wc) */
extern const struct pt_attrs PAGE_DEVICE;    /* shared device, XN */
extern const struct pt_attrs PAGE_STRONGLY_ORDERED;
