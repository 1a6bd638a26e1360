/*
 * Host stand-in for <asm/pgtable.h>: the target's descriptor encoders and decoders
 * (arch/arm/mm/pgtable-v6.c) unchanged, and table indices taken from the 32-bit ARM
 * virtual address the fake MMU gives a host address (host_arm_va() in <asm/memory.h>),
 * so that the kernel half of the host arena indexes the first-level table exactly as
 * 0xc0000000 and up does on the target.
 */
#ifndef HOST_ASM_PGTABLE_H
#define HOST_ASM_PGTABLE_H

#define pmd_index target_pmd_index
#define pte_index target_pte_index
#include_next <asm/pgtable.h>
#undef pmd_index
#undef pte_index

#include <asm/memory.h>

static inline unsigned int pmd_index(unsigned long va)
{
	return host_arm_va(va) >> 20;
}

static inline unsigned int pte_index(unsigned long va)
{
	return (host_arm_va(va) >> 12) & 0xff;
}

#endif
