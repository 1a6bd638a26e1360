/*
 * Software page-table walk: the translation the MMU would do, read from the tables.
 * Portable: L2 tables are reached through __va() of their physical address, which holds
 * because every table lives in low memory.
 */
#include <asm/memory.h>
#include <mm/pgtable.h>

/**
 * pt_walk - walk the page tables for one address, in software
 * @pgd: the first-level table (4096 entries)
 * @va: the virtual address
 * @w: filled with the descriptors met, the physical address and attributes
 *
 * Return: true when @va is mapped.
 */
bool pt_walk(const pmd_t *pgd, unsigned long va, struct pt_walk *w)
{
	const pte_t *l2;

	*w = (struct pt_walk){ .va = va };
	w->pmd = pgd[pmd_index(va)];
	decode_pmd(w->pmd, &w->l1);
	switch (w->l1.kind) {
	case DESC_SECTION:
		w->phys = w->l1.base | (va & 0x000fffff);
		break;
	case DESC_SUPERSECTION:
		w->phys = w->l1.base | (va & 0x00ffffff);
		break;
	case DESC_TABLE:
		w->has_l2 = true;
		l2 = __va(w->l1.base);
		w->pte = l2[pte_index(va)];
		decode_pte(w->pte, &w->l2);
		if (w->l2.kind == DESC_SMALL)
			w->phys = w->l2.base | (va & 0xfff);
		else if (w->l2.kind == DESC_LARGE)
			w->phys = w->l2.base | (va & 0xffff);
		else
			return false;
		w->mapped = true;
		w->leaf = &w->l2;
		return true;
	default:
		return false;
	}
	w->mapped = true;
	w->leaf = &w->l1;
	return true;
}
