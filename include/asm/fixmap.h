/*
 * Fixed virtual slots in the FIXMAP window (0xfff00000 - 0xfffeffff): kmap_atomic()
 * windows and the console's registers (usable before the page allocator and ioremap).
 * One L2 table covers the window and the vector page above it.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include <asm/memory.h>
#include <asm/pgtable.h>
#include <kernel/compiler.h>

#define KM_TYPE_NR 16 /* kmap_atomic nesting depth */

enum fixed_addresses {
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR - 1,
	FIX_EARLYCON,
	FIX_TEXT_POKE, /* a writable alias of a text page (arch/arm/kernel/jump_label.c) */
	__end_of_fixed_addresses
};

#define __fix_to_virt(x) (FIXADDR_START + ((unsigned long)(x) << PAGE_SHIFT))

/* Install (or with phys == 0 and a == NULL, remove) the page behind a fixmap slot. */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, const struct pt_attrs *a);
/* Map the console's device page at FIX_EARLYCON. Return: the address of @phys there. */
void __iomem *fixmap_console(phys_addr_t phys);

#endif
