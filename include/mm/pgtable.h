/* Software walk of the kernel's live page tables (what `pt` prints). */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <asm/pgtable.h>

struct pt_walk {
	unsigned long va;
	pmd_t pmd;			/* first-level descriptor */
	struct desc_info l1;
	bool has_l2;
	pte_t pte;			/* second-level descriptor, when has_l2 */
	struct desc_info l2;
	bool mapped;
	phys_addr_t phys;		/* translation of va, when mapped */
	const struct desc_info *leaf;	/* the descriptor that maps va */
};

/* Walk @pgd (4096 first-level entries) for @va. Return: true when @va is mapped. */
bool pt_walk(const pmd_t *pgd, unsigned long va, struct pt_walk *w);

#endif
