/*
 * The architecture's half of highmem (mm/highmem.c): write one page-table entry of the
 * PKMAP or FIXMAP area, including the maintenance that makes the change visible. The
 * portable core never touches a descriptor or a TLB itself.
 */
#ifndef ASM_KMAP_H
#define ASM_KMAP_H

#include <kernel/types.h>

/* map one page, kernel read/write, normal cached, execute-never */
void arch_kmap_set_pte(unsigned long vaddr, phys_addr_t phys);

/* unmap one page mapped by arch_kmap_set_pte() */
void arch_kmap_clear_pte(unsigned long vaddr);

#endif
