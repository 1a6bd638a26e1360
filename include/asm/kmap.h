/*
 * The architecture's half of highmem (mm/highmem.c): write one page-table entry of the
 * PKMAP or FIXMAP area, including the maintenance that makes the change visible. The
 * portable core never touches a descriptor or a TLB itself.
 */
#ifndef ASM_KMAP_H
#define ASM_KMAP_H

#include <kernel/types.h>

/**
 * arch_kmap_set_pte - map one page, kernel read/write, normal cached, execute-never
 * @vaddr: page-aligned address inside PKMAP or FIXMAP (its L2 table exists since boot)
 * @phys: page-aligned physical address
 *
 * On return the mapping is usable: the PTE is written and made visible to the table
 * walker and any stale TLB entry for @vaddr is invalidated. Called with IRQs disabled.
 */
void arch_kmap_set_pte(unsigned long vaddr, phys_addr_t phys);

/**
 * arch_kmap_clear_pte - unmap one page mapped by arch_kmap_set_pte()
 * @vaddr: the same address
 *
 * On return the window is gone: the data written through it has reached memory or an
 * alias-free cache line, the PTE is a fault entry and the TLB entry for @vaddr is
 * invalidated. Called with IRQs disabled.
 */
void arch_kmap_clear_pte(unsigned long vaddr);

#endif
