/*
 * Host stand-in for <asm/kmap.h>. Same interface; host_mem.c implements it by mapping
 * the window onto the arena's memfd at the page's offset (mmap MAP_FIXED), so a window
 * really aliases the page, and unmapping it leaves a PROT_NONE hole that faults.
 */
#ifndef ASM_KMAP_H
#define ASM_KMAP_H

#include <kernel/types.h>

void arch_kmap_set_pte(unsigned long vaddr, phys_addr_t phys);
void arch_kmap_clear_pte(unsigned long vaddr);

#endif
